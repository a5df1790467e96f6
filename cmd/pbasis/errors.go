package main

import "errors"

// errPartial means the run finished but some input was skipped; the
// skipped files were already reported. Exit code 1.
var errPartial = errors.New("some input files were skipped")

// usageError is unusable configuration, codebook or arguments. Exit code 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErr(err error) error {
	if err == nil {
		return nil
	}
	return &usageError{err}
}
