package reports

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// This file renders a document for the REFI-QDA project
// (QDPXWriter.Render): its text and its <TextSource> element, both
// deflated. Rendering is pure and may run on any goroutine; AddRendered
// then adds the document to the project in the order wanted, which only
// copies bytes.

// QDPXDoc is a document as QDPXWriter.Render makes it for AddRendered:
// its text and its source element (with the selections) deflated, or the
// reason it cannot be added. It belongs to the writer that rendered it and
// is used up by AddRendered.
type QDPXDoc struct {
	q   *QDPXWriter
	id  string // the document's ID ("" for a nil document)
	nil bool   // rendered from a nil document
	// err is why the document cannot be added (found by Render), reported
	// by AddRendered after the checks that need the project (a document
	// added twice).
	err error
	// extra are the codes of the codings that the codebook lacks, with
	// their categories, in coding order (up to a coding in error).
	extra []qdpxExtra
	guid  string // the source's GUID
	file  string // the text's GUID: sources/<file>.txt
	// text is the deflated text (a whole deflate stream); source is the
	// deflated <TextSource> element, ended with a sync flush, to be put
	// into project.qde's stream. Each with the CRC-32 and length of what
	// it holds.
	text, source       bytes.Buffer
	textCRC, sourceCRC uint32
	textN, sourceN     int64
}

type qdpxExtra struct {
	code string
	cat  analysis.Category
}

// qdpxScratch holds a render's reused buffers.
type qdpxScratch struct {
	sels []qdpxSel
	xml  []byte // the source element, uncompressed
	text []byte // the document's text
	key  []byte // a GUID's key
	val  []byte // a YAML scalar
	// segDoc is the ID of the document being rendered and segPre what
	// appendYAML makes of segDoc+"#" without the closing quote, for
	// appendSegment; segPre is empty until setSegmentDoc.
	segDoc string
	segPre []byte
	// source and how are the memos of the selections' source and how.
	source, how yamlMemo
}

// qdpxRenderPools are a writer's pools for Render, safe for concurrent
// use.
type qdpxRenderPools struct {
	scratch sync.Pool // *qdpxScratch
	docs    sync.Pool // *QDPXDoc used up by AddRendered
}

// Render prepares doc with codings for AddRendered: it checks them as
// AddDocument does, and renders and deflates the text and the source
// element with its selections. It only reads the writer's settings, doc
// and codings, so it is safe to call from several goroutines at once,
// also while AddDocument or AddRendered run; doc and codings are not kept.
// A document that cannot be added comes back holding the reason, which
// AddRendered returns.
func (q *QDPXWriter) Render(doc *corpus.Document, codings []analysis.Coding) *QDPXDoc {
	d, _ := q.pools.docs.Get().(*QDPXDoc)
	if d == nil {
		d = &QDPXDoc{}
	}
	d.q, d.id, d.nil, d.err, d.extra = q, "", doc == nil, nil, d.extra[:0]
	d.text.Reset()
	d.source.Reset()
	if doc == nil {
		d.err = errors.New("REFI-QDA project: nil document")
		return d
	}
	d.id = doc.ID
	sc, _ := q.pools.scratch.Get().(*qdpxScratch)
	if sc == nil {
		sc = &qdpxScratch{}
	}
	defer q.pools.scratch.Put(sc)
	d.err = q.render(d, doc, codings, sc)
	return d
}

// render is Render for a document.
func (q *QDPXWriter) render(d *QDPXDoc, doc *corpus.Document, codings []analysis.Coding, sc *qdpxScratch) error {
	if err := q.sourceXML(d, doc, codings, sc); err != nil {
		return err
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("REFI-QDA project: document %s: %s", doc.ID, fmt.Sprintf(format, args...))
	}
	b := sc.xml
	fp := &q.flates
	fw := fp.get(&d.text)
	defer fp.put(fw)
	_, err := fw.Write(sc.text)
	if err == nil {
		err = fw.Close()
	}
	if err != nil {
		return fail("deflate its text: %v", err)
	}
	d.textCRC, d.textN = crc32.ChecksumIEEE(sc.text), int64(len(sc.text))
	fw.Reset(&d.source)
	_, err = fw.Write(b)
	if err == nil {
		err = fw.Flush()
	}
	if err != nil {
		return fail("deflate its source element: %v", err)
	}
	d.sourceCRC, d.sourceN = crc32.ChecksumIEEE(b), int64(len(b))
	return nil
}

