package reports

import (
	"unicode"
	"unicode/utf8"
)

// Append-style forms of the Markdown text rules of markdown.go, for the
// report and the portraits, which write hundreds of thousands of quotes:
// they append to a []byte and allocate nothing. Each gives exactly the bytes
// of its string form (TestMDAppendEscapedMatchesEscapeText).

// mdASCIIClass says what mdAppendEscaped does with an ASCII byte.
type mdASCIIClass uint8

const (
	mdASCIIPlain   mdASCIIClass = iota // copied
	mdASCIISpecial                     // in markdownSpecial: always backslash-escaped
	mdASCIISpace                       // white space: joined into one space
	mdASCIIControl                     // other control character: dropped
	mdASCIILead                        // '-', '+', '=', ':': escaped at the start
	mdASCIIListEnd                     // '.', ')': escaped after leading digits
	mdASCIIDigit                       // '0'-'9'
)

// mdASCIIClasses holds the mdASCIIClass of every ASCII byte as a digit,
// '0' + class (TestMDASCIIClasses checks it against the rules).
const mdASCIIClasses = "" +
	"3333333332222233" + // 0x00-0x0f
	"3333333333333333" + // 0x10-0x1f
	"2101101005140450" + // 0x20-0x2f
	"6666666666401410" + // 0x30-0x3f
	"1000000000000000" + // 0x40-0x4f
	"0000000000011111" + // 0x50-0x5f
	"1000000000000000" + // 0x60-0x6f
	"0000000000011113" //   0x70-0x7f

// mdClass returns the class of an ASCII byte c.
func mdClass(c byte) mdASCIIClass { return mdASCIIClass(mdASCIIClasses[c] - '0') }

// mdAppendEscaped appends EscapeText(s) to dst: s with white space runs
// joined into one space, trimmed, control characters and invalid UTF-8
// dropped, and Markdown markup backslash-escaped.
func mdAppendEscaped[T string | []byte](dst []byte, s T) []byte {
	n := 0         // bytes of JoinSpace(s) so far (escapes not counted)
	digits := true // JoinSpace(s)[:n] is all ASCII digits (when n > 0)
	space := false // a space is pending
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			cl := mdClass(c)
			if cl == mdASCIIPlain {
				// A run of plain bytes is copied as it is.
				if space && n > 0 {
					dst = append(dst, ' ')
					n++
				}
				j := i + 1
				for j < len(s) && s[j] < utf8.RuneSelf && mdClass(s[j]) == mdASCIIPlain {
					j++
				}
				dst = append(dst, s[i:j]...)
				n += j - i
				digits, space = false, false
				i = j
				continue
			}
			i++
			switch cl {
			case mdASCIISpace:
				space = true
				continue
			case mdASCIIControl:
				continue
			}
			if space && n > 0 {
				dst = append(dst, ' ')
				n++
				digits = false
			}
			space = false
			switch cl {
			case mdASCIISpecial:
				dst = append(dst, '\\')
			case mdASCIILead:
				if n == 0 {
					dst = append(dst, '\\')
				}
			case mdASCIIListEnd:
				if n > 0 && digits {
					dst = append(dst, '\\')
				}
			}
			dst = append(dst, c)
			n++
			if cl != mdASCIIDigit {
				digits = false
			}
			continue
		}
		var enc [utf8.UTFMax]byte
		r, size := utf8.DecodeRune(enc[:copy(enc[:], s[i:])])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case unicode.IsControl(r) || r == utf8.RuneError:
			i += size
			continue
		}
		if space && n > 0 {
			dst = append(dst, ' ')
			n++
		}
		space = false
		dst = append(dst, s[i:i+size]...)
		n += size
		digits = false
		i += size
	}
	return dst
}

// mdAppendQuote appends mdQuote(text, start, end) to dst: the sentence of
// the mention, escaped, with "\[…\]" marking cuts.
func mdAppendQuote(dst []byte, text string, start, end int) []byte {
	s, before, after := QuoteSentence(text, start, end)
	if before {
		dst = append(dst, "\\[…\\] "...)
	}
	dst = mdAppendEscaped(dst, s)
	if after {
		dst = append(dst, " \\[…\\]"...)
	}
	return dst
}
