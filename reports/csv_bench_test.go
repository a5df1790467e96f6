package reports

import (
	"bufio"
	"io"
	"os"
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

// The benchmarks in this file write codings.csv and segments.csv of the
// corpus in $PBASIS_BENCH_CORPUS (skipped when unset), read and coded
// outside the timer, to a byte counter through the 256 KiB buffer AtomicWrite
// gives them:
//
//	PBASIS_BENCH_CORPUS=/tmp/b/c2m go test ./reports -run '^$' -bench 'CodingsWriter|SegmentsWriter' -count 5

// BenchmarkCodingsWriter writes the corpus's codings.csv.
func BenchmarkCodingsWriter(b *testing.B) {
	dir := os.Getenv("PBASIS_BENCH_CORPUS")
	if dir == "" {
		b.Skip("PBASIS_BENCH_CORPUS not set")
	}
	_, _, _, _, codings := readCoded(b, os.DirFS(dir), corpus.DefaultOptions())
	n := 0
	for _, c := range codings {
		n += len(c)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := processCPU()
	var size int64
	for i := 0; i < b.N; i++ {
		cw := &countWriter{}
		if err := writeBufferedTo(cw, func(w io.Writer) error {
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
		}); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	reportCPU(b, start)
	b.ReportMetric(float64(n), "rows")
	b.SetBytes(size)
}

// BenchmarkSegmentsWriter writes the corpus's segments.csv.
func BenchmarkSegmentsWriter(b *testing.B) {
	dir := os.Getenv("PBASIS_BENCH_CORPUS")
	if dir == "" {
		b.Skip("PBASIS_BENCH_CORPUS not set")
	}
	_, _, _, docs, _ := readCoded(b, os.DirFS(dir), corpus.DefaultOptions())
	n := 0
	for _, d := range docs {
		n += len(d.Segments)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := processCPU()
	var size int64
	for i := 0; i < b.N; i++ {
		cw := &countWriter{}
		if err := writeBufferedTo(cw, func(w io.Writer) error {
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
		}); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	reportCPU(b, start)
	b.ReportMetric(float64(n), "rows")
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
