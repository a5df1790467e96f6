package reports

import (
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// XLSXFile is the workbook's path in the output folder.
const XLSXFile = "pbasis.xlsx"

// Review decisions, as stored in the decision column of the Codings sheet.
// They are the same in every report language, so a reviewed workbook
// imports whatever language it was written in.
const (
	DecisionAccept = "accept" // the coding is right
	DecisionReject = "reject" // the coding is wrong: drop it
	DecisionChange = "change" // the right code is in new_code
)

// Review columns of the workbook's Codings and Segments sheets.
const (
	ColDecision = "decision"
	ColNewCode  = "new_code"
	ColComment  = "comment"
	ColAddCode  = "add_code"
)

// Decisions lists the review decisions in drop-down order.
func Decisions() []string { return []string{DecisionAccept, DecisionReject, DecisionChange} }

// XLSXCodingsHeader is the header row of the workbook's Codings sheet, in
// every language: the columns of codings.csv (CodingsHeader), then "quote"
// (the evidence between « » in its context) and "location" (doc:line or
// doc@time), then the review columns "decision" (accept|reject|change),
// "new_code" (a code ID, with change) and "comment", which the workbook
// leaves empty for a reviewer. `pbasis review import` relies on these names,
// not on column positions.
func XLSXCodingsHeader() []string {
	return append(CodingsHeader(), "quote", "location", ColDecision, ColNewCode, ColComment)
}

// XLSXSegmentsHeader is the header row of the workbook's Segments sheet, in
// every language: the columns of segments.csv (SegmentsHeader), then the
// review columns "add_code" (a code ID a reviewer adds to the segment) and
// "comment".
func XLSXSegmentsHeader() []string {
	return append(SegmentsHeader(), ColAddCode, ColComment)
}

// maxSheetName is Excel's limit on sheet names, in characters.
const maxSheetName = 31

// WorkbookWriter writes pbasis.xlsx, the workbook for evaluators and
// reviewers. It streams: the big sheets (Codings, Segments) are written row
// by row with excelize's StreamWriter as documents come (AddDocument), and
// excelize moves their rows to temporary files on disk once a sheet's
// buffer passes 16 MB, so memory stays flat however many codings there are.
// The other sheets are small and are written from Results at Close.
//
// Sheet names are the language's fixed names (Dutch by default), made valid
// for Excel whatever they are (at most 31 characters, none of []:*?/\,
// unique ignoring case). A streamed sheet that would pass Excel's 1,048,576
// rows continues in a sheet named "<name> (2)", placed after it, and the
// overview says so.
//
// Every text goes into a cell as a string (an inline or shared string, never
// a formula), so quotes starting with =, +, - or @ stay text. Text longer than
// Excel's 32,767 characters per cell is cut with a visible marker naming
// the CSV file that holds it in full.
//
// A WorkbookWriter is not safe for concurrent use. Call Close exactly once;
// after an error, the writer is unusable and Close releases its temporary
// files.
type WorkbookWriter struct {
	lang  Lang
	tx    *xlsxTexts
	rt    *reportTexts
	cb    *analysis.CodebookSpec
	f     *excelize.File
	names *sheetNamer
	st    xlsxStyles

	codings, segments *streamSheet
	pending           []sheetFilter // summary sheets' filters, added once sheets are in order
	// rowLimit is the most rows (header included) a sheet gets before it
	// continues in the next one: Excel's limit; lowered in tests.
	rowLimit int
	// err is sticky: the first error ends the writer. The goroutine
	// started by AddDocument sets it, under mu.
	err    error
	mu     sync.Mutex
	jobs   chan workbookJob // nil until the first AddDocument, and after wait
	done   chan struct{}    // closed when the goroutine has ended
	closed bool
}

// NewWorkbook starts a workbook in lang with the codebook cb (for the
// Codebook sheet and the code drop-downs; nil is allowed: the codes then
// come from the results at Close).
func NewWorkbook(lang Lang, cb *analysis.CodebookSpec) (*WorkbookWriter, error) {
	return newWorkbook(lang, cb, excelize.TotalRows)
}

func newWorkbook(lang Lang, cb *analysis.CodebookSpec, rowLimit int) (*WorkbookWriter, error) {
	if lang != LangEN {
		lang = LangNL
	}
	if rowLimit < 2 || rowLimit > excelize.TotalRows {
		return nil, fmt.Errorf("workbook: row limit %d outside 2..%d", rowLimit, excelize.TotalRows)
	}
	w := &WorkbookWriter{lang: lang, tx: xlsxTextsFor(lang), rt: texts(lang), cb: cb,
		f: excelize.NewFile(), names: newSheetNamer(), rowLimit: rowLimit}
	if err := w.init(); err != nil {
		_ = w.f.Close()
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return w, nil
}

// sheetOrder returns the fixed sheets in workbook order (the streamed
// sheets' continuations are placed after them at Close).
func (w *WorkbookWriter) fixedSheets() []string {
	t := w.tx
	return []string{t.SheetOverview, t.SheetFramework, t.SheetFrameworkRole, t.SheetCodings, t.SheetSegments,
		t.SheetCooccur, t.SheetBridges, t.SheetQualities, t.SheetHelp, t.SheetEmergent,
		t.SheetCodebook, t.SheetVariables, t.SheetDocuments, t.SheetLists}
}

func (w *WorkbookWriter) init() error {
	var err error
	if w.st, err = newXLSXStyles(w.f); err != nil {
		return err
	}
	// Create every fixed sheet now, in order, so the workbook's order is
	// the legend's order. The first replaces excelize's "Sheet1".
	for i, base := range w.fixedSheets() {
		name := w.names.name(base)
		if i == 0 {
			if err := w.f.SetSheetName(w.f.GetSheetName(0), name); err != nil {
				return err
			}
			continue
		}
		if _, err := w.f.NewSheet(name); err != nil {
			return err
		}
	}
	w.codings = &streamSheet{w: w, base: w.names.get(w.tx.SheetCodings), header: XLSXCodingsHeader(), csv: CodingsFile(),
		widths: []float64{18, 10, 12, 11, 11, 16, 8, 8, 20, 12, 16, 9, 8, 60, 16, 11, 10, 7, 11, 50, 20, 12, 20, 30},
		wrap:   []int{14, 20}, input: []int{22, 23, 24}}
	w.segments = &streamSheet{w: w, base: w.names.get(w.tx.SheetSegments), header: XLSXSegmentsHeader(), csv: SegmentsFile(),
		widths: []float64{18, 10, 12, 11, 11, 16, 8, 8, 80, 7, 11, 20, 30},
		wrap:   []int{9}, input: []int{12, 13}}
	if err := w.codings.open(w.codings.base); err != nil {
		return err
	}
	return w.segments.open(w.segments.base)
}

// CodingsFile and SegmentsFile name the CSV files that hold the full texts
// a workbook cell may cut.
func CodingsFile() string  { return "codings.csv" }
func SegmentsFile() string { return "segments.csv" }

// AddDocument appends a document's segments to the Segments sheet and its
// codings to the Codings sheet, in call order (codings in the order
// given). codings may be empty; doc may be nil when only codings are added.
//
// The rows are written on a goroutine of the writer's own, so that
// building them (the workbook's biggest cost) runs beside the caller's
// other work: the caller must not change doc or codings after the call.
// An error writing a document is returned by a later AddDocument, or by
// Close.
func (w *WorkbookWriter) AddDocument(doc *corpus.Document, codings []analysis.Coding) error {
	if w.closed {
		return errors.New("workbook: AddDocument after Close")
	}
	if err := w.asyncErr(); err != nil {
		return err
	}
	if w.jobs == nil {
		w.jobs = make(chan workbookJob, 16)
		w.done = make(chan struct{})
		go w.writeJobs()
	}
	w.jobs <- workbookJob{doc, codings}
	return nil
}

// workbookJob is a document for the writer's goroutine.
type workbookJob struct {
	doc     *corpus.Document
	codings []analysis.Coding
}

// writeJobs writes the documents of w.jobs until it is closed, stopping
// at the first error (kept in w.err), then closes w.done.
func (w *WorkbookWriter) writeJobs() {
	defer close(w.done)
	for j := range w.jobs {
		if w.asyncErr() != nil {
			continue // drain
		}
		if err := w.addDocument(j.doc, j.codings); err != nil {
			id := ""
			if j.doc != nil {
				id = j.doc.ID
			}
			w.mu.Lock()
			w.err = fmt.Errorf("workbook: document %s: %w", id, err)
			w.mu.Unlock()
		}
	}
}

func (w *WorkbookWriter) asyncErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// wait ends the writer's goroutine, if started, once it has written every
// document.
func (w *WorkbookWriter) wait() {
	if w.jobs != nil {
		close(w.jobs)
		<-w.done
		w.jobs = nil
	}
}

func (w *WorkbookWriter) addDocument(doc *corpus.Document, codings []analysis.Coding) error {
	if doc != nil {
		for _, seg := range doc.Segments {
			var t corpus.Turn
			if seg.Turn >= 0 && seg.Turn < len(doc.Turns) {
				t = doc.Turns[seg.Turn]
			}
			row := w.segments.buf[:0]
			row = append(row, doc.ID, doc.Meta.Case, t.Speaker, t.Role, string(t.Voice), seg.ID,
				seg.Span.Start, seg.Span.End, w.segments.clip(seg.Text), lineCell(seg.Line), seg.Time)
			if err := w.segments.add(row); err != nil {
				return err
			}
			w.segments.buf = row
		}
	}
	for i := range codings {
		k := &codings[i]
		q := analysis.Quote{Doc: k.Doc, Segment: k.Segment, Line: k.Line, Time: k.Time}
		row := w.codings.buf[:0]
		row = append(row, k.Doc, k.Case, k.Speaker, k.Role, string(k.Voice), k.Segment,
			k.Start, k.End, k.Code, string(k.Category), k.Term, k.Negated, k.Source, w.codings.clip(k.Text),
			k.Rule, k.How, k.NegCue, lineCell(k.Line), k.Time, w.codings.clip(codingContext(doc, k)), q.Location())
		if err := w.codings.add(row); err != nil {
			return err
		}
		w.codings.buf = row
	}
	return nil
}

// lineCell is a source line as a cell value: a number, or empty for 0
// (no location).
func lineCell(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

// codingContext returns the coding's evidence between « » within its
// segment's text, shortened to about 100 characters on either side. The
// evidence is found through the document's segment (SegN) when doc is given
// and the segment matches; otherwise by searching the term in the text.
func codingContext(doc *corpus.Document, k *analysis.Coding) string {
	text := []rune(k.Text)
	start, end := -1, -1
	if doc != nil && k.SegN >= 1 && k.SegN <= len(doc.Segments) {
		if seg := doc.Segments[k.SegN-1]; seg.ID == k.Segment {
			start, end = k.Start-seg.Span.Start, k.End-seg.Span.Start
		}
	}
	if start < 0 || end > len(text) || start > end {
		start, end = -1, -1
		if k.Term != "" {
			if i := strings.Index(k.Text, k.Term); i >= 0 {
				start = utf8.RuneCountInString(k.Text[:i])
				end = start + utf8.RuneCountInString(k.Term)
			}
		}
	}
	if start < 0 {
		return JoinSpace(k.Text)
	}
	return contextAround(text, start, end, 100)
}

// contextAround returns text with [start, end) between « », at most around
// code points of context on either side (cut at a space where possible,
// "…" marking a cut), white space joined.
func contextAround(text []rune, start, end, around int) string {
	from, to := start-around, end+around
	cutL, cutR := from > 0, to < len(text)
	if !cutL {
		from = 0
	} else {
		for i := from; i < start && i < from+20; i++ {
			if text[i] == ' ' {
				from = i + 1
				break
			}
		}
	}
	if !cutR {
		to = len(text)
	} else {
		for i := to; i > end && i > to-20; i-- {
			if text[i-1] == ' ' {
				to = i - 1
				break
			}
		}
	}
	var b strings.Builder
	if cutL {
		b.WriteString("…")
	}
	b.WriteString(string(text[from:start]) + "«" + string(text[start:end]) + "»" + string(text[end:to]))
	if cutR {
		b.WriteString("…")
	}
	return JoinSpace(b.String())
}

// Close writes the sheets made from r and m (m may be nil), finishes the
// streamed sheets and writes the workbook to out. It releases the
// writer's temporary files whatever happens.
func (w *WorkbookWriter) Close(out io.Writer, r *analysis.Results, m *Manifest) (err error) {
	if w.closed {
		return errors.New("workbook: Close called twice")
	}
	w.closed = true
	w.wait()
	defer func() {
		if cerr := w.f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("workbook: remove temporary files: %w", cerr)
		}
	}()
	if w.err != nil {
		return w.err
	}
	if r == nil {
		return errors.New("workbook: no results")
	}
	if err := w.finish(r, m); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	// excelize builds the zip in a bytes.Buffer before copying it to the
	// writer; giving it a zip writer on out instead streams the archive
	// (and its big sheets, read back from the temporary files) straight
	// to out.
	// The fastest deflate level: the streamed sheets are most of the
	// archive, and level 1 compresses them about three times faster than
	// the default for a file some 15% bigger.
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(w, flate.BestSpeed)
		})
		return zw
	})
	if err := w.f.Write(io.Discard); err != nil {
		return fmt.Errorf("workbook: write: %w", err)
	}
	return nil
}

