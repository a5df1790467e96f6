package reports

// REFI-QDA project export (.qdpx): the documents as plain-text sources, the
// codebook, every coding as a coded text selection, the cases with their
// variables. ATLAS.ti, MAXQDA, NVivo and QualCoder import it; analysis.ReadQDPX
// reads it back.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// QDPXFile is the REFI-QDA project's path relative to the output folder.
const QDPXFile = "project.qdpx"

// qdpxUser is the name of the REFI-QDA user that stands for pbasis: the
// creating user of every source, selection and coding it writes.
const qdpxUser = "pbasis"

// qdpxZipTime is the modification time of every zip entry: fixed, so that
// the same input gives the same bytes.
func qdpxZipTime() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// QDPXGUID returns the stable GUID of an object of a pbasis REFI-QDA
// project: a name-based UUID (version 5, SHA-1, RFC 4122 URL namespace) of
// "urn:pbasis:project:<key>". Keys are "user:pbasis", "source:<doc ID>:<text
// hash>", "file:<doc ID>:<text hash>", "selection:<source GUID>:<start>:<end>:
// <code>[:<n>]", "coding:<selection GUID>", "case:<case ID>" and
// "variable:<name>". Codes use analysis.QDCGUID, as in the .qdc export.
func QDPXGUID(key string) string {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte("urn:pbasis:project:" + key))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// QDPXWriter writes a REFI-QDA project (.qdpx) as documents come: each
// document's text goes into the zip at once, and its source element with
// its selections (the bulk of project.qde) is deflated into a temporary
// file at once, so memory does not grow with the codings; Close writes
// project.qde around it.
//
// The project holds:
//   - Users: one user, "pbasis", the creating user of everything.
//   - CodeBook: the codes exactly as analysis.WriteQDC exports them (same
//     GUIDs, names, colours, category folders, hierarchy and pbasis
//     blocks), then, at the top level, any code that codings use but the
//     codebook lacks (name = its ID, GUID = analysis.QDCGUID).
//   - Variables and Cases: one Case per case of the results, named by its
//     ID, with a SourceRef per document and Text variables wijk, wave
//     (distinct values joined with "; ") and every metadata variable.
//   - Sources: a TextSource per document, named by its document ID, with
//     its metadata in the Description and its normalised text (UTF-8, no
//     BOM, "\n" line ends) in sources/<GUID>.txt, referenced as
//     plainTextPath="internal://<GUID>.txt". One PlainTextSelection per
//     coding, with one Coding of its code. startPosition and endPosition
//     are Coding.Start and Coding.End: 0-based Unicode code points into the
//     text, end exclusive (one past the last code point, as the ATLAS.ti
//     example of the REFI-QDA 1.5 specification, Annex A.2, does). The
//     selection's name is its text; its Description says "negated
//     (ontkend)" for a negated coding and holds a pbasis block (after
//     analysis.QDCMarker) with code, negated, cue, source (auto, manual,
//     review), how, rule and segment. Sources come in the order added,
//     selections by start, end and code.
//   - Sets: the codebook's set, as in the .qdc export.
//
// No dates are written and every GUID comes from QDPXGUID or
// analysis.QDCGUID, so the same documents, codings, codebook, tool version
// and results give a byte-identical .qdpx. Characters XML cannot hold (in
// metadata or a selection's name) are written as U+FFFD; the source texts
// are stored unchanged.
type QDPXWriter struct {
	zw          *zip.Writer
	cb          *analysis.CodebookSpec
	toolVersion string
	codesXML    []byte // <Codes> content from WriteQDC, without the closing line
	setsXML     []byte // <Sets> element adapted from WriteQDC
	known       map[string]bool
	user        string            // the user's GUID
	codeGUIDs   map[string]string // code ID -> GUID
	// sources holds the <TextSource> elements, written as documents come
	// and spliced into project.qde at Close; nil until the first document.
	sources  *sheetRows
	nsources int
	docGUID  map[string]string // document ID -> source GUID
	extra    map[string]analysis.Category
	closed   bool
	failed   error
}

type qdpxSource struct {
	guid, file, name, desc string
	sels                   []qdpxSel
}

