package corpus

// Pseudonymisation: a corpus stage that runs on what a format reader
// extracted, before Build lays out the text, finds turns and segments, so
// that every span, segment and quote downstream is computed on the
// pseudonymised text and no name reaches an output file.
//
// Decisions (see also testdata/pseudo/README.md):
//   - A pseudonym in running text is "[Persoon 1]", "[Straat 1]", "[Adres 1]",
//     "[Postcode 1]", "[Telefoon 1]", "[E-mail 1]" or "[Plaats 1]". Inside a
//     speaker label at the start of a line ("Fatima:", "Moeder (Fatima):") it
//     is written without brackets ("Persoon 1:", "Moeder (Persoon 1):"),
//     because the turn parser (parseLabel) does not accept '[' in a label.
//   - Numbers count per case and per kind, in order of first detection.
//     The same name in the same case always gets the same pseudonym; cases
//     are independent. The numbering depends on the order in which a case's
//     documents are pseudonymised: for byte-identical output, pseudonymise a
//     case's documents in a fixed order (see the report on ReadAll).
//   - E-mail addresses, phone numbers, postcodes and street addresses are
//     replaced whenever pseudonymisation is enabled: their patterns are
//     precise. Names need either the researcher's list (Names) or Auto.
//   - Listed names match whole words, ignoring case and diacritics, longest
//     first. A listed name that is also an ordinary Dutch word ("Roos",
//     "Bos") matches only when capitalised, so that "een roos" stays. Parts
//     of a listed multi-word name ("Fatima" and "El Amrani" of "Fatima El
//     Amrani") are replaced by the same pseudonym, unless two listed names
//     share the part.
//   - Auto-detected names are learnt per case: once "Samira" is found
//     mid-sentence, every later capitalised "Samira" in the case, also at a
//     sentence start, is replaced.
//   - Countries, the larger cities, apps and brands, holidays, weekdays,
//     months and institutions are not detected automatically
//     (pseudoKeepWords); facility names that are ordinary words ("De
//     Regenboog") are not either, unless they follow a facility noun
//     ("basisschool De Regenboog" -> "basisschool [Plaats 1]").
//   - Metadata: speaker labels of the per-file speaker map and the values of
//     Extra variables are pseudonymised with the same case state; the case
//     ID, wijk, wave and date are the researcher's own codes and stay.

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kinds of replaced items (Replacement.Kind).
const (
	PseudoPerson   = "person"
	PseudoStreet   = "street"
	PseudoAddress  = "address"
	PseudoPostcode = "postcode"
	PseudoPhone    = "phone"
	PseudoEmail    = "email"
	PseudoPlace    = "place"
)

// pseudoKinds lists the kinds in key-file order with their Dutch label.
func pseudoKinds() [][2]string {
	return [][2]string{
		{PseudoPerson, "Persoon"}, {PseudoPlace, "Plaats"}, {PseudoStreet, "Straat"}, {PseudoAddress, "Adres"},
		{PseudoPostcode, "Postcode"}, {PseudoPhone, "Telefoon"}, {PseudoEmail, "E-mail"},
	}
}

func pseudoLabel(kind string) string {
	for _, k := range pseudoKinds() {
		if k[0] == kind {
			return k[1]
		}
	}
	return "Persoon"
}

// PseudoOptions configure pseudonymisation. The zero value is off.
type PseudoOptions struct {
	Enabled bool
	// Names the researcher lists (from config or a CSV): one name per entry,
	// e.g. "Samira", "Fatima El Amrani", "van der Berg". An entry may end in
	// "=kind" to say what it is: "De Regenboog=place", "Dorpsstraat=street"
	// (kinds person, place, street, address, or their Dutch names persoon,
	// plaats, straat, adres); without one it is a person.
	Names []string
	// Auto detects names automatically (capitalised words that are no
	// ordinary Dutch word, names after "juf", "mijn zoon", "bij", ...).
	Auto bool
	// Keep lists words that are never replaced by the automatic detection
	// (matched ignoring case and diacritics). Listed Names win over Keep.
	Keep []string
}

// Replacement is one original form replaced in one case, for the key file
// the researcher keeps. Count is how often it was replaced.
type Replacement struct {
	Case      string `json:"case"`
	Original  string `json:"original"`
	Pseudonym string `json:"pseudonym"` // "[Persoon 1]"; labels write it without brackets
	Kind      string `json:"kind"`      // PseudoPerson, PseudoStreet, ...
	Count     int    `json:"count"`
}

// Pseudonymiser replaces names consistently per case: the same name in the
// same case always gets the same pseudonym. It is safe for concurrent use;
// each case has its own lock.
type Pseudonymiser struct {
	opt      PseudoOptions
	listed   []nameEntry
	keep     map[string]bool // folded words never auto-detected
	keepSeq  [][]string      // folded multi-word names never auto-detected
	cues     map[string]bool
	parts    map[string]bool
	function map[string]bool
	roles    map[string]bool // folded words of role labels ("moeder", "spreker")
	// wordNames: a capitalised ordinary word in mid-sentence is a name
	// (true by default; the test set measures both settings).
	wordNames bool

	mu    sync.Mutex
	cases map[string]*caseState
}

// nameEntry is a name to match: a sequence of folded tokens.
type nameEntry struct {
	toks  []string
	kind  string
	canon string // identity: entries with the same kind and canon share a pseudonym
	// capOnly: match only capitalised occurrences (the name is also an
	// ordinary word, or was learnt from a capitalised occurrence of one).
	capOnly bool
}

// caseState is the pseudonym table of one case.
type caseState struct {
	mu      sync.Mutex
	numbers map[string]int // kind + "\x00" + canon -> number
	next    map[string]int // kind -> numbers given
	learnt  []nameEntry
	known   map[string]bool            // kind + "\x00" + folded name of learnt entries
	counts  map[[3]string]*Replacement // (pseudonym, original, kind)
	firstOf map[string]string          // folded given name -> canon, linking "Fatima" and "Fatima El Amrani"
}