// sourceXML checks doc and codings as render does, sets d.guid and d.file,
// and makes doc's <TextSource> element in sc.xml and its text in sc.text:
// render without the deflating.
func (q *QDPXWriter) sourceXML(d *QDPXDoc, doc *corpus.Document, codings []analysis.Coding, sc *qdpxScratch) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("REFI-QDA project: document %s: %s", doc.ID, fmt.Sprintf(format, args...))
	}
	if !utf8.ValidString(doc.Text) {
		return fail("text is not valid UTF-8")
	}
	if strings.HasPrefix(doc.Text, "\uFEFF") {
		return fail("text starts with a byte-order mark; the normalised text has none")
	}
	sc.text = append(sc.text[:0], doc.Text...)
	sum := sha256.Sum256(sc.text)
	hash := hex.EncodeToString(sum[:])
	d.guid = QDPXGUID("source:" + doc.ID + ":" + hash)
	d.file = QDPXGUID("file:" + doc.ID + ":" + hash)
	nrunes := countRunes(doc.Text)
	sels := sc.sels[:0]
	for i := range codings {
		c := &codings[i]
		if c.Doc != doc.ID {
			return fail("coding %d (%s at %d-%d) belongs to document %q", i+1, c.Code, c.Start, c.End, c.Doc)
		}
		if c.Start < 0 || c.End <= c.Start || c.End > nrunes {
			return fail("coding %d (%s): span %d-%d is not within the text (0-%d code points)", i+1, c.Code, c.Start, c.End, nrunes)
		}
		if c.Code == "" {
			return fail("coding %d at %d-%d has no code", i+1, c.Start, c.End)
		}
		g, known := q.codeGUIDs[c.Code]
		if !known {
			d.extra = append(d.extra, qdpxExtra{c.Code, c.Category})
			g = q.codeGUID(c.Code)
		}
		sels = append(sels, qdpxSel{code: c.Code, codeGUID: g, start: c.Start, end: c.End,
			negated: c.Negated, cue: c.NegCue, source: c.Source, how: c.How, rule: c.Rule, seg: c.Segment})
	}
	slices.SortStableFunc(sels, func(x, y qdpxSel) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		if c := cmp.Compare(x.end, y.end); c != 0 {
			return c
		}
		return strings.Compare(x.code, y.code)
	})
	// The n-th selection of the same span and code, in coding order, gets
	// ":n" in its GUID's key (n > 1): the sort is stable, so it is the
	// n-th of its run of equal keys.
	for i := range sels {
		s := &sels[i]
		s.n = 1
		if i > 0 {
			if p := &sels[i-1]; p.start == s.start && p.end == s.end && p.code == s.code {
				s.n = p.n + 1
			}
		}
	}
	sc.sels = sels
	sc.setSegmentDoc(doc.ID)
	b := sc.xml[:0]
	b = q.appendSourceHead(b, d, qdpxDocDescription(doc))
	// Selections are in start order: one pass over the text finds their
	// names.
	at, atRune := 0, 0 // a byte offset in the text and its code point
	for i := range sels {
		s := &sels[i]
		if atRune < s.start {
			at = advanceRunes(doc.Text, at, s.start-atRune)
			atRune = s.start
		}
		n, cut := min(s.end-s.start, 100), s.end-s.start > 100
		if cut {
			n = 99
		}
		end := advanceRunes(doc.Text, at, n)
		sc.key = appendSelectionKey(sc.key[:0], d.guid, s)
		b = q.appendSelection(b, s, doc.Text[at:end], cut, sc)
	}
	b = append(b, "    </TextSource>\n"...)
	sc.xml = b
	return nil
}

