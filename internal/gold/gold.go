// Package gold reads the gold-annotated evaluation corpus in
// analysis/testdata/gold: Dutch transcripts and session notes in which a human
// annotator marked every mention inline, before the auto-coder was tuned.
//
// The file format is defined in analysis/testdata/gold/ANNOTATION.md. In short:
//
//   - an optional first line "# kind: transcript; case: G01; speakers: I=interviewer;M=parent"
//     (the header) that is NOT part of Doc.Text;
//   - inline annotations "[[surface|category]]" or "[[surface|category|neg]]";
//     removing "[[" and "|category]]" / "|category|neg]]" gives the clean text.
//
// Files must be UTF-8, NFC, with "\n" line ends and no BOM, so that Doc.Text is
// byte for byte the normalised text the corpus reader produces for the same
// transcript, and code-point spans line up with the pipeline's spans.
package gold

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Mention is one gold annotation.
type Mention struct {
	// Category is one of Categories().
	Category string
	// Start and End are offsets in Unicode code points into Doc.Text
	// (End exclusive): []rune(Doc.Text)[Start:End] == Text.
	Start, End int
	// Text is the annotated surface text, verbatim.
	Text string
	// Negated is true for "[[...|category|neg]]".
	Negated bool
	// Line is the 1-based line number in the annotated FILE (the header, when
	// present, is line 1), for people looking the mention up.
	Line int
}

// Doc is one gold document: the clean text (annotations removed) and its mentions.
type Doc struct {
	// Name is the name Parse was given (Load uses the file's base name).
	Name string
	// Header is the content of the '# kind: ...' first line after "# ", or "".
	Header string
	// Text is the transcript as an input file would contain it: the annotated
	// file without its header line and with every annotation unwrapped.
	Text string
	// Mentions are in order of Start.
	Mentions []Mention
}

// Categories returns the fixed set of categories (DESIGN.md), in a fixed order.
func Categories() []string {
	return []string{"relation", "place", "facility", "quality", "formal_help", "strain"}
}

func isCategory(c string) bool {
	for _, k := range Categories() {
		if c == k {
			return true
		}
	}
	return false
}

// headerPrefix starts a header line.
const headerPrefix = "# kind:"

// Parse reads one annotated document. Errors name the file and line
// ("name:line: ...") and wrap ErrFormat.
func Parse(name string, data []byte) (Doc, error) {
	doc := Doc{Name: name}
	if !utf8.Valid(data) {
		return doc, fmt.Errorf("%s: %w: not valid UTF-8", name, ErrFormat)
	}
	s := string(data)
	if strings.HasPrefix(s, "\uFEFF") {
		return doc, fmt.Errorf("%s:1: %w: byte order mark; save the file without BOM", name, ErrFormat)
	}
	if i := strings.IndexByte(s, '\r'); i >= 0 {
		return doc, fmt.Errorf("%s:%d: %w: carriage return; use \\n line ends", name, 1+strings.Count(s[:i], "\n"), ErrFormat)
	}
	if !norm.NFC.IsNormalString(s) {
		return doc, fmt.Errorf("%s: %w: text is not in Unicode NFC", name, ErrFormat)
	}
	line := 1
	if strings.HasPrefix(s, headerPrefix) {
		end := strings.IndexByte(s, '\n')
		h := s
		if end < 0 {
			s = ""
		} else {
			h, s = s[:end], s[end+1:]
		}
		doc.Header = strings.TrimSpace(strings.TrimPrefix(h, "#"))
		if strings.Contains(h, "[[") || strings.Contains(h, "]]") {
			return doc, fmt.Errorf("%s:1: %w: annotation in the header line", name, ErrFormat)
		}
		if _, err := ParseHeader(doc.Header); err != nil {
			return doc, fmt.Errorf("%s:1: %w", name, err)
		}
		line = 2
	}

	var out strings.Builder
	out.Grow(len(s))
	pos := 0 // code points written to out
	for len(s) > 0 {
		open := strings.Index(s, "[[")
		cl := strings.Index(s, "]]")
		if cl >= 0 && (open < 0 || cl < open) {
			return doc, fmt.Errorf("%s:%d: %w: \"]]\" without \"[[\"", name, line+strings.Count(s[:cl], "\n"), ErrFormat)
		}
		if open < 0 {
			out.WriteString(s)
			break
		}
		before := s[:open]
		out.WriteString(before)
		pos += utf8.RuneCountInString(before)
		line += strings.Count(before, "\n")
		s = s[open+2:]
		cl = strings.Index(s, "]]")
		if cl < 0 {
			return doc, fmt.Errorf("%s:%d: %w: \"[[\" without \"]]\"", name, line, ErrFormat)
		}
		body := s[:cl]
		if strings.Contains(body, "\n") {
			return doc, fmt.Errorf("%s:%d: %w: \"[[\" not closed on its line", name, line, ErrFormat)
		}
		if strings.Contains(body, "[[") {
			return doc, fmt.Errorf("%s:%d: %w: nested \"[[\" inside an annotation", name, line, ErrFormat)
		}
		m, err := parseBody(body)
		if err != nil {
			return doc, fmt.Errorf("%s:%d: %w: [[%s]]: %v", name, line, ErrFormat, body, err)
		}
		m.Line = line
		m.Start = pos
		n := utf8.RuneCountInString(m.Text)
		m.End = pos + n
		pos += n
		out.WriteString(m.Text)
		doc.Mentions = append(doc.Mentions, m)
		s = s[cl+2:]
	}
	doc.Text = out.String()
	return doc, nil
}

