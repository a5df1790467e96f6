package main

import (
	"bytes"
	"io"
	"sync"
	"sync/atomic"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/reports"
)

// preparedDoc is what the reading workers make of a document besides
// reading it: work is the runReview's (codings and review), the rest are
// the outputs' per-document parts.
type preparedDoc struct {
	work     any
	emergent *analysis.EmergentDoc // EmergentAccumulator.Observe
	sheet    *reports.RenderedDoc  // WorkbookWriter.Render
	project  *reports.QDPXDoc      // QDPXWriter.Render
}

// docJob is one read and coded document on its way to the outputs.
type docJob struct {
	doc      *corpus.Document
	codings  []analysis.Coding
	emergent *analysis.EmergentDoc // from EmergentAccumulator.Observe
	sheet    *reports.RenderedDoc  // from WorkbookWriter.Render
	project  *reports.QDPXDoc      // from QDPXWriter.Render
}

// fanout runs output stages concurrently: every stage gets every document,
// in the order send was called, on a goroutine of its own, so that the
// accumulators and writers of a run use the cores the readers leave free
// while each still sees documents in document order (which keeps output
// deterministic). Stages only read the document and its codings.
//
// After a stage fails it skips the remaining documents; wait returns the
// error of the first stage (in the order given to newFanout) that failed.
type fanout struct {
	chans  []chan docJob
	errs   []error
	failed atomic.Bool
	wg     sync.WaitGroup
}

// fanoutBuffer is how many documents may wait for each stage.
const fanoutBuffer = 32

// newFanout starts one goroutine per stage.
func newFanout(stages ...func(docJob) error) *fanout {
	f := &fanout{chans: make([]chan docJob, len(stages)), errs: make([]error, len(stages))}
	for i, st := range stages {
		ch := make(chan docJob, fanoutBuffer)
		f.chans[i] = ch
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			for j := range ch {
				if f.errs[i] == nil {
					if f.errs[i] = st(j); f.errs[i] != nil {
						f.failed.Store(true)
					}
				}
			}
		}()
	}
	return f
}

// send hands a document to every stage; it blocks while a stage's buffer
// is full. It returns false, sending nothing, once a stage has failed:
// the caller should stop and call wait for the error.
func (f *fanout) send(j docJob) bool {
	if f.failed.Load() {
		return false
	}
	for _, ch := range f.chans {
		ch <- j
	}
	return true
}

// wait closes the stages' inputs, waits for them to finish and returns
// the first stage error. Call it once, after the last send.
func (f *fanout) wait() error {
	for _, ch := range f.chans {
		close(ch)
	}
	f.wg.Wait()
	for _, err := range f.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// parallel runs fns on goroutines of their own and returns the error of
// the first of them (in argument order) that failed.
func parallel(fns ...func() error) error {
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// fileGate limits how many files a reports.FileWriter makes at once until
// it is opened. The report phase's jobs share the cores, and
// reports.WriteAllWith, with many writers of small files, would otherwise
// take most of them from the workbook, which has the longest chain of
// work that cannot be split (its last steps are serial) and then finishes
// alone with a core idle. Gated, the workbook keeps its share and the
// Markdown and SVG files fill the rest; once the workbook is done, open
// lifts the limit.
//
// Only the making of a file's bytes waits for a turn: a gated file is
// made into memory and written to its file after its turn, as creating
// files can wait for the disk, and a turn must not be spent waiting.
//
// The file named free is never held back (nor buffered): WriteAllWith's
// report.md waits, while it is written, for the other files to be done,
// and so must not take one of their turns.
type fileGate struct {
	put    reports.FileWriter
	free   string
	slots  chan struct{} // a token per gated file being made
	opened chan struct{} // closed by open
	once   sync.Once
	bufs   sync.Pool // *bytes.Buffer
}

// newFileGate returns a gate letting at most n (at least 1) files at once
// through put, besides the file named free, until open.
func newFileGate(put reports.FileWriter, n int, free string) *fileGate {
	return &fileGate{put: put, free: free, slots: make(chan struct{}, max(n, 1)), opened: make(chan struct{})}
}

// write is a reports.FileWriter: put's, the file made in its turn while
// the gate is shut.
func (g *fileGate) write(name string, write func(w io.Writer) error) error {
	if name == g.free {
		return g.put(name, write)
	}
	select {
	case <-g.opened:
		return g.put(name, write)
	case g.slots <- struct{}{}:
	}
	b, _ := g.bufs.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	err := write(b)
	<-g.slots
	if err == nil {
		err = g.put(name, func(w io.Writer) error {
			_, err := w.Write(b.Bytes())
			return err
		})
	} else {
		// As put would: the file is not left behind, and the error
		// names it.
		err = g.put(name, func(io.Writer) error { return err })
	}
	if b.Cap() <= 1<<20 {
		g.bufs.Put(b)
	}
	return err
}

// open lets every file through from now on. It may be called more than
// once.
func (g *fileGate) open() { g.once.Do(func() { close(g.opened) }) }
