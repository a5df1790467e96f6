package reports

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// refRenderScratch is the scratch of refRenderSegments and
// refRenderCodings.
type refRenderScratch struct {
	runes   []rune
	ctx     []byte
	loc     []byte
	segText []xmlSpan
}

// refRenderSegments is renderSegments as it was before plain texts
// (plainText) had a way of their own: the reference of
// TestPlainTextRowsMatchReference. It renders doc's segments, noting in sc.segText where their
// texts are.
func refRenderSegments(w *WorkbookWriter, out *renderedRows, doc *corpus.Document, sc *refRenderScratch) {
	s := w.segments
	for _, seg := range doc.Segments {
		var t corpus.Turn
		if seg.Turn >= 0 && seg.Turn < len(doc.Turns) {
			t = doc.Turns[seg.Turn]
		}
		text := clipCell(seg.Text, s.marker)
		out.beginRow(heightOfLines(wrappedLines(s, 9, text)))
		out.shared(s, 0, doc.ID)
		out.shared(s, 1, doc.Meta.Case)
		out.shared(s, 2, t.Speaker)
		out.shared(s, 3, t.Role)
		out.shared(s, 4, string(t.Voice))
		out.str(s, 5, seg.ID)
		out.int(s, 6, seg.Span.Start)
		out.int(s, 7, seg.Span.End)
		var span xmlSpan
		if text != "" {
			out.cell(s, 8, s.cellInline)
			span.start = len(out.xml)
			out.xml = appendInlineStrText(out.xml, text)
			span.end = len(out.xml)
			if text != seg.Text {
				span.start = span.end // cut, with this sheet's marker
			}
		}
		sc.segText = append(sc.segText, span)
		out.line(s, 9, seg.Line)
		out.str(s, 10, seg.Time)
		out.endRow()
	}
}

// refRenderCodings is renderCodings as it was before plain texts had a
// way of their own. It renders codings, of doc (which may be nil), copying the
// text cells of their segments from segs (sc.segText) where they are the
// same.
func refRenderCodings(w *WorkbookWriter, out *renderedRows, doc *corpus.Document, codings []analysis.Coding, segs *renderedRows, sc *refRenderScratch) {
	s := w.codings
	for i := range codings {
		k := &codings[i]
		text := clipCell(k.Text, s.marker)
		var same xmlSpan // of the segment's text cell, when the same
		if n := k.SegN; n >= 1 && n <= len(sc.segText) && text == k.Text && doc.Segments[n-1].Text == k.Text {
			same = sc.segText[n-1]
		}
		sc.ctx = clipCellBytes(appendCodingContext(sc.ctx[:0], doc, k, &sc.runes), s.marker)
		sc.loc = appendLocation(sc.loc[:0], k.Doc, k.Segment, k.Line, k.Time)
		out.beginRow(heightOfLines(max(wrappedLines(s, 14, text), wrappedLines(s, 20, sc.ctx))))
		out.shared(s, 0, k.Doc)
		out.shared(s, 1, k.Case)
		out.shared(s, 2, k.Speaker)
		out.shared(s, 3, k.Role)
		out.shared(s, 4, string(k.Voice))
		out.str(s, 5, k.Segment)
		out.int(s, 6, k.Start)
		out.int(s, 7, k.End)
		out.shared(s, 8, k.Code)
		out.shared(s, 9, string(k.Category))
		out.shared(s, 10, k.Term)
		out.bool(s, 11, k.Negated)
		out.shared(s, 12, k.Source)
		if same.start < same.end {
			out.cell(s, 13, s.cellInline)
			out.xml = append(out.xml, segs.xml[same.start:same.end]...)
		} else {
			out.str(s, 13, text)
		}
		out.shared(s, 14, k.Rule)
		out.shared(s, 15, k.How)
		out.shared(s, 16, k.NegCue)
		out.line(s, 17, k.Line)
		out.str(s, 18, k.Time)
		out.strBytes(s, 19, sc.ctx)
		out.strBytes(s, 20, sc.loc)
		out.endRow()
	}
}

