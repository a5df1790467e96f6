package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// ReviewRow is one row of a reviewed workbook that a reviewer filled in:
// a row of a Codings sheet with a decision, new_code or comment, or a row
// of a Segments sheet with an add_code.
type ReviewRow struct {
	Sheet string // the sheet's name
	Row   int    // 1-based row number in the sheet (the header is row 1)

	Doc     string // the doc column: the file's path in the input folder
	Segment string // the segment ID
	// Start and End are the start and end columns: the coding's evidence
	// span, or the segment's span on a Segments sheet (code points into
	// the document's normalised text).
	Start, End int
	Code       string // Codings: the coding's code
	Term       string // Codings: the evidence as written
	Source     string // Codings: auto, manual or review
	Text       string // the segment's text (a cut text ends in the cut marker)

	Decision string   // Codings: accept, reject or change, lower case; "" when none
	NewCode  string   // Codings: the new_code cell
	AddCodes []string // Segments: the codes in add_code (separated by ; or ,)
	Comment  string   // the comment cell
}

// Cell returns the reference of column col (a header name) in r's row,
// "Sheet!V12", for messages; header is the sheet's header.
func (r ReviewRow) Cell(header []string, col string) string {
	c := colOf(header, col)
	if c == "" {
		return fmt.Sprintf("%s!row %d", r.Sheet, r.Row)
	}
	return fmt.Sprintf("%s!%s%d", r.Sheet, c, r.Row)
}

// Review is what a reviewer filled in on a workbook.
type Review struct {
	// CodingSheets and SegmentSheets are the sheets read, in workbook order.
	CodingSheets, SegmentSheets []string
	Codings                     []ReviewRow // rows with a decision, new_code or comment
	Segments                    []ReviewRow // rows with an add_code or comment
}

// ReviewError is a problem in a reviewed workbook, at a cell.
type ReviewError struct {
	File string // the workbook
	Cell string // "Sheet!V12"; "" for the workbook as a whole
	Err  error
}

func (e *ReviewError) Error() string {
	if e.Cell == "" {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.File, e.Cell, e.Err)
}

func (e *ReviewError) Unwrap() error { return e.Err }

// ReadReviewFile reads the review columns of the workbook at path; see
// ReadReview.
func ReadReviewFile(path string) (*Review, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("review workbook: %w", err)
	}
	defer f.Close()
	return ReadReview(path, f)
}

// ReadReview reads the review columns of a workbook that pbasis wrote and
// a reviewer filled in; name is used in errors. Sheets are recognised by
// their header row, not their name, so a workbook in any report language
// (and with continuation sheets "Coderingen (2)") reads the same: a sheet
// whose header has the columns of XLSXCodingsHeader is a Codings sheet, one
// with those of XLSXSegmentsHeader a Segments sheet; columns are found by
// name, so a reviewer may reorder or hide them.
//
// Only rows a reviewer filled in are returned. The decision is trimmed
// and lower-cased; it must be one of Decisions(). Problems in rows (a bad
// decision, a span that is not a number) are returned all at once, joined,
// each a *ReviewError naming the cell, together with the Review of the
// good rows, so a caller can report its own problems with them; when the
// file is no workbook or has no Codings or Segments sheet, the Review is
// nil. ReadReview does not check
// codes against a codebook, nor whether a decision is complete (change
// without new_code): that is the caller's job, with ReviewRow.Cell.
func ReadReview(name string, r io.Reader) (*Review, error) {
	f, err := excelize.OpenReader(r, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &ReviewError{File: name, Err: fmt.Errorf("not a readable .xlsx workbook: %w", err)}
	}
	defer f.Close()
	rv := &Review{}
	var errs []error
	for _, sheet := range f.GetSheetList() {
		kind, err := readReviewSheet(f, name, sheet, rv)
		if err != nil {
			errs = append(errs, err)
		}
		switch kind {
		case reviewCodings:
			rv.CodingSheets = append(rv.CodingSheets, sheet)
		case reviewSegments:
			rv.SegmentSheets = append(rv.SegmentSheets, sheet)
		}
	}
	if len(rv.CodingSheets) == 0 && len(rv.SegmentSheets) == 0 {
		errs = append(errs, &ReviewError{File: name, Err: fmt.Errorf("no Codings or Segments sheet (a sheet whose first row has the columns %s)",
			strings.Join(XLSXCodingsHeader(), ", "))})
		return nil, errors.Join(errs...)
	}
	return rv, errors.Join(errs...)
}

type reviewSheetKind int

const (
	reviewNone reviewSheetKind = iota
	reviewCodings
	reviewSegments
)

