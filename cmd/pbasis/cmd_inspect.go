package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pbasis/pbasis/corpus"
)

func newInspectCommand(g *globalOptions) *cobra.Command {
	var segments bool
	cmd := &cobra.Command{
		Use:   "inspect FILE|DIR",
		Short: "Show how files are read: metadata, speaker turns with roles, segments",
		Long: `Inspect reads one file or every file in a folder exactly as "pbasis run" does and
shows, per file: format, encoding and what was done to decode it, metadata with
where each value came from, every speaker turn with its label, role, voice,
source line (or timestamp) and span, and every segment with its span.
Spans are code-point offsets into the normalised text. With --json the whole
documents are printed as JSON. Nothing is written.

A FILE is read with the metadata sheet of its own folder, if there is one.
With no argument, the embedded demo corpus is inspected.` + exitStatusHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			target := ""
			if len(args) == 1 {
				target = args[0]
			}
			return runInspect(c.Context(), g, target, segments)
		},
	}
	cmd.Flags().BoolVar(&segments, "segments", true, "list every segment under its turn")
	return cmd
}

func runInspect(ctx context.Context, g *globalOptions, target string, showSegments bool) error {
	if ctx == nil {
		ctx = context.Background()
	}
	l, err := loadConfig(g.configFile, nil)
	if err != nil {
		return err
	}
	copts, _ := l.cfg.corpusOptions()
	dir, only := target, ""
	if target != "" {
		st, err := os.Stat(target)
		if err != nil {
			return usageErr(err)
		}
		if !st.IsDir() {
			dir, only = sheetRoot(target)
		}
	}
	in, err := openInput(dir)
	if err != nil {
		return err
	}
	defer in.close()
	sheet, serr := corpus.ReadSheet(in.fs, copts.Limits)
	if serr != nil {
		for _, e := range unjoin(serr) {
			fmt.Fprintln(g.stderr, "pbasis: warning:", e)
		}
	}
	files, skipped, err := corpus.List(in.fs, copts.Limits)
	if err != nil {
		return usageErr(err)
	}
	if only != "" {
		files = []string{only}
		skipped = nil
	}
	bad := 0
	for _, s := range skipped {
		if !s.Ignored {
			bad++
			fmt.Fprintf(g.stderr, "pbasis: skipped %s: %s\n", s.File, s.Reason)
		}
	}
	var docs []*corpus.Document
	err = corpus.ReadAll(ctx, in.fs, files, sheet, copts, l.cfg.Jobs, nil, func(it corpus.Item) error {
		if it.Err != nil {
			bad++
			fmt.Fprintf(g.stderr, "pbasis: skipped %v\n", it.Err)
			return nil
		}
		if g.json {
			docs = append(docs, it.Doc)
			return nil
		}
		printDocument(g.stdout, it.Doc, showSegments)
		return nil
	})
	if err != nil {
		return err
	}
	if g.json {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(docs); err != nil {
			return err
		}
	}
	if bad > 0 {
		return errPartial
	}
	return nil
}

// printDocument writes a readable account of how a document was read.
func printDocument(w io.Writer, d *corpus.Document, showSegments bool) {
	fmt.Fprintf(w, "== %s  (%s, %s, %d words, %d turns, %d segments)\n", d.ID, d.Format, d.Reading.Encoding, d.Reading.Words, len(d.Turns), len(d.Segments))
	src := func(k string) string {
		if s := d.Meta.Source[k]; s != "" {
			return " (" + s + ")"
		}
		return ""
	}
	fmt.Fprintf(w, "   case %s%s · kind %s%s", d.Meta.Case, src("case"), d.Meta.Kind, src("kind"))
	for _, f := range []struct{ k, v string }{{"wijk", d.Meta.Wijk}, {"wave", d.Meta.Wave}, {"date", d.Meta.Date}} {
		if f.v != "" {
			fmt.Fprintf(w, " · %s %s%s", f.k, f.v, src(f.k))
		}
	}
	fmt.Fprintln(w)
	if len(d.Meta.Speakers) > 0 {
		fmt.Fprintf(w, "   speakers%s: %s\n", src("speakers"), joinMap(d.Meta.Speakers))
	}
	if len(d.Meta.Extra) > 0 {
		fmt.Fprintf(w, "   variables: %s\n", joinMap(d.Meta.Extra))
	}
	if len(d.Reading.Steps) > 0 {
		fmt.Fprintf(w, "   reading: %s\n", strings.Join(d.Reading.Steps, "; "))
	}
	for _, x := range d.Reading.Warnings {
		fmt.Fprintf(w, "   warning: %s\n", x)
	}
	for _, t := range d.Turns {
		loc := fmt.Sprintf("line %d", t.Line)
		if t.Time != "" {
			loc += " @" + t.Time
		}
		sp := t.Speaker
		if sp == "" {
			sp = "(no label)"
		}
		fmt.Fprintf(w, "   turn %d  %s  %s  %s/%s  [%d,%d)\n", t.Index+1, loc, sp, t.Role, t.Voice, t.Span.Start, t.Span.End)
		if !showSegments {
			continue
		}
		for _, s := range d.Segments {
			if s.Turn == t.Index {
				fmt.Fprintf(w, "      #%d  line %d  [%d,%d)  %s\n", s.N, s.Line, s.Span.Start, s.Span.End, oneLine(s.Text))
			}
		}
	}
	fmt.Fprintln(w)
}

func joinMap(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, "; ")
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ⏎ ") }

// sheetRoot finds, for one file, the nearest folder above it (up to four
// levels) that holds a metadata sheet, so that the file is inspected with
// the metadata it has in a run. It returns that folder and the file's path
// in it (with '/'); without a sheet, the file's own folder.
func sheetRoot(file string) (string, string) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.Dir(file), filepath.Base(file)
	}
	dir := filepath.Dir(abs)
	for range 5 {
		for _, name := range corpus.SheetNames() {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				rel, err := filepath.Rel(dir, abs)
				if err == nil {
					return dir, filepath.ToSlash(rel)
				}
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return filepath.Dir(file), filepath.Base(file)
}
