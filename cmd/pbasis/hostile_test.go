package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pbasis/pbasis/internal/testutil"
	"github.com/pbasis/pbasis/reports"
)

// End-to-end tests of "pbasis run" against hostile input and interrupted
// runs (issue "Trust").

// TestSymlinkOutOfInputSkipped: a symbolic link to a file or folder outside
// the input folder is never followed: it is listed as skipped with its
// reason (exit status 1), and nothing of what it points to is read.
func TestSymlinkOutOfInputSkipped(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	secret := filepath.Join(dir, "geheim")
	must(t, os.MkdirAll(in, 0o755))
	must(t, os.MkdirAll(secret, 0o755))
	must(t, os.WriteFile(filepath.Join(secret, "dossier.txt"), []byte("I: Wat weet je?\nR: Geheimwoord zwanenhals.\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(in, "goed.txt"), []byte("I: Wie helpt er?\nR: De buurvrouw.\n"), 0o644))
	if err := os.Symlink(filepath.Join(secret, "dossier.txt"), filepath.Join(in, "link.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	must(t, os.Symlink(secret, filepath.Join(in, "map")))
	must(t, os.Symlink("../geheim/dossier.txt", filepath.Join(in, "relatief.txt")))
	_, stderr, code := run(t, dir, "run", "--input", "in", "--out", "out")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (links skipped): %s", code, stderr)
	}
	var m reports.Manifest
	data, err := os.ReadFile(filepath.Join(dir, "out", "run.json"))
	must(t, err)
	must(t, json.Unmarshal(data, &m))
	skipped := map[string]string{}
	for _, s := range m.Skipped {
		skipped[s.File] = s.Reason
	}
	for _, f := range []string{"link.txt", "map", "relatief.txt"} {
		if !strings.Contains(skipped[f], "symbolic link") || !strings.Contains(stderr, f) {
			t.Errorf("%s: skipped reason %q; stderr:\n%s", f, skipped[f], stderr)
		}
	}
	if m.Counts.Documents != 1 {
		t.Errorf("%d documents read, want 1", m.Counts.Documents)
	}
	seg, err := os.ReadFile(filepath.Join(dir, "out", "segments.csv"))
	must(t, err)
	if bytes.Contains(seg, []byte("zwanenhals")) {
		t.Error("text from outside the input folder was read through a link")
	}
}

// TestHostileCaseIDsStayInsideOut: case IDs from the metadata sheet become
// file names (portraits, ecomaps) only through reports.SafeFileName:
// "../../etc", "CON", "a/b" and "." never make a file outside --out, a
// device name or a hidden file, and nothing outside --out changes.
func TestHostileCaseIDsStayInsideOut(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	must(t, os.MkdirAll(in, 0o755))
	cases := []string{"../../etc", "CON", "a/b", ".", "..\\..\\win"}
	var sheet strings.Builder
	sheet.WriteString("file,case,kind\n")
	for i, c := range cases {
		f := fmt.Sprintf("f%d.txt", i)
		must(t, os.WriteFile(filepath.Join(in, f), []byte("I: Wie helpt er?\nR: De buurvrouw en opa.\n"), 0o644))
		fmt.Fprintf(&sheet, "%s,%q,transcript\n", f, c)
	}
	must(t, os.WriteFile(filepath.Join(in, "metadata.csv"), []byte(sheet.String()), 0o644))
	outside := func() map[string][32]byte {
		h := hashTree(t, dir)
		for p := range h {
			if strings.HasPrefix(p, filepath.Join(dir, "out")+string(filepath.Separator)) {
				delete(h, p)
			}
		}
		return h
	}
	before := outside()
	_, stderr, code := run(t, dir, "run", "--input", "in", "--out", "out")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	after := outside()
	if len(before) != len(after) {
		t.Errorf("files outside out/: %d before, %d after", len(before), len(after))
	}
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed", p)
		}
	}
	fams, err := os.ReadDir(filepath.Join(dir, "out", "families"))
	must(t, err)
	if len(fams) != len(cases) {
		t.Errorf("%d portraits for %d cases", len(fams), len(cases))
	}
	for _, e := range fams {
		n := e.Name()
		stem := strings.ToLower(strings.TrimSuffix(n, ".md"))
		if strings.HasPrefix(n, ".") || strings.ContainsAny(n, `/\:`) || stem == "con" || !e.Type().IsRegular() {
			t.Errorf("unsafe portrait name %q", n)
		}
	}
	for _, sub := range []string{"etc", "win", "b.md"} {
		if _, err := os.Stat(filepath.Join(dir, sub)); err == nil {
			t.Errorf("%s was written outside out/", sub)
		}
	}
}

// TestOutputFolderNotPbasisRefused: pbasis replaces --out as a whole, so it
// refuses a folder that holds files it did not write, and leaves them be.
func TestOutputFolderNotPbasisRefused(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "scriptie")
	must(t, os.MkdirAll(mine, 0o755))
	must(t, os.WriteFile(filepath.Join(mine, "hoofdstuk1.docx"), []byte("mijn werk"), 0o644))
	_, stderr, code := run(t, dir, "run", "--out", "scriptie")
	if code != 2 || !strings.Contains(stderr, "never deletes") {
		t.Errorf("exit %d, want 2 and an explanation: %s", code, stderr)
	}
	if data, err := os.ReadFile(filepath.Join(mine, "hoofdstuk1.docx")); err != nil || string(data) != "mijn werk" {
		t.Errorf("user file touched: %q %v", data, err)
	}
	// A previous pbasis output with a file added by the user is refused
	// too; without it, it is replaced.
	if _, stderr, code := run(t, dir, "run", "--out", "out", "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	must(t, os.WriteFile(filepath.Join(dir, "out", "notities.txt"), []byte("x"), 0o644))
	if _, stderr, code := run(t, dir, "run", "--out", "out", "-q"); code != 2 || !strings.Contains(stderr, "notities.txt") {
		t.Errorf("out with a user file: exit %d: %s", code, stderr)
	}
	must(t, os.Remove(filepath.Join(dir, "out", "notities.txt")))
	if _, stderr, code := run(t, dir, "run", "--out", "out", "-q"); code != 0 {
		t.Errorf("previous pbasis output not replaced: exit %d: %s", code, stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "out.pbasis-*")); len(left) > 0 {
		t.Errorf("staging or backup folders left: %v", left)
	}
}

// TestHelperProcessMain is not a test: TestInterruptedRun starts the test
// binary with PBASIS_HELPER_MAIN=1 to run the real main (signals, exit
// codes) with the arguments after "--".
func TestHelperProcessMain(t *testing.T) {
	if os.Getenv("PBASIS_HELPER_MAIN") != "1" {
		t.Skip("helper process for TestInterruptedRun")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			os.Args = append([]string{"pbasis"}, args[i+1:]...)
			break
		}
	}
	main()
}

// bigCorpus writes n transcripts of about size bytes each (the demo's text
// transcripts repeated) into dir.
func bigCorpus(t *testing.T, dir string, n, size int) int64 {
	t.Helper()
	var src []byte
	for _, f := range []string{"G03/G03_moeder_2024-04-18.txt", "G04/G04_interview_moeder.txt"} {
		data, err := os.ReadFile(filepath.Join(testutil.RepoRoot(), "demo", "files", filepath.FromSlash(f)))
		must(t, err)
		src = append(src, data...)
		src = append(src, '\n')
	}
	body := bytes.Repeat(src, size/len(src)+1)
	must(t, os.MkdirAll(dir, 0o755))
	var total int64
	for i := range n {
		must(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("G%03d_interview.txt", i)), body, 0o644))
		total += int64(len(body))
	}
	return total
}

