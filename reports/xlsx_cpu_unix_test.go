//go:build unix

package reports

import (
	"bytes"
	"os"
	"strconv"
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

// processIO returns the bytes the process has passed to read and write
// system calls so far (rchar, wchar of /proc/self/io), or 0, 0 where that
// is not to be had.
func processIO() (read, written int64) {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0, 0
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(": "))
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(string(v), 10, 64)
		switch string(k) {
		case "rchar":
			read = n
		case "wchar":
			written = n
		}
	}
	return read, written
}
