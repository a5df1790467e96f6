package reports

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// This file puts the streamed sheets' shared strings into the package
// excelize wrote (addSharedStrings): excelize's shared-string indices are
// raised past them, in excelize's worksheet XML, which is read with a
// small scanner of tags (nextTag, tagName, tagAttrs).

// appendSharedItems appends strs as the string items (<si>) of a shared
// string table, each text escaped as appendInlineStr escapes it.
func appendSharedItems(b []byte, strs []string) []byte {
	for _, s := range strs {
		b = append(b, `<si><t`...)
		if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
			b = append(b, ` xml:space="preserve"`...)
		}
		b = append(b, '>')
		b = appendXMLText(b, s)
		b = append(b, `</t></si>`...)
	}
	return b
}

// Names of the shared-string part and its content type and relationship,
// for a package that has none.
const (
	sstPart        = "xl/sharedStrings.xml"
	sstContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
	sstRelType     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
	spreadsheetNS  = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
)

// addSharedStrings puts strs, the streamed sheets' shared strings, ahead
// of excelize's own in pkg, the package excelize wrote: it raises the
// index of every shared-string cell (t="s") of pkg's worksheets by
// len(strs), and writes the shared-string part with strs first, then
// excelize's items, its count the refs cells of the streamed rows that
// refer to strs plus the worksheets' shared-string cells. When excelize
// wrote no shared strings, the part is created, with its content type and
// its relationship from the workbook. The streamed rows are not in pkg
// (they are spliced in later): only excelize's cells are shifted. Nothing
// changes when strs is empty.
func addSharedStrings(pkg *capturedZip, strs []string, refs int64) error {
	if len(strs) == 0 {
		return nil
	}
	rels, err := workbookRels(pkg)
	if err != nil {
		return err
	}
	sheets, err := sheetPaths(pkg)
	if err != nil {
		return err
	}
	// Every sheet once, in package order, for the same bytes every run.
	isSheet := map[string]bool{}
	for _, p := range sheets {
		isSheet[p] = true
	}
	for _, p := range pkg.parts {
		if !isSheet[p.name] {
			continue
		}
		shifted, n, err := shiftSharedStrings(p.data.Bytes(), len(strs))
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		refs += int64(n)
		pkg.set(p.name, shifted)
	}
	sst := ""
	for _, r := range rels {
		if r.Type == sstRelType {
			sst = r.path
		}
	}
	if sst == "" {
		return addSharedStringsPart(pkg, rels, strs, refs)
	}
	data := pkg.part(sst)
	if data == nil {
		return fmt.Errorf("%s: in the workbook's relationships, not in the package", sst)
	}
	merged, err := mergeSharedStrings(data, strs, refs)
	if err != nil {
		return fmt.Errorf("%s: %w", sst, err)
	}
	pkg.set(sst, merged)
	return nil
}