// ErrFormat is wrapped by every error about a malformed annotated file.
var ErrFormat = errors.New("malformed gold annotation")

// parseBody parses "surface|category" or "surface|category|neg".
func parseBody(body string) (Mention, error) {
	parts := strings.Split(body, "|")
	if len(parts) < 2 || len(parts) > 3 {
		return Mention{}, fmt.Errorf("want surface|category or surface|category|neg, got %d field(s)", len(parts))
	}
	m := Mention{Text: parts[0], Category: parts[1]}
	if m.Text == "" {
		return m, errors.New("empty surface text")
	}
	r, _ := utf8.DecodeRuneInString(m.Text)
	l, _ := utf8.DecodeLastRuneInString(m.Text)
	if unicode.IsSpace(r) || unicode.IsSpace(l) {
		return m, errors.New("surface text starts or ends with white space")
	}
	if strings.ContainsAny(m.Text, "[]") {
		return m, errors.New("surface text contains a bracket")
	}
	if !isCategory(m.Category) {
		return m, fmt.Errorf("unknown category %q (want one of %s)", m.Category, strings.Join(Categories(), ", "))
	}
	if len(parts) == 3 {
		if parts[2] != "neg" {
			return m, fmt.Errorf("unknown flag %q (only \"neg\")", parts[2])
		}
		m.Negated = true
	}
	return m, nil
}

// Header is the parsed header line.
type Header struct {
	// Kind is "transcript" or "notes".
	Kind string
	// Fields holds every "key: value" field, including kind and speakers, as written.
	Fields map[string]string
	// Speakers maps speaker labels (as written at line start, without ":") to roles.
	Speakers map[string]string
}

// Roles returns the speaker roles a header may assign.
func Roles() []string {
	return []string{"interviewer", "parent", "child", "youth", "professional", "other"}
}

// ParseHeader parses the content of a header line (without the leading "#"):
// fields "key: value" separated by "; " (semicolon and space); the speakers
// value is "LABEL=role" pairs separated by ";" without space. kind is required
// and is "transcript" or "notes"; a transcript must declare speakers.
func ParseHeader(h string) (Header, error) {
	hd := Header{Fields: map[string]string{}, Speakers: map[string]string{}}
	for _, f := range strings.Split(h, "; ") {
		k, v, ok := strings.Cut(f, ":")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || strings.ContainsAny(k, " =;") {
			return hd, fmt.Errorf("%w: header field %q is not \"key: value\"", ErrFormat, f)
		}
		if _, dup := hd.Fields[k]; dup {
			return hd, fmt.Errorf("%w: header field %q twice", ErrFormat, k)
		}
		hd.Fields[k] = v
	}
	hd.Kind = hd.Fields["kind"]
	if hd.Kind != "transcript" && hd.Kind != "notes" {
		return hd, fmt.Errorf("%w: header kind %q, want transcript or notes", ErrFormat, hd.Kind)
	}
	if sp := hd.Fields["speakers"]; sp != "" {
		for _, p := range strings.Split(sp, ";") {
			label, role, ok := strings.Cut(p, "=")
			if !ok || label == "" {
				return hd, fmt.Errorf("%w: speakers entry %q is not LABEL=role", ErrFormat, p)
			}
			known := false
			for _, r := range Roles() {
				known = known || r == role
			}
			if !known {
				return hd, fmt.Errorf("%w: speaker %q has unknown role %q (want one of %s)", ErrFormat, label, role, strings.Join(Roles(), ", "))
			}
			hd.Speakers[label] = role
		}
	}
	if hd.Kind == "transcript" && len(hd.Speakers) == 0 {
		return hd, fmt.Errorf("%w: a transcript header needs speakers", ErrFormat)
	}
	return hd, nil
}

// Load reads every *.txt in dir (not recursing), in name order. Doc.Name is
// the file's base name. The first error stops loading and names the file.
func Load(dir string) ([]Doc, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("gold: listing %s: %w", dir, err)
	}
	sort.Strings(paths)
	docs := make([]Doc, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("gold: %w", err)
		}
		d, err := Parse(filepath.Base(p), data)
		if err != nil {
			return nil, fmt.Errorf("gold: %w", err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}
