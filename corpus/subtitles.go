package corpus

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The subtitle readers parse WebVTT and SubRip themselves rather than through
// github.com/asticode/go-astisub (v0.34): that library panics on a timing
// line with nothing after "-->" (it indexes the empty field list), logs a
// second voice in a cue through the global logger instead of returning it,
// keeps only the first <v> voice of a line, and reports bad timestamps as
// plain strings without a typed error. Both formats are simple enough that a
// small block parser is safer and gives errors with line numbers.

// ReadVTT reads a WebVTT file (.vtt) into utterances, one per cue, or one per
// speaker when a cue holds several voices. name is the file's display path,
// used in errors; data is the whole file, decoded with Decode.
//
// For each utterance: Time is the cue start normalised to "hh:mm:ss.mmm"
// ("00:01:23.500", hours at least two digits, '.' before the milliseconds,
// whatever the source wrote); Line is the 1-based ordinal of the cue in the
// file (not its identifier); Speaker comes from a <v Name> voice tag or,
// in a cue without voice tags, from a "Name:" prefix at the start of a cue
// line (see speakerPrefix), which is then removed from Text. Other tags
// (<i>, <b>, <c.class>, <lang>, <ruby>, inline timestamps) are removed, HTML
// character references decoded, and the cue's lines joined with '\n'. NOTE,
// STYLE and REGION blocks and the header are skipped. A timing line whose
// timestamps cannot be read is an *InputError wrapping ErrBadTimestamp with
// the line number; a file with no cue text is ErrEmptyDocument.
func ReadVTT(name string, data []byte, lim Limits) (Extract, error) {
	return readSubtitles(name, data, lim, true)
}

// ReadSRT reads a SubRip file (.srt) into utterances exactly as ReadVTT does
// (cue numbers in the file are not used: Line is the cue's ordinal). SubRip
// formatting tags (<i>, <b>, <u>, <font ...>) and ASS override codes
// ("{\an8}") are removed.
func ReadSRT(name string, data []byte, lim Limits) (Extract, error) {
	return readSubtitles(name, data, lim, false)
}

// subBlock is a run of non-blank lines; first is the 1-based line number of
// lines[0].
type subBlock struct {
	first int
	lines []string
}

