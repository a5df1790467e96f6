package reports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// stdCSV returns the record as encoding/csv.Writer, with its defaults,
// writes it: the reference for csvWriter.
func stdCSV(t testing.TB, record ...string) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.Write(record); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// ourCSV returns the record as csvWriter writes it.
func ourCSV(t testing.TB, record ...string) string {
	t.Helper()
	var b bytes.Buffer
	w := &csvWriter{w: &b} // newCSVWriter's buffer is too big to make per record
	w.record(record)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkCSVField checks that the field s, alone and between others, is
// written as csv.Writer writes it.
func checkCSVField(t testing.TB, s string) {
	t.Helper()
	if got, want := string(appendCSVField(nil, s)), strings.TrimSuffix(stdCSV(t, s), "\n"); got != want {
		t.Fatalf("appendCSVField(%q) = %q, csv.Writer %q", s, got, want)
	}
	for _, rec := range [][]string{{s}, {s, s}, {"a", s, "b c"}, {"", s, ""}} {
		if got, want := ourCSV(t, rec...), stdCSV(t, rec...); got != want {
			t.Fatalf("record %q: got %q, csv.Writer %q", rec, got, want)
		}
	}
}

func TestCSVFieldSingleBytes(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := string([]byte{byte(c)})
		checkCSVField(t, b)
		// At every position of a field longer than one word, so that the
		// eight-byte test sees it in every lane and in the tail.
		for n := 2; n <= 17; n++ {
			for i := 0; i < n; i++ {
				s := []byte(strings.Repeat("x", n))
				s[i] = byte(c)
				if got, want := string(appendCSVField(nil, string(s))), strings.TrimSuffix(stdCSV(t, string(s)), "\n"); got != want {
					t.Fatalf("appendCSVField(%q) = %q, csv.Writer %q", s, got, want)
				}
			}
		}
	}
}

func TestCSVFieldTricky(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", "abc", `"`, `""`, `"a"`, `a"b`, `a""b`, ",", "a,b", ",a", "a,",
		"\r", "\n", "\r\n", "a\r\nb", "a\nb", "a\rb", "\n\n", "\r\r", "\ra", "a\r",
		" a", "a ", "\ta", "\va", "\fa", "a\tb", `\.`, `\.\.`, `\`, `.`, ` \.`, `\. `, `\,`,
		"\u00a0a", "\u0085a", "\u1680x", "\u2000x", "\u200ax", "\u200bx", "\u2028x", "\u2029x", "\u202fx",
		"\u205fx", "\u3000x", "\ufeffx", "é", "ééé", "日本語", "a\u00a0", "x\u3000",
		"\xff", "\xffa", "\xc2", "\xc2\x85", "\xc2\xa0", "\xe3\x80", "\xe3\x80\x80", "\x80abc",
		"12345678", "1234567,", ",2345678", "1234567\"", "12345678\n", "123456789\r",
		"het kind zei: \"nee\", en ging weg", "regel één\nregel twee", strings.Repeat(`"`, 17),
		strings.Repeat("a,", 30), strings.Repeat("é", 30) + ",",
		"\x00", "\x00\x00\x00\x00\x00\x00\x00\x00\x00", "\x0d\x0e\x0f", "\x2b\x2d\x21\x23",
	} {
		checkCSVField(t, s)
	}
}

// TestCSVFieldFirstRune checks every rune, and an invalid byte, as a
// field's first: csv.Writer quotes a field that starts with a Unicode space.
func TestCSVFieldFirstRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0x3100 && r < 0xfe00 || r >= 0x10000 && r%97 != 0 {
			continue // no spaces here; some samples
		}
		s := string(r)
		if got, want := string(appendCSVField(nil, s+"x")), strings.TrimSuffix(stdCSV(t, s+"x"), "\n"); got != want {
			t.Fatalf("appendCSVField(%q) = %q, csv.Writer %q", s+"x", got, want)
		}
	}
}

// randomCSVField returns a field of random length of bytes drawn mostly
// from those csv.Writer treats specially.
func randomCSVField(r *rand.Rand) string {
	const alphabet = "\"\",,\r\n \t\\.aZ09é\u00a0\u3000\xff\x80\x0e\x0d\x2c\x22"
	n := r.IntN(40)
	if r.IntN(4) == 0 {
		n = r.IntN(3)
	}
	b := make([]byte, 0, n)
	for len(b) < n {
		if r.IntN(3) == 0 {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		} else if r.IntN(8) == 0 {
			b = append(b, byte(r.IntN(256)))
		} else {
			b = append(b, "abcdefgh ijk"[r.IntN(12)])
		}
	}
	return string(b)
}

func TestCSVFieldRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		s := randomCSVField(r)
		if got, want := string(appendCSVField(nil, s)), strings.TrimSuffix(stdCSV(t, s), "\n"); got != want {
			t.Fatalf("appendCSVField(%q) = %q, csv.Writer %q", s, got, want)
		}
	}
	for i := 0; i < 20000; i++ {
		rec := make([]string, 1+r.IntN(6))
		for j := range rec {
			rec[j] = randomCSVField(r)
		}
		if got, want := ourCSV(t, rec...), stdCSV(t, rec...); got != want {
			t.Fatalf("record %q: got %q, csv.Writer %q", rec, got, want)
		}
	}
}

func FuzzCSVField(f *testing.F) {
	for _, s := range []string{"", " a", `a"b`, "a,b", "a\r\nb", `\.`, "\u3000x", "\xff", "12345678,"} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := string(appendCSVField(nil, a)), strings.TrimSuffix(stdCSV(t, a), "\n"); got != want {
			t.Fatalf("appendCSVField(%q) = %q, csv.Writer %q", a, got, want)
		}
		if got, want := ourCSV(t, a, b), stdCSV(t, a, b); got != want {
			t.Fatalf("record %q: got %q, csv.Writer %q", []string{a, b}, got, want)
		}
	})
}

