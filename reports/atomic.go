package reports

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// AtomicWrite writes a file by calling write on a buffered temporary file in
// the same folder, syncing it, and renaming it over name. A crash or an
// error leaves the previous file (or none), never a half-written one.
func AtomicWrite(name string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder for %s: %w", name, err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = writeBuffered(f, 256<<10, name, write); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", name, err)
	}
	if err = os.Rename(tmp, name); err != nil {
		return fmt.Errorf("rename %s: %w", name, err)
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// FileWriter writes the file name by calling write; AtomicWrite and
// CreateFile are two.
type FileWriter func(name string, write func(w io.Writer) error) error

// CreateFile writes a file by calling write on it, buffered, creating its
// folder when needed and replacing any file of that name. Unlike
// AtomicWrite it neither syncs nor renames: it is for files in a folder
// that is made durable and visible as a whole, such as pbasis run's
// staging folder, where syncing thousands of small files one by one costs
// more than everything else written to them. On an error the partial
// file is removed.
//
// The file is opened first and its folder made only when that fails, so
// that writing thousands of files into one folder does not look the
// folder up again for each; the errors are those of making the folder
// first. The buffers are reused (createBuffers).
func CreateFile(name string, write func(w io.Writer) error) (err error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("create folder for %s: %w", name, err)
		}
		if f, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(name)
		}
	}()
	bw := createBuffers.Get().(*bufio.Writer)
	bw.Reset(f)
	err = writeTo(bw, name, write)
	bw.Reset(nil) // the buffer keeps no file
	createBuffers.Put(bw)
	if err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", name, err)
	}
	return nil
}

// createBuffers are the buffers of CreateFile, 32 KiB each: a buffer per
// file would be made, cleared and collected thousands of times per run.
var createBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}

// writeBuffered calls write on f through a buffer of size bytes and
// flushes it; errors name the file.
func writeBuffered(f *os.File, size int, name string, write func(w io.Writer) error) error {
	return writeTo(bufio.NewWriterSize(f, size), name, write)
}

// writeTo calls write on bw and flushes it; errors name the file.
func writeTo(bw *bufio.Writer, name string, write func(w io.Writer) error) error {
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
