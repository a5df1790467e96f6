package reports

import (
	"strconv"

	"github.com/xuri/excelize/v2"
)

// This file writes the columns of the streamed Codings and Segments
// sheets whose values repeat (doc, case, speaker, role, voice, code ...)
// as shared strings: a cell holds an index into the workbook's table of
// strings (xl/sharedStrings.xml) instead of the text. It makes the sheets
// about a fifth smaller, and cheaper to deflate and copy.
//
// The indices are fixed when the rows are deflated, long before excelize
// (which writes the header rows and the summary sheets, with shared
// strings of its own) has all its strings. So the streamed sheets' strings
// take the indices 0..k-1, in the order the writer's ordering goroutine
// meets them (document order, never the order documents happen to be
// rendered in), and at Close every excelize index is raised by k and the
// table written with the streamed sheets' strings first
// (addSharedStrings).

// Limits of the streamed sheets' shared strings. The table is held in
// memory until Close; the repeated columns hold a few thousand distinct
// values in a large corpus, but a corpus could make them unbounded (one
// speaker name per line, say). Past either limit, texts not yet in the
// table are written as inline strings.
const (
	// maxSharedStrings is the most distinct texts in the table.
	maxSharedStrings = 1 << 16
	// maxSharedBytes is the most bytes of text in the table.
	maxSharedBytes = 8 << 20
)

// docStrings holds the distinct texts of a rendered document's
// shared-string cells (renderedRows.shared), numbered in the order first
// met: text i is text[ends[i-1]:ends[i]] (from 0 for i = 0). Render fills
// it; the writer's ordering goroutine resolves it (sharedStrings.resolve)
// before the rows are written.
type docStrings struct {
	text []byte
	ends []int
	// index maps a text to its number while the document is rendered;
	// emptied when Render ends (forget), so the document's strings are
	// not kept. seen holds texts found in index, by a cheap hash of theirs
	// (seenSlot), to spare most lookups of the texts that come back often.
	index map[string]int32
	seen  [256]recentText
	// global is, per text, its index in the workbook's shared strings, or
	// -1 when it is written as an inline string; cells[cellEnds[i-1]:
	// cellEnds[i]] is the end of a cell holding text i (see cell).
	global   []int32
	cells    []byte
	cellEnds []int
	// maxCell is the length of the longest of cells' ends.
	maxCell int
}

func (d *docStrings) reset() {
	d.text, d.ends, d.global = d.text[:0], d.ends[:0], d.global[:0]
	d.cells, d.cellEnds, d.maxCell = d.cells[:0], d.cellEnds[:0], 0
	d.forget()
}

// forget lets go of the texts of the document rendered (index, seen).
func (d *docStrings) forget() {
	clear(d.index)
	clear(d.seen[:])
}

// seenSlot returns the slot of text (not empty) in docStrings.seen: a
// hash of its length and three of its bytes, cheaper than the map's.
func seenSlot(text string) int {
	n := len(text)
	return (n*31 + int(text[0]) + int(text[n/2])*7 + int(text[n-1])*131) & 255
}

// id returns the number of text (not empty), cut to Excel's 32,767
// UTF-16 units per cell, adding it if it is new.
func (d *docStrings) id(text string) int32 {
	slot := &d.seen[seenSlot(text)]
	if slot.text == text && text != "" {
		return slot.id
	}
	if i, ok := d.index[text]; ok {
		*slot = recentText{text, i}
		return i
	}
	if d.index == nil {
		d.index = map[string]int32{}
	}
	i := int32(len(d.ends))
	d.index[text] = i
	*slot = recentText{text, i}
	if len(text) > excelize.TotalCellChars && utf16Len(text) > excelize.TotalCellChars {
		d.text = append(d.text, cutUTF16(text, excelize.TotalCellChars)...)
	} else {
		d.text = append(d.text, text...)
	}
	d.ends = append(d.ends, len(d.text))
	return i
}

// get returns text i.
func (d *docStrings) get(i int32) []byte {
	start := 0
	if i > 0 {
		start = d.ends[i-1]
	}
	return d.text[start:d.ends[i]]
}

// cell returns the rest of a cell holding text i, after its style: the
// index of the text in the workbook's shared strings, or the text as an
// inline string; shared reports which. It is made by
// sharedStrings.resolve.
func (d *docStrings) cell(i int32) (cell []byte, shared bool) {
	start := 0
	if i > 0 {
		start = d.cellEnds[i-1]
	}
	return d.cells[start:d.cellEnds[i]], d.global[i] >= 0
}

// sharedStrings is the streamed sheets' table of shared strings: text i
// of the workbook's xl/sharedStrings.xml is list[i]. It is used by the
// writer's ordering goroutine only (until Close), so that the indices
// follow the documents' order.
type sharedStrings struct {
	index map[string]int32
	list  []string
	bytes int // of the texts in list
	// maxCount and maxBytes bound list: texts met past them are not
	// added (maxSharedStrings, maxSharedBytes; lowered in tests).
	maxCount, maxBytes int
}

func newSharedStrings() *sharedStrings {
	return &sharedStrings{index: map[string]int32{}, maxCount: maxSharedStrings, maxBytes: maxSharedBytes}
}

// resolve sets d.global: each of d's texts gets its index in the table,
// added at the end when new and the table has room, else -1 (inline);
// and makes the ends of the cells holding them (docStrings.cell).
func (t *sharedStrings) resolve(d *docStrings) {
	d.global, d.cells, d.cellEnds, d.maxCell = d.global[:0], d.cells[:0], d.cellEnds[:0], 0
	start := 0
	for _, end := range d.ends {
		b := d.text[start:end]
		start = end
		g, ok := t.index[string(b)]
		if !ok {
			g = -1
			if len(t.list) < t.maxCount && t.bytes+len(b) <= t.maxBytes {
				s := string(b)
				g = int32(len(t.list))
				t.list = append(t.list, s)
				t.index[s] = g
				t.bytes += len(b)
			}
		}
		d.global = append(d.global, g)
		last := len(d.cells)
		if g >= 0 {
			d.cells = append(d.cells, ` t="s"><v>`...)
			d.cells = strconv.AppendInt(d.cells, int64(g), 10)
			d.cells = append(d.cells, `</v></c>`...)
		} else {
			d.cells = appendInlineStr(d.cells, b)
		}
		d.maxCell = max(d.maxCell, len(d.cells)-last)
		d.cellEnds = append(d.cellEnds, len(d.cells))
	}
}
