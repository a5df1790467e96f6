package analysis

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/pbasis/pbasis/corpus"
)

// resultQuotes returns every Quote reachable from r through exported
// fields (quote lists and both quotes of each pair), in no set order.
func resultQuotes(r *Results) []Quote {
	var out []Quote
	quoteType := reflect.TypeFor[Quote]()
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == quoteType {
				out = append(out, v.Interface().(Quote))
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(r))
	return out
}

// TestQuoteSegmentsDemo checks every quote of the demo corpus's results
// against the corpus segment it quotes: SegmentID is the segment's ID,
// the text, time, line, speaker, role and voice are the segment's, one
// QuoteSegment is shared by the quotes of a segment, and one QuoteSource
// by the quoted segments of a speaker, role and voice in a document.
func TestQuoteSegmentsDemo(t *testing.T) {
	if n := unsafe.Sizeof(QuoteSegment{}); n > 48 {
		t.Errorf("QuoteSegment is %d bytes, want at most 48", n)
	}
	if n := unsafe.Sizeof(quoteCand{}); n > 56 {
		t.Errorf("quoteCand is %d bytes, want at most 56", n)
	}
	dc := aggDemoCoded(t)
	docs := map[string]*corpus.Document{}
	acc := NewAccumulator(dc.spec, ResultsOptions{})
	for _, d := range dc.docs {
		docs[d.doc.ID] = d.doc
		acc.Add(d.doc, d.codings)
	}
	qs := resultQuotes(acc.Finish())
	type srcKey struct {
		doc, speaker, role string
		voice              corpus.Voice
	}
	type segKey struct {
		doc string
		n   int32
	}
	srcs := map[srcKey]*QuoteSource{}
	segs := map[segKey]*QuoteSegment{}
	for _, q := range qs {
		if q.QuoteSegment == nil || q.QuoteSource == nil {
			t.Fatalf("quote %+v without its segment or source", q)
		}
		d := docs[q.Doc]
		if d == nil || q.N < 1 || int(q.N) > len(d.Segments) {
			t.Errorf("quote of %s segment %d: no such segment", q.Doc, q.N)
			continue
		}
		s := &d.Segments[q.N-1]
		voice, role, speaker := corpus.VoiceOther, corpus.RoleUnknown, ""
		if s.Turn >= 0 && s.Turn < len(d.Turns) {
			tu := d.Turns[s.Turn]
			voice, role, speaker = tu.Voice, tu.Role, tu.Speaker
		}
		if d.Meta.Kind == corpus.KindNotes {
			voice = corpus.VoiceNotes
		}
		if id := q.SegmentID(); id != s.ID || s.N != int(q.N) {
			t.Errorf("SegmentID %q, corpus segment %d is %q", id, s.N, s.ID)
		}
		if q.Text != s.Text || q.Time != s.Time || int(q.Line) != s.Line {
			t.Errorf("%s: text %q time %q line %d, want %q %q %d", s.ID, q.Text, q.Time, q.Line, s.Text, s.Time, s.Line)
		}
		if q.Speaker != speaker || q.Role != role || q.Voice != voice {
			t.Errorf("%s: speaker %q role %q voice %q, want %q %q %q", s.ID, q.Speaker, q.Role, q.Voice, speaker, role, voice)
		}
		sk := srcKey{q.Doc, q.Speaker, q.Role, q.Voice}
		if p, ok := srcs[sk]; ok && p != q.QuoteSource {
			t.Errorf("%s: two QuoteSources for %+v", s.ID, sk)
		}
		srcs[sk] = q.QuoteSource
		gk := segKey{q.Doc, q.N}
		if p, ok := segs[gk]; ok && p != q.QuoteSegment {
			t.Errorf("%s: two QuoteSegments", s.ID)
		}
		segs[gk] = q.QuoteSegment
	}
	if len(segs) < 50 || len(srcs) >= len(segs) {
		t.Errorf("%d quotes of %d segments from %d sources: want many segments sharing fewer sources", len(qs), len(segs), len(srcs))
	}
	t.Logf("%d quotes of %d segments from %d sources", len(qs), len(segs), len(srcs))
}

// TestQuotePairSameSegment checks SameSegment on the demo corpus's pairs:
// true exactly when both quotes share one QuoteSegment.
func TestQuotePairSameSegment(t *testing.T) {
	r := aggDemoResults(t)
	var pairs []QuotePair
	for _, b := range r.Bridges {
		for _, l := range b.Links {
			pairs = append(pairs, l.Quotes...)
		}
	}
	for _, l := range r.Qualities {
		pairs = append(pairs, l.Quotes...)
	}
	same := 0
	for _, p := range pairs {
		if p.SameSegment() != (p.First.QuoteSegment == p.Second.QuoteSegment) {
			t.Errorf("pair %s / %s: SameSegment %v", p.First.SegmentID(), p.Second.SegmentID(), p.SameSegment())
		}
		if p.SameSegment() {
			same++
		}
	}
	if same == 0 || same == len(pairs) {
		t.Errorf("%d of %d pairs in one segment: want both kinds", same, len(pairs))
	}
}
