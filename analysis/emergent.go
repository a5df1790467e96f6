package analysis

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
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
// It is not safe for concurrent use; Add documents from one goroutine.
type EmergentAccumulator struct {
	opt    EmergentOptions
	voices map[corpus.Voice]bool
	stop   map[string]struct{}
	cases  map[string]*caseCounts
	lower  map[string]struct{} // folded words seen written without capitals
	proper map[string]struct{} // folded words seen as a name (capitalised inside a sentence)
	buf    []tok
	tabs   *mentionCueTables
}

// exRef is a kept example with its segment number, for document order.
// Every term and mention of a segment that keeps the segment as an example
// shares one copy of it (see exSource).
type exRef struct {
	ex *Example
	n  int
}

// exSource is a segment as a possible example. Its strings point into the
// document's text; ref copies them the first time the segment is kept, so
// that kept examples do not keep whole documents alive and a segment kept
// for many terms is copied once.
type exSource struct {
	ex   Example
	n    int
	kept *Example
}

func (s *exSource) ref() exRef {
	if s.kept == nil {
		c := s.ex
		c.Doc, c.Segment, c.Time, c.Role, c.Text = strings.Clone(c.Doc), strings.Clone(c.Segment),
			strings.Clone(c.Time), strings.Clone(c.Role), strings.Clone(c.Text)
		s.kept = &c
	}
	return exRef{ex: s.kept, n: s.n}
}

func exampleBefore(doc string, n int, b exRef) bool {
	if doc != b.ex.Doc {
		return doc < b.ex.Doc
	}
	return n < b.n
}

// examplePos returns where the example of segment n of doc goes in the
// sorted list holding the first max examples in document order, or false
// when it is not kept (too late, or that segment is already there).
func examplePos(list []exRef, doc string, n, max int) (int, bool) {
	if len(list) >= max && !exampleBefore(doc, n, list[len(list)-1]) {
		return 0, false
	}
	// Lower bound: the first kept example not before (doc, n).
	i, j := 0, len(list)
	for i < j {
		h := int(uint(i+j) >> 1)
		if x := list[h]; x.ex.Doc < doc || x.ex.Doc == doc && x.n < n {
			i = h + 1
		} else {
			j = h
		}
	}
	if i < len(list) && list[i].ex.Doc == doc && list[i].n == n {
		return 0, false
	}
	return i, true
}

// addExample inserts the segment src into the sorted list, keeping the
// first max in document order and one example per segment.
func addExample(list []exRef, src *exSource, max int) []exRef {
	i, ok := examplePos(list, src.ex.Doc, src.n, max)
	if !ok {
		return list
	}
	return insertExample(list, i, src.ref(), max)
}

// mergeExample is addExample for an example already kept.
func mergeExample(list []exRef, e exRef, max int) []exRef {
	i, ok := examplePos(list, e.ex.Doc, e.n, max)
	if !ok {
		return list
	}
	return insertExample(list, i, e, max)
}

func insertExample(list []exRef, i int, e exRef, max int) []exRef {
	list = slices.Insert(list, i, e)
	if len(list) > max {
		list = list[:max]
	}
	return list
}

type termCount struct {
	count int
	// one and oneN count the only surface form seen so far; surf, made
	// when a second form comes, counts them all (most terms of a case have
	// one form, and a map per term is the accumulator's biggest cost).
	one  string
	oneN int
	surf map[string]int
	ex   []exRef
}

// addSurface counts one occurrence of the surface form s.
func (t *termCount) addSurface(s string) {
	if t.surf == nil {
		switch {
		case t.oneN == 0:
			t.one, t.oneN = strings.Clone(s), 1
			return
		case t.one == s:
			t.oneN++
			return
		}
		t.surf = map[string]int{t.one: t.oneN}
		t.one, t.oneN = "", 0
	}
	addCount(t.surf, s)
}

// surfaces returns the counts of the surface forms (nil when none).
func (t *termCount) surfaces() map[string]int {
	if t.surf == nil && t.oneN > 0 {
		return map[string]int{t.one: t.oneN}
	}
	return t.surf
}

type mentionCount struct {
	kind, norm string
	count      int
	surf       map[string]int
	pattern    map[string]int
	ex         []exRef
	// name is true for "bij …"/"met …" names, checked against the
	// vocabulary when the result is made.
	name  bool
	words []string // folded words of a name
}

type caseCounts struct {
	tokens   int
	terms    map[string]*termCount
	mentions map[string]*mentionCount
}

