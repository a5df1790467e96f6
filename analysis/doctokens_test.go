package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pbasis/pbasis/corpus"
)

// randomEmDocs returns n documents of random Dutch-like text: codebook
// terms, names, capitals after and inside sentences, diacritics, in-word
// hyphens and apostrophes, quotes and punctuation, in a few cases.
func randomEmDocs(r *rand.Rand, n int) []*corpus.Document {
	words := []string{
		"de", "het", "een", "mijn", "moeder", "van", "Samira", "bij", "Fatima", "thuis", "met", "Bram",
		"buurvrouw", "buren", "speeltuin", "Speeltuintje", "schoolplein", "jongerenwerker", "oma's",
		"WhatsApp-groep", "BSO", "zwembad", "moestuin", "Moestuin", "café", "Café", "één", "ĳs", "coöperatie",
		"niet", "geen", "nooit", "eigenlijk", "soms", "past", "op", "gaat", "naar", "Zuiderpark", "park",
		"trapveldje", "buurthuis", "volleybalcoach", "x", "2024", "e-mail", "na-schoolse", "Ayoub", "tante",
		"overblijfjuf", "kinderen", "uit", "buurt", "straat", "Lijsterstraat", "voetbalclubje", "club",
	}
	puncts := []string{" ", " ", " ", " ", ", ", ". ", "! ", "? ", " - ", " (", ") ", ": ", " \"", "\" ", " “", "” ", "… ", " / ", "; "}
	roles := []string{"parent", "child", "interviewer", "professional", "other"}
	var docs []*corpus.Document
	for d := range n {
		var turns []emTurn
		for range 1 + r.IntN(5) {
			var segs []string
			for range 1 + r.IntN(4) {
				var sb strings.Builder
				for k := range 1 + r.IntN(25) {
					if k > 0 {
						sb.WriteString(puncts[r.IntN(len(puncts))])
					}
					w := words[r.IntN(len(words))]
					if r.IntN(8) == 0 {
						w = strings.ToUpper(w[:1]) + w[1:]
					}
					sb.WriteString(w)
				}
				segs = append(segs, strings.ReplaceAll(sb.String(), "|", " "))
			}
			turns = append(turns, emTurn{roles[r.IntN(len(roles))], strings.Join(segs, "|")})
		}
		c := []string{"A", "B", "C", ""}[d%4]
		docs = append(docs, emDoc("r/"+string(rune('a'+d%26))+strings.Repeat("x", d/26)+".txt", c, turns...))
	}
	return docs
}

