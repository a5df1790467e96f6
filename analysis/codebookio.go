package analysis

// Codebook import and export: canonical YAML, an Excel workbook that
// researchers edit, and the REFI-QDA codebook exchange format (.qdc).
//
// Every writer is lossless for what its reader reads back: for a spec that
// a writer accepts, Read(Write(spec)) equals spec except for the positions
// (File, Line, Column and example lines), which name the new file. Values a
// format cannot hold (a line break inside a term in the Excel cell syntax, a
// character XML forbids) make the writer fail with an error naming the code,
// never drop them.

import (
	"bytes"
	"crypto/sha1"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"
)

// Codebook file formats, as named by --format and detected from file
// extensions by CodebookFormat.
const (
	CodebookFormatYAML = "yaml" // .yaml, .yml
	CodebookFormatXLSX = "xlsx" // .xlsx
	CodebookFormatQDC  = "qdc"  // .qdc (REFI-QDA codebook)
)

// ErrCodebookFormat is returned (wrapped) for a file name whose extension is
// not a codebook format.
var ErrCodebookFormat = errors.New("unknown codebook format (want .yaml, .yml, .xlsx or .qdc)")

// CodebookFormat returns the format of a codebook file from its extension
// (case-insensitive): CodebookFormatYAML, CodebookFormatXLSX or
// CodebookFormatQDC. Other extensions give an error wrapping
// ErrCodebookFormat.
func CodebookFormat(file string) (string, error) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".yaml", ".yml":
		return CodebookFormatYAML, nil
	case ".xlsx":
		return CodebookFormatXLSX, nil
	case ".qdc":
		return CodebookFormatQDC, nil
	}
	return "", fmt.Errorf("%s: %w", file, ErrCodebookFormat)
}

// ReadCodebook reads a codebook in the format its file name's extension
// names (see CodebookFormat). file names the codebook in errors and in the
// spec's File. The spec is not validated.
func ReadCodebook(file string, r io.Reader) (*CodebookSpec, error) {
	format, err := CodebookFormat(file)
	if err != nil {
		return nil, err
	}
	switch format {
	case CodebookFormatXLSX:
		return ReadXLSX(file, r)
	case CodebookFormatQDC:
		return ReadQDC(file, r)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &CodebookError{File: file, Msg: err.Error(), Err: err}
	}
	return LoadCodebook(file, data)
}

// WriteCodebook writes s in format (CodebookFormatYAML, CodebookFormatXLSX
// or CodebookFormatQDC).
func WriteCodebook(w io.Writer, format string, s *CodebookSpec) error {
	switch format {
	case CodebookFormatYAML:
		return WriteYAML(w, s)
	case CodebookFormatXLSX:
		return WriteXLSX(w, s)
	case CodebookFormatQDC:
		return WriteQDC(w, s)
	}
	return fmt.Errorf("codebook format %q: %w", format, ErrCodebookFormat)
}

// ---------------------------------------------------------------------------
// YAML

// WriteYAML writes s as canonical YAML that LoadCodebook reads back to an
// equal spec. Keys come in a fixed order (id, version, language, title,
// codes; per code: id, category, parent, label, definition, color, terms,
// exclude, unless_near, only_near, near_window, examples,
// counterexamples); empty optional keys are left out; a term without
// options is a plain string, one with options a flow mapping
// ({term: oom, whole_word: true}); texts with line breaks are literal
// blocks. Codes are separated by a blank line. Comments of the source file
// are not kept.
func WriteYAML(w io.Writer, s *CodebookSpec) error {
	if s == nil {
		return errors.New("write codebook YAML: nil spec")
	}
	doc := &yaml.Node{Kind: yaml.MappingNode}
	yamlPut(doc, "id", yamlStr(s.ID))
	yamlPut(doc, "version", yamlStr(s.Version))
	yamlPut(doc, "language", yamlStr(s.Language))
	yamlPut(doc, "title", yamlText(s.Title, true))
	codes := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range s.Codes {
		codes.Content = append(codes.Content, yamlCode(&s.Codes[i], true))
	}
	yamlPut(doc, "codes", codes)
	root := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{doc},
		HeadComment: "pbasis codebook. Check it with: pbasis codebook validate FILE"}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return fmt.Errorf("write codebook YAML %s: %w", s.File, err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write codebook YAML %s: %w", s.File, err)
	}
	// A blank line before each code but the first. "  - id: " at the start
	// of a line can only be a code: the values of a code are indented
	// deeper, and long strings are never wrapped.
	out := bytes.ReplaceAll(buf.Bytes(), []byte("\n  - id: "), []byte("\n\n  - id: "))
	out = bytes.Replace(out, []byte("codes:\n\n  - id: "), []byte("codes:\n  - id: "), 1)
	_, err := w.Write(out)
	return err
}

func yamlPut(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// yamlStr is a string node; multi-line strings are literal blocks (the
// encoder falls back to quoting where a block cannot hold the value).
func yamlStr(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func yamlText(t Text, flow bool) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	if flow && !strings.Contains(t.NL+t.EN, "\n") {
		m.Style = yaml.FlowStyle
	}
	yamlPut(m, "nl", yamlStr(t.NL))
	yamlPut(m, "en", yamlStr(t.EN))
	return m
}

// yamlList is a sequence of strings: a flow sequence when short, else a
// block sequence.
func yamlList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	total := 0
	for _, it := range items {
		n.Content = append(n.Content, yamlStr(it))
		total += len(it) + 2
		if strings.Contains(it, "\n") {
			total += 1000
		}
	}
	if total <= 60 {
		n.Style = yaml.FlowStyle
	}
	return n
}

