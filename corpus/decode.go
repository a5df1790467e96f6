package corpus

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Decoded is text decoded from bytes, with a record of what was done.
type Decoded struct {
	Text     string   // NFC, '\n' line ends, no BOM
	Encoding string   // utf-8, utf-8 (BOM), utf-16le (BOM), utf-16be (BOM), windows-1252
	Steps    []string // what was done, for run.json
}

// Decode turns the bytes of a text file into normalised text. It accepts
// UTF-8 with or without BOM and UTF-16 LE/BE with BOM; bytes that are not
// valid UTF-8 are read as Windows-1252, the usual encoding of Dutch Word and
// Excel exports. Line ends (\r\n, \r) become \n, the text is normalised to
// NFC, and NUL bytes are an error (a binary file given a text extension).
func Decode(b []byte) (Decoded, error) {
	var d Decoded
	var s string
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		d.Encoding = "utf-8 (BOM)"
		d.Steps = append(d.Steps, "removed UTF-8 BOM")
		b = b[3:]
		if !utf8.Valid(b) {
			return d, fmt.Errorf("%w: UTF-8 BOM but invalid UTF-8 bytes", ErrEncoding)
		}
		s = string(b)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		end := unicode.LittleEndian
		d.Encoding = "utf-16le (BOM)"
		if b[0] == 0xFE {
			end = unicode.BigEndian
			d.Encoding = "utf-16be (BOM)"
		}
		out, _, err := transform.Bytes(unicode.UTF16(end, unicode.ExpectBOM).NewDecoder(), b)
		if err != nil {
			return d, fmt.Errorf("%w: %s: %v", ErrEncoding, d.Encoding, err)
		}
		d.Steps = append(d.Steps, "decoded "+d.Encoding+" to UTF-8")
		s = string(out)
	case utf8.Valid(b):
		d.Encoding = "utf-8"
		s = string(b)
	default:
		out, _, err := transform.Bytes(charmap.Windows1252.NewDecoder(), b)
		if err != nil {
			return d, fmt.Errorf("%w: windows-1252: %v", ErrEncoding, err)
		}
		d.Encoding = "windows-1252"
		d.Steps = append(d.Steps, "not valid UTF-8: decoded as Windows-1252")
		s = string(out)
	}
	if strings.IndexByte(s, 0) >= 0 {
		return d, fmt.Errorf("%w: NUL characters in text (a binary file?)", ErrEncoding)
	}
	s, steps := NormalizeText(s)
	d.Text = s
	d.Steps = append(d.Steps, steps...)
	return d, nil
}

// NormalizeText converts line ends to \n, removes a BOM left inside the text
// and normalises to NFC. It returns the steps it took, for run.json.
func NormalizeText(s string) (string, []string) {
	var steps []string
	if strings.Contains(s, "\r") {
		n := strings.Count(s, "\r\n")
		s = strings.ReplaceAll(s, "\r\n", "\n")
		m := strings.Count(s, "\r")
		s = strings.ReplaceAll(s, "\r", "\n")
		steps = append(steps, fmt.Sprintf("line ends: %d CRLF and %d CR to LF", n, m))
	}
	if strings.Contains(s, "\uFEFF") {
		s = strings.ReplaceAll(s, "\uFEFF", "")
		steps = append(steps, "removed BOM characters inside the text")
	}
	if !isNFC(s) {
		t := norm.NFC.String(s)
		steps = append(steps, fmt.Sprintf("NFC normalised (%d -> %d code points)", utf8.RuneCountInString(s), utf8.RuneCountInString(t)))
		s = t
	}
	return s, steps
}

// isNFC reports whether s is in NFC, as norm.NFC.IsNormalString(s) does,
// looking only at its non-ASCII runs. ASCII characters are starters that
// are NFC and compose with nothing before them, so s is NFC when each run
// of non-ASCII bytes is, checked with the ASCII byte before it (a base
// that a combining mark may compose with, as in "e\u0301") and the one
// after it. Transcripts are nearly all ASCII: this passes over the ASCII
// eight bytes at a time, and checks runs less than nfcGap bytes apart in
// one call.
func isNFC(s string) bool {
	j := nextNonASCII(s, 0)
	for j < len(s) {
		from := max(j-1, 0)
		k := endNonASCII(s, j)
		j = nextNonASCII(s, k)
		for j < len(s) && j-k < nfcGap {
			k = endNonASCII(s, j)
			j = nextNonASCII(s, k)
		}
		// QuickSpanString returns len(w) only if w is NFC (its contract:
		// w[:n] is NFC); it does not allocate, IsNormalString does.
		if w := s[from:min(k+1, len(s))]; norm.NFC.QuickSpanString(w) != len(w) && !norm.NFC.IsNormalString(w) {
			return false
		}
	}
	return true
}

// nfcGap is the number of ASCII bytes between two non-ASCII runs below
// which isNFC checks them together: reading a few ASCII bytes again costs
// less than a call.
const nfcGap = 64

// endNonASCII returns the offset of the first ASCII byte at or after i, or
// len(s).
func endNonASCII(s string, i int) int {
	for i < len(s) && s[i] >= utf8.RuneSelf {
		i++
	}
	return i
}

// nextNonASCII returns the offset of the first byte at or after i that is
// not ASCII, or len(s).
func nextNonASCII(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := le64(s, i)
		if x&swarHighs != 0 {
			break
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return i
}
