package reports

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// This file renders a document's rows of the streamed Codings and
// Segments sheets (WorkbookWriter.Render), the part of the workbook that
// grows with the corpus, and appends them (AddRendered). Rendering is
// pure and may run on any goroutine; only the row numbers (and so the
// continuation sheets) depend on the documents added before, and they are
// filled in when the rows are appended.

// RenderedDoc is a document's rows of the Codings and Segments sheets as
// WorkbookWriter.Render makes them: worksheet XML without the row numbers.
// It belongs to the writer that rendered it, and is used up by
// AddRendered.
type RenderedDoc struct {
	w                 *WorkbookWriter
	id                string // the document's ID, for errors
	segments, codings renderedRows
	// strs holds the texts of both sheets' shared-string cells.
	strs docStrings
	// pending counts the sheets' goroutines yet to write the rows; the
	// last one recycles the RenderedDoc.
	pending atomic.Int32
	// sc is Render's scratch, kept for the next Render.
	sc renderScratch
}

// renderedRows is rows' worksheet XML without their row numbers and the
// ends of their shared-string cells: row i starts at rows[i].start in xml
// and what is missing goes at the holes holes[rows[i].hole:rows[i+1].hole]:
// the row's number (in <row r="…"> and in each cell's reference), or the
// rest of a shared-string cell.
type renderedRows struct {
	xml   []byte
	holes []rowHole
	rows  []rowMark
	// spans says where the rows go, once placed (streamSheet.place).
	spans []rowSpan
	// strs numbers the texts of the shared-string cells (the
	// RenderedDoc's, for both sheets). recent holds, per column, the last
	// text written with shared and its number, which spares a lookup when
	// a column repeats its value; emptied when Render ends.
	strs   *docStrings
	recent []recentText
}

type rowMark struct{ start, hole int }

// rowHole is a place in renderedRows.xml that is filled in when the row
// is written: with the row's number when str < 0, else with the rest of a
// cell holding the document's text str (docStrings.cell).
type rowHole struct {
	at  int
	str int32
}

type recentText struct {
	text string
	id   int32
}

// rowSpan is a run of rows placed in a sheet part: n rows into data,
// numbered from first on.
type rowSpan struct {
	data     *sheetRows
	first, n int
}

func (r *renderedRows) reset() {
	r.xml, r.holes, r.rows, r.spans = r.xml[:0], r.holes[:0], r.rows[:0], r.spans[:0]
	clear(r.recent)
}

// beginRow starts a row h points high (0: the default height).
func (r *renderedRows) beginRow(h float64) {
	r.rows = append(r.rows, rowMark{start: len(r.xml), hole: len(r.holes)})
	r.xml = append(r.xml, `<row r="`...)
	r.holes = append(r.holes, rowHole{at: len(r.xml), str: -1})
	r.xml = append(r.xml, '"')
	if h > 0 {
		r.xml = append(r.xml, ` ht="`...)
		r.xml = appendHeight(r.xml, h)
		r.xml = append(r.xml, `" customHeight="1"`...)
	}
	r.xml = append(r.xml, '>')
}

// appendHeight appends the row height h (points) as
// strconv.AppendFloat(b, h, 'f', -1, 64) does, whole heights (all that
// rowHeight gives) more cheaply.
func appendHeight(b []byte, h float64) []byte {
	if n := int64(h); float64(n) == h && 0 <= n && n <= maxRowHeight {
		return strconv.AppendInt(b, n, 10)
	}
	return strconv.AppendFloat(b, h, 'f', -1, 64)
}

func (r *renderedRows) endRow() { r.xml = append(r.xml, `</row>`...) }

// cell starts the cell of 0-based column i of s, of the kind of kinds
// (s.cellShared, s.cellNum, s.cellBool or s.cellInline), up to its value,
// with a hole for its row number.
func (r *renderedRows) cell(s *streamSheet, i int, kinds []string) {
	r.holes = append(r.holes, rowHole{at: len(r.xml) + s.refEnd[i], str: -1})
	r.xml = append(r.xml, kinds[i]...)
}

