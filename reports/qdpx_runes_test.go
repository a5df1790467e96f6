package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRuneCounting checks countRunes and advanceRunes against the
// standard library on random valid UTF-8.
func TestRuneCounting(t *testing.T) {
	pieces := []string{"a", "Moeder zegt ", "\n", "é", "ĳ", "—", "日本", "😀", "abcdefghij", " ", "…"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		n := utf8.RuneCountInString(s)
		if got := countRunes(s); got != n {
			t.Fatalf("countRunes(%q) = %d, want %d", s, got, n)
		}
		// Byte offset of every code point.
		var at []int
		for j := range s {
			at = append(at, j)
		}
		at = append(at, len(s))
		for range 20 {
			from := rng.IntN(n + 1)
			k := rng.IntN(n - from + 1)
			if got := advanceRunes(s, at[from], k); got != at[from+k] {
				t.Fatalf("advanceRunes(%q, %d, %d) = %d, want %d", s, at[from], k, got, at[from+k])
			}
		}
	}
}

// TestYAMLPlainWords checks that the words YAML 1.1 reads as booleans or
// null are quoted in any case, also behind the first-byte shortcut.
func TestYAMLPlainWords(t *testing.T) {
	for _, w := range []string{"y", "n", "yes", "no", "on", "off", "true", "false", "null"} {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:]} {
			if yamlPlain(v) {
				t.Errorf("yamlPlain(%q) = true", v)
			}
		}
	}
	for _, v := range []string{"auto", "exact", "rel.neighbour", "Yesterday", "nope", "fac.school"} {
		if !yamlPlain(v) {
			t.Errorf("yamlPlain(%q) = false", v)
		}
	}
}

// TestAppendYAMLEscapes checks appendYAML's shortcuts against escaping
// yamlScalar's result for XML, on random strings of awkward characters.
func TestAppendYAMLEscapes(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", ".", "#", "/", "&", "<", ">", "\"", "\\", "\r", "\n", "\t", "\x01", "\x7f", "é", "\u2028", "\uFFFE", "\uFFFF", "\xff", "yes", "(", "_"}
	rng := rand.New(rand.NewPCG(7, 8))
	var sc qdpxScratch
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := string(appendQDPXEscape(nil, yamlScalar(s), false))
		if got := string(sc.appendYAML(nil, s)); got != want {
			t.Fatalf("appendYAML(%q) = %q, want %q", s, got, want)
		}
	}
}
