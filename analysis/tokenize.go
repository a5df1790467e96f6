package analysis

import (
	"strings"
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

// ASCII byte classes for the tokeniser.
const (
	clsOther = iota
	clsLower // a-z, 0-9
	clsUpper // A-Z
	clsJoin  // - '
)

// asciiClass returns the class table for bytes below 0x80.
func asciiClass() [128]uint8 {
	var t [128]uint8
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsLower
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = clsLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = clsUpper
	}
	t['-'], t['\''] = clsJoin, clsJoin
	return t
}

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
func tokenize(text string, buf []tok) []tok {
	cls := asciiClass()
	i, cp := 0, 0
	brk, sent := true, true
	n := len(text)
	for i < n {
		b := text[i]
		var r rune
		size := 1
		if b < utf8.RuneSelf {
			r = rune(b)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			switch r {
			case '"', '“', '„', '«':
				sent = true // an opening quote may start a sentence
			}
			if isBreakRune(r) {
				brk = true
				switch r {
				case '.', '!', '?', '\n', '…':
					sent = true
				}
			}
			i += size
			cp++
			continue
		}
		// A word starts at i.
		start, startCP := i, cp
		clean := true
		for i < n {
			b = text[i]
			if b < utf8.RuneSelf {
				switch cls[b] {
				case clsLower:
					i++
					cp++
					continue
				case clsUpper:
					clean = false
					i++
					cp++
					continue
				case clsOther:
					r, size = rune(b), 1
					goto end
				}
				r, size = rune(b), 1
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
				if isWordRune(r) {
					clean = false
					i += size
					cp++
					continue
				}
			}
			if isJoiner(r) && i+size < n {
				nb := text[i+size]
				var nr rune
				if nb < utf8.RuneSelf {
					nr = rune(nb)
				} else {
					nr, _ = utf8.DecodeRuneInString(text[i+size:])
				}
				if isWordRune(nr) {
					if r != '\'' {
						clean = false
					}
					i += size
					cp++
					continue
				}
			}
			break
		}
	end:
		t := tok{Start: startCP, End: cp, bs: start, be: i, brk: brk}
		if clean {
			t.Norm = text[start:i]
		} else {
			if !sent {
				r0, _ := utf8.DecodeRuneInString(text[start:])
				t.proper = unicode.IsUpper(r0)
			}
			t.Norm, t.hy = foldWord(text[start:i])
		}
		buf = append(buf, t)
		brk, sent = false, false
	}
	return buf
}

// foldWord folds one word like Fold and returns a bit set of the byte
// offsets (below 64) in the result where a hyphen stood.
func foldWord(w string) (string, uint64) {
	var sb strings.Builder
	sb.Grow(len(w))
	var hy uint64
	for _, r := range w {
		switch r {
		case 'ĳ', 'Ĳ':
			sb.WriteString("ij")
			continue
		case '-', '‐', '‑':
			if n := sb.Len(); n > 0 && n < 64 {
				hy |= 1 << n
			}
			continue
		}
		if f := foldRune(r); f != 0 {
			sb.WriteRune(f)
		}
	}
	return sb.String(), hy
}
