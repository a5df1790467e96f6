package reports

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/pbasis/pbasis/analysis"
)

// CodingsHeader is the header row of codings.csv. The first fourteen
// columns are DESIGN.md's contract; the rest say how the evidence was found
// and where it is in the source.
func CodingsHeader() []string {
	return []string{"doc", "case", "speaker", "role", "voice", "segment", "start", "end", "code", "category", "term", "negated", "source", "text",
		"rule", "how", "neg_cue", "line", "time"}
}

// CodingsWriter writes codings.csv, one row per coding, in the order given.
// start and end are the evidence's code-point span in the document's
// normalised text; text is the whole segment.
type CodingsWriter struct {
	w *csv.Writer
}

// NewCodingsWriter writes the header row and returns the writer.
func NewCodingsWriter(w io.Writer) (*CodingsWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(CodingsHeader()); err != nil {
		return nil, err
	}
	return &CodingsWriter{w: cw}, nil
}

// Write writes one row per coding.
func (c *CodingsWriter) Write(codings []analysis.Coding) error {
	for _, k := range codings {
		rec := []string{k.Doc, k.Case, k.Speaker, k.Role, string(k.Voice), k.Segment,
			strconv.Itoa(k.Start), strconv.Itoa(k.End), k.Code, string(k.Category), k.Term,
			strconv.FormatBool(k.Negated), k.Source, k.Text,
			k.Rule, k.How, k.NegCue, strconv.Itoa(k.Line), k.Time}
		if err := c.w.Write(rec); err != nil {
			return err
		}
	}
	return c.w.Error()
}

// Flush flushes buffered rows and returns any write error.
func (c *CodingsWriter) Flush() error {
	c.w.Flush()
	return c.w.Error()
}
