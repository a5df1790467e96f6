package analysis

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls fn(i) for every i in [0, n), on up to GOMAXPROCS
// goroutines at once, and returns when all calls have returned. The calls
// may run in any order and at the same time: fn must only write what
// belongs to its i (a slot of a slice made beforehand, say), so that the
// result does not depend on the order.
func forEach(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(i)
			}
		})
	}
	wg.Wait()
}
