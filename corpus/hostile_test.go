package corpus

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// Hostile input beyond the zip/XML cases of zipxml_test.go: YAML entity
// expansion in front matter, a file that grows while it is read, and the
// line-length limit.

// TestFrontMatterBillionLaughs: YAML aliases that would expand to billions
// of nodes are refused quickly with an error naming the file, never
// expanded.
func TestFrontMatterBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, k := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(k + ": &" + k + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = k
	}
	b.WriteString("---\nI: Hallo\n")
	start := time.Now()
	_, err := ReadText("lol.md", []byte(b.String()), Limits{})
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("front matter with nested aliases took %v", d)
	}
	var ie *InputError
	if !errors.As(err, &ie) || ie.Pos.File != "lol.md" || !strings.Contains(err.Error(), "front matter") {
		t.Fatalf("got %v, want an *InputError naming lol.md and its front matter", err)
	}
}

// growingFS serves one file whose Stat reports size bytes but whose
// reads deliver data: a file that grew between the stat and the read.
type growingFS struct {
	data []byte
	size int64
}

func (g growingFS) Open(name string) (fs.File, error) {
	if name != "groeit.txt" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &growingFile{r: strings.NewReader(string(g.data)), size: g.size}, nil
}

type growingFile struct {
	r    io.Reader
	size int64
}

func (f *growingFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *growingFile) Close() error               { return nil }
func (f *growingFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"groeit.txt": {Data: make([]byte, f.size)}}.Stat("groeit.txt")
}

// TestFileGrowsWhileRead: a file under the size limit when looked at, but
// over it by the time it is read (a recording still being written, a sync
// client filling it in), is refused with the limit named; reading never
// goes past the limit.
func TestFileGrowsWhileRead(t *testing.T) {
	data := []byte("I: " + strings.Repeat("woord ", 200) + "\n")
	fsys := growingFS{data: data, size: 10}
	_, err := ReadFile(fsys, "groeit.txt", nil, Options{Limits: Limits{MaxFileBytes: 100}, Unit: UnitSentence, Roles: DefaultRoles(), UnlabelledRole: RoleUnknown})
	ie := wantInputError(t, err, "groeit.txt", ErrTooLarge, "limits.max_file_bytes = 100", "grew while read")
	if ie.Hint == "" {
		t.Error("no hint on what to do")
	}
	// Under the limit, a file whose size on disk is not what was read
	// changed while it was read: it is refused with a clear error, never
	// read half.
	_, err = ReadFile(growingFS{data: []byte("I: Hallo\nR: Ja.\n"), size: 3}, "groeit.txt", nil, DefaultOptions())
	ie = wantInputError(t, err, "groeit.txt", ErrCorrupt, "changed while it was read")
	if !strings.Contains(ie.Hint, "nothing is writing") {
		t.Errorf("hint %q", ie.Hint)
	}
	// A file that does not change is read as it is.
	doc, err := ReadFile(growingFS{data: []byte("I: Hallo\nR: Ja.\n"), size: int64(len("I: Hallo\nR: Ja.\n"))}, "groeit.txt", nil, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if doc.Reading.Bytes != int64(len("I: Hallo\nR: Ja.\n")) {
		t.Errorf("Reading.Bytes %d, want the bytes read", doc.Reading.Bytes)
	}
}

// TestLongLineRefused: a "text" file with one enormous line (a binary file
// renamed to .txt, a minified export) is refused with the limit and line.
func TestLongLineRefused(t *testing.T) {
	data := []byte("I: kort\n" + strings.Repeat("x", 5000) + "\n")
	_, err := ReadText("lang.txt", data, Limits{MaxLineBytes: 1000})
	ie := wantInputError(t, err, "lang.txt", ErrTooLarge, "limits.max_line_bytes = 1000")
	if ie.Pos.Line != 2 {
		t.Errorf("line %d, want 2", ie.Pos.Line)
	}
}

// TestSheetSizeLimit: the metadata sheet is bound by max_file_bytes too.
func TestSheetSizeLimit(t *testing.T) {
	fsys := fstest.MapFS{"metadata.csv": {Data: []byte("file,case\n" + strings.Repeat("a.txt,G01\n", 100))}}
	_, err := ReadSheet(fsys, Limits{MaxFileBytes: 100})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "limits.max_file_bytes = 100") {
		t.Errorf("got %v, want the max_file_bytes limit", err)
	}
}
