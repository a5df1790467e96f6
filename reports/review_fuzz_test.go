package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzReadReview: ReadReview (pbasis review import) never panics on any
// bytes, and every error is a *ReviewError naming the workbook (each part
// of a joined error). Opening a workbook is slow, so the seed is one small
// reviewed workbook built here.
func FuzzReadReview(f *testing.F) {
	f.Add(reviewSeed(f))
	f.Add([]byte("PK\x03\x04 not a workbook"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rv, err := ReadReview("r.xlsx", bytes.NewReader(data))
		if err != nil {
			parts := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				parts = j.Unwrap()
			}
			for _, e := range parts {
				var re *ReviewError
				if !errors.As(e, &re) || re.File != "r.xlsx" {
					t.Fatalf("error %v is not a *ReviewError naming r.xlsx", e)
				}
			}
		}
		if rv != nil && len(rv.Codings)+len(rv.Segments) > 0 && len(rv.CodingSheets)+len(rv.SegmentSheets) == 0 {
			t.Fatalf("reviewed rows without a sheet they came from: %+v", rv)
		}
	})
}

// TestReviewSeedReads checks that the seed of FuzzReadReview is a workbook
// ReadReview accepts, with its one decision.
func TestReviewSeedReads(t *testing.T) {
	rv, err := ReadReview("seed.xlsx", bytes.NewReader(reviewSeed(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rv.Codings) != 1 {
		t.Errorf("%d reviewed codings, want 1: %+v", len(rv.Codings), rv)
	}
}

// reviewSeed is a workbook with a Codings sheet (the header of
// XLSXCodingsHeader) holding one coding with a reject decision.
func reviewSeed(tb testing.TB) []byte {
	tb.Helper()
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", "Codings"); err != nil {
		tb.Fatal(err)
	}
	head := XLSXCodingsHeader()
	row := make([]any, len(head))
	hrow := make([]any, len(head))
	for i, h := range head {
		hrow[i] = h
		switch h {
		case "doc":
			row[i] = "G01/a.txt"
		case "start":
			row[i] = 3
		case "end":
			row[i] = 12
		case "code":
			row[i] = "rel.buren"
		case ColDecision:
			row[i] = "reject"
		case ColComment:
			row[i] = "niet de buurvrouw"
		default:
			row[i] = strings.ToUpper(h[:1])
		}
	}
	if err := x.SetSheetRow("Codings", "A1", &hrow); err != nil {
		tb.Fatal(err)
	}
	if err := x.SetSheetRow("Codings", "A2", &row); err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