// addSharedStringsPart adds a shared-string part holding strs to pkg,
// which has none (rels are its workbook's relationships), with its
// content type and relationship.
func addSharedStringsPart(pkg *capturedZip, rels []workbookRel, strs []string, refs int64) error {
	if pkg.part(sstPart) != nil {
		return fmt.Errorf("%s: in the package, not in the workbook's relationships", sstPart)
	}
	b := []byte(xml.Header)
	b = fmt.Appendf(b, `<sst xmlns="%s" count="%d" uniqueCount="%d">`, spreadsheetNS, refs, len(strs))
	b = appendSharedItems(b, strs)
	b = append(b, `</sst>`...)
	// The relationship, with an ID the workbook does not use yet.
	ids := map[string]bool{}
	for _, r := range rels {
		ids[r.ID] = true
	}
	id := ""
	for n := len(rels) + 1; id == "" || ids[id]; n++ {
		id = "rId" + strconv.Itoa(n)
	}
	const relsPart = "xl/_rels/workbook.xml.rels"
	rel := fmt.Sprintf(`<Relationship Id="%s" Type="%s" Target="sharedStrings.xml"/>`, id, sstRelType)
	withRel, err := insertBeforeEnd(pkg.part(relsPart), "Relationships", rel)
	if err != nil {
		return fmt.Errorf("%s: %w", relsPart, err)
	}
	const typesPart = "[Content_Types].xml"
	types := pkg.part(typesPart)
	var ct struct {
		Overrides []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(types, &ct); err != nil {
		return fmt.Errorf("%s: %w", typesPart, err)
	}
	listed := false
	for _, o := range ct.Overrides {
		listed = listed || o.PartName == "/"+sstPart
	}
	if !listed {
		override := fmt.Sprintf(`<Override PartName="/%s" ContentType="%s"/>`, sstPart, sstContentType)
		if types, err = insertBeforeEnd(types, "Types", override); err != nil {
			return fmt.Errorf("%s: %w", typesPart, err)
		}
	}
	pkg.set(relsPart, withRel)
	pkg.set(typesPart, types)
	pkg.set(sstPart, b)
	return nil
}

// insertBeforeEnd returns data, an XML document whose root is named root,
// with x inserted before the root's end tag.
func insertBeforeEnd(data []byte, root, x string) ([]byte, error) {
	at := bytes.LastIndex(data, []byte("</"+root))
	if at < 0 {
		// A root with no content: <root .../>.
		_, start, end, err := rootTag(data)
		if err != nil {
			return nil, err
		}
		tag := data[start:end]
		if !bytes.HasSuffix(tag, []byte("/>")) {
			return nil, fmt.Errorf("no end of %s", root)
		}
		out := append([]byte{}, data[:end-2]...)
		out = append(out, '>')
		out = append(out, x...)
		out = append(out, "</"+root+">"...)
		return append(out, data[end:]...), nil
	}
	out := make([]byte, 0, len(data)+len(x))
	out = append(out, data[:at]...)
	out = append(out, x...)
	return append(out, data[at:]...), nil
}

// mergeSharedStrings returns sst, excelize's shared-string part, with
// strs inserted before its items, uniqueCount the number of items and
// count refs.
func mergeSharedStrings(sst []byte, strs []string, refs int64) ([]byte, error) {
	name, start, end, err := rootTag(sst)
	if err != nil {
		return nil, err
	}
	if localName(name) != "sst" {
		return nil, fmt.Errorf("root element %s, want sst", name)
	}
	items := 0
	for i := end; ; {
		s, e, err := nextTag(sst, i)
		if err != nil {
			return nil, err
		}
		if s < 0 {
			break
		}
		if n, closing, _ := tagName(sst[s:e]); !closing && localName(n) == "si" {
			items++
		}
		i = e
	}
	tag := sst[start:end]
	empty := bytes.HasSuffix(tag, []byte("/>"))
	if empty {
		tag = append(append([]byte{}, tag[:len(tag)-2]...), '>')
	}
	tag, err = setAttr(tag, "count", strconv.FormatInt(refs, 10))
	if err == nil {
		tag, err = setAttr(tag, "uniqueCount", strconv.Itoa(len(strs)+items))
	}
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(sst)+len(tag)+64*len(strs))
	out = append(out, sst[:start]...)
	out = append(out, tag...)
	out = appendSharedItems(out, strs)
	if empty {
		out = append(out, "</"+string(name)+">"...)
	}
	return append(out, sst[end:]...), nil
}

// shiftSharedStrings returns sheet, worksheet XML, with the value of
// every shared-string cell (a c element with t="s") raised by by, and the
// number of such cells. A cell whose value is not a plain number is an
// error.
func shiftSharedStrings(sheet []byte, by int) ([]byte, int, error) {
	var out []byte
	copied := 0 // sheet[:copied] is in out
	cells := 0
	inShared := false // in a shared-string cell, before its value
	for i := 0; ; {
		start, end, err := nextTag(sheet, i)
		if err != nil {
			return nil, 0, err
		}
		if start < 0 {
			break
		}
		i = end
		tag := sheet[start:end]
		name, closing, empty := tagName(tag)
		switch localName(name) {
		case "c":
			inShared = false
			if !closing && !empty {
				t, _ := attrValue(tag, "t")
				inShared = string(t) == "s"
			}
		case "v":
			if !inShared || closing || empty {
				continue
			}
			inShared = false
			n := bytes.IndexByte(sheet[end:], '<')
			if n < 0 || !bytes.HasPrefix(sheet[end+n:], []byte("</")) {
				return nil, 0, fmt.Errorf("shared-string cell at byte %d: value not a number", start)
			}
			idx, err := strconv.Atoi(string(bytes.TrimSpace(sheet[end : end+n])))
			if err != nil || idx < 0 {
				return nil, 0, fmt.Errorf("shared-string cell at byte %d: value %q not an index", start, sheet[end:end+n])
			}
			if out == nil {
				out = make([]byte, 0, len(sheet)+len(sheet)/16)
			}
			out = append(out, sheet[copied:end]...)
			out = strconv.AppendInt(out, int64(idx+by), 10)
			copied = end + n
			cells++
		}
	}
	if out == nil {
		return sheet, 0, nil
	}
	return append(out, sheet[copied:]...), cells, nil
}

