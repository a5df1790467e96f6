package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/demo"
	"github.com/pbasis/pbasis/reports"
)

// readCSV reads a CSV file into rows (header first).
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	must(t, err)
	return rows
}

// column returns a function giving a row's value in the named column.
func column(t *testing.T, header []string) func(row []string, name string) string {
	return func(row []string, name string) string {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, header)
		}
		return row[i]
	}
}

// reviewEdit is what the test reviewer does to the workbook.
type reviewEdit struct {
	reject, change []string // codings.csv rows
	newCode        string   // for change
	addSeg         []string // segments.csv row
	addCode        string
}

// editWorkbook fills in the review columns of the workbook at path as a
// reviewer would in a spreadsheet: finds the rows by their doc, span and
// code (sheets by their header row) and writes decision, new_code and
// add_code.
func editWorkbook(t *testing.T, path string, e reviewEdit, cc, sc func([]string, string) string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	must(t, err)
	defer f.Close()
	found := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		must(t, err)
		if len(rows) == 0 {
			continue
		}
		head := rows[0]
		idx := func(name string) int { return slices.Index(head, name) }
		cell := func(name string, row int) string {
			c, err := excelize.CoordinatesToCellName(idx(name)+1, row)
			must(t, err)
			return c
		}
		get := func(r []string, name string) string {
			if i := idx(name); i >= 0 && i < len(r) {
				return r[i]
			}
			return ""
		}
		same := func(r, want []string, col func([]string, string) string, names ...string) bool {
			for _, n := range names {
				if get(r, n) != col(want, n) {
					return false
				}
			}
			return true
		}
		switch {
		case idx(reports.ColDecision) >= 0:
			for i, r := range rows[1:] {
				switch {
				case same(r, e.reject, cc, "doc", "start", "end", "code"):
					must(t, f.SetCellValue(sheet, cell(reports.ColDecision, i+2), reports.DecisionReject))
					must(t, f.SetCellValue(sheet, cell(reports.ColComment, i+2), "geen buurvrouw\thier"))
					found++
				case same(r, e.change, cc, "doc", "start", "end", "code"):
					must(t, f.SetCellValue(sheet, cell(reports.ColDecision, i+2), reports.DecisionChange))
					must(t, f.SetCellValue(sheet, cell(reports.ColNewCode, i+2), e.newCode))
					found++
				}
			}
		case idx(reports.ColAddCode) >= 0:
			for i, r := range rows[1:] {
				if same(r, e.addSeg, sc, "doc", "segment", "start", "end") {
					must(t, f.SetCellValue(sheet, cell(reports.ColAddCode, i+2), e.addCode))
					found++
				}
			}
		}
	}
	if found != 3 {
		t.Fatalf("edited %d workbook rows, want 3", found)
	}
	must(t, f.SaveAs(path))
}

