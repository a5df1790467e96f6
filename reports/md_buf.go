package reports

import (
	"fmt"
	"io"
	"strconv"

	"github.com/pbasis/pbasis/corpus"
)

// mdFlushAt is the size from which an mdBuf hands its text to the writer.
const mdFlushAt = 64 << 10

// mdBuf is the Markdown text of one file while it is made: appended to, and
// handed to w in pieces of about mdFlushAt bytes. It holds back trailing
// newlines so that finish can end the file with exactly one ("text\n"),
// as strings.TrimRight(text, "\n")+"\n" would. One mdBuf is reused for many
// files (reset) by one goroutine at a time.
type mdBuf struct {
	b   []byte // text not yet handed to w
	tmp []byte // scratch: a text made whole before it is escaped
	// tmp2 and lines are more scratch, for writeBridge.
	tmp2  []byte
	lines [][2]int
	// rep and ends are for the report's text of a portrait's bridges
	// (portraitLinks).
	rep  *mdBuf
	ends []int
	// speaker is the last speaker speakerTo wrote, with its text.
	speaker struct {
		speaker, role string
		voice         corpus.Voice
		text          []byte
		ok            bool
	}
	// countNegMemo keeps the counts' texts (countNeg).
	countNegMemo
	w   io.Writer // nil: keep everything in b
	err error     // the first error of w
}

// reset starts a new file written to w.
func (m *mdBuf) reset(w io.Writer) {
	if m.b == nil {
		// Room for a flush and the line after it, so that b does not grow
		// step by step in every new mdBuf.
		m.b = make([]byte, 0, mdFlushAt+mdFlushAt/4)
	}
	m.b, m.tmp, m.tmp2, m.lines, m.w, m.err = m.b[:0], m.tmp[:0], m.tmp2[:0], m.lines[:0], w, nil
	m.speaker.ok = false
}

// str appends s as it is (already Markdown).
func (m *mdBuf) str(s string) { m.b = append(m.b, s...) }

// esc appends EscapeText(s).
func (m *mdBuf) esc(s string) { m.b = mdAppendEscaped(m.b, s) }

// escTmp appends EscapeText of the scratch text.
func (m *mdBuf) escTmp() { m.b = mdAppendEscaped(m.b, m.tmp) }

// int appends n in decimal.
func (m *mdBuf) int(n int) { m.b = strconv.AppendInt(m.b, int64(n), 10) }

// escf appends EscapeText(fmt.Sprintf(format, a...)).
func (m *mdBuf) escf(format string, a ...any) {
	m.tmp = fmt.Appendf(m.tmp[:0], format, a...)
	m.escTmp()
}

// heading appends a heading: level '#', a space, the escaped text and a
// blank line.
func (m *mdBuf) heading(level int, text string) {
	for range level {
		m.b = append(m.b, '#')
	}
	m.b = append(m.b, ' ')
	m.esc(text)
	m.b = append(m.b, "\n\n"...)
}

// headingTmp is heading with the scratch text.
func (m *mdBuf) headingTmp(level int) {
	for range level {
		m.b = append(m.b, '#')
	}
	m.b = append(m.b, ' ')
	m.escTmp()
	m.b = append(m.b, "\n\n"...)
}

// para appends the escaped text and a blank line.
func (m *mdBuf) para(text string) {
	m.esc(text)
	m.b = append(m.b, "\n\n"...)
}

// paraTmp is para with the scratch text.
func (m *mdBuf) paraTmp() {
	m.escTmp()
	m.b = append(m.b, "\n\n"...)
}

// tableHead appends the header of a GFM table: the cells (already
// escaped) and the alignment row; right marks columns to align right.
func (m *mdBuf) tableHead(header []string, right []bool) {
	m.b = append(m.b, '|')
	for _, h := range header {
		m.b = append(m.b, ' ')
		m.b = append(m.b, h...)
		m.b = append(m.b, " |"...)
	}
	m.b = append(m.b, "\n|"...)
	for i := range header {
		if i < len(right) && right[i] {
			m.b = append(m.b, " ---: |"...)
		} else {
			m.b = append(m.b, " --- |"...)
		}
	}
	m.b = append(m.b, '\n')
}

// table appends a GFM table as mdTable does: cells must already be escaped
// Markdown; a row shorter than the header gets empty cells.
func (m *mdBuf) table(header []string, right []bool, rows [][]string) {
	m.tableHead(header, right)
	for _, r := range rows {
		m.b = append(m.b, '|')
		for i := range header {
			m.b = append(m.b, ' ')
			if i < len(r) {
				m.b = append(m.b, r[i]...)
			}
			m.b = append(m.b, " |"...)
		}
		m.b = append(m.b, '\n')
	}
	m.b = append(m.b, '\n')
}

// Cells of a table row written in place: rowStart, then one cell... call
// per column, then rowEnd.

func (m *mdBuf) rowStart()        { m.b = append(m.b, '|') }
func (m *mdBuf) rowEnd()          { m.b = append(m.b, '\n') }
func (m *mdBuf) cellOpen()        { m.b = append(m.b, ' ') }
func (m *mdBuf) cellClose()       { m.b = append(m.b, " |"...) }
func (m *mdBuf) cellEsc(s string) { m.cellOpen(); m.esc(s); m.cellClose() }
func (m *mdBuf) cellRaw(s string) { m.cellOpen(); m.str(s); m.cellClose() }
func (m *mdBuf) cellInt(n int)    { m.cellOpen(); m.int(n); m.cellClose() }
func (m *mdBuf) tableEnd()        { m.b = append(m.b, '\n') }
func (m *mdBuf) cellLink(text, target string) {
	m.cellOpen()
	m.link(text, target)
	m.cellClose()
}

// link appends a Markdown link with escaped text to a link target already
// encoded (mdLinkTarget).
func (m *mdBuf) link(text, target string) {
	m.b = append(m.b, '[')
	m.esc(text)
	m.b = append(m.b, "]("...)
	m.b = append(m.b, target...)
	m.b = append(m.b, ')')
}

// flush hands the text to w, all but its trailing newlines, once there is
// more than mdFlushAt of it. Call it only where nothing already written
// is looked at again.
func (m *mdBuf) flush() {
	if len(m.b) < mdFlushAt || m.w == nil {
		return
	}
	end := len(m.b)
	for end > 0 && m.b[end-1] == '\n' {
		end--
	}
	if m.err == nil {
		_, m.err = m.w.Write(m.b[:end])
	}
	m.b = append(m.b[:0], m.b[end:]...)
}

// finish ends the file with exactly one newline, hands the rest to w, and
// returns the first error of w.
func (m *mdBuf) finish() error {
	end := len(m.b)
	for end > 0 && m.b[end-1] == '\n' {
		end--
	}
	m.b = append(m.b[:end], '\n')
	if m.err == nil && m.w != nil {
		_, m.err = m.w.Write(m.b)
	}
	m.b = m.b[:0]
	return m.err
}
