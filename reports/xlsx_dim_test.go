package reports

import (
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
		parts := unzipQDPX(t, mustRead(t, run.path)) // any zip: the entries by name
		dimRE := regexp.MustCompile(`<dimension ref="([^"]*)"`)
		cellRE := regexp.MustCompile(`<c r="([A-Z]+)([0-9]+)"`)
		checked := 0
		for name, b := range parts {
			if !strings.HasPrefix(name, "xl/worksheets/sheet") {
				continue
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
				t.Errorf("limit %d: %s: no dimension", limit, name)
				continue
			}
			_, end, _ := strings.Cut(string(d[1]), ":")
			if end == "" {
				end = string(d[1])
			}
			col, row, err := excelize.CellNameToCoordinates(end)
			if err != nil {
				t.Errorf("limit %d: %s: dimension %q: %v", limit, name, d[1], err)
				continue
			}
			if col != maxCol || row != maxRow {
				want, _ := excelize.CoordinatesToCellName(maxCol, maxRow)
				t.Errorf("limit %d: %s: dimension %s, cells up to %s", limit, name, d[1], want)
			}
			checked++
		}
		if checked < 10 {
			t.Errorf("limit %d: only %d worksheets with cells", limit, checked)
		}
	}
}
