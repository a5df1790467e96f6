package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxHeaderRows is how many rows at the top of a sheet are searched for the
// header row (title rows above the header are allowed).
const xlsxHeaderRows = 10

// maxListedRows caps the row numbers listed in one warning.
const maxListedRows = 10

// tableLayout is where the columns of a table are: indices into a row, -1
// when absent.
type tableLayout struct {
	text, speaker, time int
}

// withDefaults returns c with every empty list taken from
// DefaultTableColumns.
func (c TableColumns) withDefaults() TableColumns {
	d := DefaultTableColumns()
	if len(c.Text) == 0 {
		c.Text = d.Text
	}
	if len(c.Speaker) == 0 {
		c.Speaker = d.Speaker
	}
	if len(c.Time) == 0 {
		c.Time = d.Time
	}
	return c
}

// findColumns locates the columns in a header row, matching names
// case-insensitively after trimming; the first matching column wins. ok is
// false when there is no text column.
func findColumns(header []string, cols TableColumns) (l tableLayout, ok bool) {
	l = tableLayout{text: -1, speaker: -1, time: -1}
	match := func(names []string) int {
		for i, h := range header {
			h = strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
			for _, n := range names {
				if strings.EqualFold(h, strings.TrimSpace(n)) {
					return i
				}
			}
		}
		return -1
	}
	l.text = match(cols.Text)
	l.speaker = match(cols.Speaker)
	l.time = match(cols.Time)
	return l, l.text >= 0
}

// rowCell returns row[i] trimmed, or "" when the row is shorter or i < 0.
func rowCell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// noTextColumn is the error for a table without a text column.
func noTextColumn(name string, line int, found string, cols TableColumns) error {
	return &InputError{Pos: Pos{File: name, Line: line},
		Err: fmt.Errorf("%w: no text column; headers found: %s; accepted names for the text column: %s",
			ErrUnsupportedFormat, found, strings.Join(cols.Text, ", ")),
		Hint: "give the column with the utterances one of the accepted names, or configure the accepted column names"}
}

// tableBuilder turns rows into utterances; each row comes with its 1-based
// row number. Rows with empty text are skipped and reported in Warnings.
type tableBuilder struct {
	name    string
	maxCell int
	layout  tableLayout
	ex      Extract
	skipped []int
}

func (t *tableBuilder) add(row []string, rowNo int) error {
	for _, c := range row {
		if len(c) > t.maxCell {
			return &InputError{Pos: Pos{File: t.name, Line: rowNo},
				Err:  fmt.Errorf("%w: a cell longer than limits.max_line_bytes = %d", ErrTooLarge, t.maxCell),
				Hint: "split the cell or raise limits.max_line_bytes"}
		}
	}
	text := rowCell(row, t.layout.text)
	if text == "" {
		t.skipped = append(t.skipped, rowNo)
		return nil
	}
	norm := func(s string) string {
		s, _ = NormalizeText(strings.ToValidUTF8(s, "\uFFFD"))
		return strings.TrimSpace(s)
	}
	t.ex.Utterances = append(t.ex.Utterances, Utterance{
		Speaker: norm(rowCell(row, t.layout.speaker)),
		Time:    norm(rowCell(row, t.layout.time)),
		Text:    norm(text),
		Line:    rowNo,
	})
	return nil
}

