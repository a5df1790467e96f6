package analysis

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"
)

// netAcc counts own-voice window units of relation, place and facility
// codes, and pairs of them. Code indices are the Accumulator's.
type netAcc struct {
	units map[int]int
	pairs map[[2]int]int // i < j
	// quotes hold evidence of relation x place/facility pairs (case
	// networks only), keyed like pairs.
	quotes map[[2]int]*pairList
}

func newNetAcc() *netAcc {
	return &netAcc{units: map[int]int{}, pairs: map[[2]int]int{}, quotes: map[[2]int]*pairList{}}
}

// addUnit counts one unit with distinct, ascending network codes.
func (n *netAcc) addUnit(codes []int) {
	for i, x := range codes {
		n.units[x]++
		for _, y := range codes[i+1:] {
			n.pairs[[2]int{x, y}]++
		}
	}
}

// build returns the network over the codes in order.
func (n *netAcc) build(caseID string, codes []CodeInfo, order []int) *Network {
	out := &Network{Case: caseID, Graph: simple.NewWeightedUndirectedGraph(0, 0)}
	pos := map[int]int{}
	for _, k := range order {
		if n.units[k] == 0 {
			continue
		}
		pos[k] = len(out.Nodes)
		out.Nodes = append(out.Nodes, codes[k].ID)
		out.Units = append(out.Units, n.units[k])
		out.Graph.AddNode(simple.Node(int64(pos[k])))
	}
	for pair, w := range n.pairs {
		i, j := pos[pair[0]], pos[pair[1]]
		if i > j {
			i, j = j, i
		}
		out.Edges = append(out.Edges, Edge{A: out.Nodes[i], B: out.Nodes[j], Weight: w})
		out.Graph.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(int64(i)), T: simple.Node(int64(j)), W: float64(w)})
	}
	sort.Slice(out.Edges, func(x, y int) bool {
		ax, ay := indexOf(out.Nodes, out.Edges[x].A), indexOf(out.Nodes, out.Edges[y].A)
		if ax != ay {
			return ax < ay
		}
		return indexOf(out.Nodes, out.Edges[x].B) < indexOf(out.Nodes, out.Edges[y].B)
	})
	out.Betweenness = betweenness(out.Graph, len(out.Nodes))
	return out
}

// betweenness returns the betweenness centrality of nodes 0..n-1 of an
// undirected graph, counting each unordered pair of other nodes once:
// gonum's network.Betweenness sums over ordered pairs, so it is halved.
func betweenness(g graph.Undirected, n int) []float64 {
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	for id, v := range network.Betweenness(g) {
		// gonum visits nodes in map order, so sums may differ in the last
		// bits between runs; rounding keeps results (and ties) stable.
		out[id] = math.Round(v/2*1e9) / 1e9
	}
	return out
}

// bridges returns the bridging relations of one case: relation codes of the
// case network linked to at least two distinct place or facility codes.
func (a *Accumulator) bridges(cs *caseAcc, n *Network, order []int) []Bridge {
	var out []Bridge
	for i, code := range n.Nodes {
		k := a.codeIdx[code]
		if a.cat(k) != CatRelation {
			continue
		}
		var links []BridgeLink
		for _, k2 := range order {
			c2 := a.cat(k2)
			if c2 != CatPlace && c2 != CatFacility {
				continue
			}
			key := [2]int{k, k2}
			if k2 < k {
				key = [2]int{k2, k}
			}
			w := cs.net.pairs[key]
			if w == 0 {
				continue
			}
			links = append(links, BridgeLink{Other: a.codes[k2].ID, Units: w, Quotes: cs.net.quotes[key].pairs()})
		}
		if len(links) < 2 {
			continue
		}
		out = append(out, Bridge{Case: cs.id, Relation: code, Betweenness: n.Betweenness[i], Links: links})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Betweenness != out[j].Betweenness {
			return out[i].Betweenness > out[j].Betweenness
		}
		if len(out[i].Links) != len(out[j].Links) {
			return len(out[i].Links) > len(out[j].Links)
		}
		return out[i].Relation < out[j].Relation
	})
	return out
}
