package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// oleMagic starts an OLE2 compound file: an old binary Office document (.doc,
// .xls) or a password-protected (encrypted) .docx/.xlsx.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// zipDoc is an opened zipped document (docx, odt, xlsx) with the budget of
// uncompressed bytes that may still be read from it.
type zipDoc struct {
	name   string // display path, for errors
	format string // "docx", "odt", "xlsx", for messages
	zr     *zip.Reader
	lim    Limits // with defaults
	read   int64  // uncompressed bytes read so far, over all entries
}

// openZipDoc checks that data is a zip archive within the limits and returns
// it ready for reading. saveAs is the application and extension to suggest in
// hints, e.g. "Word ... .docx". It fails with ErrUnsupportedFormat for an
// OLE2 file (old binary Office format or an encrypted document), ErrCorrupt
// for anything else that is not a zip, and ErrTooLarge for a file over
// MaxFileBytes or an archive with more than MaxZipEntries entries.
func openZipDoc(name, format, app string, data []byte, lim Limits) (*zipDoc, error) {
	lim = lim.WithDefaults()
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: file size %d bytes over limits.max_file_bytes = %d", ErrTooLarge, len(data), lim.MaxFileBytes),
			Hint: "split the document or raise limits.max_file_bytes"}
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: an old binary Office file (or a password-protected document) named .%s", ErrUnsupportedFormat, format),
			Hint: fmt.Sprintf("open it in %s, remove any password and save as .%s", app, format)}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: not a valid .%s (zip) file: %v", ErrCorrupt, format, err),
			Hint: fmt.Sprintf("open it in %s and save as .%s", app, format)}
	}
	if len(zr.File) > lim.MaxZipEntries {
		return nil, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: %d zip entries, over limits.max_zip_entries = %d", ErrTooLarge, len(zr.File), lim.MaxZipEntries),
			Hint: "this is not an ordinary document (a zip bomb?); if it is genuine, raise limits.max_zip_entries"}
	}
	return &zipDoc{name: name, format: format, zr: zr, lim: lim}, nil
}

// find returns the entry called path, matching exactly first and then
// case-insensitively with '\' read as '/' (some zip tools write those); nil
// when there is none.
func (z *zipDoc) find(path string) *zip.File {
	for _, f := range z.zr.File {
		if f.Name == path {
			return f
		}
	}
	for _, f := range z.zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), path) {
			return f
		}
	}
	return nil
}

// errTooLarge is the error for reading past MaxUnzippedBytes.
func (z *zipDoc) errTooLarge(entry string) error {
	return &InputError{Pos: Pos{File: z.name},
		Err: fmt.Errorf("%w: uncompressed size over limits.max_unzipped_bytes = %d (reading %s)",
			ErrTooLarge, z.lim.MaxUnzippedBytes, entry),
		Hint: "this is not an ordinary document (a zip bomb?); if it is genuine, raise limits.max_unzipped_bytes"}
}

// corrupt wraps err as an ErrCorrupt InputError about entry.
func (z *zipDoc) corrupt(entry string, err error, app string) error {
	return &InputError{Pos: Pos{File: z.name},
		Err:  fmt.Errorf("%w: %s: %v", ErrCorrupt, entry, err),
		Hint: fmt.Sprintf("open it in %s and save it again as .%s", app, z.format)}
}

// budgetReader counts the bytes read through it into *n and fails with
// errOverBudget once more than max bytes in all have been read. It does not
// trust the sizes in the zip headers.
type budgetReader struct {
	r   io.Reader
	n   *int64
	max int64
}

var errOverBudget = errors.New("over the uncompressed size budget")

func (b *budgetReader) Read(p []byte) (int, error) {
	if *b.n >= b.max {
		// Probe for one more byte: reaching the budget exactly is fine.
		var one [1]byte
		k, err := b.r.Read(one[:])
		if k > 0 {
			return 0, errOverBudget
		}
		return 0, err
	}
	if rest := b.max - *b.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	k, err := b.r.Read(p)
	*b.n += int64(k)
	return k, err
}

