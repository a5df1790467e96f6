package analysis

import "math/bits"

// wordIndex maps memo keys (folded words) to 1 + their index in a
// wordMemo's infos. It is an open-addressing hash table that keeps the
// first 16 bytes of each key in its slot: most words are found by reading
// one slot, with no pointer to follow, and the tokenizer hands it the
// packed key of a clean word read straight from the text. That takes about
// half the instructions of a map[string]int32 access for the matcher's one
// lookup per token. Keys longer than 16 bytes are confirmed against the
// memo's copy of the key.
type wordIndex struct {
	slots []wordSlot // a power of two long, or nil
	used  int
	shift uint // 64 - log2(len(slots))
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

// get returns 1 + the index of key, packed as w0 and w1 (see packKey), in
// infos, or 0.
func (x *wordIndex) get(w0, w1 uint64, key string, infos []wordInfo) int32 {
	n := int32(len(key)) + 1
	mask := uint64(len(x.slots) - 1)
	for i := slotHash(w0, w1, len(key)) >> x.shift; ; i = (i + 1) & mask {
		s := &x.slots[i]
		if s.n == 0 {
			return 0
		}
		if s.n == n && s.w0 == w0 && s.w1 == w1 && (n <= 17 || infos[s.wi-1].key == key) {
			return s.wi
		}
	}
}

// indexGet returns 1 + the index of key in infos, or 0.
func indexGet[K string | []byte](x *wordIndex, key K, infos []wordInfo) int32 {
	if x.used == 0 {
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
		if s.n == n && s.w0 == w0 && s.w1 == w1 && (n <= 17 || infos[s.wi-1].key == string(key)) {
			return s.wi
		}
	}
}

// put adds key, which must not be in x, with the value wi.
func (x *wordIndex) put(key string, wi int32) {
	if 2*(x.used+1) > len(x.slots) {
		x.grow()
	}
	x.insert(wordSlot{n: int32(len(key)) + 1, wi: wi}, key)
	x.used++
}

func (x *wordIndex) insert(s wordSlot, key string) {
	s.w0, s.w1 = packKey(key)
	x.place(s)
}

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
	x.used = 0
}
