package main

import (
	"io"

	"github.com/spf13/cobra"
)

// globalOptions are flags shared by every command.
type globalOptions struct {
	configFile string
	quiet      bool
	json       bool
	stdin      io.Reader
	stdout     io.Writer
	stderr     io.Writer
}

const exitStatusHelp = `
EXIT STATUS
  0  success
  1  the run finished but some input files were skipped (they are listed)
  2  unusable configuration, codebook or arguments (nothing written)`

func newRootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	g := &globalOptions{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "pbasis",
		Short: "Code interviews for the pedagogische basis: relations, places and facilities",
		Long: `pbasis reads a folder of interview transcripts and session notes (.txt, .md,
.docx, .odt, .vtt, .srt, .csv, .xlsx), codes them for the relations, places and
facilities in which children grow up, and writes Excel, Markdown and CSV reports
on how families themselves describe their everyday world.

With no input configured, "pbasis run" works on an embedded demo corpus.
pbasis never uses the network.` + exitStatusHelp,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	f := root.PersistentFlags()
	f.StringVarP(&g.configFile, "config", "c", "", "configuration file (default ./config.yaml when it exists)")
	f.BoolVarP(&g.quiet, "quiet", "q", false, "print nothing but errors")
	f.BoolVar(&g.json, "json", false, "print a JSON summary on stdout (for scripts)")
	root.AddCommand(
		newRunCommand(g),
		newInspectCommand(g),
		newCheckCommand(g),
		newInitCommand(g),
		newVersionCommand(g),
		newCodebookCommand(g),
		newKwicCommand(g),
		newAgreeCommand(g),
		newReviewCommand(g),
	)
	return root
}
