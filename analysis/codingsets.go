package analysis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/corpus"
)

// This file loads "coding sets": one coder's codes per segment, from the
// files pbasis writes (codings.csv with segments.csv, a reviewed
// pbasis.xlsx) or from a REFI-QDA project another tool wrote. Columns are
// found by their header names, the names reports.CodingsHeader,
// reports.SegmentsHeader and the workbook's review columns use (this
// package cannot import reports; the CLI's tests check the names match).

// Column names the readers look for.
const (
	colDoc      = "doc"
	colSegment  = "segment"
	colCode     = "code"
	colCategory = "category"
	colText     = "text"
	colStart    = "start"
	colEnd      = "end"
	colDecision = "decision"
	colNewCode  = "new_code"
	colAddCode  = "add_code"
)

// Review decisions in a workbook's decision column (reports.Decisions).
const (
	decisionAccept = "accept"
	decisionReject = "reject"
	decisionChange = "change"
)

// CodingUnit is one segment a coder could code.
type CodingUnit struct {
	Doc     string // document ID
	Segment string // segment ID ("<doc>#<n>")
	N       int    // segment number in the document (from the ID; 0 when it has none)
	// Start and End are the segment's span in code points into the
	// document's normalised text, when known (End 0 when not).
	Start, End int
	Text       string // the segment's text, when known
}

// CodingSet is one coder's coding of a set of documents, at the segment
// level: which codes each segment has. Make one with NewCodingSet or a
// reader; fill it with AddUnit and AddCode.
type CodingSet struct {
	// Name is where the set came from (its file), for messages.
	Name string
	// Complete reports whether Units lists every segment of the documents,
	// coded or not (from segments.csv, a workbook's Segments sheet, or the
	// segmented QDPX sources). When false, Units holds only coded segments.
	Complete bool
	// Codes maps a segment ID to its codes, sorted, each once.
	Codes map[string][]string
	// Category maps a code ID to its category, where the source says it.
	Category map[string]Category
	// Warnings say what was odd in the input but did not stop the reading.
	Warnings []string

	units []CodingUnit
	index map[string]int // segment ID -> units index
}

// NewCodingSet returns an empty coding set named name.
func NewCodingSet(name string) *CodingSet {
	return &CodingSet{Name: name, Codes: map[string][]string{}, Category: map[string]Category{}, index: map[string]int{}}
}

// Units returns the set's segments in the order they were added.
func (s *CodingSet) Units() []CodingUnit { return s.units }

// Docs returns the IDs of the documents the set holds, sorted.
func (s *CodingSet) Docs() []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range s.units {
		if !seen[u.Doc] {
			seen[u.Doc] = true
			out = append(out, u.Doc)
		}
	}
	sort.Strings(out)
	return out
}

// AddUnit adds a segment (once; a later call with the same segment ID
// fills in an empty text). N is taken from the segment ID's "#<n>" suffix
// when u.N is 0.
func (s *CodingSet) AddUnit(u CodingUnit) {
	if i, ok := s.index[u.Segment]; ok {
		if s.units[i].Text == "" {
			s.units[i].Text = u.Text
		}
		return
	}
	if u.N == 0 {
		u.N = segmentNumber(u.Segment)
	}
	s.index[u.Segment] = len(s.units)
	s.units = append(s.units, u)
}

// HasUnit reports whether the set lists the segment.
func (s *CodingSet) HasUnit(segment string) bool {
	_, ok := s.index[segment]
	return ok
}

// AddCode puts code on a segment the set lists (see AddUnit); cat may be
// empty when unknown. A code is on a segment at most once.
func (s *CodingSet) AddCode(segment, code string, cat Category) {
	if cat != "" {
		if _, ok := s.Category[code]; !ok {
			s.Category[code] = cat
		}
	}
	list := s.Codes[segment]
	i := sort.SearchStrings(list, code)
	if i < len(list) && list[i] == code {
		return
	}
	list = append(list, "")
	copy(list[i+1:], list[i:])
	list[i] = code
	s.Codes[segment] = list
}

// FillCategories sets the category of every code the set uses whose
// category it does not know, from the codebook's codes.
func (s *CodingSet) FillCategories(codes []CodeSpec) {
	for _, c := range codes {
		if _, ok := s.Category[c.ID]; !ok && c.Category != "" {
			s.Category[c.ID] = c.Category
		}
	}
}

