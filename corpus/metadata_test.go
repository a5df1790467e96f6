package corpus

import (
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestMetadataPrecedence(t *testing.T) {
	o := DefaultOptions()
	o.FilenamePattern = regexp.MustCompile(`(?P<case>G\d+)_w(?P<wave>\d+)`)
	fsys := fstest.MapFS{
		"metadata.csv": {Data: []byte("file;case;kind;wijk;wave;date;speakers;opleiding\n" +
			"A/G01_w1.md;SHEET;;Noord;;;I=interviewer;hbo\n")},
		// Front matter gives case, wave and wijk; the sheet wins for case and wijk.
		"A/G01_w1.md": {Data: []byte("---\ncase: FRONT\nwave: 7\nwijk: Zuid\nkind: notes\nextra: ja\n---\nHuisbezoek.\n")},
		// No sheet row, no front matter: the file-name pattern, then the folder.
		"B/G02_w3.txt": {Data: []byte("I: Hallo.\n")},
		// Only the folder.
		"C/interview.txt": {Data: []byte("I: Hallo.\n")},
		// Nothing: the file name.
		"los.txt": {Data: []byte("I: Hallo.\n")},
		// Notes by file name.
		"D/sessie_verslag.txt": {Data: []byte("Gesprek gehad.\n")},
	}
	sheet, err := ReadSheet(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	type m struct{ Case, Kind, Wijk, Wave, CaseFrom, KindFrom string }
	want := map[string]m{
		"A/G01_w1.md":          {"SHEET", "notes", "Noord", "7", "sheet", "front matter"},
		"B/G02_w3.txt":         {"G02", "transcript", "", "3", "file name", "default"},
		"C/interview.txt":      {"C", "transcript", "", "", "folder", "default"},
		"los.txt":              {"los", "transcript", "", "", "default (file name)", "default"},
		"D/sessie_verslag.txt": {"D", "notes", "", "", "folder", "file name"},
	}
	for file, w := range want {
		doc, err := ReadFile(fsys, file, sheet, o)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		got := m{doc.Meta.Case, string(doc.Meta.Kind), doc.Meta.Wijk, doc.Meta.Wave, doc.Meta.Source["case"], doc.Meta.Source["kind"]}
		if d := cmp.Diff(w, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", file, d)
		}
	}
	doc, _ := ReadFile(fsys, "A/G01_w1.md", sheet, o)
	if doc.Meta.Extra["opleiding"] != "hbo" || doc.Meta.Extra["extra"] != "ja" {
		t.Errorf("extra columns and front-matter keys become variables: %v", doc.Meta.Extra)
	}
	if doc.Meta.Speakers["i"] != "interviewer" {
		t.Errorf("speakers from sheet: %v", doc.Meta.Speakers)
	}
}

func TestSheetErrorsNameRow(t *testing.T) {
	fsys := fstest.MapFS{"metadata.csv": {Data: []byte("file,case,kind,speakers\na.txt,G1,transcript,I=interviewer\nb.txt,G2,interview,\nc.txt,G3,notes,I=boss\na.txt,G1,,\n")}}
	_, err := ReadSheet(fsys, Limits{})
	if err == nil {
		t.Fatal("want errors")
	}
	for _, w := range []string{"metadata.csv:3:3: kind \"interview\"", "metadata.csv:4:4: speakers", "metadata.csv:5: file \"a.txt\" is listed twice"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	_, err = ReadSheet(fstest.MapFS{"metadata.csv": {Data: []byte("name,case\nx,y\n")}}, Limits{})
	if err == nil || !strings.Contains(err.Error(), `no column "file"`) {
		t.Errorf("missing file column: %v", err)
	}
}

func TestListSkipsWithReasons(t *testing.T) {
	fsys := fstest.MapFS{
		"a.txt":        {Data: []byte("I: x")},
		"b.pdf":        {Data: []byte("%PDF")},
		"c.doc":        {Data: []byte{0xD0, 0xCF}},
		".hidden.txt":  {Data: []byte("x")},
		"~$lock.docx":  {Data: []byte("x")},
		"metadata.csv": {Data: []byte("file\n")},
		"sub/d.VTT":    {Data: []byte("WEBVTT\n")},
	}
	files, skipped, err := List(fsys, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"a.txt", "sub/d.VTT"}, files); d != "" {
		t.Errorf("files (-want +got):\n%s", d)
	}
	reasons := map[string]Skipped{}
	for _, s := range skipped {
		reasons[s.File] = s
	}
	if s := reasons["c.doc"]; s.Ignored || !strings.Contains(s.Reason, "save it as .docx") {
		t.Errorf("c.doc: %+v", s)
	}
	if s := reasons["b.pdf"]; s.Ignored || !strings.Contains(s.Reason, ".pdf") {
		t.Errorf("b.pdf: %+v", s)
	}
	for _, f := range []string{".hidden.txt", "~$lock.docx", "metadata.csv"} {
		if !reasons[f].Ignored {
			t.Errorf("%s should be ignored with a reason: %+v", f, reasons[f])
		}
	}
	if len(skipped) != 5 {
		t.Errorf("want 5 files left out, each listed; got %d: %+v", len(skipped), skipped)
	}
	if _, _, err := List(fsys, Limits{MaxFiles: 1}); err == nil || !strings.Contains(err.Error(), "limits.max_files = 1") {
		t.Errorf("max files: %v", err)
	}
}
