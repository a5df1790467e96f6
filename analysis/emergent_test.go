package analysis

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
	"github.com/pbasis/pbasis/internal/testutil"
)

// emTurn is one turn of a test document: role and text. Each line of the
// text (split on "|") becomes one segment.
type emTurn struct {
	role, text string
}

// emDoc builds a transcript document of case c from turns, with one segment
// per "|"-separated sentence, spans in code points, and voices from roles.
func emDoc(id, c string, turns ...emTurn) *corpus.Document {
	d := &corpus.Document{ID: id, Format: "txt", Meta: corpus.Metadata{Case: c, Kind: corpus.KindTranscript}}
	var sb strings.Builder
	cp := 0
	for ti, tu := range turns {
		start := cp
		for _, sent := range strings.Split(tu.text, "|") {
			sent = strings.TrimSpace(sent)
			if sb.Len() > 0 {
				sb.WriteString("\n")
				cp++
			}
			n := len(d.Segments) + 1
			d.Segments = append(d.Segments, corpus.Segment{
				ID: fmt.Sprintf("%s#%d", id, n), N: n, Turn: ti, Line: n,
				Span: corpus.Span{Start: cp, End: cp + utf8.RuneCountInString(sent)}, Text: sent,
			})
			sb.WriteString(sent)
			cp += utf8.RuneCountInString(sent)
		}
		d.Turns = append(d.Turns, corpus.Turn{
			Index: ti, Speaker: tu.role, Role: tu.role,
			Voice: corpus.VoiceOf(corpus.KindTranscript, tu.role),
			Span:  corpus.Span{Start: start, End: cp}, Body: corpus.Span{Start: start, End: cp},
		})
	}
	d.Text = sb.String()
	return d
}

// codeWord returns a coding of every occurrence of word (as written) in doc.
func codeWord(doc *corpus.Document, word, code string) []Coding {
	var out []Coding
	for _, s := range doc.Segments {
		for _, tk := range Tokenize(s.Text) {
			if tk.Text == word {
				out = append(out, Coding{Doc: doc.ID, Case: doc.Meta.Case, Segment: s.ID, SegN: s.N,
					Start: s.Span.Start + tk.Start, End: s.Span.Start + tk.End, Code: code, Term: word, Text: s.Text})
			}
		}
	}
	return out
}

func findEmergentCase(t *testing.T, res []Emergent, c string) Emergent {
	t.Helper()
	for _, e := range res {
		if e.Case == c {
			return e
		}
	}
	t.Fatalf("no emergent entry for case %q", c)
	return Emergent{}
}

func keyword(e Emergent, norm string) (Term, bool) {
	for _, k := range e.Keywords {
		if k.Norm == norm {
			return k, true
		}
	}
	return Term{}, false
}

func mention(e Emergent, kind, text string) (Mention, bool) {
	for _, m := range e.Uncoded {
		if m.Kind == kind && m.Text == text {
			return m, true
		}
	}
	return Mention{}, false
}

// TestG2 checks G2 against tables computed by hand.
func TestG2(t *testing.T) {
	tests := []struct {
		name         string
		a, b, n1, n2 int
		want         float64
	}{
		// a=20 of n1=1000, b=10 of n2=2000. N=3000, term total 30.
		// Expected: E(a)=1000*30/3000=10, E(b)=2000*30/3000=20,
		//           E(n1-a)=1000*2970/3000=990, E(n2-b)=1980.
		// Observed: 20, 10, 980, 1990.
		// G2 = 2*(20 ln(20/10) + 10 ln(10/20) + 980 ln(980/990) + 1990 ln(1990/1980))
		//    = 2*(13.862944 - 6.931472 - 9.949324 + 10.025210) = 2*7.007358 = 14.014716
		{"20/1000 vs 10/2000", 20, 10, 1000, 2000, 14.014716},
		// a=3 of 10, b=0 of 10: E = 1.5, 1.5, 8.5, 8.5; O = 3, 0, 7, 10.
		// G2 = 2*(3 ln 2 + 0 + 7 ln(7/8.5) + 10 ln(10/8.5))
		//    = 2*(2.079442 - 1.359092 + 1.625189) = 2*2.345539 = 4.691077
		{"3/10 vs 0/10", 3, 0, 10, 10, 4.691077},
		// Same proportion in both: no evidence of difference.
		{"equal rates", 5, 10, 100, 200, 0},
		{"empty", 0, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := G2(tc.a, tc.b, tc.n1, tc.n2)
			if math.Abs(got-tc.want) > 1e-5 {
				t.Errorf("G2(%d, %d, %d, %d) = %.6f, want %.6f", tc.a, tc.b, tc.n1, tc.n2, got, tc.want)
			}
		})
	}
	// Symmetric in the two corpora.
	if x, y := G2(20, 10, 1000, 2000), G2(10, 20, 2000, 1000); math.Abs(x-y) > 1e-9 {
		t.Errorf("G2 not symmetric: %v vs %v", x, y)
	}
}

