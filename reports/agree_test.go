package reports

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
)

// wikiAgreement builds two coding sets over 50 segments of one document
// whose only code gives the 2x2 table of Wikipedia's Cohen's kappa example:
// both 20, only A 5, only B 10, neither 15. By hand: po = 0.7, kappa = 0.4,
// and alpha = 1 - 99*30/(2*55*45) = 0.4.
func wikiAgreement(t *testing.T) *analysis.Agreement {
	t.Helper()
	a, b := analysis.NewCodingSet("A/codings.csv"), analysis.NewCodingSet("B/pbasis.xlsx")
	a.Complete, b.Complete = true, true
	for i := 1; i <= 50; i++ {
		seg := fmt.Sprintf("d.txt#%d", i)
		for _, s := range []*analysis.CodingSet{a, b} {
			s.AddUnit(analysis.CodingUnit{Doc: "d.txt", Segment: seg, Text: fmt.Sprintf("Zin *%d* met de buurvrouw.", i)})
		}
		switch {
		case i <= 20:
			a.AddCode(seg, "rel.neighbour", analysis.CatRelation)
			b.AddCode(seg, "rel.neighbour", analysis.CatRelation)
		case i <= 25:
			a.AddCode(seg, "rel.neighbour", analysis.CatRelation)
		case i <= 35:
			b.AddCode(seg, "rel.neighbour", analysis.CatRelation)
		}
	}
	ag, err := analysis.Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	return ag
}

func TestWriteAgreementMarkdown(t *testing.T) {
	ag := wikiAgreement(t)
	var buf bytes.Buffer
	if err := WriteAgreement(&buf, ag, AgreementOptions{}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"# Overeenstemming tussen coderingen",
		"eenheid: fragment (zin)",
		"`A/codings.csv`", "`B/pbasis.xlsx`",
		"Vergeleken: 1 documenten, 50 fragmenten.",
		// all codes pooled: 1 code, 50 decisions, 70%, kappa 0.4, alpha 0.4
		"| **alle codes (gepoold)** | 1 | 50 | 70,0% | 0,400 | 0,400 |",
		// per code: A 25, B 30, both 20, only A 5, only B 10
		"| rel.neighbour | Relatie | 25 | 30 | 20 | 5 | 10 | 70,0% | 0,400 | 0,400 |",
		"## Verschillen (15 fragmenten)",
		"| d.txt\\#21 | rel.neighbour | – | Zin \\*21\\* met de buurvrouw. |",
		"| d.txt\\#26 | – | rel.neighbour |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	// Confusion: rel.neighbour/rel.neighbour 20, (rel.neighbour, none) 5,
	// (none, rel.neighbour) 10, (none, none) 15.
	if !strings.Contains(md, "| rel.neighbour | 20 | 5 |") || !strings.Contains(md, "| geen | 10 | 15 |") {
		t.Errorf("confusion table wrong:\n%s", md)
	}

	buf.Reset()
	if err := WriteAgreement(&buf, ag, AgreementOptions{Lang: LangEN, Summary: true, SegmentUnit: "turn"}); err != nil {
		t.Fatal(err)
	}
	sum := buf.String()
	for _, want := range []string{"unit: segment (turn)", "| 70.0% | 0.400 | 0.400 |", "15 segments with different codes: see agreement.md."} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	if strings.Contains(sum, "d.txt\\#21") {
		t.Errorf("summary lists disagreements:\n%s", sum)
	}
}

func TestFmtPercent(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{{0.7, "70,0%"}, {0.99996, "99,9%"}, {1, "100,0%"}, {0.8333, "83,3%"}, {0.99949, "99,9%"}} {
		if got := fmtPercent(LangNL, tc.x, "n.v.t."); got != tc.want {
			t.Errorf("fmtPercent(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestFmtStat(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		x    float64
		want string
	}{
		{LangNL, 0.74285, "0,743"}, {LangEN, 0.74285, "0.743"}, {LangNL, math.NaN(), "n.v.t."},
		{LangEN, -0.0001, "0.000"}, {LangNL, 1, "1,000"}, {LangEN, -0.25, "-0.250"},
	} {
		na := agreeTextsFor(tc.lang).NA
		if got := fmtStat(tc.lang, tc.x, na); got != tc.want {
			t.Errorf("fmtStat(%s, %v) = %q, want %q", tc.lang, tc.x, got, tc.want)
		}
	}
}

func TestWriteAgreementXLSX(t *testing.T) {
	ag := wikiAgreement(t)
	var buf bytes.Buffer
	if err := WriteAgreementXLSX(&buf, ag, AgreementOptions{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Overeenstemming", "Verwisselingen", "Verschillen"}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows("Overeenstemming", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	var codeRow []string
	for _, r := range rows {
		if len(r) > 0 && r[0] == "rel.neighbour" {
			codeRow = r
		}
	}
	if len(codeRow) < 13 {
		t.Fatalf("no full row for rel.neighbour in %v", rows)
	}
	for i, want := range map[int]float64{4: 25, 5: 30, 6: 20, 7: 5, 8: 10, 9: 15, 10: 0.7, 11: 0.4, 12: 0.4} {
		got, err := strconv.ParseFloat(codeRow[i], 64)
		if err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("column %d = %q, want %v", i+1, codeRow[i], want)
		}
	}
	dis, err := f.GetRows("Verschillen")
	if err != nil {
		t.Fatal(err)
	}
	if len(dis) != 16 || dis[1][1] != "d.txt#21" || dis[1][2] != "rel.neighbour" || dis[1][4] != "Zin *21* met de buurvrouw." {
		t.Errorf("disagreements sheet: %d rows, first %v", len(dis), dis[1])
	}
}

// TestAddAgreementSheetsNames: sheets added to a workbook that already has
// the names get a number.
func TestAddAgreementSheetsNames(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("Agreement"); err != nil {
		t.Fatal(err)
	}
	names, err := AddAgreementSheets(f, wikiAgreement(t), AgreementOptions{Lang: LangEN})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, "|") != "Agreement (2)|Confusion|Disagreements" {
		t.Errorf("names %v", names)
	}
}
