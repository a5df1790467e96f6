package reports

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gen"
)

// Tests of the fast paths of the Markdown files and figures against the
// straightforward versions they replace.

// quoteSentenceRef is QuoteSentence as it was before atMostOneSentence:
// always through corpus.Sentences.
func quoteSentenceRef(text string, start, end int) (sentence string, cutBefore, cutAfter bool) {
	return quoteSentenceIn(text, start, end, corpus.Sentences(text))
}

// randomSentenceText makes a text from pieces that matter to
// corpus.Sentences and atMostOneSentence: terminators, closers, openers,
// line feeds, list markers, abbreviations, capitals and lower case.
func randomSentenceText(r *rand.Rand) string {
	pieces := []string{"Oma", "helpt", "de buurvrouw", " ", "  ", "\t", "\r", "\n", "\n\n", "\u00a0", "\u2003",
		".", "..", "...", "?", "!", "?!", "…", "(...)", "\"", "'", ")", "]", "}", "”", "’", "»", "“", "‘", "«", ",,", "''",
		"- ", "* ", "1. ", "2) ", "a) ", "• ", "— ", "–", "mevr.", "o.a.", "enz.", "J.", "A.B.", "10.30", "www.x.nl",
		"'s Avonds", "'t", "Ja", "nee", "12", "3.000", "\xe2\x80", "\xe2", "\xff", "é", "中"}
	var b strings.Builder
	for n := r.IntN(14); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func sentenceSamples() []string {
	return []string{"", " ", ".", "…", "Oma helpt.", "Oma helpt. ", "Oma helpt.\n", "Oma helpt.”", "Oma helpt.” \t\r",
		"Oma helpt?!", "Oma helpt…", "Oma helpt", "“Oma helpt,” zei ze.", "Oma — helpt.", "Oma helpt. Opa ook.",
		"Oma helpt.\nOpa ook.", "- Oma\n- Opa", "1. Oma", "Oma helpt ...", "Oma helpt . ", "Oma helpt.'' ", "Oma (...) helpt.",
		"Oma helpt.\u00a0", "Oma helpt. ”", "Oma helpt.»", "Oma\xe2\x80.", "\xe2\x80\xa6", "Mijn tante woont twee straten verderop en haalt ze soms uit school."}
}

// TestAtMostOneSentence checks atMostOneSentence against corpus.Sentences
// (it may say false for one sentence, never true for two), and
// QuoteSentence against quoteSentenceRef.
func TestAtMostOneSentence(t *testing.T) {
	texts := sentenceSamples()
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 50000; i++ {
		texts = append(texts, randomSentenceText(r))
	}
	fast := 0
	for _, text := range texts {
		if atMostOneSentence(text) {
			fast++
			if spans := corpus.Sentences(text); len(spans) > 1 {
				t.Errorf("atMostOneSentence(%q) = true, but Sentences gives %d: %v", text, len(spans), spans)
			}
		}
		n := len([]rune(text))
		for _, se := range [][2]int{{0, 0}, {0, n}, {-1, 2}, {3, 1}, {n / 2, n/2 + 1}, {r.IntN(n + 2), r.IntN(n + 2)}, {n, n + 1}} {
			s, b, a := QuoteSentence(text, se[0], se[1])
			ws, wb, wa := quoteSentenceRef(text, se[0], se[1])
			if s != ws || b != wb || a != wa {
				t.Errorf("QuoteSentence(%q, %d, %d) = %q, %v, %v; want %q, %v, %v", text, se[0], se[1], s, b, a, ws, wb, wa)
			}
		}
	}
	if fast < len(texts)/10 {
		t.Errorf("atMostOneSentence was true for %d of %d texts: the fast path is hardly used", fast, len(texts))
	}
	for _, text := range []string{"Oma helpt.", "Mijn tante woont twee straten verderop en haalt ze soms uit school.", "“Ja,” zegt ze — “echt.”", "Oma helpt?! "} {
		if !atMostOneSentence(text) {
			t.Errorf("atMostOneSentence(%q) = false, want true", text)
		}
	}
}

// svgAppendNumRef is svgAppendNum as it was before it wrote tenths with
// integers: through strconv.AppendFloat.
func svgAppendNumRef(dst []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		x = 0
	}
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.AppendFloat(dst, x, 'f', -1, 64)
}