// twoCases is a small corpus: "moestuin" is frequent in case A and rare in
// B; "kinderen" is more frequent in A but common in B too; "school" is used
// more in B.
func twoCases() []*corpus.Document {
	a := emDoc("A/a.txt", "A",
		emTurn{"interviewer", "Hoe gaat het met de moestuin?"},
		emTurn{"parent", "De moestuin is van de hele straat.|In de moestuin werken de kinderen samen.|Na school gaan de kinderen naar de moestuin.|De kinderen zijn blij, de kinderen zijn moe.|Eh, nou ja, gewoon, eigenlijk heel leuk.|Eigenlijk gewoon heel fijn, nou.|Nou ja, eigenlijk wel, gewoon."},
	)
	b := emDoc("B/b.txt", "B",
		emTurn{"parent", "Na school spelen de kinderen buiten.|Op school hebben ze een moestuin.|Buiten spelen de kinderen veel.|De school is dichtbij en buiten is het rustig."},
	)
	return []*corpus.Document{a, b}
}

// TestEmergentKeyness checks that a word frequent in one case and rare
// elsewhere ranks first, with honest counts and the G2 of its table.
func TestEmergentKeyness(t *testing.T) {
	docs := twoCases()
	res := FindEmergent(docs, nil, nil, EmergentOptions{MinCount: 2})
	if len(res) != 3 || res[0].Case != "" || res[1].Case != "A" || res[2].Case != "B" {
		t.Fatalf("cases = %v, want corpus, A, B", []string{res[0].Case, res[1].Case, res[2].Case})
	}
	a := findEmergentCase(t, res, "A")
	if len(a.Keywords) == 0 || a.Keywords[0].Norm != "moestuin" {
		t.Fatalf("A's first keyword = %+v, want moestuin", a.Keywords)
	}
	k := a.Keywords[0]
	if k.Count != 3 || k.OtherCount != 1 {
		t.Errorf("moestuin counts = %d/%d, want 3 in A (own voice only) and 1 in B", k.Count, k.OtherCount)
	}
	// Tokens of the own-voice segments, counted by hand:
	// A: 7+7+8+8+7+5+5 = 47; B: 6+6+5+9 = 26.
	if a.Tokens != 47 {
		t.Errorf("A tokens = %d, want 47", a.Tokens)
	}
	if b := findEmergentCase(t, res, "B"); b.Tokens != 26 {
		t.Errorf("B tokens = %d, want 26", b.Tokens)
	}
	// moestuin: G2(3, 1, 47, 26) = 0.2193; kinderen, more frequent but less
	// distinctive (4/47 = 0.085 against 2/26 = 0.077): G2(4, 2, 47, 26) = 0.0150.
	if want := G2(3, 1, 47, 26); math.Abs(k.LL-want) > 1e-9 || math.Abs(k.LL-0.219284) > 1e-6 {
		t.Errorf("moestuin LL = %v, want G2(3,1,47,26) = 0.219284", k.LL)
	}
	if kw, ok := keyword(a, "kinderen"); !ok || kw.Count != 4 || kw.OtherCount != 2 || math.Abs(kw.LL-0.014997) > 1e-6 {
		t.Errorf("kinderen = %+v (found %v), want 4/2 with LL 0.014997", kw, ok)
	}
	if k.Text != "moestuin" || len(k.Examples) != 3 || k.Examples[0].Segment != "A/a.txt#2" || k.Examples[2].Segment != "A/a.txt#4" {
		t.Errorf("moestuin text/examples = %q %+v", k.Text, k.Examples)
	}
	// "school" is used more in B: not key for A.
	if _, ok := keyword(a, "school"); ok {
		t.Errorf("school is key for A, though B uses it more")
	}
	b := findEmergentCase(t, res, "B")
	if kw, ok := keyword(b, "buiten"); !ok || kw.Count != 3 {
		t.Errorf("B: buiten = %+v, %v; want count 3 (buiten is kept: not a stopword here)", kw, ok)
	}
	for _, e := range res {
		for i := 1; i < len(e.Keywords); i++ {
			if e.Keywords[i-1].LL < e.Keywords[i].LL {
				t.Errorf("%q: keywords not sorted by LL: %+v", e.Case, e.Keywords)
			}
		}
	}
}

