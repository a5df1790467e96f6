package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// The big files of a run (segments.csv, codings.csv, pbasis.xlsx,
// project.qdpx; run.json too) are written straight into the staging
// folder (staging.go) under their own names. A file of its own needs
// neither a temporary name nor a sync: the folder only becomes the output
// when it is complete, and commit syncs it as a whole (syncTree). Syncing
// each file as it is closed kept the run waiting for the disk with its
// cores idle (about 0.6 s at 10 million words); instead a staged file
// asks the system to start writing its pages to the disk as they are
// written (startWriteback, which does not wait), so that the sync at
// commit finds little left to wait for.

// stagedBuffer is the write buffer of a staged file: few large write
// calls rather than many small ones.
const stagedBuffer = 256 << 10

// writebackEvery is how many bytes a staged file writes between two
// requests to start writing them back to the disk.
const writebackEvery = 8 << 20

// writebackFile is a file being written that starts the write-back of
// every writebackEvery bytes written to it (startWriteback). Writes go
// to the file as they come.
type writebackFile struct {
	f                *os.File
	written, started int64 // bytes written; bytes whose write-back was started
}

func newWritebackFile(f *os.File) *writebackFile { return &writebackFile{f: f} }

func (w *writebackFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if w.written-w.started >= writebackEvery {
		w.startRest()
	}
	return n, err
}

// startRest starts the write-back of what was written since the last
// start. Failures are ignored: it is only a hint, and the sync at commit
// reports the errors that matter.
func (w *writebackFile) startRest() {
	if w.written > w.started {
		startWriteback(w.f, w.started, w.written-w.started)
		w.started = w.written
	}
}

// createStaged writes the file name (in the staging folder) by calling
// write on it through a buffer of stagedBuffer bytes, starting its
// write-back as it goes (writebackFile). Like reports.CreateFile it
// neither syncs nor renames: commit makes the staging folder durable as a
// whole. Errors name the file, as reports.AtomicWrite's do; on an error
// the partial file is removed.
func createStaged(name string, write func(w io.Writer) error) (err error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(name)
		}
	}()
	wf := newWritebackFile(f)
	bw := bufio.NewWriterSize(wf, stagedBuffer)
	if err = write(bw); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	wf.startRest()
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	return nil
}
