package reports

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWriteAllStopsOnError makes one portrait impossible to write (a
// non-empty folder stands where the file goes) and checks that WriteAll
// names that file, does not write report.md, and lists exactly the files
// that are on disk.
func TestWriteAllStopsOnError(t *testing.T) {
	r := fixtureResults(t)
	out := t.TempDir()
	blocked := PortraitPath(r.Corpus.Cases[0].ID)
	if err := os.MkdirAll(filepath.Join(out, filepath.FromSlash(blocked), "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	written, err := WriteAll(out, r, fixtureManifest(), LangNL)
	if err == nil {
		t.Fatal("WriteAll over a folder: no error")
	}
	if !strings.Contains(err.Error(), filepath.FromSlash(blocked)) {
		t.Errorf("error %q does not name %s", err, blocked)
	}
	if slices.Contains(written, ReportFile) || slices.Contains(written, blocked) {
		t.Errorf("written = %v, want neither %s nor %s", written, ReportFile, blocked)
	}
	if _, err := os.Stat(filepath.Join(out, ReportFile)); !os.IsNotExist(err) {
		t.Errorf("report.md on disk after an error (stat: %v)", err)
	}
	for _, rel := range written {
		if fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("WriteAll says it wrote %s, but: %v", rel, err)
		}
	}
}

// TestWriteAllOrder checks the order of the paths WriteAll returns: bar
// chart, heat map, the ecomaps and the portraits in case order, report.md.
func TestWriteAllOrder(t *testing.T) {
	r, m := demoResults(t)
	written, err := WriteAll(t.TempDir(), r, m, LangNL)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{BarsFigure, HeatmapFigure}
	for _, c := range r.Corpus.Cases {
		want = append(want, EcomapPath(c.ID))
	}
	for _, c := range r.Corpus.Cases {
		want = append(want, PortraitPath(c.ID))
	}
	want = append(want, ReportFile)
	if !slices.Equal(written, want) {
		t.Errorf("written = %v\nwant %v", written, want)
	}
}
