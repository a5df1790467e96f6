package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pbasis/pbasis/corpus"
)

// EmergentDoc is what EmergentAccumulator.Observe found in one document:
// its words, the counts, surface forms and first segments of its terms, its
// mentions, and the segments that may become examples. Its contents are
// private; hand it to AddObserved of the accumulator that made it.
type EmergentDoc struct {
	doc      *corpus.Document
	memo     uint32    // the id of the emMemo that numbered the words
	epoch    uint32    // and its epoch then (see emMemo)
	tokens   int       // word tokens of the included segments
	words    []emWord  // distinct folded words of the document, all voices; a local word id indexes it
	surfs    []string  // written forms that differ from their word's norm; local surface id i+1
	terms    []emTerm  // distinct uncovered words and phrases of the included segments
	multi    []surfMap // surface counts of the terms written in more than one form (emTerm.multi)
	exs      []int32   // example lists of terms: Examples indexes in doc.Segments per term, -1 when unused
	mentions []emMention
}

// reset empties x for reuse, dropping every reference into its document.
func (x *EmergentDoc) reset() {
	x.doc, x.tokens = nil, 0
	clear(x.words)
	clear(x.surfs)
	clear(x.multi)
	clear(x.mentions)
	x.words, x.surfs, x.terms, x.multi, x.exs, x.mentions = x.words[:0], x.surfs[:0], x.terms[:0], x.multi[:0], x.exs[:0], x.mentions[:0]
}

// surfMap counts surface forms by surface key (see emTerm.surf).
type surfMap map[uint64]int

// emWord is a distinct folded word of one document.
type emWord struct {
	norm string
	// lower: written without capitals somewhere; proper: written as a
	// name (capitalised inside a sentence, name-shaped).
	lower, proper bool
	cue           wordCue // what the word is for the cues and keywords
	suf           int8    // index of its person/place suffix in the cue tables (suffixKind); -1 none
	num           int32   // its number in the emMemo, minus 1
}

// Term keys: a word is its word id in the high half and noWord in the low
// half; a phrase is its two word ids. Surface keys follow the same layout
// with surface ids, 0 standing for the word's norm itself.
const noWord = 0xFFFFFFFF

func wordKey(w uint32) uint64        { return uint64(w)<<32 | noWord }
func phraseKey(w1, w2 uint32) uint64 { return uint64(w1)<<32 | uint64(w2) }

// emTerm is a distinct term of one document.
type emTerm struct {
	key   uint64 // local word ids
	surf  uint64 // local surface key of its first occurrence
	count int
	multi int32 // index in EmergentDoc.multi, -1 while one form only
}

// emMention is one mention found in a segment (see Mention).
type emMention struct {
	kind, pattern, text, norm string
	name                      bool
	words                     []int32 // local word ids of a name
	seg                       int32   // index of its segment in the document
}

// emScratch is the reusable working memory of Observe.
type emScratch struct {
	words         emMemo
	toks          []tok
	ids           []int32  // local word id of each token
	sk            []uint32 // local surface key of each token
	covered, cand []bool
	used          []bool
	surfIdx       map[string]int32
	termIdx       termTable // term key -> index in EmergentDoc.terms
	// The codings' spans: those of segment ID id are spans[k] for k from
	// head[id] on, following next until -1; loose ones have no segment.
	head  map[string]int32
	spans []codedSpan
	next  []int32
	loose []codedSpan
	found []emMention
	// wiEnts[wi] is what is known of the word of the matcher's memo entry
	// wi (see DocTokens): valid when its tag is wiEpoch.
	wiEnts  []wiEnt
	wiEpoch uint32
	// The epoch's matcher memo, its generation and words' epoch: while a
	// document's tokens come from the same memo and generation, and words
	// has not been emptied, the numbers stay valid across documents.
	wiMemo       *wordMemo
	wiGen        uint32
	wiWordsEpoch uint32
}

// wiEnt is what an emScratch knows of the word of a matcher memo entry:
// its number in the scratch's emMemo and, in the document of generation
// gen (emMemo.cur), its local id.
type wiEnt struct {
	tag   uint32 // the wiEpoch it was made in
	num   int32
	gen   uint32
	local int32
}

// useTokens makes the entries wiWord remembers those of the tokens of
// matcher memo memo in generation gen (see DocTokens): it forgets them
// (newEpoch) unless they are of the same memo and generation and sc.words
// has not been emptied since.
func (sc *emScratch) useTokens(memo *wordMemo, gen uint32) {
	if sc.wiEpoch != 0 && memo != nil && memo == sc.wiMemo && gen == sc.wiGen && sc.words.epoch == sc.wiWordsEpoch {
		return
	}
	sc.newEpoch()
	sc.wiMemo, sc.wiGen, sc.wiWordsEpoch = memo, gen, sc.words.epoch
}

