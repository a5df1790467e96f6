package analysis

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/pbasis/pbasis/corpus"
)

// The merged state of an EmergentAccumulator is kept compact, because it
// grows with the vocabulary of every case:
//
//   - every folded word of the corpus is interned once (words, wordIdx); a
//     term is a uint64 key of one or two word ids (wordKey, phraseKey), so a
//     phrase costs no string;
//   - a written form that differs from its word's norm is interned once
//     (surfs); a term's surface form is a uint64 key of one or two surface
//     ids, 0 standing for the norm itself, so most terms keep no string;
//   - per case, a term seen once and written as its norm (most terms) is
//     the number of its segment in emCase.once; any other term is a
//     caseTerm of 16 bytes in emCase.terms: its count, its only surface form
//     (or multiSurf and a map in emCase.multi), and the number of its list
//     of first Examples segments (in emCase.ex);
//   - a segment kept as an example is a segRec of 8 bytes: its number and
//     the offset of its record (line, role and voice, ID unless standard,
//     time, text) in an exStore, in memory or, after SpillExamples, in a
//     temporary file; a Result reads back only the records it shows;
//   - a mention's written forms and cues are counted in strCounts, without
//     a map while there is one only (most mentions).

// noSeg marks an unused place in an example list.
const noSeg = ^uint32(0)

// multiSurf in caseTerm.surf says the term has more than one surface form
// (see emCase.multi). No real surface key is all ones: that would take
// 2^32-1 interned written forms.
const multiSurf = ^uint64(0)

// caseTerm is a term of a case.
type caseTerm struct {
	surf  uint64 // the surface key of all its occurrences, or multiSurf
	count uint32 // occurrences in the case (see maxTokens)
	ex    uint32 // its example list is emCase.ex[ex*E : ex*E+E], E = Examples
}

// termTotal is a term in the whole corpus.
type termTotal struct {
	count uint32 // occurrences (see maxTokens)
	df    uint32 // cases using it
}

// maxTokens is the most word tokens an accumulator counts: the counts of
// terms are kept in 32 bits.
const maxTokens = 1<<32 - 1

// caseMention is a mention (kind and norm) in a case.
type caseMention struct {
	count         int
	surf, pattern strCounts // written forms and cues, interned
	ex            uint32    // as caseTerm.ex
	name          bool      // a "bij …"/"met …" name, checked against the vocabulary in Result
	words         []uint32  // word ids of a name
}

// strCounts counts strings. Most mentions have one written form and one
// cue, so the first string is kept without a map.
type strCounts struct {
	one  string
	n    int            // count of one; 0 while empty
	more map[string]int // the other strings, nil while there are none
}

// add counts s k times (k > 0).
func (c *strCounts) add(s string, k int) {
	switch {
	case c.n == 0 || c.one == s:
		c.one = s
		c.n += k
	default:
		if c.more == nil {
			c.more = map[string]int{}
		}
		c.more[s] += k
	}
}

// addAll adds the counts of d.
func (c *strCounts) addAll(d *strCounts) {
	if d.n > 0 {
		c.add(d.one, d.n)
	}
	for s, k := range d.more {
		c.add(s, k)
	}
}

// best returns the string that before(s, t) puts first among the most
// frequent ones; "" when there is none.
func (c *strCounts) best(before func(s, t string) bool) string {
	if c.n == 0 {
		return ""
	}
	best, bc := c.one, c.n
	for s, k := range c.more {
		if k > bc || (k == bc && before(s, best)) {
			best, bc = s, k
		}
	}
	return best
}

// emCase is what the accumulator keeps of a case.
type emCase struct {
	tokens int
	// A term seen once in the case, written as its norm, is in once, with
	// the kept segment it was seen in; every other term is in terms. Most
	// terms of a case are such hapaxes (phrases above all), and once keeps
	// them in 16 bytes.
	once     map[uint64]uint32
	terms    map[uint64]caseTerm
	multi    map[uint64]surfMap // surface keys of the terms with more than one form
	mentions map[uint32]*caseMention
	ex       []uint32 // example lists of Examples global segment numbers, noSeg when unused
}

func newEmCase() *emCase {
	return &emCase{once: map[uint64]uint32{}, terms: map[uint64]caseTerm{}, multi: map[uint64]surfMap{}, mentions: map[uint32]*caseMention{}}
}

