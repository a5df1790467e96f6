package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/internal/gen"
)

// codingKeyColumns are the codings.csv columns that say what was coded
// where; codingDigest hashes only them, so that columns added later (review
// decisions, context) do not change it, while any change in what the
// matcher finds does.
var codingKeyColumns = []string{"doc", "segment", "start", "end", "code", "term", "negated"}

// codingDigest returns the hex SHA-256 of the key columns of a codings.csv,
// one line per coding, and the number of codings.
func codingDigest(t *testing.T, path string) (string, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	must(t, err)
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	must(t, err)
	if len(recs) < 2 {
		t.Fatalf("%s: %d records", path, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	h := sha256.New()
	for _, r := range recs[1:] {
		for i, c := range codingKeyColumns {
			k, ok := col[c]
			if !ok {
				t.Fatalf("%s: no column %q", path, c)
			}
			if i > 0 {
				h.Write([]byte{'\t'})
			}
			h.Write([]byte(r[k]))
		}
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil)), len(recs) - 1
}

// wantDigests reads testdata/codings.sha256: lines "name count sha256",
// recorded with the matcher before it was tuned for speed. Speed work must
// not change a single coding; when a codebook or matcher change is meant
// to change codings, record the new digests in that file (see its header).
func wantDigests(t *testing.T) map[string][2]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "codings.sha256"))
	must(t, err)
	out := map[string][2]string{}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) == 3 && !strings.HasPrefix(l, "#") {
			out[f[0]] = [2]string{f[1], f[2]}
		}
	}
	return out
}

// TestStreamedRunMatchesSerial runs a generated corpus of about 200,000
// words with all workers and with --jobs 1: the CSV files and Markdown
// reports must be byte-identical, and the codings the same as recorded
// before the speed work.
func TestStreamedRunMatchesSerial(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and runs a 200k-word corpus")
	}
	want := wantDigests(t)["gen200k"]
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	st, err := gen.Write(in, gen.Options{Words: 200_000, Seed: 7})
	must(t, err)
	if st.Words < 200_000 || st.Files < 50 {
		t.Fatalf("generated corpus too small: %+v", st)
	}
	if _, stderr, code := run(t, dir, "run", "--input", "in", "--out", "a", "--jobs", "1", "--quiet"); code != 0 {
		t.Fatalf("run --jobs 1: %d %s", code, stderr)
	}
	if _, stderr, code := run(t, "", "run", "--input", "in", "--out", "b", "--jobs", "0", "--quiet"); code != 0 {
		t.Fatalf("run --jobs 0: %d %s", code, stderr)
	}
	ha, hb := hashTree(t, filepath.Join(dir, "a")), hashTree(t, filepath.Join(dir, "b"))
	compared := 0
	for p, h := range ha {
		rel, _ := filepath.Rel(filepath.Join(dir, "a"), p)
		if ext := filepath.Ext(rel); ext != ".csv" && ext != ".md" {
			continue
		}
		compared++
		if hb[filepath.Join(dir, "b", rel)] != h {
			t.Errorf("%s differs between --jobs 1 and all workers", rel)
		}
	}
	if compared < 3+st.Cases {
		t.Errorf("compared %d CSV and Markdown files; want at least %d (2 CSV, report.md, one portrait per case)", compared, 3+st.Cases)
	}
	got, n := codingDigest(t, filepath.Join(dir, "b", "codings.csv"))
	if want[0] == "" || got != want[1] {
		t.Errorf("codings of the generated corpus changed: %d codings, digest %s; recorded %s codings, digest %s", n, got, want[0], want[1])
	}
}

// TestDemoCodingsUnchanged checks that the demo corpus is coded exactly as
// recorded before the speed work.
func TestDemoCodingsUnchanged(t *testing.T) {
	want := wantDigests(t)["demo"]
	dir := t.TempDir()
	if _, stderr, code := run(t, dir, "run", "--out", "out", "--quiet"); code != 0 {
		t.Fatalf("run: %d %s", code, stderr)
	}
	got, n := codingDigest(t, filepath.Join(dir, "out", "codings.csv"))
	if want[0] == "" || got != want[1] {
		t.Errorf("codings of the demo changed: %d codings, digest %s; recorded %s codings, digest %s", n, got, want[0], want[1])
	}
}