// newEpoch forgets the entries wiWord remembered: call it when the
// matcher's memo may have changed (another memo, another generation) or
// the document generations of sc.words started again.
func (sc *emScratch) newEpoch() {
	sc.wiEpoch++
	if sc.wiEpoch == 0 { // wrapped: old tags could match
		clear(sc.wiEnts)
		sc.wiEpoch = 1
	}
}

// wiWord returns the local id in x (see localWord) of the folded word of
// token t of a DocTokens, adding the word to sc.words and to x when new.
// By t.wi (the matcher's memo entry) it remembers the word's number until
// newEpoch, and its local id for the rest of the document, so that a word
// met again costs one look in a small table: no lookup by its text, and
// no look in the memo.
func (a *EmergentAccumulator) wiWord(x *EmergentDoc, sc *emScratch, t *tok) int32 {
	wi := t.wi
	if wi <= 0 {
		return a.localWord(x, sc, sc.words.numberOf(a.tabs, t.Norm))
	}
	if int(wi) >= len(sc.wiEnts) {
		n := max(2*len(sc.wiEnts), int(wi)+1, 1024)
		sc.wiEnts = append(sc.wiEnts, make([]wiEnt, n-len(sc.wiEnts))...)
	}
	e := &sc.wiEnts[wi]
	if e.tag != sc.wiEpoch {
		*e = wiEnt{tag: sc.wiEpoch, num: sc.words.numberOf(a.tabs, t.Norm)}
	} else if e.gen == sc.words.cur {
		return e.local
	}
	e.gen, e.local = sc.words.cur, a.localWord(x, sc, e.num)
	return e.local
}

// emMemoMax bounds the words an Observe scratch remembers across
// documents: before a document, a memo that holds more forgets them all.
// A word costs about 60 bytes with its share of the index.
const emMemoMax = 1 << 15

// emMemo numbers the folded words that Observe meets, across the
// documents one scratch observes, with what the cue tables say of each, so
// that a word is folded, looked up in the tables and copied once, not once
// per token or document; and it gives each word its local id in the
// document being observed. It holds no reference into a document.
type emMemo struct {
	// id names the memo to AddObserved (unique in its accumulator); epoch
	// counts its resets: a word number names the same word within an
	// epoch.
	id, epoch uint32
	words     tokenIndex   // folded word -> number (names not apart)
	info      []emMemoWord // by word number - 1
	cur       uint32       // the generation of the document being observed
}

// emMemoWord is what an emMemo knows of a word: its cue facts and suffix
// (cueOf, suffixKind), and its local id in the document of generation gen.
type emMemoWord struct {
	gen   uint32
	local int32
	cue   wordCue
	suf   int8
}

// begin starts a document: the words of the last one have no local ids
// any more, and a memo that holds more than max words is emptied.
func (m *emMemo) begin(max int) {
	if len(m.words.idx.keys) > max {
		m.words.idx.reset()
		m.info = m.info[:0]
		m.epoch++
	}
	m.cur++
	if m.cur == 0 { // wrapped: old generations could match
		for i := range m.info {
			m.info[i].gen = 0
		}
		m.cur = 1
	}
}

// number returns the number of the folded word of token t (tokenized with
// m.words), adding the word when new.
func (m *emMemo) number(tb *mentionCueTables, t *tok) int32 {
	if t.wi != 0 {
		return t.wi
	}
	// Not known when the segment was tokenized; maybe since.
	return m.numberOf(tb, t.Norm)
}

// numberOf returns the number of the folded word norm, adding it when new.
func (m *emMemo) numberOf(tb *mentionCueTables, norm string) int32 {
	if wi := indexGet(&m.words.idx, norm); wi != 0 {
		return wi
	}
	norm = strings.Clone(norm) // do not keep the document alive
	m.info = append(m.info, emMemoWord{cue: tb.cueOf(norm), suf: int8(tb.suffixKind(norm))})
	return m.words.idx.add(norm)
}

// Observe reads one document and returns what it found, for AddObserved.
// It only reads the accumulator's options and word tables, so any number of
// goroutines may call it at once, also while another goroutine calls
// AddObserved or Result. codings and the rest are as for Add. The result
// refers to doc, which must not change until it is merged. Observe(nil, …)
// returns nil.
func (a *EmergentAccumulator) Observe(doc *corpus.Document, codings []Coding) *EmergentDoc {
	return a.ObserveTokens(doc, codings, nil)
}

