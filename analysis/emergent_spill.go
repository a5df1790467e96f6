package analysis

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// exStore holds the records of the segments an EmergentAccumulator keeps as
// examples (see segRec), written one after the other: in memory, in chunks
// that are never copied, or, after SpillExamples, in a temporary file, so
// that the text of the many segments kept but never shown costs no memory.
//
// A record is: line (varint), turn (uvarint), ID length + 1 or 0 for stdID
// (uvarint), time length, text length (uvarints), then the ID (unless
// stdID), the time and the text.
type exStore struct {
	size int64    // bytes written
	mem  [][]byte // in memory: chunks of memChunk bytes, the last one partly filled
	f    *os.File // spill file, nil in memory
	w    *bufio.Writer
	err  error // the first error of the file; it stays
	buf  []byte
	// blk holds the bytes of the spill file from blkOff on (see read).
	blk    []byte
	blkOff int64
	close  bool // Close was called
}

// memChunk is the size of a chunk of an in-memory exStore.
const memChunk = 1 << 16

// spill makes the store write to a new temporary file in dir (see
// os.CreateTemp). It must be called before anything is written.
func (s *exStore) spill(dir string) error {
	if s.size > 0 || s.f != nil {
		return errors.New("analysis: SpillExamples after examples were kept")
	}
	if s.close {
		return errors.New("analysis: SpillExamples after Close")
	}
	f, err := os.CreateTemp(dir, "pbasis-emergent-*.bin")
	if err != nil {
		return fmt.Errorf("analysis: emergent examples spill file: %w", err)
	}
	s.f, s.w = f, bufio.NewWriterSize(f, 1<<16)
	return nil
}

// write appends b and returns the offset it starts at.
func (s *exStore) write(b []byte) int64 {
	off := s.size
	s.size += int64(len(b))
	if s.f == nil {
		for len(b) > 0 {
			if n := len(s.mem); n == 0 || len(s.mem[n-1]) == memChunk {
				s.mem = append(s.mem, make([]byte, 0, memChunk))
			}
			last := &s.mem[len(s.mem)-1]
			k := min(len(b), memChunk-len(*last))
			*last = append(*last, b[:k]...)
			b = b[k:]
		}
		return off
	}
	if s.err == nil {
		if _, err := s.w.Write(b); err != nil {
			s.err = fmt.Errorf("analysis: writing emergent examples spill file: %w", err)
		}
	}
	return off
}

// read returns the n bytes from off on (fewer at the end of the store), in
// memory that the next read or write may reuse: copy what is to be kept.
func (s *exStore) read(off int64, n int) ([]byte, error) {
	if s.err != nil {
		return nil, s.err
	}
	if off < 0 || off+int64(n) > s.size {
		n = int(max(0, s.size-off))
	}
	if s.f == nil {
		if p := off % memChunk; p+int64(n) <= memChunk {
			return s.mem[off/memChunk][p : p+int64(n)], nil
		}
		b := s.bufOf(n)
		for i := 0; i < n; {
			p := off + int64(i)
			i += copy(b[i:], s.mem[p/memChunk][p%memChunk:])
		}
		return b, nil
	}
	if s.w.Buffered() > 0 {
		if err := s.w.Flush(); err != nil {
			s.err = fmt.Errorf("analysis: writing emergent examples spill file: %w", err)
			return nil, s.err
		}
	}
	if n > spillBlock {
		b := s.bufOf(n)
		if err := s.readAt(b, off); err != nil {
			return nil, err
		}
		return b, nil
	}
	// Examples are read case by case, and the records of a case's
	// documents lie together: one block serves many.
	if off < s.blkOff || off+int64(n) > s.blkOff+int64(len(s.blk)) {
		start := off &^ (spillBlock - 1)
		if off+int64(n) > start+spillBlock {
			start = off
		}
		if s.blk == nil {
			s.blk = make([]byte, spillBlock)
		}
		s.blk = s.blk[:min(spillBlock, s.size-start)]
		s.blkOff = start
		if err := s.readAt(s.blk, start); err != nil {
			s.blk = s.blk[:0]
			return nil, err
		}
	}
	return s.blk[off-s.blkOff : off-s.blkOff+int64(n)], nil
}

// bufOf returns s.buf resliced to n bytes, made larger when needed.
func (s *exStore) bufOf(n int) []byte {
	if cap(s.buf) < n {
		s.buf = make([]byte, n)
	}
	return s.buf[:n]
}

// spillBlock is the size of the block of the spill file that read keeps.
const spillBlock = 1 << 16

// readAt fills b from the spill file at off.
func (s *exStore) readAt(b []byte, off int64) error {
	if _, err := s.f.ReadAt(b, off); err != nil && !(errors.Is(err, io.EOF) && len(b) == 0) {
		s.err = fmt.Errorf("analysis: reading emergent examples spill file: %w", err)
		return s.err
	}
	return nil
}

// recGuess is how many bytes record reads at first: most records fit, and
// take one read.
const recGuess = 1024

// record returns the fields of the record at off. The strings are new.
func (s *exStore) record(off int64) (line int, turn uint32, id string, std bool, time, text string, err error) {
	b, err := s.read(off, recGuess)
	if err != nil {
		return
	}
	bad := func() error { return fmt.Errorf("analysis: emergent examples store: bad record at %d", off) }
	l, k := binary.Varint(b)
	if k <= 0 {
		return 0, 0, "", false, "", "", bad()
	}
	var v [4]uint64
	for i := range v {
		u, m := binary.Uvarint(b[k:])
		if m <= 0 {
			return 0, 0, "", false, "", "", bad()
		}
		v[i], k = u, k+m
	}
	line, turn = int(l), uint32(v[0])
	idLen := 0
	if v[1] == 0 {
		std = true
	} else {
		idLen = int(v[1] - 1)
	}
	n := idLen + int(v[2]) + int(v[3])
	if k+n <= len(b) {
		b = b[k : k+n]
	} else if b, err = s.read(off+int64(k), n); err != nil {
		return 0, 0, "", false, "", "", err
	} else if len(b) != n {
		return 0, 0, "", false, "", "", bad()
	}
	all := string(b)
	return line, turn, all[:idLen], std, all[idLen : idLen+int(v[2])], all[idLen+int(v[2]):], nil
}

// closeStore drops the store's memory and removes its file, returning the
// first error of writing, closing or removing it.
func (s *exStore) closeStore() error {
	if s.close {
		return nil
	}
	s.close = true
	s.mem, s.buf, s.blk = nil, nil, nil
	err := s.err
	defer func() {
		if s.err == nil {
			s.err = errors.New("analysis: EmergentAccumulator used after Close")
		}
	}()
	if s.f == nil {
		return err
	}
	name := s.f.Name()
	if e := s.f.Close(); e != nil && err == nil {
		err = fmt.Errorf("analysis: closing emergent examples spill file: %w", e)
	}
	if e := os.Remove(name); e != nil && err == nil {
		err = fmt.Errorf("analysis: removing emergent examples spill file: %w", e)
	}
	s.f, s.w = nil, nil
	return err
}
