package reports

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// renderAllAtOnce renders every document on a goroutine of its own, all
// at the same time (so in no particular order), then adds them in order
// with add.
func renderAllAtOnce[R any](docs []*corpus.Document, codings [][]analysis.Coding,
	render func(*corpus.Document, []analysis.Coding) R, add func(R) error) error {
	out := make([]R, len(docs))
	var wg sync.WaitGroup
	for i := len(docs) - 1; i >= 0; i-- {
		wg.Go(func() { out[i] = render(docs[i], codings[i]) })
	}
	wg.Wait()
	for _, r := range out {
		if err := add(r); err != nil {
			return err
		}
	}
	return nil
}

// zipEntries returns the uncompressed entries of the zip archive data, in
// archive order.
func zipEntries(t *testing.T, data []byte) (names []string, content map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	content = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		content[f.Name] = b
	}
	return names, content
}

// TestWorkbookTwoPhase checks that documents rendered concurrently
// (Render) and added in order (AddRendered) give the same workbook as
// AddDocument, part for part, also when the Codings and Segments sheets
// continue in further sheets.
func TestWorkbookTwoPhase(t *testing.T) {
	for _, limit := range []int{0, 40} {
		serial := writeDemoWorkbook(t, LangNL, nil, limit, nil)
		for _, pipelined := range []bool{false, true} {
			t.Run(fmt.Sprintf("limit %d pipelined %v", limit, pipelined), func(t *testing.T) {
				twoPhase := writeDemoWorkbookWith(t, LangNL, nil, limit, nil,
					func(w *WorkbookWriter, docs []*corpus.Document, codings [][]analysis.Coding) error {
						if pipelined {
							return renderPipelined(docs, codings, w.Render, w.AddRendered)
						}
						return renderAllAtOnce(docs, codings, w.Render, w.AddRendered)
					})
				an, ac := zipEntries(t, mustRead(t, serial.path))
				bn, bc := zipEntries(t, mustRead(t, twoPhase.path))
				if !slices.Equal(an, bn) {
					t.Fatalf("entries differ:\n%q\n%q", an, bn)
				}
				for _, n := range an {
					a, b := ac[n], bc[n]
					if n == "[Content_Types].xml" {
						// excelize writes its elements in map order.
						a, b = sortedTags(a), sortedTags(b)
					}
					if !bytes.Equal(a, b) {
						t.Errorf("%s differs", n)
					}
				}
				f := openXLSX(t, twoPhase.path)
				rows, err := f.GetRows("Coderingen")
				if err != nil {
					t.Fatal(err)
				}
				if limit == 0 && len(rows) != len(serial.codings)+1 {
					t.Errorf("%d rows in Coderingen, want %d codings and the header", len(rows), len(serial.codings))
				}
				if limit > 0 && len(f.GetSheetList()) < 16 {
					t.Errorf("sheets %q: want continuations of Coderingen and Segmenten", f.GetSheetList())
				}
			})
		}
	}
}

// sortedTags returns the XML elements of data, sorted.
func sortedTags(data []byte) []byte {
	tags := strings.SplitAfter(string(data), ">")
	slices.Sort(tags)
	return []byte(strings.Join(tags, ""))
}

// TestWorkbookRenderMisuse: a rendered document belongs to its writer.
func TestWorkbookRenderMisuse(t *testing.T) {
	a, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Discard()
	b, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Discard()
	doc := &corpus.Document{ID: "d1", Text: "x", Segments: []corpus.Segment{{ID: "d1#1", Text: "x"}}}
	if err := b.AddRendered(a.Render(doc, nil)); err == nil {
		t.Error("AddRendered of another writer's document: no error")
	}
	if err := b.AddRendered(nil); err == nil {
		t.Error("AddRendered(nil): no error")
	}
}

