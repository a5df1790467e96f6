package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/reports"
)

// run executes the CLI with args in dir and returns stdout, stderr and the
// exit code main would return.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var stdout, stderr bytes.Buffer
	cmd := newRootCommand(strings.NewReader(""), &stdout, &stderr)
	cmd.SetArgs(args)
	err := cmd.Execute()
	code := 0
	if err != nil {
		code = 2
		if errors.Is(err, errPartial) {
			code = 1
		}
		stderr.WriteString("pbasis: " + err.Error() + "\n")
	}
	return stdout.String(), stderr.String(), code
}

func TestRunDemo(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, dir, "run", "--out", "out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(filepath.Join(dir, "out", "segments.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0][:9], ",")
	if head != "doc,case,speaker,role,voice,segment,start,end,text" {
		t.Errorf("segments.csv header %q", head)
	}
	if len(rows) < 500 {
		t.Errorf("only %d segment rows from the demo corpus", len(rows)-1)
	}
	voices := map[string]int{}
	cases := map[string]bool{}
	for _, r := range rows[1:] {
		voices[r[4]]++
		cases[r[1]] = true
	}
	for _, v := range []string{"own", "interviewer", "notes"} {
		if voices[v] == 0 {
			t.Errorf("no segments with voice %s in the demo: %v", v, voices)
		}
	}
	if len(cases) < 4 {
		t.Errorf("demo has %d cases, want at least 4", len(cases))
	}
	for _, f := range []string{"report.md", "families/G01.md", "figures/ecomap-G01.svg", "codings.csv"} {
		if _, err := os.Stat(filepath.Join(dir, "out", f)); err != nil {
			t.Errorf("demo run did not write %s: %v", f, err)
		}
	}
	var m reports.Manifest
	data, err := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.Counts.Documents < 8 || len(m.Files) != m.Counts.Documents {
		t.Errorf("run.json counts %+v with %d files", m.Counts, len(m.Files))
	}
	for _, fe := range m.Files {
		if fe.SHA256 == "" || fe.Bytes == 0 || fe.Encoding == "" {
			t.Errorf("run.json file entry incomplete: %+v", fe)
		}
	}
}

