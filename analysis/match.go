package analysis

import (
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"
)

// Context is what the matcher knows about where a segment stands.
type Context struct {
	// Role is the speaker's role ("parent", "child", ...); "" when unknown.
	// Terms restricted to roles never match when it is "".
	Role string
	// Window is the text around the segment within the same turn, for
	// unless_near/only_near; it may be "". When the segment text occurs in
	// it, distances are counted from the segment's place in the window;
	// when it does not, every word of the window counts as near.
	Window string
}

// Match is one coding found in a segment.
type Match struct {
	Code     string
	Category Category
	// Start and End are offsets in code points into the segment text
	// (End exclusive). A compound is coded as the whole written word.
	Start, End int
	Surface    string // the text[Start:End] as written
	Term       string // the codebook term that matched, as written in the codebook
	Negated    bool
	NegCue     string // the negation word as written, when Negated
	// How is "exact", "inflection", "stem", "compound" or "phrase".
	How string
}

// How values of a Match.
const (
	howExact uint8 = iota
	howInflection
	howStem
	howCompound
	howPhrase
	howPrefix // cue words only
)

var howNames = [...]string{"exact", "inflection", "stem", "compound", "phrase", "prefix"}

// Pattern kinds.
const (
	patTerm uint8 = iota
	patExclude
	patCue
)

// wordPat is one word of a pattern.
type wordPat struct {
	base  string              // folded
	stem  string              // "" for exact patterns
	forms map[string]struct{} // inflected forms (not base); nil for exact
	// minLen and maxLen bound the byte length of base and forms.
	minLen, maxLen int
	// baseFid and formFids (sorted) are the ids of base and forms in the
	// lexicon's dict; set for the words after the first of a phrase.
	baseFid  int32
	formFids []int32
}

// hasForm reports whether fid is the id of one of w's forms.
func (w *wordPat) hasForm(fid int32) bool {
	_, ok := slices.BinarySearch(w.formFids, fid)
	return ok
}

// pattern is one term, exclude word or cue word, compiled.
type pattern struct {
	kind  uint8
	code  int32 // code index; -1 for cues
	term  int32 // term index for patTerm; -1 otherwise
	text  string
	runes int // code points of the folded term without spaces
	exact bool
	whole bool // never a compound head
	words []wordPat
	// next is a bitset over the first byte of words[1] (its base and
	// forms; bit 31 for bytes outside a-z): a token after the first word
	// that is not in it and is no filler cannot continue the phrase.
	next uint32
	fill bool // fillers may stand between the words (see matchRest)
	// c0 and c1 bound the words of the span: words before c0 and from c1
	// on are context that must be there but is not part of the mention
	// ("kinderen (uit de buurt)" codes kinderen). c1 is 0 when the whole
	// pattern is the span.
	c0, c1 int32
	// final: the pattern must end its clause (a term written with "(.)"
	// at its end): "is op (.)" codes "oma is op, zegt moeder" but not "is
	// op vakantie".
	final bool
}

// splitContext splits a term written with context words in parentheses at
// its start or end ("(een) vader", "kinderen (van de flat)") into the text
// to tokenize, the context before and the span. A final "(.)" is no word:
// it asks for a clause boundary after the span (final). ok is false when
// the term has neither.
func splitContext(text string) (all, pre, core string, final, ok bool) {
	t := strings.TrimSpace(text)
	var post string
	if strings.HasPrefix(t, "(") {
		if i := strings.IndexByte(t, ')'); i > 0 {
			pre, t = t[1:i], strings.TrimSpace(t[i+1:])
		}
	}
	if strings.HasSuffix(t, ")") {
		if i := strings.LastIndexByte(t, '('); i > 0 {
			post, t = t[i+1:len(t)-1], strings.TrimSpace(t[:i])
		}
	}
	if strings.TrimSpace(post) == "." {
		post, final = "", true
	}
	if pre == "" && post == "" && !final {
		return text, "", "", false, false
	}
	return pre + " " + t + " " + post, pre, t, final, true
}

func firstBit(s string) uint32 {
	if c := s[0]; c >= 'a' && c <= 'z' {
		return 1 << (c - 'a')
	}
	return 1 << 31
}

// hit is a lookup result: a pattern and how its first word matched.
type hit struct {
	pat int32
	how uint8
}

