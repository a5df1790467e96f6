package analysis

import (
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/gonum/mat"

	"github.com/pbasis/pbasis/corpus"
)

// Accumulator aggregates documents and their codings into Results, one
// document at a time. It keeps only what reports need: counts per case,
// role, wave, wijk and code, co-occurrence counts per code pair, and capped
// quote lists. Its memory grows with the number of cases, codes and
// documents' summary rows (DocInfo), not with the text of the corpus.
//
// An Accumulator is not safe for concurrent use: call Add from one
// goroutine, in document order (the order decides ties between quotes and
// the order of Results.Corpus.Documents).
type Accumulator struct {
	opt  ResultsOptions
	spec *CodebookSpec

	codes   []CodeInfo // codebook codes, then unknown codes as first seen
	codeIDs []*string  // parallel to codes: the ID, for quote candidates (a pointer is half a string)
	nSpec   int        // how many of codes come from the codebook
	codeIdx map[string]int

	seq   int // documents added
	docs  []DocInfo
	cases map[string]*caseAcc
	// caseList holds the cases in the order they were made: case n is
	// caseList[n] (caseAcc.n).
	caseList []*caseAcc
	stats    []*codeAcc // by code index

	wijk map[string]*rowAcc // own voice, by wijk

	// co-occurrence: own/all x segment/window
	ownSeg, ownWin, allSeg, allWin *coocAcc
	net                            *netAcc // corpus network
	// units, winCodes and winNet are Add's and addWindow's reused
	// buffers.
	units            []segUnit
	winCodes, winNet []int
	ks               []int // Add's code index of each coding
	qual             map[[2]int]*qualAcc

	orphans int

	// strs holds one copy of each speaker and role string, so that quotes
	// share them and do not keep their documents' text alive.
	strs map[string]string

	// src makes the QuoteSources of the document being added.
	src docSources

	// finishing is set by Finish: quote lists hand their quotes over once
	// and let go of their candidates.
	finishing bool
}

// intern returns the accumulator's copy of s.
func (a *Accumulator) intern(s string) string {
	if v, ok := a.strs[s]; ok {
		return v
	}
	if a.strs == nil {
		a.strs = map[string]string{}
	}
	v := strings.Clone(s)
	a.strs[v] = v
	return v
}

// NewAccumulator returns an Accumulator for codings made with the codebook
// spec cb (nil is allowed: codes are then known only from codings).
func NewAccumulator(cb *CodebookSpec, opt ResultsOptions) *Accumulator {
	a := &Accumulator{
		opt:     opt.WithDefaults(),
		spec:    cb,
		codeIdx: map[string]int{},
		cases:   map[string]*caseAcc{},
		wijk:    map[string]*rowAcc{},
		ownSeg:  newCoocAcc(),
		ownWin:  newCoocAcc(),
		allSeg:  newCoocAcc(),
		allWin:  newCoocAcc(),
		net:     newNetAcc(),
		qual:    map[[2]int]*qualAcc{},
	}
	if cb != nil {
		for _, c := range cb.Codes {
			if _, dup := a.codeIdx[c.ID]; dup {
				continue
			}
			a.addCode(CodeInfo{ID: c.ID, Category: c.Category, Parent: c.Parent, Label: c.Label, Color: c.Color, InCodebook: true})
		}
	}
	a.nSpec = len(a.codes)
	return a
}

func (a *Accumulator) addCode(ci CodeInfo) int {
	i := len(a.codes)
	a.codes = append(a.codes, ci)
	id := ci.ID
	a.codeIDs = append(a.codeIDs, &id)
	a.codeIdx[ci.ID] = i
	a.stats = append(a.stats, &codeAcc{quotes: quoteList{max: a.opt.QuotesPerCode}})
	return i
}

// code returns the index of a coding's code, adding a code not in the
// codebook.
func (a *Accumulator) code(c *Coding) int {
	if i, ok := a.codeIdx[c.Code]; ok {
		return i
	}
	return a.addCode(CodeInfo{ID: c.Code, Category: c.Category})
}

func (a *Accumulator) cat(i int) Category { return a.codes[i].Category }

// voiceIdx orders the voices: own, interviewer, notes, other.
func voiceIdx(v corpus.Voice) int {
	switch v {
	case corpus.VoiceOwn:
		return 0
	case corpus.VoiceInterviewer:
		return 1
	case corpus.VoiceNotes:
		return 2
	}
	return 3
}

// cell is a Count with quotes.
type cell struct {
	Count
	quotes quoteList
}

// rowAcc is one row of a matrix: segments of the row and counts per code
// (dense, by code index: a code not counted yet has a zero Count).
type rowAcc struct {
	segs  int
	codes []Count
}

func newRowAcc() *rowAcc { return &rowAcc{} }

// count returns the count of code, to add to.
func (r *rowAcc) count(code int) *Count {
	if code >= len(r.codes) {
		r.codes = append(r.codes, make([]Count, code+1-len(r.codes))...)
	}
	return &r.codes[code]
}