// advanceRunes returns the byte offset n code points after byte offset i
// in s (valid UTF-8, long enough), stepping over ASCII 8 bytes at a time.
func advanceRunes(s string, i, n int) int {
	for n > 0 {
		if n >= 8 && len(s)-i >= 8 && load64(s, i)&highBits == 0 {
			i += 8
			n -= 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n--
	}
	return i
}

// countRunes returns the number of code points of s (valid UTF-8): its
// bytes that do not continue a multi-byte sequence, counted 8 at a time.
func countRunes(s string) int {
	n := len(s)
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		w := load64(s, i)
		// A continuation byte is 10xxxxxx: its top bit set, the next clear.
		n -= bits.OnesCount64(w &^ (w << 1) & highBits)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// appendSelectionKey appends the key of selection s of the source with
// GUID source, for QDPXGUID: "selection:<source>:<start>:<end>:<code>",
// with ":<n>" for the n-th selection of the same span and code.
func appendSelectionKey(b []byte, source string, s *qdpxSel) []byte {
	b = append(b, "selection:"...)
	b = append(b, source...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(s.start), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(s.end), 10)
	b = append(b, ':')
	b = append(b, s.code...)
	if s.n > 1 {
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.n), 10)
	}
	return b
}

// AddRendered adds a document rendered by this writer's Render: its text
// goes into the zip now, its source element after those added before (by
// AddDocument or AddRendered), so documents must be added in the order
// wanted. It returns the reason the document cannot be added (found by
// Render, or a document ID added before), after which the writer stays
// usable, or an error writing, after which it is not. It takes d over:
// the caller must not use d afterwards.
func (q *QDPXWriter) AddRendered(d *QDPXDoc) error {
	if d == nil || d.q != q {
		return errors.New("REFI-QDA project: AddRendered of a document not rendered by this writer")
	}
	defer q.pools.docs.Put(d)
	if q.closed {
		return errors.New("REFI-QDA project: AddDocument after Close")
	}
	if q.failed != nil {
		return q.failed
	}
	if d.nil {
		return d.err
	}
	if _, dup := q.docGUID[d.id]; dup {
		return fmt.Errorf("REFI-QDA project: document %s: added twice", d.id)
	}
	for _, x := range d.extra {
		if cat, ok := q.extra[x.code]; !ok || cat == "" {
			q.extra[x.code] = x.cat
		}
	}
	if d.err != nil {
		return d.err
	}
	fh := qdpxRawHeader("sources/"+d.file+".txt", d.textCRC, int64(d.text.Len()), d.textN)
	fw, err := q.zw.CreateRaw(fh)
	if err == nil {
		_, err = fw.Write(d.text.Bytes())
	}
	if err != nil {
		q.failed = fmt.Errorf("REFI-QDA project: document %s: write its text: %v", d.id, err)
		return q.failed
	}
	if q.sources == nil {
		if q.sources, err = newSheetRows(); err != nil {
			q.failed = fmt.Errorf("REFI-QDA project: %w", err)
			return q.failed
		}
	}
	if err := q.sources.appendDeflated(d.source.Bytes(), d.sourceCRC, d.sourceN); err != nil {
		q.failed = fmt.Errorf("REFI-QDA project: document %s: %v", d.id, err)
		return q.failed
	}
	q.docGUID[d.id] = d.guid
	q.nsources++
	return nil
}

// qdpxRawHeader is the header of a deflated zip entry written with
// CreateRaw, as CreateHeader would make it with Modified qdpxZipTime():
// the MS-DOS time and the extended timestamp.
func qdpxRawHeader(name string, crc uint32, compressed, size int64) *zip.FileHeader {
	t := qdpxZipTime()
	fh := &zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(compressed), UncompressedSize64: uint64(size)}
	//lint:ignore SA1019 CreateRaw writes only the MS-DOS fields
	fh.ModifiedDate = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	//lint:ignore SA1019 likewise
	fh.ModifiedTime = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	mt := uint32(t.Unix())
	fh.Extra = []byte{0x55, 0x54, 5, 0, 1, byte(mt), byte(mt >> 8), byte(mt >> 16), byte(mt >> 24)}
	return fh
}

