package corpus

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/internal/testutil"
)

var updateWords = flag.Bool("update-words", false, "regenerate pseudo_words.txt.gz from the shared OpenTaal list")

// TestPseudoWordList checks that the embedded word list is exactly what the
// derivation in pseudo_words.go makes of the OpenTaal list (and rewrites it
// with -update-words).
func TestPseudoWordList(t *testing.T) {
	dir := testutil.SharedDir(t)
	f, err := os.Open(filepath.Join(dir, "data", "opentaal_basiswoorden-gekeurd.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seen := map[string]bool{}
	proper := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w, capital, ok := wordListEntry(sc.Text()); ok {
			seen[w] = true
			if capital {
				proper[w] = true
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	want := make([]string, 0, len(seen))
	for w := range seen {
		want = append(want, w)
	}
	slices.Sort(want)
	if *updateWords {
		gz, err := encodeWordList(want, proper)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("pseudo_words.txt.gz", gz, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d words, %d bytes", len(want), len(gz))
		return
	}
	got, gotProper, err := decodeWordList(pseudoWordsGz)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) || len(gotProper) != len(proper) {
		t.Fatalf("embedded list has %d words (%d capitalised), derivation gives %d (%d): run go test -run TestPseudoWordList -update-words",
			len(got), len(gotProper), len(want), len(proper))
	}
	for _, w := range gotProper {
		if !proper[w] {
			t.Fatalf("%q marked capitalised in the embedded list but not in OpenTaal", w)
		}
	}
	for _, w := range []string{"april", "elke", "per", "rust", "bos", "sinterklaas", "kinderopvang", "marokkaans"} {
		if !isDutchWord(w) {
			t.Errorf("isDutchWord(%q) = false", w)
		}
	}
	if !isProperWord("sinterklaas") || !isProperWord("marokkaans") || isProperWord("april") {
		t.Error("isProperWord: Sinterklaas and Marokkaans are written with a capital, april is not")
	}
	for _, w := range []string{"samira", "fatima", "mohammed", "jansen", "amsterdam"} {
		if isDutchWord(w) {
			t.Errorf("isDutchWord(%q) = true, want a non-word", w)
		}
	}
}

// goldItem is an annotated item of the test set: bytes [start, end) of the
// text with the markup removed.
type goldItem struct {
	start, end int
	kind       string
}

// parseAnnotated removes {{text|kind}} markup and returns the text and the
// annotated items.
func parseAnnotated(t *testing.T, name, s string) (string, []goldItem) {
	t.Helper()
	var b strings.Builder
	var items []goldItem
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			t.Fatalf("%s: unclosed {{ at %q", name, s[i:min(len(s), i+30)])
		}
		inner := s[i+2 : i+j]
		text, kind, ok := strings.Cut(inner, "|")
		if !ok {
			t.Fatalf("%s: %q has no |kind", name, inner)
		}
		switch kind {
		case PseudoPerson, PseudoPlace, PseudoStreet, PseudoAddress, PseudoPostcode, PseudoPhone, PseudoEmail:
		default:
			t.Fatalf("%s: %q: unknown kind %q", name, inner, kind)
		}
		items = append(items, goldItem{b.Len(), b.Len() + len(text), kind})
		b.WriteString(text)
		s = s[i+j+2:]
	}
	return b.String(), items
}

// prCounts holds precision/recall counts for one kind.
type prCounts struct {
	gold, pred                      int
	exactTP, coveredTP, overlapGold int // recall numerators
	exactPred, overlapPred          int // precision numerators
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// scoreSpans compares predicted spans with gold items. Recall is counted
// by gold kind: exact (same span and kind), covered (every byte of the item
// is replaced, by any kind: nothing of the name is left) and overlap.
// Precision is counted by predicted kind: exact, and overlap with any gold
// item.
func scoreSpans(pred []pspan, gold []goldItem, c map[string]*prCounts) {
	get := func(k string) *prCounts {
		if c[k] == nil {
			c[k] = &prCounts{}
		}
		return c[k]
	}
	for _, g := range gold {
		pc := get(g.kind)
		pc.gold++
		covered := 0
		overlap, exact := false, false
		for _, p := range pred {
			if p.kind == "" {
				continue
			}
			if p.start == g.start && p.end == g.end && p.kind == g.kind {
				exact = true
			}
			if p.start < g.end && g.start < p.end {
				overlap = true
				covered += min(p.end, g.end) - max(p.start, g.start)
			}
		}
		if exact {
			pc.exactTP++
		}
		if covered >= g.end-g.start {
			pc.coveredTP++
		}
		if overlap {
			pc.overlapGold++
		}
	}
	for _, p := range pred {
		if p.kind == "" {
			continue
		}
		pc := get(p.kind)
		pc.pred++
		for _, g := range gold {
			if p.start == g.start && p.end == g.end && p.kind == g.kind {
				pc.exactPred++
				break
			}
		}
		for _, g := range gold {
			if p.start < g.end && g.start < p.end {
				pc.overlapPred++
				break
			}
		}
	}
}

func logScores(t *testing.T, title string, c map[string]*prCounts) {
	t.Helper()
	t.Logf("%s", title)
	t.Logf("  %-9s %5s %5s | %-7s %-7s %-7s | %-7s %-7s", "kind", "gold", "pred", "R exact", "R cover", "R overl", "P exact", "P overl")
	all := &prCounts{}
	for _, k := range pseudoKinds() {
		pc := c[k[0]]
		if pc == nil {
			continue
		}
		t.Logf("  %-9s %5d %5d | %7.3f %7.3f %7.3f | %7.3f %7.3f", k[0], pc.gold, pc.pred,
			ratio(pc.exactTP, pc.gold), ratio(pc.coveredTP, pc.gold), ratio(pc.overlapGold, pc.gold),
			ratio(pc.exactPred, pc.pred), ratio(pc.overlapPred, pc.pred))
		all.gold += pc.gold
		all.pred += pc.pred
		all.exactTP += pc.exactTP
		all.coveredTP += pc.coveredTP
		all.overlapGold += pc.overlapGold
		all.exactPred += pc.exactPred
		all.overlapPred += pc.overlapPred
	}
	t.Logf("  %-9s %5d %5d | %7.3f %7.3f %7.3f | %7.3f %7.3f", "all", all.gold, all.pred,
		ratio(all.exactTP, all.gold), ratio(all.coveredTP, all.gold), ratio(all.overlapGold, all.gold),
		ratio(all.exactPred, all.pred), ratio(all.overlapPred, all.pred))
}

// TestPseudoAnnotatedSet measures detection (Auto, no list) on the
// annotated interview snippets of testdata/pseudo/cases, one case per file.
// It fails when fewer than 90% of the person names are fully replaced.
func TestPseudoAnnotatedSet(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "pseudo", "cases", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test set: %v", err)
	}
	for _, wordNames := range []bool{true, false} {
		p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true})
		p.wordNames = wordNames
		counts := map[string]*prCounts{}
		n := 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text, gold := parseAnnotated(t, f, string(data))
			n += len(gold)
			cs := p.caseFor(f)
			pred := p.detect(cs, text)
			scoreSpans(pred, gold, counts)
			if testing.Verbose() && wordNames {
				for _, g := range gold {
					hit := false
					for _, s := range pred {
						if s.kind != "" && s.start <= g.start && s.end >= g.end {
							hit = true
						}
					}
					if !hit {
						t.Logf("  missed %s %q in %s", g.kind, text[g.start:g.end], filepath.Base(f))
					}
				}
				for _, s := range pred {
					hit := false
					for _, g := range gold {
						if s.start < g.end && g.start < s.end {
							hit = true
						}
					}
					if !hit && s.kind != "" {
						t.Logf("  false %s %q in %s", s.kind, text[s.start:s.end], filepath.Base(f))
					}
				}
			}
		}
		if n < 150 {
			t.Errorf("test set has %d annotated items, want at least 150", n)
		}
		logScores(t, fmt.Sprintf("annotated set (%d files, %d items), capitalised ordinary words are names: %v", len(files), n, wordNames), counts)
		if wordNames {
			pc := counts[PseudoPerson]
			if r := ratio(pc.coveredTP, pc.gold); r < 0.90 {
				t.Errorf("person recall (fully replaced) = %.3f, want >= 0.90", r)
			}
		}
	}
}
