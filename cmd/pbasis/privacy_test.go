package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/reports"
)

// demoNames are the first names and surnames in the demo corpus (fiction,
// put there to test pseudonymisation; see demo/README.md), as a
// researcher would list them.
func demoNames() []string {
	return []string{
		"Samira", "Yassin", "Lina", "Henk", "Marleen", "Ria", "Hatice", "Marieke", "Demi", "Emre",
		"Fenna", "Mees", "Bram", "Ineke", "Jasmijn", "Noor", "Rachid", "Katrien", "Lotte", "Warre",
		"Jos", "Elif", "Daan", "Ruud", "Joost", "Jeroen", "Kees", "Ellen", "Thijs", "Petra",
		"Nele", "Annelies", "Soufiane", "Sandra", "Dennis", "Anouk", "Fleur",
	}
}

// privacyConfig writes a config.yaml into dir that pseudonymises with the
// demo's names listed and automatic detection on, the key in keyFile.
func privacyConfig(t *testing.T, dir, keyFile string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("privacy:\n  pseudonymise: true\n  auto: true\n  key_file: " + keyFile + "\n  names:\n")
	for _, n := range demoNames() {
		b.WriteString("    - " + n + "\n")
	}
	p := filepath.Join(dir, "privacy.yaml")
	must(t, os.WriteFile(p, []byte(b.String()), 0o644))
	return p
}

// nameRE matches any listed name as a whole word, also with a genitive s
// ("Brams", "Rachid's"), ignoring case.
func nameRE() *regexp.Regexp {
	var alts []string
	for _, n := range demoNames() {
		alts = append(alts, regexp.QuoteMeta(n))
	}
	return regexp.MustCompile(`(?i)\b(` + strings.Join(alts, "|") + `)('?s)?\b`)
}

// codeBookRE matches the codebook of a REFI-QDA project file.
func codeBookRE() *regexp.Regexp { return regexp.MustCompile(`(?s)<CodeBook\b.*</CodeBook>`) }

// leaks returns "file: match in context" for every listed name in the
// files under dir, looking inside zip packages (.xlsx, .qdpx) entry by
// entry, and in the file names themselves.
func leaks(t *testing.T, dir string) (found []string, scanned int) {
	t.Helper()
	re := nameRE()
	check := func(where string, data []byte) {
		scanned++
		for _, loc := range re.FindAllIndex(data, 5) {
			a, b := max(0, loc[0]-40), min(len(data), loc[1]+40)
			found = append(found, where+": "+strings.ReplaceAll(string(data[a:b]), "\n", " "))
		}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if re.MatchString(filepath.ToSlash(rel)) {
			found = append(found, "file name "+rel)
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if ext := filepath.Ext(p); ext == ".xlsx" || ext == ".qdpx" {
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Errorf("%s is no zip: %v", rel, err)
				return nil
			}
			for _, f := range zr.File {
				if re.MatchString(f.Name) {
					found = append(found, rel+": entry name "+f.Name)
				}
				rc, err := f.Open()
				if err != nil {
					t.Errorf("%s!%s: %v", rel, f.Name, err)
					continue
				}
				body, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					t.Errorf("%s!%s: %v", rel, f.Name, err)
					continue
				}
				if strings.HasSuffix(f.Name, ".qde") {
					// The codebook's own examples ("Meester Bram heeft ons
					// gebeld") are the codebook author's text, not the
					// families': only the rest of the project is checked.
					cb := codeBookRE().FindIndex(body)
					if cb == nil {
						t.Errorf("%s!%s has no CodeBook element", rel, f.Name)
					} else {
						body = append(append([]byte(nil), body[:cb[0]]...), body[cb[1]:]...)
					}
				}
				check(rel+"!"+f.Name, body)
			}
			return nil
		}
		check(rel, data)
		return nil
	})
	must(t, err)
	return found, scanned
}