// TestReviewLoop is the researcher's loop on the demo: run; a reviewer
// rejects one coding, changes one to another code and adds one on the
// Segments sheet; review import; rerun. codings.csv must show exactly
// those three changes against the first run. Then the transcript is
// edited under one decided span, and a rerun reports that decision as
// stale.
func TestReviewLoop(t *testing.T) {
	dir := t.TempDir()
	must(t, os.CopyFS(filepath.Join(dir, "input"), demo.FS()))
	if _, stderr, code := run(t, dir, "run", "--input", "input", "--out", "out"); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	first := readCSV(t, filepath.Join(dir, "out", "codings.csv"))
	segs := readCSV(t, filepath.Join(dir, "out", "segments.csv"))
	cc, sc := column(t, first[0]), column(t, segs[0])

	spec, err := analysis.LoadCodebook(analysis.DefaultCodebookName, analysis.DefaultCodebookYAML())
	must(t, err)
	category := map[string]string{}
	for _, c := range spec.Codes {
		category[c.ID] = string(c.Category)
	}

	// Pick a .txt transcript and, in it, two codings on different spans
	// whose segments occur verbatim in the file (so the test can edit the
	// file under one of them later), and a segment of the same file for the
	// added code.
	var e reviewEdit
	var doc, fileText string
	for _, r := range first[1:] {
		d := cc(r, "doc")
		if !strings.HasSuffix(d, ".txt") || cc(r, "voice") != "own" {
			continue
		}
		if doc != "" && d != doc {
			continue
		}
		if doc == "" {
			b, err := os.ReadFile(filepath.Join(dir, "input", filepath.FromSlash(d)))
			must(t, err)
			doc, fileText = d, string(b)
		}
		if strings.Count(fileText, cc(r, "text")) != 1 || strings.Count(cc(r, "text"), cc(r, "term")) != 1 ||
			strings.ToUpper(cc(r, "term")) == cc(r, "term") {
			continue
		}
		switch {
		case e.reject == nil:
			e.reject = r
		case e.change == nil && cc(r, "segment") != cc(e.reject, "segment"):
			e.change = r
		}
	}
	if e.change == nil {
		t.Fatalf("no two suitable codings in a .txt transcript of the demo")
	}
	for _, c := range spec.Codes {
		if c.ID != cc(e.change, "code") && c.Category != analysis.Category(cc(e.change, "category")) {
			e.newCode = c.ID
			break
		}
	}
	coded := map[string]bool{}
	for _, r := range first[1:] {
		coded[cc(r, "segment")] = true
	}
	for _, s := range segs[1:] {
		if sc(s, "doc") == doc && sc(s, "voice") == "own" && !coded[sc(s, "segment")] && len(sc(s, "text")) > 20 {
			e.addSeg = s
			break
		}
	}
	if e.addSeg == nil {
		t.Fatalf("no uncoded own-voice segment in %s", doc)
	}
	e.addCode = spec.Codes[0].ID

	editWorkbook(t, filepath.Join(dir, "out", reports.XLSXFile), e, cc, sc)
	_, stderr, code := run(t, dir, "review", "import", "out/pbasis.xlsx", "--decisions", "dec/decisions.tsv", "--reviewer", "MB")
	if code != 0 {
		t.Fatalf("review import: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "3 new") {
		t.Errorf("import summary should count 3 new decisions:\n%s", stderr)
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "dec", "decisions.tsv"))
	must(t, err)
	t.Logf("decisions.tsv:\n%s", tsv)
	lines := strings.Split(strings.TrimSuffix(string(tsv), "\n"), "\n")
	if len(lines) != 4 || lines[0] != strings.Join(analysis.DecisionsHeader(), "\t") {
		t.Fatalf("decisions.tsv: want a header and 3 lines:\n%s", tsv)
	}
	if !strings.Contains(string(tsv), `geen buurvrouw\thier`) {
		t.Errorf("the comment's tab is not escaped as \\t:\n%s", tsv)
	}

	// A second import of the same workbook changes nothing.
	_, stderr, code = run(t, dir, "review", "import", "out/pbasis.xlsx", "--decisions", "dec/decisions.tsv", "--reviewer", "MB")
	if code != 0 || !strings.Contains(stderr, "0 new, 0 changed, 3 unchanged") {
		t.Errorf("re-import: exit %d: %s", code, stderr)
	}
	tsv2, err := os.ReadFile(filepath.Join(dir, "dec", "decisions.tsv"))
	must(t, err)
	if string(tsv2) != string(tsv) {
		t.Errorf("re-import changed the decisions file:\n%s\n---\n%s", tsv, tsv2)
	}

	if _, stderr, code := run(t, dir, "run", "--input", "input", "--out", "out2", "--decisions", "dec/decisions.tsv"); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, stderr)
	}
	second := readCSV(t, filepath.Join(dir, "out2", "codings.csv"))

	// What the rerun must give, built from the first run's rows.
	set := func(r []string, kv ...string) []string {
		r = slices.Clone(r)
		for i := 0; i < len(kv); i += 2 {
			r[slices.Index(first[0], kv[i])] = kv[i+1]
		}
		return r
	}
	var want [][]string
	for _, r := range first[1:] {
		switch {
		case slices.Equal(r, e.reject):
		case slices.Equal(r, e.change):
			want = append(want, set(r, "code", e.newCode, "category", category[e.newCode], "source", "review", "rule", "", "how", "review"))
		default:
			want = append(want, r)
		}
	}
	added := make([]string, len(first[0]))
	for i, h := range first[0] {
		if slices.Contains(segs[0], h) {
			added[i] = sc(e.addSeg, h)
		}
	}
	added = set(added, "code", e.addCode, "category", category[e.addCode], "term", sc(e.addSeg, "text"),
		"negated", "false", "source", "review", "how", "review")

	got := second[1:]
	at := slices.IndexFunc(got, func(r []string) bool {
		return cc(r, "segment") == sc(e.addSeg, "segment") && cc(r, "code") == e.addCode
	})
	if at < 0 {
		t.Fatalf("rerun: the added coding is missing")
	}
	if diff := cmp.Diff(added, got[at]); diff != "" {
		t.Errorf("added coding (-want +got):\n%s", diff)
	}
	if at > 0 && cc(got[at-1], "doc") != doc && at+1 < len(got) && cc(got[at+1], "doc") != doc {
		t.Errorf("added coding is not among its document's codings")
	}
	got = slices.Delete(slices.Clone(got), at, at+1)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rerun codings.csv against the first run with the 3 decisions (-want +got):\n%s", diff)
	}
	if len(second) != len(first)+1-1 {
		t.Errorf("rerun has %d codings, first run %d: want the same (one rejected, one added)", len(second)-1, len(first)-1)
	}

	var m reports.Manifest
	data, err := os.ReadFile(filepath.Join(dir, "out2", "run.json"))
	must(t, err)
	must(t, json.Unmarshal(data, &m))
	wantCounts := analysis.ReviewCounts{Auto: len(first) - 1 - 2, Changed: 1, Rejected: 1, Added: 1}
	if m.Review == nil || m.Review.Codings != wantCounts || m.Review.Decisions != 3 || len(m.Review.Stale) != 0 || len(m.Review.Unused) != 0 {
		t.Errorf("run.json review: %+v, want codings %+v", m.Review, wantCounts)
	}

	// pbasis agree between the first run and the rerun reports exactly the
	// reviewer's three changes: one disagreeing segment per decision.
	ag := agreeJSON(t, filepath.Join(dir, "out", "codings.csv"), filepath.Join(dir, "out2", "codings.csv"))
	segsChanged := map[string]bool{cc(e.reject, "segment"): true, cc(e.change, "segment"): true, sc(e.addSeg, "segment"): true}
	if ag.Disagreements != len(segsChanged) {
		t.Errorf("agree before/after review: %d disagreeing segments, want %d (the reviewer's decisions)", ag.Disagreements, len(segsChanged))
	}
	if ag.Overall.Kappa == nil || *ag.Overall.Kappa >= 1 {
		t.Errorf("agree before/after review: kappa %v, want below 1", ag.Overall.Kappa)
	}

	// The transcript is edited under the changed coding's evidence (same
	// length, so the other spans stay put). The file's hash changes; its
	// decisions are found by path; the two whose text is still there
	// apply, the changed one is stale.
	term, segText := cc(e.change, "term"), cc(e.change, "text")
	edited := strings.Replace(fileText, segText, strings.Replace(segText, term, strings.ToUpper(term), 1), 1)
	if edited == fileText {
		t.Fatal("test did not edit the transcript")
	}
	must(t, os.WriteFile(filepath.Join(dir, "input", filepath.FromSlash(doc)), []byte(edited), 0o644))
	_, stderr, code = run(t, dir, "run", "--input", "input", "--out", "out3", "--decisions", "dec/decisions.tsv")
	if code != 0 {
		t.Fatalf("run after edit: exit %d: %s", code, stderr)
	}
	t.Logf("stderr after the edit:\n%s", stderr)
	if !strings.Contains(stderr, "stale decision "+doc+"@"+cc(e.change, "start")) || !strings.Contains(stderr, analysis.StaleTextChanged) {
		t.Errorf("stderr does not report the stale decision:\n%s", stderr)
	}
	data, err = os.ReadFile(filepath.Join(dir, "out3", "run.json"))
	must(t, err)
	m = reports.Manifest{}
	must(t, json.Unmarshal(data, &m))
	if m.Review == nil || len(m.Review.Stale) != 1 {
		t.Fatalf("run.json review after edit: %+v", m.Review)
	}
	s := m.Review.Stale[0]
	if s.Doc != doc || s.Code != cc(e.change, "code") || s.Reason != analysis.StaleTextChanged || s.Now != strings.ToUpper(term) {
		t.Errorf("stale decision: %+v", s)
	}
	if c := m.Review.Codings; c.Rejected != 1 || c.Added != 1 || c.Changed != 0 || c.Stale != 1 {
		t.Errorf("review counts after edit: %+v", c)
	}
	// The decisions file is never rewritten by a run.
	tsv3, err := os.ReadFile(filepath.Join(dir, "dec", "decisions.tsv"))
	must(t, err)
	if string(tsv3) != string(tsv) {
		t.Errorf("a run changed the decisions file")
	}
}

