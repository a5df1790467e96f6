package analysis

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

// ---- helpers: hand-made documents and codings ----

// aggTurn is one turn of a hand-made document: a speaker label, its role and
// its segments' texts. Codes in a segment text are marked with [term|code]
// or [term|code|neg]; the marks are removed from the text and become
// codings.
type aggTurn struct {
	speaker, role string
	segs          []string
}

// aggSpec is a small codebook: two relations, two places, two facilities,
// two qualities, formal help and strain.
func aggSpec() *CodebookSpec {
	c := func(id string, cat Category) CodeSpec { return CodeSpec{ID: id, Category: cat} }
	return &CodebookSpec{ID: "test", Version: "1", Language: "nl", Codes: []CodeSpec{
		c("rel.neighbour", CatRelation),
		c("rel.coach", CatRelation),
		c("place.street", CatPlace),
		c("place.playground", CatPlace),
		c("fac.school", CatFacility),
		c("fac.sportclub", CatFacility),
		c("qual.unsafe", CatQuality),
		c("qual.welcome", CatQuality),
		c("help.wijkteam", CatFormalHelp),
		c("strain.overload", CatStrain),
	}}
}

// aggDoc builds a Document and its codings. Each turn is written as
// "speaker: seg seg ...\n"; segments are numbered from 1 across the
// document. The voice of each turn follows corpus.VoiceOf.
func aggDoc(t *testing.T, spec *CodebookSpec, id, caseID, wave string, kind corpus.Kind, turns ...aggTurn) (*corpus.Document, []Coding) {
	t.Helper()
	cats := map[string]Category{}
	for _, c := range spec.Codes {
		cats[c.ID] = c.Category
	}
	doc := &corpus.Document{ID: id, Format: "txt", Meta: corpus.Metadata{Case: caseID, Kind: kind, Wave: wave, Wijk: "Noord"}}
	var text []rune
	var codings []Coding
	for ti, tt := range turns {
		turn := corpus.Turn{Index: ti, Speaker: tt.speaker, Role: tt.role, Voice: corpus.VoiceOf(kind, tt.role), Line: ti + 1}
		turn.Span.Start = len(text)
		text = append(text, []rune(tt.speaker+": ")...)
		turn.Body.Start = len(text)
		for si, raw := range tt.segs {
			if si > 0 {
				text = append(text, ' ')
			}
			n := len(doc.Segments) + 1
			seg := corpus.Segment{ID: id + "#" + strconv.Itoa(n), N: n, Turn: ti, Line: ti + 1}
			seg.Span.Start = len(text)
			var segText []rune
			var segCodings []Coding
			rest := raw
			for {
				i := strings.Index(rest, "[")
				if i < 0 {
					segText = append(segText, []rune(rest)...)
					break
				}
				segText = append(segText, []rune(rest[:i])...)
				j := strings.Index(rest, "]")
				parts := strings.Split(rest[i+1:j], "|")
				rest = rest[j+1:]
				start := seg.Span.Start + len(segText)
				segText = append(segText, []rune(parts[0])...)
				cat, ok := cats[parts[1]]
				if !ok {
					t.Fatalf("unknown code %q", parts[1])
				}
				segCodings = append(segCodings, Coding{Doc: id, Case: caseID, Speaker: tt.speaker, Role: tt.role, Voice: turn.Voice,
					Segment: seg.ID, SegN: n, Start: start, End: start + len([]rune(parts[0])), Code: parts[1], Category: cat,
					Term: parts[0], Negated: len(parts) > 2 && parts[2] == "neg", Source: SourceAuto, Line: seg.Line})
			}
			text = append(text, segText...)
			seg.Span.End = len(text)
			seg.Text = string(segText)
			for i := range segCodings {
				segCodings[i].Text = seg.Text
			}
			codings = append(codings, segCodings...)
			doc.Segments = append(doc.Segments, seg)
		}
		turn.Body.End = len(text)
		turn.Span.End = len(text)
		text = append(text, '\n')
		doc.Turns = append(doc.Turns, turn)
	}
	doc.Text = string(text)
	doc.Reading.Words = len(strings.Fields(doc.Text))
	// The spans must point at the evidence in the document's text.
	for _, c := range codings {
		if got := string(text[c.Start:c.End]); got != c.Term {
			t.Fatalf("helper: span %d..%d is %q, want %q", c.Start, c.End, got, c.Term)
		}
	}
	return doc, codings
}

func aggNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

type aggInput struct {
	doc     *corpus.Document
	codings []Coding
}

func aggregateAll(spec *CodebookSpec, opt ResultsOptions, docs ...aggInput) *Results {
	a := NewAccumulator(spec, opt)
	for _, d := range docs {
		a.Add(d.doc, d.codings)
	}
	return a.Results()
}

// aggCaseA is a transcript of case A (interviewer, mother, child) and a notes
// document of the same case.
func aggCaseA(t *testing.T, spec *CodebookSpec) []aggInput {
	d1, c1 := aggDoc(t, spec, "A/interview.txt", "A", "1", corpus.KindTranscript,
		aggTurn{"I", corpus.RoleInterviewer, []string{"Kent u de [buren|rel.neighbour]?"}},
		aggTurn{"Moeder", corpus.RoleParent, []string{
			"De [buurvrouw|rel.neighbour] en de [buurman|rel.neighbour] helpen.",
			"In de [speeltuin|place.playground] is het [onveilig|qual.unsafe].",
			"Niets bijzonders."}},
		aggTurn{"Kind", corpus.RoleChild, []string{"De [buurman|rel.neighbour] is aardig."}},
	)
	d2, c2 := aggDoc(t, spec, "A/notes.txt", "A", "1", corpus.KindNotes,
		aggTurn{"", corpus.RoleProfessional, []string{"[Buren|rel.neighbour|neg] helpen niet.", "Contact met de [school|fac.school]."}},
	)
	return []aggInput{{d1, c1}, {d2, c2}}
}

// ---- tests ----

