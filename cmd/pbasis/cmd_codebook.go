package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/reports"
)

const codebookFormatsHelp = `

FORMATS
  The format of a codebook file comes from its extension:
    .yaml .yml  the codebook as pbasis reads it (see analysis/codebooks/README.md)
    .xlsx       an Excel workbook to edit: sheet Codebook has one row per code,
                sheet Info the codebook's id, version, language and title;
                terms are one per line, options in braces after the term:
                "oom {whole_word}", "mijn moeder {roles=parent}",
                "opvang {exact, unless_near=steun|hulp}"
    .qdc        a REFI-QDA codebook for ATLAS.ti, MAXQDA, NVivo and QualCoder;
                what REFI-QDA cannot hold (terms, near rules, examples, the
                English label) sits in each code's description after a line
                "--- pbasis ---", so a round trip keeps it. A .qdc made by
                another program needs its codes in top-level folders named after
                a category (relation, place, facility, quality, formal_help,
                strain, or relatie, plek, voorziening, kwaliteit, formele hulp,
                belasting).

  With no FILE, the codebook is the one config.yaml names (codebook:), else the
  embedded default Dutch codebook.`

// codebookOptions are the flags of "pbasis codebook export" and "import".
type codebookOptions struct {
	format string
	output string
}

func (o *codebookOptions) AddFlags(f *pflag.FlagSet, withFormat bool) {
	if withFormat {
		f.StringVar(&o.format, "format", "", "output format: yaml, xlsx or qdc (default: from the extension of -o)")
	}
	f.StringVarP(&o.output, "output", "o", "", "output file (default: stdout; required for xlsx)")
}

func newCodebookCommand(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "codebook",
		Short: "Validate, test, export and import the codebook (YAML, Excel, REFI-QDA)",
		Long: `The codebook is the researcher's: these commands check it, run the examples
each code carries, and carry it to and from Excel and QDA programs.` + codebookFormatsHelp,
	}
	cmd.AddCommand(
		newCodebookValidateCommand(g),
		newCodebookTestCommand(g),
		newCodebookExportCommand(g),
		newCodebookImportCommand(g),
	)
	return cmd
}

func newCodebookValidateCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a codebook and list every problem with its line",
		Long: `Validate reads a codebook (.yaml, .xlsx or .qdc) and prints each problem as

  file:line:col: code "id": message

Errors make the codebook unusable (unknown category, duplicate ID, a term
claimed by two codes, ...); warnings are printed with "warning:" before the
message and do not. For a workbook, line is the row and col the column number.
With --quiet only errors are printed; with --json a JSON summary.` + codebookFormatsHelp + `

EXIT STATUS
  0  no errors (there may be warnings)
  2  the codebook has errors or cannot be read`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runCodebookValidate(*g, args)
		},
	}
}

func newCodebookTestCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "test [FILE]",
		Short: "Run every code's examples and counterexamples",
		Long: `Test compiles the codebook and matches each example (a sentence the code must
code) and counterexample (one it must not), one sentence at a time. A leading
"[parent]" or "[child]" sets the speaker role. Each failure is printed as

  file:line: code "id": example not coded: "sentence" (got code=term ...)

followed by a summary "N examples, M counterexamples, K failures".` + codebookFormatsHelp + `

EXIT STATUS
  0  every example and counterexample passes
  1  some failed (they are listed)
  2  the codebook cannot be read or has errors`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runCodebookTest(*g, args)
		},
	}
}

func newCodebookExportCommand(g *globalOptions) *cobra.Command {
	opts := &codebookOptions{}
	cmd := &cobra.Command{
		Use:   "export --format yaml|xlsx|qdc [-o FILE] [CODEBOOK]",
		Short: "Write the codebook as YAML, an Excel workbook or a REFI-QDA codebook",
		Long: `Export writes the codebook (by default the configured one, else the embedded
default) in another format: yaml (canonical, comments dropped), xlsx (to edit in
Excel; needs -o) or qdc (REFI-QDA, for ATLAS.ti, MAXQDA, NVivo, QualCoder).
YAML and qdc go to stdout when there is no -o. A codebook with errors is still
exported, so that it can be fixed in Excel; the errors are counted on stderr.
Files are written atomically.` + codebookFormatsHelp + `

EXIT STATUS
  0  written
  2  unusable arguments, or the codebook cannot be read or written in that format`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runCodebookExport(*g, *opts, args)
		},
	}
	opts.AddFlags(cmd.Flags(), true)
	return cmd
}

