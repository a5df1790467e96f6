package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
)

// xlsxRun is a workbook written for tests, with what went into it.
type xlsxRun struct {
	path     string
	results  *analysis.Results
	codings  []analysis.Coding // every coding written, in order
	segments int
}

// writeDemoWorkbook runs the demo corpus through the pipeline the way
// `pbasis run` does and writes the workbook with w (made by newWB). edit,
// when not nil, may change each document's codings before they are added
// (and aggregated).
func writeDemoWorkbook(t *testing.T, lang Lang, cb *analysis.CodebookSpec, rowLimit int,
	edit func(doc *corpus.Document, codings []analysis.Coding) []analysis.Coding) xlsxRun {
	t.Helper()
	return writeDemoWorkbookWith(t, lang, cb, rowLimit, edit, nil)
}

// writeDemoWorkbookWith is writeDemoWorkbook adding the documents with
// add, when not nil, instead of AddDocument: add gets them all at once,
// in order.
func writeDemoWorkbookWith(t *testing.T, lang Lang, cb *analysis.CodebookSpec, rowLimit int,
	edit func(doc *corpus.Document, codings []analysis.Coding) []analysis.Coding,
	add func(w *WorkbookWriter, docs []*corpus.Document, codings [][]analysis.Coding) error) xlsxRun {
	t.Helper()
	fsys := demo.FS()
	o := corpus.DefaultOptions()
	files, skipped, err := corpus.List(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	book, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if cb == nil {
		cb = book.Spec()
	}
	if rowLimit == 0 {
		rowLimit = excelize.TotalRows
	}
	w, err := newWorkbook(lang, cb, rowLimit)
	if err != nil {
		t.Fatal(err)
	}
	acc := analysis.NewAccumulator(cb, analysis.ResultsOptions{Lang: string(lang)})
	em := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
	var run xlsxRun
	var docs []*corpus.Document
	var docCodings [][]analysis.Coding
	for _, f := range files {
		doc, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			skipped = append(skipped, corpus.Skipped{File: f, Reason: err.Error()})
			continue
		}
		codings := analysis.CodeDocument(book, doc)
		if edit != nil {
			codings = edit(doc, codings)
		}
		acc.Add(doc, codings)
		em.Add(doc, codings)
		if add == nil {
			if err := w.AddDocument(doc, codings); err != nil {
				t.Fatal(err)
			}
		}
		docs, docCodings = append(docs, doc), append(docCodings, codings)
		run.codings = append(run.codings, codings...)
		run.segments += len(doc.Segments)
	}
	if add != nil {
		if err := add(w, docs, docCodings); err != nil {
			t.Fatal(err)
		}
	}
	skipped = append(skipped, corpus.Skipped{File: "kapot.docx", Reason: "not a zip file"})
	m := &Manifest{
		Tool:     ToolInfo{Name: "pbasis", Version: "test"},
		Config:   ConfigInfo{Settings: map[string]any{"corpus": map[string]any{"segment_unit": o.Unit}}},
		Codebook: &CodebookInfo{ID: cb.ID, Version: cb.Version, File: "codebook.yaml", SHA256: "abc123", Codes: len(cb.Codes)},
		Input:    InputInfo{Source: "embedded demo corpus"},
		Skipped:  skipped,
	}
	r := acc.Results()
	r.Emergent = em.Result(nil)
	run.results = r
	run.path = filepath.Join(t.TempDir(), XLSXFile)
	if err := AtomicWrite(run.path, func(out io.Writer) error { return w.Close(out, r, m) }); err != nil {
		t.Fatal(err)
	}
	return run
}

func openXLSX(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// headerRow returns row 1 of a sheet.
func headerRow(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows", sheet)
	}
	return rows[0]
}

