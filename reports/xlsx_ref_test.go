package reports

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// The implementations that the append-style renderers replaced, kept as
// references: the outputs made with them are the ones that must not
// change (see TestEscapersMatchReference).

func oldCodingContext(doc *corpus.Document, k *analysis.Coding) string {
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
		return joinSpaceRef(k.Text)
	}
	return oldContextAround(text, start, end, 100)
}

func oldContextAround(text []rune, start, end, around int) string {
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
	return joinSpaceRef(b.String())
}

func oldTextLines(text string, width float64) int {
	per := max(int(width*1.2), 1)
	n := 0
	for _, line := range strings.Split(text, "\n") {
		c := utf8.RuneCountInString(line)
		n += max(1, (c+per-1)/per)
		if n > 100 {
			return n
		}
	}
	return n
}

func oldUTF16Len(s string) int {
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

func oldQDPXEscape(s string, attr bool) string {
	var w strings.Builder
	start := 0
	for i, r := range s {
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '\r':
			rep = "&#xD;"
		case attr && r == '"':
			rep = "&quot;"
		case attr && r == '\n':
			rep = "&#xA;"
		case attr && r == '\t':
			rep = "&#x9;"
		case r == '\t' || r == '\n',
			r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			continue
		case r == utf8.RuneError && len(s[i:]) >= 3 && s[i:i+3] == "\uFFFD":
			continue
		default:
			rep = "\uFFFD"
		}
		w.WriteString(s[start:i])
		w.WriteString(rep)
		_, size := utf8.DecodeRuneInString(s[i:])
		start = i + size
	}
	w.WriteString(s[start:])
	return w.String()
}

func oldYAMLScalar(s string) string {
	plain := s != "" && s == strings.TrimSpace(s)
	for i, r := range s {
		if !(unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || strings.ContainsRune("_./- ()", r))) {
			plain = false
			break
		}
	}
	if plain {
		switch strings.ToLower(s) {
		case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
			plain = false
		}
	}
	if plain {
		return s
	}
	b, _ := json.Marshal(s)
	return string(b)
}

func oldQDPXGUID(key string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte("urn:pbasis:project:" + key))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// oldStreamRow is the XML of row s.r of a streamed summary sheet as
// sheetWriter.row made it before streamRow counted the lines of its
// texts while escaping them: the height from rowHeight, then the cells.
func oldStreamRow(s *sheetWriter, vals []any) ([]byte, error) {
	h := rowHeight(vals, func(col int) (float64, bool) {
		w, ok := s.colW[col]
		if !ok {
			w = defaultColWidth
		}
		return w, s.wrap[col]
	})
	var num [20]byte
	r := strconv.AppendInt(num[:0], int64(s.r), 10)
	b := append([]byte(nil), `<row r="`...)
	b = append(b, r...)
	b = append(b, '"')
	if h > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, h, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
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
		if _, ok := v.(float64); ok && style == 0 {
			style = s.w.st.decimal
		}
		if style == 0 {
			style = s.colStyle[i+1]
		}
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		b = append(b, `<c r="`...)
		b = append(b, col...)
		b = append(b, r...)
		b = append(b, '"')
		if style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(style), 10)
			b = append(b, '"')
		}
		switch x := v.(type) {
		case string:
			b = appendInlineStr(b, clipCell(x, s.w.cellMarker))
		case []byte:
			b = appendInlineStr(b, clipCellBytes(x, s.w.cellMarker))
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
			b = append(b, formatCellFloat(x)...)
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
	return append(b, `</row>`...), nil
}
