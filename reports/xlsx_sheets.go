package reports

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// This file writes the summary sheets at Close, from Results. Most are
// small (a row per code or variable) and use excelize's normal mode, cell
// by cell. The ones with a row per case (Framework, FrameworkRole) or per
// case and link, term or code (Bridges, Qualities, Help, Emergent) grow
// with the corpus: they are streamed (newStreamedSheetWriter), their data
// rows written as worksheet XML and deflated as they come, like the
// Codings rows (but into memory while the workbook's budget allows), and
// spliced in at Close.

// xlsxStyles are the cell styles of the workbook.
type xlsxStyles struct {
	header, headerRot, inputHeader, wrap, input, date, decimal, bold, top int
	catHeader                                                             map[analysis.Category]int
}

// categoryColours are light fills for the header of a code's columns, so
// the categories stand apart in the wide matrices.
func categoryColours() map[analysis.Category]string {
	return map[analysis.Category]string{
		analysis.CatRelation: "F8CBAD", analysis.CatPlace: "C6E0B4", analysis.CatFacility: "BDD7EE",
		analysis.CatQuality: "FFE699", analysis.CatFormalHelp: "D9D2E9", analysis.CatStrain: "F4B6C2",
	}
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	var err error
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
	border := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	head := func(fill excelize.Fill, rot int) *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill, Border: border,
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top", TextRotation: rot}}
	}
	styles := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&st.header, head(grey, 0)},
		{&st.headerRot, head(grey, 90)},
		{&st.inputHeader, head(excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFD966"}}, 0)},
		{&st.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.input, &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
			Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.date, &excelize.Style{CustomNumFmt: strPtr("yyyy-mm-dd"), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.decimal, &excelize.Style{NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.top, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
	}
	for _, x := range styles {
		if *x.dst, err = f.NewStyle(x.s); err != nil {
			return st, err
		}
	}
	st.catHeader = map[analysis.Category]int{}
	colours := categoryColours()
	for _, c := range analysis.Categories { // in a fixed order: the same style IDs every time
		col, ok := colours[c]
		if !ok {
			continue
		}
		id, err := f.NewStyle(head(excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{col}}, 0))
		if err != nil {
			return st, err
		}
		st.catHeader[c] = id
	}
	return st, nil
}

func strPtr(s string) *string { return &s }

// styled is a cell value with its own style.
type styled struct {
	v     any
	style int
}

// sheetFilter is an autofilter to add once the sheets are in order.
type sheetFilter struct{ sheet, ref string }

// filters returns the summary sheets' filters recorded so far.
func (w *WorkbookWriter) filters() []sheetFilter { return w.pending }

// sheetWriter writes a summary sheet row by row in normal mode. The first
// error sticks and is returned by done.
type sheetWriter struct {
	w      *WorkbookWriter
	name   string
	r      int // last row written
	ncols  int
	freeze int // columns to freeze besides the header row
	// maxCol and maxRow: the furthest cell set, for the dimension.
	maxCol, maxRow int
	// ops, when not nil, collects the writer's calls on the workbook
	// (excelize's model, and the WorkbookWriter's lists) instead of making
	// them, for WorkbookWriter.finish to make later, in order (see do).
	ops  *[]func() error
	colW map[int]float64
	wrap map[int]bool
	err  error
	// Streamed sheets only: rows 2 on go to data, each built in xml;
	// colStyle is the style new cells take from their column.
	data     *sheetRows
	xml      []byte
	colStyle map[int]int
	cols     []string    // column letters, from A
	scols    []streamCol // from A, as far as streamRow needed; nil after a column's settings change
	// The last number cellFloat formatted.
	floatStr  string
	floatBits uint64
	floatSet  bool
}

func (w *WorkbookWriter) newSheetWriter(name string) *sheetWriter {
	return &sheetWriter{w: w, name: name, colW: map[int]float64{}, wrap: map[int]bool{}, colStyle: map[int]int{},
		ops: w.deferred[name]}
}

// do makes a call on the workbook shared by the sheets: at once, or, when
// the writer collects its calls (ops), later. The first error sticks.
func (s *sheetWriter) do(fn func() error) {
	if s.err != nil {
		return
	}
	if s.ops != nil {
		*s.ops = append(*s.ops, fn)
		return
	}
	s.err = fn()
}

// newStreamedSheetWriter returns a sheetWriter whose rows after the
// header are written as XML, deflated as they come (into memory while the
// workbook's budget allows, else into a temporary file: newMemSheetRows),
// and spliced into the sheet when the archive is written, instead of into
// excelize's model. Such a sheet must be written strictly row by row
// (header, then row), with its column styles set before the rows.
func (w *WorkbookWriter) newStreamedSheetWriter(name string) *sheetWriter {
	s := w.newSheetWriter(name)
	data := newMemSheetRows(w.mem)
	s.data = data
	s.do(func() error { w.streamed = append(w.streamed, streamedSheet{name, data}); return nil })
	return s
}

// header writes row 1 in the header style (a styled value keeps its own).
func (s *sheetWriter) header(cols ...any) {
	s.r = 0
	vals := make([]any, len(cols))
	for i, c := range cols {
		switch x := c.(type) {
		case nil:
		case styled:
			vals[i] = x
		default:
			vals[i] = styled{c, s.w.st.header}
		}
	}
	s.row(vals...)
}

// row writes the next row, as high as its wrapped texts need (see
// rowHeight). Its values are as set takes them.
func (s *sheetWriter) row(vals ...any) {
	s.r++
	s.ncols = max(s.ncols, len(vals))
	header := s.r == 1
	if s.data != nil && !header {
		s.streamRow(vals)
		return
	}
	h := rowHeight(vals, func(col int) (float64, bool) {
		w, ok := s.colW[col]
		if !ok {
			w = defaultColWidth
		}
		return w, header || s.wrap[col]
	})
	if header {
		h = min(h, maxHeaderHeight)
	}
	for i, v := range vals {
		s.set(i+1, s.r, v)
	}
	if h > 0 {
		r := s.r
		s.do(func() error { return s.w.f.SetRowHeight(s.name, r, h) })
	}
}

// streamCol is what streamRow needs of a column: its letters, the style
// its cells take, and for a column whose texts wrap, its width and the
// code points a line holds (textLines), else 0.
type streamCol struct {
	name  string
	style int
	width float64
	per   int
}

// rowTagRoom is room for the longest start of a row (row number and
// height), which streamRow writes before the cells once they are written.
const rowTagRoom = len(`<row r="1048576" ht="409.123456789" customHeight="1">`) + 16

// streamRow writes row s.r of a streamed sheet, its cells as set would
// write them, as high as rowHeight says (0: the default height). The
// lines of the wrapped texts are counted as they are escaped, and the
// row's start is written before its cells, in the room kept for it, once
// they are written.
func (s *sheetWriter) streamRow(vals []any) {
	if s.err != nil {
		return
	}
	row, err := s.rowXML(vals)
	if err != nil {
		s.err = err
		return
	}
	s.err = s.data.write(row)
}

// rowXML returns the XML of row s.r of a streamed sheet (streamRow), in
// s.xml.
func (s *sheetWriter) rowXML(vals []any) ([]byte, error) {
	var num [20]byte
	r := strconv.AppendInt(num[:0], int64(s.r), 10)
	b := s.xml[:0]
	if cap(b) < rowTagRoom {
		b = make([]byte, 0, 4096)
	}
	b = b[:rowTagRoom]
	most := 1 // as rowHeight counts
	for i, v := range vals {
		if v == nil {
			continue
		}
		style := 0
		if x, ok := v.(styled); ok {
			v, style = x.v, x.style
		}
		if x, ok := v.(string); ok && x == "" {
			continue
		}
		if x, ok := v.([]byte); ok && len(x) == 0 {
			continue
		}
		col, err := s.streamCol(i + 1)
		if err != nil {
			return nil, err
		}
		if _, ok := v.(float64); ok && style == 0 {
			style = s.w.st.decimal
		}
		if style == 0 {
			style = col.style
		}
		b = append(b, `<c r="`...)
		b = append(b, col.name...)
		b = append(b, r...)
		b = append(b, '"')
		if style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(style), 10)
			b = append(b, '"')
		}
		switch x := v.(type) {
		case string:
			var lines int
			b, lines = appendCellText(b, x, s.w.cellMarker, col)
			most = max(most, lines)
		case []byte:
			var lines int
			b, lines = appendCellText(b, x, s.w.cellMarker, col)
			most = max(most, lines)
		case int:
			b = append(b, `><v>`...)
			b = strconv.AppendInt(b, int64(x), 10)
			b = append(b, `</v></c>`...)
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				b = appendInlineStr(b, fmt.Sprint(x))
				break
			}
			b = append(b, `><v>`...)
			b = append(b, s.cellFloat(x)...)
			b = append(b, `</v></c>`...)
		case bool:
			if x {
				b = append(b, ` t="b"><v>1</v></c>`...)
			} else {
				b = append(b, ` t="b"><v>0</v></c>`...)
			}
		case time.Time:
			return nil, fmt.Errorf("sheet %s: row %d: a date in a streamed sheet", s.name, s.r)
		default:
			b = appendInlineStr(b, fmt.Sprint(x))
		}
	}
	b = append(b, `</row>`...)
	// The row's start, right before its cells.
	var tag [rowTagRoom]byte
	t := append(tag[:0], `<row r="`...)
	t = append(t, r...)
	t = append(t, '"')
	if h := heightOfLines(most); h > 0 {
		t = append(t, ` ht="`...)
		t = appendHeight(t, h)
		t = append(t, `" customHeight="1"`...)
	}
	t = append(t, '>')
	at := rowTagRoom - len(t)
	copy(b[at:], t)
	s.xml = b
	return b[at:], nil
}

