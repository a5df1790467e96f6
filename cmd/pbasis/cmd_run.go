package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/reports"
)

// runOptions are the flags of "pbasis run".
type runOptions struct {
	input, out, lang, codebook string
	strict                     bool
	jobs                       int
}

func (o *runOptions) AddFlags(f *pflag.FlagSet) {
	f.StringVar(&o.input, "input", "", "folder with transcripts and notes (default: config input, else the embedded demo corpus)")
	f.StringVar(&o.out, "out", "out", "output folder")
	f.StringVar(&o.lang, "lang", "nl", "report language: nl or en")
	f.StringVar(&o.codebook, "codebook", "", "codebook YAML file (default: config codebook, else the embedded nl codebook)")
	f.BoolVar(&o.strict, "strict", false, "stop at the first unreadable input file")
	f.IntVar(&o.jobs, "jobs", 0, "parallel workers (0: all cores)")
	// Review (cmd_review.go): read as flags by loadRunReview.
	f.String("review", "", "first import this reviewed workbook's decisions (as pbasis review import), then run")
	f.String("decisions", "", "review decisions file to apply (default: config decisions, decisions.tsv next to config.yaml)")
	// Profiling (hidden): CPU and heap profiles for the speed work.
	f.String("cpuprofile", "", "write a CPU profile to this file")
	f.String("memprofile", "", "write the heap profile taken when the heap was largest to this file")
	f.String("trace", "", "write an execution trace to this file (go tool trace)")
	_ = f.MarkHidden("cpuprofile")
	_ = f.MarkHidden("memprofile")
	_ = f.MarkHidden("trace")
}

func newRunCommand(g *globalOptions) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run the whole pipeline: read, code, write reports",
		Long: `Run reads every file in the input folder (or the embedded demo corpus), splits
it into speaker turns and segments, and writes into the output folder:

  segments.csv  one row per segment: doc, case, speaker, role, voice, segment, start, end, text
  run.json      what was run on what: versions, config hash, every input file with its
                size, hash and decoding, every skipped file with its reason, counts

Files that cannot be read are skipped with a reason on stderr and in run.json;
the rest is still processed (exit status 1). With --strict the first bad file
stops the run (exit status 2).

Settings come from flags, then PBASIS_* environment variables (PBASIS_INPUT,
PBASIS_CORPUS_SEGMENT_UNIT, ...), then config.yaml, then built-in defaults.` + exitStatusHelp,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			defer tuneGC()() // gc.go
			if p, _ := c.Flags().GetString("cpuprofile"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return fmt.Errorf("cpu profile: %w", err)
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return fmt.Errorf("cpu profile %s: %w", p, err)
				}
				defer pprof.StopCPUProfile()
			}
			if p, _ := c.Flags().GetString("trace"); p != "" {
				f, err := os.Create(p)
				if err != nil {
					return fmt.Errorf("trace: %w", err)
				}
				defer f.Close()
				if err := trace.Start(f); err != nil {
					return fmt.Errorf("trace %s: %w", p, err)
				}
				defer trace.Stop()
			}
			memprof, _ := c.Flags().GetString("memprofile")
			if memprof == "" {
				return runRun(c.Context(), c.Flags(), *g)
			}
			// The heap profile taken when the heap was largest (sampled
			// every 200 ms).
			stop, peak := make(chan struct{}), make(chan []byte)
			go func() {
				var best []byte
				var most uint64
				t := time.NewTicker(200 * time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-stop:
						peak <- best
						return
					case <-t.C:
						var ms runtime.MemStats
						runtime.ReadMemStats(&ms)
						if ms.HeapAlloc > most {
							most = ms.HeapAlloc
							var b bytes.Buffer
							if pprof.Lookup("heap").WriteTo(&b, 0) == nil {
								best = b.Bytes()
							}
						}
					}
				}
			}()
			err := runRun(c.Context(), c.Flags(), *g)
			close(stop)
			if werr := os.WriteFile(memprof, <-peak, 0o644); werr != nil && err == nil {
				err = fmt.Errorf("heap profile: %w", werr)
			}
			return err
		},
	}
	opts.AddFlags(cmd.Flags())
	return cmd
}

// summary is what --json prints.
type summary struct {
	Input     string   `json:"input"`
	Out       string   `json:"out"`
	Documents int      `json:"documents"`
	Segments  int      `json:"segments"`
	Words     int      `json:"words"`
	Skipped   int      `json:"skipped"`
	Outputs   []string `json:"outputs"`
	ExitCode  int      `json:"exit_code"`
}

