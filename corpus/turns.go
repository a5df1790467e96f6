package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// labelMatch is a speaker label found at the start of a line.
type labelMatch struct {
	label   string // as written, without markup, colon or timestamp
	time    string // timestamp before the label, "" when none
	timeOff int    // byte offset of time in the line
	bodyOff int    // byte offset in the line where the turn's content starts
}

// parseLabel looks for a speaker label at the start of line: an optional
// timestamp ("[00:01:23]", "(00:01:23)", "00:01:23 -"), optional Markdown
// bold ("**Vader:**", "**Vader**:"), then a label of at most four words and
// 40 characters and a colon. Whether the label is accepted as a speaker is
// decided by the caller (see speakerLike and the known labels).
func parseLabel(line string) (labelMatch, bool) {
	var m labelMatch
	i := 0
	// Timestamp.
	if t, n := parseTimestampPrefix(line); n > 0 {
		m.time = t
		if line[0] == '[' || line[0] == '(' {
			m.timeOff = 1
		}
		i = n
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	bold := ""
	if i+1 < len(line) && line[i] == line[i+1] && (line[i] == '*' || line[i] == '_') {
		bold = line[i : i+2] // "**" or "__"
		i += 2
	}
	start := i
	colon := -1
	for j := i; j < len(line) && j-start <= 48; {
		if c := line[j]; c < utf8.RuneSelf {
			k := labelByte[c]
			if k == lbStop {
				// "Moeder | tekst" is a two-column speaker table of a Word file.
				colon = j
				break
			}
			if k == lbOther {
				return m, false
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(line[j:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return m, false
		}
		j += size
	}
	if colon < 0 {
		return m, false
	}
	label := line[start:colon]
	// "**Vader**:" closes the bold before the colon.
	label = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(label, bold), bold))
	if bold != "" && strings.Contains(label, bold) {
		return m, false
	}
	if label == "" || utf8.RuneCountInString(label) > 40 || countFields(label) > 4 {
		return m, false
	}
	if line[colon] == '|' {
		label = strings.TrimSpace(label)
	}
	j := colon + 1
	if bold != "" && strings.HasPrefix(line[j:], bold) {
		j += len(bold)
	}
	// A label is followed by a space or the end of the line, never by a digit
	// (a time such as "10:30") or a "/" (a URL).
	if j < len(line) && line[j] != ' ' && line[j] != '\t' {
		return m, false
	}
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	m.label = label
	m.bodyOff = j
	return m, true
}

// Classes of ASCII bytes in a speaker label, for parseLabel: lbLabel may
// be part of a label (letters, digits, space, period, hyphen, apostrophe,
// brackets, '*' and '_'), lbStop ends one (':', or '|' of a two-column
// table), lbOther may not be in one.
const (
	lbOther = iota
	lbLabel
	lbStop
)

// labelByte is the class of each ASCII byte in a label (see lbLabel). It is
// read-only.
var labelByte = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = lbLabel
		case strings.IndexByte(" .-'()*_", byte(c)) >= 0:
			t[c] = lbLabel
		case c == ':' || c == '|':
			t[c] = lbStop
		}
	}
	return t
}()

// countFields returns len(strings.Fields(s)) without making the fields.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		space := false
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			n++
			in = true
		}
	}
	return n
}

