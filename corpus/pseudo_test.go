package corpus

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"unicode/utf8"

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

// TestPseudoDeduceRegression logs detection figures on deduce's name
// regression cases (GPL: read at test time, never embedded). They are
// short clinical snippets without context, many a bare name at the start
// of the text, where Auto by design does not guess; the figures are
// logged, not asserted.
func TestPseudoDeduceRegression(t *testing.T) {
	dir := testutil.SharedDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "data", "deduce_names_regression_cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Examples []struct {
			ID          int    `json:"id"`
			Text        string `json:"text"`
			Annotations []struct {
				Start int    `json:"start_char"`
				End   int    `json:"end_char"`
				Tag   string `json:"tag"`
			} `json:"annotations"`
		} `json:"examples"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Examples) < 100 {
		t.Fatalf("only %d examples", len(doc.Examples))
	}
	p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true})
	counts := map[string]*prCounts{}
	for _, ex := range doc.Examples {
		// Offsets are in code points; convert to bytes.
		cp := []int{}
		for i := range ex.Text {
			cp = append(cp, i)
		}
		cp = append(cp, len(ex.Text))
		var gold []goldItem
		for _, a := range ex.Annotations {
			if a.Tag == "persoon" && a.End < len(cp) {
				gold = append(gold, goldItem{cp[a.Start], cp[a.End], PseudoPerson})
			}
		}
		pred := p.detect(p.caseFor(strconv.Itoa(ex.ID)), ex.Text)
		scoreSpans(pred, gold, counts)
	}
	logScores(t, fmt.Sprintf("deduce regression cases (%d texts, GPL, tests only)", len(doc.Examples)), counts)
}

// TestPseudoNameWordExceptions measures false positives on deduce's first
// names that are also ordinary words (April, Elke, Per, ...): used as words
// at a sentence start or in lower case they must not be replaced. It also
// logs how often they are caught when used as a name in mid-sentence.
func TestPseudoNameWordExceptions(t *testing.T) {
	dir := testutil.SharedDir(t)
	f, err := os.Open(filepath.Join(dir, "data", "firstnames-nl_deduce_exceptions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			words = append(words, w)
		}
	}
	if len(words) < 100 {
		t.Fatalf("only %d words", len(words))
	}
	p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true})
	fp, ordinary, caught := 0, 0, 0
	for i, w := range words {
		for _, s := range []string{
			w + " is wat ze zei, en daarna ging ze weg.",
			"Ze zei gewoon " + strings.ToLower(w) + " en ging toen weg.",
		} {
			ordinary++
			if spans := p.detect(p.caseFor(fmt.Sprintf("o%d-%d", i, ordinary)), s); hasReplacement(spans) {
				fp++
				if testing.Verbose() {
					t.Logf("  false positive: %q", s)
				}
			}
		}
		s := "Gisteren zag ik " + w + " op het schoolplein."
		if spans := p.detect(p.caseFor(fmt.Sprintf("n%d", i)), s); hasReplacement(spans) {
			caught++
		}
	}
	t.Logf("name-words (%d, GPL list, tests only): false positives in %d of %d ordinary sentences (%.3f); caught as a name in mid-sentence: %d of %d (%.3f)",
		len(words), fp, ordinary, ratio(fp, ordinary), caught, len(words), ratio(caught, len(words)))
	if ratio(fp, ordinary) > 0.05 {
		t.Errorf("false-positive rate %.3f on ordinary uses, want <= 0.05", ratio(fp, ordinary))
	}
}

func hasReplacement(spans []pspan) bool {
	for _, s := range spans {
		if s.kind != "" {
			return true
		}
	}
	return false
}

// TestPseudoListedNamesGone checks that no listed name is left in any
// form: any case, without diacritics, possessive, multi-word and its parts.
func TestPseudoListedNamesGone(t *testing.T) {
	names := []string{"Fatima El Amrani", "Zoë", "van der Berg", "Büşra Yıldız", "Jean-Pierre", "Mohammed"}
	text := "Ik sprak FATIMA EL AMRANI en fatima el amrani. Fatima's dochter en mevrouw El Amrani zelf.\n" +
		"Zoe en ZOË en zoë. Meneer Van Der Berg en van der Berg. Büşra Yıldız, Busra Yildiz, büşra.\n" +
		"jean-pierre kwam met Jean-Pierre. Mohammed's broer, MOHAMMED, mohammed.\n" +
		"Amrani zei: Fatima, kom!\n"
	p := NewPseudonymiser(PseudoOptions{Enabled: true, Names: names})
	out, reps := p.Apply("c1", text)
	low := fold(out)
	for _, n := range append(names, "Fatima", "El Amrani", "Amrani", "Busra", "Yildiz", "Jean", "Pierre") {
		if strings.Contains(low, fold(n)) {
			t.Errorf("%q left in output:\n%s", n, out)
		}
	}
	if len(reps) == 0 {
		t.Fatal("no replacements reported")
	}
	// Parts of "Fatima El Amrani" are the same person.
	if !strings.Contains(out, "[Persoon 1]'s dochter en mevrouw [Persoon 1] zelf") {
		t.Errorf("parts of a listed name should share its pseudonym:\n%s", out)
	}
	// A listed name that is an ordinary word matches only capitalised.
	p2 := NewPseudonymiser(PseudoOptions{Enabled: true, Names: []string{"Roos"}})
	out2, _ := p2.Apply("c", "Roos gaf mij een roos. ROOS!")
	if out2 != "[Persoon 1] gaf mij een roos. [Persoon 1]!" {
		t.Errorf("word-name: got %q", out2)
	}
	// Disabled: unchanged.
	off := NewPseudonymiser(PseudoOptions{Names: names})
	if got, r := off.Apply("c1", text); got != text || r != nil {
		t.Error("disabled pseudonymiser changed the text")
	}
}

// TestPseudoConsistency: the same name in the same case keeps its
// pseudonym across calls; another case numbers independently; the key
// lists every replacement.
func TestPseudoConsistency(t *testing.T) {
	p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true, Names: []string{"Kees"}})
	a1, _ := p.Apply("A", "Ik sprak met Samira en daarna met Kees.")
	a2, _ := p.Apply("A", "Later belde Kees. Samira was er niet.")
	b1, _ := p.Apply("B", "Ik sprak met Kees en daarna met Samira.")
	if a1 != "Ik sprak met [Persoon 1] en daarna met [Persoon 2]." {
		t.Errorf("a1 = %q", a1)
	}
	if a2 != "Later belde [Persoon 2]. [Persoon 1] was er niet." {
		t.Errorf("a2 = %q (same names, same case, same pseudonyms)", a2)
	}
	if b1 != "Ik sprak met [Persoon 1] en daarna met [Persoon 2]." {
		t.Errorf("b1 = %q (case B numbers on its own)", b1)
	}
	key := p.Key()
	want := []Replacement{
		{"A", "Samira", "[Persoon 1]", PseudoPerson, 2},
		{"A", "Kees", "[Persoon 2]", PseudoPerson, 2},
		{"B", "Kees", "[Persoon 1]", PseudoPerson, 1},
		{"B", "Samira", "[Persoon 2]", PseudoPerson, 1},
	}
	if !slices.Equal(key, want) {
		t.Errorf("Key() = %+v, want %+v", key, want)
	}
}

// TestPseudoDeterministicAndConcurrent: the same calls give the same
// output and key; cases pseudonymised concurrently give what they give
// sequentially.
func TestPseudoDeterministicAndConcurrent(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "pseudo", "cases", "*.txt"))
	var texts []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := parseAnnotated(t, f, string(data))
		texts = append(texts, text)
	}
	run := func(parallel bool) ([]string, []Replacement) {
		p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true, Names: []string{"Anneke"}})
		out := make([]string, len(texts))
		var wg sync.WaitGroup
		for i, s := range texts {
			if parallel {
				wg.Add(1)
				go func() { defer wg.Done(); out[i], _ = p.Apply(files[i], s) }()
			} else {
				out[i], _ = p.Apply(files[i], s)
			}
		}
		wg.Wait()
		return out, p.Key()
	}
	o1, k1 := run(false)
	o2, k2 := run(false)
	o3, k3 := run(true)
	if !slices.Equal(o1, o2) || !slices.Equal(k1, k2) {
		t.Error("two sequential runs differ")
	}
	if !slices.Equal(o1, o3) || !slices.Equal(k1, k3) {
		t.Error("concurrent run differs from sequential")
	}
	// Applying again changes nothing.
	p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true})
	for i, s := range o1 {
		if again, r := p.Apply(files[i], s); again != s {
			t.Errorf("%s: second application changed the text (%d replacements)", files[i], len(r))
		}
	}
}

// TestPseudoPatterns checks the structured items and their hard negatives.
func TestPseudoPatterns(t *testing.T) {
	p := NewPseudonymiser(PseudoOptions{Enabled: true})
	tests := []struct{ in, want string }{
		{"bel 06-12345678 nu", "bel [Telefoon 1] nu"},
		{"bel 06 1234 5678.", "bel [Telefoon 1]."},
		{"of +31 6 12345678 of 0031612345678", "of [Telefoon 1] of [Telefoon 1]"},
		{"tel (020) 123 45 67", "tel [Telefoon 1]"},
		{"gsm 0478 12 34 56", "gsm [Telefoon 1]"},
		{"op 01-03-2024 om 10:30 uur", "op 01-03-2024 om 10:30 uur"},
		{"dat kostte 0,50 en 1234567890", "dat kostte 0,50 en 1234567890"},
		{"in 2024 en 2025 waren er 0 kinderen", "in 2024 en 2025 waren er 0 kinderen"},
		{"mail a.b@c-d.nl.", "mail [E-mail 1]."},
		{"postcode 1234 AB en 1234AB", "postcode [Postcode 1] en [Postcode 1]"},
		{"in 2024 EN daarna", "in [Postcode 1] daarna"}, // documented limit: an upper-case pair after a year
		{"Kerkstraat 12a-2 en de Kerkstraat", "[Adres 1] en de [Straat 1]"},
		{"onderweg naar het Schoolplein", "onderweg naar het Schoolplein"},
		{"Burgemeester de Withstraat 3", "[Adres 1]"},
		{"Op de Dorpsweg 4, 2000 Antwerpen", "Op de [Adres 1], [Postcode 1] Antwerpen"},
	}
	for _, tc := range tests {
		got, _ := p.Apply(tc.in, tc.in)
		if got != tc.want {
			t.Errorf("Apply(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestPseudoReadFile checks the hook in ReadFile: turns, labels, roles,
// segments and spans are made on the pseudonymised text, for a text file
// with a metadata sheet and for a subtitle file with speakers.
func TestPseudoReadFile(t *testing.T) {
	fsys := fstest.MapFS{
		"metadata.csv": {Data: []byte("file,case,speakers,school\nf1/a.txt,F1,I=interviewer;Fatima=parent,basisschool De Klimop\nf1/b.vtt,F1,,\n")},
		"f1/a.txt":     {Data: []byte("I: Wie helpt er?\nFatima: Mijn buurvrouw Roos. En Samira speelt met Jesse.\nI: Dank je.\nFatima: Bel 06-12345678.\n")},
		"f1/b.vtt":     {Data: []byte("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Fatima>Ik ben Fatima.\n\n00:00:04.000 --> 00:00:06.000\n<v Interviewer>Dank je, Fatima.\n")},
	}
	sheet, err := ReadSheet(fsys, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	o := DefaultOptions()
	o.Pseudo = NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true})
	doc, err := ReadFile(fsys, "f1/a.txt", sheet, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Fatima", "Roos", "Samira", "Jesse", "12345678", "Klimop"} {
		if strings.Contains(doc.Text, name) {
			t.Errorf("%q left in text:\n%s", name, doc.Text)
		}
		for _, v := range doc.Meta.Extra {
			if strings.Contains(v, name) {
				t.Errorf("%q left in metadata %q", name, v)
			}
		}
	}
	var speakers []string
	for _, tr := range doc.Turns {
		speakers = append(speakers, tr.Speaker+"="+tr.Role)
	}
	if want := []string{"I=interviewer", "Persoon 1=parent", "I=interviewer", "Persoon 1=parent"}; !slices.Equal(speakers, want) {
		t.Errorf("turns %v, want %v\n%s", speakers, want, doc.Text)
	}
	cp := []rune(doc.Text)
	for _, s := range doc.Segments {
		if string(cp[s.Span.Start:s.Span.End]) != s.Text {
			t.Errorf("segment %s span does not hold its text", s.ID)
		}
	}
	if !slices.ContainsFunc(doc.Reading.Steps, func(s string) bool { return strings.HasPrefix(s, "pseudonymised: ") }) {
		t.Errorf("no pseudonymisation step in %v", doc.Reading.Steps)
	}
	if doc.Meta.Extra["school"] != "basisschool [Plaats 1]" {
		t.Errorf("extra school = %q", doc.Meta.Extra["school"])
	}
	// The subtitle file of the same case: same pseudonym for Fatima.
	doc2, err := ReadFile(fsys, "f1/b.vtt", sheet, o)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(doc2.Text, "Fatima") || doc2.Turns[0].Speaker != "Persoon 1" || !strings.Contains(doc2.Text, "Ik ben [Persoon 1].") {
		t.Errorf("vtt not pseudonymised consistently:\n%s\nspeaker %q", doc2.Text, doc2.Turns[0].Speaker)
	}
	// The key holds the originals; the document does not.
	if !slices.ContainsFunc(o.Pseudo.Key(), func(r Replacement) bool { return r.Case == "F1" && r.Original == "Fatima" }) {
		t.Errorf("key misses Fatima: %+v", o.Pseudo.Key())
	}
	// Without a pseudonymiser nothing changes.
	plain, err := ReadFile(fsys, "f1/a.txt", sheet, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain.Text, "Fatima: Mijn buurvrouw Roos.") {
		t.Errorf("text changed without pseudonymisation:\n%s", plain.Text)
	}
}

// FuzzPseudonymise: no panic, valid UTF-8 out, listed names gone, and a
// second application keeps the pseudonyms of the first. (Exact idempotence
// on real text is checked by TestPseudoDeterministicAndConcurrent.)
func FuzzPseudonymise(f *testing.F) {
	for _, s := range []string{
		"Fatima: Mijn zoon Bram en Samira El Amrani wonen op de Kerkstraat 12, 1234 AB Zwijndrecht.",
		"bel 06-12345678 of +31 (0)6 1234 5678, mail x@y.nl",
		"Moeder (Fatima): [Persoon 1] en [Adres 2]\nPersoon 3: ja",
		"A.B. Visser-de Jong en J. van der Berg bij basisschool 't Kabouterhuis",
		"\xff\xfeZoë\u0301 ı İ ß '’ — … [ ] ( ) {{x|person}}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := NewPseudonymiser(PseudoOptions{Enabled: true, Auto: true, Names: []string{"Samira", "van der Berg"}})
		out, _ := p.Apply("c", s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of valid input %q: %q", s, out)
		}
		// A second application keeps every pseudonym of the first (it may
		// find a new name where a replacement made a word boundary, as in
		// "x0Samira0" -> "x0[Persoon 1]0", which the detection then reads
		// differently), and gives valid UTF-8.
		again, _ := p.Apply("c", out)
		for _, m := range findProtected(out) {
			ps := out[m.start:m.end]
			if strings.Count(again, ps) < strings.Count(out, ps) {
				t.Fatalf("second application lost %q: %q -> %q", ps, out, again)
			}
		}
		if utf8.ValidString(out) && !utf8.ValidString(again) {
			t.Fatalf("second application made invalid UTF-8: %q", again)
		}
		if third, _ := p.Apply("c", again); utf8.ValidString(s) && third != again && strings.Count(third, "[") < strings.Count(again, "[") {
			t.Fatalf("third application lost pseudonyms: %q -> %q", again, third)
		}
		if utf8.ValidString(s) {
			for _, tok := range tokenize(out) {
				if tok.f == "samira" {
					t.Fatalf("listed name left: %q", out)
				}
			}
		}
	})
}