// qdpxSel is a coded selection, kept until its document's source element
// is written.
type qdpxSel struct {
	guid, coding, code, name    string
	start, end                  int
	negated                     bool
	cue, source, how, rule, seg string
}

// NewQDPX starts a REFI-QDA project written to w (the .qdpx file) with the
// codebook cb. toolVersion goes into the project's origin ("pbasis
// <version>"). It fails when cb cannot be exported as in analysis.WriteQDC.
func NewQDPX(w io.Writer, cb *analysis.CodebookSpec, toolVersion string) (*QDPXWriter, error) {
	if cb == nil {
		return nil, errors.New("REFI-QDA project: no codebook")
	}
	var qdc bytes.Buffer
	if err := analysis.WriteQDC(&qdc, cb); err != nil {
		return nil, fmt.Errorf("REFI-QDA project: %w", err)
	}
	codes, sets, err := qdpxSplitQDC(qdc.Bytes())
	if err != nil {
		return nil, fmt.Errorf("REFI-QDA project: codebook %s: %w", cb.ID, err)
	}
	q := &QDPXWriter{zw: zip.NewWriter(w), cb: cb, toolVersion: toolVersion, codesXML: codes, setsXML: sets,
		known: map[string]bool{}, docGUID: map[string]string{}, extra: map[string]analysis.Category{},
		user: QDPXGUID("user:" + qdpxUser), codeGUIDs: map[string]string{}}
	for _, c := range cb.Codes {
		q.known[c.ID] = true
	}
	return q, nil
}

// qdpxSplitQDC cuts the content of <Codes> (up to, not including, the
// "  </Codes>" line) and the <Sets> element out of a .qdc that WriteQDC
// wrote, turning the .qdc's MemberCode guid into the project's targetGUID.
// The pieces are kept verbatim: Descriptions hold line breaks that
// re-indenting would change.
func qdpxSplitQDC(qdc []byte) (codes, sets []byte, err error) {
	s := string(qdc)
	const open, closeCodes, openSets, closeSets = "\n  <Codes>\n", "\n  </Codes>\n", "\n  <Sets>\n", "\n  </Sets>\n"
	i := strings.Index(s, open)
	j := strings.LastIndex(s, closeCodes)
	k := strings.LastIndex(s, openSets)
	l := strings.LastIndex(s, closeSets)
	if i < 0 || j < i || k < j || l < k {
		return nil, nil, errors.New("unexpected layout of the .qdc export")
	}
	codes = []byte(s[i+len(open) : j+1])
	set := s[k+1 : l+len(closeSets)]
	set = strings.ReplaceAll(set, "\n      <MemberCode guid=\"", "\n      <MemberCode targetGUID=\"")
	return codes, []byte(set), nil
}

