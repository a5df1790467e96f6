package analysis

import (
	"unicode/utf8"

	"github.com/pbasis/pbasis/corpus"
)

// Coding sources.
const (
	SourceAuto   = "auto"   // found by the matcher
	SourceManual = "manual" // made by a human coder (imported)
	SourceReview = "review" // added or changed in a review
)

// Coding is a code applied to a segment, with its evidence (DESIGN.md).
type Coding struct {
	Doc     string // document ID
	Case    string
	Speaker string
	Role    string
	Voice   corpus.Voice
	Segment string // segment ID
	SegN    int    // segment number in the document (1-based)
	// Start and End are the evidence's span in code points into the
	// document's normalised text (not the segment's).
	Start, End int
	Code       string
	Category   Category
	Term       string // the evidence as written in the text
	Rule       string // the codebook term that matched
	How        string // exact, inflection, stem, compound, phrase
	Negated    bool
	NegCue     string // the negation word, when Negated
	Source     string // auto, manual or review
	Line       int    // source location of the segment (see corpus.Segment.Line)
	Time       string
	Text       string // the segment's text
}

// CodeDocument codes every segment of doc with the codebook. The matcher
// sees each segment with its speaker's role and, as context for near-rules,
// the whole turn. Codings come in segment order, then by start, then code:
// deterministic for the same input and codebook.
func CodeDocument(cb *Codebook, doc *corpus.Document) []Coding {
	return CodeDocumentTokens(cb, doc, nil)
}

// DocTokens holds the word tokens of every segment of one document as
// CodeDocumentTokens made them, so that EmergentAccumulator.ObserveTokens
// reads them instead of tokenizing the segments again. The zero value is
// ready to use; Reset lets go of the document. A DocTokens holds one
// document at a time; it is not safe for concurrent use.
type DocTokens struct {
	doc   *corpus.Document
	toks  []tok   // the tokens of all segments
	first []int32 // segment si's tokens are toks[first[si]:first[si+1]]
	// gens[si] is the generation (wordMemo.gen) of the matcher's memo
	// that numbered segment si's tokens (tok.wi): two tokens of segments
	// of one generation with the same wi have the same folded word. The
	// matcher gives every token without an in-word hyphen a wi.
	gens []uint32
	// memo is the matcher memo that numbered the tokens (the same for
	// every segment of a document): with gens, it tells ObserveTokens
	// whether the wi of two documents name the same words. It is only
	// compared, never read through.
	memo *wordMemo
}

// maxKeptTokens bounds the tokens a DocTokens keeps room for after Reset:
// a larger buffer is let go, so that the largest document of a corpus
// does not keep its buffer (and its text) for the rest of a run.
const maxKeptTokens = 1 << 15

// Reset lets go of dt's document and, when they are large, of its
// buffers. Small buffers are kept for the next document without being
// cleared: until CodeDocumentTokens writes over them they may still refer
// to the text of at most maxKeptTokens tokens.
func (dt *DocTokens) Reset() {
	if cap(dt.toks) > maxKeptTokens {
		*dt = DocTokens{}
		return
	}
	dt.doc, dt.toks, dt.first, dt.gens, dt.memo = nil, dt.toks[:0], dt.first[:0], dt.gens[:0], nil
}

// segments reports whether dt holds the tokens of doc's segments.
func (dt *DocTokens) segments(doc *corpus.Document) bool {
	return dt != nil && dt.doc == doc && len(dt.first) == len(doc.Segments)+1
}

// segment returns the tokens of segment si (dt.segments must hold).
func (dt *DocTokens) segment(si int) []tok {
	t0, t1 := dt.first[si], dt.first[si+1]
	return dt.toks[t0:t1:t1]
}

// CodeDocumentTokens is CodeDocument that also keeps the segments' tokens
// in dt (replacing what it held) for EmergentAccumulator.ObserveTokens.
// dt may be nil.
func CodeDocumentTokens(cb *Codebook, doc *corpus.Document, dt *DocTokens) []Coding {
	sc := cb.getScratch()
	defer cb.putScratch(sc)
	return codeDocument(cb, doc, dt, sc)
}

