package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCaseSetMatchesMap puts random cases (up to 300, numbered as
// Accumulator.caseOf numbers them, with IDs not in number order) in a
// caseSet and in a map, and checks that ids gives sortedKeys of the map,
// also for an empty set (an empty, not nil, slice).
func TestCaseSetMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for round := range 500 {
		var cases []*caseAcc
		for n := range r.IntN(300) {
			cases = append(cases, &caseAcc{id: fmt.Sprintf("c%03d", r.IntN(1000)) + fmt.Sprint(n), n: n})
		}
		var s caseSet
		m := map[string]bool{}
		for range r.IntN(400) {
			if len(cases) == 0 {
				break
			}
			c := cases[r.IntN(len(cases))]
			s.add(c.n)
			m[c.id] = true
		}
		got, want := s.ids(cases), sortedKeys(m)
		if got == nil || !slices.Equal(got, want) {
			t.Fatalf("round %d: ids = %q, want %q", round, got, want)
		}
	}
}
