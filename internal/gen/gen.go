// Package gen generates synthetic Dutch interview corpora of any size, for
// benchmarks and performance tests only. Nothing in the product imports it.
//
// A corpus is built from the sentences of the embedded demo corpus (family
// members', interviewers' and professionals' sentences kept apart) and the
// example sentences of the default codebook, shuffled into transcripts and
// session notes with a metadata.csv at the root (cases, wijken, waves,
// speakers). The same Options always give the same bytes.
package gen

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
)

// Options say how big a corpus to make.
type Options struct {
	// Words is the minimum number of words (strings.Fields) to write.
	Words int
	// Seed makes the corpus: the same seed gives the same files.
	Seed uint64
	// WordsPerDoc is the mean size of a document (default 2000); sizes vary
	// between half and one and a half times it.
	WordsPerDoc int
}

// Stats say what was written.
type Stats struct {
	Files int // documents, not counting metadata.csv
	Cases int
	Words int
}

// Pools are the sentences a corpus is made of.
type Pools struct {
	Own         []string // said by family members (parents, children, youth)
	Interviewer []string // said by interviewers
	Notes       []string // written by professionals in session notes
}

// LoadPools reads the demo corpus and the default codebook's examples into
// sentence pools. Sentences are sorted so the pools do not depend on map or
// file order.
func LoadPools() (Pools, error) {
	fsys := demo.FS()
	o := corpus.DefaultOptions()
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		return Pools{}, fmt.Errorf("gen: demo metadata: %w", err)
	}
	files, _, err := corpus.List(fsys, o.Limits)
	if err != nil {
		return Pools{}, fmt.Errorf("gen: demo corpus: %w", err)
	}
	var p Pools
	for _, f := range files {
		d, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			return Pools{}, fmt.Errorf("gen: demo file %s: %w", f, err)
		}
		for _, s := range d.Segments {
			t := strings.Join(strings.Fields(s.Text), " ")
			if t == "" {
				continue
			}
			switch d.Turns[s.Turn].Voice {
			case corpus.VoiceOwn:
				p.Own = append(p.Own, t)
			case corpus.VoiceInterviewer:
				p.Interviewer = append(p.Interviewer, t)
			case corpus.VoiceNotes:
				p.Notes = append(p.Notes, t)
			}
		}
	}
	spec, err := analysis.LoadCodebook(analysis.DefaultCodebookName, analysis.DefaultCodebookYAML())
	if err != nil {
		return Pools{}, fmt.Errorf("gen: default codebook: %w", err)
	}
	for _, c := range spec.Codes {
		for _, e := range c.Examples {
			if t := strings.Join(strings.Fields(e), " "); t != "" {
				p.Own = append(p.Own, t)
			}
		}
	}
	for _, l := range []*[]string{&p.Own, &p.Interviewer, &p.Notes} {
		sort.Strings(*l)
		*l = dedup(*l)
	}
	if len(p.Own) == 0 || len(p.Interviewer) == 0 || len(p.Notes) == 0 {
		return Pools{}, fmt.Errorf("gen: demo corpus gave an empty sentence pool (own %d, interviewer %d, notes %d)", len(p.Own), len(p.Interviewer), len(p.Notes))
	}
	return p, nil
}

