package reports

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
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

// TestQDPXRepeatedSelections: the n-th coding of the same span and code,
// in coding order, gets ":n" in its selection's GUID key, wherever the
// others stand among the codings.
func TestQDPXRepeatedSelections(t *testing.T) {
	doc := &corpus.Document{ID: "G1/a.txt", Text: "De buren en de buren.", Meta: corpus.Metadata{Case: "G1"}}
	c := func(start, end int, rule string) analysis.Coding {
		return analysis.Coding{Doc: doc.ID, Code: "rel.neighbour", Start: start, End: end, Rule: rule, Source: analysis.SourceAuto}
	}
	codings := []analysis.Coding{c(15, 20, "r1"), c(3, 8, "r2"), c(15, 20, "r3"), c(3, 8, "r4"), c(15, 20, "r5")}
	want := map[string]string{"r1": "15:20:rel.neighbour", "r2": "3:8:rel.neighbour", "r3": "15:20:rel.neighbour:2",
		"r4": "3:8:rel.neighbour:2", "r5": "15:20:rel.neighbour:3"}
	q, err := NewQDPX(io.Discard, fixtureSpec(), "x")
	if err != nil {
		t.Fatal(err)
	}
	defer q.Discard()
	d := q.Render(doc, codings)
	if d.err != nil {
		t.Fatal(d.err)
	}
	src, err := io.ReadAll(flate.NewReader(bytes.NewReader(d.source.Bytes())))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) { // a sync-flushed piece of a stream
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)<PlainTextSelection guid="([^"]*)".*?rule: (r\d)`)
	ms := re.FindAllStringSubmatch(string(src), -1)
	if len(ms) != len(codings) {
		t.Fatalf("%d selections, want %d:\n%s", len(ms), len(codings), src)
	}
	for _, m := range ms {
		if key := "selection:" + d.guid + ":" + want[m[2]]; m[1] != QDPXGUID(key) {
			t.Errorf("selection of %s: GUID %s, want that of %q", m[2], m[1], key)
		}
	}
}
