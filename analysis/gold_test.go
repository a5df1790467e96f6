package analysis_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gold"
)

// goldScore holds counts for one category.
type goldScore struct{ tp, fp, fn int }

func (s goldScore) p() float64  { return ratio(s.tp, s.tp+s.fp) }
func (s goldScore) r() float64  { return ratio(s.tp, s.tp+s.fn) }
func (s goldScore) f1() float64 { return ratio(2*s.tp, 2*s.tp+s.fp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// evalGold codes the gold corpus with the default codebook and compares the
// codings with the gold mentions: a coding and a mention match when they
// have the same category and overlapping spans; each is matched at most once.
// Negation accuracy is over matched pairs.
func evalGold(t *testing.T, dir string) (map[string]*goldScore, int, int, []string) {
	t.Helper()
	docs, err := gold.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	scores := map[string]*goldScore{}
	for _, c := range gold.Categories() {
		scores[c] = &goldScore{}
	}
	negOK, negAll := 0, 0
	var errs []string
	for _, gd := range docs {
		h, err := gold.ParseHeader(gd.Header)
		if err != nil {
			t.Fatalf("%s: %v", gd.Name, err)
		}
		speakers := map[string]string{}
		for k, v := range h.Speakers {
			speakers[strings.ToLower(k)] = v
		}
		meta := corpus.Metadata{Case: gd.Name, Kind: corpus.Kind(h.Kind), Speakers: speakers}
		doc, err := corpus.Build(gd.Name, "txt", corpus.Extract{Text: gd.Text, FirstLine: 2}, meta, corpus.DefaultOptions())
		if err != nil {
			t.Fatalf("%s: %v", gd.Name, err)
		}
		codings := analysis.CodeDocument(cb, doc)
		usedPred := make([]bool, len(codings))
		for _, m := range gd.Mentions {
			found := -1
			for i, c := range codings {
				if !usedPred[i] && string(c.Category) == m.Category && c.Start < m.End && m.Start < c.End {
					found = i
					break
				}
			}
			if found < 0 {
				scores[m.Category].fn++
				errs = append(errs, fmt.Sprintf("FN %s:%d %s %q", gd.Name, m.Line, m.Category, m.Text))
				continue
			}
			usedPred[found] = true
			scores[m.Category].tp++
			negAll++
			if codings[found].Negated == m.Negated {
				negOK++
			} else {
				errs = append(errs, fmt.Sprintf("NEG %s:%d %s %q gold=%v auto=%v", gd.Name, m.Line, m.Category, m.Text, m.Negated, codings[found].Negated))
			}
		}
		for i, c := range codings {
			if usedPred[i] {
				continue
			}
			sc := scores[string(c.Category)]
			if sc == nil {
				continue
			}
			sc.fp++
			errs = append(errs, fmt.Sprintf("FP %s:%d %s %s %q in %q", gd.Name, c.Line, c.Category, c.Code, c.Term, c.Text))
		}
	}
	sort.Strings(errs)
	return scores, negOK, negAll, errs
}

// TestGoldQuality measures the default codebook against the development
// gold corpus (analysis/testdata/gold, annotated blind before any tuning; the
// codebook was then tuned on it, see codebooks/TUNING.md) and fails when
// precision or recall of relation, place or facility drops below 0.90.
// Run with -v to see the table and every disagreement.
func TestGoldQuality(t *testing.T) {
	checkGold(t, filepath.Join("testdata", "gold"), nil)
}

// TestGoldHeldOut measures the same on the held-out set
// (analysis/testdata/gold-heldout), annotated blind by a second annotator
// after the system was built; nobody tuned against it. This is the honest
// figure.
func TestGoldHeldOut(t *testing.T) {
	if os.Getenv("CI") != "true" && os.Getenv("PBASIS_HELDOUT") == "" {
		t.Skip("held-out gold set: run with PBASIS_HELDOUT=1 (CI always runs it); it stays out of sight while the codebook is tuned")
	}
	checkGold(t, filepath.Join("testdata", "gold-heldout"), nil)
}

// checkGold scores dir and fails when precision or recall of relation,
// place or facility is below its floor: 0.90 each unless floors says
// otherwise ({precision, recall} per category).
func checkGold(t *testing.T, dir string, floors map[string][2]float64) {
	scores, negOK, negAll, errs := evalGold(t, dir)
	t.Logf("%-12s %6s %6s %6s %5s %5s %5s", "category", "P", "R", "F1", "TP", "FP", "FN")
	for _, c := range gold.Categories() {
		s := scores[c]
		t.Logf("%-12s %6.3f %6.3f %6.3f %5d %5d %5d", c, s.p(), s.r(), s.f1(), s.tp, s.fp, s.fn)
	}
	t.Logf("negation accuracy on matched mentions: %.3f (%d/%d)", ratio(negOK, negAll), negOK, negAll)
	if testing.Verbose() {
		for _, e := range errs {
			t.Log(e)
		}
	}
	for _, c := range []string{"relation", "place", "facility"} {
		s := scores[c]
		f, ok := floors[c]
		if !ok {
			f = [2]float64{0.90, 0.90}
		}
		if s.p() < f[0] || s.r() < f[1] {
			t.Errorf("%s: precision %.3f, recall %.3f: must be at least %.2f and %.2f", c, s.p(), s.r(), f[0], f[1])
		}
	}
}

// TestGoldFinal measures the default codebook on the second held-out set
// (analysis/testdata/gold-heldout2), annotated blind by a third annotator
// while the codebook was tuned on the other two sets, and scored only after
// tuning ended. Nobody tuned against it: this is the honest figure after
// tuning round 2.
func TestGoldFinal(t *testing.T) {
	if os.Getenv("CI") != "true" && os.Getenv("PBASIS_HELDOUT2") == "" {
		t.Skip("final held-out gold set: run with PBASIS_HELDOUT2=1 (CI always runs it); it stays out of sight while the codebook is tuned")
	}
	// The figures measured once after round 2 (TUNING.md) are the floor:
	// relation and place recall are below 0.90 here, for the reasons
	// TUNING.md gives; the test fails if anything drops below what was
	// measured.
	checkGold(t, filepath.Join("testdata", "gold-heldout2"), map[string][2]float64{
		"relation": {0.93, 0.84},
		"place":    {0.97, 0.88},
		"facility": {0.97, 0.90},
	})
}