func TestMatrixCountsAndShares(t *testing.T) {
	spec := aggSpec()
	r := aggregateAll(spec, ResultsOptions{}, aggCaseA(t, spec)...)

	// Own voice: segments 2..5 of the interview are own (mother 3, child 1).
	// rel.neighbour: mentions buurvrouw, buurman (seg 2), buurman (seg 5) = 3;
	// segments 2 and 5 = 2; share 2/4.
	m, s, sh, ok := r.ByCase.Own.At("A", "rel.neighbour")
	if !ok || m != 3 || s != 2 || !aggNear(sh, 0.5) {
		t.Errorf("own A rel.neighbour = %d, %d, %v, %v; want 3, 2, 0.5", m, s, sh, ok)
	}
	if got := r.ByCase.Own.RowSegments[r.ByCase.Own.Row("A")]; got != 4 {
		t.Errorf("own segments of A = %d, want 4", got)
	}
	// Interviewer: one segment, one mention: share 1.
	if m, s, sh, _ := r.ByCase.Interviewer.At("A", "rel.neighbour"); m != 1 || s != 1 || !aggNear(sh, 1) {
		t.Errorf("interviewer A rel.neighbour = %d, %d, %v; want 1, 1, 1", m, s, sh)
	}
	// Notes: two segments; Buren (negated) and school.
	if m, s, sh, _ := r.ByCase.Notes.At("A", "rel.neighbour"); m != 1 || s != 1 || !aggNear(sh, 0.5) {
		t.Errorf("notes A rel.neighbour = %d, %d, %v; want 1, 1, 0.5", m, s, sh)
	}
	// The notes' school never counts in own voice, nor in own rows.
	if m, s, _, _ := r.ByCase.Own.At("A", "fac.school"); m != 0 || s != 0 {
		t.Errorf("own A fac.school = %d, %d; want 0, 0 (only in notes)", m, s)
	}
	for _, mx := range []*Matrix{r.ByRole, r.ByWijk, r.ByWave} {
		for _, row := range mx.Rows {
			if m, _, _, _ := mx.At(row, "fac.school"); m != 0 {
				t.Errorf("row %q counts fac.school from notes: %d", row, m)
			}
		}
	}
	if st := r.CodeStats[4]; st.Code != "fac.school" || st.Counts.Own.Mentions != 0 || st.Counts.Notes.Mentions != 1 || len(st.Cases) != 0 || len(st.Quotes) != 0 {
		t.Errorf("fac.school stats = %+v; want only a notes mention, no own cases or quotes", st)
	}
	// By role: parent has 3 segments, neighbour in 1 of them; child 1 of 1.
	if m, s, sh, ok := r.ByRole.At("A/parent", "rel.neighbour"); !ok || m != 2 || s != 1 || !aggNear(sh, 1.0/3) {
		t.Errorf("A/parent rel.neighbour = %d, %d, %v, %v; want 2, 1, 1/3", m, s, sh, ok)
	}
	if m, s, sh, _ := r.ByRole.At("A/child", "rel.neighbour"); m != 1 || s != 1 || !aggNear(sh, 1) {
		t.Errorf("A/child rel.neighbour = %d, %d, %v; want 1, 1, 1", m, s, sh)
	}
	if want := []string{"A/child", "A/parent"}; !reflect.DeepEqual(r.ByRole.Rows, want) {
		t.Errorf("role rows = %v, want %v", r.ByRole.Rows, want)
	}
	if m, _, sh, _ := r.ByWijk.At("Noord", "place.playground"); m != 1 || !aggNear(sh, 0.25) {
		t.Errorf("wijk Noord playground = %d, %v; want 1, 0.25", m, sh)
	}
	if m, _, _, _ := r.ByWave.At("A/1", "rel.neighbour"); m != 3 {
		t.Errorf("wave A/1 neighbour = %d, want 3", m)
	}
	// Code stats: own mentions 3 in 2 segments, interviewer 1, notes 1 negated.
	st := r.CodeStats[0]
	if st.Code != "rel.neighbour" || st.Counts.Own != (Count{3, 0, 2}) || st.Counts.Interviewer != (Count{1, 0, 1}) ||
		st.Counts.Notes != (Count{1, 1, 1}) || !reflect.DeepEqual(st.Cases, []string{"A"}) {
		t.Errorf("rel.neighbour stats = %+v", st)
	}
	// Own quotes: one per segment; seg 2 and seg 5 are both short, seg 2
	// ("De buurvrouw en de buurman helpen." 34) is longer than seg 5 ("De
	// buurman is aardig." 21), so seg 2 comes first.
	if len(st.Quotes) != 2 || st.Quotes[0].SegmentID() != "A/interview.txt#2" || st.Quotes[1].SegmentID() != "A/interview.txt#5" {
		t.Errorf("quotes = %+v", st.Quotes)
	} else if q := st.Quotes[0]; q.Text[q.Start:q.End] != "buurvrouw" || q.Voice != corpus.VoiceOwn || q.Role != corpus.RoleParent {
		t.Errorf("first quote = %+v, want evidence buurvrouw by the parent", q)
	}
	// Corpus summary.
	if got := r.Corpus.Segments; got != (VoiceInts{Own: 4, Interviewer: 1, Notes: 2}) {
		t.Errorf("segments by voice = %+v", got)
	}
	if len(r.Corpus.Cases) != 1 || !reflect.DeepEqual(r.Corpus.Cases[0].Roles, []string{"child", "parent"}) || r.Corpus.Cases[0].Segments.Own != 4 {
		t.Errorf("cases = %+v", r.Corpus.Cases)
	}
	if len(r.Corpus.ByKind) != 2 || r.Corpus.ByKind[0].Kind != corpus.KindNotes || r.Corpus.ByKind[1].Documents != 1 {
		t.Errorf("by kind = %+v", r.Corpus.ByKind)
	}
	// Outside view kept apart: notes hold neighbour (negated) and school.
	cc := r.Cases[0]
	if len(cc.Notes) != 2 || cc.Notes[0].Code != "rel.neighbour" || cc.Notes[0].Negated != 1 || cc.Notes[1].Code != "fac.school" {
		t.Errorf("notes view = %+v", cc.Notes)
	}
	if len(cc.Interviewer) != 1 || len(cc.Own) != 3 {
		t.Errorf("interviewer %d codes, own %d codes; want 1 and 3", len(cc.Interviewer), len(cc.Own))
	}
}