// ObserveTokens is Observe that reads the segments' tokens from dt when it
// holds those of doc (made by CodeDocumentTokens for this doc), instead of
// tokenizing the segments again; dt may be nil. The result is the same.
// ObserveTokens only reads dt.
func (a *EmergentAccumulator) ObserveTokens(doc *corpus.Document, codings []Coding, dt *DocTokens) *EmergentDoc {
	if doc == nil {
		return nil
	}
	sc, _ := a.scratch.Get().(*emScratch)
	if sc == nil {
		sc = &emScratch{
			surfIdx: map[string]int32{},
			head:    map[string]int32{},
		}
		sc.words.id = a.memos.Add(1)
	}
	sc.words.begin(a.memoMax)
	if sc.words.cur == 1 {
		sc.newEpoch() // the generations started again: wiWord's local ids are stale
	}
	defer func() {
		// Drop every reference into the document before the scratch is reused.
		clear(sc.surfIdx)
		sc.termIdx.reset()
		clear(sc.head)
		clear(sc.toks[:cap(sc.toks)])
		clear(sc.found[:cap(sc.found)])
		a.scratch.Put(sc)
	}()
	sc.spans, sc.next, sc.loose = sc.spans[:0], sc.next[:0], sc.loose[:0]
	for i := range codings {
		c := &codings[i]
		if c.Doc != doc.ID || c.End <= c.Start {
			continue
		}
		if c.Segment == "" {
			sc.loose = append(sc.loose, codedSpan{c.Start, c.End})
			continue
		}
		k, ok := sc.head[c.Segment]
		if !ok {
			k = -1
		}
		sc.head[c.Segment] = int32(len(sc.spans))
		sc.spans = append(sc.spans, codedSpan{c.Start, c.End})
		sc.next = append(sc.next, k)
	}
	x, _ := a.observed.Get().(*EmergentDoc)
	if x == nil {
		x = &EmergentDoc{}
	}
	x.doc, x.memo, x.epoch = doc, sc.words.id, sc.words.epoch
	E := a.opt.Examples
	reuse := dt.segments(doc)
	// The voice of the last segment and whether it is read: segments of
	// one turn follow each other.
	var lastVoice corpus.Voice
	lastRead := a.voices[lastVoice]
	for si := range doc.Segments {
		s := &doc.Segments[si]
		var turn corpus.Turn
		if s.Turn >= 0 && s.Turn < len(doc.Turns) {
			turn = doc.Turns[s.Turn]
		}
		var toks []tok
		if reuse {
			toks = dt.segment(si)
			sc.useTokens(dt.memo, dt.gens[si])
		} else {
			sc.toks = tokenizeIndex(s.Text, sc.toks[:0], &sc.words.words)
			toks = sc.toks
		}
		ids := sc.ids[:0]
		for i := range toks {
			t := &toks[i]
			var id int32
			if reuse {
				id = a.wiWord(x, sc, t) // t.wi is the matcher's
			} else {
				id = a.localWord(x, sc, sc.words.number(a.tabs, t))
			}
			ids = append(ids, id)
			wd := &x.words[id]
			if wd.lower {
				// Only proper can change: a name-shaped word has a capital.
				if !wd.proper && t.proper && nameShaped(s.Text[t.bs:t.be]) {
					wd.proper = true
				}
				continue
			}
			w := s.Text[t.bs:t.be]
			switch {
			case !hasUpperRune(w):
				wd.lower = true
			case t.proper && nameShaped(w):
				wd.proper = true
			}
		}
		sc.ids = ids
		if turn.Voice != lastVoice {
			lastVoice, lastRead = turn.Voice, a.voices[turn.Voice]
		}
		if !lastRead {
			continue
		}
		x.tokens += len(toks)
		ls := int32(si)
		n := len(toks)
		covered := grow(sc.covered, n)
		cand := grow(sc.cand, n)
		sk := sc.sk[:0]
		first, ok := sc.head[s.ID]
		if !ok {
			first = -1
		}
		for i := range toks {
			t := &toks[i]
			covered[i] = sc.coded(first, s.Span.Start+t.Start, s.Span.Start+t.End)
			cand[i] = !covered[i] && x.words[ids[i]].cue&cueKeep != 0 && !(t.proper && nameShaped(s.Text[t.bs:t.be]))
			var k uint32
			if cand[i] {
				if w := s.Text[t.bs:t.be]; w != t.Norm {
					k = a.localSurface(x, sc, w)
				}
			}
			sk = append(sk, k)
		}
		sc.covered, sc.cand, sc.sk = covered, cand, sk
		for i := range toks {
			if !cand[i] {
				continue
			}
			id := uint32(ids[i])
			x.addTerm(sc, E, wordKey(id), uint64(sk[i]), ls)
			if i > 0 && cand[i-1] && !toks[i].brk {
				x.addTerm(sc, E, phraseKey(uint32(ids[i-1]), id), uint64(sk[i-1])<<32|uint64(sk[i]), ls)
			}
		}
		sc.found = a.findMentions(x, sc, toks, s.Text, ls, sc.found[:0])
		x.mentions = append(x.mentions, sc.found...)
	}
	return x
}

