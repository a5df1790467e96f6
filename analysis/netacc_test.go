package analysis

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// refNetAcc is netAcc as it was, with maps: the reference for the dense
// counts.
type refNetAcc struct {
	units map[int]int
	pairs map[[2]int]int // i < j
}

func (n *refNetAcc) addUnit(codes []int) {
	for i, x := range codes {
		n.units[x]++
		for _, y := range codes[i+1:] {
			n.pairs[[2]int{x, y}]++
		}
	}
}

func (n *refNetAcc) build(caseID string, codes []CodeInfo, order []int) *Network {
	out := &Network{Case: caseID}
	pos := map[int]int{}
	for _, k := range order {
		if n.units[k] == 0 {
			continue
		}
		pos[k] = len(out.Nodes)
		out.Nodes = append(out.Nodes, codes[k].ID)
		out.Units = append(out.Units, n.units[k])
	}
	type edge struct{ i, j, w int }
	edges := make([]edge, 0, len(n.pairs))
	adj := make([][]int, len(out.Nodes))
	for pair, w := range n.pairs {
		i, j := pos[pair[0]], pos[pair[1]]
		if i > j {
			i, j = j, i
		}
		edges = append(edges, edge{i, j, w})
		adj[i] = append(adj[i], j)
		adj[j] = append(adj[j], i)
	}
	slices.SortFunc(edges, func(x, y edge) int {
		if x.i != y.i {
			return x.i - y.i
		}
		return x.j - y.j
	})
	for _, e := range edges {
		out.Edges = append(out.Edges, Edge{A: out.Nodes[e.i], B: out.Nodes[e.j], Weight: e.w})
	}
	out.Betweenness = halvedBetweenness(adj)
	return out
}

// TestNetAccMatchesMaps checks the dense netAcc against the map-based
// reference on random units of random code sets, with codes added as
// they come (the dense tables grow) and a report order that is not the
// index order: same networks, same pair counts.
func TestNetAccMatchesMaps(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for round := range 200 {
		nCodes := 1 + r.IntN(60)
		codes := make([]CodeInfo, nCodes)
		for k := range codes {
			codes[k] = CodeInfo{ID: fmt.Sprintf("c%02d", k)}
		}
		order := r.Perm(nCodes)
		got, want := newNetAcc(), &refNetAcc{units: map[int]int{}, pairs: map[[2]int]int{}}
		// Codes come into use over time: early units use low indices.
		for u := range r.IntN(300) {
			limit := min(nCodes, 1+u*nCodes/100)
			var set []int
			for range r.IntN(6) {
				set = append(set, r.IntN(limit))
			}
			slices.Sort(set)
			set = slices.Compact(set)
			got.addUnit(set)
			want.addUnit(set)
		}
		if diff := cmp.Diff(want.build("x", codes, order), got.build("x", codes, order)); diff != "" {
			t.Fatalf("round %d: dense network differs from the maps' (-maps +dense):\n%s", round, diff)
		}
		for x := range nCodes {
			for y := range nCodes {
				if x == y {
					continue
				}
				if g, w := got.pair(x, y), want.pairs[[2]int{min(x, y), max(x, y)}]; g != w {
					t.Fatalf("round %d: pair(%d, %d) = %d, want %d", round, x, y, g, w)
				}
			}
			if g, w := got.unitsOf(x), want.units[x]; g != w {
				t.Fatalf("round %d: unitsOf(%d) = %d, want %d", round, x, g, w)
			}
		}
	}
}
