// Command pbasis codes interview transcripts and session notes for the
// pedagogische basis (relations, places and facilities) and writes reports.
// Run "pbasis help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// SIGINT (Ctrl-C) and SIGTERM cancel the command's context: "pbasis
	// run" stops, removes its staging folder and leaves the output folder
	// as it was (staging.go). A second signal kills at once, because the
	// default handling is restored as soon as the first one arrives.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := newRootCommand(os.Stdin, os.Stdout, os.Stderr).ExecuteContext(ctx)
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		err = errInterrupted
	}
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// errInterrupted is a run stopped by SIGINT or SIGTERM. Exit code 130.
var errInterrupted = errors.New("interrupted: nothing written, the output folder is as it was before this run")

// exitCode prints err (one line per joined error) and maps it to the exit
// codes of DESIGN.md: 0 success, 1 finished with skipped input, 2 unusable
// configuration, codebook or arguments; and 130 (as shells report Ctrl-C)
// when interrupted.
func exitCode(err error, stderr *os.File) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, errPartial) {
		return 1
	}
	fmt.Fprintln(stderr, "pbasis: "+err.Error())
	if errors.Is(err, errInterrupted) {
		return 130
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 2
}
