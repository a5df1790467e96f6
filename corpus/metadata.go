package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SheetNames are the metadata sheet file names looked for at the top of the
// input folder, in order.
func SheetNames() []string { return []string{"metadata.csv", "metadata.xlsx"} }

// Sheet is a metadata sheet: one row per file.
type Sheet struct {
	File string              // the sheet's name, for errors
	Rows map[string]SheetRow // by file path relative to the input folder, with '/'
}

// SheetRow is one row of the metadata sheet.
type SheetRow struct {
	Line     int // 1-based row in the sheet
	Case     string
	Kind     string
	Wijk     string
	Wave     string
	Date     string
	Speakers map[string]string
	Extra    map[string]string
}

// ReadSheet reads the metadata sheet in fsys, if there is one. It returns a
// nil Sheet and no error when there is none. Problems name the sheet and row.
func ReadSheet(fsys fs.FS, lim Limits) (*Sheet, error) {
	lim = lim.WithDefaults()
	for _, name := range SheetNames() {
		data, err := readLimited(fsys, name, lim.MaxFileBytes)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var records [][]string
		if strings.HasSuffix(name, ".xlsx") {
			records, err = xlsxRecords(name, data, lim)
		} else {
			records, err = csvRecords(name, data)
		}
		if err != nil {
			return nil, err
		}
		return parseSheet(name, records)
	}
	return nil, nil
}

// readAllSized is io.ReadAll with room for size bytes made at once (plus
// one, to see the end without growing): a file's size from Stat saves the
// copies of a growing buffer.
func readAllSized(r io.Reader, size int64) ([]byte, error) {
	if size <= 0 {
		return io.ReadAll(r)
	}
	b := make([]byte, 0, size+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: let append find room
		}
	}
}

// readLimited reads a whole file, refusing files over max bytes.
func readLimited(fsys fs.FS, name string, max int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	before, serr := f.Stat()
	if serr == nil && before.Size() > max {
		return nil, &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("%w: %d bytes over limits.max_file_bytes = %d", ErrTooLarge, before.Size(), max),
			Hint: "split the file or raise limits.max_file_bytes"}
	}
	var size int64 // what the file holds, as far as Stat knows
	if serr == nil && before.Mode().IsRegular() {
		size = before.Size()
	}
	data, err := readAllSized(io.LimitReader(f, max+1), size)
	if err != nil {
		return nil, &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("read: %w", err)}
	}
	if int64(len(data)) > max {
		return nil, &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("%w: over limits.max_file_bytes = %d (the file grew while read?)", ErrTooLarge, max),
			Hint: "split the file or raise limits.max_file_bytes"}
	}
	// A file that is being written while pbasis reads it (a transcript
	// still open in a synchronising folder, say) is not read half: the
	// open file is looked at again (one fstat; looking the path up again
	// costs an open and a close of its folder more with an os.Root input,
	// and a file replaced by a new one under the same name meanwhile was
	// still read whole).
	if serr == nil && before.Mode().IsRegular() {
		if st, err := f.Stat(); err == nil {
			if st.Size() != int64(len(data)) || !st.ModTime().Equal(before.ModTime()) {
				return nil, &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("%w: the file changed while it was read (%d bytes read, %d on disk now)", ErrCorrupt, len(data), st.Size()),
					Hint: "run again when nothing is writing to the file"}
			}
		}
	}
	return data, nil
}

func csvRecords(name string, data []byte) ([][]string, error) {
	d, err := Decode(data)
	if err != nil {
		return nil, &InputError{Pos: Pos{File: name}, Err: err, Hint: "save the sheet as UTF-8 CSV"}
	}
	r := csv.NewReader(strings.NewReader(d.Text))
	r.Comma = sniffComma(d.Text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	records, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &InputError{Pos: Pos{File: name, Line: pe.Line, Col: pe.Column}, Err: pe.Err, Hint: "fix the CSV quoting"}
		}
		return nil, &InputError{Pos: Pos{File: name}, Err: err}
	}
	return records, nil
}

