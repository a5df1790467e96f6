package reports

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// refFill is renderedRows.fill as a plain loop of appends (the code fill
// replaced): the reference of TestFillMatchesReference.
func refFill(b []byte, rr *renderedRows, strs *docStrings, i, n, first int) ([]byte, int) {
	var num [20]byte
	refs := 0
	for k := 0; k < n; k, i = k+1, i+1 {
		digits := strconv.AppendInt(num[:0], int64(first+k), 10)
		m := rr.rows[i]
		end, holes := len(rr.xml), rr.holes[m.hole:]
		if i+1 < len(rr.rows) {
			end, holes = rr.rows[i+1].start, rr.holes[m.hole:rr.rows[i+1].hole]
		}
		at := m.start
		for _, h := range holes {
			b = append(b, rr.xml[at:h.at]...)
			if h.str < 0 {
				b = append(b, digits...)
			} else {
				cell, shared := strs.cell(h.str)
				b = append(b, cell...)
				if shared {
					refs++
				}
			}
			at = h.at
		}
		b = append(b, rr.xml[at:end]...)
	}
	return b, refs
}

// randomRenderDoc makes a document of random hostile texts (speakers,
// roles, codes, terms, segment texts, some empty, some longer than a
// cell) with codings, for rendering.
func randomRenderDoc(rng *rand.Rand, n int) (*corpus.Document, []analysis.Coding) {
	id := fmt.Sprintf("G%d/%s.txt", n, hostileText(rng, 3))
	doc := &corpus.Document{ID: id, Meta: corpus.Metadata{Case: hostileText(rng, 4)}}
	for t := range 1 + rng.IntN(4) {
		doc.Turns = append(doc.Turns, corpus.Turn{Index: t, Speaker: hostileText(rng, 6), Role: hostileText(rng, 3),
			Voice: corpus.Voice(hostileText(rng, 2))})
	}
	var codings []analysis.Coding
	pos := 0
	for s := range rng.IntN(30) {
		text := hostileText(rng, 60)
		if rng.IntN(40) == 0 {
			text = hostileText(rng, 40000) // longer than a cell, at times
		}
		seg := corpus.Segment{ID: id + "#" + strconv.Itoa(s+1), N: s + 1, Turn: rng.IntN(len(doc.Turns) + 1),
			Span: corpus.Span{Start: pos, End: pos + len(text)}, Text: text, Line: rng.IntN(3) * rng.IntN(100000),
			Time: []string{"", "00:01:02"}[rng.IntN(2)]}
		doc.Segments = append(doc.Segments, seg)
		for range rng.IntN(4) {
			t := doc.Turns[min(seg.Turn, len(doc.Turns)-1)]
			codings = append(codings, analysis.Coding{Doc: id, Case: doc.Meta.Case, Speaker: t.Speaker, Role: t.Role,
				Voice: t.Voice, Segment: seg.ID, SegN: seg.N, Start: pos + rng.IntN(5), End: pos + 5 + rng.IntN(9),
				Code: hostileText(rng, 3), Category: analysis.Category(hostileText(rng, 2)), Term: hostileText(rng, 3),
				Rule: hostileText(rng, 3), How: hostileText(rng, 2), NegCue: hostileText(rng, 2), Source: hostileText(rng, 2),
				Negated: rng.IntN(2) == 0, Line: seg.Line, Time: seg.Time, Text: text})
		}
		pos += len(text) + 1
	}
	return doc, codings
}

// TestFillMatchesReference checks renderedRows.fill against refFill on
// random documents' rows (both sheets), their shared strings resolved by
// tables of several sizes (so that some cells are inline strings, some
// long), numbered from starts around every change in the number of
// digits, in runs of every length, appended after bytes already there.
func TestFillMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 29))
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	firsts := []int{2, 3}
	for p := 10; p <= 1_000_000; p *= 10 {
		firsts = append(firsts, p-7, p-1, p, p+1)
	}
	firsts = append(firsts, 1_048_576-40, 1_048_576-1)
	tables := []*sharedStrings{newSharedStrings(), {index: map[string]int32{}, maxCount: 5, maxBytes: 1 << 20},
		{index: map[string]int32{}, maxCount: 1 << 16, maxBytes: 30}}
	for d := range 300 {
		doc, codings := randomRenderDoc(rng, d)
		rd := w.Render(doc, codings)
		tables[d%len(tables)].resolve(&rd.strs)
		for _, rr := range []*renderedRows{&rd.segments, &rd.codings} {
			rows := len(rr.rows)
			for _, first := range firsts {
				if first+rows-1 > 1_048_576 {
					continue
				}
				i := rng.IntN(rows + 1)
				n := rng.IntN(rows - i + 1)
				prefix := []byte(hostileText(rng, 5))
				want, wantRefs := refFill(append([]byte(nil), prefix...), rr, &rd.strs, i, n, first)
				got, refs := rr.fill(append(make([]byte, 0, rng.IntN(64)), prefix...), &rd.strs, i, n, first)
				if !bytes.Equal(got, want) || refs != wantRefs {
					t.Fatalf("document %d, rows %d+%d from %d: %d refs\n%q\nwant %d refs\n%q", d, i, n, first, refs, got, wantRefs, want)
				}
				// All rows, into a buffer kept from before, as writeRows does.
				want, _ = refFill(want[:0], rr, &rd.strs, 0, rows, first)
				if got, _ = rr.fill(got[:0], &rd.strs, 0, rows, first); !bytes.Equal(got, want) {
					t.Fatalf("document %d, all %d rows from %d:\n%q\nwant\n%q", d, rows, first, got, want)
				}
			}
		}
		w.renders.Put(rd)
	}
}

// BenchmarkFillRows fills in the rows of BenchmarkWorkbook200k's
// documents (fill against refFill, the loop it replaced), without
// deflating them.
func BenchmarkFillRows(b *testing.B) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer w.Discard()
	sst := newSharedStrings()
	var rds []*RenderedDoc
	for d := range 200 {
		doc, c := benchDocument(d)
		rd := w.Render(doc, c)
		sst.resolve(&rd.strs)
		rds = append(rds, rd)
	}
	for _, x := range []struct {
		name string
		fill func(b []byte, rr *renderedRows, strs *docStrings, i, n, first int) ([]byte, int)
	}{{"fill", func(b []byte, rr *renderedRows, strs *docStrings, i, n, first int) ([]byte, int) {
		return rr.fill(b, strs, i, n, first)
	}}, {"ref", refFill}} {
		b.Run(x.name, func(b *testing.B) {
			var buf []byte
			bytes := 0
			cpu := testutil.ProcessCPU()
			for b.Loop() {
				first := 2
				for _, rd := range rds {
					for _, rr := range []*renderedRows{&rd.segments, &rd.codings} {
						buf, _ = x.fill(buf[:0], rr, &rd.strs, 0, len(rr.rows), first)
						first += len(rr.rows)
						bytes += len(buf)
					}
				}
			}
			reportCPU(b, cpu)
			b.SetBytes(int64(bytes / max(b.N, 1)))
		})
	}
}
