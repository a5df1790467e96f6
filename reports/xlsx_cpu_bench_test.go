package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// The benchmarks in this file write the workbook of a real corpus: the
// folder named by $PBASIS_BENCH_CORPUS (skipped when unset), read, coded
// and aggregated the way `pbasis run` does, outside the timer. Besides
// time, they report the CPU time per operation (cpu-ns/op, user and
// system, of the whole process), which is what counts on a machine whose
// cores are all busy:
//
//	PBASIS_BENCH_CORPUS=/tmp/b/c2m go test ./reports -run '^$' -bench WorkbookCorpus -count 5

// benchCorpus is a corpus read for the benchmarks, with its results.
type benchCorpus struct {
	docs    []*corpus.Document
	codings [][]analysis.Coding
	r       *analysis.Results
	m       *Manifest
	cb      *analysis.CodebookSpec
}

// loadBenchCorpus reads $PBASIS_BENCH_CORPUS, or skips b.
func loadBenchCorpus(b *testing.B) *benchCorpus {
	dir := os.Getenv("PBASIS_BENCH_CORPUS")
	if dir == "" {
		b.Skip("PBASIS_BENCH_CORPUS not set")
	}
	fsys := os.DirFS(dir)
	_, _, cb, docs, codings := readCoded(b, fsys, corpus.DefaultOptions())
	bc := &benchCorpus{cb: cb.Spec(), docs: docs, codings: codings}
	bc.r, bc.m = corpusResults(b, fsys, "bench", dir)
	return bc
}

// BenchmarkWorkbookCorpusRows renders the corpus's Codings and Segments
// rows on GOMAXPROCS goroutines and writes them (numbered, deflated),
// with empty results for the summary sheets.
func BenchmarkWorkbookCorpusRows(b *testing.B) {
	bc := loadBenchCorpus(b)
	empty := &analysis.Results{}
	b.ReportAllocs()
	b.ResetTimer()
	start := testutil.ProcessCPU()
	for i := 0; i < b.N; i++ {
		w, err := NewWorkbook(LangNL, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := renderPipelined(bc.docs, bc.codings, w.Render, w.AddRendered); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(io.Discard, empty, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkWorkbookCorpusRender only renders the corpus's rows, on one
// goroutine, without writing them.
func BenchmarkWorkbookCorpusRender(b *testing.B) {
	bc := loadBenchCorpus(b)
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Discard()
	b.ReportAllocs()
	b.ResetTimer()
	start := testutil.ProcessCPU()
	for i := 0; i < b.N; i++ {
		for d, doc := range bc.docs {
			rd := w.Render(doc, bc.codings[d])
			w.renders.Put(rd)
		}
	}
	reportCPU(b, start)
}

// BenchmarkWorkbookCorpusSummary writes the corpus's summary sheets, with
// no Codings or Segments rows.
func BenchmarkWorkbookCorpusSummary(b *testing.B) {
	bc := loadBenchCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	start := testutil.ProcessCPU()
	for i := 0; i < b.N; i++ {
		w, err := NewWorkbook(LangNL, bc.cb)
		if err != nil {
			b.Fatal(err)
		}
		if err := w.Close(io.Discard, bc.r, bc.m); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkWorkbookCorpusContexts makes the quote context of every coding
// of the corpus (the Codings sheet's quote column).
func BenchmarkWorkbookCorpusContexts(b *testing.B) {
	bc := loadBenchCorpus(b)
	var buf []byte
	var runes []rune
	b.ResetTimer()
	start := testutil.ProcessCPU()
	for i := 0; i < b.N; i++ {
		for d, doc := range bc.docs {
			for k := range bc.codings[d] {
				buf = appendCodingContext(buf[:0], doc, &bc.codings[d][k], &runes)
			}
		}
	}
	reportCPU(b, start)
}

// BenchmarkWorkbookCorpusClose times only Close: per iteration, the
// corpus's Codings and Segments rows are written first (timer stopped),
// then Close writes the summary sheets and the workbook to a file, as
// `pbasis run` does (buffered, 256 KiB). Besides time it reports the
// user and system CPU time of Close (user-ns/op, sys-ns/op) and, on
// Linux, the bytes it read and wrote through system calls (read-MB/op,
// written-MB/op). With $PBASIS_CLOSE_PROF set, a CPU profile of the
// first Close is written there.
func BenchmarkWorkbookCorpusClose(b *testing.B) {
	bc := loadBenchCorpus(b)
	dir := b.TempDir()
	var prof *os.File
	if p := os.Getenv("PBASIS_CLOSE_PROF"); p != "" {
		var err error
		if prof, err = os.Create(p); err != nil {
			b.Fatal(err)
		}
		defer prof.Close()
	}
	var user, sys time.Duration
	var read, written int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		w, err := NewWorkbook(LangNL, bc.cb)
		if err != nil {
			b.Fatal(err)
		}
		if err := renderPipelined(bc.docs, bc.codings, w.Render, w.AddRendered); err != nil {
			b.Fatal(err)
		}
		w.wait()
		runtime.GC()
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("wb%d.xlsx", i)))
		if err != nil {
			b.Fatal(err)
		}
		if prof != nil && i == 0 {
			if err := pprof.StartCPUProfile(prof); err != nil {
				b.Fatal(err)
			}
		}
		u0, s0 := processUserSys()
		r0, w0 := processIO()
		b.StartTimer()
		bw := bufio.NewWriterSize(f, 256<<10)
		if err := w.Close(bw, bc.r, bc.m); err != nil {
			b.Fatal(err)
		}
		if err := bw.Flush(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		u1, s1 := processUserSys()
		r1, w1 := processIO()
		read, written = read+r1-r0, written+w1-w0
		if prof != nil && i == 0 {
			pprof.StopCPUProfile()
		}
		user, sys = user+u1-u0, sys+s1-s0
		f.Close()
		os.Remove(f.Name())
		b.StartTimer()
	}
	b.ReportMetric(float64(user.Nanoseconds())/float64(b.N), "user-ns/op")
	b.ReportMetric(float64(sys.Nanoseconds())/float64(b.N), "sys-ns/op")
	b.ReportMetric(float64(read)/float64(b.N)/(1<<20), "read-MB/op")
	b.ReportMetric(float64(written)/float64(b.N)/(1<<20), "written-MB/op")
}
