package corpus

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"unicode/utf8"
)

// Build makes a Document from what a format reader extracted: it lays out
// the normalised text (for pre-split utterances, one "[time] Speaker: text"
// block per utterance), finds speaker turns, gives each turn its role and
// voice, and splits the turns into segments. id is the document's path
// relative to the input folder, with '/'.
func Build(id, format string, ex Extract, meta Metadata, o Options) (*Document, error) {
	doc := &Document{ID: id, Format: format, Meta: meta}
	// In word-processor formats every line of Text is a paragraph of its own.
	lineParas := format == "docx" || format == "odt"
	doc.Reading.Encoding = ex.Encoding
	doc.Reading.Steps = append(doc.Reading.Steps, ex.Steps...)
	doc.Reading.Warnings = append(doc.Reading.Warnings, ex.Warnings...)

	var raws []rawTurn
	var lines []int // source location per raw turn
	unitLines := false
	// marks locate pre-split utterances inside merged turns: the byte offset
	// where each utterance's text starts, with its cue/row and time.
	type mark struct {
		off  int
		line int
		time string
	}
	var marks []mark
	if len(ex.Utterances) > 0 {
		// Consecutive utterances of one speaker (or without a speaker, which
		// continue the previous one) make one turn, so that a sentence split
		// over two subtitle cues stays one sentence. Only the first
		// utterance's time is written into the text; every utterance's cue
		// and time stay known to the segments that start in it.
		var b strings.Builder
		prev := ""
		for _, u := range ex.Utterances {
			text := strings.TrimSpace(u.Text)
			if text == "" {
				continue
			}
			sp := u.Speaker
			if sp == "" {
				sp = prev
			}
			if len(raws) > 0 && sp == prev {
				b.WriteString("\n")
				marks = append(marks, mark{b.Len(), u.Line, u.Time})
				b.WriteString(text)
				raws[len(raws)-1].end = b.Len()
				continue
			}
			prev = sp
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			rt := rawTurn{speaker: sp, time: u.Time, start: b.Len()}
			if u.Time != "" {
				b.WriteString("[" + u.Time + "] ")
			}
			if sp != "" {
				b.WriteString(sp + ": ")
			}
			rt.body = b.Len()
			marks = append(marks, mark{rt.start, u.Line, u.Time})
			b.WriteString(text)
			rt.end = b.Len()
			raws = append(raws, rt)
			lines = append(lines, u.Line)
		}
		b.WriteString("\n")
		doc.Text = b.String()
		unitLines = true
		doc.Reading.Steps = append(doc.Reading.Steps, fmt.Sprintf("laid out %d utterances as %d turns", len(marks), len(raws)))
	} else {
		doc.Text = ex.Text
		known := func(l string) bool {
			if _, ok := meta.Speakers[l]; ok {
				return true
			}
			_, ok := o.Roles[l]
			return ok
		}
		if meta.Kind == KindNotes {
			// Notes have no speakers: every paragraph is one turn by the writer.
			known = func(string) bool { return false }
		}
		raws = splitTurns(doc.Text, known)
		if meta.Kind == KindNotes {
			raws = notesTurns(doc.Text, raws, lineParas)
		}
		first := ex.FirstLine
		if first < 1 {
			first = 1
		}
		lines = make([]int, 0, len(raws))
		for _, r := range raws {
			lines = append(lines, first+r.line)
		}
	}
	if strings.TrimSpace(doc.Text) == "" || len(raws) == 0 {
		return nil, &InputError{Pos: Pos{File: id}, Err: ErrEmptyDocument, Hint: "the file has no text; remove it or add the transcript"}
	}

	// The segments' byte ranges first, turn after turn: turn i's are
	// spans[first[i]:first[i+1]]. Then the turns and segments, in slices
	// of their final size, with their code-point spans found in one pass
	// over the text (cp is asked for increasing offsets).
	spans := make([][2]int, 0, len(doc.Text)/64+len(raws)) // about a sentence per 64 bytes
	first := make([]int, len(raws)+1)
	for i, r := range raws {
		first[i] = len(spans)
		spans = appendSegments(spans, doc.Text[r.body:r.end], r.body, o.Unit, lineParas)
	}
	first[len(raws)] = len(spans)
	ids := newSegmentIDs(id, len(spans))
	doc.Turns = make([]Turn, 0, len(raws))
	doc.Segments = make([]Segment, 0, len(spans))
	cp := newCodePoints(doc.Text)
	unknown := map[string]bool{}
	roles := map[string]string{} // speaker label -> roleOf
	for i, r := range raws {
		role, ok := roles[r.speaker]
		if !ok {
			role = roleOf(r.speaker, meta, o)
			roles[r.speaker] = role
		}
		if meta.Kind == KindNotes {
			role = RoleProfessional
		} else if r.speaker != "" && role == RoleUnknown && !unknown[r.speaker] {
			unknown[r.speaker] = true
			doc.Reading.Warnings = append(doc.Reading.Warnings, fmt.Sprintf("speaker label %q has no role: add it to the speakers column of the metadata sheet (e.g. %q) or to corpus.roles in config.yaml", r.speaker, r.speaker+"=parent"))
		}
		t := Turn{
			Index: i, Speaker: r.speaker, Role: role, Voice: VoiceOf(meta.Kind, role),
			Line: lines[i], Time: r.time,
		}
		t.Span.Start = cp.at(r.start)
		t.Body.Start = cp.at(r.body)
		// Line breaks between the turn's start and the segment's, counted
		// on from the previous segment's start.
		nlAt, nl := r.start, 0
		for _, sp := range spans[first[i]:first[i+1]] {
			bs, be := sp[0], sp[1]
			line, tm := t.Line, t.Time
			if !unitLines {
				nl += strings.Count(doc.Text[nlAt:bs], "\n")
				nlAt = bs
				line += nl
			} else {
				// The utterance the segment starts in.
				k := sort.Search(len(marks), func(k int) bool { return marks[k].off > bs }) - 1
				if k >= 0 {
					line, tm = marks[k].line, marks[k].time
				}
			}
			n := len(doc.Segments) + 1
			doc.Segments = append(doc.Segments, Segment{
				ID: ids.next(), N: n, Turn: i,
				Span: Span{cp.at(bs), cp.at(be)}, Text: doc.Text[bs:be], Line: line, Time: tm,
			})
		}
		t.Span.End = cp.at(r.end)
		t.Body.End = t.Span.End
		doc.Turns = append(doc.Turns, t)
	}
	doc.Reading.Words = CountWords(doc.Text)
	return doc, nil
}

