package analysis

import "unicode/utf8"

// memoMax bounds the words a wordMemo keeps: Match empties a memo that has
// reached it before it starts on a segment. A word costs about 200 bytes
// (with its share of the index and the stem caches), so a full memo takes
// about 3 MB; there is one per pooled scratch (about one per worker).
const memoMax = 1 << 14

// wordMemo remembers, per distinct folded word, what a Codebook's lexicons
// find on that word alone, so that a frequent word is looked up with one
// map access instead of a map access per form, head length and stem.
//
// Only tokens with no in-word hyphen (memoizable) go through the memo: for
// them the lexicon's findings depend on the folded form and on whether the
// token is a name (tok.proper), which is part of the key. What depends on
// the neighbours (a phrase's next words, a "(.)" term's clause end,
// whether a stem match is needed) is decided per occurrence, from the
// remembered entries.
//
// A wordMemo belongs to one goroutine at a time (it lives in a pooled
// scratch); it is not safe for concurrent use.
type wordMemo struct {
	lex, cues *lexicon
	max       int // words kept (memoMax but in tests)
	// words numbers the folded words: word wi is infos[wi-1]. A name (see
	// tok.proper) is keyed with a leading properMark.
	words tokenIndex
	infos []wordInfo
	lexe  []entRange // lex entries per word, by index in infos
	ents  []memoEnt
	sufs  []int32 // see suffixes
	// gen counts the resets that emptied the memo: a token's wi names the
	// same word while gen stays the same.
	gen uint32
}

// entRange gives a word's entries in one lexicon: ents[e0:e1] are those
// that need no other token (entSingle, entHead, entStem, entPrefix, in that
// order); ents[p0:p1], when not empty, are an entPhrases summary followed
// by the entPhrase entries.
type entRange struct{ e0, e1, p0, p1 int32 }

// wordInfo is what the memo knows about one folded word.
type wordInfo struct {
	norm string // the folded word: its key without its properMark
	// fid is the word's id in lex.dict, or -1.
	fid int32
	// cues are the word's entries in cues (when hasCues), sufs[s0:s1] its
	// compound suffixes (when hasSufs); its entries in lex are in
	// wordMemo.lexe.
	cues    entRange
	s0, s1  int32
	stem    string // when hasStem
	mask    uint64 // when hasMask (see mask)
	proper  bool   // a name (tok.proper)
	hasMask bool
	hasCues bool
	hasSufs bool
	hasStem bool
}

// Kinds of memo entries.
const (
	entSingle  uint8 = iota // the word is a form of a one-word pattern
	entPhrase               // the word is a form of a phrase's first word
	entHead                 // a head of a pattern ends the word
	entStem                 // the word's stem is a pattern's stem (when no entSingle applies)
	entPrefix               // the word starts with a cue (cue lexicon)
	entPhrases              // summary of the entPhrase entries after it
)

// memoEnt is one thing a lexicon finds on a word alone.
type memoEnt struct {
	pat  int32
	hl   int32  // head length, for entHead
	next uint32 // the pattern's next, for entPhrase; their union for entPhrases
	need uint64 // wordBit of the pattern's second word, for entPhrase; their union for entPhrases
	kind uint8
	how  uint8 // for entSingle
	fill bool  // the pattern's fill, for entPhrase; whether one has it, for entPhrases
}

// newWordMemo returns an empty memo for the lexicons of a Codebook that
// keeps up to max words (see reset).
func newWordMemo(lex, cues *lexicon, max int) *wordMemo {
	return &wordMemo{lex: lex, cues: cues, max: max, words: tokenIndex{names: true}}
}

// memoizable reports whether the lexicons' findings on t depend on its
// folded form and whether it is a name alone.
func memoizable(t *tok) bool { return t.hy == 0 }

// reset empties the memo when it has reached its max words. Token wi
// values made before a reset are stale: call it between segments only.
func (m *wordMemo) reset() {
	if len(m.infos) < m.max {
		return
	}
	m.gen++
	m.words.idx.reset()
	clear(m.infos) // drop the strings
	m.infos = m.infos[:0]
	m.lexe = m.lexe[:0]
	m.ents = m.ents[:0]
	m.sufs = m.sufs[:0]
}

// info returns the memo's entry for the memoizable token t, adding it
// (and setting t.wi) when new.
func (m *wordMemo) info(t *tok, stems *stemmer) *wordInfo {
	if t.wi == 0 {
		key := t.Norm
		if t.proper {
			key = string(properMark) + key
		}
		if t.wi = indexGet(&m.words.idx, key); t.wi == 0 {
			t.wi = m.add(key, t.proper, stems)
		}
	}
	return &m.infos[t.wi-1]
}

// add remembers the word of key (a name's key starts with properMark) and
// what lex finds on it; it returns 1 + its index.
func (m *wordMemo) add(key string, proper bool, stems *stemmer) int32 {
	key = string([]byte(key)) // do not keep the segment's text alive
	norm := key
	if proper {
		norm = key[1:]
	}
	wi := &wordInfo{norm: norm, fid: m.lex.dictID(norm), proper: proper}
	var r entRange
	m.ents, r = m.find(m.lex, wi, stems, m.ents)
	m.lexe = append(m.lexe, r)
	m.infos = append(m.infos, *wi)
	return m.words.idx.add(key) // len(m.infos)
}

