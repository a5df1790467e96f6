package reports

import (
	"io"

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
	w *csvWriter
	// The columns whose value mostly repeats from row to row.
	doc, cas, speaker, role, voice, text, source, how csvMemo
}

// NewCodingsWriter writes the header row and returns the writer.
func NewCodingsWriter(w io.Writer) (*CodingsWriter, error) {
	cw := newCSVWriter(w)
	cw.record(CodingsHeader())
	return &CodingsWriter{w: cw}, nil
}

// Write writes one row per coding, quoted as encoding/csv.Writer quotes
// them; rows are written to the underlying writer in blocks, so an error
// may be reported by a later Write or by Flush.
func (c *CodingsWriter) Write(codings []analysis.Coding) error {
	w := c.w
	for i := range codings {
		k := &codings[i]
		w.memoField(&c.doc, k.Doc, true)
		w.memoField(&c.cas, k.Case, false)
		w.memoField(&c.speaker, k.Speaker, false)
		w.memoField(&c.role, k.Role, false)
		w.memoField(&c.voice, string(k.Voice), false)
		w.field(k.Segment, false)
		w.int(k.Start)
		w.int(k.End)
		w.field(k.Code, false)
		w.field(string(k.Category), false)
		w.field(k.Term, false)
		w.bool(k.Negated)
		w.memoField(&c.source, k.Source, false)
		w.memoField(&c.text, k.Text, false)
		w.field(k.Rule, false)
		w.memoField(&c.how, k.How, false)
		w.field(k.NegCue, false)
		w.int(k.Line)
		w.field(k.Time, false)
		w.endRow()
	}
	return w.err
}

// Flush writes buffered rows and returns any write error.
func (c *CodingsWriter) Flush() error {
	return c.w.Flush()
}
