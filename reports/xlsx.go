package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
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

// summaryMemory is the most memory, in bytes, that the streamed summary
// sheets (Framework, Bridges ...) keep their deflated rows in until the
// archive is written; the rows past it go to temporary files. The sheets
// are written at Close and copied into the archive right after, so a
// temporary file would only add a write and a read of each byte (at 10
// million words the sheets deflate to about 45 MB). The cap bounds what
// they add to a large run's memory, whose peak comes in the reports phase.
const summaryMemory = 24 << 20

// maxSheetName is Excel's limit on sheet names, in characters.
const maxSheetName = 31

// WorkbookWriter writes pbasis.xlsx, the workbook for evaluators and
// reviewers. It streams: the big sheets (Codings, Segments) are written row
// by row as documents come (AddDocument), as worksheet XML deflated into
// temporary files, so memory stays flat however many codings there are.
// The other sheets are written from Results at Close, the ones that grow
// with the corpus streamed the same way (deflated into memory, up to
// summaryMemory, rather than into temporary files: they are copied into
// the archive right after). excelize builds the rest of the
// package (styles, settings, header rows, small sheets), and Close splices
// the streamed rows into it (see streamSheet).
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
// In the streamed sheets, the columns whose values repeat (doc, case,
// speaker, code ...) hold shared strings, numbered in document order so
// that the same input gives the same file; past a limit on the table's
// size, new values are inline strings (see sharedStrings).
//
// A document's rows can be rendered apart from adding them: Render (safe
// to call from any number of goroutines at once) makes them, AddRendered
// appends them in the order of the calls. Apart from Render, a
// WorkbookWriter is not safe for concurrent use. Call Close exactly once;
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
	// sst is the shared strings of codings and segments, added by the
	// ordering goroutine (writeJobs) and written at Close.
	sst      *sharedStrings
	streamed []streamedSheet // streamed summary sheets, spliced in at Close
	pending  []sheetFilter   // summary sheets' filters, added once sheets are in order
	// rowLimit is the most rows (header included) a sheet gets before it
	// continues in the next one: Excel's limit; lowered in tests.
	rowLimit int
	// err is sticky: the first error ends the writer. The goroutines
	// started by AddDocument set it, under mu.
	err    error
	mu     sync.Mutex
	jobs   chan workbookJob // nil until the first AddDocument, and after wait
	done   chan struct{}    // closed when the goroutines have ended
	closed bool
	// flates are the deflate writers of Close; renders the RenderedDocs
	// that AddRendered has used up, for Render to reuse.
	flates  flatePool
	renders sync.Pool
	// mem is the memory the streamed summary sheets may keep their
	// deflated rows in (summaryMemory).
	mem *memBudget
	// cellMarker marks a text cut to fit a cell of a summary sheet.
	cellMarker string
	// deferred holds, while finish writes summary sheets concurrently,
	// each such sheet's list of calls on the workbook (sheetWriter.do);
	// read-only meanwhile.
	deferred map[string]*[]func() error
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
		f: excelize.NewFile(), names: newSheetNamer(), rowLimit: rowLimit, sst: newSharedStrings(),
		mem: newMemBudget(summaryMemory)}
	if err := w.init(); err != nil {
		_ = w.release()
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
	for _, s := range []*streamSheet{w.codings, w.segments} {
		s.marker = fmt.Sprintf(w.tx.TruncatedF, s.csv)
	}
	w.cellMarker = fmt.Sprintf(w.tx.TruncatedF, CodingsFile())
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
// It is Render and AddRendered in one, except that the rows are rendered
// on the writer's goroutine.
//
// The rows are rendered on a goroutine of the writer's own, and deflated
// on one per sheet, so that building them (the workbook's biggest cost)
// runs beside the caller's other work: the caller must not change doc or
// codings after the call. An error writing a document is returned by a
// later AddDocument, or by Close.
func (w *WorkbookWriter) AddDocument(doc *corpus.Document, codings []analysis.Coding) error {
	return w.enqueue(workbookJob{doc: doc, codings: codings})
}

// enqueue hands j to the writer's goroutine, starting the goroutines if
// need be.
func (w *WorkbookWriter) enqueue(j workbookJob) error {
	if w.closed {
		return errors.New("workbook: AddDocument after Close")
	}
	if err := w.asyncErr(); err != nil {
		return err
	}
	if w.jobs == nil {
		w.jobs = make(chan workbookJob, 16)
		w.done = make(chan struct{})
		for _, s := range []*streamSheet{w.segments, w.codings} {
			s.jobs = make(chan *RenderedDoc, 4)
			s.done = make(chan struct{})
			go s.writeJobs()
		}
		go w.writeJobs()
	}
	w.jobs <- j
	return nil
}

// workbookJob is a document for the writer's goroutine: rendered, or to
// render.
type workbookJob struct {
	rendered *RenderedDoc
	doc      *corpus.Document
	codings  []analysis.Coding
}

// writeJobs renders the documents of w.jobs that are not rendered yet,
// places their rows (numbers them, opening continuation sheets where
// needed, in document order), gives their shared-string cells their
// indices (in document order too) and hands them to the sheets' goroutines,
// until w.jobs is closed; it stops at the first error (kept in w.err).
// Then it waits for the sheets' goroutines and closes w.done.
func (w *WorkbookWriter) writeJobs() {
	defer func() {
		for _, s := range []*streamSheet{w.segments, w.codings} {
			close(s.jobs)
			<-s.done
		}
		close(w.done)
	}()
	for j := range w.jobs {
		if w.asyncErr() != nil {
			continue // drain
		}
		rd := j.rendered
		if rd == nil {
			rd = w.Render(j.doc, j.codings)
		}
		err := w.segments.place(&rd.segments)
		if err == nil {
			err = w.codings.place(&rd.codings)
		}
		if err != nil {
			w.fail(rd.id, err)
			w.renders.Put(rd)
			continue
		}
		w.sst.resolve(&rd.strs)
		rd.pending.Store(2)
		w.segments.jobs <- rd
		w.codings.jobs <- rd
	}
}

// fail records the error err writing document id, unless there is one.
func (w *WorkbookWriter) fail(id string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = fmt.Errorf("workbook: document %s: %w", id, err)
	}
}

