package reports

import (
	"errors"
	"io"
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

// TestCreateFile checks CreateFile: it makes missing folders, replaces a
// file, removes a file whose write failed, and names the folder or the
// file in its errors as it did when it made the folder first.
func TestCreateFile(t *testing.T) {
	dir := t.TempDir()
	put := func(rel, text string) error {
		return CreateFile(filepath.Join(dir, rel), func(w io.Writer) error {
			_, err := io.WriteString(w, text)
			return err
		})
	}
	big := strings.Repeat("x", 100<<10) // more than a buffer
	for _, c := range []struct{ rel, text string }{{"a/b/c.md", "eerst"}, {"a/b/c.md", "dan"}, {"a/d.svg", big}, {"e.md", ""}} {
		if err := put(c.rel, c.text); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(filepath.Join(dir, c.rel)); err != nil || string(got) != c.text {
			t.Errorf("%s: %d bytes, %v; want %d bytes", c.rel, len(got), err, len(c.text))
		}
	}
	fail := errors.New("kapot")
	err := CreateFile(filepath.Join(dir, "a/f.md"), func(w io.Writer) error {
		io.WriteString(w, big)
		return fail
	})
	if !errors.Is(err, fail) {
		t.Errorf("write error: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a/f.md")); !os.IsNotExist(err) {
		t.Errorf("file after a failed write: %v", err)
	}
	// A file where the folder should be.
	err = put("e.md/g.md", "x")
	if err == nil || !strings.HasPrefix(err.Error(), "create folder for ") {
		t.Errorf("folder is a file: %v", err)
	}
	// A folder where the file should be.
	if err := os.Mkdir(filepath.Join(dir, "h.md"), 0o755); err != nil {
		t.Fatal(err)
	}
	err = put("h.md", "x")
	if err == nil || !strings.HasPrefix(err.Error(), "write ") {
		t.Errorf("file is a folder: %v", err)
	}
}
