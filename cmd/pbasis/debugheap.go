package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// debugHeap is a developer's aid for measuring memory (README "Speed"):
// with PBASIS_DEBUG_HEAP set, it collects garbage and prints the live heap
// at the end of a run's phase (label) to standard error; with
// PBASIS_DEBUG_HEAP_PROF=PREFIX as well it writes that heap's profile to
// PREFIX.label (go tool pprof -sample_index=inuse_space). Without
// PBASIS_DEBUG_HEAP it does nothing: the forced collection costs time.
func debugHeap(label string) {
	if os.Getenv("PBASIS_DEBUG_HEAP") == "" {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Fprintf(os.Stderr, "pbasis: live heap after %s: %d MiB\n", label, ms.HeapAlloc>>20)
	p := os.Getenv("PBASIS_DEBUG_HEAP_PROF")
	if p == "" {
		return
	}
	f, err := os.Create(p + "." + label)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pbasis: heap profile: %v\n", err)
	}
}
