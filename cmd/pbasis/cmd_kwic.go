package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// kwicOptions are the flags of "pbasis kwic".
type kwicOptions struct {
	input, codebook string
	width           int
	voice           string
	limit           int
}

func (o *kwicOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.input, "input", "", "folder with transcripts (default: config input, else the embedded demo corpus)")
	f.StringVar(&o.codebook, "codebook", "", "codebook YAML file (default: config codebook, else the embedded nl codebook)")
	f.IntVar(&o.width, "width", 40, "characters of context on each side")
	f.StringVar(&o.voice, "voice", "", "only lines of this voice: own, interviewer, notes or other")
	f.IntVar(&o.limit, "limit", 0, "show at most this many lines (0: all)")
}

func newKwicCommand(g *globalOptions) *cobra.Command {
	opts := &kwicOptions{}
	cmd := &cobra.Command{
		Use:   "kwic TERM|CODE",
		Short: "Keyword in context: what a term or a code catches, through the Dutch matching rules",
		Long: `Kwic shows every place in the corpus where TERM would be coded, or where the
code with ID CODE (and its sub-codes) is coded, with the words around it, the
document and line (or timestamp), and the voice and role of the speaker. TERM
goes through the same Dutch matching as the codebook: case and diacritics,
plurals and diminutives, stems, compounds ("coach" finds "volleybalcoach"),
multi-word terms, negation (marked "¬"). Use it to see what a term would catch
before you add it to the codebook.

  pbasis kwic buurvrouw
  pbasis kwic "andere ouders" --voice own
  pbasis kwic rel.neighbour --input interviews/` + exitStatusHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runKwic(c.Context(), g, c.Flags(), args[0], *opts)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

// kwicLine is one keyword-in-context line (also the --json output).
type kwicLine struct {
	Doc     string `json:"doc"`
	Line    int    `json:"line"`
	Time    string `json:"time,omitempty"`
	Voice   string `json:"voice"`
	Role    string `json:"role"`
	Code    string `json:"code"`
	Left    string `json:"left"`
	Match   string `json:"match"`
	Right   string `json:"right"`
	Negated bool   `json:"negated"`
}

func runKwic(ctx context.Context, g *globalOptions, flags *pflag.FlagSet, arg string, o kwicOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	l, err := loadConfig(g.configFile, flags)
	if err != nil {
		return err
	}
	cb, _, err := loadCodebookFile(l.cfg.Codebook)
	if err != nil {
		return err
	}
	// A code ID selects that code and its sub-codes; anything else is a term.
	codes := map[string]bool{}
	for _, c := range cb.Spec().Codes {
		if c.ID == arg || c.Parent == arg {
			codes[c.ID] = true
		}
	}
	what := "code " + arg
	if len(codes) == 0 {
		spec := &analysis.CodebookSpec{ID: "kwic", Codes: []analysis.CodeSpec{{
			ID: "kwic", Category: analysis.CatRelation, Label: analysis.Text{NL: arg, EN: arg},
			Terms: []analysis.TermSpec{{Term: arg}},
		}}}
		cb, err = analysis.Compile(spec)
		if err != nil {
			return usageErr(fmt.Errorf("kwic: %q is neither a code ID of the codebook nor a usable term: %w", arg, err))
		}
		codes["kwic"] = true
		what = fmt.Sprintf("term %q", arg)
	}
	copts, _ := l.cfg.corpusOptions()
	in, err := openInput(l.cfg.Input)
	if err != nil {
		return err
	}
	defer in.close()
	sheet, _ := corpus.ReadSheet(in.fs, copts.Limits)
	files, _, err := corpus.List(in.fs, copts.Limits)
	if err != nil {
		return usageErr(err)
	}
	var lines []kwicLine
	docs := map[string]bool{}
	byVoice := map[string]int{}
	prepare := func(d *corpus.Document) any { return analysis.CodeDocument(cb, d) }
	err = corpus.ReadAll(ctx, in.fs, files, sheet, copts, l.cfg.Jobs, prepare, func(it corpus.Item) error {
		if it.Err != nil {
			fmt.Fprintf(g.stderr, "pbasis: skipped %v\n", it.Err)
			return nil
		}
		runes := []rune(it.Doc.Text)
		for _, c := range it.Work.([]analysis.Coding) {
			if !codes[c.Code] || (o.voice != "" && string(c.Voice) != o.voice) {
				continue
			}
			docs[c.Doc] = true
			byVoice[string(c.Voice)]++
			lines = append(lines, kwicLine{
				Doc: c.Doc, Line: c.Line, Time: c.Time, Voice: string(c.Voice), Role: c.Role, Code: c.Code,
				Left: context1(runes, c.Start-o.width, c.Start), Match: string(runes[c.Start:c.End]),
				Right: context1(runes, c.End, c.End+o.width), Negated: c.Negated,
			})
		}
		return nil
	})
	if err != nil {
		return err
	}
	total := len(lines)
	if o.limit > 0 && len(lines) > o.limit {
		lines = lines[:o.limit]
	}
	if g.json {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(lines)
	}
	printKwic(g.stdout, lines, o.width)
	if !g.quiet {
		fmt.Fprintf(g.stderr, "pbasis: %s: %d lines in %d documents of %s (own %d, interviewer %d, notes %d, other %d)\n",
			what, total, len(docs), in.name, byVoice["own"], byVoice["interviewer"], byVoice["notes"], byVoice["other"])
	}
	return nil
}

// context1 returns runes[a:b] clipped to the text, on one line.
func context1(r []rune, a, b int) string {
	a = max(a, 0)
	b = min(b, len(r))
	if a >= b {
		return ""
	}
	return strings.Join(strings.Fields(string(r[a:b])), " ")
}

func printKwic(w io.Writer, lines []kwicLine, width int) {
	for _, l := range lines {
		loc := fmt.Sprintf("%s:%d", l.Doc, l.Line)
		if l.Time != "" {
			loc = fmt.Sprintf("%s@%s", l.Doc, l.Time)
		}
		neg := " "
		if l.Negated {
			neg = "¬"
		}
		fmt.Fprintf(w, "%-40s %-11s %-12s %*s %s[%s] %s\n", loc, l.Voice, l.Role, width, l.Left, neg, l.Match, l.Right)
	}
}