// str writes text as an inline string in column i; "" is an empty cell.
func (r *renderedRows) str(s *streamSheet, i int, text string) {
	if text == "" {
		return
	}
	r.cell(s, i, s.cellInline)
	r.xml = appendInlineStrText(r.xml, text)
}

// shared writes text in column i as a shared string; "" is an empty
// cell. The cell ends when the row is written, with the text's index in
// the workbook's shared strings, or the text as an inline string when the
// table is full (sharedStrings.resolve).
func (r *renderedRows) shared(s *streamSheet, i int, text string) {
	if text == "" {
		return
	}
	r.cell(s, i, s.cellShared)
	if i >= len(r.recent) {
		r.recent = append(r.recent, make([]recentText, i+1-len(r.recent))...)
	}
	c := &r.recent[i]
	if c.text != text {
		c.text, c.id = text, r.strs.id(text)
	}
	r.holes = append(r.holes, rowHole{at: len(r.xml), str: c.id})
}

// strBytes is str for text held in a buffer.
func (r *renderedRows) strBytes(s *streamSheet, i int, text []byte) {
	if len(text) == 0 {
		return
	}
	r.cell(s, i, s.cellInline)
	r.xml = appendInlineStrText(r.xml, text)
}

// int writes n as a number in column i.
func (r *renderedRows) int(s *streamSheet, i int, n int) {
	r.cell(s, i, s.cellNum)
	r.xml = strconv.AppendInt(r.xml, int64(n), 10)
	r.xml = append(r.xml, `</v></c>`...)
}

// line writes a source line as a number, or nothing for 0 (no location).
func (r *renderedRows) line(s *streamSheet, i int, n int) {
	if n > 0 {
		r.int(s, i, n)
	}
}

// bool writes v as a boolean in column i.
func (r *renderedRows) bool(s *streamSheet, i int, v bool) {
	r.cell(s, i, s.cellBool)
	if v {
		r.xml = append(r.xml, `1</v></c>`...)
	} else {
		r.xml = append(r.xml, `0</v></c>`...)
	}
}

// renderScratch holds a render's reused buffers.
type renderScratch struct {
	runes []rune
	ctx   []byte // a coding's quote
	loc   []byte // a coding's location, past its document's ID
	// doc is the last document ID escaped, for the cells that start
	// with one (segment IDs, locations).
	doc escapedText
	// segText is, per segment of the document, where the end of its text
	// cell (after inlineStrHead) is in the Segments rows' XML, for the
	// codings of the segment to copy (empty when the text was cut), and
	// whether the text is plain (plainText).
	segText []segCell
}

// segCell is segText's entry for a segment.
type segCell struct {
	xmlSpan
	plain bool
}

// xmlSpan is the part [start, end) of a buffer of XML.
type xmlSpan struct{ start, end int }

// Render renders doc's segments as rows of the Segments sheet and codings
// as rows of the Codings sheet, exactly as AddDocument writes them, for
// AddRendered. It only reads w's settings, doc and codings, so it is safe
// to call from several goroutines at once, also while AddDocument or
// AddRendered run; doc and codings are not kept. doc may be nil when only
// codings are rendered.
func (w *WorkbookWriter) Render(doc *corpus.Document, codings []analysis.Coding) *RenderedDoc {
	rd, _ := w.renders.Get().(*RenderedDoc)
	if rd == nil {
		rd = &RenderedDoc{}
	}
	rd.w, rd.id = w, ""
	if doc != nil {
		rd.id = doc.ID
	}
	rd.segments.reset()
	rd.codings.reset()
	rd.strs.reset()
	rd.segments.strs, rd.codings.strs = &rd.strs, &rd.strs
	sc := &rd.sc
	sc.segText = sc.segText[:0]
	if doc != nil {
		w.renderSegments(&rd.segments, doc, sc)
	}
	w.renderCodings(&rd.codings, doc, codings, &rd.segments, sc)
	// Keep nothing of doc and codings: the texts are copied in rd.strs.
	rd.strs.forget()
	clear(rd.segments.recent)
	clear(rd.codings.recent)
	return rd
}