// at returns the count of code.
func (r *rowAcc) at(code int) Count {
	if code < len(r.codes) {
		return r.codes[code]
	}
	return Count{}
}

type codeAcc struct {
	counts   [4]Count
	cases    caseSet
	affirmed caseSet
	quotes   quoteList
	// inCases and inAffirmed are the case last put in cases and affirmed:
	// a case's codings come together, so most puts are skipped.
	inCases, inAffirmed *caseAcc
}

type caseAcc struct {
	id       string
	n        int // its index in Accumulator.caseList
	wijks    map[string]bool
	waves    map[string]bool
	docs     []string
	vars     map[string]map[string]bool
	segs     [4]int
	words    int
	voice    [4][]*cell         // per voice, by code index (nil: none yet)
	outside  map[int]*quoteList // non-own quotes of formal help and strain codes
	roles    map[string]*rowAcc // own voice
	waveRows map[string]*rowAcc // own voice
	net      *netAcc
}

func (a *Accumulator) caseOf(id string) *caseAcc {
	c := a.cases[id]
	if c == nil {
		c = &caseAcc{id: id, n: len(a.caseList), wijks: map[string]bool{}, waves: map[string]bool{}, vars: map[string]map[string]bool{},
			outside: map[int]*quoteList{}, roles: map[string]*rowAcc{}, waveRows: map[string]*rowAcc{}, net: newNetAcc()}
		a.cases[id] = c
		a.caseList = append(a.caseList, c)
	}
	return c
}

// caseSet is a set of cases of an Accumulator, a bit per case number
// (caseAcc.n).
type caseSet []uint64

// add puts case number n in the set.
func (s *caseSet) add(n int) {
	for len(*s) <= n>>6 {
		*s = append(*s, 0)
	}
	(*s)[n>>6] |= 1 << (n & 63)
}

// ids returns the IDs of the cases in the set, sorted (never nil), as
// sortedKeys returns those of a map; cases are the Accumulator's
// caseList.
func (s caseSet) ids(cases []*caseAcc) []string {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	out := make([]string, 0, n)
	for i, w := range s {
		for ; w != 0; w &= w - 1 {
			out = append(out, cases[i<<6+bits.TrailingZeros64(w)].id)
		}
	}
	sort.Strings(out)
	return out
}

// cell returns the cell of voice v and code, making it.
func (c *caseAcc) cell(v, code, max int) *cell {
	cells := c.voice[v]
	if code >= len(cells) {
		cells = append(cells, make([]*cell, code+1-len(cells))...)
		c.voice[v] = cells
	}
	x := cells[code]
	if x == nil {
		x = &cell{quotes: quoteList{max: max}}
		cells[code] = x
	}
	return x
}

// cellAt returns the cell of voice v and code, or nil when it has none.
func (c *caseAcc) cellAt(v, code int) *cell {
	if cells := c.voice[v]; code < len(cells) {
		return cells[code]
	}
	return nil
}

// segUnit is a segment of the document being added, with its codings.
type segUnit struct {
	seg     *corpus.Segment
	voice   corpus.Voice
	vi      int
	role    string
	speaker string
	runes   int
	codings []int // indices into the codings slice, in the caller's order
	// codes are the distinct code indices in the segment, ascending; best
	// holds, parallel, the index of the best coding of that code (first
	// non-negated, else first); allNeg says whether every mention of it
	// is negated.
	codes  []int
	best   []int
	allNeg []bool
	ref    *QuoteSegment // made when a quote of the segment is first kept
}

// caseID returns the case of a document: Meta.Case, or the document ID
// when it has none (a document without a case is a case of its own).
func caseID(doc *corpus.Document) string {
	if doc.Meta.Case != "" {
		return doc.Meta.Case
	}
	return doc.ID
}