// NewPseudonymiser returns a pseudonymiser for o. It is usable (and a
// no-op) when o.Enabled is false.
func NewPseudonymiser(o PseudoOptions) *Pseudonymiser {
	p := &Pseudonymiser{
		opt: o, keep: pseudoKeepWords(), cues: nameCueWords(), parts: nameParticles(),
		function: functionWords(), roles: map[string]bool{}, cases: map[string]*caseState{},
		wordNames: true,
	}
	for _, k := range append(pseudoKeepPhrases(), o.Keep...) {
		toks := tokenize(k)
		if len(toks) == 1 {
			p.keep[toks[0].f] = true
			continue
		}
		var seq []string
		for _, t := range toks {
			seq = append(seq, t.f)
		}
		if len(seq) > 1 {
			p.keepSeq = append(p.keepSeq, seq)
		}
	}
	for l := range DefaultRoles() {
		for _, w := range strings.Fields(fold(l)) {
			p.roles[w] = true
		}
	}
	for _, w := range strings.Fields("spreker speaker respondent deelnemer participant persoon interviewer interviewster onderzoeker " +
		"vraag antwoord notitie opmerking tolk gespreksleider moderator allen iedereen samen beiden kinderen ouders") {
		p.roles[w] = true
	}
	p.listed = p.listedEntries(o.Names)
	return p
}

// listedEntries turns the researcher's names into entries, with the parts
// of multi-word person names as aliases.
func (p *Pseudonymiser) listedEntries(names []string) []nameEntry {
	var full []nameEntry
	for _, n := range names {
		n = strings.TrimSpace(n)
		kind := PseudoPerson
		if i := strings.LastIndexByte(n, '='); i > 0 {
			if k, ok := parseKind(n[i+1:]); ok {
				kind = k
				n = strings.TrimSpace(n[:i])
			}
		}
		toks := tokenize(n)
		if len(toks) == 0 {
			continue
		}
		e := nameEntry{kind: kind}
		for _, t := range toks {
			e.toks = append(e.toks, t.f)
		}
		e.canon = strings.Join(e.toks, " ")
		e.capOnly = len(toks) == 1 && isDutchWord(strings.ToLower(toks[0].s))
		full = append(full, e)
	}
	// Aliases: given name, surname with particles, surname without them.
	aliasOwners := map[string][]string{}
	aliasOf := map[string]nameEntry{}
	have := map[string]bool{}
	for _, e := range full {
		have[e.canon] = true
	}
	for _, e := range full {
		if e.kind != PseudoPerson || len(e.toks) < 2 {
			continue
		}
		var cands [][]string
		cands = append(cands, e.toks[:1], e.toks[1:])
		k := 1
		for k < len(e.toks)-1 && p.parts[e.toks[k]] {
			k++
		}
		if k > 1 {
			cands = append(cands, e.toks[k:])
		}
		for _, c := range cands {
			if len(c) == 1 && (utf8.RuneCountInString(c[0]) < 2 || p.parts[c[0]] || p.function[c[0]]) {
				continue
			}
			key := strings.Join(c, " ")
			if have[key] {
				continue
			}
			if !slices.Contains(aliasOwners[key], e.canon) {
				aliasOwners[key] = append(aliasOwners[key], e.canon)
			}
			aliasOf[key] = nameEntry{toks: c, kind: PseudoPerson, canon: e.canon, capOnly: len(c) == 1 && isDutchWord(c[0])}
		}
	}
	keys := make([]string, 0, len(aliasOf))
	for k := range aliasOf {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		a := aliasOf[k]
		if len(aliasOwners[k]) > 1 {
			a.canon = k // shared by several listed names: a pseudonym of its own
		}
		full = append(full, a)
	}
	return full
}

func parseKind(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "persoon", "naam", "name":
		return PseudoPerson, true
	case "place", "plaats", "plek", "voorziening", "facility":
		return PseudoPlace, true
	case "street", "straat":
		return PseudoStreet, true
	case "address", "adres":
		return PseudoAddress, true
	}
	return "", false
}

func (p *Pseudonymiser) caseFor(id string) *caseState {
	p.mu.Lock()
	defer p.mu.Unlock()
	cs := p.cases[id]
	if cs == nil {
		cs = &caseState{numbers: map[string]int{}, next: map[string]int{}, known: map[string]bool{},
			counts: map[[3]string]*Replacement{}, firstOf: map[string]string{}}
		p.cases[id] = cs
	}
	return cs
}

// Apply replaces names in text (NFC, '\n' line ends) for case caseID and
// returns the new text and the replacements made in this call, sorted
// like Key. When pseudonymisation is disabled it returns text unchanged.
func (p *Pseudonymiser) Apply(caseID, text string) (string, []Replacement) {
	if p == nil || !p.opt.Enabled {
		return text, nil
	}
	cs := p.caseFor(caseID)
	cs.mu.Lock()
	defer cs.mu.Unlock()
	made := map[[3]string]*Replacement{}
	out := p.applyLocked(cs, caseID, text, made)
	return out, sortedReplacements(made)
}

// Key returns every replacement made so far, sorted by case, then
// pseudonym (kind order, then number), then original. It is what the
// researcher keeps to re-identify; it must never be written into the output
// folder.
func (p *Pseudonymiser) Key() []Replacement {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	cases := make([]*caseState, 0, len(p.cases))
	for _, cs := range p.cases {
		cases = append(cases, cs)
	}
	p.mu.Unlock()
	all := map[[3]string]*Replacement{}
	for _, cs := range cases {
		cs.mu.Lock()
		for _, r := range cs.counts {
			c := *r
			all[[3]string{r.Case, r.Pseudonym, r.Original}] = &c
		}
		cs.mu.Unlock()
	}
	return sortedReplacements(all)
}