// TestReviewImportErrors: problems in the workbook are reported with
// their cells, and nothing is written.
func TestReviewImportErrors(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := run(t, dir, "run", "--out", "out"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "out", reports.XLSXFile)
	f, err := excelize.OpenFile(path)
	must(t, err)
	sheet := ""
	for _, s := range f.GetSheetList() {
		if v, _ := f.GetCellValue(s, "A1"); v == "doc" {
			if h, _ := f.GetRows(s); slices.Contains(h[0], reports.ColDecision) {
				sheet = s
				break
			}
		}
	}
	if sheet == "" {
		t.Fatal("no Codings sheet")
	}
	head, _ := f.GetRows(sheet)
	col := func(name string) string { return colLetter(t, slices.Index(head[0], name)+1) }
	must(t, f.SetCellValue(sheet, col(reports.ColDecision)+"2", "maybe"))
	must(t, f.SetCellValue(sheet, col(reports.ColDecision)+"3", reports.DecisionChange))
	must(t, f.SetCellValue(sheet, col(reports.ColDecision)+"4", reports.DecisionChange))
	must(t, f.SetCellValue(sheet, col(reports.ColNewCode)+"4", "rel.nonsense"))
	must(t, f.SaveAs(path))
	must(t, f.Close())
	_, stderr, code := run(t, dir, "review", "import", "out/pbasis.xlsx")
	if code != 2 {
		t.Fatalf("exit %d, want 2: %s", code, stderr)
	}
	for _, want := range []string{
		sheet + "!" + col(reports.ColDecision) + "2", `"maybe"`,
		sheet + "!" + col(reports.ColNewCode) + "3", "change needs",
		sheet + "!" + col(reports.ColNewCode) + "4", `"rel.nonsense" is not in the codebook`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "decisions.tsv")); !os.IsNotExist(err) {
		t.Errorf("a failed import wrote decisions.tsv (%v)", err)
	}
	// Without run.json beside the workbook, import says where hashes come from.
	must(t, os.Rename(filepath.Join(dir, "out", "run.json"), filepath.Join(dir, "run.json")))
	_, stderr, code = run(t, dir, "review", "import", "out/pbasis.xlsx")
	if code != 2 || !strings.Contains(stderr, "--manifest") {
		t.Errorf("no run.json: exit %d: %s", code, stderr)
	}
}

