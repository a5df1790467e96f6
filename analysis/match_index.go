package analysis

import "math/bits"

// wordIndex numbers keys (folded words, for a wordMemo or Observe's word
// memo) from 1 in the order added, and finds a key's number. It is an
// open-addressing hash table that keeps the first 16 bytes of each key in
// its slot: most words are found by reading one slot, with no pointer to
// follow, and the tokenizer hands it the packed key of a clean word read
// straight from the text. That takes about half the instructions of a
// map[string]int32 access for the matcher's one lookup per token. Keys
// longer than 16 bytes are confirmed against the index's copy of the key.
type wordIndex struct {
	slots []wordSlot // a power of two long, or nil
	keys  []string   // keys[i] is the key numbered i+1
	shift uint       // 64 - log2(len(slots))
}

type wordSlot struct {
	w0, w1 uint64 // the key's first 16 bytes, little-endian, zero-padded
	n      int32  // 1 + the key's length; 0 for an empty slot
	wi     int32
}

// packKey returns the first 16 bytes of k as two little-endian words,
// zero-padded.
func packKey[K string | []byte](k K) (w0, w1 uint64) {
	n := len(k)
	if n >= 16 {
		return le64(k[:8]), le64(k[8:16])
	}
	if n >= 8 {
		return le64(k[:8]), leTail(k[8:])
	}
	return leTail(k), 0
}

func le64[K string | []byte](b K) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// leTail packs fewer than 8 bytes.
func leTail[K string | []byte](b K) uint64 {
	var w uint64
	for i := len(b) - 1; i >= 0; i-- {
		w = w<<8 | uint64(b[i])
	}
	return w
}

func slotHash(w0, w1 uint64, n int) uint64 {
	return (w0 ^ bits.RotateLeft64(w1, 29) ^ uint64(n)<<56) * 0x9E3779B97F4A7C15
}

// get returns the number of key, packed as w0 and w1 (see packKey), or 0.
func (x *wordIndex) get(w0, w1 uint64, key string) int32 {
	n := int32(len(key)) + 1
	mask := uint64(len(x.slots) - 1)
	for i := slotHash(w0, w1, len(key)) >> x.shift; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.n == 0 {
			return 0
		}
		if s.n == n && s.w0 == w0 && s.w1 == w1 && (n <= 17 || x.keys[s.wi-1] == key) {
			return s.wi
		}
	}
}

// indexGet returns the number of key in x, or 0.
func indexGet[K string | []byte](x *wordIndex, key K) int32 {
	if len(x.keys) == 0 {
		return 0
	}
	w0, w1 := packKey(key)
	n := int32(len(key)) + 1
	mask := uint64(len(x.slots) - 1)
	for i := slotHash(w0, w1, len(key)) >> x.shift; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.n == 0 {
			return 0
		}
		if s.n == n && s.w0 == w0 && s.w1 == w1 && (n <= 17 || x.keys[s.wi-1] == string(key)) {
			return s.wi
		}
	}
}

// add adds key, which must not be in x, and returns its number: the number
// of keys in x. x keeps key.
func (x *wordIndex) add(key string) int32 {
	if 2*(len(x.keys)+1) > len(x.slots) {
		x.grow()
	}
	x.keys = append(x.keys, key)
	wi := int32(len(x.keys))
	s := wordSlot{n: int32(len(key)) + 1, wi: wi}
	s.w0, s.w1 = packKey(key)
	x.place(s)
	return wi
}

// key returns the key numbered wi.
func (x *wordIndex) key(wi int32) string { return x.keys[wi-1] }

func (x *wordIndex) place(s wordSlot) {
	mask := uint64(len(x.slots) - 1)
	i := slotHash(s.w0, s.w1, int(s.n-1)) >> x.shift
	for x.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = s
}

// grow doubles the table (at least 1024 slots) and re-inserts every key.
func (x *wordIndex) grow() {
	old := x.slots
	size := max(1024, 2*len(old))
	x.slots = make([]wordSlot, size)
	x.shift = uint(64 - bits.TrailingZeros(uint(size)))
	for _, s := range old {
		if s.n != 0 {
			x.place(s)
		}
	}
}

// reset empties x, keeping its slots.
func (x *wordIndex) reset() {
	clear(x.slots)
	clear(x.keys) // drop the strings
	x.keys = x.keys[:0]
}
