package reports

import (
	"bufio"
	"io"
	"os"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// The benchmarks in this file write codings.csv and segments.csv of the
// corpus in $PBASIS_BENCH_CORPUS (skipped when unset), read and coded
// outside the timer, to a byte counter through the 256 KiB buffer AtomicWrite
// gives them:
//
//	PBASIS_BENCH_CORPUS=/tmp/b/c2m go test ./reports -run '^$' -bench 'CodingsWriter|SegmentsWriter' -count 5

// BenchmarkCodingsWriter writes the corpus's codings.csv.
func BenchmarkCodingsWriter(b *testing.B) {
	_, _, _, _, codings := readCSVBenchCorpus(b)
	n := 0
	for _, c := range codings {
		n += len(c)
	}
	benchCSV(b, n, func(w io.Writer) error {
		c, err := NewCodingsWriter(w)
		if err != nil {
			return err
		}
		for _, k := range codings {
			if err := c.Write(k); err != nil {
				return err
			}
		}
		return c.Flush()
	})
}

// BenchmarkSegmentsWriter writes the corpus's segments.csv.
func BenchmarkSegmentsWriter(b *testing.B) {
	_, _, _, docs, _ := readCSVBenchCorpus(b)
	n := 0
	for _, d := range docs {
		n += len(d.Segments)
	}
	benchCSV(b, n, func(w io.Writer) error {
		s, err := NewSegmentsWriter(w)
		if err != nil {
			return err
		}
		for _, d := range docs {
			if err := s.Write(d); err != nil {
				return err
			}
		}
		return s.Flush()
	})
}

// readCSVBenchCorpus reads and codes $PBASIS_BENCH_CORPUS, skipping the
// benchmark when it is unset.
func readCSVBenchCorpus(b *testing.B) ([]string, *corpus.Sheet, *analysis.Codebook, []*corpus.Document, [][]analysis.Coding) {
	dir := os.Getenv("PBASIS_BENCH_CORPUS")
	if dir == "" {
		b.Skip("PBASIS_BENCH_CORPUS not set")
	}
	return readCoded(b, os.DirFS(dir), corpus.DefaultOptions())
}

// benchCSV times write (a file of rows rows) into a byte counter through
// writeBufferedTo, with its CPU time, rows and bytes.
func benchCSV(b *testing.B, rows int, write func(io.Writer) error) {
	b.ReportAllocs()
	b.ResetTimer()
	start := testutil.ProcessCPU()
	var size int64
	for i := 0; i < b.N; i++ {
		cw := &countWriter{}
		if err := writeBufferedTo(cw, write); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	reportCPU(b, start)
	b.ReportMetric(float64(rows), "rows")
	b.SetBytes(size)
}

// writeBufferedTo calls write on w through a buffer the size of
// AtomicWrite's, and flushes it.
func writeBufferedTo(w io.Writer, write func(io.Writer) error) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
