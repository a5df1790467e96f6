package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCodebookPositions(t *testing.T) {
	data := []byte(`id: t
version: "1"
language: nl
title: {nl: T, en: T}
codes:
  - id: a
    category: place
    label: {nl: A, en: A}
    terms:
      - park
      - {term: speeltuin, whole_word: true}
    examples:
      - Het park.
      - De speeltuin.
`)
	spec, err := LoadCodebook("t.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	c := spec.Codes[0]
	if c.Line != 6 || c.Column != 5 {
		t.Errorf("code at %d:%d, want 6:5", c.Line, c.Column)
	}
	if c.Terms[0].Line != 10 || c.Terms[1].Line != 11 || !c.Terms[1].WholeWord || c.Terms[1].Term != "speeltuin" {
		t.Errorf("terms = %+v", c.Terms)
	}
	if got := c.exampleLines; len(got) != 2 || got[0] != 13 || got[1] != 14 {
		t.Errorf("example lines = %v, want [13 14]", got)
	}
	if spec.File != "t.yaml" {
		t.Errorf("File = %q", spec.File)
	}
}

func TestLoadCodebookErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown code key", "id: t\ncodes:\n  - id: a\n    category: place\n    colour: red\n", "x.yaml:5:"},
		{"unknown top key", "id: t\nfoo: 1\n", "x.yaml:2:"},
		{"unknown term key", "id: t\ncodes:\n  - id: a\n    terms:\n      - {term: park, wholeword: true}\n", "x.yaml:5: unknown term key \"wholeword\""},
		{"term of wrong kind", "id: t\ncodes:\n  - id: a\n    terms:\n      - [park]\n", "x.yaml:5:"},
		{"syntax", "id: t\ncodes: [\n", "x.yaml:"},
		{"empty", "", "x.yaml: empty codebook"},
		{"duplicate key", "id: t\nid: u\n", "x.yaml:2:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadCodebook("x.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err, tc.want)
			}
			var ce *CodebookError
			if !errors.As(err, &ce) {
				t.Errorf("error %T is not a *CodebookError", err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "codebooks", "invalid.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	spec, err := LoadCodebook("invalid.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, p := range spec.Validate() {
		got[p.Severity+" "+p.String()] = true
	}
	// Lines are those of invalid.yaml.
	want := []string{
		`error invalid.yaml:11:5: code "a": duplicate code id (first defined at invalid.yaml:5)`,
		`error invalid.yaml:15:5: code "b": unknown category "places" (known: relation, place, facility, quality, formal_help, strain)`,
		`error invalid.yaml:15:5: code "b": bad colour "red" (want #RRGGBB)`,
		`error invalid.yaml:15:5: code "b": empty label`,
		`error invalid.yaml:20:9: code "b": term "Park" is claimed by two codes: also by "a" (invalid.yaml:9)`,
		`error invalid.yaml:21:5: code "c": unknown parent "nope"`,
		`warning invalid.yaml:21:5: code "c": empty code: no terms and no children`,
		`error invalid.yaml:25:5: code "d": parent cycle: d -> e -> d`,
		`warning invalid.yaml:25:5: code "d": label has no en text`,
		`warning invalid.yaml:39:9: code "f": term "opvang" is also a term of code "e" (invalid.yaml:34); they differ only by roles or near rules`,
		`error invalid.yaml:40:9: code "f": term "oma" is claimed by two codes: also by "a" (invalid.yaml:10)`,
		`warning invalid.yaml:41:9: code "f": term "oma" listed twice`,
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("missing problem: %s", w)
		}
	}
	if len(got) != len(want) {
		for g := range got {
			t.Logf("got: %s", g)
		}
		t.Errorf("got %d problems, want %d", len(got), len(want))
	}
	_, err = Compile(spec)
	if err == nil {
		t.Fatal("Compile accepted an invalid codebook")
	}
	if !strings.Contains(err.Error(), "invalid.yaml:11:5") {
		t.Errorf("Compile error lacks the duplicate's position: %v", err)
	}
	var p Problem
	if !errors.As(err, &p) || p.Severity != SeverityError {
		t.Errorf("Compile error does not wrap a Problem: %v", err)
	}
}

func TestCompileMini(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	if cb.Spec().ID != "mini" {
		t.Errorf("Spec().ID = %q", cb.Spec().ID)
	}
	if _, err := CompileWith(cb.Spec(), CompileOptions{MinModifier: 20}); err != nil {
		t.Fatal(err)
	}
	long, _ := CompileWith(cb.Spec(), CompileOptions{MinModifier: 20})
	if got := long.Match("De volleybalcoach.", Context{}); len(got) != 0 {
		t.Errorf("MinModifier 20 still splits volleybal|coach: %v", summary(got))
	}
	if _, err := Compile(nil); err == nil {
		t.Error("Compile(nil) gave no error")
	}
}

func TestRunExamples(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	for _, f := range RunExamples(cb) {
		t.Errorf("%s", f)
	}
	bad := loadTestCodebook(t, "failing.yaml")
	fails := RunExamples(bad)
	var got []string
	for _, f := range fails {
		got = append(got, f.String())
	}
	want := []string{
		`testdata/codebooks/failing.yaml:11: code "place.park": example not coded: "We gaan naar de speeltuin." (got place.playground=speeltuin)`,
		`testdata/codebooks/failing.yaml:13: code "place.park": counterexample coded: "Er is geen park." (got place.park=park[neg])`,
		`testdata/codebooks/failing.yaml:24: code "rel.gp": example not coded: "Mijn moeder haalt ze op."`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("RunExamples:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseExample(t *testing.T) {
	for _, tc := range []struct{ in, role, s string }{
		{"[parent] Mijn moeder.", "parent", "Mijn moeder."},
		{"[Parent]Mijn moeder.", "parent", "Mijn moeder."},
		{"Mijn [moeder].", "", "Mijn [moeder]."},
		{"[a b] x", "", "[a b] x"},
	} {
		r, s := ParseExample(tc.in)
		if r != tc.role || s != tc.s {
			t.Errorf("ParseExample(%q) = %q, %q", tc.in, r, s)
		}
	}
}

// TestDefaultCodebookExamples runs the examples of the default codebook
// when it exists (it is written in parallel).
func TestDefaultCodebookExamples(t *testing.T) {
	path := filepath.Join("codebooks", "nl.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no default codebook yet: %v", err)
	}
	spec, err := LoadCodebook(path, data)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := Compile(spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range RunExamples(cb) {
		t.Errorf("%s", f)
	}
}

func FuzzLoadCodebook(f *testing.F) {
	for _, name := range []string{"mini.yaml", "invalid.yaml", "failing.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "codebooks", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := LoadCodebook("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		_ = spec.Validate()
		cb, err := Compile(spec)
		if err != nil {
			return
		}
		for i := range spec.Codes {
			for _, e := range spec.Codes[i].Examples {
				checkSpans(t, e, cb.Match(e, Context{Window: e}))
			}
		}
		_ = RunExamples(cb)
	})
}