// Add aggregates one document and its codings. Call it in document order.
// The voice and role of a coding are those of its segment's turn in doc
// (the document decides whose words they are); a coding whose segment ID
// is not a segment of doc is an orphan: it counts as a mention of its own
// Voice in Results.Cases and Results.CodeStats only.
//
// Add does not keep doc or codings; quotes keep copies of the quoted
// segments' text and time, and the document ID (see refOf).
func (a *Accumulator) Add(doc *corpus.Document, codings []Coding) {
	seq := a.seq
	a.seq++
	a.src.reset(doc.ID)
	cid := caseID(doc)
	cs := a.caseOf(cid)
	di := DocInfo{ID: doc.ID, Case: cid, Kind: doc.Meta.Kind, Format: doc.Format, Wijk: doc.Meta.Wijk, Wave: doc.Meta.Wave,
		Date: doc.Meta.Date, Words: doc.Reading.Words, Turns: len(doc.Turns)}

	cs.docs = append(cs.docs, doc.ID)
	if doc.Meta.Wijk != "" {
		cs.wijks[doc.Meta.Wijk] = true
	}
	if doc.Meta.Wave != "" {
		cs.waves[doc.Meta.Wave] = true
	}
	for k, v := range doc.Meta.Extra {
		if cs.vars[k] == nil {
			cs.vars[k] = map[string]bool{}
		}
		cs.vars[k][v] = true
	}
	cs.words += doc.Reading.Words

	wijkRow := a.wijk[doc.Meta.Wijk]
	if wijkRow == nil {
		wijkRow = newRowAcc()
		a.wijk[doc.Meta.Wijk] = wijkRow
	}
	var waveRow *rowAcc
	if doc.Meta.Wave != "" {
		waveRow = cs.waveRows[doc.Meta.Wave]
		if waveRow == nil {
			waveRow = newRowAcc()
			cs.waveRows[doc.Meta.Wave] = waveRow
		}
	}

	// Segments with their voices.
	units := a.unitsFor(len(doc.Segments))
	defer a.releaseUnits()
	for i := range doc.Segments {
		s := &doc.Segments[i]
		u := segUnit{seg: s, runes: runeCount(s.Text), voice: corpus.VoiceOther, role: corpus.RoleUnknown,
			codings: units[i].codings, codes: units[i].codes, best: units[i].best, allNeg: units[i].allNeg}
		if s.Turn >= 0 && s.Turn < len(doc.Turns) {
			t := doc.Turns[s.Turn]
			u.voice, u.role, u.speaker = t.Voice, a.intern(t.Role), a.intern(t.Speaker)
		}
		if doc.Meta.Kind == corpus.KindNotes {
			u.voice = corpus.VoiceNotes
		}
		u.vi = voiceIdx(u.voice)
		units[i] = u
		di.Segments = addVoice(di.Segments, u.vi, 1)
		cs.segs[u.vi]++
		if u.vi == 0 {
			wijkRow.segs++
			if waveRow != nil {
				waveRow.segs++
			}
			rr := cs.roles[u.role]
			if rr == nil {
				rr = newRowAcc()
				cs.roles[u.role] = rr
			}
			rr.segs++
		}
	}

	// Codings per segment; orphans counted apart. ks[i] is coding i's
	// code index.
	ks := a.ks[:0]
	for i := range codings {
		c := &codings[i]
		k := a.code(c)
		ks = append(ks, k)
		si, ok := segmentIndex(doc, c)
		if !ok {
			a.orphans++
			vi := voiceIdx(c.Voice)
			di.Codings = addVoice(di.Codings, vi, 1)
			a.mention(cs, k, vi, c.Negated)
			continue
		}
		units[si].codings = append(units[si].codings, i)
	}

	a.ks = ks
	for si := range units {
		u := &units[si]
		if len(u.codings) == 0 {
			continue
		}
		a.indexCodes(u, codings, ks)
		di.Codings = addVoice(di.Codings, u.vi, len(u.codings))
		var rows [3]*rowAcc // the own-voice rows the segment counts in
		if u.vi == 0 {
			rows = [3]*rowAcc{wijkRow, waveRow, cs.roles[u.role]}
		}
		for _, ci := range u.codings {
			c := &codings[ci]
			k := ks[ci]
			a.mention(cs, k, u.vi, c.Negated)
			if u.vi == 0 {
				for _, r := range rows {
					if r == nil {
						continue
					}
					n := r.count(k)
					n.Mentions++
					if c.Negated {
						n.Negated++
					}
				}
			}
			q := newQuoteCand(c, u, seq, a.codeIDs[k])
			cs.cell(u.vi, k, a.opt.QuotesPerCell).quotes.add(q, u, &a.src)
			if u.vi == 0 {
				a.stats[k].quotes.add(q, u, &a.src)
			} else if cat := a.cat(k); cat == CatFormalHelp || cat == CatStrain {
				ql := cs.outside[k]
				if ql == nil {
					ql = &quoteList{max: a.opt.QuotesPerCell}
					cs.outside[k] = ql
				}
				ql.add(q, u, &a.src)
			}
		}
		// Segment counts: once per distinct code.
		for _, k := range u.codes {
			cs.cell(u.vi, k, a.opt.QuotesPerCell).Segments++
			a.stats[k].counts[u.vi].Segments++
			if u.vi == 0 {
				for _, r := range rows {
					if r != nil {
						r.count(k).Segments++
					}
				}
			}
		}
		if u.vi == 0 {
			a.addQualities(cs, &a.src, u, codings, seq)
		}
	}

	a.addCooccurrence(cs, &a.src, units, codings, seq)
	a.docs = append(a.docs, di)
}

// unitsFor returns the reused units buffer with n units, each empty but
// for the capacity of its slices.
func (a *Accumulator) unitsFor(n int) []segUnit {
	if cap(a.units) < n {
		a.units = append(a.units[:cap(a.units)], make([]segUnit, n-cap(a.units))...)
	}
	units := a.units[:n]
	for i := range units {
		u := &units[i]
		*u = segUnit{codings: u.codings[:0], codes: u.codes[:0], best: u.best[:0], allNeg: u.allNeg[:0]}
	}
	return units
}