// open opens entry f for reading within the budget. The caller closes it.
func (z *zipDoc) open(f *zip.File) (io.ReadCloser, error) {
	if f.UncompressedSize64 > uint64(z.lim.MaxUnzippedBytes-z.read) {
		// The header alone already says it is too big; the budget reader
		// below catches headers that lie.
		return nil, z.errTooLarge(f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, z.corrupt(f.Name, err, "the application that made it")
	}
	return struct {
		io.Reader
		io.Closer
	}{&budgetReader{r: rc, n: &z.read, max: z.lim.MaxUnzippedBytes}, rc}, nil
}

// xmlVisitor receives the tokens of an XML stream. depth is the nesting depth
// of the token: 1 for the root element's start and end tags, 2 for what is
// directly inside it, and so on. Returning skip = true on a StartElement
// skips that element's whole content (its end tag is not delivered either).
type xmlVisitor func(tok xml.Token, depth int) (skip bool, err error)

// walkXML streams the XML entry f through visit, enforcing MaxXMLDepth and the
// uncompressed byte budget. Directives (<!DOCTYPE ...>, <!ENTITY ...>) are
// refused: OOXML and ODF never use them, and a document that declares
// entities is an attack (billion laughs) or damaged. encoding/xml does not
// expand custom entities anyway; in strict mode an undeclared entity
// reference is a syntax error.
func (z *zipDoc) walkXML(f *zip.File, app string, visit xmlVisitor) error {
	rc, err := z.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(rc)
	dec.Strict = true
	depth := 0
	skipTo := -1 // while >= 0: skipping until depth drops back to it
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if depth != 0 {
				return z.corrupt(f.Name, io.ErrUnexpectedEOF, app)
			}
			return nil
		}
		if err != nil {
			if errors.Is(err, errOverBudget) {
				return z.errTooLarge(f.Name)
			}
			return z.corrupt(f.Name, err, app)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > z.lim.MaxXMLDepth {
				line, _ := dec.InputPos()
				return &InputError{Pos: Pos{File: z.name},
					Err: fmt.Errorf("%w: XML nesting deeper than limits.max_xml_depth = %d in %s (line %d)",
						ErrTooLarge, z.lim.MaxXMLDepth, f.Name, line),
					Hint: "this is not an ordinary document; if it is genuine, raise limits.max_xml_depth"}
			}
			if skipTo >= 0 {
				continue
			}
			skip, err := visit(t, depth)
			if err != nil {
				return err
			}
			if skip {
				skipTo = depth - 1
			}
		case xml.EndElement:
			depth--
			if skipTo >= 0 {
				if depth == skipTo {
					skipTo = -1
				}
				continue
			}
			if _, err := visit(t, depth+1); err != nil {
				return err
			}
		case xml.Directive:
			return z.corrupt(f.Name, fmt.Errorf("XML declarations (<!%.20s...>) are not allowed in a .%s", t, z.format), app)
		case xml.CharData:
			if skipTo >= 0 {
				continue
			}
			if _, err := visit(t, depth); err != nil {
				return err
			}
		}
	}
}