func TestRunSkipsBadFilesAndGoesOn(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	must(t, os.MkdirAll(in, 0o755))
	must(t, os.WriteFile(filepath.Join(in, "goed.txt"), []byte("I: Wie helpt er?\nR: De buurvrouw.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(in, "leeg.txt"), nil, 0o644))
	must(t, os.WriteFile(filepath.Join(in, "kapot.docx"), []byte("not a zip"), 0o644))
	must(t, os.WriteFile(filepath.Join(in, "scan.pdf"), []byte("%PDF-1.4"), 0o644))
	_, stderr, code := run(t, dir, "run", "--input", "in", "--out", "out")
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	for _, f := range []string{"leeg.txt", "kapot.docx", "scan.pdf"} {
		if !strings.Contains(stderr, f) {
			t.Errorf("stderr does not name %s:\n%s", f, stderr)
		}
	}
	var m reports.Manifest
	data, _ := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	must(t, json.Unmarshal(data, &m))
	if m.Counts.Documents != 1 || m.Counts.Skipped != 3 || m.ExitCode != 1 {
		t.Errorf("manifest counts %+v exit %d", m.Counts, m.ExitCode)
	}
	// --strict makes the first bad file fatal.
	_, stderr, code = run(t, "", "run", "--input", "in", "--out", "out2", "--strict")
	if code != 2 || !strings.Contains(stderr, "--strict") {
		t.Errorf("strict: exit %d: %s", code, stderr)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "config.yaml"), []byte("out: from-file\nlang: en\ncorpus:\n  segment_unit: turn\n"), 0o644))
	t.Chdir(dir)
	l, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	if l.cfg.Out != "from-file" || l.cfg.Lang != "en" || l.cfg.Corpus.SegmentUnit != "turn" || l.cfg.Limits.MaxZipEntries != 10000 {
		t.Errorf("file values over defaults: %+v", l.cfg)
	}
	t.Setenv("PBASIS_OUT", "from-env")
	t.Setenv("PBASIS_CORPUS_SEGMENT_UNIT", "paragraph")
	l, err = loadConfig("", nil)
	must(t, err)
	if l.cfg.Out != "from-env" || l.cfg.Corpus.SegmentUnit != "paragraph" {
		t.Errorf("env over file: %+v", l.cfg)
	}
	cmd := newRunCommand(&globalOptions{})
	must(t, cmd.Flags().Set("out", "from-flag"))
	l, err = loadConfig("", cmd.Flags())
	must(t, err)
	if l.cfg.Out != "from-flag" {
		t.Errorf("flag over env: %q", l.cfg.Out)
	}
	// A flag left unset does not override the file.
	if l.cfg.Lang != "en" {
		t.Errorf("unset --lang overrode the file: %q", l.cfg.Lang)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	must(t, os.WriteFile("typo.yaml", []byte("ouput: x\n"), 0o644))
	if _, err := loadConfig("typo.yaml", nil); err == nil || !strings.Contains(err.Error(), "ouput") {
		t.Errorf("unknown key: %v", err)
	}
	must(t, os.WriteFile("bad.yaml", []byte("lang: fr\ncorpus:\n  segment_unit: line\n"), 0o644))
	_, err := loadConfig("bad.yaml", nil)
	if err == nil || !strings.Contains(err.Error(), "lang: must be one of [nl en]") || !strings.Contains(err.Error(), `segment_unit: must be one of [sentence turn paragraph] (got "line")`) {
		t.Errorf("all problems in one error: %v", err)
	}
	var ue *usageError
	if !errors.As(err, &ue) {
		t.Errorf("config errors are usage errors (exit 2)")
	}
}

func TestOutInsideInputRefused(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "in"), 0o755))
	_, stderr, code := run(t, dir, "run", "--input", "in", "--out", "in/out")
	if code != 2 || !strings.Contains(stderr, "inside the input folder") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestInitThenRun(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, dir, "init", "proj")
	if code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	_, stderr, code = run(t, "", "init", "proj")
	if code != 2 || !strings.Contains(stderr, "never overwrites") {
		t.Errorf("second init must refuse: %d %s", code, stderr)
	}
	_, stderr, code = run(t, filepath.Join(dir, "proj"), "run")
	if code != 0 {
		t.Fatalf("run in scaffolded project: %d %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "proj", "out", "segments.csv"))
	must(t, err)
	if !strings.Contains(string(data), "voorbeeld.txt,G01,R,parent,own") {
		t.Errorf("example not read with its sheet row:\n%s", data)
	}
}

func TestInspectShowsTurns(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("[00:00:05] Interviewer: Wie zijn de buren?\nMoeder: Aardige mensen. Echt.\n"), 0o644))
	out, stderr, code := run(t, "", "inspect", filepath.Join(dir, "a.txt"))
	if code != 0 {
		t.Fatalf("%d %s", code, stderr)
	}
	for _, w := range []string{"Interviewer  interviewer/interviewer", "@00:00:05", "Moeder  parent/own", "Aardige mensen.", "Echt."} {
		if !strings.Contains(out, w) {
			t.Errorf("inspect output lacks %q:\n%s", w, out)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestCodingsEvidence checks codings.csv on the demo: every row's term is
// the text at its span inside its segment, and the columns are DESIGN.md's.
func TestCodingsEvidence(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := run(t, dir, "run", "--out", "out"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(dir, "out", name))
		must(t, err)
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		must(t, err)
		return rows
	}
	segs := map[string][]string{}
	for _, r := range read("segments.csv")[1:] {
		segs[r[5]] = r
	}
	rows := read("codings.csv")
	want := "doc,case,speaker,role,voice,segment,start,end,code,category,term,negated,source,text"
	if got := strings.Join(rows[0][:14], ","); got != want {
		t.Fatalf("codings.csv header %q", got)
	}
	if len(rows) < 200 {
		t.Errorf("only %d codings on the demo", len(rows)-1)
	}
	cats := map[string]int{}
	for _, r := range rows[1:] {
		seg, ok := segs[r[5]]
		if !ok {
			t.Fatalf("coding refers to unknown segment %s", r[5])
		}
		segStart, start, end := atoi(t, seg[6]), atoi(t, r[6]), atoi(t, r[7])
		text := []rune(seg[8])
		if start < segStart || end-segStart > len(text) || string(text[start-segStart:end-segStart]) != r[10] {
			t.Errorf("%s: term %q is not the segment text at [%d,%d)", r[5], r[10], start, end)
		}
		if r[13] != seg[8] || r[12] != "auto" {
			t.Errorf("%s: text or source column wrong: %q %q", r[5], r[13], r[12])
		}
		cats[r[9]]++
	}
	for _, c := range []string{"relation", "place", "facility", "quality", "formal_help", "strain"} {
		if cats[c] == 0 {
			t.Errorf("no %s codings on the demo: %v", c, cats)
		}
	}
}

func TestKwic(t *testing.T) {
	out, stderr, code := run(t, t.TempDir(), "kwic", "coach", "--width", "20")
	if code != 0 {
		t.Fatalf("%d %s", code, stderr)
	}
	if !strings.Contains(out, "[volleybalcoach]") {
		t.Errorf("kwic coach should find the compound volleybalcoach:\n%s", out)
	}
	if !strings.Contains(stderr, `term "coach"`) {
		t.Errorf("summary: %s", stderr)
	}
	out, _, code = run(t, "", "kwic", "rel.neighbour", "--voice", "own")
	if code != 0 || out == "" {
		t.Fatalf("kwic by code: %d", code)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(line, " own ") {
			t.Errorf("--voice own let through: %s", line)
		}
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