func sortedReplacements(m map[[3]string]*Replacement) []Replacement {
	out := make([]Replacement, 0, len(m))
	for _, r := range m {
		out = append(out, *r)
	}
	kindRank := func(k string) int {
		for i, x := range pseudoKinds() {
			if x[0] == k {
				return i
			}
		}
		return len(pseudoKinds())
	}
	slices.SortFunc(out, func(a, b Replacement) int {
		if c := strings.Compare(a.Case, b.Case); c != 0 {
			return c
		}
		if c := kindRank(a.Kind) - kindRank(b.Kind); c != 0 {
			return c
		}
		if c := pseudoNumber(a.Pseudonym) - pseudoNumber(b.Pseudonym); c != 0 {
			return c
		}
		return strings.Compare(a.Original, b.Original)
	})
	return out
}

func pseudoNumber(ps string) int {
	ps = strings.TrimSuffix(ps, "]")
	i := strings.LastIndexByte(ps, ' ')
	n, _ := strconv.Atoi(ps[i+1:])
	return n
}

// pseudonymiseExtract pseudonymises what a reader extracted for one file,
// and the per-file speaker map and extra variables of its metadata, and
// records the number of replacements as a reading step (never the names).
// It replaces meta's maps rather than changing them: they may be shared
// with the metadata sheet.
func (p *Pseudonymiser) pseudonymiseExtract(ex *Extract, meta *Metadata) {
	if p == nil || !p.opt.Enabled {
		return
	}
	cs := p.caseFor(meta.Case)
	cs.mu.Lock()
	defer cs.mu.Unlock()
	// First pass: learn the names of the whole file, so that a name found
	// in a later utterance is also replaced in an earlier one.
	texts := []string{ex.Text}
	for _, u := range ex.Utterances {
		texts = append(texts, u.Text)
		if u.Speaker != "" {
			texts = append(texts, u.Speaker+":")
		}
	}
	if p.opt.Auto {
		for _, t := range texts {
			p.detect(cs, t)
		}
	}
	made := map[[3]string]*Replacement{}
	ex.Text = p.applyLocked(cs, meta.Case, ex.Text, made)
	label := func(l string) string {
		if l == "" {
			return l
		}
		out := p.applyLocked(cs, meta.Case, l+":", made)
		if s, ok := strings.CutSuffix(out, ":"); ok {
			return s
		}
		return out
	}
	for i := range ex.Utterances {
		ex.Utterances[i].Speaker = label(ex.Utterances[i].Speaker)
		ex.Utterances[i].Text = p.applyLocked(cs, meta.Case, ex.Utterances[i].Text, made)
	}
	if len(meta.Speakers) > 0 {
		sp := make(map[string]string, len(meta.Speakers))
		for k, v := range meta.Speakers {
			sp[strings.ToLower(label(k))] = v
		}
		meta.Speakers = sp
	}
	if len(meta.Extra) > 0 {
		keys := make([]string, 0, len(meta.Extra))
		for k := range meta.Extra {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		extra := make(map[string]string, len(meta.Extra))
		for _, k := range keys {
			extra[k] = p.applyLocked(cs, meta.Case, meta.Extra[k], made)
		}
		meta.Extra = extra
	}
	n := 0
	for _, r := range made {
		n += r.Count
	}
	ex.Steps = append(ex.Steps, fmt.Sprintf("pseudonymised: %d replacements", n))
}

// pspan is a detected item: bytes [start, end) of the text.
type pspan struct {
	start, end int
	kind       string // "" for a protected span (an existing pseudonym)
	canon      string
	prio       int
	label      bool // inside a speaker label: written without brackets
}

// applyLocked detects and replaces; cs.mu is held.
func (p *Pseudonymiser) applyLocked(cs *caseState, caseID, text string, made map[[3]string]*Replacement) string {
	spans := p.detect(cs, text)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	for _, s := range spans {
		b.WriteString(text[last:s.start])
		last = s.end
		if s.kind == "" {
			b.WriteString(text[s.start:s.end])
			continue
		}
		ps := cs.pseudonym(s.kind, s.canon)
		orig := text[s.start:s.end]
		for _, m := range []map[[3]string]*Replacement{cs.counts, made} {
			k := [3]string{ps, orig, s.kind}
			r := m[k]
			if r == nil {
				r = &Replacement{Case: caseID, Original: orig, Pseudonym: ps, Kind: s.kind}
				m[k] = r
			}
			r.Count++
		}
		if s.label {
			ps = strings.TrimSuffix(strings.TrimPrefix(ps, "["), "]")
		}
		b.WriteString(ps)
	}
	b.WriteString(text[last:])
	return b.String()
}

// pseudonym returns the pseudonym of a kind and identity in the case,
// numbering new ones.
func (cs *caseState) pseudonym(kind, canon string) string {
	key := kind + "\x00" + canon
	n, ok := cs.numbers[key]
	if !ok {
		cs.next[kind]++
		n = cs.next[kind]
		cs.numbers[key] = n
	}
	return "[" + pseudoLabel(kind) + " " + strconv.Itoa(n) + "]"
}

// ptok is a word token: a maximal run of letters and marks (with an
// apostrophe after a single letter, as in "D'Angelo"), or of digits.
type ptok struct {
	start, end int
	s, f       string // as written; folded
	cap        bool   // first letter upper case
	allCaps    bool   // two or more letters, all upper case
	digits     bool   // digits only
	runes      int
}

func tokenize(text string) []ptok {
	var toks []ptok
	isTok := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTok(r) {
			i += size
			continue
		}
		start := i
		n := 0
		digit := unicode.IsDigit(r)
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isTok(r) && unicode.IsDigit(r) == digit {
				i += size
				n++
				continue
			}
			if (r == '\'' || r == '’') && n == 1 && i+size < len(text) {
				if r2, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsUpper(r2) {
					i += size
					n++
					continue
				}
			}
			break
		}
		s := text[start:i]
		t := ptok{start: start, end: i, s: s, f: fold(s), runes: n}
		first, _ := utf8.DecodeRuneInString(s)
		t.cap = unicode.IsUpper(first)
		letters, upper, digits := 0, 0, 0
		for _, c := range s {
			switch {
			case unicode.IsLetter(c):
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			case unicode.IsDigit(c):
				digits++
			}
		}
		t.allCaps = letters >= 2 && upper == letters
		t.digits = letters == 0 && digits > 0
		toks = append(toks, t)
	}
	return toks
}

