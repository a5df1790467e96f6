package reports

import (
	"bufio"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/flate"
)

// sheetRows is the middle of an archive entry written as it comes (a
// streamed sheet part's data rows as worksheet XML, the sources of a
// REFI-QDA project), deflated into a temporary file, or into memory while
// a budget allows (newMemSheetRows). The deflate stream is ended with a
// sync flush, not closed, so that it can sit between the deflated start
// and end of the entry in one deflate stream (writeSpliced). Pieces
// deflated elsewhere, each ended with a sync flush (appendDeflated), may
// be put between the pieces written here.
type sheetRows struct {
	out  rowsSink // the deflated bytes
	fw   *flate.Writer
	crc  uint32 // CRC-32 of the uncompressed rows
	size int64  // uncompressed bytes
	// dirty: fw holds bytes written since its last sync flush.
	dirty bool
	done  bool
	// dim is the sheet's used range ("A1:X1234"), which spliceSheet puts
	// in the sheet's <dimension>: excelize only knows the header row, and
	// readers that trust the dimension (openpyxl in read-only mode) would
	// otherwise see one cell. Empty: the dimension is left as it is.
	dim string
}

// newSheetRows returns rows deflated into a temporary file.
func newSheetRows() (*sheetRows, error) {
	d := &sheetRows{}
	if err := d.out.openFile(); err != nil {
		return nil, err
	}
	d.fw = newDeflater(&d.out)
	return d, nil
}

// newMemSheetRows returns rows deflated into memory taken from budget,
// and into a temporary file (created then) from the first piece the
// budget cannot hold on: rows that are written once they are all made
// (the summary sheets, at Close) so skip the temporary file's round trip,
// which costs a write and a read of every byte, while a large workbook's
// memory stays bounded.
func newMemSheetRows(budget *memBudget) *sheetRows {
	d := &sheetRows{out: rowsSink{budget: budget}}
	d.fw = newDeflater(&d.out)
	return d
}

func (d *sheetRows) write(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	d.crc = crc32.Update(d.crc, crc32.IEEETable, b)
	d.size += int64(len(b))
	d.dirty = true
	if _, err := d.fw.Write(b); err != nil {
		return d.out.fail(err)
	}
	return nil
}

// appendDeflated adds a piece deflated elsewhere: raw deflate data ended
// with a sync flush (no final block), of n uncompressed bytes with CRC-32
// crc.
func (d *sheetRows) appendDeflated(raw []byte, crc uint32, n int64) error {
	if d.dirty {
		d.dirty = false
		if err := d.fw.Flush(); err != nil {
			return d.out.fail(err)
		}
	}
	if _, err := d.out.Write(raw); err != nil {
		return d.out.fail(err)
	}
	d.crc = crc32Combine(d.crc, crc, n)
	d.size += n
	return nil
}

// flush ends the rows: sync-flushes the deflate stream and writes it out.
func (d *sheetRows) flush() error {
	if d.done {
		return nil
	}
	d.done = true
	if err := d.fw.Flush(); err != nil {
		return d.out.fail(err)
	}
	if d.out.bw != nil {
		if err := d.out.bw.Flush(); err != nil {
			return d.out.fail(err)
		}
	}
	return nil
}

// compressedLen returns the deflated rows' length (after flush).
func (d *sheetRows) compressedLen() (int64, error) {
	s := &d.out
	if s.file == nil {
		return s.n, nil
	}
	n, err := s.file.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, s.fail(err)
	}
	return n, nil
}

// copyCompressed writes the n deflated bytes (compressedLen) to w.
func (d *sheetRows) copyCompressed(w io.Writer, n int64) error {
	s := &d.out
	if s.file == nil {
		for _, c := range s.chunks {
			if _, err := w.Write(c); err != nil {
				return err
			}
		}
		return nil
	}
	bp := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(bp)
	// A reader that is not an io.WriterTo, and w (a zip entry) is no
	// io.ReaderFrom: io.CopyBuffer reads in the buffer's size, so big
	// writes reach a bufio.Writer empty and go straight through.
	_, err := io.CopyBuffer(w, io.NewSectionReader(s.file, 0, n), *bp)
	return err
}

