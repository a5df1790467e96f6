package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/pbasis/pbasis/corpus"
)

func newCheckCommand(g *globalOptions) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate configuration, codebook and input without writing reports",
		Long: `Check loads the configuration, then reads the metadata sheet and every input
file as "pbasis run" would, and reports every problem with the file (and line)
it is in. Nothing is written.` + exitStatusHelp,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return runCheck(c.Context(), g, c)
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

func runCheck(ctx context.Context, g *globalOptions, c *cobra.Command) error {
	if ctx == nil {
		ctx = context.Background()
	}
	l, err := loadConfig(g.configFile, c.Flags())
	if err != nil {
		return err
	}
	copts, _ := l.cfg.corpusOptions()
	say := func(format string, a ...any) {
		if !g.quiet {
			fmt.Fprintf(g.stderr, format+"\n", a...)
		}
	}
	say("config: ok (%s)", displayName(l.file))
	cb, info, err := loadCodebookFile(l.cfg.Codebook)
	if err != nil {
		return err
	}
	for _, p := range cb.Spec().Validate() {
		fmt.Fprintln(g.stderr, "pbasis:", p)
	}
	say("codebook: ok (%s, id %s version %s, %d codes)", info.File, info.ID, info.Version, info.Codes)
	in, err := openInput(l.cfg.Input)
	if err != nil {
		return err
	}
	defer in.close()
	problems := 0
	sheet, err := corpus.ReadSheet(in.fs, copts.Limits)
	if err != nil {
		for _, e := range unjoin(err) {
			problems++
			fmt.Fprintln(g.stderr, "pbasis:", e)
		}
	} else if sheet != nil {
		say("metadata sheet: %s, %d rows", sheet.File, len(sheet.Rows))
	}
	files, skipped, err := corpus.List(in.fs, copts.Limits)
	if err != nil {
		return usageErr(err)
	}
	for _, s := range skipped {
		if !s.Ignored {
			problems++
			fmt.Fprintf(g.stderr, "pbasis: %s: %s\n", s.File, s.Reason)
		}
	}
	docs := 0
	err = corpus.ReadAll(ctx, in.fs, files, sheet, copts, l.cfg.Jobs, nil, func(it corpus.Item) error {
		if it.Err != nil {
			problems++
			fmt.Fprintln(g.stderr, "pbasis:", it.Err)
			return nil
		}
		docs++
		for _, w := range it.Doc.Reading.Warnings {
			fmt.Fprintf(g.stderr, "pbasis: warning: %s: %s\n", it.Doc.ID, w)
		}
		return nil
	})
	if err != nil {
		return err
	}
	say("input: %s: %d files read, %d problems", in.name, docs, problems)
	if problems > 0 {
		return errPartial
	}
	return nil
}
