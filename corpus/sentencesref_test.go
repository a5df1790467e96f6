package corpus

import (
	"strings"
	"unicode"
)

// The plain forms of the sentence splitter's parts that have fast paths in
// sentences.go, as they were before them: the tests compare the two.

// appendSentencesRef is appendSentences as it was (a byte at a time,
// unicode.IsSpace trims): it appends the sentences of text (see Sentences)
// to spans, shifted by base.
func appendSentencesRef(spans [][2]int, text string, base int) [][2]int {
	segStart := 0
	emit := func(end int) {
		if end <= segStart {
			return
		}
		seg := text[segStart:end]
		left := strings.TrimLeftFunc(seg, unicode.IsSpace)
		s := segStart + len(seg) - len(left)
		e := s + len(strings.TrimRightFunc(left, unicode.IsSpace))
		if e > s {
			spans = append(spans, [2]int{base + s, base + e})
		}
		segStart = end
	}

	n := len(text)
	i := skipHorizontal(text, 0)
	if i < n {
		if m := listMarkerLenRef(text, i); m > 0 {
			i += m
		}
	}
	for i < n {
		// Jump to the next byte that can matter.
		for i < n && !segmentByte[text[i]] {
			i++
		}
		if i >= n {
			break
		}
		switch c := text[i]; {
		case c == '\n':
			j := skipHorizontal(text, i+1)
			switch {
			case j < n && text[j] == '\n':
				emit(i) // blank line: paragraph break
			case j < n:
				if m := listMarkerLenRef(text, j); m > 0 && !wrappedMarker(text, j, m) {
					emit(j)
					j += m
				}
			}
			i = j
			continue
		case c == 0xE2 && !strings.HasPrefix(text[i:], "…"):
			i++
			continue
		}
		end, next := terminatorRun(text, i)
		if next < 0 {
			// Not followed by whitespace: a period inside a token.
			i = end
			continue
		}
		if endsSentence(text, segStart, i, end, next) {
			emit(end)
		}
		i = end
	}
	emit(n)
	return spans
}

// listMarkerLenRef is listMarkerLen as it was: it returns the length of a
// list marker or bullet at i (the start of a line), including the space
// after it, or 0. Markers are a bullet or dash ("- ", "* ", "• ", "– ",
// "— "), one or two digits followed by '.' or ')' ("1. ", "12) "), or a
// lower-case letter followed by ')' ("a) ").
func listMarkerLenRef(text string, i int) int {
	n := len(text)
	switch c := text[i]; {
	case c == '-' || c == '*':
		if i+1 < n && (text[i+1] == ' ' || text[i+1] == '\t') {
			return 2
		}
	case c >= '0' && c <= '9':
		j := i + 1
		if j < n && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j+1 < n && (text[j] == '.' || text[j] == ')') && (text[j+1] == ' ' || text[j+1] == '\t') {
			return j + 2 - i
		}
	case c >= 'a' && c <= 'z':
		if i+2 < n && text[i+1] == ')' && (text[i+2] == ' ' || text[i+2] == '\t') {
			return 3
		}
	default:
		for _, b := range [...]string{"•", "–", "—", "·"} {
			if strings.HasPrefix(text[i:], b) {
				j := i + len(b)
				if j < n && (text[j] == ' ' || text[j] == '\t') {
					return j + 1 - i
				}
			}
		}
	}
	return 0
}

// lookupAbbrevRef is lookupAbbrev without its filter: it looks w up in the
// abbreviation table, case-insensitively. All-capital words of two letters
// or more are acronyms ("HR", "BV"), not abbreviations.
func lookupAbbrevRef(w string) (abbrevKind, bool) {
	var buf [24]byte
	if len(w) > maxAbbrevLen {
		return abbrevNone, false
	}
	upper, letters := 0, 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper++
			letters++
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z':
			letters++
		case c == '.':
		default:
			return abbrevNone, false
		}
		buf[i] = c
	}
	if upper == letters && letters >= 2 && strings.IndexByte(w, '.') < 0 {
		return abbrevNone, false
	}
	k, ok := dutchAbbrevs[string(buf[:len(w)])]
	return k, ok
}