// appendCellText appends the rest of a cell holding text as an inline
// string, cut to fit with marker (clipCell), and returns the lines text
// takes in column col as rowHeight counts them: 1 when col does not wrap.
func appendCellText[T string | []byte](b []byte, text T, marker string, col *streamCol) ([]byte, int) {
	if len(text) > excelize.TotalCellChars && utf16Len(text) > excelize.TotalCellChars { // cut: rare
		lines := 1
		if col.per > 0 {
			lines = textLines(text, col.width)
		}
		return appendInlineStr(b, clipCell(string(text), marker)), lines
	}
	if col.per == 0 {
		return appendInlineStr(b, text), 1
	}
	b = append(b, inlineStrHead...)
	if first, last := text[0], text[len(text)-1]; isXMLSpace(first) || isXMLSpace(last) {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b, lines := appendXMLTextLines(b, text, col.per)
	return append(b, `</t></is></c>`...), lines
}

// streamCol returns what streamRow needs of 1-based column col, from the
// columns' settings (widths, wrapped, style), which it keeps until one
// changes.
func (s *sheetWriter) streamCol(col int) (*streamCol, error) {
	for len(s.scols) < col {
		c := len(s.scols) + 1
		name, err := s.colName(c)
		if err != nil {
			return nil, err
		}
		sc := streamCol{name: name, style: s.colStyle[c]}
		if s.wrap[c] {
			w, ok := s.colW[c]
			if !ok {
				w = defaultColWidth
			}
			sc.width, sc.per = w, max(int(w*1.2), 1) // as textLines
		}
		s.scols = append(s.scols, sc)
	}
	return &s.scols[col-1], nil
}

// cellFloat returns formatCellFloat(x), remembering the last: a column
// may repeat its value over many rows (a relation's betweenness).
func (s *sheetWriter) cellFloat(x float64) string {
	if bits := math.Float64bits(x); !s.floatSet || bits != s.floatBits {
		s.floatStr, s.floatBits, s.floatSet = formatCellFloat(x), bits, true
	}
	return s.floatStr
}

// colName returns the letters of 1-based column col.
func (s *sheetWriter) colName(col int) (string, error) {
	for len(s.cols) < col {
		c, err := excelize.ColumnNumberToName(len(s.cols) + 1)
		if err != nil {
			return "", err
		}
		s.cols = append(s.cols, c)
	}
	return s.cols[col-1], nil
}

// formatCellFloat formats v as excelize's SetCellFloat(v, -1, 64) does:
// the shortest decimal form, cut to 15 significant digits.
func formatCellFloat(v float64) string {
	str := strconv.FormatFloat(v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

// defaultColWidth is Excel's default column width, in characters.
const defaultColWidth = 8.43

// lineHeight is the height of one line of text in the default font
// (Calibri 11), in points; maxRowHeight is Excel's limit.
const (
	lineHeight      = 15.0
	maxRowHeight    = 409.0
	maxHeaderHeight = 5 * lineHeight
)

// rowHeight estimates the height a row needs to show its wrapped texts:
// the most lines any wrapped cell takes at its column's width, one line
// per line break and per column width of characters. It returns 0 when
// every cell fits on one line (the default height). Excel fits rows
// itself when it draws them, but LibreOffice keeps the default height of
// rows written without one, and a given height saves both programs the
// work on big sheets. col is 0-based.
func rowHeight(vals []any, width func(col int) (w float64, wrapped bool)) float64 {
	most := 1
	for i, v := range vals {
		if x, ok := v.(styled); ok {
			v = x.v
		}
		switch text := v.(type) {
		case string:
			if w, wrapped := width(i + 1); text != "" && wrapped {
				most = max(most, textLines(text, w))
			}
		case []byte:
			if w, wrapped := width(i + 1); len(text) > 0 && wrapped {
				most = max(most, textLines(text, w))
			}
		}
	}
	if most <= 1 {
		return 0
	}
	return min(float64(most)*lineHeight, maxRowHeight)
}

// textLines estimates the lines text takes in a column width wide (in
// Excel's character units; proportional text fits about 1.2 characters per
// unit): per line (up to a "\n"), its code points per width, at least 1.
// It stops counting past 100.
func textLines[T string | []byte](text T, width float64) int {
	per := max(int(width*1.2), 1)
	n, c := 0, 0 // lines so far, code points of the current line
	for i := 0; i < len(text); {
		if i+8 <= len(text) {
			m := lineSpecial(load64(text, i))
			if m == 0 {
				i += 8
				c += 8
				continue
			}
			n := firstByte(m)
			i += n
			c += n
		}
		switch b := text[i]; {
		case b == '\n':
			n += max(1, (c+per-1)/per)
			if n > 100 {
				return n
			}
			c = 0
			i++
			continue
		case b < utf8.RuneSelf:
			i++
		default:
			_, size := decodeRune(text, i)
			i += size
		}
		c++
	}
	return n + max(1, (c+per-1)/per)
}

// set writes one cell: strings as strings (cut to fit, never a formula),
// and so are []byte texts (copied: they may be cellText.cell's), integers
// and floats as numbers, bools as booleans, times as dates.
func (s *sheetWriter) set(col, row int, v any) {
	if s.err != nil || v == nil {
		return
	}
	s.maxCol, s.maxRow = max(s.maxCol, col), max(s.maxRow, row)
	if s.data != nil && row > 1 {
		s.err = fmt.Errorf("sheet %s: cell %d,%d set out of row order in a streamed sheet", s.name, col, row)
		return
	}
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		s.err = err
		return
	}
	style := 0
	if x, ok := v.(styled); ok {
		v, style = x.v, x.style
	}
	if x, ok := v.([]byte); ok {
		v = string(x) // the call on the workbook may come later
	}
	var put func(f *excelize.File) error
	switch x := v.(type) {
	case string:
		if x != "" {
			x = clipCell(x, s.w.cellMarker)
			put = func(f *excelize.File) error { return f.SetCellStr(s.name, cell, x) }
		}
	case int:
		put = func(f *excelize.File) error { return f.SetCellInt(s.name, cell, int64(x)) }
	case float64:
		put = func(f *excelize.File) error { return f.SetCellFloat(s.name, cell, x, -1, 64) }
		if style == 0 {
			style = s.w.st.decimal
		}
	case bool:
		put = func(f *excelize.File) error { return f.SetCellBool(s.name, cell, x) }
	case time.Time:
		put = func(f *excelize.File) error { return f.SetCellValue(s.name, cell, x) }
		if style == 0 {
			style = s.w.st.date
		}
	default:
		str := fmt.Sprint(x)
		put = func(f *excelize.File) error { return f.SetCellStr(s.name, cell, str) }
	}
	s.do(func() error {
		f := s.w.f
		if put != nil {
			if err := put(f); err != nil {
				return err
			}
		}
		if style != 0 {
			return f.SetCellStyle(s.name, cell, cell, style)
		}
		return nil
	})
}

// widths sets the column widths from column A on.
func (s *sheetWriter) widths(ws ...float64) {
	for i, wd := range ws {
		s.width(i+1, wd)
	}
}

func (s *sheetWriter) width(col int, wd float64) {
	if s.err != nil {
		return
	}
	s.colW[col] = wd
	s.scols = nil
	c, _ := excelize.ColumnNumberToName(col)
	s.do(func() error { return s.w.f.SetColWidth(s.name, c, c, wd) })
}

// wrapCols gives the columns the wrapped-text style; call before writing
// rows (new cells take their column's style).
func (s *sheetWriter) wrapCols(cols ...int) {
	for _, col := range cols {
		if s.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(col)
		s.wrap[col] = true
		s.colStyle[col] = s.w.st.wrap
		s.scols = nil
		s.do(func() error { return s.w.f.SetColStyle(s.name, c, s.w.st.wrap) })
	}
}

// topCols aligns the columns' cells at the top (numbers beside wrapped
// texts); call before writing rows.
func (s *sheetWriter) topCols(cols ...int) {
	for _, col := range cols {
		if s.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(col)
		s.colStyle[col] = s.w.st.top
		s.scols = nil
		s.do(func() error { return s.w.f.SetColStyle(s.name, c, s.w.st.top) })
	}
}

// done freezes the header row (and s.freeze columns) and, when filter is
// set, records an autofilter over the table.
func (s *sheetWriter) done(filter bool) error {
	freeze := s.freeze
	s.do(func() error { return s.w.f.SetPanes(s.name, frozenPanes(1, freeze)) })
	if s.err != nil {
		return s.err
	}
	// The used range: excelize leaves every sheet's dimension at A1.
	last, _ := excelize.ColumnNumberToName(max(s.ncols, s.maxCol, 1))
	dim := fmt.Sprintf("A1:%s%d", last, max(s.r, s.maxRow, 1))
	if s.data != nil {
		s.data.dim = dim
		if err := s.data.flush(); err != nil {
			return err
		}
	} else {
		s.do(func() error { return s.w.f.SetSheetDimension(s.name, dim) })
	}
	if filter && s.ncols > 0 {
		last, _ := excelize.ColumnNumberToName(s.ncols)
		fl := sheetFilter{s.name, fmt.Sprintf("A1:%s%d", last, max(s.r, 2))}
		s.do(func() error { s.w.pending = append(s.w.pending, fl); return nil })
	}
	return s.err
}

// cellText builds the texts of quote cells, reusing its buffers; the
// zero value is ready. It may hold the texts of several cells of a row,
// one after the other (see mark and cell).
type cellText struct {
	b     []byte
	runes []rune
}

// reset empties the text.
func (c *cellText) reset() *cellText { c.b = c.b[:0]; return c }

// str appends s.
func (c *cellText) str(s string) *cellText { c.b = append(c.b, s...); return c }

// bytes appends b.
func (c *cellText) bytes(b []byte) *cellText { c.b = append(c.b, b...); return c }

// mark returns where the text appended next starts, for cell.
func (c *cellText) mark() int { return len(c.b) }

// cell returns the text appended since mark m as a cell value for
// sheetWriter.row, without copying it: it stays as it is until the next
// reset, and so must be written (row) before that.
func (c *cellText) cell(m int) []byte { return c.b[m:len(c.b):len(c.b)] }

// quote appends a quote as a cell shows it: “… «term» …” — speaker,
// location (negated).
func (c *cellText) quote(w *WorkbookWriter, v *view, q analysis.Quote) *cellText {
	c.b = append(c.b, "“"...)
	// Most quotes are spaced words: one test of the text spares those
	// of its parts (and isASCII).
	if spacedWords(q.Text) {
		c.b = appendContextAroundSpaced(c.b, q.Text, q.Start, q.End, 90)
	} else if isASCII(q.Text) {
		c.b = appendContextAroundASCII(c.b, q.Text, q.Start, q.End, 90)
	} else {
		c.runes = c.runes[:0]
		for _, r := range q.Text {
			c.runes = append(c.runes, r)
		}
		c.b = appendContextAround(c.b, c.runes, q.Start, q.End, 90)
	}
	c.b = append(c.b, "” — "...)
	c.b = appendSpeaker(c.b, v, &q)
	c.b = append(c.b, ", "...)
	c.b = appendQuoteLocation(c.b, &q)
	if q.Negated {
		c.b = append(c.b, " ("...)
		c.b = append(c.b, w.tx.Negated...)
		c.b = append(c.b, ')')
	}
	return c
}

// appendSpeaker appends v.speaker(*q).
func appendSpeaker(b []byte, v *view, q *analysis.Quote) []byte {
	role := v.tx.role(q.Role)
	if q.Voice == corpus.VoiceNotes && q.Speaker == "" {
		return append(b, v.tx.VoiceNotes...)
	}
	at := len(b)
	b = appendJoined(b, q.Speaker)
	if len(b) == at || strings.EqualFold(string(b[at:]), role) {
		return append(b[:at], role...)
	}
	b = append(b, " ("...)
	b = append(b, role...)
	return append(b, ')')
}

// pair appends the evidence that two codes occur together.
func (c *cellText) pair(w *WorkbookWriter, v *view, p analysis.QuotePair) *cellText {
	if p.SameSegment() {
		q := p.First
		q.Negated = p.First.Negated || p.Second.Negated
		return c.quote(w, v, q)
	}
	return c.quote(w, v, p.First).str("\n… ").quote(w, v, p.Second)
}

// quotes appends quotes, one per line, with a bullet.
func (c *cellText) quotes(w *WorkbookWriter, v *view, qs []analysis.Quote) *cellText {
	for i, q := range qs {
		if i > 0 {
			c.b = append(c.b, '\n')
		}
		c.str("• ").quote(w, v, q)
	}
	return c
}

// pairs appends pairs of quotes, one per line, with a bullet.
func (c *cellText) pairs(w *WorkbookWriter, v *view, ps []analysis.QuotePair) *cellText {
	for i, p := range ps {
		if i > 0 {
			c.b = append(c.b, '\n')
		}
		c.str("• ").pair(w, v, p)
	}
	return c
}

// frameworkCodes returns the codes some case mentions in own voice, in
// code order, and how many codes were left out.
func frameworkCodes(r *analysis.Results) (codes []string, left int) {
	for _, cs := range r.CodeStats {
		if cs.Counts.Own.Mentions > 0 {
			codes = append(codes, cs.Code)
		} else {
			left++
		}
	}
	return codes, left
}

// codeHeader is a code's header cell, filled by category.
func (w *WorkbookWriter) codeHeader(v *view, code, suffix string) styled {
	st, ok := w.st.catHeader[v.categoryOf(code)]
	if !ok {
		st = w.st.header
	}
	return styled{v.labelTagged(code) + suffix, st}
}

// caseCounts finds a case's own-voice counts of the framework's codes
// (v.caseCodes(id).Own, then findCount per code) by index: a search per
// case and code would cost cases x (cases + codes x codes) on a large
// corpus.
type caseCounts struct {
	r     *analysis.Results
	cases map[string]int // case ID -> its first index in r.Cases
	col   map[string]int // code -> its first index in codes
	first []int          // per code of codes: the index of its first occurrence
	found []*analysis.CodeCount
}

func newCaseCounts(r *analysis.Results, codes []string) *caseCounts {
	c := &caseCounts{r: r, cases: make(map[string]int, len(r.Cases)), col: make(map[string]int, len(codes)),
		first: make([]int, len(codes)), found: make([]*analysis.CodeCount, len(codes))}
	for i := range r.Cases {
		if _, dup := c.cases[r.Cases[i].Case]; !dup {
			c.cases[r.Cases[i].Case] = i
		}
	}
	for k, code := range codes {
		if f, dup := c.col[code]; dup {
			c.first[k] = f
			continue
		}
		c.col[code], c.first[k] = k, k
	}
	return c
}

// find makes the case with ID id the one count looks in.
func (c *caseCounts) find(id string) {
	clear(c.found)
	i, ok := c.cases[id]
	if !ok {
		return
	}
	own := c.r.Cases[i].Own
	for j := range own {
		if k, ok := c.col[own[j].Code]; ok && c.found[k] == nil {
			c.found[k] = &own[j]
		}
	}
}

// count returns the case's count of codes[k], nil when it has none (a
// zero count).
func (c *caseCounts) count(k int) *analysis.CodeCount { return c.found[c.first[k]] }

// writeFrameworks writes the framework matrix (sheet fwSheet) and the
// framework matrix by speaker role (sheet roleSheet) in one pass over the
// cases, formatting each chosen quote once for both (quoteMemo): a role's
// quotes are those of the case's that the role said. It returns each
// sheet's error.
//
// The framework matrix has a row per case, per code a summary of the
// case's own words (count, then the quotes Results chose, best first,
// with location) and the count as a number. The framework by role has a
// row per case and own-voice role, with the role's counts from
// Results.ByRole and those of the case's chosen quotes that the role
// said.
func (w *WorkbookWriter) writeFrameworks(fwSheet, roleSheet string, v *view) (fwErr, roleErr error) {
	codes, _ := frameworkCodes(v.r)
	fs := w.newStreamedSheetWriter(fwSheet)
	head := []any{w.tx.ColCase, w.tx.ColWijk}
	for _, c := range codes {
		head = append(head, w.codeHeader(v, c, ""), w.codeHeader(v, c, " (n)"))
	}
	fs.widths(12, 14)
	for i := range codes {
		fs.width(3+2*i, 48)
		fs.width(4+2*i, 9)
		fs.wrapCols(3 + 2*i)
		fs.topCols(4 + 2*i)
	}
	fs.header(head...)

	rs := w.newStreamedSheetWriter(roleSheet)
	head = append(head[:0], w.tx.ColCase, w.tx.ColRole, w.tx.ColRoleSegments)
	for _, c := range codes {
		head = append(head, w.codeHeader(v, c, ""), w.codeHeader(v, c, " (n)"))
	}
	rs.widths(12, 14, 10)
	for i := range codes {
		rs.width(4+2*i, 44)
		rs.width(5+2*i, 9)
		rs.wrapCols(4 + 2*i)
		rs.topCols(5 + 2*i)
	}
	rs.header(head...)
	m := v.r.ByRole
	// Row and column positions found once: looking each cell up by its
	// labels would cost rows x rows x codes on a large corpus.
	rowAt, colAt := map[string]int{}, make([]int, len(codes))
	for i := range colAt {
		colAt[i] = -1
	}
	if m != nil {
		for i, l := range m.Rows {
			if _, dup := rowAt[l]; !dup {
				rowAt[l] = i
			}
		}
		for i, c := range codes {
			colAt[i] = m.Col(c)
		}
	}

	var (
		ct     cellText
		row    []any
		counts countNegMemo
		memo   quoteMemo
	)
	cases := newCaseCounts(v.r, codes)
	for _, ci := range v.r.Corpus.Cases {
		cases.find(ci.ID)
		memo.reset(len(codes))
		row = append(row[:0], ci.ID, strings.Join(ci.Wijks, ", "))
		ct.reset()
		for k := range codes {
			cc := cases.count(k)
			if cc == nil || cc.Mentions == 0 {
				row = append(row, nil, 0)
				continue
			}
			at := ct.mark()
			ct.str(counts.countNeg(v.tx, cc.Mentions, cc.Negated))
			for _, q := range memo.quotes(w, v, k, cc.Quotes) {
				ct.str("\n").bytes(q)
			}
			row = append(row, ct.cell(at), cc.Mentions)
		}
		fs.row(row...)

		for _, role := range ci.Roles {
			label := ci.ID + "/" + role
			ri, ok := rowAt[label]
			if !ok {
				ri = -1
			}
			var segs any
			if ri >= 0 && ri < len(m.RowSegments) {
				segs = m.RowSegments[ri]
			}
			row = append(row[:0], ci.ID, v.tx.role(role), segs)
			ct.reset()
			for k := range codes {
				n := 0
				if ri >= 0 && colAt[k] >= 0 && m.Mentions != nil {
					n = int(m.Mentions.At(ri, colAt[k]))
				}
				if n == 0 {
					row = append(row, nil, 0)
					continue
				}
				at := ct.mark()
				ct.str(counts.countNeg(v.tx, n, 0))
				said := false
				if cc := cases.count(k); cc != nil {
					qs := memo.quotes(w, v, k, cc.Quotes)
					for j := range cc.Quotes {
						if cc.Quotes[j].Role == role {
							ct.str("\n").bytes(qs[j])
							said = true
						}
					}
				}
				if !said {
					ct.str("\n(").str(w.tx.NoQuoteOfRole).str(")")
				}
				row = append(row, ct.cell(at), n)
			}
			rs.row(row...)
		}
	}
	fs.freeze = 1
	rs.freeze = 2
	return fs.done(true), rs.done(true)
}

// quoteMemo holds the quotes of one case's codes as the framework sheets
// show them, each a line "• " and the quote (cellText.quote), formatted
// the first time they are asked for; the zero value is ready.
type quoteMemo struct {
	ct    cellText
	spans []xmlSpan // per quote formatted, its line in ct.b
	lines [][]byte  // quotes' result, reused
	// from is, per code, the first of its quotes in spans, or -1 when
	// they are not formatted yet.
	from []int
}

// reset forgets the quotes, for a case with codes codes.
func (m *quoteMemo) reset(codes int) {
	m.ct.reset()
	m.spans = m.spans[:0]
	m.from = slices.Grow(m.from[:0], codes)[:codes]
	for i := range m.from {
		m.from[i] = -1
	}
}

// quotes returns the lines of qs, the quotes of code k (0-based, less
// than reset's codes) of the case, one per quote, valid until the next
// reset or quotes call. qs must be the same for each call with k.
func (m *quoteMemo) quotes(w *WorkbookWriter, v *view, k int, qs []analysis.Quote) [][]byte {
	if m.from[k] < 0 {
		m.from[k] = len(m.spans)
		for _, q := range qs {
			at := m.ct.mark()
			m.ct.str("• ").quote(w, v, q)
			m.spans = append(m.spans, xmlSpan{at, len(m.ct.b)})
		}
	}
	m.lines = m.lines[:0]
	for _, s := range m.spans[m.from[k] : m.from[k]+len(qs)] {
		m.lines = append(m.lines, m.ct.b[s.start:s.end:s.end])
	}
	return m.lines
}

// writeCooccur writes the own-voice window co-occurrence matrix of the
// codes that occur, with a colour scale; the diagonal (a code with itself)
// is left empty and the units holding each code are in column B.
func (w *WorkbookWriter) writeCooccur(sheet string, v *view) error {
	s := w.newSheetWriter(sheet)
	c := v.r.Cooccurrence.OwnWindow
	var idx []int
	if c != nil && c.Count != nil {
		for i := range c.Codes {
			if c.Count.At(i, i) > 0 {
				idx = append(idx, i)
			}
		}
	}
	head := []any{w.tx.ColCode, w.tx.ColNA}
	for _, i := range idx {
		st, ok := w.st.catHeader[v.categoryOf(c.Codes[i])]
		if !ok {
			st = w.st.header
		}
		_ = st
		head = append(head, styled{v.label(c.Codes[i]), w.st.headerRot})
	}
	s.widths(30, 10)
	for k := range idx {
		s.width(3+k, 5)
	}
	s.header(head...)
	for _, i := range idx {
		row := []any{v.labelTagged(c.Codes[i]), int(c.Count.At(i, i))}
		for _, j := range idx {
			if i == j {
				row = append(row, nil)
				continue
			}
			row = append(row, int(c.Count.At(i, j)))
		}
		s.row(row...)
	}
	if s.err == nil && len(idx) > 1 {
		last, _ := excelize.CoordinatesToCellName(2+len(idx), 1+len(idx))
		s.err = w.f.SetConditionalFormat(sheet, "C2:"+last, []excelize.ConditionalFormatOptions{{
			Type: "3_color_scale", Criteria: "=",
			MinType: "min", MidType: "percentile", MidValue: "50", MaxType: "max",
			MinColor: "#FFFFFF", MidColor: "#9DC3E6", MaxColor: "#1F4E79",
		}})
	}
	if s.err == nil {
		s.err = w.f.SetRowHeight(sheet, 1, 120)
	}
	s.freeze = 1
	return s.done(true)
}

// writeBridges writes one row per bridging relation and linked place.
func (w *WorkbookWriter) writeBridges(sheet string, v *view) error {
	s := w.newStreamedSheetWriter(sheet)
	s.widths(12, 24, 20, 12, 24, 20, 10, 90)
	s.wrapCols(8)
	s.header(w.tx.ColCase, w.tx.ColRelation, w.tx.ColRelationID, w.tx.ColBetweenness,
		w.tx.ColLinked, w.tx.ColLinkedID, w.tx.ColUnits, w.tx.ColQuotes)
	var ct cellText
	for _, b := range v.r.Bridges {
		// The relation's cells, the same in each of its rows, made once.
		bcase, label, rel, betweenness := any(b.Case), any(v.label(b.Relation)), any(b.Relation), any(b.Betweenness)
		for _, l := range b.Links {
			s.row(bcase, label, rel, betweenness,
				v.label(l.Other), l.Other, l.Units, ct.reset().pairs(w, v, l.Quotes).cell(0))
		}
	}
	return s.done(true)
}

// writeQualities writes one row per quality said of a place, facility or
// relation.
func (w *WorkbookWriter) writeQualities(sheet string, v *view) error {
	s := w.newStreamedSheetWriter(sheet)
	s.widths(24, 20, 20, 18, 11, 11, 20, 90)
	s.wrapCols(7, 8)
	s.header(w.tx.ColTarget, w.tx.ColTargetID, w.tx.ColQuality, w.tx.ColQualityID,
		w.tx.ColSegments, w.tx.ColNegatedSegs, w.tx.ColCases, w.tx.ColQuotes)
	var ct cellText
	for _, q := range v.r.Qualities {
		s.row(v.label(q.Target), q.Target, v.label(q.Quality), q.Quality,
			q.Segments, q.Negated, strings.Join(q.Cases, ", "), ct.reset().pairs(w, v, q.Quotes).cell(0))
	}
	return s.done(true)
}

// writeHelp writes formal help, then strain: a row per case and code with
// counts per voice and quotes, own words apart from the outside view.
func (w *WorkbookWriter) writeHelp(sheet string, v *view) error {
	s := w.newStreamedSheetWriter(sheet)
	s.widths(14, 12, 24, 20, 10, 10, 11, 11, 10, 70, 70)
	s.wrapCols(10, 11)
	s.header(w.tx.ColType, w.tx.ColCase, w.tx.ColCode, w.tx.ColCodeID,
		w.tx.ColOwn, w.tx.ColNegated, w.tx.ColInterviewer, w.tx.ColNotes, w.tx.ColOther,
		w.tx.ColOwnQuotes, w.tx.ColOutQuotes)
	var ct cellText
	part := func(kind string, list []analysis.CaseCodeVoices) {
		for _, h := range list {
			own := ct.reset().quotes(w, v, h.Own).cell(0)
			m := ct.mark()
			for i, q := range h.Outside {
				if i > 0 {
					ct.str("\n")
				}
				ct.str("• [").str(v.tx.voice(q.Voice)).str("] ").quote(w, v, q)
			}
			s.row(kind, h.Case, v.label(h.Code), h.Code,
				h.Counts.Own.Mentions, h.Counts.Own.Negated, h.Counts.Interviewer.Mentions,
				h.Counts.Notes.Mentions, h.Counts.Other.Mentions,
				own, ct.cell(m))
		}
	}
	part(w.tx.KindFormal, v.r.Help.FormalHelp)
	part(w.tx.KindStrain, v.r.Help.Strain)
	return s.done(true)
}

// writeEmergent writes the terms and mentions no code covers, the corpus
// first, then per case, in the order Results gives.
func (w *WorkbookWriter) writeEmergent(sheet string, v *view) error {
	s := w.newStreamedSheetWriter(sheet)
	s.widths(14, 14, 24, 18, 9, 12, 12, 40, 90)
	s.wrapCols(8, 9)
	s.header(w.tx.ColCase, w.tx.ColType, w.tx.ColTerm, w.tx.ColCue, w.tx.ColCount,
		w.tx.ColOtherCount, w.tx.ColKeyness, w.tx.ColMeasure, w.tx.ColExamples)
	var ct cellText
	kindTerm := any(w.tx.KindTerm)
	for _, e := range v.r.Emergent {
		c := e.Case
		if c == "" {
			c = w.tx.WholeCorpus
		}
		// The cells the same in each row of the case, made once.
		ecase, measure := any(c), any(v.tx.measure(e.Measure))
		for _, t := range e.Keywords {
			s.row(ecase, kindTerm, t.Text, nil, t.Count, t.OtherCount, t.LL,
				measure, ct.reset().examples(v, t.Examples).cell(0))
		}
		for _, m := range e.Uncoded {
			s.row(ecase, w.tx.KindMention+": "+v.tx.mentionKind(m.Kind), m.Text, m.Pattern, m.Count, nil, nil,
				nil, ct.reset().examples(v, m.Examples).cell(0))
		}
	}
	return s.done(true)
}

// examples appends examples of an emergent term or mention, one per line:
// • “text” — role, location.
func (c *cellText) examples(v *view, ex []analysis.Example) *cellText {
	for i, e := range ex {
		if i > 0 {
			c.b = append(c.b, '\n')
		}
		c.b = append(c.b, "• “"...)
		c.b = appendJoined(c.b, cutRunes(e.Text, 300))
		c.b = append(c.b, "” — "...)
		c.b = append(c.b, v.tx.role(e.Role)...)
		c.b = append(c.b, ", "...)
		c.b = appendLocation(c.b, e.Doc, e.Segment, e.Line, e.Time)
	}
	return c
}

// writeCodebook writes every code of the codebook (or, without one, of the
// results) with its definition, terms, exclusions and near rules.
func (w *WorkbookWriter) writeCodebook(sheet string, v *view) error {
	s := w.newSheetWriter(sheet)
	s.widths(22, 12, 16, 22, 22, 50, 50, 50, 30, 30, 30, 10, 10, 10)
	s.wrapCols(6, 7, 8, 9, 10, 11)
	s.header(w.tx.ColCodeID, w.tx.ColCategory, w.tx.ColParent, w.tx.ColLabelNL, w.tx.ColLabelEN,
		w.tx.ColDefNL, w.tx.ColDefEN, w.tx.ColTerms, w.tx.ColExclude, w.tx.ColUnlessNear, w.tx.ColOnlyNear,
		w.tx.ColNearWindow, w.tx.ColColor, w.tx.ColInCodebook)
	seen := map[string]bool{}
	if w.cb != nil {
		for _, c := range w.cb.Codes {
			seen[c.ID] = true
			var near any
			if c.NearWindow > 0 {
				near = c.NearWindow
			}
			s.row(c.ID, string(c.Category), c.Parent, c.Label.NL, c.Label.EN, c.Definition.NL, c.Definition.EN,
				termsCell(c.Terms), strings.Join(c.Exclude, "; "), strings.Join(c.UnlessNear, "; "),
				strings.Join(c.OnlyNear, "; "), near, c.Color, w.tx.Yes)
		}
	}
	for _, c := range v.r.Codes {
		if seen[c.ID] {
			continue
		}
		in := w.tx.No
		if c.InCodebook {
			in = w.tx.Yes
		}
		s.row(c.ID, string(c.Category), c.Parent, c.Label.NL, c.Label.EN, nil, nil, nil, nil, nil, nil, nil, c.Color, in)
	}
	s.freeze = 1
	return s.done(true)
}

// termsCell writes a code's terms, one per line, options in braces with
// their YAML names: "meester {whole_word}", "mijn moeder {roles: parent}".
func termsCell(terms []analysis.TermSpec) string {
	lines := make([]string, len(terms))
	for i, t := range terms {
		var opts []string
		if t.WholeWord {
			opts = append(opts, "whole_word")
		}
		if t.Exact {
			opts = append(opts, "exact")
		}
		if len(t.Roles) > 0 {
			opts = append(opts, "roles: "+strings.Join(t.Roles, ", "))
		}
		if len(t.UnlessNear) > 0 {
			opts = append(opts, "unless_near: "+strings.Join(t.UnlessNear, ", "))
		}
		if len(t.OnlyNear) > 0 {
			opts = append(opts, "only_near: "+strings.Join(t.OnlyNear, ", "))
		}
		lines[i] = t.Term
		if len(opts) > 0 {
			lines[i] += " {" + strings.Join(opts, "; ") + "}"
		}
	}
	return strings.Join(lines, "\n")
}

// writeVariables writes the cases with their metadata and variables.
func (w *WorkbookWriter) writeVariables(sheet string, v *view) error {
	s := w.newSheetWriter(sheet)
	vars := v.r.Corpus.Variables
	head := []any{w.tx.ColCase, w.tx.ColWijk, w.tx.ColWaves, w.tx.ColDocCount, w.tx.ColDocuments,
		w.tx.ColRoles, w.tx.ColSegmentsOwn, w.tx.ColSegmentsAll, w.tx.ColWords}
	for _, name := range vars {
		head = append(head, name)
	}
	s.widths(12, 16, 10, 10, 40, 24, 12, 12, 10)
	for i := range vars {
		s.width(10+i, 16)
	}
	s.wrapCols(5)
	s.header(head...)
	for _, c := range v.r.Corpus.Cases {
		roles := make([]string, len(c.Roles))
		for i, r := range c.Roles {
			roles[i] = v.tx.role(r)
		}
		row := []any{c.ID, strings.Join(c.Wijks, ", "), strings.Join(c.Waves, ", "), len(c.Documents),
			strings.Join(c.Documents, "\n"), strings.Join(roles, ", "), c.Segments.Own, c.Segments.Total(), c.Words}
		for _, name := range vars {
			row = append(row, typedValue(c.Variables[name]))
		}
		s.row(row...)
	}
	s.freeze = 1
	return s.done(true)
}

// writeDocuments writes the documents with their metadata and counts.
func (w *WorkbookWriter) writeDocuments(sheet string, v *view) error {
	s := w.newSheetWriter(sheet)
	s.widths(30, 12, 14, 8, 16, 8, 12, 10, 9, 12, 12, 12, 12)
	s.header(w.tx.ColDoc, w.tx.ColCase, w.tx.ColKind, w.tx.ColFormat, w.tx.ColWijk, w.tx.ColWave, w.tx.ColDate,
		w.tx.ColWords, w.tx.ColTurns, w.tx.ColSegmentsOwn, w.tx.ColSegmentsAll, w.tx.ColCodingsOwn, w.tx.ColCodingsAll)
	for _, d := range v.r.Corpus.Documents {
		s.row(d.ID, d.Case, v.tx.kind(d.Kind), d.Format, d.Wijk, typedValue(d.Wave), typedValue(d.Date),
			d.Words, d.Turns, d.Segments.Own, d.Segments.Total(), d.Codings.Own, d.Codings.Total())
	}
	return s.done(true)
}

// isoDate matches an ISO 8601 calendar date, optionally with a time.
// isISODate reports whether t is an ISO date, optionally with a time:
// 2006-01-02, 2006-01-02T15:04, 2006-01-02 15:04, with :05 seconds
// (ASCII digits; the regular expression in the tests is the reference).
func isISODate(t string) bool {
	digits := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
		return true
	}
	if len(t) != 10 && len(t) != 16 && len(t) != 19 {
		return false
	}
	if !digits(t[0:4]) || t[4] != '-' || !digits(t[5:7]) || t[7] != '-' || !digits(t[8:10]) {
		return false
	}
	if len(t) == 10 {
		return true
	}
	if (t[10] != 'T' && t[10] != ' ') || !digits(t[11:13]) || t[13] != ':' || !digits(t[14:16]) {
		return false
	}
	return len(t) == 16 || t[16] == ':' && digits(t[17:19])
}

// isPlainNumber reports whether t is a plain decimal number: an optional
// minus, 0 or up to 15 digits without a leading zero, and optionally a
// point and digits.
func isPlainNumber(t string) bool {
	t = strings.TrimPrefix(t, "-")
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	whole := t[:i]
	if whole == "" || len(whole) > 15 || len(whole) > 1 && whole[0] == '0' {
		return false
	}
	if i == len(t) {
		return true
	}
	if t[i] != '.' || i+1 == len(t) {
		return false
	}
	for _, c := range []byte(t[i+1:]) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// typedValue returns s as a date when it is an ISO date, as a number when
// it is a plain decimal number without a leading zero (so "0612" and
// postcodes stay text), else as the string; "" gives nil (an empty cell).
func typedValue(s string) any {
	t := strings.TrimSpace(s)
	if t == "" {
		return nil
	}
	if isISODate(t) {
		for _, layout := range []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
			if d, err := time.Parse(layout, t); err == nil {
				return d
			}
		}
	}
	if isPlainNumber(t) {
		if n, err := strconv.Atoi(t); err == nil {
			return n
		}
		if x, err := strconv.ParseFloat(t, 64); err == nil {
			return x
		}
	}
	return s
}

// writeOverview writes the overview: the material, codebook, settings,
// skipped files, the legend of sheets and review columns, notes; a table of
// own-voice mentions per code and per category with a chart of each.
func (w *WorkbookWriter) writeOverview(sheet string, v *view) error {
	s := w.newSheetWriter(sheet)
	tx, r, m := w.tx, v.r, v.m
	s.widths(24, 36, 70)
	s.wrapCols(3)
	s.header(tx.ColSection, tx.ColItem, tx.ColValue)
	sec := func(name string) func(item string, val any) {
		return func(item string, val any) { s.row(styled{name, w.st.bold}, item, val) }
	}
	add := sec(tx.SecCorpus)
	add(v.tx.Cases, len(r.Corpus.Cases))
	add(v.tx.Documents, len(r.Corpus.Documents))
	for _, k := range r.Corpus.ByKind {
		add(fmt.Sprintf(tx.ItemDocsOfKindF, v.tx.kind(k.Kind)), k.Documents)
	}
	add(v.tx.Words, r.Corpus.Words)
	for _, vc := range voices() {
		add(fmt.Sprintf(v.tx.SegmentsOfVoiceF, v.tx.voice(vc)), r.Corpus.Segments.Get(vc))
	}
	for _, vc := range voices() {
		add(fmt.Sprintf(v.tx.CodingsOfVoiceF, v.tx.voice(vc)), r.Corpus.Codings.Get(vc))
	}
	add(tx.ItemCodingsTotal, r.Corpus.Codings.Total())
	if r.Corpus.Orphans > 0 {
		add(tx.ItemOrphans, r.Corpus.Orphans)
	}

	add = sec(tx.SecCodebook)
	cbi := r.Codebook
	title := cbi.Title.NL
	if w.lang == LangEN && cbi.Title.EN != "" || title == "" {
		title = cbi.Title.EN
	}
	add(tx.ItemTitle, title)
	add(tx.ItemID, cbi.ID)
	add(tx.ItemVersion, cbi.Version)
	file, sha, ncodes := cbi.File, "", len(r.Codes)
	if m != nil && m.Codebook != nil {
		if m.Codebook.File != "" {
			file = m.Codebook.File
		}
		sha, ncodes = m.Codebook.SHA256, m.Codebook.Codes
	}
	add(tx.ItemFile, file)
	add(tx.ItemSHA, sha)
	add(tx.ItemCodes, ncodes)

	add = sec(tx.SecSettings)
	unit := v.setting("corpus.segment_unit")
	if unit != "" {
		add(tx.ItemUnit, v.tx.unit(unit))
	}
	add(tx.ItemWindow, r.Options.Window)
	add(tx.ItemQuotesPerCell, r.Options.QuotesPerCell)
	add(tx.ItemLanguage, string(w.lang))
	if m != nil {
		add(tx.ItemTool, strings.TrimSpace(m.Tool.Name+" "+m.Tool.Version))
		cfg := tx.Defaults
		if m.Config.File != "" {
			cfg = m.Config.File
		}
		if m.Config.SHA256 != "" {
			cfg += " (SHA-256 " + m.Config.SHA256 + ")"
		}
		add(tx.ItemConfig, cfg)
		add(tx.ItemInput, m.Input.Source)
		for _, kv := range flattenSettings("", m.Config.Settings) {
			add(kv[0], typedValue(kv[1]))
		}
	}

	add = sec(tx.SecSkipped)
	skipped := 0
	if m != nil {
		for _, sk := range m.Skipped {
			add(sk.File, sk.Reason)
			skipped++
		}
	}
	if skipped == 0 {
		add(tx.NoneSkipped, nil)
	}
	if m != nil && len(m.Warnings) > 0 {
		add = sec(tx.SecWarnings)
		for _, x := range m.Warnings {
			add("", x)
		}
	}

	add = sec(tx.SecNotes)
	_, left := frameworkCodes(r)
	if left > 0 {
		add(w.names.get(tx.SheetFramework), fmt.Sprintf(tx.FrameworkLeftOutF, left))
	}
	for _, ss := range []*streamSheet{w.codings, w.segments} {
		for i := 1; i < len(ss.parts); i++ {
			add(ss.parts[i-1], fmt.Sprintf(tx.ContinuedF, ss.parts[i-1], ss.parts[i], w.rowLimit))
		}
	}
	add(v.tx.LimitsHeading, v.tx.LimitCounts)
	add(v.tx.LimitsHeading, v.tx.LimitVoices)

	add = sec(tx.SecSheets)
	for _, x := range [][2]string{
		{tx.SheetOverview, tx.DescOverview}, {tx.SheetFramework, tx.DescFramework},
		{tx.SheetFrameworkRole, tx.DescFrameworkRole}, {tx.SheetCodings, tx.DescCodings},
		{tx.SheetSegments, tx.DescSegments}, {tx.SheetCooccur, fmt.Sprintf(tx.DescCooccurF, r.Options.Window)},
		{tx.SheetBridges, tx.DescBridges}, {tx.SheetQualities, tx.DescQualities}, {tx.SheetHelp, tx.DescHelp},
		{tx.SheetEmergent, tx.DescEmergent}, {tx.SheetCodebook, tx.DescCodebook},
		{tx.SheetVariables, tx.DescVariables}, {tx.SheetDocuments, tx.DescDocuments},
	} {
		add(w.names.get(x[0]), x[1])
	}
	add = sec(tx.SecColumns)
	for _, x := range w.columnDocs() {
		add(x[0], x[1])
	}
	if s.err != nil {
		return s.err
	}
	listEnd := s.r
	if err := w.overviewCharts(s, v); err != nil {
		return err
	}
	// The filter covers the list in A:C only.
	s.ncols, s.r = 3, listEnd
	return s.done(true)
}

// voices lists the voices in report order.
func voices() []corpus.Voice {
	return []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther}
}

