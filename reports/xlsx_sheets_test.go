package reports

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// randomCell returns a random value of a summary sheet's row: every kind
// that sheetWriter.row takes, texts with line breaks and special
// characters, some long enough to be cut, numbers repeating.
func randomCell(rng *rand.Rand, st xlsxStyles) any {
	var v any
	switch rng.IntN(12) {
	case 0:
		return nil
	case 1:
		v = ""
	case 2, 3:
		v = hostileText(rng, 30)
	case 4:
		var b strings.Builder
		for range rng.IntN(6) {
			if b.Len() > 0 {
				b.WriteString("\n")
			}
			b.WriteString("• “" + hostileText(rng, 20) + "” — Moeder (ouder), C00001/wave1/x.txt:3")
		}
		v = []byte(b.String())
	case 5:
		v = []byte(hostileText(rng, 40))
	case 6:
		// Longer than a cell holds, in bytes or in UTF-16 units too.
		unit := []string{"a", "é", "😀", "\n", "ab cd "}[rng.IntN(5)]
		v = strings.Repeat(unit, 32767/len(unit)+rng.IntN(3)-1)
		if rng.IntN(2) == 0 {
			v = []byte(v.(string))
		}
	case 7:
		v = rng.IntN(2000) - 100
	case 8:
		v = []float64{0, math.Copysign(0, -1), 1.5, 38.824854536, 1e21, 1.0 / 3, math.NaN(), math.Inf(1), 123456789.123456789}[rng.IntN(9)]
	case 9:
		v = rng.IntN(2) == 0
	case 10:
		v = int64(rng.IntN(100)) // another kind: fmt.Sprint
	default:
		v = strings.Repeat("woord ", rng.IntN(40))
	}
	if rng.IntN(6) == 0 {
		v = styled{v, []int{st.bold, st.header, st.date, 0}[rng.IntN(4)]}
	}
	return v
}

// TestStreamRowMatchesReference checks the rows of streamed summary sheets
// (the lines of wrapped texts counted while escaping them, the column
// settings kept, numbers remembered) against the way they were made
// before (oldStreamRow), with column settings that change between rows,
// and that what streamRow deflates is the same.
func TestStreamRowMatchesReference(t *testing.T) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	rng := rand.New(rand.NewPCG(37, 41))
	if _, err := w.f.NewSheet("Test"); err != nil {
		t.Fatal(err)
	}
	s := w.newStreamedSheetWriter("Test")
	defer s.data.remove()
	s.header("a", "b")
	var all []byte
	for r := 0; r < 3000; r++ {
		if rng.IntN(50) == 0 { // the settings change
			switch rng.IntN(3) {
			case 0:
				s.width(1+rng.IntN(12), []float64{1, 5, 8.43, 48, 90}[rng.IntN(5)])
			case 1:
				s.wrapCols(1 + rng.IntN(12))
			default:
				s.topCols(1 + rng.IntN(12))
			}
		}
		vals := make([]any, rng.IntN(14))
		for i := range vals {
			vals[i] = randomCell(rng, w.st)
		}
		s.r++
		want, werr := oldStreamRow(s, vals)
		got, gerr := s.rowXML(vals)
		if (werr != nil) != (gerr != nil) || !bytes.Equal(got, want) {
			t.Fatalf("row %d %q:\ngot  %q (%v)\nwant %q (%v)", s.r, vals, got, gerr, want, werr)
		}
		s.r--
		s.row(vals...)
		all = append(all, want...)
	}
	if s.err != nil {
		t.Fatal(s.err)
	}
	if err := s.data.flush(); err != nil {
		t.Fatal(err)
	}
	if got := inflatedRows(t, s.data); !bytes.Equal(got, all) {
		t.Errorf("deflated rows differ from the rows (%d bytes, want %d)", len(got), len(all))
	}
}

// inflatedRows returns the rows XML that d holds deflated.
func inflatedRows(t *testing.T, d *sheetRows) []byte {
	t.Helper()
	n, err := d.compressedLen()
	if err != nil {
		t.Fatal(err)
	}
	var deflated bytes.Buffer
	if err := d.copyCompressed(&deflated, n); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(flate.NewReader(&deflated))
	if err != io.ErrUnexpectedEOF && err != nil { // a sync-flushed stream has no end
		t.Fatal(err)
	}
	return got
}

