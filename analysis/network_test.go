package analysis

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/pbasis/pbasis/corpus"
)

func TestBetweennessKnownGraphs(t *testing.T) {
	build := func(n int, edges [][2]int) *simple.WeightedUndirectedGraph {
		g := simple.NewWeightedUndirectedGraph(0, 0)
		for i := 0; i < n; i++ {
			g.AddNode(simple.Node(int64(i)))
		}
		for _, e := range edges {
			g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(int64(e[0])), T: simple.Node(int64(e[1])), W: 5})
		}
		return g
	}
	// Path 0-1-2: only the pair (0,2) passes through 1.
	if got := betweenness(build(3, [][2]int{{0, 1}, {1, 2}}), 3); !reflect.DeepEqual(got, []float64{0, 1, 0}) {
		t.Errorf("path: %v, want [0 1 0]", got)
	}
	// Star with centre 0 and 4 leaves: C(4,2) = 6 pairs pass through 0.
	if got := betweenness(build(5, [][2]int{{0, 1}, {0, 2}, {0, 3}, {0, 4}}), 5); !reflect.DeepEqual(got, []float64{6, 0, 0, 0, 0}) {
		t.Errorf("star: %v, want [6 0 0 0 0]", got)
	}
	// Square 0-1-2-3-0: pair (0,2) has two shortest paths, via 1 and 3,
	// so 1 and 3 get 1/2 each; likewise (1,3) gives 0 and 2 1/2 each.
	if got := betweenness(build(4, [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 0}}), 4); !reflect.DeepEqual(got, []float64{0.5, 0.5, 0.5, 0.5}) {
		t.Errorf("square: %v", got)
	}
	if got := betweenness(build(0, nil), 0); len(got) != 0 {
		t.Errorf("empty: %v", got)
	}
}

