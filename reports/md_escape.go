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

// mdBodyClass says what mdAppendEscaped does with a byte once the text
// so far is more than digits (see mdByteClasses).
type mdBodyClass uint8

const (
	mdBodyPlain   mdBodyClass = iota // copied (the lead and list-end rules no longer apply)
	mdBodySpecial                    // backslash-escaped
	mdBodySpace                      // ASCII white space: joined into one space
	mdBodyControl                    // ASCII control character: dropped
	mdBodyMulti                      // a byte of a multi-byte (or invalid) UTF-8 sequence
)

// mdByteClasses is the mdBodyClass of every byte, made from
// mdASCIIClasses: after the start of a text, digits, '-', '+', '=', ':',
// '.' and ')' are plain.
var mdByteClasses = func() (t [256]mdBodyClass) {
	for c := range t {
		if c >= utf8.RuneSelf {
			t[c] = mdBodyMulti
			continue
		}
		switch mdClass(byte(c)) {
		case mdASCIISpecial:
			t[c] = mdBodySpecial
		case mdASCIISpace:
			t[c] = mdBodySpace
		case mdASCIIControl:
			t[c] = mdBodyControl
		}
	}
	return t
}()

// mdAppendEscaped appends EscapeText(s) to dst: s with white space runs
// joined into one space, trimmed, control characters and invalid UTF-8
// dropped, and Markdown markup backslash-escaped.
//
// It works in two steps: the start of the text, as long as it is empty or
// all ASCII digits, where the list-marker rules look at every byte
// (mdAppendEscapedStart); then the rest, where only markup, white space,
// control characters and multi-byte characters need a look, and words
// with single spaces between them are copied as one run.
func mdAppendEscaped[T string | []byte](dst []byte, s T) []byte {
	dst, i, space := mdAppendEscapedStart(dst, s)
	for i < len(s) {
		switch c := s[i]; mdByteClasses[c] {
		case mdBodyPlain:
			if space {
				dst = append(dst, ' ')
				space = false
			}
			// A run of plain bytes and single spaces between them is
			// copied as it is.
			j := i + 1
			for j < len(s) {
				if mdByteClasses[s[j]] == mdBodyPlain {
					j++
					continue
				}
				if s[j] == ' ' && j+1 < len(s) && mdByteClasses[s[j+1]] == mdBodyPlain {
					j += 2
					continue
				}
				break
			}
			dst = append(dst, s[i:j]...)
			i = j
		case mdBodySpecial:
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, '\\', c)
			i++
		case mdBodySpace:
			space = true
			i++
		case mdBodyControl:
			i++
		default:
			r, size := mdDecodeRune(s, i)
			switch {
			case unicode.IsSpace(r):
				space = true
			case unicode.IsControl(r) || r == utf8.RuneError:
			default:
				if space {
					dst = append(dst, ' ')
					space = false
				}
				dst = append(dst, s[i:i+size]...)
			}
			i += size
		}
	}
	return dst
}

// mdDecodeRune decodes the code point of s at i (not ASCII), as
// utf8.DecodeRune does: utf8.RuneError and 1 for invalid UTF-8.
func mdDecodeRune[T string | []byte](s T, i int) (rune, int) {
	c := s[i]
	if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		// Two bytes (U+0080-U+07FF): Latin letters with accents and the like.
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	var enc [utf8.UTFMax]byte
	return utf8.DecodeRune(enc[:copy(enc[:], s[i:min(i+utf8.UTFMax, len(s))])])
}

// mdAppendEscapedStart appends the escaped start of s to dst, up to and
// including the first character that makes the text more than a run of
// ASCII digits, and returns where in s it stopped and whether a space is
// pending there. This is where EscapeText escapes a leading '-', '+', '='
// or ':' and the '.' or ')' of "1." and "1)".
func mdAppendEscapedStart[T string | []byte](dst []byte, s T) (_ []byte, i int, space bool) {
	n := 0         // bytes of JoinSpace(s) so far (escapes not counted)
	digits := true // JoinSpace(s)[:n] is all ASCII digits (when n > 0)
	for i < len(s) && (n == 0 || digits) {
		c := s[i]
		if c < utf8.RuneSelf {
			cl := mdClass(c)
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
		r, size := mdDecodeRune(s, i)
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
	return dst, i, space
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
