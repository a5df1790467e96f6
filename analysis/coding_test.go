package analysis

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
)

// refCodeDocument is CodeDocument before the speed work, with the
// reference matcher.
func refCodeDocument(cb *Codebook, doc *corpus.Document) []Coding {
	var out []Coding
	runes := []rune(doc.Text)
	turnText := make([]string, len(doc.Turns))
	for i, t := range doc.Turns {
		turnText[i] = string(runes[t.Body.Start:t.Body.End])
	}
	for _, s := range doc.Segments {
		t := doc.Turns[s.Turn]
		for _, m := range cb.refMatch(s.Text, Context{Role: t.Role, Window: turnText[s.Turn]}) {
			out = append(out, Coding{
				Doc: doc.ID, Case: doc.Meta.Case, Speaker: t.Speaker, Role: t.Role, Voice: t.Voice,
				Segment: s.ID, SegN: s.N,
				Start: s.Span.Start + m.Start, End: s.Span.Start + m.End,
				Code: m.Code, Category: m.Category, Term: m.Surface, Rule: m.Term, How: m.How,
				Negated: m.Negated, NegCue: m.NegCue, Source: SourceAuto,
				Line: s.Line, Time: s.Time, Text: s.Text,
			})
		}
	}
	return out
}

// TestCodeDocumentAgreesWithReference codes every document of the demo
// corpus (all input formats, near-rules with turn windows) and compares
// with the reference.
func TestCodeDocumentAgreesWithReference(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	fsys, o := demo.FS(), corpus.DefaultOptions()
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := corpus.List(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	coded := 0
	for _, f := range files {
		doc, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			continue // the demo has broken files on purpose
		}
		got, want := CodeDocument(cb, doc), refCodeDocument(cb, doc)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("%s: CodeDocument differs from the reference (-want +got):\n%s", f, d)
		}
		coded += len(got)
	}
	if coded == 0 {
		t.Fatal("the demo corpus gave no codings")
	}
}

// TestTurnTexts checks that turn bodies cut by byte offsets are the ones
// cut by code points, for text with multi-byte characters, turns out of
// order, and invalid UTF-8.
func TestTurnTexts(t *testing.T) {
	for _, text := range []string{
		"Moeder: De crèche is dichtbij.\nVader: Ĳs en 😀 en geïnteresseerd.\nKind: ja",
		"plain ascii text only here",
		"Moeder: bad \xff byte and é.\nVader: more",
	} {
		runes := []rune(text)
		n := len(runes)
		doc := &corpus.Document{Text: text, Turns: []corpus.Turn{
			{Body: corpus.Span{Start: 8, End: n / 2}},
			{Body: corpus.Span{Start: 0, End: 3}},
			{Body: corpus.Span{Start: n / 2, End: n}},
			{Body: corpus.Span{Start: n, End: n}},
			{Body: corpus.Span{Start: 2, End: 2}},
		}}
		got := turnTexts(doc)
		for i, tu := range doc.Turns {
			if want := string(runes[tu.Body.Start:tu.Body.End]); got[i] != want {
				t.Errorf("%q turn %d %v: got %q, want %q", text, i, tu.Body, got[i], want)
			}
		}
	}
}