// TestEmergentStopwords checks that fillers, stopwords, short tokens and
// numbers never become keywords.
func TestEmergentStopwords(t *testing.T) {
	res := FindEmergent(twoCases(), nil, nil, EmergentOptions{MinCount: 1, Top: 1000})
	for _, e := range res {
		for _, k := range e.Keywords {
			for _, w := range strings.Fields(k.Norm) {
				switch w {
				case "eh", "nou", "gewoon", "eigenlijk", "heel", "wel", "ja", "de", "het", "een", "met", "van", "na":
					t.Errorf("%q: stopword %q in keyword %q", e.Case, w, k.Norm)
				}
			}
		}
	}
	sw := Stopwords()
	for _, w := range []string{"de", "eh", "ehm", "nou", "oke", "gewoon", "eigenlijk", "weet", "je", "zijn"} {
		if _, ok := sw[w]; !ok {
			t.Errorf("Stopwords() lacks %q", w)
		}
	}
	for _, w := range []string{"oké", "Oké"} {
		if _, ok := sw[w]; ok {
			t.Errorf("Stopwords() holds unfolded %q", w)
		}
	}
	for _, w := range []string{"buiten", "samen", "speeltuin", "moeder", "buurt", "school", "kind", "thuis"} {
		if _, ok := sw[w]; ok {
			t.Errorf("Stopwords() removes the content word %q", w)
		}
	}
	d := emDoc("C/c.txt", "C", emTurn{"parent", "In 2024 gaan we 3x per week.|In 2024 gaan we 3x per week.|In 2024 gaan we 3x per week."})
	for _, e := range FindEmergent([]*corpus.Document{d}, nil, nil, EmergentOptions{MinCount: 1}) {
		for _, k := range e.Keywords {
			if k.Norm == "2024" || k.Norm == "3x" || k.Norm == "in" {
				t.Errorf("%q: keyword %q has no letters or is too short", e.Case, k.Norm)
			}
		}
	}
}

// TestEmergentCoveredExcluded checks that coded words are not counted.
func TestEmergentCoveredExcluded(t *testing.T) {
	d := emDoc("A/a.txt", "A", emTurn{"parent", "De buurvrouw helpt.|De buurvrouw helpt.|De buurvrouw helpt.|Die buurvrouw, buurvrouw en buurvrouw helpt."})
	other := emDoc("B/b.txt", "B", emTurn{"parent", "Wij fietsen graag samen."})
	docs := []*corpus.Document{d, other}
	// Only the first three segments' buurvrouw are coded.
	var codings []Coding
	for _, c := range codeWord(d, "buurvrouw", "rel.neighbour") {
		if c.SegN <= 3 {
			codings = append(codings, c)
		}
	}
	if len(codings) != 3 {
		t.Fatalf("test setup: %d codings", len(codings))
	}
	a := findEmergentCase(t, FindEmergent(docs, codings, nil, EmergentOptions{}), "A")
	k, ok := keyword(a, "buurvrouw")
	if !ok || k.Count != 3 || len(k.Examples) != 1 || k.Examples[0].Segment != "A/a.txt#4" {
		t.Errorf("buurvrouw = %+v (found %v), want the 3 uncoded occurrences of segment 4", k, ok)
	}
	// All coded: gone.
	all := codeWord(d, "buurvrouw", "rel.neighbour")
	a = findEmergentCase(t, FindEmergent(docs, all, nil, EmergentOptions{}), "A")
	for _, k := range a.Keywords {
		if strings.Contains(k.Norm, "buurvrouw") {
			t.Errorf("coded word in keyword %+v", k)
		}
	}
	if _, ok := keyword(a, "helpt"); !ok {
		t.Errorf("uncoded helpt missing: %+v", a.Keywords)
	}
}