// AddRendered appends a document rendered by this writer's Render: its
// segments to the Segments sheet and its codings to the Codings sheet,
// after the rows of the documents added before (by AddDocument or
// AddRendered), so documents must be added in the order wanted. It takes
// rd over: the caller must not use rd afterwards. The rows are numbered
// and deflated on the writer's goroutines (one per sheet), so the call
// itself is cheap (it waits only when they are 16 documents behind);
// like AddDocument, it returns an earlier document's error, the rest by a
// later call or by Close.
func (w *WorkbookWriter) AddRendered(rd *RenderedDoc) error {
	if rd == nil || rd.w != w {
		return errors.New("workbook: AddRendered of a document not rendered by this writer")
	}
	return w.enqueue(workbookJob{rendered: rd})
}

// renderSegments renders doc's segments, noting in sc.segText where their
// texts are.
func (w *WorkbookWriter) renderSegments(out *renderedRows, doc *corpus.Document, sc *renderScratch) {
	s := w.segments
	for _, seg := range doc.Segments {
		var t corpus.Turn
		if seg.Turn >= 0 && seg.Turn < len(doc.Turns) {
			t = doc.Turns[seg.Turn]
		}
		// A plain text (most are) fits a cell, needs no escaping and
		// holds no line break: its lines are its length per line.
		plain := plainText(seg.Text)
		text, lines := seg.Text, 0
		if plain {
			lines = plainLines(s, 9, len(text))
		} else {
			text = clipCell(seg.Text, s.marker)
			lines = wrappedLines(s, 9, text)
		}
		out.beginRow(heightOfLines(lines))
		out.shared(s, 0, doc.ID)
		out.shared(s, 1, doc.Meta.Case)
		out.shared(s, 2, t.Speaker)
		out.shared(s, 3, t.Role)
		out.shared(s, 4, string(t.Voice))
		out.idCell(s, 5, doc.ID, seg.ID, &sc.doc)
		out.int(s, 6, seg.Span.Start)
		out.int(s, 7, seg.Span.End)
		cell := segCell{plain: plain}
		if text != "" {
			out.cell(s, 8, s.cellInline)
			cell.start = len(out.xml)
			if plain {
				out.xml = appendInlineStrPlain(out.xml, text)
			} else {
				out.xml = appendInlineStrText(out.xml, text)
			}
			cell.end = len(out.xml)
			if text != seg.Text {
				cell.start = cell.end // cut, with this sheet's marker
			}
		}
		sc.segText = append(sc.segText, cell)
		out.line(s, 9, seg.Line)
		out.str(s, 10, seg.Time)
		out.endRow()
	}
}

