package analysis

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/internal/testutil"
)

// benchSentences builds at least minWords words of Dutch text as segments:
// the UD Dutch sentences (newspaper and Wikipedia prose) mixed with
// interview-like sentences full of codebook terms, repeated.
func benchSentences(tb testing.TB, minWords int) ([]string, int) {
	tb.Helper()
	path := filepath.Join(testutil.SharedDir(tb), "data", "ud_nl_sentences.tsv")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var base []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if _, text, ok := strings.Cut(sc.Text(), "\t"); ok && text != "text" {
			base = append(base, text)
		}
	}
	coded := []string{
		"Mijn buurvrouw past soms op als ik naar mijn werk moet.",
		"De volleybalcoach van mijn zoon woont hier om de hoek.",
		"Op het schoolplein praat ik vaak met andere ouders.",
		"Er is hier geen speeltuin, alleen een voetbalveldje achter de flat.",
		"De overblijfjuf kent alle kinderen bij naam.",
		"We zitten met de buren in een WhatsApp-groep.",
		"Hij gaat drie dagen naar de BSO en op woensdag naar oma.",
		"De buren kennen we eigenlijk niet.",
		"Het park is 's avonds onveilig, daar gaan we niet heen.",
		"Sinds de jeugdhulp erbij is, gaat het beter met de coach.",
	}
	for i, s := range coded {
		base = append(base[:i*200], append([]string{s}, base[i*200:]...)...)
	}
	var out []string
	words := 0
	for words < minWords {
		for _, s := range base {
			out = append(out, s)
			words += len(strings.Fields(s))
		}
	}
	return out, words
}

func benchCodebook(b *testing.B) *Codebook {
	if data, err := os.ReadFile(filepath.Join("codebooks", "nl.yaml")); err == nil {
		if spec, err := LoadCodebook("nl.yaml", data); err == nil {
			if cb, err := Compile(spec); err == nil {
				b.Log("codebook: codebooks/nl.yaml")
				return cb
			}
		}
	}
	b.Log("codebook: testdata/codebooks/mini.yaml")
	return loadTestCodebook(b, "mini.yaml")
}

// BenchmarkMatch reports matching throughput in words per second on one
// goroutine. Each iteration matches one segment.
func BenchmarkMatch(b *testing.B) {
	sents, total := benchSentences(b, 1_000_000)
	cb := benchCodebook(b)
	wordsOf := make([]int, len(sents))
	for i, s := range sents {
		wordsOf[i] = len(strings.Fields(s))
	}
	b.Logf("corpus: %d segments, %d words", len(sents), total)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := testutil.ProcessCPU()
	words, matches := 0, 0
	for i := 0; i < b.N; i++ {
		k := i % len(sents)
		matches += len(cb.Match(sents[k], Context{Role: "parent"}))
		words += wordsOf[k]
	}
	b.StopTimer()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(words)/s, "words/s")
	}
	if s := (testutil.ProcessCPU() - cpu0).Seconds(); s > 0 {
		b.ReportMetric(float64(words)/s, "words/cpu-s")
	}
	b.ReportMetric(float64(matches)/float64(b.N), "matches/op")
}

// BenchmarkMatchCorpus matches the whole ≥1M-word corpus per iteration.
func BenchmarkMatchCorpus(b *testing.B) {
	sents, total := benchSentences(b, 1_000_000)
	cb := benchCodebook(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			cb.Match(s, Context{})
		}
	}
	b.StopTimer()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/s, "words/s")
	}
}
