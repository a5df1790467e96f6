//go:build unix

package reports

import (
	"syscall"
	"time"
)

// processUserSys returns the user and the system CPU time of the process
// so far.
func processUserSys() (user, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
}
