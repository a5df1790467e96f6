package analysis

// Reading REFI-QDA projects (.qdpx, or a bare project.qde) made by pbasis or
// by another program (ATLAS.ti, MAXQDA, NVivo, QualCoder): the text
// sources, the codes and the coded text selections, for inter-coder
// agreement and for manual codings.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pbasis/pbasis/corpus"
)

// ErrQDPX is wrapped by every error about the content of a REFI-QDA
// project: not a zip, no project.qde, malformed or forbidden XML, a
// reference to a missing object, a selection outside its text, a limit
// exceeded.
var ErrQDPX = errors.New("unreadable REFI-QDA project")

// QDPXProject is what pbasis reads from a REFI-QDA project: sources (name,
// text), codes, and coded selections (source, start, end, code, coder),
// whether pbasis or another program wrote it.
type QDPXProject struct {
	Name   string // the Project's name attribute
	Origin string // the Project's origin attribute (pbasis writes "pbasis <version>")
	// Sources are the text sources in document order.
	Sources []QDPXSource
	// Codes are all codes of the CodeBook, depth first in document order
	// (a parent before its children), folders included.
	Codes []QDPXCode
	// Selections has one entry per Coding of a PlainTextSelection (a
	// selection with two codings gives two), in document order. A Coding
	// placed directly on a TextSource codes the whole text (Start 0, End
	// its length). Selections without a coding are not listed.
	Selections []QDPXSelection
	// Users are the names of the project's users (the GUID for a user
	// without name or id), in document order.
	Users []string
	// Cases are the project's cases with their sources and text
	// variables.
	Cases []QDPXCase
	// Skipped lists, one line each, what was in the project but not read:
	// non-text sources (PDF, picture, audio, video) with their selections.
	Skipped []string
}

// QDPXSource is one text source.
type QDPXSource struct {
	GUID string
	Name string // the name attribute; pbasis writes the document ID
	// Text is the plain text that positions count in: from PlainTextContent
	// or from the plainTextPath file in the zip, decoded as UTF-8, with a
	// leading byte-order mark removed and "\r\n" read as "\n" (ATLAS.ti and
	// MAXQDA count a CRLF as one character). It is not otherwise changed
	// (not NFC-normalised).
	Text        string
	Path        string // plainTextPath as written; "" for inline text
	Description string
}

// QDPXCode is one code of the project's CodeBook.
type QDPXCode struct {
	GUID, Name string
	// ID is the pbasis code ID: from the pbasis block of the description
	// (see QDCMarker), else filled by ResolveCodes; "" while unknown.
	ID string
	// Category is from the pbasis block, else from the nearest enclosing
	// code that has one, else from a top-level folder named after a
	// category (see ReadQDC); "" when unknown.
	Category    Category
	Parent      string // GUID of the enclosing code; "" at the top level
	Codable     bool   // isCodable; false for folders
	Color       string
	Description string
}

// QDPXSelection is one coding of a text selection.
type QDPXSelection struct {
	GUID       string // the PlainTextSelection's GUID (the source's for a whole-source coding)
	Source     string // the source's name
	SourceGUID string
	// Start and End are 0-based Unicode code points into the source's
	// Text, End exclusive (REFI-QDA 1.5 §10.2; the ATLAS.ti example of
	// Annex A.2 counts End one past the last character).
	Start, End int
	Text       string // Source Text [Start, End)
	Code       string // the pbasis code ID when known (see QDPXCode.ID), else ""
	CodeName   string
	CodeGUID   string
	// Coder is the name of the creating user of the Coding, else of the
	// selection, else of the source, else of the project; "" when none is
	// given.
	Coder string
	// Negated and Origin come from the pbasis block of the selection's
	// description (written by pbasis); false and "" for other programs.
	Negated bool
	Origin  string // auto, manual or review
	// Description is the selection's description as written.
	Description string
}

// QDPXCase is one case of the project.
type QDPXCase struct {
	GUID, Name string
	Sources    []string          // names of the sources it refers to
	Variables  map[string]string // text form of each variable value
}

// ReadQDPX reads a REFI-QDA project file (.qdpx: a zip with project.qde
// and sources/) of size bytes from r, within corpus' default limits. name
// names the file in errors. See ReadQDPXLimits.
func ReadQDPX(name string, r io.ReaderAt, size int64) (*QDPXProject, error) {
	return ReadQDPXLimits(name, r, size, corpus.Limits{})
}