func TestWorkbookDemo(t *testing.T) {
	run := writeDemoWorkbook(t, LangNL, nil, 0, nil)
	f := openXLSX(t, run.path)
	want := []string{"Overzicht", "Raamwerk", "Raamwerk per rol", "Coderingen", "Fragmenten", "Samen genoemd",
		"Verbindende relaties", "Kwaliteiten", "Formele hulp en belasting", "Termen buiten codeboek",
		"Codeboek", "Variabelen", "Documenten", "Lijsten"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets:\n got %q\nwant %q", got, want)
	}
	if vis, _ := f.GetSheetVisible("Lijsten"); vis {
		t.Error("the lists sheet should be hidden")
	}
	if f.GetSheetName(f.GetActiveSheetIndex()) != "Overzicht" {
		t.Errorf("active sheet %q, want Overzicht", f.GetSheetName(f.GetActiveSheetIndex()))
	}

	// The review sheets: headers stable, one row per coding / segment.
	codingsHead := []string{"doc", "case", "speaker", "role", "voice", "segment", "start", "end", "code", "category",
		"term", "negated", "source", "text", "rule", "how", "neg_cue", "line", "time", "quote", "location",
		"decision", "new_code", "comment"}
	if got := headerRow(t, f, "Coderingen"); !slices.Equal(got, codingsHead) {
		t.Errorf("Coderingen header:\n got %q\nwant %q", got, codingsHead)
	}
	segHead := []string{"doc", "case", "speaker", "role", "voice", "segment", "start", "end", "text", "line", "time", "add_code", "comment"}
	if got := headerRow(t, f, "Fragmenten"); !slices.Equal(got, segHead) {
		t.Errorf("Fragmenten header:\n got %q\nwant %q", got, segHead)
	}
	rows, _ := f.GetRows("Coderingen")
	if len(rows)-1 != len(run.codings) || len(run.codings) == 0 {
		t.Errorf("Coderingen: %d data rows, want %d codings", len(rows)-1, len(run.codings))
	}
	// Row order and content follow the codings.
	for i, k := range run.codings {
		if i+1 >= len(rows) {
			break
		}
		row := rows[i+1]
		if row[0] != k.Doc || row[5] != k.Segment || row[8] != k.Code || row[10] != k.Term {
			t.Fatalf("Coderingen row %d = %q, want coding %+v", i+2, row[:11], k)
		}
		if !strings.Contains(row[19], "«"+k.Term+"»") {
			t.Errorf("Coderingen row %d: quote %q does not mark the term %q", i+2, row[19], k.Term)
		}
	}
	segRows, _ := f.GetRows("Fragmenten")
	if len(segRows)-1 != run.segments {
		t.Errorf("Fragmenten: %d data rows, want %d segments", len(segRows)-1, run.segments)
	}
	// Numbers are numbers, booleans booleans.
	if typ, _ := f.GetCellType("Coderingen", "G2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("start column: cell type %v, want a number", typ)
	}
	if typ, _ := f.GetCellType("Coderingen", "L2"); typ != excelize.CellTypeBool {
		t.Errorf("negated column: cell type %v, want a boolean", typ)
	}

	// Drop-downs.
	dvs, err := f.GetDataValidations("Coderingen")
	if err != nil {
		t.Fatal(err)
	}
	last := len(rows)
	var haveDecision, haveNewCode bool
	for _, dv := range dvs {
		switch dv.Sqref {
		case fmt.Sprintf("V2:V%d", last):
			haveDecision = dv.Type == "list" && strings.Contains(dv.Formula1, "accept,reject,change")
		case fmt.Sprintf("W2:W%d", last):
			haveNewCode = dv.Type == "list" && strings.Contains(dv.Formula1, "Lijsten")
		}
	}
	if !haveDecision || !haveNewCode {
		for _, dv := range dvs {
			t.Logf("validation %s %s %q", dv.Sqref, dv.Type, dv.Formula1)
		}
		t.Errorf("Coderingen: decision drop-down %v, new_code drop-down %v", haveDecision, haveNewCode)
	}
	dvs, _ = f.GetDataValidations("Fragmenten")
	if len(dvs) != 1 || dvs[0].Sqref != fmt.Sprintf("L2:L%d", len(segRows)) || dvs[0].Type != "list" {
		t.Errorf("Fragmenten: add_code drop-down missing: %+v", dvs)
	}
	// The code list holds every code of the codebook.
	book, _ := analysis.LoadDefault()
	lists, _ := f.GetRows("Lijsten")
	var listed []string
	for _, row := range lists[1:] {
		if len(row) > 3 && row[3] != "" {
			listed = append(listed, row[3])
		}
	}
	for _, c := range book.Spec().Codes {
		if !slices.Contains(listed, c.ID) {
			t.Errorf("code %s missing from the drop-down list", c.ID)
		}
	}

	// Every sheet: header frozen, and a filter on every table sheet.
	for _, sheet := range want {
		panes, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header row not frozen: %+v", sheet, panes)
		}
	}
	filtered := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			filtered[dn.Scope] = true
			if !strings.HasPrefix(dn.RefersTo, "'"+dn.Scope+"'!") {
				t.Errorf("filter of %s refers to %s", dn.Scope, dn.RefersTo)
			}
		}
	}
	for _, sheet := range want[:len(want)-1] {
		if !filtered[sheet] {
			t.Errorf("%s: no autofilter", sheet)
		}
	}

	// The framework matrix: a row per case, quotes with locations, counts
	// as numbers that agree with Results.
	fw, _ := f.GetRows("Raamwerk")
	if len(fw)-1 != len(run.results.Corpus.Cases) {
		t.Errorf("Raamwerk: %d rows, want %d cases", len(fw)-1, len(run.results.Corpus.Cases))
	}
	checked := 0
	for i, ci := range run.results.Corpus.Cases {
		for _, cc := range casesOwn(run.results, ci.ID) {
			col := slices.Index(fw[0], labelNL(run.results, cc.Code)+" (n)")
			if col < 0 {
				t.Fatalf("Raamwerk: no column for %s", cc.Code)
			}
			cell, _ := excelize.CoordinatesToCellName(col+1, i+2)
			if typ, _ := f.GetCellType("Raamwerk", cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("Raamwerk %s: type %v, want number", cell, typ)
			}
			if got := fw[i+1][col]; got != fmt.Sprint(cc.Mentions) {
				t.Errorf("Raamwerk %s (%s, %s): %s, want %d", cell, ci.ID, cc.Code, got, cc.Mentions)
			}
			summary := fw[i+1][col-1]
			for _, q := range cc.Quotes {
				if !strings.Contains(summary, q.Location()) {
					t.Errorf("Raamwerk %s/%s: quote location %s missing in %q", ci.ID, cc.Code, q.Location(), summary)
				}
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("Raamwerk: no cell checked")
	}

	// Charts on the overview, colour scale on the co-occurrence sheet.
	overview, _ := f.GetRows("Overzicht")
	var text strings.Builder
	for _, row := range overview {
		text.WriteString(strings.Join(row, "|") + "\n")
	}
	for _, s := range []string{"kapot.docx", "not a zip file", "abc123", "Coderingen", "decision"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("Overzicht lacks %q", s)
		}
	}
	cf, err := f.GetConditionalFormats("Samen genoemd")
	if err != nil || len(cf) == 0 {
		t.Errorf("Samen genoemd: no colour scale (%v)", err)
	}
	for ref, opts := range cf {
		if len(opts) == 0 || opts[0].Type != "3_color_scale" {
			t.Errorf("Samen genoemd %s: %+v, want a 3-colour scale", ref, opts)
		}
	}
	if n := countCharts(t, run.path); n != 2 {
		t.Errorf("%d charts, want 2", n)
	}

	// Dates are dates.
	docs, _ := f.GetRows("Documenten")
	dateCol := slices.Index(docs[0], "Datum")
	dated := 0
	for i, row := range docs[1:] {
		if dateCol < len(row) && regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(row[dateCol]) {
			cell, _ := excelize.CoordinatesToCellName(dateCol+1, i+2)
			raw, _ := f.GetCellValue("Documenten", cell, excelize.Options{RawCellValue: true})
			if strings.Contains(raw, "-") {
				t.Errorf("Documenten %s: date %q stored as text", cell, raw)
			}
			dated++
		}
	}
	t.Logf("%d codings, %d segments, %d dated documents", len(run.codings), run.segments, dated)
}