// TestQDPXTwoPhase checks that documents rendered concurrently and added
// in order give the same project, byte for byte, as AddDocument.
func TestQDPXTwoPhase(t *testing.T) {
	in := qdpxDemo(t)
	want := in.write(t)
	var q *QDPXWriter
	for _, add := range []func(docs []*corpus.Document, codings [][]analysis.Coding) error{
		func(docs []*corpus.Document, codings [][]analysis.Coding) error {
			return renderAllAtOnce(docs, codings, q.Render, q.AddRendered)
		},
		func(docs []*corpus.Document, codings [][]analysis.Coding) error {
			return renderPipelined(docs, codings, q.Render, q.AddRendered)
		},
	} {
		var buf bytes.Buffer
		var err error
		if q, err = NewQDPX(&buf, in.spec, "1.2.3-test"); err != nil {
			t.Fatal(err)
		}
		if err := add(in.docs, in.codings); err != nil {
			t.Fatal(err)
		}
		if err := q.Close(in.results); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			wn, wc := zipEntries(t, want)
			_, gc := zipEntries(t, buf.Bytes())
			for _, n := range wn {
				if !bytes.Equal(wc[n], gc[n]) {
					t.Errorf("%s differs", n)
				}
			}
			t.Fatal("two-phase project differs from AddDocument's")
		}
	}
	// A document that cannot be added leaves the writer usable.
	q2, err := NewQDPX(io.Discard, in.spec, "x")
	if err != nil {
		t.Fatal(err)
	}
	bad := q2.Render(in.docs[0], []analysis.Coding{{Doc: "other", Code: "x", Start: 0, End: 1}})
	if err := q2.AddRendered(bad); err == nil || !strings.Contains(err.Error(), "belongs to document") {
		t.Errorf("bad coding: %v", err)
	}
	if err := q2.AddRendered(q2.Render(in.docs[0], in.codings[0])); err != nil {
		t.Errorf("after a rejected document: %v", err)
	}
	if err := q2.AddRendered(q.Render(in.docs[1], nil)); err == nil {
		t.Error("AddRendered of another writer's document: no error")
	}
	if err := q2.Close(nil); err != nil {
		t.Fatal(err)
	}
}

