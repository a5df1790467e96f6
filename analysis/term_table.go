package analysis

import "math/bits"

// termTable numbers the term keys of one document (see wordKey and
// phraseKey) for Observe: an open-addressing hash table with linear
// probing whose slots carry the generation of the document that filled
// them, so that starting the next document (reset) clears nothing. It
// belongs to one goroutine at a time.
type termTable struct {
	slots []termSlot // a power of two long, or nil
	n     int        // keys of the current generation
	shift uint       // 64 - log2(len(slots))
	gen   uint32     // the current generation; a slot of another is empty
}

type termSlot struct {
	key uint64
	val int32
	gen uint32
}

// reset empties the table.
func (t *termTable) reset() {
	t.n = 0
	t.gen++
	if t.gen == 0 { // wrapped: old slots could look current
		clear(t.slots)
		t.gen = 1
	}
}

func termHash(key uint64) uint64 { return (key ^ key>>29) * 0x9E3779B97F4A7C15 }

// getOrAdd returns the value of key and true, or, when key is not in the
// table, adds it with the value val and returns val and false.
func (t *termTable) getOrAdd(key uint64, val int32) (int32, bool) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	for i := termHash(key) >> t.shift; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.gen != t.gen {
			*s = termSlot{key: key, val: val, gen: t.gen}
			t.n++
			return val, false
		}
		if s.key == key {
			return s.val, true
		}
	}
}

// grow doubles the table (at least 1024 slots), keeping the current keys.
func (t *termTable) grow() {
	old, gen := t.slots, t.gen
	size := max(1024, 2*len(old))
	t.slots = make([]termSlot, size)
	t.shift = uint(64 - bits.TrailingZeros(uint(size)))
	if t.gen == 0 {
		t.gen = 1
	}
	mask := uint64(size - 1)
	for _, s := range old {
		if s.gen != gen {
			continue
		}
		i := termHash(s.key) >> t.shift
		for t.slots[i].gen == t.gen {
			i = (i + 1) & mask
		}
		s.gen = t.gen
		t.slots[i] = s
	}
}