// TestEmergentCoveredByCodebook runs the default codebook: the words it
// codes are not emergent, the ones it misses are.
func TestEmergentCoveredByCodebook(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	d := emDoc("A/a.txt", "A", emTurn{"parent", "Mijn buurvrouw helpt bij de moestuin.|Mijn buurvrouw helpt bij de moestuin.|Mijn buurvrouw helpt bij de moestuin."})
	other := emDoc("B/b.txt", "B", emTurn{"parent", "Wij fietsen graag samen."})
	var codings []Coding
	for _, doc := range []*corpus.Document{d, other} {
		codings = append(codings, CodeDocument(cb, doc)...)
	}
	if len(codeWord(d, "buurvrouw", "x")) != 3 || !slices.ContainsFunc(codings, func(c Coding) bool { return c.Term == "buurvrouw" }) {
		t.Fatalf("the default codebook does not code buurvrouw: %+v", codings)
	}
	a := findEmergentCase(t, FindEmergent([]*corpus.Document{d, other}, codings, nil, EmergentOptions{}), "A")
	if _, ok := keyword(a, "buurvrouw"); ok {
		t.Errorf("buurvrouw is coded, yet emergent: %+v", a.Keywords)
	}
	if _, ok := keyword(a, "helpt"); !ok {
		t.Errorf("helpt missing: %+v", a.Keywords)
	}
}

// TestEmergentMentions checks the person and place cues.
func TestEmergentMentions(t *testing.T) {
	d := emDoc("A/a.txt", "A",
		emTurn{"interviewer", "Met wie speelt hij?"},
		emTurn{"parent", "Gisteren was de moeder van Samira er ook.|We spelen vaak bij Fatima thuis.|Zaterdag gaat hij met Bram naar het bos.|Bram is zijn beste vriend.|Met Kerst gaan we naar oma.|Dan spelen ze bij ons thuis.|De nieuwe jongerenwerker is aardig.|Ze zijn naar het ziekenhuis geweest.|Ik speel met Lego.|Lego is leuk, ik koop lego.|De wekker ging te vroeg en het water was koud.|Ik ga met. Samen lukt het."},
	)
	e := findEmergentCase(t, FindEmergent([]*corpus.Document{d}, nil, nil, EmergentOptions{}), "A")
	want := []struct{ kind, text, pattern string }{
		{MentionPerson, "moeder van Samira", "de moeder van …"},
		{MentionPlace, "bij Fatima thuis", "bij … thuis"},
		{MentionName, "Bram", "met …"},
		{MentionPerson, "jongerenwerker", "-werker"},
		{MentionPlace, "ziekenhuis", "-huis"},
	}
	for _, w := range want {
		m, ok := mention(e, w.kind, w.text)
		if !ok {
			t.Errorf("mention %s %q not found in %+v", w.kind, w.text, e.Uncoded)
			continue
		}
		if m.Pattern != w.pattern || m.Count != 1 || len(m.Examples) != 1 {
			t.Errorf("mention %q = pattern %q count %d examples %d; want %q, 1, 1", w.text, m.Pattern, m.Count, len(m.Examples), w.pattern)
		}
	}
	if m, _ := mention(e, MentionPlace, "bij Fatima thuis"); len(m.Examples) == 1 && m.Examples[0].Segment != "A/a.txt#3" {
		t.Errorf("bij Fatima thuis example = %+v, want segment A/a.txt#3", m.Examples[0])
	}
	if len(e.Uncoded) != len(want) {
		t.Errorf("got %d mentions, want %d: %+v", len(e.Uncoded), len(want), e.Uncoded)
	}
	// Not found: Kerst (holiday), "bij ons thuis" (pronoun), Lego (also
	// written in lower case), wekker/water (no persons), "Samen" and
	// "Gisteren"/"Zaterdag" (sentence-initial capitals), Bram as keyword.
	for _, m := range e.Uncoded {
		switch m.Norm {
		case "kerst", "bij ons thuis", "lego", "wekker", "water", "samen", "gisteren", "zaterdag":
			t.Errorf("unexpected mention %+v", m)
		}
	}
	for _, k := range e.Keywords {
		if strings.Contains(k.Norm, "bram") || strings.Contains(k.Norm, "samira") {
			t.Errorf("name in keywords: %+v", k)
		}
	}
	// The same mention, coded, is no longer uncoded.
	codings := codeWord(d, "moeder", "rel.other_parents")
	e = findEmergentCase(t, FindEmergent([]*corpus.Document{d}, codings, nil, EmergentOptions{}), "A")
	if _, ok := mention(e, MentionPerson, "moeder van Samira"); ok {
		t.Errorf("coded mention still listed as uncoded")
	}
}

