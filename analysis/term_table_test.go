package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestTermTableMatchesMap checks termTable against a map over many
// documents (generations) of random word and phrase keys with repeats,
// growing inside documents, and across the wrap of the generation.
func TestTermTableMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 4))
	var tt termTable
	for doc := range 400 {
		if doc == 200 {
			tt.gen = math.MaxUint32 - 1 // wraps in two documents
		}
		want := map[uint64]int32{}
		n := r.IntN(5000)
		words := 1 + r.IntN(3000)
		for range n {
			var key uint64
			if r.IntN(3) == 0 {
				key = phraseKey(uint32(r.IntN(words)), uint32(r.IntN(words)))
			} else {
				key = wordKey(uint32(r.IntN(words)))
			}
			w, seen := want[key]
			if !seen {
				w = int32(len(want))
				want[key] = w
			}
			got, ok := tt.getOrAdd(key, int32(len(want)-1))
			if ok != seen || got != w {
				t.Fatalf("document %d: getOrAdd(%#x) = %d, %v; want %d, %v", doc, key, got, ok, w, seen)
			}
		}
		if tt.n != len(want) {
			t.Fatalf("document %d: %d keys, want %d", doc, tt.n, len(want))
		}
		tt.reset()
	}
}

// BenchmarkTermTable counts the terms of a document-sized stream of keys:
// "table" with termTable, "map" with the map it replaces.
func BenchmarkTermTable(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	keys := make([]uint64, 20000)
	for i := range keys {
		if i%3 == 0 {
			keys[i] = phraseKey(uint32(r.IntN(1500)), uint32(r.IntN(1500)))
		} else {
			keys[i] = wordKey(uint32(r.IntN(1500)))
		}
	}
	b.Run("table", func(b *testing.B) {
		var tt termTable
		for b.Loop() {
			tt.reset()
			for _, k := range keys {
				tt.getOrAdd(k, int32(tt.n))
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		m := map[uint64]int32{}
		for b.Loop() {
			clear(m)
			for _, k := range keys {
				if _, ok := m[k]; !ok {
					m[k] = int32(len(m))
				}
			}
		}
	})
}
