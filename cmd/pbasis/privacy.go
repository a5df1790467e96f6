package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/reports"
)

// PrivacyConfig is the privacy: section: pseudonymisation of names before
// anything is coded or written (see corpus/pseudo.go).
type PrivacyConfig struct {
	Pseudonymise bool     `mapstructure:"pseudonymise"`
	Names        []string `mapstructure:"names"`
	NamesFile    string   `mapstructure:"names_file"`
	Auto         bool     `mapstructure:"auto"`
	Keep         []string `mapstructure:"keep"`
	KeyFile      string   `mapstructure:"key_file"`
}

// validate checks the section against the input and output folders: with
// pseudonymise on, key_file is required and must lie outside both, because
// the key re-identifies the families and the output folder is what gets
// shared.
func (p *PrivacyConfig) validate(input, out string) []error {
	if !p.Pseudonymise {
		return nil
	}
	var errs []error
	if strings.TrimSpace(p.KeyFile) == "" {
		errs = append(errs, errors.New("privacy.key_file: required when privacy.pseudonymise is true (where the key original -> pseudonym is written; outside the output and input folders)"))
		return errs
	}
	if out != "" && within(p.KeyFile, out) {
		errs = append(errs, fmt.Errorf("privacy.key_file: %s is inside the output folder %s: the key re-identifies the families and must never be written where the reports are; choose a path outside it", p.KeyFile, out))
	}
	if input != "" && within(p.KeyFile, input) {
		errs = append(errs, fmt.Errorf("privacy.key_file: %s is inside the input folder %s: pbasis never writes into its input; choose a path outside it", p.KeyFile, input))
	}
	if st, err := os.Stat(p.KeyFile); err == nil && st.IsDir() {
		errs = append(errs, fmt.Errorf("privacy.key_file: %s is a folder; name a file", p.KeyFile))
	}
	return errs
}

// within reports whether path is dir or lies inside it, comparing absolute,
// cleaned paths (with symbolic links of existing parents resolved, so that a
// link cannot hide the output folder).
func within(path, dir string) bool {
	ap, err1 := absResolved(path)
	ad, err2 := absResolved(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	return ap == ad || strings.HasPrefix(ap, ad+string(filepath.Separator))
}

// absResolved returns the absolute, cleaned path with symbolic links
// resolved in its longest existing prefix.
func absResolved(p string) (string, error) {
	a, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	a = filepath.Clean(a)
	rest := ""
	for cur := a; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return a, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// pseudoOptions returns the corpus options for the section, with the names
// of names_file added to names. It returns Enabled false when
// pseudonymisation is off.
func (p *PrivacyConfig) pseudoOptions() (corpus.PseudoOptions, error) {
	o := corpus.PseudoOptions{Enabled: p.Pseudonymise, Auto: p.Auto, Keep: p.Keep}
	o.Names = append(o.Names, p.Names...)
	if p.NamesFile != "" {
		names, err := readNamesFile(p.NamesFile)
		if err != nil {
			return o, err
		}
		o.Names = append(o.Names, names...)
	}
	return o, nil
}

// readNamesFile reads the researcher's list of names: one per line, or a
// CSV (',' or ';') whose first column is the name and whose optional second
// column is its kind (person, place, street, address, or their Dutch
// names). Lines starting with '#' and a header row "name"/"naam" are
// skipped. Errors name the file and line.
func readNamesFile(name string) ([]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, usageErr(fmt.Errorf("privacy.names_file: %w", err))
	}
	d, err := corpus.Decode(data)
	if err != nil {
		return nil, usageErr(fmt.Errorf("privacy.names_file %s: %w", name, err))
	}
	first, _, _ := strings.Cut(d.Text, "\n")
	r := csv.NewReader(strings.NewReader(d.Text))
	r.Comma = ','
	if strings.Count(first, ";") > strings.Count(first, ",") {
		r.Comma = ';'
	}
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.TrimLeadingSpace = true
	var names []string
	for row := 0; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, usageErr(fmt.Errorf("privacy.names_file %s: %w", name, err))
		}
		n := strings.TrimSpace(rec[0])
		if n == "" {
			continue
		}
		if row == 0 {
			switch strings.ToLower(n) {
			case "name", "naam", "names", "namen":
				continue
			}
		}
		if len(rec) > 1 {
			if k := strings.TrimSpace(rec[1]); k != "" && !strings.EqualFold(k, "kind") && !strings.EqualFold(k, "soort") {
				n += "=" + k
			}
		}
		names = append(names, n)
	}
	return names, nil
}

// recordedSettings returns the configuration in force as run.json, the
// report's method section and the workbook's overview record it: all
// settings, but with the listed names left out (only their number is
// recorded), because those outputs are shared and the names are what
// pseudonymisation hides.
func (l *loaded) recordedSettings() map[string]any {
	s := l.v.AllSettings()
	pr, ok := s["privacy"].(map[string]any)
	if !ok {
		return s
	}
	cp := make(map[string]any, len(pr))
	for k, v := range pr {
		cp[k] = v
	}
	cp["names"] = strconv.Itoa(len(l.cfg.Privacy.Names)) + " names (not recorded)"
	s["privacy"] = cp
	return s
}