func newCodebookImportCommand(g *globalOptions) *cobra.Command {
	opts := &codebookOptions{}
	cmd := &cobra.Command{
		Use:   "import FILE [-o codebook.yaml]",
		Short: "Read a codebook from Excel, REFI-QDA or YAML, validate it, write YAML",
		Long: `Import reads a codebook workbook (.xlsx), a REFI-QDA codebook (.qdc) or YAML,
validates it, and writes it as canonical YAML to -o (atomically) or stdout.
Problems are printed on stderr as "pbasis codebook validate" prints them; with
errors nothing is written.` + codebookFormatsHelp + `

EXIT STATUS
  0  written (there may be warnings)
  2  the file cannot be read or the codebook has errors (nothing written)`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runCodebookImport(*g, *opts, args)
		},
	}
	opts.AddFlags(cmd.Flags(), false)
	return cmd
}

// readCodebookSpec reads the codebook named by args[0], else by the
// configuration, else the embedded default. Errors are usage errors.
func readCodebookSpec(g globalOptions, args []string) (*analysis.CodebookSpec, error) {
	file := ""
	if len(args) > 0 {
		file = args[0]
	} else {
		l, err := loadConfig(g.configFile, nil)
		if err != nil {
			return nil, err
		}
		file = l.cfg.Codebook
	}
	if file == "" {
		spec, err := analysis.LoadCodebook(analysis.DefaultCodebookName, analysis.DefaultCodebookYAML())
		return spec, usageErr(err)
	}
	if _, err := analysis.CodebookFormat(file); err != nil {
		return nil, usageErr(err)
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, usageErr(fmt.Errorf("codebook: %w", err))
	}
	defer f.Close()
	spec, err := analysis.ReadCodebook(file, f)
	return spec, usageErr(err)
}

// problemLine formats a problem; warnings say so before the message.
func problemLine(p analysis.Problem) string {
	if p.Severity == analysis.SeverityWarning {
		p.Msg = "warning: " + p.Msg
	}
	return p.String()
}

// printProblems prints problems (only errors when quiet) and returns the
// number of errors and warnings.
func printProblems(w io.Writer, ps []analysis.Problem, quiet bool) (errs, warns int) {
	for _, p := range ps {
		if p.Severity == analysis.SeverityError {
			errs++
		} else {
			warns++
			if quiet {
				continue
			}
		}
		fmt.Fprintln(w, problemLine(p))
	}
	return errs, warns
}