// hostileText returns a random text of up to n code points drawn from
// characters that the escapers and joiners treat specially.
func hostileText(rng *rand.Rand, n int) string {
	alphabet := []string{"a", "b", "Z", " ", "  ", "\t", "\n", "\r", "\r\n", "&", "<", ">", "\"", "'", "\\", "_", "_x0041_", "_x00",
		"\x00", "\x01", "\x1f", "\x7f", "\u0085", "\u00a0", "\u2028", "\u2029", "\ufffd", "\ufffe", "\uffff", "\xff", "\xc3",
		"é", "ß", "😀", "𝄞", "«", "»", "…", ".", "/", "-", "(", ")", "#", ":", "0", "7", "yes", "No", "ON", "null", "ſ", "K"}
	var b strings.Builder
	for range rng.IntN(n + 1) {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// TestEscapersMatchReference checks the append-style escapers and joiners
// against the implementations they replaced (oldXxx in
// xlsx_ref_test.go), and appendJSONString against encoding/json, on
// random hostile texts.
func TestEscapersMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 20000; i++ {
		s := hostileText(rng, 12)
		for _, attr := range []bool{false, true} {
			if got, want := string(appendQDPXEscape(nil, s, attr)), oldQDPXEscape(s, attr); got != want {
				t.Fatalf("appendQDPXEscape(%q, %v) = %q, want %q", s, attr, got, want)
			}
			if got, want := string(appendQDPXEscape(nil, []byte(s), attr)), oldQDPXEscape(s, attr); got != want {
				t.Fatalf("appendQDPXEscape([]byte %q, %v) = %q, want %q", s, attr, got, want)
			}
		}
		if got, want := yamlScalar(s), oldYAMLScalar(s); got != want {
			t.Fatalf("yamlScalar(%q) = %q, want %q", s, got, want)
		}
		j, _ := json.Marshal(s)
		if got := string(appendJSONString(nil, s)); got != string(j) {
			t.Fatalf("appendJSONString(%q) = %q, json.Marshal %q", s, got, j)
		}
		if got, want := string(appendXMLText(nil, []byte(s))), string(appendXMLText(nil, s)); got != want {
			t.Fatalf("appendXMLText of bytes %q = %q, of the string %q", s, got, want)
		}
		for _, w := range []float64{1, 8.43, 16} {
			if got, want := textLines(s, w), oldTextLines(s, w); got != want {
				t.Fatalf("textLines(%q, %v) = %d, want %d", s, w, got, want)
			}
		}
		if got, want := utf16Len([]byte(s)), oldUTF16Len(s); got != want {
			t.Fatalf("utf16Len(%q) = %d, want %d", s, got, want)
		}
		runes := []rune(s)
		start := rng.IntN(len(runes) + 1)
		end := start + rng.IntN(len(runes)-start+1)
		around := rng.IntN(30)
		if got, want := contextAround(runes, start, end, around), oldContextAround(runes, start, end, around); got != want {
			t.Fatalf("contextAround(%q, %d, %d, %d) = %q, want %q", s, start, end, around, got, want)
		}
		j1 := spaceJoiner{b: []byte("x"), start: 1}
		for _, r := range s {
			j1.add(r)
		}
		if got, want := string(j1.b[1:]), JoinSpace(s); got != want {
			t.Fatalf("spaceJoiner(%q) = %q, JoinSpace %q", s, got, want)
		}
	}
	for _, k := range []string{"", "a", "user:pbasis", strings.Repeat("x", 300)} {
		if got, want := QDPXGUID(k), oldQDPXGUID(k); got != want {
			t.Errorf("QDPXGUID(%q) = %s, want %s", k, got, want)
		}
	}
}

// TestCodingContextMatchesReference checks appendCodingContext against
// the codingContext it replaced, with the evidence found through the
// segment, through the term, or not at all.
func TestCodingContextMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	var runes []rune
	for i := 0; i < 5000; i++ {
		text := hostileText(rng, 150)
		n := utf8.RuneCountInString(text)
		segStart := rng.IntN(50)
		doc := &corpus.Document{Segments: []corpus.Segment{{ID: "d#1", Span: corpus.Span{Start: segStart, End: segStart + n}, Text: text}}}
		a := rng.IntN(n + 3)
		k := analysis.Coding{Segment: "d#1", SegN: 1, Start: segStart + a - 1, End: segStart + a + rng.IntN(8), Text: text}
		switch rng.IntN(4) {
		case 0:
			k.SegN = 2 // no such segment: found by the term
		case 1:
			k.Segment = "other"
		}
		if rs := []rune(text); len(rs) > 2 && rng.IntN(2) == 0 {
			x := rng.IntN(len(rs) - 1)
			k.Term = string(rs[x : x+1+rng.IntN(len(rs)-x-1)])
		} else if rng.IntN(3) == 0 {
			k.Term = "nergens"
		}
		var d *corpus.Document
		if rng.IntN(5) > 0 {
			d = doc
		}
		want := oldCodingContext(d, &k)
		if got := string(appendCodingContext([]byte("prefix"), d, &k, &runes)[len("prefix"):]); got != want {
			t.Fatalf("coding %+v: context %q, want %q", k, got, want)
		}
	}
}

// TestQDPXLongSelectionName: a selection's name is its text cut to 100
// code points ("…" for the rest), counted in code points.
func TestQDPXLongSelectionName(t *testing.T) {
	spec := fixtureSpec()
	text := "😀 " + strings.Repeat("é", 150) + " einde"
	doc := &corpus.Document{ID: "G1/a.txt", Text: text, Meta: corpus.Metadata{Case: "G1"}}
	codings := []analysis.Coding{
		{Doc: doc.ID, Code: "rel.neighbour", Start: 2, End: 152, Source: analysis.SourceManual},
		{Doc: doc.ID, Code: "rel.neighbour", Start: 2, End: 102, Source: analysis.SourceManual},
		{Doc: doc.ID, Code: "rel.neighbour", Start: 0, End: 1, Source: analysis.SourceManual},
	}
	var buf bytes.Buffer
	q, err := NewQDPX(&buf, spec, "x")
	if err != nil {
		t.Fatal(err)
	}
	if err := q.AddDocument(doc, codings); err != nil {
		t.Fatal(err)
	}
	if err := q.Close(nil); err != nil {
		t.Fatal(err)
	}
	qde := string(unzipQDPX(t, buf.Bytes())["project.qde"])
	for _, name := range []string{`name="😀"`, `name="` + strings.Repeat("é", 100) + `"`, `name="` + strings.Repeat("é", 99) + `…"`} {
		if !strings.Contains(qde, name) {
			t.Errorf("project.qde lacks selection %s", name)
		}
	}
}

