package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// DefaultNearWindow is the window, in tokens on either side of a match, in
// which unless_near and only_near words are looked for when a code does not
// set near_window.
const DefaultNearWindow = 12

// DefaultMinModifier is the least number of code points the left part of a
// compound must have for a term to match as its head (volleybal|coach,
// overblijf|juf). Shorter left parts (h|ouders) are never taken.
const DefaultMinModifier = 3

// KnownRoles are the speaker roles of DESIGN.md; a term's roles outside this
// list draw a warning.
func KnownRoles() []string {
	return []string{"interviewer", "parent", "child", "youth", "professional", "other"}
}

// CodebookError is an error reading a codebook file, with its position when
// known (Line 0 when not).
type CodebookError struct {
	File string
	Line int
	Msg  string
	Err  error
}

func (e *CodebookError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Unwrap returns the underlying (YAML) error.
func (e *CodebookError) Unwrap() error { return e.Err }

var yamlLineRE = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns a YAML error into CodebookErrors naming file and line.
func yamlError(file string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var errs []error
	for _, m := range msgs {
		ce := &CodebookError{File: file, Msg: m, Err: err}
		if sm := yamlLineRE.FindStringSubmatch(m); sm != nil {
			ce.Line, _ = strconv.Atoi(sm[1])
			ce.Msg = sm[2]
		}
		errs = append(errs, ce)
	}
	return errors.Join(errs...)
}

// termKeys are the keys a term mapping may have.
var termKeys = map[string]bool{
	"term": true, "whole_word": true, "exact": true, "roles": true,
	"unless_near": true, "only_near": true,
}

// UnmarshalYAML reads a term written either as a plain string or as a
// mapping with options; unknown keys are errors. It records the term's
// position in Line and Column.
func (t *TermSpec) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*t = TermSpec{Term: n.Value}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !termKeys[k.Value] {
				return fmt.Errorf("line %d: unknown term key %q (known: term, whole_word, exact, roles, unless_near, only_near)", k.Line, k.Value)
			}
		}
		type plain TermSpec
		var p plain
		if err := n.Decode(&p); err != nil {
			return err
		}
		*t = TermSpec(p)
	default:
		return fmt.Errorf("line %d: a term is a string or a mapping with a term key", n.Line)
	}
	t.Line, t.Column = n.Line, n.Column
	return nil
}

// LoadCodebook parses a YAML codebook. file names it in errors, which carry
// the line ("codebook.yaml:12: ..."). Unknown keys are errors. The returned
// spec records the position of each code, term, example and counterexample;
// it is not validated (see Validate and Compile).
func LoadCodebook(file string, data []byte) (*CodebookSpec, error) {
	var spec CodebookSpec
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&spec); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &CodebookError{File: file, Msg: "empty codebook", Err: err}
		}
		return nil, yamlError(file, err)
	}
	spec.File = file
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(file, err)
	}
	recordPositions(&spec, &root)
	return &spec, nil
}

// mapValue returns the value node of key in a mapping node, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// recordPositions copies node positions of codes and examples into spec.
func recordPositions(spec *CodebookSpec, root *yaml.Node) {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	codes := mapValue(doc, "codes")
	if codes == nil || codes.Kind != yaml.SequenceNode {
		return
	}
	lines := func(n *yaml.Node) []int {
		if n == nil || n.Kind != yaml.SequenceNode {
			return nil
		}
		out := make([]int, len(n.Content))
		for i, c := range n.Content {
			out[i] = c.Line
		}
		return out
	}
	for i, item := range codes.Content {
		if i >= len(spec.Codes) {
			break
		}
		c := &spec.Codes[i]
		c.Line, c.Column = item.Line, item.Column
		c.exampleLines = lines(mapValue(item, "examples"))
		c.counterexampleLines = lines(mapValue(item, "counterexamples"))
	}
}

// Problem is a validation finding with its position.
type Problem struct {
	File         string
	Line, Column int
	Code         string // the code's ID, when the problem is about one code
	Msg          string
	Severity     string // "error" | "warning"
}

// Severities of a Problem.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// String formats the problem as `file:line:col: code "x": msg`.
func (p Problem) String() string {
	var sb strings.Builder
	sb.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&sb, ":%d:%d", p.Line, p.Column)
	}
	sb.WriteString(": ")
	if p.Code != "" {
		fmt.Fprintf(&sb, "code %q: ", p.Code)
	}
	sb.WriteString(p.Msg)
	return sb.String()
}

// Error makes a Problem usable as an error (Compile joins them).
func (p Problem) Error() string { return p.String() }

// termKey is the loose form of a term used to find duplicates.
func termKey(term string) string {
	toks := tokenize(term, nil)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Norm
	}
	return strings.Join(parts, " ")
}

