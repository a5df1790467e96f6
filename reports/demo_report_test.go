package reports

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
)

var demoOut = flag.String("demo-out", "", "also write the demo corpus reports into this folder, to look at")

// demoResults reads, codes and aggregates the embedded demo corpus the way
// `pbasis run` does, and returns the results with a manifest.
func demoResults(t *testing.T) (*analysis.Results, *Manifest) {
	t.Helper()
	return corpusResults(t, demo.FS(), "test", "embedded demo corpus")
}

// corpusResults reads, codes and aggregates the corpus in fsys the way
// `pbasis run` does, and returns the results with a manifest naming
// version and source.
func corpusResults(tb testing.TB, fsys fs.FS, version, source string) (*analysis.Results, *Manifest) {
	tb.Helper()
	o := corpus.DefaultOptions()
	files, skipped, err := corpus.List(fsys, o.Limits)
	if err != nil {
		tb.Fatal(err)
	}
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		tb.Fatal(err)
	}
	cb, err := analysis.LoadDefault()
	if err != nil {
		tb.Fatal(err)
	}
	acc := analysis.NewAccumulator(cb.Spec(), analysis.ResultsOptions{Lang: "nl"})
	em := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
	for _, f := range files {
		doc, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			skipped = append(skipped, corpus.Skipped{File: f, Reason: err.Error()})
			continue
		}
		codings := analysis.CodeDocument(cb, doc)
		acc.Add(doc, codings)
		em.Add(doc, codings)
	}
	spec := cb.Spec()
	m := &Manifest{
		Tool:     ToolInfo{Name: "pbasis", Version: version},
		Config:   ConfigInfo{Settings: map[string]any{"corpus": map[string]any{"segment_unit": o.Unit}}},
		Codebook: &CodebookInfo{ID: spec.ID, Version: spec.Version, File: analysis.DefaultCodebookName, SHA256: analysis.SHA256(analysis.DefaultCodebookYAML()), Codes: len(spec.Codes)},
		Input:    InputInfo{Source: source},
		Skipped:  skipped,
	}
	r := acc.Results()
	r.Emergent = em.Result(nil)
	return r, m
}

func TestDemoReports(t *testing.T) {
	r, m := demoResults(t)
	if len(r.Corpus.Cases) != 5 {
		t.Fatalf("demo corpus: %d cases, want 5", len(r.Corpus.Cases))
	}
	for _, lang := range Langs() {
		out := t.TempDir()
		written := writeAllChecked(t, out, r, m, lang)
		if want := 2 + 2*len(r.Corpus.Cases) + 1; len(written) != want {
			t.Errorf("%s: wrote %d files, want %d", lang, len(written), want)
		}
		report, err := os.ReadFile(filepath.Join(out, ReportFile))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range r.Corpus.Cases {
			if !strings.Contains(string(report), "(families/"+SafeFileName(c.ID)+".md)") {
				t.Errorf("%s: report.md does not link the portrait of %s", lang, c.ID)
			}
		}
		if *demoOut != "" && lang == LangNL {
			if _, err := WriteAll(*demoOut, r, m, lang); err != nil {
				t.Fatal(err)
			}
		}
	}
}