// finish writes the summary sheets, puts the sheets in order, adds
// filters and drop-downs, and flushes the streamed sheets.
func (w *WorkbookWriter) finish(r *analysis.Results, m *Manifest) error {
	v := newView(r, m, w.lang)
	codes := w.codeList(r)
	if err := w.writeLists(codes); err != nil {
		return fmt.Errorf("sheet %s: %w", w.names.get(w.tx.SheetLists), err)
	}
	writers := []struct {
		sheet string
		fn    func(sheet string, v *view) error
	}{
		{w.tx.SheetFramework, w.writeFramework},
		{w.tx.SheetFrameworkRole, w.writeFrameworkRole},
		{w.tx.SheetCooccur, w.writeCooccur},
		{w.tx.SheetBridges, w.writeBridges},
		{w.tx.SheetQualities, w.writeQualities},
		{w.tx.SheetHelp, w.writeHelp},
		{w.tx.SheetEmergent, w.writeEmergent},
		{w.tx.SheetCodebook, w.writeCodebook},
		{w.tx.SheetVariables, w.writeVariables},
		{w.tx.SheetDocuments, w.writeDocuments},
		{w.tx.SheetOverview, w.writeOverview},
	}
	for _, x := range writers {
		name := w.names.get(x.sheet)
		if err := x.fn(name, v); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if err := w.order(); err != nil {
		return err
	}
	// Filters need the final sheet order (excelize records them by sheet
	// index); the summary sheets recorded theirs in w.filters.
	for _, fl := range w.filters() {
		if err := w.f.AutoFilter(fl.sheet, fl.ref, nil); err != nil {
			return fmt.Errorf("sheet %s: filter: %w", fl.sheet, err)
		}
	}
	// Hiding a sheet and choosing the active one make excelize read every
	// worksheet; done after the streamed sheets are flushed, that would
	// parse their rows back from the temporary files into memory (hundreds
	// of MB on a big corpus), so it is done while they are still empty.
	if err := w.f.SetSheetVisible(w.names.get(w.tx.SheetLists), false); err != nil {
		return err
	}
	idx, err := w.f.GetSheetIndex(w.names.get(w.tx.SheetOverview))
	if err != nil {
		return err
	}
	w.f.SetActiveSheet(idx)
	if err := w.codings.finish(w.codingsValidations(len(codes))); err != nil {
		return err
	}
	return w.segments.finish(w.segmentsValidations(len(codes)))
}

// order puts the sheets in legend order, each streamed sheet's
// continuations right after it.
func (w *WorkbookWriter) order() error {
	var want []string
	for _, base := range w.fixedSheets() {
		name := w.names.get(base)
		switch name {
		case w.codings.base:
			want = append(want, w.codings.parts...)
		case w.segments.base:
			want = append(want, w.segments.parts...)
		default:
			want = append(want, name)
		}
	}
	for i, name := range want {
		if list := w.f.GetSheetList(); i < len(list) && list[i] != name {
			if err := w.f.MoveSheet(name, list[i]); err != nil {
				return fmt.Errorf("order sheets: %w", err)
			}
		}
	}
	return nil
}

// codeList returns the code IDs for the drop-downs with their labels: the
// codebook's codes in codebook order, then codes only in the results.
func (w *WorkbookWriter) codeList(r *analysis.Results) [][2]string {
	var out [][2]string
	seen := map[string]bool{}
	add := func(id string, label analysis.Text) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		l := label.NL
		if w.lang == LangEN && label.EN != "" || l == "" {
			l = label.EN
		}
		out = append(out, [2]string{id, l})
	}
	if w.cb != nil {
		for _, c := range w.cb.Codes {
			add(c.ID, c.Label)
		}
	}
	for _, c := range r.Codes {
		add(c.ID, c.Label)
	}
	return out
}