// codeDocument is CodeDocumentTokens with a scratch.
func codeDocument(cb *Codebook, doc *corpus.Document, dt *DocTokens, sc *scratch) []Coding {
	turnText := turnTexts(doc)
	if dt != nil {
		// Each token is written over whole: no need to clear them.
		dt.doc, dt.toks, dt.first, dt.gens = doc, dt.toks[:0], append(dt.first[:0], 0), dt.gens[:0]
		dt.memo = sc.memo
	}
	// The matches of every segment first (segment si's are those from
	// ms[first[si]] on), then the codings, in a slice of their size.
	ms, first := sc.docMatches[:0], sc.docFirst[:0]
	for _, s := range doc.Segments {
		t := &doc.Turns[s.Turn]
		first = append(first, int32(len(ms)))
		ctx := Context{Role: t.Role, Window: turnText[s.Turn]}
		if dt == nil {
			ms = cb.match(s.Text, ctx, sc, ms)
			continue
		}
		// As match does, with the tokens made in dt.
		sc.memo.reset()
		dt.gens = append(dt.gens, sc.memo.gen)
		dt.toks = tokenizeMemo(s.Text, dt.toks, sc.memo)
		dt.first = append(dt.first, int32(len(dt.toks)))
		ms = cb.matchTokens(s.Text, ctx, sc, dt.segment(len(dt.first)-2), ms)
	}
	defer func() {
		clear(ms) // do not keep the document alive in the pool
		sc.docMatches, sc.docFirst = ms[:0], first[:0]
	}()
	if len(ms) == 0 {
		return nil
	}
	first = append(first, int32(len(ms)))
	out := make([]Coding, 0, len(ms))
	for si := range doc.Segments {
		s := &doc.Segments[si]
		t := &doc.Turns[s.Turn]
		for _, m := range ms[first[si]:first[si+1]] {
			out = append(out, Coding{
				Doc: doc.ID, Case: doc.Meta.Case, Speaker: t.Speaker, Role: t.Role, Voice: t.Voice,
				Segment: s.ID, SegN: s.N,
				Start: s.Span.Start + m.Start, End: s.Span.Start + m.End,
				Code: m.Code, Category: m.Category, Term: m.Surface, Rule: m.Term, How: m.How,
				Negated: m.Negated, NegCue: m.NegCue, Source: SourceAuto,
				Line: s.Line, Time: s.Time, Text: s.Text,
			})
		}
	}
	return out
}

// turnTexts returns the body text of each turn of doc: doc.Text between
// the Body offsets, which count code points. The texts share doc.Text's
// memory when it is valid UTF-8.
func turnTexts(doc *corpus.Document) []string {
	out := make([]string, len(doc.Turns))
	text := doc.Text
	if !utf8.ValidString(text) {
		// Invalid bytes become U+FFFD, as they always did.
		runes := []rune(text)
		for i, t := range doc.Turns {
			out[i] = string(runes[t.Body.Start:t.Body.End])
		}
		return out
	}
	cp, b := 0, 0 // code point cp starts at byte b
	at := func(r int) int {
		if r < 0 {
			return r
		}
		if r < cp {
			cp, b = 0, 0
		}
		for cp < r && b < len(text) {
			if r-cp >= 8 && len(text)-b >= 8 && ascii8(text[b:b+8]) {
				b += 8
				cp += 8
				continue
			}
			size := 1
			if text[b] >= utf8.RuneSelf {
				_, size = utf8.DecodeRuneInString(text[b:])
			}
			b += size
			cp++
		}
		if cp < r {
			return len(text) + r - cp // out of range: slicing panics, as it did
		}
		return b
	}
	for i, t := range doc.Turns {
		start := at(t.Body.Start)
		out[i] = text[start:at(t.Body.End)]
	}
	return out
}

// ascii8 reports whether the 8 bytes of s are ASCII.
func ascii8(s string) bool {
	_ = s[7]
	return (s[0]|s[1]|s[2]|s[3]|s[4]|s[5]|s[6]|s[7])&0x80 == 0
}