// notesTurns splits the unlabelled text of session notes into one turn per
// paragraph (blank-line separated), so locations stay precise.
func notesTurns(text string, raws []rawTurn, lineParas bool) []rawTurn {
	var out []rawTurn
	var ps [][2]int
	for _, r := range raws {
		ps = appendParagraphs(ps[:0], text[r.body:r.end], r.body, lineParas)
		for _, p := range ps {
			start := p[0]
			out = append(out, rawTurn{start: start, body: start, end: p[1], line: r.line + strings.Count(text[r.start:start], "\n")})
		}
	}
	return out
}

// roleOf gives the role of a speaker label: the file's own map first, then
// config; "Moeder (Fatima)" is also tried as "Moeder". Unlabelled text gets
// o.UnlabelledRole.
func roleOf(label string, meta Metadata, o Options) string {
	if label == "" {
		return o.UnlabelledRole
	}
	l := strings.ToLower(strings.TrimSpace(label))
	tries := []string{l}
	if i := strings.IndexByte(l, '('); i > 0 {
		tries = append(tries, strings.TrimSpace(l[:i]))
	}
	for _, t := range tries {
		if r, ok := meta.Speakers[t]; ok {
			return r
		}
	}
	for _, t := range tries {
		if r, ok := o.Roles[t]; ok {
			return r
		}
	}
	return RoleUnknown
}

// appendSegments appends the segments of a turn's content body by unit to
// dst, as byte ranges into body shifted by base.
func appendSegments(dst [][2]int, body string, base int, unit string, lineParas bool) [][2]int {
	switch unit {
	case UnitTurn:
		if s, e := trimRange(body, 0, len(body)); s < e {
			dst = append(dst, [2]int{base + s, base + e})
		}
		return dst
	case UnitParagraph:
		return appendParagraphs(dst, body, base, lineParas)
	}
	n0 := len(dst)
	dst = appendParagraphs(dst, body, 0, lineParas)
	// Each paragraph is replaced by its sentences: they are appended after
	// the paragraphs, then moved down over them.
	n1 := len(dst)
	for k := n0; k < n1; k++ {
		p := dst[k]
		dst = appendSentences(dst, body[p[0]:p[1]], base+p[0])
	}
	return append(dst[:n0], dst[n1:]...)
}

// appendParagraphs splits s at blank lines (or at every line end when
// lineParas) and appends the trimmed non-empty byte ranges to out, shifted
// by base.
func appendParagraphs(out [][2]int, s string, base int, lineParas bool) [][2]int {
	if lineParas {
		off := 0
		for _, line := range strings.SplitAfter(s, "\n") {
			if a, b := trimRange(s, off, off+len(line)); a < b {
				out = append(out, [2]int{base + a, base + b})
			}
			off += len(line)
		}
		return out
	}
	start := 0
	i := 0
	for {
		k := strings.IndexByte(s[i:], '\n')
		if k < 0 {
			if a, b := trimRange(s, start, len(s)); a < b {
				out = append(out, [2]int{base + a, base + b})
			}
			return out
		}
		i += k
		j := i + 1
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		if j < len(s) && s[j] == '\n' {
			if a, b := trimRange(s, start, i); a < b {
				out = append(out, [2]int{base + a, base + b})
			}
			for j < len(s) && (s[j] == '\n' || s[j] == ' ' || s[j] == '\t') {
				j++
			}
			start, i = j, j
			continue
		}
		i++
	}
}