// writeLists fills the hidden sheet the drop-downs read: decisions in A
// (with their meaning in B), code IDs in D (labels in E).
func (w *WorkbookWriter) writeLists(codes [][2]string) error {
	s := w.newSheetWriter(w.names.get(w.tx.SheetLists))
	meaning := map[string]string{}
	for _, part := range strings.Split(w.tx.DecisionPrompt, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok {
			meaning[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	s.header(w.tx.ListDecisions, w.tx.ListDecisionNLs, nil, w.tx.ListCodes, w.tx.ColCode)
	n := max(len(codes), len(Decisions()))
	for i := 0; i < n; i++ {
		row := make([]any, 5)
		if i < len(Decisions()) {
			d := Decisions()[i]
			row[0], row[1] = d, meaning[d]
		}
		if i < len(codes) {
			row[3], row[4] = codes[i][0], codes[i][1]
		}
		s.row(row...)
	}
	s.widths(12, 30, 2, 24, 40)
	return s.done(false)
}

// listRef returns an absolute reference to column col, rows 2..n+1, of the
// hidden lists sheet, for a drop-down's source (XML-escaped: excelize
// writes it as is).
func (w *WorkbookWriter) listRef(col string, n int) string {
	ref := quoteSheet(w.names.get(w.tx.SheetLists)) + fmt.Sprintf("!$%s$2:$%s$%d", col, col, max(n+1, 2))
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(ref)
}

// quoteSheet returns a sheet name quoted for a formula or reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// codingsValidations returns the drop-downs of a Codings part whose data
// ends on lastRow.
func (w *WorkbookWriter) codingsValidations(ncodes int) func(sheet string, lastRow int) error {
	head := XLSXCodingsHeader()
	dcol, ncol := colOf(head, ColDecision), colOf(head, ColNewCode)
	return func(sheet string, lastRow int) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", dcol, dcol, max(lastRow, 2))
		if err := dv.SetDropList(Decisions()); err != nil {
			return err
		}
		dv.SetInput(w.tx.DecisionTitle, w.tx.DecisionPrompt)
		dv.SetError(excelize.DataValidationErrorStyleStop, w.tx.DecisionTitle, w.tx.DecisionError)
		if err := w.f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
		dv = excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", ncol, ncol, max(lastRow, 2))
		dv.SetSqrefDropList(w.listRef("D", ncodes))
		dv.SetInput(w.tx.CodeListTitle, w.tx.CodeListPrompt)
		dv.SetError(excelize.DataValidationErrorStyleWarning, w.tx.CodeListTitle, w.tx.CodeListError)
		return w.f.AddDataValidation(sheet, dv)
	}
}

// segmentsValidations returns the drop-down of a Segments part.
func (w *WorkbookWriter) segmentsValidations(ncodes int) func(sheet string, lastRow int) error {
	acol := colOf(XLSXSegmentsHeader(), ColAddCode)
	return func(sheet string, lastRow int) error {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", acol, acol, max(lastRow, 2))
		dv.SetSqrefDropList(w.listRef("D", ncodes))
		dv.SetInput(w.tx.AddCodeTitle, w.tx.AddCodePrompt)
		dv.SetError(excelize.DataValidationErrorStyleWarning, w.tx.AddCodeTitle, w.tx.CodeListError)
		return w.f.AddDataValidation(sheet, dv)
	}
}

// colOf returns the column letter of name in header ("" when absent).
func colOf(header []string, name string) string {
	for i, h := range header {
		if h == name {
			c, _ := excelize.ColumnNumberToName(i + 1)
			return c
		}
	}
	return ""
}

// streamSheet is a sheet written row by row with a StreamWriter, that
// continues in "<base> (2)", "<base> (3)" ... when it reaches the row limit.
// All parts stay open until Close, because their filters and drop-downs
// can only be added before a StreamWriter is flushed.
type streamSheet struct {
	w      *WorkbookWriter
	base   string
	header []string
	csv    string    // the file that holds the full texts
	widths []float64 // per column
	wrap   []int     // 1-based columns with wrapped text
	input  []int     // 1-based columns a reviewer fills in
	parts  []string
	sws    []*excelize.StreamWriter
	last   []int // last row written per part
	rows   int   // data rows in all parts
	buf    []any
}

// open starts a part named name (created unless it is the base sheet).
func (s *streamSheet) open(name string) error {
	f := s.w.f
	if len(s.parts) > 0 {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(frozenPanes(1, 0)); err != nil {
		return err
	}
	for i, wd := range s.widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	for c := 1; c <= len(s.header); c++ {
		st := s.w.st.top
		switch {
		case containsInt(s.wrap, c):
			st = s.w.st.wrap
		case containsInt(s.input, c):
			st = s.w.st.input
		}
		if err := sw.SetColStyle(c, c, st); err != nil {
			return err
		}
	}
	head := make([]any, len(s.header))
	for i, h := range s.header {
		st := s.w.st.header
		if containsInt(s.input, i+1) {
			st = s.w.st.inputHeader
		}
		head[i] = excelize.Cell{StyleID: st, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 18}); err != nil {
		return err
	}
	s.parts = append(s.parts, name)
	s.sws = append(s.sws, sw)
	s.last = append(s.last, 1)
	return nil
}

func containsInt(list []int, x int) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// add writes one data row, opening the next part when the current one is
// full.
func (s *streamSheet) add(row []any) error {
	p := len(s.parts) - 1
	if s.last[p] >= s.w.rowLimit {
		name := s.w.names.name(fmt.Sprintf("%s (%d)", s.base, len(s.parts)+1))
		if err := s.open(name); err != nil {
			return err
		}
		p++
	}
	for i, v := range row {
		if v == "" {
			row[i] = nil // an empty cell, not an empty string
		}
	}
	s.last[p]++
	cell, err := excelize.CoordinatesToCellName(1, s.last[p])
	if err != nil {
		return err
	}
	h := rowHeight(row, func(col int) (float64, bool) {
		if col > len(s.widths) {
			return defaultColWidth, false
		}
		return s.widths[col-1], containsInt(s.wrap, col)
	})
	var err2 error
	if h > 0 {
		err2 = s.sws[p].SetRow(cell, row, excelize.RowOpts{Height: h})
	} else {
		err2 = s.sws[p].SetRow(cell, row)
	}
	if err2 != nil {
		return err2
	}
	s.rows++
	return nil
}

// clip returns s cut to fit a cell, with the marker naming this sheet's
// CSV file.
func (s *streamSheet) clip(text string) string {
	return clipCell(text, fmt.Sprintf(s.w.tx.TruncatedF, s.csv))
}

// finish adds each part's filter and drop-downs and flushes it.
func (s *streamSheet) finish(validations func(sheet string, lastRow int) error) error {
	lastCol, _ := excelize.ColumnNumberToName(len(s.header))
	for i, name := range s.parts {
		ref := fmt.Sprintf("A1:%s%d", lastCol, max(s.last[i], 2))
		if err := s.w.f.AutoFilter(name, ref, nil); err != nil {
			return fmt.Errorf("sheet %s: filter: %w", name, err)
		}
		if err := validations(name, s.last[i]); err != nil {
			return fmt.Errorf("sheet %s: drop-downs: %w", name, err)
		}
		if err := s.sws[i].Flush(); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return nil
}

// clipCell returns text unchanged when it fits in a cell (32,767 UTF-16
// code units, Excel's limit), else cut at a character boundary so that the
// text plus marker fits, with the marker appended.
func clipCell(text, marker string) string {
	const limit = excelize.TotalCellChars
	if len(text) <= limit { // bytes >= UTF-16 units: fits
		return text
	}
	if utf16Len(text) <= limit {
		return text
	}
	room := limit - utf16Len(marker)
	n := 0
	for i, r := range text {
		u := utf16.RuneLen(r)
		if u < 0 {
			u = 1
		}
		if n+u > room {
			return text[:i] + marker
		}
		n += u
	}
	return text
}

// utf16Len counts the UTF-16 code units of s (Excel's character count).
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// sheetNamer hands out sheet names that Excel accepts: the characters
// []:*?/\ become '_', apostrophes are trimmed from both ends (Excel refuses
// them there), control characters are dropped, the name is cut to 31
// characters, an empty name becomes "Sheet", and a name already given
// (ignoring case) gets " (2)", " (3)" ... within the 31 characters.
type sheetNamer struct {
	given map[string]string // base -> name
	used  map[string]bool   // lower-cased names
}

func newSheetNamer() *sheetNamer {
	return &sheetNamer{given: map[string]string{}, used: map[string]bool{}}
}

// name returns a new unique valid name for base and remembers it.
func (n *sheetNamer) name(base string) string {
	clean := cleanSheetName(base)
	name := clean
	for i := 2; n.used[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = cutRunes(clean, maxSheetName-utf8.RuneCountInString(suffix)) + suffix
	}
	n.used[strings.ToLower(name)] = true
	if _, ok := n.given[base]; !ok {
		n.given[base] = name
	}
	return name
}

// get returns the name given to base.
func (n *sheetNamer) get(base string) string {
	if name, ok := n.given[base]; ok {
		return name
	}
	return cleanSheetName(base)
}

// cleanSheetName makes s valid as an Excel sheet name (not yet unique).
func cleanSheetName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`[]:*?/\`, r):
			b.WriteByte('_')
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	name := strings.TrimSpace(strings.Trim(b.String(), "'"))
	name = strings.TrimSpace(strings.Trim(cutRunes(name, maxSheetName), "'"))
	if name == "" || strings.EqualFold(name, "History") {
		name = "Sheet" + name
	}
	return name
}

// cutRunes returns s cut to at most n code points.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// frozenPanes freezes the first rows rows and cols columns.
func frozenPanes(rows, cols int) *excelize.Panes {
	top, _ := excelize.CoordinatesToCellName(cols+1, rows+1)
	pane := "bottomLeft"
	switch {
	case rows > 0 && cols > 0:
		pane = "bottomRight"
	case cols > 0:
		pane = "topRight"
	}
	return &excelize.Panes{Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: top, ActivePane: pane,
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: pane}}}
}
