package analysis_test

import (
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gen"
	"github.com/pbasis/pbasis/internal/testutil"
)

// BenchmarkEmergent measures the emergent-terms accumulator on a generated
// 200k-word corpus, coded with the default codebook. Each iteration reads
// the whole corpus into a new accumulator and makes the Result:
//
//   - Add: Add of every document, serially (as FindEmergent);
//   - Observe: Observe only, the part that may run on many goroutines;
//   - ObserveTokens: likewise, reading the tokens CodeDocumentTokens kept;
//   - AddObserved: the serial merge only (documents observed off the clock).
func BenchmarkEmergent(b *testing.B) {
	g := genCorpus(b, 200_000, 11)
	st := g.stats
	docs, codings := g.coded(b)
	// report adds words per second and CPU nanoseconds per iteration (user
	// and system time of the process since cpu0: steadier than wall-clock
	// time on a loaded machine).
	report := func(b *testing.B, cpu0 time.Duration) {
		b.ReportMetric(float64(st.Words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		b.ReportMetric(float64(testutil.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
	}
	b.Run("Add", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
			for i, d := range docs {
				acc.Add(d, codings[i])
			}
			if res := acc.Result(nil); len(res) != st.Cases+1 {
				b.Fatalf("%d results for %d cases", len(res), st.Cases)
			}
		}
		report(b, cpu0)
	})
	b.Run("Observe", func(b *testing.B) {
		b.ReportAllocs()
		acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			for i, d := range docs {
				if acc.Observe(d, codings[i]) == nil {
					b.Fatal("nothing observed")
				}
			}
		}
		report(b, cpu0)
	})
	// ObserveTokens: as Observe, with the tokens CodeDocumentTokens kept
	// (made beforehand, off the clock).
	b.Run("ObserveTokens", func(b *testing.B) {
		b.ReportAllocs()
		dts := make([]analysis.DocTokens, len(docs))
		for i, d := range docs {
			analysis.CodeDocumentTokens(g.cb, d, &dts[i])
		}
		acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			for i, d := range docs {
				if acc.ObserveTokens(d, codings[i], &dts[i]) == nil {
					b.Fatal("nothing observed")
				}
			}
		}
		report(b, cpu0)
	})
	b.Run("AddObserved", func(b *testing.B) {
		b.ReportAllocs()
		xs := make([]*analysis.EmergentDoc, len(docs))
		var offClock time.Duration // CPU time spent observing
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			b.StopTimer()
			c := testutil.ProcessCPU()
			acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
			for i, d := range docs {
				xs[i] = acc.Observe(d, codings[i])
			}
			offClock += testutil.ProcessCPU() - c
			b.StartTimer()
			for _, x := range xs {
				acc.AddObserved(x)
			}
			if res := acc.Result(nil); len(res) != st.Cases+1 {
				b.Fatalf("%d results for %d cases", len(res), st.Cases)
			}
		}
		report(b, cpu0+offClock)
	})
}

// generated is a corpus made by internal/gen for a benchmark, listed and
// ready to read, with the default codebook.
type generated struct {
	stats gen.Stats
	fsys  fs.FS
	files []string
	sheet *corpus.Sheet
	opt   corpus.Options
	cb    *analysis.Codebook
}

// genCorpus writes a corpus of at least words words from seed into a
// temporary folder.
func genCorpus(b *testing.B, words int, seed uint64) generated {
	b.Helper()
	dir := b.TempDir()
	st, err := gen.Write(dir, gen.Options{Words: words, Seed: seed})
	if err != nil {
		b.Fatal(err)
	}
	g := generated{stats: st, fsys: os.DirFS(dir), opt: corpus.DefaultOptions()}
	if g.files, _, err = corpus.List(g.fsys, g.opt.Limits); err != nil {
		b.Fatal(err)
	}
	if g.sheet, err = corpus.ReadSheet(g.fsys, g.opt.Limits); err != nil {
		b.Fatal(err)
	}
	if g.cb, err = analysis.LoadDefault(); err != nil {
		b.Fatal(err)
	}
	return g
}

// read reads one of the corpus's files.
func (g generated) read(b *testing.B, file string) *corpus.Document {
	b.Helper()
	d, err := corpus.ReadFile(g.fsys, file, g.sheet, g.opt)
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// coded reads and codes every file of the corpus, in order.
func (g generated) coded(b *testing.B) ([]*corpus.Document, [][]analysis.Coding) {
	b.Helper()
	var docs []*corpus.Document
	var codings [][]analysis.Coding
	for _, f := range g.files {
		d := g.read(b, f)
		docs = append(docs, d)
		codings = append(codings, analysis.CodeDocument(g.cb, d))
	}
	return docs, codings
}

// BenchmarkCodeDocument codes a generated 200k-word corpus per iteration,
// with CodeDocument ("plain") and with CodeDocumentTokens keeping the
// tokens in one reused DocTokens ("tokens"), as a run does for
// ObserveTokens: the cost of keeping them.
func BenchmarkCodeDocument(b *testing.B) {
	g := genCorpus(b, 200_000, 5)
	var docs []*corpus.Document
	for _, f := range g.files {
		docs = append(docs, g.read(b, f))
	}
	for _, keep := range []bool{false, true} {
		name := "plain"
		if keep {
			name = "tokens"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var dt analysis.DocTokens
			cpu0 := testutil.ProcessCPU()
			for b.Loop() {
				for _, d := range docs {
					if keep {
						analysis.CodeDocumentTokens(g.cb, d, &dt)
					} else {
						analysis.CodeDocument(g.cb, d)
					}
				}
			}
			b.ReportMetric(float64(testutil.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
