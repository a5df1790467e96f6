package analysis

import (
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// coocAcc counts units and code pairs over units of one kind and voice.
// Code indices are the Accumulator's. The counts are dense (the codes of
// a codebook are few, and every unit touches them): n[k] is code k's
// units, pairs[y][x] (x < y) the units holding both x and y; both grow as
// codes are added.
type coocAcc struct {
	units, coded int
	n            []int
	pairs        [][]int
}

func newCoocAcc() *coocAcc { return &coocAcc{} }

// addUnit counts one unit with the distinct, ascending codes.
func (c *coocAcc) addUnit(codes []int) {
	c.units++
	if len(codes) == 0 {
		return
	}
	c.coded++
	if top := codes[len(codes)-1]; top >= len(c.n) {
		c.grow(top + 1)
	}
	for i, y := range codes {
		c.n[y]++
		row := c.pairs[y]
		for _, x := range codes[:i] {
			row[x]++
		}
	}
}

// grow makes room for codes 0..n-1.
func (c *coocAcc) grow(n int) {
	for y := len(c.n); y < n; y++ {
		c.n = append(c.n, 0)
		c.pairs = append(c.pairs, make([]int, y))
	}
}

// build returns the co-occurrence table over the codes in order.
func (c *coocAcc) build(voice, unit string, codes []CodeInfo, order []int) *Cooccurrence {
	out := &Cooccurrence{Voice: voice, Unit: unit, Units: c.units, Coded: c.coded}
	n := len(order)
	pos := make(map[int]int, n)
	for p, k := range order {
		out.Codes = append(out.Codes, codes[k].ID)
		pos[k] = p
	}
	if n == 0 {
		return out
	}
	out.Count = mat.NewSymDense(n, nil)
	out.Jaccard = mat.NewSymDense(n, nil)
	out.OE = mat.NewSymDense(n, nil)
	for k, v := range c.n {
		if v == 0 {
			continue
		}
		p := pos[k]
		out.Count.SetSym(p, p, float64(v))
	}
	for y, row := range c.pairs {
		for x, nab := range row {
			if nab == 0 {
				continue
			}
			i, j := pos[x], pos[y]
			na, nb := c.n[x], c.n[y]
			out.Count.SetSym(i, j, float64(nab))
			out.Jaccard.SetSym(i, j, jaccard(nab, na, nb))
			out.OE.SetSym(i, j, observedExpected(nab, na, nb, c.units))
		}
	}
	return out
}

// jaccard returns |A∩B| / |A∪B| for set sizes na, nb and intersection nab.
func jaccard(nab, na, nb int) float64 {
	u := na + nb - nab
	if u <= 0 {
		return 0
	}
	return float64(nab) / float64(u)
}

// observedExpected returns n_ab * N / (n_a * n_b), 0 when undefined.
func observedExpected(nab, na, nb, n int) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	return float64(nab) * float64(n) / (float64(na) * float64(nb))
}

// hasCode returns the position of code k in u.codes, or -1.
func (u *segUnit) hasCode(k int) int {
	i := sort.SearchInts(u.codes, k)
	if i < len(u.codes) && u.codes[i] == k {
		return i
	}
	return -1
}

// isNetCat reports whether a category takes part in the networks.
func isNetCat(c Category) bool { return c == CatRelation || c == CatPlace || c == CatFacility }

// addCooccurrence counts the segment and window units of one document.
func (a *Accumulator) addCooccurrence(cs *caseAcc, doc *docSources, units []segUnit, codings []Coding, seq int) {
	for i := range units {
		u := &units[i]
		a.allSeg.addUnit(u.codes)
		if u.vi == 0 {
			a.ownSeg.addUnit(u.codes)
		}
	}
	// Window units: runs of consecutive segments of one turn.
	w := a.opt.Window
	for start := 0; start < len(units); {
		end := start + 1
		for end < len(units) && units[end].seg.Turn == units[start].seg.Turn {
			end++
		}
		run := units[start:end]
		if len(run) <= w {
			a.addWindow(cs, doc, run, codings, seq)
		} else {
			for i := 0; i+w <= len(run); i++ {
				a.addWindow(cs, doc, run[i:i+w], codings, seq)
			}
		}
		start = end
	}
}

