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