// plainishText returns a random text of words and single spaces (plain,
// mostly), at times with a space at either end, two spaces together, a
// line break, a tab, & < > _ or _x0041_, 0x7f, a control character,
// "…", "é" or "😀", and at times longer than a cell.
func plainishText(rng *rand.Rand, n int) string {
	words := []string{"de", "buurvrouw", "haalt", "kinderen", "op", "school,", "en", "dan", "speeltuin.", "Ja", "(lacht)", "'t", "\"zo\"", "1", "A-B", "x=y", "wat?", "#3", "50%", "..."}
	odd := []string{"  ", "\n", "\t", "&", "<", ">", "_", "_x0041_", "\x7f", "\x01", "\r", "…", "é", "😀", "«", "\xff"}
	var b strings.Builder
	if rng.IntN(8) == 0 {
		b.WriteByte(' ')
	}
	for i := range rng.IntN(n + 1) {
		if i > 0 {
			b.WriteByte(' ')
		}
		if rng.IntN(60) == 0 {
			b.WriteString(odd[rng.IntN(len(odd))])
		}
		b.WriteString(words[rng.IntN(len(words))])
	}
	if rng.IntN(8) == 0 {
		b.WriteByte(' ')
	}
	return b.String()
}

// plainTextRef is plainText byte by byte.
func plainTextRef(s string) bool {
	if utf8.RuneCountInString(s) > 32767 || strings.Contains(s, "  ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || strings.IndexByte("&<>_", c) >= 0 {
			return false
		}
	}
	return true
}