// validColor reports whether s is #RRGGBB.
func validColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for i := 1; i < 7; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Validate checks the spec and returns its problems in file order:
// errors for empty or duplicate code IDs, unknown categories, unknown
// parents, parent cycles, empty labels (no nl and no en), bad colours (not
// #RRGGBB), empty terms, a negative near_window, and a term claimed by two
// codes with no roles or near rules to tell them apart; warnings for a code
// with no terms and no children, a label missing one language, a term listed
// twice in one code, a term claimed by two codes that differ only by
// roles/near rules, unknown roles, and empty examples.
func (s *CodebookSpec) Validate() []Problem {
	var ps []Problem
	add := func(line, col int, code, sev, format string, args ...any) {
		ps = append(ps, Problem{File: s.File, Line: line, Column: col, Code: code, Severity: sev, Msg: fmt.Sprintf(format, args...)})
	}
	if len(s.Codes) == 0 {
		add(0, 0, "", SeverityError, "codebook has no codes")
	}
	cats := map[Category]bool{}
	for _, c := range Categories {
		cats[c] = true
	}
	roles := map[string]bool{}
	for _, r := range KnownRoles() {
		roles[r] = true
	}
	byID := map[string]*CodeSpec{}
	hasChild := map[string]bool{}
	for i := range s.Codes {
		if p := s.Codes[i].Parent; p != "" {
			hasChild[p] = true
		}
	}
	type claim struct {
		code        string
		line        int
		conditional bool
	}
	claims := map[string]claim{}
	for i := range s.Codes {
		c := &s.Codes[i]
		if c.ID == "" {
			add(c.Line, c.Column, "", SeverityError, "code without id")
		} else if prev, ok := byID[c.ID]; ok {
			add(c.Line, c.Column, c.ID, SeverityError, "duplicate code id (first defined at %s:%d)", s.File, prev.Line)
		} else {
			byID[c.ID] = c
		}
		if !cats[c.Category] {
			add(c.Line, c.Column, c.ID, SeverityError, "unknown category %q (known: relation, place, facility, quality, formal_help, strain)", c.Category)
		}
		switch {
		case strings.TrimSpace(c.Label.NL) == "" && strings.TrimSpace(c.Label.EN) == "":
			add(c.Line, c.Column, c.ID, SeverityError, "empty label")
		case strings.TrimSpace(c.Label.NL) == "":
			add(c.Line, c.Column, c.ID, SeverityWarning, "label has no nl text")
		case strings.TrimSpace(c.Label.EN) == "":
			add(c.Line, c.Column, c.ID, SeverityWarning, "label has no en text")
		}
		if c.Color != "" && !validColor(c.Color) {
			add(c.Line, c.Column, c.ID, SeverityError, "bad colour %q (want #RRGGBB)", c.Color)
		}
		if c.NearWindow < 0 {
			add(c.Line, c.Column, c.ID, SeverityError, "near_window %d is negative", c.NearWindow)
		}
		if len(c.Terms) == 0 && !hasChild[c.ID] {
			add(c.Line, c.Column, c.ID, SeverityWarning, "empty code: no terms and no children")
		}
		seen := map[string]bool{}
		for j := range c.Terms {
			t := &c.Terms[j]
			line, col := t.Line, t.Column
			if line == 0 {
				line, col = c.Line, c.Column
			}
			k := termKey(t.Term)
			if k == "" {
				add(line, col, c.ID, SeverityError, "empty term %q", t.Term)
				continue
			}
			for _, r := range t.Roles {
				if !roles[strings.ToLower(r)] {
					add(line, col, c.ID, SeverityWarning, "term %q: unknown role %q", t.Term, r)
				}
			}
			if seen[k] {
				add(line, col, c.ID, SeverityWarning, "term %q listed twice", t.Term)
				continue
			}
			seen[k] = true
			cond := len(t.Roles) > 0 || len(t.UnlessNear) > 0 || len(t.OnlyNear) > 0 || len(c.UnlessNear) > 0 || len(c.OnlyNear) > 0
			if prev, ok := claims[k]; ok && prev.code != c.ID {
				if cond || prev.conditional {
					add(line, col, c.ID, SeverityWarning, "term %q is also a term of code %q (%s:%d); they differ only by roles or near rules", t.Term, prev.code, s.File, prev.line)
				} else {
					add(line, col, c.ID, SeverityError, "term %q is claimed by two codes: also by %q (%s:%d)", t.Term, prev.code, s.File, prev.line)
				}
				continue
			}
			claims[k] = claim{code: c.ID, line: line, conditional: cond}
		}
		for j, e := range c.Examples {
			if strings.TrimSpace(e) == "" {
				add(lineAt(c.exampleLines, j, c.Line), 0, c.ID, SeverityWarning, "empty example")
			}
		}
	}
	for i := range s.Codes {
		c := &s.Codes[i]
		if c.Parent == "" {
			continue
		}
		if _, ok := byID[c.Parent]; !ok {
			add(c.Line, c.Column, c.ID, SeverityError, "unknown parent %q", c.Parent)
			continue
		}
		// Follow the parent chain; report a cycle at its smallest ID once.
		seen := map[string]bool{c.ID: true}
		cycle := []string{c.ID}
		for p := c.Parent; p != ""; {
			if p == c.ID {
				min := c.ID
				for _, id := range cycle {
					if id < min {
						min = id
					}
				}
				if min == c.ID {
					add(c.Line, c.Column, c.ID, SeverityError, "parent cycle: %s -> %s", strings.Join(cycle, " -> "), c.ID)
				}
				break
			}
			if seen[p] {
				break // a cycle not through c; reported at its members
			}
			seen[p] = true
			cycle = append(cycle, p)
			pc, ok := byID[p]
			if !ok {
				break
			}
			p = pc.Parent
		}
	}
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Line < ps[j].Line })
	return ps
}

