package analysis

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// This file holds inter-coder agreement: the statistics (percent
// agreement, Cohen's kappa, Krippendorff's alpha) and the comparison of two
// coding sets at the segment level.

// CohenKappa returns Cohen's kappa for a square contingency table: m[i][j]
// counts the items the first coder put in category i and the second in
// category j (the same categories in the same order on both axes). po is
// the observed share of agreement (the diagonal), pe the agreement expected
// by chance from the two coders' marginals, and kappa = (po - pe) / (1 - pe).
// kappa is NaN when it is undefined: an empty table, or pe = 1 (both coders
// put every item in one and the same category). It returns an error when m
// is not square or holds a negative count.
func CohenKappa(m [][]float64) (kappa, po, pe float64, err error) {
	k := len(m)
	rows := make([]float64, k)
	cols := make([]float64, k)
	var n, diag float64
	for i, r := range m {
		if len(r) != k {
			return 0, 0, 0, fmt.Errorf("kappa: row %d has %d cells, want %d (a square table)", i+1, len(r), k)
		}
		for j, v := range r {
			if v < 0 || math.IsNaN(v) {
				return 0, 0, 0, fmt.Errorf("kappa: cell (%d,%d) is %v, want a count >= 0", i+1, j+1, v)
			}
			rows[i] += v
			cols[j] += v
			n += v
			if i == j {
				diag += v
			}
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), math.NaN(), nil
	}
	po = diag / n
	for i := range k {
		pe += (rows[i] / n) * (cols[i] / n)
	}
	return kappaOf(po, pe), po, pe, nil
}

// kappaOf is (po - pe) / (1 - pe), NaN when pe is 1.
func kappaOf(po, pe float64) float64 {
	if 1-pe < 1e-12 {
		return math.NaN()
	}
	return (po - pe) / (1 - pe)
}

// KrippendorffAlphaNominal returns Krippendorff's alpha for nominal data in
// the general form with a coincidence matrix, for any number of coders and
// with missing values. data[c][u] is the value coder c gave to unit u; the
// empty string means missing. Rows may differ in length (missing units at
// the end). Units with fewer than two values are not pairable and are left
// out, as Krippendorff prescribes. n is the number of pairable values.
//
// Each pairable unit u with m_u values adds 1/(m_u - 1) to the coincidence
// o[v][w] for every ordered pair of values (v, w) from two different coders;
// with n_v the row sums and n their total,
//
//	alpha = 1 - (n - 1) * sum_{v != w} o[v][w] / sum_{v != w} n_v * n_w.
//
// alpha is NaN when it is undefined: no pairable values, or only one value
// ever used (no expected disagreement).
func KrippendorffAlphaNominal(data [][]string) (alpha float64, n int) {
	units := 0
	for _, row := range data {
		units = max(units, len(row))
	}
	index := map[string]int{}
	var values []string
	valueOf := func(v string) int {
		i, ok := index[v]
		if !ok {
			i = len(values)
			index[v] = i
			values = append(values, v)
		}
		return i
	}
	// Per unit, how often each value was given.
	type count struct{ v, n int }
	var o map[[2]int]float64 = map[[2]int]float64{}
	for u := range units {
		var counts []count
		m := 0
		for _, row := range data {
			if u >= len(row) || row[u] == "" {
				continue
			}
			v := valueOf(row[u])
			m++
			found := false
			for i := range counts {
				if counts[i].v == v {
					counts[i].n++
					found = true
					break
				}
			}
			if !found {
				counts = append(counts, count{v, 1})
			}
		}
		if m < 2 {
			continue
		}
		n += m
		w := 1 / float64(m-1)
		for _, a := range counts {
			for _, b := range counts {
				pairs := a.n * b.n
				if a.v == b.v {
					pairs = a.n * (a.n - 1)
				}
				if pairs > 0 {
					o[[2]int{a.v, b.v}] += float64(pairs) * w
				}
			}
		}
	}
	return alphaFromCoincidences(o, len(values), n), n
}

// alphaFromCoincidences computes nominal alpha from a coincidence matrix
// over k values holding n pairable values.
func alphaFromCoincidences(o map[[2]int]float64, k, n int) float64 {
	if n < 2 {
		return math.NaN()
	}
	nv := make([]float64, k)
	var observed float64 // sum of off-diagonal coincidences
	for key, v := range o {
		nv[key[0]] += v
		if key[0] != key[1] {
			observed += v
		}
	}
	var total, expected float64
	for _, x := range nv {
		total += x
	}
	for a := range k {
		for b := range k {
			if a != b {
				expected += nv[a] * nv[b]
			}
		}
	}
	if expected == 0 {
		return math.NaN()
	}
	return 1 - (total-1)*observed/expected
}

