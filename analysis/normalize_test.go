package analysis

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/internal/testutil"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Crèche":         "creche",
		"geïnteresseerd": "geinteresseerd",
		"WhatsApp-groep": "whatsappgroep",
		"oma’s":          "oma's",
		"ĲSBAAN":         "ijsbaan",
		"Één":            "een",
		"café":           "cafe",
		"buurt":          "buurt",
		"andere ouders":  "andere ouders",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInflections(t *testing.T) {
	tests := []struct {
		base  string
		forms []string // each must be generated
	}{
		{"juf", []string{"juffen", "jufs", "jufje", "jufjes"}},
		{"plein", []string{"pleinen", "pleintje", "pleintjes"}},
		{"veld", []string{"velden", "veldje", "veldjes"}},
		{"boom", []string{"bomen", "boompje"}},
		{"bal", []string{"ballen", "balletje", "balletjes"}},
		{"oma", []string{"oma's", "omas", "omaatje", "omaatjes"}},
		{"school", []string{"scholen", "schooltje"}},
		{"straat", []string{"straten", "straatje"}},
		{"huis", []string{"huizen", "huisje"}},
		{"brief", []string{"brieven"}},
		{"tante", []string{"tantes", "tanten", "tantetje"}},
		{"kind", []string{"kinderen"}},
		{"koning", []string{"koningen", "koninkje"}},
		{"buurman", []string{"buurmannen"}},
		{"mogelijkheid", []string{"mogelijkheden"}},
		{"vent", []string{"ventje", "ventjes", "ventke"}},
		{"baby", []string{"baby's", "babys"}},
		{"club", []string{"clubs", "clubje"}},
	}
	for _, tc := range tests {
		got := inflections(tc.base)
		for _, f := range tc.forms {
			if !slices.Contains(got, f) {
				t.Errorf("inflections(%q) lacks %q", tc.base, f)
			}
		}
		if slices.Contains(got, tc.base) {
			t.Errorf("inflections(%q) contains the base", tc.base)
		}
	}
}

func TestPlausibleModifier(t *testing.T) {
	for m, want := range map[string]bool{
		"volleybal": true, "overblijf": true, "voetbal": true, "buurt": true, "buurts": true,
		"whatsapp": true, "kinder": true, "jeugd": true, "school": true, "bouw": true,
		"dipl": false, "aandeelh": false, "kkk": false, "brr": false, "euv": false,
	} {
		if got := plausibleModifier(m); got != want {
			t.Errorf("plausibleModifier(%q) = %v, want %v", m, got, want)
		}
	}
}

// TestStemmerAgreement compares Stem with the classic Dutch Porter stemmer's
// expected output (snowball-data dutch_porter). The library
// (blevesearch/snowballstem v0.9.0) implements the classic algorithm, so
// agreement must be near complete.
func TestStemmerAgreement(t *testing.T) {
	path := filepath.Join(testutil.SharedDir(t), "data", "snowball_dutch_porter_word_stem.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	total, agree := 0, 0
	var diffs []string
	stems := &stemCache{}
	header := true
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		word, stem, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		total++
		// The reference stems the word as given; Stem folds diacritics
		// first, so compare on the raw stemmer for agreement.
		if got := stems.stem(word); got == stem {
			agree++
		} else if len(diffs) < 10 {
			diffs = append(diffs, word+": "+got+" != "+stem)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total != 45670 {
		t.Errorf("read %d pairs, want 45670", total)
	}
	rate := float64(agree) / float64(total)
	t.Logf("stemmer agreement with classic Dutch Porter: %d/%d = %.4f; first differences: %v", agree, total, rate, diffs)
	if rate < 0.999 {
		t.Errorf("agreement %.4f below 0.999", rate)
	}
	for w, want := range map[string]string{"kinderen": "kinder", "buren": "bur", "opvoeding": "opvoed", "grootouders": "grootouder"} {
		if got := Stem(w); got != want {
			t.Errorf("Stem(%q) = %q, want %q", w, got, want)
		}
	}
}