// ReadQDPXLimits reads a .qdpx within lim (zero fields take corpus'
// defaults): MaxFileBytes for the file, MaxZipEntries, MaxUnzippedBytes for
// all entries read together (whatever their headers say), MaxXMLDepth.
//
// The project file is project.qde at the root (any case), else the only
// *.qde at the root. A TextSource's text is its PlainTextContent, else the
// file its plainTextPath names: internal://X is sources/X in the zip (any
// case of the folder and name). XML with a DOCTYPE or other directive is
// refused. Every selection must lie within its source's text and every
// CodeRef must name a code of the CodeBook; errors name the file, the entry
// and the object and wrap ErrQDPX.
func ReadQDPXLimits(name string, r io.ReaderAt, size int64, lim corpus.Limits) (*QDPXProject, error) {
	lim = lim.WithDefaults()
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", name, ErrQDPX, fmt.Sprintf(format, args...))
	}
	if size > lim.MaxFileBytes {
		return nil, fail("%d bytes, over limits.max_file_bytes = %d", size, lim.MaxFileBytes)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fail("not a zip file (a .qdpx is one): %v", err)
	}
	if len(zr.File) > lim.MaxZipEntries {
		return nil, fail("%d zip entries, over limits.max_zip_entries = %d", len(zr.File), lim.MaxZipEntries)
	}
	var qde *zip.File
	var qdes []*zip.File
	for _, f := range zr.File {
		n := strings.ReplaceAll(f.Name, `\`, "/")
		if strings.Contains(n, "/") || !strings.EqualFold(path.Ext(n), ".qde") {
			continue
		}
		qdes = append(qdes, f)
		if strings.EqualFold(n, "project.qde") {
			qde = f
		}
	}
	if qde == nil {
		if len(qdes) != 1 {
			return nil, fail("no project.qde at the top of the zip (found %d .qde files); is this a REFI-QDA project export?", len(qdes))
		}
		qde = qdes[0]
	}
	var budget int64
	readEntry := func(f *zip.File) ([]byte, error) {
		if f.UncompressedSize64 > uint64(lim.MaxUnzippedBytes-budget) {
			return nil, fail("%s: uncompressed size over limits.max_unzipped_bytes = %d", f.Name, lim.MaxUnzippedBytes)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fail("%s: %v", f.Name, err)
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, lim.MaxUnzippedBytes-budget+1))
		if err != nil {
			return nil, fail("%s: %v", f.Name, err)
		}
		budget += int64(len(data))
		if budget > lim.MaxUnzippedBytes {
			return nil, fail("%s: uncompressed size over limits.max_unzipped_bytes = %d", f.Name, lim.MaxUnzippedBytes)
		}
		return data, nil
	}
	data, err := readEntry(qde)
	if err != nil {
		return nil, err
	}
	// Internal sources by exact name and by lower-cased name, '\' read as
	// '/' (zip tools and vendors differ on the case of "sources").
	exact, folded := map[string]*zip.File{}, map[string]*zip.File{}
	for _, f := range zr.File {
		n := strings.ReplaceAll(f.Name, `\`, "/")
		exact[n] = f
		if _, ok := folded[strings.ToLower(n)]; !ok {
			folded[strings.ToLower(n)] = f
		}
	}
	open := func(file string) ([]byte, error) {
		hit, ok := exact["sources/"+file]
		if !ok {
			hit, ok = folded[strings.ToLower("sources/"+file)]
		}
		if !ok {
			return nil, fmt.Errorf("sources/%s is not in the zip", file)
		}
		return readEntry(hit)
	}
	return readQDE(name+": "+qde.Name, data, lim, open)
}

// ReadQDE reads a bare project file (project.qde, no zip) within corpus'
// default limits. Its text sources must carry their text inline
// (PlainTextContent): a plainTextPath needs the .qdpx, and is an error.
// name names the file in errors.
func ReadQDE(name string, r io.Reader) (*QDPXProject, error) {
	lim := corpus.Limits{}.WithDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxUnzippedBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > lim.MaxUnzippedBytes {
		return nil, fmt.Errorf("%s: %w: over limits.max_unzipped_bytes = %d", name, ErrQDPX, lim.MaxUnzippedBytes)
	}
	return readQDE(name, data, lim, func(string) ([]byte, error) {
		return nil, errors.New("a bare .qde has no sources folder; read the .qdpx instead")
	})
}

// The project.qde as unmarshalled. Tags have no namespace: the local names
// match in any namespace.
type qdeProject struct {
	XMLName      xml.Name
	Name         string     `xml:"name,attr"`
	Origin       string     `xml:"origin,attr"`
	CreatingUser string     `xml:"creatingUserGUID,attr"`
	Users        []qdeUser  `xml:"Users>User"`
	Codes        []qdeCode  `xml:"CodeBook>Codes>Code"`
	Variables    []qdeVar   `xml:"Variables>Variable"`
	Cases        []qdeCase  `xml:"Cases>Case"`
	Sources      qdeSources `xml:"Sources"`
}

type qdeUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
	ID   string `xml:"id,attr"`
}

type qdeCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	Codable     string    `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr"`
	Description string    `xml:"Description"`
	Codes       []qdeCode `xml:"Code"`
}

type qdeVar struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type qdeCase struct {
	GUID    string        `xml:"guid,attr"`
	Name    string        `xml:"name,attr"`
	Values  []qdeVarValue `xml:"VariableValue"`
	Sources []qdeRef      `xml:"SourceRef"`
}

type qdeVarValue struct {
	Ref      qdeRef `xml:"VariableRef"`
	Text     string `xml:"TextValue"`
	Boolean  string `xml:"BooleanValue"`
	Integer  string `xml:"IntegerValue"`
	Float    string `xml:"FloatValue"`
	Date     string `xml:"DateValue"`
	DateTime string `xml:"DateTimeValue"`
}

type qdeRef struct {
	Target string `xml:"targetGUID,attr"`
}

type qdeSources struct {
	Text    []qdeTextSource `xml:"TextSource"`
	PDF     []qdeOther      `xml:"PDFSource"`
	Picture []qdeOther      `xml:"PictureSource"`
	Audio   []qdeOther      `xml:"AudioSource"`
	Video   []qdeOther      `xml:"VideoSource"`
}

type qdeOther struct {
	Name string `xml:"name,attr"`
	GUID string `xml:"guid,attr"`
}

type qdeTextSource struct {
	GUID         string         `xml:"guid,attr"`
	Name         string         `xml:"name,attr"`
	Path         string         `xml:"plainTextPath,attr"`
	CreatingUser string         `xml:"creatingUser,attr"`
	Description  string         `xml:"Description"`
	Content      *string        `xml:"PlainTextContent"`
	Selections   []qdeSelection `xml:"PlainTextSelection"`
	Codings      []qdeCoding    `xml:"Coding"`
}

type qdeSelection struct {
	GUID         string      `xml:"guid,attr"`
	Name         string      `xml:"name,attr"`
	Start        string      `xml:"startPosition,attr"`
	End          string      `xml:"endPosition,attr"`
	CreatingUser string      `xml:"creatingUser,attr"`
	Description  string      `xml:"Description"`
	Codings      []qdeCoding `xml:"Coding"`
}

type qdeCoding struct {
	GUID         string `xml:"guid,attr"`
	CreatingUser string `xml:"creatingUser,attr"`
	Ref          qdeRef `xml:"CodeRef"`
}

// qdpxSelBlock is the part of a selection's pbasis block the reader uses.
type qdpxSelBlock struct {
	Negated bool   `yaml:"negated"`
	Source  string `yaml:"source"`
}

// qdeCheck streams the XML once: well-formed, no directives (DOCTYPE,
// ENTITY), depth within max, root element Project.
func qdeCheck(data []byte, maxDepth int) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	depth, root := 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return fmt.Errorf("line %d: XML: %s", se.Line, se.Msg)
			}
			return fmt.Errorf("XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			line, _ := dec.InputPos()
			return fmt.Errorf("line %d: a <!%s> directive; REFI-QDA projects have no DTD or entities, and pbasis refuses them", line, firstWord(string(t)))
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				line, _ := dec.InputPos()
				return fmt.Errorf("line %d: elements nested deeper than limits.max_xml_depth = %d", line, maxDepth)
			}
			if !root {
				root = true
				if t.Name.Local != "Project" {
					return fmt.Errorf("root element is <%s>, not <Project>: not a REFI-QDA project", t.Name.Local)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if !root {
		return errors.New("no XML element: not a REFI-QDA project")
	}
	return nil
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return s
}

// readQDE parses a project.qde; open returns the bytes of an internal
// source file by its name (the part after internal://).
func readQDE(name string, data []byte, lim corpus.Limits, open func(file string) ([]byte, error)) (*QDPXProject, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", name, ErrQDPX, fmt.Sprintf(format, args...))
	}
	if err := qdeCheck(data, lim.MaxXMLDepth); err != nil {
		return nil, fail("%v", err)
	}
	var x qdeProject
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, fail("XML: %v", err)
	}
	p := &QDPXProject{Name: x.Name, Origin: x.Origin}
	users := map[string]string{}
	for _, u := range x.Users {
		n := u.Name
		if n == "" {
			n = u.ID
		}
		if n == "" {
			n = u.GUID
		}
		users[normGUID(u.GUID)] = n
		p.Users = append(p.Users, n)
	}
	userName := func(guids ...string) string {
		for _, g := range guids {
			if g == "" {
				continue
			}
			if n, ok := users[normGUID(g)]; ok {
				return n
			}
			return g
		}
		return ""
	}

	codes := map[string]int{}
	var walk func(c *qdeCode, parent string, cat Category)
	walk = func(c *qdeCode, parent string, cat Category) {
		qc := QDPXCode{GUID: c.GUID, Name: c.Name, Parent: parent, Color: strings.TrimSpace(c.Color), Description: c.Description}
		v := strings.TrimSpace(c.Codable)
		qc.Codable = v == "true" || v == "1"
		_, block, ok := qdcSplit(c.Description)
		if ok {
			var b struct {
				ID       string   `yaml:"id"`
				Category Category `yaml:"category"`
			}
			if yaml.Unmarshal([]byte(block), &b) == nil {
				qc.ID, qc.Category = b.ID, b.Category
			}
		}
		if rest, mine := strings.CutPrefix(c.Description, qdcFolderPrefix); mine && !ok {
			n, _, _ := strings.Cut(rest, ":")
			qc.Category = Category(n)
		}
		if qc.Category == "" {
			qc.Category = cat
		}
		if qc.Category == "" && parent == "" {
			if k, found := qdcCategoryOf(c.Name); found {
				qc.Category = k
			}
		}
		codes[normGUID(c.GUID)] = len(p.Codes)
		p.Codes = append(p.Codes, qc)
		for i := range c.Codes {
			walk(&c.Codes[i], c.GUID, qc.Category)
		}
	}
	for i := range x.Codes {
		walk(&x.Codes[i], "", "")
	}

	sourceName := map[string]string{}
	for i := range x.Sources.Text {
		ts := &x.Sources.Text[i]
		src := QDPXSource{GUID: ts.GUID, Name: ts.Name, Path: ts.Path, Description: ts.Description}
		what := fmt.Sprintf("source %q", ts.Name)
		switch {
		case ts.Content != nil:
			src.Text = strings.TrimPrefix(*ts.Content, "\uFEFF")
		case ts.Path != "":
			file, ok := strings.CutPrefix(ts.Path, "internal://")
			if !ok {
				return nil, fail("%s: its text is at %s, outside the project; export the project with its sources embedded", what, ts.Path)
			}
			b, err := open(file)
			if err != nil {
				return nil, fail("%s: plainTextPath %s: %v", what, ts.Path, err)
			}
			if !utf8.Valid(b) {
				return nil, fail("%s: sources/%s is not UTF-8 (REFI-QDA plain text is UTF-8)", what, file)
			}
			b = bytes.TrimPrefix(b, []byte("\uFEFF"))
			b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
			src.Text = string(b)
		}
		sourceName[normGUID(ts.GUID)] = ts.Name
		runes := []rune(src.Text)
		add := func(selGUID, selUser, desc string, start, end int, c *qdeCoding) error {
			k, ok := codes[normGUID(c.Ref.Target)]
			if !ok {
				return fail("%s: selection %s: coding %s refers to code %q, which the CodeBook does not define", what, selGUID, c.GUID, c.Ref.Target)
			}
			code := &p.Codes[k]
			s := QDPXSelection{GUID: selGUID, Source: ts.Name, SourceGUID: ts.GUID, Start: start, End: end,
				Text: string(runes[start:end]), Code: code.ID, CodeName: code.Name, CodeGUID: code.GUID,
				Coder: userName(c.CreatingUser, selUser, ts.CreatingUser, x.CreatingUser), Description: desc}
			if _, block, ok := qdcSplit(desc); ok {
				var b qdpxSelBlock
				if yaml.Unmarshal([]byte(block), &b) == nil {
					s.Negated, s.Origin = b.Negated, b.Source
				}
			}
			p.Selections = append(p.Selections, s)
			return nil
		}
		for j := range ts.Selections {
			sel := &ts.Selections[j]
			start, err1 := strconv.Atoi(strings.TrimSpace(sel.Start))
			end, err2 := strconv.Atoi(strings.TrimSpace(sel.End))
			if err1 != nil || err2 != nil {
				return nil, fail("%s: selection %s: startPosition %q, endPosition %q: want whole numbers", what, sel.GUID, sel.Start, sel.End)
			}
			if start < 0 || end < start || end > len(runes) {
				return nil, fail("%s: selection %s: positions %d-%d are not within its text of %d characters (code points)", what, sel.GUID, start, end, len(runes))
			}
			for k := range sel.Codings {
				if err := add(sel.GUID, sel.CreatingUser, sel.Description, start, end, &sel.Codings[k]); err != nil {
					return nil, err
				}
			}
		}
		for k := range ts.Codings {
			if err := add(ts.GUID, "", "", 0, len(runes), &ts.Codings[k]); err != nil {
				return nil, err
			}
		}
		p.Sources = append(p.Sources, src)
	}
	for _, kind := range []struct {
		what string
		list []qdeOther
	}{{"PDF", x.Sources.PDF}, {"picture", x.Sources.Picture}, {"audio", x.Sources.Audio}, {"video", x.Sources.Video}} {
		for _, o := range kind.list {
			p.Skipped = append(p.Skipped, fmt.Sprintf("%s source %q (%s): only text sources are read", kind.what, o.Name, o.GUID))
		}
	}

	vars := map[string]string{}
	for _, v := range x.Variables {
		vars[normGUID(v.GUID)] = v.Name
	}
	for _, c := range x.Cases {
		qc := QDPXCase{GUID: c.GUID, Name: c.Name, Variables: map[string]string{}}
		for _, v := range c.Values {
			n, ok := vars[normGUID(v.Ref.Target)]
			if !ok {
				return nil, fail("case %q: a value of variable %q, which the project does not declare", c.Name, v.Ref.Target)
			}
			qc.Variables[n] = v.Text + v.Boolean + v.Integer + v.Float + v.Date + v.DateTime
		}
		for _, s := range c.Sources {
			n, ok := sourceName[normGUID(s.Target)]
			if !ok {
				// A case may refer to a non-text source, which is skipped.
				continue
			}
			qc.Sources = append(qc.Sources, n)
		}
		p.Cases = append(p.Cases, qc)
	}
	return p, nil
}

