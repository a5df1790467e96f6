package reports

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// reviewBook builds a workbook in memory: sheets maps a sheet name to its
// rows (header first), added in the order of names.
func reviewBook(t *testing.T, names []string, sheets map[string][][]any) *bytes.Buffer {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range names {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func anyRow(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// codingRow returns a Codings row with the given review cells.
func codingRow(doc string, start, end any, code, term, decision, newCode, comment string) []any {
	row := make([]any, len(XLSXCodingsHeader()))
	set := func(col string, v any) { row[slices.Index(XLSXCodingsHeader(), col)] = v }
	set("doc", doc)
	set("segment", doc+"#1")
	set("start", start)
	set("end", end)
	set("code", code)
	set("term", term)
	set("source", "auto")
	set("text", "Mijn "+term+" past op.")
	set(ColDecision, decision)
	set(ColNewCode, newCode)
	set(ColComment, comment)
	return row
}

func TestReadReview(t *testing.T) {
	// A Segments sheet whose reviewer moved add_code to the front.
	segHead := append([]string{ColAddCode}, slices.DeleteFunc(XLSXSegmentsHeader(), func(s string) bool { return s == ColAddCode })...)
	segRow := func(add string, start, end int, text string) []any {
		row := make([]any, len(segHead))
		set := func(col string, v any) { row[slices.Index(segHead, col)] = v }
		set(ColAddCode, add)
		set("doc", "a.txt")
		set("segment", "a.txt#3")
		set("start", start)
		set("end", end)
		set("text", text)
		return row
	}
	names := []string{"Overzicht", "Coderingen", "Coderingen (2)", "Fragmenten"}
	buf := reviewBook(t, names, map[string][][]any{
		"Overzicht": {{"sectie", "item"}, {"doc", "x"}},
		"Coderingen": {
			anyRow(XLSXCodingsHeader()),
			codingRow("a.txt", 5, 14, "rel.neighbour", "buurvrouw", "", "", ""), // not reviewed
			codingRow("a.txt", 20, 29, "rel.neighbour", "buurvrouw", " Reject ", "", "geen buur"),
		},
		"Coderingen (2)": {
			anyRow(XLSXCodingsHeader()),
			codingRow("b.txt", "7.0", 12, "place.park_green", "parkje", "", "place.playground", ""),
		},
		"Fragmenten": {
			anyRow(segHead),
			segRow("", 0, 10, "Niets."),
			segRow("rel.friend; rel.teacher", 40, 60, "  De juf is lief.  "),
		},
	})
	rv, err := ReadReview("r.xlsx", buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"Coderingen", "Coderingen (2)"}, rv.CodingSheets); diff != "" {
		t.Errorf("coding sheets (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Fragmenten"}, rv.SegmentSheets); diff != "" {
		t.Errorf("segment sheets (-want +got):\n%s", diff)
	}
	want := []ReviewRow{
		{Sheet: "Coderingen", Row: 3, Doc: "a.txt", Segment: "a.txt#1", Start: 20, End: 29, Code: "rel.neighbour", Term: "buurvrouw",
			Source: "auto", Text: "Mijn buurvrouw past op.", Decision: "reject", Comment: "geen buur"},
		{Sheet: "Coderingen (2)", Row: 2, Doc: "b.txt", Segment: "b.txt#1", Start: 7, End: 12, Code: "place.park_green", Term: "parkje",
			Source: "auto", Text: "Mijn parkje past op.", NewCode: "place.playground"},
	}
	if diff := cmp.Diff(want, rv.Codings); diff != "" {
		t.Errorf("codings (-want +got):\n%s", diff)
	}
	wantSeg := []ReviewRow{{Sheet: "Fragmenten", Row: 3, Doc: "a.txt", Segment: "a.txt#3", Start: 40, End: 60,
		Text: "  De juf is lief.  ", AddCodes: []string{"rel.friend", "rel.teacher"}}}
	if diff := cmp.Diff(wantSeg, rv.Segments); diff != "" {
		t.Errorf("segments (-want +got):\n%s", diff)
	}
	if got := rv.Segments[0].Cell(segHead, ColAddCode); got != "Fragmenten!A3" {
		t.Errorf("Cell = %q", got)
	}
}

func TestReadReviewErrors(t *testing.T) {
	buf := reviewBook(t, []string{"Codings"}, map[string][][]any{
		"Codings": {
			anyRow(XLSXCodingsHeader()),
			codingRow("a.txt", 5, 14, "c", "buurvrouw", "misschien", "", ""),
			codingRow("a.txt", "vijf", 14, "c", "buurvrouw", "accept", "", ""),
			codingRow("a.txt", 5, 14, "c", "buurvrouw", "accept", "", ""),
		},
	})
	rv, err := ReadReview("r.xlsx", buf)
	if err == nil {
		t.Fatal("no error")
	}
	dcol := colOf(XLSXCodingsHeader(), ColDecision)
	scol := colOf(XLSXCodingsHeader(), "start")
	for _, want := range []string{"r.xlsx: Codings!" + dcol + `2: decision "misschien"`, "r.xlsx: Codings!" + scol + `3: not a whole number: "vijf"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	var re *ReviewError
	if !errors.As(err, &re) {
		t.Errorf("not a *ReviewError: %T", err)
	}
	if rv == nil || len(rv.Codings) != 1 || rv.Codings[0].Row != 4 {
		t.Errorf("the good row should come back with the errors: %+v", rv)
	}

	_, err = ReadReview("none.xlsx", reviewBook(t, []string{"Blad1"}, map[string][][]any{"Blad1": {{"a", "b"}}}))
	if err == nil || !strings.Contains(err.Error(), "no Codings or Segments sheet") {
		t.Errorf("workbook without review sheets: %v", err)
	}
	if _, err := ReadReview("text.xlsx", strings.NewReader("not a zip")); err == nil || !strings.Contains(err.Error(), "text.xlsx") {
		t.Errorf("not a workbook: %v", err)
	}
}
