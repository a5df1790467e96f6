package analysis

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordIndex fills a wordIndex with keys of every length from 0 to 40
// bytes, many sharing their first 16 bytes, and checks that each is found
// with its own value, through the string, byte slice and packed lookups,
// and that absent keys are not found, across growth and a reset.
func TestWordIndex(t *testing.T) {
	var keys []string
	for n := 0; n <= 40; n++ {
		keys = append(keys, strings.Repeat("a", n))
		if n > 0 {
			keys = append(keys, strings.Repeat("a", n-1)+"b", "\x01"+strings.Repeat("z", n-1))
		}
	}
	for i := 0; i < 3000; i++ {
		keys = append(keys, fmt.Sprintf("woord%d", i), fmt.Sprintf("kinderopvanglocatie%d", i))
	}
	var x wordIndex
	for round := 0; round < 2; round++ {
		for i, k := range keys {
			if got := indexGet(&x, k); got != 0 {
				t.Fatalf("round %d: %q found (%d) before it was added", round, k, got)
			}
			if got := x.add(k); got != int32(i+1) {
				t.Fatalf("round %d: add(%q) = %d, want %d", round, k, got, i+1)
			}
		}
		for i, k := range keys {
			want := int32(i + 1)
			if got := indexGet(&x, k); got != want {
				t.Fatalf("round %d: indexGet(%q) = %d, want %d", round, k, got, want)
			}
			if got := indexGet(&x, []byte(k)); got != want {
				t.Fatalf("round %d: indexGet([]byte %q) = %d, want %d", round, k, got, want)
			}
			if len(k) <= 16 {
				w0, w1 := packKey(k)
				if got := x.get(w0, w1, k); got != want {
					t.Fatalf("round %d: get(%q) = %d, want %d", round, k, got, want)
				}
			}
		}
		for _, k := range []string{"woord3000", "kinderopvanglocatie-1", "ba", strings.Repeat("a", 41), "\x00"} {
			if got := indexGet(&x, k); got != 0 {
				t.Errorf("round %d: absent %q found: %d", round, k, got)
			}
		}
		if 2*len(x.keys) > len(x.slots) {
			t.Errorf("round %d: %d keys in %d slots", round, len(x.keys), len(x.slots))
		}
		x.reset()
	}
}

// TestPackKeyFromText checks the tokenizer's way of packing a clean word
// (reading 16 bytes of the text and masking) against packKey.
func TestPackKeyFromText(t *testing.T) {
	text := "de kinderopvang is 12345678 en abcdefghijklmnop en abcdefghijklmnopq nu"
	cb := loadTestCodebook(t, "mini.yaml")
	m := newWordMemo(cb.lex, cb.cues, memoMax)
	for _, w := range strings.Fields(text) {
		m.add(w, false, &stemmer{shared: cb.stems})
	}
	for i, tk := range tokenizeMemo(text, nil, m) {
		if tk.wi == 0 || m.infos[tk.wi-1].norm != tk.Norm {
			t.Errorf("token %d %q: wi %d does not name it", i, tk.Norm, tk.wi)
		}
	}
}

// TestTokenWIMatchesIndex checks the word numbers the tokenizer gives on
// random texts, where words of 1 to 20 bytes stand anywhere (also last,
// where the text ends within 16 bytes of their start, and in texts
// shorter than 8 bytes), against a plain lookup of each token's key.
func TestTokenWIMatchesIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	const letters = "abcdefghijklmnopqrstuvwxyz"
	var vocab []string
	for n := 1; n <= 20; n++ {
		for range 4 {
			b := make([]byte, n)
			for i := range b {
				b[i] = letters[r.IntN(len(letters))]
			}
			vocab = append(vocab, string(b))
		}
	}
	vocab = append(vocab, "Moeder", "café", "e-mail", "oma's")
	seps := []string{" ", ", ", ". ", "\n", " - ", "“"}
	var x tokenIndex
	x.names = true
	for i, w := range vocab {
		if i%2 == 0 {
			x.idx.add(w)
		}
	}
	x.idx.add(string(properMark) + "moeder")
	found := 0
	for round := range 5000 {
		var sb strings.Builder
		for k := range 1 + r.IntN(6) {
			if k > 0 || r.IntN(3) == 0 {
				sb.WriteString(seps[r.IntN(len(seps))])
			}
			sb.WriteString(vocab[r.IntN(len(vocab))])
		}
		if r.IntN(3) == 0 {
			sb.WriteString(seps[r.IntN(len(seps))])
		}
		text := sb.String()
		for _, tk := range tokenizeIndex(text, nil, &x) {
			key := tk.Norm
			if tk.proper {
				key = string(properMark) + key
			}
			want := int32(0)
			if tk.hy == 0 {
				want = indexGet(&x.idx, key)
			}
			if tk.wi != want {
				t.Fatalf("round %d: %q: token %q has wi %d, want %d", round, text, tk.Norm, tk.wi, want)
			}
			if want != 0 {
				found++
			}
		}
	}
	if found < 5000 {
		t.Fatalf("only %d tokens found in the index: too few to test", found)
	}
}
