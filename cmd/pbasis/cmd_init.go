package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/pbasis/pbasis"
)

func newInitCommand(g *globalOptions) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Create a project folder: config.yaml, codebook, metadata sheet, an example",
		Long: `Init creates DIR with everything a new project needs:

  DIR/config.yaml           the configuration, every key explained (input: input)
  DIR/input/metadata.csv    the metadata sheet: one row per file (case, kind, wijk, wave, date, speakers)
  DIR/input/voorbeeld.txt   an example transcript; replace it with your own files
  DIR/LEESMIJ.md            what to do next

Then: cd DIR && pbasis run. Existing files are never overwritten unless --force.` + exitStatusHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			return runInit(g, args[0], force)
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	return cmd
}

func runInit(g *globalOptions, dir string, force bool) error {
	cfg := pbasis.DefaultConfig()
	cfg = bytes.Replace(cfg, []byte("\ninput: \"\"\n"), []byte("\ninput: input\n"), 1)
	files := []struct {
		name string
		data []byte
	}{
		{"config.yaml", cfg},
		{filepath.Join("input", "metadata.csv"), []byte(initSheet)},
		{filepath.Join("input", "voorbeeld.txt"), []byte(initExample)},
		{"LEESMIJ.md", []byte(initReadme)},
	}
	if !force {
		for _, f := range files {
			p := filepath.Join(dir, f.name)
			if _, err := os.Stat(p); err == nil {
				return usageErr(fmt.Errorf("init: %s exists: pbasis init never overwrites (use --force, or another folder)", p))
			} else if !errors.Is(err, os.ErrNotExist) {
				return usageErr(fmt.Errorf("init: %w", err))
			}
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("init: %w", err)
		}
		if err := os.WriteFile(p, f.data, 0o644); err != nil {
			return fmt.Errorf("init: %w", err)
		}
		if !g.quiet {
			fmt.Fprintf(g.stderr, "pbasis: wrote %s\n", p)
		}
	}
	if !g.quiet {
		fmt.Fprintf(g.stderr, "pbasis: next: put your transcripts in %s, list them in %s, then run: cd %s && pbasis run\n",
			filepath.Join(dir, "input"), filepath.Join(dir, "input", "metadata.csv"), dir)
	}
	return nil
}

const initSheet = `file,case,kind,wijk,wave,date,speakers
voorbeeld.txt,G01,transcript,Voorbeeldwijk,1,2026-01-15,I=interviewer;R=parent
`

const initExample = `I: Kunt u vertellen wie er in uw omgeving een rol spelen bij het opgroeien van uw kinderen?
R: Nou, vooral mijn moeder, die haalt ze twee keer per week op van school. En de buurvrouw,
die let op als ze op het pleintje spelen.
I: En zijn er plekken waar ze graag komen?
R: De speeltuin in het park. Maar een buurthuis is er hier eigenlijk niet.
`

const initReadme = `# pbasis-project

- input/: de transcripten en notities (.txt, .md, .docx, .odt, .vtt, .srt, .csv, .xlsx).
- input/metadata.csv: één regel per bestand: gezin (case), soort (transcript of notes),
  wijk, ronde (wave), datum en de sprekers (I=interviewer;R=parent).
- config.yaml: de instellingen, elke sleutel uitgelegd.

Bekijk eerst hoe pbasis je bestanden leest:

    pbasis inspect input

Draai dan alles:

    pbasis run

De uitvoer staat in out/.
`