// Binary2x2 is the agreement table of two coders on one yes/no decision
// per unit (is code X on this segment?).
type Binary2x2 struct {
	Both    int // units both coders coded
	OnlyA   int // units only coder A coded
	OnlyB   int // units only coder B coded
	Neither int // units neither coded
}

// Units returns the number of units in the table.
func (t Binary2x2) Units() int { return t.Both + t.OnlyA + t.OnlyB + t.Neither }

// add adds u to t.
func (t *Binary2x2) add(u Binary2x2) {
	t.Both += u.Both
	t.OnlyA += u.OnlyA
	t.OnlyB += u.OnlyB
	t.Neither += u.Neither
}

// AgreementStats are the agreement statistics of a Binary2x2 table.
type AgreementStats struct {
	Binary2x2
	// Percent is the share of units on which the coders agree (0..1).
	Percent float64
	// Kappa is Cohen's kappa; NaN when undefined (see CohenKappa).
	Kappa float64
	// Alpha is Krippendorff's nominal alpha for two coders without missing
	// values; NaN when undefined (see KrippendorffAlphaNominal).
	Alpha float64
}

// Stats computes percent agreement, Cohen's kappa and Krippendorff's alpha
// from the table.
func (t Binary2x2) Stats() AgreementStats {
	s := AgreementStats{Binary2x2: t, Percent: math.NaN(), Kappa: math.NaN(), Alpha: math.NaN()}
	n := t.Units()
	if n == 0 {
		return s
	}
	m := [][]float64{
		{float64(t.Both), float64(t.OnlyA)},
		{float64(t.OnlyB), float64(t.Neither)},
	}
	s.Kappa, s.Percent, _, _ = CohenKappa(m)
	// Two coders, no missing values: every unit is pairable with m_u = 2,
	// so each unit adds 1 to o[a][b] and 1 to o[b][a].
	o := map[[2]int]float64{
		{0, 0}: 2 * float64(t.Both),
		{1, 1}: 2 * float64(t.Neither),
		{0, 1}: float64(t.OnlyA + t.OnlyB),
		{1, 0}: float64(t.OnlyA + t.OnlyB),
	}
	s.Alpha = alphaFromCoincidences(o, 2, 2*n)
	return s
}

// CodeAgreement is the agreement on one code, or pooled over the codes of
// a category or over all codes (then Code is empty).
type CodeAgreement struct {
	Code     string   // empty for a pooled row
	Category Category // empty for the overall row, or when unknown
	Codes    int      // codes pooled (1 for a code's own row)
	AgreementStats
}

// Confusion is the table of which code coder A gave against which code
// coder B gave on the same segments, within one category. Labels are the
// codes of the category that either coder used, sorted, then ConfusionNone. Cells
// count segments (see Compare for how several codes on a segment pair up).
type Confusion struct {
	Category Category
	Labels   []string // row (A) and column (B) labels; the last is ConfusionNone
	Cells    [][]int  // Cells[i][j]: A gave Labels[i], B gave Labels[j]
}

// ConfusionNone is the label of "no code of this category" in a Confusion table.
const ConfusionNone = "none"

// Disagreement is a segment on which the two coders' codes differ.
type Disagreement struct {
	Doc, Segment string
	A, B         []string // each coder's codes on the segment, sorted
	Text         string   // the segment's text
}

// Agreement is the comparison of two coding sets at the segment level.
type Agreement struct {
	A, B string // the coding sets' names (their files)
	Unit string // UnitSegment: one segment, on which each code is present or absent
	// Docs are the documents both sets hold, compared; OnlyA and OnlyB the
	// documents only one holds, left out. All sorted.
	Docs, OnlyA, OnlyB []string
	// Segments is the number of segments compared (the units).
	Segments int
	// Complete reports whether the segment list is complete: at least one
	// set lists every segment of its documents, coded or not. When false,
	// only segments that at least one coder coded are compared, and the
	// agreement on absence is under-counted.
	Complete bool
	// SameSets is the share of segments on which the two sets of codes are
	// identical (0..1).
	SameSets float64
	// Overall pools the yes/no decisions over all codes (units are
	// segment × code pairs); Categories pools them per category, in the
	// order of Categories (codes of unknown category last); Codes has one
	// row per code either coder used, by category then code ID.
	Overall    CodeAgreement
	Categories []CodeAgreement
	Codes      []CodeAgreement
	// Confusion has one table per category that either coder used.
	Confusion []Confusion
	// Disagreements lists the segments whose code sets differ, in
	// document and segment order.
	Disagreements []Disagreement
	// Warnings say what the reader should know: documents left out,
	// segments known to one set only.
	Warnings []string
}

