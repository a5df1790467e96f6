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

// tok is a Token with what the matcher needs besides.
type tok struct {
	Token
	bs, be int   // byte span in the text
	brk    bool  // a clause-boundary mark stands before it (or it is the first token)
	// proper: written with a capital inside a sentence (not after . ! ? or
	// a line break): taken as a name, never split as a compound.
	proper bool
	hy     []int // byte offsets in Norm where an in-word hyphen stood
}

// Tokenize splits text into word tokens in one pass. A word is a run of
// letters, digits and combining marks; a hyphen or apostrophe between two
// such characters joins them into one word (WhatsApp-groep, oma's), while
// other punctuation and white space separate words and are not tokens.
func Tokenize(text string) []Token {
	toks := tokenize(text, nil)
	out := make([]Token, len(toks))
	for i := range toks {
		out[i] = toks[i].Token
	}
	return out
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
				r, size = rune(b), 1
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if isWordRune(r) {
				if b >= utf8.RuneSelf || ('A' <= b && b <= 'Z') {
					clean = false
				}
				i += size
				cp++
				continue
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
		t := tok{Token: Token{Text: text[start:i], Start: startCP, End: cp}, bs: start, be: i, brk: brk}
		if !sent && !clean {
			r0, _ := utf8.DecodeRuneInString(t.Text)
			t.proper = unicode.IsUpper(r0)
		}
		if clean {
			t.Norm = t.Text
		} else {
			t.Norm, t.hy = foldWord(t.Text)
		}
		buf = append(buf, t)
		brk, sent = false, false
	}
	return buf
}

// foldWord folds one word like Fold and returns the byte offsets in the
// result where a hyphen stood.
func foldWord(w string) (string, []int) {
	var sb strings.Builder
	sb.Grow(len(w))
	var hy []int
	for _, r := range w {
		switch r {
		case 'ĳ', 'Ĳ':
			sb.WriteString("ij")
			continue
		case '-', '‐', '‑':
			if sb.Len() > 0 {
				hy = append(hy, sb.Len())
			}
			continue
		}
		if f := foldRune(r); f != 0 {
			sb.WriteRune(f)
		}
	}
	return sb.String(), hy
}
