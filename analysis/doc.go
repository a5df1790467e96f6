// Package analysis turns segments into codings and codings into Results: the
// codebook (load, validate, compile, import/export), Dutch matching (tokens,
// stems, compounds, negation, context rules), coding, aggregation, networks,
// emergent terms and inter-coder agreement. It is pure: it reads no input
// files of the corpus and writes no report formats.
package analysis