// nextTag finds the first tag (start, end or empty element tag) of XML
// data at or after i, skipping comments, CDATA sections, processing
// instructions and declarations: data[start:end] is the tag, from '<' to
// '>'. start is -1 when there is none.
func nextTag(data []byte, i int) (start, end int, err error) {
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			return -1, -1, nil
		}
		start = i + j
		rest := data[start:]
		var close string
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			close = "-->"
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			close = "]]>"
		case bytes.HasPrefix(rest, []byte("<?")):
			close = "?>"
		case bytes.HasPrefix(rest, []byte("<!")):
			close = ">"
		}
		if close != "" {
			k := bytes.Index(rest[2:], []byte(close))
			if k < 0 {
				return -1, -1, fmt.Errorf("byte %d: unterminated %.9s", start, rest)
			}
			i = start + 2 + k + len(close)
			continue
		}
		// A tag: up to the first '>' outside quoted attribute values.
		var quote byte
		for k := 1; k < len(rest); k++ {
			switch c := rest[k]; {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return start, start + k + 1, nil
			}
		}
		return -1, -1, fmt.Errorf("byte %d: unterminated tag", start)
	}
}

// tagName returns the name of tag (as nextTag finds it), whether it is an
// end tag, and whether it is an empty element tag (<x/>).
func tagName(tag []byte) (name []byte, closing, empty bool) {
	body := tag[1 : len(tag)-1]
	if len(body) > 0 && body[0] == '/' {
		closing, body = true, body[1:]
	}
	if len(body) > 0 && body[len(body)-1] == '/' {
		empty, body = true, body[:len(body)-1]
	}
	n := bytes.IndexAny(body, " \t\r\n")
	if n < 0 {
		n = len(body)
	}
	return body[:n], closing, empty
}

// localName returns name without its namespace prefix.
func localName(name []byte) string {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return string(name)
}

// tagAttr is an attribute of a tag: its name, and the offsets of its
// value (without quotes) in the tag.
type tagAttr struct {
	name       []byte
	start, end int
}

// tagAttrs returns the attributes of tag, a start or empty element tag.
func tagAttrs(tag []byte) ([]tagAttr, error) {
	var attrs []tagAttr
	name, _, _ := tagName(tag)
	i := 1 + len(name)
	for {
		for i < len(tag) && isXMLSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] == '/' || tag[i] == '>' {
			return attrs, nil
		}
		eq := bytes.IndexByte(tag[i:], '=')
		if eq < 0 {
			return nil, fmt.Errorf("attribute without a value in %s", tag)
		}
		a := tagAttr{name: bytes.TrimRight(tag[i:i+eq], " \t\r\n")}
		i += eq + 1
		for i < len(tag) && isXMLSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '"' && tag[i] != '\'' {
			return nil, fmt.Errorf("unquoted attribute value in %s", tag)
		}
		q := bytes.IndexByte(tag[i+1:], tag[i])
		if q < 0 {
			return nil, fmt.Errorf("unterminated attribute value in %s", tag)
		}
		a.start, a.end = i+1, i+1+q
		attrs = append(attrs, a)
		i = a.end + 1
	}
}

// attrValue returns the value of tag's attribute name, as written (not
// unescaped).
func attrValue(tag []byte, name string) ([]byte, bool) {
	attrs, err := tagAttrs(tag)
	if err != nil {
		return nil, false
	}
	for _, a := range attrs {
		if string(a.name) == name {
			return tag[a.start:a.end], true
		}
	}
	return nil, false
}

// setAttr returns tag, a start tag, with its attribute name set to value
// (which needs no escaping): replaced where tag has it, else added.
func setAttr(tag []byte, name, value string) ([]byte, error) {
	attrs, err := tagAttrs(tag)
	if err != nil {
		return nil, err
	}
	for _, a := range attrs {
		if string(a.name) == name {
			out := append([]byte{}, tag[:a.start]...)
			out = append(out, value...)
			return append(out, tag[a.end:]...), nil
		}
	}
	at := len(tag) - 1
	if bytes.HasSuffix(tag, []byte("/>")) {
		at--
	}
	out := append([]byte{}, tag[:at]...)
	out = fmt.Appendf(out, ` %s="%s"`, name, value)
	return append(out, tag[at:]...), nil
}

// rootTag returns the name of the root element of XML data and the
// offsets of its start tag.
func rootTag(data []byte) (name []byte, start, end int, err error) {
	start, end, err = nextTag(data, 0)
	if err != nil {
		return nil, 0, 0, err
	}
	if start < 0 {
		return nil, 0, 0, errors.New("no root element")
	}
	name, closing, _ := tagName(data[start:end])
	if closing {
		return nil, 0, 0, errors.New("no root element")
	}
	return name, start, end, nil
}

// workbookRel is a relationship of the workbook part: its ID, type and
// target's path in the package.
type workbookRel struct {
	ID, Type, path string
}

// workbookRels returns the workbook's relationships
// (xl/_rels/workbook.xml.rels).
func workbookRels(pkg *capturedZip) ([]workbookRel, error) {
	const name = "xl/_rels/workbook.xml.rels"
	data := pkg.part(name)
	if data == nil {
		return nil, fmt.Errorf("%s: not in the package", name)
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &rels); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	out := make([]workbookRel, 0, len(rels.Rel))
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		out = append(out, workbookRel{ID: r.ID, Type: r.Type, path: t})
	}
	return out, nil
}