// TestEmergentSentenceInitialCapital: a capital at the start of a sentence
// makes no name, and an ordinary word written so is still a keyword.
func TestEmergentSentenceInitialCapital(t *testing.T) {
	d := emDoc("A/a.txt", "A", emTurn{"parent", "Zwemmen doen we graag.|Zwemmen is fijn.|Zwemmen kost geld.|Met. Hanna komt niet."})
	b := emDoc("B/b.txt", "B", emTurn{"parent", "Lezen doen we graag."})
	e := findEmergentCase(t, FindEmergent([]*corpus.Document{d, b}, nil, nil, EmergentOptions{}), "A")
	if k, ok := keyword(e, "zwemmen"); !ok || k.Count != 3 || k.Text != "Zwemmen" {
		// Only ever written at a sentence start: a word, kept as written.
		t.Errorf("zwemmen = %+v, %v; want a keyword Zwemmen with count 3", k, ok)
	}
	// Once written in lower case, the display form loses the capital.
	d2 := emDoc("A/a.txt", "A", emTurn{"parent", "Zwemmen doen we graag.|Zwemmen is fijn.|Zwemmen kost geld.|Wij gaan zwemmen.|Met. Hanna komt niet."})
	e = findEmergentCase(t, FindEmergent([]*corpus.Document{d2, b}, nil, nil, EmergentOptions{}), "A")
	if k, ok := keyword(e, "zwemmen"); !ok || k.Count != 4 || k.Text != "zwemmen" {
		t.Errorf("zwemmen = %+v, %v; want a keyword zwemmen with count 4", k, ok)
	}
	for _, m := range e.Uncoded {
		if m.Norm == "hanna" {
			t.Errorf("sentence-initial Hanna taken as a name after a full stop: %+v", m)
		}
	}
}

// TestEmergentVoicesAndExamples checks the default voice (own only), the
// Voices option and the example cap.
func TestEmergentVoicesAndExamples(t *testing.T) {
	d := emDoc("A/a.txt", "A",
		emTurn{"interviewer", "Vertel over de moestuin.|De moestuin, de moestuin, de moestuin."},
		emTurn{"parent", "De moestuin is fijn.|Moestuin.|De moestuin.|Weer de moestuin.|En de moestuin."},
	)
	b := emDoc("B/b.txt", "B", emTurn{"parent", "Wij fietsen graag samen."})
	docs := []*corpus.Document{d, b}
	e := findEmergentCase(t, FindEmergent(docs, nil, nil, EmergentOptions{Examples: 2}), "A")
	k, ok := keyword(e, "moestuin")
	if !ok || k.Count != 5 || len(k.Examples) != 2 || k.Examples[0].Segment != "A/a.txt#3" || k.Examples[1].Segment != "A/a.txt#4" {
		t.Fatalf("own voice: moestuin = %+v", k)
	}
	if ex := k.Examples[0]; ex.Role != "parent" || ex.Voice != corpus.VoiceOwn || ex.Text != "De moestuin is fijn." || ex.Line != 3 {
		t.Errorf("example = %+v", ex)
	}
	e = findEmergentCase(t, FindEmergent(docs, nil, nil, EmergentOptions{Voices: []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer}}), "A")
	if k, _ := keyword(e, "moestuin"); k.Count != 9 || k.Examples[0].Segment != "A/a.txt#1" || len(k.Examples) != 3 {
		t.Errorf("own+interviewer: moestuin = %+v, want 9 with the interviewer's first", k)
	}
}

