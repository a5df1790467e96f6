package reports

import (
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// csvWriter writes CSV rows exactly as encoding/csv.Writer does with its
// defaults (Comma ',', UseCRLF false), appending them to a buffer of its own
// instead of building a []string per row: codings.csv and segments.csv have
// millions of rows, and csv.Writer's per-field scans cost more than the
// rest of writing them. csv_write_test.go checks the two agree.
type csvWriter struct {
	w   io.Writer
	buf []byte
	err error // the first error writing to w; later writes are dropped
}

// csvFlushAt is the size at which csvWriter.endRow hands its buffer to w.
const csvFlushAt = 64 << 10

func newCSVWriter(w io.Writer) *csvWriter {
	return &csvWriter{w: w, buf: make([]byte, 0, csvFlushAt+4<<10)}
}

// field appends s as a field of the row, after a comma unless first.
func (c *csvWriter) field(s string, first bool) {
	if !first {
		c.buf = append(c.buf, ',')
	}
	c.buf = appendCSVField(c.buf, s)
}

// csvMemo remembers whether csv.Writer quotes a field, for a column
// whose value mostly repeats from one row to the next (a coding's
// document, case, speaker, segment text): a repeat, often the very same
// string, is compared with the last value, which is quicker than scanning
// it again, and a change costs one comparison more (usually of lengths).
type csvMemo struct {
	s     string
	quote bool // csvNeedsQuotes(s)
}

// memoField is field(s, first) with m remembering whether s is quoted.
func (c *csvWriter) memoField(m *csvMemo, s string, first bool) {
	if !first {
		c.buf = append(c.buf, ',')
	}
	if s != m.s {
		m.s, m.quote = s, csvNeedsQuotes(s)
	}
	if !m.quote {
		c.buf = append(c.buf, s...)
		return
	}
	c.buf = appendCSVQuoted(c.buf, s)
}

// int appends the field strconv.Itoa(n), after a comma.
func (c *csvWriter) int(n int) {
	c.buf = strconv.AppendInt(append(c.buf, ','), int64(n), 10)
}

// bool appends the field strconv.FormatBool(v), after a comma.
func (c *csvWriter) bool(v bool) {
	c.buf = strconv.AppendBool(append(c.buf, ','), v)
}

// endRow ends the row and writes the buffer to w once it is big enough.
func (c *csvWriter) endRow() {
	c.buf = append(c.buf, '\n')
	if len(c.buf) >= csvFlushAt {
		c.write()
	}
}

// record writes the row of fields, as csv.Writer.Write does.
func (c *csvWriter) record(fields []string) {
	for i, f := range fields {
		c.field(f, i == 0)
	}
	c.endRow()
}

// write writes the buffer to w and empties it.
func (c *csvWriter) write() {
	if c.err == nil && len(c.buf) > 0 {
		_, c.err = c.w.Write(c.buf)
	}
	c.buf = c.buf[:0]
}

// Flush writes the buffered rows and returns the first write error.
func (c *csvWriter) Flush() error {
	c.write()
	return c.err
}

// appendCSVField appends the field s to dst as encoding/csv.Writer writes
// it with Comma ',' and UseCRLF false: in double quotes, with its quotes
// doubled, when it contains '"', ',', '\r' or '\n', starts with a Unicode
// space or is `\.`; else as it is. (Without UseCRLF, csv.Writer copies
// '\r' and '\n' inside quotes as they are.)
func appendCSVField(dst []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(dst, s...)
	}
	return appendCSVQuoted(dst, s)
}

// appendCSVQuoted appends s to dst in double quotes, with its quotes
// doubled: appendCSVField of a field that needs quotes.
func appendCSVQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		dst = append(dst, s[:i+1]...)
		dst = append(dst, '"')
		s = s[i+1:]
	}
	dst = append(dst, s...)
	return append(dst, '"')
}

// csvSpecial tests w for the bytes that make csv.Writer quote a field
// wherever they are: '"', ',', and (conservatively) all below 0x0e, which
// include '\r' and '\n'. The result is not 0 if any is there. (Each
// test is the usual has-a-zero-byte one, b-1 &^ b, with ^w for ^b: '"' and
// ',' are ASCII, so w's and b's bytes agree in their top bit.)
func csvSpecial(w uint64) uint64 {
	q, c := w^(lowBits*'"'), w^(lowBits*',')
	return ((w - lowBits*0x0e) | (q - lowBits) | (c - lowBits)) &^ w & highBits
}

// csvClass classifies bytes for csvNeedsQuotes: csvAnywhere for those that
// make csv.Writer quote a field wherever they are, csvFirst for those it
// must look at more closely when they start one (the ASCII spaces, '\\' of
// `\.`, and all bytes from 0x80 on, one of which may start a Unicode space).
var csvClass = func() (t [256]uint8) {
	for _, c := range []byte{'"', ',', '\r', '\n'} {
		t[c] |= csvAnywhere
	}
	for _, c := range []byte{' ', '\t', '\v', '\f', '\\'} {
		t[c] |= csvFirst
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] |= csvFirst
	}
	return t
}()

const (
	csvAnywhere = 1 << iota
	csvFirst
)

// csvNeedsQuotes reports whether csv.Writer (Comma ',') quotes the field s:
// its fieldNeedsQuotes.
func csvNeedsQuotes(s string) bool {
	n := len(s)
	if n == 0 {
		return false
	}
	i := 0
	switch {
	case n >= 8:
		for ; i+8 <= n; i += 8 {
			if csvSpecial(load64(s, i)) != 0 {
				goto bytes
			}
		}
		// The last eight bytes, overlapping those tested.
		if i == n || csvSpecial(load64(s, n-8)) == 0 {
			goto first
		}
		i = n - 8
	case n >= 4:
		// The first four bytes and the last four, which may overlap.
		if csvSpecial(uint64(load32(s, 0))|uint64(load32(s, n-4))<<32) == 0 {
			goto first
		}
	default:
		// The first byte, the middle and the last (all of them when
		// there are at most three), in a word of 'x's.
		if csvSpecial(lowBits*'x'&^0xffffff|uint64(s[0])|uint64(s[n>>1])<<8|uint64(s[n-1])<<16) == 0 {
			goto first
		}
	}
bytes:
	// Bytes one by one: a word had a byte csvSpecial marks, which need not
	// be one that makes a quote.
	for ; i < n; i++ {
		if csvClass[s[i]]&csvAnywhere != 0 {
			return true
		}
	}
first:
	if csvClass[s[0]]&csvFirst == 0 {
		return false
	}
	switch c := s[0]; {
	case c == '\\':
		return s == `\.`
	case c < utf8.RuneSelf:
		return true // an ASCII space
	default:
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsSpace(r)
	}
}

// load32 returns the four bytes of s from i on as a little-endian word; i+4
// must be at most len(s).
func load32(s string, i int) uint32 {
	s = s[i : i+4]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}