// xmlAttr returns the value of the attribute with local name local (any
// namespace) and whether it is there.
func xmlAttr(e xml.StartElement, local string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// lineSink collects the lines of a docx/odt text, with the nesting of
// paragraphs in table cells and in text boxes inside paragraphs. Tables yield
// one line per row with the cells joined by " | "; a cell's own paragraphs
// and line breaks are joined with a space. A paragraph nested in another
// (a text box) becomes its own line after the line of the paragraph it sits
// in.
type lineSink struct {
	name    string
	maxLine int
	lines   []string
	stack   []*sinkFrame
}

type sinkKind int

const (
	framePara sinkKind = iota
	frameCell
	frameRow
)

type sinkFrame struct {
	kind  sinkKind
	b     strings.Builder // paragraph text
	parts []string        // cell: its paragraphs; row: its cells
	after []string        // paragraph: lines of nested paragraphs (text boxes)
}

func (s *lineSink) push(k sinkKind) { s.stack = append(s.stack, &sinkFrame{kind: k}) }

// para returns the innermost open paragraph, or nil outside any.
func (s *lineSink) para() *sinkFrame {
	if n := len(s.stack); n > 0 && s.stack[n-1].kind == framePara {
		return s.stack[n-1]
	}
	return nil
}

// text appends text to the current paragraph; text outside a paragraph
// (inside a table row or cell directly) is ignored, as Word and LibreOffice
// do not show it.
func (s *lineSink) text(t string) error {
	p := s.para()
	if p == nil {
		return nil
	}
	if p.b.Len()+len(t) > s.maxLine {
		return &InputError{Pos: Pos{File: s.name, Line: len(s.lines) + 1},
			Err:  fmt.Errorf("%w: a paragraph longer than limits.max_line_bytes = %d", ErrTooLarge, s.maxLine),
			Hint: "split the paragraph or raise limits.max_line_bytes"}
	}
	p.b.WriteString(t)
	return nil
}

// pop closes the innermost frame, which must be of kind k (a mismatch is
// ignored: the XML nesting is already checked by the decoder).
func (s *lineSink) pop(k sinkKind) {
	n := len(s.stack)
	if n == 0 || s.stack[n-1].kind != k {
		return
	}
	f := s.stack[n-1]
	s.stack = s.stack[:n-1]
	switch k {
	case framePara:
		s.emit(f.b.String(), f.after...)
	case frameCell:
		var parts []string
		for _, p := range f.parts {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		if top := s.top(); top != nil && top.kind == frameRow {
			top.parts = append(top.parts, strings.Join(parts, " "))
		}
	case frameRow:
		line := strings.Join(f.parts, " | ")
		if strings.Trim(line, " |") == "" {
			line = ""
		}
		s.emit(line)
	}
}

func (s *lineSink) top() *sinkFrame {
	if n := len(s.stack); n > 0 {
		return s.stack[n-1]
	}
	return nil
}

// emit hands a finished line to the enclosing frame, or to the output.
func (s *lineSink) emit(line string, after ...string) {
	top := s.top()
	switch {
	case top == nil:
		s.lines = append(s.lines, line)
		s.lines = append(s.lines, after...)
	case top.kind == frameCell:
		top.parts = append(top.parts, cellText(line))
		for _, a := range after {
			top.parts = append(top.parts, cellText(a))
		}
	case top.kind == framePara:
		top.after = append(top.after, line)
		top.after = append(top.after, after...)
	case top.kind == frameRow:
		// A paragraph directly in a row (not in a cell): keep it as a cell.
		top.parts = append(top.parts, cellText(line))
	}
}

// cellText turns line breaks and tabs into spaces, for table cells.
func cellText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// result closes any frames left open and returns the extracted text, NFC with
// \n line ends, or ErrEmptyDocument when there is no text at all.
func (s *lineSink) result(encoding string) (Extract, error) {
	for len(s.stack) > 0 {
		s.pop(s.stack[len(s.stack)-1].kind)
	}
	text := strings.Join(s.lines, "\n")
	text = strings.ToValidUTF8(text, "\uFFFD")
	text, steps := NormalizeText(text)
	if strings.TrimSpace(text) == "" {
		return Extract{}, &InputError{Pos: Pos{File: s.name}, Err: ErrEmptyDocument,
			Hint: "the document body has no text; check that the transcript is in the main text, not in text boxes of a header or in comments"}
	}
	return Extract{Text: text, FirstLine: 1, Encoding: encoding, Steps: steps}, nil
}