// BenchmarkQDPXTwoPhase is BenchmarkQDPX with the documents rendered on
// GOMAXPROCS goroutines and added in order by one.
func BenchmarkQDPXTwoPhase(b *testing.B) {
	spec := fixtureSpec()
	docs, codings := benchQDPXDocs()
	for b.Loop() {
		var cw countWriter
		q, err := NewQDPX(&cw, spec, "bench")
		if err != nil {
			b.Fatal(err)
		}
		if err := renderPipelined(docs, codings, q.Render, q.AddRendered); err != nil {
			b.Fatal(err)
		}
		if err := q.Close(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// renderPipelined renders documents on GOMAXPROCS goroutines, a bounded
// number ahead of the one adding them in order, as a pipeline would.
func renderPipelined[R any](docs []*corpus.Document, codings [][]analysis.Coding,
	render func(*corpus.Document, []analysis.Coding) R, add func(R) error) error {
	type slot struct{ c chan R }
	slots := make(chan slot, 16)
	go func() {
		sem := make(chan struct{}, runtime.GOMAXPROCS(0))
		for i := range docs {
			s := slot{make(chan R, 1)}
			slots <- s
			sem <- struct{}{}
			go func() {
				s.c <- render(docs[i], codings[i])
				<-sem
			}()
		}
		close(slots)
	}()
	var first error
	for s := range slots {
		r := <-s.c
		if first == nil {
			first = add(r)
		}
	}
	return first
}

// benchQDPXDocs makes BenchmarkQDPX's documents.
func benchQDPXDocs() ([]*corpus.Document, [][]analysis.Coding) {
	sentence := "Mijn moeder haalt de kinderen op van school en dan gaan ze naar de speeltuin bij de buren."
	codes := [][2]string{{"rel.grandparent", "moeder"}, {"fac.school", "school"}, {"place.playground", "speeltuin"}, {"rel.neighbour", "buren"}}
	const docs, sentences = 1000, 50
	text := strings.Repeat(sentence+"\n", sentences)
	per := utf8.RuneCountInString(sentence) + 1
	var ds []*corpus.Document
	var cs [][]analysis.Coding
	for n := 0; n < docs; n++ {
		doc := &corpus.Document{ID: fmt.Sprintf("G%04d/%d.txt", n/2, n), Text: text,
			Meta: corpus.Metadata{Case: fmt.Sprintf("G%04d", n/2), Kind: corpus.KindTranscript}}
		codings := make([]analysis.Coding, 0, sentences*len(codes))
		for s := 0; s < sentences; s++ {
			for _, c := range codes {
				i := utf8.RuneCountInString(sentence[:strings.Index(sentence, c[1])])
				codings = append(codings, analysis.Coding{Doc: doc.ID, Code: c[0], Start: s*per + i,
					End: s*per + i + utf8.RuneCountInString(c[1]), Term: c[1], Source: analysis.SourceAuto, Segment: fmt.Sprintf("%s#%d", doc.ID, s+1)})
			}
		}
		ds, cs = append(ds, doc), append(cs, codings)
	}
	return ds, cs
}

// BenchmarkWorkbookTwoPhase200k is BenchmarkWorkbook200k with the
// documents rendered on GOMAXPROCS goroutines and added in order by one.
func BenchmarkWorkbookTwoPhase200k(b *testing.B) {
	var docs []*corpus.Document
	var codings [][]analysis.Coding
	for d := 0; d < benchDocs; d++ {
		doc, c := benchDocument(d)
		docs, codings = append(docs, doc), append(codings, c)
	}
	r := &analysis.Results{}
	b.ReportAllocs()
	cpu := testutil.ProcessCPU()
	for b.Loop() {
		w, err := NewWorkbook(LangNL, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := renderPipelined(docs, codings, w.Render, w.AddRendered); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(io.Discard, r, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(benchDocs*benchSegsPerDoc*benchCodesPerSeg)*float64(b.N)/b.Elapsed().Seconds(), "codings/s")
}

// TestDigitsSuffix checks joinedCell's shortcut: digitsSuffix holds for
// exactly '#' or ':' and ASCII digits, and what it holds for is its own
// XML character data (appendXMLText, which joinedCell otherwise uses,
// copies it as it is); on random rests, digit ones and others.
func TestDigitsSuffix(t *testing.T) {
	rng := rand.New(rand.NewPCG(79, 83))
	pieces := []string{"#", ":", "@", "0", "7", "9", "12", "/", "a", "_x0041_", "&", "<", " ", "\r", "é", "\xff", "٣"}
	for range 50000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		rest := b.String()
		want := len(rest) >= 2 && (rest[0] == '#' || rest[0] == ':') && strings.Trim(rest[1:], "0123456789") == ""
		if got := digitsSuffix(rest); got != want {
			t.Fatalf("digitsSuffix(%q) = %v, want %v", rest, got, want)
		}
		if got := digitsSuffix([]byte(rest)); got != want {
			t.Fatalf("digitsSuffix([]byte(%q)) = %v, want %v", rest, got, want)
		}
		if want && string(appendXMLText(nil, rest)) != rest {
			t.Fatalf("%q is not its own character data: %q", rest, appendXMLText(nil, rest))
		}
	}
}

// oldJoinedCell is joinedCell as it was, rest always escaped by
// appendXMLText: the reference of BenchmarkJoinedCell.
func oldJoinedCell(r *renderedRows, s *streamSheet, i int, doc, rest string, e *escapedText) {
	r.cell(s, i, s.cellInline)
	if isXMLSpace(doc[0]) || isXMLSpace(rest[len(rest)-1]) {
		r.xml = append(r.xml, ` xml:space="preserve"`...)
	}
	r.xml = append(r.xml, '>')
	r.xml = append(r.xml, e.of(doc)...)
	r.xml = appendXMLText(r.xml, rest)
	r.xml = append(r.xml, `</t></is></c>`...)
}

// BenchmarkJoinedCell writes the segment IDs of a document's rows
// (joinedCell, as idCell does) and, for comparison, the same cells with
// every rest escaped by appendXMLText as before (Reference); the cells
// are the same (checked).
func BenchmarkJoinedCell(b *testing.B) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Discard()
	s := w.codings
	const doc = "C00001/wave1/C00001_interview_1.txt"
	rests := make([]string, 300)
	for i := range rests {
		rests[i] = "#" + strconv.Itoa(i+1)
	}
	var got, want renderedRows
	var e escapedText
	for _, r := range rests {
		joinedCell(&got, s, 5, doc, r, &e)
		oldJoinedCell(&want, s, 5, doc, r, &e)
	}
	if !bytes.Equal(got.xml, want.xml) {
		b.Fatalf("cells differ:\n%s\n%s", got.xml, want.xml)
	}
	b.Run("DigitsSuffix", func(b *testing.B) {
		for b.Loop() {
			got.reset()
			for _, r := range rests {
				joinedCell(&got, s, 5, doc, r, &e)
			}
		}
	})
	b.Run("Reference", func(b *testing.B) {
		for b.Loop() {
			want.reset()
			for _, r := range rests {
				oldJoinedCell(&want, s, 5, doc, r, &e)
			}
		}
	})
}
