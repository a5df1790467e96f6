package analysis

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text. Text is the word as written; Norm its loose
// form (see Fold: lower case, no diacritics, no in-word hyphens); Start and
// End are offsets in Unicode code points into the text (End exclusive).
type Token struct {
	Text       string
	Norm       string
	Start, End int
}

// tok is a token as the matcher keeps it: the written text is
// text[bs:be].
type tok struct {
	Norm       string
	Start, End int    // code points
	bs, be     int    // bytes
	hy         uint64 // bit p set: an in-word hyphen stood before Norm[p:] (p < 64)
	brk        bool   // a clause-boundary mark stands before it (or it is the first token)
	// proper: written with a capital inside a sentence (not after . ! ? a
	// quote or a line break): taken as a name, never split as a compound.
	proper bool
	// wi is 1 + the index of Norm's entry in the wordMemo the token was
	// made with; 0 when it has none (yet).
	wi int32
}

// Tokenize splits text into word tokens in one pass. A word is a run of
// letters, digits and combining marks; a hyphen or apostrophe between two
// such characters joins them into one word (WhatsApp-groep, oma's), while
// other punctuation and white space separate words and are not tokens.
func Tokenize(text string) []Token {
	toks := tokenize(text, nil)
	out := make([]Token, len(toks))
	for i, t := range toks {
		out[i] = Token{Text: text[t.bs:t.be], Norm: t.Norm, Start: t.Start, End: t.End}
	}
	return out
}

// Byte classes for the tokeniser, one character per byte value in
// byteClass (checked against isWordRune, isJoiner and isBreakRune by
// TestByteClass). The classes up to bcHigh may continue a word; the others
// end it.
const (
	bcLower = '1' // a-z 0-9
	bcUpper = '2' // A-Z
	bcApos  = '3' // ' joins word parts
	bcHyph  = '4' // - joins word parts, and breaks clauses between words
	bcHigh  = '5' // a byte of a multi-byte UTF-8 sequence
	bcOther = '6' // not in words, no clause break (space, tab, most symbols)
	bcBreak = '7' // , ; : ( ) [ ] / break clauses
	bcEnd   = '8' // . ! ? and line feed end sentences
	bcQuote = '9' // " may open a sentence
)

// byteClass holds the class of each byte value.
const byteClass = "6666666666866666666666666666666668966663776674871111111111776668" +
	"6222222222222222222222222227676661111111111111111111111111166666" +
	"5555555555555555555555555555555555555555555555555555555555555555" +
	"5555555555555555555555555555555555555555555555555555555555555555"

// isWordRune reports whether r belongs inside a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isJoiner reports whether r joins two word parts (hyphens, apostrophes).
func isJoiner(r rune) bool {
	switch r {
	case '-', '\'', '’', '‐', '‑', '\u00ad':
		return true
	}
	return false
}

// isBreakRune reports whether r, standing between two words, ends a clause.
func isBreakRune(r rune) bool {
	switch r {
	case ',', ';', ':', '.', '!', '?', '…', '(', ')', '[', ']', '—', '–', '-', '\n', '/':
		return true
	}
	return false
}

// tokenize appends the tokens of text to buf and returns it.
func tokenize(text string, buf []tok) []tok { return tokenizeMemo(text, buf, nil) }

// tokenizeMemo is tokenize with a word memo: tokens whose folded form the
// memo knows get that form's string and entry (wi), and folding them
// allocates nothing. m may be nil.
func tokenizeMemo(text string, buf []tok, m *wordMemo) []tok {
	if m == nil {
		return tokenizeIndex(text, buf, nil)
	}
	return tokenizeIndex(text, buf, &m.words)
}

// tokenIndex numbers folded words for a tokenizer (see tokenizeIndex): a
// word index and a buffer to fold words into. With names set, a token
// taken as a name (tok.proper) is keyed with a leading properMark, apart
// from the same word written otherwise. It belongs to one goroutine at a
// time.
type tokenIndex struct {
	idx   wordIndex
	buf   []byte
	names bool
}

// properMark starts the key of a name when names are keyed apart: no
// folded word starts with it.
const properMark = '\x01'

// fold folds the word w like foldWord. When the index knows the folded
// word (and it has no hyphen), it returns the index's string for it and
// its number, without allocating; otherwise wi is 0.
func (x *tokenIndex) fold(w string, proper bool) (norm string, hy uint64, wi int32) {
	mark := proper && x.names
	b := x.buf[:0]
	if mark {
		b = append(b, properMark)
	}
	b, hy = appendFold(b, w)
	x.buf = b
	if hy == 0 {
		if wi := indexGet(&x.idx, b); wi != 0 {
			norm = x.idx.key(wi)
			if mark {
				norm = norm[1:]
			}
			return norm, 0, wi
		}
	}
	norm = string(b)
	if mark {
		norm = norm[1:]
	}
	return norm, hy, 0
}

