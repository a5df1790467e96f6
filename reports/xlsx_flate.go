package reports

import (
	"archive/zip"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflateLevel is the compression level of every deflate stream that the
// workbook and REFI-QDA writers make, with
// github.com/klauspost/compress/flate. Measured on the XML of a 2M-word
// run (Codings sheet 185 MB, Segments 141 MB, project.qde 85 MB): level 1
// deflates 1.6 to 3 times as fast as the standard library's BestSpeed,
// which the writers used before, into 1 to 5% fewer bytes; levels 2 and 3
// are 25 to 50% slower for at most 3% fewer bytes (level 2 even gave more
// bytes on the Segments sheet), level 5 2 to 3 times slower for 7 to 16%
// fewer bytes. The files are written once and read rarely: speed wins.
const deflateLevel = 1

// newDeflater returns a deflate writer of deflateLevel writing to w.
func newDeflater(w io.Writer) *flate.Writer {
	fw, err := flate.NewWriter(w, deflateLevel)
	if err != nil {
		panic(err) // only for a level out of range: a constant here
	}
	return fw
}

// flatePool keeps deflate writers for reuse: a writer holds a few hundred
// kilobytes of tables and window, too much to make one per document or
// zip entry. It is safe for concurrent use; the zero value is ready.
type flatePool struct{ p sync.Pool }

// get returns a deflate writer of deflateLevel writing a new stream to w.
func (fp *flatePool) get(w io.Writer) *flate.Writer {
	if fw, ok := fp.p.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return fw
	}
	return newDeflater(w)
}

// put gives fw back; the caller must not use it any more.
func (fp *flatePool) put(fw *flate.Writer) {
	fw.Reset(io.Discard) // drop the reference to the last destination
	fp.p.Put(fw)
}

// compressor returns a zip.Compressor (for zip.Writer.RegisterCompressor)
// deflating with the pool's writers.
func (fp *flatePool) compressor() zip.Compressor {
	return func(w io.Writer) (io.WriteCloser, error) {
		return &pooledDeflater{fw: fp.get(w), pool: fp}, nil
	}
}

// pooledDeflater is a zip entry's deflate writer, given back to its pool
// when the entry is closed.
type pooledDeflater struct {
	fw   *flate.Writer
	pool *flatePool
}

func (p *pooledDeflater) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledDeflater) Close() error {
	err := p.fw.Close()
	p.pool.put(p.fw)
	p.fw = nil
	return err
}
