package main

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestCreateStaged checks that a staged file holds exactly what was
// written, in writes of every size around the buffer and the write-back
// step, and that a failed write leaves no file.
func TestCreateStaged(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, stagedBuffer - 1, stagedBuffer, stagedBuffer + 1, writebackEvery - 1, writebackEvery, writebackEvery + 1}
	for range 20 {
		sizes = append(sizes, rng.IntN(3*writebackEvery))
	}
	for i, n := range sizes {
		want := make([]byte, n)
		for j := range want {
			want[j] = byte(rng.Uint32())
		}
		name := filepath.Join(dir, "f")
		err := createStaged(name, func(w io.Writer) error {
			for p := want; len(p) > 0; {
				k := min(len(p), 1+rng.IntN(3*stagedBuffer))
				if _, err := w.Write(p[:k]); err != nil {
					return err
				}
				p = p[k:]
			}
			return nil
		})
		if err != nil {
			t.Fatalf("case %d (%d bytes): %v", i, n, err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("case %d: the file holds %d bytes, not the %d written", i, len(got), n)
		}
	}
	boom := errors.New("boom")
	name := filepath.Join(dir, "bad")
	err := createStaged(name, func(w io.Writer) error {
		w.Write(make([]byte, writebackEvery+5))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("failed write: got %v, want %v", err, boom)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("failed write left its file behind: %v", err)
	}
}

// TestSyncEarly checks that a stage synced early still commits, and that
// one aborted after an early sync is removed.
func TestSyncEarly(t *testing.T) {
	dir := t.TempDir()
	for _, commit := range []bool{true, false} {
		out := filepath.Join(dir, "out")
		s, err := beginOutput(out)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(s.dir, "segments.csv"), []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		s.syncEarly()
		s.syncEarly() // a second call does nothing
		if commit {
			if err := s.commit(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(out, "segments.csv")); err != nil {
				t.Errorf("after commit: %v", err)
			}
			os.RemoveAll(out)
			continue
		}
		s.abort()
		if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
			t.Errorf("abort after syncEarly left %s: %v", s.dir, err)
		}
	}
}
