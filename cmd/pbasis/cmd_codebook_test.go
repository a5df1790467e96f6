package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/pbasis/pbasis/analysis"
)

// defaultSpec is the embedded codebook, read directly (not through the CLI).
func defaultSpec(t *testing.T) *analysis.CodebookSpec {
	t.Helper()
	spec, err := analysis.LoadCodebook(analysis.DefaultCodebookName, analysis.DefaultCodebookYAML())
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func readYAMLSpec(t *testing.T, file string) *analysis.CodebookSpec {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	spec, err := analysis.LoadCodebook(file, data)
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

func specOpts() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreFields(analysis.CodebookSpec{}, "File"),
		cmpopts.IgnoreFields(analysis.CodeSpec{}, "Line", "Column"),
		cmpopts.IgnoreFields(analysis.TermSpec{}, "Line", "Column"),
		cmpopts.IgnoreUnexported(analysis.CodeSpec{}),
	}
}

// Export the default codebook to each format, import it back to YAML and
// validate that: nothing is lost on the way.
func TestCodebookExportImport(t *testing.T) {
	dir := t.TempDir()
	want := defaultSpec(t)
	for _, format := range []string{"yaml", "xlsx", "qdc"} {
		t.Run(format, func(t *testing.T) {
			exported := "cb." + format
			_, stderr, code := run(t, dir, "codebook", "export", "--format", format, "-o", exported)
			if code != 0 {
				t.Fatalf("export: exit %d: %s", code, stderr)
			}
			if !strings.Contains(stderr, "wrote cb."+format) {
				t.Errorf("export stderr %q", stderr)
			}
			back := "back-" + format + ".yaml"
			_, stderr, code = run(t, dir, "codebook", "import", exported, "-o", back)
			if code != 0 {
				t.Fatalf("import: exit %d: %s", code, stderr)
			}
			if d := cmp.Diff(want, readYAMLSpec(t, filepath.Join(dir, back)), specOpts()); d != "" {
				t.Errorf("export %s + import lost data (-default +imported):\n%s", format, d)
			}
			stdout, stderr, code := run(t, dir, "codebook", "validate", back)
			if code != 0 || !strings.Contains(stdout, back+": "+strconv.Itoa(len(want.Codes))+" codes, 0 errors") {
				t.Errorf("validate %s: exit %d\n%s%s", back, code, stdout, stderr)
			}
			// The exported file itself validates too.
			if _, stderr, code := run(t, dir, "codebook", "validate", exported); code != 0 {
				t.Errorf("validate %s: exit %d: %s", exported, code, stderr)
			}
		})
	}
}

func TestCodebookExportStdout(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, code := run(t, dir, "codebook", "export", "--format", "yaml")
	if code != 0 || !strings.Contains(stdout, "\nid: nl\n") {
		t.Errorf("yaml to stdout: exit %d: %s\n%.200s", code, stderr, stdout)
	}
	stdout, stderr, code = run(t, dir, "codebook", "export", "--format", "qdc")
	if code != 0 || !strings.HasPrefix(stdout, `<?xml version="1.0" encoding="UTF-8"?>`) || !strings.Contains(stdout, "<CodeBook") {
		t.Errorf("qdc to stdout: exit %d: %s\n%.200s", code, stderr, stdout)
	}
	for _, args := range [][]string{
		{"codebook", "export", "--format", "xlsx"},                // xlsx needs -o
		{"codebook", "export"},                                    // no format
		{"codebook", "export", "--format", "csv", "-o", "x.csv"},  // unknown format
		{"codebook", "export", "--format", "qdc", "-o", "x.yaml"}, // extension and format disagree
		{"codebook", "import", "cb.yaml", "-o", "x.xlsx"},         // import writes YAML
		{"codebook", "validate", "nope.yaml"},                     // missing file
		{"codebook", "validate", "codebook.json"},                 // unknown format
	} {
		stdout, stderr, code := run(t, dir, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s%s", args, code, stdout, stderr)
		}
		if stdout != "" && args[1] == "export" {
			t.Errorf("%v wrote to stdout: %.100s", args, stdout)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands left files: %v", entries)
	}
}

func TestCodebookValidateBroken(t *testing.T) {
	dir := t.TempDir()
	broken := `id: broken
codes:
  - id: place.park
    category: place
    label: {nl: Park, en: Park}
    terms: [park]
  - id: rel.x
    category: relatie
    label: {nl: X}
    terms: [buurman]
`
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := run(t, dir, "codebook", "validate", "broken.yaml")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stdout, `broken.yaml:7:5: code "rel.x": unknown category "relatie"`) {
		t.Errorf("stdout lacks the error with its line:\n%s", stdout)
	}
	if !strings.Contains(stdout, `broken.yaml:7:5: code "rel.x": warning: label has no en text`) {
		t.Errorf("stdout lacks the warning:\n%s", stdout)
	}
	if !strings.Contains(stderr, "has 1 errors") {
		t.Errorf("stderr %q", stderr)
	}
	// --quiet prints the error only.
	stdout, _, code = run(t, dir, "-q", "codebook", "validate", "broken.yaml")
	if code != 2 || strings.Contains(stdout, "warning") || !strings.Contains(stdout, "unknown category") {
		t.Errorf("quiet: exit %d:\n%s", code, stdout)
	}
	// Import refuses it and writes nothing.
	_, stderr, code = run(t, dir, "codebook", "import", "broken.yaml", "-o", "out.yaml")
	if code != 2 || !strings.Contains(stderr, "unknown category") {
		t.Errorf("import: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out.yaml")); err == nil {
		t.Error("import of a broken codebook wrote out.yaml")
	}
	// Export still works (to fix it in Excel), and the workbook's problems
	// point at its rows: rel.x is on row 3.
	if _, stderr, code := run(t, dir, "codebook", "export", "-o", "broken.xlsx", "broken.yaml"); code != 0 || !strings.Contains(stderr, "has 1 errors") {
		t.Errorf("export: exit %d: %s", code, stderr)
	}
	stdout, _, code = run(t, dir, "codebook", "validate", "broken.xlsx")
	if code != 2 || !strings.Contains(stdout, `broken.xlsx:3:1: code "rel.x": unknown category "relatie"`) {
		t.Errorf("validate xlsx: exit %d:\n%s", code, stdout)
	}
	// A YAML syntax error: exit 2 with the line.
	os.WriteFile(filepath.Join(dir, "syntax.yaml"), []byte("id: x\ncodes:\n  - id: a\n   category: place\n"), 0o644)
	_, stderr, code = run(t, dir, "codebook", "validate", "syntax.yaml")
	if code != 2 || !regexp.MustCompile(`syntax\.yaml:\d+: `).MatchString(stderr) {
		t.Errorf("syntax: exit %d: %s", code, stderr)
	}
}

