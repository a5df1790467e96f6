package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/reports"
)

// reviewImportOptions are the flags of "pbasis review import".
type reviewImportOptions struct {
	decisions, manifest, reviewer, date string
}

func (o *reviewImportOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.decisions, "decisions", "", "decisions file to merge into (default: config decisions, decisions.tsv next to config.yaml)")
	f.StringVar(&o.manifest, "manifest", "", "run.json of the run that wrote the workbook (default: run.json beside the workbook)")
	f.StringVar(&o.reviewer, "reviewer", "", "reviewer's name or initials, recorded with each new decision")
	f.StringVar(&o.date, "date", "", "review date (YYYY-MM-DD), recorded with each new decision")
	f.String("codebook", "", "codebook that new codes must come from (default: config codebook, else the embedded nl codebook)")
}

func newReviewCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "review",
		Short: "Keep a reviewer's corrections of the automatic coding",
		Long: `Auto-coding is a first pass. A reviewer corrects it in the workbook
(pbasis.xlsx): on the Codings sheet, decision accept, reject or change (with the
right code in new_code); on the Segments sheet, a code the matcher missed in
add_code. "pbasis review import" keeps those decisions in a decisions file, and
every later "pbasis run" applies them (or "pbasis run --review pbasis.xlsx",
which imports first).` + exitStatusHelp,
	}
	opts := &reviewImportOptions{}
	imp := &cobra.Command{
		Use:   "import WORKBOOK",
		Short: "Merge a reviewed workbook's decisions into the decisions file",
		Long: `Import reads the review columns of a workbook that "pbasis run" wrote and a
reviewer filled in, and merges them into the decisions file (decisions.tsv next
to config.yaml by default; the config key decisions, or --decisions).

The decisions file is plain text, one decision per line, tab-separated, sorted,
keyed by the input file's SHA-256 and the span (never by row number):

  doc_sha256 doc start end code decision new_code text comment reviewer date

decision is accept, reject, change (to new_code) or add (code on the segment's
span); text is the span's text when reviewed, so a later run can tell when a
transcript was edited. Tabs, line feeds, carriage returns and backslashes in a
field are written \t, \n, \r and \\. A later decision on the same span and code
replaces the earlier one; a decision on a coding that an earlier decision made
(source review in the workbook) is composed with it.

The files' hashes come from run.json beside the workbook (--manifest to name
another). Codes in new_code and add_code must be in the codebook. Problems are
reported with their cells and nothing is written.` + exitStatusHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			l, err := loadConfig(g.configFile, c.Flags())
			if err != nil {
				return err
			}
			cb, _, err := loadCodebookFile(l.cfg.Codebook)
			if err != nil {
				return err
			}
			res, err := importReview(args[0], decisionsFile(l, c.Flags()), cb.Spec(), *opts)
			if err != nil {
				return err
			}
			return printImport(g, res)
		},
	}
	opts.AddFlags(imp.Flags())
	cmd.AddCommand(imp)
	return cmd
}

// importResult is what an import did; --json prints it.
type importResult struct {
	Workbook  string              `json:"workbook"`
	File      string              `json:"decisions_file"`
	Read      map[string]int      `json:"read"` // decisions read from the workbook, by decision
	Merge     analysis.MergeStats `json:"merge"`
	Decisions int                 `json:"decisions"` // in the file after the merge
	Warnings  []string            `json:"warnings,omitempty"`
}

