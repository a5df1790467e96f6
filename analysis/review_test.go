package analysis_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

var (
	shaA = strings.Repeat("a", 64)
	shaB = strings.Repeat("b", 64)
)

// runeSpan returns the code-point span of the n-th (1-based) occurrence of
// word in text.
func runeSpan(t *testing.T, text, word string, n int) (int, int) {
	t.Helper()
	off := 0
	for i := 0; i < n; i++ {
		j := strings.Index(text[off:], word)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", text, n, word)
		}
		off += j
		if i < n-1 {
			off += len(word)
		}
	}
	s := utf8.RuneCountInString(text[:off])
	return s, s + utf8.RuneCountInString(word)
}

func TestDecisionsFileRoundTrip(t *testing.T) {
	ds := []analysis.Decision{
		{DocSHA256: shaB, Doc: "b.txt", Start: 10, End: 19, Code: "rel.neighbour", Decision: analysis.ReviewChange,
			NewCode: "rel.friend", Text: "buurvrouw", Comment: "eigenlijk\teen vriendin\nzegt ze", Reviewer: "MB", Date: "2026-01-05"},
		{DocSHA256: shaA, Doc: "a.txt", Start: 3, End: 8, Code: "place.park_green", Decision: analysis.ReviewReject,
			Text: "park", Comment: `C:\pad\r`},
		{DocSHA256: shaA, Doc: "a.txt", Start: 0, End: 20, Code: "rel.teacher", Decision: analysis.ReviewAdd,
			Text: "De juf is lief.\r\nJa."},
	}
	var buf bytes.Buffer
	if err := analysis.WriteDecisions(&buf, ds); err != nil {
		t.Fatal(err)
	}
	want := "doc_sha256\tdoc\tstart\tend\tcode\tdecision\tnew_code\ttext\tcomment\treviewer\tdate\n" +
		shaA + "\ta.txt\t0\t20\trel.teacher\tadd\t\tDe juf is lief.\\r\\nJa.\t\t\t\n" +
		shaA + "\ta.txt\t3\t8\tplace.park_green\treject\t\tpark\tC:\\\\pad\\\\r\t\t\n" +
		shaB + "\tb.txt\t10\t19\trel.neighbour\tchange\trel.friend\tbuurvrouw\teigenlijk\\teen vriendin\\nzegt ze\tMB\t2026-01-05\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("file (-want +got):\n%s", diff)
	}
	got, err := analysis.ReadDecisions("d.tsv", &buf)
	if err != nil {
		t.Fatal(err)
	}
	wantOrder := []analysis.Decision{ds[2], ds[1], ds[0]}
	if diff := cmp.Diff(wantOrder, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}
}

func TestReadDecisionsLaterLineWins(t *testing.T) {
	in := "doc_sha256\tdoc\tstart\tend\tcode\tdecision\tnew_code\ttext\n" +
		shaA + "\ta.txt\t3\t8\tc.x\treject\t\tpark\n" +
		"\n" +
		shaA + "\ta.txt\t3\t8\tc.x\taccept\t\tpark\n"
	got, err := analysis.ReadDecisions("d.tsv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Decision != analysis.ReviewAccept {
		t.Errorf("got %+v, want the one accept", got)
	}
}

func TestReadDecisionsErrors(t *testing.T) {
	head := strings.Join(analysis.DecisionsHeader(), "\t") + "\n"
	row := func(fields ...string) string { return strings.Join(fields, "\t") + "\n" }
	cases := []struct {
		name, in string
		want     []string // substrings of the error
	}{
		{"no header", "", []string{"d.tsv: no header line"}},
		{"unknown column", "doc_sha256\tdoc\tstart\tend\tcode\tdecision\tnew_code\ttext\twho\n", []string{"d.tsv:1:", `unknown column "who"`}},
		{"missing column", "doc_sha256\tdoc\tstart\tend\tcode\tdecision\n", []string{"d.tsv:1:", "missing column(s) new_code, text"}},
		{"bad lines", head +
			row(shaA, "a.txt", "3", "8", "c", "reject", "", "park", "", "", "") +
			row(shaA, "a.txt", "x", "8", "c", "reject", "", "park", "", "", "") +
			row("ABC", "a.txt", "3", "8", "c", "change", "", "park", "", "", "") +
			row(shaA, "a.txt", "3", "8", "c", "reject", "", `par\k`, "", "", "") +
			row(shaA, "a.txt", "3", "8") +
			row(shaA, "a.txt", "9", "8", "c", "maybe", "", "", "", "", ""),
			[]string{
				`d.tsv:3: column start: not a whole number: "x"`,
				"d.tsv:4: doc_sha256: want 64 lower-case hex digits",
				"d.tsv:4: new_code: a change needs a code",
				`d.tsv:5: column text, byte 4: unknown escape \k`,
				"d.tsv:6: 4 fields, the header has 11",
				"d.tsv:7: span 9-8",
				`d.tsv:7: decision: must be one of [accept reject change add] (got "maybe")`,
				"d.tsv:7: text: empty",
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := analysis.ReadDecisions("d.tsv", strings.NewReader(tc.in))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			var de *analysis.DecisionsError
			if !errors.As(err, &de) {
				t.Errorf("not a *DecisionsError: %T", err)
			}
		})
	}
}

