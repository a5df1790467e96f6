package reports

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/pbasis/pbasis/analysis"
)

func TestSafeFileName(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want string // "" means: only check the invariants
	}{
		{"G01", "G01"},
		{"gezin-3_b", "gezin-3_b"},
		{"Gezin.7", "Gezin.7"},
		{"Zoë", "Zoë"},
		{"..", ""},
		{".", ""},
		{"../../etc/passwd", ""},
		{"a/b", ""},
		{`a\b`, ""},
		{"C:evil", ""},
		{"CON", ""},
		{"con.txt", ""},
		{"Lpt1", ""},
		{"nul", ""},
		{"", ""},
		{"gezin 3", ""},
		{"tab\there", ""},
		{"nl\nx", ""},
		{"bel\x07", ""},
		{"trailing.", ""},
		{".hidden", ""},
		{"x\u202Ey", ""},
		{"a*b?c\"d<e>f|g", ""},
		{strings.Repeat("lang", 60), ""},
		{"\xff\xfe", ""},
	} {
		got := SafeFileName(tc.id)
		if tc.want != "" && got != tc.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", tc.id, got, tc.want)
		}
		if got == "" || got == "." || got == ".." || strings.HasPrefix(got, ".") || strings.HasSuffix(got, ".") {
			t.Errorf("SafeFileName(%q) = %q: empty or dot name", tc.id, got)
		}
		if strings.ContainsAny(got, `/\:*?"<>| `) {
			t.Errorf("SafeFileName(%q) = %q: reserved character", tc.id, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f || r == 0x202E {
				t.Errorf("SafeFileName(%q) = %q: control character", tc.id, got)
			}
		}
		stem := strings.ToLower(got)
		if i := strings.IndexByte(stem, '.'); i >= 0 {
			stem = stem[:i]
		}
		if slices.Contains(windowsReserved(), stem) {
			t.Errorf("SafeFileName(%q) = %q: reserved Windows name", tc.id, got)
		}
		if len(got) > maxSafeName+9 {
			t.Errorf("SafeFileName(%q) = %q: too long (%d bytes)", tc.id, got, len(got))
		}
		if filepath.Base(got) != got || path.Clean(got) != got {
			t.Errorf("SafeFileName(%q) = %q: not a plain file name", tc.id, got)
		}
	}
	// Names that only differ in replaced characters stay apart.
	if a, b := SafeFileName("a/b"), SafeFileName("a:b"); a == b {
		t.Errorf("SafeFileName gives %q for both a/b and a:b", a)
	}
}

func TestWriteAllLinksResolve(t *testing.T) {
	for _, lang := range Langs() {
		t.Run(string(lang), func(t *testing.T) {
			out := t.TempDir()
			written := writeAllChecked(t, out, fixtureResults(t), fixtureManifest(), lang)
			for _, want := range []string{"report.md", "families/G1.md", "figures/ecomap-G1.svg", BarsFigure, HeatmapFigure} {
				if !slices.Contains(written, want) {
					t.Errorf("WriteAll did not write %s (wrote %v)", want, written)
				}
			}
		})
	}
}