// AddDocument adds doc as a text source with one coded selection per
// coding, and writes its text into the zip now. Codings must belong to doc
// (Coding.Doc == doc.ID) and lie within its text (0 <= Start < End <= the
// text's length in code points). A document ID may be added only once.
func (q *QDPXWriter) AddDocument(doc *corpus.Document, codings []analysis.Coding) error {
	if q.closed {
		return errors.New("REFI-QDA project: AddDocument after Close")
	}
	if q.failed != nil {
		return q.failed
	}
	if doc == nil {
		return errors.New("REFI-QDA project: nil document")
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("REFI-QDA project: document %s: %s", doc.ID, fmt.Sprintf(format, args...))
	}
	if _, dup := q.docGUID[doc.ID]; dup {
		return fail("added twice")
	}
	if !utf8.ValidString(doc.Text) {
		return fail("text is not valid UTF-8")
	}
	if strings.HasPrefix(doc.Text, "\uFEFF") {
		return fail("text starts with a byte-order mark; the normalised text has none")
	}
	sum := sha256.Sum256([]byte(doc.Text))
	hash := hex.EncodeToString(sum[:])
	src := &qdpxSource{
		guid: QDPXGUID("source:" + doc.ID + ":" + hash),
		file: QDPXGUID("file:" + doc.ID + ":" + hash),
		name: doc.ID,
		desc: qdpxDocDescription(doc),
	}
	runes := []rune(doc.Text)
	seen := map[string]int{}
	for i := range codings {
		c := &codings[i]
		if c.Doc != doc.ID {
			return fail("coding %d (%s at %d-%d) belongs to document %q", i+1, c.Code, c.Start, c.End, c.Doc)
		}
		if c.Start < 0 || c.End <= c.Start || c.End > len(runes) {
			return fail("coding %d (%s): span %d-%d is not within the text (0-%d code points)", i+1, c.Code, c.Start, c.End, len(runes))
		}
		if c.Code == "" {
			return fail("coding %d at %d-%d has no code", i+1, c.Start, c.End)
		}
		key := "selection:" + src.guid + ":" + strconv.Itoa(c.Start) + ":" + strconv.Itoa(c.End) + ":" + c.Code
		if n := seen[key]; n > 0 {
			seen[key] = n + 1
			key += ":" + strconv.Itoa(n+1)
		} else {
			seen[key] = 1
		}
		guid := QDPXGUID(key)
		src.sels = append(src.sels, qdpxSel{guid: guid, coding: QDPXGUID("coding:" + guid), code: c.Code,
			name: qdpxName(runes[c.Start:c.End]), start: c.Start, end: c.End,
			negated: c.Negated, cue: c.NegCue, source: c.Source, how: c.How, rule: c.Rule, seg: c.Segment})
		if !q.known[c.Code] {
			if _, ok := q.extra[c.Code]; !ok || q.extra[c.Code] == "" {
				q.extra[c.Code] = c.Category
			}
		}
	}
	sort.SliceStable(src.sels, func(a, b int) bool {
		x, y := src.sels[a], src.sels[b]
		if x.start != y.start {
			return x.start < y.start
		}
		if x.end != y.end {
			return x.end < y.end
		}
		return x.code < y.code
	})
	fw, err := q.zw.CreateHeader(&zip.FileHeader{Name: "sources/" + src.file + ".txt", Method: zip.Deflate, Modified: qdpxZipTime()})
	if err == nil {
		_, err = io.WriteString(fw, doc.Text)
	}
	if err != nil {
		q.failed = fail("write its text: %v", err)
		return q.failed
	}
	if q.sources == nil {
		if q.sources, err = newSheetRows(); err != nil {
			q.failed = fmt.Errorf("REFI-QDA project: %w", err)
			return q.failed
		}
	}
	var b bytes.Buffer
	q.writeSource(&b, src)
	if err := q.sources.write(b.Bytes()); err != nil {
		q.failed = fail("%v", err)
		return q.failed
	}
	q.docGUID[doc.ID] = src.guid
	q.nsources++
	return nil
}

// codeGUID returns the GUID of code id.
func (q *QDPXWriter) codeGUID(id string) string {
	g, ok := q.codeGUIDs[id]
	if !ok {
		g = analysis.QDCGUID(q.cb.ID, "code:"+id)
		q.codeGUIDs[id] = g
	}
	return g
}

// writeSource writes src's <TextSource> element, with its selections.
func (q *QDPXWriter) writeSource(b *bytes.Buffer, s *qdpxSource) {
	user := q.user
	fmt.Fprintf(b, "    <TextSource guid=\"%s\" name=\"%s\" plainTextPath=\"internal://%s.txt\" creatingUser=\"%s\">\n",
		s.guid, qdpxAttr(s.name), s.file, user)
	if s.desc != "" {
		fmt.Fprintf(b, "      <Description>%s</Description>\n", qdpxText(s.desc))
	}
	for i := range s.sels {
		sel := &s.sels[i]
		b.WriteString(`      <PlainTextSelection guid="` + sel.guid + `" name="`)
		qdpxWriteAttr(b, sel.name)
		b.WriteString(`" startPosition="` + strconv.Itoa(sel.start) + `" endPosition="` + strconv.Itoa(sel.end) +
			`" creatingUser="` + user + "\">\n        <Description>")
		writeSelDescription(b, sel)
		b.WriteString("</Description>\n        <Coding guid=\"" + sel.coding + `" creatingUser="` + user +
			"\">\n          <CodeRef targetGUID=\"" + q.codeGUID(sel.code) + "\"/>\n        </Coding>\n      </PlainTextSelection>\n")
	}
	b.WriteString("    </TextSource>\n")
}

