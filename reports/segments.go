package reports

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/pbasis/pbasis/corpus"
)

// SegmentsHeader is the header row of segments.csv (DESIGN.md). Columns
// after "text" are additions: the source location and timestamp.
func SegmentsHeader() []string {
	return []string{"doc", "case", "speaker", "role", "voice", "segment", "start", "end", "text", "line", "time"}
}

// SegmentsWriter writes segments.csv rows document by document, in the
// order it is given documents. start and end are code-point offsets into the
// document's normalised text.
type SegmentsWriter struct {
	w *csv.Writer
}

// NewSegmentsWriter writes the header row and returns the writer.
func NewSegmentsWriter(w io.Writer) (*SegmentsWriter, error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(SegmentsHeader()); err != nil {
		return nil, err
	}
	return &SegmentsWriter{w: cw}, nil
}

// Write writes one row per segment of doc.
func (s *SegmentsWriter) Write(doc *corpus.Document) error {
	for _, seg := range doc.Segments {
		t := doc.Turns[seg.Turn]
		rec := []string{doc.ID, doc.Meta.Case, t.Speaker, t.Role, string(t.Voice), seg.ID,
			strconv.Itoa(seg.Span.Start), strconv.Itoa(seg.Span.End), seg.Text, strconv.Itoa(seg.Line), seg.Time}
		if err := s.w.Write(rec); err != nil {
			return err
		}
	}
	return s.w.Error()
}

// Flush flushes buffered rows and returns any write error.
func (s *SegmentsWriter) Flush() error {
	s.w.Flush()
	return s.w.Error()
}
