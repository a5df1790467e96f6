package analysis

import (
	"strconv"
	"strings"
)

// TestFailure is one failing example or counterexample.
type TestFailure struct {
	File     string
	Line     int // line of the sentence in the YAML (the code's line when unknown)
	Code     string
	Sentence string
	Kind     string // "example" | "counterexample"
	Got      []Match
}

// String formats the failure as `file:line: code "x": example not coded: "..."`.
func (f TestFailure) String() string {
	var sb strings.Builder
	sb.WriteString(f.File)
	if f.Line > 0 {
		sb.WriteString(":")
		sb.WriteString(strconv.Itoa(f.Line))
	}
	sb.WriteString(": code \"" + f.Code + "\": ")
	if f.Kind == "example" {
		sb.WriteString("example not coded: ")
	} else {
		sb.WriteString("counterexample coded: ")
	}
	sb.WriteString("\"" + f.Sentence + "\"")
	if len(f.Got) > 0 {
		sb.WriteString(" (got")
		for _, m := range f.Got {
			sb.WriteString(" " + m.Code + "=" + m.Surface)
			if m.Negated {
				sb.WriteString("[neg]")
			}
		}
		sb.WriteString(")")
	}
	return sb.String()
}

// ParseExample splits an example sentence into an optional leading role
// marker and the sentence: "[parent] Mijn moeder past op." gives role
// "parent". Without a marker the role is "" (unknown).
func ParseExample(s string) (role, sentence string) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "[") {
		if i := strings.IndexByte(t, ']'); i > 1 && !strings.ContainsAny(t[1:i], " \t") {
			return strings.ToLower(t[1:i]), strings.TrimSpace(t[i+1:])
		}
	}
	return "", t
}

// RunExamples matches every example and counterexample of every code and
// returns the failures in codebook order. An example passes when its code
// is among the matches, negated or not (a negated mention is still coded:
// "absence is data"); a counterexample passes when its code is not among
// them. Each sentence is matched on its own (no window); a leading
// "[role]" marker sets the speaker role (see ParseExample).
func RunExamples(c *Codebook) []TestFailure {
	var out []TestFailure
	for i := range c.codes {
		cs := c.codes[i].spec
		run := func(sentences []string, lines []int, kind string) {
			for j, s := range sentences {
				if strings.TrimSpace(s) == "" {
					continue
				}
				role, sentence := ParseExample(s)
				got := c.Match(sentence, Context{Role: role})
				coded := false
				for _, m := range got {
					if m.Code == cs.ID {
						coded = true
						break
					}
				}
				if coded != (kind == "example") {
					out = append(out, TestFailure{
						File: c.spec.File, Line: lineAt(lines, j, cs.Line), Code: cs.ID,
						Sentence: s, Kind: kind, Got: got,
					})
				}
			}
		}
		run(cs.Examples, cs.exampleLines, "example")
		run(cs.Counterexamples, cs.counterexampleLines, "counterexample")
	}
	return out
}
