// Command cmd generates a synthetic corpus for benchmarks:
//
//	go run ./internal/gen/cmd -words 10000000 -seed 1 -out DIR [-terms terms.txt]
//
// It prints "files words" on stdout. See package gen.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/pbasis/pbasis/internal/gen"
)

func main() {
	words := flag.Int("words", 1_000_000, "minimum number of words")
	seed := flag.Uint64("seed", 1, "random seed")
	per := flag.Int("per-doc", 2000, "mean words per document")
	out := flag.String("out", "", "output folder (required)")
	terms := flag.String("terms", "", "also write the default codebook's terms, one per line, to this file")
	flag.Parse()
	if *out == "" && *terms == "" {
		fmt.Fprintln(os.Stderr, "gen: -out DIR is required")
		os.Exit(2)
	}
	if *terms != "" {
		if err := gen.WriteTerms(*terms); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if *out == "" {
		return
	}
	st, err := gen.Write(*out, gen.Options{Words: *words, Seed: *seed, WordsPerDoc: *per})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%d %d\n", st.Files, st.Words)
}
