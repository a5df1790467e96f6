package analysis

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// round3 rounds to three decimals, as the published examples report.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

// TestKrippendorffPublishedExample checks the general (coincidence-matrix)
// alpha on the reliability data of Krippendorff, "Computing Krippendorff's
// Alpha-Reliability" (2011), example C: four observers, twelve units,
// missing values; nominal alpha = 0.743.
func TestKrippendorffPublishedExample(t *testing.T) {
	row := func(s string) []string {
		f := strings.Fields(s)
		for i, v := range f {
			if v == "." {
				f[i] = ""
			}
		}
		return f
	}
	data := [][]string{
		row("1 2 3 3 2 1 4 1 2 . . ."),
		row("1 2 3 3 2 2 4 1 2 5 . 3"),
		row(". 3 3 3 2 3 4 2 2 5 1 ."),
		row("1 2 3 3 2 4 4 1 2 5 1 ."),
	}
	alpha, n := KrippendorffAlphaNominal(data)
	if got := round3(alpha); got != 0.743 {
		t.Errorf("alpha = %.4f, want 0.743", alpha)
	}
	// CodingUnit 12 has one value only and is not pairable: 41 values, 40 pairable.
	if n != 40 {
		t.Errorf("pairable values = %d, want 40", n)
	}
}

// TestKrippendorffBinaryExample is the paper's example A: two observers,
// binary data, no missing values; alpha = 0.095. The same data as a 2x2
// table gives the same alpha, and kappa = 0.04/0.44 (by hand).
func TestKrippendorffBinaryExample(t *testing.T) {
	a := strings.Fields("0 1 0 0 0 0 0 0 1 0")
	b := strings.Fields("1 1 1 0 0 1 0 0 0 0")
	alpha, _ := KrippendorffAlphaNominal([][]string{a, b})
	if round3(alpha) != 0.095 {
		t.Errorf("alpha = %.4f, want 0.095", alpha)
	}
	s := Binary2x2{Both: 1, OnlyA: 1, OnlyB: 3, Neither: 5}.Stats()
	near(t, "2x2 alpha", s.Alpha, 1-19.0*8/168)
	near(t, "2x2 alpha vs general", s.Alpha, alpha)
	near(t, "kappa", s.Kappa, 0.04/0.44)
	near(t, "percent", s.Percent, 0.6)
}

// TestCohenKappaWikipedia is the 2x2 example of the Wikipedia article on
// Cohen's kappa: 50 proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15:
// po = 0.7, pe = 0.5, kappa = 0.4.
func TestCohenKappaWikipedia(t *testing.T) {
	k, po, pe, err := CohenKappa([][]float64{{20, 5}, {10, 15}})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "po", po, 0.7)
	near(t, "pe", pe, 0.5)
	near(t, "kappa", k, 0.4)
	s := Binary2x2{Both: 20, OnlyA: 5, OnlyB: 10, Neither: 15}.Stats()
	near(t, "Binary2x2 kappa", s.Kappa, 0.4)
	near(t, "Binary2x2 percent", s.Percent, 0.7)
}

func TestCohenKappaEdges(t *testing.T) {
	if _, _, _, err := CohenKappa([][]float64{{1, 2}, {3}}); err == nil {
		t.Error("ragged table accepted")
	}
	if _, _, _, err := CohenKappa([][]float64{{1, -2}, {3, 4}}); err == nil {
		t.Error("negative count accepted")
	}
	if k, _, _, _ := CohenKappa([][]float64{{5, 0}, {0, 0}}); !math.IsNaN(k) {
		t.Errorf("kappa with pe = 1 is %v, want NaN (undefined)", k)
	}
	if a, _ := KrippendorffAlphaNominal([][]string{{"1", "1"}, {"1", "1"}}); !math.IsNaN(a) {
		t.Errorf("alpha with one value only is %v, want NaN (undefined)", a)
	}
	s := Binary2x2{Both: 3, Neither: 7}.Stats()
	near(t, "perfect kappa", s.Kappa, 1)
	near(t, "perfect alpha", s.Alpha, 1)
	near(t, "perfect percent", s.Percent, 1)
}

