package corpus

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// countWordsRef is CountWords as it was before its ASCII fast path: the
// reference the fast one must agree with.
func countWordsRef(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := r == '\'' || r == '-' || r == '’' || isWordRune(r)
		if isWordRune(r) && !in {
			n++
			in = true
		} else if !w {
			in = false
		}
	}
	return n
}

func TestCountWordsAgreesWithReference(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "\n", "'", "-", "’", "é", "ß", "ĳ", "—", ".", ",", "\xff", "\xc3", "日", "٣", "\t", "zo'n", "moeder-", "-kind"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := CountWords(s), countWordsRef(s); got != want {
			t.Fatalf("case %d: CountWords(%q) = %d, reference %d", i, s, got, want)
		}
	}
	for _, s := range []string{"", "Nou ja: m'n moeder-in-law zei ’t al.", "één twee 3 vier"} {
		if got, want := CountWords(s), countWordsRef(s); got != want {
			t.Errorf("CountWords(%q) = %d, reference %d", s, got, want)
		}
	}
}

func FuzzCountWords(f *testing.F) {
	f.Add("Nou ja: m'n moeder zei ’t al.")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CountWords(s), countWordsRef(s); got != want {
			t.Fatalf("CountWords(%q) = %d, reference %d", s, got, want)
		}
	})
}

func BenchmarkCountWords(b *testing.B) {
	text := strings.Repeat("Ik sprak mevr. Jansen om 10.30 uur over o.a. de school. "+
		"Zij zei: ,,Het gaat goed.'' Maar eh... de buren\nhelpen ook 's avonds! Echt? Ja, één keer.\n\n", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		CountWords(text)
	}
}
