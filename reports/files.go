package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
)

// maxSafeName is the longest file name stem SafeFileName returns, in bytes,
// before the hash suffix; it keeps "families/<name>.md" and
// "figures/ecomap-<name>.svg" well under the 255-byte limit of file systems.
const maxSafeName = 80

// windowsReserved are the device names Windows refuses as file names, with
// any extension.
func windowsReserved() []string {
	return []string{"con", "prn", "aux", "nul",
		"com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
		"lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"}
}

// SafeFileName returns a file name stem for a case ID that is safe on
// Linux, macOS and Windows and inside a Markdown link: letters (any script),
// digits, '-', '_' and '.' are kept; every other character (path separators,
// control characters, spaces, ':' and the like) becomes '_'. The name never
// is or starts with '.', so ".." cannot escape the folder, never ends with
// '.' or ' ', and is never a reserved Windows device name (CON, NUL, COM1
// ...; '_' is put in front). An empty ID gives "_" (with the hash). When the name had to
// change, or is longer than 80 bytes, the first 8 hex digits of the ID's
// SHA-256 are appended ("G 01" → "G_01-3c5a9f1e"), so two IDs that differ
// only in replaced characters still get two files. Case IDs that are
// already safe come back unchanged, so "G01" stays "G01".
//
// Two IDs that differ only in letter case ("g01", "G01") give two names
// that clash on case-insensitive file systems; WriteAll detects that.
func SafeFileName(caseID string) string {
	var b strings.Builder
	changed := false
	for _, r := range caseID {
		switch {
		case r == utf8.RuneError:
			b.WriteByte('_')
			changed = true
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
			changed = true
		}
	}
	s := b.String()
	// No leading dots (hidden files, "." and ".."), no trailing dots.
	if t := strings.TrimLeft(s, "."); t != s {
		s, changed = "_"+t, true
	}
	if t := strings.TrimRight(s, "."); t != s {
		s, changed = t+"_", true
	}
	if s == "" {
		s, changed = "_", true
	}
	stem := strings.ToLower(s)
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	for _, w := range windowsReserved() {
		if stem == w {
			s, changed = "_"+s, true
			break
		}
	}
	if len(s) > maxSafeName {
		cut := maxSafeName
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s, changed = s[:cut], true
	}
	if changed {
		sum := sha256.Sum256([]byte(caseID))
		s += "-" + hex.EncodeToString(sum[:4])
	}
	return s
}

// Output paths, relative to the output folder, with '/'.
const (
	ReportFile    = "report.md"
	FamiliesDir   = "families"
	FiguresDir    = "figures"
	BarsFigure    = "figures/codes-per-category.svg"
	HeatmapFigure = "figures/co-occurrence.svg"
)

// PortraitPath is the path of a case's portrait relative to the output
// folder: "families/<safe case>.md".
func PortraitPath(caseID string) string {
	return FamiliesDir + "/" + SafeFileName(caseID) + ".md"
}

// EcomapPath is the path of a case's ecomap relative to the output folder:
// "figures/ecomap-<safe case>.svg".
func EcomapPath(caseID string) string {
	return FiguresDir + "/ecomap-" + SafeFileName(caseID) + ".svg"
}

// WriteAll writes the Markdown report, one portrait per case and the
// figures into outDir, each file atomically (AtomicWrite), and returns the
// paths written relative to outDir (with '/'), in the order written:
// figures first, then portraits, then report.md, so that a report.md on
// disk always has its figures and portraits beside it. It stops at the
// first error, which names the file.
func WriteAll(outDir string, r *analysis.Results, m *Manifest, lang Lang) ([]string, error) {
	if r == nil {
		return nil, fmt.Errorf("write reports to %s: no results", outDir)
	}
	cases := caseIDs(r)
	seen := map[string]string{}
	for _, c := range cases {
		k := strings.ToLower(SafeFileName(c))
		if other, ok := seen[k]; ok {
			return nil, fmt.Errorf("write reports to %s: cases %q and %q get the same file name %q (on case-insensitive file systems); rename one", outDir, other, c, SafeFileName(c))
		}
		seen[k] = c
	}
	var written []string
	write := func(rel string, fn func(w io.Writer) error) error {
		if err := AtomicWrite(filepath.Join(outDir, filepath.FromSlash(rel)), fn); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	}
	if err := write(BarsFigure, func(w io.Writer) error { return WriteBarChart(w, barChartData(r, lang), lang) }); err != nil {
		return written, err
	}
	if err := write(HeatmapFigure, func(w io.Writer) error { return WriteHeatmap(w, heatmapData(r, lang), lang) }); err != nil {
		return written, err
	}
	for _, c := range cases {
		if err := write(EcomapPath(c), func(w io.Writer) error { return WriteEcomap(w, ecomapData(r, c, lang), lang) }); err != nil {
			return written, err
		}
	}
	for _, c := range cases {
		if err := write(PortraitPath(c), func(w io.Writer) error { return WritePortrait(w, r, c, m, lang) }); err != nil {
			return written, err
		}
	}
	if err := write(ReportFile, func(w io.Writer) error { return WriteReport(w, r, m, lang) }); err != nil {
		return written, err
	}
	return written, nil
}
