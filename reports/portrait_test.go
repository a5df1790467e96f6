package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestPortraitGolden compares the portrait of the hand-made family G1 with
// testdata/golden/portrait_G1.md (read line by line by a person before it
// was committed). Run with -update to rewrite it after a deliberate change.
func TestPortraitGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePortrait(&buf, fixtureResults(t), "G1", fixtureManifest(), LangNL); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden", "portrait_G1.md")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), buf.String()); d != "" {
		t.Errorf("portrait differs from %s (-want +got):\n%s", golden, d)
	}
}

// TestPortraitOwnWordsFirst checks the order the domain asks for: the
// family's own words before everything else, the outside view last, and no
// outside quote among the own words.
func TestPortraitOwnWordsFirst(t *testing.T) {
	tx := texts(LangNL)
	var buf bytes.Buffer
	if err := WritePortrait(&buf, fixtureResults(t), "G1", nil, LangNL); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	own := strings.Index(s, "## "+tx.OwnWordsHeading)
	absent := strings.Index(s, "## "+tx.AbsentHeading)
	help := strings.Index(s, "## "+tx.CaseHelpHeading)
	outside := strings.Index(s, "## "+EscapeText(tx.OutsideHeading))
	if own < 0 || absent < 0 || help < 0 || outside < 0 {
		t.Fatalf("missing sections (own %d, absent %d, help %d, outside %d):\n%s", own, absent, help, outside, s)
	}
	if !(own < absent && absent < help && help < outside) {
		t.Errorf("section order own %d, absent %d, help %d, outside %d", own, absent, help, outside)
	}
	ownPart := s[own:outside]
	// The interviewer's and the notes' words are only in the outside part.
	for _, w := range []string{"Kent u de buren", "Oma lijkt overbelast"} {
		if strings.Contains(ownPart, w) {
			t.Errorf("outside quote %q among the family's own words", w)
		}
		if !strings.Contains(s[outside:], w) {
			t.Errorf("outside quote %q not in the outside view", w)
		}
	}
	// Absence is data: the negated neighbours and playground are there.
	abs := s[absent:help]
	for _, w := range []string{"Buren", "Speeltuin", "de buren kennen we eigenlijk niet"} {
		if !strings.Contains(abs, w) {
			t.Errorf("%q not under %q", w, tx.AbsentHeading)
		}
	}
	// No ranking words.
	for _, w := range []string{"score", "rang", "sterk", "zwak"} {
		if strings.Contains(strings.ToLower(ownPart), w) {
			t.Errorf("portrait uses %q", w)
		}
	}
	if err := WritePortrait(&buf, fixtureResults(t), "nobody", nil, LangNL); err == nil {
		t.Errorf("WritePortrait of an unknown case: no error")
	}
}

func TestReportSections(t *testing.T) {
	for _, lang := range Langs() {
		tx := texts(lang)
		var buf bytes.Buffer
		if err := WriteReport(&buf, fixtureResults(t), fixtureManifest(), lang); err != nil {
			t.Fatal(err)
		}
		s := buf.String()
		for _, want := range []string{
			"# " + EscapeText(tx.ReportTitle),
			"## " + EscapeText(tx.MethodHeading),
			"G1/kapot.docx",          // a skipped file is listed
			EscapeText(tx.LimitAuto), // limitations
			"## " + EscapeText(tx.HelpHeading),
			EscapeText(tx.HelpIntro),
			"## " + EscapeText(tx.BridgesHeading),
			"## " + EscapeText(tx.QualitiesHeading),
			"(families/G1.md)",
			"(figures/ecomap-G1.svg)",
			"0123abcd", // codebook hash
		} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: report lacks %q", lang, want)
			}
		}
		if strings.Contains(s, ".DS_Store") {
			t.Errorf("%s: an ignored file is listed as skipped", lang)
		}
		// Formal help comes after the basis sections, never inside them.
		if strings.Index(s, "## "+EscapeText(tx.HelpHeading)) < strings.Index(s, "## "+EscapeText(tx.CatFacilities)) {
			t.Errorf("%s: formal help before the facilities", lang)
		}
	}
}
