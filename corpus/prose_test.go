package corpus

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/pbasis/pbasis/internal/testutil"
)

// proseSpans splits text with prose v2's sentence segmenter (trained on
// English) and maps each sentence it returns back to byte offsets in text:
// prose gives sentence texts only, trimmed, in order. A sentence that
// cannot be found from the end of the last one fails the test.
func proseSpans(t *testing.T, text string) [][2]int {
	t.Helper()
	doc, err := prose.NewDocument(text,
		prose.WithTokenization(false), prose.WithTagging(false), prose.WithExtraction(false))
	if err != nil {
		t.Fatalf("prose: %v", err)
	}
	var spans [][2]int
	at := 0
	for _, s := range doc.Sentences() {
		st := strings.TrimSpace(s.Text)
		if st == "" {
			continue
		}
		k := strings.Index(text[at:], st)
		if k < 0 {
			t.Fatalf("prose sentence %q not found in %q after offset %d", st, text, at)
		}
		spans = append(spans, [2]int{at + k, at + k + len(st)})
		at += k + len(st)
	}
	return spans
}

// proseByBlock runs prose on each blank-line block of text separately, so
// that a layout break (heading, list item) is always a boundary, as it is
// for a reader that splits paragraphs first.
func proseByBlock(t *testing.T, text string) [][2]int {
	var spans [][2]int
	at := 0
	for _, block := range strings.SplitAfter(text, "\n\n") {
		for _, sp := range proseSpans(t, block) {
			spans = append(spans, [2]int{at + sp[0], at + sp[1]})
		}
		at += len(block)
	}
	return spans
}

// TestProseSplitterComparison scores prose v2's sentence segmenter, one of
// the design's given dependencies, on the same UD Dutch paragraphs and
// boundaries as TestSentenceF1, to back the README's "Segmentation quality"
// comparison and the choice of our own rules. prose is trained on English:
// it does not know Dutch abbreviations ("o.a.", "mevr.", "bijv."). The test
// fails if prose does as well as our splitter on the whole set, which
// would mean our rules no longer earn their place. prose loads its model
// again for every paragraph (about 30 s in all), so the test is skipped
// with -short and under the race detector, which would make it minutes.
func TestProseSplitterComparison(t *testing.T) {
	if testing.Short() || testutil.RaceEnabled {
		t.Skip("prose reloads its model for every paragraph: slow; run without -short and -race")
	}
	t.Parallel()
	all := readGoldSentences(t)
	ours := scoreCorpus(all, evalOptions{}, nil)
	whole := scoreCorpusWith(func(text string) [][2]int { return proseSpans(t, text) }, all, evalOptions{}, nil)
	blocks := scoreCorpusWith(func(text string) [][2]int { return proseByBlock(t, text) }, all, evalOptions{}, nil)
	t.Logf("ours:                %d sentences: %s", len(all), ours)
	t.Logf("prose v2:            %d sentences: %s", len(all), whole)
	t.Logf("prose v2 per block:  %d sentences: %s", len(all), blocks)
	_, _, fo := ours.prf()
	_, _, fw := whole.prf()
	_, _, fb := blocks.prf()
	if fw >= fo || fb >= fo {
		t.Errorf("prose v2 scores F1 %.4f (whole paragraphs) and %.4f (per block), ours %.4f: ours should be better", fw, fb, fo)
	}
	if whole.tp+whole.fn != ours.tp+ours.fn {
		t.Errorf("gold boundaries differ: prose %d, ours %d", whole.tp+whole.fn, ours.tp+ours.fn)
	}
}
