//go:build !unix

package reports

import "time"

// processUserSys returns 0, 0 where getrusage is not available.
func processUserSys() (user, sys time.Duration) { return 0, 0 }

// processIO returns 0, 0 where /proc/self/io is not available.
func processIO() (read, written int64) { return 0, 0 }