// TestObserveTokensMatchesObserve checks that the tokens CodeDocumentTokens
// keeps are those of tokenize, that its codings are CodeDocument's, and
// that ObserveTokens with them gives the result Observe gives, with one
// DocTokens reused over documents of every size, with a matcher memo so
// small that it is emptied inside documents (the tokens' wi then name
// other words from one segment to the next), and when the DocTokens holds
// another document (then ObserveTokens tokenizes itself).
func TestObserveTokensMatchesObserve(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	demoDocs, _ := readDemo(t)
	docs := append(mentionDocs(), demoDocs...)
	docs = append(docs, randomEmDocs(rand.New(rand.NewPCG(7, 11)), 300)...)
	opts := []EmergentOptions{
		{},
		{Examples: 5, Top: 200, MinCount: 1},
		{Voices: []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther}},
	}
	ignoreWI := cmp.Comparer(func(a, b tok) bool { a.wi, b.wi = 0, 0; return a == b })
	for _, opt := range opts {
		plain, reused, other := NewEmergentAccumulator(opt), NewEmergentAccumulator(opt), NewEmergentAccumulator(opt)
		small := NewEmergentAccumulator(opt)
		// mixed reads the tokens of the pooled scratch's memo and of the
		// small memo in random turns, and empties its own word memo every
		// 20 words: the numbers it remembers by wi must be forgotten
		// whenever the memo, its generation or its own memo changes.
		mixed := NewEmergentAccumulator(opt)
		mixed.memoMax = 20
		pick := rand.New(rand.NewPCG(3, 5))
		// The word memos mixed used and emptied, by memo and epoch (under
		// the race detector the pool drops scratches: new memos).
		mixedEpochs := map[[2]uint32]bool{}
		var dt, dt2, dt3 DocTokens
		// A scratch whose memo is emptied every 40 words.
		smallSc := &scratch{stems: stemmer{shared: cb.stems, local: map[string]string{}}, memo: newWordMemo(cb.lex, cb.cues, 40)}
		coded, resets := 0, 0
		for i, d := range docs {
			want := CodeDocument(cb, d)
			got := CodeDocumentTokens(cb, d, &dt)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s: CodeDocumentTokens differs from CodeDocument:\n%s", d.ID, diff)
			}
			coded += len(got)
			if !dt.segments(d) {
				t.Fatalf("%s: DocTokens does not hold the document", d.ID)
			}
			for si, s := range d.Segments {
				if diff := cmp.Diff(tokenize(s.Text, nil), dt.segment(si), ignoreWI, cmp.AllowUnexported(tok{})); diff != "" {
					t.Fatalf("%s segment %d: kept tokens differ from tokenize:\n%s", d.ID, si, diff)
				}
			}
			plain.AddObserved(plain.Observe(d, want))
			reused.AddObserved(reused.ObserveTokens(d, got, &dt))
			if i > 0 {
				CodeDocumentTokens(cb, docs[i-1], &dt2) // another document's tokens: not used
			}
			other.AddObserved(other.ObserveTokens(d, got, &dt2))
			if diff := cmp.Diff(want, codeDocument(cb, d, &dt3, smallSc)); diff != "" {
				t.Fatalf("%s: codeDocument with a small memo differs from CodeDocument:\n%s", d.ID, diff)
			}
			for si := 1; si < len(dt3.gens); si++ {
				if dt3.gens[si] != dt3.gens[si-1] {
					resets++
				}
			}
			small.AddObserved(small.ObserveTokens(d, want, &dt3))
			mdt := &dt
			if pick.IntN(3) == 0 {
				mdt = &dt3
			}
			x := mixed.ObserveTokens(d, want, mdt)
			mixedEpochs[[2]uint32{x.memo, x.epoch}] = true
			mixed.AddObserved(x)
		}
		if len(mixedEpochs) < 20 {
			t.Fatalf("mixed's word memo was emptied %d times: too few to test", len(mixedEpochs))
		}
		if resets < 20 {
			t.Fatalf("the small memo was emptied inside documents %d times: too few to test", resets)
		}
		if coded < 100 {
			t.Fatalf("only %d codings: too little to compare", coded)
		}
		ref := map[string]int{"moestuin": 3, "speeltuin": 10, "buren": 2}
		want := plain.Result(ref)
		if len(want) < 4 || len(want[0].Keywords) == 0 {
			t.Fatalf("%+v: too little emergent material to compare: %d entries", opt, len(want))
		}
		if diff := cmp.Diff(want, reused.Result(ref)); diff != "" {
			t.Errorf("%+v: ObserveTokens differs from Observe:\n%s", opt, diff)
		}
		if diff := cmp.Diff(want, small.Result(ref)); diff != "" {
			t.Errorf("%+v: ObserveTokens with a small matcher memo differs from Observe:\n%s", opt, diff)
		}
		if diff := cmp.Diff(want, mixed.Result(ref)); diff != "" {
			t.Errorf("%+v: ObserveTokens with tokens of two memos in turn differs from Observe:\n%s", opt, diff)
		}
		if diff := cmp.Diff(want, other.Result(ref)); diff != "" {
			t.Errorf("%+v: ObserveTokens with another document's tokens differs from Observe:\n%s", opt, diff)
		}
	}
	dt := DocTokens{}
	CodeDocumentTokens(cb, docs[0], &dt)
	dt.Reset()
	if dt.segments(docs[0]) || len(dt.toks) != 0 || dt.doc != nil {
		t.Errorf("Reset left the document")
	}
	// A document of more than maxKeptTokens tokens: Reset lets go of the
	// buffer.
	big := emDoc("big.txt", "A", emTurn{"parent", strings.Repeat("De buurvrouw past op de kinderen. ", maxKeptTokens/6+1)})
	CodeDocumentTokens(cb, big, &dt)
	if len(dt.toks) <= maxKeptTokens {
		t.Fatalf("%d tokens: not more than maxKeptTokens", len(dt.toks))
	}
	dt.Reset()
	if dt.toks != nil {
		t.Errorf("Reset kept a buffer of %d tokens", cap(dt.toks))
	}
}
