//go:build race

package testutil

// RaceEnabled reports whether the binary was built with the race detector
// (go test -race), under which some slow measurements are skipped.
const RaceEnabled = true