func yamlBool(m *yaml.Node, key string, b bool) {
	if b {
		yamlPut(m, key, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
}

func yamlTerm(t *TermSpec) *yaml.Node {
	if !t.WholeWord && !t.Exact && len(t.Roles) == 0 && len(t.UnlessNear) == 0 && len(t.OnlyNear) == 0 {
		return yamlStr(t.Term)
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	yamlPut(m, "term", yamlStr(t.Term))
	yamlBool(m, "whole_word", t.WholeWord)
	yamlBool(m, "exact", t.Exact)
	for _, kv := range []struct {
		key   string
		items []string
	}{{"roles", t.Roles}, {"unless_near", t.UnlessNear}, {"only_near", t.OnlyNear}} {
		if len(kv.items) > 0 {
			l := yamlList(kv.items)
			l.Style = yaml.FlowStyle
			yamlPut(m, kv.key, l)
		}
	}
	return m
}

// yamlCode is one code as a mapping. With full false it leaves out what a
// REFI-QDA Code holds itself (parent, label, definition, colour), for the
// pbasis block of a .qdc description.
func yamlCode(c *CodeSpec, full bool) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	yamlPut(m, "id", yamlStr(c.ID))
	yamlPut(m, "category", yamlStr(string(c.Category)))
	if full {
		if c.Parent != "" {
			yamlPut(m, "parent", yamlStr(c.Parent))
		}
		yamlPut(m, "label", yamlText(c.Label, true))
		yamlPut(m, "definition", yamlText(c.Definition, false))
		if c.Color != "" {
			yamlPut(m, "color", yamlStr(c.Color))
		}
	}
	if len(c.Terms) > 0 {
		terms := &yaml.Node{Kind: yaml.SequenceNode}
		for j := range c.Terms {
			terms.Content = append(terms.Content, yamlTerm(&c.Terms[j]))
		}
		yamlPut(m, "terms", terms)
	}
	for _, kv := range []struct {
		key   string
		items []string
	}{{"exclude", c.Exclude}, {"unless_near", c.UnlessNear}, {"only_near", c.OnlyNear}} {
		if len(kv.items) > 0 {
			yamlPut(m, kv.key, yamlList(kv.items))
		}
	}
	if c.NearWindow != 0 {
		yamlPut(m, "near_window", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(c.NearWindow)})
	}
	for _, kv := range []struct {
		key   string
		items []string
	}{{"examples", c.Examples}, {"counterexamples", c.Counterexamples}} {
		if len(kv.items) > 0 {
			l := yamlList(kv.items)
			l.Style = 0
			yamlPut(m, kv.key, l)
		}
	}
	return m
}

// ---------------------------------------------------------------------------
// Excel

// Sheet names of the codebook workbook.
const (
	XLSXCodebookSheet = "Codebook"
	XLSXInfoSheet     = "Info"
	XLSXHelpSheet     = "Help"
)

// XLSXColumns returns the column headers of the Codebook sheet in the order
// WriteXLSX writes them. ReadXLSX finds columns by header (any order, case
// and surrounding spaces ignored); only id is required.
func XLSXColumns() []string {
	return []string{"id", "category", "parent", "label_nl", "label_en", "definition_nl", "definition_en",
		"color", "terms", "exclude", "unless_near", "only_near", "near_window", "examples", "counterexamples"}
}

// xlsxInfoKeys are the rows of the Info sheet.
func xlsxInfoKeys() []string { return []string{"id", "version", "language", "title_nl", "title_en"} }

// xlsxMaxCell is the most UTF-16 units an Excel cell holds.
const xlsxMaxCell = 32767

// xlsxMaxBytes bounds what ReadXLSX unzips.
const xlsxMaxBytes = 256 << 20

// FormatTermCell formats one term in the cell syntax of the Codebook sheet's
// terms column: the term itself, then, when it has options, a space and
// the options in braces, separated by commas:
//
//	buurvrouw
//	oom {whole_word}
//	cb {exact}
//	mijn moeder {roles=parent}
//	opvang {whole_word, exact, roles=parent|child, unless_near=steun|hulp, only_near=kind}
//
// Options come in this order; lists are separated by "|". It fails for a
// term that the syntax cannot hold: empty, with surrounding spaces, a line
// break or a brace, or a list item that is empty, has surrounding spaces or
// holds one of `|,{}` or a line break.
func FormatTermCell(t TermSpec) (string, error) {
	if err := xlsxItemOK(t.Term, "{}"); err != nil {
		return "", fmt.Errorf("term %q: %w", t.Term, err)
	}
	var opts []string
	if t.WholeWord {
		opts = append(opts, "whole_word")
	}
	if t.Exact {
		opts = append(opts, "exact")
	}
	for _, kv := range []struct {
		key   string
		items []string
	}{{"roles", t.Roles}, {"unless_near", t.UnlessNear}, {"only_near", t.OnlyNear}} {
		if len(kv.items) == 0 {
			continue
		}
		for _, it := range kv.items {
			if err := xlsxItemOK(it, "|,{}"); err != nil {
				return "", fmt.Errorf("term %q: %s %q: %w", t.Term, kv.key, it, err)
			}
		}
		opts = append(opts, kv.key+"="+strings.Join(kv.items, "|"))
	}
	if len(opts) == 0 {
		return t.Term, nil
	}
	return t.Term + " {" + strings.Join(opts, ", ") + "}", nil
}

// ParseTermCell parses one line of the terms column (see FormatTermCell).
// Spaces around the term, options and list items are ignored; options may
// come in any order but not twice.
func ParseTermCell(line string) (TermSpec, error) {
	line = strings.TrimSpace(line)
	var t TermSpec
	if !strings.HasSuffix(line, "}") {
		if strings.ContainsAny(line, "{}") {
			return t, fmt.Errorf("term %q: a brace belongs only around the options at the end (term {whole_word})", line)
		}
		t.Term = line
		return t, nil
	}
	i := strings.LastIndexByte(line, '{')
	if i < 0 {
		return t, fmt.Errorf("term %q: \"}\" without \"{\": write options as term {whole_word, exact}", line)
	}
	t.Term = strings.TrimSpace(line[:i])
	if t.Term == "" {
		return t, fmt.Errorf("term %q: options without a term", line)
	}
	if strings.ContainsAny(t.Term, "{}") {
		return t, fmt.Errorf("term %q: a brace belongs only around the options at the end", line)
	}
	seen := map[string]bool{}
	for _, opt := range strings.Split(line[i+1:len(line)-1], ",") {
		opt = strings.TrimSpace(opt)
		if opt == "" {
			continue
		}
		key, val, hasVal := strings.Cut(opt, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if seen[key] {
			return t, fmt.Errorf("term %q: option %s given twice", t.Term, key)
		}
		seen[key] = true
		var list []string
		if hasVal {
			for _, it := range strings.Split(val, "|") {
				it = strings.TrimSpace(it)
				if it == "" {
					return t, fmt.Errorf("term %q: option %s has an empty item (separate items with |)", t.Term, key)
				}
				list = append(list, it)
			}
		}
		switch key {
		case "whole_word", "exact":
			if hasVal {
				return t, fmt.Errorf("term %q: option %s takes no value", t.Term, key)
			}
			if key == "exact" {
				t.Exact = true
			} else {
				t.WholeWord = true
			}
		case "roles", "unless_near", "only_near":
			if !hasVal {
				return t, fmt.Errorf("term %q: option %s needs values: %s=a|b", t.Term, key, key)
			}
			switch key {
			case "roles":
				t.Roles = list
			case "unless_near":
				t.UnlessNear = list
			default:
				t.OnlyNear = list
			}
		default:
			return t, fmt.Errorf("term %q: unknown option %q (known: whole_word, exact, roles=a|b, unless_near=a|b, only_near=a|b)", t.Term, key)
		}
	}
	return t, nil
}

// xlsxItemOK checks that s can be one line of a list cell: not empty, no
// surrounding spaces, no line break and none of the runes in special.
func xlsxItemOK(s, special string) error {
	switch {
	case s == "":
		return errors.New("is empty")
	case strings.TrimSpace(s) != s:
		return errors.New("has spaces at its start or end")
	case strings.ContainsAny(s, "\r\n"):
		return errors.New("holds a line break (a cell holds one item per line)")
	case strings.ContainsAny(s, special):
		return fmt.Errorf("holds one of %q", special)
	}
	return xmlTextOK(s)
}

// xmlTextOK checks that s is valid UTF-8 made of characters XML allows.
func xmlTextOK(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8")
	}
	for _, r := range s {
		if !(r == 0x9 || r == 0xA || r == 0xD || 0x20 <= r && r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF) {
			return fmt.Errorf("holds the control character %U, which XML cannot store", r)
		}
	}
	return nil
}

// xlsxRow formats one code as the cells of its row.
func xlsxRow(c *CodeSpec) ([]string, error) {
	list := func(name string, items []string) (string, error) {
		for i, it := range items {
			if err := xlsxItemOK(it, ""); err != nil {
				return "", fmt.Errorf("%s %d %q %w", name, i+1, it, err)
			}
		}
		return strings.Join(items, "\n"), nil
	}
	var terms []string
	for _, t := range c.Terms {
		s, err := FormatTermCell(t)
		if err != nil {
			return nil, err
		}
		terms = append(terms, s)
	}
	exclude, err := list("exclude", c.Exclude)
	if err != nil {
		return nil, err
	}
	unless, err := list("unless_near", c.UnlessNear)
	if err != nil {
		return nil, err
	}
	only, err := list("only_near", c.OnlyNear)
	if err != nil {
		return nil, err
	}
	examples, err := list("example", c.Examples)
	if err != nil {
		return nil, err
	}
	counter, err := list("counterexample", c.Counterexamples)
	if err != nil {
		return nil, err
	}
	// The reader trims these cells: a value with surrounding spaces would
	// not come back as written.
	for _, kv := range [][2]string{{"id", c.ID}, {"category", string(c.Category)}, {"parent", c.Parent}, {"color", c.Color}} {
		if strings.TrimSpace(kv[1]) != kv[1] {
			return nil, fmt.Errorf("%s %q has spaces at its start or end", kv[0], kv[1])
		}
	}
	window := ""
	if c.NearWindow != 0 {
		window = strconv.Itoa(c.NearWindow)
	}
	row := []string{c.ID, string(c.Category), c.Parent, c.Label.NL, c.Label.EN, c.Definition.NL, c.Definition.EN,
		c.Color, strings.Join(terms, "\n"), exclude, unless, only, window, examples, counter}
	for i, v := range row {
		if err := xmlTextOK(v); err != nil {
			return nil, fmt.Errorf("%s %w", XLSXColumns()[i], err)
		}
		if xlsxUTF16Len(v) > xlsxMaxCell {
			return nil, fmt.Errorf("%s has more than %d characters, the most an Excel cell holds", XLSXColumns()[i], xlsxMaxCell)
		}
	}
	return row, nil
}

func xlsxUTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// WriteXLSX writes s as an Excel workbook with three sheets:
//
//   - "Codebook": a header row (XLSXColumns) and one row per code, in spec
//     order. terms, exclude, unless_near, only_near, examples and
//     counterexamples hold one item per line in the cell; terms use the
//     syntax of FormatTermCell. category has a drop-down of the six
//     categories. The header row is frozen and has an autofilter; text
//     wraps.
//   - "Info": rows of field and value: id, version, language, title_nl,
//     title_en.
//   - "Help": what the columns mean, for the researcher; ReadXLSX ignores it.
//
// It fails, naming the code, for a value the workbook cannot hold (see
// FormatTermCell; a cell holds at most 32,767 characters).
func WriteXLSX(w io.Writer, s *CodebookSpec) error {
	if s == nil {
		return errors.New("write codebook workbook: nil spec")
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := xlsxFill(f, s); err != nil {
		return fmt.Errorf("write codebook workbook %s: %w", s.File, err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write codebook workbook %s: %w", s.File, err)
	}
	return nil
}

func xlsxFill(f *excelize.File, s *CodebookSpec) error {
	const sh = XLSXCodebookSheet
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		return err
	}
	cols := XLSXColumns()
	header, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#D9E1F2"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	widths := map[string]float64{
		"id": 24, "category": 13, "parent": 20, "label_nl": 22, "label_en": 22, "definition_nl": 50,
		"definition_en": 50, "color": 10, "terms": 32, "exclude": 22, "unless_near": 18, "only_near": 18,
		"near_window": 8, "examples": 50, "counterexamples": 50,
	}
	for i, name := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sh, col, col, widths[name]); err != nil {
			return err
		}
		if err := f.SetColStyle(sh, col, wrap); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, col+"1", name); err != nil {
			return err
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetCellStyle(sh, "A1", last+"1", header); err != nil {
		return err
	}
	colorStyles := map[string]int{}
	for i := range s.Codes {
		c := &s.Codes[i]
		row, err := xlsxRow(c)
		if err != nil {
			return fmt.Errorf("code %q (row %d): %w", c.ID, i+2, err)
		}
		for j, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellStr(sh, cell, v); err != nil {
				return err
			}
		}
		if validColor(c.Color) {
			st, ok := colorStyles[c.Color]
			if !ok {
				st, err = f.NewStyle(&excelize.Style{
					Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Color}},
					Font:      &excelize.Font{Color: contrastColor(c.Color)},
					Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
				})
				if err != nil {
					return err
				}
				colorStyles[c.Color] = st
			}
			cell, _ := excelize.CoordinatesToCellName(8, i+2)
			if err := f.SetCellStyle(sh, cell, cell, st); err != nil {
				return err
			}
		}
	}
	lastRow := len(s.Codes) + 1
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", last, lastRow), nil); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("B2:B%d", lastRow+1000)
	var cats []string
	for _, c := range Categories {
		cats = append(cats, string(c))
	}
	if err := dv.SetDropList(cats); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "category", "Choose one of: "+strings.Join(cats, ", "))
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}

	if _, err := f.NewSheet(XLSXInfoSheet); err != nil {
		return err
	}
	info := [][]string{{"field", "value"}, {"id", s.ID}, {"version", s.Version}, {"language", s.Language},
		{"title_nl", s.Title.NL}, {"title_en", s.Title.EN}}
	for r, kv := range info {
		if r >= 1 && r <= 3 && strings.TrimSpace(kv[1]) != kv[1] {
			return fmt.Errorf("%s %q has spaces at its start or end", kv[0], kv[1])
		}
		for c, v := range kv {
			if err := xmlTextOK(v); err != nil {
				return fmt.Errorf("%s %w", kv[0], err)
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellStr(XLSXInfoSheet, cell, v); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(XLSXInfoSheet, "A1", "B1", header); err != nil {
		return err
	}
	if err := f.SetColWidth(XLSXInfoSheet, "A", "A", 12); err != nil {
		return err
	}
	if err := f.SetColWidth(XLSXInfoSheet, "B", "B", 60); err != nil {
		return err
	}

	if _, err := f.NewSheet(XLSXHelpSheet); err != nil {
		return err
	}
	for r, line := range xlsxHelp() {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetCellStr(XLSXHelpSheet, cell, line); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(XLSXHelpSheet, "A", "A", 120); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// contrastColor returns black or white, whichever reads better on bg.
func contrastColor(bg string) string {
	v, _ := strconv.ParseUint(bg[1:], 16, 32)
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	if 0.299*r+0.587*g+0.114*b > 140 {
		return "#000000"
	}
	return "#FFFFFF"
}

func xlsxHelp() []string {
	return []string{
		"pbasis codebook workbook. Edit the Codebook sheet, then: pbasis codebook import FILE.xlsx -o codebook.yaml",
		"",
		"Codebook sheet: one row per code. Columns may be reordered; the header names them.",
		"  id: unique code ID, e.g. rel.neighbour.",
		"  category: one of relation, place, facility, quality, formal_help, strain.",
		"  parent: the ID of the parent code, or empty.",
		"  label_nl, label_en, definition_nl, definition_en: names and definitions in Dutch and English.",
		"  color: #RRGGBB.",
		"  terms: one term per line. Options go in braces after the term, separated by commas:",
		"      oom {whole_word}            only the word itself, never a compound (kerstboom)",
		"      cb {exact}                  only the written form: no plural, stem or compound",
		"      mijn moeder {roles=parent}  only when a speaker with one of these roles says it (a|b)",
		"      opvang {unless_near=steun|hulp, only_near=kind}  near rules for this term only",
		"  exclude, unless_near, only_near: one word or phrase per line.",
		"  near_window: tokens on either side for unless_near/only_near (empty: 12).",
		"  examples, counterexamples: one sentence per line; \"[parent] ...\" sets the speaker role.",
		"",
		"Info sheet: id, version, language, title_nl, title_en of the codebook.",
		"This Help sheet is ignored when the workbook is read.",
	}
}

// xlsxErr is an error at a cell: "file: Sheet!F12: msg".
func xlsxErr(file, sheet string, col, row int, format string, args ...any) error {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	return &CodebookError{File: file, Msg: sheet + "!" + cell + ": " + fmt.Sprintf(format, args...)}
}

// ReadXLSX reads a codebook workbook as WriteXLSX writes it. file names the
// workbook in errors ("codebook.xlsx: Codebook!F12: ...") and in the
// spec's File. Each code's Line is its row and Column 1; each term's
// Column is the terms column's number; examples carry their row, so
// Validate and RunExamples point at rows. Rows with every cell empty are
// skipped; sheets other than Codebook and Info are ignored. The spec is
// not validated.
func ReadXLSX(file string, r io.Reader) (*CodebookSpec, error) {
	f, err := excelize.OpenReader(r, excelize.Options{UnzipSizeLimit: xlsxMaxBytes, UnzipXMLSizeLimit: xlsxMaxBytes / 4})
	if err != nil {
		return nil, &CodebookError{File: file, Msg: "not a readable .xlsx workbook: " + err.Error(), Err: err}
	}
	defer f.Close()
	spec := &CodebookSpec{File: file}
	if err := xlsxReadInfo(f, file, spec); err != nil {
		return nil, err
	}
	if err := xlsxReadCodes(f, file, spec); err != nil {
		return nil, err
	}
	return spec, nil
}

func xlsxSheet(f *excelize.File, file, want string) (string, error) {
	for _, name := range f.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(name), want) {
			return name, nil
		}
	}
	return "", &CodebookError{File: file, Msg: fmt.Sprintf("no sheet %q (a codebook workbook has the sheets %s and %s; export one with: pbasis codebook export --format xlsx -o codebook.xlsx)", want, XLSXCodebookSheet, XLSXInfoSheet)}
}

func xlsxReadInfo(f *excelize.File, file string, spec *CodebookSpec) error {
	sh, err := xlsxSheet(f, file, XLSXInfoSheet)
	if err != nil {
		return err
	}
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		return &CodebookError{File: file, Msg: sh + ": " + err.Error(), Err: err}
	}
	seen := map[string]int{}
	for i, row := range rows {
		if xlsxEmpty(row) {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(xlsxCell(row, 0)))
		val := xlsxCell(row, 1)
		if i == 0 && key == "field" {
			continue
		}
		for j := 2; j < len(row); j++ {
			if strings.TrimSpace(row[j]) != "" {
				return xlsxErr(file, sh, j+1, i+1, "unexpected value; the Info sheet has two columns: field and value")
			}
		}
		if prev, ok := seen[key]; ok {
			return xlsxErr(file, sh, 1, i+1, "%s given twice (also in row %d)", key, prev)
		}
		seen[key] = i + 1
		switch key {
		case "id":
			spec.ID = strings.TrimSpace(val)
		case "version":
			spec.Version = strings.TrimSpace(val)
		case "language":
			spec.Language = strings.TrimSpace(val)
		case "title_nl":
			spec.Title.NL = val
		case "title_en":
			spec.Title.EN = val
		default:
			return xlsxErr(file, sh, 1, i+1, "unknown field %q (known: %s)", key, strings.Join(xlsxInfoKeys(), ", "))
		}
	}
	return nil
}

func xlsxCell(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

func xlsxEmpty(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// xlsxLines splits a list cell into its trimmed, non-empty lines.
func xlsxLines(s string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func xlsxReadCodes(f *excelize.File, file string, spec *CodebookSpec) error {
	sh, err := xlsxSheet(f, file, XLSXCodebookSheet)
	if err != nil {
		return err
	}
	rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
	if err != nil {
		return &CodebookError{File: file, Msg: sh + ": " + err.Error(), Err: err}
	}
	if len(rows) == 0 {
		return &CodebookError{File: file, Msg: sh + ": empty sheet; the first row names the columns: " + strings.Join(XLSXColumns(), ", ")}
	}
	known := map[string]bool{}
	for _, c := range XLSXColumns() {
		known[c] = true
	}
	col := map[string]int{} // header -> 0-based column
	for j, h := range rows[0] {
		name := strings.ToLower(strings.TrimSpace(h))
		if name == "" {
			continue
		}
		if !known[name] {
			return xlsxErr(file, sh, j+1, 1, "unknown column %q (known: %s)", h, strings.Join(XLSXColumns(), ", "))
		}
		if prev, ok := col[name]; ok {
			pc, _ := excelize.ColumnNumberToName(prev + 1)
			return xlsxErr(file, sh, j+1, 1, "column %q given twice (also in column %s)", name, pc)
		}
		col[name] = j
	}
	if _, ok := col["id"]; !ok {
		return &CodebookError{File: file, Msg: sh + "!1: no id column; the first row names the columns: " + strings.Join(XLSXColumns(), ", ")}
	}
	for i := 1; i < len(rows); i++ {
		row := rows[i]
		if xlsxEmpty(row) {
			continue
		}
		rn := i + 1
		for j, v := range row {
			if strings.TrimSpace(v) != "" && strings.TrimSpace(xlsxCell(rows[0], j)) == "" {
				return xlsxErr(file, sh, j+1, rn, "value in a column without a header; name the column in row 1 or clear it")
			}
		}
		get := func(name string) string {
			j, ok := col[name]
			if !ok {
				return ""
			}
			return xlsxCell(row, j)
		}
		colNum := func(name string) int { return col[name] + 1 }
		c := CodeSpec{
			ID:         strings.TrimSpace(get("id")),
			Category:   Category(strings.TrimSpace(get("category"))),
			Parent:     strings.TrimSpace(get("parent")),
			Label:      Text{NL: get("label_nl"), EN: get("label_en")},
			Definition: Text{NL: get("definition_nl"), EN: get("definition_en")},
			Color:      strings.TrimSpace(get("color")),
			Exclude:    xlsxLines(get("exclude")),
			UnlessNear: xlsxLines(get("unless_near")),
			OnlyNear:   xlsxLines(get("only_near")),
			Line:       rn,
			Column:     1,
		}
		for _, l := range xlsxLines(get("terms")) {
			t, err := ParseTermCell(l)
			if err != nil {
				return xlsxErr(file, sh, colNum("terms"), rn, "%v", err)
			}
			t.Line, t.Column = rn, colNum("terms")
			c.Terms = append(c.Terms, t)
		}
		if w := strings.TrimSpace(get("near_window")); w != "" {
			n, err := strconv.Atoi(w)
			if err != nil {
				fl, ferr := strconv.ParseFloat(w, 64)
				if ferr != nil || fl != math.Trunc(fl) || math.Abs(fl) > 1e9 {
					return xlsxErr(file, sh, colNum("near_window"), rn, "near_window %q is not a whole number of tokens", w)
				}
				n = int(fl)
			}
			c.NearWindow = n
		}
		c.Examples = xlsxLines(get("examples"))
		c.Counterexamples = xlsxLines(get("counterexamples"))
		for range c.Examples {
			c.exampleLines = append(c.exampleLines, rn)
		}
		for range c.Counterexamples {
			c.counterexampleLines = append(c.counterexampleLines, rn)
		}
		spec.Codes = append(spec.Codes, c)
	}
	return nil
}

// ---------------------------------------------------------------------------
// REFI-QDA codebook (.qdc)

// QDCMarker is the line that starts the pbasis block in a REFI-QDA
// description. What follows it is YAML with what the exchange format cannot
// hold itself (code ID, category, terms, exclusions, near rules, examples,
// the label and definition in the second language).
const QDCMarker = "--- pbasis ---"

// qdcFolderPrefix starts the description of a category folder that
// WriteQDC writes.
const qdcFolderPrefix = "pbasis category "

// qdcNamespace is the XML namespace of a REFI-QDA codebook.
const qdcNamespace = "urn:QDA-XML:codebook:1.0"

// QDCGUID returns the stable GUID of an object of a codebook in the .qdc
// export: a name-based UUID (version 5, SHA-1, in the RFC 4122 URL
// namespace) of "urn:pbasis:codebook:<codebookID>:<key>", where key is
// "code:<codeID>", "category:<category>" or "set". The same IDs give the
// same GUIDs in every export, so other tools recognise codes again.
func QDCGUID(codebookID, key string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte("urn:pbasis:codebook:" + codebookID + ":" + key))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// qdcCategoryNames maps the loose names of category folders in a .qdc
// (English, Dutch, singular and plural) to categories.
func qdcCategoryNames() map[string]Category {
	return map[string]Category{
		"relation": CatRelation, "relations": CatRelation, "relatie": CatRelation, "relaties": CatRelation,
		"pedagogische relaties": CatRelation,
		"place":                 CatPlace, "places": CatPlace, "plek": CatPlace, "plekken": CatPlace, "plaats": CatPlace,
		"plaatsen": CatPlace, "leefomgeving": CatPlace, "leefomgevingen": CatPlace, "pedagogische leefomgevingen": CatPlace,
		"facility": CatFacility, "facilities": CatFacility, "voorziening": CatFacility, "voorzieningen": CatFacility,
		"basisvoorziening": CatFacility, "basisvoorzieningen": CatFacility, "pedagogische basisvoorzieningen": CatFacility,
		"quality": CatQuality, "qualities": CatQuality, "kwaliteit": CatQuality, "kwaliteiten": CatQuality,
		"formal_help": CatFormalHelp, "formal help": CatFormalHelp, "formele hulp": CatFormalHelp,
		"strain": CatStrain, "belasting": CatStrain, "overbelasting": CatStrain,
	}
}

// qdcCategoryFolder returns the folder name of a category in the language
// of the codebook.
func qdcCategoryFolder(c Category, lang string) string {
	if lang == "en" {
		return strings.ReplaceAll(string(c), "_", " ")
	}
	switch c {
	case CatRelation:
		return "relatie"
	case CatPlace:
		return "plek"
	case CatFacility:
		return "voorziening"
	case CatQuality:
		return "kwaliteit"
	case CatFormalHelp:
		return "formele hulp"
	case CatStrain:
		return "belasting"
	}
	return string(c)
}

// qdcCategoryOf returns the category a folder name names, if any.
func qdcCategoryOf(name string) (Category, bool) {
	n := strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(name, "_", " "))), " ")
	c, ok := qdcCategoryNames()[n]
	return c, ok
}

// qdcLangs returns the primary language of a codebook (the one its .qdc
// names and descriptions are in) and the other one.
func qdcLangs(lang string) (primary, other string) {
	if lang == "en" {
		return "en", "nl"
	}
	return "nl", "en"
}

func textIn(t Text, lang string) string {
	if lang == "en" {
		return t.EN
	}
	return t.NL
}

func setTextIn(t *Text, lang, v string) {
	if lang == "en" {
		t.EN = v
	} else {
		t.NL = v
	}
}

// qdcLabel is a label or definition in the pbasis block: a present key is
// the text in that language.
type qdcLabel struct {
	NL *string `yaml:"nl,omitempty"`
	EN *string `yaml:"en,omitempty"`
}

func (l qdcLabel) get(lang string) (string, bool) {
	p := l.NL
	if lang == "en" {
		p = l.EN
	}
	if p == nil {
		return "", false
	}
	return *p, true
}

func (l *qdcLabel) set(lang, v string) {
	if lang == "en" {
		l.EN = &v
	} else {
		l.NL = &v
	}
}

// qdcCodeBlock is the pbasis block of a code's description.
type qdcCodeBlock struct {
	ID              string     `yaml:"id"`
	Category        Category   `yaml:"category"`
	Label           qdcLabel   `yaml:"label,omitempty"`
	Definition      qdcLabel   `yaml:"definition,omitempty"`
	Terms           []TermSpec `yaml:"terms,omitempty"`
	Exclude         []string   `yaml:"exclude,omitempty"`
	UnlessNear      []string   `yaml:"unless_near,omitempty"`
	OnlyNear        []string   `yaml:"only_near,omitempty"`
	NearWindow      int        `yaml:"near_window,omitempty"`
	Examples        []string   `yaml:"examples,omitempty"`
	Counterexamples []string   `yaml:"counterexamples,omitempty"`
}

// qdcBookBlock is the pbasis block of the codebook's Set.
type qdcBookBlock struct {
	ID       string `yaml:"id"`
	Version  string `yaml:"version"`
	Language string `yaml:"language"`
	Title    Text   `yaml:"title"`
}

// qdcNode is a Code element as read.
type qdcNode struct {
	guid, name, color string
	codable           bool
	desc              string
	line, col         int
	children          []*qdcNode
}

// WriteQDC writes s as a REFI-QDA codebook (.qdc, namespace
// urn:QDA-XML:codebook:1.0) that ATLAS.ti, MAXQDA, NVivo and QualCoder
// import, and that ReadQDC reads back to an equal spec.
//
// Each category used becomes a folder code (isCodable="false", named in the
// codebook's language: relatie, plek, ... or relation, place, ...), in the
// order of first use. Codes nest under their parent, else under their
// category's folder, in spec order; a codebook whose codes are not in that
// order (parents before children, categories grouped) reads back in it.
// Each code has name = its label in the codebook's language (nl unless
// language is en), color, isCodable="true", and a Description of its
// definition followed by a blank line, the QDCMarker line and a YAML block
// with the rest. One Set, named after the title, lists every code and holds
// the codebook's id, version, language and title in its own block. GUIDs
// come from QDCGUID. It fails for unknown parents, parent cycles and
// characters XML cannot store.
func WriteQDC(w io.Writer, s *CodebookSpec) error {
	if s == nil {
		return errors.New("write REFI-QDA codebook: nil spec")
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("write REFI-QDA codebook %s: %s", s.File, fmt.Sprintf(format, args...))
	}
	primary, other := qdcLangs(s.Language)
	byID := map[string]int{}
	for i := range s.Codes {
		c := &s.Codes[i]
		if _, dup := byID[c.ID]; dup {
			return fail("code %q is defined twice; run pbasis codebook validate", c.ID)
		}
		byID[c.ID] = i
	}
	children := map[string][]int{}
	var catOrder []Category
	catTop := map[Category][]int{}
	for i := range s.Codes {
		c := &s.Codes[i]
		if c.Parent != "" {
			if _, ok := byID[c.Parent]; !ok {
				return fail("code %q: unknown parent %q; run pbasis codebook validate", c.ID, c.Parent)
			}
			children[c.Parent] = append(children[c.Parent], i)
			continue
		}
		if _, ok := catTop[c.Category]; !ok {
			catOrder = append(catOrder, c.Category)
		}
		catTop[c.Category] = append(catTop[c.Category], i)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:codebook:1.0 http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd" origin="pbasis">` + "\n")
	b.WriteString("  <Codes>\n")
	written := 0
	var members []string
	var writeCode func(i, depth int, path map[int]bool) error
	writeCode = func(i, depth int, path map[int]bool) error {
		c := &s.Codes[i]
		if path[i] {
			return fail("code %q: parent cycle; run pbasis codebook validate", c.ID)
		}
		path[i] = true
		defer delete(path, i)
		written++
		name := textIn(c.Label, primary)
		var blk qdcCodeBlock
		blk.ID, blk.Category = c.ID, c.Category
		if name == "" {
			blk.Label.set(primary, "")
			name = textIn(c.Label, other)
			if name == "" {
				name = c.ID
			}
		}
		if v := textIn(c.Label, other); v != "" {
			blk.Label.set(other, v)
		}
		if v := textIn(c.Definition, other); v != "" {
			blk.Definition.set(other, v)
		}
		blk.Terms, blk.Exclude, blk.UnlessNear, blk.OnlyNear = c.Terms, c.Exclude, c.UnlessNear, c.OnlyNear
		blk.NearWindow, blk.Examples, blk.Counterexamples = c.NearWindow, c.Examples, c.Counterexamples
		desc, err := qdcDescription(textIn(c.Definition, primary), qdcCodeNode(&blk))
		if err != nil {
			return fail("code %q: %v", c.ID, err)
		}
		if c.Color != "" && !validColor(c.Color) {
			return fail("code %q: bad colour %q (want #RRGGBB)", c.ID, c.Color)
		}
		guid := QDCGUID(s.ID, "code:"+c.ID)
		members = append(members, guid)
		ind := strings.Repeat("  ", depth)
		attrs := fmt.Sprintf(`guid="%s" name="%s" isCodable="true"`, guid, xmlAttr(name))
		if c.Color != "" {
			attrs += fmt.Sprintf(` color="%s"`, c.Color)
		}
		if err := xmlTextOK(name); err != nil {
			return fail("code %q: label %v", c.ID, err)
		}
		fmt.Fprintf(&b, "%s<Code %s>\n%s  <Description>%s</Description>\n", ind, attrs, ind, xmlText(desc))
		for _, k := range children[c.ID] {
			if err := writeCode(k, depth+1, path); err != nil {
				return err
			}
		}
		fmt.Fprintf(&b, "%s</Code>\n", ind)
		return nil
	}
	for _, cat := range catOrder {
		name := qdcCategoryFolder(cat, primary)
		if _, ok := qdcCategoryOf(name); !ok {
			name = string(cat) // an unknown category: its own name, read back as is
		}
		if err := xmlTextOK(name); err != nil {
			return fail("category %q %v", cat, err)
		}
		fmt.Fprintf(&b, "    <Code guid=\"%s\" name=\"%s\" isCodable=\"false\">\n", QDCGUID(s.ID, "category:"+string(cat)), xmlAttr(name))
		fmt.Fprintf(&b, "      <Description>%s</Description>\n", xmlText(qdcFolderPrefix+string(cat)+": a folder, not a code"))
		for _, i := range catTop[cat] {
			if err := writeCode(i, 3, map[int]bool{}); err != nil {
				return err
			}
		}
		b.WriteString("    </Code>\n")
	}
	if written != len(s.Codes) {
		return fail("parent cycle among the codes; run pbasis codebook validate")
	}
	if len(catOrder) == 0 {
		// <Codes> needs at least one Code: an empty folder.
		fmt.Fprintf(&b, "    <Code guid=\"%s\" name=\"%s\" isCodable=\"false\"/>\n", QDCGUID(s.ID, "empty"), "pbasis")
	}
	b.WriteString("  </Codes>\n  <Sets>\n")
	title := textIn(s.Title, primary)
	if title == "" {
		title = "pbasis codebook " + s.ID
	}
	bookNode := &yaml.Node{Kind: yaml.MappingNode}
	yamlPut(bookNode, "id", yamlStr(s.ID))
	yamlPut(bookNode, "version", yamlStr(s.Version))
	yamlPut(bookNode, "language", yamlStr(s.Language))
	yamlPut(bookNode, "title", yamlText(s.Title, true))
	desc, err := qdcDescription("pbasis codebook "+s.ID+", version "+s.Version, bookNode)
	if err != nil {
		return fail("codebook: %v", err)
	}
	if err := xmlTextOK(title); err != nil {
		return fail("title %v", err)
	}
	fmt.Fprintf(&b, "    <Set guid=\"%s\" name=\"%s\">\n      <Description>%s</Description>\n", QDCGUID(s.ID, "set"), xmlAttr(title), xmlText(desc))
	for _, g := range members {
		fmt.Fprintf(&b, "      <MemberCode guid=\"%s\"/>\n", g)
	}
	b.WriteString("    </Set>\n  </Sets>\n</CodeBook>\n")
	_, err = w.Write(b.Bytes())
	return err
}

// qdcCodeNode is the block of a code as a YAML mapping in canonical order.
func qdcCodeNode(blk *qdcCodeBlock) *yaml.Node {
	c := &CodeSpec{ID: blk.ID, Category: blk.Category, Terms: blk.Terms, Exclude: blk.Exclude,
		UnlessNear: blk.UnlessNear, OnlyNear: blk.OnlyNear, NearWindow: blk.NearWindow,
		Examples: blk.Examples, Counterexamples: blk.Counterexamples}
	m := yamlCode(c, false)
	var extra []*yaml.Node
	for _, kv := range []struct {
		key string
		l   qdcLabel
	}{{"label", blk.Label}, {"definition", blk.Definition}} {
		if kv.l.NL == nil && kv.l.EN == nil {
			continue
		}
		t := &yaml.Node{Kind: yaml.MappingNode}
		if kv.l.NL != nil {
			yamlPut(t, "nl", yamlStr(*kv.l.NL))
		}
		if kv.l.EN != nil {
			yamlPut(t, "en", yamlStr(*kv.l.EN))
		}
		extra = append(extra, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: kv.key}, t)
	}
	// After id and category.
	m.Content = append(m.Content[:4], append(extra, m.Content[4:]...)...)
	return m
}

// qdcDescription joins a human text and a pbasis block.
func qdcDescription(text string, block *yaml.Node) (string, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(block); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	if err := xmlTextOK(text); err != nil {
		return "", fmt.Errorf("definition %w", err)
	}
	if err := xmlTextOK(buf.String()); err != nil {
		return "", err
	}
	if text == "" {
		return QDCMarker + "\n" + buf.String(), nil
	}
	return text + "\n\n" + QDCMarker + "\n" + buf.String(), nil
}

// qdcSplit splits a description into its human text and its pbasis block
// ("" when it has none).
func qdcSplit(desc string) (text, block string, ok bool) {
	// The block is YAML, which never holds the marker line unindented, so
	// the last marker line starts it, also when the text holds one.
	sep := "\n\n" + QDCMarker + "\n"
	if i := strings.LastIndex(desc, sep); i >= 0 {
		return desc[:i], desc[i+len(sep):], true
	}
	if strings.HasPrefix(desc, QDCMarker+"\n") {
		return "", desc[len(QDCMarker)+1:], true
	}
	return desc, "", false
}

// xmlText escapes character data, keeping line breaks and tabs readable
// and carriage returns intact.
func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;").Replace(s)
}

