package analysis

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/pbasis/pbasis/corpus"
)

// Measures: how an Emergent's Keywords are ranked (Emergent.Measure).
const (
	MeasureG2Rest      = "g2-rest"      // G2 of the case against the rest of the corpus
	MeasureG2Reference = "g2-reference" // G2 of the corpus against a reference frequency list
	MeasureSpread      = "count-spread" // count × ln(1 + cases/cases using the term)
	MeasureCount       = "count"        // plain count: the corpus has one case only, there is no rest
)

// Mention kinds.
const (
	MentionPerson = "person"
	MentionPlace  = "place"
	MentionName   = "name"
)

// EmergentOptions configure emergent-term extraction. Zero values take the
// defaults.
type EmergentOptions struct {
	// MinCount is the least number of uncovered occurrences a keyword needs
	// in the case (or corpus) it is listed for. Default 3.
	MinCount int
	// Top caps each list (Keywords and Uncoded) per case and for the corpus.
	// Default 25.
	Top int
	// Examples caps the examples kept per term or mention. Default 3.
	Examples int
	// Voices are the voices whose segments are read. Default: VoiceOwn only,
	// the family's own words (DOMAIN.md point 5).
	Voices []corpus.Voice
}

func (o EmergentOptions) withDefaults() EmergentOptions {
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.Top <= 0 {
		o.Top = 25
	}
	if o.Examples <= 0 {
		o.Examples = 3
	}
	if len(o.Voices) == 0 {
		o.Voices = []corpus.Voice{corpus.VoiceOwn}
	}
	return o
}

// Term is a word or two-word phrase, distinctive for a case or the corpus.
type Term struct {
	Text string // display form: the most frequent surface form (two words joined by one space)
	Norm string // folded form (see Fold); two words joined by one space
	// Count is the number of uncovered occurrences in the case (or corpus).
	// OtherCount is the number in the rest of the corpus; for the corpus-level
	// list, the count in the reference list (0 without one).
	Count, OtherCount int
	// LL is the G2 keyness (see FindEmergent; 3.84 is the 5% critical
	// value of chi-squared with one degree of freedom, 6.63 the 1%; on a
	// small corpus most terms stay below and the list is a ranking, not a
	// test);
	// for the corpus-level list without a reference it is the
	// count × ln(1 + C/df) score instead (Emergent.Measure says which).
	LL       float64
	Examples []Example // at most EmergentOptions.Examples, in document order
}

// Example is one place where a term or mention occurs.
type Example struct {
	Doc, Segment string // document ID and segment ID
	Line         int    // source location of the segment (corpus.Segment.Line)
	Time         string
	Role         string
	Voice        corpus.Voice
	Text         string // the segment's text
}

// Mention is an uncoded mention that looks like a person or place: no coding
// overlaps it in its segment. Cues (Pattern):
//
//   - "<kin> van …" (kind person): a kin or relation word followed by van and
//     a name or a determiner and a noun: "de moeder van Samira", "de vader
//     van een vriendje". Text is "moeder van Samira".
//   - "bij … thuis" (kind place): "bij Fatima thuis", "bij mijn tante thuis";
//     not when only pronouns stand between (bij ons thuis).
//   - "bij …", "met …" (kind name): a capitalised word inside a sentence
//     (never the first word) that the corpus never writes in lower case and
//     that is no stopword, day, month or holiday: "met Bram". Text is the
//     name (up to three capitalised words).
//   - "-werker", "-coach", "-juf", "-meester", "-vrouw", "-man", "-moeder",
//     "-vader" (kind person) and "-plein", "-veld", "-park", "-straat",
//     "-huis", "-centrum", "-hal", "-bad", "-tuin", "-school" (kind place):
//     compounds with at least three letters before the suffix, also in
//     plural and diminutive ("buurtwerkers", "trapveldje"). The generic
//     agent suffixes "-er" and "-ster" count only after a de-word
//     determiner, possibly with one adjective between ("de nieuwe
//     buurtbewoner"), because most Dutch words in -er are no persons.
type Mention struct {
	Text    string // the most frequent surface form
	Norm    string // folded form; mentions are grouped by Kind and Norm
	Kind    string // "person", "place" or "name"
	Pattern string // the cue that found it most often, e.g. "de moeder van …", "bij … thuis", "-werker"
	Count   int
	// Examples are at most EmergentOptions.Examples, in document order.
	Examples []Example
}

