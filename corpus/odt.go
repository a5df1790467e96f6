package corpus

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// OpenDocument namespaces.
const (
	nsODFText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsODFTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsODFOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

const odtApp = "LibreOffice Writer"

// maxODFSpaces caps the count of one <text:s text:c="n"/>, so that a forged
// count cannot blow up memory; the line limit applies on top.
const maxODFSpaces = 1 << 16

// ReadODT extracts the text of the body of an OpenDocument text (.odt) file
// from its content.xml. name is the file's display path, used in errors;
// data is the whole file.
//
// Text has one line per paragraph or heading (text:p, text:h, also inside
// lists); text:line-break starts a new line, text:tab is a tab and text:s is
// text:c spaces (default 1). Other white space is collapsed as ODF requires
// (runs of spaces, tabs and newlines in the XML count as one space, leading
// white space of a paragraph is dropped). A table gives one line per row, its
// cells joined by " | ", as ReadDOCX does. Annotations (comments), notes
// (footnotes, endnotes), tracked-change deletions (kept in
// text:tracked-changes) and index templates are left out; headers and
// footers live in styles.xml, which is not read.
//
// Errors are as for ReadDOCX; a zip whose mimetype is another OpenDocument
// type (a spreadsheet named .odt) is ErrUnsupportedFormat.
func ReadODT(name string, data []byte, lim Limits) (Extract, error) {
	z, err := openZipDoc(name, "odt", odtApp, data, lim)
	if err != nil {
		return Extract{}, err
	}
	if err := checkODFMimetype(z); err != nil {
		return Extract{}, err
	}
	f := z.find("content.xml")
	if f == nil {
		return Extract{}, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: no content.xml in the archive: not an OpenDocument text", ErrCorrupt),
			Hint: "open it in LibreOffice Writer and save as .odt"}
	}
	sink := &lineSink{name: name, maxLine: z.lim.MaxLineBytes}
	inText := false       // inside office:body/office:text
	pendingSpace := false // collapsed white space waiting for the next character
	lineStart := true     // no character yet since the paragraph or line break began
	var saved [][2]bool   // pendingSpace, lineStart of the enclosing paragraphs
	write := func(s string) error {
		if pendingSpace && !lineStart {
			if err := sink.text(" "); err != nil {
				return err
			}
		}
		pendingSpace = false
		lineStart = false
		return sink.text(s)
	}
	err = z.walkXML(f, odtApp, func(tok xml.Token, depth int) (bool, error) {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Space {
			case nsODFOffice:
				switch t.Name.Local {
				case "text":
					inText = true
				case "annotation", "annotation-end", "forms", "event-listeners":
					return true, nil
				}
			case nsODFText:
				if !inText {
					return false, nil
				}
				switch t.Name.Local {
				case "p", "h":
					sink.push(framePara)
					saved = append(saved, [2]bool{pendingSpace, lineStart})
					pendingSpace, lineStart = false, true
				case "line-break":
					pendingSpace = false
					err := write("\n")
					lineStart = true
					return true, err
				case "tab":
					return true, write("\t")
				case "s":
					n := 1
					if c, ok := xmlAttr(t, "c"); ok {
						if v, err := strconv.Atoi(c); err == nil && v > 0 {
							n = min(v, maxODFSpaces)
						}
					}
					pendingSpace = false
					lineStart = false
					return true, sink.text(strings.Repeat(" ", n))
				case "tracked-changes", "note", "sequence-decls", "variable-decls",
					"user-field-decls", "table-of-content-source", "alphabetical-index-source",
					"illustration-index-source", "table-index-source", "object-index-source",
					"user-index-source", "bibliography-source", "ruby-text":
					return true, nil
				}
			case nsODFTable:
				if !inText {
					return false, nil
				}
				switch t.Name.Local {
				case "table-row":
					sink.push(frameRow)
				case "table-cell":
					sink.push(frameCell)
				case "covered-table-cell", "table-column", "table-columns", "table-header-columns":
					return true, nil
				}
			}
			return false, nil
		case xml.EndElement:
			switch t.Name.Space {
			case nsODFOffice:
				if t.Name.Local == "text" {
					inText = false
				}
			case nsODFText:
				if inText && (t.Name.Local == "p" || t.Name.Local == "h") {
					sink.pop(framePara)
					// Back to the white-space state of an enclosing
					// paragraph (a text box sits inside one).
					if n := len(saved); n > 0 {
						pendingSpace, lineStart = saved[n-1][0], saved[n-1][1]
						saved = saved[:n-1]
					}
				}
			case nsODFTable:
				if !inText {
					break
				}
				switch t.Name.Local {
				case "table-row":
					sink.pop(frameRow)
				case "table-cell":
					sink.pop(frameCell)
				}
			}
			return false, nil
		case xml.CharData:
			if !inText || sink.para() == nil {
				return false, nil
			}
			return false, writeCollapsed(string(t), &pendingSpace, write)
		}
		return false, nil
	})
	if err != nil {
		return Extract{}, err
	}
	return sink.result("zip/xml")
}

// writeCollapsed writes s with ODF white-space collapsing: each run of
// space, tab, CR and LF becomes one pending space, written before the next
// character (and dropped at the start of a paragraph).
func writeCollapsed(s string, pendingSpace *bool, write func(string) error) error {
	for s != "" {
		i := strings.IndexAny(s, " \t\r\n")
		if i < 0 {
			return write(s)
		}
		if i > 0 {
			if err := write(s[:i]); err != nil {
				return err
			}
		}
		*pendingSpace = true
		j := i
		for j < len(s) && strings.IndexByte(" \t\r\n", s[j]) >= 0 {
			j++
		}
		s = s[j:]
	}
	return nil
}

// checkODFMimetype refuses an OpenDocument package of another type than text.
// A missing or unreadable mimetype entry is not an error: content.xml
// decides.
func checkODFMimetype(z *zipDoc) error {
	f := z.find("mimetype")
	if f == nil || f.UncompressedSize64 > 200 {
		return nil
	}
	rc, err := z.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	var b strings.Builder
	buf := make([]byte, 256)
	for {
		n, err := rc.Read(buf)
		b.Write(buf[:n])
		if err != nil || b.Len() > 200 {
			break
		}
	}
	mt := strings.TrimSpace(b.String())
	if strings.HasPrefix(mt, "application/vnd.oasis.opendocument.") &&
		!strings.HasPrefix(mt, "application/vnd.oasis.opendocument.text") {
		return &InputError{Pos: Pos{File: z.name},
			Err:  fmt.Errorf("%w: an OpenDocument file of type %q, not a text document", ErrUnsupportedFormat, mt),
			Hint: "save the transcript in LibreOffice Writer as .odt, or a table of utterances as .xlsx or .csv"}
	}
	return nil
}
