package main

import (
	"crypto/sha256"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/pbasis/pbasis/internal/testutil"
)

// hashTree returns a hash per file under dir.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[p] = sha256.Sum256(data)
		return nil
	})
	must(t, err)
	return out
}

// TestSameAnswerEveryTime runs twice on the same input, once with one
// worker and once with all, and compares the CSV outputs byte for byte. It
// also checks that the input folder is not written to.
func TestSameAnswerEveryTime(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	must(t, os.CopyFS(in, os.DirFS(filepath.Join(testutil.RepoRoot(), "demo", "files"))))
	before := hashTree(t, in)
	if _, stderr, code := run(t, dir, "run", "--input", "in", "--out", "a", "--jobs", "1"); code != 0 {
		t.Fatalf("run a: %d %s", code, stderr)
	}
	if _, stderr, code := run(t, "", "run", "--input", "in", "--out", "b", "--jobs", "4"); code != 0 {
		t.Fatalf("run b: %d %s", code, stderr)
	}
	// Every output but run.json (which holds timings) must be byte-identical.
	ha, hb := hashTree(t, filepath.Join(dir, "a")), hashTree(t, filepath.Join(dir, "b"))
	if len(ha) < 10 || len(ha) != len(hb) {
		t.Fatalf("outputs: %d files with --jobs 1, %d with --jobs 4", len(ha), len(hb))
	}
	for p, h := range ha {
		rel, _ := filepath.Rel(filepath.Join(dir, "a"), p)
		if rel == "run.json" {
			continue
		}
		if rel == "pbasis.xlsx" {
			// excelize orders some package parts differently from run to
			// run; the cells must be the same, but for the overview, which
			// records the settings (--jobs and --out differ by design).
			ca, cb := xlsxCells(t, p), xlsxCells(t, filepath.Join(dir, "b", rel))
			delete(ca, "Overzicht")
			delete(cb, "Overzicht")
			if len(ca) < 10 {
				t.Errorf("pbasis.xlsx has only %d sheets besides the overview", len(ca))
			}
			if d := cmp.Diff(ca, cb); d != "" {
				t.Errorf("pbasis.xlsx cells differ between --jobs 1 and --jobs 4:\n%s", d)
			}
			continue
		}
		if hb[filepath.Join(dir, "b", rel)] != h {
			t.Errorf("%s differs between --jobs 1 and --jobs 4", rel)
		}
	}
	after := hashTree(t, in)
	if len(before) != len(after) {
		t.Fatalf("input folder changed: %d files before, %d after", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("input file %s changed", p)
		}
	}
}

// xlsxCells returns every cell value of every sheet of a workbook.
func xlsxCells(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	out := map[string][][]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		must(t, err)
		out[sh] = rows
	}
	return out
}