// TestEmergentDeterministic checks that two runs, in any document order,
// and the streaming accumulator give the same result.
func TestEmergentDeterministic(t *testing.T) {
	docs, codings := readDemo(t)
	first := FindEmergent(docs, codings, nil, EmergentOptions{})
	second := FindEmergent(docs, codings, nil, EmergentOptions{})
	if diff := cmp.Diff(first, second); diff != "" {
		t.Fatalf("two runs differ (-first +second):\n%s", diff)
	}
	rev := slices.Clone(docs)
	slices.Reverse(rev)
	if diff := cmp.Diff(first, FindEmergent(rev, codings, nil, EmergentOptions{})); diff != "" {
		t.Errorf("reversed document order differs:\n%s", diff)
	}
	acc := NewEmergentAccumulator(EmergentOptions{})
	for _, d := range docs {
		var own []Coding
		for _, c := range codings {
			if c.Doc == d.ID {
				own = append(own, c)
			}
		}
		acc.Add(d, own)
	}
	if diff := cmp.Diff(first, acc.Result(nil)); diff != "" {
		t.Errorf("accumulator differs from FindEmergent:\n%s", diff)
	}
	if diff := cmp.Diff(acc.Result(nil), acc.Result(nil)); diff != "" {
		t.Errorf("Result changes the accumulator:\n%s", diff)
	}
}

// TestEmergentCorpusLevel checks the corpus-level ranking with and without
// a reference list.
func TestEmergentCorpusLevel(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "emergent", "ref.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref, err := ParseFrequencyList("ref.txt", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ref) != 3 || ref["speeltuin"] != 100 || ref["moestuin"] != 1 {
		t.Fatalf("ref = %v", ref)
	}
	// speeltuin and moestuin 3 times each; fiets in both cases.
	a := emDoc("A/a.txt", "A", emTurn{"parent", "De speeltuin.|De speeltuin.|De speeltuin.|Mijn fiets.|Mijn fiets."})
	b := emDoc("B/b.txt", "B", emTurn{"parent", "De moestuin.|De moestuin.|De moestuin.|Mijn fiets.|Mijn fiets."})
	docs := []*corpus.Document{a, b}
	c := FindEmergent(docs, nil, ref, EmergentOptions{})[0]
	if c.Case != "" || c.Measure != MeasureG2Reference || c.Tokens != 20 {
		t.Fatalf("corpus entry = %q %q %d tokens", c.Case, c.Measure, c.Tokens)
	}
	// Corpus: 20 tokens; reference: 200. moestuin 3 vs 1 is far more key
	// than speeltuin 3 vs 100 (which is not even over-used: 3/20 < 100/200
	// is false, 0.15 < 0.5, so speeltuin is left out).
	if len(c.Keywords) == 0 || c.Keywords[0].Norm != "moestuin" || c.Keywords[0].OtherCount != 1 {
		t.Fatalf("corpus keywords = %+v, want moestuin first", c.Keywords)
	}
	if want := G2(3, 1, 20, 200); math.Abs(c.Keywords[0].LL-want) > 1e-9 {
		t.Errorf("moestuin LL = %v, want %v", c.Keywords[0].LL, want)
	}
	if _, ok := keyword(c, "speeltuin"); ok {
		t.Errorf("speeltuin is under-used against the reference, yet listed")
	}
	// Without reference: count × ln(1 + cases/df). fiets: 4 × ln(1+2/2);
	// moestuin and speeltuin: 3 × ln(1+2/1) = 3.2958 > 4 × 0.6931 = 2.7726.
	c = FindEmergent(docs, nil, nil, EmergentOptions{})[0]
	if c.Measure != MeasureSpread || len(c.Keywords) != 3 {
		t.Fatalf("no-reference corpus entry = %q %+v", c.Measure, c.Keywords)
	}
	got := []string{c.Keywords[0].Norm, c.Keywords[1].Norm, c.Keywords[2].Norm}
	if diff := cmp.Diff([]string{"moestuin", "speeltuin", "fiets"}, got); diff != "" {
		t.Errorf("no-reference order (-want +got):\n%s", diff)
	}
	if math.Abs(c.Keywords[2].LL-4*math.Log(2)) > 1e-9 {
		t.Errorf("fiets score = %v, want 4 ln 2", c.Keywords[2].LL)
	}
}

