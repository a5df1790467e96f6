package analysis

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

func readQDPXFile(t *testing.T, path string) *QDPXProject {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ReadQDPX(path, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadQDPXSharedExample reads the hand-written example of the shared
// REFI-QDA folder; the expected values are those its README states.
func TestReadQDPXSharedExample(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "refi-qda", "examples")
	p := readQDPXFile(t, filepath.Join(dir, "minimal.qdpx"))
	if p.Name != "Minimal example" || len(p.Users) != 1 || p.Users[0] != "Researcher 1" {
		t.Errorf("project %q users %v", p.Name, p.Users)
	}
	if len(p.Sources) != 1 {
		t.Fatalf("%d sources, want 1", len(p.Sources))
	}
	s := p.Sources[0]
	if s.Name != "interview-familie-a.txt" || utf8.RuneCountInString(s.Text) != 97 || len(s.Text) != 100 {
		t.Errorf("source %q: %d code points, %d bytes; want 97 and 100", s.Name, utf8.RuneCountInString(s.Text), len(s.Text))
	}
	if len(p.Selections) != 1 {
		t.Fatalf("%d selections, want 1", len(p.Selections))
	}
	sel := p.Selections[0]
	if sel.Start != 51 || sel.End != 60 || sel.Text != "buurvrouw" || sel.CodeName != "buren" ||
		sel.Coder != "Researcher 1" || sel.Source != s.Name || sel.Code != "" || sel.Negated {
		t.Errorf("selection %+v", sel)
	}
	if len(p.Codes) != 1 || p.Codes[0].Color != "#33cc33" || !p.Codes[0].Codable || p.Codes[0].Description != "Mentions of neighbours" {
		t.Errorf("codes %+v", p.Codes)
	}
	if len(p.Cases) != 1 || p.Cases[0].Name != "Familie A" || p.Cases[0].Variables["wijk"] != "Noord" ||
		len(p.Cases[0].Sources) != 1 || p.Cases[0].Sources[0] != s.Name {
		t.Errorf("cases %+v", p.Cases)
	}
	// A codebook labelled "Buren" gives the code its pbasis ID.
	spec := &CodebookSpec{Codes: []CodeSpec{{ID: "rel.neighbour", Label: Text{NL: "Buren", EN: "Neighbours"}}}}
	if missing := p.ResolveCodes(spec); len(missing) != 0 || p.Selections[0].Code != "rel.neighbour" {
		t.Errorf("resolve: missing %v, code %q", missing, p.Selections[0].Code)
	}

	// The bare project.qde refers to its text by plainTextPath: only the
	// .qdpx holds it.
	f, err := os.Open(filepath.Join(dir, "project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ReadQDE("project.qde", f); err == nil || !errors.Is(err, ErrQDPX) || !strings.Contains(err.Error(), "read the .qdpx") {
		t.Errorf("bare .qde with plainTextPath: %v", err)
	}
}

// TestReadQDPXForeign reads a project as ATLAS.ti writes one: upper-case
// GUIDs (one in braces, one lower-cased in a reference), users by name,
// codes without pbasis blocks in a folder and with "::" names, an inline
// source and a file source with a BOM and CRLF line ends in a capitalised
// Sources folder, two codings on one selection, a coding of a whole source,
// a PDF source and a case with text and integer variables. Positions were
// computed with Python (code points).
func TestReadQDPXForeign(t *testing.T) {
	p := readQDPXFile(t, filepath.Join("testdata", "qdpx", "atlas-foreign.qdpx"))
	if p.Origin != "ATLAS.ti 23.2.1" || strings.Join(p.Users, ",") != "Anna,Bram" {
		t.Errorf("origin %q users %v", p.Origin, p.Users)
	}
	if len(p.Sources) != 2 {
		t.Fatalf("%d sources, want 2", len(p.Sources))
	}
	if p.Sources[0].Path != "" || !strings.HasPrefix(p.Sources[0].Text, "Mijn buurvrouw") {
		t.Errorf("inline source %+v", p.Sources[0])
	}
	t2 := "Interviewer: Waar spelen ze?\nMoeder: Op het schoolplein, bij de juf. Café één keer, 😀 oké.\n"
	if p.Sources[1].Text != t2 {
		t.Errorf("file source text %q, want %q (BOM removed, CRLF read as LF)", p.Sources[1].Text, t2)
	}
	type row struct {
		src        string
		start, end int
		text, code string
		coder      string
	}
	want := []row{
		{"Notitie familie B", 5, 14, "buurvrouw", "Buren", "Anna"},
		{"Notitie familie B", 40, 49, "speeltuin", "speeltuin", "Anna"},
		{"Notitie familie B", 40, 49, "speeltuin", "Gevoel", "Bram"},
		{"Interview moeder.docx", 44, 55, "schoolplein", "Plekken::Schoolplein", "Bram"}, // coder from the selection
		{"Interview moeder.docx", 64, 67, "juf", "Leerkracht", "Anna"},                   // from the project
		{"Interview moeder.docx", 86, 89, "oké", "Gevoel", "Anna"},                       // after an emoji: code points
		{"Interview moeder.docx", 0, 91, t2, "Gevoel", "Bram"},                           // whole source
	}
	if len(p.Selections) != len(want) {
		t.Fatalf("%d selections, want %d: %+v", len(p.Selections), len(want), p.Selections)
	}
	for i, w := range want {
		s := p.Selections[i]
		got := row{s.Source, s.Start, s.End, s.Text, s.CodeName, s.Coder}
		if got != w {
			t.Errorf("selection %d: %+v, want %+v", i, got, w)
		}
		if s.Code != "" || s.Negated || s.Origin != "" {
			t.Errorf("selection %d: a foreign project has no pbasis data: %+v", i, s)
		}
	}
	if len(p.Skipped) != 1 || !strings.Contains(p.Skipped[0], "Verslag.pdf") {
		t.Errorf("skipped %v", p.Skipped)
	}
	if len(p.Cases) != 1 || p.Cases[0].Variables["Wijk"] != "Noord" || p.Cases[0].Variables["Kinderen"] != "3" ||
		strings.Join(p.Cases[0].Sources, "|") != "Notitie familie B|Interview moeder.docx" {
		t.Errorf("cases %+v", p.Cases)
	}
	if c := p.Codes[1]; c.Name != "Buren" || c.Category != CatRelation || c.Parent != p.Codes[0].GUID || c.Color != "#FF8000" {
		t.Errorf("code in folder Relaties: %+v", c)
	}
	if p.Codes[0].Codable || p.Codes[0].Category != CatRelation {
		t.Errorf("folder: %+v", p.Codes[0])
	}

	spec := &CodebookSpec{Codes: []CodeSpec{
		{ID: "rel.neighbour", Label: Text{NL: "Buren", EN: "Neighbours"}},
		{ID: "rel.teacher", Label: Text{NL: "Leerkracht", EN: "Teacher"}},
		{ID: "place.schoolyard", Label: Text{NL: "Schoolplein", EN: "Schoolyard"}},
		{ID: "place.playground", Label: Text{NL: "Speeltuin", EN: "Playground"}},
		{ID: "qual.a", Label: Text{NL: "Gevoel"}},
		{ID: "qual.b", Label: Text{EN: "gevoel"}}, // ambiguous: Gevoel stays unresolved
	}}
	missing := p.ResolveCodes(spec)
	if strings.Join(missing, ",") != "Gevoel" {
		t.Errorf("unresolved %v, want [Gevoel]", missing)
	}
	var codes []string
	for _, s := range p.Selections {
		codes = append(codes, s.Code)
	}
	if got := strings.Join(codes, ","); got != "rel.neighbour,place.playground,,place.schoolyard,rel.teacher,," {
		t.Errorf("resolved codes %s", got)
	}
}

// zipOf builds a zip from name/content pairs.
func zipOf(t testing.TB, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// qdeWith is a small project around one text source element.
func qdeWith(source string) string {
	return `<?xml version="1.0"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="t">
<CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="c" isCodable="true"/></Codes></CodeBook>
<Sources>` + source + `</Sources></Project>`
}

const qdeSel = `<PlainTextSelection guid="22222222-2222-4222-8222-222222222222" startPosition="%s" endPosition="%s">
<Coding guid="33333333-3333-4333-8333-333333333333"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>`

func sel(start, end, code string) string { return fmt.Sprintf(qdeSel, start, end, code) }

const codeGUID = "11111111-1111-4111-8111-111111111111"

func TestReadQDPXErrors(t *testing.T) {
	inline := func(text, sels string) string {
		return qdeWith(`<TextSource guid="44444444-4444-4444-8444-444444444444" name="bron.txt"><PlainTextContent>` + text + `</PlainTextContent>` + sels + `</TextSource>`)
	}
	deep := qdeWith(strings.Repeat("<x>", 40) + strings.Repeat("</x>", 40))
	cases := []struct {
		name string
		data []byte
		lim  corpus.Limits
		want string
	}{
		{"not a zip", []byte("hello"), corpus.Limits{}, "not a zip"},
		{"no qde", zipOf(t, "readme.txt", "x"), corpus.Limits{}, "no project.qde"},
		{"two qde, none project", zipOf(t, "a.qde", "x", "b.qde", "y"), corpus.Limits{}, "found 2 .qde"},
		{"doctype", zipOf(t, "project.qde", `<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><Project name="x"/>`), corpus.Limits{}, "<!DOCTYPE> directive"},
		{"not xml", zipOf(t, "project.qde", `<Project name="x">`), corpus.Limits{}, "XML"},
		{"wrong root", zipOf(t, "project.qde", `<CodeBook/>`), corpus.Limits{}, "not <Project>"},
		{"empty", zipOf(t, "project.qde", ``), corpus.Limits{}, "no XML element"},
		{"too deep", zipOf(t, "project.qde", deep), corpus.Limits{MaxXMLDepth: 20}, "max_xml_depth = 20"},
		{"too many entries", zipOf(t, "project.qde", inline("ab", ""), "x", "", "y", ""), corpus.Limits{MaxZipEntries: 2}, "max_zip_entries"},
		{"too big unzipped", zipOf(t, "project.qde", inline(strings.Repeat("a", 5000), "")), corpus.Limits{MaxUnzippedBytes: 1000}, "max_unzipped_bytes"},
		{"file too big", zipOf(t, "project.qde", inline("ab", "")), corpus.Limits{MaxFileBytes: 10}, "max_file_bytes"},
		{"past the end", zipOf(t, "project.qde", inline("abc", sel("1", "4", codeGUID))), corpus.Limits{}, "positions 1-4 are not within its text of 3"},
		{"end before start", zipOf(t, "project.qde", inline("abc", sel("2", "1", codeGUID))), corpus.Limits{}, "positions 2-1"},
		{"negative", zipOf(t, "project.qde", inline("abc", sel("-1", "1", codeGUID))), corpus.Limits{}, "positions -1-1"},
		{"not a number", zipOf(t, "project.qde", inline("abc", sel("x", "1", codeGUID))), corpus.Limits{}, "want whole numbers"},
		{"unknown code", zipOf(t, "project.qde", inline("abc", sel("0", "1", "99999999-9999-4999-8999-999999999999"))), corpus.Limits{}, "CodeBook does not define"},
		{"missing file", zipOf(t, "project.qde", qdeWith(`<TextSource guid="44444444-4444-4444-8444-444444444444" name="bron.txt" plainTextPath="internal://x.txt"/>`)), corpus.Limits{}, "sources/x.txt is not in the zip"},
		{"not utf-8", zipOf(t, "project.qde", qdeWith(`<TextSource guid="44444444-4444-4444-8444-444444444444" name="bron.txt" plainTextPath="internal://x.txt"/>`), "sources/x.txt", "caf\xe9"), corpus.Limits{}, "not UTF-8"},
		{"external", zipOf(t, "project.qde", qdeWith(`<TextSource guid="44444444-4444-4444-8444-444444444444" name="bron.txt" plainTextPath="relative:///a.txt"/>`)), corpus.Limits{}, "outside the project"},
	}
	for _, tc := range cases {
		_, err := ReadQDPXLimits("x.qdpx", bytes.NewReader(tc.data), int64(len(tc.data)), tc.lim)
		if err == nil || !errors.Is(err, ErrQDPX) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "x.qdpx") {
			t.Errorf("%s: error %v, want ErrQDPX naming x.qdpx and saying %q", tc.name, err, tc.want)
		}
	}
}

// TestReadQDE reads a bare .qde with inline text; a selection at the very
// end and an empty selection are allowed.
func TestReadQDE(t *testing.T) {
	qde := qdeWith(`<TextSource guid="44444444-4444-4444-8444-444444444444" name="bron.txt"><PlainTextContent>één buur</PlainTextContent>` +
		sel("4", "8", codeGUID) + sel("8", "8", "{"+strings.ToUpper(codeGUID)+"}") + `</TextSource>`)
	p, err := ReadQDE("p.qde", strings.NewReader(qde))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Selections) != 2 || p.Selections[0].Text != "buur" || p.Selections[1].Text != "" || p.Selections[1].CodeName != "c" {
		t.Errorf("selections %+v", p.Selections)
	}
	if p.Selections[0].Coder != "" {
		t.Errorf("coder %q for a project without users", p.Selections[0].Coder)
	}
}

// checkQDPXProject checks what every project ReadQDPX returns must hold.
func checkQDPXProject(t *testing.T, p *QDPXProject) {
	t.Helper()
	texts := map[string][]rune{}
	for _, s := range p.Sources {
		texts[s.GUID] = []rune(s.Text)
		if !utf8.ValidString(s.Text) {
			t.Fatalf("source %q: text not UTF-8", s.Name)
		}
	}
	for _, s := range p.Selections {
		r, ok := texts[s.SourceGUID]
		if !ok {
			t.Fatalf("selection %s of unknown source %q", s.GUID, s.SourceGUID)
		}
		if s.Start < 0 || s.End < s.Start || s.End > len(r) || string(r[s.Start:s.End]) != s.Text {
			t.Fatalf("selection %s: %d-%d %q outside or not the text", s.GUID, s.Start, s.End, s.Text)
		}
	}
}

func FuzzReadQDPX(f *testing.F) {
	for _, name := range []string{"atlas-foreign.qdpx", "atlas-foreign.qde"} {
		data, err := os.ReadFile(filepath.Join("testdata", "qdpx", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(zipOf(f, "project.qde", qdeWith(`<TextSource guid="44444444-4444-4444-8444-444444444444" name="b" plainTextPath="internal://x.txt">`+
		sel("1", "3", codeGUID)+`</TextSource>`), "sources/x.txt", "\ufeffa\r\nbc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := corpus.Limits{MaxUnzippedBytes: 1 << 20, MaxXMLDepth: 64}
		if p, err := ReadQDPXLimits("f.qdpx", bytes.NewReader(data), int64(len(data)), lim); err == nil {
			checkQDPXProject(t, p)
			p.ResolveCodes(&CodebookSpec{Codes: []CodeSpec{{ID: "c", Label: Text{NL: "c"}}}})
		} else if !errors.Is(err, ErrQDPX) {
			t.Fatalf("error without ErrQDPX: %v", err)
		}
		if p, err := ReadQDE("f.qde", bytes.NewReader(data)); err == nil {
			checkQDPXProject(t, p)
		}
	})
}