func readSubtitles(name string, data []byte, lim Limits, vtt bool) (Extract, error) {
	lim = lim.WithDefaults()
	format, example := "SRT", "00:00:01,000 --> 00:00:04,000"
	if vtt {
		format, example = "WebVTT", "00:00:01.000 --> 00:00:04.000"
	}
	if int64(len(data)) > lim.MaxFileBytes {
		return Extract{}, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: file size %d bytes over limits.max_file_bytes = %d", ErrTooLarge, len(data), lim.MaxFileBytes),
			Hint: "split the file or raise limits.max_file_bytes"}
	}
	d, err := Decode(data)
	if err != nil {
		return Extract{}, &InputError{Pos: Pos{File: name}, Err: err, Hint: "save the file as UTF-8"}
	}
	ex := Extract{Encoding: d.Encoding, Steps: d.Steps}
	blocks, err := splitBlocks(name, d.Text, lim.MaxLineBytes)
	if err != nil {
		return Extract{}, err
	}
	if vtt {
		if len(blocks) == 0 || !isVTTKeyword(blocks[0].lines[0], "WEBVTT") {
			ex.Warnings = append(ex.Warnings, "no WEBVTT header line at the top; read as WebVTT anyway")
		} else {
			// The header block; cues may follow without the blank line the
			// specification asks for.
			h := blocks[0]
			i := 1
			for i < len(h.lines) && !strings.Contains(h.lines[i], "-->") {
				i++
			}
			if i < len(h.lines) {
				blocks[0] = subBlock{first: h.first + i, lines: h.lines[i:]}
			} else {
				blocks = blocks[1:]
			}
		}
	}
	cue := 0
	emptyCues := 0
	for _, b := range blocks {
		if vtt && (isVTTKeyword(b.lines[0], "NOTE") || isVTTKeyword(b.lines[0], "STYLE") || isVTTKeyword(b.lines[0], "REGION")) {
			continue
		}
		t := -1 // index of the timing line
		switch {
		case strings.Contains(b.lines[0], "-->"):
			t = 0
		case len(b.lines) > 1 && strings.Contains(b.lines[1], "-->"):
			t = 1
		}
		if t < 0 {
			if allASCIIDigits(strings.TrimSpace(b.lines[0])) && len(b.lines) > 1 {
				return Extract{}, &InputError{Pos: Pos{File: name, Line: b.first + 1},
					Err:  fmt.Errorf("%w: expected a cue timing line like %q, found %q", ErrBadTimestamp, example, clipText(b.lines[1])),
					Hint: "correct the timing line in a text editor"}
			}
			if len(ex.Utterances) == 0 {
				return Extract{}, &InputError{Pos: Pos{File: name, Line: b.first},
					Err:  fmt.Errorf("%w: text without a cue timing line (%q): not a %s file", ErrCorrupt, example, format),
					Hint: fmt.Sprintf("check that this is a %s subtitle file; a plain transcript should be saved as .txt", format)}
			}
			// Text after a blank line inside a cue: common in hand-edited
			// files. Keep it with the cue before.
			last := &ex.Utterances[len(ex.Utterances)-1]
			if extra := strings.Join(cleanCueLines(b.lines, vtt), "\n"); extra != "" {
				last.Text += "\n" + extra
			}
			ex.Warnings = append(ex.Warnings, fmt.Sprintf("line %d: text after a blank line inside cue %d, kept with that cue", b.first, last.Line))
			continue
		}
		cue++
		lineNo := b.first + t
		start, err := parseCueTiming(b.lines[t])
		if err != nil {
			return Extract{}, &InputError{Pos: Pos{File: name, Line: lineNo},
				Err:  fmt.Errorf("%w: %v in %q (expected like %q)", ErrBadTimestamp, err, clipText(b.lines[t]), example),
				Hint: "correct the timing line in a text editor"}
		}
		segs := cueSegments(b.lines[t+1:], vtt)
		if len(segs) == 0 {
			emptyCues++
		}
		for _, s := range segs {
			ex.Utterances = append(ex.Utterances, Utterance{Speaker: s.speaker, Time: start, Text: s.text, Line: cue})
		}
	}
	if emptyCues > 0 {
		ex.Warnings = append(ex.Warnings, fmt.Sprintf("%d cues without text skipped", emptyCues))
	}
	if len(ex.Utterances) == 0 {
		return Extract{}, &InputError{Pos: Pos{File: name}, Err: ErrEmptyDocument,
			Hint: fmt.Sprintf("the file has no %s cues with text", format)}
	}
	return ex, nil
}

// splitBlocks cuts text into blocks of non-blank lines, failing with
// ErrTooLarge on a line longer than maxLine bytes.
func splitBlocks(name, text string, maxLine int) ([]subBlock, error) {
	var blocks []subBlock
	var cur *subBlock
	for i, line := range strings.Split(text, "\n") {
		if len(line) > maxLine {
			return nil, &InputError{Pos: Pos{File: name, Line: i + 1},
				Err:  fmt.Errorf("%w: line longer than limits.max_line_bytes = %d", ErrTooLarge, maxLine),
				Hint: "this is not an ordinary subtitle file; if it is genuine, raise limits.max_line_bytes"}
		}
		if strings.TrimSpace(line) == "" {
			cur = nil
			continue
		}
		if cur == nil {
			blocks = append(blocks, subBlock{first: i + 1})
			cur = &blocks[len(blocks)-1]
		}
		cur.lines = append(cur.lines, line)
	}
	return blocks, nil
}

