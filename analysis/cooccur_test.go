package analysis

import (
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

// aggWindowDocs is one document of case W with A = rel.neighbour, B =
// place.playground, C = fac.school:
//
//	turn 1 (mother):      s1 {A}  s2 {A,B}  s3 {}  s4 {B,C}  s5 {C}
//	turn 2 (mother):      s6 {A,C}
//	turn 3 (interviewer): s7 {A}
func aggWindowDocs(t *testing.T, spec *CodebookSpec) []aggInput {
	d, c := aggDoc(t, spec, "W/i.txt", "W", "", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{
			"De [buurman|rel.neighbour].",
			"De [buurvrouw|rel.neighbour] in de [speeltuin|place.playground] en de [buurman|rel.neighbour].",
			"Niets.",
			"Van de [speeltuin|place.playground] naar [school|fac.school].",
			"De [school|fac.school].",
		}},
		aggTurn{"Moeder", corpus.RoleParent, []string{"[Buren|rel.neighbour|neg] bij [school|fac.school]."}},
		aggTurn{"I", corpus.RoleInterviewer, []string{"En de [buren|rel.neighbour]?"}},
	)
	return []aggInput{{d, c}}
}

func TestCooccurrence(t *testing.T) {
	spec := aggSpec()
	r := aggregateAll(spec, ResultsOptions{Window: 3}, aggWindowDocs(t, spec)...)
	const A, B, C = "rel.neighbour", "place.playground", "fac.school"
	type pair struct {
		a, b    string
		n       int
		jaccard float64
		oe      float64
	}
	check := func(name string, co *Cooccurrence, units int, diag map[string]int, pairs []pair) {
		t.Helper()
		if co.Units != units {
			t.Errorf("%s: units %d, want %d", name, co.Units, units)
		}
		for code, n := range diag {
			if got, _, _, _ := co.Pair(code, code); got != n {
				t.Errorf("%s: n(%s) = %d, want %d", name, code, got, n)
			}
		}
		for _, p := range pairs {
			n, j, oe, ok := co.Pair(p.a, p.b)
			n2, j2, oe2, _ := co.Pair(p.b, p.a)
			if !ok || n != p.n || !aggNear(j, p.jaccard) || !aggNear(oe, p.oe) || n2 != n || j2 != j || oe2 != oe {
				t.Errorf("%s: %s-%s = %d, %v, %v; want %d, %v, %v", name, p.a, p.b, n, j, oe, p.n, p.jaccard, p.oe)
			}
		}
	}
	// Own segments s1..s6: N = 6; n_A = 3 (s1,s2,s6), n_B = 2 (s2,s4),
	// n_C = 3 (s4,s5,s6); n_AB = 1 (s2), n_BC = 1 (s4), n_AC = 1 (s6).
	// Jaccard AB = 1/(3+2-1) = 1/4; BC = 1/4; AC = 1/(3+3-1) = 1/5.
	// O/E AB = 1*6/(3*2) = 1; BC = 1*6/(2*3) = 1; AC = 1*6/(3*3) = 2/3.
	check("own segment", r.Cooccurrence.OwnSegment, 6, map[string]int{A: 3, B: 2, C: 3}, []pair{
		{A, B, 1, 0.25, 1}, {B, C, 1, 0.25, 1}, {A, C, 1, 0.2, 2.0 / 3}, {A, "rel.coach", 0, 0, 0},
	})
	// Own windows of 3: turn 1 (5 segments) gives w1 = s1..s3 {A,B},
	// w2 = s2..s4 {A,B,C}, w3 = s3..s5 {B,C}; turn 2 gives w4 = {A,C}.
	// N = 4; n_A = 3, n_B = 3, n_C = 3; n_AB = 2 (w1,w2), n_BC = 2 (w2,w3),
	// n_AC = 2 (w2,w4). Jaccard = 2/(3+3-2) = 1/2; O/E = 2*4/(3*3) = 8/9.
	check("own window", r.Cooccurrence.OwnWindow, 4, map[string]int{A: 3, B: 3, C: 3}, []pair{
		{A, B, 2, 0.5, 8.0 / 9}, {B, C, 2, 0.5, 8.0 / 9}, {A, C, 2, 0.5, 8.0 / 9},
	})
	// All voices add s7 {A} (a unit of its own, also as a window).
	// Segments: N = 7, n_A = 4; AB: 1/(4+2-1) = 1/5, O/E 1*7/(4*2) = 7/8.
	check("all segment", r.Cooccurrence.AllSegment, 7, map[string]int{A: 4, B: 2, C: 3}, []pair{
		{A, B, 1, 0.2, 7.0 / 8}, {B, C, 1, 0.25, 7.0 / 6},
	})
	// Windows: N = 5, n_A = 4; AB = 2/(4+3-2) = 2/5, O/E 2*5/(4*3) = 5/6.
	check("all window", r.Cooccurrence.AllWindow, 5, map[string]int{A: 4, B: 3, C: 3}, []pair{
		{A, B, 2, 0.4, 5.0 / 6},
	})
	if got := r.Cooccurrence.OwnSegment.Coded; got != 5 {
		t.Errorf("coded own segments %d, want 5", got)
	}
	// A window larger than every turn: each turn is one unit.
	r = aggregateAll(spec, ResultsOptions{Window: 10}, aggWindowDocs(t, spec)...)
	// Own: turn 1 {A,B,C}, turn 2 {A,C}: N = 2, n_A = 2, n_B = 1, AB = 1.
	check("own turn", r.Cooccurrence.OwnWindow, 2, map[string]int{A: 2, B: 1, C: 2}, []pair{
		{A, B, 1, 0.5, 1}, {A, C, 2, 1, 1},
	})
}