// entries returns the entries of l (lex or cues) for the memoizable token
// t, adding its word to the memo when new.
func (m *wordMemo) entries(l *lexicon, t *tok, stems *stemmer) entRange {
	if t.wi == 0 {
		m.info(t, stems)
	}
	if l == m.lex {
		return m.lexe[t.wi-1]
	}
	wi := &m.infos[t.wi-1]
	if !wi.hasCues {
		m.ents, wi.cues = m.find(l, wi, stems, m.ents)
		wi.hasCues = true
	}
	return wi.cues
}

// find appends what l finds on the word of wi alone to out and returns
// where: see entRange. The entries that need no other token come in the
// order of lexicon.scanTok (forms, heads, stem, prefixes); the phrases in
// the order of byForm.
func (m *wordMemo) find(l *lexicon, wi *wordInfo, stems *stemmer, out []memoEnt) ([]memoEnt, entRange) {
	norm := wi.norm
	var r entRange
	r.e0 = int32(len(out))
	var hs []hit
	if len(norm) > 0 && hasBit(&l.formKey, formHash(norm)) {
		hs = l.byForm[norm]
	}
	phrases := 0
	for _, h := range hs {
		if len(l.pats[h.pat].words) == 1 {
			out = append(out, memoEnt{pat: h.pat, kind: entSingle, how: h.how})
		} else {
			phrases++
		}
	}
	l.heads(&tok{Norm: norm, proper: wi.proper}, func(id int32, hl int) {
		out = append(out, memoEnt{pat: id, hl: int32(hl), kind: entHead})
	})
	if len(norm) >= 3 && len(l.byStem) > 0 && hasBit(&l.stemPre, pre3(norm)) {
		for _, id := range l.byStem[m.stem(wi, stems)] {
			out = append(out, memoEnt{pat: id, kind: entStem})
		}
	}
	if l.prefix && len(l.byPrefix) > 0 {
		for p := len(norm) - 1; p >= 4; p-- {
			for _, id := range l.byPrefix[norm[:p]] {
				out = append(out, memoEnt{pat: id, kind: entPrefix})
			}
		}
	}
	r.e1 = int32(len(out))
	r.p0 = r.e1
	if phrases > 0 {
		out = append(out, memoEnt{kind: entPhrases})
		sum := len(out) - 1
		for _, h := range hs {
			if p := &l.pats[h.pat]; len(p.words) > 1 {
				e := memoEnt{pat: h.pat, kind: entPhrase, next: p.next, need: wordBit(&p.words[1]), fill: p.fill}
				out = append(out, e)
				out[sum].next |= e.next
				out[sum].need |= e.need
				out[sum].fill = out[sum].fill || e.fill
			}
		}
	}
	r.p1 = int32(len(out))
	return out, r
}

// stem returns the stem of the word of wi.
func (m *wordMemo) stem(wi *wordInfo, stems *stemmer) string {
	if !wi.hasStem {
		wi.stem, wi.hasStem = stems.stem(wi.norm), true
	}
	return wi.stem
}

// suffixes returns the ids in lex.dict of the suffixes norm[p:] (p >= 1)
// of the word of wi at which lexicon.wordMatches would accept a compound
// of a memoizable token: at least minMod code points of plausible left
// part and a valid onset.
func (m *wordMemo) suffixes(wi *wordInfo) []int32 {
	if !wi.hasSufs {
		l, norm := m.lex, wi.norm
		wi.s0 = int32(len(m.sufs))
		for p := 1; p < len(norm); p++ {
			if !utf8.RuneStart(norm[p]) {
				continue
			}
			if id := l.dictID(norm[p:]); id >= 0 && utf8.RuneCountInString(norm[:p]) >= l.minMod &&
				plausibleModifier(norm[:p]) && validOnset(norm[p:]) {
				m.sufs = append(m.sufs, id)
			}
		}
		wi.s1 = int32(len(m.sufs))
		wi.hasSufs = true
	}
	return m.sufs[wi.s0:wi.s1]
}

// mask returns the bits (wordBit) of the phrase words after the first that
// the word of wi may match in lexicon.wordMatches: those with the word as
// base or form, those it may match by stem (same first three bytes), and,
// for a word that is no name, those that are a form of one of its compound
// suffixes. A word whose bit is not set does not match.
func (m *wordMemo) mask(wi *wordInfo) uint64 {
	if !wi.hasMask {
		l, norm := m.lex, wi.norm
		var k uint64
		if wi.fid >= 0 {
			k |= l.fidMask[wi.fid]
		}
		if len(norm) >= 3 {
			k |= l.stemMask[pre3Key(norm)]
		}
		if !wi.proper {
			for _, id := range m.suffixes(wi) {
				k |= l.fidMask[id]
			}
		}
		wi.mask, wi.hasMask = k, true
	}
	return wi.mask
}