// TestParseFrequencyList checks parsing and errors with positions.
func TestParseFrequencyList(t *testing.T) {
	got, err := ParseFrequencyList("x.txt", strings.NewReader("\ufeffik 10\n\n# comment\nje 5\nik 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]int{"ik": 11, "je": 5}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, in := range []string{"ik 10\nje\n", "ik 10\nje tien\n", "ik 10\nje -1\n"} {
		_, err := ParseFrequencyList("x.txt", strings.NewReader(in))
		if err == nil || !strings.HasPrefix(err.Error(), "x.txt:2: ") {
			t.Errorf("%q: error %v, want one at x.txt:2", in, err)
		}
	}
}

// readDemo reads and codes the embedded demo corpus with the default
// codebook.
func readDemo(t *testing.T) ([]*corpus.Document, []Coding) {
	t.Helper()
	fsys := demo.FS()
	o := corpus.DefaultOptions()
	files, _, err := corpus.List(fsys, o.Limits)
	if err != nil {
		t.Fatalf("listing demo corpus: %v", err)
	}
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		t.Fatalf("reading demo metadata: %v", err)
	}
	cb, err := LoadDefault()
	if err != nil {
		t.Fatalf("loading default codebook: %v", err)
	}
	var docs []*corpus.Document
	var codings []Coding
	for _, f := range files {
		d, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			t.Fatalf("reading demo file: %v", err)
		}
		docs = append(docs, d)
		codings = append(codings, CodeDocument(cb, d)...)
	}
	return docs, codings
}