func (t *tableBuilder) finish(what string) (Extract, error) {
	if n := len(t.skipped); n > 0 {
		list := t.skipped
		more := ""
		if n > maxListedRows {
			list, more = list[:maxListedRows], ", ..."
		}
		nums := make([]string, len(list))
		for i, r := range list {
			nums[i] = fmt.Sprint(r)
		}
		t.ex.Warnings = append(t.ex.Warnings,
			fmt.Sprintf("skipped %d %s with empty text (%s %s%s)", n, countNoun(n, "row", "rows"),
				countNoun(n, "row", "rows"), strings.Join(nums, ", "), more))
	}
	if len(t.ex.Utterances) == 0 {
		return Extract{}, &InputError{Pos: Pos{File: t.name}, Err: ErrEmptyDocument,
			Hint: "the text column of " + what + " is empty"}
	}
	return t.ex, nil
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// ReadCSV reads a table of utterances from a CSV file, one utterance per row.
// name is the file's display path, used in errors; data is the whole file,
// decoded with Decode (so UTF-8 with or without BOM, UTF-16 with BOM, or
// Windows-1252 as Dutch Excel writes it).
//
// The delimiter is sniffed from the first line: whichever of ',', ';' and tab
// occurs most outside quotes (',' when none does). The first record is the
// header row; columns are found by the names in cols (case-insensitive,
// trimmed; an empty list means the default names of DefaultTableColumns).
// The text column is required, speaker and time are optional. Line is the
// 1-based row number as a spreadsheet shows it (the header is row 1; a blank
// line counts as a row; a quoted line break inside a cell does not start a
// new row, so Line can be less than the text line number). Rows whose text is
// empty are skipped and counted in Warnings. Values are trimmed, NFC, '\n'
// line ends.
func ReadCSV(name string, data []byte, cols TableColumns, lim Limits) (Extract, error) {
	lim = lim.WithDefaults()
	cols = cols.withDefaults()
	if int64(len(data)) > lim.MaxFileBytes {
		return Extract{}, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: file size %d bytes over limits.max_file_bytes = %d", ErrTooLarge, len(data), lim.MaxFileBytes),
			Hint: "split the file or raise limits.max_file_bytes"}
	}
	d, err := Decode(data)
	if err != nil {
		return Extract{}, &InputError{Pos: Pos{File: name}, Err: err, Hint: "save the file as CSV UTF-8"}
	}
	delim := sniffDelimiter(d.Text)
	r := csv.NewReader(strings.NewReader(d.Text))
	r.Comma = delim
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	csvErr := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return &InputError{Pos: Pos{File: name, Line: pe.Line, Col: pe.Column},
				Err:  fmt.Errorf("%w: %v", ErrCorrupt, pe.Err),
				Hint: "open it in Excel or a text editor and save it again as CSV"}
		}
		return &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	header, err := r.Read()
	if err == io.EOF {
		return Extract{}, &InputError{Pos: Pos{File: name}, Err: ErrEmptyDocument, Hint: "the file is empty"}
	}
	if err != nil {
		return Extract{}, csvErr(err)
	}
	headerLine, _ := r.FieldPos(0)
	layout, ok := findColumns(header, cols)
	if !ok {
		return Extract{}, noTextColumn(name, headerLine, fmt.Sprintf("%q", header), cols)
	}
	t := &tableBuilder{name: name, maxCell: lim.MaxLineBytes, layout: layout,
		ex: Extract{Encoding: d.Encoding, Steps: append(d.Steps, fmt.Sprintf("CSV delimiter %q", delim))}}
	// Spreadsheet row = text line where the record starts, less the line
	// breaks inside quoted cells of the records before it.
	inCell := 0
	for _, c := range header {
		inCell += strings.Count(c, "\n")
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Extract{}, csvErr(err)
		}
		line, _ := r.FieldPos(0)
		if err := t.add(row, line-inCell); err != nil {
			return Extract{}, err
		}
		for _, c := range row {
			inCell += strings.Count(c, "\n")
		}
	}
	return t.finish("the file")
}