// addWindow counts one window unit (segments of one turn).
func (a *Accumulator) addWindow(cs *caseAcc, doc *docSources, win []segUnit, codings []Coding, seq int) {
	// The window's distinct codes, ascending, in a reused buffer (each
	// segment's codes are distinct and ascending already).
	codes := a.winCodes[:0]
	for i := range win {
		codes = append(codes, win[i].codes...)
	}
	if len(win) > 1 {
		slices.Sort(codes)
		codes = slices.Compact(codes)
	}
	a.winCodes = codes
	a.allWin.addUnit(codes)
	if win[0].vi != 0 {
		return
	}
	a.ownWin.addUnit(codes)
	net := a.winNet[:0]
	for _, k := range codes {
		if isNetCat(a.cat(k)) {
			net = append(net, k)
		}
	}
	a.winNet = net
	a.net.addUnit(net)
	cs.net.addUnit(net)
	for i, x := range net {
		for _, y := range net[i+1:] {
			rel, other := x, y
			if a.cat(rel) != CatRelation {
				rel, other = y, x
			}
			if a.cat(rel) != CatRelation || a.cat(other) == CatRelation {
				continue
			}
			pl := cs.net.quotes[[2]int{x, y}]
			if pl == nil {
				pl = &pairList{max: a.opt.QuotesPerCell}
				cs.net.quotes[[2]int{x, y}] = pl
			}
			c, ur, uo := a.windowPair(win, rel, other, codings, seq)
			pl.add(c, ur, uo, doc)
		}
	}
}

// windowPair returns the evidence of codes x and y in one window: the first
// segment holding both, else the first segment of each.
// It returns the units of the two quotes too.
func (a *Accumulator) windowPair(win []segUnit, x, y int, codings []Coding, seq int) (pairCand, *segUnit, *segUnit) {
	for i := range win {
		u := &win[i]
		if px, py := u.hasCode(x), u.hasCode(y); px >= 0 && py >= 0 {
			return a.newPairCand(&codings[u.best[px]], u, x, &codings[u.best[py]], u, y, seq), u, u
		}
	}
	var ux, uy *segUnit
	var cx, cy *Coding
	for i := range win {
		u := &win[i]
		if p := u.hasCode(x); p >= 0 && ux == nil {
			ux, cx = u, &codings[u.best[p]]
		}
		if p := u.hasCode(y); p >= 0 && uy == nil {
			uy, cy = u, &codings[u.best[p]]
		}
	}
	return a.newPairCand(cx, ux, x, cy, uy, y, seq), ux, uy
}

// ---- quote pairs ----

// pairKey is what orders quote pairs besides the two quotes' own keys.
type pairKey struct {
	notSame bool
	negated bool
	lenPen  int32
}

// pairLess orders quote pairs: smaller is better.
func pairLess(a, b *pairCand) bool {
	k, o := a.key, b.key
	x, y := &a.first.key, &b.first.key
	switch {
	case k.notSame != o.notSame:
		return !k.notSame
	case k.negated != o.negated:
		return !k.negated
	case k.lenPen != o.lenPen:
		return k.lenPen < o.lenPen
	case x.seq != y.seq:
		return x.seq < y.seq
	case x.segN != y.segN:
		return x.segN < y.segN
	case a.snd.key.segN != b.snd.key.segN:
		return a.snd.key.segN < b.snd.key.segN
	case x.start != y.start:
		return x.start < y.start
	case a.snd.key.start != b.snd.key.start:
		return a.snd.key.start < b.snd.key.start
	case *x.code != *y.code:
		return *x.code < *y.code
	}
	return *a.snd.key.code < *b.snd.key.code
}

type pairCand struct {
	key        pairKey
	first, snd quoteCand
}

