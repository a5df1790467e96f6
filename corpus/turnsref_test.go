package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The straightforward forms of the speaker-turn parser, as they were before
// the fast paths of turns.go: the tests compare the two on many texts.

// parseLabelRef is parseLabel without its fast paths. It looks for a speaker
// label at the start of line: an optional timestamp ("[00:01:23]",
// "(00:01:23)", "00:01:23 -"), optional Markdown bold ("**Vader:**",
// "**Vader**:"), then a label of at most four words and 40 characters and a
// colon. Whether the label is accepted as a speaker is decided by the caller
// (see speakerLike and the known labels).
func parseLabelRef(line string) (labelMatch, bool) {
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
	if label == "" || utf8.RuneCountInString(label) > 40 || countFieldsRef(label) > 4 {
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

// countFieldsRef is countFields without its ASCII path: it returns
// len(strings.Fields(s)) without making the fields.
func countFieldsRef(s string) int {
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

// splitTurnsRef is splitTurns as it was (a record per line, maps per label):
// it finds speaker turns in text. A line that starts with an accepted label
// starts a turn; other lines continue the current turn. Labels are accepted
// when known (a key of known, lower-cased) or when they look like speakers
// by form (speakerLike) or when the same label starts at least two lines of
// the text. Text before the first label, and all of a text without labels,
// is split into unlabelled turns by blank lines.
func splitTurnsRef(text string, known func(string) bool) []rawTurn {
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
		if m, ok := parseLabelRef(line); ok {
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