// NewEmergentAccumulator returns an empty accumulator with opt (defaults
// filled in).
func NewEmergentAccumulator(opt EmergentOptions) *EmergentAccumulator {
	opt = opt.withDefaults()
	a := &EmergentAccumulator{
		opt:    opt,
		voices: map[corpus.Voice]bool{},
		stop:   Stopwords(),
		cases:  map[string]*caseCounts{},
		lower:  map[string]struct{}{},
		proper: map[string]struct{}{},
		tabs:   newMentionCueTables(),
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
// case (for names).
func (a *EmergentAccumulator) Add(doc *corpus.Document, codings []Coding) {
	if doc == nil {
		return
	}
	bySeg := map[string][]codedSpan{}
	var loose []codedSpan // codings without a segment ID: checked everywhere
	for _, c := range codings {
		if c.Doc != doc.ID || c.End <= c.Start {
			continue
		}
		if c.Segment == "" {
			loose = append(loose, codedSpan{c.Start, c.End})
		} else {
			bySeg[c.Segment] = append(bySeg[c.Segment], codedSpan{c.Start, c.End})
		}
	}
	ca := a.cases[doc.Meta.Case]
	if ca == nil {
		ca = &caseCounts{terms: map[string]*termCount{}, mentions: map[string]*mentionCount{}}
		a.cases[doc.Meta.Case] = ca
	}
	var covered, cand []bool
	for _, s := range doc.Segments {
		var turn corpus.Turn
		if s.Turn >= 0 && s.Turn < len(doc.Turns) {
			turn = doc.Turns[s.Turn]
		}
		a.buf = tokenize(s.Text, a.buf[:0])
		toks := a.buf
		for i := range toks {
			t := &toks[i]
			w := s.Text[t.bs:t.be]
			switch {
			case !hasUpperRune(w):
				addWord(a.lower, t.Norm)
			case t.proper && nameShaped(w):
				addWord(a.proper, t.Norm)
			}
		}
		if !a.voices[turn.Voice] {
			continue
		}
		ca.tokens += len(toks)
		covered = slices.Grow(covered[:0], len(toks))[:len(toks)]
		cand = slices.Grow(cand[:0], len(toks))[:len(toks)]
		spans := bySeg[s.ID]
		for i := range toks {
			t := &toks[i]
			covered[i] = overlapsAny(spans, s.Span.Start+t.Start, s.Span.Start+t.End) ||
				overlapsAny(loose, s.Span.Start+t.Start, s.Span.Start+t.End)
			cand[i] = !covered[i] && a.keepWord(t.Norm) && !(t.proper && nameShaped(s.Text[t.bs:t.be]))
		}
		ex := &exSource{n: s.N, ex: Example{
			Doc: doc.ID, Segment: s.ID, Line: s.Line, Time: s.Time,
			Role: turn.Role, Voice: turn.Voice, Text: s.Text,
		}}
		for i := range toks {
			if !cand[i] {
				continue
			}
			t := &toks[i]
			a.addTerm(ca, t.Norm, s.Text[t.bs:t.be], ex)
			if i > 0 && cand[i-1] && !t.brk {
				p := &toks[i-1]
				a.addTerm(ca, p.Norm+" "+t.Norm, s.Text[p.bs:p.be]+" "+s.Text[t.bs:t.be], ex)
			}
		}
		for _, m := range a.findMentions(s.Text, toks, covered) {
			a.addMention(ca, m, ex)
		}
	}
}

// addWord adds w to set, copying it so that the set does not keep the
// document's text alive.
func addWord(set map[string]struct{}, w string) {
	if _, ok := set[w]; !ok {
		set[strings.Clone(w)] = struct{}{}
	}
}

// addCount adds one to m[key], copying a new key (see addWord).
func addCount(m map[string]int, key string) {
	if _, ok := m[key]; !ok {
		key = strings.Clone(key)
	}
	m[key]++
}

func overlapsAny(spans []codedSpan, start, end int) bool {
	for _, sp := range spans {
		if sp.start < end && start < sp.end {
			return true
		}
	}
	return false
}

// keepWord reports whether a folded word may be a keyword: at least three
// code points, a letter among them, no stopword.
func (a *EmergentAccumulator) keepWord(norm string) bool {
	if utf8.RuneCountInString(norm) < 3 || !hasLetterRune(norm) {
		return false
	}
	_, stop := a.stop[norm]
	return !stop
}

func hasLetterRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
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

func (a *EmergentAccumulator) addTerm(ca *caseCounts, norm, surface string, ex *exSource) {
	ta := ca.terms[norm]
	if ta == nil {
		ta = &termCount{}
		ca.terms[strings.Clone(norm)] = ta
	}
	ta.count++
	ta.addSurface(surface)
	ta.ex = addExample(ta.ex, ex, a.opt.Examples)
}

// foundMention is one mention found in a segment.
type foundMention struct {
	kind, pattern, text, norm string
	name                      bool
	words                     []string
}

func (a *EmergentAccumulator) addMention(ca *caseCounts, m foundMention, ex *exSource) {
	key := m.kind + "\x00" + m.norm
	ma := ca.mentions[key]
	if ma == nil {
		words := make([]string, len(m.words))
		for i, w := range m.words {
			words[i] = strings.Clone(w)
		}
		ma = &mentionCount{kind: m.kind, norm: strings.Clone(m.norm), surf: map[string]int{}, pattern: map[string]int{}, name: m.name, words: words}
		ca.mentions[key] = ma
	}
	ma.count++
	addCount(ma.surf, m.text)
	addCount(ma.pattern, m.pattern)
	ma.ex = addExample(ma.ex, ex, a.opt.Examples)
}

// Word tables for the mention cues. They are functions returning fresh sets
// so that no package state can be changed.

// kinVanWords are relation words that take "van X" ("de moeder van Samira").
func kinVanWords() map[string]bool {
	return wordSet("moeder", "vader", "ouders", "moeders", "vaders", "zus", "zusje", "zussen", "broer",
		"broertje", "broers", "oma", "opa", "tante", "oom", "neef", "neefje", "nicht", "nichtje",
		"vriend", "vriendin", "vriendje", "vriendinnetje", "vrienden", "vriendinnen", "vriendjes",
		"man", "vrouw", "zoon", "dochter", "familie", "baas", "collega", "buurvrouw", "buurman",
		"buren", "juf", "meester", "trainer", "coach", "oppas")
}

// mentionDeterminers are the words that may stand before a noun (and before a kin word).
func mentionDeterminers() map[string]bool {
	return wordSet("de", "het", "een", "mijn", "m'n", "zijn", "z'n", "haar", "onze", "ons", "hun",
		"jouw", "je", "die", "deze", "dat", "dit")
}

// deWordDeterminers may stand before a de-word person noun in -er/-ster.
func deWordDeterminers() map[string]bool {
	return wordSet("de", "een", "die", "deze", "mijn", "m'n", "zijn", "z'n", "haar", "onze", "hun",
		"jouw", "je", "elke", "iedere", "andere", "sommige", "alle", "veel", "twee", "drie", "geen",
		"paar", "welke")
}

// capitalisedNonNames are capitalised words that are no person or place names.
func capitalisedNonNames() map[string]bool {
	return wordSet("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
		"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
		"oktober", "november", "december", "kerst", "kerstmis", "pasen", "pinksteren", "ramadan",
		"suikerfeest", "offerfeest", "sinterklaas", "koningsdag", "oud", "nieuw", "god", "allah",
		"nederland", "nederlands", "engels", "turks", "arabisch", "marokkaans", "pools", "frans", "duits")
}

// nonPersonErWords are common words in -er(s) that name no person.
func nonPersonErWords() map[string]bool {
	return wordSet("moeder", "vader", "broer", "dochter", "zuster", "ouder", "ouders", "kinder", "zomer",
		"winter", "water", "kamer", "nummer", "computer", "meter", "kilometer", "liter", "letter",
		"cijfer", "papier", "plezier", "manier", "dier", "bier", "emmer", "hamer", "koffer", "kader",
		"lever", "oever", "september", "oktober", "november", "december", "vinger", "schouder",
		"monster", "venster", "zwanger", "lekker", "wakker", "zeker", "super", "suiker", "peper",
		"boter", "theater", "center", "eter", "poeder", "kelder", "zolder", "kanker", "avonturier",
		"ander", "anders", "verder", "weer", "meer", "keer", "hier", "over", "later", "beter", "eerder",
		"vroeger", "achter", "onder", "zonder", "wonder", "jaar", "tijger", "wekker", "folder", "pleister",
		"poster", "sticker", "flyer", "scooter", "cluster", "register", "semester", "filter", "ijzer",
		"moeders", "vaders", "broers", "dochters", "zusters")
}

// personSuffixForms and placeSuffixForms map each written ending of a person
// or place suffix to the suffix it is a form of (plurals, diminutives).
func personSuffixForms() map[string]string {
	return map[string]string{
		"werker": "werker", "werkers": "werker", "werkster": "werker", "werksters": "werker",
		"coach": "coach", "coaches": "coach", "coachen": "coach",
		"juf": "juf", "juffen": "juf", "juffrouw": "juf",
		"meester": "meester", "meesters": "meester",
		"vrouw": "vrouw", "vrouwen": "vrouw", "vrouwtje": "vrouw",
		"man": "man", "mannen": "man", "mannetje": "man",
		"moeder": "moeder", "moeders": "moeder",
		"vader": "vader", "vaders": "vader",
		"ster": "ster", "sters": "ster",
		"er": "er", "ers": "er",
	}
}

func placeSuffixForms() map[string]string {
	m := map[string]string{}
	add := func(base string, forms ...string) {
		m[base] = base
		for _, f := range forms {
			m[f] = base
		}
	}
	add("plein", "pleinen", "pleintje", "pleintjes")
	add("veld", "velden", "veldje", "veldjes")
	add("park", "parken", "parkje", "parkjes")
	add("straat", "straten", "straatje", "straatjes")
	add("huis", "huizen", "huisje", "huisjes")
	add("centrum", "centra", "centrums")
	add("hal", "hallen", "halletje")
	add("bad", "baden", "badje")
	add("tuin", "tuinen", "tuintje", "tuintjes")
	add("school", "scholen", "schooltje")
	return m
}

// verbPrefixStems are no nouns: "verhuis" is no house.
func verbPrefixStems() map[string]bool { return wordSet("ver", "ont", "her", "be", "ge", "er") }

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// mentionCueTables holds the cue tables of an accumulator.
type mentionCueTables struct {
	kin, det, deDet, notName, nonEr, verbPre map[string]bool
	person, place                            map[string]string
}

func newMentionCueTables() *mentionCueTables {
	return &mentionCueTables{
		kin: kinVanWords(), det: mentionDeterminers(), deDet: deWordDeterminers(), notName: capitalisedNonNames(),
		nonEr: nonPersonErWords(), verbPre: verbPrefixStems(), person: personSuffixForms(), place: placeSuffixForms(),
	}
}

// findMentions returns the uncovered person and place mentions of one
// segment, in text order.
func (a *EmergentAccumulator) findMentions(text string, toks []tok, covered []bool) []foundMention {
	tb := a.tabs
	var out []foundMention
	used := make([]bool, len(toks))
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
		return toks[i].proper && unicode.IsUpper(firstRuneOf(text[toks[i].bs:toks[i].be])) && !tb.notName[toks[i].Norm]
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
		n := toks[i].Norm
		// "<kin> van X"
		if tb.kin[n] && i+2 < len(toks) && toks[i+1].Norm == "van" && !toks[i+1].brk && !toks[i+2].brk {
			j := nameRun(i + 2)
			if j == i+2 && i+3 < len(toks) && tb.det[toks[i+2].Norm] && !toks[i+3].brk && a.keepWord(toks[i+3].Norm) {
				j = i + 4
			}
			if j > i+2 && free(i, j) {
				pat := n + " van …"
				if i > 0 && tb.det[toks[i-1].Norm] && !toks[i].brk {
					pat = toks[i-1].Norm + " " + pat
				}
				s := surf(i, j)
				out = append(out, foundMention{kind: MentionPerson, pattern: pat, text: s, norm: Fold(s)})
				mark(i, j)
				i = j - 1
				continue
			}
		}
		if n == "bij" || n == "met" {
			// "bij X thuis"
			if n == "bij" {
				for j := i + 2; j <= i+4 && j < len(toks); j++ {
					if toks[j].brk {
						break
					}
					if toks[j].Norm != "thuis" {
						continue
					}
					content := false
					for k := i + 1; k < j; k++ {
						if a.keepWord(toks[k].Norm) || isName(k) {
							content = true
						}
					}
					if content && free(i, j+1) {
						s := surf(i, j+1)
						out = append(out, foundMention{kind: MentionPlace, pattern: "bij … thuis", text: s, norm: Fold(s)})
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
					words := make([]string, 0, j-i-1)
					for k := i + 1; k < j; k++ {
						words = append(words, toks[k].Norm)
					}
					out = append(out, foundMention{kind: MentionName, pattern: n + " …", text: s, norm: Fold(s), name: true, words: words})
					mark(i+1, j)
					i = j - 1
					continue
				}
			}
		}
		// Compounds with a person or place suffix.
		if covered[i] || used[i] || toks[i].proper || !a.keepWord(n) || !allLetters(n) {
			continue
		}
		if kind, suf, ok := tb.suffixKind(n); ok {
			if suf == "er" || suf == "ster" {
				// Words in -ier (kwartier, papier, plezier) are seldom persons.
				if tb.nonEr[n] || strings.HasSuffix(strings.TrimSuffix(n, "s"), "ier") || !tb.afterDeDeterminer(toks, i) {
					continue
				}
			}
			// A past participle (gesneuveld, geveld) is no field.
			if kind == MentionPlace && strings.HasPrefix(n, "ge") && (suf == "veld" || suf == "bad") {
				continue
			}
			out = append(out, foundMention{kind: kind, pattern: "-" + suf, text: text[toks[i].bs:toks[i].be], norm: n})
			used[i] = true
		}
	}
	return out
}

func firstRuneOf(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// suffixKind returns the kind and base suffix of the longest person or place
// suffix of a folded word, when at least three letters that are no verb
// prefix stand before it. A word whose longest suffix leaves too short a
// stem is no mention (moeder is no "-er" noun).
func (tb *mentionCueTables) suffixKind(n string) (kind, base string, ok bool) {
	best, bestLen := "", 0
	for end, b := range tb.person {
		if len(end) > bestLen && strings.HasSuffix(n, end) {
			best, bestLen, kind = b, len(end), MentionPerson
		}
	}
	for end, b := range tb.place {
		if len(end) > bestLen && strings.HasSuffix(n, end) {
			best, bestLen, kind = b, len(end), MentionPlace
		}
	}
	if bestLen == 0 {
		return "", "", false
	}
	stem := n[:len(n)-bestLen]
	if utf8.RuneCountInString(stem) < 3 || tb.verbPre[stem] {
		return "", "", false
	}
	return kind, best, true
}

// afterDeDeterminer reports whether token i follows a de-word determiner,
// directly or after one adjective in -e.
func (tb *mentionCueTables) afterDeDeterminer(toks []tok, i int) bool {
	if i >= 1 && !toks[i].brk && tb.deDet[toks[i-1].Norm] {
		return true
	}
	return i >= 2 && !toks[i].brk && !toks[i-1].brk && strings.HasSuffix(toks[i-1].Norm, "e") &&
		tb.deDet[toks[i-2].Norm] && !tb.deDet[toks[i-1].Norm]
}

// Result returns the emergent material of everything added so far (see
// FindEmergent for the order and ref). It does not change the accumulator.
func (a *EmergentAccumulator) Result(ref map[string]int) []Emergent {
	keys := make([]string, 0, len(a.cases))
	for k := range a.cases {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	// The corpus as a whole: merged counts, tokens, document frequency.
	all := &caseCounts{terms: map[string]*termCount{}, mentions: map[string]*mentionCount{}}
	df := map[string]int{}
	nCases := 0
	for _, k := range keys {
		ca := a.cases[k]
		if ca.tokens > 0 {
			nCases++
		}
		all.tokens += ca.tokens
		for norm, ta := range ca.terms {
			df[norm]++
			m := all.terms[norm]
			if m == nil {
				m = &termCount{surf: map[string]int{}}
				all.terms[norm] = m
			}
			m.count += ta.count
			if ta.surf == nil && ta.oneN > 0 {
				m.surf[ta.one] += ta.oneN
			}
			for s, c := range ta.surf {
				m.surf[s] += c
			}
			for _, e := range ta.ex {
				m.ex = mergeExample(m.ex, e, a.opt.Examples)
			}
		}
		for key, ma := range ca.mentions {
			m := all.mentions[key]
			if m == nil {
				m = &mentionCount{kind: ma.kind, norm: ma.norm, surf: map[string]int{}, pattern: map[string]int{}, name: ma.name, words: ma.words}
				all.mentions[key] = m
			}
			m.count += ma.count
			for s, c := range ma.surf {
				m.surf[s] += c
			}
			for s, c := range ma.pattern {
				m.pattern[s] += c
			}
			for _, e := range ma.ex {
				m.ex = mergeExample(m.ex, e, a.opt.Examples)
			}
		}
	}

	out := make([]Emergent, 0, len(keys)+1)
	corpusLevel := Emergent{Tokens: all.tokens, Uncoded: a.mentions(all)}
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
		for norm, ta := range all.terms {
			if ta.count < a.opt.MinCount || strings.Contains(norm, " ") || a.isName(norm) {
				continue
			}
			b := refCounts[norm]
			if !overusedIn(ta.count, b, all.tokens, refTotal) {
				continue
			}
			corpusLevel.Keywords = append(corpusLevel.Keywords, a.term(norm, ta, b, G2(ta.count, b, all.tokens, refTotal)))
		}
	} else {
		corpusLevel.Measure = MeasureSpread
		for norm, ta := range all.terms {
			if ta.count < a.opt.MinCount || a.isName(norm) {
				continue
			}
			score := float64(ta.count) * math.Log(1+float64(nCases)/float64(df[norm]))
			corpusLevel.Keywords = append(corpusLevel.Keywords, a.term(norm, ta, 0, score))
		}
	}
	corpusLevel.Keywords = a.topTerms(corpusLevel.Keywords)
	out = append(out, corpusLevel)

	for _, k := range keys {
		if k == "" {
			continue
		}
		ca := a.cases[k]
		e := Emergent{Case: k, Measure: MeasureG2Rest, Tokens: ca.tokens, Uncoded: a.mentions(ca)}
		n1, n2 := ca.tokens, all.tokens-ca.tokens
		if n2 == 0 {
			e.Measure = MeasureCount
		}
		for norm, ta := range ca.terms {
			if ta.count < a.opt.MinCount || a.isName(norm) {
				continue
			}
			b := all.terms[norm].count - ta.count
			var ll float64
			if n2 > 0 {
				if !overusedIn(ta.count, b, n1, n2) {
					continue
				}
				ll = G2(ta.count, b, n1, n2)
			}
			e.Keywords = append(e.Keywords, a.term(norm, ta, b, ll))
		}
		e.Keywords = a.topTerms(e.Keywords)
		out = append(out, e)
	}
	return out
}

// isName reports whether a keyword (word or phrase) contains a word that the
// corpus writes only as a name.
func (a *EmergentAccumulator) isName(norm string) bool {
	for _, w := range strings.Split(norm, " ") {
		if _, p := a.proper[w]; p {
			if _, l := a.lower[w]; !l {
				return true
			}
		}
	}
	return false
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

func (a *EmergentAccumulator) term(norm string, ta *termCount, other int, ll float64) Term {
	return Term{Text: a.display(mostFrequentSurface(ta.surfaces())), Norm: norm, Count: ta.count, OtherCount: other, LL: ll, Examples: exampleList(ta.ex)}
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
	if _, low := a.lower[Fold(first)]; !low {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}

func (a *EmergentAccumulator) topTerms(ts []Term) []Term {
	slices.SortFunc(ts, func(x, y Term) int {
		if c := cmp.Compare(y.LL, x.LL); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return strings.Compare(x.Norm, y.Norm)
	})
	if len(ts) > a.opt.Top {
		ts = ts[:a.opt.Top:a.opt.Top]
	}
	return ts
}

// mentions returns the sorted, capped mentions of one bucket; names the
// corpus also writes in lower case (ordinary words) are dropped.
func (a *EmergentAccumulator) mentions(ca *caseCounts) []Mention {
	var out []Mention
	for _, ma := range ca.mentions {
		if ma.name && a.knownWords(ma.words) {
			continue
		}
		out = append(out, Mention{
			Text: a.mentionText(ma), Norm: ma.norm, Kind: ma.kind, Pattern: mostFrequentKey(ma.pattern),
			Count: ma.count, Examples: exampleList(ma.ex),
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
func (a *EmergentAccumulator) mentionText(ma *mentionCount) string {
	s := mostFrequentSurface(ma.surf)
	if ma.name {
		return s
	}
	return a.display(s)
}

// knownWords reports whether every word of a name is a stopword or written
// in lower case somewhere in the corpus: then it is no name.
func (a *EmergentAccumulator) knownWords(words []string) bool {
	for _, w := range words {
		_, stop := a.stop[w]
		_, low := a.lower[w]
		if !stop && !low {
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

// mostFrequentKey returns the most frequent key, ties to the smallest.
func mostFrequentKey(m map[string]int) string {
	best, bc := "", -1
	for s, c := range m {
		if c > bc || (c == bc && s < best) {
			best, bc = s, c
		}
	}
	return best
}

func exampleList(list []exRef) []Example {
	if len(list) == 0 {
		return nil
	}
	out := make([]Example, len(list))
	for i, e := range list {
		out[i] = *e.ex
	}
	return out
}

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