// TestEmergentDemo checks that the demo corpus gives plausible emergent
// material, and logs it (go test -v -run TestEmergentDemo).
func TestEmergentDemo(t *testing.T) {
	docs, codings := readDemo(t)
	res := FindEmergent(docs, codings, nil, EmergentOptions{})
	cases := map[string]bool{}
	for _, d := range docs {
		cases[d.Meta.Case] = true
	}
	if len(res) != len(cases)+1 || res[0].Case != "" {
		t.Fatalf("got %d entries (first case %q), want the corpus and %d cases", len(res), res[0].Case, len(cases))
	}
	segs := map[string]corpus.Segment{}
	docCase := map[string]string{}
	for _, d := range docs {
		docCase[d.ID] = d.Meta.Case
		for _, s := range d.Segments {
			segs[s.ID] = s
		}
	}
	covered := map[string]bool{} // "segID\x00norm" of coded words
	for _, c := range codings {
		for _, tk := range Tokenize(c.Term) {
			covered[c.Segment+"\x00"+tk.Norm] = true
		}
	}
	checkEx := func(where string, caseID string, exs []Example, norm string) {
		t.Helper()
		if len(exs) == 0 {
			t.Errorf("%s: no examples", where)
		}
		for _, ex := range exs {
			s, ok := segs[ex.Segment]
			if !ok || !strings.HasPrefix(ex.Segment, ex.Doc+"#") || s.Text != ex.Text || s.Line != ex.Line {
				t.Errorf("%s: example %+v does not point to a real segment", where, ex)
				continue
			}
			if caseID != "" && docCase[ex.Doc] != caseID {
				t.Errorf("%s: example from %s, of case %s", where, ex.Doc, docCase[ex.Doc])
			}
			if ex.Voice != corpus.VoiceOwn {
				t.Errorf("%s: example in voice %s, want own", where, ex.Voice)
			}
			if norm != "" {
				found := false
				for _, tk := range Tokenize(ex.Text) {
					if strings.HasPrefix(norm, tk.Norm) || strings.HasSuffix(norm, tk.Norm) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: example %q does not contain %q", where, ex.Text, norm)
				}
			}
		}
	}
	for _, e := range res {
		name := e.Case
		if name == "" {
			name = "corpus"
		}
		if len(e.Keywords) == 0 {
			t.Errorf("%s: no keywords", name)
		}
		if e.Tokens <= 0 {
			t.Errorf("%s: %d tokens", name, e.Tokens)
		}
		for _, k := range e.Keywords {
			checkEx(name+" "+k.Norm, e.Case, k.Examples, k.Norm)
			if k.Count < 3 {
				t.Errorf("%s %s: count %d below MinCount", name, k.Norm, k.Count)
			}
			for _, ex := range k.Examples {
				if !strings.Contains(k.Norm, " ") && covered[ex.Segment+"\x00"+k.Norm] {
					// The word may still be uncovered elsewhere in the segment;
					// only flag when it occurs once.
					n := 0
					for _, tk := range Tokenize(ex.Text) {
						if tk.Norm == k.Norm {
							n++
						}
					}
					if n == 1 {
						t.Errorf("%s %s: example %s is a coded occurrence", name, k.Norm, ex.Segment)
					}
				}
			}
		}
		for _, m := range e.Uncoded {
			checkEx(name+" "+m.Norm, e.Case, m.Examples, "")
		}
		t.Logf("== %s (%s, %d tokens)", name, e.Measure, e.Tokens)
		var b strings.Builder
		for i, k := range e.Keywords {
			if i == 12 {
				break
			}
			fmt.Fprintf(&b, " %s(%d/%d, %.1f)", k.Text, k.Count, k.OtherCount, k.LL)
		}
		t.Logf("keywords:%s", b.String())
		b.Reset()
		for _, m := range e.Uncoded {
			fmt.Fprintf(&b, " %s[%s %s]×%d", m.Text, m.Kind, m.Pattern, m.Count)
		}
		t.Logf("uncoded:%s", b.String())
	}
}

// TestEmergentDemoReference runs the corpus-level keyness against the
// OpenSubtitles frequency list (CC BY-SA: test data only, never embedded).
func TestEmergentDemoReference(t *testing.T) {
	dir := testutil.SharedDir(t)
	p := filepath.Join(dir, "data", "nl_50k_opensubtitles2018_freq.txt")
	f, err := os.Open(p)
	if err != nil {
		t.Fatalf("opening reference list: %v", err)
	}
	defer f.Close()
	ref, err := ParseFrequencyList(p, f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ref) < 49000 {
		t.Fatalf("reference list has %d words, want about 50,000", len(ref))
	}
	folded := map[string]int{} // the reference as the corpus sees it: folded words
	for w, c := range ref {
		folded[Fold(w)] += c
	}
	docs, codings := readDemo(t)
	res := FindEmergent(docs, codings, ref, EmergentOptions{})
	c := res[0]
	if c.Case != "" || c.Measure != MeasureG2Reference || len(c.Keywords) == 0 {
		t.Fatalf("corpus level: case %q measure %q, %d keywords", c.Case, c.Measure, len(c.Keywords))
	}
	var b strings.Builder
	for _, k := range c.Keywords {
		if strings.Contains(k.Norm, " ") {
			t.Errorf("phrase %q ranked against a word list", k.Norm)
		}
		if k.OtherCount != folded[k.Norm] {
			t.Errorf("%s: OtherCount %d, reference has %d", k.Norm, k.OtherCount, folded[k.Norm])
		}
		fmt.Fprintf(&b, " %s(%d/%d, %.1f)", k.Text, k.Count, k.OtherCount, k.LL)
	}
	// A very common spoken word cannot be key against spoken Dutch.
	for _, k := range c.Keywords {
		if k.Norm == "mensen" || k.Norm == "goed" {
			t.Errorf("%s is key against subtitles (LL %.1f): the reference is not used", k.Norm, k.LL)
		}
	}
	t.Logf("corpus vs OpenSubtitles:%s", b.String())
}
