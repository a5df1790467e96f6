package analysis

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

const segmentsCSV = `doc,case,speaker,role,voice,segment,start,end,text,line,time
a.txt,G1,M,parent,own,a.txt#1,3,20,Mijn buurvrouw helpt.,1,
a.txt,G1,M,parent,own,a.txt#2,21,40,We gaan naar het park.,1,
a.txt,G1,M,parent,own,a.txt#3,41,50,Dat is fijn.,2,
b.txt,G2,V,parent,own,b.txt#1,3,30,"De juf, zegt hij.",1,
`

const codingsCSV = `doc,case,speaker,role,voice,segment,start,end,code,category,term,negated,source,text,rule,how,neg_cue,line,time
a.txt,G1,M,parent,own,a.txt#1,8,17,rel.neighbour,relation,buurvrouw,false,auto,Mijn buurvrouw helpt.,buurvrouw,exact,,1,
a.txt,G1,M,parent,own,a.txt#1,8,17,rel.neighbour,relation,buurvrouw,false,auto,Mijn buurvrouw helpt.,buurvrouw,exact,,1,
a.txt,G1,M,parent,own,a.txt#2,36,40,place.park,place,park,false,auto,We gaan naar het park.,park,exact,,1,
b.txt,G2,V,parent,own,b.txt#1,6,9,rel.teacher,relation,juf,false,auto,"De juf, zegt hij.",juf,exact,,1,
`