// TestPlainText checks plainText against plainTextRef on every byte at
// every place of a word, and on random texts.
func TestPlainText(t *testing.T) {
	for c := range 256 {
		for at := range 17 {
			s := []byte("een twee drie vier")
			s[at] = byte(c)
			if got, want := plainText(string(s)), plainTextRef(string(s)); got != want {
				t.Fatalf("plainText(%q) = %v, want %v", s, got, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 8))
	for range 20000 {
		s := plainishText(rng, 30)
		if got, want := plainText(s), plainTextRef(s); got != want {
			t.Fatalf("plainText(%q) = %v, want %v", s, got, want)
		}
	}
	for _, n := range []int{32766, 32767, 32768} {
		s := strings.Repeat("a", n)
		if got, want := plainText(s), n <= 32767; got != want {
			t.Errorf("plainText of %d bytes = %v", n, got)
		}
	}
}

// TestPlainTextRowsMatchReference checks that the Segments and Codings
// rows, whose plain texts skip escaping and line counting, are the rows
// of refRenderSegments and refRenderCodings, which do it for every text:
// XML, holes and rows, on random documents of plain texts and of texts
// that are not (see plainishText), long texts (a cell's length and more,
// with evidence over all of it), and codings whose evidence is found in
// their segment, by their term, or not at all; and the cells that start
// with the document's ID (segment IDs, locations) for IDs that need
// escaping, and segment IDs and documents of codings that are not the
// document's ID and a number.
func TestPlainTextRowsMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 31))
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	long := []string{strings.Repeat("ab ", 10922) + "a", strings.Repeat("b", 32767), strings.Repeat("c", 32768),
		strings.Repeat("d ", 16390), strings.Repeat("é", 20000)}
	plainRows := 0
	for d := range 400 {
		id := fmt.Sprintf("G%d/%s.txt", d, []string{"doc", "a_b", "x_x0041", "_x004", "é"}[rng.IntN(5)])
		switch rng.IntN(8) {
		case 0:
			id = hostileText(rng, 6) // maybe empty, or ending in a space
		case 1:
			id = " " + id
		case 2:
			id = fmt.Sprintf("G%d/_x004", d) // an escape, were "1_" next
		}
		doc := &corpus.Document{ID: id, Meta: corpus.Metadata{Case: fmt.Sprintf("G%d", d)},
			Turns: []corpus.Turn{{Speaker: "Moeder", Role: "parent", Voice: corpus.VoiceOwn},
				{Speaker: "I", Role: "interviewer", Voice: corpus.VoiceInterviewer}, {Speaker: "Moeder", Role: "parent", Voice: corpus.VoiceOwn},
				{Speaker: hostileText(rng, 3), Role: "", Voice: corpus.VoiceOwn}}}
		var codings []analysis.Coding
		pos := 0
		for i := range 1 + rng.IntN(12) {
			var text string
			switch r := rng.IntN(40); {
			case r == 0:
				text = long[rng.IntN(len(long))]
			case r < 4:
				text = hostileText(rng, 40)
			default:
				text = plainishText(rng, 40)
			}
			chars := utf8.RuneCountInString(text)
			// Runs of segments of a turn, and a turn that is not there.
			seg := corpus.Segment{ID: id + "#" + strconv.Itoa(i+1), N: i + 1, Span: corpus.Span{Start: pos, End: pos + chars},
				Text: text, Line: rng.IntN(50), Turn: (i / 3) % 5}
			switch rng.IntN(10) {
			case 0:
				seg.ID = hostileText(rng, 8) // not the document's ID and a number
			case 1:
				seg.ID = id + "#" + hostileText(rng, 4)
			case 2:
				seg.ID = id
			case 3:
				seg.ID = id + []string{"1_", "x", "\x80", " "}[rng.IntN(4)] // no "#"
			}
			if rng.IntN(4) == 0 {
				seg.Time = []string{"00:01:02", "1:02", hostileText(rng, 5)}[rng.IntN(3)]
			}
			doc.Segments = append(doc.Segments, seg)
			for range rng.IntN(4) {
				a := rng.IntN(chars + 3)
				var t corpus.Turn
				if seg.Turn < len(doc.Turns) {
					t = doc.Turns[seg.Turn]
				}
				k := analysis.Coding{Doc: id, Case: doc.Meta.Case, Speaker: t.Speaker, Role: t.Role, Voice: t.Voice,
					Segment: seg.ID, SegN: seg.N, Start: pos + a - 1, End: pos + a + rng.IntN(12), Code: "rel.neighbour",
					Term: "buurvrouw", Text: text, Line: seg.Line, Time: seg.Time}
				switch rng.IntN(8) {
				case 0:
					k.SegN = 0 // found by the term, or not at all
				case 1:
					k.Segment = "other"
				case 2:
					k.Term = ""
				case 3:
					k.Start, k.End = pos, pos+chars // all of it
				case 4:
					k.Text = plainishText(rng, 20) // not the segment's text
				case 5:
					k.Doc = hostileText(rng, 4) // not the document's ID
				case 6:
					k.Line, k.Time = 0, "" // located by the segment ID
				case 7:
					k.Speaker, k.Case = "Vader", "" // not the turn's
				}
				codings = append(codings, k)
			}
			pos += chars + 1
		}
		var segs, cods renderedRows
		segs.strs, cods.strs = &docStrings{}, &docStrings{}
		var sc refRenderScratch
		refRenderSegments(w, &segs, doc, &sc)
		refRenderCodings(w, &cods, doc, codings, &segs, &sc)
		// Twice: the second Render most likely has the first's scratch.
		for range 2 {
			rd := w.Render(doc, codings)
			for _, x := range []struct {
				name      string
				got, want *renderedRows
			}{{"Segments", &rd.segments, &segs}, {"Codings", &rd.codings, &cods}} {
				if !bytes.Equal(x.got.xml, x.want.xml) {
					i := 0
					for i < min(len(x.got.xml), len(x.want.xml)) && x.got.xml[i] == x.want.xml[i] {
						i++
					}
					t.Fatalf("document %d, %s rows differ at byte %d:\n%.300q\nwant\n%.300q", d, x.name, i, x.got.xml[max(0, i-100):], x.want.xml[max(0, i-100):])
				}
				if !slices.Equal(x.got.rows, x.want.rows) || len(x.got.holes) != len(x.want.holes) {
					t.Fatalf("document %d, %s: rows or holes differ", d, x.name)
				}
				for i, h := range x.got.holes {
					want := x.want.holes[i]
					if h.at != want.at || (h.str < 0) != (want.str < 0) ||
						h.str >= 0 && !bytes.Equal(rd.strs.get(h.str), x.want.strs.get(want.str)) {
						t.Fatalf("document %d, %s: hole %d is %+v, want %+v", d, x.name, i, h, want)
					}
				}
			}
			w.renders.Put(rd)
		}
		for _, seg := range doc.Segments {
			if plainText(seg.Text) {
				plainRows++
			}
		}
	}
	if plainRows < 500 {
		t.Errorf("only %d plain segments: the test hardly tries the plain way", plainRows)
	}
}