// xmlAttr escapes an attribute value (whitespace as references, so that
// attribute normalisation keeps it).
func xmlAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\n", "&#xA;", "\r", "&#xD;", "\t", "&#x9;").Replace(s)
}

// qdcMaxBytes bounds the size of a .qdc that ReadQDC accepts.
const qdcMaxBytes = 64 << 20

// ReadQDC reads a REFI-QDA codebook (.qdc). file names it in errors and in
// the spec's File; each code's Line and Column are those of its <Code>
// element.
//
// Codes written by WriteQDC carry a pbasis block and read back exactly.
// Codes from other tools (no block) become codes with their name as label
// and their description as definition (in the codebook's language, nl when
// unknown), no terms, and an ID made from the name (a category prefix such
// as "rel." and, for nested codes, the parent's ID: rel.buren.oma). Their
// category is that of the nearest enclosing code, else of the top-level
// folder they are in, which must be named after a category (relation,
// place, facility, quality, formal_help, strain, or relatie, plek,
// voorziening, kwaliteit, formele hulp, belasting, plural forms too); a
// top-level code that is none of these is an error naming it and saying how
// to fix it. Top-level category folders are not codes. Without a pbasis
// set the codebook's ID is made from the file name and its language is nl.
// The spec is not validated.
func ReadQDC(file string, r io.Reader) (*CodebookSpec, error) {
	data, err := io.ReadAll(io.LimitReader(r, qdcMaxBytes+1))
	if err != nil {
		return nil, &CodebookError{File: file, Msg: err.Error(), Err: err}
	}
	if len(data) > qdcMaxBytes {
		return nil, &CodebookError{File: file, Msg: fmt.Sprintf("larger than %d MB; not a codebook", qdcMaxBytes>>20)}
	}
	roots, book, err := qdcParse(file, data)
	if err != nil {
		return nil, err
	}
	spec := &CodebookSpec{File: file}
	if book != nil {
		spec.ID, spec.Version, spec.Language, spec.Title = book.ID, book.Version, book.Language, book.Title
	} else {
		base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		spec.ID = qdcSlug(base)
		spec.Language = "nl"
		spec.Title = Text{NL: base}
	}
	primary, other := qdcLangs(spec.Language)
	used := map[string]bool{}
	var errs []error
	var walk func(n *qdcNode, parent string, cat Category, haveCat bool) error
	walk = func(n *qdcNode, parent string, cat Category, haveCat bool) error {
		text, block, hasBlock := qdcSplit(n.desc)
		c := CodeSpec{Parent: parent, Color: n.color, Line: n.line, Column: n.col}
		if hasBlock {
			var blk qdcCodeBlock
			dec := yaml.NewDecoder(strings.NewReader(block))
			dec.KnownFields(true)
			if err := dec.Decode(&blk); err != nil {
				return &CodebookError{File: file, Line: n.line, Msg: fmt.Sprintf("code %q: the block after %q in its description is not valid: %v", n.name, QDCMarker, err), Err: err}
			}
			c.ID, c.Category = blk.ID, blk.Category
			if v, ok := blk.Label.get(primary); ok {
				setTextIn(&c.Label, primary, v)
			} else {
				setTextIn(&c.Label, primary, n.name)
			}
			v, _ := blk.Label.get(other)
			setTextIn(&c.Label, other, v)
			setTextIn(&c.Definition, primary, text)
			v, _ = blk.Definition.get(other)
			setTextIn(&c.Definition, other, v)
			c.Terms, c.Exclude, c.UnlessNear, c.OnlyNear = blk.Terms, blk.Exclude, blk.UnlessNear, blk.OnlyNear
			c.NearWindow, c.Examples, c.Counterexamples = blk.NearWindow, blk.Examples, blk.Counterexamples
			for j := range c.Terms {
				c.Terms[j].Line, c.Terms[j].Column = n.line, n.col
			}
		} else {
			if !haveCat {
				return &CodebookError{File: file, Line: n.line, Msg: fmt.Sprintf(
					"code %q: cannot tell its category: a code from another program must sit in a top-level folder named after a category "+
						"(relation, place, facility, quality, formal_help, strain, or in Dutch relatie, plek, voorziening, kwaliteit, formele hulp, belasting); "+
						"move it into such a folder or rename its top-level folder in your QDA program and export the codebook again", n.name)}
			}
			c.Category = cat
			prefix := qdcPrefix(cat)
			if parent != "" {
				prefix = parent
			}
			id := prefix + "." + qdcSlug(n.name)
			for k := 2; used[id]; k++ {
				id = fmt.Sprintf("%s.%s_%d", prefix, qdcSlug(n.name), k)
			}
			c.ID = id
			setTextIn(&c.Label, primary, strings.TrimSpace(n.name))
			setTextIn(&c.Definition, primary, strings.TrimSpace(text))
		}
		used[c.ID] = true
		for range c.Examples {
			c.exampleLines = append(c.exampleLines, n.line)
		}
		for range c.Counterexamples {
			c.counterexampleLines = append(c.counterexampleLines, n.line)
		}
		spec.Codes = append(spec.Codes, c)
		for _, ch := range n.children {
			if err := walk(ch, c.ID, c.Category, true); err != nil {
				return err
			}
		}
		return nil
	}
	for _, n := range roots {
		_, _, hasBlock := qdcSplit(n.desc)
		cat, ok := qdcCategoryOf(n.name)
		if rest, mine := strings.CutPrefix(n.desc, qdcFolderPrefix); mine && !hasBlock {
			// A folder written by WriteQDC, also for a category that is not
			// one of the six (an invalid codebook exported for fixing).
			name, _, _ := strings.Cut(rest, ":")
			cat, ok = Category(name), true
		}
		if ok && !hasBlock {
			for _, ch := range n.children {
				if err := walk(ch, "", cat, true); err != nil {
					errs = append(errs, err)
				}
			}
			continue
		}
		if !hasBlock && !n.codable && len(n.children) == 0 && n.name == "pbasis" {
			continue // the empty folder of a codebook without codes
		}
		if err := walk(n, "", "", false); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return spec, nil
}

// qdcPrefix is the ID prefix of codes of a category from another program.
func qdcPrefix(c Category) string {
	switch c {
	case CatRelation:
		return "rel"
	case CatFacility:
		return "fac"
	case CatQuality:
		return "qual"
	case CatFormalHelp:
		return "help"
	}
	return string(c)
}

// qdcSlug makes an ID part from a name: folded to lower-case ASCII letters
// and digits, other runs of characters as "_".
func qdcSlug(name string) string {
	var sb strings.Builder
	under := false
	for _, r := range Fold(name) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if under && sb.Len() > 0 {
				sb.WriteByte('_')
			}
			under = false
			sb.WriteRune(r)
		} else {
			under = true
		}
	}
	if sb.Len() == 0 {
		return "code"
	}
	return sb.String()
}

