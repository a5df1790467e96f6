package reports

import (
	"io"

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
	w *csvWriter
	// The columns whose value mostly repeats from row to row.
	doc, cas, speaker, role, voice csvMemo
}

// NewSegmentsWriter writes the header row and returns the writer.
func NewSegmentsWriter(w io.Writer) (*SegmentsWriter, error) {
	cw := newCSVWriter(w)
	cw.record(SegmentsHeader())
	return &SegmentsWriter{w: cw}, nil
}

// Write writes one row per segment of doc, quoted as encoding/csv.Writer
// quotes them; rows are written to the underlying writer in blocks, so an
// error may be reported by a later Write or by Flush.
func (s *SegmentsWriter) Write(doc *corpus.Document) error {
	w := s.w
	for i := range doc.Segments {
		seg := &doc.Segments[i]
		t := &doc.Turns[seg.Turn]
		w.memoField(&s.doc, doc.ID, true)
		w.memoField(&s.cas, doc.Meta.Case, false)
		w.memoField(&s.speaker, t.Speaker, false)
		w.memoField(&s.role, t.Role, false)
		w.memoField(&s.voice, string(t.Voice), false)
		w.field(seg.ID, false)
		w.int(seg.Span.Start)
		w.int(seg.Span.End)
		w.field(seg.Text, false)
		w.int(seg.Line)
		w.field(seg.Time, false)
		w.endRow()
	}
	return w.err
}

// Flush writes buffered rows and returns any write error.
func (s *SegmentsWriter) Flush() error {
	return s.w.Flush()
}
