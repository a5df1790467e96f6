package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pbasis/pbasis/demo"
)

// demoName is how the embedded demo corpus is named in output.
const demoName = "embedded demo corpus"

// input is an opened input folder.
type input struct {
	fs    fs.FS
	name  string // the folder as given, or demoName
	close func()
}

// openInput opens the configured input folder, or the embedded demo corpus
// when none is configured. The folder is opened as an os.Root, so nothing
// (a symbolic link, a ".." in metadata) can reach outside it, and pbasis
// only ever reads from it.
func openInput(dir string) (*input, error) {
	if dir == "" {
		return &input{fs: demo.FS(), name: demoName, close: func() {}}, nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, usageErr(fmt.Errorf("input folder: %w", err))
	}
	if !st.IsDir() {
		return nil, usageErr(fmt.Errorf("input %s is not a folder (to look at one file use: pbasis inspect %s)", dir, dir))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, usageErr(fmt.Errorf("input folder: %w", err))
	}
	return &input{fs: root.FS(), name: dir, close: func() { root.Close() }}, nil
}

// checkOutside refuses an output folder inside the input folder: pbasis
// never writes into its input, and a later run would read its own output.
func checkOutside(in, out string) error {
	if in == "" {
		return nil
	}
	ai, err1 := filepath.Abs(in)
	ao, err2 := filepath.Abs(out)
	if err1 != nil || err2 != nil {
		return nil
	}
	ai, ao = filepath.Clean(ai), filepath.Clean(ao)
	if ao == ai || strings.HasPrefix(ao, ai+string(filepath.Separator)) {
		return usageErr(fmt.Errorf("output folder %s is inside the input folder %s: choose --out outside it (pbasis never writes into its input)", out, in))
	}
	return nil
}