func TestReadCodingsCSVWithSegments(t *testing.T) {
	units, err := ReadSegmentsCSV("segments.csv", strings.NewReader(segmentsCSV))
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 4 || units[1].Start != 21 || units[1].End != 40 || units[3].Text != "De juf, zegt hij." {
		t.Fatalf("units %+v", units)
	}
	s, err := ReadCodingsCSV("codings.csv", strings.NewReader(codingsCSV), units)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Complete || len(s.Units()) != 4 {
		t.Errorf("complete %v, %d units, want true, 4", s.Complete, len(s.Units()))
	}
	want := map[string][]string{"a.txt#1": {"rel.neighbour"}, "a.txt#2": {"place.park"}, "b.txt#1": {"rel.teacher"}}
	if diff := cmp.Diff(want, s.Codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if s.Category["place.park"] != CatPlace || s.Category["rel.teacher"] != CatRelation {
		t.Errorf("categories %v", s.Category)
	}
	if diff := cmp.Diff([]string{"a.txt", "b.txt"}, s.Docs()); diff != "" {
		t.Errorf("docs: %s", diff)
	}
	if s.Units()[2].N != 3 {
		t.Errorf("segment number from the ID: %d, want 3", s.Units()[2].N)
	}
}

func TestReadCodingsCSVWithoutSegments(t *testing.T) {
	s, err := ReadCodingsCSV("codings.csv", strings.NewReader(codingsCSV), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Complete || len(s.Units()) != 3 {
		t.Errorf("complete %v, %d units; want false and the 3 coded segments", s.Complete, len(s.Units()))
	}
	if s.Units()[0].Text != "Mijn buurvrouw helpt." {
		t.Errorf("unit text from the codings' text column: %q", s.Units()[0].Text)
	}
}

func TestReadCodingsCSVErrors(t *testing.T) {
	_, err := ReadCodingsCSV("segments.csv", strings.NewReader(segmentsCSV), nil)
	if err == nil || !strings.Contains(err.Error(), "segments.csv:1:") || !strings.Contains(err.Error(), "code") {
		t.Errorf("a segments.csv read as codings: %v", err)
	}
	bad := "doc,segment,code\na.txt,a.txt#1,\n"
	if _, err := ReadCodingsCSV("c.csv", strings.NewReader(bad), nil); err == nil || !strings.Contains(err.Error(), "c.csv:2:") {
		t.Errorf("empty code: %v", err)
	}
	badSpan := "doc,segment,start,end\na.txt,a.txt#1,9,3\n"
	if _, err := ReadSegmentsCSV("s.csv", strings.NewReader(badSpan)); err == nil || !strings.Contains(err.Error(), "s.csv:2:") {
		t.Errorf("start after end: %v", err)
	}
}

// The workbook's Codings and Segments headers as reports writes them
// (reports.XLSXCodingsHeader, reports.XLSXSegmentsHeader; the CLI test
// checks a real workbook).
func codingsSheetHeader() []string {
	return []string{"doc", "case", "speaker", "role", "voice", "segment", "start", "end", "code", "category", "term", "negated", "source", "text",
		"rule", "how", "neg_cue", "line", "time", "quote", "location", "decision", "new_code", "comment"}
}

func segmentsSheetHeader() []string {
	return []string{"doc", "case", "speaker", "role", "voice", "segment", "start", "end", "text", "line", "time", "add_code", "comment"}
}

// reviewWorkbook builds a reviewed workbook: codings split over a sheet and
// its continuation, decisions of every kind, and an add_code.
func reviewWorkbook(t *testing.T, decisions map[string][2]string) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Overzicht"))
	for _, sh := range []string{"Coderingen", "Coderingen (2)", "Fragmenten", "Lijsten"} {
		_, err := f.NewSheet(sh)
		must(err)
	}
	must(f.SetSheetRow("Lijsten", "A1", &[]string{"accept", "reject", "change"}))
	setRow := func(sheet string, row int, vals []string) {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		must(f.SetSheetRow(sheet, cell, &vals))
	}
	ch := codingsSheetHeader()
	setRow("Coderingen", 1, ch)
	setRow("Coderingen (2)", 1, ch)
	col := map[string]int{}
	for i, h := range ch {
		col[h] = i
	}
	coding := func(seg, code, cat string) []string {
		r := make([]string, len(ch))
		r[col["doc"]], r[col["segment"]], r[col["code"]], r[col["category"]] = seg[:5], seg, code, cat
		d := decisions[seg+" "+code]
		r[col["decision"]], r[col["new_code"]] = d[0], d[1]
		return r
	}
	setRow("Coderingen", 2, coding("a.txt#1", "rel.neighbour", "relation"))
	setRow("Coderingen", 3, coding("a.txt#2", "place.park", "place"))
	setRow("Coderingen (2)", 2, coding("a.txt#3", "rel.teacher", "relation"))
	setRow("Coderingen (2)", 3, coding("b.txt#1", "rel.teacher", "relation"))
	sh := segmentsSheetHeader()
	setRow("Fragmenten", 1, sh)
	for i, seg := range []string{"a.txt#1", "a.txt#2", "a.txt#3", "b.txt#1", "b.txt#2"} {
		r := make([]string, len(sh))
		r[0], r[5], r[8] = seg[:5], seg, "text "+seg
		if seg == "b.txt#2" {
			r[11] = "rel.family; place.street"
		}
		setRow("Fragmenten", i+2, r)
	}
	var buf bytes.Buffer
	must(f.Write(&buf))
	return &buf
}

func TestReadReviewedWorkbook(t *testing.T) {
	buf := reviewWorkbook(t, map[string][2]string{
		"a.txt#1 rel.neighbour": {"accept", ""},
		"a.txt#2 place.park":    {"Reject", ""},
		"a.txt#3 rel.teacher":   {"change", "rel.neighbour"},
		// b.txt#1: no decision: kept
	})
	s, err := ReadReviewedWorkbook("pbasis.xlsx", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"a.txt#1": {"rel.neighbour"},
		"a.txt#3": {"rel.neighbour"},
		"b.txt#1": {"rel.teacher"},
		"b.txt#2": {"place.street", "rel.family"},
	}
	if diff := cmp.Diff(want, s.Codes); diff != "" {
		t.Errorf("codes after review (-want +got):\n%s", diff)
	}
	if !s.Complete || len(s.Units()) != 5 || s.Units()[4].Text != "text b.txt#2" {
		t.Errorf("complete %v, units %+v", s.Complete, s.Units())
	}
	if s.Category["place.park"] != CatPlace {
		t.Errorf("a rejected code's category should stay known: %v", s.Category)
	}
}

func TestReadReviewedWorkbookErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		dec  map[string][2]string
		want string
	}{
		{"bad decision", map[string][2]string{"a.txt#2 place.park": {"maybe", ""}}, `Coderingen row 3: decision "maybe"`},
		{"change without code", map[string][2]string{"b.txt#1 rel.teacher": {"change", ""}}, "Coderingen (2) row 3: decision \"change\" without a code in new_code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			buf := reviewWorkbook(t, tc.dec)
			_, err := ReadReviewedWorkbook("rev.xlsx", bytes.NewReader(buf.Bytes()))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "rev.xlsx: ") {
				t.Errorf("err = %v, want it to name rev.xlsx and %q", err, tc.want)
			}
		})
	}
	f := excelize.NewFile()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadReviewedWorkbook("empty.xlsx", &buf); err == nil || !strings.Contains(err.Error(), "no Codings sheet") {
		t.Errorf("workbook without a Codings sheet: %v", err)
	}
}

// qdpxZip builds a .qdpx with one text source and the given selections
// ([start, end) and code GUID c1 = rel.neighbour, c2 = place.park).
func qdpxZip(t *testing.T, source, text string, sels [][2]int, codes []string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<Project name="t" origin="test" xmlns="urn:QDA-XML:project:1.0">
<CodeBook><Codes>
<Code guid="c1" name="rel.neighbour" isCodable="true"/>
<Code guid="c2" name="Park" isCodable="true"/>
</Codes></CodeBook>
<Sources><TextSource guid="s1" name="` + source + `"><PlainTextContent>` + text + `</PlainTextContent>`)
	for i, s := range sels {
		b.WriteString(`<PlainTextSelection guid="p` + string(rune('a'+i)) + `" startPosition="` + itoa(s[0]) + `" endPosition="` + itoa(s[1]) + `">`)
		b.WriteString(`<Coding guid="k` + string(rune('a'+i)) + `"><CodeRef targetGUID="` + codes[i] + `"/></Coding></PlainTextSelection>`)
	}
	b.WriteString(`</TextSource></Sources></Project>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(b.String())); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}