// TestCaseCountsMatchesSearch checks the index of the framework sheets'
// counts against the search it replaced (view.caseCodes, then findCount),
// with duplicate cases, codes and counts.
func TestCaseCountsMatchesSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 47))
	codeIDs := []string{"a", "b", "c", "d", "e", "f"}
	for range 300 {
		r := &analysis.Results{}
		for range rng.IntN(6) {
			cc := analysis.CaseCodes{Case: fmt.Sprint("C", rng.IntN(5))}
			for range rng.IntN(8) {
				cc.Own = append(cc.Own, analysis.CodeCount{Code: codeIDs[rng.IntN(len(codeIDs))],
					Count: analysis.Count{Mentions: rng.IntN(4), Negated: rng.IntN(2)}, Quotes: make([]analysis.Quote, rng.IntN(2))})
			}
			r.Cases = append(r.Cases, cc)
		}
		var codes []string
		for range rng.IntN(8) {
			codes = append(codes, codeIDs[rng.IntN(len(codeIDs))])
		}
		v := newView(r, nil, LangNL)
		cases := newCaseCounts(r, codes)
		for id := range 6 {
			caseID := fmt.Sprint("C", id)
			cases.find(caseID)
			own := v.caseCodes(caseID).Own
			for k, c := range codes {
				want := findCount(own, c)
				got := cases.count(k)
				if got == nil && !reflect.DeepEqual(want, analysis.CodeCount{Code: c}) ||
					got != nil && !reflect.DeepEqual(*got, want) {
					t.Fatalf("case %s, code %s: %+v, want %+v", caseID, c, got, want)
				}
			}
		}
	}
	var m countNegMemo
	for _, n := range [][2]int{{1, 0}, {3, 0}, {3, 1}, {3, 3}, {1, 1}, {5, 2}, {3, 1}} {
		if got, want := m.countNeg(texts(LangNL), n[0], n[1]), texts(LangNL).countNeg(n[0], n[1]); got != want {
			t.Errorf("countNeg(%d, %d) = %q, want %q", n[0], n[1], got, want)
		}
	}
}

// TestQuoteCellMatchesReference checks the quotes of the summary sheets
// (cellText.quote: spaced words, other ASCII and other texts each by its
// own path) against the plain way: the context of the text's code
// points (oldContextAround), the speaker (view.speaker), the location.
func TestQuoteCellMatchesReference(t *testing.T) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	v := newView(&analysis.Results{}, nil, LangNL)
	rng := rand.New(rand.NewPCG(53, 59))
	words := []string{"de", "kinderen", "school", "Moeder", "buurvrouw", "e.g.", "x"}
	var ct cellText
	for i := range 20000 {
		var text string
		switch i % 3 {
		case 0: // spaced words, maybe with a space at either end
			var b strings.Builder
			for k := range rng.IntN(30) {
				if k > 0 || rng.IntN(4) == 0 {
					b.WriteString(" ")
				}
				b.WriteString(words[rng.IntN(len(words))])
			}
			if rng.IntN(4) == 0 {
				b.WriteString(" ")
			}
			text = b.String()
		case 1:
			text = asciiText(rng, 80)
		default:
			text = hostileText(rng, 80)
		}
		runes := []rune(text)
		start := rng.IntN(len(runes) + 1)
		end := start + rng.IntN(len(runes)-start+1)
		q := analysis.Quote{QuoteSegment: &analysis.QuoteSegment{
			QuoteSource: &analysis.QuoteSource{Doc: "C1/d.txt", Speaker: []string{"", "Moeder", " moeder ", "Oma\tJo", "ouder"}[rng.IntN(5)],
				Role: []string{"parent", "child", "", "onbekend"}[rng.IntN(4)], Voice: []corpus.Voice{corpus.VoiceOwn, corpus.VoiceNotes}[rng.IntN(2)]},
			Text: text, Line: int32(rng.IntN(3)), N: 4}, Start: start, End: end, Negated: rng.IntN(2) == 0}
		if rng.IntN(4) == 0 {
			q.Time = "00:12:03"
		}
		want := "“" + oldContextAround(runes, start, end, 90) + "” — " + v.speaker(q) + ", " + string(appendQuoteLocation(nil, &q))
		if q.Negated {
			want += " (" + w.tx.Negated + ")"
		}
		if got := string(ct.reset().str("x").quote(w, v, q).b[1:]); got != want {
			t.Fatalf("quote of %q [%d, %d):\ngot  %q\nwant %q", text, start, end, got, want)
		}
	}
}