// asciiSpace marks the ASCII bytes that unicode.IsSpace accepts. It is
// read-only.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// parseTimestampPrefix reads "[hh:mm:ss]", "(hh:mm:ss)", "[mm:ss]" or a bare
// "hh:mm:ss" (optionally with ".mmm" or ",mmm") followed by a space or
// " - " at the start of s. It returns the timestamp and the bytes consumed.
func parseTimestampPrefix(s string) (string, int) {
	open, close := byte(0), byte(0)
	i := 0
	if len(s) > 0 && (s[0] == '[' || s[0] == '(') {
		open = s[0]
		close = ']'
		if open == '(' {
			close = ')'
		}
		i = 1
	}
	j := i
	colons := 0
	for j < len(s) && (isDigit(s[j]) || s[j] == ':' || ((s[j] == '.' || s[j] == ',') && colons >= 1 && j+1 < len(s) && isDigit(s[j+1]))) {
		if s[j] == ':' {
			colons++
		}
		j++
	}
	if colons < 1 || colons > 2 || j-i < 4 || !isDigit(s[j-1]) {
		return "", 0
	}
	t := s[i:j]
	if open != 0 {
		if j >= len(s) || s[j] != close {
			return "", 0
		}
		j++
	} else {
		// A bare time must be followed by whitespace or a dash: "00:01:23 Moeder:".
		if colons < 2 || j >= len(s) || (s[j] != ' ' && s[j] != '\t') {
			return "", 0
		}
	}
	k := j
	for k < len(s) {
		switch {
		case s[k] == ' ' || s[k] == '\t' || s[k] == '-':
			k++
			continue
		case strings.HasPrefix(s[k:], "–"):
			k += len("–")
			continue
		}
		break
	}
	if k == j && j < len(s) {
		// "[00:01:23]Moeder:" is fine too.
		return t, j
	}
	return t, k
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// speakerLike reports whether a label that is not a known label still looks
// like a speaker label by its form alone: written in capitals ("MOEDER",
// "SPREKER 2"), or a generic numbered speaker ("Spreker 1", "Speaker 2",
// "Respondent 3", "Deelnemer 1", "P1"), or a single letter ("I", "R", "M").
func speakerLike(label string) bool {
	if utf8.RuneCountInString(label) == 1 {
		r, _ := utf8.DecodeRuneInString(label)
		return unicode.IsUpper(r)
	}
	upper, letters := 0, 0
	for _, r := range label {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && upper == letters {
		return true
	}
	f := strings.Fields(strings.ToLower(label))
	if len(f) == 2 && isNumber(f[1]) {
		switch f[0] {
		case "spreker", "speaker", "respondent", "deelnemer", "participant", "interviewer", "ouder", "kind", "p", "r":
			return true
		}
	}
	if len(f) == 1 && len(f[0]) >= 2 && len(f[0]) <= 4 && (f[0][0] == 'p' || f[0][0] == 'r') && isNumber(f[0][1:]) {
		return true
	}
	return false
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// rawTurn is a turn in byte offsets, before roles and code points.
type rawTurn struct {
	speaker     string
	time        string
	start, body int // byte offsets: turn start (label included) and content start
	end         int
	line        int // 0-based line index in the text of the turn's first line
}

// splitTurns finds speaker turns in text. A line that starts with an
// accepted label starts a turn; other lines continue the current turn.
// Labels are accepted when known (a key of known, lower-cased) or when they
// look like speakers by form (speakerLike) or when the same label starts at
// least two lines of the text. Text before the first label, and all of a text
// without labels, is split into unlabelled turns by blank lines. known is
// asked once per label as written, and must depend on its argument only.
//
// A first pass over the lines finds the labels and counts them; a second
// decides, line by line, where turns start and end.
func splitTurns(text string, known func(string) bool) []rawTurn {
	// labelled is a line that starts with a label, in byte offsets (no
	// pointers for the collector to follow).
	type labelled struct {
		start, body int // where the line and the turn's content start
		t0, t1      int // the timestamp before the label, text[t0:t1]
		label       int // the label's number in labels
	}
	cands := make([]labelled, 0, strings.Count(text, "\n")+1)
	var labels labelCounts
	off := 0
	for off <= len(text) {
		e := strings.IndexByte(text[off:], '\n')
		if e < 0 {
			e = len(text) - off
		}
		if m, ok := parseLabel(text[off : off+e]); ok {
			c := labelled{start: off, body: off + m.bodyOff, label: labels.add(m.label)}
			if m.time != "" {
				c.t0 = off + m.timeOff
				c.t1 = c.t0 + len(m.time)
			}
			cands = append(cands, c)
		}
		off += e + 1
	}
	accepted := labels.accepted(known)
	turns := make([]rawTurn, 0, len(cands)+1)
	cur := -1
	para := false // the current turn is an unlabelled paragraph turn
	next := 0     // the next labelled line in cands
	off = 0
	for idx := 0; off <= len(text); idx++ {
		e := strings.IndexByte(text[off:], '\n')
		if e < 0 {
			e = len(text) - off
		}
		start, end := off, off+e
		off += e + 1
		if next < len(cands) && cands[next].start == start {
			c := cands[next]
			next++
			if accepted[c.label] {
				turns = append(turns, rawTurn{speaker: labels.labels.keys[c.label], time: text[c.t0:c.t1], start: start, body: c.body, end: end, line: idx})
				cur = len(turns) - 1
				para = false
				continue
			}
		}
		if strings.TrimSpace(text[start:end]) == "" {
			if para {
				cur = -1
			}
			continue
		}
		if cur < 0 {
			turns = append(turns, rawTurn{start: start, body: start, end: end, line: idx})
			cur = len(turns) - 1
			para = true
			continue
		}
		turns[cur].end = end
	}
	// Trim trailing whitespace of each turn's end.
	for i := range turns {
		for turns[i].end > turns[i].body && (text[turns[i].end-1] == ' ' || text[turns[i].end-1] == '\n' || text[turns[i].end-1] == '\t') {
			turns[i].end--
		}
	}
	return turns
}

// labelCounts numbers the distinct speaker labels of a text and counts
// the lines each lower-cased label starts.
type labelCounts struct {
	labels stringIndex // as written
	lows   stringIndex // lower-cased
	lowOf  []int       // per label: its number in lows
	counts []int       // per lower-cased label: the lines it starts
}

// add counts a line that starts with label and returns the label's number.
func (lc *labelCounts) add(label string) int {
	n := len(lc.labels.keys)
	k := lc.labels.add(label)
	if k == n {
		l := lc.lows.add(strings.ToLower(label))
		if l == len(lc.counts) {
			lc.counts = append(lc.counts, 0)
		}
		lc.lowOf = append(lc.lowOf, l)
	}
	lc.counts[lc.lowOf[k]]++
	return k
}

// accepted says per label (by number) whether splitTurns takes it for a
// speaker: known lower-cased, speaker-like by form, or counted twice or more.
func (lc *labelCounts) accepted(known func(string) bool) []bool {
	ok := make([]bool, len(lc.labels.keys))
	for k, label := range lc.labels.keys {
		l := lc.lowOf[k]
		ok[k] = known(lc.lows.keys[l]) || speakerLike(label) || lc.counts[l] >= 2
	}
	return ok
}

// stringIndex numbers distinct strings in the order they are added. A text
// has few speaker labels: the first smallIndex are found by comparing, the
// others in a map.
type stringIndex struct {
	keys []string
	m    map[string]int // keys past the first smallIndex
}

const smallIndex = 8

// add returns the number of s, adding it when new.
func (x *stringIndex) add(s string) int {
	for k := range min(len(x.keys), smallIndex) {
		if x.keys[k] == s {
			return k
		}
	}
	if k, ok := x.m[s]; ok {
		return k
	}
	k := len(x.keys)
	x.keys = append(x.keys, s)
	if k >= smallIndex {
		if x.m == nil {
			x.m = map[string]int{}
		}
		x.m[s] = k
	}
	return k
}