// newPseudonymiser returns the pseudonymiser the configuration asks for, or
// nil when pseudonymisation is off.
func newPseudonymiser(cfg *Config) (*corpus.Pseudonymiser, error) {
	if !cfg.Privacy.Pseudonymise {
		return nil, nil
	}
	o, err := cfg.Privacy.pseudoOptions()
	if err != nil {
		return nil, err
	}
	return corpus.NewPseudonymiser(o), nil
}

// writeKey writes the pseudonymisation key to file as CSV with the header
// case, kind, original, pseudonym, count, one row per original form per
// case, sorted (Pseudonymiser.Key). It writes like reports.AtomicWrite (a
// temporary file beside it, synced, renamed over file) but keeps the file
// readable by its owner only (0600) from its creation on, because the key
// re-identifies the families. Cells that a spreadsheet would run as a
// formula are prefixed with "'". It returns the number of rows.
func writeKey(file string, p *corpus.Pseudonymiser) (n int, err error) {
	key := p.Key()
	dir := filepath.Dir(file)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, fmt.Errorf("privacy.key_file: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp*") // mode 0600
	if err != nil {
		return 0, fmt.Errorf("privacy.key_file: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	cw := csv.NewWriter(f)
	if err = cw.Write([]string{"case", "kind", "original", "pseudonym", "count"}); err != nil {
		return 0, fmt.Errorf("privacy.key_file %s: %w", file, err)
	}
	for _, r := range key {
		if err = cw.Write([]string{safeCell(r.Case), r.Kind, safeCell(r.Original), r.Pseudonym, strconv.Itoa(r.Count)}); err != nil {
			return 0, fmt.Errorf("privacy.key_file %s: %w", file, err)
		}
	}
	if cw.Flush(); cw.Error() != nil {
		err = cw.Error()
		return 0, fmt.Errorf("privacy.key_file %s: %w", file, err)
	}
	if err = f.Sync(); err != nil {
		return 0, fmt.Errorf("privacy.key_file %s: %w", file, err)
	}
	if err = f.Close(); err != nil {
		return 0, fmt.Errorf("privacy.key_file %s: %w", file, err)
	}
	if err = os.Rename(tmp, file); err != nil {
		return 0, fmt.Errorf("privacy.key_file %s: %w", file, err)
	}
	return len(key), nil
}

// safeCell keeps a spreadsheet from reading a cell as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// finishPrivacy runs after the output is complete, before it is swapped
// in: it writes the key to key_file and warns, on stderr only, about file
// names and case IDs that contain a name pseudonymised in the texts. Those
// are the researcher's own identifiers and stay as they are
// in every output (the document ID is the file's path); the warning is not
// put into run.json or the report, because it would repeat the name there.
func finishPrivacy(cfg *Config, p *corpus.Pseudonymiser, files []reports.FileEntry, g globalOptions) error {
	if p == nil {
		return nil
	}
	n, err := writeKey(cfg.Privacy.KeyFile, p)
	if err != nil {
		return err
	}
	if g.quiet {
		return nil
	}
	fmt.Fprintf(g.stderr, "pbasis: pseudonymised: %d names replaced; key written to %s (keep it safe, never share it with the output)\n", n, cfg.Privacy.KeyFile)
	for _, w := range identifierWarnings(files, p.Key()) {
		fmt.Fprintln(g.stderr, "pbasis: warning: "+w)
	}
	return nil
}

// identifierWarnings returns one warning per file name or case ID that
// contains, as a whole word ignoring case, an original of the key
// (a person's name), with a hint to rename it.
func identifierWarnings(files []reports.FileEntry, key []corpus.Replacement) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range key {
		o := strings.ToLower(r.Original)
		if r.Kind == corpus.PseudoPerson && len([]rune(o)) > 1 && !seen[o] {
			seen[o] = true
			names = append(names, o)
		}
	}
	var out []string
	done := map[string]bool{}
	for _, f := range files {
		for _, what := range [][2]string{{"file name", f.File}, {"case", f.Case}} {
			if !done[what[0]+what[1]] && containsWord(strings.ToLower(what[1]), names) {
				done[what[0]+what[1]] = true
				out = append(out, fmt.Sprintf("%s %q contains a name that was pseudonymised in the text: file names and case IDs are your own identifiers and appear as they are in every output; rename the file, or use a code as case ID (e.g. G01)", what[0], what[1]))
			}
		}
	}
	return out
}

// containsWord reports whether s contains one of words (lower case) with no
// letter or digit right before or after it.
func containsWord(s string, words []string) bool {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for _, w := range words {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			a, b := i+j, i+j+len(w)
			before, _ := utf8.DecodeLastRuneInString(s[:a])
			after, _ := utf8.DecodeRuneInString(s[b:])
			if (a == 0 || !isWord(before)) && (b == len(s) || !isWord(after)) {
				return true
			}
			i = a + 1
		}
	}
	return false
}