// detect finds the items to replace in text, learning automatically
// detected names into cs. It returns non-overlapping spans sorted by start.
func (p *Pseudonymiser) detect(cs *caseState, text string) []pspan {
	if text == "" {
		return nil
	}
	toks := tokenize(text)
	var spans []pspan
	spans = append(spans, findProtected(text)...)
	spans = append(spans, findEmails(text)...)
	spans = append(spans, findPhones(text)...)
	spans = append(spans, p.findAddresses(text, toks)...)
	spans = append(spans, findPostcodes(text)...)
	covered := coverage(len(text), append(p.findKeepPhrases(text, toks), spans...))
	labels := labelRegions(text)
	if p.opt.Auto {
		p.learn(cs, text, toks, covered, labels)
	}
	spans = append(spans, p.matchNames(cs, text, toks)...)
	// Resolve overlaps: higher priority first, then longer.
	slices.SortStableFunc(spans, func(a, b pspan) int {
		if a.prio != b.prio {
			return a.prio - b.prio
		}
		if la, lb := a.end-a.start, b.end-b.start; la != lb {
			return lb - la
		}
		return a.start - b.start
	})
	taken := make([]bool, len(text))
	var out []pspan
	for _, s := range spans {
		if s.start >= s.end || s.end > len(text) {
			continue
		}
		free := true
		for k := s.start; k < s.end; k++ {
			if taken[k] {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		for k := s.start; k < s.end; k++ {
			taken[k] = true
		}
		for _, l := range labels {
			if s.start >= l[0] && s.end <= l[1] {
				s.label = true
			}
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b pspan) int { return a.start - b.start })
	return out
}

func coverage(n int, spans []pspan) []bool {
	c := make([]bool, n)
	for _, s := range spans {
		for k := s.start; k < s.end && k < n; k++ {
			c[k] = true
		}
	}
	return c
}

// Span priorities (lower wins).
const (
	prioProtected = iota
	prioEmail
	prioPhone
	prioAddress
	prioPostcode
	prioStreet
	prioName
)

var (
	// pseudoProtectedRE matches pseudonyms already in the text, so that
	// applying twice changes nothing.
	pseudoProtectedRE = regexp.MustCompile(`\[(?:Persoon|Plaats|Straat|Adres|Postcode|Telefoon|E-mail) \d+\]|\bPersoon \d+\b`)
	pseudoEmailRE     = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}`)
	pseudoPostcodeRE  = regexp.MustCompile(`\b[1-9][0-9]{3} ?[A-Z]{2}\b`)
	pseudoDateRE      = regexp.MustCompile(`^\(?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}`)
)

func findProtected(text string) []pspan {
	var out []pspan
	for _, m := range pseudoProtectedRE.FindAllStringIndex(text, -1) {
		out = append(out, pspan{start: m[0], end: m[1], prio: prioProtected})
	}
	return out
}

func findEmails(text string) []pspan {
	var out []pspan
	for _, m := range pseudoEmailRE.FindAllStringIndex(text, -1) {
		out = append(out, pspan{start: m[0], end: m[1], kind: PseudoEmail, canon: strings.ToLower(text[m[0]:m[1]]), prio: prioEmail})
	}
	return out
}

func findPostcodes(text string) []pspan {
	var out []pspan
	for _, m := range pseudoPostcodeRE.FindAllStringIndex(text, -1) {
		s := text[m[0]:m[1]]
		letters := s[len(s)-2:]
		if letters == "SA" || letters == "SD" || letters == "SS" {
			continue
		}
		if m[1] < len(text) {
			if r, _ := utf8.DecodeRuneInString(text[m[1]:]); unicode.IsLetter(r) || r == '-' {
				continue
			}
		}
		if m[0] > 0 {
			// Glued to a word or a pseudonym: no postcode.
			if r, _ := utf8.DecodeLastRuneInString(text[:m[0]]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == ']' {
				continue
			}
		}
		canon := strings.ReplaceAll(s, " ", "")
		out = append(out, pspan{start: m[0], end: m[1], kind: PseudoPostcode, canon: canon, prio: prioPostcode})
	}
	return out
}

// findPhones finds Dutch and Belgian phone numbers: 06-12345678,
// 020 123 4567, (010) 1234567, +31 6 12345678, +31 (0)6-1234 5678,
// 0031 6..., 0470 12 34 56, +32 470 12 34 56, 02 123 45 67.
func findPhones(text string) []pspan {
	var out []pspan
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '+' && c != '0' && c != '(' {
			continue
		}
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '-' || r == '/' || r == '.' || r == ',' || r == ']' {
				continue
			}
		}
		// Scan digits and separators; remember where digit groups end.
		var ends []int
		seps := 0
		j := i
		if text[j] == '+' {
			j++
		}
		for j < len(text) {
			d := text[j]
			if isDigit(d) {
				seps = 0
				j++
				if j == len(text) || !isDigit(text[j]) {
					ends = append(ends, j)
				}
				continue
			}
			if d == ' ' || d == '-' || d == '.' || d == '/' || d == '(' || d == ')' {
				seps++
				if seps > 3 {
					break
				}
				j++
				continue
			}
			break
		}
		found := -1
		for k := len(ends) - 1; k >= 0; k-- {
			e := ends[k]
			if e < len(text) {
				if r, _ := utf8.DecodeRuneInString(text[e:]); unicode.IsLetter(r) || r == '@' || r == '[' {
					continue
				}
				if e+1 < len(text) && (text[e] == '.' || text[e] == ',' || text[e] == '-' || text[e] == '/') && isDigit(text[e+1]) {
					continue
				}
			}
			if validPhone(text[i:e]) {
				found = e
				break
			}
		}
		if found < 0 {
			continue
		}
		s := text[i:found]
		var canon strings.Builder
		for k := 0; k < len(s); k++ {
			if isDigit(s[k]) {
				canon.WriteByte(s[k])
			}
		}
		out = append(out, pspan{start: i, end: found, kind: PseudoPhone, canon: nationalNumber(canon.String(), s), prio: prioPhone})
		i = found - 1
	}
	return out
}

// nationalNumber writes the digits of a phone number in national form
// ("+31 6 1234..." and "0031 6..." as "06..."), so that one number written
// two ways gets one pseudonym.
func nationalNumber(digits, written string) string {
	if strings.HasPrefix(written, "+") || strings.HasPrefix(digits, "00") {
		d := strings.TrimPrefix(digits, "00")
		if len(d) > 2 {
			return d[:2] + ":0" + strings.TrimPrefix(d[2:], "0")
		}
	}
	if strings.HasPrefix(digits, "0") {
		return "31:" + digits // a national number: taken as Dutch (a Belgian one written both ways gets two pseudonyms)
	}
	return digits
}

// validPhone reports whether s (digits, separators, a leading '+') has the
// digits of a Dutch or Belgian phone number.
func validPhone(s string) bool {
	if pseudoDateRE.MatchString(s) {
		return false
	}
	var d []byte
	firstGroup := -1
	for k := 0; k < len(s); k++ {
		if isDigit(s[k]) {
			d = append(d, s[k])
		} else if firstGroup < 0 && len(d) > 0 && s[k] != ')' {
			firstGroup = len(d)
		}
	}
	if firstGroup < 0 {
		firstGroup = len(d)
	}
	intl := strings.HasPrefix(s, "+") || strings.HasPrefix(string(d), "00")
	if intl {
		ds := strings.TrimPrefix(string(d), "00")
		var cc string
		if len(ds) < 2 {
			return false
		}
		cc, ds = ds[:2], ds[2:]
		ds = strings.TrimPrefix(ds, "0")
		switch cc {
		case "31":
			return len(ds) == 9
		case "32":
			return len(ds) == 8 || len(ds) == 9
		}
		return false
	}
	if len(d) < 9 || d[0] != '0' || d[1] == '0' {
		return false
	}
	if firstGroup < 2 {
		return false
	}
	return len(d) == 10 || (len(d) == 9 && firstGroup < len(d))
}

// streetSuffixes are the endings of Dutch and Flemish street names.
func streetSuffixes() []string {
	return []string{"straat", "straatje", "laan", "weg", "plein", "gracht", "kade", "singel", "dreef", "hof", "steeg",
		"dijk", "pad", "plantsoen", "boulevard", "allee", "wal", "baan", "park", "markt", "erf", "veld", "ring", "steenweg", "lei", "dries", "hoek"}
}

func streetLike(t ptok) bool {
	if !t.cap || t.allCaps || t.digits {
		return false
	}
	for _, suf := range streetSuffixes() {
		if strings.HasSuffix(t.f, suf) && t.runes >= utf8.RuneCountInString(suf)+3 {
			return true
		}
	}
	return false
}

// gapIs reports whether the text between two tokens is only spaces (at most
// max bytes, no line end) or a hyphen.
func gapSpace(text string, a, b ptok) bool {
	g := text[a.end:b.start]
	return g == " " || g == "  " || g == "-" || g == " - "
}

// nameGap reports whether the text between two tokens of a name is a
// space or hyphen, or the period after an initial ("A.B. Visser").
func nameGap(text string, a, b ptok) bool {
	if gapSpace(text, a, b) {
		return true
	}
	g := text[a.end:b.start]
	return a.runes == 1 && a.cap && (g == "." || g == ". ")
}

// findAddresses finds "Kerkstraat 12", "Burgemeester de Withstraat 3a-2"
// (address), a BE or NL postcode and place after it, and street names
// without a number that are no ordinary word (street).
func (p *Pseudonymiser) findAddresses(text string, toks []ptok) []pspan {
	var out []pspan
	for i, t := range toks {
		if !streetLike(t) {
			continue
		}
		// Preceding capitalised words and particles belong to the name
		// ("Burgemeester de Withstraat", "Van Goghstraat"), not a
		// sentence-initial function word ("Op de Kerkstraat").
		first := i
		for k := i - 1; k >= 0 && i-k <= 4; k-- {
			tk := toks[k]
			if text[tk.end:toks[k+1].start] != " " {
				break
			}
			if tk.cap && p.parts[tk.f] && k == i-1 {
				first = k
				continue
			}
			if p.parts[tk.f] {
				continue
			}
			if tk.cap && !tk.allCaps && !tk.digits && !p.function[tk.f] && !p.keep[tk.f] && !p.cues[tk.f] {
				first = k
				continue
			}
			break
		}
		start, end := toks[first].start, t.end
		kind := PseudoStreet
		j := i + 1
		if j < len(toks) && text[t.end:toks[j].start] == " " && toks[j].digits && toks[j].runes <= 5 {
			kind = PseudoAddress
			end = toks[j].end
			j++
			// "12a", "12 A", "12hs"
			if j < len(toks) && (toks[j].start == end || (text[end:toks[j].start] == " " && toks[j].runes == 1 && toks[j].cap)) &&
				!toks[j].digits && toks[j].runes <= 2 && (toks[j].start == end || toks[j].cap) {
				end = toks[j].end
				j++
			}
			// "12-2", "12 bus 3", "12 hs"
			if j < len(toks) && text[toks[j-1].end:toks[j].start] == "-" && toks[j].digits && toks[j].runes <= 3 {
				end = toks[j].end
				j++
			} else if j+1 < len(toks) && (toks[j].f == "bus" || toks[j].f == "hs" || toks[j].f == "huis") && text[toks[j-1].end:toks[j].start] == " " {
				if toks[j].f == "bus" && toks[j+1].digits {
					end = toks[j+1].end
					j += 2
				} else if toks[j].f != "bus" {
					end = toks[j].end
					j++
				}
			}
		} else if isDutchWord(strings.ToLower(t.s)) || p.keep[t.f] {
			continue
		}
		out = append(out, pspan{start: start, end: end, kind: kind, canon: fold(text[start:end]), prio: prioAddress})
		if kind != PseudoAddress {
			continue
		}
		// ", 1234 AB Plaats" or " 2000 Antwerpen" after the address.
		k := end
		for k < len(text) && (text[k] == ',' || text[k] == ' ') && k-end < 3 {
			k++
		}
		for j < len(toks) && toks[j].start < k {
			j++
		}
		if j >= len(toks) || toks[j].start != k {
			continue
		}
		pcEnd := -1
		if m := pseudoPostcodeRE.FindStringIndex(text[k:]); m != nil && m[0] == 0 {
			pcEnd = k + m[1]
		} else if toks[j].digits && toks[j].runes == 4 && toks[j].s[0] != '0' {
			pcEnd = toks[j].end
		}
		if pcEnd < 0 {
			continue
		}
		out = append(out, pspan{start: k, end: pcEnd, kind: PseudoPostcode, canon: strings.ReplaceAll(text[k:pcEnd], " ", ""), prio: prioAddress})
		for j < len(toks) && toks[j].start < pcEnd {
			j++
		}
		if j < len(toks) && text[pcEnd:toks[j].start] == " " && toks[j].cap && !p.function[toks[j].f] && !p.keep[toks[j].f] {
			e := j
			for e+1 < len(toks) && gapSpace(text, toks[e], toks[e+1]) && (toks[e+1].cap || p.parts[toks[e+1].f]) && !p.function[toks[e+1].f] {
				e++
			}
			out = append(out, pspan{start: toks[j].start, end: toks[e].end, kind: PseudoPlace, canon: fold(text[toks[j].start:toks[e].end]), prio: prioAddress})
		}
	}
	return out
}

// findKeepPhrases finds the kept multi-word names ("Albert Heijn"), which
// automatic detection leaves alone.
func (p *Pseudonymiser) findKeepPhrases(text string, toks []ptok) []pspan {
	var out []pspan
	for i := range toks {
		for _, seq := range p.keepSeq {
			if i+len(seq) > len(toks) {
				continue
			}
			ok := true
			for k, w := range seq {
				if toks[i+k].f != w || (k > 0 && !gapSpace(text, toks[i+k-1], toks[i+k])) {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, pspan{start: toks[i].start, end: toks[i+len(seq)-1].end, prio: prioProtected})
			}
		}
	}
	return out
}

// isSentenceInitial reports whether the word starting at byte off begins a
// sentence: only quotes, brackets, dashes, bullets and spaces separate it
// from the start of the text or line, or from . ! ? … : ; ] or ).
func isSentenceInitial(text string, off int) bool {
	k := off
	for k > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:k])
		switch r {
		case ' ', '\t', '"', '\'', '“', '”', '‘', '’', '«', '»', '„', '(', '[', '-', '–', '—', '*', '•', '>', '#', '_':
			k -= size
			continue
		case '\n', '.', '!', '?', '…', ':', ';', ']', ')':
			return true
		}
		return false
	}
	return true
}

// labelRegions returns the byte ranges of speaker labels at line starts
// (as parseLabel finds them).
func labelRegions(text string) [][2]int {
	var out [][2]int
	off := 0
	for off <= len(text) {
		e := strings.IndexByte(text[off:], '\n')
		if e < 0 {
			e = len(text) - off
		}
		line := text[off : off+e]
		if m, ok := parseLabel(line); ok {
			if i := strings.Index(line, m.label); i >= 0 && i < m.bodyOff {
				out = append(out, [2]int{off + i, off + i + len(m.label)})
			}
		}
		off += e + 1
	}
	return out
}

// learn finds names automatically and adds them to the case's learnt
// names.
func (p *Pseudonymiser) learn(cs *caseState, text string, toks []ptok, covered []bool, labels [][2]int) {
	inLabel := func(t ptok) bool {
		for _, l := range labels {
			if t.start >= l[0] && t.end <= l[1] {
				return true
			}
		}
		return false
	}
	isCovered := func(t ptok) bool {
		for k := t.start; k < t.end; k++ {
			if covered[k] {
				return true
			}
		}
		return false
	}
	prevWord := func(i int) string {
		if i == 0 {
			return ""
		}
		g := text[toks[i-1].end:toks[i].start]
		if strings.TrimLeft(g, " \t") == "" || g == ", " || g == " '" || g == " ’" {
			return toks[i-1].f
		}
		if (g == ". " || g == ".") && p.cues[toks[i-1].f] {
			return toks[i-1].f // "mw. Hermans", "dr. Visser"
		}
		// "mevrouw de Graaf", "meneer van Dijk": a cue before particles.
		return ""
	}
	cueBefore := func(i int) bool {
		k := i - 1
		for k >= 0 && p.parts[toks[k].f] && text[toks[k].end:toks[k+1].start] == " " {
			k--
		}
		return k >= 0 && k < i-1 && p.cues[toks[k].f] && strings.TrimSpace(text[toks[k].end:toks[k+1].start]) == ""
	}
	persons := map[int]bool{}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.digits || t.runes < 2 || isCovered(t) || p.keep[t.f] || p.function[t.f] {
			continue
		}
		if inLabel(t) {
			// Speaker labels: a word that is no role word and no ordinary
			// word is a name, in any case ("Fatima:", "FATIMA:", "Moeder (Fatima):").
			if p.roles[t.f] || p.cues[t.f] || isDutchWord(strings.ToLower(t.s)) || t.runes > maxListedWordRunes {
				continue
			}
			if strings.HasPrefix(t.f, "p") && isNumber(t.f[1:]) || strings.HasPrefix(t.f, "r") && isNumber(t.f[1:]) {
				continue
			}
			p.register(cs, toks, i, i, PseudoPerson)
			continue
		}
		if !t.cap || t.allCaps {
			continue
		}
		pw := prevWord(i)
		initial := isSentenceInitial(text, t.start) && !(pw != "" && p.cues[pw])
		lower := strings.ToLower(t.s)
		article := pw == "de" || pw == "het" || pw == "t"
		facility := isFacilityNoun(pw) || (article && i >= 2 && isFacilityNoun(toks[i-2].f) &&
			(gapSpace(text, toks[i-2], toks[i-1]) || text[toks[i-2].end:toks[i-1].start] == " '" || text[toks[i-2].end:toks[i-1].start] == " ’"))
		kind := PseudoPerson
		name := false
		switch {
		case (p.cues[pw] && !p.parts[pw]) || cueBefore(i):
			name = !p.roles[t.f] || !isDutchWord(lower)
		case initial, t.runes > maxListedWordRunes:
		case facility:
			kind = PseudoPlace
			name = true
		case i+1 < len(toks) && text[t.end:toks[i+1].start] == " " && toks[i+1].cap && p.keep[toks[i+1].f]:
			// "Albert Heijn", "Rode Kruis": part of a kept name.
		case !isDutchWord(lower):
			name = true
			kind = placeAfter(pw)
		case p.roles[t.f] || p.cues[t.f] || isProperWord(lower):
			// "met Oma", "de Marokkaanse buurvrouw": capitalised, no name.
		case p.wordNames:
			// An ordinary word written with a capital in mid-sentence: Dutch
			// capitalises names only ("ik zag Roos", "met Eva").
			name = true
			kind = placeAfter(pw)
		case pw == "bij" || pw == "met" || pw == "van":
			name = true
		case (pw == "en" || pw == "of") && i >= 2 && persons[i-2]:
			name = true
		}
		if !name {
			continue
		}
		if facility {
			// "basisschool De Regenboog": the article belongs to the name.
			first, last := i, i
			if article {
				first = i - 1
			}
			for last+1 < len(toks) && gapSpace(text, toks[last], toks[last+1]) && toks[last+1].cap &&
				!p.function[toks[last+1].f] && !p.keep[toks[last+1].f] {
				last++
			}
			p.register(cs, toks, first, last, kind)
			i = last
			continue
		}
		first, last := p.extend(text, toks, i, covered)
		p.register(cs, toks, first, last, kind)
		if kind == PseudoPerson {
			for k := first; k <= last; k++ {
				persons[k] = true
			}
		}
		i = last
	}
	// A sentence-initial word that is no Dutch word and stands in a list
	// with a name is a name too: "Emre, Elif en Yusuf", "Emre en Elif".
	for i := len(toks) - 2; i >= 0; i-- {
		t := toks[i]
		if persons[i] || !t.cap || t.allCaps || t.digits || t.runes < 2 || isCovered(t) || inLabel(t) ||
			p.keep[t.f] || p.function[t.f] || p.roles[t.f] || p.cues[t.f] || isDutchWord(strings.ToLower(t.s)) {
			continue
		}
		g := text[t.end:toks[i+1].start]
		next := (g == ", " && persons[i+1]) ||
			(g == " " && (toks[i+1].f == "en" || toks[i+1].f == "of") && i+2 < len(toks) && persons[i+2])
		if next {
			p.register(cs, toks, i, i, PseudoPerson)
			persons[i] = true
		}
	}
}

// placeAfter gives the kind of a name after the word pw: a place after
// "in", "uit", "naar", "te", else a person.
func placeAfter(pw string) string {
	switch pw {
	case "in", "uit", "naar", "te", "richting", "woonplaats":
		return PseudoPlace
	}
	return PseudoPerson
}

// isFacilityNoun reports whether a folded word names a facility whose
// proper name may follow ("basisschool De Regenboog").
func isFacilityNoun(f string) bool {
	switch f {
	case "school", "basisschool", "peuterspeelzaal", "kinderopvang", "opvang", "bso", "kdv", "creche", "buurthuis",
		"wijkcentrum", "moskee", "kerk", "voetbalclub", "sportclub", "vereniging", "speeltuin", "bibliotheek",
		"middelbare", "college", "lyceum", "gymnasium", "mavo", "vmbo", "havo", "vwo", "kinderdagverblijf", "peuteropvang",
		"gastouderbureau", "jongerencentrum", "clubhuis", "sporthal", "zwembad":
		return true
	}
	return false
}

// extend grows a name found at token i over following particles and
// capitalised words ("Fatima El Amrani", "Visser-de Jong") and over a
// preceding given name and initials ("Bas Jansen", "A.B. Visser").
func (p *Pseudonymiser) extend(text string, toks []ptok, i int, covered []bool) (int, int) {
	free := func(t ptok) bool { return !slices.Contains(covered[t.start:t.end], true) }
	last := i
	for {
		j := last + 1
		for j < len(toks) && gapSpace(text, toks[j-1], toks[j]) && p.parts[toks[j].f] && !(toks[j].cap && !p.parts[toks[j].f]) {
			j++
		}
		if j < len(toks) && j > last && gapSpace(text, toks[j-1], toks[j]) && toks[j].cap && !toks[j].allCaps && !toks[j].digits && free(toks[j]) &&
			!p.function[toks[j].f] && !p.keep[toks[j].f] && !p.cues[toks[j].f] && !p.parts[toks[j].f] {
			last = j
			continue
		}
		// Capitalised particle ending the name ("Ben", "El") needs a word after it.
		break
	}
	first := i
	for first > 0 {
		k := first - 1
		g := text[toks[k].end:toks[first].start]
		// Initials: "A.B. Visser", "J. de Vries".
		if toks[k].runes == 1 && toks[k].cap && (g == ". " || g == ".") {
			first = k
			continue
		}
		if g != " " {
			break
		}
		// Particles back to a given name or an initial: "Jan van der
		// Berg", "J. de Vries"; a capitalised particle starts a surname:
		// "mevrouw De Graaf", "Van Dijk".
		m := k
		for m > 0 && p.parts[toks[m].f] && text[toks[m-1].end:toks[m].start] == " " {
			m--
		}
		if m < k || p.parts[toks[m].f] {
			ps := m + 1
			if p.parts[toks[m].f] {
				ps = m
			}
			c := toks[m]
			if !p.parts[c.f] && p.givenNameLike(c) && free(c) {
				first = m
				continue
			}
			if c.runes == 1 && c.cap && m+1 < len(toks) && text[c.end:toks[m+1].start] == ". " {
				first = m
				continue
			}
			if toks[ps].cap {
				first = ps
			}
			break
		}
		if p.givenNameLike(toks[k]) && free(toks[k]) {
			first = k
			continue
		}
		break
	}
	return first, last
}

// givenNameLike reports whether t can be the given name before a surname.
func (p *Pseudonymiser) givenNameLike(t ptok) bool {
	return t.cap && !t.allCaps && !t.digits && t.runes >= 2 && !p.function[t.f] && !p.keep[t.f] && !p.cues[t.f] && !p.roles[t.f]
}

// register adds the name in toks[first..last] to the case's learnt names.
func (p *Pseudonymiser) register(cs *caseState, toks []ptok, first, last int, kind string) {
	var ft []string
	capOnly := false
	for k := first; k <= last; k++ {
		ft = append(ft, toks[k].f)
		if !p.parts[toks[k].f] && isDutchWord(strings.ToLower(toks[k].s)) {
			capOnly = true
		}
	}
	key := kind + "\x00" + strings.Join(ft, " ")
	if cs.known[key] {
		return
	}
	// A name listed by the researcher keeps its listed identity.
	for _, e := range p.listed {
		if slices.Equal(e.toks, ft) {
			return
		}
	}
	canon := strings.Join(ft, " ")
	if kind == PseudoPerson {
		if len(ft) == 1 {
			if c, ok := cs.firstOf[ft[0]]; ok {
				canon = c
			} else {
				cs.firstOf[ft[0]] = canon
			}
		} else if c, ok := cs.firstOf[ft[0]]; ok && !p.parts[ft[0]] {
			canon = c // "Fatima" then "Fatima El Amrani": one person
		} else if !p.parts[ft[0]] && toks[first].runes > 1 {
			cs.firstOf[ft[0]] = canon
		}
	}
	cs.known[key] = true
	cs.learnt = append(cs.learnt, nameEntry{toks: ft, kind: kind, canon: canon, capOnly: capOnly})
	if kind != PseudoPerson || len(ft) < 2 {
		return
	}
	// "Truus Jansen" learnt: "Truus" and "Jansen" alone are the same person.
	for _, k := range []int{first, last} {
		t := toks[k]
		ak := kind + "\x00" + t.f
		if p.parts[t.f] || p.function[t.f] || t.runes < 2 || cs.known[ak] {
			continue
		}
		cs.known[ak] = true
		cs.learnt = append(cs.learnt, nameEntry{toks: []string{t.f}, kind: kind, canon: canon, capOnly: true})
	}
}

// matchNames finds the listed and learnt names in text: whole tokens,
// ignoring case and diacritics (learnt and word-like names: capitalised
// only), longest first.
func (p *Pseudonymiser) matchNames(cs *caseState, text string, toks []ptok) []pspan {
	if len(p.listed) == 0 && len(cs.learnt) == 0 {
		return nil
	}
	byFirst := map[string][]nameEntry{}
	for _, e := range p.listed {
		byFirst[e.toks[0]] = append(byFirst[e.toks[0]], e)
	}
	for _, e := range cs.learnt {
		byFirst[e.toks[0]] = append(byFirst[e.toks[0]], e)
	}
	for k, es := range byFirst {
		slices.SortStableFunc(es, func(a, b nameEntry) int { return len(b.toks) - len(a.toks) })
		byFirst[k] = es
	}
	var out []pspan
	for i := 0; i < len(toks); i++ {
		es := byFirst[toks[i].f]
		for _, e := range es {
			if i+len(e.toks) > len(toks) {
				continue
			}
			ok := true
			for k, w := range e.toks {
				t := toks[i+k]
				if t.f != w || (k > 0 && !nameGap(text, toks[i+k-1], t)) {
					ok = false
					break
				}
				if e.capOnly && !p.parts[w] && !t.cap {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			end := toks[i+len(e.toks)-1].end
			start := toks[i].start
			if e.toks[0] == "t" && start > 0 && (text[start-1] == '\'') {
				start-- // "'t Kabouterhuis"
			} else if e.toks[0] == "t" && strings.HasSuffix(text[:start], "’") {
				start -= len("’")
			}
			out = append(out, pspan{start: start, end: end, kind: e.kind, canon: e.canon, prio: prioName})
			i += len(e.toks) - 1
			break
		}
	}
	return out
}