// ErrNoSharedDocuments is returned by Compare when the two coding sets have
// no document in common.
var ErrNoSharedDocuments = errors.New("the two codings share no documents")

// Compare compares coding sets a and b at the segment level. The units are
// the segments of the documents both sets hold: the union of the two sets'
// segment lists there (a segment one set does not list counts as uncoded by
// it). Documents only one set holds are left out and named in Warnings.
// For every code either set used, each segment is a yes/no decision per
// coder; the statistics are computed per code, pooled per category and
// pooled over all codes.
//
// In a Confusion table, codes both coders gave to a segment count on the
// diagonal; the remaining codes of each coder in the category are paired in
// sorted order (A's first left-over with B's first left-over ...), and any
// code left without a partner is paired with ConfusionNone. A segment on which
// neither coder gave a code of the category counts as (ConfusionNone, ConfusionNone).
//
// The categories of codes come from the sets (a first, then b); codes whose
// category neither set knows get the empty category.
func Compare(a, b *CodingSet) (*Agreement, error) {
	if a == nil || b == nil {
		return nil, errors.New("compare: missing coding set")
	}
	docsA, docsB := a.Docs(), b.Docs()
	inB := map[string]bool{}
	for _, d := range docsB {
		inB[d] = true
	}
	ag := &Agreement{A: a.Name, B: b.Name, Unit: UnitSegment, Complete: a.Complete || b.Complete}
	inA := map[string]bool{}
	for _, d := range docsA {
		inA[d] = true
		if inB[d] {
			ag.Docs = append(ag.Docs, d)
		} else {
			ag.OnlyA = append(ag.OnlyA, d)
		}
	}
	for _, d := range docsB {
		if !inA[d] {
			ag.OnlyB = append(ag.OnlyB, d)
		}
	}
	if len(ag.Docs) == 0 {
		return nil, fmt.Errorf("compare %s and %s: %w (%d documents in %s, %d in %s; segment IDs start with the document path, so both must come from the same input folder)",
			a.Name, b.Name, ErrNoSharedDocuments, len(docsA), a.Name, len(docsB), b.Name)
	}
	if n := len(ag.OnlyA); n > 0 {
		ag.Warnings = append(ag.Warnings, fmt.Sprintf("%d document(s) only in %s, left out: %s", n, a.Name, shortList(ag.OnlyA)))
	}
	if n := len(ag.OnlyB); n > 0 {
		ag.Warnings = append(ag.Warnings, fmt.Sprintf("%d document(s) only in %s, left out: %s", n, b.Name, shortList(ag.OnlyB)))
	}
	shared := map[string]bool{}
	for _, d := range ag.Docs {
		shared[d] = true
	}
	units := mergeUnits(a, b, shared, ag)
	ag.Segments = len(units)

	category := func(code string) Category {
		if c, ok := a.Category[code]; ok && c != "" {
			return c
		}
		return b.Category[code]
	}
	// Every code used on a compared segment.
	used := map[string]bool{}
	for _, u := range units {
		for _, c := range a.Codes[u.Segment] {
			used[c] = true
		}
		for _, c := range b.Codes[u.Segment] {
			used[c] = true
		}
	}
	codes := make([]string, 0, len(used))
	for c := range used {
		codes = append(codes, c)
	}
	catRank := func(c Category) int {
		for i, x := range Categories {
			if x == c {
				return i
			}
		}
		return len(Categories)
	}
	sort.Slice(codes, func(i, j int) bool {
		ci, cj := category(codes[i]), category(codes[j])
		if ri, rj := catRank(ci), catRank(cj); ri != rj {
			return ri < rj
		}
		if ci != cj {
			return ci < cj
		}
		return codes[i] < codes[j]
	})

	tables := make(map[string]*Binary2x2, len(codes))
	for _, c := range codes {
		tables[c] = &Binary2x2{}
	}
	same := 0
	for _, u := range units {
		ca, cb := a.Codes[u.Segment], b.Codes[u.Segment]
		setA, setB := codeSet(ca), codeSet(cb)
		for _, c := range codes {
			t := tables[c]
			switch {
			case setA[c] && setB[c]:
				t.Both++
			case setA[c]:
				t.OnlyA++
			case setB[c]:
				t.OnlyB++
			default:
				t.Neither++
			}
		}
		if sameCodes(ca, cb) {
			same++
			continue
		}
		ag.Disagreements = append(ag.Disagreements, Disagreement{Doc: u.Doc, Segment: u.Segment,
			A: append([]string(nil), ca...), B: append([]string(nil), cb...), Text: u.Text})
	}
	if len(units) > 0 {
		ag.SameSets = float64(same) / float64(len(units))
	} else {
		ag.SameSets = math.NaN()
	}

	var overall Binary2x2
	var cats []Category
	byCat := map[Category]*CodeAgreement{}
	for _, c := range codes {
		t := *tables[c]
		cat := category(c)
		ag.Codes = append(ag.Codes, CodeAgreement{Code: c, Category: cat, Codes: 1, AgreementStats: t.Stats()})
		overall.add(t)
		ca, ok := byCat[cat]
		if !ok {
			ca = &CodeAgreement{Category: cat}
			byCat[cat] = ca
			cats = append(cats, cat)
		}
		ca.Codes++
		ca.Binary2x2.add(t)
	}
	for _, cat := range cats {
		ca := byCat[cat]
		ca.AgreementStats = ca.Binary2x2.Stats()
		ag.Categories = append(ag.Categories, *ca)
		ag.Confusion = append(ag.Confusion, confusion(cat, codes, category, units, a, b))
	}
	ag.Overall = CodeAgreement{Codes: len(codes), AgreementStats: overall.Stats()}
	return ag, nil
}

