package corpus

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// codePointsRef is the table codePoints replaced: the code-point offset at
// each byte offset, an offset inside a multi-byte sequence counting as its
// code point.
func codePointsRef(s string) []int {
	idx := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			idx[i+k] = n
		}
		i += size
		n++
	}
	idx[len(s)] = n
	return idx
}

func TestCodePointsAgreesWithTable(t *testing.T) {
	pieces := []string{"a", "Moeder: ", "\n", "é", "ĳ", "—", "日本", "😀", "\xff", "\xc3", "\xe2\x80", "abcdefghij", " "}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 5000 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		ref := codePointsRef(s)
		cp := newCodePoints(s)
		// Mostly increasing offsets, as Build asks them, with a step back now
		// and then.
		off := 0
		for range 40 {
			if rng.IntN(8) == 0 {
				off = rng.IntN(len(s) + 1)
			} else if rng.IntN(4) == 0 {
				off = min(len(s), off+rng.IntN(40))
			} else {
				off = min(len(s), off+rng.IntN(6))
			}
			if got := cp.at(off); got != ref[off] {
				t.Fatalf("case %d: %q at %d = %d, want %d", i, s, off, got, ref[off])
			}
		}
	}
}

func TestSegmentIDs(t *testing.T) {
	for _, total := range []int{0, 1, 9, 10, 11, 99, 100, 101, 1234, 10_000, 100_001} {
		ids := newSegmentIDs("C1/a.txt", total)
		var want strings.Builder
		for n := 1; n <= total; n++ {
			id := "C1/a.txt#" + strconv.Itoa(n)
			want.WriteString(id)
			if got := ids.next(); got != id {
				t.Fatalf("ID %d of %d = %q, want %q", n, total, got, id)
			}
		}
		if ids.all != want.String() {
			t.Fatalf("%d IDs: %d bytes, want %d", total, len(ids.all), want.Len())
		}
	}
}

// paragraphsRef is appendParagraphs as it was, byte by byte, without
// lineParas: the reference the one that jumps to line feeds must agree
// with.
func paragraphsRef(s string) [][2]int {
	var out [][2]int
	start := 0
	i := 0
	for i <= len(s) {
		if i == len(s) {
			if a, b := trimRange(s, start, i); a < b {
				out = append(out, [2]int{a, b})
			}
			break
		}
		if s[i] == '\n' {
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
				j++
			}
			if j < len(s) && s[j] == '\n' {
				if a, b := trimRange(s, start, i); a < b {
					out = append(out, [2]int{a, b})
				}
				for j < len(s) && (s[j] == '\n' || s[j] == ' ' || s[j] == '\t') {
					j++
				}
				start, i = j, j
				continue
			}
		}
		i++
	}
	return out
}

func TestParagraphsAgreeWithReference(t *testing.T) {
	pieces := []string{"a", "Moeder: ja", " ", "\t", "\n", "\n\n", "\r", "é"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		got, want := appendParagraphs(nil, s, 0, false), paragraphsRef(s)
		if !slices.Equal(got, want) {
			t.Fatalf("appendParagraphs(%q) = %v, want %v", s, got, want)
		}
	}
}
