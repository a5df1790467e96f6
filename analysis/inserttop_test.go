package analysis

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// insertTopRef is insertTop as it was written first: it looks for the
// candidate's unit before it checks whether a full list takes the
// candidate at all.
func insertTopRef[T any](items []T, c T, max int, less, same func(a, b T) bool) []T {
	if max <= 0 {
		return items
	}
	for i, x := range items {
		if same(x, c) {
			if !less(c, x) {
				return items
			}
			items = append(items[:i], items[i+1:]...)
			break
		}
	}
	if len(items) == max && !less(c, items[len(items)-1]) {
		return items
	}
	i := 0
	for i < len(items) && !less(c, items[i]) {
		i++
	}
	items = append(items, c)
	copy(items[i+1:], items[i:])
	items[i] = c
	if len(items) > max {
		items = items[:max]
	}
	return items
}

// TestInsertTopMatchesRef offers random candidates, with many ties and
// many of one unit, to lists of several sizes, through insertTop and
// insertTopRef, and checks that the lists stay the same and that
// insertTop reports a change exactly when there is one.
func TestInsertTopMatchesRef(t *testing.T) {
	type cand struct{ unit, score, id int }
	less := func(a, b *cand) bool { return a.score < b.score }
	same := func(a, b *cand) bool { return a.unit == b.unit }
	r := rand.New(rand.NewPCG(1, 2))
	changed, kept := 0, 0
	for round := range 3000 {
		max := round % 7 // 0 takes nothing
		units, scores := 1+r.IntN(12), 1+r.IntN(20)
		var got, want []cand
		for id := range 1 + r.IntN(60) {
			c := cand{unit: r.IntN(units), score: r.IntN(scores), id: id}
			before := slices.Clone(got)
			var in bool
			got, in = insertTop(got, c, max,
				func(a, b cand) bool { return less(&a, &b) },
				func(a, b cand) bool { return same(&a, &b) })
			want = insertTopRef(want, c, max,
				func(a, b cand) bool { return less(&a, &b) },
				func(a, b cand) bool { return same(&a, &b) })
			if !slices.Equal(got, want) {
				t.Fatalf("round %d: after %+v: got %+v, want %+v", round, c, got, want)
			}
			if in != !slices.Equal(before, got) {
				t.Fatalf("round %d: insertTop of %+v reported %v: %+v -> %+v", round, c, in, before, got)
			}
			if in {
				changed++
			} else {
				kept++
			}
		}
	}
	if changed < 1000 || kept < 1000 {
		t.Fatalf("%d changes and %d rejections: too few of one to test", changed, kept)
	}
}

// TestListAddMatchesRef offers random candidates to quoteList.add and
// pairList.add, which turn most away before insertTop, and checks their
// lists against insertTopRef's. The candidates are kept already (ref
// set), so that add's keep does nothing.
func TestListAddMatchesRef(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	codes := []string{"a", "b", "c"}
	ref := &QuoteSegment{}
	qc := func() quoteCand {
		return quoteCand{key: quoteKey{negated: r.IntN(4) == 0, notOwn: r.IntN(3) == 0, lenPen: int32(r.IntN(3)),
			seq: int32(r.IntN(5)), segN: int32(r.IntN(4)), start: int32(r.IntN(3)), code: &codes[r.IntN(len(codes))]}, ref: ref}
	}
	for round := range 2000 {
		max := round % 5
		ql, pl := quoteList{max: max}, pairList{max: max}
		var qwant []quoteCand
		var pwant []pairCand
		for range r.IntN(60) {
			q := qc()
			ql.add(q, nil, nil)
			qwant = insertTopRef(qwant, q, max,
				func(a, b quoteCand) bool { return a.key.less(b.key) },
				func(a, b quoteCand) bool { return a.key.seq == b.key.seq && a.key.segN == b.key.segN })
			p := pairCand{key: pairKey{notSame: r.IntN(2) == 0, negated: r.IntN(4) == 0, lenPen: int32(r.IntN(3))}, first: qc(), snd: qc()}
			pl.add(p, nil, nil, nil)
			pwant = insertTopRef(pwant, p, max,
				func(a, b pairCand) bool { return pairLess(&a, &b) },
				func(a, b pairCand) bool {
					return a.first.key.seq == b.first.key.seq && a.first.key.segN == b.first.key.segN && a.snd.key.segN == b.snd.key.segN
				})
			if !slices.Equal(ql.items, qwant) {
				t.Fatalf("round %d: quote list %+v, want %+v", round, ql.items, qwant)
			}
			if !slices.Equal(pl.items, pwant) {
				t.Fatalf("round %d: pair list %+v, want %+v", round, pl.items, pwant)
			}
		}
	}
}