// stdCodingsCSV writes the header and rows of codings.csv with
// encoding/csv, as CodingsWriter did before it had an encoder of its own.
func stdCodingsCSV(t *testing.T, docs [][]analysis.Coding) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(CodingsHeader())
	for _, codings := range docs {
		for _, k := range codings {
			w.Write([]string{k.Doc, k.Case, k.Speaker, k.Role, string(k.Voice), k.Segment,
				strconv.Itoa(k.Start), strconv.Itoa(k.End), k.Code, string(k.Category), k.Term,
				strconv.FormatBool(k.Negated), k.Source, k.Text,
				k.Rule, k.How, k.NegCue, strconv.Itoa(k.Line), k.Time})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// stdSegmentsCSV is stdCodingsCSV for segments.csv.
func stdSegmentsCSV(t *testing.T, docs []*corpus.Document) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(SegmentsHeader())
	for _, doc := range docs {
		for _, seg := range doc.Segments {
			tu := doc.Turns[seg.Turn]
			w.Write([]string{doc.ID, doc.Meta.Case, tu.Speaker, tu.Role, string(tu.Voice), seg.ID,
				strconv.Itoa(seg.Span.Start), strconv.Itoa(seg.Span.End), seg.Text, strconv.Itoa(seg.Line), seg.Time})
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// randomCSVDocs returns documents, and codings of them, with random
// fields, enough for the writers to flush their buffers many times.
func randomCSVDocs(r *rand.Rand) ([]*corpus.Document, [][]analysis.Coding) {
	f := func() string { return randomCSVField(r) }
	return csvDocGen{
		field: f, num: func() int { return r.IntN(2000000) - 1000 }, segs: 40,
		segText: func() string { return f() + f() + f() }, codingText: func() string { return f() + f() },
	}.docs(r)
}

// csvDocGen makes 300 documents, and codings of them, for the CSV
// writers' tests: every field from field, every number from num, the
// texts from segText and codingText, up to segs+1 segments a document.
type csvDocGen struct {
	field               func() string
	num                 func() int
	segs                int
	segText, codingText func() string
}

func (g csvDocGen) docs(r *rand.Rand) ([]*corpus.Document, [][]analysis.Coding) {
	f, n := g.field, g.num
	var docs []*corpus.Document
	var codings [][]analysis.Coding
	for d := 0; d < 300; d++ {
		doc := &corpus.Document{ID: f(), Meta: corpus.Metadata{Case: f()}}
		for i := r.IntN(5); i >= 0; i-- {
			doc.Turns = append(doc.Turns, corpus.Turn{Speaker: f(), Role: f(), Voice: corpus.Voice(f())})
		}
		var ks []analysis.Coding
		for i := r.IntN(g.segs); i >= 0; i-- {
			doc.Segments = append(doc.Segments, corpus.Segment{ID: f(), Turn: r.IntN(len(doc.Turns)),
				Span: corpus.Span{Start: n(), End: n()}, Text: g.segText(), Line: n(), Time: f()})
			ks = append(ks, analysis.Coding{Doc: f(), Case: f(), Speaker: f(), Role: f(), Voice: corpus.Voice(f()),
				Segment: f(), Start: n(), End: n(), Code: f(), Category: analysis.Category(f()), Term: f(),
				Negated: r.IntN(2) == 0, Source: f(), Text: g.codingText(), Rule: f(), How: f(), NegCue: f(), Line: n(), Time: f()})
		}
		docs = append(docs, doc)
		codings = append(codings, ks)
	}
	return docs, codings
}

func TestCodingsSegmentsWritersMatchEncodingCSV(t *testing.T) {
	docs, codings := randomCSVDocs(rand.New(rand.NewPCG(3, 4)))
	cb, sb := writeCSVFiles(t, docs, codings)
	if cb.Len() < 4*csvFlushAt || sb.Len() < 4*csvFlushAt {
		t.Fatalf("only %d and %d bytes written: too few to flush often", cb.Len(), sb.Len())
	}
	compareStdCSV(t, cb.String(), sb.String(), docs, codings)
}

// writeCSVFiles writes docs (and codings[i] after docs[i]) with the
// segments and codings writers, as a run does, and returns the two files.
func writeCSVFiles(t *testing.T, docs []*corpus.Document, codings [][]analysis.Coding) (cb, sb *bytes.Buffer) {
	t.Helper()
	cb, sb = new(bytes.Buffer), new(bytes.Buffer)
	cw, err := NewCodingsWriter(cb)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := NewSegmentsWriter(sb)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if err := sw.Write(d); err != nil {
			t.Fatal(err)
		}
		if err := cw.Write(codings[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	return cb, sb
}

// compareStdCSV fails t when codings.csv or segments.csv differ from what
// encoding/csv writes for the same rows.
func compareStdCSV(t *testing.T, codingsCSV, segmentsCSV string, docs []*corpus.Document, codings [][]analysis.Coding) {
	t.Helper()
	if want := stdCodingsCSV(t, codings); codingsCSV != want {
		t.Errorf("codings.csv differs from encoding/csv's (%d and %d bytes)", len(codingsCSV), len(want))
	}
	if want := stdSegmentsCSV(t, docs); segmentsCSV != want {
		t.Errorf("segments.csv differs from encoding/csv's (%d and %d bytes)", len(segmentsCSV), len(want))
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

var errFailWriter = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		return w.n, errFailWriter
	}
	w.n -= len(p)
	return len(p), nil
}

func TestCodingsWriterReportsWriteError(t *testing.T) {
	_, codings := randomCSVDocs(rand.New(rand.NewPCG(5, 6)))
	cw, err := NewCodingsWriter(&failWriter{n: 100})
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for _, ks := range codings {
		if werr = cw.Write(ks); werr != nil {
			break
		}
	}
	if !errors.Is(werr, errFailWriter) {
		t.Errorf("Write: %v, want %v", werr, errFailWriter)
	}
	if err := cw.Flush(); !errors.Is(err, errFailWriter) {
		t.Errorf("Flush: %v, want %v", err, errFailWriter)
	}
}

// TestCSVWritersRepeatedFields checks the writers against encoding/csv on
// rows whose fields repeat from row to row, as csvMemo expects them to:
// drawn from a few random values, as the very same strings or as copies,
// so that the memos see repeats, equal copies and changes of every kind
// (quoted to unquoted and back, one value to an empty one).
func TestCSVWritersRepeatedFields(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pool := make([]string, 6)
	for i := range pool {
		pool[i] = randomCSVField(r)
	}
	pool = append(pool, "", "x", `"q"`, "a,b", " lead")
	f := func() string {
		s := pool[r.IntN(len(pool))]
		if r.IntN(3) == 0 {
			s = strings.Clone(s)
		}
		if r.IntN(50) == 0 {
			pool[r.IntN(len(pool))] = randomCSVField(r)
		}
		return s
	}
	docs, codings := csvDocGen{field: f, num: func() int { return r.IntN(200) }, segs: 60, segText: f, codingText: f}.docs(r)
	cb, sb := writeCSVFiles(t, docs, codings)
	compareStdCSV(t, cb.String(), sb.String(), docs, codings)
}
