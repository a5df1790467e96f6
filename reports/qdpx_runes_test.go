package reports

import (
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
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

// oldYAMLPlain is yamlPlain as it was before its ASCII table: the
// straightforward form, code point by code point, that yamlPlain must
// agree with.
func oldYAMLPlain(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '_' || r == '.' || r == '/' || r == '-' || r == ' ' || r == '(' || r == ')'):
		case r < utf8.RuneSelf:
			return false
		case unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r):
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
		return false
	}
	return true
}

// TestYAMLPlainMatchesOld checks yamlPlain against oldYAMLPlain on every
// string of one and two bytes, and on random strings of mostly plain
// pieces (so that many are plain) with now and then one that is not.
func TestYAMLPlainMatchesOld(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := yamlPlain(s), oldYAMLPlain(s); got != want {
			t.Fatalf("yamlPlain(%q) = %v, want %v", s, got, want)
		}
	}
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	plain := []string{"a", "Z", "q", "rel", ".", "_", "/", "-", " ", "(", ")", "0", "9", "é", "ĳ", "日", "٣", "Ⅻ", "ſ", "K",
		"yes", "No", "ON", "null", "TRUE", "off", "Y"}
	odd := []string{"#", ":", "\"", "\t", "\n", "\x00", "\x7f", "\xff", "\xc3", "\u00a0", "\u2028", "\ufffd", "😀", "!", "'", "&", "<"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(7) {
			if rng.IntN(10) == 0 {
				b.WriteString(odd[rng.IntN(len(odd))])
			} else {
				b.WriteString(plain[rng.IntN(len(plain))])
			}
		}
		check(b.String())
	}
}

// TestAppendSegment checks appendSegment, with its shortcut for a
// document's own segment IDs, against appendYAML's result (checked above
// against escaping yamlScalar's), on random document and segment IDs.
func TestAppendSegment(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	var sc, ref qdpxScratch
	digits := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteByte(byte('0' + rng.IntN(10)))
		}
		return b.String()
	}
	for i := range 30000 {
		id := hostileText(rng, 10)
		if i%3 == 0 {
			id = "G01/wave1/G01_" + digits() + ".txt"
		}
		sc.setSegmentDoc(id)
		segs := []string{id + "#" + digits(), id + "#" + digits() + "x", id + "#", id, id + "#1#2", "#" + digits(),
			id[:rng.IntN(len(id)+1)] + "#" + digits(), hostileText(rng, 10) + "#" + digits(), "x" + id + "#7"}
		for _, seg := range segs {
			want := string(ref.appendYAML(nil, seg))
			if got := string(sc.appendSegment(nil, seg)); got != want {
				t.Fatalf("document %q: appendSegment(%q) = %q, want %q", id, seg, got, want)
			}
		}
	}
	// A scratch that was given no document takes no shortcut.
	var fresh qdpxScratch
	if got, want := string(fresh.appendSegment(nil, "#12")), string(ref.appendYAML(nil, "#12")); got != want {
		t.Fatalf("appendSegment(%q) with no document = %q, want %q", "#12", got, want)
	}
}

// oldSelDescription is a selection's Description as appendSelDescription
// made it before its shortcuts (appendSegment, yamlMemo): every value
// through yamlScalar, escaped for XML.
func oldSelDescription(s *qdpxSel) string {
	var b strings.Builder
	if s.negated {
		b.WriteString("negated (ontkend)")
		if s.cue != "" {
			b.WriteString(": " + string(appendQDPXEscape(nil, s.cue, false)))
		}
		b.WriteString("\n\n")
	}
	b.WriteString(analysis.QDCMarker + "\ncode: " + string(appendQDPXEscape(nil, yamlScalar(s.code), false)))
	b.WriteString("\nnegated: " + strconv.FormatBool(s.negated))
	for _, kv := range [...][2]string{{"cue", s.cue}, {"source", s.source}, {"how", s.how}, {"rule", s.rule}, {"segment", s.seg}} {
		if kv[1] != "" {
			b.WriteString("\n" + kv[0] + ": " + string(appendQDPXEscape(nil, yamlScalar(kv[1]), false)))
		}
	}
	b.WriteString("\n")
	return b.String()
}

// TestSelDescriptionMatchesOld checks appendSelDescription against
// oldSelDescription on runs of selections of random documents whose
// values repeat (as the same strings or copies) and change, plain and
// not, so that the memos and the segment shortcut see every case.
func TestSelDescriptionMatchesOld(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	var sc qdpxScratch
	for range 300 {
		id := hostileText(rng, 8)
		if rng.IntN(2) == 0 {
			id = "G01/wave1/G01_interview_1.txt"
		}
		sc.setSegmentDoc(id)
		pool := []string{"", "auto", "exact", "review", "manual", "yes", "a b", "x#1", hostileText(rng, 6), hostileText(rng, 6)}
		pick := func() string {
			v := pool[rng.IntN(len(pool))]
			if rng.IntN(3) == 0 {
				v = strings.Clone(v)
			}
			return v
		}
		for range 100 {
			s := qdpxSel{code: pick(), negated: rng.IntN(4) == 0, cue: pick(), source: pick(), how: pick(), rule: pick(),
				seg: id + "#" + strconv.Itoa(rng.IntN(300))}
			if rng.IntN(5) == 0 {
				s.seg = pick()
			}
			if got, want := string(appendSelDescription(nil, &s, &sc)), oldSelDescription(&s); got != want {
				t.Fatalf("document %q, selection %+v:\n got %q\nwant %q", id, s, got, want)
			}
		}
	}
}
