package reports

import (
	"archive/zip"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookDimensions checks every worksheet's <dimension> against the
// cells the sheet really holds: its ref must end at the last row and the
// last column that have a cell. Readers in streaming mode (openpyxl's
// read-only mode among them) trust the dimension and cut rows to it.
// With a small row limit, the continuation sheets are checked too.
func TestWorkbookDimensions(t *testing.T) {
	for _, limit := range []int{0, 100} {
		run := writeDemoWorkbook(t, LangNL, nil, limit, nil)
		zr, err := zip.OpenReader(run.path)
		if err != nil {
			t.Fatal(err)
		}
		dimRE := regexp.MustCompile(`<dimension ref="([^"]*)"`)
		cellRE := regexp.MustCompile(`<c r="([A-Z]+)([0-9]+)"`)
		checked := 0
		for _, f := range zr.File {
			if !strings.HasPrefix(f.Name, "xl/worksheets/sheet") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			maxRow, maxCol := 0, 0
			for _, m := range cellRE.FindAllSubmatch(b, -1) {
				col, err := excelize.ColumnNameToNumber(string(m[1]))
				if err != nil {
					t.Fatal(err)
				}
				row, _ := strconv.Atoi(string(m[2]))
				maxRow, maxCol = max(maxRow, row), max(maxCol, col)
			}
			if maxRow == 0 {
				continue
			}
			d := dimRE.FindSubmatch(b)
			if d == nil {
				t.Errorf("limit %d: %s: no dimension", limit, f.Name)
				continue
			}
			_, end, _ := strings.Cut(string(d[1]), ":")
			if end == "" {
				end = string(d[1])
			}
			col, row, err := excelize.CellNameToCoordinates(end)
			if err != nil {
				t.Errorf("limit %d: %s: dimension %q: %v", limit, f.Name, d[1], err)
				continue
			}
			if col != maxCol || row != maxRow {
				want, _ := excelize.CoordinatesToCellName(maxCol, maxRow)
				t.Errorf("limit %d: %s: dimension %s, cells up to %s", limit, f.Name, d[1], want)
			}
			checked++
		}
		zr.Close()
		if checked < 10 {
			t.Errorf("limit %d: only %d worksheets with cells", limit, checked)
		}
	}
}