// handSets is the small case of TestCompareByHand.
func handSets() (*CodingSet, *CodingSet) {
	mk := func(name string, codes map[string][]string, extraDoc string) *CodingSet {
		s := NewCodingSet(name)
		s.Complete = true
		for _, id := range []string{"d1#1", "d1#2", "d1#3", "d1#4", "d2#1", "d2#2"} {
			s.AddUnit(CodingUnit{Doc: id[:2], Segment: id, Text: "text of " + id})
		}
		if extraDoc != "" {
			s.AddUnit(CodingUnit{Doc: extraDoc, Segment: extraDoc + "#1"})
			s.AddCode(extraDoc+"#1", "rel.a", CatRelation)
		}
		for seg, cs := range codes {
			for _, c := range cs {
				cat := CatRelation
				if strings.HasPrefix(c, "place") {
					cat = CatPlace
				}
				s.AddCode(seg, c, cat)
			}
		}
		return s
	}
	a := mk("A.csv", map[string][]string{
		"d1#1": {"rel.a"}, "d1#2": {"rel.a", "place.p"}, "d1#4": {"place.p"}, "d2#1": {"rel.b"},
	}, "")
	b := mk("B.csv", map[string][]string{
		"d1#1": {"rel.a"}, "d1#2": {"rel.b"}, "d1#4": {"place.p"}, "d2#1": {"rel.b"}, "d2#2": {"place.p"},
	}, "d3")
	return a, b
}

// TestCompareByHand checks Compare against figures computed by hand (see
// the comments) on six segments, three codes in two categories.
func TestCompareByHand(t *testing.T) {
	a, b := handSets()
	ag, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if ag.Segments != 6 || ag.Unit != UnitSegment || !ag.Complete {
		t.Errorf("segments %d unit %q complete %v", ag.Segments, ag.Unit, ag.Complete)
	}
	if diff := cmp.Diff([]string{"d1", "d2"}, ag.Docs); diff != "" {
		t.Errorf("docs: %s", diff)
	}
	if diff := cmp.Diff([]string{"d3"}, ag.OnlyB); diff != "" || len(ag.OnlyA) != 0 {
		t.Errorf("only B: %s; only A %v", diff, ag.OnlyA)
	}
	if len(ag.Warnings) == 0 || !strings.Contains(ag.Warnings[0], "d3") {
		t.Errorf("warnings %v should name the left-out d3", ag.Warnings)
	}
	var codes []string
	for _, c := range ag.Codes {
		codes = append(codes, c.Code)
	}
	if diff := cmp.Diff([]string{"rel.a", "rel.b", "place.p"}, codes); diff != "" {
		t.Errorf("code order: %s", diff)
	}
	type want struct {
		tab                   Binary2x2
		percent, kappa, alpha float64
	}
	check := func(name string, got CodeAgreement, w want) {
		t.Helper()
		if got.Binary2x2 != w.tab {
			t.Errorf("%s: table %+v, want %+v", name, got.Binary2x2, w.tab)
		}
		near(t, name+" percent", got.Percent, w.percent)
		near(t, name+" kappa", got.Kappa, w.kappa)
		near(t, name+" alpha", got.Alpha, w.alpha)
	}
	// rel.a: A on d1#1, d1#2; B on d1#1. po = 5/6; pe = 2/6*1/6 + 4/6*5/6 = 22/36;
	// kappa = (30-22)/(36-22) = 8/14. alpha: n = 12, o11 = 2, o00 = 8,
	// o01 = o10 = 1, n1 = 3, n0 = 9: 1 - 11*2/(2*3*9) = 1 - 22/54.
	check("rel.a", ag.Codes[0], want{Binary2x2{1, 1, 0, 4}, 5.0 / 6, 8.0 / 14, 1 - 22.0/54})
	// rel.b: the mirror image of rel.a.
	check("rel.b", ag.Codes[1], want{Binary2x2{1, 0, 1, 4}, 5.0 / 6, 8.0 / 14, 1 - 22.0/54})
	// place.p: A on d1#2, d1#4; B on d1#4, d2#2. po = 4/6; pe = 4/36 + 16/36;
	// kappa = (24-20)/(36-20) = 0.25. alpha: o01 = o10 = 2, n1 = 4, n0 = 8:
	// 1 - 11*4/(2*4*8) = 1 - 44/64.
	check("place.p", ag.Codes[2], want{Binary2x2{1, 1, 1, 3}, 4.0 / 6, 0.25, 1 - 44.0/64})
	if len(ag.Categories) != 2 || ag.Categories[0].Category != CatRelation || ag.Categories[1].Category != CatPlace {
		t.Fatalf("categories %+v", ag.Categories)
	}
	// relation pooled (12 decisions): po = 10/12; pe = (3/12)^2 + (9/12)^2 = 10/16;
	// kappa = (10/12 - 10/16)/(6/16) = 5/9. alpha: n = 24, o01 = o10 = 2,
	// n1 = 6, n0 = 18: 1 - 23*4/(2*6*18) = 1 - 92/216.
	check("relation", ag.Categories[0], want{Binary2x2{2, 1, 1, 8}, 10.0 / 12, 5.0 / 9, 1 - 92.0/216})
	if ag.Categories[0].Codes != 2 {
		t.Errorf("relation pools %d codes, want 2", ag.Categories[0].Codes)
	}
	// overall (18 decisions): po = 14/18; pe = (5/18)^2 + (13/18)^2 = 194/324;
	// kappa = (252-194)/(324-194) = 58/130. alpha: n = 36, off-diagonal 8,
	// n1 = 10, n0 = 26: 1 - 35*8/(2*10*26) = 1 - 280/520.
	check("overall", ag.Overall, want{Binary2x2{3, 2, 2, 11}, 14.0 / 18, 58.0 / 130, 1 - 280.0/520})
	near(t, "same sets", ag.SameSets, 4.0/6)

	wantDis := []Disagreement{
		{Doc: "d1", Segment: "d1#2", A: []string{"place.p", "rel.a"}, B: []string{"rel.b"}, Text: "text of d1#2"},
		{Doc: "d2", Segment: "d2#2", B: []string{"place.p"}, Text: "text of d2#2"},
	}
	if diff := cmp.Diff(wantDis, ag.Disagreements); diff != "" {
		t.Errorf("disagreements (-want +got):\n%s", diff)
	}
	wantConf := []Confusion{
		{Category: CatRelation, Labels: []string{"rel.a", "rel.b", ConfusionNone}, Cells: [][]int{{1, 1, 0}, {0, 1, 0}, {0, 0, 3}}},
		{Category: CatPlace, Labels: []string{"place.p", ConfusionNone}, Cells: [][]int{{1, 1}, {1, 3}}},
	}
	if diff := cmp.Diff(wantConf, ag.Confusion); diff != "" {
		t.Errorf("confusion (-want +got):\n%s", diff)
	}
}