// casesOwn returns the own-voice code counts of a case.
func casesOwn(r *analysis.Results, id string) []analysis.CodeCount {
	for _, c := range r.Cases {
		if c.Case == id {
			return c.Own
		}
	}
	return nil
}

func labelNL(r *analysis.Results, code string) string {
	v := newView(r, nil, LangNL)
	return v.labelTagged(code)
}

// countCharts counts the chart parts in the xlsx package.
func countCharts(t *testing.T, path string) int {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	n := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			n++
		}
	}
	return n
}

// TestWorkbookFormulaText checks that texts that look like formulas stay
// text, in the streamed sheets and in the summary sheets.
func TestWorkbookFormulaText(t *testing.T) {
	hostile := []string{"=SUM(A1:A2)", "@cmd", "+1+2", "-3-4", "=HYPERLINK(\"http://x\")"}
	injected := 0
	run := writeDemoWorkbook(t, LangNL, nil, 0, func(doc *corpus.Document, codings []analysis.Coding) []analysis.Coding {
		if len(codings) == 0 || injected > 0 {
			return codings
		}
		for i, h := range hostile {
			k := codings[0]
			k.Text, k.Term, k.Speaker = h, h, h
			k.Code = codings[i%len(codings)].Code
			codings = append(codings, k)
			injected++
		}
		return codings
	})
	f := openXLSX(t, run.path)
	rows, _ := f.GetRows("Coderingen")
	found := 0
	for i, row := range rows {
		if i == 0 || !slices.Contains(hostile, row[13]) {
			continue
		}
		found++
		for _, col := range []int{3, 11, 14} { // speaker, term, text
			cell, _ := excelize.CoordinatesToCellName(col, i+1)
			formula, err := f.GetCellFormula("Coderingen", cell)
			if err != nil || formula != "" {
				t.Errorf("%s: formula %q (%v), want none", cell, formula, err)
			}
			val, _ := f.GetCellValue("Coderingen", cell)
			if val != row[13] {
				t.Errorf("%s = %q, want the literal %q", cell, val, row[13])
			}
			if typ, _ := f.GetCellType("Coderingen", cell); typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
				t.Errorf("%s: cell type %v, want a string", cell, typ)
			}
		}
	}
	if found != len(hostile) {
		t.Errorf("found %d of %d formula-like texts", found, len(hostile))
	}
	// Summary sheets store strings with SetCellStr: check a sheet cell by
	// cell for any formula at all.
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for i, row := range rows {
			for j := range row {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s holds a formula %q", sheet, cell, fm)
				}
			}
		}
	}
}

