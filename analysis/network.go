package analysis

import (
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/graph"
)

// netAcc counts own-voice window units of relation, place and facility
// codes, and pairs of them. Code indices are the Accumulator's. The counts
// are dense, like coocAcc's: units[k] is code k's units, pairs[y][x]
// (x < y) the units holding both; both grow as codes are added.
type netAcc struct {
	units []int32
	pairs [][]int32
	// quotes hold evidence of relation x place/facility pairs (case
	// networks only), keyed {x, y} with x < y.
	quotes map[[2]int]*pairList
}

func newNetAcc() *netAcc {
	return &netAcc{quotes: map[[2]int]*pairList{}}
}

// addUnit counts one unit with distinct, ascending network codes.
func (n *netAcc) addUnit(codes []int) {
	if len(codes) == 0 {
		return
	}
	if top := codes[len(codes)-1]; top >= len(n.units) {
		for y := len(n.units); y <= top; y++ {
			n.units = append(n.units, 0)
			n.pairs = append(n.pairs, make([]int32, y))
		}
	}
	for i, y := range codes {
		n.units[y]++
		row := n.pairs[y]
		for _, x := range codes[:i] {
			row[x]++
		}
	}
}

// unitsOf returns the units of code k.
func (n *netAcc) unitsOf(k int) int {
	if k < len(n.units) {
		return int(n.units[k])
	}
	return 0
}

// pair returns the units holding both codes x and y (x != y).
func (n *netAcc) pair(x, y int) int {
	if x > y {
		x, y = y, x
	}
	if y < len(n.pairs) {
		return int(n.pairs[y][x])
	}
	return 0
}

// build returns the network over the codes in order. It counts the nodes
// and edges first, so that every slice is made at its size (a network
// without nodes or edges has nil ones).
func (n *netAcc) build(caseID string, codes []CodeInfo, order []int) *Network {
	out := &Network{Case: caseID}
	pos := make([]int, len(n.units))
	nodes := 0
	for _, k := range order {
		if n.unitsOf(k) != 0 {
			nodes++
		}
	}
	if nodes > 0 {
		out.Nodes, out.Units = make([]string, 0, nodes), make([]int, 0, nodes)
	}
	for _, k := range order {
		if n.unitsOf(k) == 0 {
			continue
		}
		pos[k] = len(out.Nodes)
		out.Nodes = append(out.Nodes, codes[k].ID)
		out.Units = append(out.Units, n.unitsOf(k))
	}
	// Edges by node index (A before B), sorted by A then B; adj's lists
	// share one buffer, each made with room for its node's degree.
	type edge struct{ i, j, w int }
	deg := make([]int, len(out.Nodes))
	ne := 0
	for y, row := range n.pairs {
		for x, w := range row {
			if w != 0 {
				deg[pos[x]]++
				deg[pos[y]]++
				ne++
			}
		}
	}
	edges := make([]edge, 0, ne)
	adj := make([][]int, len(out.Nodes))
	if ne > 0 {
		buf := make([]int, 2*ne)
		for i, d := range deg {
			adj[i], buf = buf[:0:d], buf[d:]
		}
	}
	for y, row := range n.pairs {
		for x, w := range row {
			if w == 0 {
				continue
			}
			i, j := pos[x], pos[y]
			if i > j {
				i, j = j, i
			}
			edges = append(edges, edge{i, j, int(w)})
			adj[i] = append(adj[i], j)
			adj[j] = append(adj[j], i)
		}
	}
	slices.SortFunc(edges, func(x, y edge) int {
		if x.i != y.i {
			return x.i - y.i
		}
		return x.j - y.j
	})
	if ne > 0 {
		out.Edges = make([]Edge, 0, ne)
	}
	for _, e := range edges {
		out.Edges = append(out.Edges, Edge{A: out.Nodes[e.i], B: out.Nodes[e.j], Weight: e.w})
	}
	out.Betweenness = halvedBetweenness(adj)
	return out
}

// betweenness returns the betweenness centrality of nodes 0..n-1 of an
// undirected graph, counting each unordered pair of other nodes once: the
// numbers of gonum's network.Betweenness (which sums over ordered pairs)
// halved and rounded to 9 decimals, computed as halvedBetweenness does.
func betweenness(g graph.Undirected, n int) []float64 {
	adj := make([][]int, n)
	for i := range adj {
		to := g.From(int64(i))
		for to.Next() {
			adj[i] = append(adj[i], int(to.Node().ID()))
		}
	}
	return halvedBetweenness(adj)
}

// halvedBetweenness returns the betweenness centrality of the nodes of an
// unweighted undirected graph given as adjacency lists (node i is linked
// to the nodes adj[i], 0..len(adj)-1; each edge listed at both ends),
// counting each unordered pair of other nodes once, rounded to 9 decimals.
// It is Brandes' algorithm as gonum's network.Betweenness runs it, on
// slices instead of maps, with the neighbours in ascending order so that
// every sum is made in one order. adj's lists are sorted in place.
//
// gonum visits nodes in map order, so its sums could differ in the last
// bits between runs; the rounding keeps results (and ties) stable, and
// makes these numbers the same as gonum's.
func halvedBetweenness(adj [][]int) []float64 {
	n := len(adj)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	for _, l := range adj {
		slices.Sort(l)
	}
	var (
		sigma = make([]float64, n) // shortest paths from s
		delta = make([]float64, n) // dependency of s on each node
		dist  = make([]int, n)     // from s; -1 when not reached
		order = make([]int, 0, n)  // nodes in BFS order from s (the queue, and the stack backwards)
		// pred[w] are the predecessors of w on shortest paths from s:
		// predBuf[predAt[w] : predAt[w]+predN[w]].
		predAt  = make([]int, n)
		predN   = make([]int, n)
		predBuf []int
	)
	at := 0
	for i, l := range adj {
		predAt[i] = at
		at += len(l)
	}
	predBuf = make([]int, at)
	for s := range n {
		for i := range n {
			sigma[i], delta[i], dist[i], predN[i] = 0, 0, -1, 0
		}
		sigma[s], dist[s] = 1, 0
		order = append(order[:0], s)
		for q := 0; q < len(order); q++ {
			v := order[q]
			for _, w := range adj[v] {
				if dist[w] < 0 {
					dist[w] = dist[v] + 1
					order = append(order, w)
				}
				if dist[w] == dist[v]+1 {
					sigma[w] += sigma[v]
					predBuf[predAt[w]+predN[w]] = v
					predN[w]++
				}
			}
		}
		for q := len(order) - 1; q >= 0; q-- {
			w := order[q]
			for _, v := range predBuf[predAt[w] : predAt[w]+predN[w]] {
				delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
			}
			if w != s {
				out[w] += delta[w]
			}
		}
	}
	for i, v := range out {
		out[i] = math.Round(v/2*1e9) / 1e9
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
			w := cs.net.pair(k, k2)
			if w == 0 {
				continue
			}
			key := [2]int{k, k2}
			if k2 < k {
				key = [2]int{k2, k}
			}
			links = append(links, BridgeLink{Other: a.codes[k2].ID, Units: w, Quotes: cs.net.quotes[key].take(a.finishing)})
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