// tokenizeIndex is tokenize with a word index: a token whose folded form
// (its key, see tokenIndex) x knows gets that form's string and number
// (tok.wi), and folding it allocates nothing. x may be nil.
func tokenizeIndex(text string, buf []tok, x *tokenIndex) []tok {
	i, cp := 0, 0
	brk, sent := true, true
	n := len(text)
	for i < n {
		// Between words.
		c := byteClass[text[i]]
		if c > bcUpper {
			if c != bcHigh {
				switch c {
				case bcHyph, bcBreak:
					brk = true
				case bcEnd:
					brk, sent = true, true
				case bcQuote:
					sent = true
				}
				i++
				cp++
				continue
			}
			if r, size := utf8.DecodeRuneInString(text[i:]); !isWordRune(r) {
				switch r {
				case '“', '„', '«':
					sent = true // an opening quote may start a sentence
				case '…':
					brk, sent = true, true
				default:
					if isBreakRune(r) {
						brk = true
					}
				}
				i += size
				cp++
				continue
			}
		}
		// A word starts at i; cp counts its code points at the end.
		start, startCP := i, cp
		clean := c == bcLower
		if clean {
			i++
			for i < n && byteClass[text[i]] == bcLower {
				i++
			}
		}
		if i < n && byteClass[text[i]] <= bcHigh {
		word:
			for i < n {
				switch byteClass[text[i]] {
				case bcLower:
					i++
				case bcUpper:
					clean = false
					i++
				case bcApos, bcHyph:
					if i+1 >= n || !wordRuneAt(text, i+1) {
						break word
					}
					if text[i] == '-' {
						clean = false
					}
					i++
				case bcHigh:
					r, size := utf8.DecodeRuneInString(text[i:])
					if !isWordRune(r) && !(isJoiner(r) && i+size < n && wordRuneAt(text, i+size)) {
						break word
					}
					clean = false
					i += size
					cp += 1 - size
				default:
					break word
				}
			}
		}
		cp += i - start
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, len(buf)/2+(n-i)/8+4)
		}
		buf = buf[:len(buf)+1]
		t := &buf[len(buf)-1]
		t.Start, t.End, t.bs, t.be = startCP, cp, start, i
		t.hy, t.brk, t.proper, t.wi = 0, brk, false, 0
		if clean {
			t.Norm = text[start:i]
			if x != nil && len(x.idx.keys) != 0 {
				if k := i - start; k <= 16 && start+16 <= n {
					// The word's first 16 bytes, as packKey packs them.
					w0, w1 := le64(text[start:start+8]), le64(text[start+8:start+16])
					if k < 8 {
						w0, w1 = w0&(1<<(8*k)-1), 0
					} else {
						w1 &= 1<<(8*(k-8)) - 1 // k == 16 shifts by 64: all ones
					}
					t.wi = x.idx.get(w0, w1, t.Norm)
				} else if k <= 16 && i >= 8 {
					// Near the end of the text (the last word of a
					// segment): the same from the eight bytes that end
					// the word, shifted down.
					var w0, w1 uint64
					if k <= 8 {
						w0 = le64(text[i-8:i]) >> (64 - 8*k)
					} else {
						w0, w1 = le64(text[start:start+8]), le64(text[i-8:i])>>(128-8*k)
					}
					t.wi = x.idx.get(w0, w1, t.Norm)
				} else {
					t.wi = indexGet(&x.idx, t.Norm)
				}
			}
		} else {
			if !sent {
				r0, _ := utf8.DecodeRuneInString(text[start:])
				t.proper = unicode.IsUpper(r0)
			}
			if x == nil {
				t.Norm, t.hy = foldWord(text[start:i])
			} else {
				t.Norm, t.hy, t.wi = x.fold(text[start:i], t.proper)
			}
		}
		brk, sent = false, false
	}
	return buf
}

// wordRuneAt reports whether a word rune starts at text[i].
func wordRuneAt(text string, i int) bool {
	if c := byteClass[text[i]]; c != bcHigh {
		return c == bcLower || c == bcUpper
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// foldWord folds one word like Fold and returns a bit set of the byte
// offsets (below 64) in the result where a hyphen stood.
func foldWord(w string) (string, uint64) {
	var buf [64]byte
	b, hy := appendFold(buf[:0], w)
	return string(b), hy
}

// appendFold appends the folded form of one word (see foldWord) to dst.
func appendFold(dst []byte, w string) ([]byte, uint64) {
	var hy uint64
	n0 := len(dst)
	for _, r := range w {
		if r < utf8.RuneSelf {
			switch {
			case 'A' <= r && r <= 'Z':
				dst = append(dst, byte(r)+('a'-'A'))
			case r == '-':
				if n := len(dst) - n0; n > 0 && n < 64 {
					hy |= 1 << n
				}
			case r == 0: // foldRune drops it
			default:
				dst = append(dst, byte(r))
			}
			continue
		}
		switch r {
		case 'ĳ', 'Ĳ':
			dst = append(dst, "ij"...)
			continue
		case '‐', '‑':
			if n := len(dst) - n0; n > 0 && n < 64 {
				hy |= 1 << n
			}
			continue
		}
		if f := foldRune(r); f != 0 {
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst, hy
}