// TestWorkbookLongText checks the 32,767-character cut.
func TestWorkbookLongText(t *testing.T) {
	long := strings.Repeat("buurvrouw ", 4000) // 40,000 characters
	run := writeDemoWorkbook(t, LangNL, nil, 0, func(doc *corpus.Document, codings []analysis.Coding) []analysis.Coding {
		if len(codings) > 0 && codings[0].Doc == doc.ID && doc.Segments[0].Text != long {
			k := codings[0]
			k.Text = long
			codings = append(codings, k)
		}
		return codings
	})
	f := openXLSX(t, run.path)
	rows, _ := f.GetRows("Coderingen")
	cut := 0
	for _, row := range rows[1:] {
		if !strings.HasPrefix(row[13], "buurvrouw buurvrouw") || len(row[13]) < 1000 {
			continue
		}
		cut++
		if n := utf16Len(row[13]); n > 32767 {
			t.Errorf("cell text has %d characters, over 32,767", n)
		}
		if !strings.HasSuffix(row[13], "… [afgekapt; volledige tekst in codings.csv]") {
			t.Errorf("cut text ends %q, want the marker", row[13][len(row[13])-60:])
		}
		if n := utf16Len(row[13]); n < 32700 {
			t.Errorf("cut text has %d characters; cut too much", n)
		}
	}
	if cut == 0 {
		t.Fatal("the long text was not found")
	}
}