// lexicon indexes patterns for one-pass matching: every lookup is a map
// access by the token's folded form, its stem, or one of its suffixes.
type lexicon struct {
	pats     []pattern
	byForm   map[string][]hit   // first word: base (exact) and forms (inflection)
	byHead   map[string][]int32 // single-word compound heads (base and forms)
	byStem   map[string][]int32 // single-word stems
	byPrefix map[string][]int32 // cue lexicon: token starting with the base
	minMod   int
	prefix   bool
	headLens uint64       // bit n set: a head of n bytes exists (n < 64)
	headTail [1024]uint64 // bitset over the last two bytes of heads
	headPre  [1024]uint64 // bitset over headKey of heads: most split points are rejected without a map lookup
	stemPre  [1024]uint64 // bitset over a hash of the first three bytes of stems
	// phraseTail is a bitset over the last two bytes of the forms of phrase
	// words after the first: a token whose end is not in it can match such
	// a word only by its stem.
	phraseTail [1024]uint64
	// formKey is a bitset over formHash of the byForm keys: most tokens
	// are rejected without a map lookup.
	formKey [1024]uint64
	maxHead int            // longest head in bytes
	seen    map[string]int // dedupe helper during add (pattern index per key)
	// dict numbers the bases and forms of the words after the first of
	// phrases, so that a memoized token compares with them by id.
	dict map[string]int32
	// fidMask and stemMask give a memoized token a cheap test for "may
	// match word w of a phrase" (see wordMemo.mask): each such word has a
	// bit (wordBit); fidMask[id] holds the bits of the words that have the
	// dict entry id as base or form, and stemMask[pre3Key(base)] the bits
	// of the words that can match by stem.
	fidMask  []uint64
	stemMask [1024]uint64
	dictKey  [1024]uint64 // bitset over formHash of the dict keys
}

// dictID returns s's id in dict, or -1.
func (l *lexicon) dictID(s string) int32 {
	if len(s) == 0 || !hasBit(&l.dictKey, formHash(s)) {
		return -1
	}
	if id, ok := l.dict[s]; ok {
		return id
	}
	return -1
}

// wordBit is the bit of a phrase word in masks: words with the same base
// share it.
func wordBit(w *wordPat) uint64 { return 1 << (w.baseFid & 63) }

// pre3Key hashes the first three bytes of s (at least three long) into
// 10 bits.
func pre3Key(s string) int {
	return int((uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16) * 0x9E3779B1 >> 22)
}

func newLexicon(minMod int, prefix bool) *lexicon {
	return &lexicon{
		byForm: map[string][]hit{}, byHead: map[string][]int32{},
		byStem: map[string][]int32{}, byPrefix: map[string][]int32{},
		dict:   map[string]int32{},
		minMod: minMod, prefix: prefix,
	}
}

func tail2(s string) int {
	n := len(s)
	if n < 2 {
		return int(s[0])
	}
	return int(s[n-2])<<8 | int(s[n-1])
}

func pre3(s string) int {
	return (int(s[0])*961 + int(s[1])*31 + int(s[2])) & 0xFFFF
}

// formHash mixes the length and the first and last two bytes of s.
func formHash(s string) int {
	n := len(s)
	return (n*7919 ^ int(s[0])*131 ^ int(s[n-1])*257 ^ int(s[n/2])*31) & 0xFFFF
}

