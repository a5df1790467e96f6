package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncTree makes every file under dir durable. On Linux one syncfs(2) of
// dir's file system does it for all the files at once.
func syncTree(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}

// startWriteback asks the system to start writing the n bytes of f at
// off to the disk, without waiting for them (sync_file_range(2) with
// SYNC_FILE_RANGE_WRITE). It is a hint: errors are ignored.
func startWriteback(f *os.File, off, n int64) {
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_ = unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE)
	})
}
