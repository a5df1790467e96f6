package main

import (
	"fmt"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// runProgress is the progress bar of "pbasis run" on stderr: files done of
// all, words read, elapsed time and words per second. A nil *runProgress
// shows nothing; its methods may be called on nil.
type runProgress struct {
	bar   *progressbar.ProgressBar
	out   *os.File
	start time.Time
	shown time.Time // when the description was last changed
	words int
}

// newRunProgress returns a progress bar when stderr is a terminal and
// neither --quiet nor --json was given, for n files; nil otherwise.
func newRunProgress(g globalOptions, n int) *runProgress {
	f, ok := g.stderr.(*os.File)
	if !ok || g.quiet || g.json || n < 2 || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	bar := progressbar.NewOptions(n, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("files"),
		progressbar.OptionShowCount(), progressbar.OptionSetElapsedTime(true), progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionSetPredictTime(true))
	return &runProgress{bar: bar, out: f, start: time.Now()}
}

// add counts one file of words words.
func (p *runProgress) add(words int) {
	if p == nil {
		return
	}
	p.words += words
	if now := time.Now(); now.Sub(p.shown) >= 200*time.Millisecond {
		p.shown = now
		p.bar.Describe(p.describe(now))
	}
	_ = p.bar.Add(1)
}

func (p *runProgress) describe(now time.Time) string {
	rate := 0.0
	if s := now.Sub(p.start).Seconds(); s > 0 {
		rate = float64(p.words) / s
	}
	return fmt.Sprintf("%s words, %s words/s; files", humanCount(float64(p.words)), humanCount(rate))
}

// finish completes the bar and ends its line.
func (p *runProgress) finish() {
	if p == nil {
		return
	}
	p.bar.Describe(p.describe(time.Now()))
	_ = p.bar.Finish()
	fmt.Fprintln(p.out)
}

// humanCount writes n with a k or M suffix ("950", "12.3k", "4.56M").
func humanCount(n float64) string {
	switch {
	case n >= 1e6:
		return fmt.Sprintf("%.2fM", n/1e6)
	case n >= 1e4:
		return fmt.Sprintf("%.1fk", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}