func FuzzDecisionsField(f *testing.F) {
	for _, s := range []string{"", "a\tb", "\\t", "x\\", "\r\n\\\\n", "héé\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		d := analysis.Decision{DocSHA256: shaA, Doc: s, Start: 1, End: 2, Code: "c", Decision: analysis.ReviewAccept, Text: "x" + s, Comment: s}
		var buf bytes.Buffer
		if err := analysis.WriteDecisions(&buf, []analysis.Decision{d}); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(buf.String(), "\n"); n != 2 {
			t.Fatalf("%d lines for one decision: %q", n, buf.String())
		}
		got, err := analysis.ReadDecisions("f", &buf)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if len(got) != 1 || got[0] != d {
			t.Fatalf("round trip of %q: %+v", s, got)
		}
	})
}

// reviewDoc builds a small transcript, codes it with the default codebook
// and checks that the codings the tests rely on are there.
func reviewDoc(t *testing.T, text string) (*analysis.Codebook, *corpus.Document, []analysis.Coding) {
	t.Helper()
	cb, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := corpus.Build("g/a.txt", "txt", corpus.Extract{Text: text}, corpus.Metadata{Case: "G", Kind: corpus.KindTranscript}, corpus.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	doc.Reading.SHA256 = shaA
	codings := analysis.CodeDocument(cb, doc)
	return cb, doc, codings
}

const reviewText = "Moeder: Mijn buurvrouw past vaak op. We gaan naar de speeltuin.\nMoeder: De juf is lief.\n"

// brief describes codings as "code term source how".
func brief(ks []analysis.Coding) []string {
	var out []string
	for _, k := range ks {
		out = append(out, fmt.Sprintf("%s %q %s %s %d-%d", k.Code, k.Term, k.Source, k.How, k.Start, k.End))
	}
	return out
}

func TestApplyDecisions(t *testing.T) {
	cb, doc, codings := reviewDoc(t, reviewText)
	bs, be := runeSpan(t, reviewText, "buurvrouw", 1)
	ss, se := runeSpan(t, reviewText, "speeltuin", 1)
	js, je := runeSpan(t, reviewText, "juf", 1)
	gs, ge := runeSpan(t, reviewText, "De juf is lief.", 1)
	before := []string{
		fmt.Sprintf("rel.neighbour %q auto", "buurvrouw"),
		fmt.Sprintf("place.playground %q auto", "speeltuin"),
		fmt.Sprintf("rel.teacher %q auto", "juf"),
	}
	got := strings.Join(brief(codings), "\n")
	for _, b := range before {
		if !strings.Contains(got, b) {
			t.Fatalf("precondition: the default codebook no longer codes %s:\n%s", b, got)
		}
	}
	dec := func(start, end int, code, decision, newCode, text string) analysis.Decision {
		return analysis.Decision{DocSHA256: shaA, Doc: "g/a.txt", Start: start, End: end, Code: code, Decision: decision, NewCode: newCode, Text: text}
	}
	set := analysis.NewDecisionSet([]analysis.Decision{
		dec(bs, be, "rel.neighbour", analysis.ReviewReject, "", "buurvrouw"),
		dec(ss, se, "place.playground", analysis.ReviewChange, "place.park_green", "speeltuin"),
		dec(js, je, "rel.teacher", analysis.ReviewAccept, "", "juf"),
		dec(gs, ge, "rel.friend", analysis.ReviewAdd, "", "De juf is lief."),
	})
	out, stale, counts := analysis.ApplyDecisions(cb.Spec(), doc, codings, set)
	if len(stale) != 0 {
		t.Errorf("stale: %+v", stale)
	}
	// Expected: the input with buurvrouw gone, speeltuin recoded, juf
	// accepted, and the added coding after the codings that start before it
	// in its segment (none: it starts at the segment's start).
	var want []string
	for _, k := range codings {
		switch {
		case k.Start == bs && k.Code == "rel.neighbour":
		case k.Start == ss && k.Code == "place.playground":
			want = append(want, fmt.Sprintf("place.park_green %q review review %d-%d", "speeltuin", ss, se))
		case k.Start == js && k.Code == "rel.teacher":
			if k.Start >= gs {
				want = append(want, fmt.Sprintf("rel.friend %q review review %d-%d", "De juf is lief.", gs, ge))
			}
			want = append(want, fmt.Sprintf("rel.teacher %q review %s %d-%d", "juf", k.How, js, je))
		default:
			want = append(want, brief([]analysis.Coding{k})...)
		}
	}
	if diff := cmp.Diff(want, brief(out)); diff != "" {
		t.Errorf("reviewed codings (-want +got):\n%s", diff)
	}
	for _, k := range out {
		switch k.Code {
		case "place.park_green":
			if k.Category != analysis.CatPlace || k.Rule != "" || k.Segment == "" {
				t.Errorf("changed coding: %+v", k)
			}
		case "rel.friend":
			if k.Category != analysis.CatRelation || k.Segment != doc.Segments[len(doc.Segments)-1].ID || k.Role != "parent" || k.Text != "De juf is lief." || k.Negated {
				t.Errorf("added coding: %+v", k)
			}
		}
	}
	wantCounts := analysis.ReviewCounts{Auto: len(codings) - 3, Accepted: 1, Changed: 1, Rejected: 1, Added: 1}
	if counts != wantCounts {
		t.Errorf("counts %+v, want %+v", counts, wantCounts)
	}
	if len(codings) > 0 && codings[0].Source != analysis.SourceAuto {
		t.Errorf("ApplyDecisions changed its input")
	}
}

func TestApplyDecisionsStale(t *testing.T) {
	cb, doc, codings := reviewDoc(t, reviewText)
	bs, be := runeSpan(t, reviewText, "buurvrouw", 1)
	ss, se := runeSpan(t, reviewText, "speeltuin", 1)
	js, je := runeSpan(t, reviewText, "juf", 1)
	dec := func(start, end int, code, decision, newCode, text string) analysis.Decision {
		return analysis.Decision{DocSHA256: shaA, Doc: "g/a.txt", Start: start, End: end, Code: code, Decision: decision, NewCode: newCode, Text: text}
	}
	cases := []struct {
		name   string
		d      analysis.Decision
		reason string
	}{
		{"text changed", dec(bs, be, "rel.neighbour", analysis.ReviewReject, "", "buurman"), analysis.StaleTextChanged},
		{"span past the end", dec(len(reviewText)-2, len(reviewText)+5, "rel.neighbour", analysis.ReviewReject, "", "x"), analysis.StaleTextChanged},
		{"no such coding", dec(bs, be, "rel.friend", analysis.ReviewReject, "", "buurvrouw"), analysis.StaleNoCoding},
		{"unknown new code", dec(ss, se, "place.playground", analysis.ReviewChange, "place.nope", "speeltuin"), analysis.StaleUnknownCode},
		{"unknown added code", dec(js, je, "rel.nope", analysis.ReviewAdd, "", "juf"), analysis.StaleUnknownCode},
		{"add across segments", dec(ss, je, "rel.friend", analysis.ReviewAdd, "", []string{string([]rune(reviewText)[ss:je])}[0]), analysis.StaleNoSegment},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, stale, counts := analysis.ApplyDecisions(cb.Spec(), doc, codings, analysis.NewDecisionSet([]analysis.Decision{tc.d}))
			if len(stale) != 1 || stale[0].Reason != tc.reason || stale[0].Decision != tc.d {
				t.Fatalf("stale %+v, want one with reason %q", stale, tc.reason)
			}
			if diff := cmp.Diff(brief(codings), brief(out)); diff != "" {
				t.Errorf("a stale decision changed the codings (-want +got):\n%s", diff)
			}
			if counts.Stale != 1 || counts.Auto != len(codings) {
				t.Errorf("counts %+v", counts)
			}
		})
	}
}

