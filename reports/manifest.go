package reports

import (
	"encoding/json"
	"io"

	"github.com/pbasis/pbasis/corpus"
)

// Manifest is run.json: what was run, on what, with what result. It is
// written last, so its presence marks a complete output folder.
type Manifest struct {
	Tool     ToolInfo          `json:"tool"`
	Config   ConfigInfo        `json:"config"`
	Codebook *CodebookInfo     `json:"codebook,omitempty"`
	Input    InputInfo         `json:"input"`
	Files    []FileEntry       `json:"files"`
	Skipped  []corpus.Skipped  `json:"skipped"`
	Warnings []string          `json:"warnings,omitempty"`
	Counts   Counts            `json:"counts"`
	Review   *ReviewInfo       `json:"review,omitempty"` // review decisions applied (reviewinfo.go)
	Outputs  []string          `json:"outputs"`
	Timings  map[string]string `json:"timings"`
	ExitCode int               `json:"exit_code"`
}

// ToolInfo names the program that made the output.
type ToolInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
	Go      string `json:"go"`
}

// ConfigInfo records the configuration in force and its hash.
type ConfigInfo struct {
	File     string         `json:"file"` // "" when only defaults were used
	SHA256   string         `json:"sha256"`
	Settings map[string]any `json:"settings"`
}

// CodebookInfo identifies the codebook used.
type CodebookInfo struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	File    string `json:"file"`
	SHA256  string `json:"sha256"`
	Codes   int    `json:"codes"`
}

// InputInfo says where the documents came from.
type InputInfo struct {
	Source string `json:"source"` // folder path, or "embedded demo corpus"
	Sheet  string `json:"metadata_sheet,omitempty"`
}

// FileEntry is one input file that was read.
type FileEntry struct {
	File     string            `json:"file"`
	Format   string            `json:"format"`
	Case     string            `json:"case"`
	Kind     string            `json:"kind"`
	Wijk     string            `json:"wijk,omitempty"`
	Wave     string            `json:"wave,omitempty"`
	Date     string            `json:"date,omitempty"`
	Meta     map[string]string `json:"metadata_sources"`
	Turns    int               `json:"turns"`
	Segments int               `json:"segments"`
	corpus.ReadInfo
}

// Counts are the corpus totals.
type Counts struct {
	Documents int            `json:"documents"`
	Cases     int            `json:"cases"`
	Turns     int            `json:"turns"`
	Segments  int            `json:"segments"`
	Words     int            `json:"words"`
	ByVoice   map[string]int `json:"segments_by_voice"`
	ByKind    map[string]int `json:"documents_by_kind"`
	Skipped   int            `json:"skipped"`
	Codings   int            `json:"codings"`
}

// NewFileEntry describes a read document for the manifest.
func NewFileEntry(d *corpus.Document) FileEntry {
	return FileEntry{
		File: d.ID, Format: d.Format, Case: d.Meta.Case, Kind: string(d.Meta.Kind),
		Wijk: d.Meta.Wijk, Wave: d.Meta.Wave, Date: d.Meta.Date, Meta: d.Meta.Source,
		Turns: len(d.Turns), Segments: len(d.Segments), ReadInfo: d.Reading,
	}
}

// WriteManifest writes m as indented JSON.
func WriteManifest(w io.Writer, m *Manifest) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}
