package corpus

import (
	"context"
	"io/fs"
	"runtime"
	"sync"
)

// Item is the result of reading one file: a document or an error.
type Item struct {
	File string
	Doc  *Document
	Err  error // an *InputError when the file could not be read
	// Work is what the prepare function of ReadAll returned for Doc (nil
	// without one, or when Err is set).
	Work any
}

// ReadAll reads files from fsys with jobs workers (jobs <= 0 means
// GOMAXPROCS) and calls fn for every file in the order of files, whatever
// order the workers finish in, so output is deterministic. At most 4*jobs
// documents are held at once. It stops early when fn returns an error or
// ctx is cancelled, and returns that error.
//
// prepare, when not nil, runs in the worker right after a document is read
// (coding it, for instance), so that work is parallel too; its result is
// Item.Work. It must be safe for concurrent use.
func ReadAll(ctx context.Context, fsys fs.FS, files []string, sheet *Sheet, o Options, jobs int, prepare func(*Document) any, fn func(Item) error) error {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	if o.Pseudo != nil {
		// Pseudonyms are numbered per case in the order names are first
		// seen; reading files one at a time in file order keeps the numbers
		// the same from run to run.
		jobs = 1
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := 4 * jobs
	slots := make([]chan Item, len(files))
	for i := range slots {
		slots[i] = make(chan Item, 1)
	}
	sem := make(chan struct{}, window)
	work := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				doc, err := ReadFile(fsys, files[i], sheet, o)
				it := Item{File: files[i], Doc: doc, Err: err}
				if err == nil && prepare != nil {
					it.Work = prepare(doc)
				}
				slots[i] <- it
			}
		}()
	}
	go func() {
		defer close(work)
		for i := range files {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case work <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for i := range files {
		var it Item
		select {
		case it = <-slots[i]:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			break
		}
		<-sem
		if err = fn(it); err != nil {
			break
		}
	}
	// Slots are buffered, so workers never block on them: after cancel the
	// producer stops and the workers finish the files they hold.
	cancel()
	wg.Wait()
	return err
}
