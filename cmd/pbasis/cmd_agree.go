package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/reports"
)

// agreeOptions are the flags of "pbasis agree".
type agreeOptions struct {
	segments, out, format string
}

func (o *agreeOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.segments, "segments", "", "segments.csv of the run the codings come from: the segment list for a codings CSV without one beside it, and the segments a .qdpx's selections are mapped onto")
	f.StringVar(&o.out, "out", "", "write agreement.md and/or agreement.xlsx into this folder (default: print only)")
	f.StringVar(&o.format, "format", "both", "files to write with --out: md, xlsx or both")
	f.String("lang", "nl", "report language: nl or en")
	f.String("codebook", "", "codebook file, for the categories of codes and to match a .qdpx's code names (default: config codebook, else the embedded nl codebook)")
}

func newAgreeCommand(g *globalOptions) *cobra.Command {
	opts := &agreeOptions{}
	cmd := &cobra.Command{
		Use:   "agree A B",
		Short: "Inter-coder agreement between two codings of the same documents",
		Long: `Agree compares two codings of the same documents: the automatic coding
against a reviewed one, the automatic coding against a human coder, or two
human coders. A and B are each one of

  codings.csv    as "pbasis run" writes it (the segments.csv beside it, or
                 --segments, gives the full list of segments, coded or not)
  pbasis.xlsx    a reviewed workbook: the Codings sheet's decision column is
                 applied (empty or accept: kept; reject: dropped; change: the
                 code in new_code instead) and the Segments sheet's add_code
  project.qdpx   a REFI-QDA project coded in ATLAS.ti, MAXQDA, NVivo or
                 QualCoder: a selection codes every segment it overlaps, on
                 the segments of --segments, else on its own texts split
                 into sentences

The unit is the segment (a sentence by default): for each code, each side
either coded a segment or did not. Agree prints, per code, pooled per
category and over all codes, the percent agreement, Cohen's kappa and
Krippendorff's alpha (nominal). With --out it also writes agreement.md (with
the confusion tables per category and every segment on which the codes
differ) and agreement.xlsx.

  pbasis agree out/codings.csv reviewed/pbasis.xlsx
  pbasis agree out/codings.csv coder2.qdpx --segments out/segments.csv --out agreement/` + exitStatusHelp,
		Args: cobra.ExactArgs(2),
		RunE: func(c *cobra.Command, args []string) error {
			return runAgree(c.Context(), *g, c.Flags(), *opts, args[0], args[1])
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

// agreeStat is a statistic in the --json output: null when undefined.
type agreeStat struct {
	Label    string   `json:"label"`
	Category string   `json:"category,omitempty"`
	Codes    int      `json:"codes"`
	Units    int      `json:"units"`
	Both     int      `json:"both"`
	OnlyA    int      `json:"only_a"`
	OnlyB    int      `json:"only_b"`
	Neither  int      `json:"neither"`
	Percent  *float64 `json:"percent"`
	Kappa    *float64 `json:"kappa"`
	Alpha    *float64 `json:"alpha"`
}

// agreeSummary is what --json prints.
type agreeSummary struct {
	A             string      `json:"a"`
	B             string      `json:"b"`
	Unit          string      `json:"unit"`
	SegmentUnit   string      `json:"segment_unit"`
	Documents     int         `json:"documents"`
	Segments      int         `json:"segments"`
	Complete      bool        `json:"complete"`
	SameSets      *float64    `json:"same_sets"`
	Overall       agreeStat   `json:"overall"`
	Categories    []agreeStat `json:"categories"`
	Codes         []agreeStat `json:"codes"`
	Disagreements int         `json:"disagreements"`
	Warnings      []string    `json:"warnings"`
	Outputs       []string    `json:"outputs"`
}

func jsonNum(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func toAgreeStat(label string, c analysis.CodeAgreement) agreeStat {
	return agreeStat{Label: label, Category: string(c.Category), Codes: c.Codes, Units: c.Units(),
		Both: c.Both, OnlyA: c.OnlyA, OnlyB: c.OnlyB, Neither: c.Neither,
		Percent: jsonNum(c.Percent), Kappa: jsonNum(c.Kappa), Alpha: jsonNum(c.Alpha)}
}

func runAgree(ctx context.Context, g globalOptions, flags *pflag.FlagSet, o agreeOptions, fileA, fileB string) error {
	_ = ctx
	l, err := loadConfig(g.configFile, flags)
	if err != nil {
		return err
	}
	lang, _ := reports.ParseLang(l.cfg.Lang)
	wantMD, wantXLSX := false, false
	switch o.format {
	case "md":
		wantMD = true
	case "xlsx":
		wantXLSX = true
	case "both":
		wantMD, wantXLSX = true, true
	default:
		return usageErr(fmt.Errorf("agree: --format must be md, xlsx or both (got %q)", o.format))
	}
	cb, _, err := loadCodebookFile(l.cfg.Codebook)
	if err != nil {
		return err
	}
	spec := cb.Spec()
	copts := analysis.CodingSetOptions{Segments: o.segments, SegmentsName: reports.SegmentsFile(), Codebook: spec}
	var sets [2]*analysis.CodingSet
	for i, file := range []string{fileA, fileB} {
		s, err := analysis.LoadCodingSet(file, copts)
		if err != nil {
			return usageErr(fmt.Errorf("agree: %w", err))
		}
		s.FillCategories(spec.Codes)
		sets[i] = s
	}
	ag, err := analysis.Compare(sets[0], sets[1])
	if err != nil {
		if errors.Is(err, analysis.ErrNoSharedDocuments) {
			return usageErr(fmt.Errorf("agree: %s and %s share no documents: they must be codings of the same input (document IDs are paths relative to the input folder): %w", fileA, fileB, err))
		}
		return usageErr(fmt.Errorf("agree: %w", err))
	}
	warnings := append(append(append([]string(nil), sets[0].Warnings...), sets[1].Warnings...), ag.Warnings...)
	if !g.quiet {
		for _, w := range warnings {
			fmt.Fprintln(g.stderr, "pbasis: warning: "+w)
		}
	}
	ropts := reports.AgreementOptions{Lang: lang, SegmentUnit: l.cfg.Corpus.SegmentUnit}

	var outputs []string
	if o.out != "" {
		if wantMD {
			name := filepath.Join(o.out, reports.AgreementFile)
			full := ropts
			if err := reports.AtomicWrite(name, func(w io.Writer) error { return reports.WriteAgreement(w, ag, full) }); err != nil {
				return err
			}
			outputs = append(outputs, name)
		}
		if wantXLSX {
			name := filepath.Join(o.out, reports.AgreementXLSXFile)
			if err := reports.AtomicWrite(name, func(w io.Writer) error { return reports.WriteAgreementXLSX(w, ag, ropts) }); err != nil {
				return err
			}
			outputs = append(outputs, name)
		}
	}

	if g.json {
		sum := agreeSummary{A: ag.A, B: ag.B, Unit: ag.Unit, SegmentUnit: l.cfg.Corpus.SegmentUnit,
			Documents: len(ag.Docs), Segments: ag.Segments, Complete: ag.Complete, SameSets: jsonNum(ag.SameSets),
			Overall: toAgreeStat("all", ag.Overall), Categories: []agreeStat{}, Codes: []agreeStat{},
			Disagreements: len(ag.Disagreements), Warnings: warnings, Outputs: outputs}
		if sum.Warnings == nil {
			sum.Warnings = []string{}
		}
		if sum.Outputs == nil {
			sum.Outputs = []string{}
		}
		for _, c := range ag.Categories {
			sum.Categories = append(sum.Categories, toAgreeStat(string(c.Category), c))
		}
		for _, c := range ag.Codes {
			sum.Codes = append(sum.Codes, toAgreeStat(c.Code, c))
		}
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	if g.quiet {
		return nil
	}
	summary := ropts
	summary.Summary = true
	var b strings.Builder
	if err := reports.WriteAgreement(&b, ag, summary); err != nil {
		return err
	}
	if len(outputs) > 0 {
		b.WriteString("\n")
		for _, p := range outputs {
			b.WriteString("→ " + p + "\n")
		}
	}
	_, err = io.WriteString(g.stdout, b.String())
	return err
}
