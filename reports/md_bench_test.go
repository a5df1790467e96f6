package reports

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/internal/gen"
	"github.com/pbasis/pbasis/internal/testutil"
)

// Run with:
//
//	go test ./reports -run '^$' -bench BenchmarkMDFiles -cpu 1 -count 5
//
// BenchmarkMDFiles writes the Markdown report, the portraits and the
// figures of a generated corpus (internal/gen, seed 1, 200,000 words:
// about 40 families; -bench-md-words sets the size) coded with the default
// codebook. The corpus is generated, read, coded and aggregated once per
// run of BenchmarkMDFiles, outside the timed loops of its sub-benchmarks:
//
//   - WriteAll: every file into a folder with AtomicWrite (a sync per
//     file);
//   - CreateFile: every file into a folder with CreateFile, as `pbasis run`
//     writes its staging folder (each op writes over the last op's files);
//   - Discard: what WriteAllWith makes of every file, handed to io.Discard:
//     the CPU of the content alone, without files;
//   - Markdown: the same content into io.Discard through the exported
//     writers (WriteReport, WritePortrait, WriteEcomap, ...), no files.
//
// Besides ns/op they report cpu-ns/op: the CPU time of the process (all
// goroutines, the garbage collector's included) per op, on a busy machine a
// steadier figure than the wall-clock ns/op.

var benchMDWords = flag.Int("bench-md-words", 200_000, "words of the generated corpus of BenchmarkMDFiles")

func BenchmarkMDFiles(b *testing.B) {
	r, m := benchMDResults(b)
	b.Run("WriteAll", func(b *testing.B) { benchWriteAll(b, r, m, AtomicWrite) })
	b.Run("CreateFile", func(b *testing.B) { benchWriteAll(b, r, m, CreateFile) })
	b.Run("Discard", func(b *testing.B) { benchWriteAll(b, r, m, putDiscard) })
	b.Run("Markdown", func(b *testing.B) { benchMarkdown(b, r, m) })
}

// benchMDResults returns the results of a generated corpus of
// -bench-md-words words, built the way `pbasis run` builds them.
func benchMDResults(b *testing.B) (*analysis.Results, *Manifest) {
	b.Helper()
	dir := b.TempDir()
	if _, err := gen.Write(dir, gen.Options{Words: *benchMDWords, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return corpusResults(b, os.DirFS(dir), "bench", "gen "+strconv.Itoa(*benchMDWords))
}

// putDiscard is a FileWriter that hands every file to io.Discard.
func putDiscard(_ string, write func(w io.Writer) error) error { return write(io.Discard) }

// benchWriteAll runs WriteAllWith with put: AtomicWrite (WriteAll),
// CreateFile (as pbasis run writes its staging folder; each op writes over
// the files of the last) or putDiscard (the content of every file made as
// WriteAllWith makes it, but no file written).
func benchWriteAll(b *testing.B, r *analysis.Results, m *Manifest, put FileWriter) {
	out := b.TempDir()
	rels, err := WriteAll(out, r, m, LangNL)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchOutSize(b, out, rels))
	b.ReportMetric(float64(len(rels)), "files/op")
	b.ReportAllocs()
	cpu := testutil.ProcessCPU()
	b.ResetTimer()
	for b.Loop() {
		if _, err := WriteAllWith(out, r, m, LangNL, put); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
}

func benchMarkdown(b *testing.B, r *analysis.Results, m *Manifest) {
	b.ReportAllocs()
	cpu := testutil.ProcessCPU()
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

// reportCPU reports the CPU time of the process per op since cpu, as
// "cpu-ns/op".
func reportCPU(b *testing.B, cpu time.Duration) {
	if used := testutil.ProcessCPU() - cpu; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
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