func TestQualities(t *testing.T) {
	spec := aggSpec()
	docs := aggCaseA(t, spec)
	d, c := aggDoc(t, spec, "B/i.txt", "B", "", corpus.KindTranscript,
		aggTurn{"Vader", corpus.RoleParent, []string{
			"De [speeltuin|place.playground] is niet [onveilig|qual.unsafe|neg].",
			"De [straat|place.street] en de [speeltuin|place.playground] zijn [onveilig|qual.unsafe] en [onveilig|qual.unsafe].",
		}},
		aggTurn{"I", corpus.RoleInterviewer, []string{"Is de [straat|place.street] [onveilig|qual.unsafe]?"}},
	)
	docs = append(docs, aggInput{d, c})
	r := aggregateAll(spec, ResultsOptions{}, docs...)
	// Own segments with playground+unsafe: A#3, B#1 (negated quality), B#2.
	// street+unsafe: B#2 only (the interviewer's question does not count).
	want := []struct {
		target, quality string
		segs, neg       int
		cases           []string
	}{
		{"place.street", "qual.unsafe", 1, 0, []string{"B"}},
		{"place.playground", "qual.unsafe", 3, 1, []string{"A", "B"}},
	}
	if len(r.Qualities) != len(want) {
		t.Fatalf("qualities = %+v", r.Qualities)
	}
	for i, w := range want {
		q := r.Qualities[i]
		if q.Target != w.target || q.Quality != w.quality || q.Segments != w.segs || q.Negated != w.neg || !reflect.DeepEqual(q.Cases, w.cases) {
			t.Errorf("quality %d = %+v; want %+v", i, q, w)
		}
		for _, p := range q.Quotes {
			if !p.SameSegment() || p.First.Code != w.target || p.Second.Code != w.quality {
				t.Errorf("quote pair %+v", p)
			}
		}
	}
	// Non-negated pairs first.
	if qs := r.Qualities[1].Quotes; len(qs) != 3 || qs[2].Second.Negated != true || qs[0].Second.Negated {
		t.Errorf("playground quotes = %+v; want the negated one last", qs)
	}
}