// segmentNumber returns the n of a "<doc>#<n>" segment ID, or 0.
func segmentNumber(id string) int {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return 0
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// csvTable reads a CSV file with a header row and looks columns up by
// name.
type csvTable struct {
	name string
	r    *csv.Reader
	cols map[string]int
}

func newCSVTable(name string, r io.Reader, required ...string) (*csvTable, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file, want a header row", name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := &csvTable{name: name, r: cr, cols: map[string]int{}}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, ok := t.cols[h]; !ok {
			t.cols[h] = i
		}
	}
	var missing []string
	for _, c := range required {
		if _, ok := t.cols[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s:1: header has no column %s (header: %s)", name, strings.Join(missing, ", "), strings.Join(head, ","))
	}
	return t, nil
}

// next returns the next record and its line, io.EOF at the end.
func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("%s: %w", t.name, err)
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

func (t *csvTable) get(rec []string, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(rec) {
		return ""
	}
	return rec[i]
}

// ReadSegmentsCSV reads segments.csv (columns doc, segment and text, found
// by name) and returns its segments in file order. name labels errors
// ("segments.csv:12: ...").
func ReadSegmentsCSV(name string, r io.Reader) ([]CodingUnit, error) {
	t, err := newCSVTable(name, r, colDoc, colSegment)
	if err != nil {
		return nil, err
	}
	var out []CodingUnit
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		u := CodingUnit{Doc: t.get(rec, colDoc), Segment: t.get(rec, colSegment), Text: t.get(rec, colText)}
		if u.Doc == "" || u.Segment == "" {
			return nil, fmt.Errorf("%s:%d: empty doc or segment", name, line)
		}
		if a, b := t.get(rec, colStart), t.get(rec, colEnd); a != "" || b != "" {
			if u.Start, err = strconv.Atoi(a); err == nil {
				u.End, err = strconv.Atoi(b)
			}
			if err != nil || u.Start < 0 || u.End < u.Start {
				return nil, fmt.Errorf("%s:%d: start %q, end %q: want code-point offsets with start <= end", name, line, a, b)
			}
		}
		out = append(out, u)
	}
}

// ReadCodingsCSV reads codings.csv (columns doc, segment, code, and
// category and text when present, found by name) into a coding set named
// name. units is the segment list of the same run (ReadSegmentsCSV), or nil
// when there is none: the set then lists only the coded segments and is not
// Complete. A coding on a segment the list does not hold is kept (the
// segment is added) and counted in Warnings.
func ReadCodingsCSV(name string, r io.Reader, units []CodingUnit) (*CodingSet, error) {
	t, err := newCSVTable(name, r, colDoc, colSegment, colCode)
	if err != nil {
		return nil, err
	}
	s := NewCodingSet(name)
	s.Complete = units != nil
	for _, u := range units {
		s.AddUnit(u)
	}
	unknown := 0
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		doc, seg, code := t.get(rec, colDoc), t.get(rec, colSegment), strings.TrimSpace(t.get(rec, colCode))
		if doc == "" || seg == "" || code == "" {
			return nil, fmt.Errorf("%s:%d: empty doc, segment or code", name, line)
		}
		if !s.HasUnit(seg) {
			if s.Complete {
				unknown++
			}
			s.AddUnit(CodingUnit{Doc: doc, Segment: seg, Text: t.get(rec, colText)})
		}
		s.AddCode(seg, code, Category(strings.TrimSpace(t.get(rec, colCategory))))
	}
	if unknown > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %d coded segment(s) are not in the segment list (a segments.csv from another run?)", name, unknown))
	}
	return s, nil
}

// workbookMaxBytes bounds the unzipped size of a reviewed workbook.
const workbookMaxBytes = 4 << 30

