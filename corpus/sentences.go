package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits text (one speaker turn's content, or a paragraph) into sentences.
// It returns byte offsets [start, end) into text, one pair per sentence, in order,
// with leading/trailing whitespace excluded from each span and no empty spans.
//
// The spans cover every non-space character of text. The rules are written
// for Dutch:
//
//   - '.', '?', '!', '…' and runs of them ("?!", "...") end a sentence when
//     they are followed by whitespace or the end of the text; closing quotes
//     and brackets right after them (.” .) ?' and the Dutch closing pair of
//     apostrophes) belong to the sentence they end. A period inside a token
//     ("10.30", "3.000", "www.x.nl") never ends one.
//   - A period ends a sentence only if the next word can start one: a capital
//     letter, a digit, a quote or bracket, a dash, a web address or an
//     apostrophe form ('s Avonds, 't). '?' and '!' end one unless a
//     lower-case word follows ("Wat?" vroeg hij.). An ellipsis followed by a
//     lower-case word is a hesitation, not a boundary ("Ik dacht... eh...
//     nee."), and "(...)" marks an omission, not an end.
//   - Known abbreviations do not end a sentence (mevr., o.a., d.w.z., ca.,
//     nr., ...), or only before a capital (enz., etc., a.s., jl.); month
//     abbreviations and "art." do not before a digit; initials ("J. Jansen",
//     "A.B. de Vries") never do.
//   - A single '\n' is a hard line wrap, not a boundary; a blank line is always
//     a boundary; so is the start of a line that opens with a list marker or
//     bullet ("- ", "* ", "• ", "1. ", "2) ", "a) ") or a dialogue dash.
//
// Sentences is a single pass over text and allocates only the result.
func Sentences(text string) [][2]int { return appendSentences(nil, text, 0) }

// appendSentences appends the sentences of text (see Sentences) to spans,
// shifted by base.
func appendSentences(spans [][2]int, text string, base int) [][2]int {
	segStart := 0
	emit := func(end int) {
		if end <= segStart {
			return
		}
		if s, e := trimSpaceRange(text, segStart, end); e > s {
			spans = append(spans, [2]int{base + s, base + e})
		}
		segStart = end
	}

	n := len(text)
	i := skipHorizontal(text, 0)
	if i < n {
		if m := listMarkerLen(text, i); m > 0 {
			i += m
		}
	}
	for i < n {
		// Jump to the next byte that can matter.
		i = nextSegmentByte(text, i)
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
				if m := listMarkerLen(text, j); m > 0 && !wrappedMarker(text, j, m) {
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

// segmentByte marks the bytes at which Sentences stops: a line feed,
// terminal punctuation, and the first byte of '…'. It is read-only.
var segmentByte = [256]bool{'\n': true, '.': true, '?': true, '!': true, 0xE2: true}

// nextSegmentByte returns the offset of the first byte at or after i that
// segmentByte marks, or len(text). It passes over eight bytes at a time
// while none of them is a line feed, '.', '?', '!' or a non-ASCII byte.
func nextSegmentByte(text string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// zero has the high bit of each byte of v that is zero set, and
	// perhaps of others above one that is (never when none is).
	zero := func(v uint64) uint64 { return (v - ones) &^ v & highs }
	n := len(text)
	for {
		for i+8 <= n {
			x := le64(text, i)
			if (x|zero(x^(ones*'\n'))|zero(x^(ones*'.'))|zero(x^(ones*'?'))|zero(x^(ones*'!')))&highs != 0 {
				break
			}
			i += 8
		}
		// Byte by byte through the next eight (a non-ASCII byte other than
		// 0xE2 is no stop).
		for end := min(i+8, n); i < end; i++ {
			if segmentByte[text[i]] {
				return i
			}
		}
		if i >= n {
			return n
		}
	}
}

// trimSpaceRange returns the bounds of text[a:b] without its leading and
// trailing white space (unicode.IsSpace), as offsets into text.
func trimSpaceRange(text string, a, b int) (int, int) {
	for a < b {
		c := text[a]
		if c >= utf8.RuneSelf {
			a = b - len(strings.TrimLeftFunc(text[a:b], unicode.IsSpace))
			break
		}
		if !asciiSpace[c] {
			break
		}
		a++
	}
	for b > a {
		c := text[b-1]
		if c >= utf8.RuneSelf {
			b = a + len(strings.TrimRightFunc(text[a:b], unicode.IsSpace))
			break
		}
		if !asciiSpace[c] {
			break
		}
		b--
	}
	return a, b
}

// skipHorizontal returns the offset of the first byte at or after j that is
// not a space, tab or carriage return.
func skipHorizontal(text string, j int) int {
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	return j
}

// terminatorRun scans the run of terminal punctuation that starts at i, with
// the closing quotes and brackets right after it. It returns the offset just
// after the run and its closers, and the offset of the next non-space
// character (n at the end of the text), or next < 0 if the run is glued to a
// following character.
func terminatorRun(text string, i int) (end, next int) {
	n := len(text)
	j := i
	for j < n {
		switch {
		case text[j] == '.' || text[j] == '?' || text[j] == '!':
			j++
			continue
		case strings.HasPrefix(text[j:], "…"):
			j += len("…")
			continue
		}
		break
	}
	j = skipClosers(text, j)
	if j < n && !spaceAt(text, j) {
		return j, -1
	}
	end = j
	k := skipSpace(text, j)
	// A detached closing quote (",,Ja. ''" in tokenised text) still ends
	// the sentence it closes, unless a blank line comes between.
	if k > j && k < n && strings.Count(text[j:k], "\n") <= 1 {
		if m := detachedCloserLen(text, k); m > 0 {
			end = k + m
			k = skipSpace(text, end)
		}
	}
	return end, k
}

// endsSentence decides whether the terminator run text[i:end] ends the
// sentence that started at segStart; next is the offset of the following
// non-space character.
func endsSentence(text string, segStart, i, end, next int) bool {
	if !hasContent(text, segStart, i) {
		return false // a leading "..." or a lone "."
	}
	nk := classifyNext(text, next)
	if nk == nextEnd {
		return true
	}
	run := text[i:end]
	if strings.ContainsAny(run, "?!") {
		return nk != nextLower
	}
	if strings.HasPrefix(run, "..") || strings.HasPrefix(run, "…") {
		if i > 0 && (text[i-1] == '(' || text[i-1] == '[') {
			return false // "(...)": an omission inside a quotation
		}
		return nk != nextLower
	}
	// A single period: look at the word it closes.
	w := wordBefore(text, segStart, i)
	switch kind := classifyWord(w); kind {
	case wordInner, wordInitials:
		return false
	case wordFinal:
		return nk == nextUpper
	case wordNumber:
		if nk == nextDigit {
			return false
		}
	}
	return nk != nextLower
}

// nextKind classifies the character that follows a terminator.
type nextKind uint8

const (
	nextEnd   nextKind = iota // end of the text
	nextUpper                 // a capital letter, or an apostrophe form ('s, 't)
	nextLower                 // a lower-case letter
	nextDigit                 // a digit
	nextOther                 // a bracket, dash, bullet or other symbol
)

// classifyNext classifies the text at k, skipping opening quotes.
func classifyNext(text string, k int) nextKind {
	n := len(text)
	if k >= n {
		return nextEnd
	}
	if m := apostropheFormLen(text, k); m > 0 {
		return nextUpper
	}
	if strings.HasPrefix(text[k:], "www.") || strings.HasPrefix(text[k:], "http://") ||
		strings.HasPrefix(text[k:], "https://") {
		return nextOther // a web address starts a new line or item
	}
	k = skipOpeners(text, k)
	if k >= n {
		return nextOther
	}
	r, _ := utf8.DecodeRuneInString(text[k:])
	switch {
	case r >= '0' && r <= '9':
		return nextDigit
	case unicode.IsUpper(r) || unicode.IsTitle(r):
		return nextUpper
	case unicode.IsLower(r):
		return nextLower
	}
	return nextOther
}

// wordClass is what the token before a period is.
type wordClass uint8

const (
	wordPlain    wordClass = iota // an ordinary word or number
	wordInner                     // an abbreviation that never ends a sentence
	wordFinal                     // an abbreviation that ends one only before a capital
	wordNumber                    // an abbreviation that does not end one before a digit
	wordInitials                  // one or more initials: "J", "A.B"
)

// classifyWord classifies the token w that a period follows (without that
// period and without leading quotes or brackets).
func classifyWord(w string) wordClass {
	if w == "" || len(w) > 24 {
		return wordPlain
	}
	if isInitials(w) {
		if k, ok := lookupAbbrev(w); ok && k == abbrevFinal {
			return wordFinal // B.V., N.V.
		}
		return wordInitials
	}
	if k, ok := lookupAbbrev(w); ok {
		switch k {
		case abbrevInner:
			return wordInner
		case abbrevFinal:
			return wordFinal
		case abbrevNumber:
			return wordNumber
		case abbrevDate:
			if isLowerASCII(w) {
				return wordNumber
			}
		}
		return wordPlain
	}
	if strings.IndexByte(w, '.') > 0 && isDottedAbbrev(w) {
		return wordFinal // an unknown abbreviation such as "x.y.z"
	}
	return wordPlain
}

// lookupAbbrev looks w up in the abbreviation table, case-insensitively.
// All-capital words of two letters or more are acronyms ("HR", "BV"), not
// abbreviations.
func lookupAbbrev(w string) (abbrevKind, bool) {
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
	if !abbrevFilter.mayHold(buf[:len(w)]) {
		return abbrevNone, false
	}
	k, ok := dutchAbbrevs[string(buf[:len(w)])]
	return k, ok
}

// isInitials reports whether w is one capital letter or a dotted run of
// single capitals: "J", "A.B", "L.W.S.A".
func isInitials(w string) bool {
	expectLetter := true
	for len(w) > 0 {
		r, size := utf8.DecodeRuneInString(w)
		if expectLetter {
			if !unicode.IsUpper(r) {
				return false
			}
		} else if r != '.' {
			return false
		}
		expectLetter = !expectLetter
		w = w[size:]
	}
	return !expectLetter
}

// isDottedAbbrev reports whether w looks like an abbreviation made of short
// lower-case letter groups joined by periods ("z.g.a.n", "t.a.v").
func isDottedAbbrev(w string) bool {
	group := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.':
			if group == 0 {
				return false
			}
			group = 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			group++
			if group > 2 {
				return false
			}
		default:
			return false
		}
	}
	return group > 0
}

func isLowerASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			return false
		}
	}
	return true
}

