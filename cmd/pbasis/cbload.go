package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/reports"
)

// loadCodebookFile loads and compiles the codebook named by path, or the
// embedded default when path is "". Problems are usage errors (exit 2).
func loadCodebookFile(path string) (*analysis.Codebook, *reports.CodebookInfo, error) {
	name, data := analysis.DefaultCodebookName, analysis.DefaultCodebookYAML()
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, usageErr(fmt.Errorf("codebook: %w", err))
		}
		name, data = path, b
	}
	// A codebook may be YAML, an Excel workbook or a REFI-QDA .qdc file.
	var spec *analysis.CodebookSpec
	var err error
	if path == "" {
		spec, err = analysis.LoadCodebook(name, data)
	} else {
		spec, err = analysis.ReadCodebook(name, bytes.NewReader(data))
	}
	if err != nil {
		return nil, nil, usageErr(fmt.Errorf("codebook: %w (check it with: pbasis codebook validate %s)", err, path))
	}
	cb, err := analysis.Compile(spec)
	if err != nil {
		return nil, nil, usageErr(fmt.Errorf("codebook %s:\n%w", name, err))
	}
	info := &reports.CodebookInfo{ID: spec.ID, Version: spec.Version, File: name, SHA256: analysis.SHA256(data), Codes: len(spec.Codes)}
	return cb, info, nil
}