// columnDocs explains every column of the review sheets.
func (w *WorkbookWriter) columnDocs() [][2]string {
	t := w.tx
	desc := map[string]string{
		"doc": t.ColDocDesc, "case": t.ColCaseDesc, "speaker": t.ColSpeakerDesc, "role": t.ColRoleDesc,
		"voice": t.ColVoiceDesc, "segment": t.ColSegmentDesc, "start": t.ColStartDesc, "end": t.ColEndDesc,
		"code": t.ColCodeDesc, "category": t.ColCategoryDesc, "term": t.ColTermDesc, "negated": t.ColNegatedDesc,
		"source": t.ColSourceDesc, "text": t.ColTextDesc, "rule": t.ColRuleDesc, "how": t.ColHowDesc,
		"neg_cue": t.ColNegCueDesc, "line": t.ColLineDesc, "time": t.ColTimeDesc, "quote": t.ColQuoteDesc,
		"location": t.ColLocationDesc, ColDecision: t.ColDecisionDesc, ColNewCode: t.ColNewCodeDesc,
		ColComment: t.ColCommentDesc, ColAddCode: t.ColAddCodeDesc,
	}
	var out [][2]string
	seen := map[string]bool{}
	for _, h := range append(XLSXCodingsHeader(), XLSXSegmentsHeader()...) {
		if !seen[h] {
			seen[h] = true
			out = append(out, [2]string{h, desc[h]})
		}
	}
	return out
}

