package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/reports"
)

func TestFanoutOrderAndErrors(t *testing.T) {
	const n = 500
	var seenA, seenB []string
	boom := errors.New("disk full")
	calls := 0
	f := newFanout(
		func(j docJob) error { seenA = append(seenA, j.doc.ID); return nil },
		func(j docJob) error {
			calls++
			seenB = append(seenB, j.doc.ID)
			if j.doc.ID == "d7" {
				return boom
			}
			return nil
		},
	)
	sent := 0
	for i := range n {
		if !f.send(docJob{doc: &corpus.Document{ID: "d" + strconv.Itoa(i)}}) {
			break
		}
		sent++
	}
	if err := f.wait(); !errors.Is(err, boom) {
		t.Fatalf("wait = %v, want the failing stage's error", err)
	}
	if sent == n {
		t.Errorf("send kept accepting all %d documents after a stage failed", n)
	}
	if calls != 8 {
		t.Errorf("failed stage called %d times, want 8 (it stops after its error)", calls)
	}
	if len(seenA) != sent {
		t.Fatalf("stage A saw %d documents, %d were sent", len(seenA), sent)
	}
	for i, id := range seenA {
		if id != "d"+strconv.Itoa(i) {
			t.Fatalf("stage A saw %s at position %d: out of order", id, i)
		}
	}
}

func TestFanoutFirstStageErrorWins(t *testing.T) {
	e1, e2 := errors.New("one"), errors.New("two")
	f := newFanout(
		func(docJob) error { return e1 },
		func(docJob) error { return e2 },
	)
	f.send(docJob{doc: &corpus.Document{ID: "x"}})
	if err := f.wait(); !errors.Is(err, e1) {
		t.Fatalf("wait = %v, want the first stage's error (stage order decides)", err)
	}
}

// TestFileGate checks that files written through a fileGate hold what
// reports.CreateFile writes, that while it is shut at most n files are
// made at once, that the free file is not held back (it may wait for the
// others, as report.md does), that open lets every file through, and
// that a failed file is not left behind.
func TestFileGate(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 2, 3} {
		g := newFileGate(reports.CreateFile, n, filepath.Join(dir, "free"))
		var making, most atomic.Int32
		const files = 40
		var wg sync.WaitGroup
		others := make(chan struct{})
		wg.Go(func() {
			err := g.write(filepath.Join(dir, "free"), func(w io.Writer) error {
				<-others // waits for the gated files, holding no turn
				_, err := io.WriteString(w, "free")
				return err
			})
			if err != nil {
				t.Error(err)
			}
		})
		var gated sync.WaitGroup
		for i := range files {
			gated.Go(func() {
				name := filepath.Join(dir, "f"+strconv.Itoa(i))
				err := g.write(name, func(w io.Writer) error {
					now := making.Add(1)
					defer making.Add(-1)
					for {
						m := most.Load()
						if now <= m || most.CompareAndSwap(m, now) {
							break
						}
					}
					time.Sleep(time.Millisecond)
					for k := range i * 997 {
						if _, err := w.Write([]byte{byte(k), byte(i)}); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		gated.Wait()
		close(others)
		wg.Wait()
		if m := most.Load(); int(m) > max(n, 1) {
			t.Errorf("n=%d: %d files made at once", n, m)
		}
		for i := range files {
			got, err := os.ReadFile(filepath.Join(dir, "f"+strconv.Itoa(i)))
			if err != nil {
				t.Fatal(err)
			}
			want := make([]byte, 0, 2*i*997)
			for k := range i * 997 {
				want = append(want, byte(k), byte(i))
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("n=%d: file %d: %d bytes, want %d", n, i, len(got), len(want))
			}
		}
		// Open: many files at once.
		g.open()
		g.open()
		var in sync.WaitGroup
		in.Add(3)
		var open sync.WaitGroup
		for i := range 3 {
			open.Go(func() {
				err := g.write(filepath.Join(dir, "o"+strconv.Itoa(i)), func(w io.Writer) error {
					in.Done()
					in.Wait() // all three at once, whatever n is
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		open.Wait()
	}
	// A failed file: its error, named, and no file.
	g := newFileGate(reports.CreateFile, 1, "")
	boom := errors.New("boom")
	name := filepath.Join(dir, "bad")
	err := g.write(name, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), name) {
		t.Errorf("failed file: got %v, want %v naming %s", err, boom, name)
	}
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Errorf("failed file left behind: %v", err)
	}
}
