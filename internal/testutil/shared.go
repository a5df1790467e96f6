// Package testutil holds helpers for tests only.
package testutil

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// SharedDir returns the project's shared folder (../shared beside the
// repository, or $PBASIS_SHARED). When it is missing the test is skipped with
// a clear message, except under CI (CI=true), where it fails: CI always has it.
func SharedDir(tb testing.TB) string {
	tb.Helper()
	if d := os.Getenv("PBASIS_SHARED"); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	d := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(filepath.Join(d, "data")); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data folder missing at %s (set PBASIS_SHARED): %v", d, err)
		}
		tb.Skipf("shared data folder missing at %s: set PBASIS_SHARED to run this test", d)
	}
	return d
}

// RepoRoot returns the repository's root folder.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
