package main

import (
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
