package corpus

import (
	"encoding/xml"
	"fmt"
	"path"
	"strings"
)

// WordprocessingML namespaces: transitional (what Word writes by default) and
// strict (ISO/IEC 29500 strict).
const (
	nsWordTransitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWordStrict       = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMarkupCompat     = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

const wordApp = "Word"

// ReadDOCX extracts the text of the main document body of a Word .docx file.
// name is the file's display path, used in errors; data is the whole file.
//
// Text has one line per body paragraph, with the runs of a paragraph
// concatenated; a line break inside a paragraph (<w:br/>, <w:cr/>, Shift+Enter
// in Word) starts a new line and <w:tab/> is a tab. Empty paragraphs are empty
// lines, so line n of Text is the n-th paragraph (or table row, or soft line).
// A table gives one line per row, its cells joined by " | " and a cell's own
// paragraphs and line breaks joined by a space; text boxes give their
// paragraphs as lines after the paragraph that anchors them. Inserted text
// (w:ins) is kept; deleted text (w:del, w:delText, w:moveFrom), field codes,
// headers, footers, comments, footnotes and endnotes are left out (they are
// other parts of the package, which are not read). Of mc:AlternateContent only
// the first choice is read, not the fallback copy.
//
// Errors are *InputError values wrapping ErrUnsupportedFormat (an old binary
// .doc or an encrypted document), ErrCorrupt (not a zip, no document part,
// bad XML, a DTD), ErrTooLarge (a limit of lim.WithDefaults() exceeded; the
// message names the limit) or ErrEmptyDocument.
func ReadDOCX(name string, data []byte, lim Limits) (Extract, error) {
	z, err := openZipDoc(name, "docx", wordApp, data, lim)
	if err != nil {
		return Extract{}, err
	}
	f := z.find("word/document.xml")
	if f == nil {
		if target := docxMainPart(z); target != "" {
			f = z.find(target)
		}
	}
	if f == nil {
		return Extract{}, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: no word/document.xml in the archive: not a Word document", ErrCorrupt),
			Hint: "open it in Word and save as .docx"}
	}
	sink := &lineSink{name: name, maxLine: z.lim.MaxLineBytes}
	inBody := false
	inRun := 0
	inText := false
	err = z.walkXML(f, wordApp, func(tok xml.Token, depth int) (bool, error) {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsMarkupCompat {
				// Read mc:AlternateContent and its first mc:Choice; skip the
				// fallback and any further choices, which repeat the content.
				return t.Name.Local == "Fallback", nil
			}
			if !isWordNS(t.Name.Space) {
				// Drawing markup and extensions: walk into them, text boxes
				// (w:txbxContent) hold ordinary paragraphs.
				return false, nil
			}
			switch t.Name.Local {
			case "body":
				inBody = true
			case "p":
				if inBody {
					sink.push(framePara)
				}
			case "tr":
				if inBody {
					sink.push(frameRow)
				}
			case "tc":
				if inBody {
					sink.push(frameCell)
				}
			case "r":
				inRun++
			case "t":
				inText = true
			case "tab", "ptab":
				if inRun > 0 {
					return true, sink.text("\t")
				}
				return true, nil
			case "br", "cr":
				if inRun > 0 {
					return true, sink.text("\n")
				}
				return true, nil
			case "noBreakHyphen":
				return true, sink.text("-")
			case "del", "moveFrom", "delText", "delInstrText", "instrText",
				"pPr", "rPr", "sectPr", "tblPr", "tblGrid", "trPr", "tcPr", "sdtPr",
				"footnoteReference", "endnoteReference", "commentReference":
				return true, nil
			}
			return false, nil
		case xml.EndElement:
			if !isWordNS(t.Name.Space) {
				return false, nil
			}
			switch t.Name.Local {
			case "body":
				inBody = false
			case "p":
				if inBody {
					sink.pop(framePara)
				}
			case "tr":
				if inBody {
					sink.pop(frameRow)
				}
			case "tc":
				if inBody {
					sink.pop(frameCell)
				}
			case "r":
				inRun--
			case "t":
				inText = false
			}
			return false, nil
		case xml.CharData:
			// Character data counts only inside w:t; everything else is
			// formatting whitespace or other markup.
			if inBody && inText {
				return false, sink.text(string(t))
			}
		}
		return false, nil
	})
	if err != nil {
		return Extract{}, err
	}
	return sink.result("zip/xml")
}

func isWordNS(ns string) bool { return ns == nsWordTransitional || ns == nsWordStrict }

// docxMainPart reads _rels/.rels for the officeDocument relationship and
// returns its target as an entry name ("word/document2.xml"), or "" when
// there is none. Errors reading the relationships are ignored: the caller
// reports the missing document part.
func docxMainPart(z *zipDoc) string {
	f := z.find("_rels/.rels")
	if f == nil {
		return ""
	}
	var target string
	_ = z.walkXML(f, wordApp, func(tok xml.Token, depth int) (bool, error) {
		if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "Relationship" && target == "" {
			typ, _ := xmlAttr(t, "Type")
			if strings.HasSuffix(typ, "/officeDocument") {
				target, _ = xmlAttr(t, "Target")
			}
		}
		return false, nil
	})
	if target == "" {
		return ""
	}
	return strings.TrimPrefix(path.Clean("/"+target), "/")
}