// releaseUnits drops the units buffer's references to the document just
// added (its segments, its quotes' segments), keeping the slices'
// capacity.
func (a *Accumulator) releaseUnits() {
	for i := range a.units {
		a.units[i].seg, a.units[i].ref = nil, nil
	}
}

// segmentIndex returns the index in doc.Segments of the segment c was
// coded in, and false when doc has no such segment (an orphan coding).
// The segment number says where to look; the ID decides.
func segmentIndex(doc *corpus.Document, c *Coding) (int, bool) {
	if i := c.SegN - 1; i >= 0 && i < len(doc.Segments) && doc.Segments[i].ID == c.Segment {
		return i, true
	}
	for i := range doc.Segments {
		if doc.Segments[i].ID == c.Segment {
			return i, true
		}
	}
	return 0, false
}

func addVoice(v VoiceInts, vi, n int) VoiceInts {
	switch vi {
	case 0:
		v.Own += n
	case 1:
		v.Interviewer += n
	case 2:
		v.Notes += n
	default:
		v.Other += n
	}
	return v
}

// mention counts one coding of code k in voice vi of case cs.
func (a *Accumulator) mention(cs *caseAcc, k, vi int, negated bool) {
	cl := cs.cell(vi, k, a.opt.QuotesPerCell)
	cl.Mentions++
	st := a.stats[k]
	st.counts[vi].Mentions++
	if negated {
		cl.Negated++
		st.counts[vi].Negated++
	}
	if vi == 0 {
		if st.inCases != cs {
			st.cases.add(cs.n)
			st.inCases = cs
		}
		if !negated && st.inAffirmed != cs {
			st.affirmed.add(cs.n)
			st.inAffirmed = cs
		}
	}
}

// indexCodes fills u.codes, u.best and u.allNeg; ks[i] is the code index
// of codings[i].
func (a *Accumulator) indexCodes(u *segUnit, codings []Coding, ks []int) {
	for _, ci := range u.codings {
		c := &codings[ci]
		k := ks[ci]
		p := slices.Index(u.codes, k)
		if p < 0 {
			// Insert in ascending code order, keeping best/allNeg parallel.
			p, _ = slices.BinarySearch(u.codes, k)
			u.codes = slices.Insert(u.codes, p, k)
			u.best = slices.Insert(u.best, p, ci)
			u.allNeg = slices.Insert(u.allNeg, p, c.Negated)
			continue
		}
		if !c.Negated {
			u.allNeg[p] = false
			if codings[u.best[p]].Negated {
				u.best[p] = ci
			}
		}
	}
}

// Finish returns the same Results as Results, but lets go of the quote
// candidates as the results take them, so that a large corpus's results
// and candidates are not both held at the peak. Quote lists that appear
// in several places of the results (a case's own quotes of a code in Cases,
// Help and Absent) share one slice. The Accumulator must not be used after
// Finish.
func (a *Accumulator) Finish() *Results {
	a.finishing = true
	r := a.Results()
	a.release()
	return r
}

// release drops everything the Accumulator holds that the results do not
// share, so that a large corpus's per-case tables, matrices and quote
// candidates are not kept alive while the reports are written.
func (a *Accumulator) release() {
	a.docs, a.cases, a.caseList, a.stats, a.wijk, a.qual, a.strs, a.codeIdx = nil, nil, nil, nil, nil, nil, nil, nil
	a.ownSeg, a.ownWin, a.allSeg, a.allWin, a.net = nil, nil, nil, nil, nil
	a.src = docSources{}
}

// Results returns the aggregated results of everything added so far. It
// does not change the Accumulator: more documents may be added and Results
// called again.
func (a *Accumulator) Results() *Results {
	order := a.codeOrder()
	r := &Results{Options: a.opt}
	if a.spec != nil {
		r.Codebook = CodebookInfo{ID: a.spec.ID, Version: a.spec.Version, Language: a.spec.Language, Title: a.spec.Title, File: a.spec.File}
	}
	for _, k := range order {
		r.Codes = append(r.Codes, a.codes[k])
	}
	caseIDs := make([]string, 0, len(a.cases))
	for id := range a.cases {
		caseIDs = append(caseIDs, id)
	}
	sort.Strings(caseIDs)

	r.Corpus = a.corpusSummary(caseIDs)
	r.CodeStats = a.codeStats(order)
	r.Cases = a.caseCodes(caseIDs, order)
	a.matrices(r, caseIDs, order)
	r.Cooccurrence = CooccurrenceSet{
		OwnSegment: a.ownSeg.build("own", UnitSegment, a.codes, order),
		OwnWindow:  a.ownWin.build("own", UnitWindow, a.codes, order),
		AllSegment: a.allSeg.build("all", UnitSegment, a.codes, order),
		AllWindow:  a.allWin.build("all", UnitWindow, a.codes, order),
	}
	r.Network = a.net.build("", a.codes, order)
	// Each case's network and bridges read only what belongs to the case
	// (its quote lists included), so the cases are done in parallel and
	// put together in case order.
	bridges := make([][]Bridge, len(caseIDs))
	if len(caseIDs) > 0 {
		r.CaseNetworks = make([]*Network, len(caseIDs))
	}
	forEach(len(caseIDs), func(i int) {
		id := caseIDs[i]
		r.CaseNetworks[i] = a.cases[id].net.build(id, a.codes, order)
		bridges[i] = a.bridges(a.cases[id], r.CaseNetworks[i], order)
	})
	for _, b := range bridges {
		r.Bridges = append(r.Bridges, b...)
	}
	r.Qualities = a.qualities(order)
	r.Help = a.helpAndStrain(caseIDs, order)
	r.Waves = a.waveChanges(caseIDs, order)
	r.Members = a.memberDifferences(caseIDs, order)
	r.Absent = a.absent(caseIDs, order)
	return r
}