func setBit(b *[1024]uint64, i int)      { b[i>>6] |= 1 << (i & 63) }
func hasBit(b *[1024]uint64, i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// add compiles p's text into words and indexes it. It returns the pattern's
// index, or -1 when the text has no words.
func (l *lexicon) add(p pattern, stems *stemmer) int32 {
	text := p.text
	if all, pre, core, final, ok := splitContext(text); ok && p.kind == patTerm {
		c0 := len(tokenize(pre, nil))
		if n := len(tokenize(core, nil)); n > 0 {
			text, p.final = all, final
			if len(tokenize(all, nil)) > n {
				p.c0, p.c1 = int32(c0), int32(c0+n)
			}
		}
	}
	toks := tokenize(text, nil)
	if len(toks) == 0 {
		return -1
	}
	for _, t := range toks {
		w := wordPat{base: t.Norm}
		if !p.exact {
			w.stem = stems.stem(t.Norm)
			w.forms = map[string]struct{}{}
			for _, f := range inflections(t.Norm) {
				w.forms[f] = struct{}{}
			}
		}
		w.minLen, w.maxLen = len(w.base), len(w.base)
		for f := range w.forms {
			w.minLen, w.maxLen = min(w.minLen, len(f)), max(w.maxLen, len(f))
		}
		p.words = append(p.words, w)
		p.runes += utf8.RuneCountInString(t.Norm)
	}
	if len(p.words) > 1 {
		w1 := &p.words[1]
		p.next = firstBit(w1.base)
		for f := range w1.forms {
			p.next |= firstBit(f)
		}
		if len(p.words) == 2 && !p.exact && !p.whole {
			p.next = ^uint32(0) // the last word may be a compound's head: any first byte
		}
		p.fill = p.kind == patTerm && len(p.words) >= 3 && !p.exact && p.c1 == 0 && !p.final
		for k := range p.words[1:] {
			w := &p.words[k+1]
			w.baseFid = l.fid(w.base)
			for f := range w.forms {
				w.formFids = append(w.formFids, l.fid(f))
			}
			slices.Sort(w.formFids)
			bit := wordBit(w)
			l.fidMask[w.baseFid] |= bit
			for _, f := range w.formFids {
				l.fidMask[f] |= bit
			}
			if len(w.stem) >= 3 && len(w.base) >= 3 {
				l.stemMask[pre3Key(w.base)] |= bit
			}
		}
	}
	id := int32(len(l.pats))
	l.pats = append(l.pats, p)
	for _, w := range p.words[1:] {
		setBit(&l.phraseTail, tail2(w.base))
		for f := range w.forms {
			setBit(&l.phraseTail, tail2(f))
		}
	}
	w0 := p.words[0]
	l.byForm[w0.base] = append(l.byForm[w0.base], hit{id, howExact})
	setBit(&l.formKey, formHash(w0.base))
	for f := range w0.forms {
		l.byForm[f] = append(l.byForm[f], hit{id, howInflection})
		setBit(&l.formKey, formHash(f))
	}
	if len(p.words) > 1 || p.exact {
		return id
	}
	if utf8.RuneCountInString(w0.stem) >= 3 {
		l.byStem[w0.stem] = append(l.byStem[w0.stem], id)
		setBit(&l.stemPre, pre3(w0.stem))
	}
	if l.prefix && utf8.RuneCountInString(w0.base) >= 4 {
		l.byPrefix[w0.base] = append(l.byPrefix[w0.base], id)
	}
	if !p.whole && utf8.RuneCountInString(w0.base) >= 2 {
		l.addHead(w0.base, id)
		for f := range w0.forms {
			l.addHead(f, id)
		}
	}
	return id
}

// fid returns s's id in dict, adding it when new.
func (l *lexicon) fid(s string) int32 {
	id, ok := l.dict[s]
	if !ok {
		id = int32(len(l.dict))
		l.dict[s] = id
		l.fidMask = append(l.fidMask, 0)
		setBit(&l.dictKey, formHash(s))
	}
	return id
}

func (l *lexicon) addHead(h string, id int32) {
	l.byHead[h] = append(l.byHead[h], id)
	if len(h) < 64 {
		l.headLens |= 1 << len(h)
	} else {
		l.headLens |= 1 << 63
	}
	if len(h) > l.maxHead {
		l.maxHead = len(h)
	}
	setBit(&l.headTail, tail2(h))
	setBit(&l.headPre, headKey(h))
}

// headKey hashes the first three bytes and the length of a non-empty head
// into 16 bits, for the headPre bitset.
func headKey(h string) int {
	k := uint32(h[0]) | uint32(len(h))<<24
	if len(h) > 1 {
		k |= uint32(h[1]) << 8
	}
	if len(h) > 2 {
		k |= uint32(h[2]) << 16
	}
	return int((k * 0x9E3779B1) >> 16)
}

// cand is a candidate match over tokens [t0, t1).
type cand struct {
	pat    int32
	t0, t1 int32
	hl     int32 // bytes of the token matched: the head for compounds
	how    uint8
	drop   bool
}

// heads calls f for each pattern whose head form is a suffix of norm at a
// plausible compound boundary: at least minMod code points of left part that
// pass plausibleModifier, or right after an in-word hyphen.
func (l *lexicon) heads(t *tok, f func(pat int32, hl int)) {
	norm := t.Norm
	n := len(norm)
	if n < 3 || len(l.byHead) == 0 || !hasBit(&l.headTail, tail2(norm)) {
		return
	}
	try := func(p int) {
		hl := n - p
		if hl < 64 && l.headLens&(1<<hl) == 0 {
			return
		}
		if !hasBit(&l.headPre, headKey(norm[p:])) {
			return
		}
		if ids, ok := l.byHead[norm[p:]]; ok && validOnset(norm[p:]) {
			for _, id := range ids {
				f(id, hl)
			}
		}
	}
	for hy := t.hy; hy != 0; hy &= hy - 1 {
		if p := bits.TrailingZeros64(hy); p > 0 && p < n {
			try(p)
		}
	}
	// Walk the rune boundaries; runes counts the code points of norm[:p].
	runes := 0
	start := n - l.maxHead
	if t.proper && !properHead(norm) {
		return // a name (Europa, Hoogkerk) is not split; hyphen parts were tried
	}
	for p := 0; p < n-1; {
		if runes >= l.minMod && p >= start && plausibleModifier(norm[:p]) && !isHyphenAt(t.hy, p) &&
			(!t.proper || properHead(norm[p:])) {
			try(p)
		}
		if norm[p] < utf8.RuneSelf {
			p++
		} else {
			_, sz := utf8.DecodeRuneInString(norm[p:])
			p += sz
		}
		runes++
	}
}

// properHead reports whether a name (a capitalised word inside a sentence)
// may be split before h: names of parks and schools are talked about as
// the park or school (Zuiderpark, Calandlyceum). Other names are not split:
// towns and streets end in words that are terms too (Beverwijk, Hoogkerk,
// Lijsterstraat, Vechtplein), and a street name is an address, not the
// place talked about.
func properHead(h string) bool {
	for _, s := range [...]string{"park", "lyceum", "college", "school", "speeltuin", "zwembad", "sporthal", "buurthuis", "wijkcentrum", "bibliotheek"} {
		if strings.HasSuffix(h, s) {
			return true // also begraafpark, so that its exclude can veto
		}
	}
	return false
}

func isHyphenAt(hy uint64, p int) bool {
	return p < 64 && hy&(1<<p) != 0
}

// wordMatches reports whether token t matches word w of a phrase; compound
// lets the token have w as its head. With a memo, a memoizable token is
// compared by its memo entry (see wordMemo); m may be nil.
func (l *lexicon) wordMatches(t *tok, w *wordPat, exact, compound bool, stems *stemmer, m *wordMemo) bool {
	norm := t.Norm
	if norm == w.base {
		return true
	}
	if exact || len(norm) == 0 {
		return false
	}
	var wi *wordInfo
	if m != nil && memoizable(t) {
		wi = m.info(t, stems)
	}
	// wi points into m.infos: nothing below adds words to the memo.
	if len(w.stem) >= 3 && len(norm) >= 3 && len(w.base) >= 3 && norm[:3] == w.base[:3] {
		var st string
		if wi != nil {
			st = m.stem(wi, stems)
		} else {
			st = stems.stem(norm)
		}
		if st == w.stem {
			return true
		}
	}
	if !hasBit(&l.phraseTail, tail2(norm)) {
		return false
	}
	if wi != nil {
		// dict holds every form of w: the id says whether norm is one.
		if wi.fid >= 0 && w.hasForm(wi.fid) {
			return true
		}
		if !compound || wi.proper {
			return false
		}
		for _, id := range m.suffixes(wi) {
			if id == w.baseFid || w.hasForm(id) {
				return true
			}
		}
		return false
	}
	if _, ok := w.forms[norm]; ok {
		return true
	}
	if !compound || t.proper {
		return false
	}
	n := len(norm)
	// Suffixes norm[p:] with a length of a form, at a plausible boundary.
	for p := max(1, n-w.maxLen); p <= n-w.minLen; p++ {
		if !utf8.RuneStart(norm[p]) {
			continue
		}
		s := norm[p:]
		if s != w.base {
			if _, ok := w.forms[s]; !ok {
				continue
			}
		}
		if isHyphenAt(t.hy, p) {
			return true
		}
		if utf8.RuneCountInString(norm[:p]) >= l.minMod && plausibleModifier(norm[:p]) && validOnset(s) {
			return true
		}
	}
	return false
}

// scan appends to out every candidate of the lexicon in toks. With a memo
// (m != nil, l one of its lexicons), memoizable tokens are looked up in it
// once (see wordMemo); the others, and every token when m is nil, are
// looked up form by form (scanTok). Both find the same candidates; for a
// memoized token, those of its phrases come after the others (Match does
// not depend on the order).
func (l *lexicon) scan(toks []tok, stems *stemmer, m *wordMemo, out []cand) []cand {
	// Phrases continue through the memo for lex only: its dict and the
	// memo's suffixes are lex's.
	pm := m
	if m != nil && l != m.lex {
		pm = nil
	}
	for i := range toks {
		t := &toks[i]
		if m == nil || !memoizable(t) {
			out = l.scanTok(toks, i, stems, pm, out)
			continue
		}
		var r entRange
		if l == m.lex && t.wi != 0 {
			r = m.lexe[t.wi-1]
		} else {
			r = m.entries(l, t, stems)
		}
		single := false
		for k := r.e0; k < r.e1; k++ {
			e := &m.ents[k]
			switch e.kind {
			case entSingle:
				if l.pats[e.pat].final && i+1 < len(toks) && !toks[i+1].brk {
					continue
				}
				out = append(out, cand{pat: e.pat, t0: int32(i), t1: int32(i + 1), hl: int32(len(t.Norm)), how: e.how})
				single = true
			case entHead:
				out = append(out, cand{pat: e.pat, t0: int32(i), t1: int32(i + 1), hl: e.hl, how: howCompound})
			case entStem:
				if !single {
					out = append(out, cand{pat: e.pat, t0: int32(i), t1: int32(i + 1), hl: int32(len(t.Norm)), how: howStem})
				}
			case entPrefix:
				out = append(out, cand{pat: e.pat, t0: int32(i), t1: int32(i + 1), how: howPrefix})
			}
		}
		if r.p0 != r.p1 && i+1 < len(toks) && toks[i+1].Norm != "" {
			out = l.memoPhrases(toks, i, m.ents[r.p0:r.p1], stems, pm, out)
		}
	}
	return out
}

// memoPhrases appends the candidates of the phrases whose first word is
// token i, from its memo entries (an entPhrases summary, then entPhrase
// entries). Token i+1 exists and is not empty. With pm (the memo, for lex),
// the next token's mask (wordMemo.mask) rules out most phrases before
// matchRest.
func (l *lexicon) memoPhrases(toks []tok, i int, ents []memoEnt, stems *stemmer, pm *wordMemo, out []cand) []cand {
	nt := &toks[i+1]
	fb := firstBit(nt.Norm)
	fill := ents[0].fill && filler(nt.Norm) // a filler where the pattern allows one
	if ents[0].next&fb == 0 && !fill {
		return out
	}
	mask := ^uint64(0)
	if pm != nil && memoizable(nt) {
		// ents stays valid: pm.info may append to pm.ents, not change it.
		mask = pm.mask(pm.info(nt, stems))
		if ents[0].need&mask == 0 && !fill {
			return out
		}
	}
	for k := 1; k < len(ents); k++ {
		e := &ents[k]
		if (e.next&fb == 0 || e.need&mask == 0) && !(e.fill && fill) {
			continue
		}
		out = l.phrase(toks, i, e.pat, stems, pm, out)
	}
	return out
}

// scanTok appends the candidates that start at token i (or, for context
// words, contain it) without a memo for token i itself.
func (l *lexicon) scanTok(toks []tok, i int, stems *stemmer, m *wordMemo, out []cand) []cand {
	t := &toks[i]
	norm := t.Norm
	single := false
	if len(norm) == 0 || !hasBit(&l.formKey, formHash(norm)) {
		// no byForm key has this shape
	} else if hs, ok := l.byForm[norm]; ok {
		for _, h := range hs {
			p := &l.pats[h.pat]
			if len(p.words) == 1 {
				if p.final && i+1 < len(toks) && !toks[i+1].brk {
					continue
				}
				out = append(out, cand{pat: h.pat, t0: int32(i), t1: int32(i + 1), hl: int32(len(norm)), how: h.how})
				single = true
				continue
			}
			if i+1 >= len(toks) {
				continue
			}
			if nt := toks[i+1].Norm; nt == "" || p.next&firstBit(nt) == 0 && !(p.fill && filler(nt)) {
				continue
			}
			out = l.phrase(toks, i, h.pat, stems, m, out)
		}
	}
	l.heads(t, func(id int32, hl int) {
		out = append(out, cand{pat: id, t0: int32(i), t1: int32(i + 1), hl: int32(hl), how: howCompound})
	})
	if !single && len(norm) >= 3 && len(l.byStem) > 0 && hasBit(&l.stemPre, pre3(norm)) {
		if ids, ok := l.byStem[stems.stem(norm)]; ok {
			for _, id := range ids {
				out = append(out, cand{pat: id, t0: int32(i), t1: int32(i + 1), hl: int32(len(norm)), how: howStem})
			}
		}
	}
	if l.prefix && len(l.byPrefix) > 0 {
		for p := len(norm) - 1; p >= 4; p-- {
			if ids, ok := l.byPrefix[norm[:p]]; ok {
				for _, id := range ids {
					out = append(out, cand{pat: id, t0: int32(i), t1: int32(i + 1), how: howPrefix})
				}
			}
		}
	}
	return out
}

// phrase appends the candidate of the multi-word pattern pat when its
// first word at token i is followed by the rest of it. The caller has
// checked that token i+1 exists and passes the pattern's next (or is a
// filler it allows).
func (l *lexicon) phrase(toks []tok, i int, pat int32, stems *stemmer, m *wordMemo, out []cand) []cand {
	p := &l.pats[pat]
	end, ok := l.matchRest(toks, i, p, stems, m)
	if !ok || p.final && end < len(toks) && !toks[end].brk {
		return out
	}
	t0, t1 := int32(i), int32(end)
	if p.c1 > 0 { // context words: no fillers, so word k is token i+k
		t0, t1 = int32(i)+p.c0, int32(i)+p.c1
	}
	return append(out, cand{pat: pat, t0: t0, t1: t1, how: howPhrase})
}

// matchRest checks words 1.. of a phrase against the tokens after i. No
// clause-boundary mark may stand inside the phrase; the last word may be
// the head of a compound unless the pattern is whole-word or exact. Terms
// of three or more words may have up to two filler words (eigenlijk, soms,
// nu even...) between their words, as spoken Dutch puts them there: "kan
// er nu even niks meer bij hebben", "het haar soms te veel wordt". It
// returns the token index after the phrase.
func (l *lexicon) matchRest(toks []tok, i int, p *pattern, stems *stemmer, m *wordMemo) (int, bool) {
	j := i
	fill := 0
	if p.fill {
		fill = 2
	}
	for k := 1; k < len(p.words); k++ {
		j++
		last := k == len(p.words)-1
		for {
			if j >= len(toks) || toks[j].brk {
				return 0, false
			}
			if l.mayMatch(&toks[j], &p.words[k], stems, m) && l.wordMatches(&toks[j], &p.words[k], p.exact, last && !p.whole, stems, m) {
				break
			}
			if fill == 0 || !filler(toks[j].Norm) {
				return 0, false
			}
			fill--
			j++
		}
	}
	return j + 1, true
}

// mayMatch is a quick test before wordMatches: false when the memo's mask
// of token t rules out word w (see wordMemo.mask). m may be nil (then it
// is true).
func (l *lexicon) mayMatch(t *tok, w *wordPat, stems *stemmer, m *wordMemo) bool {
	if m == nil || !memoizable(t) {
		return true
	}
	if t.wi != 0 {
		if wi := &m.infos[t.wi-1]; wi.hasMask {
			return wi.mask&wordBit(w) != 0
		}
	}
	return m.mask(m.info(t, stems))&wordBit(w) != 0
}

// filler reports whether w is an adverb or particle that spoken Dutch puts
// inside fixed phrases without changing them.
func filler(w string) bool {
	switch w {
	case "eigenlijk", "echt", "soms", "nu", "even", "ook", "gewoon", "toch", "best", "heus",
		"zeker", "nog", "wel", "al", "helemaal", "misschien", "weleens", "wat", "zo", "erg", "heel",
		"allemaal", "gewoonweg", "dan", "ondertussen", "inmiddels", "intussen", "stilaan":
		return true
	}
	return false
}

// scratch holds per-call buffers and the word memo, pooled: one goroutine
// uses it at a time.
type scratch struct {
	stems stemmer // stems with this scratch's local cache in front of the shared one
	memo  *wordMemo
	toks  []tok
	cands []cand
	owner []int32
	near  nearIndex
	seg   []cand // cue words of the segment, for near
	win   nearWindow
	// CodeDocument's matches of a document, and the index in them of
	// each segment's first.
	docMatches []Match
	docFirst   []int32
}

// Match finds all codings in one segment's text, in order of Start, then
// Code. Rules (see the package tests for Dutch examples):
//   - each token is compared loosely (Fold): its form, the plurals and
//     diminutives of each term (inflections), its Snowball stem, or, for
//     terms that are not whole_word or exact, as the head (right part) of a
//     compound with a left part of at least MinModifier code points; a term
//     never matches as the left part of a word (park is not in
//     parkeerplaats);
//   - exact terms match only their written form, case-insensitively;
//   - multi-word terms match token by token within one clause; words in
//     parentheses at a term's start or end are context, required but not
//     part of the match ("kinderen (van de flat)" matches kinderen), and a
//     final "(.)" requires a clause boundary after the term;
//   - a code's exclude words veto that code on the tokens they cover;
//   - roles, unless_near and only_near filter matches; in a professional's
//     segment, words inside quotation marks are read as the parent's
//     (speakerAt);
//   - when matches overlap, the longer span wins, then the longer term (a
//     listed compound over a generic head); ties of different codes on the
//     same span are all kept; a code codes a span once;
//   - each match is marked Negated when a negation cue governs it (see
//     negation.go).
func (c *Codebook) Match(text string, ctx Context) []Match {
	sc := c.getScratch()
	defer c.putScratch(sc)
	return c.match(text, ctx, sc, nil)
}

// getScratch takes a scratch from the pool (or makes one); give it back
// with putScratch.
func (c *Codebook) getScratch() *scratch {
	if sc, _ := c.pool.Get().(*scratch); sc != nil {
		return sc
	}
	return &scratch{
		stems: stemmer{shared: c.stems, local: make(map[string]string, 1024)},
		memo:  newWordMemo(c.lex, c.cues, memoMax),
	}
}

func (c *Codebook) putScratch(sc *scratch) {
	sc.toks = sc.toks[:0]
	sc.cands = sc.cands[:0]
	c.pool.Put(sc)
}

// match is Match with a scratch: it appends the matches of text to out
// (which may be nil) and returns it; with none, it returns out unchanged.
func (c *Codebook) match(text string, ctx Context, sc *scratch, out []Match) []Match {
	sc.memo.reset()
	sc.toks = tokenizeMemo(text, sc.toks[:0], sc.memo)
	return c.matchTokens(text, ctx, sc, sc.toks, out)
}

// matchTokens is match on toks, the tokens of text made with sc.memo
// (tokenizeMemo) since its last reset.
func (c *Codebook) matchTokens(text string, ctx Context, sc *scratch, toks []tok, out []Match) []Match {
	cands := c.lex.scan(toks, &sc.stems, sc.memo, sc.cands[:0])
	sc.cands = cands
	if len(cands) == 0 {
		return out
	}
	var near *nearIndex
	defer func() {
		if near != nil {
			near.clear()
		}
	}()
	kept := 0
	for i := range cands {
		cd := &cands[i]
		p := &c.lex.pats[cd.pat]
		if p.kind != patTerm {
			continue
		}
		kept++
		ct := &c.terms[p.term]
		if len(ct.roles) > 0 && !slices.Contains(ct.roles, speakerAt(text, &toks[cd.t0], ctx.Role)) {
			cd.drop = true
			continue
		}
		cc := &c.codes[ct.code]
		if len(ct.unless)+len(ct.only)+len(cc.unless)+len(cc.only) == 0 {
			continue
		}
		if near == nil {
			near = c.buildNear(text, toks, ctx.Window, sc)
		}
		w := cc.window
		if near.any(cc.unless, cd.t0, cd.t1, w) || near.any(ct.unless, cd.t0, cd.t1, w) ||
			(len(cc.only) > 0 && !near.any(cc.only, cd.t0, cd.t1, w)) ||
			(len(ct.only) > 0 && !near.any(ct.only, cd.t0, cd.t1, w)) {
			cd.drop = true
		}
	}
	if kept == 0 {
		return out
	}
	// Exclude vetoes.
	for i := range cands {
		v := &cands[i]
		vp := &c.lex.pats[v.pat]
		if vp.kind != patExclude {
			continue
		}
		for j := range cands {
			cd := &cands[j]
			p := &c.lex.pats[cd.pat]
			if p.kind != patTerm || p.code != vp.code || cd.t0 >= v.t1 || v.t0 >= cd.t1 {
				continue
			}
			// An exclude found only as the head of a compound vetoes a term
			// only when it covers more of the word than the term does:
			// begraafpark vetoes park in Westerbegraafpark, but clubje (a
			// clique) does not veto club in voetbalclubje.
			if v.how == howCompound && v.t1-v.t0 == 1 && cd.t1-cd.t0 == 1 && v.hl <= cd.hl {
				continue
			}
			cd.drop = true
		}
		v.drop = true
	}
	// Resolve overlaps: longest span, then longest term, then how.
	live := cands[:0]
	for _, cd := range cands {
		if !cd.drop {
			live = append(live, cd)
		}
	}
	if len(live) == 0 {
		return out
	}
	pats := c.lex.pats
	spanLen := func(cd *cand) int { return toks[cd.t1-1].End - toks[cd.t0].Start }
	slices.SortFunc(live, func(a, b cand) int {
		if d := spanLen(&b) - spanLen(&a); d != 0 {
			return d
		}
		if d := pats[b.pat].runes - pats[a.pat].runes; d != 0 {
			return d
		}
		if d := int(a.how) - int(b.how); d != 0 {
			return d
		}
		if d := int(a.t0) - int(b.t0); d != 0 {
			return d
		}
		return int(a.pat) - int(b.pat)
	})
	acc := live[:0]
	for _, cd := range live {
		ok := true
		for _, a := range acc {
			if cd.t0 >= a.t1 || a.t0 >= cd.t1 {
				continue
			}
			sameSpan := cd.t0 == a.t0 && cd.t1 == a.t1
			if sameSpan && pats[a.pat].code != pats[cd.pat].code && pats[a.pat].runes == pats[cd.pat].runes {
				continue // a tie between two codes: keep both
			}
			ok = false
			break
		}
		if ok {
			acc = append(acc, cd)
		}
	}
	if out == nil {
		out = make([]Match, 0, len(acc))
	}
	n0 := len(out)
	var neg negScanner
	// owner[j] is 1 + the index in acc of the match covering token j.
	owner := slices.Grow(sc.owner[:0], len(toks))[:len(toks)]
	clear(owner)
	for i, cd := range acc {
		for j := cd.t0; j < cd.t1; j++ {
			owner[j] = int32(i + 1)
		}
	}
	sc.owner = owner
	cur := int32(0)
	other := func(j int) bool { return owner[j] != 0 && owner[j] != cur }
	for i, cd := range acc {
		cur = int32(i + 1)
		p := &pats[cd.pat]
		ct := &c.terms[p.term]
		cs := c.codes[ct.code].spec
		t0, t1 := &toks[cd.t0], &toks[cd.t1-1]
		m := Match{
			Code: cs.ID, Category: cs.Category,
			Start: t0.Start, End: t1.End,
			Surface: text[t0.bs:t1.be],
			Term:    ct.spec.Term,
			How:     howNames[cd.how],
		}
		if k := neg.find(toks, int(cd.t0), int(cd.t1), other); k >= 0 {
			m.Negated = true
			m.NegCue = text[toks[k].bs:toks[k].be]
		}
		out = append(out, m)
	}
	slices.SortFunc(out[n0:], func(a, b Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.Code != b.Code {
			return strings.Compare(a.Code, b.Code)
		}
		return a.End - b.End
	})
	return out
}

// speakerAt returns the role whose perspective a word at t is read from:
// the speaker's role, except that words quoted in session notes are the
// parent's own ("Moeder: \"Mijn moeder helpt graag\""): notes quote the
// parent they are about. A word is quoted when an odd number of quotation
// marks precede it in the segment.
func speakerAt(text string, t *tok, role string) string {
	role = strings.ToLower(role)
	if role != "professional" {
		return role
	}
	n := 0
	for _, r := range text[:t.bs] {
		switch r {
		case '"', '\u201c', '\u201d', '\u201e':
			n++
		}
	}
	if n%2 == 1 {
		return "parent"
	}
	return role
}

// nearIndex holds the cue words found around a segment.
type nearIndex struct {
	// hits are cue words in the segment or in the window around it; a
	// hit's token indexes minus shift count from the segment's first token.
	hits  []cand
	shift int32
	// always are the cue words of a window that does not contain the
	// segment: they count as near every word.
	always []cand
}

func (ni *nearIndex) clear() { *ni = nearIndex{} }

// nearWindow is the last window whose cue words a scratch found: the
// segments of one turn share their window.
type nearWindow struct {
	text string
	bs   []int  // byte offset of each token
	hits []cand // cue words, by token index in the window
	toks []tok  // buffer
}

// buildNear finds the cue words in the segment and its window. It fills
// and returns sc.near.
func (c *Codebook) buildNear(text string, toks []tok, window string, sc *scratch) *nearIndex {
	ni := &sc.near
	ni.clear()
	// A window that is the segment itself (a turn of one segment) has the
	// segment's tokens: its cue words are found in toks, with no shift,
	// as the segment's are below.
	if window != "" && text != "" && window != text {
		win := c.nearWindow(window, sc)
		if off := strings.Index(window, text); off >= 0 {
			w0, _ := slices.BinarySearch(win.bs, off) // tokens before the segment
			ni.hits, ni.shift = win.hits, int32(w0)
			return ni
		}
		ni.always = win.hits
	}
	sc.seg = c.cues.scan(toks, &sc.stems, sc.memo, sc.seg[:0])
	ni.hits = sc.seg
	return ni
}

// nearWindow returns the cue words of window, from sc when it holds them.
func (c *Codebook) nearWindow(window string, sc *scratch) *nearWindow {
	win := &sc.win
	if win.text == window && win.text != "" {
		return win
	}
	// The window's tokens go through the memo, but their wi values are not
	// kept: a later reset of the memo would make them stale.
	wt := tokenizeMemo(window, win.toks[:0], sc.memo)
	win.toks = wt[:0]
	win.text = strings.Clone(window) // do not keep the document alive in the pool
	win.bs = win.bs[:0]
	for i := range wt {
		win.bs = append(win.bs, wt[i].bs)
	}
	win.hits = c.cues.scan(wt, &sc.stems, sc.memo, win.hits[:0])
	return win
}

// any reports whether one of the cues ids stands within w tokens of [t0,t1)
// and outside it (the matched words themselves are not context).
func (ni *nearIndex) any(ids []int32, t0, t1 int32, w int) bool {
	t0, t1 = t0+ni.shift, t1+ni.shift
	for _, id := range ids {
		for _, h := range ni.always {
			if h.pat == id {
				return true
			}
		}
		for _, h := range ni.hits {
			if h.pat == id && h.t1 > t0-int32(w) && h.t0 < t1+int32(w) && (h.t1 <= t0 || h.t0 >= t1) {
				return true
			}
		}
	}
	return false
}