// headerIndex maps the names in row to column indexes (first wins).
func headerIndex(row []string) map[string]int {
	m := map[string]int{}
	for i, h := range row {
		h = strings.TrimSpace(h)
		if _, ok := m[h]; !ok && h != "" {
			m[h] = i
		}
	}
	return m
}

func hasAll(idx map[string]int, names []string) bool {
	for _, n := range names {
		if _, ok := idx[n]; !ok {
			return false
		}
	}
	return true
}

// readReviewSheet reads one sheet into rv when its header makes it a
// Codings or Segments sheet.
func readReviewSheet(f *excelize.File, name, sheet string, rv *Review) (reviewSheetKind, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return reviewNone, &ReviewError{File: name, Cell: sheet, Err: err}
	}
	defer rows.Close()
	if !rows.Next() {
		return reviewNone, rows.Error()
	}
	head, err := rows.Columns()
	if err != nil {
		return reviewNone, &ReviewError{File: name, Cell: sheet + "!1", Err: err}
	}
	idx := headerIndex(head)
	var kind reviewSheetKind
	switch {
	case hasAll(idx, XLSXCodingsHeader()):
		kind = reviewCodings
	case hasAll(idx, XLSXSegmentsHeader()):
		kind = reviewSegments
	default:
		return reviewNone, nil
	}
	// Cell references in messages use the sheet's own column positions.
	sheetHeader := make([]string, len(head))
	copy(sheetHeader, head)
	for i := range sheetHeader {
		sheetHeader[i] = strings.TrimSpace(sheetHeader[i])
	}
	var errs []error
	n := 1
	for rows.Next() {
		n++
		cells, err := rows.Columns()
		if err != nil {
			errs = append(errs, &ReviewError{File: name, Cell: fmt.Sprintf("%s!%d", sheet, n), Err: err})
			continue
		}
		get := func(col string) string {
			i := idx[col]
			if i < len(cells) {
				return strings.TrimSpace(cells[i])
			}
			return ""
		}
		raw := func(col string) string { // untrimmed: texts as written
			i := idx[col]
			if i < len(cells) {
				return cells[i]
			}
			return ""
		}
		row := ReviewRow{Sheet: sheet, Row: n, Comment: get(ColComment)}
		switch kind {
		case reviewCodings:
			row.Decision = strings.ToLower(get(ColDecision))
			row.NewCode = get(ColNewCode)
			if row.Decision == "" && row.NewCode == "" && row.Comment == "" {
				continue
			}
		case reviewSegments:
			for _, c := range strings.FieldsFunc(get(ColAddCode), func(r rune) bool { return r == ';' || r == ',' }) {
				if c = strings.TrimSpace(c); c != "" {
					row.AddCodes = append(row.AddCodes, c)
				}
			}
			if len(row.AddCodes) == 0 && row.Comment == "" {
				continue
			}
		}
		row.Doc, row.Segment, row.Text = get("doc"), get("segment"), raw("text")
		var bad []error
		num := func(col string) int {
			v, err := cellInt(get(col))
			if err != nil {
				bad = append(bad, &ReviewError{File: name, Cell: row.Cell(sheetHeader, col), Err: err})
			}
			return v
		}
		row.Start, row.End = num("start"), num("end")
		if row.Doc == "" {
			bad = append(bad, &ReviewError{File: name, Cell: row.Cell(sheetHeader, "doc"), Err: errors.New("doc is empty")})
		}
		if kind == reviewCodings {
			row.Code, row.Term, row.Source = get("code"), raw("term"), get("source")
			if row.Decision != "" && !isDecision(row.Decision) {
				bad = append(bad, &ReviewError{File: name, Cell: row.Cell(sheetHeader, ColDecision),
					Err: fmt.Errorf("decision %q: must be one of %s", row.Decision, strings.Join(Decisions(), ", "))})
			}
		}
		if len(bad) > 0 {
			errs = append(errs, bad...)
			continue
		}
		if kind == reviewCodings {
			rv.Codings = append(rv.Codings, row)
		} else {
			rv.Segments = append(rv.Segments, row)
		}
	}
	if err := rows.Error(); err != nil {
		errs = append(errs, &ReviewError{File: name, Cell: sheet, Err: err})
	}
	return kind, errors.Join(errs...)
}

func isDecision(s string) bool {
	for _, d := range Decisions() {
		if s == d {
			return true
		}
	}
	return false
}

// cellInt reads a whole number from a cell's raw value ("12", or "12.0"
// after a spreadsheet rewrote it).
func cellInt(s string) (int, error) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != math.Trunc(x) || math.Abs(x) > 1<<40 {
		return 0, fmt.Errorf("not a whole number: %q", s)
	}
	return int(x), nil
}

// ReadManifest reads run.json as WriteManifest wrote it.
func ReadManifest(r io.Reader) (*Manifest, error) {
	var m Manifest
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}