func (w *WorkbookWriter) asyncErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// wait ends the writer's goroutines, if started, once they have written
// every document.
func (w *WorkbookWriter) wait() {
	if w.jobs != nil {
		close(w.jobs)
		<-w.done
		w.jobs = nil
	}
}

// contextAround returns text with [start, end) between « », at most around
// code points of context on either side (cut at a space where possible,
// "…" marking a cut), white space joined as JoinSpace does.
func contextAround(text []rune, start, end, around int) string {
	return string(appendContextAround(nil, text, start, end, around))
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
		if cerr := w.release(); cerr != nil && err == nil {
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
	// excelize writes the package with the streamed parts holding their
	// header rows only (small); their data rows are spliced in on the
	// way to out.
	pkg := &capturedZip{}
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return pkg })
	if _, err := w.f.WriteToBuffer(); err != nil {
		return fmt.Errorf("workbook: write: %w", err)
	}
	if ct := pkg.part(contentTypesPart); ct != nil {
		pkg.set(contentTypesPart, sortDefaults(ct))
	}
	if err := addSharedStrings(pkg, w.sst.list, w.codings.refs+w.segments.refs); err != nil {
		return fmt.Errorf("workbook: shared strings: %w", err)
	}
	rows := map[string]*sheetRows{}
	for _, s := range w.streamed {
		rows[s.name] = s.data
	}
	for _, s := range []*streamSheet{w.codings, w.segments} {
		for i, name := range s.parts {
			rows[name] = s.data[i]
		}
	}
	if err := spliceWorkbook(out, pkg, rows, &w.flates); err != nil {
		return fmt.Errorf("workbook: write: %w", err)
	}
	return nil
}