// codeOrder returns code indices in report order: codebook codes, then
// unknown codes by ID.
func (a *Accumulator) codeOrder() []int {
	order := make([]int, len(a.codes))
	for i := range order {
		order[i] = i
	}
	extra := order[a.nSpec:]
	sort.Slice(extra, func(x, y int) bool { return a.codes[extra[x]].ID < a.codes[extra[y]].ID })
	return order
}

func (a *Accumulator) corpusSummary(caseIDs []string) CorpusSummary {
	s := CorpusSummary{Documents: append([]DocInfo(nil), a.docs...), Orphans: a.orphans}
	kinds := map[corpus.Kind]*KindTotal{}
	for _, d := range a.docs {
		s.Segments = addInts(s.Segments, d.Segments)
		s.Codings = addInts(s.Codings, d.Codings)
		s.Words += d.Words
		kt := kinds[d.Kind]
		if kt == nil {
			kt = &KindTotal{Kind: d.Kind}
			kinds[d.Kind] = kt
		}
		kt.Documents++
		kt.Words += d.Words
		kt.Segments += d.Segments.Total()
	}
	for _, kt := range kinds {
		s.ByKind = append(s.ByKind, *kt)
	}
	sort.Slice(s.ByKind, func(i, j int) bool { return s.ByKind[i].Kind < s.ByKind[j].Kind })
	vars := map[string]bool{}
	for _, id := range caseIDs {
		c := a.cases[id]
		ci := CaseInfo{ID: id, Wijks: sortedKeys(c.wijks), Waves: sortedWaves(c.waves), Documents: append([]string(nil), c.docs...),
			Variables: map[string]string{}, Words: c.words,
			Segments: VoiceInts{Own: c.segs[0], Interviewer: c.segs[1], Notes: c.segs[2], Other: c.segs[3]}}
		for role, rr := range c.roles {
			if rr.segs > 0 {
				ci.Roles = append(ci.Roles, role)
			}
		}
		sort.Strings(ci.Roles)
		for k, vals := range c.vars {
			vars[k] = true
			ci.Variables[k] = strings.Join(sortedKeys(vals), "; ")
		}
		s.Cases = append(s.Cases, ci)
	}
	s.Variables = sortedKeys(vars)
	return s
}