// coded reports whether a coding overlaps [start, end): one of the
// segment's, whose list starts at spans[k], or a loose one.
func (sc *emScratch) coded(k int32, start, end int) bool {
	for ; k >= 0; k = sc.next[k] {
		if sp := sc.spans[k]; sp.start < end && start < sp.end {
			return true
		}
	}
	return overlapsAny(sc.loose, start, end)
}

// grow returns b resliced to length n, reallocated when too small.
func grow(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n, n+n/2)
	}
	return b[:n]
}

// localWord returns the local id of the folded word numbered num in
// sc.words, adding it.
func (a *EmergentAccumulator) localWord(x *EmergentDoc, sc *emScratch, num int32) int32 {
	m := &sc.words
	k := num - 1
	w := &m.info[k]
	if w.gen == m.cur {
		return w.local
	}
	id := int32(len(x.words))
	w.gen, w.local = m.cur, id
	x.words = append(x.words, emWord{norm: m.words.idx.keys[k], cue: w.cue, suf: w.suf, num: k})
	return id
}

// localSurface returns the local surface id (from 1) of the written form w.
func (a *EmergentAccumulator) localSurface(x *EmergentDoc, sc *emScratch, w string) uint32 {
	if id, ok := sc.surfIdx[w]; ok {
		return uint32(id)
	}
	x.surfs = append(x.surfs, w)
	id := int32(len(x.surfs))
	sc.surfIdx[w] = id
	return uint32(id)
}

// addTerm counts one occurrence of the term key with surface key surf in
// the included segment ls (an index in the document's segments), keeping
// its first E segments (by number).
func (x *EmergentDoc) addTerm(sc *emScratch, E int, key, surf uint64, ls int32) {
	ti, ok := sc.termIdx.getOrAdd(key, int32(len(x.terms)))
	if !ok {
		x.terms = append(x.terms, emTerm{key: key, surf: surf, count: 1, multi: -1})
		x.exs = append(x.exs, ls)
		for range E - 1 {
			x.exs = append(x.exs, -1)
		}
		return
	}
	t := &x.terms[ti]
	t.count++
	switch {
	case t.multi >= 0:
		x.multi[t.multi][surf]++
	case t.surf != surf:
		t.multi = int32(len(x.multi))
		x.multi = append(x.multi, surfMap{t.surf: t.count - 1, surf: 1})
	}
	x.insertLocalExample(x.exs[int(ti)*E:int(ti)*E+E], ls)
}

// insertLocalExample puts segment ls into a list of indexes in the
// document's segments, sorted by segment number, keeping the first
// len(list) distinct numbers (the first segment of a number).
func (x *EmergentDoc) insertLocalExample(list []int32, ls int32) {
	segs := x.doc.Segments
	n := segs[ls].N
	i := 0
	for ; i < len(list) && list[i] >= 0; i++ {
		m := segs[list[i]].N
		if m == n {
			return
		}
		if m > n {
			break
		}
	}
	if i == len(list) {
		return
	}
	copy(list[i+1:], list[i:len(list)-1])
	list[i] = ls
}

// suffixOf returns the index in tb.suffixes of the person or place suffix
// of local word id (see suffixKind), or -1.
func (a *EmergentAccumulator) suffixOf(x *EmergentDoc, id int32) int {
	return int(x.words[id].suf)
}