// Emergent is the emergent material of one case, or of the corpus (Case "").
type Emergent struct {
	Case     string
	Measure  string // how Keywords are ranked: MeasureG2Rest, MeasureG2Reference, MeasureSpread or MeasureCount
	Tokens   int    // word tokens in the included segments (stopwords and coded words included)
	Keywords []Term
	Uncoded  []Mention
}

// FindEmergent computes the emergent material of every case and of the whole
// corpus (see Emergent, Term and Mention). codings may hold the codings of
// all documents; each document uses those whose Doc is its ID. ref is a
// reference frequency list (word -> count; see ParseFrequencyList) for the
// corpus-level keyness, or nil. The result holds the corpus first (Case ""),
// then one entry per case in case order; documents without a case count in
// the corpus and in every other case's rest, but get no entry of their own.
// Keywords are sorted by LL descending, then count descending, then Norm;
// mentions by count descending, then Text, Kind and Norm. The result does
// not depend on the order of docs.
//
// Emergent material (DOMAIN.md point 4) is what a fixed codebook did not
// foresee. There are two lists per case and for the whole corpus:
//
//   - Keywords: words and two-word phrases that are distinctive, counted only
//     where no coding covers them, so the list shows what the codebook does
//     not cover. Stopwords (Stopwords), tokens shorter than three letters,
//     tokens without letters and personal names (a word written with a
//     capital inside a sentence and never in lower case anywhere in the
//     corpus) are left out; names surface as Uncoded mentions instead. A two-word
//     phrase is two such words next to each other in one clause.
//   - Uncoded: mentions that look like a person or a place and that no coding
//     overlaps, found by cues (see Mention).
//
// Keyness of a case is Dunning's log-likelihood G2 of the 2x2 table
//
//	              term     other words
//	case          a        N1 - a
//	rest          b        N2 - b
//
// where N1 and N2 count every word token (stopwords included) of the
// included segments of the case and of the rest of the corpus, and
// G2 = 2 Σ O ln(O/E) over the four cells, E the expected count under
// independence. Only terms used more in the case than in the rest (a/N1 >
// b/N2) are listed: under-use is not "emergent".
//
// For the corpus as a whole there is no rest. With a reference frequency list
// the corpus is compared with it by the same G2 (words only: reference lists
// hold no phrases; a word absent from the list counts 0 there). Without one,
// terms are ranked by count × ln(1 + C/df), C the number of cases and df the
// number of cases that use the term: frequent terms first, and among equally
// frequent ones those used by few families before those that every family
// uses (like idf, but never zero, so a term used everywhere still ranks by
// its count).
func FindEmergent(docs []*corpus.Document, codings []Coding, ref map[string]int, opt EmergentOptions) []Emergent {
	byDoc := make(map[string][]Coding)
	for _, c := range codings {
		byDoc[c.Doc] = append(byDoc[c.Doc], c)
	}
	acc := NewEmergentAccumulator(opt)
	for _, d := range docs {
		acc.Add(d, byDoc[d.ID])
	}
	return acc.Result(ref)
}