// renderCodings renders codings, of doc (which may be nil), copying the
// text cells of their segments from segs (sc.segText) where they are the
// same.
func (w *WorkbookWriter) renderCodings(out *renderedRows, doc *corpus.Document, codings []analysis.Coding, segs *renderedRows, sc *renderScratch) {
	s := w.codings
	for i := range codings {
		k := &codings[i]
		// The segment's text cell, when the text is the segment's; a
		// plain text (plainText) is neither cut nor escaped, and neither
		// is its context, but for the marks of the evidence and cuts.
		var seg *segCell
		if n := k.SegN; n >= 1 && n <= len(sc.segText) && doc.Segments[n-1].Text == k.Text {
			seg = &sc.segText[n-1]
		}
		var plain bool
		if seg != nil {
			plain = seg.plain
		} else {
			plain = plainText(k.Text)
		}
		text := k.Text
		var same xmlSpan // of the segment's text cell, when the same
		var textLines, ctxLines int
		if plain {
			textLines = plainLines(s, 14, len(text))
		} else {
			text = clipCell(k.Text, s.marker)
			textLines = wrappedLines(s, 14, text)
		}
		if seg != nil && text == k.Text {
			same = seg.xmlSpan
		}
		ctxPlain := false
		if plain {
			var chars int
			sc.ctx, chars = appendPlainContext(sc.ctx[:0], doc, k)
			if len(sc.ctx) <= excelize.TotalCellChars {
				ctxPlain, ctxLines = true, plainLines(s, 20, chars)
			}
		}
		if !ctxPlain {
			sc.ctx = clipCellBytes(appendCodingContext(sc.ctx[:0], doc, k, &sc.runes), s.marker)
			ctxLines = wrappedLines(s, 20, sc.ctx)
		}
		out.beginRow(heightOfLines(max(textLines, ctxLines)))
		out.shared(s, 0, k.Doc)
		out.shared(s, 1, k.Case)
		out.shared(s, 2, k.Speaker)
		out.shared(s, 3, k.Role)
		out.shared(s, 4, string(k.Voice))
		out.idCell(s, 5, k.Doc, k.Segment, &sc.doc)
		out.int(s, 6, k.Start)
		out.int(s, 7, k.End)
		out.shared(s, 8, k.Code)
		out.shared(s, 9, string(k.Category))
		out.shared(s, 10, k.Term)
		out.bool(s, 11, k.Negated)
		out.shared(s, 12, k.Source)
		switch {
		case same.start < same.end:
			out.cell(s, 13, s.cellInline)
			out.xml = append(out.xml, segs.xml[same.start:same.end]...)
		case plain && text != "":
			out.cell(s, 13, s.cellInline)
			out.xml = appendInlineStrPlain(out.xml, text)
		default:
			out.str(s, 13, text)
		}
		out.shared(s, 14, k.Rule)
		out.shared(s, 15, k.How)
		out.shared(s, 16, k.NegCue)
		out.line(s, 17, k.Line)
		out.str(s, 18, k.Time)
		if ctxPlain && len(sc.ctx) > 0 {
			out.cell(s, 19, s.cellInline)
			out.xml = appendInlineStrPlain(out.xml, sc.ctx)
		} else {
			out.strBytes(s, 19, sc.ctx)
		}
		// The location (appendLocation): "doc@time", "doc:line" or the
		// segment ID.
		switch {
		case k.Time != "" || k.Line > 0:
			sc.loc = sc.loc[:0]
			if k.Time != "" {
				sc.loc = append(append(sc.loc, '@'), k.Time...)
			} else {
				sc.loc = strconv.AppendInt(append(sc.loc, ':'), int64(k.Line), 10)
			}
			joinedCell(out, s, 20, k.Doc, sc.loc, &sc.doc)
		default:
			out.idCell(s, 20, k.Doc, k.Segment, &sc.doc)
		}
		out.endRow()
	}
}

// plainText reports whether s is plain: printable ASCII (0x20 to 0x7e)
// but & < > and _, no two spaces together, and short enough for a cell
// (its bytes are its UTF-16 units). Such a text is its own XML character
// data (appendXMLText copies it as it is), its code points are its
// bytes, it holds no line break, so the lines it takes are its length
// per line (plainLines), and it is spaced words (spacedWords), so joined
// it is itself but for a space at either end.
func plainText(s string) bool {
	if len(s) > excelize.TotalCellChars {
		return false
	}
	i := 0
	for ; i+8 <= len(s); i += 8 {
		// xmlSpecial's bytes, and 0x7f.
		w := load64(s, i)
		del := w ^ (lowBits * 0x7f)
		if xmlSpecial(w)|(del-lowBits)&^del&highBits != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '_' {
			return false
		}
	}
	return !strings.Contains(s, "  ")
}

// plainLines is wrappedLines(s, col, text) for a text without line
// breaks of chars code points (a plain text's length, say).
func plainLines(s *streamSheet, col int, chars int) int {
	if chars == 0 || col > len(s.widths) || !containsInt(s.wrap, col) {
		return 1
	}
	per := max(int(s.widths[col-1]*1.2), 1) // as textLines
	return max(1, (chars+per-1)/per)
}