func addInts(a, b VoiceInts) VoiceInts {
	return VoiceInts{Own: a.Own + b.Own, Interviewer: a.Interviewer + b.Interviewer, Notes: a.Notes + b.Notes, Other: a.Other + b.Other}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// waveLess orders waves numerically when both are integers, else as
// strings; an integer wave comes before a non-integer one.
func waveLess(a, b string) bool {
	x, ea := strconv.Atoi(strings.TrimSpace(a))
	y, eb := strconv.Atoi(strings.TrimSpace(b))
	switch {
	case ea == nil && eb == nil:
		if x != y {
			return x < y
		}
		return a < b
	case ea == nil:
		return true
	case eb == nil:
		return false
	}
	return a < b
}

func sortedWaves(m map[string]bool) []string {
	out := sortedKeys(m)
	sort.SliceStable(out, func(i, j int) bool { return waveLess(out[i], out[j]) })
	return out
}

func (a *Accumulator) codeStats(order []int) []CodeStat {
	out := make([]CodeStat, 0, len(order))
	for _, k := range order {
		st := a.stats[k]
		out = append(out, CodeStat{Code: a.codes[k].ID, Category: a.codes[k].Category,
			Counts: VoiceCounts{Own: st.counts[0], Interviewer: st.counts[1], Notes: st.counts[2], Other: st.counts[3]},
			Cases:  st.cases.ids(a.caseList), CasesAffirmed: st.affirmed.ids(a.caseList), Quotes: st.quotes.quotes()})
	}
	return out
}

func (a *Accumulator) caseCodes(caseIDs []string, order []int) []CaseCodes {
	out := make([]CaseCodes, len(caseIDs))
	// Each case takes only its own quote lists: the cases are done in
	// parallel.
	forEach(len(caseIDs), func(i int) {
		id := caseIDs[i]
		c := a.cases[id]
		var lists [4][]CodeCount
		for vi := range lists {
			for _, k := range order {
				cl := c.cellAt(vi, k)
				if cl == nil || cl.Mentions == 0 {
					continue
				}
				lists[vi] = append(lists[vi], CodeCount{Code: a.codes[k].ID, Category: a.codes[k].Category, Count: cl.Count, Quotes: cl.quotes.take(a.finishing)})
			}
		}
		out[i] = CaseCodes{Case: id, Own: lists[0], Interviewer: lists[1], Notes: lists[2], Other: lists[3]}
	})
	return out
}

func (a *Accumulator) helpAndStrain(caseIDs []string, order []int) HelpAndStrain {
	var h HelpAndStrain
	for _, id := range caseIDs {
		c := a.cases[id]
		for _, k := range order {
			cat := a.cat(k)
			if cat != CatFormalHelp && cat != CatStrain {
				continue
			}
			var vc VoiceCounts
			var counts [4]Count
			any := false
			for vi := range counts {
				if cl := c.cellAt(vi, k); cl != nil {
					counts[vi] = cl.Count
					any = any || cl.Mentions > 0
				}
			}
			if !any {
				continue
			}
			vc = VoiceCounts{Own: counts[0], Interviewer: counts[1], Notes: counts[2], Other: counts[3]}
			e := CaseCodeVoices{Case: id, Code: a.codes[k].ID, Category: cat, Counts: vc}
			if cl := c.cellAt(0, k); cl != nil {
				e.Own = cl.quotes.take(a.finishing)
			}
			if ql := c.outside[k]; ql != nil {
				e.Outside = ql.take(a.finishing)
			}
			if cat == CatFormalHelp {
				h.FormalHelp = append(h.FormalHelp, e)
			} else {
				h.Strain = append(h.Strain, e)
			}
		}
	}
	return h
}

func (a *Accumulator) absent(caseIDs []string, order []int) []AbsentCode {
	var out []AbsentCode
	for _, id := range caseIDs {
		c := a.cases[id]
		for _, k := range order {
			cl := c.cellAt(0, k)
			if cl == nil || cl.Mentions == 0 || cl.Negated != cl.Mentions {
				continue
			}
			out = append(out, AbsentCode{Case: id, Code: a.codes[k].ID, Category: a.cat(k), Negated: cl.Negated, Quotes: cl.quotes.take(a.finishing)})
		}
	}
	return out
}

// ---- matrices ----

// matrices fills ByCase, ByRole, ByWijk and ByWave.
func (a *Accumulator) matrices(r *Results, caseIDs []string, order []int) {
	cols := make([]string, len(order))
	for p, k := range order {
		cols[p] = a.codes[k].ID
	}
	voices := []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther}
	var byVoice [4]*Matrix
	for vi, v := range voices {
		rows := make([]matrixRow, len(caseIDs))
		for i, id := range caseIDs {
			c := a.cases[id]
			rows[i] = matrixRow{label: id, segs: c.segs[vi], count: func(k int) Count {
				if cl := c.cellAt(vi, k); cl != nil {
					return cl.Count
				}
				return Count{}
			}}
		}
		byVoice[vi] = newMatrix(v, rows, cols, order)
	}
	r.ByCase = VoiceMatrices{Own: byVoice[0], Interviewer: byVoice[1], Notes: byVoice[2], Other: byVoice[3]}

	var roleRows, waveRows []matrixRow
	for _, id := range caseIDs {
		c := a.cases[id]
		for _, role := range sortedRowKeys(c.roles, false) {
			if rr := c.roles[role]; rr.segs > 0 {
				roleRows = append(roleRows, rowOf(id+"/"+role, rr))
			}
		}
		for _, w := range sortedRowKeys(c.waveRows, true) {
			if wr := c.waveRows[w]; wr.segs > 0 {
				waveRows = append(waveRows, rowOf(id+"/"+w, wr))
			}
		}
	}
	var wijkRows []matrixRow
	for _, w := range sortedRowKeys(a.wijk, false) {
		wijkRows = append(wijkRows, rowOf(w, a.wijk[w]))
	}
	r.ByRole = newMatrix(corpus.VoiceOwn, roleRows, cols, order)
	r.ByWave = newMatrix(corpus.VoiceOwn, waveRows, cols, order)
	r.ByWijk = newMatrix(corpus.VoiceOwn, wijkRows, cols, order)
}

type matrixRow struct {
	label string
	segs  int
	count func(k int) Count
}

func rowOf(label string, r *rowAcc) matrixRow {
	return matrixRow{label: label, segs: r.segs, count: func(k int) Count {
		return r.at(k)
	}}
}

func sortedRowKeys(m map[string]*rowAcc, waves bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	if waves {
		sort.SliceStable(out, func(i, j int) bool { return waveLess(out[i], out[j]) })
	}
	return out
}

