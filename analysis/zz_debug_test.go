package analysis

import (
	"path/filepath"
	"strconv"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/gold"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(os.Getenv("ZZ"), "\n") {
		role := ""
		if strings.HasPrefix(line, "[") {
			i := strings.Index(line, "]")
			role, line = line[1:i], strings.TrimSpace(line[i+1:])
		}
		t.Logf("%q (%s)", line, role)
		for _, m := range cb.Match(line, Context{Role: role}) {
			t.Logf("   %s %s %q term=%q how=%s neg=%v", m.Category, m.Code, m.Surface, m.Term, m.How, m.Negated)
		}
	}
}

func TestZZDoc(t *testing.T) {
	cb, _ := LoadDefault()
	docs, err := gold.Load(filepath.Join("testdata", "gold"))
	if err != nil {
		t.Fatal(err)
	}
	for _, gd := range docs {
		if !strings.HasPrefix(gd.Name, os.Getenv("ZZDOC")) {
			continue
		}
		h, _ := gold.ParseHeader(gd.Header)
		speakers := map[string]string{}
		for k, v := range h.Speakers {
			speakers[strings.ToLower(k)] = v
		}
		meta := corpus.Metadata{Case: gd.Name, Kind: corpus.Kind(h.Kind), Speakers: speakers}
		doc, _ := corpus.Build(gd.Name, "txt", corpus.Extract{Text: gd.Text, FirstLine: 2}, meta, corpus.DefaultOptions())
		for _, s := range doc.Segments {
			if os.Getenv("ZZLINE") != "" && strconv.Itoa(s.Line) != os.Getenv("ZZLINE") {
				continue
			}
			t.Logf("L%d [%s] %q", s.Line, doc.Turns[s.Turn].Role, s.Text)
		}
		for _, c := range CodeDocument(cb, doc) {
			if os.Getenv("ZZLINE") != "" && strconv.Itoa(c.Line) != os.Getenv("ZZLINE") {
				continue
			}
			t.Logf("  L%d %s %s %q neg=%v", c.Line, c.Category, c.Code, c.Term, c.Negated)
		}
	}
}