// appendSourceHead appends the start of d's <TextSource> element, with
// its description desc.
func (q *QDPXWriter) appendSourceHead(b []byte, d *QDPXDoc, desc string) []byte {
	b = append(b, `    <TextSource guid="`...)
	b = append(b, d.guid...)
	b = append(b, `" name="`...)
	b = appendQDPXEscape(b, d.id, true)
	b = append(b, `" plainTextPath="internal://`...)
	b = append(b, d.file...)
	b = append(b, `.txt" creatingUser="`...)
	b = append(b, q.user...)
	b = append(b, "\">\n"...)
	if desc != "" {
		b = append(b, "      <Description>"...)
		b = appendQDPXEscape(b, desc, false)
		b = append(b, "</Description>\n"...)
	}
	return b
}

// appendSelection appends selection s, whose text is name (to be followed
// by "…" when cut), its GUID's key in sc.key.
func (q *QDPXWriter) appendSelection(b []byte, s *qdpxSel, name string, cut bool, sc *qdpxScratch) []byte {
	var guid, coding [36]byte
	appendGUID(guid[:0], sc.key)
	sc.key = append(append(sc.key[:0], "coding:"...), guid[:]...)
	appendGUID(coding[:0], sc.key)
	b = append(b, `      <PlainTextSelection guid="`...)
	b = append(b, guid[:]...)
	b = append(b, `" name="`...)
	b = appendQDPXEscape(b, name, true)
	if cut {
		b = append(b, "…"...)
	}
	b = append(b, `" startPosition="`...)
	b = strconv.AppendInt(b, int64(s.start), 10)
	b = append(b, `" endPosition="`...)
	b = strconv.AppendInt(b, int64(s.end), 10)
	b = append(b, q.selUser...)
	b = appendSelDescription(b, s, sc)
	b = append(b, "</Description>\n        <Coding guid=\""...)
	b = append(b, coding[:]...)
	b = append(b, q.codingUser...)
	b = append(b, s.codeGUID...)
	return append(b, "\"/>\n        </Coding>\n      </PlainTextSelection>\n"...)
}

// appendSelDescription appends a selection's Description, escaped for XML
// character data: a Dutch and English note for a negated coding, then the
// pbasis block (YAML) with code, negated, cue, source, how, rule and
// segment. It is written by hand, not with a YAML encoder: a project has
// one per coding, and the encoder would take most of the export's time.
func appendSelDescription(b []byte, s *qdpxSel, sc *qdpxScratch) []byte {
	if s.negated {
		b = append(b, "negated (ontkend)"...)
		if s.cue != "" {
			b = append(b, ": "...)
			b = appendQDPXEscape(b, s.cue, false)
		}
		b = append(b, "\n\n"...)
	}
	b = append(b, analysis.QDCMarker+"\ncode: "...)
	b = sc.appendYAML(b, s.code)
	if s.negated {
		b = append(b, "\nnegated: true"...)
	} else {
		b = append(b, "\nnegated: false"...)
	}
	if s.cue != "" {
		b = append(b, "\ncue: "...)
		b = sc.appendYAML(b, s.cue)
	}
	if s.source != "" {
		b = append(b, "\nsource: "...)
		b = sc.source.appendYAML(b, s.source, sc)
	}
	if s.how != "" {
		b = append(b, "\nhow: "...)
		b = sc.how.appendYAML(b, s.how, sc)
	}
	if s.rule != "" {
		b = append(b, "\nrule: "...)
		b = sc.appendYAML(b, s.rule)
	}
	if s.seg != "" {
		b = append(b, "\nsegment: "...)
		b = sc.appendSegment(b, s.seg)
	}
	return append(b, '\n')
}

// setSegmentDoc prepares appendSegment for the segments of document id.
func (sc *qdpxScratch) setSegmentDoc(id string) {
	// appendJSONString(id+"#") is that of id with '#' before the
	// closing quote.
	sc.val = appendJSONString(sc.val[:0], id)
	sc.val[len(sc.val)-1] = '#'
	sc.segDoc = id
	sc.segPre = appendQDPXEscape(sc.segPre[:0], sc.val, false)
}

