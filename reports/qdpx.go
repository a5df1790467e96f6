package reports

// REFI-QDA project export (.qdpx): the documents as plain-text sources, the
// codebook, every coding as a coded text selection, the cases with their
// variables. ATLAS.ti, MAXQDA, NVivo and QualCoder import it; analysis.ReadQDPX
// reads it back.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

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
	return string(appendGUID(nil, []byte(key)))
}

// QDPXWriter writes a REFI-QDA project (.qdpx) as documents come: each
// document's text goes into the zip at once, and its source element with
// its selections (the bulk of project.qde) is deflated on its own (a piece
// of project.qde's deflate stream) into a temporary file at once, so
// memory does not grow with the codings; Close writes project.qde around
// it.
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
//
// A document can be rendered apart from adding it: Render (safe to call
// from any number of goroutines at once) checks it and deflates its text
// and source element, AddRendered adds it to the project in the order of
// the calls. Apart from Render, a QDPXWriter is not safe for concurrent
// use.
type QDPXWriter struct {
	zw          *zip.Writer
	cb          *analysis.CodebookSpec
	toolVersion string
	codesXML    []byte            // <Codes> content from WriteQDC, without the closing line
	setsXML     []byte            // <Sets> element adapted from WriteQDC
	user        string            // the user's GUID
	codeGUIDs   map[string]string // the codebook's code ID -> GUID; read only
	// selUser and codingUser are the constant middles of a selection,
	// from its creatingUser attribute to the start of its Description's
	// text, and of its coding, from its creatingUser to the code's GUID.
	selUser, codingUser string
	// sources holds the <TextSource> elements, written as documents come
	// and spliced into project.qde at Close; nil until the first document.
	sources  *sheetRows
	nsources int
	docGUID  map[string]string // document ID -> source GUID
	extra    map[string]analysis.Category
	closed   bool
	failed   error
	flates   flatePool
	pools    qdpxRenderPools
}

// qdpxSel is a coded selection of a document being rendered.
type qdpxSel struct {
	code                        string
	codeGUID                    string // the GUID of code
	start, end                  int
	n                           int // the n-th selection of this span and code
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
		docGUID: map[string]string{}, extra: map[string]analysis.Category{},
		user: QDPXGUID("user:" + qdpxUser), codeGUIDs: map[string]string{}}
	q.selUser = `" creatingUser="` + q.user + "\">\n        <Description>"
	q.codingUser = `" creatingUser="` + q.user + "\">\n          <CodeRef targetGUID=\""
	q.zw.RegisterCompressor(zip.Deflate, q.flates.compressor())
	for _, c := range cb.Codes {
		q.codeGUIDs[c.ID] = analysis.QDCGUID(cb.ID, "code:"+c.ID)
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
// It is Render and AddRendered in one.
func (q *QDPXWriter) AddDocument(doc *corpus.Document, codings []analysis.Coding) error {
	if q.closed {
		return errors.New("REFI-QDA project: AddDocument after Close")
	}
	if q.failed != nil {
		return q.failed
	}
	return q.AddRendered(q.Render(doc, codings))
}

// codeGUID returns the GUID of code id.
func (q *QDPXWriter) codeGUID(id string) string {
	if g, ok := q.codeGUIDs[id]; ok {
		return g
	}
	return analysis.QDCGUID(q.cb.ID, "code:"+id)
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
			err = writeSpliced(q.zw, fh, head.Bytes(), q.sources, tail.Bytes(), &q.flates)
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

// qdpxText returns s escaped as character data.
func qdpxText(s string) string { return string(appendQDPXEscape(nil, s, false)) }

// qdpxAttr returns s escaped as an attribute value.
func qdpxAttr(s string) string { return string(appendQDPXEscape(nil, s, true)) }