// lineAt returns lines[i] or def.
func lineAt(lines []int, i, def int) int {
	if i < len(lines) && lines[i] > 0 {
		return lines[i]
	}
	return def
}

// CompileOptions tune Compile. Zero values take the defaults.
type CompileOptions struct {
	// MinModifier is the least code points of a compound's left part
	// (DefaultMinModifier when 0).
	MinModifier int
}

// compiledCode is a code ready for matching.
type compiledCode struct {
	spec         *CodeSpec
	window       int
	unless, only []int32 // cue pattern indices
}

// compiledTerm is a term ready for matching.
type compiledTerm struct {
	spec         *TermSpec
	code         int32
	roles        []string // lower case
	unless, only []int32
}

// Codebook is a compiled codebook. It is safe for concurrent use by many
// goroutines: Match only reads shared state, except for a bounded stem
// cache (a sync.Map) and a sync.Pool of scratch buffers.
type Codebook struct {
	spec  *CodebookSpec
	codes []compiledCode
	terms []compiledTerm
	lex   *lexicon // terms and excludes
	cues  *lexicon // unless_near / only_near words
	stems *stemCache
	pool  sync.Pool // *scratch
	// anyNear is true when some code or term has near rules.
	anyNear bool
}

// Spec returns the spec the codebook was compiled from. Callers must not
// change it.
func (c *Codebook) Spec() *CodebookSpec { return c.spec }

// Compile validates the spec with default options and prepares it for
// matching. See CompileWith.
func Compile(s *CodebookSpec) (*Codebook, error) {
	return CompileWith(s, CompileOptions{})
}

// CompileWith validates s and prepares its lookup structures. It returns an
// error (errors.Join of the Problems of severity error, each naming
// file:line) when the spec is not usable; warnings do not stop it.
func CompileWith(s *CodebookSpec, opt CompileOptions) (*Codebook, error) {
	if s == nil {
		return nil, errors.New("compile codebook: nil spec")
	}
	var errs []error
	for _, p := range s.Validate() {
		if p.Severity == SeverityError {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("codebook %s is not usable: %w", s.File, errors.Join(errs...))
	}
	minMod := opt.MinModifier
	if minMod <= 0 {
		minMod = DefaultMinModifier
	}
	cb := &Codebook{spec: s, stems: &stemCache{}}
	cb.lex = newLexicon(minMod, false)
	cb.cues = newLexicon(minMod, true)
	cueIDs := map[string]int32{}
	cue := func(words []string) []int32 {
		var out []int32
		for _, w := range words {
			k := termKey(w)
			if k == "" {
				continue
			}
			id, ok := cueIDs[k]
			if !ok {
				id = cb.cues.add(pattern{kind: patCue, code: -1, term: -1, text: w}, &stemmer{shared: cb.stems})
				cueIDs[k] = id
			}
			if id >= 0 {
				out = append(out, id)
			}
		}
		return out
	}
	for i := range s.Codes {
		cs := &s.Codes[i]
		cc := compiledCode{spec: cs, window: cs.NearWindow, unless: cue(cs.UnlessNear), only: cue(cs.OnlyNear)}
		if cc.window == 0 {
			cc.window = DefaultNearWindow
		}
		if len(cc.unless)+len(cc.only) > 0 {
			cb.anyNear = true
		}
		cb.codes = append(cb.codes, cc)
		for j := range cs.Terms {
			ts := &cs.Terms[j]
			ct := compiledTerm{spec: ts, code: int32(i), unless: cue(ts.UnlessNear), only: cue(ts.OnlyNear)}
			for _, r := range ts.Roles {
				ct.roles = append(ct.roles, strings.ToLower(strings.TrimSpace(r)))
			}
			if len(ct.unless)+len(ct.only) > 0 {
				cb.anyNear = true
			}
			ti := int32(len(cb.terms))
			cb.terms = append(cb.terms, ct)
			cb.lex.add(pattern{kind: patTerm, code: int32(i), term: ti, text: ts.Term, exact: ts.Exact, whole: ts.WholeWord || ts.Exact}, &stemmer{shared: cb.stems})
		}
		for _, e := range cs.Exclude {
			cb.lex.add(pattern{kind: patExclude, code: int32(i), term: -1, text: e}, &stemmer{shared: cb.stems})
		}
	}
	return cb, nil
}
