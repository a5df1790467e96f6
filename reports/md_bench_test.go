package reports

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gen"
)

// Run with:
//
//	go test ./reports -run '^$' -bench 'BenchmarkWriteAll|BenchmarkMarkdown' -cpu 1 -count 5
//
// The benchmarks write the Markdown report, the portraits and the figures
// of a generated corpus (internal/gen, seed 1, 200,000 words: about 40
// families; -bench-md-words sets the size) coded with the default codebook. The corpus is generated, read,
// coded and aggregated once per test binary, outside the timed loops.

var benchMDWords = flag.Int("bench-md-words", 200_000, "words of the generated corpus of BenchmarkWriteAll and BenchmarkMarkdown")

var benchMD struct {
	once sync.Once
	r    *analysis.Results
	m    *Manifest
	err  error
}

// benchMDResults returns the results of the generated benchmark corpus,
// built the way `pbasis run` builds them.
func benchMDResults(b *testing.B) (*analysis.Results, *Manifest) {
	b.Helper()
	benchMD.once.Do(func() {
		dir, err := os.MkdirTemp("", "pbasis-md-bench")
		if err != nil {
			benchMD.err = err
			return
		}
		defer os.RemoveAll(dir)
		if _, err := gen.Write(dir, gen.Options{Words: *benchMDWords, Seed: 1}); err != nil {
			benchMD.err = err
			return
		}
		fsys := os.DirFS(dir)
		o := corpus.DefaultOptions()
		files, skipped, err := corpus.List(fsys, o.Limits)
		if err != nil {
			benchMD.err = err
			return
		}
		sheet, err := corpus.ReadSheet(fsys, o.Limits)
		if err != nil {
			benchMD.err = err
			return
		}
		cb, err := analysis.LoadDefault()
		if err != nil {
			benchMD.err = err
			return
		}
		acc := analysis.NewAccumulator(cb.Spec(), analysis.ResultsOptions{Lang: "nl"})
		em := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
		for _, f := range files {
			doc, err := corpus.ReadFile(fsys, f, sheet, o)
			if err != nil {
				skipped = append(skipped, corpus.Skipped{File: f, Reason: err.Error()})
				continue
			}
			codings := analysis.CodeDocument(cb, doc)
			acc.Add(doc, codings)
			em.Add(doc, codings)
		}
		spec := cb.Spec()
		benchMD.m = &Manifest{
			Tool:     ToolInfo{Name: "pbasis", Version: "bench"},
			Config:   ConfigInfo{Settings: map[string]any{"corpus": map[string]any{"segment_unit": o.Unit}}},
			Codebook: &CodebookInfo{ID: spec.ID, Version: spec.Version, File: analysis.DefaultCodebookName, SHA256: analysis.SHA256(analysis.DefaultCodebookYAML()), Codes: len(spec.Codes)},
			Input:    InputInfo{Source: "gen " + strconv.Itoa(*benchMDWords)},
			Skipped:  skipped,
		}
		benchMD.r = acc.Results()
		benchMD.r.Emergent = em.Result(nil)
	})
	if benchMD.err != nil {
		b.Fatal(benchMD.err)
	}
	return benchMD.r, benchMD.m
}

// BenchmarkWriteAll writes every Markdown and SVG file of the benchmark
// corpus into a folder, as `pbasis run` does (atomic writes included).
func BenchmarkWriteAll(b *testing.B) {
	r, m := benchMDResults(b)
	out := b.TempDir()
	rels, err := WriteAll(out, r, m, LangNL)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchOutSize(b, out, rels))
	b.ReportMetric(float64(len(rels)), "files/op")
	b.ReportAllocs()
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		if _, err := WriteAll(out, r, m, LangNL); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time of the process (all goroutines, the
// garbage collector's included) per op since cpu, as "cpu-ns/op": on a busy
// machine a steadier figure than the wall-clock ns/op.
func reportCPU(b *testing.B, cpu time.Duration) {
	if used := processCPU() - cpu; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkMarkdown makes the same content as BenchmarkWriteAll into
// io.Discard, without files: report.md, every portrait and every figure.
func BenchmarkMarkdown(b *testing.B) {
	r, m := benchMDResults(b)
	b.ReportAllocs()
	cpu := processCPU()
	b.ResetTimer()
	for b.Loop() {
		if err := WriteReport(io.Discard, r, m, LangNL); err != nil {
			b.Fatal(err)
		}
		for _, c := range r.Corpus.Cases {
			if err := WritePortrait(io.Discard, r, c.ID, m, LangNL); err != nil {
				b.Fatal(err)
			}
			if err := WriteEcomap(io.Discard, ecomapData(r, c.ID, LangNL), LangNL); err != nil {
				b.Fatal(err)
			}
		}
		if err := WriteBarChart(io.Discard, barChartData(r, LangNL), LangNL); err != nil {
			b.Fatal(err)
		}
		if err := WriteHeatmap(io.Discard, heatmapData(r, LangNL), LangNL); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

// benchOutSize returns the total size of the files WriteAll wrote.
func benchOutSize(b *testing.B, out string, rels []string) int64 {
	var n int64
	for _, rel := range rels {
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			b.Fatal(err)
		}
		n += fi.Size()
	}
	return n
}