// appendInlineStrPlain is appendInlineStrText for a text, not empty,
// that is its own XML character data and fits a cell: a plain text
// (plainText), or a context made of one.
func appendInlineStrPlain[T string | []byte](b []byte, text T) []byte {
	if text[0] == ' ' || text[len(text)-1] == ' ' {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = append(b, text...)
	return append(b, `</t></is></c>`...)
}

// wrappedLines returns the lines text takes in 1-based column col of s
// when the column wraps its text, else 1 (see rowHeight).
func wrappedLines[T string | []byte](s *streamSheet, col int, text T) int {
	if len(text) == 0 || col > len(s.widths) || !containsInt(s.wrap, col) {
		return 1
	}
	return textLines(text, s.widths[col-1])
}

// heightOfLines is rowHeight's result for a row whose wrapped cells take
// at most most lines.
func heightOfLines(most int) float64 {
	if most <= 1 {
		return 0
	}
	return min(float64(most)*lineHeight, maxRowHeight)
}

// place gives rr's rows their parts and numbers, after the rows placed
// before, opening the next part when the current one is full.
func (s *streamSheet) place(rr *renderedRows) error {
	p := len(s.parts) - 1
	for left := len(rr.rows); left > 0; {
		if s.last[p] >= s.w.rowLimit {
			name := s.w.names.name(s.base + " (" + strconv.Itoa(len(s.parts)+1) + ")")
			if err := s.open(name); err != nil {
				return err
			}
			p++
		}
		n := min(left, s.w.rowLimit-s.last[p])
		rr.spans = append(rr.spans, rowSpan{data: s.data[p], first: s.last[p] + 1, n: n})
		s.last[p] += n
		s.rows += n
		left -= n
	}
	return nil
}

// writeJobs writes the rows of the documents of s.jobs, in order, until it
// is closed, then closes s.done. After an error (kept as the writer's) it
// only drains s.jobs.
func (s *streamSheet) writeJobs() {
	defer close(s.done)
	w := s.w
	for rd := range s.jobs {
		rr := &rd.segments
		if s == w.codings {
			rr = &rd.codings
		}
		if w.asyncErr() == nil {
			if err := s.writeRows(rr, &rd.strs); err != nil {
				w.fail(rd.id, err)
			}
		}
		if rd.pending.Add(-1) == 0 {
			w.renders.Put(rd)
		}
	}
}

// writeRows fills in the numbers and shared-string cells (their texts in
// strs, resolved) of rr's placed rows and deflates them into their parts.
func (s *streamSheet) writeRows(rr *renderedRows, strs *docStrings) error {
	b := s.xml[:0] // a local copy: no write barrier per append
	refs := 0
	i := 0 // the next row
	for _, sp := range rr.spans {
		var n int
		b, n = rr.fill(b, strs, i, sp.n, sp.first)
		refs += n
		i += sp.n
		err := sp.data.write(b)
		b = b[:0]
		if err != nil {
			s.xml = b
			return err
		}
	}
	s.xml = b
	s.refs += int64(refs)
	return nil
}

// fill appends rows i to i+n-1 of rr to b, numbered from first on, their
// holes filled in: the row number, or the rest of a shared-string cell
// (strs resolved). It returns b and the number of cells written as
// shared strings. Row numbers have at most 7 digits (Excel's 1,048,576
// rows; newWorkbook allows no more).
//
// It is the straightforward loop of appends (refFill in the tests), made
// cheaper for the many short pieces between holes (a cell's start and
// style, a shared string's index): room for a whole row is made at once,
// the number is stored as one 8-byte word, and a piece or cell of up to
// 32 bytes as four, advancing by its length only (the bytes stored past
// it are overwritten next, or lie past the row in the room made).
func (rr *renderedRows) fill(b []byte, strs *docStrings, i, n, first int) ([]byte, int) {
	// slot is the most a hole may store; room is kept for a 32-byte
	// store at the end.
	slot := max(32, strs.maxCell)
	xml, holes, rows := rr.xml, rr.holes, rr.rows
	refs := 0
	var num [8]byte
	for k := range n {
		nd := len(strconv.AppendInt(num[:0], int64(first+k), 10))
		word := binary.LittleEndian.Uint64(num[:])
		m := rows[i+k]
		end, hend := len(xml), len(holes)
		if i+k+1 < len(rows) {
			next := rows[i+k+1]
			end, hend = next.start, next.hole
		}
		rh := holes[m.hole:hend]
		if need := end - m.start + len(rh)*slot + 32; cap(b)-len(b) < need {
			b = slices.Grow(b, need)
		}
		p := len(b)
		out := b[:cap(b)]
		at := m.start
		for _, h := range rh {
			if piece := h.at - at; piece <= 32 && at+32 <= len(xml) {
				copy32(out[p:], xml[at:])
				p += piece
			} else {
				p += copy(out[p:], xml[at:h.at])
			}
			if h.str < 0 {
				binary.LittleEndian.PutUint64(out[p:], word)
				p += nd
			} else {
				cell, shared := strs.cell(h.str)
				if len(cell) <= 32 && cap(cell) >= 32 {
					copy32(out[p:], cell[:32])
					p += len(cell)
				} else {
					p += copy(out[p:], cell)
				}
				if shared {
					refs++
				}
			}
			at = h.at
		}
		p += copy(out[p:], xml[at:end])
		b = out[:p]
	}
	return b, refs
}

// copy32 copies the first 32 bytes of src to dst, as four 8-byte words.
func copy32(dst, src []byte) {
	_, _ = dst[31], src[31]
	le := binary.LittleEndian
	le.PutUint64(dst, le.Uint64(src))
	le.PutUint64(dst[8:], le.Uint64(src[8:]))
	le.PutUint64(dst[16:], le.Uint64(src[16:]))
	le.PutUint64(dst[24:], le.Uint64(src[24:]))
}

// escapedText is a text and its XML character data (appendXMLText).
type escapedText struct {
	text string
	xml  []byte
	ok   bool
}

// of returns text's XML character data, made unless it is the last.
func (e *escapedText) of(text string) []byte {
	if !e.ok || e.text != text {
		e.text, e.xml, e.ok = text, appendXMLText(e.xml[:0], text), true
	}
	return e.xml
}

// idCell writes id, an ID that may be doc's ID and a rest after "#" (a
// segment ID), as str does; doc's part is escaped once for the cells
// that start with it (e).
func (r *renderedRows) idCell(s *streamSheet, i int, doc, id string, e *escapedText) {
	if len(doc) > 0 && len(id) > len(doc) && id[len(doc)] == '#' && id[:len(doc)] == doc {
		joinedCell(r, s, i, doc, id[len(doc):], e)
		return
	}
	r.str(s, i, id)
}

// joinedCell writes doc+rest in column i of r as str does, doc's part
// escaped once for the cells that start with it (e). rest must start
// with '#', ':' or '@', so that no escape (_xHHHH_) and no character of
// doc runs on into rest, whose text is escaped on its own. An empty doc,
// or too long a text, is written through str.
func joinedCell[T string | []byte](r *renderedRows, s *streamSheet, i int, doc string, rest T, e *escapedText) {
	if len(doc) == 0 || len(doc)+len(rest) > excelize.TotalCellChars {
		r.str(s, i, doc+string(rest))
		return
	}
	r.cell(s, i, s.cellInline)
	if isXMLSpace(doc[0]) || isXMLSpace(rest[len(rest)-1]) {
		r.xml = append(r.xml, ` xml:space="preserve"`...)
	}
	r.xml = append(r.xml, '>')
	r.xml = append(r.xml, e.of(doc)...)
	if digitsSuffix(rest) {
		r.xml = append(r.xml, rest...) // its own character data
	} else {
		r.xml = appendXMLText(r.xml, rest)
	}
	r.xml = append(r.xml, `</t></is></c>`...)
}

// digitsSuffix reports whether rest is '#' or ':' and one or more ASCII
// digits, as the most common rests of joinedCell are (a segment's number,
// a line): such a text is its own XML character data (appendXMLText
// copies it as it is), checked more cheaply than by appendXMLText.
func digitsSuffix[T string | []byte](rest T) bool {
	if len(rest) < 2 || rest[0] != '#' && rest[0] != ':' {
		return false
	}
	for i := 1; i < len(rest); i++ {
		if c := rest[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// appendCodingContext appends codingContext(doc, k), using *runes as
// scratch for a text that is not ASCII only.
func appendCodingContext(b []byte, doc *corpus.Document, k *analysis.Coding, runes *[]rune) []byte {
	ascii := isASCII(k.Text)
	n := len(k.Text)
	if !ascii {
		n = utf8.RuneCountInString(k.Text)
	}
	start, end := codingSpan(doc, k, n)
	switch {
	case start < 0 && ascii:
		j := spaceJoiner{b: b, start: len(b)}
		joinASCII(&j, k.Text)
		return j.b
	case start < 0:
		j := spaceJoiner{b: b, start: len(b)}
		for _, r := range k.Text {
			j.add(r)
		}
		return j.b
	case ascii:
		return appendContextAroundASCII(b, k.Text, start, end, 100)
	}
	rs := (*runes)[:0]
	for _, r := range k.Text {
		rs = append(rs, r)
	}
	*runes = rs
	return appendContextAround(b, rs, start, end, 100)
}

// codingSpan returns the evidence of k as code-point offsets in k.Text,
// which has n code points: from its segment of doc (which may be nil), or
// else the first place k.Term is found; -1, -1 when neither gives it.
func codingSpan(doc *corpus.Document, k *analysis.Coding, n int) (start, end int) {
	start, end = -1, -1
	if doc != nil && k.SegN >= 1 && k.SegN <= len(doc.Segments) {
		if seg := doc.Segments[k.SegN-1]; seg.ID == k.Segment {
			start, end = k.Start-seg.Span.Start, k.End-seg.Span.Start
		}
	}
	if start < 0 || end > n || start > end {
		start, end = -1, -1
		if k.Term != "" {
			if i := strings.Index(k.Text, k.Term); i >= 0 {
				start = utf8.RuneCountInString(k.Text[:i])
				end = start + utf8.RuneCountInString(k.Term)
			}
		}
	}
	return start, end
}

// appendPlainContext is appendCodingContext for a coding whose text is
// plain (plainText), and returns the code points appended too: the text's
// bytes, and « » and the cut marks …, which are the only characters
// besides.
func appendPlainContext(b []byte, doc *corpus.Document, k *analysis.Coding) ([]byte, int) {
	start, end := codingSpan(doc, k, len(k.Text))
	at := len(b)
	if start < 0 {
		j := spaceJoiner{b: b, start: at}
		joinSpaced(&j, k.Text)
		return j.b, len(j.b) - at
	}
	b = appendContextAroundSpaced(b, k.Text, start, end, 100)
	ctx := b[at:]
	chars := len(ctx) - 2 // « and » take two bytes each
	if bytes.HasPrefix(ctx, []byte("…")) {
		chars -= 2 // three bytes
	}
	if bytes.HasSuffix(ctx, []byte("…")) {
		chars -= 2
	}
	return b, chars
}

// contextBounds returns where the context of [start, end) in a text of n
// characters (code points, or the bytes of ASCII text) starts and ends:
// around characters either side, moved to a word boundary within 20 of
// them (space(i) says whether character i is a space), and whether the
// text is cut there.
func contextBounds(n, start, end, around int, space func(i int) bool) (from, to int, cutL, cutR bool) {
	from, to = start-around, end+around
	cutL, cutR = from > 0, to < n
	if !cutL {
		from = 0
	} else {
		for i := from; i < start && i < from+20; i++ {
			if space(i) {
				from = i + 1
				break
			}
		}
	}
	if !cutR {
		to = n
	} else {
		for i := to; i > end && i > to-20; i-- {
			if space(i - 1) {
				to = i - 1
				break
			}
		}
	}
	return from, to, cutL, cutR
}

// appendContextAround appends contextAround(text, start, end, around).
func appendContextAround(b []byte, text []rune, start, end, around int) []byte {
	from, to, cutL, cutR := contextBounds(len(text), start, end, around, func(i int) bool { return text[i] == ' ' })
	j := spaceJoiner{b: b, start: len(b)}
	if cutL {
		j.add('…')
	}
	j.addAll(text[from:start])
	j.add('«')
	j.addAll(text[start:end])
	j.add('»')
	j.addAll(text[end:to])
	if cutR {
		j.add('…')
	}
	return j.b
}

// appendContextAroundASCII is appendContextAround for a text of ASCII
// characters only (see isASCII), whose code points are its bytes: it
// needs no []rune.
func appendContextAroundASCII(b []byte, text string, start, end, around int) []byte {
	return appendContextASCII(b, text, start, end, around, false)
}

// appendContextAroundSpaced is appendContextAroundASCII for a text of
// spaced words (spacedWords), whose every part is: none needs the test.
func appendContextAroundSpaced(b []byte, text string, start, end, around int) []byte {
	return appendContextASCII(b, text, start, end, around, true)
}

// appendContextASCII is appendContextAroundASCII, its parts joined by
// joinSpaced when spaced is set (the text is spaced words), else by
// joinASCII.
func appendContextASCII(b []byte, text string, start, end, around int, spaced bool) []byte {
	from, to, cutL, cutR := contextBounds(len(text), start, end, around, func(i int) bool { return text[i] == ' ' })
	j := spaceJoiner{b: b, start: len(b)}
	join := func(s string) {
		if spaced {
			joinSpaced(&j, s)
		} else {
			joinASCII(&j, s)
		}
	}
	if cutL {
		j.add('…')
	}
	join(text[from:start])
	j.add('«')
	join(text[start:end])
	j.add('»')
	join(text[end:to])
	if cutR {
		j.add('…')
	}
	return j.b
}

// appendLocation appends the location of segment segment of document doc
// as analysis.Quote.Location makes it: "doc@time" when it has a time, else
// "doc:line", else the segment ID.
func appendLocation(b []byte, doc, segment string, line int, time string) []byte {
	switch {
	case time != "":
		b = append(b, doc...)
		b = append(b, '@')
		return append(b, time...)
	case line > 0:
		b = append(b, doc...)
		b = append(b, ':')
		return strconv.AppendInt(b, int64(line), 10)
	}
	return append(b, segment...)
}

// clipCellBytes is clipCell for text in a buffer: text itself when it
// fits, else a new buffer.
func clipCellBytes(text []byte, marker string) []byte {
	if len(text) <= excelize.TotalCellChars { // bytes >= UTF-16 units: fits
		return text
	}
	return append(text[:0:0], clipCell(string(text), marker)...)
}

// decodeRune decodes the code point at s[i:] as utf8.DecodeRuneInString:
// RuneError and 1 for an invalid encoding. Bytes are decoded in place
// (utf8.DecodeRune), not copied into a string first.
func decodeRune[T string | []byte](s T, i int) (rune, int) {
	switch v := any(s).(type) {
	case string:
		return utf8.DecodeRuneInString(v[i:])
	case []byte:
		return utf8.DecodeRune(v[i:])
	}
	panic("unreachable")
}

// cutUTF16 returns text cut at a character boundary to at most limit
// UTF-16 code units.
func cutUTF16(text string, limit int) string {
	n := 0
	for i, r := range text {
		u := utf16.RuneLen(r)
		if u < 0 {
			u = 1
		}
		if n+u > limit {
			return text[:i]
		}
		n += u
	}
	return text
}