// qdpxName is a selection's name: its text, cut to 100 code points.
func qdpxName(r []rune) string {
	if len(r) > 100 {
		return string(r[:99]) + "…"
	}
	return string(r)
}

// qdpxDocDescription lists a document's metadata, one "key: value" a line.
func qdpxDocDescription(doc *corpus.Document) string {
	m := doc.Meta
	var b strings.Builder
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	line("case", m.Case)
	line("kind", string(m.Kind))
	line("format", doc.Format)
	line("wijk", m.Wijk)
	line("wave", m.Wave)
	line("date", m.Date)
	if len(m.Speakers) > 0 {
		labels := make([]string, 0, len(m.Speakers))
		for k := range m.Speakers {
			labels = append(labels, k)
		}
		sort.Strings(labels)
		for i, k := range labels {
			labels[i] = k + "=" + m.Speakers[k]
		}
		line("speakers", strings.Join(labels, "; "))
	}
	keys := make([]string, 0, len(m.Extra))
	for k := range m.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line(k, m.Extra[k])
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeSelDescription writes a selection's Description, escaped for XML
// character data: a Dutch and English note for a negated coding, then the
// pbasis block (YAML) with code, negated, cue, source, how, rule and
// segment. It is written by hand, not with a YAML encoder: a project has
// one per coding, and the encoder would take most of the export's time.
func writeSelDescription(w qdpxWriter, s *qdpxSel) {
	if s.negated {
		w.WriteString("negated (ontkend)")
		if s.cue != "" {
			w.WriteString(": ")
			qdpxWriteText(w, s.cue)
		}
		w.WriteString("\n\n")
	}
	w.WriteString(analysis.QDCMarker + "\ncode: ")
	qdpxWriteText(w, yamlScalar(s.code))
	if s.negated {
		w.WriteString("\nnegated: true")
	} else {
		w.WriteString("\nnegated: false")
	}
	for _, kv := range [...][2]string{{"cue", s.cue}, {"source", s.source}, {"how", s.how}, {"rule", s.rule}, {"segment", s.seg}} {
		if kv[1] != "" {
			w.WriteString("\n" + kv[0] + ": ")
			qdpxWriteText(w, yamlScalar(kv[1]))
		}
	}
	w.WriteString("\n")
}

// yamlScalar writes s as a YAML scalar: plain when that reads back as the
// same string in YAML 1.1 and 1.2 alike, else double-quoted (JSON string
// syntax, which YAML accepts).
func yamlScalar(s string) string {
	plain := s != "" && s == strings.TrimSpace(s)
	for i, r := range s {
		if !(unicode.IsLetter(r) || i > 0 && (unicode.IsDigit(r) || strings.ContainsRune("_./- ()", r))) {
			plain = false
			break
		}
	}
	if plain {
		switch strings.ToLower(s) {
		case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
			plain = false
		}
	}
	if plain {
		return s
	}
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// Close writes project.qde from the documents added and r, and finishes
// the zip. r gives the cases and their variables; with r nil the project
// has no cases. A case that lists a document that was not added is an
// error (found before anything is written). The writer cannot be used
// after Close; w is not closed. Close removes the writer's temporary file,
// whatever happens: a writer given documents must be closed.
func (q *QDPXWriter) Close(r *analysis.Results) (err error) {
	if q.closed {
		return errors.New("REFI-QDA project: Close called twice")
	}
	q.closed = true
	defer func() {
		if rerr := q.release(); rerr != nil && err == nil {
			err = fmt.Errorf("REFI-QDA project: remove temporary file: %w", rerr)
		}
	}()
	if q.failed != nil {
		return q.failed
	}
	if r != nil {
		for _, c := range r.Corpus.Cases {
			for _, d := range c.Documents {
				if _, ok := q.docGUID[d]; !ok {
					return fmt.Errorf("REFI-QDA project: case %s: document %s was not added to the project", c.ID, d)
				}
			}
		}
	}
	var head, tail bytes.Buffer
	bw := bufio.NewWriter(&head)
	err = q.writeProject(bw, r)
	if err == nil {
		err = bw.Flush()
	}
	q.writeProjectEnd(&tail)
	if err == nil {
		fh := &zip.FileHeader{Name: "project.qde", Method: zip.Deflate, Modified: qdpxZipTime()}
		if q.sources != nil {
			err = writeSpliced(q.zw, fh, head.Bytes(), q.sources, tail.Bytes())
		} else {
			var fw io.Writer
			if fw, err = q.zw.CreateHeader(fh); err == nil {
				if _, err = fw.Write(head.Bytes()); err == nil {
					_, err = fw.Write(tail.Bytes())
				}
			}
		}
	}
	if err == nil {
		err = q.zw.Close()
	}
	if err != nil {
		return fmt.Errorf("REFI-QDA project: write project.qde: %w", err)
	}
	return nil
}

// Discard ends a writer that will not be closed (a run that failed
// before its end), removing its temporary file; w is left as it is. It
// does nothing after Close or a previous Discard; the writer is unusable
// after it.
func (q *QDPXWriter) Discard() error {
	if q.closed {
		return nil
	}
	q.closed = true
	if err := q.release(); err != nil {
		return fmt.Errorf("REFI-QDA project: remove temporary file: %w", err)
	}
	return nil
}

// release removes the sources' temporary file.
func (q *QDPXWriter) release() error {
	if q.sources == nil {
		return nil
	}
	err := q.sources.remove()
	q.sources = nil
	return err
}

// qdpxVar is a declared variable with its value per case.
type qdpxVar struct {
	guid, name string
	value      func(c *analysis.CaseInfo) string
}

// writeProject writes project.qde; errors of w are those of b.Flush.
func (q *QDPXWriter) writeProject(b *bufio.Writer, r *analysis.Results) error {
	user := q.user
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	title := q.cb.Title.NL
	if q.cb.Language == "en" || title == "" {
		if q.cb.Title.EN != "" {
			title = q.cb.Title.EN
		}
	}
	name := "pbasis"
	if title != "" {
		name += ": " + title
	}
	origin := strings.TrimSpace("pbasis " + q.toolVersion)
	fmt.Fprintf(b, `<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" name="%s" origin="%s" creatingUserGUID="%s">`+"\n",
		qdpxAttr(name), qdpxAttr(origin), user)
	fmt.Fprintf(b, "  <Users>\n    <User guid=\"%s\" name=\"%s\"/>\n  </Users>\n", user, qdpxUser)

	// CodeBook: WriteQDC's codes, then codes only the codings use.
	b.WriteString("  <CodeBook>\n    <Codes>\n")
	b.Write(q.codesXML)
	extra := make([]string, 0, len(q.extra))
	for id := range q.extra {
		extra = append(extra, id)
	}
	sort.Strings(extra)
	for _, id := range extra {
		blk := struct {
			ID       string            `yaml:"id"`
			Category analysis.Category `yaml:"category,omitempty"`
		}{id, q.extra[id]}
		y, err := yaml.Marshal(&blk)
		if err != nil {
			return fmt.Errorf("code %q: %w", id, err)
		}
		desc := "pbasis: a code of the codings that is not in codebook " + q.cb.ID + "\n\n" + analysis.QDCMarker + "\n" + string(y)
		fmt.Fprintf(b, "    <Code guid=\"%s\" name=\"%s\" isCodable=\"true\">\n      <Description>%s</Description>\n    </Code>\n",
			analysis.QDCGUID(q.cb.ID, "code:"+id), qdpxAttr(id), qdpxText(desc))
	}
	b.WriteString("    </Codes>\n  </CodeBook>\n")

	// Variables and Cases.
	var cases []analysis.CaseInfo
	if r != nil {
		cases = r.Corpus.Cases
	}
	if len(cases) > 0 {
		vars := []qdpxVar{
			{name: "wijk", value: func(c *analysis.CaseInfo) string { return strings.Join(c.Wijks, "; ") }},
			{name: "wave", value: func(c *analysis.CaseInfo) string { return strings.Join(c.Waves, "; ") }},
		}
		names := map[string]bool{"wijk": true, "wave": true}
		for _, v := range r.Corpus.Variables {
			n := v
			for names[n] {
				n += " (metadata)"
			}
			names[n] = true
			vars = append(vars, qdpxVar{name: n, value: func(c *analysis.CaseInfo) string { return c.Variables[v] }})
		}
		b.WriteString("  <Variables>\n")
		for i := range vars {
			vars[i].guid = QDPXGUID("variable:" + vars[i].name)
			fmt.Fprintf(b, "    <Variable guid=\"%s\" name=\"%s\" typeOfVariable=\"Text\"/>\n", vars[i].guid, qdpxAttr(vars[i].name))
		}
		b.WriteString("  </Variables>\n  <Cases>\n")
		for i := range cases {
			c := &cases[i]
			fmt.Fprintf(b, "    <Case guid=\"%s\" name=\"%s\">\n", QDPXGUID("case:"+c.ID), qdpxAttr(c.ID))
			for _, v := range vars {
				if val := v.value(c); val != "" {
					fmt.Fprintf(b, "      <VariableValue>\n        <VariableRef targetGUID=\"%s\"/>\n        <TextValue>%s</TextValue>\n      </VariableValue>\n",
						v.guid, qdpxText(val))
				}
			}
			for _, d := range c.Documents {
				fmt.Fprintf(b, "      <SourceRef targetGUID=\"%s\"/>\n", q.docGUID[d])
			}
			b.WriteString("    </Case>\n")
		}
		b.WriteString("  </Cases>\n")
	}

	// Sources: written by AddDocument, spliced in by Close.
	if q.nsources > 0 {
		b.WriteString("  <Sources>\n")
	}
	return nil
}

// writeProjectEnd writes the end of project.qde, after the sources.
func (q *QDPXWriter) writeProjectEnd(b *bytes.Buffer) {
	if q.nsources > 0 {
		b.WriteString("  </Sources>\n")
	}
	b.Write(q.setsXML)
	b.WriteString("</Project>\n")
}

// qdpxWriter is what the escapers write to (bufio.Writer, strings.Builder).
type qdpxWriter interface {
	WriteString(string) (int, error)
	WriteRune(rune) (int, error)
}

// qdpxEscape writes s escaped for XML: character data, or with attr an
// attribute value, where whitespace goes as references so that attribute
// normalisation keeps it. Characters XML 1.0 cannot hold become U+FFFD.
func qdpxEscape(w qdpxWriter, s string, attr bool) {
	start := 0
	for i, r := range s {
		var rep string
		switch {
		case r == '&':
			rep = "&amp;"
		case r == '<':
			rep = "&lt;"
		case r == '>':
			rep = "&gt;"
		case r == '\r':
			rep = "&#xD;"
		case attr && r == '"':
			rep = "&quot;"
		case attr && r == '\n':
			rep = "&#xA;"
		case attr && r == '\t':
			rep = "&#x9;"
		case r == '\t' || r == '\n',
			r >= 0x20 && r <= 0xD7FF && r != utf8.RuneError,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			continue
		case r == utf8.RuneError && len(s[i:]) >= 3 && s[i:i+3] == "\uFFFD":
			continue // a real U+FFFD, not an invalid byte
		default:
			rep = "\uFFFD"
		}
		w.WriteString(s[start:i])
		w.WriteString(rep)
		_, size := utf8.DecodeRuneInString(s[i:])
		start = i + size
	}
	w.WriteString(s[start:])
}

func qdpxWriteText(w qdpxWriter, s string) { qdpxEscape(w, s, false) }
func qdpxWriteAttr(w qdpxWriter, s string) { qdpxEscape(w, s, true) }

// qdpxText returns s escaped as character data.
func qdpxText(s string) string {
	var b strings.Builder
	qdpxEscape(&b, s, false)
	return b.String()
}

// qdpxAttr returns s escaped as an attribute value.
func qdpxAttr(s string) string {
	var b strings.Builder
	qdpxEscape(&b, s, true)
	return b.String()
}