func TestReadQDPXCodingSetSegmentsItself(t *testing.T) {
	text := "Moeder: Mijn buurvrouw helpt ons. We gaan elke dag naar het park.\n"
	// "buurvrouw" is [13,22); the second selection runs from "ons" into "park".
	data := qdpxZip(t, "G01/a.txt", text, [][2]int{{13, 22}, {29, 65}}, []string{"c1", "c2"})
	cb := &CodebookSpec{Codes: []CodeSpec{
		{ID: "rel.neighbour", Category: CatRelation, Label: Text{NL: "Buren"}},
		{ID: "place.park", Category: CatPlace, Label: Text{NL: "Park"}},
	}}
	s, err := ReadQDPXCodingSet("coder.qdpx", bytes.NewReader(data), int64(len(data)), nil, cb)
	if err != nil {
		t.Fatal(err)
	}
	units := s.Units()
	if len(units) != 2 || !strings.Contains(units[0].Text, "buurvrouw") || !strings.Contains(units[1].Text, "park") {
		t.Fatalf("segments of the source: %+v", units)
	}
	if units[0].Segment != "G01/a.txt#1" || units[1].Doc != "G01/a.txt" {
		t.Errorf("segment IDs %q %q", units[0].Segment, units[1].Doc)
	}
	want := map[string][]string{
		"G01/a.txt#1": {"place.park", "rel.neighbour"}, // the second selection starts in sentence 1
		"G01/a.txt#2": {"place.park"},
	}
	if diff := cmp.Diff(want, s.Codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	// Without a codebook, "Park" has no pbasis ID and is compared by name.
	s, err = ReadQDPXCodingSet("coder.qdpx", bytes.NewReader(data), int64(len(data)), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Codes["G01/a.txt#2"]; len(got) != 1 || got[0] != "Park" {
		t.Errorf("unresolved code kept by name: %v", got)
	}
	if len(s.Warnings) == 0 || !strings.Contains(strings.Join(s.Warnings, "\n"), "Park") {
		t.Errorf("warnings %v should name the unresolved code", s.Warnings)
	}
}

func TestReadQDPXCodingSetOnSegments(t *testing.T) {
	text := "Moeder: Mijn buurvrouw helpt ons. We gaan elke dag naar het park.\n"
	data := qdpxZip(t, "a.txt", text, [][2]int{{13, 22}, {60, 64}}, []string{"c1", "c1"})
	// The run's segments, split differently from the sentences on purpose:
	// the source "a.txt" matches document "G01/a.txt" by its base name.
	units := []CodingUnit{
		{Doc: "G01/a.txt", Segment: "G01/a.txt#1", Start: 8, End: 20},
		{Doc: "G01/a.txt", Segment: "G01/a.txt#2", Start: 20, End: 40},
		{Doc: "G01/a.txt", Segment: "G01/a.txt#3", Start: 40, End: 66},
		{Doc: "other.txt", Segment: "other.txt#1", Start: 0, End: 5},
	}
	s, err := ReadQDPXCodingSet("coder.qdpx", bytes.NewReader(data), int64(len(data)), units, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"G01/a.txt#1": {"rel.neighbour"}, // [13,22) overlaps [8,20) and [20,40)
		"G01/a.txt#2": {"rel.neighbour"},
		"G01/a.txt#3": {"rel.neighbour"},
	}
	if diff := cmp.Diff(want, s.Codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"G01/a.txt"}, s.Docs()); diff != "" {
		t.Errorf("only the project's documents: %s", diff)
	}
}

func TestLoadCodingSet(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c := write("run/codings.csv", codingsCSV)
	write("run/segments.csv", segmentsCSV)
	s, err := LoadCodingSet(c, CodingSetOptions{SegmentsName: "segments.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Complete || len(s.Units()) != 4 || s.Name != c {
		t.Errorf("segments.csv beside not used: complete %v, %d units, name %q", s.Complete, len(s.Units()), s.Name)
	}
	lone := write("lone/manual.csv", codingsCSV)
	s, err = LoadCodingSet(lone, CodingSetOptions{SegmentsName: "segments.csv"})
	if err != nil || s.Complete {
		t.Errorf("no segments: err %v, complete %v", err, s != nil && s.Complete)
	}
	s, err = LoadCodingSet(lone, CodingSetOptions{SegmentsName: "segments.csv", Segments: filepath.Join(dir, "run/segments.csv")})
	if err != nil || !s.Complete {
		t.Errorf("--segments: err %v", err)
	}
	if _, err := LoadCodingSet(write("x.docx", "x"), CodingSetOptions{}); !errors.Is(err, ErrUnknownCodingFile) {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := LoadCodingSet(filepath.Join(dir, "missing.csv"), CodingSetOptions{}); err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing file: %v", err)
	}
}