func newMatrix(v corpus.Voice, rows []matrixRow, cols []string, order []int) *Matrix {
	m := &Matrix{Voice: v, Cols: cols, Rows: make([]string, len(rows)), RowSegments: make([]int, len(rows))}
	for i, r := range rows {
		m.Rows[i], m.RowSegments[i] = r.label, r.segs
	}
	if len(rows) == 0 || len(cols) == 0 {
		return m
	}
	m.Mentions = mat.NewDense(len(rows), len(cols), nil)
	m.Segments = mat.NewDense(len(rows), len(cols), nil)
	m.Share = mat.NewDense(len(rows), len(cols), nil)
	for i, r := range rows {
		for j, k := range order {
			c := r.count(k)
			m.Mentions.Set(i, j, float64(c.Mentions))
			m.Segments.Set(i, j, float64(c.Segments))
			if r.segs > 0 {
				m.Share.Set(i, j, float64(c.Segments)/float64(r.segs))
			}
		}
	}
	return m
}

// ---- quotes ----

// quoteKey orders quote candidates: smaller is better. Its numbers are
// 32-bit, and the code is a pointer to the Accumulator's copy of its ID
// (codeIDs), to keep the many candidates of a large corpus small.
type quoteKey struct {
	negated bool
	notOwn  bool
	lenPen  int32
	seq     int32
	segN    int32
	start   int32
	code    *string
}

func (k quoteKey) less(o quoteKey) bool {
	if k.negated != o.negated {
		return !k.negated
	}
	if k.notOwn != o.notOwn {
		return !k.notOwn
	}
	if k.lenPen != o.lenPen {
		return k.lenPen < o.lenPen
	}
	if k.seq != o.seq {
		return k.seq < o.seq
	}
	if k.segN != o.segN {
		return k.segN < o.segN
	}
	if k.start != o.start {
		return k.start < o.start
	}
	return *k.code < *o.code
}

// Preferred quote length in code points.
const (
	quoteMinRunes = 60
	quoteMaxRunes = 240
)

func lengthPenalty(n int) int {
	switch {
	case n < quoteMinRunes:
		return quoteMinRunes - n
	case n > quoteMaxRunes:
		return n - quoteMaxRunes
	}
	return 0
}

// quoteCand is a quote candidate. Until a list keeps it, ref is nil and
// term points at its coding's Term; once kept (see keep), it holds the
// segment's QuoteSegment, so lists keep only the quoted segments' text, not
// the documents, and term is nil when the term is the text at the span.
// It is 56 bytes: a large corpus has hundreds of thousands of them.
type quoteCand struct {
	key  quoteKey
	ref  *QuoteSegment // once kept
	end  int32         // evidence span in the segment: key.start to end, in code points
	neg  bool
	term *string
}

// docSources makes the QuoteSources of the document being added: one per
// speaker, role and voice, made on first use, so that the quoted segments
// of one speaker share it.
type docSources struct {
	doc string // the document's ID
	m   map[sourceKey]*QuoteSource
}

type sourceKey struct {
	speaker, role string
	voice         corpus.Voice
}

// reset starts the sources of document doc.
func (d *docSources) reset(doc string) {
	d.doc = doc
	if d.m == nil || len(d.m) > 64 {
		d.m = map[sourceKey]*QuoteSource{} // do not keep clearing a big map
	} else {
		clear(d.m)
	}
}

// of returns the QuoteSource of speaker, role and voice in the document.
func (d *docSources) of(speaker, role string, voice corpus.Voice) *QuoteSource {
	k := sourceKey{speaker, role, voice}
	s := d.m[k]
	if s == nil {
		s = &QuoteSource{Doc: d.doc, Speaker: speaker, Role: role, Voice: voice}
		d.m[k] = s
	}
	return s
}

// refOf returns the segment's QuoteSegment, made on first use. It copies
// the text (and the time), which are part of the document's text, so that
// a kept quote does not keep the whole document alive; its QuoteSource
// holds the document ID, a string of its own (the path corpus.Load read
// it from), and speaker and role, interned by Add.
func (u *segUnit) refOf(doc *docSources) *QuoteSegment {
	if u.ref == nil {
		s := u.seg
		u.ref = &QuoteSegment{QuoteSource: doc.of(u.speaker, u.role, u.voice),
			Text: strings.Clone(s.Text), Time: strings.Clone(s.Time), Line: int32(s.Line), N: int32(s.N)}
	}
	return u.ref
}

// keep turns a candidate of unit u that a list has just taken into one
// that outlives its document's Add; a candidate already kept is left as it
// is. When the term is the text at the evidence span, as it is for the
// matcher's codings, it is not stored but cut from the text again by
// quote.
func (c *quoteCand) keep(u *segUnit, doc *docSources) {
	if c.ref != nil {
		return
	}
	c.ref = u.refOf(doc)
	if c.end > c.key.start && runeSlice(c.ref.Text, int(c.key.start), int(c.end)) == *c.term {
		c.term = nil
	} else {
		t := strings.Clone(*c.term)
		c.term = &t
	}
}

// runeSlice returns s[start:end] in code points; "" when out of range.
// Code points are counted as range over s counts them (an invalid byte is
// one).
func runeSlice(s string, start, end int) string {
	if start < 0 || end < start {
		return ""
	}
	b0, ok := runeOffset(s, 0, 0, start)
	if !ok {
		return ""
	}
	b1, ok := runeOffset(s, b0, start, end)
	if !ok {
		return ""
	}
	return s[b0:b1]
}