// newPairCand returns the pair of coding ca (of code index ka) in unit ua
// and cb (kb) in ub.
func (a *Accumulator) newPairCand(ca *Coding, ua *segUnit, ka int, cb *Coding, ub *segUnit, kb int, seq int) pairCand {
	qa, qb := newQuoteCand(ca, ua, seq, a.codeIDs[ka]), newQuoteCand(cb, ub, seq, a.codeIDs[kb])
	pen := qa.key.lenPen
	if ua != ub {
		pen += qb.key.lenPen
	}
	return pairCand{key: pairKey{notSame: ua != ub, negated: ca.Negated || cb.Negated, lenPen: pen}, first: qa, snd: qb}
}

// pairList keeps the best max pairs, best first, never the same pair of
// segments twice.
type pairList struct {
	max   int
	items []pairCand
}

// add offers a pair of the document being added (doc), with quotes of
// units ua and ub, to the list.
func (l *pairList) add(c pairCand, ua, ub *segUnit, doc *docSources) {
	if n := len(l.items); n >= l.max && (n == 0 || !pairLess(&c, &l.items[n-1])) {
		return // full, and c is no better than the last (see insertTop)
	}
	var in bool
	l.items, in = insertTop(l.items, c, l.max,
		func(a, b pairCand) bool { return pairLess(&a, &b) },
		func(a, b pairCand) bool {
			return a.first.key.seq == b.first.key.seq && a.first.key.segN == b.first.key.segN && a.snd.key.segN == b.snd.key.segN
		})
	if !in {
		return
	}
	for i := range l.items {
		l.items[i].first.keep(ua, doc) // only c can be new
		l.items[i].snd.keep(ub, doc)
	}
}

// take returns the pairs; when finishing, it drops the candidates (each
// list is taken once).
func (l *pairList) take(finishing bool) []QuotePair {
	p := l.pairs()
	if finishing && l != nil {
		l.items = nil
	}
	return p
}

func (l *pairList) pairs() []QuotePair {
	if l == nil || len(l.items) == 0 {
		return nil
	}
	out := make([]QuotePair, len(l.items))
	for i := range l.items {
		out[i] = QuotePair{First: l.items[i].first.quote(), Second: l.items[i].snd.quote()}
	}
	return out
}

// ---- qualities ----

type qualAcc struct {
	segments, negated int
	cases             caseSet
	quotes            pairList
}

// addQualities links the quality codes of one own-voice segment to its
// relation, place and facility codes; cs is its case.
func (a *Accumulator) addQualities(cs *caseAcc, doc *docSources, u *segUnit, codings []Coding, seq int) {
	for pt, t := range u.codes {
		if !isNetCat(a.cat(t)) {
			continue
		}
		for pq, q := range u.codes {
			if a.cat(q) != CatQuality {
				continue
			}
			key := [2]int{t, q}
			qa := a.qual[key]
			if qa == nil {
				qa = &qualAcc{quotes: pairList{max: a.opt.QuotesPerCell}}
				a.qual[key] = qa
			}
			qa.segments++
			if u.allNeg[pt] || u.allNeg[pq] {
				qa.negated++
			}
			qa.cases.add(cs.n)
			qa.quotes.add(a.newPairCand(&codings[u.best[pt]], u, t, &codings[u.best[pq]], u, q, seq), u, u, doc)
		}
	}
}

func (a *Accumulator) qualities(order []int) []QualityLink {
	pos := make(map[int]int, len(order))
	for p, k := range order {
		pos[k] = p
	}
	keys := make([][2]int, 0, len(a.qual))
	for k := range a.qual {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if pos[keys[i][0]] != pos[keys[j][0]] {
			return pos[keys[i][0]] < pos[keys[j][0]]
		}
		return pos[keys[i][1]] < pos[keys[j][1]]
	})
	out := make([]QualityLink, 0, len(keys))
	for _, k := range keys {
		q := a.qual[k]
		out = append(out, QualityLink{Target: a.codes[k[0]].ID, Quality: a.codes[k[1]].ID, Segments: q.segments, Negated: q.negated,
			Cases: q.cases.ids(a.caseList), Quotes: q.quotes.take(a.finishing)})
	}
	return out
}
