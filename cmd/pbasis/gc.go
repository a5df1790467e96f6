package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Garbage collection of a run. Go's defaults (GOGC=100: collect whenever
// the heap has doubled since the last collection) spend a large share of a
// batch run's CPU on collections while the heap is small. A run instead
// lets the heap grow to five times the live heap (GOGC=400) under a soft
// limit of runMemoryLimit, so the collector works rarely while there is
// room and keeps the process near the limit when there is not. When the
// live heap grows past runMemoryLimit/gcHeadroom, the limit follows it at
// gcHeadroom times the live heap: a limit at the live heap itself would
// make the collector run back to back. Measured in the README's "Speed".
const (
	runGCPercent   = 400
	runMemoryLimit = 420 << 20
	gcHeadroom     = 1.4
)

// gcTuner holds the settings to restore after a run.
type gcTuner struct {
	percent int
	limit   int64
	stop    chan struct{}
	done    chan struct{}
}

// tuneGC applies the run's collector settings unless the user set GOGC or
// GOMEMLIMIT (then nothing changes), and watches the live heap to raise
// the limit when needed. restore puts the previous settings back.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return tuneGCWith(runGCPercent, runMemoryLimit, 100*time.Millisecond)
}

func tuneGCWith(percent int, limit int64, every time.Duration) func() {
	t := &gcTuner{stop: make(chan struct{}), done: make(chan struct{})}
	t.percent = debug.SetGCPercent(percent)
	t.limit = debug.SetMemoryLimit(limit)
	go t.watch(limit, every)
	return func() {
		close(t.stop)
		<-t.done
		debug.SetGCPercent(t.percent)
		debug.SetMemoryLimit(t.limit)
	}
}

// watch raises the soft limit to gcHeadroom times the live heap (as of
// the last collection) when that is above it. The limit never goes down during a run.
func (t *gcTuner) watch(limit int64, every time.Duration) {
	defer close(t.done)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-t.stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return // not supported by this runtime: keep the settings
		}
		live := int64(sample[0].Value.Uint64())
		if want := int64(gcHeadroom * float64(live)); want > limit {
			limit = want
			debug.SetMemoryLimit(limit)
		}
	}
}