func TestCodebookValidateJSON(t *testing.T) {
	stdout, stderr, code := run(t, t.TempDir(), "--json", "codebook", "validate")
	if code != 0 || !strings.Contains(stdout, `"file": "`+analysis.DefaultCodebookName+`"`) || !strings.Contains(stdout, `"errors": 0`) {
		t.Errorf("exit %d: %s\n%s", code, stderr, stdout)
	}
}

// Without FILE the configured codebook is used.
func TestCodebookFromConfig(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine.yaml"), []byte("id: mine\ncodes:\n  - id: a\n    category: nope\n    label: {nl: A, en: A}\n    terms: [park]\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "config.yaml"), []byte("codebook: mine.yaml\n"), 0o644)
	stdout, _, code := run(t, dir, "codebook", "validate")
	if code != 2 || !strings.Contains(stdout, `mine.yaml:3:5: code "a": unknown category "nope"`) {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
}

func TestCodebookTestDefault(t *testing.T) {
	spec := defaultSpec(t)
	ex, cex := 0, 0
	for _, c := range spec.Codes {
		ex += len(c.Examples)
		cex += len(c.Counterexamples)
	}
	stdout, stderr, code := run(t, t.TempDir(), "codebook", "test")
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	want := strconv.Itoa(ex) + " examples, " + strconv.Itoa(cex) + " counterexamples, 0 failures\n"
	if stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
}

func TestCodebookTestFailing(t *testing.T) {
	dir := t.TempDir()
	cb := `id: failing
codes:
  - id: place.park
    category: place
    label: {nl: Park, en: Park}
    terms: [park]
    examples:
      - Het park is mooi.
      - We gaan naar de speeltuin.
    counterexamples:
      - Hij zoekt een parkeerplaats.
      - Wat een mooi park.
`
	os.WriteFile(filepath.Join(dir, "failing.yaml"), []byte(cb), 0o644)
	stdout, stderr, code := run(t, dir, "codebook", "test", "failing.yaml")
	if code != 1 {
		t.Errorf("exit %d, want 1: %s", code, stderr)
	}
	for _, want := range []string{
		`failing.yaml:9: code "place.park": example not coded: "We gaan naar de speeltuin."`,
		`failing.yaml:12: code "place.park": counterexample coded: "Wat een mooi park."`,
		"2 examples, 2 counterexamples, 2 failures\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^failing\.yaml:`).FindAllString(stdout, -1)); n != 2 {
		t.Errorf("%d failure lines, want 2:\n%s", n, stdout)
	}
	// A codebook with errors cannot be tested: exit 2.
	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("id: b\ncodes:\n  - id: a\n    category: nope\n    label: {nl: A}\n"), 0o644)
	if _, stderr, code := run(t, dir, "codebook", "test", "bad.yaml"); code != 2 || !strings.Contains(stderr, "unknown category") {
		t.Errorf("bad: exit %d: %s", code, stderr)
	}
}