// lookup returns a term of the case, with its example list.
func (ca *emCase) lookup(key uint64, E int) (caseTerm, []uint32, bool) {
	if ce, ok := ca.terms[key]; ok {
		return ce, ca.ex[int(ce.ex)*E : int(ce.ex)*E+E], true
	}
	if g, ok := ca.once[key]; ok {
		return caseTerm{count: 1}, []uint32{g}, true
	}
	return caseTerm{}, nil, false
}

// newList returns the number of a new, empty example list of E places.
func (ca *emCase) newList(E int) uint32 {
	n := len(ca.ex) / E
	for range E {
		ca.ex = append(ca.ex, noSeg)
	}
	return uint32(n)
}

// segRec is a segment kept as an example: its number, and the offset of
// its record in the store (see exStore) from its document's base offset on.
// The kept segments of a document have consecutive numbers (global segment
// numbers, "g"), from its docRec.first on.
type segRec struct {
	n   int32  // bigNum: see EmergentAccumulator.bigNums
	off uint32 // from docRec.base
}

// stdID in a record: the segment's ID is "<doc ID>#<n>".
const stdID = ^uint32(0)

// bigNum in segRec.n: the number does not fit in 32 bits and is in
// EmergentAccumulator.bigNums.
const bigNum = math.MinInt32

// turnKind is the role and voice of a turn.
type turnKind struct {
	role  string
	voice corpus.Voice
}

// segNum returns the segment number of kept segment g.
func (a *EmergentAccumulator) segNum(g uint32) int {
	r := a.seg(g)
	if r.n == bigNum {
		return a.bigNums[g]
	}
	return int(r.n)
}

// small returns v as an int32, or bigNum when it does not fit.
func small(v int) int32 {
	if v <= math.MinInt32 || v > math.MaxInt32 {
		return bigNum
	}
	return int32(v)
}

// segChunk is the number of segRecs in one chunk of
// EmergentAccumulator.segs: chunks are never copied as the list grows.
const segChunk = 1024

// seg returns kept segment g.
func (a *EmergentAccumulator) seg(g uint32) *segRec {
	return &a.segs[g/segChunk][g%segChunk]
}