// findMentions appends the uncovered person and place mentions of one
// included segment (number ls in the document, tokens toks) to out, in
// text order.
func (a *EmergentAccumulator) findMentions(x *EmergentDoc, sc *emScratch, toks []tok, text string, ls int32, out []emMention) []emMention {
	tb := a.tabs
	ids, covered := sc.ids, sc.covered
	sc.used = grow(sc.used, len(toks))
	used := sc.used
	clear(used)
	cue := func(i int) wordCue { return x.words[ids[i]].cue }
	surf := func(i, j int) string { return text[toks[i].bs:toks[j-1].be] }
	free := func(i, j int) bool {
		for k := i; k < j; k++ {
			if covered[k] || used[k] {
				return false
			}
		}
		return true
	}
	// isName: token i is a capitalised word inside a sentence.
	isName := func(i int) bool {
		return toks[i].proper && unicode.IsUpper(firstRuneOf(text[toks[i].bs:toks[i].be])) && cue(i)&cueNotName == 0
	}
	// nameRun returns the end of a run of up to three name tokens at i.
	nameRun := func(i int) int {
		j := i
		for j < len(toks) && j-i < 3 && isName(j) && (j == i || !toks[j].brk) {
			j++
		}
		return j
	}
	mark := func(i, j int) {
		for k := i; k < j; k++ {
			used[k] = true
		}
	}
	for i := 0; i < len(toks); i++ {
		c := cue(i)
		// "<kin> van X"
		if c&cueKin != 0 && i+2 < len(toks) && cue(i+1)&cueVan != 0 && !toks[i+1].brk && !toks[i+2].brk {
			j := nameRun(i + 2)
			if j == i+2 && i+3 < len(toks) && cue(i+2)&cueDet != 0 && !toks[i+3].brk && cue(i+3)&cueKeep != 0 {
				j = i + 4
			}
			if j > i+2 && free(i, j) {
				pat := toks[i].Norm + " van …"
				if i > 0 && cue(i-1)&cueDet != 0 && !toks[i].brk {
					pat = toks[i-1].Norm + " " + pat
				}
				s := surf(i, j)
				out = append(out, emMention{kind: MentionPerson, pattern: pat, text: s, norm: Fold(s), seg: ls})
				mark(i, j)
				i = j - 1
				continue
			}
		}
		if c&(cueBij|cueMet) != 0 {
			// "bij X thuis"
			if c&cueBij != 0 {
				for j := i + 2; j <= i+4 && j < len(toks); j++ {
					if toks[j].brk {
						break
					}
					if cue(j)&cueThuis == 0 {
						continue
					}
					content := false
					for k := i + 1; k < j; k++ {
						if cue(k)&cueKeep != 0 || isName(k) {
							content = true
						}
					}
					if content && free(i, j+1) {
						s := surf(i, j+1)
						out = append(out, emMention{kind: MentionPlace, pattern: "bij … thuis", text: s, norm: Fold(s), seg: ls})
						mark(i, j+1)
					}
					break
				}
				if used[i] {
					continue
				}
			}
			// "bij X" / "met X"
			if i+1 < len(toks) && !toks[i+1].brk {
				j := nameRun(i + 1)
				if j > i+1 && free(i+1, j) {
					s := surf(i+1, j)
					pat := "met …"
					if c&cueBij != 0 {
						pat = "bij …"
					}
					out = append(out, emMention{kind: MentionName, pattern: pat, text: s, norm: Fold(s), name: true,
						words: append([]int32(nil), ids[i+1:j]...), seg: ls})
					mark(i+1, j)
					i = j - 1
					continue
				}
			}
		}
		// Compounds with a person or place suffix.
		if covered[i] || used[i] || toks[i].proper || c&cueKeep == 0 || c&cueLetters == 0 {
			continue
		}
		if k := a.suffixOf(x, ids[i]); k >= 0 {
			sf := &tb.suffixes[k]
			n := toks[i].Norm
			if sf.base == "er" || sf.base == "ster" {
				// Words in -ier (kwartier, papier, plezier) are seldom persons.
				if c&cueNonEr != 0 || strings.HasSuffix(strings.TrimSuffix(n, "s"), "ier") || !afterDeDeterminer(x, toks, ids, i) {
					continue
				}
			}
			// A past participle (gesneuveld, geveld) is no field.
			if sf.kind == MentionPlace && strings.HasPrefix(n, "ge") && (sf.base == "veld" || sf.base == "bad") {
				continue
			}
			out = append(out, emMention{kind: sf.kind, pattern: sf.pattern, text: text[toks[i].bs:toks[i].be], norm: n, seg: ls})
			used[i] = true
		}
	}
	return out
}

// afterDeDeterminer reports whether token i follows a de-word determiner,
// directly or after one adjective in -e.
func afterDeDeterminer(x *EmergentDoc, toks []tok, ids []int32, i int) bool {
	deDet := func(k int) bool { return x.words[ids[k]].cue&cueDeDet != 0 }
	if i >= 1 && !toks[i].brk && deDet(i-1) {
		return true
	}
	return i >= 2 && !toks[i].brk && !toks[i-1].brk && strings.HasSuffix(toks[i-1].Norm, "e") &&
		deDet(i-2) && !deDet(i-1)
}

func firstRuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