func TestCompareIdentical(t *testing.T) {
	a, _ := handSets()
	b, _ := handSets()
	ag, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "kappa", ag.Overall.Kappa, 1)
	near(t, "alpha", ag.Overall.Alpha, 1)
	near(t, "percent", ag.Overall.Percent, 1)
	if len(ag.Disagreements) != 0 {
		t.Errorf("disagreements on identical sets: %+v", ag.Disagreements)
	}
}

func TestCompareNoSharedDocuments(t *testing.T) {
	a := NewCodingSet("first/codings.csv")
	a.AddUnit(CodingUnit{Doc: "x.txt", Segment: "x.txt#1"})
	b := NewCodingSet("second.qdpx")
	b.AddUnit(CodingUnit{Doc: "y.txt", Segment: "y.txt#1"})
	_, err := Compare(a, b)
	if !errors.Is(err, ErrNoSharedDocuments) {
		t.Fatalf("err = %v, want ErrNoSharedDocuments", err)
	}
	for _, name := range []string{"first/codings.csv", "second.qdpx"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

// TestConfusionManyCodes: several left-over codes pair in sorted order,
// the rest with none.
func TestConfusionManyCodes(t *testing.T) {
	a, b := NewCodingSet("a"), NewCodingSet("b")
	for _, s := range []*CodingSet{a, b} {
		s.AddUnit(CodingUnit{Doc: "d", Segment: "d#1"})
	}
	for _, c := range []string{"r1", "r2", "r3"} {
		a.AddCode("d#1", c, CatRelation)
	}
	b.AddCode("d#1", "r2", CatRelation)
	b.AddCode("d#1", "r4", CatRelation)
	ag, err := Compare(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// Labels r1 r2 r3 r4 none. r2 on the diagonal; left-overs A [r1 r3],
	// B [r4]: (r1, r4), (r3, none).
	want := [][]int{
		{0, 0, 0, 1, 0},
		{0, 1, 0, 0, 0},
		{0, 0, 0, 0, 1},
		{0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0},
	}
	if diff := cmp.Diff(want, ag.Confusion[0].Cells); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
}