// sniffDelimiter picks ',', ';' or tab by counting each outside double quotes
// in the first line; ties go in that order, none found gives ','.
func sniffDelimiter(text string) rune {
	first := text
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		first = text[:i]
	}
	counts := map[rune]int{}
	inQuote := false
	for _, c := range first {
		switch {
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{',', ';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// ReadXLSX reads a table of utterances from an Excel workbook (.xlsx), one
// utterance per row, from the first sheet that has a header row with a text
// column (searched in the first 10 rows of each sheet, in sheet order).
// Columns are found as in ReadCSV. Cell values are read as Excel shows them
// (a time cell formatted hh:mm:ss gives "00:01:23"). Line is the sheet row
// number (1-based). Rows whose text is empty are skipped and counted in
// Warnings.
//
// Limits: the file must be a zip with at most MaxZipEntries entries and at
// most MaxUnzippedBytes uncompressed (excelize's UnzipSizeLimit); an old
// binary .xls or an encrypted workbook is ErrUnsupportedFormat.
func ReadXLSX(name string, data []byte, cols TableColumns, lim Limits) (Extract, error) {
	lim = lim.WithDefaults()
	cols = cols.withDefaults()
	if _, err := openZipDoc(name, "xlsx", "Excel", data, lim); err != nil {
		return Extract{}, err
	}
	opts := excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzippedBytes,
		UnzipXMLSizeLimit: min(lim.MaxUnzippedBytes, 16<<20),
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), opts)
	if err != nil {
		if strings.Contains(err.Error(), "unzip size") {
			return Extract{}, &InputError{Pos: Pos{File: name},
				Err:  fmt.Errorf("%w: uncompressed size over limits.max_unzipped_bytes = %d: %v", ErrTooLarge, lim.MaxUnzippedBytes, err),
				Hint: "this is not an ordinary workbook (a zip bomb?); if it is genuine, raise limits.max_unzipped_bytes"}
		}
		return Extract{}, &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: not a readable .xlsx: %v", ErrCorrupt, err),
			Hint: "open it in Excel and save as .xlsx"}
	}
	defer f.Close()
	var seen []string
	for _, sheet := range f.GetSheetList() {
		ex, found, err := readSheet(name, f, sheet, cols, lim)
		if err != nil {
			return Extract{}, err
		}
		if found != "" {
			seen = append(seen, fmt.Sprintf("sheet %q %s", sheet, found))
			continue
		}
		return ex, nil
	}
	if len(seen) == 0 {
		seen = append(seen, "none (no sheets with data)")
	}
	return Extract{}, noTextColumn(name, 0, strings.Join(seen, "; "), cols)
}

// readSheet reads one sheet. When it has no header row with a text column it
// returns found, a description of the first non-empty row, and no error.
func readSheet(name string, f *excelize.File, sheet string, cols TableColumns, lim Limits) (ex Extract, found string, err error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return Extract{}, "", &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: sheet %q: %v", ErrCorrupt, sheet, err),
			Hint: "open it in Excel and save as .xlsx"}
	}
	defer rows.Close()
	var t *tableBuilder
	found = "[] (empty)"
	firstSeen := false
	rowNo := 0
	for rows.Next() {
		rowNo++
		row, err := rows.Columns()
		if err != nil {
			return Extract{}, "", &InputError{Pos: Pos{File: name, Line: rowNo},
				Err:  fmt.Errorf("%w: sheet %q: %v", ErrCorrupt, sheet, err),
				Hint: "open it in Excel and save as .xlsx"}
		}
		if t != nil {
			if err := t.add(row, rowNo); err != nil {
				return Extract{}, "", err
			}
			continue
		}
		if rowNo > xlsxHeaderRows {
			break
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		if !firstSeen {
			found = fmt.Sprintf("%q (row %d)", row, rowNo)
			firstSeen = true
		}
		if layout, ok := findColumns(row, cols); ok {
			t = &tableBuilder{name: name, maxCell: lim.MaxLineBytes, layout: layout,
				ex: Extract{Encoding: "zip/xml", Steps: []string{fmt.Sprintf("sheet %q, header in row %d", sheet, rowNo)}}}
		}
	}
	if err := rows.Error(); err != nil {
		return Extract{}, "", &InputError{Pos: Pos{File: name},
			Err:  fmt.Errorf("%w: sheet %q: %v", ErrCorrupt, sheet, err),
			Hint: "open it in Excel and save as .xlsx"}
	}
	if t == nil {
		return Extract{}, found, nil
	}
	ex, err = t.finish(fmt.Sprintf("sheet %q", sheet))
	return ex, "", err
}