// wordBefore returns the token that ends at i (not before segStart),
// without leading opening quotes or brackets.
func wordBefore(text string, segStart, i int) string {
	j := i
	for j > segStart {
		c := text[j-1]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		if c >= 0x80 {
			r, size := utf8.DecodeLastRuneInString(text[segStart:j])
			if unicode.IsSpace(r) {
				break
			}
			j -= size
		} else {
			j--
		}
		if i-j > 64 {
			break
		}
	}
	for j < i {
		if c := text[j]; c == '(' || c == '[' {
			j++
			continue
		}
		k := skipOpeners(text[:i], j)
		if k == j {
			break
		}
		j = k
	}
	return text[j:i]
}

// hasContent reports whether text[from:to] holds a letter or digit. It
// looks back at most 64 bytes and assumes content beyond that.
func hasContent(text string, from, to int) bool {
	limited := false
	if to-from > 64 {
		from, limited = to-64, true
	}
	for k := to; k > from; {
		r, size := utf8.DecodeLastRuneInString(text[from:k])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
		k -= size
	}
	return limited
}

// listMarkerLen returns the length of a list marker or bullet at i (the
// start of a line), including the space after it, or 0. Markers are a bullet
// or dash ("- ", "* ", "• ", "– ", "— "), one or two digits followed by '.'
// or ')' ("1. ", "12) "), or a lower-case letter followed by ')' ("a) ").
func listMarkerLen(text string, i int) int {
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
	case c < utf8.RuneSelf:
		// Other ASCII: every bullet below starts with a non-ASCII byte.
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

// wrappedMarker reports whether the list marker text[i:i+m] at the start of
// a line is more likely a hard wrap inside a sentence: a dash between two
// numbers ("0\n- 19 jaar") or a number with ')' that closes a parenthesis
// opened on the previous line ("(was\n2) en").
func wrappedMarker(text string, i, m int) bool {
	// The previous line, without its trailing white space.
	end := i
	for end > 0 && (text[end-1] == '\n' || text[end-1] == ' ' || text[end-1] == '\t' || text[end-1] == '\r') {
		if text[end-1] == '\n' && end < i && strings.IndexByte(text[end:i], '\n') >= 0 {
			return false // a blank line: not a wrap
		}
		end--
	}
	if end == 0 {
		return false
	}
	start := end
	for start > 0 && text[start-1] != '\n' && end-start < 256 {
		start--
	}
	prev := text[start:end]
	c := text[i]
	switch {
	case c == '-' || strings.HasPrefix(text[i:], "–"):
		last := prev[len(prev)-1]
		return last >= '0' && last <= '9' && i+m < len(text) && text[i+m] >= '0' && text[i+m] <= '9'
	case text[i+m-2] == ')':
		depth := 0
		for k := 0; k < len(prev); k++ {
			switch prev[k] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		return depth > 0
	}
	return false
}

// apostropheFormLen returns the length of a Dutch apostrophe form at k
// ("'s", "'t", "'n", "'k", "'m", with ' or ’) when it is followed by a space
// or a hyphen ("'s-Hertogenbosch"), or 0.
func apostropheFormLen(text string, k int) int {
	var q int
	switch {
	case text[k] == '\'':
		q = 1
	case strings.HasPrefix(text[k:], "’"):
		q = len("’")
	default:
		return 0
	}
	j := k + q
	if j+1 >= len(text) {
		return 0
	}
	switch text[j] {
	case 's', 't', 'n', 'k', 'm', 'S', 'T', 'N', 'K', 'M':
	default:
		return 0
	}
	if c := text[j+1]; c == ' ' || c == '-' {
		return j + 1 - k
	}
	return 0
}

// skipClosers skips closing quotes and brackets at j.
func skipClosers(text string, j int) int {
	for j < len(text) {
		switch c := text[j]; {
		case c == '"' || c == '\'' || c == ')' || c == ']' || c == '}':
			j++
		case strings.HasPrefix(text[j:], "”") || strings.HasPrefix(text[j:], "’"):
			j += 3
		case strings.HasPrefix(text[j:], "»"):
			j += 2
		default:
			return j
		}
	}
	return j
}

// skipOpeners skips opening quotes and Dutch ",," at k.
func skipOpeners(text string, k int) int {
	for k < len(text) {
		switch c := text[k]; {
		case c == '"' || c == '\'':
			k++
		case c == ',' && k+1 < len(text) && text[k+1] == ',':
			k += 2
		case c == '(' || c == '[':
			return k
		case strings.HasPrefix(text[k:], "“") || strings.HasPrefix(text[k:], "‘") ||
			strings.HasPrefix(text[k:], "„"):
			k += 3
		case strings.HasPrefix(text[k:], "«"):
			k += 2
		default:
			return k
		}
	}
	return k
}

// detachedCloserLen returns the length of a closing quote that stands alone
// as a token at k (two apostrophes, ” ’ or »), or 0.
func detachedCloserLen(text string, k int) int {
	var m int
	switch {
	case strings.HasPrefix(text[k:], "''"):
		m = 2
	case strings.HasPrefix(text[k:], "”"), strings.HasPrefix(text[k:], "’"):
		m = 3
	case strings.HasPrefix(text[k:], "»"):
		m = 2
	default:
		return 0
	}
	if k+m < len(text) && !spaceAt(text, k+m) {
		return 0
	}
	return m
}

// spaceAt reports whether a white-space character starts at j.
func spaceAt(text string, j int) bool {
	c := text[j]
	if c < utf8.RuneSelf {
		return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return unicode.IsSpace(r)
}

// skipSpace returns the offset of the first non-space character at or after j.
func skipSpace(text string, j int) int {
	for j < len(text) && spaceAt(text, j) {
		if text[j] < utf8.RuneSelf {
			j++
		} else {
			_, size := utf8.DecodeRuneInString(text[j:])
			j += size
		}
	}
	return j
}