// copyBuffers are the buffers that copyCompressed reads temporary files
// with: 1 MiB, so that a copy takes few system calls and its writes pass
// the output's buffer.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}

func (d *sheetRows) remove() error { return d.out.remove() }

// rowsSink holds the deflated bytes of a sheetRows: in a temporary file
// (file), or in memory (chunks) while budget allows, moved into a
// temporary file when it does not.
type rowsSink struct {
	file *os.File
	bw   *bufio.Writer // over file
	// unlinked: the file has no name any more (removed when created, or
	// by remove).
	unlinked bool
	// In memory: the bytes are chunks, n of them; each chunk's capacity
	// is taken from budget, and given back when the chunks are dropped.
	chunks [][]byte
	n      int64
	budget *memBudget
}

// memChunkMin and memChunkMax bound the chunks a rowsSink keeps in
// memory: the first is small, for the many small sheets; each next one
// twice as big as the last, up to the most.
const (
	memChunkMin = 64 << 10
	memChunkMax = 1 << 20
)

// openFile starts a temporary file for the bytes.
func (s *rowsSink) openFile() error {
	f, err := os.CreateTemp("", "pbasis-xlsx-*.deflate")
	if err != nil {
		return fmt.Errorf("temporary file: %w", err)
	}
	// Unlinked at once where the system allows (the open file stays
	// usable), so that nothing is left behind by a run that ends without
	// Close; elsewhere remove deletes it.
	s.unlinked = os.Remove(f.Name()) == nil
	s.file, s.bw = f, bufio.NewWriterSize(f, 1<<20)
	return nil
}

func (s *rowsSink) Write(p []byte) (int, error) {
	if s.file != nil {
		return s.bw.Write(p)
	}
	n := len(p)
	for len(p) > 0 {
		var last []byte
		if k := len(s.chunks); k > 0 {
			last = s.chunks[k-1]
		}
		if len(last) == cap(last) {
			size := memChunkMin
			if last != nil {
				size = min(2*cap(last), memChunkMax)
			}
			if s.budget == nil || !s.budget.take(int64(size)) {
				if err := s.spill(); err != nil {
					return n - len(p), err
				}
				m, err := s.bw.Write(p)
				return n - len(p) + m, err
			}
			last = make([]byte, 0, size)
			s.chunks = append(s.chunks, last)
		}
		c := copy(last[len(last):cap(last)], p)
		s.chunks[len(s.chunks)-1] = last[:len(last)+c]
		s.n += int64(c)
		p = p[c:]
	}
	return n, nil
}

// spill moves the bytes in memory to a new temporary file, which takes
// the bytes written from then on.
func (s *rowsSink) spill() error {
	if err := s.openFile(); err != nil {
		return err
	}
	for _, c := range s.chunks {
		if _, err := s.bw.Write(c); err != nil {
			return s.fail(err)
		}
	}
	s.drop()
	return nil
}

// drop lets go of the chunks, giving their memory back to the budget.
func (s *rowsSink) drop() {
	var taken int64
	for _, c := range s.chunks {
		taken += int64(cap(c))
	}
	if s.budget != nil {
		s.budget.give(taken)
	}
	s.chunks, s.n = nil, 0
}

// fail returns err naming the temporary file, if there is one.
func (s *rowsSink) fail(err error) error {
	if s.file == nil {
		return err
	}
	return fmt.Errorf("temporary file %s: %w", s.file.Name(), err)
}

func (s *rowsSink) remove() error {
	s.drop()
	if s.file == nil {
		return nil
	}
	cerr := s.file.Close()
	if !s.unlinked {
		if err := os.Remove(s.file.Name()); err != nil {
			return err
		}
		s.unlinked = true
	}
	return cerr
}

// memBudget is the memory that rowsSinks may still take, in bytes; safe
// for concurrent use.
type memBudget struct{ left atomic.Int64 }

func newMemBudget(n int64) *memBudget {
	b := &memBudget{}
	b.left.Store(n)
	return b
}

// take takes n bytes if that many are left.
func (b *memBudget) take(n int64) bool {
	if b.left.Add(-n) >= 0 {
		return true
	}
	b.left.Add(n)
	return false
}

func (b *memBudget) give(n int64) { b.left.Add(n) }
