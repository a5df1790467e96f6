package analysis

// The matcher as it was before the speed work (commit 313d4b7), kept as a
// reference: TestMatchAgreesWithReference checks that the fast matcher
// finds exactly what this one finds.

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// refHeads calls f for each pattern whose head form is a suffix of norm at a
// plausible compound boundary: at least minMod code points of left part that
// pass plausibleModifier, or right after an in-word hyphen.
func (l *lexicon) refHeads(t *tok, f func(pat int32, hl int)) {
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

// refWordMatches reports whether token t matches word w of a phrase; compound
// lets the token have w as its head.
func (l *lexicon) refWordMatches(t *tok, w *wordPat, exact, compound bool, stems *stemmer) bool {
	norm := t.Norm
	if norm == w.base {
		return true
	}
	if exact || len(norm) == 0 {
		return false
	}
	if len(w.stem) >= 3 && len(norm) >= 3 && len(w.base) >= 3 && norm[:3] == w.base[:3] && stems.stem(norm) == w.stem {
		return true
	}
	if !hasBit(&l.phraseTail, tail2(norm)) {
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

// refScan appends to out every candidate of the lexicon in toks.
func (l *lexicon) refScan(toks []tok, stems *stemmer, out []cand) []cand {
	for i := range toks {
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
				if end, ok := l.refMatchRest(toks, i, p, stems); ok {
					if p.final && end < len(toks) && !toks[end].brk {
						continue
					}
					t0, t1 := int32(i), int32(end)
					if p.c1 > 0 { // context words: no fillers, so word k is token i+k
						t0, t1 = int32(i)+p.c0, int32(i)+p.c1
					}
					out = append(out, cand{pat: h.pat, t0: t0, t1: t1, how: howPhrase})
				}
			}
		}
		l.refHeads(t, func(id int32, hl int) {
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
	}
	return out
}

// refMatchRest checks words 1.. of a phrase against the tokens after i. No
// clause-boundary mark may stand inside the phrase; the last word may be
// the head of a compound unless the pattern is whole-word or exact. Terms
// of three or more words may have up to two filler words (eigenlijk, soms,
// nu even...) between their words, as spoken Dutch puts them there: "kan
// er nu even niks meer bij hebben", "het haar soms te veel wordt". It
// returns the token index after the phrase.
func (l *lexicon) refMatchRest(toks []tok, i int, p *pattern, stems *stemmer) (int, bool) {
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
			if l.refWordMatches(&toks[j], &p.words[k], p.exact, last && !p.whole, stems) {
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

// refMatch is Match before the speed work.
func (c *Codebook) refMatch(text string, ctx Context) []Match {
	var sc struct {
		toks  []tok
		owner []int32
	}
	sc.toks = refTokenize(text, nil)
	toks := sc.toks
	stems := stemmer{shared: c.stems}
	cands := c.lex.refScan(toks, &stems, nil)
	if len(cands) == 0 {
		return nil
	}
	var near *refNearIndex
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
			near = c.refBuildNear(text, toks, ctx.Window)
		}
		w := cc.window
		if near.any(cc.unless, cd.t0, cd.t1, w) || near.any(ct.unless, cd.t0, cd.t1, w) ||
			(len(cc.only) > 0 && !near.any(cc.only, cd.t0, cd.t1, w)) ||
			(len(ct.only) > 0 && !near.any(ct.only, cd.t0, cd.t1, w)) {
			cd.drop = true
		}
	}
	if kept == 0 {
		return nil
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
		return nil
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
	out := make([]Match, 0, len(acc))
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
	slices.SortFunc(out, func(a, b Match) int {
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

// refNearIndex holds the cue words found around a segment.
type refNearIndex struct {
	hits   []cand // t0 relative to the segment's first token
	always []int32
}

// refBuildNear finds the cue words in the segment and its window.
func (c *Codebook) refBuildNear(text string, toks []tok, window string) *refNearIndex {
	ni := &refNearIndex{}
	if window != "" && text != "" {
		if off := strings.Index(window, text); off >= 0 {
			wt := refTokenize(window, nil)
			w0 := 0
			for w0 < len(wt) && wt[w0].bs < off {
				w0++
			}
			for _, h := range c.cues.refScan(wt, &stemmer{shared: c.stems}, nil) {
				h.t0 -= int32(w0)
				h.t1 -= int32(w0)
				ni.hits = append(ni.hits, h)
			}
			return ni
		}
		for _, h := range c.cues.refScan(refTokenize(window, nil), &stemmer{shared: c.stems}, nil) {
			ni.always = append(ni.always, h.pat)
		}
	}
	ni.hits = c.cues.refScan(toks, &stemmer{shared: c.stems}, nil)
	return ni
}

// any reports whether one of the cues ids stands within w tokens of [t0,t1)
// and outside it (the matched words themselves are not context).
func (ni *refNearIndex) any(ids []int32, t0, t1 int32, w int) bool {
	for _, id := range ids {
		if slices.Contains(ni.always, id) {
			return true
		}
		for _, h := range ni.hits {
			if h.pat == id && h.t1 > t0-int32(w) && h.t0 < t1+int32(w) && (h.t1 <= t0 || h.t0 >= t1) {
				return true
			}
		}
	}
	return false
}

// ASCII byte classes for refTokenize.
const (
	refClsOther = iota
	refClsLower // a-z, 0-9
	refClsUpper // A-Z
	refClsJoin  // - '
)

// refASCIIClass returns the class table for bytes below 0x80.
func refASCIIClass() [128]uint8 {
	var t [128]uint8
	for c := 'a'; c <= 'z'; c++ {
		t[c] = refClsLower
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = refClsLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = refClsUpper
	}
	t['-'], t['\''] = refClsJoin, refClsJoin
	return t
}

// refTokenize appends the tokens of text to buf and returns it.
func refTokenize(text string, buf []tok) []tok {
	cls := refASCIIClass()
	i, cp := 0, 0
	brk, sent := true, true
	n := len(text)
	for i < n {
		b := text[i]
		var r rune
		size := 1
		if b < utf8.RuneSelf {
			r = rune(b)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			switch r {
			case '"', '“', '„', '«':
				sent = true // an opening quote may start a sentence
			}
			if isBreakRune(r) {
				brk = true
				switch r {
				case '.', '!', '?', '\n', '…':
					sent = true
				}
			}
			i += size
			cp++
			continue
		}
		// A word starts at i.
		start, startCP := i, cp
		clean := true
		for i < n {
			b = text[i]
			if b < utf8.RuneSelf {
				switch cls[b] {
				case refClsLower:
					i++
					cp++
					continue
				case refClsUpper:
					clean = false
					i++
					cp++
					continue
				case refClsOther:
					r, size = rune(b), 1
					goto end
				}
				r, size = rune(b), 1
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
				if isWordRune(r) {
					clean = false
					i += size
					cp++
					continue
				}
			}
			if isJoiner(r) && i+size < n {
				nb := text[i+size]
				var nr rune
				if nb < utf8.RuneSelf {
					nr = rune(nb)
				} else {
					nr, _ = utf8.DecodeRuneInString(text[i+size:])
				}
				if isWordRune(nr) {
					if r != '\'' {
						clean = false
					}
					i += size
					cp++
					continue
				}
			}
			break
		}
	end:
		t := tok{Start: startCP, End: cp, bs: start, be: i, brk: brk}
		if clean {
			t.Norm = text[start:i]
		} else {
			if !sent {
				r0, _ := utf8.DecodeRuneInString(text[start:])
				t.proper = unicode.IsUpper(r0)
			}
			t.Norm, t.hy = refFoldWord(text[start:i])
		}
		buf = append(buf, t)
		brk, sent = false, false
	}
	return buf
}

// refFoldWord folds one word like Fold and returns a bit set of the byte
// offsets (below 64) in the result where a hyphen stood.
func refFoldWord(w string) (string, uint64) {
	var sb strings.Builder
	sb.Grow(len(w))
	var hy uint64
	for _, r := range w {
		switch r {
		case 'ĳ', 'Ĳ':
			sb.WriteString("ij")
			continue
		case '-', '‐', '‑':
			if n := sb.Len(); n > 0 && n < 64 {
				hy |= 1 << n
			}
			continue
		}
		if f := foldRune(r); f != 0 {
			sb.WriteRune(f)
		}
	}
	return sb.String(), hy
}