// Discard ends a writer that will not be closed (a run that failed
// before its end), removing its temporary files. It does nothing after
// Close or a previous Discard; the writer is unusable after it.
func (w *WorkbookWriter) Discard() error {
	if w.closed {
		return nil
	}
	w.closed = true
	w.wait()
	if err := w.release(); err != nil {
		return fmt.Errorf("workbook: remove temporary files: %w", err)
	}
	return nil
}

// release closes the excelize workbook and removes the streamed sheets'
// temporary files.
func (w *WorkbookWriter) release() error {
	err := w.f.Close()
	for _, s := range []*streamSheet{w.codings, w.segments} {
		if s == nil {
			continue
		}
		if rerr := s.remove(); rerr != nil && err == nil {
			err = rerr
		}
	}
	for _, s := range w.streamed {
		if rerr := s.data.remove(); rerr != nil && err == nil {
			err = rerr
		}
	}
	return err
}

// streamedSheet is a summary sheet whose data rows are spliced in at
// Close.
type streamedSheet struct {
	name string
	data *sheetRows
}

// finish writes the summary sheets, puts the sheets in order, adds
// filters and drop-downs, and ends the streamed sheets' rows.
func (w *WorkbookWriter) finish(r *analysis.Results, m *Manifest) error {
	v := newView(r, m, w.lang)
	codes := w.codeList(r)
	if err := w.writeLists(codes); err != nil {
		return fmt.Errorf("sheet %s: %w", w.names.get(w.tx.SheetLists), err)
	}
	// The framework by role is written with the framework, by one call
	// (writeFrameworks) that formats each quote once for both: its fn is
	// nil and its error roleErr.
	var (
		roleSheet string
		roleErr   error
	)
	frameworks := func(sheet string, v *view) error {
		var err error
		err, roleErr = w.writeFrameworks(sheet, roleSheet, v)
		return err
	}
	// The summary sheets, in the order their calls on the workbook are
	// made (which decides excelize's shared strings and so the file's
	// bytes). Their rows are made concurrently, the heaviest first; each
	// sheet's calls on the workbook are collected and made afterwards, in
	// this order, so the workbook is the same as when they are written one
	// by one. The co-occurrence sheet (conditional formats) and the
	// overview (charts) call excelize directly and are written in their
	// turn; both are small.
	// cost ranks the sheets for a large corpus (CPU at 10M words), for
	// the heaviest to start first.
	const roleAt = 1 // the framework by role's place in writers
	writers := []struct {
		sheet string
		fn    func(sheet string, v *view) error
		live  bool
		cost  int
	}{
		{w.tx.SheetFramework, frameworks, false, 7},
		{w.tx.SheetFrameworkRole, nil, false, 0},
		{w.tx.SheetCooccur, w.writeCooccur, true, 0},
		{w.tx.SheetBridges, w.writeBridges, false, 5},
		{w.tx.SheetQualities, w.writeQualities, false, 0},
		{w.tx.SheetHelp, w.writeHelp, false, 0},
		{w.tx.SheetEmergent, w.writeEmergent, false, 2},
		{w.tx.SheetCodebook, w.writeCodebook, false, 0},
		{w.tx.SheetVariables, w.writeVariables, false, 0},
		{w.tx.SheetDocuments, w.writeDocuments, false, 1},
		{w.tx.SheetOverview, w.writeOverview, true, 0},
	}
	names := make([]string, len(writers))
	ops := make([][]func() error, len(writers))
	errs := make([]error, len(writers))
	w.deferred = map[string]*[]func() error{}
	var queue []int
	for i, x := range writers {
		names[i] = w.names.get(x.sheet)
		if !x.live {
			w.deferred[names[i]] = &ops[i]
			if x.fn != nil {
				queue = append(queue, i)
			}
		}
	}
	roleSheet = names[roleAt]
	slices.SortStableFunc(queue, func(a, b int) int { return writers[b].cost - writers[a].cost })
	next := make(chan int, len(queue))
	for _, i := range queue {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 4) {
		wg.Go(func() {
			for i := range next {
				errs[i] = writers[i].fn(names[i], v)
			}
		})
	}
	wg.Wait()
	errs[roleAt] = roleErr
	w.deferred = nil
	for i, x := range writers {
		err := errs[i]
		if x.live {
			err = x.fn(names[i], v)
		}
		for _, op := range ops[i] {
			if err != nil {
				break
			}
			err = op()
		}
		if err != nil {
			return fmt.Errorf("sheet %s: %w", names[i], err)
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
	// worksheet: the streamed ones hold only their header rows there.
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

// streamSheet is a sheet written row by row, that continues in
// "<base> (2)", "<base> (3)" ... when it reaches the row limit.
//
// Each part is a sheet of the excelize workbook holding only the header
// row and the sheet's settings (widths, column styles, frozen header,
// filter, drop-downs); its data rows are written here as worksheet XML,
// deflated as they come into a temporary file, and spliced into the
// part's sheetData when the archive is written (spliceWorkbook). So the
// rows are never held in memory, and cost one pass of formatting and
// compressing.
type streamSheet struct {
	w      *WorkbookWriter
	base   string
	header []string
	csv    string    // the file that holds the full texts
	widths []float64 // per column
	wrap   []int     // 1-based columns with wrapped text
	input  []int     // 1-based columns a reviewer fills in
	parts  []string
	data   []*sheetRows // per part: its deflated data rows
	last   []int        // last row written per part
	rows   int          // data rows in all parts
	marker string       // the mark of a cut text, naming csv
	// jobs are the documents whose rows (placed) the sheet's goroutine
	// writes; done is closed when it has ended.
	jobs chan *RenderedDoc
	done chan struct{}
	cols []string // per column: its letters
	xml  []byte   // the row being built
	refs int64    // cells written as shared strings

	// Per column, the XML of a cell without its row number, up to its
	// value, for each kind of cell: a shared string (`<c r="A" s="8"`:
	// its type comes with its value), a number (`<c r="A" s="8"><v>`), a
	// boolean, an inline string (up to the attributes of its text); the
	// row number goes in at refEnd (after `<c r="A`).
	cellShared, cellNum, cellBool, cellInline []string
	refEnd                                    []int
}

// colStyle returns the style of 1-based column c.
func (s *streamSheet) colStyle(c int) int {
	switch {
	case containsInt(s.wrap, c):
		return s.w.st.wrap
	case containsInt(s.input, c):
		return s.w.st.input
	}
	return s.w.st.top
}

// open starts a part named name (created unless it is the base sheet).
func (s *streamSheet) open(name string) error {
	f := s.w.f
	if len(s.parts) > 0 {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	if s.cols == nil {
		for c := 1; c <= len(s.header); c++ {
			col, err := excelize.ColumnNumberToName(c)
			if err != nil {
				return err
			}
			s.cols = append(s.cols, col)
			style := `" s="` + strconv.Itoa(s.colStyle(c)) + `"`
			ref := `<c r="` + col
			s.refEnd = append(s.refEnd, len(ref))
			s.cellShared = append(s.cellShared, ref+style)
			s.cellNum = append(s.cellNum, ref+style+`><v>`)
			s.cellBool = append(s.cellBool, ref+style+` t="b"><v>`)
			s.cellInline = append(s.cellInline, ref+style+inlineStrHead)
		}
	}
	if err := f.SetPanes(name, frozenPanes(1, 0)); err != nil {
		return err
	}
	for i, wd := range s.widths {
		if err := f.SetColWidth(name, s.cols[i], s.cols[i], wd); err != nil {
			return err
		}
	}
	for c := 1; c <= len(s.header); c++ {
		if err := f.SetColStyle(name, s.cols[c-1], s.colStyle(c)); err != nil {
			return err
		}
	}
	for i, h := range s.header {
		st := s.w.st.header
		if containsInt(s.input, i+1) {
			st = s.w.st.inputHeader
		}
		cell := s.cols[i] + "1"
		if err := f.SetCellStr(name, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(name, cell, cell, st); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(name, 1, 18); err != nil {
		return err
	}
	data, err := newSheetRows()
	if err != nil {
		return err
	}
	s.parts = append(s.parts, name)
	s.data = append(s.data, data)
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

// appendInlineStr appends the rest of a cell holding text as an inline
// string: the type, the text cut to Excel's 32,767 UTF-16 units and
// escaped, and the cell's end.
func appendInlineStr[T string | []byte](b []byte, text T) []byte {
	return appendInlineStrText(append(b, inlineStrHead...), text)
}

// inlineStrHead is the start of an inline string cell's rest, up to the
// attributes of its text.
const inlineStrHead = ` t="inlineStr"><is><t`

// appendInlineStrText is appendInlineStr after inlineStrHead.
func appendInlineStrText[T string | []byte](b []byte, text T) []byte {
	if len(text) > excelize.TotalCellChars && utf16Len(text) > excelize.TotalCellChars {
		return appendInlineStrText(b, cutUTF16(string(text), excelize.TotalCellChars))
	}
	if first, last := text[0], text[len(text)-1]; isXMLSpace(first) || isXMLSpace(last) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = appendXMLText(b, text)
	return append(b, `</t></is></c>`...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// appendXMLText appends text escaped for XML character data: & < > and
// carriage returns as references, characters XML cannot hold (invalid
// UTF-8, most control characters) as U+FFFD, and the OOXML escape
// _xHHHH_ protected as _x005F_xHHHH_ so that it reads back as written.
func appendXMLText[T string | []byte](b []byte, text T) []byte {
	start := 0 // text[start:i] is yet to be appended as is
	for i := 0; i < len(text); {
		if i+8 <= len(text) {
			m := xmlSpecial(load64(text, i))
			if m == 0 {
				i += 8
				continue
			}
			i += firstByte(m)
		}
		if text[i] < utf8.RuneSelf {
			if esc := xmlEscapeASCII(text, i); esc != "" {
				b = append(b, text[start:i]...)
				b = append(b, esc...)
				start = i + 1
			}
			i++
			continue
		}
		r, n := decodeRune(text, i)
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			b = append(b, text[start:i]...)
			b = append(b, "\uFFFD"...)
			i += n
			start = i
			continue
		}
		i += n
	}
	return append(b, text[start:]...)
}

// xmlEscapeASCII returns what the ASCII byte text[i] is written as in
// XML character data by appendXMLText, or "" when it is written as it is.
func xmlEscapeASCII[T string | []byte](text T, i int) string {
	switch c := text[i]; {
	case c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '_', c == '\t', c == '\n':
		return ""
	case c == '&':
		return "&amp;"
	case c == '<':
		return "&lt;"
	case c == '>':
		return "&gt;"
	case c == '\r':
		return "&#xD;"
	case c == '_':
		if !isBstrEscape(text[i:]) {
			return ""
		}
		return "_x005F_"
	default:
		return "\uFFFD"
	}
}

// appendXMLTextLines is appendXMLText that also counts, in the same pass,
// the lines text takes at per code points a line: textLines(text, width)
// for per = max(int(width*1.2), 1), which per must be, but for
// textLines' stop past 100 lines (the count goes on: rowHeight's result
// is the same). Its own loop, beside appendXMLText's: the count would
// cost appendXMLText, which the Codings rows use, some speed.
func appendXMLTextLines[T string | []byte](b []byte, text T, per int) ([]byte, int) {
	start := 0   // text[start:i] is yet to be appended as is
	n, c := 0, 0 // lines so far, code points of the current line
	for i := 0; i < len(text); {
		if i+8 <= len(text) {
			m := xmlSpecial(load64(text, i))
			if m == 0 {
				i += 8
				c += 8
				continue
			}
			k := firstByte(m)
			i += k
			c += k
		}
		ch := text[i]
		if ch == '\n' {
			n += max(1, (c+per-1)/per)
			c = 0
			i++
			continue
		}
		c++
		if ch < utf8.RuneSelf {
			if esc := xmlEscapeASCII(text, i); esc != "" {
				b = append(b, text[start:i]...)
				b = append(b, esc...)
				start = i + 1
			}
			i++
			continue
		}
		r, size := decodeRune(text, i)
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			b = append(b, text[start:i]...)
			b = append(b, "\uFFFD"...)
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, text[start:]...), n + max(1, (c+per-1)/per)
}

// isBstrEscape reports whether s starts with _xHHHH_ (H a hex digit).
func isBstrEscape[T string | []byte](s T) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for i := 2; i < 6; i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// finish adds each part's filter and drop-downs and ends its rows.
func (s *streamSheet) finish(validations func(sheet string, lastRow int) error) error {
	lastCol, _ := excelize.ColumnNumberToName(len(s.header))
	for i, name := range s.parts {
		ref := fmt.Sprintf("A1:%s%d", lastCol, max(s.last[i], 2))
		s.data[i].dim = fmt.Sprintf("A1:%s%d", lastCol, max(s.last[i], 1))
		if err := s.w.f.AutoFilter(name, ref, nil); err != nil {
			return fmt.Errorf("sheet %s: filter: %w", name, err)
		}
		if err := validations(name, s.last[i]); err != nil {
			return fmt.Errorf("sheet %s: drop-downs: %w", name, err)
		}
		if err := s.data[i].flush(); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	return nil
}

// remove deletes the parts' temporary files.
func (s *streamSheet) remove() error {
	var first error
	for _, d := range s.data {
		if err := d.remove(); err != nil && first == nil {
			first = err
		}
	}
	return first
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
	return cutUTF16(text, limit-utf16Len(marker)) + marker
}

// utf16Len counts the UTF-16 code units of s (Excel's character count).
func utf16Len[T string | []byte](s T) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := decodeRune(s, i)
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
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

// capturedZip is the zip writer that excelize writes its package to
// (excelize.File.SetZipWriter): it keeps each part, uncompressed, in the
// order written, so that spliceWorkbook deflates every part once, on the
// way out.
type capturedZip struct {
	parts []capturedPart
}

type capturedPart struct {
	name string
	data *bytes.Buffer
}

func (z *capturedZip) Create(name string) (io.Writer, error) {
	b := new(bytes.Buffer)
	z.parts = append(z.parts, capturedPart{name, b})
	return b, nil
}

func (z *capturedZip) AddFS(fs.FS) error {
	return errors.New("workbook: adding a file system to the package is not supported")
}

func (z *capturedZip) Close() error { return nil }

// part returns the part named name, or nil.
func (z *capturedZip) part(name string) []byte {
	for _, p := range z.parts {
		if p.name == name {
			return p.data.Bytes()
		}
	}
	return nil
}

// set makes data the content of the part named name, added at the end
// when there is none.
func (z *capturedZip) set(name string, data []byte) {
	for i, p := range z.parts {
		if p.name == name {
			z.parts[i].data = bytes.NewBuffer(data)
			return
		}
	}
	z.parts = append(z.parts, capturedPart{name, bytes.NewBuffer(data)})
}

// contentTypesPart is the package's list of content types.
const contentTypesPart = "[Content_Types].xml"

// sortDefaults returns the content types ct with its run of <Default>
// elements sorted by extension: excelize adds the image extensions in a
// map's order, which changes from run to run, and the same input must
// give the same file. ct comes back as it is when it has no such run, or
// one it cannot read.
func sortDefaults(ct []byte) []byte {
	const open, end = "<Default ", "</Default>"
	first := bytes.Index(ct, []byte(open))
	if first < 0 {
		return ct
	}
	type def struct{ ext, elem []byte }
	var defs []def
	at := first
	for bytes.HasPrefix(ct[at:], []byte(open)) {
		gt := bytes.IndexByte(ct[at:], '>')
		if gt < 0 {
			return ct
		}
		tag := ct[at : at+gt+1]
		ext, ok := attrValue(tag, "Extension")
		if !ok {
			return ct
		}
		next := at + len(tag) // <Default .../>
		if tag[len(tag)-2] != '/' {
			if !bytes.HasPrefix(ct[next:], []byte(end)) { // <Default ...></Default>
				return ct
			}
			next += len(end)
		}
		defs = append(defs, def{ext, ct[at:next]})
		at = next
	}
	slices.SortStableFunc(defs, func(a, b def) int { return bytes.Compare(a.ext, b.ext) })
	out := make([]byte, 0, len(ct))
	out = append(out, ct[:first]...)
	for _, d := range defs {
		out = append(out, d.elem...)
	}
	return append(out, ct[at:]...)
}

// spliceWorkbook writes the package excelize wrote (pkg, whose streamed
// parts hold only their header rows) to out as a zip archive, in pkg's
// order, with each streamed part's data rows (by sheet name) inserted at
// the end of its sheetData. Every part is deflated with the pool's
// writers.
func spliceWorkbook(out io.Writer, pkg *capturedZip, rows map[string]*sheetRows, pool *flatePool) error {
	paths, err := sheetPaths(pkg)
	if err != nil {
		return err
	}
	byPath := map[string]*sheetRows{}
	for name, d := range rows {
		p, ok := paths[name]
		if !ok {
			return fmt.Errorf("sheet %s: not in the workbook", name)
		}
		byPath[p] = d
	}
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, pool.compressor())
	for _, p := range pkg.parts {
		d, ok := byPath[p.name]
		if !ok {
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
			if err == nil {
				_, err = fw.Write(p.data.Bytes())
			}
			if err != nil {
				return fmt.Errorf("%s: %w", p.name, err)
			}
			continue
		}
		if err := spliceSheet(zw, p.name, p.data.Bytes(), d, pool); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	return zw.Close()
}

// spliceSheet writes the worksheet named name, sheet with d's rows before
// </sheetData>, as one deflate stream: the start deflated and
// sync-flushed, d's stream, the end deflated and closed.
func spliceSheet(zw *zip.Writer, name string, sheet []byte, d *sheetRows, pool *flatePool) error {
	var head, tail []byte
	if at := bytes.LastIndex(sheet, []byte("</sheetData>")); at >= 0 {
		head, tail = sheet[:at], sheet[at:]
	} else if at := bytes.LastIndex(sheet, []byte("<sheetData/>")); at >= 0 {
		head = append(append([]byte{}, sheet[:at]...), "<sheetData>"...)
		tail = append([]byte("</sheetData>"), sheet[at+len("<sheetData/>"):]...)
	} else {
		return errors.New("no sheetData to add rows to")
	}
	if d.dim != "" {
		head = setDimension(head, d.dim)
	}
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate}
	return writeSpliced(zw, fh, head, d, tail, pool)
}

// setDimension returns the start of worksheet XML head with the ref of its
// <dimension> element set to ref; head unchanged when it has none.
func setDimension(head []byte, ref string) []byte {
	at := bytes.Index(head, []byte("<dimension "))
	if at < 0 {
		return head
	}
	end := bytes.IndexByte(head[at:], '>')
	if end < 0 {
		return head
	}
	tag := head[at : at+end+1]
	if _, ok := attrValue(tag, "ref"); !ok {
		return head
	}
	tag, err := setAttr(tag, "ref", ref)
	if err != nil {
		return head
	}
	out := make([]byte, 0, len(head)+len(ref))
	out = append(out, head[:at]...)
	out = append(out, tag...)
	return append(out, head[at+end+1:]...)
}

// writeSpliced writes the entry fh (its sizes and CRC filled in here) to
// zw: head, d's rows and tail, as one deflate stream made of head deflated
// and sync-flushed, d's stream, and tail deflated and closed.
func writeSpliced(zw *zip.Writer, fh *zip.FileHeader, head []byte, d *sheetRows, tail []byte, pool *flatePool) error {
	var pre, post bytes.Buffer
	fw := pool.get(&pre)
	defer pool.put(fw)
	if _, err := fw.Write(head); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	fw.Reset(&post)
	if _, err := fw.Write(tail); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	if err := d.flush(); err != nil {
		return err
	}
	n, err := d.compressedLen()
	if err != nil {
		return err
	}
	crc := crc32.ChecksumIEEE(head)
	crc = crc32Combine(crc, d.crc, d.size)
	crc = crc32Combine(crc, crc32.ChecksumIEEE(tail), int64(len(tail)))
	fh.Method, fh.CRC32 = zip.Deflate, crc
	fh.CompressedSize64 = uint64(int64(pre.Len()) + n + int64(post.Len()))
	fh.UncompressedSize64 = uint64(int64(len(head)) + d.size + int64(len(tail)))
	w, err := zw.CreateRaw(fh)
	if err != nil {
		return err
	}
	if _, err := w.Write(pre.Bytes()); err != nil {
		return err
	}
	if err := d.copyCompressed(w, n); err != nil {
		return err
	}
	_, err = w.Write(post.Bytes())
	return err
}

// sheetPaths maps each sheet's name to its part in the archive, from
// xl/workbook.xml and its relationships.
func sheetPaths(pkg *capturedZip) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	const name = "xl/workbook.xml"
	data := pkg.part(name)
	if data == nil {
		return nil, fmt.Errorf("%s: not in the package", name)
	}
	if err := xml.Unmarshal(data, &wb); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rels, err := workbookRels(pkg)
	if err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels {
		target[r.ID] = r.path
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := target[s.RID]; ok {
			out[s.Name] = t
		}
	}
	return out, nil
}

// crc32Combine returns the CRC-32 (IEEE) of A followed by B from crc1,
// A's CRC, crc2, B's CRC, and len2, B's length (zlib's crc32_combine, as
// zlib 1.2.12 computes it: crc1 times x^(8*len2) modulo the polynomial,
// from a table of x^(2^k), a few dozen shifts instead of squaring 32x32
// matrices on every call; it is called once per document and stream).
func crc32Combine(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	// x^(8*len2) = product of x^(2^k) over the bits k of len2, from k = 3.
	p := uint32(1) << 31 // x^0
	for k := 3; len2 != 0; k++ {
		if len2&1 != 0 {
			p = crc32MulModP(crc32X2N[k&31], p)
		}
		len2 >>= 1
	}
	return crc32MulModP(p, crc1) ^ crc2
}

// crc32MulModP returns a times b modulo the CRC-32 (IEEE) polynomial, both
// in CRC-32's reflected bit order (x^0 is the top bit).
func crc32MulModP(a, b uint32) uint32 {
	var p uint32
	for m := uint32(1) << 31; ; m >>= 1 {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				return p
			}
		}
		if b&1 != 0 {
			b = b>>1 ^ crc32.IEEE
		} else {
			b >>= 1
		}
	}
}

// crc32X2N holds x^(2^k) modulo the CRC-32 (IEEE) polynomial for k < 32
// (read only). Larger k are taken modulo 32, as in zlib's x2n_table: the
// order of x modulo the polynomial divides 2^32-1, so x^(2^32) = x.
var crc32X2N = func() (t [32]uint32) {
	p := uint32(1) << 30 // x^1
	t[0] = p
	for k := 1; k < 32; k++ {
		p = crc32MulModP(p, p)
		t[k] = p
	}
	return t
}()
