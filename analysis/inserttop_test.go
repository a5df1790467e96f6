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
			got, in = insertTop(got, c, max, less, same)
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