// ReadReviewedWorkbook reads a reviewed pbasis.xlsx into a coding set
// named name. It finds the sheets by their header rows, not their names
// (which depend on the report language, and a big sheet continues in
// "<name> (2)"): a Codings sheet has the columns doc, segment, code and
// decision; a Segments sheet has doc, segment and add_code. The review is
// applied:
//
//   - decision empty or "accept": the coding is kept;
//   - "reject": it is dropped;
//   - "change": the code in new_code replaces it (new_code must be filled);
//   - add_code on a Segments row: each code in it (separated by ";", ","
//     or spaces) is added to that segment.
//
// Decisions are read case-insensitively; anything else is an error naming
// the sheet and cell. The set is Complete when the workbook has a Segments
// sheet.
func ReadReviewedWorkbook(name string, r io.Reader) (*CodingSet, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: workbookMaxBytes, UnzipXMLSizeLimit: workbookMaxBytes / 4})
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable .xlsx workbook: %w", name, err)
	}
	defer f.Close()
	s := NewCodingSet(name)
	var codingSheets, segmentSheets []string
	for _, sh := range f.GetSheetList() {
		head, err := firstRow(f, sh)
		if err != nil {
			return nil, fmt.Errorf("%s: sheet %s: %w", name, sh, err)
		}
		cols := headerIndex(head)
		_, hasDoc := cols[colDoc]
		_, hasSeg := cols[colSegment]
		if !hasDoc || !hasSeg {
			continue
		}
		if _, ok := cols[colDecision]; ok {
			if _, ok := cols[colCode]; ok {
				codingSheets = append(codingSheets, sh)
				continue
			}
		}
		if _, ok := cols[colAddCode]; ok {
			segmentSheets = append(segmentSheets, sh)
		}
	}
	if len(codingSheets) == 0 {
		return nil, fmt.Errorf("%s: no Codings sheet (a sheet whose header has the columns doc, segment, code and decision); is this a pbasis.xlsx written by pbasis run?", name)
	}
	type addition struct {
		seg, codes, cell string
	}
	var adds []addition
	for _, sh := range segmentSheets {
		s.Complete = true
		err := eachRow(f, sh, func(row int, get func(string) string) error {
			doc, seg := get(colDoc), get(colSegment)
			if doc == "" && seg == "" {
				return nil
			}
			if doc == "" || seg == "" {
				return fmt.Errorf("%s: %s row %d: empty doc or segment", name, sh, row)
			}
			s.AddUnit(CodingUnit{Doc: doc, Segment: seg, Text: get(colText)})
			if a := get(colAddCode); a != "" {
				adds = append(adds, addition{seg: seg, codes: a, cell: fmt.Sprintf("%s row %d", sh, row)})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	unknown := 0
	for _, sh := range codingSheets {
		err := eachRow(f, sh, func(row int, get func(string) string) error {
			doc, seg, code := get(colDoc), get(colSegment), get(colCode)
			if doc == "" && seg == "" && code == "" {
				return nil
			}
			if doc == "" || seg == "" || code == "" {
				return fmt.Errorf("%s: %s row %d: empty doc, segment or code", name, sh, row)
			}
			if !s.HasUnit(seg) {
				if s.Complete {
					unknown++
				}
				s.AddUnit(CodingUnit{Doc: doc, Segment: seg, Text: get(colText)})
			}
			cat := Category(get(colCategory))
			switch d := strings.ToLower(get(colDecision)); d {
			case "", decisionAccept:
				s.AddCode(seg, code, cat)
			case decisionReject:
				// dropped; the code's category is still known
				if _, ok := s.Category[code]; !ok && cat != "" {
					s.Category[code] = cat
				}
			case decisionChange:
				nc := get(colNewCode)
				if nc == "" {
					return fmt.Errorf("%s: %s row %d: decision %q without a code in %s", name, sh, row, d, colNewCode)
				}
				if _, ok := s.Category[code]; !ok && cat != "" {
					s.Category[code] = cat
				}
				s.AddCode(seg, nc, "")
			default:
				return fmt.Errorf("%s: %s row %d: decision %q, want %s, %s, %s or empty", name, sh, row, get(colDecision), decisionAccept, decisionReject, decisionChange)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, a := range adds {
		for _, c := range splitCodes(a.codes) {
			s.AddCode(a.seg, c, "")
		}
	}
	if unknown > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %d coded segment(s) are not on the Segments sheet", name, unknown))
	}
	return s, nil
}

// splitCodes splits an add_code cell into code IDs.
func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ';' || r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
}

// headerIndex maps lower-cased, trimmed header names to column indexes
// (the first column of a name wins).
func headerIndex(head []string) map[string]int {
	m := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, ok := m[h]; !ok && h != "" {
			m[h] = i
		}
	}
	return m
}

// firstRow returns a sheet's first row (nil for an empty sheet).
func firstRow(f *excelize.File, sheet string) ([]string, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Error()
	}
	return rows.Columns(excelize.Options{RawCellValue: true})
}

// eachRow calls fn for every row after the header with the row's 1-based
// number and a getter by column name (trimmed cell text).
func eachRow(f *excelize.File, sheet string, fn func(row int, get func(string) string) error) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer rows.Close()
	var cols map[string]int
	n := 0
	for rows.Next() {
		n++
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("sheet %s row %d: %w", sheet, n, err)
		}
		if cols == nil {
			cols = headerIndex(rec)
			continue
		}
		get := func(c string) string {
			i, ok := cols[c]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		if err := fn(n, get); err != nil {
			return err
		}
	}
	return rows.Error()
}

// CodingSetOptions say where LoadCodingSet finds the segment list.
type CodingSetOptions struct {
	// Segments is a segments.csv to use as the segment list: for a
	// codings CSV that has none beside it, and for a QDPX project (whose
	// selections are then mapped onto these segments).
	Segments string
	// SegmentsName is the file name looked for beside a codings CSV
	// ("segments.csv"); empty: none is looked for.
	SegmentsName string
	// Codebook resolves the codes of a QDPX project written by another
	// program to pbasis code IDs by name or label (QDPXProject.ResolveCodes);
	// nil: codes without a pbasis ID keep their names.
	Codebook *CodebookSpec
}

// ErrUnknownCodingFile is returned by LoadCodingSet for a file that is not a
// codings CSV, a workbook or a QDPX project.
var ErrUnknownCodingFile = errors.New("not a codings file: want codings.csv, a reviewed .xlsx workbook or a .qdpx project")

// LoadCodingSet reads the coding set in file, by its extension:
//
//   - .csv: a codings.csv (ReadCodingsCSV), with the segments.csv beside it
//     (o.SegmentsName) as its segment list, else o.Segments, else none;
//   - .xlsx: a reviewed pbasis.xlsx (ReadReviewedWorkbook);
//   - .qdpx: a REFI-QDA project (ReadQDPXCodingSet), on the segments of
//     o.Segments when given, else on its own sources segmented into
//     sentences.
//
// The set's Name is file as given.
func LoadCodingSet(file string, o CodingSetOptions) (*CodingSet, error) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".csv":
		var units []CodingUnit
		seg := ""
		if o.SegmentsName != "" {
			beside := filepath.Join(filepath.Dir(file), o.SegmentsName)
			if _, err := os.Stat(beside); err == nil && !sameFile(beside, file) {
				seg = beside
			}
		}
		if seg == "" {
			seg = o.Segments
		}
		if seg != "" {
			var err error
			if units, err = readFile(seg, func(r *os.File) ([]CodingUnit, error) { return ReadSegmentsCSV(seg, r) }); err != nil {
				return nil, err
			}
		}
		return readFile(file, func(r *os.File) (*CodingSet, error) { return ReadCodingsCSV(file, r, units) })
	case ".xlsx":
		return readFile(file, func(r *os.File) (*CodingSet, error) { return ReadReviewedWorkbook(file, r) })
	case ".qdpx":
		var units []CodingUnit
		if o.Segments != "" {
			var err error
			if units, err = readFile(o.Segments, func(r *os.File) ([]CodingUnit, error) { return ReadSegmentsCSV(o.Segments, r) }); err != nil {
				return nil, err
			}
		}
		return readFile(file, func(r *os.File) (*CodingSet, error) {
			st, err := r.Stat()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			return ReadQDPXCodingSet(file, r, st.Size(), units, o.Codebook)
		})
	}
	return nil, fmt.Errorf("%s: %w", file, ErrUnknownCodingFile)
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// readFile opens name and calls read on it.
func readFile[T any](name string, read func(*os.File) (T, error)) (T, error) {
	f, err := os.Open(name)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f)
}

