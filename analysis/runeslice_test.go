package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// refRuneSlice is runeSlice as it was: one code point at a time.
func refRuneSlice(s string, start, end int) string {
	b0, b1, n := -1, -1, 0
	for i := range s {
		if n == start {
			b0 = i
		}
		if n == end {
			b1 = i
			break
		}
		n++
	}
	if b1 < 0 && n == end {
		b1 = len(s)
	}
	if b0 < 0 || b1 < b0 {
		return ""
	}
	return s[b0:b1]
}

// TestRuneSliceMatchesReference compares runeSlice with the code point
// loop on random strings of ASCII runs, multi-byte letters and invalid
// bytes, for every start and end around and beyond the string.
func TestRuneSliceMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "abcdefgh", "De buurvrouw past op ", "é", "ĳ", "’", "\xff", "\xe2\x80", "🙂", " ", "0123456789abcdef"}
	for round := range 3000 {
		var sb strings.Builder
		for range r.IntN(12) {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		s := sb.String()
		n := len([]rune(s))
		for start := -2; start <= n+2; start++ {
			for end := start - 2; end <= n+3; end++ {
				if got, want := runeSlice(s, start, end), refRuneSlice(s, start, end); got != want {
					t.Fatalf("round %d: runeSlice(%q, %d, %d) = %q, want %q", round, s, start, end, got, want)
				}
			}
		}
	}
}

// TestRuneCountMatchesUTF8 compares runeCount with
// utf8.RuneCountInString on random strings of ASCII runs, multi-byte
// letters and invalid bytes, and on every suffix of each.
func TestRuneCountMatchesUTF8(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	parts := []string{"a", "abcdefgh", "De buurvrouw past op ", "é", "ĳ", "’", "\xff", "\xe2\x80", "\x80", "🙂", " ", "0123456789abcdef", "\xf0\x9f"}
	for round := range 3000 {
		var sb strings.Builder
		for range r.IntN(16) {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		s := sb.String()
		for i := range len(s) + 1 {
			if got, want := runeCount(s[i:]), utf8.RuneCountInString(s[i:]); got != want {
				t.Fatalf("round %d: runeCount(%q) = %d, want %d", round, s[i:], got, want)
			}
		}
	}
}

// BenchmarkRuneCount counts the code points of a segment-sized text, as
// Accumulator.Add does for each segment: "new" is runeCount, "ref"
// utf8.RuneCountInString.
func BenchmarkRuneCount(b *testing.B) {
	s := "Mijn buurvrouw past soms op als ik naar mijn werk moet, en dan gaan ze samen naar de speeltuin achter de flat bij het café."
	for _, f := range []struct {
		name string
		fn   func(string) int
	}{{"new", runeCount}, {"ref", utf8.RuneCountInString}} {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if f.fn(s) == 0 {
					b.Fatal("empty")
				}
			}
		})
	}
}

// BenchmarkRuneSlice cuts a term near the end of a segment-sized text, as
// quote candidates do: "new" is runeSlice, "ref" the code point loop.
func BenchmarkRuneSlice(b *testing.B) {
	s := "Mijn buurvrouw past soms op als ik naar mijn werk moet, en dan gaan ze samen naar de speeltuin achter de flat bij het café."
	start := len([]rune(s)) - 20
	for _, f := range []struct {
		name string
		fn   func(string, int, int) string
	}{{"new", runeSlice}, {"ref", refRuneSlice}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if f.fn(s, start, start+9) == "" {
					b.Fatal("empty")
				}
			}
		})
	}
}