func trimRange(s string, a, b int) (int, int) {
	for a < b && isSpaceByte(s[a]) {
		a++
	}
	for b > a && isSpaceByte(s[b-1]) {
		b--
	}
	return a, b
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// segmentIDs hands out the IDs of a document's segments, "<doc ID>#<n>"
// for n from 1, cut from one string.
type segmentIDs struct {
	all    string
	prefix int // len(doc ID) + 1
	n, off int // the last ID handed out and where the next starts
}

// newSegmentIDs makes the IDs of n segments of document id.
func newSegmentIDs(id string, n int) *segmentIDs {
	size := n * (len(id) + 1)
	for p := 1; p <= n; p *= 10 {
		size += n - p + 1 // the numbers from p on have a digit for p
	}
	var b strings.Builder
	b.Grow(size)
	// num[lo:] is the decimal number k, counted up digit by digit.
	var num [20]byte
	lo := len(num) - 1
	num[lo] = '0'
	for range n {
		j := len(num) - 1
		for ; j >= lo && num[j] == '9'; j-- {
			num[j] = '0'
		}
		if j < lo {
			lo--
			num[lo] = '1'
		} else {
			num[j]++
		}
		b.WriteString(id)
		b.WriteByte('#')
		b.Write(num[lo:])
	}
	return &segmentIDs{all: b.String(), prefix: len(id) + 1}
}

// next returns the next segment's ID.
func (s *segmentIDs) next() string {
	s.n++
	k := s.prefix + 1
	for m := s.n; m >= 10; m /= 10 {
		k++
	}
	id := s.all[s.off : s.off+k]
	s.off += k
	return id
}

// codePoints converts byte offsets of a string to code-point offsets. It
// walks the string from the last offset asked, so that offsets asked in
// increasing order cost one pass over the string; an offset before the
// last one starts the walk again from the beginning. An offset inside a
// multi-byte sequence counts as the start of its code point; bytes that are
// not UTF-8 count as one code point each.
type codePoints struct {
	s     string
	b, cp int // byte offset b is code point cp
}

func newCodePoints(s string) *codePoints { return &codePoints{s: s} }

func (c *codePoints) at(b int) int {
	if b < c.b {
		c.b, c.cp = 0, 0
	}
	s := c.s
	i, cp := c.b, c.cp
	for i < b {
		if b-i >= 8 {
			x := le64(s, i)
			if x&swarHighs == 0 { // eight ASCII bytes
				i += 8
				cp += 8
				continue
			}
		}
		if s[i] < utf8.RuneSelf {
			i++
			cp++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		if i+size > b {
			break // b is inside this code point
		}
		i += size
		cp++
	}
	c.b, c.cp = i, cp
	return cp
}

// CountWords counts words: maximal runs of letters and digits (with inner
// apostrophes and hyphens).
func CountWords(s string) int {
	n := 0
	in := uint64(0) // 1 inside a word
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Eight ASCII bytes without a joiner at once: a word starts at
			// each word byte that does not follow one (or the state).
			x := le64(s, i)
			if x&swarHighs == 0 && swarIn(x, '\'', '\'')|swarIn(x, '-', '-') == 0 {
				w := swarIn(x|0x2020202020202020, 'a', 'z') | swarIn(x, '0', '9')
				n += bits.OnesCount64(w &^ (w<<8 | in<<7))
				in = w >> 63
				i += 8
				continue
			}
			// Byte by byte (rune by rune) through the next eight.
			for end := i + 8; i < end; {
				i = countWordsStep(s, i, &n, &in)
			}
			continue
		}
		i = countWordsStep(s, i, &n, &in)
	}
	return n
}

// countWordsStep counts the byte or rune at i of s for CountWords, with
// the count n and the state in (1 inside a word), and returns the offset
// after it.
func countWordsStep(s string, i int, n *int, in *uint64) int {
	c := s[i]
	if c < utf8.RuneSelf {
		// ASCII, without branches: a word byte starts a word when not in
		// one; a joiner keeps the state; anything else ends it.
		f := uint64(asciiWordClass[c])
		w := f & cwWord
		*n += int(w &^ *in)
		*in = w | *in&(f>>1)
		return i + 1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case isWordRune(r):
		if *in == 0 {
			*n++
			*in = 1
		}
	case r != '’':
		*in = 0
	}
	return i + size
}

// le64 returns the eight bytes of s from i as a little-endian uint64 (one
// load once compiled); s must hold them.
func le64(s string, i int) uint64 {
	t := s[i : i+8]
	return uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
}

// swarHighs is the high bit of each byte of a uint64.
const swarHighs = 0x8080808080808080

// swarIn returns the high bit of each byte of x that is in [lo, hi], for
// x of ASCII bytes only (the sums below stay inside their byte).
func swarIn(x uint64, lo, hi byte) uint64 {
	const ones = 0x0101010101010101
	return (x + ones*uint64(0x80-lo)) &^ (x + ones*uint64(0x7f-hi)) & swarHighs
}

// Classes of ASCII bytes for CountWords: cwWord for letters and digits,
// cwJoiner for the apostrophe and the hyphen.
const (
	cwWord   = 1
	cwJoiner = 2
)

// asciiWordClass holds the CountWords class of each ASCII byte. It is
// read-only.
var asciiWordClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = cwWord
		case c == '\'', c == '-':
			t[c] = cwJoiner
		}
	}
	return t
}()
