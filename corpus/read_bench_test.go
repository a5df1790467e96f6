package corpus_test

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gen"
	"github.com/pbasis/pbasis/internal/testutil"
)

// BenchmarkReadCorpus measures reading a generated 1M-word corpus of .txt
// transcripts (about 500 files with a metadata sheet), as the reading
// workers of a run do, one file after another:
//
//   - ReadFile: corpus.ReadFile of every file, from disk (open, stat, read,
//     decode, build);
//   - ReadText: corpus.ReadText of every file's bytes, held in memory;
//   - Build: corpus.Build of every file's extract, read off the clock.
//
// Besides ns/op each reports cpu-ns/op, the user and system CPU time of the
// process per iteration, steadier than wall-clock time on a loaded machine.
//
// Run it with
//
//	go test ./corpus -run '^$' -bench BenchmarkReadCorpus -benchmem
func BenchmarkReadCorpus(b *testing.B) {
	dir := b.TempDir()
	st, err := gen.Write(dir, gen.Options{Words: 1_000_000, Seed: 7})
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
	var size int64
	data := make([][]byte, len(files))
	exs := make([]corpus.Extract, len(files))
	metas := make([]corpus.Metadata, len(files))
	for i, f := range files {
		if data[i], err = fs.ReadFile(fsys, f); err != nil {
			b.Fatal(err)
		}
		size += int64(len(data[i]))
		if exs[i], err = corpus.ReadText(f, data[i], o.Limits); err != nil {
			b.Fatal(err)
		}
		src := corpus.MetaSources{Front: exs[i].Front}
		if r, ok := sheet.Rows[f]; ok {
			src.Row = &r
		}
		if metas[i], err = corpus.ResolveMetadata(f, src, o); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("%d files, %d words, %d bytes", st.Files, st.Words, size)
	b.Run("ReadFile", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		defer reportCPU(b, testutil.ProcessCPU())
		for b.Loop() {
			for _, f := range files {
				if _, err := corpus.ReadFile(fsys, f, sheet, o); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("ReadText", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		defer reportCPU(b, testutil.ProcessCPU())
		for b.Loop() {
			for i, f := range files {
				if _, err := corpus.ReadText(f, data[i], o.Limits); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("Build", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		defer reportCPU(b, testutil.ProcessCPU())
		for b.Loop() {
			for i, f := range files {
				ext := strings.TrimPrefix(path.Ext(f), ".")
				if _, err := corpus.Build(f, ext, exs[i], metas[i], o); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// reportCPU reports the CPU time of the process since cpu0 per iteration.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.ReportMetric(float64(testutil.ProcessCPU()-cpu0)/float64(b.N), "cpu-ns/op")
}
