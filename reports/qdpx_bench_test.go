package reports

import (
	"io"
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gen"
	"github.com/pbasis/pbasis/internal/testutil"
)

// BenchmarkDocumentWork measures, on one goroutine, the per-document work
// that `pbasis run` does on its reading workers, on a generated corpus of
// 300,000 words (the corpus of the speed benchmarks, made smaller):
//
//   - Read: corpus.ReadFile of every file;
//   - Code: analysis.CodeDocument of every document;
//   - Observe: EmergentAccumulator.Observe of every document;
//   - QDPX: QDPXWriter.Render of every document;
//   - QDPXXML: the part of QDPX that is not deflating (sourceXML): the
//     source elements with their selections.
//
// Each iteration does the whole corpus. cpu-ns/op is the process's user and
// system time per iteration (steadier than wall-clock time on a loaded
// machine). Run with:
//
//	go test ./reports -run '^$' -bench BenchmarkDocumentWork -count 5
func BenchmarkDocumentWork(b *testing.B) {
	dir := b.TempDir()
	st, err := gen.Write(dir, gen.Options{Words: 300_000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	o := corpus.DefaultOptions()
	files, sheet, cb, docs, codings := readCoded(b, fsys, o)
	report := func(b *testing.B, cpu0 time.Duration) {
		b.ReportMetric(float64(st.Words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
		b.ReportMetric(float64(testutil.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
	}
	b.Run("Read", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			for _, f := range files {
				if _, err := corpus.ReadFile(fsys, f, sheet, o); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, cpu0)
	})
	b.Run("Code", func(b *testing.B) {
		b.ReportAllocs()
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			for _, d := range docs {
				analysis.CodeDocument(cb, d)
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
				acc.Observe(d, codings[i])
			}
		}
		report(b, cpu0)
	})
	b.Run("QDPX", func(b *testing.B) {
		b.ReportAllocs()
		q, err := NewQDPX(io.Discard, cb.Spec(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		defer q.Discard()
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			for i, d := range docs {
				r := q.Render(d, codings[i])
				if r.err != nil {
					b.Fatal(r.err)
				}
				q.pools.docs.Put(r)
			}
		}
		report(b, cpu0)
	})
	b.Run("QDPXXML", func(b *testing.B) {
		b.ReportAllocs()
		q, err := NewQDPX(io.Discard, cb.Spec(), "bench")
		if err != nil {
			b.Fatal(err)
		}
		defer q.Discard()
		var (
			d  QDPXDoc
			sc qdpxScratch
		)
		cpu0 := testutil.ProcessCPU()
		for b.Loop() {
			for i, doc := range docs {
				if err := q.sourceXML(&d, doc, codings[i], &sc); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, cpu0)
	})
}

// readCoded reads every file of the corpus in fsys and codes it with the
// default codebook, for benchmarks: it returns the files, the metadata
// sheet, the codebook, and the documents and their codings in file order.
func readCoded(b *testing.B, fsys fs.FS, o corpus.Options) ([]string, *corpus.Sheet, *analysis.Codebook, []*corpus.Document, [][]analysis.Coding) {
	b.Helper()
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
	return files, sheet, cb, docs, codings
}
