package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestGCLimitRaisedForLargeLiveHeap holds a live heap well above a small
// soft limit's raise point: the watcher must raise the limit above the
// live heap, and restore must put the previous settings back.
func TestGCLimitRaisedForLargeLiveHeap(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	beforePct := debug.SetGCPercent(100)
	debug.SetGCPercent(beforePct)
	restore := tuneGCWith(400, 8<<20, 5*time.Millisecond)
	keep := make([][]byte, 0, 64)
	for range 64 {
		keep = append(keep, make([]byte, 1<<20)) // 64 MiB live
	}
	var limit int64
	for range 200 {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
		if limit = debug.SetMemoryLimit(-1); limit > 64<<20 {
			break
		}
	}
	if limit <= 64<<20 {
		t.Errorf("soft limit %d MiB with 64 MiB live: not raised", limit>>20)
	}
	// gcHeadroom above the live heap, not more: the point of the limit is
	// to keep the process small.
	if max := int64(gcHeadroom * float64(80<<20)); limit > max {
		t.Errorf("soft limit %d MiB with 64 MiB live: more than %g times the live heap", limit>>20, gcHeadroom)
	}
	runtime.KeepAlive(keep)
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after restore = %d, want %d", got, before)
	}
	if got := debug.SetGCPercent(beforePct); got != beforePct {
		t.Errorf("GC percent after restore = %d, want %d", got, beforePct)
	}
}