func TestClipCell(t *testing.T) {
	marker := "… [cut]"
	if got := clipCell("kort", marker); got != "kort" {
		t.Errorf("short text changed: %q", got)
	}
	exact := strings.Repeat("a", 32767)
	if got := clipCell(exact, marker); got != exact {
		t.Error("a text of exactly 32,767 characters was cut")
	}
	// Characters outside the BMP count twice in Excel; never split one.
	emoji := strings.Repeat("😀", 20000) // 40,000 UTF-16 units
	got := clipCell(emoji, marker)
	if !strings.HasSuffix(got, marker) || !utf8.ValidString(got) || utf16Len(got) > 32767 {
		t.Errorf("emoji text: %d units, valid %v, marker %v", utf16Len(got), utf8.ValidString(got), strings.HasSuffix(got, marker))
	}
}

// TestWorkbookContinuation lowers the row limit so that the codings and
// segments continue in second (and later) sheets.
func TestWorkbookContinuation(t *testing.T) {
	const limit = 100
	run := writeDemoWorkbook(t, LangNL, nil, limit, nil)
	if len(run.codings) < limit || run.segments < limit {
		t.Fatalf("demo too small for the test: %d codings, %d segments", len(run.codings), run.segments)
	}
	f := openXLSX(t, run.path)
	sheets := f.GetSheetList()
	check := func(base string, n int, header []string) {
		parts := (n + limit - 2) / (limit - 1)
		total := 0
		pos := slices.Index(sheets, base)
		for p := 0; p < parts; p++ {
			name := base
			if p > 0 {
				name = fmt.Sprintf("%s (%d)", base, p+1)
			}
			if pos+p >= len(sheets) || sheets[pos+p] != name {
				t.Fatalf("sheet %d after %s is %q, want %q (sheets %q)", p, base, sheets[min(pos+p, len(sheets)-1)], name, sheets)
			}
			rows, _ := f.GetRows(name)
			if len(rows) > limit {
				t.Errorf("%s: %d rows, over the limit %d", name, len(rows), limit)
			}
			if !slices.Equal(rows[0], header) {
				t.Errorf("%s: header %q", name, rows[0])
			}
			dvs, _ := f.GetDataValidations(name)
			if len(dvs) == 0 {
				t.Errorf("%s: no drop-downs", name)
			}
			total += len(rows) - 1
		}
		if total != n {
			t.Errorf("%s: %d rows over %d sheets, want %d", base, total, parts, n)
		}
		if slices.Contains(sheets, fmt.Sprintf("%s (%d)", base, parts+1)) {
			t.Errorf("%s: one sheet too many", base)
		}
	}
	check("Coderingen", len(run.codings), XLSXCodingsHeader())
	check("Fragmenten", run.segments, XLSXSegmentsHeader())
	rows, _ := f.GetRows("Overzicht")
	note := false
	for _, row := range rows {
		if len(row) > 2 && strings.Contains(row[2], "Coderingen (2)") {
			note = true
		}
	}
	if !note {
		t.Error("the overview does not say that Coderingen continues")
	}
	// Filters are defined per sheet, on the right sheet after reordering.
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && !strings.HasPrefix(dn.RefersTo, "'"+dn.Scope+"'!") {
			t.Errorf("filter of %s refers to %s", dn.Scope, dn.RefersTo)
		}
	}
}

