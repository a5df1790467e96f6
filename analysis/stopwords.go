package analysis

import (
	_ "embed"
	"strings"
)

// stopwordsNL is the embedded Dutch stopword list (see the header of
// stopwords_nl.txt for its sources and licences). It is read-only.
//
//go:embed stopwords_nl.txt
var stopwordsNL string

// Stopwords returns a fresh set of Dutch stopwords, folded (see Fold): the
// Snowball and stopwords-iso lists plus the fillers and light verbs of
// spoken Dutch transcripts ("eh", "nou", "gewoon", "eigenlijk", "weet").
// The caller may change the returned map.
func Stopwords() map[string]struct{} {
	set := make(map[string]struct{}, 600)
	for _, line := range strings.Split(stopwordsNL, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		w := strings.TrimSpace(line)
		if w == "" {
			continue
		}
		set[Fold(w)] = struct{}{}
	}
	return set
}