// EmergentAccumulator collects emergent material one document at a time, so
// a corpus can be streamed: its memory grows with the vocabulary and the
// number of cases, not with the number of documents (examples are capped).
//
// A document is read in two steps: Observe does the work (tokenising,
// counting, finding mentions) and may run on many goroutines at once;
// AddObserved merges its result and must be called from one goroutine, in
// the order the documents are to be added. Add does both. Result may be
// called at any time from the goroutine that merges. An accumulator counts
// at most 2^32-1 word tokens (of the included segments); merging more
// panics.
type EmergentAccumulator struct {
	// Read-only after NewEmergentAccumulator: Observe reads these from any
	// goroutine.
	opt      EmergentOptions
	voices   map[corpus.Voice]bool
	tabs     *mentionCueTables
	scratch  sync.Pool     // *emScratch, Observe's working memory
	observed sync.Pool     // *EmergentDoc, merged and free for Observe
	memos    atomic.Uint32 // the last emMemo id given out
	memoMax  int           // words an Observe scratch keeps (emMemoMax but in tests)

	// The merged state (see emergent_merge.go), changed by AddObserved only.
	cases   map[string]*emCase
	wordIdx map[string]uint32 // folded word -> index in words
	words   []vocabWord
	surfIdx map[string]uint32 // written form -> index in surfs
	surfs   []string          // written forms that differ from their norm; surfs[0] is unused
	totals  map[uint64]termTotal
	mentIdx map[mentionKey]uint32 // mention -> index in ments
	ments   []mentionKey
	strs    map[string]string   // interned mention texts and patterns
	turnIdx map[turnKind]uint32 // role and voice -> index in turns
	turns   []turnKind
	// lastTurn is the index in turns of the kind turnID returned last.
	lastTurn uint32
	bigNums  map[uint32]int // segment numbers of kept segments that need more than 32 bits
	tokens   int            // word tokens counted, at most maxTokens
	segs     [][]segRec     // segments kept as examples, in chunks (see seg)
	docs     []docRec       // documents with kept segments, in the order they were merged
	lastDoc  int            // index in docs of the greatest document ID
	store    exStore        // the records of the kept segments
	// memoWords gives, per emMemo (by id), the global word of each of its
	// word numbers (see globalWord).
	memoWords map[uint32]*memoGlobal
	// AddObserved's scratch.
	wmap, smap, gseg []uint32
	rec              []byte
}

// NewEmergentAccumulator returns an empty accumulator with opt (defaults
// filled in).
func NewEmergentAccumulator(opt EmergentOptions) *EmergentAccumulator {
	opt = opt.withDefaults()
	a := &EmergentAccumulator{
		opt:       opt,
		voices:    map[corpus.Voice]bool{},
		tabs:      newMentionCueTables(Stopwords()),
		cases:     map[string]*emCase{},
		wordIdx:   map[string]uint32{},
		surfIdx:   map[string]uint32{},
		surfs:     []string{""},
		totals:    map[uint64]termTotal{},
		mentIdx:   map[mentionKey]uint32{},
		strs:      map[string]string{},
		turnIdx:   map[turnKind]uint32{},
		bigNums:   map[uint32]int{},
		memoWords: map[uint32]*memoGlobal{},
		memoMax:   emMemoMax,
	}
	for _, v := range opt.Voices {
		a.voices[v] = true
	}
	return a
}

// codedSpan is the span of a coding, in code points into the document text.
type codedSpan struct{ start, end int }

// Add reads one document. codings are the codings of doc (others, whose Doc
// is not doc.ID, are ignored); a token that any of them overlaps is covered.
// Segments whose turn's voice is not among the options' voices are not
// counted, but their words still tell which words the corpus writes in lower
// case (for names). Add(doc, codings) is AddObserved(Observe(doc, codings)).
func (a *EmergentAccumulator) Add(doc *corpus.Document, codings []Coding) {
	a.AddObserved(a.Observe(doc, codings))
}

func overlapsAny(spans []codedSpan, start, end int) bool {
	for _, sp := range spans {
		if sp.start < end && start < sp.end {
			return true
		}
	}
	return false
}