// TestApplyDecisionsEditedFile: a file whose hash changed is found by its
// path; decisions hold where their text is still there.
func TestApplyDecisionsEditedFile(t *testing.T) {
	edited := strings.Replace(reviewText, "vaak", "VAAK", 1) // same length: spans stay
	edited = strings.Replace(edited, "speeltuin", "Speeltuin", 1)
	cb, doc, codings := reviewDoc(t, edited)
	doc.Reading.SHA256 = shaB
	bs, be := runeSpan(t, reviewText, "buurvrouw", 1)
	ss, se := runeSpan(t, reviewText, "speeltuin", 1)
	set := analysis.NewDecisionSet([]analysis.Decision{
		{DocSHA256: shaA, Doc: "g/a.txt", Start: bs, End: be, Code: "rel.neighbour", Decision: analysis.ReviewReject, Text: "buurvrouw"},
		{DocSHA256: shaA, Doc: "g/a.txt", Start: ss, End: se, Code: "place.playground", Decision: analysis.ReviewReject, Text: "speeltuin"},
		{DocSHA256: shaA, Doc: "other.txt", Start: 0, End: 3, Code: "rel.friend", Decision: analysis.ReviewAdd, Text: "abc"},
	})
	if ds, isEdited := set.For(doc); len(ds) != 2 || !isEdited {
		t.Fatalf("For: %d decisions, edited %v", len(ds), isEdited)
	}
	_, stale, counts := analysis.ApplyDecisions(cb.Spec(), doc, codings, set)
	if counts.Rejected != 1 || len(stale) != 1 || stale[0].Code != "place.playground" || stale[0].Now != "Speeltuin" {
		t.Errorf("counts %+v, stale %+v", counts, stale)
	}
	unused := set.Unused(map[string]string{"g/a.txt": shaB})
	if len(unused) != 1 || unused[0].Doc != "other.txt" {
		t.Errorf("unused %+v", unused)
	}
	// Once a decision exists for the file's current hash, the old hash's
	// decisions no longer apply by path: they are unused.
	set2 := analysis.NewDecisionSet(append(set.All()[:2:2], analysis.Decision{DocSHA256: shaB, Doc: "g/a.txt", Start: bs, End: be, Code: "rel.neighbour", Decision: analysis.ReviewAccept, Text: "buurvrouw"}))
	if ds, isEdited := set2.For(doc); len(ds) != 1 || isEdited {
		t.Errorf("For with a decision on the current hash: %d, edited %v", len(ds), isEdited)
	}
	if u := set2.Unused(map[string]string{"g/a.txt": shaB}); len(u) != 2 {
		t.Errorf("unused: %+v", u)
	}
}