func TestHelpStrainAbsentOutside(t *testing.T) {
	spec := aggSpec()
	d, c := aggDoc(t, spec, "C/i.txt", "C", "", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{
			"We kennen de [buren|rel.neighbour|neg] niet.",
			"Er is geen [speeltuin|place.playground|neg].",
			"Oma kan het [niet meer aan|strain.overload].",
			"Ik ken de [buurman|rel.neighbour|neg] ook niet.",
		}},
		aggTurn{"I", corpus.RoleInterviewer, []string{"En het [wijkteam|help.wijkteam]?"}},
		aggTurn{"Moeder", corpus.RoleParent, []string{"Het [wijkteam|help.wijkteam] komt elke week.", "De [straat|place.street] is fijn.", "Maar niet de [straat|place.street|neg] achter."}},
	)
	dn, cn := aggDoc(t, spec, "C/n.txt", "C", "", corpus.KindNotes,
		aggTurn{"", corpus.RoleProfessional, []string{"[Wijkteam|help.wijkteam] betrokken."}})
	r := aggregateAll(spec, ResultsOptions{}, aggInput{d, c}, aggInput{dn, cn})

	// Absent: neighbour (2 negated) and playground (1), not street (mixed).
	if len(r.Absent) != 2 || r.Absent[0].Code != "rel.neighbour" || r.Absent[0].Negated != 2 || len(r.Absent[0].Quotes) != 2 ||
		r.Absent[1].Code != "place.playground" || r.Absent[1].Negated != 1 {
		t.Errorf("absent = %+v", r.Absent)
	}
	if len(r.Help.FormalHelp) != 1 || len(r.Help.Strain) != 1 {
		t.Fatalf("help = %+v", r.Help)
	}
	fh := r.Help.FormalHelp[0]
	if fh.Code != "help.wijkteam" || fh.Counts.Own.Mentions != 1 || fh.Counts.Interviewer.Mentions != 1 || fh.Counts.Notes.Mentions != 1 ||
		len(fh.Own) != 1 || len(fh.Outside) != 2 {
		t.Errorf("formal help = %+v", fh)
	}
	for _, q := range fh.Outside {
		if q.Voice == corpus.VoiceOwn {
			t.Errorf("outside quote in own voice: %+v", q)
		}
	}
	if s := r.Help.Strain[0]; s.Code != "strain.overload" || s.Counts.Own.Mentions != 1 || s.Category != CatStrain {
		t.Errorf("strain = %+v", s)
	}
	if st := r.CodeStats[2]; st.Code != "place.street" || !reflect.DeepEqual(st.CasesAffirmed, []string{"C"}) {
		t.Errorf("street = %+v", st)
	}
	if st := r.CodeStats[0]; len(st.Cases) != 1 || len(st.CasesAffirmed) != 0 {
		t.Errorf("neighbour: cases %v, affirmed %v; want [C] and none", st.Cases, st.CasesAffirmed)
	}
}

func TestQuoteSelection(t *testing.T) {
	spec := aggSpec()
	long := "De [buurman|rel.neighbour] " + strings.Repeat("x", 300) + "."
	ideal := "Onze [buurvrouw|rel.neighbour] past soms op de kinderen als ik naar mijn werk moet, dat is fijn."
	d, c := aggDoc(t, spec, "D/i.txt", "D", "", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{
			"[Buren|rel.neighbour|neg] zie ik nooit en dat is al jaren zo in deze straat hier bij ons.",
			long,
			"De [buren|rel.neighbour].",
			ideal,
			"[Buurman|rel.neighbour] en [buurvrouw|rel.neighbour] allebei.",
		}},
	)
	r := aggregateAll(spec, ResultsOptions{QuotesPerCode: 3}, aggInput{d, c})
	qs := r.CodeStats[0].Quotes
	// Order: non-negated first; among them penalty 0 (ideal, 4), then
	// "Buurman en buurvrouw allebei." (29 runes, penalty 31), then
	// "De buren." (9, penalty 51) vs long (>300, penalty > 60): "De buren.".
	want := []string{"D/i.txt#4", "D/i.txt#5", "D/i.txt#3"}
	var got []string
	for _, q := range qs {
		got = append(got, q.SegmentID())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quotes %v, want %v", got, want)
	}
	if qs[1].Term != "Buurman" {
		t.Errorf("segment 5 quote term %q, want the first mention Buurman", qs[1].Term)
	}
	if loc := qs[0].Location(); loc != "D/i.txt:1" {
		t.Errorf("location %q", loc)
	}
	for _, tc := range []struct {
		seg  QuoteSegment
		want string
	}{
		{QuoteSegment{QuoteSource: &QuoteSource{Doc: "x.vtt"}, Time: "00:01:02", Line: 3, N: 7}, "x.vtt@00:01:02"},
		{QuoteSegment{QuoteSource: &QuoteSource{Doc: "x.txt"}, Line: 3, N: 7}, "x.txt:3"},
		{QuoteSegment{QuoteSource: &QuoteSource{Doc: "a#b.txt"}, N: 12}, "a#b.txt#12"},
	} {
		if loc := (Quote{QuoteSegment: &tc.seg}).Location(); loc != tc.want {
			t.Errorf("location %q, want %q", loc, tc.want)
		}
	}
}

