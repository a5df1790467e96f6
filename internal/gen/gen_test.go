package gen

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readTree returns every file under dir by its path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteIsDeterministicAndSized(t *testing.T) {
	const words = 30_000
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	st, err := Write(a, Options{Words: words, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, Options{Words: words, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(c, Options{Words: words, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(ta) != len(tb) {
		t.Fatalf("same seed: %d files, then %d", len(ta), len(tb))
	}
	for p, x := range ta {
		if !bytes.Equal(x, tb[p]) {
			t.Errorf("same seed, %s differs", p)
		}
	}
	if bytes.Equal(ta["metadata.csv"], tc["metadata.csv"]) {
		t.Error("seeds 1 and 2 gave the same metadata.csv")
	}

	// The words and files written are what Stats says, at least Words.
	total := 0
	for p, x := range ta {
		if strings.HasSuffix(p, ".txt") {
			total += len(strings.Fields(string(x)))
		}
	}
	if total != st.Words || total < words {
		t.Errorf("counted %d words in the files; Stats says %d; asked for %d", total, st.Words, words)
	}
	recs, err := csv.NewReader(bytes.NewReader(ta["metadata.csv"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != st.Files || len(ta) != st.Files+1 {
		t.Errorf("metadata.csv has %d rows, %d files on disk; Stats says %d files", len(recs)-1, len(ta)-1, st.Files)
	}
	for _, r := range recs[1:] {
		if _, ok := ta[r[0]]; !ok {
			t.Errorf("metadata.csv lists %s, which was not written", r[0])
		}
		if r[2] == "transcript" && !strings.Contains(r[6], "Interviewer=interviewer") {
			t.Errorf("%s: transcript without interviewer in speakers %q", r[0], r[6])
		}
	}
}

func TestTermsAreTheCodebooks(t *testing.T) {
	terms, err := Terms()
	if err != nil {
		t.Fatal(err)
	}
	if len(terms) < 100 {
		t.Fatalf("only %d terms", len(terms))
	}
	for _, want := range []string{"buurvrouw", "speeltuin", "schoolplein"} {
		found := false
		for _, x := range terms {
			found = found || x == want
		}
		if !found {
			t.Errorf("terms lack %q", want)
		}
	}
}
