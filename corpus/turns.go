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
		i = n
	}
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	bold := ""
	for _, b := range []string{"**", "__"} {
		if strings.HasPrefix(line[i:], b) {
			bold = b
			i += 2
			break
		}
	}
	start := i
	colon := -1
	for j := i; j < len(line) && j-start <= 48; {
		r, size := utf8.DecodeRuneInString(line[j:])
		if r == ':' || r == '|' {
			// "Moeder | tekst" is a two-column speaker table of a Word file.
			colon = j
			break
		}
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '.' || r == '-' || r == '\'' || r == '(' || r == ')' || r == '*' || r == '_') {
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

// countFields returns len(strings.Fields(s)) without making the fields.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			n++
			in = true
		}
	}
	return n
}

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
// without labels, is split into unlabelled turns by blank lines.
func splitTurns(text string, known func(string) bool) []rawTurn {
	type cand struct {
		m          labelMatch
		start, end int // line's byte range
		idx        int
	}
	lines := make([]cand, 0, strings.Count(text, "\n")+1)
	counts := map[string]int{}
	// lower caches strings.ToLower of the labels: a text has few.
	lower := map[string]string{}
	toLower := func(label string) string {
		l, ok := lower[label]
		if !ok {
			l = strings.ToLower(label)
			lower[label] = l
		}
		return l
	}
	off := 0
	for idx := 0; off <= len(text); idx++ {
		e := strings.IndexByte(text[off:], '\n')
		if e < 0 {
			e = len(text) - off
		}
		line := text[off : off+e]
		c := cand{start: off, end: off + e, idx: idx}
		if m, ok := parseLabel(line); ok {
			c.m = m
			counts[toLower(m.label)]++
		}
		lines = append(lines, c)
		off += e + 1
	}
	accept := func(label string) bool {
		l := toLower(label)
		return known(l) || speakerLike(label) || counts[l] >= 2
	}
	var turns []rawTurn
	cur := -1
	para := false // the current turn is an unlabelled paragraph turn
	for _, c := range lines {
		blank := strings.TrimSpace(text[c.start:c.end]) == ""
		if c.m.label != "" && accept(c.m.label) {
			turns = append(turns, rawTurn{speaker: c.m.label, time: c.m.time, start: c.start, body: c.start + c.m.bodyOff, end: c.end, line: c.idx})
			cur = len(turns) - 1
			para = false
			continue
		}
		if blank {
			if para {
				cur = -1
			}
			continue
		}
		if cur < 0 {
			turns = append(turns, rawTurn{start: c.start, body: c.start, end: c.end, line: c.idx})
			cur = len(turns) - 1
			para = true
			continue
		}
		turns[cur].end = c.end
	}
	// Trim trailing whitespace of each turn's end.
	for i := range turns {
		for turns[i].end > turns[i].body && (text[turns[i].end-1] == ' ' || text[turns[i].end-1] == '\n' || text[turns[i].end-1] == '\t') {
			turns[i].end--
		}
	}
	return turns
}