// qdcParse reads the Code tree and the pbasis set block of a .qdc.
func qdcParse(file string, data []byte) ([]*qdcNode, *qdcBookBlock, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	// pos tracks the line and column (1-based, in code points) of the
	// start of the current token.
	line, col, seen := 1, 1, 0
	advance := func(off int) {
		if off > len(data) {
			off = len(data)
		}
		for seen < off {
			r, size := utf8.DecodeRune(data[seen:])
			seen += size
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
	}
	errAt := func(format string, args ...any) error {
		return &CodebookError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	// elem is an open element; node is set for a Code of the code tree.
	type elem struct {
		name string
		node *qdcNode
	}
	var roots []*qdcNode
	var path []elem // open elements, root first
	var book *qdcBookBlock
	var text strings.Builder // Description being read
	inDesc := false
	rootSeen := false
	for {
		advance(int(dec.InputOffset()))
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, nil, &CodebookError{File: file, Line: se.Line, Msg: "XML: " + se.Msg, Err: err}
			}
			return nil, nil, &CodebookError{File: file, Msg: "XML: " + err.Error(), Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			var parent elem
			if len(path) > 0 {
				parent = path[len(path)-1]
			}
			if len(path) > 200 {
				return nil, nil, errAt("elements nested deeper than 200")
			}
			if !rootSeen {
				rootSeen = true
				if name != "CodeBook" {
					return nil, nil, errAt("root element is <%s>, not <CodeBook>: not a REFI-QDA codebook (.qdc)", name)
				}
				if t.Name.Space != qdcNamespace {
					return nil, nil, errAt("root element <CodeBook> is in namespace %q, want %q", t.Name.Space, qdcNamespace)
				}
			}
			if inDesc {
				return nil, nil, errAt("element <%s> inside a Description", name)
			}
			e := elem{name: name}
			topCodes := parent.name == "Codes" && len(path) == 2
			switch {
			case name == "Code" && (topCodes || parent.node != nil):
				n := &qdcNode{line: line, col: col}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "guid":
						n.guid = a.Value
					case "name":
						n.name = a.Value
					case "color":
						n.color = strings.TrimSpace(a.Value)
					case "isCodable":
						v := strings.TrimSpace(a.Value)
						n.codable = v == "true" || v == "1"
					}
				}
				if parent.node == nil {
					roots = append(roots, n)
				} else {
					parent.node.children = append(parent.node.children, n)
				}
				e.node = n
			case name == "Description" && (parent.node != nil || parent.name == "Set" && len(path) == 3):
				inDesc = true
				text.Reset()
			}
			path = append(path, e)
		case xml.EndElement:
			if len(path) == 0 {
				return nil, nil, errAt("unexpected </%s>", t.Name.Local)
			}
			e := path[len(path)-1]
			path = path[:len(path)-1]
			if e.name != "Description" || !inDesc {
				continue
			}
			inDesc = false
			if parent := path[len(path)-1]; parent.node != nil {
				parent.node.desc = text.String()
			} else if _, block, ok := qdcSplit(text.String()); ok && book == nil {
				var b qdcBookBlock
				d := yaml.NewDecoder(strings.NewReader(block))
				d.KnownFields(true)
				if err := d.Decode(&b); err != nil {
					return nil, nil, errAt("the block after %q in the set's description is not valid: %v", QDCMarker, err)
				}
				book = &b
			}
		case xml.CharData:
			if inDesc {
				text.Write(t)
			}
		}
	}
	if !rootSeen {
		return nil, nil, &CodebookError{File: file, Msg: "empty file: not a REFI-QDA codebook (.qdc)"}
	}
	return roots, book, nil
}