// problemJSON is a problem in --json output.
type problemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Code     string `json:"code,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func runCodebookValidate(g globalOptions, args []string) error {
	spec, err := readCodebookSpec(g, args)
	if err != nil {
		return err
	}
	ps := spec.Validate()
	errs, warns := 0, 0
	if g.json {
		out := struct {
			File     string        `json:"file"`
			Codes    int           `json:"codes"`
			Errors   int           `json:"errors"`
			Warnings int           `json:"warnings"`
			Problems []problemJSON `json:"problems"`
		}{File: spec.File, Codes: len(spec.Codes), Problems: []problemJSON{}}
		for _, p := range ps {
			if p.Severity == analysis.SeverityError {
				errs++
			} else {
				warns++
			}
			out.Problems = append(out.Problems, problemJSON{p.File, p.Line, p.Column, p.Code, p.Severity, p.Msg})
		}
		out.Errors, out.Warnings = errs, warns
		if err := writeJSON(g.stdout, out); err != nil {
			return err
		}
	} else {
		errs, warns = printProblems(g.stdout, ps, g.quiet)
		if !g.quiet {
			fmt.Fprintf(g.stdout, "%s: %d codes, %d errors, %d warnings\n", spec.File, len(spec.Codes), errs, warns)
		}
	}
	if errs > 0 {
		return usageErr(fmt.Errorf("codebook %s has %d errors", spec.File, errs))
	}
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func runCodebookTest(g globalOptions, args []string) error {
	spec, err := readCodebookSpec(g, args)
	if err != nil {
		return err
	}
	cb, err := analysis.Compile(spec)
	if err != nil {
		printProblems(g.stderr, spec.Validate(), true)
		return usageErr(fmt.Errorf("codebook %s has errors; pbasis codebook validate lists them", spec.File))
	}
	examples, counter := 0, 0
	for _, c := range spec.Codes {
		for _, e := range c.Examples {
			if strings.TrimSpace(e) != "" {
				examples++
			}
		}
		for _, e := range c.Counterexamples {
			if strings.TrimSpace(e) != "" {
				counter++
			}
		}
	}
	fails := analysis.RunExamples(cb)
	if g.json {
		type failJSON struct {
			File     string `json:"file"`
			Line     int    `json:"line,omitempty"`
			Code     string `json:"code"`
			Kind     string `json:"kind"`
			Sentence string `json:"sentence"`
			Message  string `json:"message"`
		}
		out := struct {
			File            string     `json:"file"`
			Examples        int        `json:"examples"`
			Counterexamples int        `json:"counterexamples"`
			Failures        []failJSON `json:"failures"`
		}{spec.File, examples, counter, []failJSON{}}
		for _, f := range fails {
			out.Failures = append(out.Failures, failJSON{f.File, f.Line, f.Code, f.Kind, f.Sentence, f.String()})
		}
		if err := writeJSON(g.stdout, out); err != nil {
			return err
		}
	} else {
		for _, f := range fails {
			fmt.Fprintln(g.stdout, f.String())
		}
		if !g.quiet || len(fails) > 0 {
			fmt.Fprintf(g.stdout, "%d examples, %d counterexamples, %d failures\n", examples, counter, len(fails))
		}
	}
	if len(fails) > 0 {
		return fmt.Errorf("codebook %s: %d examples or counterexamples failed: %w", spec.File, len(fails), errPartial)
	}
	return nil
}

func runCodebookExport(g globalOptions, o codebookOptions, args []string) error {
	format := strings.ToLower(strings.TrimSpace(o.format))
	if format == "" {
		if o.output == "" {
			return usageErr(errors.New("codebook export: give --format yaml|xlsx|qdc or an -o file with one of these extensions"))
		}
		f, err := analysis.CodebookFormat(o.output)
		if err != nil {
			return usageErr(fmt.Errorf("codebook export: %w; give --format", err))
		}
		format = f
	}
	switch format {
	case analysis.CodebookFormatYAML, analysis.CodebookFormatXLSX, analysis.CodebookFormatQDC:
	default:
		return usageErr(fmt.Errorf("codebook export: --format must be one of [yaml xlsx qdc] (got %q)", o.format))
	}
	if format == analysis.CodebookFormatXLSX && o.output == "" {
		return usageErr(errors.New("codebook export: an Excel workbook needs a file: add -o codebook.xlsx"))
	}
	if o.output != "" {
		if f, err := analysis.CodebookFormat(o.output); err == nil && f != format {
			return usageErr(fmt.Errorf("codebook export: -o %s has the extension of %s, not of --format %s", o.output, f, format))
		}
	}
	spec, err := readCodebookSpec(g, args)
	if err != nil {
		return err
	}
	errs := 0
	for _, p := range spec.Validate() {
		if p.Severity == analysis.SeverityError {
			errs++
		}
	}
	if err := writeCodebookOut(g, o.output, format, spec); err != nil {
		return err
	}
	if !g.quiet {
		if o.output != "" {
			fmt.Fprintf(g.stderr, "pbasis: wrote %s (%d codes, %s)\n", o.output, len(spec.Codes), format)
		}
		if errs > 0 {
			fmt.Fprintf(g.stderr, "pbasis: warning: codebook %s has %d errors; pbasis codebook validate lists them\n", spec.File, errs)
		}
	}
	return nil
}

// writeCodebookOut writes spec in format to file (atomically) or, when
// file is "", to stdout. A format error is a usage error: nothing is
// written.
func writeCodebookOut(g globalOptions, file, format string, spec *analysis.CodebookSpec) error {
	if file == "" {
		// Render first, so that a refused codebook writes nothing.
		var buf strings.Builder
		if err := analysis.WriteCodebook(&buf, format, spec); err != nil {
			return usageErr(err)
		}
		_, err := io.WriteString(g.stdout, buf.String())
		return err
	}
	if err := reports.AtomicWrite(file, func(w io.Writer) error {
		return analysis.WriteCodebook(w, format, spec)
	}); err != nil {
		return usageErr(err)
	}
	return nil
}

func runCodebookImport(g globalOptions, o codebookOptions, args []string) error {
	if o.output != "" {
		if f, err := analysis.CodebookFormat(o.output); err != nil || f != analysis.CodebookFormatYAML {
			return usageErr(fmt.Errorf("codebook import writes YAML: name the output .yaml (got -o %s); use pbasis codebook export for other formats", o.output))
		}
	}
	spec, err := readCodebookSpec(g, args)
	if err != nil {
		return err
	}
	errs, _ := printProblems(g.stderr, spec.Validate(), g.quiet)
	if errs > 0 {
		return usageErr(fmt.Errorf("codebook %s has %d errors; nothing written", spec.File, errs))
	}
	if err := writeCodebookOut(g, o.output, analysis.CodebookFormatYAML, spec); err != nil {
		return err
	}
	if o.output != "" && !g.quiet {
		fmt.Fprintf(g.stderr, "pbasis: wrote %s (%d codes)\n", o.output, len(spec.Codes))
	}
	return nil
}
