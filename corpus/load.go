package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Skipped is an input file that is not in the results, with the reason.
// Nothing is dropped silently: every skipped file goes to run.json, stderr
// and the report's method section.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
	// Ignored is true for files that are not input by design (hidden files,
	// Office lock files, the metadata sheet): listed, but not an error.
	Ignored bool `json:"ignored,omitempty"`
}

// Formats returns the supported file extensions (lower case, with dot).
func Formats() []string {
	return []string{".txt", ".md", ".docx", ".odt", ".vtt", ".srt", ".csv", ".xlsx"}
}

// List walks fsys and returns the input files (paths with '/', sorted) and
// the files it leaves out, each with its reason. Unsupported formats and
// symbolic links are skipped; hidden files, Office lock files ("~$x.docx")
// and the metadata sheet are ignored. More than lim.MaxFiles input files is
// an error.
func List(fsys fs.FS, lim Limits) ([]string, []Skipped, error) {
	lim = lim.WithDefaults()
	var files []string
	var skipped []Skipped
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			skipped = append(skipped, Skipped{File: p, Reason: fmt.Sprintf("cannot read: %v", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == "." {
			return nil
		}
		base := path.Base(p)
		if strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			skipped = append(skipped, Skipped{File: p, Reason: "hidden file", Ignored: true})
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			skipped = append(skipped, Skipped{File: p, Reason: "symbolic link: not followed (copy the file into the input folder)"})
			return nil
		}
		if !d.Type().IsRegular() {
			skipped = append(skipped, Skipped{File: p, Reason: "not a regular file"})
			return nil
		}
		if slices.Contains(SheetNames(), p) {
			skipped = append(skipped, Skipped{File: p, Reason: "metadata sheet", Ignored: true})
			return nil
		}
		if strings.HasPrefix(base, "~$") {
			skipped = append(skipped, Skipped{File: p, Reason: "Office lock file", Ignored: true})
			return nil
		}
		ext := strings.ToLower(path.Ext(p))
		if !slices.Contains(Formats(), ext) {
			skipped = append(skipped, Skipped{File: p, Reason: unsupportedReason(ext)})
			return nil
		}
		files = append(files, p)
		if len(files) > lim.MaxFiles {
			return fmt.Errorf("more than limits.max_files = %d input files: %w", lim.MaxFiles, ErrTooLarge)
		}
		return nil
	})
	return files, skipped, err
}

func unsupportedReason(ext string) string {
	switch ext {
	case ".doc":
		return "unsupported format .doc (old Word): open it in Word or LibreOffice and save it as .docx"
	case ".pdf":
		return "unsupported format .pdf: export the transcript as .docx or .txt"
	case ".rtf":
		return "unsupported format .rtf: save it as .docx or .txt"
	case ".xls":
		return "unsupported format .xls (old Excel): save it as .xlsx or .csv"
	case ".ods":
		return "unsupported format .ods: save it as .xlsx or .csv"
	case "":
		return "no file extension: rename it to .txt if it is a transcript"
	}
	return fmt.Sprintf("unsupported format %s: pbasis reads %s", ext, strings.Join(Formats(), " "))
}

// ReadFile reads, decodes and splits one input file. rel is its path in fsys
// (with '/'); sheet may be nil. Errors are *InputError values naming the file.
func ReadFile(fsys fs.FS, rel string, sheet *Sheet, o Options) (*Document, error) {
	lim := o.Limits.WithDefaults()
	data, err := readLimited(fsys, rel, lim.MaxFileBytes)
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			ie.Pos.File = rel
			return nil, ie
		}
		return nil, &InputError{Pos: Pos{File: rel}, Err: err, Hint: "check that the file can be read"}
	}
	if len(data) == 0 {
		return nil, &InputError{Pos: Pos{File: rel}, Err: ErrEmptyDocument, Hint: "the file is empty; remove it or add the transcript"}
	}
	ext := strings.ToLower(path.Ext(rel))
	var ex Extract
	switch ext {
	case ".txt", ".md":
		ex, err = ReadText(rel, data, lim)
	case ".docx":
		ex, err = ReadDOCX(rel, data, lim)
	case ".odt":
		ex, err = ReadODT(rel, data, lim)
	case ".vtt":
		ex, err = ReadVTT(rel, data, lim)
	case ".srt":
		ex, err = ReadSRT(rel, data, lim)
	case ".csv":
		ex, err = ReadCSV(rel, data, o.Table, lim)
	case ".xlsx":
		ex, err = ReadXLSX(rel, data, o.Table, lim)
	default:
		return nil, &InputError{Pos: Pos{File: rel}, Err: ErrUnsupportedFormat, Hint: unsupportedReason(ext)}
	}
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) {
			err = &InputError{Pos: Pos{File: rel}, Err: err}
		}
		return nil, err
	}
	var src MetaSources
	if sheet != nil {
		if r, ok := sheet.Rows[rel]; ok {
			src.Row = &r
		}
	}
	src.Front = ex.Front
	meta, err := ResolveMetadata(rel, src, o)
	if err != nil {
		return nil, &InputError{Pos: Pos{File: rel}, Err: err, Hint: "fix the metadata sheet or front matter"}
	}
	// Pseudonymisation (pseudo.go) runs here, before Build lays out the text,
	// so that turns, segments and spans are computed on the pseudonymised
	// text. It records "pseudonymised: N replacements" in the reading steps.
	o.Pseudo.pseudonymiseExtract(&ex, &meta)
	doc, err := Build(rel, strings.TrimPrefix(ext, "."), ex, meta, o)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	doc.Reading.Bytes = int64(len(data))
	doc.Reading.SHA256 = hex.EncodeToString(sum[:])
	return doc, nil
}