// mergeUnits returns the segments of the shared documents: a's list, then
// b's segments a does not list, in document order (by the order of
// ag.Docs, then segment number). It records segments that only one set
// lists in ag.Warnings when both sets list their segments.
func mergeUnits(a, b *CodingSet, shared map[string]bool, ag *Agreement) []CodingUnit {
	seen := map[string]int{}
	var units []CodingUnit
	for _, u := range a.Units() {
		if shared[u.Doc] {
			seen[u.Segment] = 1
			units = append(units, u)
		}
	}
	onlyB := 0
	for _, u := range b.Units() {
		if !shared[u.Doc] {
			continue
		}
		if _, ok := seen[u.Segment]; ok {
			seen[u.Segment] = 3
			continue
		}
		seen[u.Segment] = 2
		units = append(units, u)
		onlyB++
	}
	onlyA := 0
	for _, v := range seen {
		if v == 1 {
			onlyA++
		}
	}
	if a.Complete && b.Complete && (onlyA > 0 || onlyB > 0) {
		ag.Warnings = append(ag.Warnings, fmt.Sprintf("the segmentations differ: %d segment(s) only in %s, %d only in %s (each counted as uncoded by the other)",
			onlyA, a.Name, onlyB, b.Name))
	}
	docRank := map[string]int{}
	for i, d := range ag.Docs {
		docRank[d] = i
	}
	sort.SliceStable(units, func(i, j int) bool {
		if ri, rj := docRank[units[i].Doc], docRank[units[j].Doc]; ri != rj {
			return ri < rj
		}
		return units[i].N < units[j].N
	})
	return units
}

// confusion builds the confusion table of one category.
func confusion(cat Category, codes []string, category func(string) Category, units []CodingUnit, a, b *CodingSet) Confusion {
	var labels []string
	for _, c := range codes {
		if category(c) == cat {
			labels = append(labels, c)
		}
	}
	sort.Strings(labels)
	labels = append(labels, ConfusionNone)
	idx := map[string]int{}
	for i, l := range labels {
		idx[l] = i
	}
	cells := make([][]int, len(labels))
	for i := range cells {
		cells[i] = make([]int, len(labels))
	}
	none := len(labels) - 1
	inCat := func(list []string) []string {
		var out []string
		for _, c := range list {
			if category(c) == cat {
				out = append(out, c)
			}
		}
		return out // sorted: list is sorted
	}
	for _, u := range units {
		ca, cb := inCat(a.Codes[u.Segment]), inCat(b.Codes[u.Segment])
		if len(ca) == 0 && len(cb) == 0 {
			cells[none][none]++
			continue
		}
		setB := codeSet(cb)
		setA := codeSet(ca)
		var leftA, leftB []string
		for _, c := range ca {
			if setB[c] {
				cells[idx[c]][idx[c]]++
			} else {
				leftA = append(leftA, c)
			}
		}
		for _, c := range cb {
			if !setA[c] {
				leftB = append(leftB, c)
			}
		}
		for i := 0; i < max(len(leftA), len(leftB)); i++ {
			r, c := none, none
			if i < len(leftA) {
				r = idx[leftA[i]]
			}
			if i < len(leftB) {
				c = idx[leftB[i]]
			}
			cells[r][c]++
		}
	}
	return Confusion{Category: cat, Labels: labels, Cells: cells}
}

func codeSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

func sameCodes(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// shortList joins up to five names, with "…" when there are more.
func shortList(names []string) string {
	const most = 5
	s := ""
	for i, n := range names {
		if i == most {
			return s + fmt.Sprintf(", … (%d more)", len(names)-most)
		}
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