// docOf returns the index in a.docs of the document of kept segment g.
func (a *EmergentAccumulator) docOf(g uint32) int {
	lo, hi := 0, len(a.docs) // the answer is in [lo, hi)
	for hi-lo > 1 {
		mid := int(uint(lo+hi) >> 1)
		if a.docs[mid].first <= g {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// newSeg keeps r and returns its number.
func (a *EmergentAccumulator) newSeg(r segRec) uint32 {
	if n := len(a.segs); n == 0 || len(a.segs[n-1]) == segChunk {
		a.segs = append(a.segs, make([]segRec, 0, segChunk))
	}
	last := &a.segs[len(a.segs)-1]
	*last = append(*last, r)
	return uint32((len(a.segs)-1)*segChunk + len(*last) - 1)
}

// docRec is a document with kept examples.
type docRec struct {
	id    string
	first uint32 // number of its first kept segment
	base  int64  // offset of its records in the store
}

// mentionKey identifies a mention: mentions are grouped by kind and norm.
type mentionKey struct{ kind, norm string }

// vocabWord is a folded word of the corpus.
type vocabWord struct {
	norm string
	// lower: written without capitals somewhere in the corpus; proper:
	// written as a name somewhere.
	lower, proper bool
}

// memoGlobal maps the word numbers of one emMemo, in one epoch (between
// two of its resets), to global words: words[n] is 1 + the index in
// EmergentAccumulator.words of the word numbered n+1, or 0 when not known
// yet. A memo numbers the same word alike from document to document, so
// that most words are found here, not by their string in wordIdx.
type memoGlobal struct {
	epoch uint32
	words []uint32
}

// maxMemoWords bounds the memos whose word numbers AddObserved keeps.
const maxMemoWords = 64

// globalWord returns the index in a.words of local word w, adding it.
func (a *EmergentAccumulator) globalWord(mg *memoGlobal, w *emWord) uint32 {
	n := int(w.num)
	if n < len(mg.words) && mg.words[n] != 0 {
		return mg.words[n] - 1
	}
	g, ok := a.wordIdx[w.norm]
	if !ok {
		g = uint32(len(a.words))
		norm := strings.Clone(w.norm)
		a.wordIdx[norm] = g
		a.words = append(a.words, vocabWord{norm: norm})
	}
	for len(mg.words) <= n {
		mg.words = append(mg.words, 0)
	}
	mg.words[n] = g + 1
	return g
}

// AddObserved merges what Observe found in one document into the
// accumulator. It is cheap next to Observe. Documents must be merged from
// one goroutine; merged in the same order, Observe+AddObserved gives the
// same result as Add. AddObserved(nil) does nothing. AddObserved takes x
// over: x must not be used again (its memory is reused by Observe).
func (a *EmergentAccumulator) AddObserved(x *EmergentDoc) {
	if x == nil {
		return
	}
	ca := a.cases[x.doc.Meta.Case]
	if ca == nil {
		ca = newEmCase()
		a.cases[strings.Clone(x.doc.Meta.Case)] = ca
	}
	ca.tokens += x.tokens
	a.tokens += x.tokens
	if a.tokens > maxTokens {
		panic(fmt.Sprintf("analysis: EmergentAccumulator counts at most %d word tokens", maxTokens))
	}

	// Local ids to global ones.
	wmap := a.wmap[:0]
	mg := a.memoWords[x.memo]
	if mg == nil {
		if len(a.memoWords) >= maxMemoWords {
			clear(a.memoWords) // memos whose scratch the pool dropped
		}
		mg = &memoGlobal{}
		a.memoWords[x.memo] = mg
	}
	if mg.epoch != x.epoch {
		mg.epoch, mg.words = x.epoch, mg.words[:0]
	}
	for i := range x.words {
		w := &x.words[i]
		g := a.globalWord(mg, w)
		v := &a.words[g]
		v.lower = v.lower || w.lower
		v.proper = v.proper || w.proper
		wmap = append(wmap, g)
	}
	smap := a.smap[:0]
	for _, s := range x.surfs {
		g, ok := a.surfIdx[s]
		if !ok {
			g = uint32(len(a.surfs))
			s = strings.Clone(s)
			a.surfIdx[s] = g
			a.surfs = append(a.surfs, s)
		}
		smap = append(smap, g)
	}
	gseg := a.gseg[:0]
	for range x.doc.Segments {
		gseg = append(gseg, noSeg)
	}
	a.wmap, a.smap, a.gseg = wmap, smap, gseg
	m := merger{a: a, x: x, gseg: gseg, doc: -1, after: len(a.docs) == 0 || x.doc.ID > a.docs[a.lastDoc].id}

	E := a.opt.Examples
	for ti := range x.terms {
		lt := &x.terms[ti]
		key := globalKey(lt.key, wmap)
		pair := uint32(lt.key) != noWord
		ce, seen := ca.terms[key]
		if !seen {
			if g, ok := ca.once[key]; ok {
				delete(ca.once, key)
				ce = caseTerm{count: 1, ex: ca.newList(E)}
				ca.ex[int(ce.ex)*E] = g
				seen = true
			}
		}
		tot := a.totals[key]
		tot.count += uint32(lt.count)
		if !seen {
			tot.df++
		}
		a.totals[key] = tot
		gs := uint64(0)
		if lt.multi < 0 {
			gs = globalSurface(lt.surf, pair, smap)
		}
		if !seen && lt.count == 1 && lt.multi < 0 && gs == 0 {
			ca.once[key] = m.seg(x.exs[ti*E])
			continue
		}
		if !seen {
			ce.ex = ca.newList(E)
		}
		// Surface forms.
		if lt.multi < 0 {
			switch {
			case !seen:
				ce.surf = gs
			case ce.surf == gs:
			default:
				ca.toMulti(key, &ce)[gs] += lt.count
			}
		} else {
			sm := ca.toMulti(key, &ce)
			for s, c := range x.multi[lt.multi] {
				sm[globalSurface(s, pair, smap)] += c
			}
		}
		ce.count += uint32(lt.count)
		list := ca.ex[int(ce.ex)*E : int(ce.ex)*E+E]
		for _, ls := range x.exs[ti*E : ti*E+E] {
			if ls < 0 {
				break
			}
			m.insert(list, ls)
		}
		ca.terms[key] = ce
	}

	for i := range x.mentions {
		mm := &x.mentions[i]
		id, ok := a.mentIdx[mentionKey{mm.kind, mm.norm}]
		if !ok {
			id = uint32(len(a.ments))
			k := mentionKey{mm.kind, strings.Clone(mm.norm)}
			a.mentIdx[k] = id
			a.ments = append(a.ments, k)
		}
		cm := ca.mentions[id]
		if cm == nil {
			words := make([]uint32, len(mm.words))
			for j, w := range mm.words {
				words[j] = wmap[w]
			}
			cm = &caseMention{ex: ca.newList(E), name: mm.name, words: words}
			ca.mentions[id] = cm
		}
		cm.count++
		cm.surf.add(a.intern(mm.text), 1)
		cm.pattern.add(a.intern(mm.pattern), 1)
		m.insert(ca.ex[int(cm.ex)*E:int(cm.ex)*E+E], mm.seg)
	}
	m.keepSegments()
	x.reset()
	a.observed.Put(x)
}

// toMulti returns the surface counts of a term, making them when the term
// had one form only.
func (ca *emCase) toMulti(key uint64, ce *caseTerm) surfMap {
	if ce.surf == multiSurf {
		return ca.multi[key]
	}
	sm := surfMap{}
	if ce.count > 0 {
		sm[ce.surf] = int(ce.count)
	}
	ca.multi[key] = sm
	ce.surf = multiSurf
	return sm
}

// globalKey maps a term key of local word ids to global ones.
func globalKey(k uint64, wmap []uint32) uint64 {
	w1, w2 := uint32(k>>32), uint32(k)
	if w2 == noWord {
		return wordKey(wmap[w1])
	}
	return phraseKey(wmap[w1], wmap[w2])
}

// globalSurface maps a surface key of local surface ids to global ones.
func globalSurface(s uint64, pair bool, smap []uint32) uint64 {
	conv := func(id uint32) uint64 {
		if id == 0 {
			return 0
		}
		return uint64(smap[id-1])
	}
	if !pair {
		return conv(uint32(s))
	}
	return conv(uint32(s>>32))<<32 | conv(uint32(s))
}

// intern returns s, or the equal string the accumulator already holds.
func (a *EmergentAccumulator) intern(s string) string {
	if t, ok := a.strs[s]; ok {
		return t
	}
	s = strings.Clone(s)
	a.strs[s] = s
	return s
}

// turnID returns the index of a turn's role and voice in a.turns.
func (a *EmergentAccumulator) turnID(t *corpus.Turn) uint32 {
	if int(a.lastTurn) < len(a.turns) {
		// Kept segments in a row are mostly of one speaker: try the
		// last turn kind first.
		if last := &a.turns[a.lastTurn]; last.role == t.Role && last.voice == t.Voice {
			return a.lastTurn
		}
	}
	k := turnKind{t.Role, t.Voice}
	id, ok := a.turnIdx[k]
	if !ok {
		id = uint32(len(a.turns))
		k = turnKind{strings.Clone(t.Role), corpus.Voice(strings.Clone(string(t.Voice)))}
		a.turnIdx[k] = id
		a.turns = append(a.turns, k)
	}
	a.lastTurn = id
	return id
}

// merger merges the example lists of one document.
type merger struct {
	a    *EmergentAccumulator
	x    *EmergentDoc
	gseg []uint32 // global segment number of each local segment kept, or noSeg
	doc  int      // index of the document in a.docs, -1 until a segment is kept
	// after: the document's ID sorts after that of every document with
	// kept segments (documents usually come in ID order), so every kept
	// segment of another document comes before its segments.
	after bool
	num   []byte // scratch for stdID
}

// cmpSeg compares kept segment g with segment number n of document doc in
// document order: by document ID, then number.
func (m *merger) cmpSeg(g uint32, doc string, n int) int {
	if m.doc < 0 || g < m.a.docs[m.doc].first { // another document's
		if m.after {
			return -1
		}
		if c := strings.Compare(m.a.docs[m.a.docOf(g)].id, doc); c != 0 {
			return c
		}
	}
	return cmp.Compare(m.a.segNum(g), n)
}

// insert puts local segment ls into an example list, which holds the first
// len(list) distinct segments in document order (the first kept of equal
// ones).
func (m *merger) insert(list []uint32, ls int32) {
	doc, n := m.x.doc.ID, m.x.doc.Segments[ls].N
	if last := list[len(list)-1]; last != noSeg && m.cmpSeg(last, doc, n) <= 0 {
		return
	}
	i := 0
	for ; i < len(list) && list[i] != noSeg; i++ {
		c := m.cmpSeg(list[i], doc, n)
		if c == 0 {
			return
		}
		if c > 0 {
			break
		}
	}
	copy(list[i+1:], list[i:len(list)-1])
	list[i] = m.seg(ls)
}

// seg returns the global number of local segment ls, keeping it.
func (m *merger) seg(ls int32) uint32 {
	if g := m.gseg[ls]; g != noSeg {
		return g
	}
	a := m.a
	s := &m.x.doc.Segments[ls]
	g := a.newSeg(segRec{n: small(s.N)})
	if a.seg(g).n == bigNum {
		a.bigNums[g] = s.N
	}
	if m.doc < 0 {
		m.doc = len(a.docs)
		a.docs = append(a.docs, docRec{id: strings.Clone(m.x.doc.ID), first: g})
		if m.after {
			a.lastDoc = m.doc
		}
	}
	m.gseg[ls] = g
	return g
}

// keepSegments writes the records of the kept segments (see exStore) to
// the store, one after the other.
func (m *merger) keepSegments() {
	if m.doc < 0 {
		return
	}
	a := m.a
	d := &a.docs[m.doc]
	d.base = a.store.size
	b := a.rec[:0]
	for ls, g := range m.gseg {
		if g == noSeg {
			continue
		}
		s := &m.x.doc.Segments[ls]
		var turn corpus.Turn
		if s.Turn >= 0 && s.Turn < len(m.x.doc.Turns) {
			turn = m.x.doc.Turns[s.Turn]
		}
		off := d.base + int64(len(b))
		if off-d.base > math.MaxUint32 && a.store.err == nil {
			a.store.err = fmt.Errorf("analysis: the kept segments of document %s hold more than 4 GiB", m.x.doc.ID)
		}
		a.seg(g).off = uint32(off - d.base)
		std := m.stdID(s)
		idLen := uint64(len(s.ID)) + 1
		if std {
			idLen = 0
		}
		b = binary.AppendVarint(b, int64(s.Line))
		b = binary.AppendUvarint(b, uint64(a.turnID(&turn)))
		b = binary.AppendUvarint(b, idLen)
		b = binary.AppendUvarint(b, uint64(len(s.Time)))
		b = binary.AppendUvarint(b, uint64(len(s.Text)))
		if !std {
			b = append(b, s.ID...)
		}
		b = append(b, s.Time...)
		b = append(b, s.Text...)
	}
	a.store.write(b)
	if cap(b) > 1<<20 {
		b = nil // do not keep the scratch of a huge document
	}
	a.rec = b[:0]
}

// stdID reports whether a segment's ID is "<doc ID>#<n>".
func (m *merger) stdID(s *corpus.Segment) bool {
	doc := m.x.doc.ID
	if len(s.ID) <= len(doc) || s.ID[:len(doc)] != doc || s.ID[len(doc)] != '#' {
		return false
	}
	m.num = strconv.AppendInt(m.num[:0], int64(s.N), 10)
	return s.ID[len(doc)+1:] == string(m.num)
}

// exCache holds the Examples made by one Result, by kept segment: a
// segment that is an example of many terms is copied once. err is the first
// error of reading the store.
type exCache struct {
	m   map[uint32]Example
	err error
}

// example returns kept segment g as an Example. Its strings are read from
// the store, new, so that a Result keeps only the segments it shows alive.
// On an error of the store, it records it in exs and returns a zero
// Example.
func (a *EmergentAccumulator) example(g uint32, exs *exCache) Example {
	if e, ok := exs.m[g]; ok {
		return e
	}
	if exs.err != nil {
		return Example{}
	}
	r := a.seg(g)
	d := &a.docs[a.docOf(g)]
	line, turn, id, std, time, text, err := a.store.record(d.base + int64(r.off))
	if err != nil {
		exs.err = err
		return Example{}
	}
	if std {
		id = d.id + "#" + strconv.Itoa(a.segNum(g))
	}
	t := &a.turns[turn]
	e := Example{Doc: d.id, Segment: id, Line: line, Time: time, Role: t.role, Voice: t.voice, Text: text}
	exs.m[g] = e
	return e
}

// examples returns the examples of a list (nil when empty).
func (a *EmergentAccumulator) examples(list []uint32, exs *exCache) []Example {
	n := 0
	for n < len(list) && list[n] != noSeg {
		n++
	}
	if n == 0 {
		return nil
	}
	out := make([]Example, n)
	for i, g := range list[:n] {
		out[i] = a.example(g, exs)
	}
	return out
}

// cmpKept compares two kept segments in document order.
func (a *EmergentAccumulator) cmpKept(g, h uint32) int {
	if dg, dh := a.docOf(g), a.docOf(h); dg != dh {
		if c := strings.Compare(a.docs[dg].id, a.docs[dh].id); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.segNum(g), a.segNum(h))
}

// mergeKept puts kept segment g into an example list (see merger.insert).
func (a *EmergentAccumulator) mergeKept(list []uint32, g uint32) {
	i := 0
	for ; i < len(list) && list[i] != noSeg; i++ {
		c := a.cmpKept(list[i], g)
		if c == 0 {
			return
		}
		if c > 0 {
			break
		}
	}
	if i == len(list) {
		return
	}
	copy(list[i+1:], list[i:len(list)-1])
	list[i] = g
}
