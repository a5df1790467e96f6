// Command pbasis codes interview transcripts and session notes for the
// pedagogische basis (relations, places, facilities) and writes reports.
// Run "pbasis help" for the commands.
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	err := newRootCommand(os.Stdin, os.Stdout, os.Stderr).Execute()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err (one line per joined error) and maps it to the exit
// codes of DESIGN.md: 0 success, 1 finished with skipped input, 2 unusable
// configuration, codebook or arguments.
func exitCode(err error, stderr *os.File) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, errPartial) {
		return 1
	}
	fmt.Fprintln(stderr, "pbasis: "+err.Error())
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 2
}