// TestInterruptedRun starts "pbasis run" as a process on a corpus of about
// 48 MB, interrupts it while it writes (SIGINT), and checks that the output
// folder still holds the previous complete output, byte for byte, and that
// no staging folder or temporary file is left. Then it kills a run with
// SIGKILL: the output folder must still be the previous one; a staging
// folder may be left (nothing can clean up after SIGKILL), and the next
// run must work.
func TestInterruptedRun(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 48 MB corpus")
	}
	dir := t.TempDir()
	mb := bigCorpus(t, filepath.Join(dir, "groot"), 60, 800<<10) >> 20
	// The previous complete output: the demo.
	if _, stderr, code := run(t, dir, "run", "--out", "out", "-q"); code != 0 {
		t.Fatalf("demo run: exit %d: %s", code, stderr)
	}
	want := hashTree(t, filepath.Join(dir, "out"))

	start := func() (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessMain$", "--", "run", "--input", "groot", "--out", "out", "-q", "--jobs", "2")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "PBASIS_HELPER_MAIN=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		return cmd, &stderr
	}
	// waitWriting waits until the run writes into its staging folder.
	waitWriting := func(cmd *exec.Cmd) bool {
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			tmp, _ := filepath.Glob(filepath.Join(dir, "out.pbasis-tmp-*", "segments.csv"))
			if len(tmp) > 0 {
				time.Sleep(200 * time.Millisecond)
				return true
			}
			time.Sleep(5 * time.Millisecond)
		}
		return false
	}
	check := func(what string) {
		t.Helper()
		got := hashTree(t, filepath.Join(dir, "out"))
		if len(got) != len(want) {
			t.Errorf("%s: out/ has %d files, the previous output %d", what, len(got), len(want))
		}
		for p, h := range want {
			if got[p] != h {
				t.Errorf("%s: %s is not the previous output's", what, p)
			}
		}
	}

	cmd, stderr := start()
	if !waitWriting(cmd) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the run never started writing: %s", stderr)
	}
	began := time.Now()
	must(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	stopped := time.Since(began)
	code := cmd.ProcessState.ExitCode()
	if code != 130 {
		t.Fatalf("after SIGINT: exit %d (%v), want 130 (was the %d MB corpus read before the signal?): %s", code, err, mb, stderr)
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr does not say the run was interrupted: %s", stderr)
	}
	check("SIGINT")
	if left, _ := filepath.Glob(filepath.Join(dir, "out.pbasis-*")); len(left) > 0 {
		t.Errorf("SIGINT: left behind %v", left)
	}
	t.Logf("SIGINT on a %d MB corpus: stopped %v after the signal", mb, stopped.Round(time.Millisecond))

	cmd, stderr = start()
	if !waitWriting(cmd) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the run never started writing: %s", stderr)
	}
	must(t, cmd.Process.Kill())
	cmd.Wait()
	check("SIGKILL")
	left, _ := filepath.Glob(filepath.Join(dir, "out.pbasis-tmp-*"))
	t.Logf("SIGKILL left %d staging folder(s) beside out/ (expected: nothing runs after SIGKILL)", len(left))
	// The next run is not disturbed by a staging folder left behind.
	if _, stderr, code := run(t, "", "run", "--out", "out", "-q"); code != 0 {
		t.Errorf("run after SIGKILL: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "run.json")); err != nil {
		t.Errorf("run after SIGKILL: %v", err)
	}
}
