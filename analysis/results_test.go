package analysis

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
)

// aggDemoResults reads and codes the embedded demo corpus and aggregates it.
func aggDemoResults(t testing.TB) *Results {
	t.Helper()
	docs := aggDemoCoded(t)
	acc := NewAccumulator(docs.spec, ResultsOptions{})
	for _, d := range docs.docs {
		acc.Add(d.doc, d.codings)
	}
	return acc.Results()
}

type aggDemoCorpus struct {
	spec *CodebookSpec
	docs []aggInput
}

// aggDemoCoded reads and codes the embedded demo corpus in file order.
func aggDemoCoded(t testing.TB) aggDemoCorpus {
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
	out := aggDemoCorpus{spec: cb.Spec()}
	for _, f := range files {
		d, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			t.Fatalf("reading demo file %s: %v", f, err)
		}
		out.docs = append(out.docs, aggInput{d, CodeDocument(cb, d)})
	}
	return out
}

// TestResultsDemoDeterministic aggregates the demo corpus twice.
func TestResultsDemoDeterministic(t *testing.T) {
	if !reflect.DeepEqual(aggDemoResults(t), aggDemoResults(t)) {
		t.Error("two runs over the demo corpus differ")
	}
}

// BenchmarkAccumulate measures aggregation alone (reading and coding
// done beforehand) over the demo corpus.
func BenchmarkAccumulate(b *testing.B) {
	dc := aggDemoCoded(b)
	segs := 0
	for _, d := range dc.docs {
		segs += len(d.doc.Segments)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		acc := NewAccumulator(dc.spec, ResultsOptions{})
		for _, d := range dc.docs {
			acc.Add(d.doc, d.codings)
		}
		_ = acc.Results()
	}
	b.ReportMetric(float64(segs)*float64(b.N)/b.Elapsed().Seconds(), "segments/s")
}

// TestResultsDemo checks that the demo corpus gives plausible results and
// logs the bridging relations and wave changes (go test -v -run
// TestResultsDemo).
func TestResultsDemo(t *testing.T) {
	r := aggDemoResults(t)
	if len(r.Corpus.Cases) != 5 {
		t.Errorf("%d cases, want the 5 demo families", len(r.Corpus.Cases))
	}
	if r.Corpus.Segments.Own == 0 || r.Corpus.Segments.Notes == 0 || r.Corpus.Segments.Interviewer == 0 {
		t.Errorf("segments by voice %+v: the demo has own, interviewer and notes voices", r.Corpus.Segments)
	}
	if r.Corpus.Orphans != 0 {
		t.Errorf("%d orphan codings from CodeDocument", r.Corpus.Orphans)
	}
	// Every matrix cell agrees with the per-case code lists.
	own := r.ByCase.Own
	for _, cc := range r.Cases {
		for _, c := range cc.Own {
			m, s, sh, ok := own.At(cc.Case, c.Code)
			if !ok || m != c.Mentions || s != c.Segments || s > m {
				t.Errorf("%s %s: matrix %d/%d, list %+v", cc.Case, c.Code, m, s, c.Count)
			}
			if sh <= 0 || sh > 1 {
				t.Errorf("%s %s: share %v", cc.Case, c.Code, sh)
			}
			for _, q := range c.Quotes {
				if q.Voice != corpus.VoiceOwn || q.Code != c.Code || q.End > len([]rune(q.Text)) || q.Start >= q.End {
					t.Errorf("bad own quote %+v", q)
				}
			}
		}
	}
	// Sum of role rows = own case rows, for each code.
	for j, code := range own.Cols {
		byCase := map[string]float64{}
		for i, row := range r.ByRole.Rows {
			byCase[strings.SplitN(row, "/", 2)[0]] += r.ByRole.Mentions.At(i, j)
		}
		for i, c := range own.Rows {
			if own.Mentions.At(i, j) != byCase[c] {
				t.Errorf("%s %s: case %v, roles sum %v", c, code, own.Mentions.At(i, j), byCase[c])
			}
		}
	}
	if len(r.Bridges) == 0 {
		t.Error("no bridging relation in the demo corpus")
	}
	for _, b := range r.Bridges {
		var links []string
		for _, l := range b.Links {
			links = append(links, l.Other+"×"+strconv.Itoa(l.Units))
			for _, p := range l.Quotes {
				t.Logf("      %s | %s", p.First.Location(), p.First.Text)
				if !p.SameSegment() {
					t.Logf("      %s | %s", p.Second.Location(), p.Second.Text)
				}
			}
		}
		t.Logf("bridge %s %s betweenness %.1f: %s", b.Case, b.Relation, b.Betweenness, strings.Join(links, ", "))
	}
	for _, w := range r.Waves {
		t.Logf("wave %s %s->%s %-22s %-10s %.2f -> %.2f (%+.2f)", w.Case, w.From, w.To, w.Code, w.Kind, w.BeforeShare, w.AfterShare, w.Diff)
	}
	for _, m := range r.Members {
		var parts []string
		for _, rc := range m.Roles {
			parts = append(parts, rc.Role+"="+strconv.Itoa(rc.Mentions))
		}
		t.Logf("member %s %-22s %s", m.Case, m.Code, strings.Join(parts, " "))
	}
	for _, a := range r.Absent {
		t.Logf("absent %s %s (%d): %s", a.Case, a.Code, a.Negated, a.Quotes[0].Text)
	}
	for _, q := range r.Qualities {
		t.Logf("quality %s + %s: %d (negated %d) %v", q.Target, q.Quality, q.Segments, q.Negated, q.Cases)
	}
	for _, h := range append(append([]CaseCodeVoices(nil), r.Help.FormalHelp...), r.Help.Strain...) {
		t.Logf("help/strain %s %s own %d outside %d", h.Case, h.Code, h.Counts.Own.Mentions, h.Counts.Interviewer.Mentions+h.Counts.Notes.Mentions+h.Counts.Other.Mentions)
	}
	t.Logf("own segment units %d (coded %d), window units %d; corpus network %d nodes %d edges",
		r.Cooccurrence.OwnSegment.Units, r.Cooccurrence.OwnSegment.Coded, r.Cooccurrence.OwnWindow.Units, len(r.Network.Nodes), len(r.Network.Edges))
}

// TestFinishEqualsResults: Finish lets go of the quote candidates as it
// builds the results, and must give exactly what Results gives.
func TestFinishEqualsResults(t *testing.T) {
	dc := aggDemoCoded(t)
	a, b := NewAccumulator(dc.spec, ResultsOptions{}), NewAccumulator(dc.spec, ResultsOptions{QuotesPerCell: 1})
	c := NewAccumulator(dc.spec, ResultsOptions{QuotesPerCell: 1})
	for _, d := range dc.docs {
		a.Add(d.doc, d.codings)
		b.Add(d.doc, d.codings)
		c.Add(d.doc, d.codings)
	}
	b2 := NewAccumulator(dc.spec, ResultsOptions{})
	for _, d := range dc.docs {
		b2.Add(d.doc, d.codings)
	}
	want, got := a.Results(), b2.Finish()
	if !reflect.DeepEqual(want, got) {
		t.Error("Finish differs from Results on the demo corpus")
	}
	if want.Absent == nil && want.Help.FormalHelp == nil {
		t.Fatal("demo results have no shared quote lists: the test checks nothing")
	}
	// With one quote per cell too (lists full from the first candidate).
	if !reflect.DeepEqual(b.Results(), c.Finish()) {
		t.Error("Finish differs from Results with QuotesPerCell 1")
	}
}
