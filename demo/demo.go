// Package demo holds the demo corpus that ships inside the pbasis binary.
//
// The corpus is fiction written for pbasis: Dutch interview transcripts and
// professional session notes of five fictional families (cases G01..G05), in
// every input format pbasis reads, with a metadata sheet (metadata.csv) at its
// root. `pbasis run` analyses it when no input folder is configured, so the
// whole pipeline can be tried on a fresh machine. README.md in this folder
// describes each file and how it was made.
package demo

import (
	"embed"
	"io/fs"
)

// files is the embedded tree under files/. It is read-only; FS exposes it.
//
//go:embed files
var files embed.FS

// FS returns the demo corpus as a read-only file system rooted at the corpus
// folder: metadata.csv sits at its root and the documents in one sub-folder
// per family (for example "G01/wave1/G01_ronde1_moeder.txt"). Paths use '/'.
// Every call returns a view of the same embedded, immutable data.
func FS() fs.FS {
	sub, err := fs.Sub(files, "files")
	if err != nil {
		// fs.Sub fails only for an invalid path; "files" is a valid
		// constant, so this cannot happen in a built binary.
		panic("demo: embedded corpus: " + err.Error())
	}
	return sub
}
