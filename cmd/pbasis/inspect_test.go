package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// TestInspectEveryFormat runs "pbasis inspect --json" on a folder with one
// file of each format: the docx, odt, xlsx and csv were made by
// python-docx, LibreOffice, openpyxl and Python's csv module
// (corpus/testdata/formats/make_fixtures.py), the rest written here. The
// expected speakers and sentences are the texts the fixtures were made from.
func TestInspectEveryFormat(t *testing.T) {
	src := filepath.Join(testutil.RepoRoot(), "corpus", "testdata", "formats")
	dir := t.TempDir()
	for _, f := range []string{"interview.docx", "interview.odt", "interview.srt", "transcript.csv", "transcript.xlsx", "voices.vtt", "zoom.vtt"} {
		data, err := os.ReadFile(filepath.Join(src, f))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, f), data, 0o644))
	}
	must(t, os.WriteFile(filepath.Join(dir, "tijden.txt"), []byte("[00:01:23] Interviewer: Wie woont er naast u?\n[00:01:30] Moeder: Mevr. Jansen, o.a. met haar hond.\nZe is 82.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "ouders.md"), []byte("---\ncase: G9\nwave: 2\n---\n**Interviewer:** En de school?\n\n**Vader:** De juf van groep 3 is top. Echt.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte("file,case,speakers\nzoom.vtt,G8,Fatima El Amrani=parent\ntranscript.xlsx,G7,Kind=child\n"), 0o644))

	out, stderr, code := run(t, "", "inspect", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var docs []corpus.Document
	must(t, json.Unmarshal([]byte(out), &docs))
	type turn struct{ Speaker, Role string }
	byID := map[string]corpus.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	turns := func(id string) []turn {
		var out []turn
		for _, tr := range byID[id].Turns {
			if tr.Speaker != "" {
				out = append(out, turn{tr.Speaker, tr.Role})
			}
		}
		return out
	}
	sentences := func(id string) []string {
		var out []string
		for _, s := range byID[id].Segments {
			out = append(out, s.Text)
		}
		return out
	}
	I, M, V := turn{"I", "interviewer"}, turn{"Moeder", "parent"}, turn{"Vader", "parent"}
	want := map[string][]turn{
		"interview.docx":  {I, M, I, M, M, V, M, I},
		"interview.odt":   {I, M, I, M, M, V, M, I},
		"interview.srt":   {{"INTERVIEWER", "interviewer"}, {"MOEDER", "parent"}, {"VADER", "parent"}},
		"transcript.csv":  {I, M, V, I},
		"transcript.xlsx": {{"Interviewer", "interviewer"}, M, V, {"Kind", "child"}},
		"voices.vtt":      {{"Interviewer", "interviewer"}, M, V, M, {"Interviewer", "interviewer"}},
		"zoom.vtt":        {{"Interviewer", "interviewer"}, {"Fatima El Amrani", "parent"}},
		"tijden.txt":      {{"Interviewer", "interviewer"}, M},
		"ouders.md":       {{"Interviewer", "interviewer"}, V},
	}
	for id, w := range want {
		if _, ok := byID[id]; !ok {
			t.Errorf("%s not read", id)
			continue
		}
		if d := cmp.Diff(w, turns(id)); d != "" {
			t.Errorf("%s turns (-want +got):\n%s", id, d)
		}
	}
	for id, ss := range map[string][]string{
		"tijden.txt":     {"Wie woont er naast u?", "Mevr. Jansen, o.a. met haar hond.", "Ze is 82."},
		"ouders.md":      {"En de school?", "De juf van groep 3 is top.", "Echt."},
		"interview.srt":  {"Heeft u contact met de buren?", "Ja, met de buurvrouw.", "Ze is erg behulpzaam.", "Het is een rustige straat.", "Behalve op vrijdag."},
		"transcript.csv": {"Wat betekent het buurthuis voor u?", "We gaan naar het café; daar zijn de financiële spreekuren.", "De juf is erg geïnteresseerd.", "Ze belt ons soms op.", "Dank u, dat is duidelijk."},
	} {
		if d := cmp.Diff(ss, sentences(id)); d != "" {
			t.Errorf("%s sentences (-want +got):\n%s", id, d)
		}
	}
	if tr := byID["tijden.txt"].Turns; len(tr) < 2 || tr[1].Time != "00:01:30" {
		t.Errorf("tijden.txt: timestamp not kept: %+v", tr)
	}
	if m := byID["ouders.md"].Meta; m.Case != "G9" || m.Wave != "2" || m.Source["case"] != "front matter" {
		t.Errorf("ouders.md metadata: %+v", m)
	}
	if e := byID["transcript.csv"].Reading.Encoding; e != "windows-1252" {
		t.Errorf("transcript.csv encoding %q", e)
	}
	if !slices.ContainsFunc(docs, func(d corpus.Document) bool { return d.Format == "odt" }) {
		t.Error("no odt read")
	}
}