func runRun(ctx context.Context, flags *pflag.FlagSet, g globalOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	started := time.Now()
	l, err := loadConfig(g.configFile, flags)
	if err != nil {
		return err
	}
	cfg := l.cfg
	copts, _ := cfg.corpusOptions()
	// Privacy (privacy.go): pseudonymise names before segmentation; nil
	// when privacy.pseudonymise is off.
	pseudo, err := newPseudonymiser(&cfg)
	if err != nil {
		return err
	}
	copts.Pseudo = pseudo
	if err := checkOutside(cfg.Input, cfg.Out); err != nil {
		return err
	}
	cb, cbInfo, err := loadCodebookFile(cfg.Codebook)
	if err != nil {
		return err
	}
	// Review decisions (cmd_review.go): import --review, load the decisions
	// file; nil when there is none. Applied in prepare, collected in take.
	rv, err := loadRunReview(l, flags, cb, g)
	if err != nil {
		return err
	}
	in, err := openInput(cfg.Input)
	if err != nil {
		return err
	}
	defer in.close()

	m := &reports.Manifest{
		Tool:     toolInfo(),
		Config:   reports.ConfigInfo{File: l.file, SHA256: l.sha256, Settings: l.recordedSettings()}, // listed names left out (privacy.go)
		Codebook: cbInfo,
		Input:    reports.InputInfo{Source: in.name},
		Skipped:  []corpus.Skipped{},
		Files:    []reports.FileEntry{},
		Timings:  map[string]string{},
		Counts:   reports.Counts{ByVoice: map[string]int{}, ByKind: map[string]int{}},
	}
	warn := func(format string, a ...any) {
		msg := fmt.Sprintf(format, a...)
		m.Warnings = append(m.Warnings, msg)
		if !g.quiet {
			fmt.Fprintln(g.stderr, "pbasis: warning: "+msg)
		}
	}
	skip := func(s corpus.Skipped) {
		m.Skipped = append(m.Skipped, s)
		if !s.Ignored && !g.quiet {
			msg := s.Reason
			if !strings.HasPrefix(msg, s.File) {
				msg = s.File + ": " + msg
			}
			fmt.Fprintf(g.stderr, "pbasis: skipped %s\n", msg)
		}
	}

	sheet, err := corpus.ReadSheet(in.fs, copts.Limits)
	if err != nil {
		if cfg.Strict {
			return usageErr(err)
		}
		for _, e := range unjoin(err) {
			warn("%v", e)
		}
	}
	if sheet != nil {
		m.Input.Sheet = sheet.File
	}
	files, skipped, err := corpus.List(in.fs, copts.Limits)
	if err != nil {
		return usageErr(fmt.Errorf("input %s: %w", in.name, err))
	}
	for _, s := range skipped {
		skip(s)
	}
	if sheet != nil {
		listed := map[string]bool{}
		for _, f := range files {
			listed[f] = true
		}
		var missing []string
		for f := range sheet.Rows {
			if !listed[f] {
				missing = append(missing, f)
			}
		}
		sort.Strings(missing)
		for _, f := range missing {
			warn("%s:%d: file %q is listed but not in the input folder (or not readable)", sheet.File, sheet.Rows[f].Line, f)
		}
	}

	// Interrupted runs (staging.go): everything is written into a staging
	// folder beside --out, run.json last, and swapped in by stage.commit at
	// the end, so --out holds the previous complete output or the new one,
	// never a mix. From here on cfg.Out is the staging folder; finalOut is
	// the folder the user named.
	stage, err := beginOutput(cfg.Out)
	if err != nil {
		return err
	}
	defer stage.abort() // removes the staging folder unless committed
	finalOut := cfg.Out
	cfg.Out = stage.dir
	manifestPath := filepath.Join(cfg.Out, "run.json")

	bar := newRunProgress(g, len(files)) // nil when quiet or not a terminal
	cases := map[string]bool{}
	segPath := filepath.Join(cfg.Out, "segments.csv")
	codPath := filepath.Join(cfg.Out, "codings.csv")
	acc := analysis.NewAccumulator(cb.Spec(), analysis.ResultsOptions{Lang: cfg.Lang})
	lang, _ := reports.ParseLang(cfg.Lang)
	wb, err := reports.NewWorkbook(lang, cb.Spec())
	if err != nil {
		return err
	}
	defer wb.Discard() // removes its temporary files if the run fails before Close
	emAcc := analysis.NewEmergentAccumulator(analysis.EmergentOptions{})
	// The emergent terms' example segments wait in a file in the staging
	// folder (removed by Close, before the swap; with the staging folder
	// when the run is killed), not in memory.
	if err := emAcc.SpillExamples(cfg.Out); err != nil {
		return err
	}
	defer emAcc.Close()
	// project.qdpx streams its sources as documents come; the staging folder
	// makes the file atomic with the rest of the output. It is written
	// like the other staged files (staged.go): buffered, its write-back
	// started as it goes.
	qf, err := os.Create(filepath.Join(cfg.Out, reports.QDPXFile))
	if err != nil {
		return fmt.Errorf("write %s: %w", reports.QDPXFile, err)
	}
	defer qf.Close()
	qwb := newWritebackFile(qf)
	qbuf := bufio.NewWriterSize(qwb, stagedBuffer)
	qw, err := reports.NewQDPX(qbuf, cb.Spec(), version)
	if err != nil {
		return err
	}
	defer qw.Discard() // likewise; does nothing after Close
	// prepare runs on the reading workers: coding, review decisions, and
	// the per-document work of the outputs that can be done apart.
	// The emergent terms read the tokens the coding made (a DocTokens per
	// worker, pooled).
	var docTokens sync.Pool
	prepare := func(d *corpus.Document) any {
		dt, _ := docTokens.Get().(*analysis.DocTokens)
		if dt == nil {
			dt = new(analysis.DocTokens)
		}
		defer func() {
			dt.Reset()
			docTokens.Put(dt)
		}()
		w := rv.prepare(cb, d, dt) // CodeDocument, then review decisions
		codings := rv.codingsOf(w)
		return preparedDoc{work: w, emergent: emAcc.ObserveTokens(d, codings, dt), sheet: wb.Render(d, codings), project: qw.Render(d, codings)}
	}
	var fatal error
	// The files are written straight into the staging folder, which commit
	// syncs as a whole (staged.go).
	err = createStaged(segPath, func(w io.Writer) error {
		sw, err := reports.NewSegmentsWriter(w)
		if err != nil {
			return err
		}
		return createStaged(codPath, func(wc io.Writer) error {
			cw, err := reports.NewCodingsWriter(wc)
			if err != nil {
				return err
			}
			// The outputs take each document on goroutines of their own
			// (fanout.go), in document order.
			out := newFanout(
				func(j docJob) error { acc.Add(j.doc, j.codings); return nil },
				func(j docJob) error { emAcc.AddObserved(j.emergent); return nil },
				func(j docJob) error { return wb.AddRendered(j.sheet) },
				func(j docJob) error { return qw.AddRendered(j.project) },
				func(j docJob) error {
					if err := sw.Write(j.doc); err != nil {
						return err
					}
					return cw.Write(j.codings)
				},
			)
			rerr := corpus.ReadAll(ctx, in.fs, files, sheet, copts, cfg.Jobs, prepare, func(it corpus.Item) error {
				if it.Doc != nil {
					bar.add(it.Doc.Reading.Words)
				} else {
					bar.add(0)
				}
				if it.Err != nil {
					if cfg.Strict {
						fatal = it.Err
						return it.Err
					}
					skip(corpus.Skipped{File: it.File, Reason: it.Err.Error()})
					return nil
				}
				d := it.Doc
				for _, w := range d.Reading.Warnings {
					warn("%s: %s", d.ID, w)
				}
				m.Files = append(m.Files, reports.NewFileEntry(d))
				cases[d.Meta.Case] = true
				m.Counts.Documents++
				m.Counts.ByKind[string(d.Meta.Kind)]++
				m.Counts.Turns += len(d.Turns)
				m.Counts.Segments += len(d.Segments)
				m.Counts.Words += d.Reading.Words
				for _, s := range d.Segments {
					m.Counts.ByVoice[string(d.Turns[s.Turn].Voice)]++
				}
				pd := it.Work.(preparedDoc)
				codings := rv.take(d, pd.work) // reviewed codings; records stale decisions
				m.Counts.Codings += len(codings)
				if !out.send(docJob{doc: d, codings: codings, emergent: pd.emergent, sheet: pd.sheet, project: pd.project}) {
					return errOutputFailed
				}
				return nil
			})
			if werr := out.wait(); werr != nil {
				return werr // an output failed: its error, not errOutputFailed
			}
			if rerr != nil {
				return rerr
			}
			if err := cw.Flush(); err != nil {
				return err
			}
			return sw.Flush()
		})
	})
	bar.finish()
	m.Timings["read, code, stream"] = time.Since(started).Round(time.Millisecond).String()
	debugHeap("read")
	if fatal != nil {
		return usageErr(fmt.Errorf("--strict: %w", fatal))
	}
	if err != nil {
		return err
	}
	m.Counts.Cases = len(cases)
	rv.finish(m, g) // run.json's review: counts, stale and unused decisions
	// The results, then the three writers that read them, each on its own
	// goroutine; they only read res and m.
	var res *analysis.Results
	var emergent []analysis.Emergent
	// One after the other, not in parallel: the emergent accumulator lets
	// go of its state before the main results are made, which keeps the
	// peak of a large corpus's memory lower (the two take about a second
	// at 10 million words).
	emergent, err = emAcc.ResultErr(nil)
	if cerr := emAcc.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	res = acc.Finish()
	res.Emergent = emergent
	debugHeap("results")
	m.Timings["results"] = time.Since(started).Round(time.Millisecond).String()
	var written []string
	err = parallel(
		func() error {
			if err := qw.Close(res); err != nil {
				return fmt.Errorf("write %s: %w", reports.QDPXFile, err)
			}
			if err := qbuf.Flush(); err != nil {
				return fmt.Errorf("write %s: %w", reports.QDPXFile, err)
			}
			qwb.startRest()
			if err := qf.Close(); err != nil {
				return fmt.Errorf("write %s: %w", reports.QDPXFile, err)
			}
			return nil
		},
		func() (err error) {
			// Plain files: the staging folder is synced as a whole before it
			// is swapped in (staging.go); thousands of small files are not
			// worth a write-back hint each.
			written, err = reports.WriteAllWith(cfg.Out, res, m, lang, reports.CreateFile)
			if err == nil {
				// The workbook usually finishes last: the files written so
				// far reach the disk meanwhile.
				stage.syncEarly()
			}
			return err
		},
		func() error {
			return createStaged(filepath.Join(cfg.Out, reports.XLSXFile), func(w io.Writer) error { return wb.Close(w, res, m) })
		},
	)
	if err != nil {
		return err
	}
	m.Timings["reports"] = time.Since(started).Round(time.Millisecond).String()
	debugHeap("reports")
	m.Outputs = append([]string{"segments.csv", "codings.csv", reports.XLSXFile, reports.QDPXFile}, written...)
	m.Outputs = append(m.Outputs, "run.json")
	for _, s := range m.Skipped {
		if !s.Ignored {
			m.Counts.Skipped++
		}
	}
	if m.Counts.Skipped > 0 {
		m.ExitCode = 1
	}
	m.Timings["total"] = time.Since(started).Round(time.Millisecond).String()
	if err := createStaged(manifestPath, func(w io.Writer) error { return reports.WriteManifest(w, m) }); err != nil {
		return err
	}
	// Nothing is swapped in after SIGINT/SIGTERM (main.go), even when it
	// came after the last file was read.
	if err := ctx.Err(); err != nil {
		return err
	}
	// The key goes to privacy.key_file, never into the output (privacy.go).
	if err := finishPrivacy(&cfg, pseudo, m.Files, g); err != nil {
		return err
	}
	if err := stage.commit(); err != nil {
		return err
	}
	cfg.Out, manifestPath = finalOut, filepath.Join(finalOut, "run.json")
	sum := summary{Input: in.name, Out: cfg.Out, Documents: m.Counts.Documents, Segments: m.Counts.Segments,
		Words: m.Counts.Words, Skipped: m.Counts.Skipped, Outputs: m.Outputs, ExitCode: m.ExitCode}
	if g.json {
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else if !g.quiet {
		fmt.Fprintf(g.stderr, "pbasis: read %d documents of %d cases from %s: %d words, %d segments, %d codings\n",
			sum.Documents, m.Counts.Cases, in.name, sum.Words, sum.Segments, m.Counts.Codings)
		if sum.Skipped > 0 {
			fmt.Fprintf(g.stderr, "pbasis: %d files skipped (listed above and in %s)\n", sum.Skipped, manifestPath)
		}
		fmt.Fprintf(g.stderr, "pbasis: wrote %d files to %s: report.md, families/ (one portrait per family), figures/, pbasis.xlsx, project.qdpx, segments.csv, codings.csv, run.json\n", len(m.Outputs), cfg.Out)
	}
	if m.ExitCode == 1 {
		return errPartial
	}
	return nil
}

// errOutputFailed stops reading when an output stage has failed; the
// stage's own error is what the run reports.
var errOutputFailed = errors.New("an output failed")

// unjoin splits an errors.Join error into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func toolInfo() reports.ToolInfo {
	t := reports.ToolInfo{Name: "pbasis", Version: version, Go: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				t.Commit = s.Value
			}
		}
	}
	return t
}