func dedup(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// Terms returns every include term of the default codebook, lower case,
// sorted and without duplicates: the pattern list for a grep baseline.
func Terms() ([]string, error) {
	spec, err := analysis.LoadCodebook(analysis.DefaultCodebookName, analysis.DefaultCodebookYAML())
	if err != nil {
		return nil, fmt.Errorf("gen: default codebook: %w", err)
	}
	var out []string
	for _, c := range spec.Codes {
		for _, t := range c.Terms {
			if s := strings.ToLower(strings.TrimSpace(t.Term)); s != "" {
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return dedup(out), nil
}

var wijken = []string{"Oosterpark", "De Hoven", "Ter Heide", "Kanaleneiland-Zuid", "Waterkant", "Zuiderhaven",
	"Noordwijk", "Schildersbuurt", "Lombok", "Overvecht", "Transvaal", "Presikhaaf"}

// speaker sets of transcripts: label of the family member(s) and their role.
var families = [][][2]string{
	{{"Moeder", "parent"}},
	{{"Vader", "parent"}},
	{{"Moeder", "parent"}, {"Vader", "parent"}},
	{{"Moeder", "parent"}, {"Dochter", "child"}},
	{{"Jongere", "youth"}},
	{{"Kind", "child"}},
}

// Write writes a corpus of at least o.Words words into dir (created if
// needed): one folder per case, transcripts and notes as .txt files, and
// metadata.csv at the root.
func Write(dir string, o Options) (Stats, error) {
	p, err := LoadPools()
	if err != nil {
		return Stats{}, err
	}
	if o.WordsPerDoc <= 0 {
		o.WordsPerDoc = 2000
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("gen: %w", err)
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	var meta strings.Builder
	meta.WriteString("file,case,kind,wijk,wave,date,speakers\n")
	var st Stats
	for st.Words < o.Words || st.Files == 0 {
		st.Cases++
		cs := fmt.Sprintf("C%05d", st.Cases)
		wijk := wijken[r.IntN(len(wijken))]
		fam := families[r.IntN(len(families))]
		docs := 1 + r.IntN(4)
		for k := 0; k < docs && (st.Words < o.Words || st.Files == 0); k++ {
			wave := 1 + k/2
			date := fmt.Sprintf("20%02d-%02d-%02d", 23+wave, 1+r.IntN(12), 1+r.IntN(28))
			size := o.WordsPerDoc/2 + r.IntN(o.WordsPerDoc+1)
			var rel, kind, speakers, text string
			var words int
			if k > 0 && r.IntN(5) == 0 {
				rel = path.Join(cs, fmt.Sprintf("wave%d", wave), fmt.Sprintf("%s_notities_%d.txt", cs, k+1))
				kind = "notes"
				text, words = notes(r, p, size)
			} else {
				rel = path.Join(cs, fmt.Sprintf("wave%d", wave), fmt.Sprintf("%s_interview_%d.txt", cs, k+1))
				kind = "transcript"
				sp := []string{"Interviewer=interviewer"}
				for _, f := range fam {
					sp = append(sp, f[0]+"="+f[1])
				}
				speakers = strings.Join(sp, ";")
				text, words = transcript(r, p, fam, size)
			}
			full := filepath.Join(dir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				return st, fmt.Errorf("gen: %w", err)
			}
			if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
				return st, fmt.Errorf("gen: %w", err)
			}
			fmt.Fprintf(&meta, "%s,%s,%s,%s,%d,%s,%s\n", rel, cs, kind, wijk, wave, date, speakers)
			st.Files++
			st.Words += words
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(meta.String()), 0o644); err != nil {
		return st, fmt.Errorf("gen: %w", err)
	}
	return st, nil
}

// transcript alternates interviewer questions and family answers of one to
// six sentences until size words are written.
func transcript(r *rand.Rand, p Pools, fam [][2]string, size int) (string, int) {
	var b strings.Builder
	words := 0
	for words < size {
		q := pick(r, p.Interviewer)
		b.WriteString("Interviewer: ")
		b.WriteString(q)
		b.WriteString("\n\n")
		words += 1 + len(strings.Fields(q))
		who := fam[r.IntN(len(fam))][0]
		b.WriteString(who)
		b.WriteString(":")
		words++
		for n := 1 + r.IntN(6); n > 0; n-- {
			s := pick(r, p.Own)
			b.WriteString(" ")
			b.WriteString(s)
			words += len(strings.Fields(s))
		}
		b.WriteString("\n\n")
	}
	return b.String(), words
}

// notes writes paragraphs of two to five professional sentences.
func notes(r *rand.Rand, p Pools, size int) (string, int) {
	var b strings.Builder
	words := 0
	for words < size {
		for n := 2 + r.IntN(4); n > 0; n-- {
			s := pick(r, p.Notes)
			if n < 4 && r.IntN(3) == 0 {
				s = pick(r, p.Own)
			}
			b.WriteString(s)
			b.WriteString(" ")
			words += len(strings.Fields(s))
		}
		b.WriteString("\n\n")
	}
	return b.String(), words
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// WriteTerms writes Terms, one per line, to the file named file.
func WriteTerms(file string) error {
	t, err := Terms()
	if err != nil {
		return err
	}
	f, err := os.Create(file)
	if err != nil {
		return fmt.Errorf("gen: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, s := range t {
		w.WriteString(s)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("gen: %s: %w", file, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("gen: %s: %w", file, err)
	}
	return nil
}