// isVTTKeyword reports whether line is kw alone or kw followed by white space.
func isVTTKeyword(line, kw string) bool {
	rest, ok := strings.CutPrefix(line, kw)
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

func allASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// clipText shortens s for an error message.
func clipText(s string) string {
	const n = 60
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// cueTimestamp matches a subtitle timestamp: optional hours, minutes,
// seconds, and 1-3 fraction digits after '.' or ','. VTT writes '.', SRT ','
// but both mistakes are common, and unambiguous.
var cueTimestamp = regexp.MustCompile(`^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$`)

// parseCueTiming reads "start --> end [settings]" and returns the start as
// "hh:mm:ss.mmm". The end must be a valid timestamp too.
func parseCueTiming(line string) (string, error) {
	left, right, _ := strings.Cut(line, "-->")
	start, err := normTimestamp(strings.TrimSpace(left))
	if err != nil {
		return "", fmt.Errorf("start: %v", err)
	}
	f := strings.Fields(right)
	if len(f) == 0 {
		return "", fmt.Errorf("no end time")
	}
	if _, err := normTimestamp(f[0]); err != nil {
		return "", fmt.Errorf("end: %v", err)
	}
	return start, nil
}

// normTimestamp normalises a timestamp to "hh:mm:ss.mmm".
func normTimestamp(s string) (string, error) {
	m := cueTimestamp.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("%q is not a timestamp", clipText(s))
	}
	h := 0
	if m[1] != "" {
		h, _ = strconv.Atoi(m[1])
	}
	mi, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	if mi > 59 || sec > 59 {
		return "", fmt.Errorf("%q has minutes or seconds over 59", s)
	}
	frac := m[4] + strings.Repeat("0", 3-len(m[4]))
	return fmt.Sprintf("%02d:%02d:%02d.%s", h, mi, sec, frac), nil
}

// cueSegment is the text of one speaker within a cue.
type cueSegment struct {
	speaker string
	text    string
}

// cueSegments cleans a cue's text lines and splits them by speaker: a <v>
// voice tag, or (in a cue without voice tags) a "Name:" prefix at the start
// of a line, starts a new segment when the segment before has text.
func cueSegments(lines []string, vtt bool) []cueSegment {
	var segs []cueSegment
	var cur cueSegment
	var curLines []string
	hasText := func() bool {
		for _, l := range curLines {
			if l != "" {
				return true
			}
		}
		return false
	}
	flush := func() {
		text := strings.TrimSpace(strings.Join(curLines, "\n"))
		if text != "" {
			cur.text = text
			segs = append(segs, cur)
		}
		cur, curLines = cueSegment{}, nil
	}
	voiced := false
	for _, l := range lines {
		if findVoice(l) {
			voiced = true
			break
		}
	}
	for _, raw := range lines {
		var b strings.Builder
		for _, tok := range cueTokens(raw, vtt) {
			if !tok.voice {
				b.WriteString(tok.text)
				continue
			}
			if tok.text == cur.speaker || tok.text == "" {
				continue
			}
			if hasText() || strings.TrimSpace(b.String()) != "" {
				curLines = append(curLines, strings.TrimSpace(b.String()))
				b.Reset()
				flush()
			}
			cur.speaker = tok.text
		}
		line := strings.TrimSpace(b.String())
		if !voiced {
			if sp, rest, ok := speakerPrefix(line); ok {
				if hasText() {
					flush()
				}
				cur.speaker = sp
				line = rest
			}
		}
		curLines = append(curLines, line)
	}
	flush()
	return segs
}

// cleanCueLines returns the lines with tags removed, for text that continues
// a cue.
func cleanCueLines(lines []string, vtt bool) []string {
	var out []string
	for _, l := range lines {
		var b strings.Builder
		for _, tok := range cueTokens(l, vtt) {
			if !tok.voice {
				b.WriteString(tok.text)
			}
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// cueToken is a piece of a cue line: text (tags removed, character
// references decoded) or a voice start whose text is the voice name.
type cueToken struct {
	text  string
	voice bool
}

// findVoice reports whether line has a <v ...> voice tag.
func findVoice(line string) bool {
	for _, t := range cueTokens(line, true) {
		if t.voice {
			return true
		}
	}
	return false
}

// cueTokens splits a cue line into text and voice tokens. A tag is '<'
// followed by a letter, '/' or a digit (an inline timestamp) up to the next
// '>'; other '<' are text. In SRT, "{\...}" override codes are removed too.
func cueTokens(line string, vtt bool) []cueToken {
	var toks []cueToken
	var text strings.Builder
	flushText := func() {
		if text.Len() > 0 {
			toks = append(toks, cueToken{text: html.UnescapeString(text.String())})
			text.Reset()
		}
	}
	for i := 0; i < len(line); {
		c := line[i]
		if c == '{' && !vtt && i+1 < len(line) && line[i+1] == '\\' {
			if j := strings.IndexByte(line[i:], '}'); j > 0 {
				i += j + 1
				continue
			}
		}
		if c == '<' && i+1 < len(line) {
			n := line[i+1]
			if n == '/' || (n >= '0' && n <= '9') || (n|0x20 >= 'a' && n|0x20 <= 'z') {
				if j := strings.IndexByte(line[i:], '>'); j > 0 {
					tag := line[i+1 : i+j]
					i += j + 1
					if v, ok := voiceName(tag); ok {
						flushText()
						toks = append(toks, cueToken{text: v, voice: true})
					}
					continue
				}
			}
		}
		text.WriteByte(c)
		i++
	}
	flushText()
	return toks
}

// voiceName returns the annotation of a voice start tag's content ("v Name",
// "v.class Name").
func voiceName(tag string) (string, bool) {
	if tag == "" || tag[0] != 'v' {
		return "", false
	}
	rest := tag[1:]
	if rest != "" && rest[0] == '.' {
		i := strings.IndexAny(rest, " \t")
		if i < 0 {
			return "", true
		}
		rest = rest[i:]
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", false // another tag starting with v
	}
	return html.UnescapeString(strings.TrimSpace(rest)), true
}

// labelPrefix matches a speaker label at the start of a cue line: an optional
// dialogue dash or ">>", one to four words, a colon, then space or the end.
var labelPrefix = regexp.MustCompile(`^(?:-\s*|>>\s*)?([\p{L}\p{N}][\p{L}\p{N}'’._-]*(?: [\p{L}\p{N}'’._-]+){0,3})\s*:(?:\s+|$)`)

// speakerPrefix recognises "NAME:" or "Name:" at the start of line and returns
// the label and the rest of the line. To keep ordinary sentences with a colon
// ("Toen zei ze: ...") from becoming speakers, the label must start with an
// upper-case letter, be at most 40 characters, and every further word must
// be capitalised, a number, or a Dutch name particle ("Jan de Vries",
// "SPREKER 2", "Fatima El Amrani").
func speakerPrefix(line string) (label, rest string, ok bool) {
	m := labelPrefix.FindStringSubmatchIndex(line)
	if m == nil {
		return "", line, false
	}
	label = line[m[2]:m[3]]
	if utf8.RuneCountInString(label) > 40 {
		return "", line, false
	}
	for i, w := range strings.Fields(label) {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
		case i > 0 && unicode.IsDigit(r):
		case i > 0 && isNameParticle(w):
		default:
			return "", line, false
		}
	}
	return label, line[m[1]:], true
}

// isNameParticle reports whether w is a lower-case particle of Dutch and
// other common surnames.
func isNameParticle(w string) bool {
	switch w {
	case "van", "de", "der", "den", "het", "ter", "ten", "te", "'t", "la", "le", "el", "al", "da", "dos", "du", "von", "bin", "ben":
		return true
	}
	return false
}