func TestNetworkAndBridges(t *testing.T) {
	spec := aggSpec()
	// Case P: the neighbour is spoken of with the street (turn 1) and with
	// the school (turn 2); the coach only with the sports club (turn 3);
	// the playground is unsafe (a quality: not a node). The interviewer
	// links the coach and the street: outside view, no edge.
	d, c := aggDoc(t, spec, "P/i.txt", "P", "", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour] in onze [straat|place.street]."}},
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour] brengt ze naar [school|fac.school].", "Hij is lief."}},
		aggTurn{"Kind", corpus.RoleChild, []string{"De [coach|rel.coach] van de [voetbalclub|fac.sportclub]."}},
		aggTurn{"Kind", corpus.RoleChild, []string{"De [speeltuin|place.playground] is [onveilig|qual.unsafe]."}},
		aggTurn{"I", corpus.RoleInterviewer, []string{"De [coach|rel.coach] in de [straat|place.street]?"}},
	)
	// Case Q: the coach is at the sports club and at school, in one
	// window of three segments; the neighbour only at the street.
	dq, cq := aggDoc(t, spec, "Q/i.txt", "Q", "", corpus.KindTranscript,
		aggTurn{"Vader", corpus.RoleParent, []string{"De [coach|rel.coach] ken ik van de [sportclub|fac.sportclub].", "Hij werkt ook.", "Op [school|fac.school] namelijk."}},
		aggTurn{"Vader", corpus.RoleParent, []string{"De [buurman|rel.neighbour] staat op [straat|place.street]."}},
	)
	r := aggregateAll(spec, ResultsOptions{}, aggInput{d, c}, aggInput{dq, cq})

	if len(r.CaseNetworks) != 2 || r.CaseNetworks[0].Case != "P" {
		t.Fatalf("case networks: %d", len(r.CaseNetworks))
	}
	p := r.CaseNetworks[0]
	wantNodes := []string{"rel.neighbour", "rel.coach", "place.street", "place.playground", "fac.school", "fac.sportclub"}
	if !reflect.DeepEqual(p.Nodes, wantNodes) {
		t.Errorf("nodes %v, want %v", p.Nodes, wantNodes)
	}
	wantEdges := []Edge{{"rel.neighbour", "place.street", 1}, {"rel.neighbour", "fac.school", 1}, {"rel.coach", "fac.sportclub", 1}}
	if !reflect.DeepEqual(p.Edges, wantEdges) {
		t.Errorf("edges %v, want %v", p.Edges, wantEdges)
	}
	// street - neighbour - school is a path: the neighbour has 1.
	if want := []float64{1, 0, 0, 0, 0, 0}; !reflect.DeepEqual(p.Betweenness, want) {
		t.Errorf("betweenness %v, want %v", p.Betweenness, want)
	}
	if w, ok := p.Graph().Weight(p.Node("rel.neighbour"), p.Node("fac.school")); !ok || w != 1 {
		t.Errorf("graph weight %v %v", w, ok)
	}
	if p.Graph().HasEdgeBetween(p.Node("rel.coach"), p.Node("place.street")) {
		t.Error("interviewer words made an edge")
	}

	// Bridges: P's neighbour (street, school); Q's coach (sportclub,
	// school, linked across the window s1..s3).
	if len(r.Bridges) != 2 {
		t.Fatalf("bridges = %+v", r.Bridges)
	}
	b := r.Bridges[0]
	if b.Case != "P" || b.Relation != "rel.neighbour" || b.Betweenness != 1 || len(b.Links) != 2 ||
		b.Links[0].Other != "place.street" || b.Links[1].Other != "fac.school" || b.Links[0].Units != 1 {
		t.Errorf("bridge P = %+v", b)
	}
	for _, l := range b.Links {
		if len(l.Quotes) != 1 || !l.Quotes[0].SameSegment() || l.Quotes[0].First.Code != "rel.neighbour" || l.Quotes[0].Second.Code != l.Other {
			t.Errorf("link quotes %+v", l.Quotes)
		}
	}
	bq := r.Bridges[1]
	if bq.Case != "Q" || bq.Relation != "rel.coach" || len(bq.Links) != 2 || bq.Links[0].Other != "fac.school" || bq.Links[1].Other != "fac.sportclub" {
		t.Errorf("bridge Q = %+v", bq)
	}
	// Coach and school are in different segments of one window.
	if qs := bq.Links[0].Quotes; len(qs) != 1 || qs[0].SameSegment() || qs[0].First.SegmentID() != "Q/i.txt#1" || qs[0].Second.SegmentID() != "Q/i.txt#3" {
		t.Errorf("cross-segment link quotes %+v", qs)
	}
	// Corpus network: the coach now links sportclub and school; the
	// neighbour street and school; edge neighbour-street has weight 2.
	if w, _ := r.Network.Graph().Weight(r.Network.Node("rel.neighbour"), r.Network.Node("place.street")); w != 2 {
		t.Errorf("corpus neighbour-street weight %v, want 2", w)
	}
	// Corpus graph: street - neighbour - school, and the triangle school,
	// coach, sportclub (Q's window holds all three); the playground is a
	// lone node (only with a quality). Pairs through the neighbour:
	// street-school, street-coach, street-sportclub = 3. Through the
	// school: street-coach, street-sportclub, neighbour-coach,
	// neighbour-sportclub = 4. Nobody else lies between two nodes.
	bw := map[string]float64{}
	for i, n := range r.Network.Nodes {
		bw[n] = r.Network.Betweenness[i]
	}
	want := map[string]float64{"rel.neighbour": 3, "fac.school": 4, "rel.coach": 0, "place.street": 0, "fac.sportclub": 0, "place.playground": 0}
	if !reflect.DeepEqual(bw, want) {
		t.Errorf("corpus betweenness %v, want %v", bw, want)
	}
}

// TestBetweennessMatchesGonum compares betweenness with gonum's
// network.Betweenness (halved and rounded the same way) on random graphs,
// sparse and dense, connected or not.
func TestBetweennessMatchesGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for trial := 0; trial < 300; trial++ {
		n := r.IntN(40)
		p := r.Float64()
		g := simple.NewWeightedUndirectedGraph(0, 0)
		for i := 0; i < n; i++ {
			g.AddNode(simple.Node(int64(i)))
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				if r.Float64() < p*p {
					g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(int64(i)), T: simple.Node(int64(j)), W: float64(1 + r.IntN(9))})
				}
			}
		}
		want := make([]float64, n)
		for id, v := range network.Betweenness(g) {
			want[id] = math.Round(v/2*1e9) / 1e9
		}
		if got := betweenness(g, n); !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d (%d nodes): betweenness %v, gonum %v", trial, n, got, want)
		}
	}
}

// BenchmarkBetweenness times betweenness and gonum's network.Betweenness
// on a random graph the size of a large case network (40 codes, about a
// third of the pairs linked).
func BenchmarkBetweenness(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n = 40
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := 0; i < n; i++ {
		g.AddNode(simple.Node(int64(i)))
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			if r.IntN(3) == 0 {
				g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(int64(i)), T: simple.Node(int64(j)), W: 1})
			}
		}
	}
	b.Run("pbasis", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			betweenness(g, n)
		}
	})
	b.Run("gonum", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			network.Betweenness(g)
		}
	})
}