// runeOffset returns the byte offset in s of code point want (len(s) for
// the end of s), counting from byte i, which starts code point n <= want;
// ok is false when s ends before it. It skips eight ASCII bytes at a time
// where it can.
func runeOffset(s string, i, n, want int) (int, bool) {
	for n < want {
		if want-n >= 8 && len(s)-i >= 8 && le64(s[i:i+8])&0x8080808080808080 == 0 {
			i += 8
			n += 8
			continue
		}
		if i >= len(s) {
			return 0, false
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n++
	}
	return i, true
}

// runeCount returns the number of code points in s as
// utf8.RuneCountInString counts them (an invalid byte is one), skipping
// eight ASCII bytes at a time.
func runeCount(s string) int {
	n, i := 0, 0
	for i < len(s) {
		if len(s)-i >= 8 && le64(s[i:i+8])&0x8080808080808080 == 0 {
			i += 8
			n += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		n++
	}
	return n
}

// quote returns the Quote of a kept candidate.
func (c *quoteCand) quote() Quote {
	var term string
	if c.term == nil {
		term = runeSlice(c.ref.Text, int(c.key.start), int(c.end))
	} else {
		term = *c.term
	}
	return Quote{QuoteSegment: c.ref, Start: int(c.key.start), End: int(c.end), Term: term, Code: *c.key.code, Negated: c.neg}
}

// newQuoteCand returns the candidate of coding c in unit u of the
// document numbered seq; code is the Accumulator's copy of c.Code (codeIDs).
func newQuoteCand(c *Coding, u *segUnit, seq int, code *string) quoteCand {
	s := u.seg
	start, end := c.Start-s.Span.Start, c.End-s.Span.Start
	if start < 0 || end > u.runes || start > end {
		start, end = 0, 0 // evidence outside the segment: quote without a span
	}
	return quoteCand{
		key: quoteKey{negated: c.Negated, notOwn: u.vi != 0, lenPen: int32(lengthPenalty(u.runes)), seq: int32(seq), segN: int32(s.N), start: int32(start), code: code},
		end: int32(end), neg: c.Negated, term: &c.Term,
	}
}

// quoteList keeps the best max candidates, best first, one per segment.
type quoteList struct {
	max   int
	items []quoteCand
	taken []Quote // set by take when finishing
	done  bool
}

// take returns the list's quotes; when finishing, it keeps them for the
// next take and drops the candidates.
func (l *quoteList) take(finishing bool) []Quote {
	if l.done {
		return l.taken
	}
	q := l.quotes()
	if finishing {
		l.taken, l.done, l.items = q, true, nil
	}
	return q
}

// add offers a candidate of unit u of the document being added (doc) to
// the list.
func (l *quoteList) add(c quoteCand, u *segUnit, doc *docSources) {
	if n := len(l.items); n >= l.max && (n == 0 || !c.key.less(l.items[n-1].key)) {
		return // full, and c is no better than the last (see insertTop)
	}
	var in bool
	l.items, in = insertTop(l.items, c, l.max,
		func(a, b quoteCand) bool { return a.key.less(b.key) },
		func(a, b quoteCand) bool { return a.key.seq == b.key.seq && a.key.segN == b.key.segN })
	if !in {
		return
	}
	for i := range l.items {
		l.items[i].keep(u, doc) // only c can be new
	}
}

// insertTop inserts c into items, which are sorted best first by less (a
// strict weak order) and hold at most max entries, and reports whether it
// did. An entry for the same unit (same) is replaced only by a better
// candidate, so a list never holds one segment twice.
//
// When the list is full and c is no better than its last entry, nothing
// changes, and that is decided first, without looking for c's unit: an
// entry x of the unit that c would replace is worse than c, yet no worse
// than the last, so c would be better than the last. Most candidates of a
// large corpus are turned away there; callers may make that test
// themselves first, with no copies of c. (less and same take their
// arguments by value: a pointer to c handed to them would move c to the
// heap.)
func insertTop[T any](items []T, c T, max int, less, same func(a, b T) bool) ([]T, bool) {
	if max <= 0 || len(items) >= max && !less(c, items[len(items)-1]) {
		return items, false
	}
	for i, x := range items {
		if same(x, c) {
			if !less(c, x) {
				return items, false
			}
			items = append(items[:i], items[i+1:]...)
			break
		}
	}
	i := sort.Search(len(items), func(i int) bool { return less(c, items[i]) })
	var zero T
	items = append(items, zero)
	copy(items[i+1:], items[i:])
	items[i] = c
	if len(items) > max {
		items = items[:max]
	}
	return items, true
}

func (l *quoteList) quotes() []Quote {
	if len(l.items) == 0 {
		return nil
	}
	out := make([]Quote, len(l.items))
	for i := range l.items {
		out[i] = l.items[i].quote()
	}
	return out
}