func TestSVGAppendNumMatchesFloat(t *testing.T) {
	check := func(x float64) {
		t.Helper()
		if got, want := string(svgAppendNum([]byte("p"), x)), string(svgAppendNumRef([]byte("p"), x)); got != want {
			t.Fatalf("svgAppendNum(%v) = %q, want %q", x, got, want)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), -0.04, 0.04, 0.05, -0.05, 0.15, 0.25, 1, -1, 1.05, 2.675, 9.95, 99.95,
		1e11, 1e12 / 10, 1e12/10 - 0.1, 1e12/10 + 0.1, 1e15, -1e15, 1e300, -1e300, 5e-324, math.NaN(), math.Inf(1), math.Inf(-1),
		math.MaxInt64, math.MinInt64} {
		check(x)
	}
	// Every tenth up to ±300,000 tenths (coordinates are a few thousand),
	// exactly and a little off.
	for n := -300_000; n <= 300_000; n++ {
		x := float64(n) / 10
		check(x)
		check(math.Nextafter(x, math.Inf(1)))
		check(x + 0.049)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 300_000; i++ {
		check((r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(16))))
	}
}

// memFiles is a FileWriter that keeps the files in memory.
type memFiles struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (f *memFiles) put(name string, write func(w io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.files == nil {
		f.files = map[string][]byte{}
	}
	f.files[filepath.ToSlash(name)] = b.Bytes()
	return nil
}

// checkWriteAllMatchesWriters checks that WriteAllWith writes every file
// as the writer of that file alone writes it (WriteReport, WritePortrait,
// WriteEcomap, WriteBarChart, WriteHeatmap): those make everything
// themselves, while WriteAllWith shares work between the files.
func checkWriteAllMatchesWriters(t *testing.T, name string, r *analysis.Results, m *Manifest, lang Lang) {
	t.Helper()
	var f memFiles
	written, err := WriteAllWith("out", r, m, lang, f.put)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	want := map[string]func(w io.Writer) error{
		ReportFile:    func(w io.Writer) error { return WriteReport(w, r, m, lang) },
		BarsFigure:    func(w io.Writer) error { return WriteBarChart(w, barChartData(r, lang), lang) },
		HeatmapFigure: func(w io.Writer) error { return WriteHeatmap(w, heatmapData(r, lang), lang) },
	}
	for _, c := range r.Corpus.Cases {
		want[PortraitPath(c.ID)] = func(w io.Writer) error { return WritePortrait(w, r, c.ID, m, lang) }
		want[EcomapPath(c.ID)] = func(w io.Writer) error { return WriteEcomap(w, ecomapData(r, c.ID, lang), lang) }
	}
	if len(written) != len(want) || len(f.files) != len(want) {
		t.Errorf("%s: wrote %d files (%d listed), want %d", name, len(f.files), len(written), len(want))
	}
	for rel, write := range want {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %s: %v", name, rel, err)
		}
		got, ok := f.files["out/"+rel]
		if !ok {
			t.Errorf("%s: %s not written", name, rel)
			continue
		}
		if !bytes.Equal(got, b.Bytes()) {
			t.Errorf("%s: %s differs from its writer's (%d bytes, want %d):\n%s", name, rel, len(got), b.Len(), firstDiff(got, b.Bytes()))
		}
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("got  %q\nwant %q", a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

func TestWriteAllMatchesWriters(t *testing.T) {
	checkWriteAllMatchesWriters(t, "fixture", fixtureResults(t), fixtureManifest(), LangNL)
	r, m := demoResults(t)
	for _, lang := range Langs() {
		checkWriteAllMatchesWriters(t, "demo "+string(lang), r, m, lang)
	}
	dir := t.TempDir()
	if _, err := gen.Write(dir, gen.Options{Words: 60_000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	g, gm := corpusResults(t, os.DirFS(dir), "test", "gen")
	if len(g.Bridges) < 20 {
		t.Fatalf("generated corpus: %d bridges, want more", len(g.Bridges))
	}
	checkWriteAllMatchesWriters(t, "gen", g, gm, LangNL)

	// Bridges out of case order, a bridge of a case without a portrait,
	// a bridge twice, and a bridge of no case.
	h := *g
	h.Bridges = slices.Clone(g.Bridges)
	rand.New(rand.NewPCG(9, 10)).Shuffle(len(h.Bridges), func(i, j int) { h.Bridges[i], h.Bridges[j] = h.Bridges[j], h.Bridges[i] })
	extra := h.Bridges[0]
	extra.Case = "ZZ niet in het corpus"
	noCase := h.Bridges[1]
	noCase.Case = ""
	h.Bridges = append(h.Bridges, extra, h.Bridges[2], noCase)
	checkWriteAllMatchesWriters(t, "gen shuffled", &h, gm, LangEN)

	// No bridges at all.
	h.Bridges = nil
	checkWriteAllMatchesWriters(t, "gen without bridges", &h, gm, LangNL)
}

// TestWriteAllReportErrors checks report.md's part of WriteAllWith's
// errors with CreateFile: when another file fails, report.md is not left
// behind; when report.md fails, the others are written and the error
// names it.
func TestWriteAllReportErrors(t *testing.T) {
	d, dm := demoResults(t)
	for _, blocked := range []string{EcomapPath(d.Corpus.Cases[0].ID), PortraitPath(d.Corpus.Cases[2].ID), BarsFigure} {
		out := t.TempDir()
		if err := os.MkdirAll(filepath.Join(out, filepath.FromSlash(blocked), "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		written, err := WriteAllWith(out, d, dm, LangNL, CreateFile)
		if err == nil || !strings.Contains(err.Error(), filepath.FromSlash(blocked)) {
			t.Errorf("blocked %s: err = %v", blocked, err)
		}
		if slices.Contains(written, ReportFile) || slices.Contains(written, blocked) {
			t.Errorf("blocked %s: written = %v", blocked, written)
		}
		if _, err := os.Stat(filepath.Join(out, ReportFile)); !os.IsNotExist(err) {
			t.Errorf("blocked %s: report.md on disk after an error (stat: %v)", blocked, err)
		}
		for _, rel := range written {
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
				t.Errorf("blocked %s: %s listed as written: %v", blocked, rel, err)
			}
		}
	}

	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, ReportFile, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	written, err := WriteAllWith(out, d, dm, LangNL, CreateFile)
	if err == nil || !strings.Contains(err.Error(), ReportFile) {
		t.Errorf("blocked report.md: err = %v", err)
	}
	if want := 2 + 2*len(d.Corpus.Cases); len(written) != want || slices.Contains(written, ReportFile) {
		t.Errorf("blocked report.md: written = %v, want the %d other files", written, want)
	}
}

// TestSpeakerToMatchesSpeaker checks speakerTo, which appends what it
// made for the last speaker again, against EscapeText(view.speaker) for
// runs of quotes from a few speakers.
func TestSpeakerToMatchesSpeaker(t *testing.T) {
	speakers := []string{"", "Moeder", "moeder", " Moeder ", "Ouder", "ouder", "Vader\n(thuis)", "*Opa*", "1. Oma", "\x01"}
	roles := []string{corpus.RoleParent, corpus.RoleChild, corpus.RoleInterviewer, "", "onbekend"}
	voices := []corpus.Voice{corpus.VoiceOwn, corpus.VoiceNotes, corpus.VoiceInterviewer, corpus.VoiceOther}
	r := rand.New(rand.NewPCG(11, 12))
	for _, lang := range Langs() {
		v := newMDView(&analysis.Results{}, nil, lang, nil)
		var m mdBuf
		m.reset(nil)
		for i := 0; i < 5000; i++ {
			src := &analysis.QuoteSource{Speaker: speakers[r.IntN(len(speakers))], Role: roles[r.IntN(len(roles))], Voice: voices[r.IntN(len(voices))]}
			if i%7 == 0 {
				m.reset(nil)
			}
			for n := r.IntN(3) + 1; n > 0; n-- {
				q := analysis.Quote{QuoteSegment: &analysis.QuoteSegment{QuoteSource: src}}
				at := len(m.b)
				v.speakerTo(&m, &q)
				if got, want := string(m.b[at:]), EscapeText(v.speaker(q)); got != want {
					t.Fatalf("%s: speakerTo(%q, %q, %q) = %q, want %q", lang, src.Speaker, src.Role, src.Voice, got, want)
				}
			}
		}
	}
}

// TestSVGCountMatchesText checks svgWriter.count, which keeps the texts it
// made, against xmlText(tx.count(n)), also when the language changes.
func TestSVGCountMatchesText(t *testing.T) {
	var s svgWriter
	for _, lang := range append(Langs(), Langs()...) {
		tx := texts(lang)
		for _, n := range []int{-1, 0, 1, 2, 7, 1, 1023, 1024, 5000, 2, 0} {
			s.b = s.b[:0]
			s.count(tx, n)
			if got, want := string(s.b), xmlText(tx.count(n)); got != want {
				t.Errorf("%s: count(%d) = %q, want %q", lang, n, got, want)
			}
		}
	}
}

// TestMDCountNegMatchesTexts checks mdBuf.countNeg, which keeps the texts
// it made, against reportTexts.countNeg, also when the language changes.
func TestMDCountNegMatchesTexts(t *testing.T) {
	var m mdBuf
	for _, lang := range append(Langs(), Langs()...) {
		tx := texts(lang)
		for n := -1; n < 30; n++ {
			for neg := -1; neg < n+2; neg++ {
				for range 2 {
					if got, want := m.countNeg(tx, n, neg), tx.countNeg(n, neg); got != want {
						t.Errorf("%s: countNeg(%d, %d) = %q, want %q", lang, n, neg, got, want)
					}
				}
			}
		}
	}
}