func printImport(g *globalOptions, res *importResult) error {
	if g.json {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	if g.quiet {
		return nil
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(g.stderr, "pbasis: warning: "+w)
	}
	var parts []string
	n := 0
	for _, d := range []string{analysis.ReviewAccept, analysis.ReviewReject, analysis.ReviewChange, analysis.ReviewAdd} {
		parts = append(parts, fmt.Sprintf("%d %s", res.Read[d], d))
		n += res.Read[d]
	}
	fmt.Fprintf(g.stderr, "pbasis: review: %d decisions in %s (%s)\n", n, res.Workbook, strings.Join(parts, ", "))
	fmt.Fprintf(g.stderr, "pbasis: review: %s now holds %d decisions: %d new, %d changed, %d unchanged, %d removed\n",
		res.File, res.Decisions, res.Merge.New, res.Merge.Changed, res.Merge.Unchanged, res.Merge.Removed)
	return nil
}

// decisionsFile returns the decisions file's path: the decisions setting,
// a relative path taken from the config file's folder, except when it came
// from the --decisions flag (then from the current folder). "" means no
// decisions file.
func decisionsFile(l *loaded, flags *pflag.FlagSet) string {
	p := l.cfg.Decisions
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	if f := flags.Lookup("decisions"); f != nil && f.Changed {
		return p
	}
	if l.file != "" {
		return filepath.Join(filepath.Dir(l.file), p)
	}
	return p
}

func isoDay() *regexp.Regexp { return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`) }

// importReview reads the reviewed workbook, turns its rows into decisions,
// merges them into the decisions file at file and writes it. Nothing is
// written when any row is unusable: all problems come back at once, each
// naming its cell.
func importReview(workbook, file string, cb *analysis.CodebookSpec, o reviewImportOptions) (*importResult, error) {
	if file == "" {
		return nil, usageErr(errors.New("review import: no decisions file (set decisions in config.yaml or pass --decisions)"))
	}
	if o.date != "" && !isoDay().MatchString(o.date) {
		return nil, usageErr(fmt.Errorf("--date %q: want YYYY-MM-DD", o.date))
	}
	// Every problem is reported at once: the workbook's cells (rv holds
	// the good rows), run.json, then what the rows say.
	rv, rerr := reports.ReadReviewFile(workbook)
	if rv == nil {
		return nil, usageErr(rerr)
	}
	mpath := o.manifest
	if mpath == "" {
		mpath = filepath.Join(filepath.Dir(workbook), "run.json")
	}
	hashes, err := manifestHashes(mpath)
	if err != nil {
		return nil, usageErr(errors.Join(rerr, fmt.Errorf("review import: %w (the files' hashes come from the run.json of the run that wrote %s; name it with --manifest)", err, workbook)))
	}
	incoming, warnings, err := reviewDecisions(workbook, rv, hashes, cb, o)
	if err != nil || rerr != nil {
		return nil, usageErr(errors.Join(rerr, err))
	}
	old, err := readDecisionsFile(file)
	if err != nil {
		return nil, usageErr(err)
	}
	merged, st := analysis.MergeDecisions(old, incoming)
	if err := reports.AtomicWrite(file, func(w io.Writer) error { return analysis.WriteDecisions(w, merged) }); err != nil {
		return nil, err
	}
	res := &importResult{Workbook: workbook, File: file, Read: map[string]int{}, Merge: st, Decisions: len(merged), Warnings: warnings}
	for _, d := range incoming {
		res.Read[d.Decision]++
	}
	return res, nil
}

// manifestHashes reads run.json and maps each input file to its SHA-256.
func manifestHashes(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := reports.ReadManifest(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]string{}
	for _, fe := range m.Files {
		out[fe.File] = fe.SHA256
	}
	return out, nil
}

// readDecisionsFile reads the decisions file at path; a missing file has
// no decisions.
func readDecisionsFile(path string) ([]analysis.Decision, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("decisions file: %w", err)
	}
	return analysis.ReadDecisions(path, bytes.NewReader(data))
}

// reviewDecisions turns a workbook's review rows into decisions, in
// workbook order. A row on a Codings sheet: accept, reject, or change to
// new_code (new_code without a decision is a change too); a Segments row's
// add_code codes add the code on the segment's whole span. A comment with
// no decision is not a decision: it comes back as a warning.
func reviewDecisions(workbook string, rv *reports.Review, hashes map[string]string, cb *analysis.CodebookSpec, o reviewImportOptions) ([]analysis.Decision, []string, error) {
	known := map[string]bool{}
	for _, c := range cb.Codes {
		known[c.ID] = true
	}
	var (
		out      []analysis.Decision
		warnings []string
		errs     []error
	)
	cHead, sHead := reports.XLSXCodingsHeader(), reports.XLSXSegmentsHeader()
	bad := func(r reports.ReviewRow, head []string, col, format string, a ...any) {
		errs = append(errs, &reports.ReviewError{File: workbook, Cell: r.Cell(head, col), Err: fmt.Errorf(format, a...)})
	}
	base := func(r reports.ReviewRow, head []string) (analysis.Decision, bool) {
		sha, ok := hashes[r.Doc]
		if !ok {
			bad(r, head, "doc", "document %q is not in the run's run.json", r.Doc)
			return analysis.Decision{}, false
		}
		return analysis.Decision{DocSHA256: sha, Doc: r.Doc, Start: r.Start, End: r.End,
			Comment: r.Comment, Reviewer: o.reviewer, Date: o.date}, true
	}
	for _, r := range rv.Codings {
		decision := r.Decision
		if decision == "" && r.NewCode != "" {
			decision = reports.DecisionChange
		}
		if decision == "" {
			warnings = append(warnings, fmt.Sprintf("%s: %s: a comment without a decision is not kept (choose accept, reject or change)", workbook, r.Cell(cHead, reports.ColComment)))
			continue
		}
		switch {
		case decision == reports.DecisionChange && r.NewCode == "":
			bad(r, cHead, reports.ColNewCode, "change needs the right code in %s", reports.ColNewCode)
			continue
		case decision != reports.DecisionChange && r.NewCode != "" && r.NewCode != r.Code:
			bad(r, cHead, reports.ColNewCode, "%s with %s %q: choose change, or clear %s", decision, reports.ColNewCode, r.NewCode, reports.ColNewCode)
			continue
		case decision == reports.DecisionChange && !known[r.NewCode]:
			bad(r, cHead, reports.ColNewCode, "code %q is not in the codebook (add it there, or choose one from the list)", r.NewCode)
			continue
		}
		if r.Term == "" {
			bad(r, cHead, "term", "the evidence (term) is empty: cannot tell later whether the text is still there")
			continue
		}
		d, ok := base(r, cHead)
		if !ok {
			continue
		}
		d.Code, d.Text, d.Decision = r.Code, r.Term, decision
		if decision == reports.DecisionChange {
			d.NewCode = r.NewCode
			if r.NewCode == r.Code {
				d.Decision, d.NewCode = analysis.ReviewAccept, ""
			}
		}
		if err := d.Validate(); err != nil {
			bad(r, cHead, reports.ColDecision, "%v", err)
			continue
		}
		out = append(out, d)
	}
	for _, r := range rv.Segments {
		if len(r.AddCodes) == 0 {
			warnings = append(warnings, fmt.Sprintf("%s: %s: a comment without add_code is not kept", workbook, r.Cell(sHead, reports.ColComment)))
			continue
		}
		for _, code := range r.AddCodes {
			if !known[code] {
				bad(r, sHead, reports.ColAddCode, "code %q is not in the codebook (add it there, or choose one from the list)", code)
				continue
			}
			d, ok := base(r, sHead)
			if !ok {
				break
			}
			d.Code, d.Text, d.Decision = code, r.Text, analysis.ReviewAdd
			if err := d.Validate(); err != nil {
				bad(r, sHead, reports.ColAddCode, "%v", err)
				continue
			}
			out = append(out, d)
		}
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	return out, warnings, nil
}

// runReview applies review decisions during "pbasis run" (see the
// marked lines in cmd_run.go). A nil *runReview applies none. Its
// prepare method is safe for concurrent use; take and finish are called
// from the run's single collecting goroutine.
type runReview struct {
	set  *analysis.DecisionSet
	info *reports.ReviewInfo
	seen map[string]string // document ID -> hash, of this run's documents
}

// reviewedWork is what prepare returns for one document.
type reviewedWork struct {
	codings []analysis.Coding
	stale   []analysis.StaleDecision
	counts  analysis.ReviewCounts
}

// loadRunReview imports the workbook of run --review (if given) into the
// decisions file, then reads the decisions file. It returns nil when there
// is no decisions file (none configured, or the configured one does not
// exist, unless --decisions named it).
func loadRunReview(l *loaded, flags *pflag.FlagSet, cb *analysis.Codebook, g globalOptions) (*runReview, error) {
	file := decisionsFile(l, flags)
	if f := flags.Lookup("review"); f != nil && f.Value.String() != "" {
		res, err := importReview(f.Value.String(), file, cb.Spec(), reviewImportOptions{})
		if err != nil {
			return nil, err
		}
		if !g.json {
			if err := printImport(&g, res); err != nil {
				return nil, err
			}
		}
	}
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		if f := flags.Lookup("decisions"); f != nil && f.Changed {
			return nil, usageErr(fmt.Errorf("decisions file: %w", err))
		}
		return nil, nil
	}
	if err != nil {
		return nil, usageErr(fmt.Errorf("decisions file: %w", err))
	}
	ds, err := analysis.ReadDecisions(file, bytes.NewReader(data))
	if err != nil {
		return nil, usageErr(err)
	}
	set := analysis.NewDecisionSet(ds)
	return &runReview{set: set, seen: map[string]string{},
		info: &reports.ReviewInfo{File: file, SHA256: analysis.SHA256(data), Decisions: set.Len(),
			Stale: []analysis.StaleDecision{}, Unused: []analysis.Decision{}}}, nil
}

// prepare codes d, keeping its tokens in dt (see
// analysis.CodeDocumentTokens; dt may be nil), and applies the decisions
// about it. It runs in the reading workers.
func (r *runReview) prepare(cb *analysis.Codebook, d *corpus.Document, dt *analysis.DocTokens) any {
	codings := analysis.CodeDocumentTokens(cb, d, dt)
	if r == nil {
		return codings
	}
	out, stale, counts := analysis.ApplyDecisions(cb.Spec(), d, codings, r.set)
	return reviewedWork{codings: out, stale: stale, counts: counts}
}

// codingsOf returns the codings of a prepared document without recording
// anything; safe for concurrent use.
func (r *runReview) codingsOf(work any) []analysis.Coding {
	if r == nil {
		return work.([]analysis.Coding)
	}
	return work.(reviewedWork).codings
}

// take returns the codings of a prepared document and records its stale
// decisions and counts.
func (r *runReview) take(d *corpus.Document, work any) []analysis.Coding {
	if r == nil {
		return work.([]analysis.Coding)
	}
	w := work.(reviewedWork)
	r.seen[d.ID] = d.Reading.SHA256
	r.info.Codings = r.info.Codings.Plus(w.counts)
	r.info.Stale = append(r.info.Stale, w.stale...)
	return w.codings
}

// finish records the unused decisions, puts the review into m and reports
// stale and unused decisions on stderr.
func (r *runReview) finish(m *reports.Manifest, g globalOptions) {
	if r == nil {
		return
	}
	if u := r.set.Unused(r.seen); u != nil {
		r.info.Unused = u
	}
	m.Review = r.info
	if g.quiet {
		return
	}
	for _, s := range r.info.Stale {
		msg := fmt.Sprintf("pbasis: review: stale decision %s: %s", s.Decision.String(), s.Reason)
		if s.Now != "" {
			msg += fmt.Sprintf(" (now %q)", s.Now)
		}
		fmt.Fprintln(g.stderr, msg)
	}
	if len(r.info.Unused) > 0 {
		fmt.Fprintf(g.stderr, "pbasis: review: %d decisions are about files not in this input (kept in %s; listed in run.json)\n", len(r.info.Unused), r.info.File)
	}
	c := r.info.Codings
	fmt.Fprintf(g.stderr, "pbasis: review: %d decisions from %s: codings %d auto, %d accepted, %d changed, %d added, %d rejected; %d stale\n",
		r.info.Decisions, r.info.File, c.Auto, c.Accepted, c.Changed, c.Added, c.Rejected, c.Stale)
}