func colLetter(t *testing.T, n int) string {
	t.Helper()
	c, err := excelize.ColumnNumberToName(n)
	must(t, err)
	return c
}

// TestRunReviewFlag: run --review imports the workbook into the decisions
// file named in config.yaml (relative to the config file's folder), then
// runs with it.
func TestRunReviewFlag(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "proj"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "proj", "config.yaml"), []byte("out: out\ndecisions: review/d.tsv\n"), 0o644))
	if _, stderr, code := run(t, dir, "-c", "proj/config.yaml", "run"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	first := readCSV(t, filepath.Join(dir, "out", "codings.csv"))
	path := filepath.Join(dir, "out", reports.XLSXFile)
	f, err := excelize.OpenFile(path)
	must(t, err)
	rows, err := f.GetRows("Coderingen")
	must(t, err)
	if len(rows) != len(first) || !slices.Equal(rows[0], reports.XLSXCodingsHeader()) {
		t.Fatalf("Coderingen sheet: %d rows, header %v", len(rows), rows[0])
	}
	cell := colLetter(t, slices.Index(rows[0], reports.ColDecision)+1) + "5" // the 4th coding
	must(t, f.SetCellValue("Coderingen", cell, "accept"))
	must(t, f.SaveAs(path))
	must(t, f.Close())

	_, stderr, code := run(t, dir, "-c", "proj/config.yaml", "run", "--review", "out/pbasis.xlsx")
	if code != 0 {
		t.Fatalf("run --review: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "proj", "review", "d.tsv")); err != nil {
		t.Fatalf("decisions file not next to config.yaml: %v\n%s", err, stderr)
	}
	second := readCSV(t, filepath.Join(dir, "out", "codings.csv"))
	if len(second) != len(first) {
		t.Fatalf("accept changed the number of codings: %d -> %d", len(first), len(second))
	}
	src := slices.Index(first[0], "source")
	for i := range first {
		want := slices.Clone(first[i])
		if i == 4 {
			want[src] = "review" // accepted: a reviewer stands behind it; the evidence is the matcher's
		}
		if !slices.Equal(want, second[i]) {
			t.Errorf("codings.csv row %d:\nwant %q\n got %q", i, want, second[i])
		}
	}
	var m reports.Manifest
	data, err := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	must(t, err)
	must(t, json.Unmarshal(data, &m))
	if m.Review == nil || m.Review.Codings.Accepted != 1 || m.Review.File != filepath.Join("proj", "review", "d.tsv") {
		t.Errorf("run.json review: %+v", m.Review)
	}
}
