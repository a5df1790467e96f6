package reports

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

// Tests of the fast paths of the Markdown files and figures against the
// straightforward versions they replace.

// quoteSentenceRef is QuoteSentence as it was before atMostOneSentence:
// always through corpus.Sentences.
func quoteSentenceRef(text string, start, end int) (sentence string, cutBefore, cutAfter bool) {
	spans := corpus.Sentences(text)
	if len(spans) <= 1 || start < 0 || end < start {
		return strings.TrimSpace(text), false, false
	}
	bstart, bend, n := -1, -1, 0
	for i := range text {
		if n == start {
			bstart = i
		}
		if n == end {
			bend = i
		}
		n++
	}
	if n == end {
		bend = len(text)
	}
	if bstart < 0 || bend < 0 {
		return strings.TrimSpace(text), false, false
	}
	first, last := -1, -1
	for i, sp := range spans {
		if bstart < sp[1] && first < 0 {
			first = i
		}
		if bend > sp[0] {
			last = i
		}
	}
	if first < 0 || last < first {
		return strings.TrimSpace(text), false, false
	}
	a, z := spans[first][0], spans[last][1]
	return text[a:z], first > 0, last < len(spans)-1
}

// randomSentenceText makes a text from pieces that matter to
// corpus.Sentences and atMostOneSentence: terminators, closers, openers,
// line feeds, list markers, abbreviations, capitals and lower case.
func randomSentenceText(r *rand.Rand) string {
	pieces := []string{"Oma", "helpt", "de buurvrouw", " ", "  ", "\t", "\r", "\n", "\n\n", "\u00a0", "\u2003",
		".", "..", "...", "?", "!", "?!", "…", "(...)", "\"", "'", ")", "]", "}", "”", "’", "»", "“", "‘", "«", ",,", "''",
		"- ", "* ", "1. ", "2) ", "a) ", "• ", "— ", "–", "mevr.", "o.a.", "enz.", "J.", "A.B.", "10.30", "www.x.nl",
		"'s Avonds", "'t", "Ja", "nee", "12", "3.000", "\xe2\x80", "\xe2", "\xff", "é", "中"}
	var b strings.Builder
	for n := r.IntN(14); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func sentenceSamples() []string {
	return []string{"", " ", ".", "…", "Oma helpt.", "Oma helpt. ", "Oma helpt.\n", "Oma helpt.”", "Oma helpt.” \t\r",
		"Oma helpt?!", "Oma helpt…", "Oma helpt", "“Oma helpt,” zei ze.", "Oma — helpt.", "Oma helpt. Opa ook.",
		"Oma helpt.\nOpa ook.", "- Oma\n- Opa", "1. Oma", "Oma helpt ...", "Oma helpt . ", "Oma helpt.'' ", "Oma (...) helpt.",
		"Oma helpt.\u00a0", "Oma helpt. ”", "Oma helpt.»", "Oma\xe2\x80.", "\xe2\x80\xa6", "Mijn tante woont twee straten verderop en haalt ze soms uit school."}
}

// TestAtMostOneSentence checks atMostOneSentence against corpus.Sentences
// (it may say false for one sentence, never true for two), and
// QuoteSentence against quoteSentenceRef.
func TestAtMostOneSentence(t *testing.T) {
	texts := sentenceSamples()
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 50000; i++ {
		texts = append(texts, randomSentenceText(r))
	}
	fast := 0
	for _, text := range texts {
		if atMostOneSentence(text) {
			fast++
			if spans := corpus.Sentences(text); len(spans) > 1 {
				t.Errorf("atMostOneSentence(%q) = true, but Sentences gives %d: %v", text, len(spans), spans)
			}
		}
		n := len([]rune(text))
		for _, se := range [][2]int{{0, 0}, {0, n}, {-1, 2}, {3, 1}, {n / 2, n/2 + 1}, {r.IntN(n + 2), r.IntN(n + 2)}, {n, n + 1}} {
			s, b, a := QuoteSentence(text, se[0], se[1])
			ws, wb, wa := quoteSentenceRef(text, se[0], se[1])
			if s != ws || b != wb || a != wa {
				t.Errorf("QuoteSentence(%q, %d, %d) = %q, %v, %v; want %q, %v, %v", text, se[0], se[1], s, b, a, ws, wb, wa)
			}
		}
	}
	if fast < len(texts)/10 {
		t.Errorf("atMostOneSentence was true for %d of %d texts: the fast path is hardly used", fast, len(texts))
	}
	for _, text := range []string{"Oma helpt.", "Mijn tante woont twee straten verderop en haalt ze soms uit school.", "“Ja,” zegt ze — “echt.”", "Oma helpt?! "} {
		if !atMostOneSentence(text) {
			t.Errorf("atMostOneSentence(%q) = false, want true", text)
		}
	}
}

// svgAppendNumRef is svgAppendNum as it was before it wrote tenths with
// integers: through strconv.AppendFloat.
func svgAppendNumRef(dst []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		x = 0
	}
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.AppendFloat(dst, x, 'f', -1, 64)
}

func TestSVGAppendNumMatchesFloat(t *testing.T) {
	check := func(x float64) {
		t.Helper()
		if got, want := string(svgAppendNum([]byte("p"), x)), string(svgAppendNumRef([]byte("p"), x)); got != want {
			t.Fatalf("svgAppendNum(%v) = %q, want %q", x, got, want)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), -0.04, 0.04, 0.05, -0.05, 0.15, 0.25, 1, -1, 1.05, 2.675, 9.95, 99.95,
		1e11, 1e12 / 10, 1e12/10 - 0.1, 1e12/10 + 0.1, 1e15, -1e15, 1e300, -1e300, 5e-324, math.NaN(), math.Inf(1), math.Inf(-1),
		math.MaxInt64, math.MinInt64} {
		check(x)
	}
	// Every tenth up to ±300,000 tenths (coordinates are a few thousand),
	// exactly and a little off.
	for n := -300_000; n <= 300_000; n++ {
		x := float64(n) / 10
		check(x)
		check(math.Nextafter(x, math.Inf(1)))
		check(x + 0.049)
	}
	r := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 300_000; i++ {
		check((r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(16))))
	}
}