// sniffComma picks the delimiter of a CSV text from its first line: ';',
// tab or ','.
func sniffComma(text string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(first, ",")
	for _, c := range []rune{';', '\t'} {
		if k := strings.Count(first, string(c)); k > n {
			best, n = c, k
		}
	}
	return best
}

func xlsxRecords(name string, data []byte, lim Limits) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: lim.MaxUnzippedBytes, UnzipXMLSizeLimit: lim.MaxUnzippedBytes / 4})
	if err != nil {
		return nil, &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("%w: %v", ErrCorrupt, err), Hint: "open it in Excel and save it again as .xlsx, or use metadata.csv"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, &InputError{Pos: Pos{File: name}, Err: ErrEmptyDocument}
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, &InputError{Pos: Pos{File: name}, Err: fmt.Errorf("%w: %v", ErrCorrupt, err)}
	}
	return rows, nil
}

// parseSheet turns records (header first) into a Sheet.
func parseSheet(name string, records [][]string) (*Sheet, error) {
	if len(records) == 0 {
		return nil, &InputError{Pos: Pos{File: name}, Err: ErrEmptyDocument, Hint: "add a header row: file,case,kind,wijk,wave,date,speakers"}
	}
	header := make([]string, len(records[0]))
	col := map[string]int{}
	for i, h := range records[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		header[i] = h
		if _, dup := col[h]; dup && h != "" {
			return nil, &InputError{Pos: Pos{File: name, Line: 1, Col: i + 1}, Err: fmt.Errorf("column %q appears twice", h)}
		}
		col[h] = i
	}
	_, ok := col["file"]
	if !ok {
		return nil, &InputError{Pos: Pos{File: name, Line: 1}, Err: fmt.Errorf("no column \"file\" (found %s)", strings.Join(header, ", ")),
			Hint: "the first row must name the columns: file,case,kind,wijk,wave,date,speakers"}
	}
	known := []string{"file", "case", "kind", "wijk", "wave", "date", "speakers"}
	s := &Sheet{File: name, Rows: map[string]SheetRow{}}
	var errs []error
	for i, rec := range records[1:] {
		line := i + 2
		get := func(k string) string {
			if j, ok := col[k]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		file := path.Clean(strings.ReplaceAll(get("file"), "\\", "/"))
		if get("file") == "" {
			if strings.TrimSpace(strings.Join(rec, "")) != "" {
				errs = append(errs, &InputError{Pos: Pos{File: name, Line: line}, Err: errors.New("row has no file name")})
			}
			continue
		}
		if _, dup := s.Rows[file]; dup {
			errs = append(errs, &InputError{Pos: Pos{File: name, Line: line}, Err: fmt.Errorf("file %q is listed twice", file)})
			continue
		}
		row := SheetRow{Line: line, Case: get("case"), Kind: strings.ToLower(get("kind")), Wijk: get("wijk"), Wave: get("wave"), Date: get("date"), Extra: map[string]string{}}
		if row.Kind != "" && row.Kind != string(KindTranscript) && row.Kind != string(KindNotes) {
			errs = append(errs, &InputError{Pos: Pos{File: name, Line: line, Col: col["kind"] + 1}, Err: fmt.Errorf("kind %q must be transcript or notes", row.Kind)})
		}
		if sp := get("speakers"); sp != "" {
			m, err := ParseSpeakers(sp)
			if err != nil {
				errs = append(errs, &InputError{Pos: Pos{File: name, Line: line, Col: col["speakers"] + 1}, Err: err})
			}
			row.Speakers = m
		}
		for j, h := range header {
			if h == "" || slices.Contains(known, h) || j >= len(rec) {
				continue
			}
			row.Extra[h] = strings.TrimSpace(rec[j])
		}
		s.Rows[file] = row
	}
	if len(errs) > 0 {
		return s, errors.Join(errs...)
	}
	return s, nil
}

// MetaSources are the places metadata can come from, highest precedence first.
type MetaSources struct {
	Row   *SheetRow         // the file's row in the metadata sheet, or nil
	Front map[string]string // front matter keys, or nil
}

// ResolveMetadata fills a document's metadata, field by field, from the
// sheet row, then front matter, then the file-name pattern, then the
// sub-folder, then defaults (DESIGN.md). rel is the file's path relative to
// the input folder, with '/'.
func ResolveMetadata(rel string, src MetaSources, o Options) (Metadata, error) {
	m := Metadata{Source: map[string]string{}, Extra: map[string]string{}}
	set := func(field, val, from string, dst *string) {
		if *dst == "" && strings.TrimSpace(val) != "" {
			*dst = strings.TrimSpace(val)
			m.Source[field] = from
		}
	}
	var kind string
	if r := src.Row; r != nil {
		set("case", r.Case, "sheet", &m.Case)
		set("kind", r.Kind, "sheet", &kind)
		set("wijk", r.Wijk, "sheet", &m.Wijk)
		set("wave", r.Wave, "sheet", &m.Wave)
		set("date", r.Date, "sheet", &m.Date)
		if len(r.Speakers) > 0 {
			m.Speakers = r.Speakers
			m.Source["speakers"] = "sheet"
		}
		for k, v := range r.Extra {
			m.Extra[k] = v
		}
	}
	if f := src.Front; f != nil {
		set("case", first(f, "case", "gezin", "casus", "family"), "front matter", &m.Case)
		set("kind", strings.ToLower(first(f, "kind", "soort", "type")), "front matter", &kind)
		set("wijk", first(f, "wijk", "neighbourhood", "buurt"), "front matter", &m.Wijk)
		set("wave", first(f, "wave", "ronde", "meting"), "front matter", &m.Wave)
		set("date", first(f, "date", "datum"), "front matter", &m.Date)
		if m.Speakers == nil {
			if sp := first(f, "speakers", "sprekers"); sp != "" {
				sm, err := ParseSpeakers(sp)
				if err != nil {
					return m, err
				}
				m.Speakers = sm
				m.Source["speakers"] = "front matter"
			}
		}
		for k, v := range f {
			if !slices.Contains([]string{"case", "gezin", "casus", "family", "kind", "soort", "type", "wijk", "neighbourhood", "buurt", "wave", "ronde", "meting", "date", "datum", "speakers", "sprekers"}, k) {
				if _, ok := m.Extra[k]; !ok {
					m.Extra[k] = v
				}
			}
		}
	}
	if re := o.FilenamePattern; re != nil {
		if sub := re.FindStringSubmatch(rel); sub != nil {
			for i, name := range re.SubexpNames() {
				switch name {
				case "case":
					set("case", sub[i], "file name", &m.Case)
				case "wave":
					set("wave", sub[i], "file name", &m.Wave)
				case "wijk":
					set("wijk", sub[i], "file name", &m.Wijk)
				case "date":
					set("date", sub[i], "file name", &m.Date)
				case "kind":
					set("kind", strings.ToLower(sub[i]), "file name", &kind)
				}
			}
		}
	}
	if dir := path.Dir(rel); dir != "." {
		set("case", strings.SplitN(dir, "/", 2)[0], "folder", &m.Case)
	}
	if kind == "" {
		// (set would keep a kind already found: the globs, a few thousand
		// instructions each, are not tried then.)
		base := strings.ToLower(path.Base(rel))
		for _, g := range o.NotesGlobs {
			if ok, _ := path.Match(g, base); ok {
				set("kind", string(KindNotes), "file name", &kind)
				break
			}
		}
	}
	set("case", strings.TrimSuffix(path.Base(rel), path.Ext(rel)), "default (file name)", &m.Case)
	set("kind", string(KindTranscript), "default", &kind)
	switch Kind(kind) {
	case KindTranscript, KindNotes:
		m.Kind = Kind(kind)
	default:
		return m, fmt.Errorf("kind %q (from %s) must be transcript or notes", kind, m.Source["kind"])
	}
	return m, nil
}

func first(m map[string]string, keys ...string) string {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != "" {
			return v
		}
	}
	return ""
}
