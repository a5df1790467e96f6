package analysis

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestForEachCallsEachIndexOnce checks that every index is called exactly
// once, whatever the number of workers, including none and one.
func TestForEachCallsEachIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 3, 17, 1000} {
			calls := make([]atomic.Int32, n)
			forEach(n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: index %d called %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(old)
	}
}