// appendSegment is appendYAML for a segment ID. The ID of a segment of
// the document of setSegmentDoc, its ID, '#' and a number, needs a
// quoted scalar ('#' is not plain), and as JSON quoting and XML escaping
// go character by character, it is sc.segPre, the number and the
// closing quote; any other ID goes through appendYAML.
func (sc *qdpxScratch) appendSegment(b []byte, seg string) []byte {
	id := sc.segDoc
	if len(sc.segPre) > 0 && len(seg) > len(id)+1 && seg[len(id)] == '#' && seg[:len(id)] == id && asciiDigits(seg[len(id)+1:]) {
		b = append(b, sc.segPre...)
		b = append(b, seg[len(id)+1:]...)
		return append(b, '"')
	}
	return sc.appendYAML(b, seg)
}

// asciiDigits reports whether s is all ASCII digits.
func asciiDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' > 9 {
			return false
		}
	}
	return true
}

// appendYAML appends yamlScalar(s) escaped as XML character data. A plain
// scalar needs no escaping (letters, digits and _./- () only), nor does a
// quoted one in ASCII (JSON escapes control characters and < > &).
func (sc *qdpxScratch) appendYAML(b []byte, s string) []byte {
	if yamlPlain(s) {
		return append(b, s...)
	}
	return sc.appendQuotedYAML(b, s)
}

// yamlMemo remembers whether the last value written through it was a
// plain YAML scalar, for a selection's source and how, which mostly
// repeat from one selection to the next (often as the very same string):
// a repeat is compared with the last value, not checked again.
type yamlMemo struct {
	s     string
	plain bool // yamlPlain(s), false for the zero memo's ""
}

// appendYAML is sc.appendYAML(b, s), with m remembering whether s is plain.
func (m *yamlMemo) appendYAML(b []byte, s string, sc *qdpxScratch) []byte {
	if s != m.s {
		m.s, m.plain = s, yamlPlain(s)
	}
	if m.plain {
		return append(b, s...)
	}
	return sc.appendQuotedYAML(b, s)
}

// appendQuotedYAML is appendYAML of s that is not a plain scalar.
func (sc *qdpxScratch) appendQuotedYAML(b []byte, s string) []byte {
	sc.val = appendJSONString(sc.val[:0], s)
	if isASCII(sc.val) {
		return append(b, sc.val...)
	}
	return appendQDPXEscape(b, sc.val, false)
}

// yamlScalar writes s as a YAML scalar: plain when that reads back as the
// same string in YAML 1.1 and 1.2 alike, else double-quoted (JSON string
// syntax, which YAML accepts).
func yamlScalar(s string) string {
	if yamlPlain(s) {
		return s
	}
	return string(appendJSONString(nil, s))
}

// yamlPlain reports whether s can be a plain YAML scalar: a letter, then
// letters, digits and _./- (), no space at either end, and no word that
// YAML 1.1 reads as a boolean or null. ASCII bytes are looked up in
// yamlASCII; from the first byte that is not ASCII on, it goes code point
// by code point (yamlPlainRunes).
func yamlPlain(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false // (other white space fails the loop below)
	}
	if c := s[0]; c >= utf8.RuneSelf {
		return yamlPlainRunes(s, 0)
	} else if yamlASCII[c] != yamlLetter {
		return false
	}
	for i := 1; i < len(s); i++ {
		switch yamlASCII[s[i]] {
		case yamlLetter, yamlLater:
		case yamlOther:
			return false
		default: // the first byte that is not ASCII
			return yamlPlainRunes(s, i)
		}
	}
	// s is ASCII: lower-casing keeps its length, and the longest of the
	// words is 5 bytes.
	return len(s) > 5 || !yamlBoolOrNull(s)
}