func TestMergeDecisions(t *testing.T) {
	d := func(code, decision, newCode string, start int) analysis.Decision {
		return analysis.Decision{DocSHA256: shaA, Doc: "a.txt", Start: start, End: start + 4, Code: code, Decision: decision, NewCode: newCode, Text: "text"}
	}
	note := func(x analysis.Decision, c string) analysis.Decision { x.Comment = c; return x }
	cases := []struct {
		name          string
		old, incoming []analysis.Decision
		want          []analysis.Decision
		stats         analysis.MergeStats
	}{
		{"new and replace",
			[]analysis.Decision{d("x", "reject", "", 0), d("y", "accept", "", 10)},
			[]analysis.Decision{d("x", "accept", "", 0), d("z", "reject", "", 20), d("y", "accept", "", 10)},
			[]analysis.Decision{d("x", "accept", "", 0), d("y", "accept", "", 10), d("z", "reject", "", 20)},
			analysis.MergeStats{New: 1, Changed: 1, Unchanged: 1}},
		{"empty comment keeps the old one",
			[]analysis.Decision{note(d("x", "reject", "", 0), "nee")},
			[]analysis.Decision{d("x", "reject", "", 0)},
			[]analysis.Decision{note(d("x", "reject", "", 0), "nee")},
			analysis.MergeStats{Unchanged: 1}},
		{"reject a changed coding",
			[]analysis.Decision{d("x", "change", "y", 0)},
			[]analysis.Decision{d("y", "reject", "", 0)},
			[]analysis.Decision{d("x", "reject", "", 0)},
			analysis.MergeStats{Changed: 1}},
		{"change a changed coding",
			[]analysis.Decision{d("x", "change", "y", 0)},
			[]analysis.Decision{d("y", "change", "z", 0)},
			[]analysis.Decision{d("x", "change", "z", 0)},
			analysis.MergeStats{Changed: 1}},
		{"change back",
			[]analysis.Decision{d("x", "change", "y", 0)},
			[]analysis.Decision{d("y", "change", "x", 0)},
			[]analysis.Decision{d("x", "accept", "", 0)},
			analysis.MergeStats{Changed: 1}},
		{"accept a changed coding",
			[]analysis.Decision{d("x", "change", "y", 0)},
			[]analysis.Decision{note(d("y", "accept", "", 0), "ok")},
			[]analysis.Decision{note(d("x", "change", "y", 0), "ok")},
			analysis.MergeStats{Changed: 1}},
		{"reject an added coding",
			[]analysis.Decision{d("y", "add", "", 0)},
			[]analysis.Decision{d("y", "reject", "", 0)},
			[]analysis.Decision{},
			analysis.MergeStats{Removed: 1}},
		{"change an added coding",
			[]analysis.Decision{d("y", "add", "", 0)},
			[]analysis.Decision{d("y", "change", "z", 0)},
			[]analysis.Decision{d("z", "add", "", 0)},
			analysis.MergeStats{Changed: 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, st := analysis.MergeDecisions(tc.old, tc.incoming)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("merged (-want +got):\n%s", diff)
			}
			if st != tc.stats {
				t.Errorf("stats %+v, want %+v", st, tc.stats)
			}
		})
	}
}
