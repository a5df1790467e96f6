package analysis_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/internal/testutil"
)

// BenchmarkAccumulatorHeap measures what the accumulators of a run hold:
// a generated 1M-word corpus (about 200 cases) is read, coded and added
// document by document, as `pbasis run` does, to an Accumulator and an
// EmergentAccumulator; the live heap they add is measured after a
// collection at the end of reading ("read-MiB") and once both have made
// their results and let go of their state ("results-MiB"), and per case.
// It guards the memory figures of the README's "Speed" (10M words: the
// live heap after reading and after the results) against regressions:
//
//	go test ./analysis -run '^$' -bench BenchmarkAccumulatorHeap -benchtime 1x
func BenchmarkAccumulatorHeap(b *testing.B) {
	g := genCorpus(b, 1_000_000, 1)
	live := func() float64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc)
	}
	var read, results float64
	for b.Loop() {
		base := live()
		acc := analysis.NewAccumulator(g.cb.Spec(), analysis.ResultsOptions{})
		em := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
		if err := em.SpillExamples(b.TempDir()); err != nil {
			b.Fatal(err)
		}
		for _, f := range g.files {
			d := g.read(b, f)
			c := analysis.CodeDocument(g.cb, d)
			acc.Add(d, c)
			em.AddObserved(em.Observe(d, c))
		}
		read = live() - base
		ex, err := em.ResultErr(nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := em.Close(); err != nil {
			b.Fatal(err)
		}
		r := acc.Finish()
		r.Emergent = ex
		results = live() - base
		runtime.KeepAlive(acc)
		runtime.KeepAlive(em)
		runtime.KeepAlive(r)
	}
	const mib = 1 << 20
	b.ReportMetric(read/mib, "read-MiB")
	b.ReportMetric(results/mib, "results-MiB")
	b.ReportMetric(read/float64(g.stats.Cases), "read-B/case")
	b.ReportMetric(float64(g.stats.Words), "words")
}

// BenchmarkAccumulateGenerated measures Accumulator.Add alone (the serial
// stage of a run's aggregation) over a generated 200k-word corpus, read
// and coded beforehand, and the Results made from it, in CPU nanoseconds
// (steadier than wall-clock time on a shared machine):
//
//	go test ./analysis -run '^$' -bench BenchmarkAccumulateGenerated -count 5
func BenchmarkAccumulateGenerated(b *testing.B) {
	g := genCorpus(b, 200_000, 3)
	docs, codings := g.coded(b)
	for _, stage := range []string{"Add", "Results"} {
		b.Run(stage, func(b *testing.B) {
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				acc := analysis.NewAccumulator(g.cb.Spec(), analysis.ResultsOptions{})
				cpu0 := testutil.ProcessCPU()
				for i, d := range docs {
					acc.Add(d, codings[i])
				}
				cpu1 := testutil.ProcessCPU()
				r := acc.Finish()
				if stage == "Add" {
					cpu += cpu1 - cpu0
				} else {
					cpu += testutil.ProcessCPU() - cpu1
				}
				if len(r.Cases) == 0 {
					b.Fatal("no cases")
				}
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