// writeAllChecked runs WriteAll and checks that every file it names exists,
// that nothing else was written, that every link and image in every
// Markdown file resolves to a file WriteAll wrote, and that every SVG is
// well-formed XML.
func writeAllChecked(t *testing.T, out string, r *analysis.Results, m *Manifest, lang Lang) []string {
	t.Helper()
	written, err := WriteAll(out, r, m, lang)
	if err != nil {
		t.Fatalf("WriteAll: %v", err)
	}
	var onDisk []string
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		onDisk = append(onDisk, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(onDisk)
	sortedWritten := slices.Clone(written)
	slices.Sort(sortedWritten)
	if !slices.Equal(onDisk, sortedWritten) {
		t.Errorf("files on disk %v, WriteAll says %v", onDisk, sortedWritten)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	for _, rel := range written {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		switch path.Ext(rel) {
		case ".md":
			doc := md.Parser().Parse(text.NewReader(data))
			links := 0
			err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				var dest string
				switch x := n.(type) {
				case *ast.Link:
					dest = string(x.Destination)
				case *ast.Image:
					dest = string(x.Destination)
				case *ast.AutoLink:
					t.Errorf("%s: autolink %q", rel, x.URL(data))
					return ast.WalkContinue, nil
				case *ast.RawHTML, *ast.HTMLBlock:
					t.Errorf("%s: raw HTML at %v", rel, n.Kind())
					return ast.WalkContinue, nil
				default:
					return ast.WalkContinue, nil
				}
				links++
				u, err := url.Parse(dest)
				if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") {
					t.Errorf("%s: link %q is not a relative path", rel, dest)
					return ast.WalkContinue, nil
				}
				target := path.Clean(path.Join(path.Dir(rel), u.Path))
				if !slices.Contains(written, target) {
					t.Errorf("%s: link %q points to %s, which WriteAll did not write", rel, dest, target)
				}
				return ast.WalkContinue, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if links == 0 {
				t.Errorf("%s: no links at all", rel)
			}
		case ".svg":
			checkXML(t, rel, data)
		default:
			t.Errorf("unexpected output %s", rel)
		}
	}
	return written
}

// checkXML decodes data as XML to the end and checks the root is <svg>.
func checkXML(t *testing.T, name string, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", name, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
	if root != "svg" {
		t.Errorf("%s: root element %q, want svg", name, root)
	}
}

func TestWriteAllDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	wa, err := WriteAll(a, fixtureResults(t), fixtureManifest(), LangNL)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := WriteAll(b, fixtureResults(t), fixtureManifest(), LangNL)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(wa, wb) {
		t.Fatalf("written %v then %v", wa, wb)
	}
	for _, rel := range wa {
		da, _ := os.ReadFile(filepath.Join(a, rel))
		db, _ := os.ReadFile(filepath.Join(b, rel))
		if !bytes.Equal(da, db) {
			t.Errorf("%s differs between two runs", rel)
		}
		if len(da) == 0 {
			t.Errorf("%s is empty", rel)
		}
	}
}

func TestWriteAllCaseClash(t *testing.T) {
	r := &analysis.Results{Corpus: analysis.CorpusSummary{Cases: []analysis.CaseInfo{{ID: "g1"}, {ID: "G1"}}}}
	if _, err := WriteAll(t.TempDir(), r, nil, LangNL); err == nil || !strings.Contains(err.Error(), "same file name") {
		t.Errorf("WriteAll with cases g1 and G1: err = %v, want a clash", err)
	}
}

func TestFiguresWellFormedWithHostileLabels(t *testing.T) {
	bad := "a<b & \"c\" 'd' ]]> \x01 \uFFFE é"
	var buf bytes.Buffer
	e := Ecomap{Title: bad, Center: bad, Nodes: []EcomapNode{
		{Code: "x", Label: bad, Category: analysis.CatRelation, Mentions: 3},
		{Code: "y", Label: bad, Category: analysis.CatPlace, Mentions: 2, Negated: 2},
	}, Links: []EcomapLink{{From: "x", To: "y", Count: 1}}}
	if err := WriteEcomap(&buf, e, LangNL); err != nil {
		t.Fatal(err)
	}
	checkXML(t, "ecomap", buf.Bytes())
	if !strings.Contains(buf.String(), `stroke-dasharray`) {
		t.Errorf("a node mentioned only negated is not dashed")
	}
	buf.Reset()
	if err := WriteBarChart(&buf, BarChart{Title: bad, Note: bad, Groups: []BarGroup{{Category: analysis.CatPlace, Title: bad, Bars: []Bar{{Label: bad, Value: 4}}}}}, LangEN); err != nil {
		t.Fatal(err)
	}
	checkXML(t, "bars", buf.Bytes())
	buf.Reset()
	if err := WriteHeatmap(&buf, Heatmap{Title: bad, Note: bad, Labels: []string{bad, "b"}, Categories: []analysis.Category{analysis.CatRelation, analysis.CatPlace}, Values: [][]int{{2, 1}, {1, 3}}}, LangEN); err != nil {
		t.Fatal(err)
	}
	checkXML(t, "heatmap", buf.Bytes())
	// Empty inputs are still figures.
	for name, f := range map[string]func(io.Writer) error{
		"ecomap":  func(w io.Writer) error { return WriteEcomap(w, Ecomap{}, LangNL) },
		"bars":    func(w io.Writer) error { return WriteBarChart(w, BarChart{}, LangNL) },
		"heatmap": func(w io.Writer) error { return WriteHeatmap(w, Heatmap{}, LangNL) },
	} {
		buf.Reset()
		if err := f(&buf); err != nil {
			t.Fatal(err)
		}
		checkXML(t, name+" (empty)", buf.Bytes())
	}
}

func TestNumFormatting(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{{0, "0"}, {-0.01, "0"}, {1.25, "1.3"}, {100, "100"}, {-3.14159, "-3.1"}} {
		if got := num(tc.in); got != tc.want {
			t.Errorf("num(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