func hasUpperRune(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// nameShaped reports whether a word is written like a name: a capital
// followed by at least one lower-case letter (Samira, McDonald), not an
// acronym (BSO, JGZ).
func nameShaped(w string) bool {
	r0, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r0) {
		return false
	}
	for _, r := range w[size:] {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// kwCand is a keyword candidate: a term key with its counts and score.
type kwCand struct {
	key          uint64
	count, other int
	ll           float64
}

// SpillExamples makes the accumulator keep the segments it may show as
// examples in a new temporary file in dir (see os.CreateTemp; "" for the
// default directory) instead of in memory: of the many segments kept, a
// Result shows few, and it reads back only those. It must be called before
// the first AddObserved. The file is removed by Close, which must then be
// called; errors of the file are returned by ResultErr and Close.
func (a *EmergentAccumulator) SpillExamples(dir string) error {
	if len(a.cases) > 0 {
		return errors.New("analysis: SpillExamples after AddObserved")
	}
	return a.store.spill(dir)
}

// Close releases the accumulator's examples and removes the file of
// SpillExamples, if any. It returns the first error of writing, reading,
// closing or removing that file. Result and AddObserved must not be called
// after Close; Close may be called again, and then returns nil.
func (a *EmergentAccumulator) Close() error {
	err := a.store.closeStore()
	// The merged state is not needed any more: let it go, so that it is
	// not kept alive while the reports are written.
	a.cases, a.wordIdx, a.words, a.surfIdx, a.surfs, a.totals = nil, nil, nil, nil, nil, nil
	a.mentIdx, a.ments, a.strs, a.turnIdx, a.turns, a.bigNums = nil, nil, nil, nil, nil, nil
	a.segs, a.docs, a.wmap, a.smap, a.gseg, a.rec = nil, nil, nil, nil, nil, nil
	a.memoWords = nil
	return err
}

// Result returns the emergent material of everything added so far (see
// FindEmergent for the order and ref). It does not change the accumulator.
// It panics when ResultErr would return an error, which only an
// accumulator with SpillExamples can do.
func (a *EmergentAccumulator) Result(ref map[string]int) []Emergent {
	out, err := a.ResultErr(ref)
	if err != nil {
		panic(err)
	}
	return out
}

// ResultErr is Result, returning the error of the examples' file (see
// SpillExamples) instead of panicking: writing, reading it back, or a
// document whose kept segments exceed 4 GiB.
func (a *EmergentAccumulator) ResultErr(ref map[string]int) ([]Emergent, error) {
	keys := make([]string, 0, len(a.cases))
	for k := range a.cases {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	E := a.opt.Examples

	// The corpus as a whole: tokens, cases, merged mentions.
	nCases, allTokens := 0, 0
	all := newEmCase()
	for _, k := range keys {
		ca := a.cases[k]
		if ca.tokens > 0 {
			nCases++
		}
		allTokens += ca.tokens
		for id, ma := range ca.mentions {
			m := all.mentions[id]
			if m == nil {
				m = &caseMention{ex: all.newList(E), name: ma.name, words: ma.words}
				all.mentions[id] = m
			}
			m.count += ma.count
			m.surf.addAll(&ma.surf)
			m.pattern.addAll(&ma.pattern)
			list := all.ex[int(m.ex)*E : int(m.ex)*E+E]
			for _, g := range ca.ex[int(ma.ex)*E : int(ma.ex)*E+E] {
				if g == noSeg {
					break
				}
				a.mergeKept(list, g)
			}
		}
	}

	out := make([]Emergent, 0, len(keys)+1)
	exs := &exCache{m: map[uint32]Example{}}
	corpusLevel := Emergent{Tokens: allTokens, Uncoded: a.mentions(all, exs)}
	var cands []kwCand
	if len(ref) > 0 {
		corpusLevel.Measure = MeasureG2Reference
		refCounts := map[string]int{}
		refTotal := 0
		for w, c := range ref {
			if c > 0 {
				refCounts[Fold(w)] += c
				refTotal += c
			}
		}
		for key, t := range a.totals {
			count := int(t.count)
			if count < a.opt.MinCount || uint32(key) != noWord || a.isName(key) {
				continue
			}
			b := refCounts[a.words[key>>32].norm]
			if !overusedIn(count, b, allTokens, refTotal) {
				continue
			}
			cands = append(cands, kwCand{key: key, count: count, other: b, ll: G2(count, b, allTokens, refTotal)})
		}
	} else {
		corpusLevel.Measure = MeasureSpread
		for key, t := range a.totals {
			count := int(t.count)
			if count < a.opt.MinCount || a.isName(key) {
				continue
			}
			score := float64(count) * math.Log(1+float64(nCases)/float64(t.df))
			cands = append(cands, kwCand{key: key, count: count, ll: score})
		}
	}
	for _, c := range a.topTerms(cands) {
		corpusLevel.Keywords = append(corpusLevel.Keywords, a.corpusTerm(c, keys, exs))
	}
	out = append(out, corpusLevel)

	for _, k := range keys {
		if k == "" {
			continue
		}
		ca := a.cases[k]
		e := Emergent{Case: k, Measure: MeasureG2Rest, Tokens: ca.tokens, Uncoded: a.mentions(ca, exs)}
		n1, n2 := ca.tokens, allTokens-ca.tokens
		if n2 == 0 {
			e.Measure = MeasureCount
		}
		cands = cands[:0]
		for key, ce := range ca.terms {
			if int(ce.count) < a.opt.MinCount || a.isName(key) {
				continue
			}
			count := int(ce.count)
			b := int(a.totals[key].count) - count
			var ll float64
			if n2 > 0 {
				if !overusedIn(count, b, n1, n2) {
					continue
				}
				ll = G2(count, b, n1, n2)
			}
			cands = append(cands, kwCand{key: key, count: count, other: b, ll: ll})
		}
		if a.opt.MinCount <= 1 {
			for key := range ca.once {
				if a.isName(key) {
					continue
				}
				b := int(a.totals[key].count) - 1
				var ll float64
				if n2 > 0 {
					if !overusedIn(1, b, n1, n2) {
						continue
					}
					ll = G2(1, b, n1, n2)
				}
				cands = append(cands, kwCand{key: key, count: 1, other: b, ll: ll})
			}
		}
		for _, c := range a.topTerms(cands) {
			ce, list, _ := ca.lookup(c.key, E)
			var surf string
			if ce.surf != multiSurf {
				surf = a.surface(c.key, ce.surf) // the only form
			} else {
				surf = mostFrequentSurface(a.surfaces(ca, c.key, ce, nil))
			}
			e.Keywords = append(e.Keywords, Term{
				Text: a.display(surf), Norm: a.norm(c.key), Count: c.count, OtherCount: c.other, LL: c.ll,
				Examples: a.examples(list, exs),
			})
		}
		out = append(out, e)
	}
	if exs.err != nil {
		return nil, exs.err
	}
	if a.store.err != nil {
		return nil, a.store.err
	}
	return out, nil
}

// corpusTerm makes the corpus-level Term of a candidate: its surface forms
// and examples are merged from every case.
func (a *EmergentAccumulator) corpusTerm(c kwCand, keys []string, exs *exCache) Term {
	E := a.opt.Examples
	surf := map[string]int{}
	list := make([]uint32, E)
	for i := range list {
		list[i] = noSeg
	}
	for _, k := range keys {
		ca := a.cases[k]
		ce, l, ok := ca.lookup(c.key, E)
		if !ok {
			continue
		}
		a.surfaces(ca, c.key, ce, surf)
		for _, g := range l {
			if g == noSeg {
				break
			}
			a.mergeKept(list, g)
		}
	}
	return Term{
		Text: a.display(mostFrequentSurface(surf)), Norm: a.norm(c.key), Count: c.count, OtherCount: c.other, LL: c.ll,
		Examples: a.examples(list, exs),
	}
}

// surfaces adds the surface forms of a case's term to m (made when nil) and
// returns m.
func (a *EmergentAccumulator) surfaces(ca *emCase, key uint64, ce caseTerm, m map[string]int) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	if ce.surf != multiSurf {
		m[a.surface(key, ce.surf)] += int(ce.count)
		return m
	}
	for s, c := range ca.multi[key] {
		m[a.surface(key, s)] += c
	}
	return m
}

// norm returns the folded form of a term key.
func (a *EmergentAccumulator) norm(key uint64) string {
	w1, w2 := uint32(key>>32), uint32(key)
	if w2 == noWord {
		return a.words[w1].norm
	}
	return a.words[w1].norm + " " + a.words[w2].norm
}

// surface returns the written form of surface key s of term key.
func (a *EmergentAccumulator) surface(key, s uint64) string {
	one := func(w, s uint32) string {
		if s == 0 {
			return a.words[w].norm
		}
		return a.surfs[s]
	}
	w1, w2 := uint32(key>>32), uint32(key)
	if w2 == noWord {
		return one(w1, uint32(s))
	}
	return one(w1, uint32(s>>32)) + " " + one(w2, uint32(s))
}

// isName reports whether a term (word or phrase) contains a word that the
// corpus writes only as a name.
func (a *EmergentAccumulator) isName(key uint64) bool {
	name := func(w uint32) bool { return a.words[w].proper && !a.words[w].lower }
	w1, w2 := uint32(key>>32), uint32(key)
	return name(w1) || w2 != noWord && name(w2)
}

// overusedIn reports whether a/n1 > b/n2.
func overusedIn(a, b, n1, n2 int) bool {
	if n1 <= 0 {
		return false
	}
	if n2 <= 0 {
		return true
	}
	return float64(a)*float64(n2) > float64(b)*float64(n1)
}

// G2 returns Dunning's log-likelihood ratio statistic for the 2x2 table of a
// term occurring a times among n1 tokens of one corpus and b times among n2
// tokens of another: G2 = 2 Σ O ln(O/E) over the cells a, b, n1-a, n2-b,
// with E = row total × column total / (n1+n2) and 0 ln 0 = 0. It is 0 when
// the table is empty or a count is out of range.
func G2(a, b, n1, n2 int) float64 {
	if a < 0 || b < 0 || a > n1 || b > n2 || n1+n2 == 0 {
		return 0
	}
	fa, fb, f1, f2 := float64(a), float64(b), float64(n1), float64(n2)
	n := f1 + f2
	k := fa + fb
	cell := func(o, e float64) float64 {
		if o == 0 || e == 0 {
			return 0
		}
		return o * math.Log(o/e)
	}
	g := cell(fa, f1*k/n) + cell(fb, f2*k/n) + cell(f1-fa, f1*(n-k)/n) + cell(f2-fb, f2*(n-k)/n)
	if g < 0 { // rounding
		return 0
	}
	return 2 * g
}

// display lower-cases the capital of a surface form's first word when it is
// only there because the word starts a sentence ("Vorig jaar" -> "vorig
// jaar"): the word is written like a name and the corpus also writes it in
// lower case.
func (a *EmergentAccumulator) display(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if !nameShaped(first) {
		return s
	}
	if g, ok := a.wordIdx[Fold(first)]; !ok || !a.words[g].lower {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

// topTerms sorts keyword candidates by LL descending, then count descending,
// then norm, and returns the first Top.
func (a *EmergentAccumulator) topTerms(cs []kwCand) []kwCand {
	slices.SortFunc(cs, func(x, y kwCand) int {
		if c := cmp.Compare(y.ll, x.ll); c != 0 {
			return c
		}
		if c := cmp.Compare(y.count, x.count); c != 0 {
			return c
		}
		return a.cmpNorm(x.key, y.key)
	})
	if len(cs) > a.opt.Top {
		cs = cs[:a.opt.Top]
	}
	return cs
}

// cmpNorm compares the norms of two term keys as strings, without making
// them.
func (a *EmergentAccumulator) cmpNorm(k1, k2 uint64) int {
	parts := func(k uint64) [3]string {
		w1, w2 := uint32(k>>32), uint32(k)
		if w2 == noWord {
			return [3]string{a.words[w1].norm}
		}
		return [3]string{a.words[w1].norm, " ", a.words[w2].norm}
	}
	return cmpJoined(parts(k1), parts(k2))
}

// cmpJoined compares the concatenations of x and y.
func cmpJoined(x, y [3]string) int {
	i, j := 0, 0
	var xs, ys string
	for {
		for xs == "" && i < len(x) {
			xs, i = x[i], i+1
		}
		for ys == "" && j < len(y) {
			ys, j = y[j], j+1
		}
		if xs == "" || ys == "" {
			return cmp.Compare(len(xs), len(ys))
		}
		n := min(len(xs), len(ys))
		if c := strings.Compare(xs[:n], ys[:n]); c != 0 {
			return c
		}
		xs, ys = xs[n:], ys[n:]
	}
}

// mentions returns the sorted, capped mentions of one bucket; names the
// corpus also writes in lower case (ordinary words) are dropped.
func (a *EmergentAccumulator) mentions(ca *emCase, exs *exCache) []Mention {
	E := a.opt.Examples
	var out []Mention
	for id, ma := range ca.mentions {
		if ma.name && a.knownWords(ma.words) {
			continue
		}
		k := a.ments[id]
		out = append(out, Mention{
			Text: a.mentionText(ma), Norm: k.norm, Kind: k.kind, Pattern: ma.pattern.best(stringLess),
			Count: ma.count, Examples: a.examples(ca.ex[int(ma.ex)*E:int(ma.ex)*E+E], exs),
		})
	}
	slices.SortFunc(out, func(x, y Mention) int {
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		if c := strings.Compare(x.Text, y.Text); c != 0 {
			return c
		}
		if c := strings.Compare(x.Kind, y.Kind); c != 0 {
			return c
		}
		return strings.Compare(x.Norm, y.Norm)
	})
	if len(out) > a.opt.Top {
		out = out[:a.opt.Top:a.opt.Top]
	}
	return out
}

// mentionText is the display form of a mention; the capital of a
// sentence-initial kin word is lowered like a keyword's, never a name's.
func (a *EmergentAccumulator) mentionText(ma *caseMention) string {
	s := ma.surf.best(surfaceBefore)
	if ma.name {
		return s
	}
	return a.display(s)
}

// knownWords reports whether every word of a name is a stopword or written
// in lower case somewhere in the corpus: then it is no name.
func (a *EmergentAccumulator) knownWords(words []uint32) bool {
	for _, w := range words {
		v := &a.words[w]
		if a.tabs.words[v.norm]&cueStop == 0 && !v.lower {
			return false
		}
	}
	return true
}

// mostFrequentSurface returns the most frequent surface form; ties go to a form
// without capitals, then to the smallest string.
func mostFrequentSurface(m map[string]int) string {
	best, bc := "", -1
	for s, c := range m {
		if c > bc || (c == bc && surfaceBefore(s, best)) {
			best, bc = s, c
		}
	}
	return best
}

func surfaceBefore(s, t string) bool {
	su, tu := hasUpperRune(s), hasUpperRune(t)
	if su != tu {
		return !su
	}
	return s < t
}

func stringLess(s, t string) bool { return s < t }

// ParseFrequencyList reads a word frequency list, one "word count" pair per
// line separated by white space (the format of the OpenSubtitles lists),
// as a reference for FindEmergent. Empty lines and lines starting with '#'
// are skipped; a repeated word adds up. name is used in errors, which give
// the line.
func ParseFrequencyList(name string, r io.Reader) (map[string]int, error) {
	out := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if line == 1 {
			s = strings.TrimPrefix(s, "\ufeff")
		}
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"word count\", got %q", name, line, s)
		}
		c, err := strconv.Atoi(f[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: count of %q: %w", name, line, f[0], err)
		}
		if c < 0 {
			return nil, fmt.Errorf("%s:%d: count of %q is negative: %d", name, line, f[0], c)
		}
		out[f[0]] += c
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}