// flattenSettings lists nested settings as dotted keys with values,
// sorted by key.
func flattenSettings(prefix string, m map[string]any) [][2]string {
	var out [][2]string
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch x := m[k].(type) {
		case map[string]any:
			out = append(out, flattenSettings(key, x)...)
		case []any:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = fmt.Sprint(p)
			}
			out = append(out, [2]string{key, strings.Join(parts, ", ")})
		case []string:
			out = append(out, [2]string{key, strings.Join(x, ", ")})
		case nil:
			out = append(out, [2]string{key, ""})
		default:
			out = append(out, [2]string{key, fmt.Sprint(x)})
		}
	}
	return out
}

// overviewCharts writes the own-voice mentions per code (E:I) and per
// category (K:L) next to the list, and a bar chart of each to the right.
func (w *WorkbookWriter) overviewCharts(s *sheetWriter, v *view) error {
	tx, r, f, sheet := w.tx, v.r, w.f, s.name
	for i, wd := range []float64{3, 32, 14, 12, 12, 10, 3, 26, 12} {
		s.width(4+i, wd)
	}
	s.set(5, 1, styled{tx.ColCodeLabel, w.st.header})
	s.set(6, 1, styled{tx.ColCategory, w.st.header})
	s.set(7, 1, styled{tx.ColOwnMentions, w.st.header})
	s.set(8, 1, styled{tx.ColOwnNegated, w.st.header})
	s.set(9, 1, styled{tx.ColOwnFamilies, w.st.header})
	byCat := map[analysis.Category]int{}
	for i, cs := range r.CodeStats {
		row := i + 2
		s.set(5, row, v.label(cs.Code))
		s.set(6, row, v.tx.category(cs.Category))
		s.set(7, row, cs.Counts.Own.Mentions)
		s.set(8, row, cs.Counts.Own.Negated)
		s.set(9, row, len(cs.Cases))
		byCat[cs.Category] += cs.Counts.Own.Mentions
	}
	s.set(11, 1, styled{tx.ColCategory, w.st.header})
	s.set(12, 1, styled{tx.ColOwnMentions, w.st.header})
	for i, c := range analysis.Categories {
		s.set(11, i+2, v.tx.categoryPlural(c))
		s.set(12, i+2, byCat[c])
	}
	if s.err != nil {
		return s.err
	}
	q := quoteSheet(sheet)
	n := len(r.CodeStats)
	if n > 0 {
		err := f.AddChart(sheet, "N2", &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name:       fmt.Sprintf("%s!$G$1", q),
				Categories: fmt.Sprintf("%s!$E$2:$E$%d", q, n+1),
				Values:     fmt.Sprintf("%s!$G$2:$G$%d", q, n+1),
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: tx.ChartCodesTitle}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			Dimension: excelize.ChartDimension{Width: 640, Height: uint(min(200+18*n, 2000))},
			YAxis:     excelize.ChartAxis{MajorGridLines: true},
			XAxis:     excelize.ChartAxis{ReverseOrder: true},
		})
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
	}
	nc := len(analysis.Categories)
	return f.AddChart(sheet, "X2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       fmt.Sprintf("%s!$L$1", q),
			Categories: fmt.Sprintf("%s!$K$2:$K$%d", q, nc+1),
			Values:     fmt.Sprintf("%s!$L$2:$L$%d", q, nc+1),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: tx.ChartCatTitle}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		Dimension: excelize.ChartDimension{Width: 560, Height: 360},
	})
}
