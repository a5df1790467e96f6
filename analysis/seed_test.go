package analysis_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// TestSeedMentionsCoded codes the source text of the domain (shared/seeds)
// with the default codebook and checks that every relation, place and
// facility it names is coded with the right category. The list below was
// read off the seed text by hand.
func TestSeedMentionsCoded(t *testing.T) {
	dir := filepath.Join(testutil.SharedDir(t), "seeds")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed text in %s: %v", dir, err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	d, err := corpus.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	o := corpus.DefaultOptions()
	o.UnlabelledRole = corpus.RoleOther
	doc, err := corpus.Build("seed.txt", "txt", corpus.Extract{Text: d.Text}, corpus.Metadata{Kind: corpus.KindNotes}, o)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]analysis.Category{}
	for _, c := range analysis.CodeDocument(cb, doc) {
		got[strings.ToLower(c.Term)] = c.Category
	}
	want := map[string]analysis.Category{
		// relations
		"buren": analysis.CatRelation, "volleybalcoach": analysis.CatRelation, "overblijfjuf": analysis.CatRelation,
		"leerkracht": analysis.CatRelation, "buurvrouw": analysis.CatRelation, "facebookgroep": analysis.CatRelation,
		"basketbalcoach": analysis.CatRelation, "voetbalcoach": analysis.CatRelation,
		// places
		"speeltuin": analysis.CatPlace, "schoolplein": analysis.CatPlace, "voetbalveldje": analysis.CatPlace,
		"park": analysis.CatPlace, "sociale media": analysis.CatPlace, "straat": analysis.CatPlace,
		"sportveldje": analysis.CatPlace, "wijk": analysis.CatPlace,
		// facilities
		"school": analysis.CatFacility, "kinderopvang": analysis.CatFacility, "sportvereniging": analysis.CatFacility,
		"club": analysis.CatFacility, "buurthuis": analysis.CatFacility, "scholen": analysis.CatFacility,
		"opvang": analysis.CatFacility, "jeugdgezondheidszorg": analysis.CatFacility,
	}
	for term, cat := range want {
		if g, ok := got[term]; !ok {
			t.Errorf("seed mention %q is not coded", term)
		} else if g != cat {
			t.Errorf("seed mention %q coded as %s, want %s", term, g, cat)
		}
	}
}