func TestDeterminism(t *testing.T) {
	spec := aggSpec()
	docs := aggCaseA(t, spec)
	docs = append(docs, aggWindowDocs(t, spec)...)
	a1, a2 := NewAccumulator(spec, ResultsOptions{}), NewAccumulator(spec, ResultsOptions{})
	for _, d := range docs {
		a1.Add(d.doc, d.codings)
	}
	for _, d := range docs {
		a2.Add(d.doc, d.codings)
	}
	r1, r2 := a1.Results(), a2.Results()
	if !reflect.DeepEqual(r1, r2) {
		t.Error("two accumulators over the same documents differ")
	}
	if !reflect.DeepEqual(r1, a1.Results()) {
		t.Error("Results called twice differs")
	}
}

func TestUnknownCodesAndOrphans(t *testing.T) {
	spec := aggSpec()
	d, c := aggDoc(t, spec, "E/i.txt", "E", "", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour] is er."}})
	c = append(c,
		Coding{Doc: d.ID, Segment: d.ID + "#1", Code: "zz.manual", Category: CatPlace, Start: 0, End: 2, Voice: corpus.VoiceOwn},
		Coding{Doc: d.ID, Segment: "gone#9", Code: "aa.manual", Category: CatRelation, Voice: corpus.VoiceOwn})
	r := aggregateAll(spec, ResultsOptions{}, aggInput{d, c})
	n := len(spec.Codes)
	if len(r.Codes) != n+2 || r.Codes[n].ID != "aa.manual" || r.Codes[n+1].ID != "zz.manual" || r.Codes[n].InCodebook {
		t.Errorf("codes tail = %+v", r.Codes[n:])
	}
	if r.Corpus.Orphans != 1 {
		t.Errorf("orphans = %d", r.Corpus.Orphans)
	}
	if m, s, _, _ := r.ByCase.Own.At("E", "aa.manual"); m != 1 || s != 0 {
		t.Errorf("orphan counts %d mentions %d segments; want 1, 0", m, s)
	}
	if got := r.ByCase.Own.Cols[n+1]; got != "zz.manual" {
		t.Errorf("col %q", got)
	}
}

// TestDocumentDecidesVoice: a coding that claims own voice in a notes
// document still counts as notes.
func TestDocumentDecidesVoice(t *testing.T) {
	spec := aggSpec()
	d, c := aggDoc(t, spec, "N/n.txt", "N", "1", corpus.KindNotes,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour] helpt."}})
	for i := range c {
		c[i].Voice = corpus.VoiceOwn
	}
	r := aggregateAll(spec, ResultsOptions{}, aggInput{d, c})
	if m, _, _, _ := r.ByCase.Own.At("N", "rel.neighbour"); m != 0 {
		t.Errorf("own mentions %d, want 0", m)
	}
	if m, _, _, _ := r.ByCase.Notes.At("N", "rel.neighbour"); m != 1 {
		t.Errorf("notes mentions %d, want 1", m)
	}
	if r.Cooccurrence.OwnSegment.Units != 0 || len(r.Network.Nodes) != 0 || len(r.ByRole.Rows) != 0 || len(r.ByWave.Rows) != 0 {
		t.Errorf("notes reached own-voice tables: %d units, %d nodes, roles %v, waves %v",
			r.Cooccurrence.OwnSegment.Units, len(r.Network.Nodes), r.ByRole.Rows, r.ByWave.Rows)
	}
}
