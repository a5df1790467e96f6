package corpus

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ReadText reads a .txt or .md file: it decodes the bytes (see Decode) and
// removes YAML front matter (a first line "---", keys, a closing "---" or
// "..."), whose keys it returns in Extract.Front as strings. Extract.FirstLine
// is the source line of the first line of Text, so locations stay those of
// the file.
func ReadText(name string, data []byte, lim Limits) (Extract, error) {
	lim = lim.WithDefaults()
	d, err := Decode(data)
	if err != nil {
		return Extract{}, &InputError{Pos: Pos{File: name}, Err: err, Hint: "save the file as UTF-8 text"}
	}
	ex := Extract{Text: d.Text, FirstLine: 1, Encoding: d.Encoding, Steps: d.Steps}
	if n, line := longestLine(d.Text); n > lim.MaxLineBytes {
		return Extract{}, &InputError{Pos: Pos{File: name, Line: line},
			Err:  fmt.Errorf("%w: line of %d bytes over limits.max_line_bytes = %d", ErrTooLarge, n, lim.MaxLineBytes),
			Hint: "is this a text file? raise limits.max_line_bytes if it is"}
	}
	front, rest, lines, ok, ferr := splitFrontMatter(ex.Text)
	if ferr != nil {
		return Extract{}, &InputError{Pos: Pos{File: name, Line: ferr.line}, Err: ferr.err,
			Hint: "fix the YAML between the --- lines at the top, or remove them"}
	}
	if ok {
		ex.Front = front
		ex.Text = rest
		ex.FirstLine = 1 + lines
		ex.Steps = append(ex.Steps, fmt.Sprintf("front matter read (%d keys, %d lines)", len(front), lines))
	}
	if strings.TrimSpace(ex.Text) == "" {
		return Extract{}, &InputError{Pos: Pos{File: name}, Err: ErrEmptyDocument, Hint: "the file has no text after its front matter; remove it or add the transcript"}
	}
	return ex, nil
}

// longestLine returns the byte length and 1-based number of the longest line.
func longestLine(s string) (n, line int) {
	ln := 1
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			i = len(s)
		}
		if i > n {
			n, line = i, ln
		}
		if i == len(s) {
			break
		}
		s = s[i+1:]
		ln++
	}
	return n, line
}

type frontErr struct {
	line int
	err  error
}

// splitFrontMatter removes YAML front matter from the start of s. It returns
// the keys, the rest of the text, the number of lines removed and whether
// there was front matter.
func splitFrontMatter(s string) (map[string]string, string, int, bool, *frontErr) {
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "--- \n") {
		return nil, s, 0, false, nil
	}
	lines := strings.SplitAfter(s, "\n")
	end := -1
	for i := 1; i < len(lines) && i < 200; i++ {
		t := strings.TrimRight(lines[i], " \t\n")
		if t == "---" || t == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		// A line of dashes at the top without a closing line is not front
		// matter (a transcript may start with a rule).
		return nil, s, 0, false, nil
	}
	body := strings.Join(lines[1:end], "")
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(body), &raw); err != nil {
		// yaml's message counts lines from the first line after "---".
		return nil, s, 0, false, &frontErr{line: 2, err: fmt.Errorf("front matter (line numbers counted from line 2): %w", err)}
	}
	front := make(map[string]string, len(raw))
	for k, v := range raw {
		front[strings.ToLower(strings.TrimSpace(k))] = frontValue(v)
	}
	rest := strings.Join(lines[end+1:], "")
	return front, rest, end + 1, true, nil
}

// frontValue renders a front-matter value as a string. A speakers mapping
// {I: interviewer, R: parent} becomes "I=interviewer;R=parent" (sorted), the
// form the metadata sheet uses.
func frontValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+"="+frontValue(x[k]))
		}
		return strings.Join(parts, ";")
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			parts = append(parts, frontValue(e))
		}
		return strings.Join(parts, ";")
	default:
		return fmt.Sprint(x)
	}
}
