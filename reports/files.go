package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

// mdWriters is how many files WriteAll writes at the same time. With
// AtomicWrite a file's time is mostly spent waiting for the disk (it syncs
// the file and its folder), not on the CPU: more writers than GOMAXPROCS
// overlap those waits, while the Go runtime still runs at most GOMAXPROCS
// of them at once.
const mdWriters = 8

// WriteAll writes the Markdown report, one portrait per case and the
// figures into outDir, each file atomically (AtomicWrite), and returns the
// paths written relative to outDir (with '/'), in this order: the figures
// (bar chart, heat map, then the ecomaps in case order), the portraits in
// case order, then report.md. The files are written several at a time
// (each file whole, its content the same whatever the timing); report.md
// is written beside the others but finished last, and only when all
// others were, so that a report.md on disk always has its figures and
// portraits beside it. On an error no further file is started; WriteAll
// returns the files that were written, in the order above, and the first
// error in that order, which names the file.
func WriteAll(outDir string, r *analysis.Results, m *Manifest, lang Lang) ([]string, error) {
	return WriteAllWith(outDir, r, m, lang, AtomicWrite)
}

// WriteAllWith is WriteAll writing each file with put instead of
// AtomicWrite: CreateFile when outDir is a staging folder that the caller
// syncs and swaps in as a whole.
func WriteAllWith(outDir string, r *analysis.Results, m *Manifest, lang Lang, put FileWriter) ([]string, error) {
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
	v := newMDView(r, m, lang, nil)
	// The portraits make report.md's bridges too (reportShare).
	v.share = newReportShare(v)

	// A job writes one file; b and s are its writer's buffers.
	type job struct {
		rel   string
		write func(w io.Writer, b *mdBuf, s *svgWriter) error
	}
	jobs := make([]job, 0, 2+2*len(v.list))
	jobs = append(jobs,
		job{BarsFigure, func(w io.Writer, _ *mdBuf, _ *svgWriter) error { return WriteBarChart(w, barChartData(r, lang), lang) }},
		job{HeatmapFigure, func(w io.Writer, _ *mdBuf, _ *svgWriter) error { return WriteHeatmap(w, heatmapData(r, lang), lang) }})
	for _, mc := range v.list {
		jobs = append(jobs, job{mc.ecomap, func(w io.Writer, _ *mdBuf, s *svgWriter) error {
			s.b = s.b[:0]
			v.ecomapDataTo(&s.ecomap, mc.id, mc.caseCodes().Own, mc.networks)
			writeEcomap(s, s.ecomap, v.tx)
			return s.close(w)
		}})
	}
	for _, mc := range v.list {
		jobs = append(jobs, job{mc.portrait, func(w io.Writer, b *mdBuf, _ *svgWriter) error { return v.writePortrait(b, w, mc.id) }})
	}
	// The order the jobs are started in: the portraits first, in case
	// order, as report.md takes their bridges in that order; then the
	// ecomaps and the two figures, while report.md writes its later parts.
	order := make([]int, 0, len(jobs))
	for i := range v.list {
		order = append(order, 2+len(v.list)+i)
	}
	for i := range v.list {
		order = append(order, 2+i)
	}
	order = append(order, 0, 1)

	errs := make([]error, len(jobs))
	done := make([]bool, len(jobs))
	var (
		next   atomic.Int64
		failed atomic.Bool
		wg     sync.WaitGroup
	)
	// report.md: written beside the other files; its write ends with an
	// error, so that put leaves no report.md, when one of them failed.
	workersDone, reportDone := make(chan struct{}), make(chan struct{})
	var reportErr error
	go func() {
		defer close(reportDone)
		defer v.share.stopReading()
		var b mdBuf
		reportErr = put(filepath.Join(outDir, ReportFile), func(w io.Writer) error {
			if err := v.writeReport(&b, w); err != nil {
				return err
			}
			<-workersDone
			if failed.Load() {
				return errFilesMissing
			}
			return nil
		})
	}()
	for range min(max(runtime.GOMAXPROCS(0), mdWriters), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var (
				b mdBuf
				s svgWriter
			)
			for !failed.Load() {
				k := int(next.Add(1) - 1)
				if k >= len(order) {
					return
				}
				i := order[k]
				j := jobs[i]
				errs[i] = put(filepath.Join(outDir, filepath.FromSlash(j.rel)), func(w io.Writer) error { return j.write(w, &b, &s) })
				if errs[i] != nil {
					failed.Store(true)
				} else {
					done[i] = true
				}
			}
		}()
	}
	wg.Wait()
	v.share.close()
	close(workersDone)
	<-reportDone
	written := make([]string, 0, len(jobs)+1)
	for i, j := range jobs {
		if done[i] {
			written = append(written, j.rel)
		}
	}
	for _, err := range errs {
		if err != nil {
			return written, err
		}
	}
	if reportErr != nil {
		return written, reportErr
	}
	return append(written, ReportFile), nil
}

// errFilesMissing ends the write of report.md when another file of
// WriteAllWith could not be written.
var errFilesMissing = errors.New("not written: other files are missing")