// ReadQDPXCodingSet reads the coded selections of a REFI-QDA project
// (ReadQDPX) of size bytes from r into a coding set named name. A selection
// codes every segment it overlaps (a selection of no characters codes the
// segment it is in).
//
// The segments are units when given (the segments.csv of the pbasis run
// whose project.qdpx the coder worked in): a source matches the document
// whose ID is its name, else the only document whose ID ends in "/" + its
// name; the units' spans must be those of the source's text. Without
// units, every source text is segmented into sentences as pbasis run does
// by default (corpus.Build with corpus.DefaultOptions, as a .txt file), so
// segment IDs are "<source name>#<n>".
//
// A selection's code is its pbasis code ID when the project says it, else
// the ID cb resolves its name to (nil cb: none), else its name; names that
// stay unresolved are listed in Warnings. Categories come from the
// project's codes. Sources that match no document, or have no text, are
// listed in Warnings and left out.
func ReadQDPXCodingSet(name string, r io.ReaderAt, size int64, units []CodingUnit, cb *CodebookSpec) (*CodingSet, error) {
	p, err := ReadQDPX(name, r, size)
	if err != nil {
		return nil, err
	}
	var unresolved []string
	if cb != nil {
		unresolved = p.ResolveCodes(cb)
	}
	s := NewCodingSet(name)
	s.Complete = true
	cats := map[string]Category{}
	for _, c := range p.Codes {
		cats[normGUID(c.GUID)] = c.Category
	}
	// Per source name, its segments (in order, with spans).
	segs := map[string][]CodingUnit{}
	if units != nil {
		byDoc := map[string][]CodingUnit{}
		byBase := map[string][]string{}
		for _, u := range units {
			if _, ok := byDoc[u.Doc]; !ok {
				if i := strings.LastIndexByte(u.Doc, '/'); i >= 0 {
					byBase[u.Doc[i+1:]] = append(byBase[u.Doc[i+1:]], u.Doc)
				}
			}
			byDoc[u.Doc] = append(byDoc[u.Doc], u)
		}
		for _, src := range p.Sources {
			doc := src.Name
			if _, ok := byDoc[doc]; !ok {
				if ds := byBase[doc]; len(ds) == 1 {
					doc = ds[0]
				} else {
					s.Warnings = append(s.Warnings, fmt.Sprintf("%s: source %q matches no document of the segment list; left out", name, src.Name))
					continue
				}
			}
			segs[src.Name] = byDoc[doc]
		}
	} else {
		for _, src := range p.Sources {
			doc, err := corpus.Build(src.Name, "txt", corpus.Extract{Text: src.Text, FirstLine: 1}, corpus.Metadata{}, corpus.DefaultOptions())
			if err != nil {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s: source %q: %v; left out", name, src.Name, err))
				continue
			}
			list := make([]CodingUnit, len(doc.Segments))
			for i, sg := range doc.Segments {
				list[i] = CodingUnit{Doc: doc.ID, Segment: sg.ID, N: sg.N, Start: sg.Span.Start, End: sg.Span.End, Text: sg.Text}
			}
			segs[src.Name] = list
		}
	}
	for _, src := range p.Sources {
		for _, u := range segs[src.Name] {
			s.AddUnit(u)
		}
	}
	unnamed := map[string]bool{}
	for _, sel := range p.Selections {
		list, ok := segs[sel.Source]
		if !ok {
			continue
		}
		code := sel.Code
		if code == "" {
			code = sel.CodeName
			unnamed[sel.CodeName] = true
		}
		if code == "" {
			continue
		}
		cat := cats[normGUID(sel.CodeGUID)]
		hit := false
		for _, u := range list {
			if u.End == 0 && u.Start == 0 {
				continue // no span known
			}
			overlaps := sel.Start < u.End && sel.End > u.Start
			if sel.Start == sel.End {
				overlaps = u.Start <= sel.Start && sel.Start < u.End
			}
			if overlaps {
				s.AddCode(u.Segment, code, cat)
				hit = true
			}
		}
		if !hit {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s: selection [%d,%d) of %q (code %s) lies in no segment; left out", name, sel.Start, sel.End, sel.Source, code))
		}
	}
	if cb == nil && len(unnamed) > 0 {
		for n := range unnamed {
			unresolved = append(unresolved, n)
		}
		sort.Strings(unresolved)
	}
	if len(unresolved) > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %d code(s) have no pbasis code ID and are compared by name: %s", name, len(unresolved), shortList(unresolved)))
	}
	return s, nil
}
