package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// An interrupted run must never leave an output folder that looks whole but
// is not. So "pbasis run" writes everything into a staging folder beside
// --out ("<out>.pbasis-tmp-<random>") and only at the very end swaps it in:
// the old output is renamed to "<out>.pbasis-old-<random>", the staging
// folder is renamed to <out>, and the old output is removed. Between the two
// renames (microseconds) <out> is absent; at every other moment it is the
// previous complete output or the new complete one. A run that fails or is
// interrupted (SIGINT, SIGTERM) removes its staging folder; a run killed
// with SIGKILL, or a machine that loses power, can leave a staging folder
// behind (its name says what it is), but never touches <out>.
//
// pbasis replaces <out> only when it is absent, empty, or holds a previous
// pbasis output: its run.json names the tool pbasis, and every file in it
// is one pbasis writes. Anything else is refused, so that a mistyped --out
// never deletes a researcher's files.

// stagingMarker and backupMarker are put between the output folder's name
// and a random suffix.
const (
	stagingMarker = ".pbasis-tmp-"
	backupMarker  = ".pbasis-old-"
)

// outStage is an output folder being written.
type outStage struct {
	final     string // the output folder as configured
	dir       string // the staging folder everything is written into
	committed bool
	early     chan struct{} // closed when syncEarly's sync is done; nil before syncEarly
}

// syncEarly starts making the files written so far durable, on a
// goroutine of its own, while the run goes on writing the rest: the sync
// at commit then has less left to wait for. Its errors are not reported:
// commit syncs again and reports those. Only the first call does
// anything.
func (s *outStage) syncEarly() {
	if s.early != nil {
		return
	}
	s.early = make(chan struct{})
	go func() {
		defer close(s.early)
		_ = syncTree(s.dir)
	}()
}

// waitEarly waits for syncEarly's sync, if one was started.
func (s *outStage) waitEarly() {
	if s.early != nil {
		<-s.early
	}
}

// beginOutput checks that out may be replaced and creates its staging
// folder beside it. Errors are usage errors (exit status 2, nothing
// written).
func beginOutput(out string) (*outStage, error) {
	if err := replaceable(out); err != nil {
		return nil, usageErr(err)
	}
	clean := filepath.Clean(out)
	parent, base := filepath.Dir(clean), filepath.Base(clean)
	if base == "." || base == ".." || base == string(filepath.Separator) {
		return nil, usageErr(fmt.Errorf("output folder %q: name a folder of its own (pbasis replaces it as a whole)", out))
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, usageErr(fmt.Errorf("output folder %s: %w", out, err))
	}
	dir, err := os.MkdirTemp(parent, base+stagingMarker)
	if err != nil {
		return nil, usageErr(fmt.Errorf("output folder %s: cannot create a staging folder beside it: %w", out, err))
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	return &outStage{final: clean, dir: dir}, nil
}

// commit swaps the staging folder in as the output folder and removes the
// previous output. After commit, abort does nothing.
func (s *outStage) commit() error {
	// Files written without their own sync (createStaged, reports.CreateFile) reach the
	// disk before the folder is swapped in.
	s.waitEarly()
	if err := syncTree(s.dir); err != nil {
		return fmt.Errorf("sync output %s: %w", s.dir, err)
	}
	var backup string
	if _, err := os.Lstat(s.final); err == nil {
		// Check again: something may have been put into the folder
		// during the run.
		if err := replaceable(s.final); err != nil {
			return usageErr(fmt.Errorf("%w (the new output is left in %s)", err, s.dir))
		}
		f, err := os.CreateTemp(filepath.Dir(s.final), filepath.Base(s.final)+backupMarker)
		if err != nil {
			return fmt.Errorf("replace output folder %s: %w", s.final, err)
		}
		backup = f.Name()
		f.Close()
		os.Remove(backup)
		if err := os.Rename(s.final, backup); err != nil {
			return fmt.Errorf("replace output folder %s: move the previous output aside: %w", s.final, err)
		}
	}
	if err := os.Rename(s.dir, s.final); err != nil {
		if backup != "" {
			_ = os.Rename(backup, s.final)
		}
		return fmt.Errorf("replace output folder %s: %w", s.final, err)
	}
	s.committed = true
	syncDir(filepath.Dir(s.final))
	if backup != "" {
		if err := os.RemoveAll(backup); err != nil {
			return fmt.Errorf("remove the previous output %s: %w", backup, err)
		}
	}
	return nil
}

// abort removes the staging folder unless it was committed. It is safe to
// call more than once.
func (s *outStage) abort() {
	if s == nil || s.committed {
		return
	}
	s.waitEarly()
	os.RemoveAll(s.dir)
	s.committed = true
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// replaceable returns nil when out is absent, an empty folder, or a
// previous pbasis output, and an error explaining why not otherwise.
func replaceable(out string) error {
	st, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("output folder %s is a symbolic link: pbasis replaces the output folder as a whole; give the real folder as --out", out)
	}
	if !st.IsDir() {
		return fmt.Errorf("output folder %s is a file, not a folder: choose another --out", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		return fmt.Errorf("output folder %s is not empty and holds no run.json of an earlier pbasis run: pbasis replaces the output folder as a whole and never deletes files it did not write; choose an empty or new --out, or empty this folder yourself", out)
	}
	var m struct {
		Tool struct {
			Name string `json:"name"`
		} `json:"tool"`
		Outputs []string `json:"outputs"`
	}
	if err := json.Unmarshal(data, &m); err != nil || m.Tool.Name != "pbasis" {
		return fmt.Errorf("output folder %s: its run.json is not one pbasis wrote: pbasis replaces the output folder as a whole and never deletes files it did not write; choose another --out", out)
	}
	var foreign []string
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if !pbasisOutput(rel, m.Outputs) {
			foreign = append(foreign, rel)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("output folder %s: %w", out, err)
	}
	if len(foreign) > 0 {
		slices.Sort(foreign)
		more := ""
		if len(foreign) > 5 {
			more = fmt.Sprintf(" and %d more", len(foreign)-5)
			foreign = foreign[:5]
		}
		return fmt.Errorf("output folder %s holds files pbasis did not write (%s%s): pbasis replaces the output folder as a whole and never deletes your files; move them out, or choose another --out", out, strings.Join(foreign, ", "), more)
	}
	return nil
}

// pbasisOutput reports whether rel (with '/') is a file pbasis writes into
// an output folder: one its run.json lists, one of the fixed outputs, a
// portrait or figure, or a temporary file of an interrupted atomic write.
func pbasisOutput(rel string, listed []string) bool {
	if slices.Contains(listed, rel) {
		return true
	}
	switch rel {
	case "run.json", "report.md", "pbasis.xlsx", "segments.csv", "codings.csv", "project.qdpx":
		return true
	}
	dir, base := path.Split(rel)
	if strings.HasPrefix(base, ".") && strings.Contains(base, ".tmp") {
		return true // left by an atomic write that was killed
	}
	switch dir {
	case "families/":
		return strings.HasSuffix(base, ".md")
	case "figures/":
		return strings.HasSuffix(base, ".svg")
	}
	return false
}