func TestWorkbookEnglish(t *testing.T) {
	run := writeDemoWorkbook(t, LangEN, nil, 0, nil)
	f := openXLSX(t, run.path)
	want := []string{"Overview", "Framework matrix", "Framework by role", "Codings", "Segments", "Co-occurrence",
		"Bridging relations", "Qualities by place", "Formal help and strain", "Emergent terms",
		"Codebook", "Variables", "Documents", "Lists"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets:\n got %q\nwant %q", got, want)
	}
	// The review headers do not change with the language.
	if got := headerRow(t, f, "Codings"); !slices.Equal(got, XLSXCodingsHeader()) {
		t.Errorf("Codings header %q", got)
	}
	if got := headerRow(t, f, "Framework matrix"); got[0] != "Family" {
		t.Errorf("Framework matrix header starts %q, want Family", got[0])
	}
}

// TestWorkbookHostileCodebook uses a codebook whose labels, IDs and title
// hold every character Excel forbids in sheet names, and longer names
// than it allows.
func TestWorkbookHostileCodebook(t *testing.T) {
	book, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	spec := *book.Spec()
	spec.Codes = slices.Clone(spec.Codes)
	bad := `[Buren]: *wie?* / \ 'x' en nog veel meer tekst` // 40+ characters
	spec.Title = analysis.Text{NL: bad, EN: bad}
	spec.ID = "=cmd|' /C calc'!A0"
	for i := range spec.Codes {
		spec.Codes[i].Label = analysis.Text{NL: bad + fmt.Sprint(i), EN: "@" + bad}
		spec.Codes[i].Definition = analysis.Text{NL: "=1+1", EN: "-1"}
	}
	run := writeDemoWorkbook(t, LangNL, &spec, 0, nil)
	f := openXLSX(t, run.path)
	for _, name := range f.GetSheetList() {
		if utf8.RuneCountInString(name) > 31 || strings.ContainsAny(name, `[]:*?/\`) {
			t.Errorf("invalid sheet name %q", name)
		}
	}
	rows, _ := f.GetRows("Codeboek")
	if len(rows) < 2 || !strings.HasPrefix(rows[1][3], bad) {
		t.Errorf("Codeboek: label not written as is: %q", rows[1])
	}
}

func TestSheetNamer(t *testing.T) {
	n := newSheetNamer()
	for _, tc := range []struct{ in, want string }{
		{"Overzicht", "Overzicht"},
		{"overzicht", "overzicht (2)"},
		{`a[b]c:d*e?f/g\h`, "a_b_c_d_e_f_g_h"},
		{"'quoted'", "quoted"},
		{"", "Sheet"},
		{"History", "SheetHistory"},
		{strings.Repeat("x", 40), strings.Repeat("x", 31)},
		{strings.Repeat("x", 40), strings.Repeat("x", 27) + " (2)"},
		{"tab\there", "tabhere"},
	} {
		got := n.name(tc.in)
		if got != tc.want {
			t.Errorf("name(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if utf8.RuneCountInString(got) > 31 {
			t.Errorf("name(%q) = %q: too long", tc.in, got)
		}
	}
}

func TestTypedValue(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want any
	}{
		{"2024-03-05", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"12", 12},
		{"1.5", 1.5},
		{"0612", "0612"},
		{"1234 AB", "1234 AB"},
		{"", nil},
		{"5 maart 2024", "5 maart 2024"},
		{"2024-13-40", "2024-13-40"},
	} {
		if got := typedValue(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("typedValue(%q) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
}

// TestXLSXTextsComplete checks that every workbook text exists in both
// languages, that formats take the same verbs, and that the sheet names are
// valid and distinct as written.
func TestXLSXTextsComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0]*[0-9]*[a-zA-Z%]`)
	nl, en := reflect.ValueOf(*xlsxTextsFor(LangNL)), reflect.ValueOf(*xlsxTextsFor(LangEN))
	typ := nl.Type()
	same := 0
	for i := 0; i < typ.NumField(); i++ {
		name := typ.Field(i).Name
		a, b := nl.Field(i).String(), en.Field(i).String()
		if strings.TrimSpace(a) == "" {
			t.Errorf("%s: no Dutch text", name)
		}
		if strings.TrimSpace(b) == "" {
			t.Errorf("%s: no English text", name)
		}
		if a == b {
			same++
		}
		va, vb := verbs.FindAllString(a, -1), verbs.FindAllString(b, -1)
		if !slices.Equal(va, vb) {
			t.Errorf("%s: verbs %v in Dutch, %v in English", name, va, vb)
		}
		if strings.HasSuffix(name, "F") != (len(va) > 0) {
			t.Errorf("%s: a format field must end in F and take verbs (verbs %v)", name, va)
		}
		if strings.HasPrefix(name, "Sheet") {
			for _, s := range []string{a, b} {
				if cleanSheetName(s) != s {
					t.Errorf("%s: %q is not a valid sheet name as written", name, s)
				}
			}
		}
	}
	if same > 16 {
		t.Errorf("%d texts are the same in Dutch and English", same)
	}
	for _, lang := range Langs() {
		seen := map[string]bool{}
		w := &WorkbookWriter{tx: xlsxTextsFor(lang)}
		for _, s := range w.fixedSheets() {
			if seen[strings.ToLower(s)] {
				t.Errorf("%s: sheet name %q twice", lang, s)
			}
			seen[strings.ToLower(s)] = true
		}
	}
}

func TestWorkbookMisuse(t *testing.T) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(&bytes.Buffer{}, nil, nil); err == nil {
		t.Error("Close without results: no error")
	}
	if err := w.AddDocument(nil, nil); err == nil {
		t.Error("AddDocument after Close: no error")
	}
	if err := w.Close(&bytes.Buffer{}, &analysis.Results{}, nil); err == nil {
		t.Error("second Close: no error")
	}
}