// The classes of yamlASCII.
const (
	yamlOther  = iota // an ASCII byte a plain scalar cannot hold
	yamlLetter        // an ASCII letter: anywhere
	yamlLater         // a digit or one of _./- (): not first
	yamlMulti         // a byte of a multi-byte sequence (or invalid)
)

// yamlASCII is the class of every byte for yamlPlain.
var yamlASCII = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = yamlMulti
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = yamlLetter
		case '0' <= c && c <= '9' || strings.IndexByte("_./- ()", byte(c)) >= 0:
			t[c] = yamlLater
		}
	}
	return t
}()

// yamlPlainRunes is yamlPlain of s (not empty, no space at either end)
// from byte i on, a code point's start: every byte before i has passed.
func yamlPlainRunes(s string, i int) bool {
	for j, r := range s[i:] {
		j += i
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case j > 0 && ('0' <= r && r <= '9' || r == '_' || r == '.' || r == '/' || r == '-' || r == ' ' || r == '(' || r == ')'):
		case r < utf8.RuneSelf:
			return false
		case unicode.IsLetter(r) || j > 0 && unicode.IsDigit(r):
		default:
			return false
		}
	}
	return !yamlBoolOrNull(s)
}

// yamlBoolOrNull reports whether s is a word that YAML 1.1 reads as a
// boolean or null, in any letter case.
func yamlBoolOrNull(s string) bool {
	// A word of 5 ASCII letters at most lower-cases from at most 15 bytes,
	// and from a first byte that lower-cases to y, n, o, t or f when it is
	// ASCII.
	if c := s[0] | 0x20; len(s) <= 15 && (s[0] >= utf8.RuneSelf || c == 'y' || c == 'n' || c == 'o' || c == 't' || c == 'f') {
		switch strings.ToLower(s) {
		case "y", "n", "yes", "no", "on", "off", "true", "false", "null":
			return true
		}
	}
	return false
}

// appendJSONString appends s as encoding/json marshals a string: quoted,
// with \" \\ \b \f \n \r \t, other control characters and < > & as \u00XX,
// U+2028 and U+2029 as \u2028 and \u2029, and invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendQDPXEscape appends s escaped for XML: character data, or with attr
// an attribute value, where white space goes as references so that
// attribute normalisation keeps it. Characters XML 1.0 cannot hold become
// U+FFFD (bytes that are not UTF-8 are copied as they are: the texts are
// checked to be UTF-8).
func appendQDPXEscape[T string | []byte](b []byte, s T, attr bool) []byte {
	start := 0
	for i := 0; i < len(s); {
		var rep string
		size := 1
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '\r':
				rep = "&#xD;"
			case attr && c == '"':
				rep = "&quot;"
			case attr && c == '\n':
				rep = "&#xA;"
			case attr && c == '\t':
				rep = "&#x9;"
			case c >= 0x20 || c == '\t' || c == '\n':
				i++
				continue
			default:
				rep = "\uFFFD"
			}
		} else {
			var r rune
			r, size = decodeRune(s, i)
			if r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || 0x10000 <= r && r <= 0x10FFFF {
				i += size // (an invalid byte decodes as U+FFFD: kept)
				continue
			}
			rep = "\uFFFD"
		}
		b = append(b, s[start:i]...)
		b = append(b, rep...)
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// appendGUID appends QDPXGUID(key) (36 bytes).
func appendGUID(b, key []byte) []byte {
	ns := [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	const prefix = "urn:pbasis:project:"
	var buf [256]byte
	in := append(append(append(buf[:0], ns[:]...), prefix...), key...)
	u := sha1.Sum(in)
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], u[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], u[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], u[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], u[8:10])
	out[23] = '-'
	hex.Encode(out[24:36], u[10:16])
	return append(b, out[:]...)
}

// qdpxDocDescription lists a document's metadata, one "key: value" a line.
func qdpxDocDescription(doc *corpus.Document) string {
	m := doc.Meta
	var b []byte
	line := func(k, v string) {
		if v != "" {
			if len(b) > 0 {
				b = append(b, '\n')
			}
			b = append(append(append(b, k...), ": "...), v...)
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
	return string(b)
}
