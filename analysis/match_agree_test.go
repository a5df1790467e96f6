package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// agreeTexts returns sentences to compare the matcher with the reference
// on: the benchmark corpus once over, the examples and counterexamples of
// the codebook, and each of these again with a deterministic share of its
// words mangled the ways transcripts write them (capitals inside the
// sentence, in-word hyphens, diacritics, typographic apostrophes, the ĳ
// ligature), so that the slow paths for names and hyphenated words run too.
func agreeTexts(tb testing.TB, cb *Codebook) []string {
	tb.Helper()
	sents, _ := benchSentences(tb, 1)
	for i := range cb.codes {
		for _, s := range append(append([]string(nil), cb.codes[i].spec.Examples...), cb.codes[i].spec.Counterexamples...) {
			_, s = ParseExample(s)
			sents = append(sents, s)
		}
	}
	// Every phrase with its last word as the head of a compound, written
	// plain, as a name and hyphenated, inside a sentence and at its start.
	for _, p := range cb.lex.pats {
		if len(p.words) < 2 {
			continue
		}
		var words []string
		for _, w := range p.words[:len(p.words)-1] {
			words = append(words, w.base)
		}
		front, last := strings.Join(words, " "), p.words[len(p.words)-1].base
		for _, mod := range []string{"zuider", "Zuider", "Zuider-", "buurt", "x"} {
			sents = append(sents, "Wij zeggen "+front+" "+mod+last+" soms.", front+" "+mod+last)
		}
	}
	rng := rand.New(rand.NewPCG(7, 11))
	n := len(sents)
	for _, s := range sents[:n] {
		words := strings.Split(s, " ")
		for j, w := range words {
			if w == "" {
				continue
			}
			switch rng.IntN(12) {
			case 0:
				words[j] = strings.ToUpper(w[:1]) + w[1:]
			case 1:
				if k := len(w) / 2; k > 0 && utf8.RuneStart(w[k]) {
					words[j] = w[:k] + "-" + w[k:]
				}
			case 2:
				words[j] = strings.NewReplacer("e", "ë", "a", "á", "'", "’", "ij", "ĳ").Replace(w)
			case 3:
				words[j] = strings.ToUpper(w)
			}
		}
		sents = append(sents, strings.Join(words, " "))
	}
	return sents
}

// TestMatchAgreesWithReference checks that Match finds exactly what the
// matcher before the speed work found (match_ref_test.go), segment by
// segment, for each speaker role, with and without a window around the
// segment, on the default codebook and the test codebook.
func TestMatchAgreesWithReference(t *testing.T) {
	books := map[string]*Codebook{"mini": loadTestCodebook(t, "mini.yaml")}
	if cb, err := LoadDefault(); err == nil {
		books["default"] = cb
	} else {
		t.Fatal(err)
	}
	for name, cb := range books {
		sents := agreeTexts(t, cb)
		if testing.Short() {
			sents = sents[:len(sents)/8]
		}
		diffs := 0
		for i, s := range sents {
			ctxs := []Context{{}, {Role: "parent"}, {Role: "professional"}}
			if i%3 == 0 {
				// A turn around the segment, and one without it.
				win := sents[(i+len(sents)-1)%len(sents)] + " " + s + " " + sents[(i+1)%len(sents)]
				ctxs = append(ctxs, Context{Role: "parent", Window: win},
					Context{Role: "child", Window: sents[(i+2)%len(sents)]})
			}
			if i%3 == 1 {
				// A turn of this one segment: the window is the text.
				ctxs = append(ctxs, Context{Role: "parent", Window: s})
			}
			for _, ctx := range ctxs {
				got, want := cb.Match(s, ctx), cb.refMatch(s, ctx)
				if d := cmp.Diff(want, got); d != "" {
					if diffs++; diffs <= 10 {
						t.Errorf("%s: Match(%q, %+v) differs from the reference (-want +got):\n%s", name, s, ctx, d)
					}
				}
			}
		}
		if diffs > 0 {
			t.Errorf("%s: %d differences in %d sentences", name, diffs, len(sents))
		}
	}
}

// FuzzMatchAgreesWithReference: for any text, role and window, Match
// returns what the reference matcher returns.
func FuzzMatchAgreesWithReference(f *testing.F) {
	cb, err := LoadDefault()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"De buren kennen we niet.", "WhatsApp-groep", "oma's-", "ĳs crèche", "\xff\xfe juf",
		"- - -", "andere ouders", "Mijn moeder past op de kinderen van de flat.", "Het Zuiderpark is op (.)"} {
		f.Add(s, "parent", s+" en de coach")
		f.Add(s, "child", s) // a turn of one segment
	}
	f.Fuzz(func(t *testing.T, text, role, window string) {
		for _, ctx := range []Context{{Role: role}, {Role: role, Window: window}} {
			got, want := cb.Match(text, ctx), cb.refMatch(text, ctx)
			if d := cmp.Diff(want, got); d != "" {
				t.Fatalf("Match(%q, %+v) differs from the reference (-want +got):\n%s", text, ctx, d)
			}
		}
	})
}

// TestMatchSmallMemo matches with a word memo that is emptied every few
// words, and with the same scratch for segments of different texts, and
// checks the results against the reference: a reset must not leave stale
// entries behind.
func TestMatchSmallMemo(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	sents := agreeTexts(t, cb)
	if testing.Short() {
		sents = sents[:len(sents)/8]
	}
	for _, max := range []int{1, 7, 100} {
		sc := &scratch{stems: stemmer{shared: cb.stems, local: map[string]string{}}, memo: newWordMemo(cb.lex, cb.cues, max)}
		var got []Match
		for i, s := range sents {
			ctx := Context{Role: "parent"}
			if i%2 == 0 {
				ctx.Window = sents[(i+len(sents)-1)%len(sents)] + " " + s
			}
			got = cb.match(s, ctx, sc, got[:0])
			if want := cb.refMatch(s, ctx); !cmp.Equal(want, got, cmpopts.EquateEmpty()) {
				t.Fatalf("memo of %d words: Match(%q) = %v, want %v", max, s, got, want)
			}
			if len(sc.memo.infos) > max+len(sc.toks)+len(tokenize(ctx.Window, nil)) {
				t.Fatalf("memo of %d words holds %d after %q", max, len(sc.memo.infos), s)
			}
		}
	}
}

// TestMatchConcurrentAgrees matches the same sentences from several
// goroutines at once (each with pooled scratches and word memos) and
// checks every result against the reference; run it with -race.
func TestMatchConcurrentAgrees(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	sents := agreeTexts(t, cb)
	sents = sents[:len(sents)/10]
	want := make([][]Match, len(sents))
	for i, s := range sents {
		want[i] = cb.refMatch(s, Context{Role: "parent", Window: s})
	}
	errs := make(chan string, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for k := range sents {
				i := (k*7 + g*len(sents)/4) % len(sents)
				if got := cb.Match(sents[i], Context{Role: "parent", Window: sents[i]}); !cmp.Equal(want[i], got) {
					errs <- sents[i]
					return
				}
			}
			errs <- ""
		}()
	}
	for g := 0; g < 4; g++ {
		if s := <-errs; s != "" {
			t.Errorf("concurrent Match(%q) differs from the reference", s)
		}
	}
}
