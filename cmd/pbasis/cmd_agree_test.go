package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/reports"
)

func agreeWriteCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	f, err := os.Create(path)
	must(t, err)
	w := csv.NewWriter(f)
	must(t, w.WriteAll(rows))
	must(t, f.Close())
}

// agreeJSON runs "pbasis agree" with --json and decodes the summary.
func agreeJSON(t *testing.T, args ...string) agreeSummary {
	t.Helper()
	out, stderr, code := run(t, "", append([]string{"agree", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("agree %v: exit %d: %s", args, code, stderr)
	}
	var s agreeSummary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("agree --json output: %v\n%s", err, out)
	}
	return s
}

// agreeUniqueCoding returns the index of a data row of codings.csv (header
// first) whose segment and code no other row repeats, the first one of
// the given code prefix.
func agreeUniqueCoding(t *testing.T, rows [][]string, prefix string) int {
	t.Helper()
	seen := map[string]int{}
	for _, r := range rows[1:] {
		seen[r[5]+" "+r[8]]++
	}
	for i, r := range rows[1:] {
		if seen[r[5]+" "+r[8]] == 1 && strings.HasPrefix(r[8], prefix) {
			return i + 1
		}
	}
	t.Fatalf("no unique %s coding in codings.csv", prefix)
	return 0
}

// agreeKappa2x2 is the closed form of Cohen's kappa for a 2x2 table (a both,
// b only A, c only B, d neither): 2(ad - bc) / ((a+b)(b+d) + (a+c)(c+d)).
func agreeKappa2x2(a, b, c, d float64) float64 {
	return 2 * (a*d - b*c) / ((a+b)*(b+d) + (a+c)*(c+d))
}

// TestAgreeOnTheDemo runs the pipeline on the demo corpus, then compares
// its codings with themselves (perfect agreement), with a copy that lacks
// one coding (as if rejected), and with the run's workbook reviewed.
func TestAgreeOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := run(t, dir, "run", "--out", "out", "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	rows := readCSV(t, "out/codings.csv")
	segRows := readCSV(t, "out/segments.csv")
	nSegs := len(segRows) - 1

	t.Run("identical", func(t *testing.T) {
		s := agreeJSON(t, "out/codings.csv", "out/codings.csv")
		if s.Overall.Kappa == nil || *s.Overall.Kappa != 1 || s.Overall.Alpha == nil || *s.Overall.Alpha != 1 || *s.Overall.Percent != 1 {
			t.Errorf("identical codings: %+v", s.Overall)
		}
		if s.Segments != nSegs || !s.Complete || s.Disagreements != 0 || s.Unit != "segment" {
			t.Errorf("segments %d (want %d), complete %v, disagreements %d, unit %q", s.Segments, nSegs, s.Complete, s.Disagreements, s.Unit)
		}
		out, stderr, code := run(t, "", "agree", "out/codings.csv", "out/codings.csv")
		if code != 0 || !strings.Contains(out, "eenheid: fragment (zin)") || !strings.Contains(out, "| 100,0% | 1,000 | 1,000 |") {
			t.Errorf("exit %d, stderr %s, stdout:\n%s", code, stderr, out)
		}
	})

	t.Run("rejected coding", func(t *testing.T) {
		i := agreeUniqueCoding(t, rows, "rel.")
		dropped := rows[i]
		b := slices.Concat(rows[:i], rows[i+1:])
		agreeWriteCSV(t, "b/codings.csv", b)
		agreeWriteCSV(t, "b/segments.csv", segRows)
		s := agreeJSON(t, "out/codings.csv", "b/codings.csv")
		if s.Overall.OnlyA != 1 || s.Overall.OnlyB != 0 || s.Disagreements != 1 {
			t.Fatalf("one coding fewer in B: %+v, %d disagreements", s.Overall, s.Disagreements)
		}
		if *s.Overall.Kappa >= 1 || *s.Overall.Alpha >= 1 {
			t.Errorf("kappa %v alpha %v should drop below 1", *s.Overall.Kappa, *s.Overall.Alpha)
		}
		for _, c := range s.Codes {
			if c.Label != dropped[8] {
				continue
			}
			if c.OnlyA != 1 || c.Units != nSegs {
				t.Errorf("code %s: %+v", c.Label, c)
			}
			want := agreeKappa2x2(float64(c.Both), 1, 0, float64(c.Neither))
			if d := *c.Kappa - want; d > 1e-9 || d < -1e-9 {
				t.Errorf("code %s kappa %v, want %v (closed form)", c.Label, *c.Kappa, want)
			}
		}
		out, stderr, code := run(t, "", "agree", "out/codings.csv", "b/codings.csv", "--out", "res")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(out, "1 fragmenten met verschillende codes") {
			t.Errorf("summary does not count the disagreement:\n%s", out)
		}
		md, err := os.ReadFile("res/" + reports.AgreementFile)
		must(t, err)
		// The disagreement row: segment | A's codes | B's codes | text.
		var cells []string
		for _, line := range strings.Split(string(md), "\n") {
			if strings.HasPrefix(line, "| "+reports.EscapeText(dropped[5])+" |") {
				cells = strings.Split(strings.Trim(line, "| "), " | ")
			}
		}
		esc := reports.EscapeText(dropped[8])
		if len(cells) != 4 || !strings.Contains(cells[1], esc) || strings.Contains(cells[2], esc) || cells[3] != reports.EscapeText(dropped[13]) {
			t.Errorf("agreement.md does not list the disagreement on %s (%s only in A): %q", dropped[5], dropped[8], cells)
		}
		if _, err := os.Stat("res/" + reports.AgreementXLSXFile); err != nil {
			t.Errorf("--out wrote no workbook: %v", err)
		}
	})

	t.Run("reviewed workbook", func(t *testing.T) {
		f, err := excelize.OpenFile("out/pbasis.xlsx")
		must(t, err)
		head := reports.XLSXCodingsHeader()
		sheet := ""
		for _, sh := range f.GetSheetList() {
			got, err := f.GetRows(sh)
			must(t, err)
			if len(got) > 0 && slices.Equal(got[0], head) {
				sheet = sh
				break
			}
		}
		if sheet == "" {
			t.Fatalf("no sheet with the header %v", head)
		}
		col := func(name string) string {
			c, _ := excelize.ColumnNumberToName(slices.Index(head, name) + 1)
			return c
		}
		// Codings sheet rows follow codings.csv: row r+1 is CSV row r.
		ri := agreeUniqueCoding(t, rows, "place.")
		ci := agreeUniqueCoding(t, rows, "fac.")
		if v, _ := f.GetCellValue(sheet, col("segment")+strconv.Itoa(ri+1)); v != rows[ri][5] {
			t.Fatalf("workbook row %d is segment %q, codings.csv row %q", ri+1, v, rows[ri][5])
		}
		must(t, f.SetCellStr(sheet, col(reports.ColDecision)+strconv.Itoa(ri+1), "reject"))
		must(t, f.SetCellStr(sheet, col(reports.ColDecision)+strconv.Itoa(ci+1), "change"))
		must(t, f.SetCellStr(sheet, col(reports.ColNewCode)+strconv.Itoa(ci+1), "rel.neighbour"))
		must(t, os.MkdirAll("rev", 0o755))
		must(t, f.SaveAs("rev/pbasis.xlsx"))
		must(t, f.Close())

		s := agreeJSON(t, "out/codings.csv", "rev/pbasis.xlsx")
		// reject: A only; change: the old code A only, rel.neighbour B only.
		if s.Overall.OnlyA != 2 || s.Overall.OnlyB != 1 || s.Disagreements != 2 || s.Segments != nSegs {
			t.Errorf("reviewed workbook: %+v, %d disagreements, %d segments", s.Overall, s.Disagreements, s.Segments)
		}
		for _, c := range s.Codes {
			if c.Label == "rel.neighbour" && c.OnlyB != 1 {
				t.Errorf("changed coding not counted for rel.neighbour: %+v", c)
			}
		}
	})

	t.Run("qdpx", func(t *testing.T) {
		if _, err := os.Stat("out/project.qdpx"); err != nil {
			t.Skip("pbasis run writes no project.qdpx yet")
		}
		s := agreeJSON(t, "out/codings.csv", "out/project.qdpx", "--segments", "out/segments.csv")
		if s.Overall.Kappa == nil || *s.Overall.Kappa != 1 || s.Segments != nSegs {
			t.Errorf("codings vs the run's own project: %+v over %d segments", s.Overall, s.Segments)
		}
	})
}

func TestAgreeNoSharedDocuments(t *testing.T) {
	dir := t.TempDir()
	head := reports.CodingsHeader()
	row := func(doc string) []string {
		r := make([]string, len(head))
		r[0], r[5], r[8], r[9] = doc, doc+"#1", "rel.neighbour", "relation"
		return r
	}
	agreeWriteCSV(t, filepath.Join(dir, "one", "codings.csv"), [][]string{head, row("G01/a.txt")})
	agreeWriteCSV(t, filepath.Join(dir, "two", "manual.csv"), [][]string{head, row("G02/b.txt")})
	_, stderr, code := run(t, dir, "agree", "one/codings.csv", "two/manual.csv")
	if code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, stderr)
	}
	if !strings.Contains(stderr, "one/codings.csv") || !strings.Contains(stderr, "two/manual.csv") || !strings.Contains(stderr, "share no documents") {
		t.Errorf("error should name both files: %s", stderr)
	}
}

func TestAgreeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	head := reports.CodingsHeader()
	r := make([]string, len(head))
	r[0], r[5], r[8] = "a.txt", "a.txt#1", "rel.neighbour"
	agreeWriteCSV(t, filepath.Join(dir, "c.csv"), [][]string{head, r})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"agree", "c.csv", "c.csv", "--format", "pdf"}, "--format"},
		{[]string{"agree", "c.csv", "notes.docx"}, "notes.docx"},
		{[]string{"agree", "c.csv", "missing.csv"}, "missing.csv"},
		{[]string{"agree", "c.csv"}, "accepts 2 arg"},
	} {
		_, stderr, code := run(t, dir, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}
