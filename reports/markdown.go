package reports

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pbasis/pbasis/corpus"
)

// Markdown text rules of the reports.
//
// Quotes are the families' words and are never edited: no word is changed,
// added or dropped. Two things are done to make them render as written:
//
//   - runs of white space, line breaks included, are joined into one space,
//     so a quote is one line of Markdown (a line break in a transcript is a
//     wrap of the file, not a pause in speech);
//   - every character that Markdown (CommonMark, GFM tables, pandoc) could
//     read as markup is backslash-escaped (see EscapeText), so `*`, `_`,
//     `[x](y)`, `<script>` or a `#` show as the characters they are.
//
// A quote longer than one sentence (segments by turn or paragraph) is
// trimmed to the sentence that holds the mention (QuoteSentence); the trim
// is marked with "[…]" outside the quoted words.

// markdownSpecial are the ASCII characters EscapeText escapes anywhere in a
// text. CommonMark allows a backslash before any ASCII punctuation, so each
// escape renders as the bare character in every CommonMark renderer.
const markdownSpecial = "\\`*_[]<>&|~$^@#{}!"

// EscapeText returns s as Markdown inline text that renders as exactly the
// characters of s (with white space runs joined into one space, and leading
// and trailing space removed). It escapes emphasis, links, images, raw HTML,
// entities, code spans, table pipes, strike-through, pandoc math,
// superscripts and citations, headings, and list or block-quote markers at
// the start of the text, so it is safe at the start of a line, inside a
// block quote, a list item and a table cell.
func EscapeText(s string) string {
	s = JoinSpace(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf && strings.ContainsRune(markdownSpecial, r):
			b.WriteByte('\\')
		case i == 0 && (r == '-' || r == '+' || r == '=' || r == ':'):
			// "- x", "+ x" are list items, "=" and ":" open setext
			// underlines and pandoc definitions at the start of a line.
			b.WriteByte('\\')
		case (r == '.' || r == ')') && i > 0 && allDigits(s[:i]):
			// "1. x" and "1) x" are ordered list items at the start of a line.
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// JoinSpace replaces every run of white space (line breaks included) by one
// space and trims both ends. Control characters other than white space are
// dropped: they cannot be shown and would break the Markdown.
func JoinSpace(s string) string {
	return string(appendJoinSpace(make([]byte, 0, len(s)), s))
}

// appendJoinSpace appends JoinSpace(s) to dst.
func appendJoinSpace(dst []byte, s string) []byte {
	j := spaceJoiner{b: dst, start: len(dst)}
	for _, r := range s {
		j.add(r)
	}
	return j.b
}

// spaceJoiner appends code points to b as JoinSpace joins them: a run of
// white space becomes one space between the characters around it (none
// before the first), control characters and U+FFFD are dropped.
type spaceJoiner struct {
	b     []byte
	start int // where the joined text starts in b
	space bool
}

func (j *spaceJoiner) add(r rune) {
	switch {
	case r < utf8.RuneSelf && r > ' ' && r != 0x7f:
		// printable ASCII: the common case
	case unicode.IsSpace(r):
		j.space = true
		return
	case unicode.IsControl(r) || r == utf8.RuneError:
		return
	}
	if j.space && len(j.b) > j.start {
		j.b = append(j.b, ' ')
	}
	j.space = false
	j.b = utf8.AppendRune(j.b, r)
}

func (j *spaceJoiner) addAll(rs []rune) {
	for _, r := range rs {
		j.add(r)
	}
}

// QuoteSentence returns the sentence of text that holds the mention at
// code-point offsets [start, end) of text, and whether text was trimmed
// before and after it. When text is one sentence, or the offsets do not
// fall inside text, text comes back whole. The sentence is a slice of text:
// its characters are never changed.
func QuoteSentence(text string, start, end int) (sentence string, cutBefore, cutAfter bool) {
	if start < 0 || end < start || atMostOneSentence(text) {
		return strings.TrimSpace(text), false, false
	}
	return quoteSentenceIn(text, start, end, corpus.Sentences(text))
}

// quoteSentenceIn is QuoteSentence for a text whose sentences are spans
// (corpus.Sentences(text)).
func quoteSentenceIn(text string, start, end int, spans [][2]int) (sentence string, cutBefore, cutAfter bool) {
	if len(spans) <= 1 || start < 0 || end < start {
		return strings.TrimSpace(text), false, false
	}
	// Code points to bytes.
	bstart, bend, n := -1, -1, 0
	for i := range text {
		if n == start {
			bstart = i
		}
		if n == end {
			bend = i
		}
		n++
	}
	if n == end {
		bend = len(text)
	}
	if bstart < 0 || bend < 0 {
		return strings.TrimSpace(text), false, false
	}
	first, last := -1, -1
	for i, sp := range spans {
		if bstart < sp[1] && first < 0 {
			first = i
		}
		if bend > sp[0] {
			last = i
		}
	}
	if first < 0 || last < first {
		return strings.TrimSpace(text), false, false
	}
	a, z := spans[first][0], spans[last][1]
	return text[a:z], first > 0, last < len(spans)-1
}

// atMostOneSentence reports, for most texts of one sentence, that
// corpus.Sentences(text) has at most one span, without the work of
// finding them. It is a sufficient test: false means "maybe more".
//
// Sentences ends a sentence only at a line feed or at a run of
// terminators ('.', '?', '!', '…'); at any other byte it goes on (a
// multi-byte character that starts with the first byte of '…' is
// skipped). So a text without a line feed whose only terminators are its
// last run (followed by nothing but closing quotes or brackets, as
// Sentences skips them, and then spaces, tabs or carriage returns) is one
// sentence, or none: the run either ends the one sentence or does not,
// and what follows it is blank. TestAtMostOneSentence checks this
// against corpus.Sentences.
func atMostOneSentence(text string) bool {
	e := len(text)
	for e > 0 && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\r') {
		e--
	}
closers:
	for e > 0 {
		switch c := text[e-1]; {
		case c == '"' || c == '\'' || c == ')' || c == ']' || c == '}':
			e--
		case strings.HasSuffix(text[:e], "”") || strings.HasSuffix(text[:e], "’"):
			e -= 3
		case strings.HasSuffix(text[:e], "»"):
			e -= 2
		default:
			break closers
		}
	}
	for e > 0 {
		if c := text[e-1]; c == '.' || c == '?' || c == '!' {
			e--
		} else if strings.HasSuffix(text[:e], "…") {
			e -= len("…")
		} else {
			break
		}
	}
	// No line feed in the whole text, no terminator before the last run
	// (a search per byte is faster than one loop over the bytes).
	body := text[:e]
	return strings.IndexByte(text, '\n') < 0 && strings.IndexByte(body, '.') < 0 &&
		strings.IndexByte(body, '?') < 0 && strings.IndexByte(body, '!') < 0 && !strings.Contains(body, "…")
}

// mdQuote renders a quote (the segment text with the mention at code-point
// offsets [start, end)) as escaped Markdown inline text in Dutch quotation
// style, trimmed to the sentence of the mention, with "[…]" marking cuts.
func mdQuote(text string, start, end int) string {
	s, before, after := QuoteSentence(text, start, end)
	q := EscapeText(s)
	if before {
		q = "\\[…\\] " + q
	}
	if after {
		q += " \\[…\\]"
	}
	return q
}

// mdLinkTarget turns a relative slash path into a link destination: each
// segment percent-encoded, so spaces and parentheses cannot end the link.
func mdLinkTarget(rel string) string {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		if p == ".." || p == "." {
			continue
		}
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// mdLink writes a Markdown link with escaped text.
func mdLink(text, rel string) string {
	return "[" + EscapeText(text) + "](" + mdLinkTarget(rel) + ")"
}

// mdImage writes a Markdown image with escaped alt text.
func mdImage(alt, rel string) string {
	return "![" + EscapeText(alt) + "](" + mdLinkTarget(rel) + ")"
}

// mdTable writes a GFM table. Cells must already be escaped Markdown; right
// marks columns to align right (numbers).
func mdTable(b *strings.Builder, header []string, right []bool, rows [][]string) {
	b.WriteString("|")
	for _, h := range header {
		b.WriteString(" " + h + " |")
	}
	b.WriteString("\n|")
	for i := range header {
		if i < len(right) && right[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("|")
		for i := range header {
			c := ""
			if i < len(r) {
				c = r[i]
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}
