package corpus

import "errors"

// Extract is what a format reader yields, before turns and segments are made.
// A reader fills either Text (free text in which speaker labels are found by
// the turn parser: txt, md, docx, odt) or Utterances (formats that are already
// split into utterances: vtt, srt, csv, xlsx), never both.
type Extract struct {
	// Text is decoded, NFC-normalised text with '\n' line ends. For docx and
	// odt it holds one paragraph (or table row) per line.
	Text string
	// FirstLine is the source line number of Text's first line (1 unless front
	// matter was removed above it).
	FirstLine int
	// Utterances are pre-split utterances in source order.
	Utterances []Utterance
	// Front holds YAML front matter keys (md, txt) as strings.
	Front map[string]string
	// Encoding and Steps describe the decoding (see ReadInfo).
	Encoding string
	Steps    []string
	Warnings []string
}

// Utterance is one pre-split utterance: a subtitle cue or a table row.
type Utterance struct {
	Speaker string // as written; empty when the source names none
	Time    string // timestamp as written ("00:01:23.500"); empty when none
	Text    string // NFC, '\n' line ends
	Line    int    // 1-based cue number (vtt, srt) or row number (csv, xlsx, header row = 1)
}

// Sentinel errors for classes of bad input. Errors returned by readers wrap
// one of these where one fits, inside an *InputError with the position.
var (
	ErrUnsupportedFormat = errors.New("unsupported file format")
	ErrEmptyDocument     = errors.New("document has no text")
	ErrTooLarge          = errors.New("over a configured size limit")
	ErrCorrupt           = errors.New("file is corrupt or not what its extension says")
	ErrBadTimestamp      = errors.New("bad timestamp")
	ErrEncoding          = errors.New("cannot decode text")
)

// Limits bound what a reader may consume, so that a zip bomb or a huge file
// cannot take the machine down. Zero means "use the default".
type Limits struct {
	MaxFileBytes     int64 // size of one input file on disk (default 256 MiB)
	MaxUnzippedBytes int64 // total uncompressed bytes read from one zipped file (docx, odt, xlsx; default 512 MiB)
	MaxZipEntries    int   // entries in one zipped file (default 10,000)
	MaxLineBytes     int   // one line of text (default 1 MiB)
	MaxFiles         int   // files in one input folder (default 100,000)
	MaxXMLDepth      int   // nesting depth of XML elements (default 256)
}

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = 256 << 20
	}
	if l.MaxUnzippedBytes <= 0 {
		l.MaxUnzippedBytes = 512 << 20
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = 10000
	}
	if l.MaxLineBytes <= 0 {
		l.MaxLineBytes = 1 << 20
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = 100000
	}
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = 256
	}
	return l
}

// TableColumns names the columns of a csv/xlsx export with one utterance per
// row. Each field lists accepted header names, matched case-insensitively.
type TableColumns struct {
	Speaker []string
	Text    []string
	Time    []string
}

// DefaultTableColumns are the header names pbasis accepts by default.
func DefaultTableColumns() TableColumns {
	return TableColumns{
		Speaker: []string{"speaker", "spreker", "naam", "name", "wie"},
		Text:    []string{"text", "tekst", "utterance", "uiting", "transcript", "transcriptie"},
		Time:    []string{"time", "tijd", "start", "timestamp", "begin", "tijdstip"},
	}
}