// TestWorkbookEmpty writes a workbook with no documents and empty results:
// it must still be a valid workbook with every sheet.
func TestWorkbookEmpty(t *testing.T) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Close(&buf, &analysis.Results{}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := len(f.GetSheetList()); n != 14 {
		t.Errorf("%d sheets, want 14", n)
	}
}

// TestWorkbookLibreOffice converts the demo workbook to PDF with
// LibreOffice: the file must open in another program than the one that
// wrote it.
func TestWorkbookLibreOffice(t *testing.T) {
	office := ""
	for _, name := range []string{"libreoffice", "soffice"} {
		if p, err := exec.LookPath(name); err == nil {
			office = p
			break
		}
	}
	if office == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("libreoffice/soffice not on PATH; CI must install it (apt-get install -y libreoffice-calc-nogui)")
		}
		t.Skip("libreoffice/soffice not on PATH: install libreoffice-calc-nogui to run this test")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion is slow; skipped with -short")
	}
	run := writeDemoWorkbook(t, LangNL, nil, 0, nil)
	outDir := t.TempDir()
	profile := t.TempDir()
	cmd := exec.Command(office, "-env:UserInstallation=file://"+profile, "--headless",
		"--convert-to", "pdf", "--outdir", outDir, run.path)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("libreoffice: %v\n%s", err, out.String())
		}
	case <-time.After(5 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("libreoffice did not finish in 5 minutes\n%s", out.String())
	}
	pdf := filepath.Join(outDir, strings.TrimSuffix(XLSXFile, ".xlsx")+".pdf")
	st, err := os.Stat(pdf)
	if err != nil {
		t.Fatalf("no PDF: %v\n%s", err, out.String())
	}
	if st.Size() < 10_000 {
		t.Errorf("PDF has only %d bytes", st.Size())
	}
	if p, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command(p, pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		for _, s := range []string{"Coderingen", "decision", "Raamwerk"} {
			if !bytes.Contains(txt, []byte(s)) {
				t.Errorf("PDF text lacks %q", s)
			}
		}
	} else {
		t.Log("pdftotext not on PATH: PDF text not checked")
	}
	if dir := os.Getenv("PBASIS_XLSX_PDF"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, "pbasis.pdf"), mustRead(t, pdf), 0o644)
		_ = os.WriteFile(filepath.Join(dir, XLSXFile), mustRead(t, run.path), 0o644)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
