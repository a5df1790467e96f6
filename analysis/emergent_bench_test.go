package analysis_test

import (
	"os"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gen"
)

// BenchmarkEmergent measures the emergent-terms accumulator on a generated
// 200k-word corpus, coded with the default codebook. Each iteration reads
// the whole corpus into a new accumulator and makes the Result:
//
//   - Add: Add of every document, serially (as FindEmergent);
//   - Observe: Observe only, the part that may run on many goroutines;
//   - AddObserved: the serial merge only (documents observed off the clock).
func BenchmarkEmergent(b *testing.B) {
	dir := b.TempDir()
	st, err := gen.Write(dir, gen.Options{Words: 200_000, Seed: 11})
	if err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	o := corpus.DefaultOptions()
	files, _, err := corpus.List(fsys, o.Limits)
	if err != nil {
		b.Fatal(err)
	}
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		b.Fatal(err)
	}
	cb, err := analysis.LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	var docs []*corpus.Document
	var codings [][]analysis.Coding
	for _, f := range files {
		d, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		codings = append(codings, analysis.CodeDocument(cb, d))
	}
	words := func(b *testing.B) {
		b.ReportMetric(float64(st.Words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	}
	b.Run("Add", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
			for i, d := range docs {
				acc.Add(d, codings[i])
			}
			if res := acc.Result(nil); len(res) != st.Cases+1 {
				b.Fatalf("%d results for %d cases", len(res), st.Cases)
			}
		}
		words(b)
	})
	b.Run("Observe", func(b *testing.B) {
		b.ReportAllocs()
		acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
		for b.Loop() {
			for i, d := range docs {
				if acc.Observe(d, codings[i]) == nil {
					b.Fatal("nothing observed")
				}
			}
		}
		words(b)
	})
	b.Run("AddObserved", func(b *testing.B) {
		b.ReportAllocs()
		xs := make([]*analysis.EmergentDoc, len(docs))
		for b.Loop() {
			b.StopTimer()
			acc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
			for i, d := range docs {
				xs[i] = acc.Observe(d, codings[i])
			}
			b.StartTimer()
			for _, x := range xs {
				acc.AddObserved(x)
			}
			if res := acc.Result(nil); len(res) != st.Cases+1 {
				b.Fatalf("%d results for %d cases", len(res), st.Cases)
			}
		}
		words(b)
	})
}