// normGUID makes GUIDs comparable: lower case, without braces.
func normGUID(g string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(g), "{}"))
}

// ResolveCodes fills in the pbasis code ID of codes that have none (codes
// from another program) from cb: a codable code whose name, trimmed and
// compared without case, equals the ID or the Dutch or English label of
// exactly one code of cb (for an ATLAS.ti name "a::b", the part after the
// last "::" when the whole name matches nothing). It updates the
// selections of those codes and returns the names of the codable codes
// that stay without an ID, in code order.
func (p *QDPXProject) ResolveCodes(cb *CodebookSpec) []string {
	index := map[string][]string{}
	if cb != nil {
		for _, c := range cb.Codes {
			seen := map[string]bool{}
			for _, k := range []string{c.ID, c.Label.NL, c.Label.EN} {
				k = strings.ToLower(strings.TrimSpace(k))
				if k != "" && !seen[k] {
					seen[k] = true
					index[k] = append(index[k], c.ID)
				}
			}
		}
	}
	lookup := func(name string) string {
		if ids := index[strings.ToLower(strings.TrimSpace(name))]; len(ids) == 1 {
			return ids[0]
		}
		return ""
	}
	byGUID := map[string]string{}
	var missing []string
	for i := range p.Codes {
		c := &p.Codes[i]
		if c.ID == "" && c.Codable {
			id := lookup(c.Name)
			if j := strings.LastIndex(c.Name, "::"); id == "" && j >= 0 {
				id = lookup(c.Name[j+2:])
			}
			c.ID = id
			if id == "" {
				missing = append(missing, c.Name)
			}
		}
		byGUID[normGUID(c.GUID)] = c.ID
	}
	for i := range p.Selections {
		s := &p.Selections[i]
		if s.Code == "" {
			s.Code = byGUID[normGUID(s.CodeGUID)]
		}
	}
	return missing
}