// TestPseudonymisedRunLeaksNoName runs the demo with pseudonymisation on
// and the demo's names listed, then looks for every listed name in every
// file of the output folder (zip packages unzipped). The key must be where
// the config says, outside the output folder, and hold the names; a second
// run gives the same outputs and the same key.
func TestPseudonymisedRunLeaksNoName(t *testing.T) {
	dir := t.TempDir()
	cfg := privacyConfig(t, dir, filepath.Join(dir, "sleutel", "key.csv"))
	if _, stderr, code := run(t, dir, "-c", cfg, "run", "--out", "out", "-q"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	found, scanned := leaks(t, filepath.Join(dir, "out"))
	if scanned < 10 {
		t.Fatalf("only %d files scanned in out/", scanned)
	}
	for _, f := range found {
		t.Errorf("name in output: %s", f)
	}
	// The names are gone, the text is not: pseudonyms stand in their place.
	seg, err := os.ReadFile(filepath.Join(dir, "out", "segments.csv"))
	must(t, err)
	if !bytes.Contains(seg, []byte("[Persoon 1]")) || len(seg) < 50000 {
		t.Errorf("segments.csv (%d bytes) holds no [Persoon 1]", len(seg))
	}

	// The key: outside out/, owner-only, every listed name in it.
	keyPath := filepath.Join(dir, "sleutel", "key.csv")
	st, err := os.Stat(keyPath)
	must(t, err)
	if st.Mode().Perm()&0o077 != 0 {
		t.Errorf("key file mode %v, want readable by its owner only", st.Mode().Perm())
	}
	f, err := os.Open(keyPath)
	must(t, err)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	must(t, err)
	if d := cmp.Diff([]string{"case", "kind", "original", "pseudonym", "count"}, rows[0]); d != "" {
		t.Errorf("key header (-want +got):\n%s", d)
	}
	originals := map[string]bool{}
	for _, r := range rows[1:] {
		originals[strings.ToLower(r[2])] = true
		if !strings.HasPrefix(r[3], "[") || r[4] == "0" {
			t.Errorf("key row %q", r)
		}
	}
	for _, n := range demoNames() {
		if !originals[strings.ToLower(n)] {
			t.Errorf("key has no row for listed name %s", n)
		}
	}

	// Same input, same config: the same outputs and key, pseudonym numbers
	// included. The second run replaces the first output in place.
	first := hashTree(t, filepath.Join(dir, "out"))
	firstCells := xlsxCells(t, filepath.Join(dir, "out", "pbasis.xlsx"))
	firstKey, err := os.ReadFile(keyPath)
	must(t, err)
	if _, stderr, code := run(t, dir, "-c", cfg, "run", "--out", "out", "-q"); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	second := hashTree(t, filepath.Join(dir, "out"))
	if len(first) != len(second) {
		t.Errorf("first run wrote %d files, second %d", len(first), len(second))
	}
	for p, h := range first {
		switch filepath.Base(p) {
		case "run.json": // holds timings
			continue
		case "pbasis.xlsx": // package part order varies; compare cells
			if d := cmp.Diff(firstCells, xlsxCells(t, p)); d != "" {
				t.Errorf("pbasis.xlsx cells differ between two runs:\n%s", d)
			}
			continue
		}
		if second[p] != h {
			t.Errorf("%s differs between two runs", p)
		}
	}
	secondKey, err := os.ReadFile(keyPath)
	must(t, err)
	if !bytes.Equal(firstKey, secondKey) {
		t.Error("the key differs between two runs on the same input")
	}
}

// TestKeyFileRefusedInsideOut: the key re-identifies the families, so a
// key_file inside the output or the input folder, or none at all, is a
// usage error and nothing is written.
func TestKeyFileRefusedInsideOut(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "in"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "in", "a.txt"), []byte("I: Hoe gaat het met Samira?\nR: Goed.\n"), 0o644))
	for _, tc := range []struct{ key, want string }{
		{"out/key.csv", "inside the output folder"},
		{"out/sub/../key.csv", "inside the output folder"},
		{"in/key.csv", "inside the input folder"},
		{`""`, "privacy.key_file: required"},
	} {
		cfg := filepath.Join(dir, "c.yaml")
		must(t, os.WriteFile(cfg, []byte("input: in\nout: out\nprivacy:\n  pseudonymise: true\n  key_file: "+tc.key+"\n"), 0o644))
		_, stderr, code := run(t, dir, "-c", cfg, "run")
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("key_file %s: exit %d, want 2 and %q: %s", tc.key, code, tc.want, stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
			t.Errorf("key_file %s: an output folder was written", tc.key)
		}
	}
}

// TestNamesFile: names from a CSV file (header, kinds, comments) are used
// like listed names, and the run.json records how many names were listed
// in config but not the names.
func TestNamesFile(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "in"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "in", "a.txt"), []byte(
		"I: Hoe gaat het met Zwaantje?\nR: Goed, ze speelt bij Kwakkel op de Zonnebloem.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "namen.csv"), []byte("naam;soort\n# comment\nZwaantje;persoon\nDe Zonnebloem;place\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(
		"input: in\nout: out\nprivacy:\n  pseudonymise: true\n  auto: false\n  names: [Kwakkel]\n  names_file: namen.csv\n  key_file: key.csv\n"), 0o644))
	if _, stderr, code := run(t, dir, "-c", "c.yaml", "run", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	found := map[string]bool{}
	filepath.WalkDir(filepath.Join(dir, "out"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) != ".xlsx" && filepath.Ext(p) != ".qdpx" {
			data, _ := os.ReadFile(p)
			for _, n := range []string{"Zwaantje", "Kwakkel", "Zonnebloem"} {
				if bytes.Contains(data, []byte(n)) {
					found[n+" in "+filepath.Base(p)] = true
				}
			}
		}
		return nil
	})
	if len(found) > 0 {
		t.Errorf("names in output: %v", found)
	}
	key, err := os.ReadFile(filepath.Join(dir, "key.csv"))
	must(t, err)
	for _, want := range []string{"Zwaantje,[Persoon", "Kwakkel,[Persoon", "Zonnebloem,[Plaats"} {
		if !strings.Contains(string(key), want) {
			t.Errorf("key lacks %q:\n%s", want, key)
		}
	}
}

// TestIdentifierWarnings: a file name or case ID holding a pseudonymised
// name is reported (on stderr only), a name inside a longer word is not.
func TestIdentifierWarnings(t *testing.T) {
	key := []corpus.Replacement{{Case: "G01", Original: "Samira", Kind: corpus.PseudoPerson, Pseudonym: "[Persoon 1]", Count: 2}}
	files := []reports.FileEntry{
		{File: "G01/interview_samira.txt", Case: "G01"},
		{File: "G02/samiraatje.txt", Case: "Gezin Samira"},
		{File: "G03/a.txt", Case: "G03"},
	}
	got := identifierWarnings(files, key)
	if len(got) != 2 || !strings.Contains(got[0], "interview_samira") || !strings.Contains(got[1], `case "Gezin Samira"`) {
		t.Errorf("warnings %q", got)
	}
}
