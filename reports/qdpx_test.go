package reports

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/demo"
	"github.com/pbasis/pbasis/internal/testutil"
)

// qdpxInput is a corpus ready for the REFI-QDA writer.
type qdpxInput struct {
	spec    *analysis.CodebookSpec
	docs    []*corpus.Document
	codings [][]analysis.Coding
	results *analysis.Results
}

// qdpxDemo reads, codes and aggregates the embedded demo corpus the way
// `pbasis run` does.
func qdpxDemo(t testing.TB) *qdpxInput {
	t.Helper()
	fsys := demo.FS()
	o := corpus.DefaultOptions()
	files, _, err := corpus.List(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := corpus.ReadSheet(fsys, o.Limits)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	in := &qdpxInput{spec: cb.Spec()}
	acc := analysis.NewAccumulator(cb.Spec(), analysis.ResultsOptions{Lang: "nl"})
	for _, f := range files {
		doc, err := corpus.ReadFile(fsys, f, sheet, o)
		if err != nil {
			t.Fatalf("demo file %s: %v", f, err)
		}
		codings := analysis.CodeDocument(cb, doc)
		acc.Add(doc, codings)
		in.docs = append(in.docs, doc)
		in.codings = append(in.codings, codings)
	}
	in.results = acc.Results()
	return in
}

// write writes the project and returns the .qdpx bytes.
func (in *qdpxInput) write(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	q, err := NewQDPX(&buf, in.spec, "1.2.3-test")
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range in.docs {
		if err := q.AddDocument(d, in.codings[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Close(in.results); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unzipQDPX returns the zip's entries by name, failing on duplicates.
func unzipQDPX(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, dup := out[f.Name]; dup {
			t.Fatalf("zip entry %s twice", f.Name)
		}
		out[f.Name] = b
	}
	return out
}

// xmllintProject validates a project.qde against the shared REFI-QDA
// schema with xmllint. It skips the test when xmllint is missing, except
// under CI (CI=true), where it fails.
func xmllintProject(t *testing.T, qde []byte) error {
	t.Helper()
	xsd := filepath.Join(testutil.SharedDir(t), "refi-qda", "Project-mrt2019.xsd")
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint is missing; CI must have it (apt-get install -y libxml2-utils): %v", err)
		}
		t.Skipf("xmllint not installed (apt-get install -y libxml2-utils); REFI-QDA schema validation skipped")
	}
	cmd := exec.Command(bin, "--noout", "--nonet", "--schema", xsd, "-")
	cmd.Stdin = bytes.NewReader(qde)
	out, err := cmd.CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("run xmllint: %v", err)
		}
		return fmt.Errorf("xmllint: %v\n%s", err, out)
	}
	return nil
}

// The project.qde as the tests read it, independently of analysis.ReadQDPX.
type tProject struct {
	Users     []tAttrs     `xml:"Users>User"`
	Codes     []tCode      `xml:"CodeBook>Codes>Code"`
	Variables []tAttrs     `xml:"Variables>Variable"`
	Cases     []tCase      `xml:"Cases>Case"`
	Sources   []tSource    `xml:"Sources>TextSource"`
	SetCodes  []tRefHolder `xml:"Sets>Set>MemberCode"`
}

type tAttrs struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
}

type tCode struct {
	GUID    string  `xml:"guid,attr"`
	Name    string  `xml:"name,attr"`
	Codable string  `xml:"isCodable,attr"`
	Color   string  `xml:"color,attr"`
	Desc    string  `xml:"Description"`
	Codes   []tCode `xml:"Code"`
}

type tRefHolder struct {
	Target string `xml:"targetGUID,attr"`
}

type tCase struct {
	GUID   string `xml:"guid,attr"`
	Name   string `xml:"name,attr"`
	Values []struct {
		Ref  tRefHolder `xml:"VariableRef"`
		Text string     `xml:"TextValue"`
	} `xml:"VariableValue"`
	Sources []tRefHolder `xml:"SourceRef"`
}

type tSource struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
	Path string `xml:"plainTextPath,attr"`
	Desc string `xml:"Description"`
	Sels []struct {
		GUID    string `xml:"guid,attr"`
		Name    string `xml:"name,attr"`
		Start   int    `xml:"startPosition,attr"`
		End     int    `xml:"endPosition,attr"`
		User    string `xml:"creatingUser,attr"`
		Desc    string `xml:"Description"`
		Codings []struct {
			GUID string     `xml:"guid,attr"`
			Ref  tRefHolder `xml:"CodeRef"`
		} `xml:"Coding"`
	} `xml:"PlainTextSelection"`
}

// flatCodes lists codes depth first with their parent's GUID.
func flatCodes(cs []tCode, parent string, out *[]string) {
	for _, c := range cs {
		*out = append(*out, fmt.Sprintf("%s parent=%s name=%q codable=%s color=%s desc=%q", c.GUID, parent, c.Name, c.Codable, c.Color, c.Desc))
		flatCodes(c.Codes, c.GUID, out)
	}
}

func TestQDPXDemo(t *testing.T) {
	in := qdpxDemo(t)
	data := in.write(t)
	files := unzipQDPX(t, data)
	qde, ok := files["project.qde"]
	if !ok {
		t.Fatalf("no project.qde in the zip; entries: %v", keys(files))
	}

	// (1) The schema (a subtest: without xmllint only it is skipped).
	t.Run("schema", func(t *testing.T) {
		if err := xmllintProject(t, qde); err != nil {
			t.Fatalf("project.qde does not validate: %v", err)
		}
	})

	var p tProject
	if err := xml.Unmarshal(qde, &p); err != nil {
		t.Fatal(err)
	}

	// (3) GUIDs: valid, unique, every reference resolves.
	guidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`\sguid="([^"]*)"`).FindAllSubmatch(qde, -1) {
		g := string(m[1])
		if !guidRE.MatchString(g) {
			t.Errorf("guid %q is not a lower-case 8-4-4-4-12 GUID", g)
		}
		if defined[g] {
			t.Errorf("guid %s defined twice", g)
		}
		defined[g] = true
	}
	refs := regexp.MustCompile(`\s(?:targetGUID|creatingUser|creatingUserGUID)="([^"]*)"`).FindAllSubmatch(qde, -1)
	if len(refs) == 0 {
		t.Fatal("no references found")
	}
	for _, m := range refs {
		if !defined[string(m[1])] {
			t.Errorf("reference %s points to no object", m[1])
		}
	}

	// The codes equal the .qdc export's (GUIDs, names, colours, hierarchy,
	// descriptions).
	var qdc bytes.Buffer
	if err := analysis.WriteQDC(&qdc, in.spec); err != nil {
		t.Fatal(err)
	}
	var book struct {
		Codes []tCode `xml:"Codes>Code"`
	}
	if err := xml.Unmarshal(qdc.Bytes(), &book); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	flatCodes(book.Codes, "", &want)
	flatCodes(p.Codes, "", &got)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Errorf("project codes differ from the .qdc export:\nqdc:\n%s\nproject:\n%s", strings.Join(want, "\n"), strings.Join(got, "\n"))
	}
	codeOf := map[string]string{}
	for _, c := range in.spec.Codes {
		codeOf[analysis.QDCGUID(in.spec.ID, "code:"+c.ID)] = c.ID
	}
	if len(p.SetCodes) != len(in.spec.Codes) {
		t.Errorf("set lists %d codes, want %d", len(p.SetCodes), len(in.spec.Codes))
	}

	// (4) Sources: every file in sources/ is referenced once, and every
	// reference has its file; the file is the document's text.
	if len(p.Sources) != len(in.docs) {
		t.Fatalf("%d sources, want %d documents", len(p.Sources), len(in.docs))
	}
	referenced := map[string]bool{}
	docByName := map[string]int{}
	for i, d := range in.docs {
		docByName[d.ID] = i
	}
	texts := map[string][]rune{} // source GUID -> text
	for _, s := range p.Sources {
		file, ok := strings.CutPrefix(s.Path, "internal://")
		if !ok {
			t.Fatalf("source %s: plainTextPath %q is not internal://", s.Name, s.Path)
		}
		entry := "sources/" + file
		if referenced[entry] {
			t.Errorf("%s referenced twice", entry)
		}
		referenced[entry] = true
		txt, ok := files[entry]
		if !ok {
			t.Fatalf("source %s: %s not in the zip", s.Name, entry)
		}
		i, ok := docByName[s.Name]
		if !ok {
			t.Fatalf("source named %q is no document", s.Name)
		}
		if !utf8.Valid(txt) || bytes.HasPrefix(txt, []byte("\xef\xbb\xbf")) || string(txt) != in.docs[i].Text {
			t.Errorf("%s: not the document's normalised text (UTF-8, no BOM)", entry)
		}
		if !strings.Contains(s.Desc, "case: "+in.docs[i].Meta.Case) {
			t.Errorf("source %s: description %q lacks its case", s.Name, s.Desc)
		}
		texts[s.GUID] = []rune(string(txt))
	}
	for name := range files {
		if name != "project.qde" && !referenced[name] {
			t.Errorf("zip entry %s is not referenced by any source", name)
		}
	}

	// (2) Every selection is a coding: same document, span, code; the text
	// at [start, end) in code points is the coded term.
	type key struct {
		doc, code  string
		start, end int
	}
	left := map[key][]analysis.Coding{}
	total, negated := 0, 0
	for _, cs := range in.codings {
		for _, c := range cs {
			k := key{c.Doc, c.Code, c.Start, c.End}
			left[k] = append(left[k], c)
			total++
		}
	}
	if total < 100 {
		t.Fatalf("demo corpus gave only %d codings", total)
	}
	sels := 0
	for _, s := range p.Sources {
		text := texts[s.GUID]
		for _, sel := range s.Sels {
			sels++
			if len(sel.Codings) != 1 {
				t.Fatalf("selection %s has %d codings, want 1", sel.GUID, len(sel.Codings))
			}
			code, ok := codeOf[sel.Codings[0].Ref.Target]
			if !ok {
				t.Fatalf("selection %s: code %s is not a codebook code", sel.GUID, sel.Codings[0].Ref.Target)
			}
			k := key{s.Name, code, sel.Start, sel.End}
			cs := left[k]
			if len(cs) == 0 {
				t.Errorf("selection %s %d-%d %s matches no coding", s.Name, sel.Start, sel.End, code)
				continue
			}
			c := cs[0]
			left[k] = cs[1:]
			if sel.Start < 0 || sel.End > len(text) || sel.Start >= sel.End {
				t.Fatalf("selection %s: %d-%d outside text of %d", sel.GUID, sel.Start, sel.End, len(text))
			}
			if got := string(text[sel.Start:sel.End]); got != c.Term {
				t.Errorf("%s %d-%d: text %q, coded term %q", s.Name, sel.Start, sel.End, got, c.Term)
			}
			if sel.Name != c.Term {
				t.Errorf("selection name %q, want the term %q", sel.Name, c.Term)
			}
			if c.Negated {
				negated++
			}
			if strings.Contains(sel.Desc, "negated (ontkend)") != c.Negated {
				t.Errorf("%s %d-%d %s: negated %v but description %q", s.Name, sel.Start, sel.End, code, c.Negated, sel.Desc)
			}
			if !strings.Contains(sel.Desc, analysis.QDCMarker+"\n") {
				t.Errorf("selection %s: no pbasis block in %q", sel.GUID, sel.Desc)
			}
		}
	}
	if sels != total {
		t.Errorf("%d selections, want %d codings", sels, total)
	}
	if negated == 0 {
		t.Error("the demo corpus has no negated coding; the negation check tested nothing")
	}

	// Cases and variables.
	if len(p.Cases) != len(in.results.Corpus.Cases) {
		t.Fatalf("%d cases, want %d", len(p.Cases), len(in.results.Corpus.Cases))
	}
	varName := map[string]string{}
	for _, v := range p.Variables {
		varName[v.GUID] = v.Name
	}
	srcName := map[string]string{}
	for _, s := range p.Sources {
		srcName[s.GUID] = s.Name
	}
	for i, c := range p.Cases {
		ci := in.results.Corpus.Cases[i]
		if c.Name != ci.ID {
			t.Errorf("case %d named %q, want %q", i, c.Name, ci.ID)
		}
		var docs []string
		for _, r := range c.Sources {
			docs = append(docs, srcName[r.Target])
		}
		if strings.Join(docs, "|") != strings.Join(ci.Documents, "|") {
			t.Errorf("case %s: sources %v, want %v", ci.ID, docs, ci.Documents)
		}
		vals := map[string]string{}
		for _, v := range c.Values {
			vals[varName[v.Ref.Target]] = v.Text
		}
		if vals["wijk"] != strings.Join(ci.Wijks, "; ") || vals["wave"] != strings.Join(ci.Waves, "; ") {
			t.Errorf("case %s: wijk %q wave %q, want %v %v", ci.ID, vals["wijk"], vals["wave"], ci.Wijks, ci.Waves)
		}
		for k, v := range ci.Variables {
			if vals[k] != v {
				t.Errorf("case %s: variable %s = %q, want %q", ci.ID, k, vals[k], v)
			}
		}
	}
	if len(in.results.Corpus.Variables) == 0 {
		t.Error("demo corpus has no metadata variables; the variable check tested little")
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestQDPXStable: the same input gives the same bytes, and GUIDs do not
// depend on the order of unrelated documents.
func TestQDPXStable(t *testing.T) {
	in := qdpxDemo(t)
	a := in.write(t)
	b := in.write(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same input differ")
	}
	// A fresh read of the corpus gives the same bytes too.
	if c := qdpxDemo(t).write(t); !bytes.Equal(a, c) {
		t.Fatal("a second read of the demo corpus gives a different .qdpx")
	}
	// Dropping the first document keeps the GUIDs of the others.
	first := unzipQDPX(t, a)["project.qde"]
	in.docs, in.codings = in.docs[1:], in.codings[1:]
	in.results = nil
	rest := unzipQDPX(t, in.write(t))["project.qde"]
	guids := regexp.MustCompile(`<PlainTextSelection guid="([^"]*)"`)
	all := map[string]bool{}
	for _, m := range guids.FindAllSubmatch(first, -1) {
		all[string(m[1])] = true
	}
	ms := guids.FindAllSubmatch(rest, -1)
	if len(ms) == 0 {
		t.Fatal("no selections")
	}
	for _, m := range ms {
		if !all[string(m[1])] {
			t.Fatalf("selection GUID %s changed when another document was left out", m[1])
		}
	}
}

// TestQDPXSchemaCheckCanFail proves the validation step rejects broken
// projects: the shared invalid example, a hand-broken pbasis-shaped file
// and our own output with one attribute removed or one GUID spoiled.
func TestQDPXSchemaCheckCanFail(t *testing.T) {
	shared := testutil.SharedDir(t)
	bad, err := os.ReadFile(filepath.Join(shared, "refi-qda", "examples", "invalid", "project-invalid.qde"))
	if err != nil {
		t.Fatal(err)
	}
	if xmllintProject(t, bad) == nil {
		t.Error("the shared invalid example validates")
	}
	broken, err := os.ReadFile(filepath.Join("testdata", "qdpx", "broken-project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	if xmllintProject(t, broken) == nil {
		t.Error("testdata/qdpx/broken-project.qde validates")
	}
	good, err := os.ReadFile(filepath.Join(shared, "refi-qda", "examples", "project.qde"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xmllintProject(t, good); err != nil {
		t.Fatalf("the shared valid example fails: %v", err)
	}

	in := qdpxDemo(t)
	qde := unzipQDPX(t, in.write(t))["project.qde"]
	for name, mutate := range map[string]func([]byte) []byte{
		"no endPosition": func(b []byte) []byte {
			return regexp.MustCompile(` endPosition="\d+"`).ReplaceAllLiteral(b, nil)
		},
		"bad guid": func(b []byte) []byte {
			loc := regexp.MustCompile(`<TextSource guid="[^"]*"`).FindIndex(b)
			return append(append(append([]byte{}, b[:loc[0]]...), `<TextSource guid="not-a-guid"`...), b[loc[1]:]...)
		},
		"sources before cases": func(b []byte) []byte {
			s := string(b)
			i, j := strings.Index(s, "  <Cases>\n"), strings.Index(s, "  </Cases>\n")+len("  </Cases>\n")
			cases := s[i:j]
			s = s[:i] + s[j:]
			k := strings.Index(s, "  </Sources>\n") + len("  </Sources>\n")
			return []byte(s[:k] + cases + s[k:])
		},
	} {
		m := mutate(qde)
		if bytes.Equal(m, qde) {
			t.Fatalf("%s: mutation changed nothing", name)
		}
		if xmllintProject(t, m) == nil {
			t.Errorf("%s: broken project validates", name)
		}
	}
}

// TestQDPXRoundTrip writes the demo corpus and reads it back with
// analysis.ReadQDPX: the same texts, selections, codes and cases.
func TestQDPXRoundTrip(t *testing.T) {
	in := qdpxDemo(t)
	data := in.write(t)
	p, err := analysis.ReadQDPX("demo.qdpx", bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Sources) != len(in.docs) {
		t.Fatalf("%d sources read, want %d", len(p.Sources), len(in.docs))
	}
	for i, s := range p.Sources {
		if s.Name != in.docs[i].ID || s.Text != in.docs[i].Text {
			t.Errorf("source %d: %q (text equal: %v), want %q", i, s.Name, s.Text == in.docs[i].Text, in.docs[i].ID)
		}
	}
	if !strings.HasPrefix(p.Origin, "pbasis 1.2.3-test") {
		t.Errorf("origin %q", p.Origin)
	}
	if missing := p.ResolveCodes(in.spec); len(missing) != 0 {
		t.Errorf("codes without pbasis ID after a round trip: %v", missing)
	}
	row := func(doc, code string, start, end int, term string, neg bool, src, coder string) string {
		return fmt.Sprintf("%s|%d|%d|%s|%q|%v|%s|%s", doc, start, end, code, term, neg, src, coder)
	}
	var want, got []string
	for _, cs := range in.codings {
		for _, c := range cs {
			want = append(want, row(c.Doc, c.Code, c.Start, c.End, c.Term, c.Negated, c.Source, "pbasis"))
		}
	}
	for _, s := range p.Selections {
		got = append(got, row(s.Source, s.Code, s.Start, s.End, s.Text, s.Negated, s.Origin, s.Coder))
	}
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(want, "\n") != strings.Join(got, "\n") {
		t.Errorf("selections read back differ from the codings written (%d vs %d)", len(got), len(want))
		for i := 0; i < len(want) && i < len(got); i++ {
			if want[i] != got[i] {
				t.Fatalf("first difference:\nwant %s\ngot  %s", want[i], got[i])
			}
		}
	}
	if len(p.Cases) != len(in.results.Corpus.Cases) {
		t.Fatalf("%d cases, want %d", len(p.Cases), len(in.results.Corpus.Cases))
	}
	for i, c := range p.Cases {
		ci := in.results.Corpus.Cases[i]
		if c.Name != ci.ID || strings.Join(c.Sources, "|") != strings.Join(ci.Documents, "|") {
			t.Errorf("case %d: %q %v, want %q %v", i, c.Name, c.Sources, ci.ID, ci.Documents)
		}
	}
	if len(p.Users) != 1 || p.Users[0] != "pbasis" {
		t.Errorf("users %v, want [pbasis]", p.Users)
	}
}

// TestQDPXHostileInput: metadata and codes with XML specials, control
// characters and astral characters still give a valid project whose
// positions count code points.
func TestQDPXHostileInput(t *testing.T) {
	spec := fixtureSpec()
	doc, codings := buildDoc(t, `G&1/"<rare>" naam.txt`, corpus.Metadata{
		Case: `G&1 <"x">`, Kind: corpus.KindTranscript, Wijk: "Noord\x01Zuid", Wave: "1",
		Speakers: map[string]string{"Moeder": "parent"},
		Extra:    map[string]string{"noot": "a]]>b & c\r\nd", "wijk": "dubbel"},
	}, []turnSpec{{speaker: "Moeder", role: corpus.RoleParent,
		sentences: []string{"😀😀 De buren 𝄞 en de speeltuin.", "Geen schoolplein hier."},
		codes:     [][]string{{"rel.neighbour=buren", "place.playground=speeltuin"}, {"place.schoolyard=schoolplein!"}}}})
	// A code that the codebook does not know (a manual coding).
	codings = append(codings, analysis.Coding{Doc: doc.ID, Case: doc.Meta.Case, Code: "extra.eigen", Category: analysis.CatPlace,
		Start: 8, End: 10, Term: "😀😀", Source: analysis.SourceManual})
	acc := analysis.NewAccumulator(spec, analysis.ResultsOptions{})
	acc.Add(doc, codings)
	r := acc.Results()
	var buf bytes.Buffer
	q, err := NewQDPX(&buf, spec, "x")
	if err != nil {
		t.Fatal(err)
	}
	if err := q.AddDocument(doc, codings); err != nil {
		t.Fatal(err)
	}
	if err := q.Close(r); err != nil {
		t.Fatal(err)
	}
	qde := unzipQDPX(t, buf.Bytes())["project.qde"]
	t.Run("schema", func(t *testing.T) {
		if err := xmllintProject(t, qde); err != nil {
			t.Fatalf("hostile project does not validate: %v\n%s", err, qde)
		}
	})
	p, err := analysis.ReadQDPX("hostile.qdpx", bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if p.Sources[0].Name != doc.ID {
		t.Errorf("source name %q, want %q", p.Sources[0].Name, doc.ID)
	}
	if len(p.Cases) != 1 || p.Cases[0].Name != doc.Meta.Case {
		t.Fatalf("cases %+v", p.Cases)
	}
	if v := p.Cases[0].Variables; v["noot"] != "a]]>b & c\r\nd" || v["wijk (metadata)"] != "dubbel" || v["wijk"] != "Noord\uFFFDZuid" {
		t.Errorf("case variables %q", v)
	}
	got := map[string]string{}
	for _, s := range p.Selections {
		got[s.Code] = fmt.Sprintf("%d-%d %s neg=%v %s", s.Start, s.End, s.Text, s.Negated, s.Origin)
	}
	want := map[string]string{
		// "Moeder: 😀😀 De buren 𝄞 en de speeltuin. Geen schoolplein hier.",
		// positions counted in code points with Python.
		"rel.neighbour":    "14-19 buren neg=false auto",
		"place.playground": "28-37 speeltuin neg=false auto",
		"place.schoolyard": "44-55 schoolplein neg=true auto",
		"extra.eigen":      "8-10 😀😀 neg=false manual",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	var extra *analysis.QDPXCode
	for i := range p.Codes {
		if p.Codes[i].Name == "extra.eigen" {
			extra = &p.Codes[i]
		}
	}
	if extra == nil || extra.ID != "extra.eigen" || extra.Category != analysis.CatPlace || extra.GUID != analysis.QDCGUID(spec.ID, "code:extra.eigen") {
		t.Errorf("code not in the codebook: %+v", extra)
	}
}

func TestQDPXMisuse(t *testing.T) {
	spec := fixtureSpec()
	doc, codings := buildDoc(t, "G1/a.txt", corpus.Metadata{Case: "G1"}, []turnSpec{{speaker: "Moeder", role: corpus.RoleParent,
		sentences: []string{"De buren."}, codes: [][]string{{"rel.neighbour=buren"}}}})
	newQ := func() *QDPXWriter {
		q, err := NewQDPX(io.Discard, spec, "x")
		if err != nil {
			t.Fatal(err)
		}
		return q
	}
	for name, tc := range map[string]struct {
		codings []analysis.Coding
		want    string
	}{
		"past the end":   {[]analysis.Coding{{Doc: doc.ID, Code: "rel.neighbour", Start: 5, End: 99}}, "not within the text"},
		"empty span":     {[]analysis.Coding{{Doc: doc.ID, Code: "rel.neighbour", Start: 5, End: 5}}, "not within the text"},
		"other document": {[]analysis.Coding{{Doc: "G2/b.txt", Code: "rel.neighbour", Start: 0, End: 2}}, `belongs to document "G2/b.txt"`},
		"no code":        {[]analysis.Coding{{Doc: doc.ID, Start: 0, End: 2}}, "has no code"},
	} {
		err := newQ().AddDocument(doc, tc.codings)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), doc.ID) {
			t.Errorf("%s: error %v, want one naming %s and saying %q", name, err, doc.ID, tc.want)
		}
	}
	q := newQ()
	if err := q.AddDocument(doc, codings); err != nil {
		t.Fatal(err)
	}
	if err := q.AddDocument(doc, codings); err == nil || !strings.Contains(err.Error(), "added twice") {
		t.Errorf("second add: %v", err)
	}
	bom := *doc
	bom.ID, bom.Text = "G1/bom.txt", "\uFEFF"+doc.Text
	if err := q.AddDocument(&bom, nil); err == nil || !strings.Contains(err.Error(), "byte-order mark") {
		t.Errorf("BOM: %v", err)
	}
	r := &analysis.Results{Corpus: analysis.CorpusSummary{Cases: []analysis.CaseInfo{{ID: "G1", Documents: []string{"G1/a.txt", "G1/missing.txt"}}}}}
	if err := q.Close(r); err == nil || !strings.Contains(err.Error(), "G1/missing.txt") {
		t.Errorf("close with an unknown case document: %v", err)
	}
	if err := q.Close(nil); err == nil {
		t.Error("second Close succeeded")
	}
	if err := q.AddDocument(doc, nil); err == nil {
		t.Error("AddDocument after Close succeeded")
	}
	if _, err := NewQDPX(io.Discard, nil, "x"); err == nil {
		t.Error("NewQDPX without codebook succeeded")
	}
}

func TestQDPXGUID(t *testing.T) {
	// Name-based v5 UUIDs in the URL namespace, computed independently with
	// Python: uuid.uuid5(uuid.NAMESPACE_URL, "urn:pbasis:project:" + key).
	for k, want := range map[string]string{
		"user:pbasis": "aaa4a7d6-709f-5b9a-85ae-e203f799efdc",
		"case:G01":    "7581f013-421b-5bd7-86b1-7a3d48c29807",
	} {
		if got := QDPXGUID(k); got != want {
			t.Errorf("QDPXGUID(%q) = %s, want %s", k, got, want)
		}
	}
	re := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[string]string{}
	for _, k := range []string{"a", "b", "case:G1", "case:G2", ""} {
		g := QDPXGUID(k)
		if !re.MatchString(g) {
			t.Errorf("QDPXGUID(%q) = %q: not a version 5 UUID", k, g)
		}
		if o, dup := seen[g]; dup {
			t.Errorf("QDPXGUID(%q) = QDPXGUID(%q)", k, o)
		}
		seen[g] = k
	}
}

// BenchmarkQDPX writes a project of 1,000 documents with 200 codings each
// (200,000 selections). Run with:
//
//	go test ./reports -run '^$' -bench BenchmarkQDPX -benchtime 3x -benchmem
func BenchmarkQDPX(b *testing.B) {
	spec := fixtureSpec()
	sentence := "Mijn moeder haalt de kinderen op van school en dan gaan ze naar de speeltuin bij de buren."
	codes := [][2]string{{"rel.grandparent", "moeder"}, {"fac.school", "school"}, {"place.playground", "speeltuin"}, {"rel.neighbour", "buren"}}
	const docs, sentences = 1000, 50
	var text strings.Builder
	for i := 0; i < sentences; i++ {
		text.WriteString(sentence + "\n")
	}
	var size int64
	for b.Loop() {
		var cw countWriter
		q, err := NewQDPX(&cw, spec, "bench")
		if err != nil {
			b.Fatal(err)
		}
		for n := 0; n < docs; n++ {
			doc := &corpus.Document{ID: fmt.Sprintf("G%04d/%d.txt", n/2, n), Text: text.String(),
				Meta: corpus.Metadata{Case: fmt.Sprintf("G%04d", n/2), Kind: corpus.KindTranscript}}
			codings := make([]analysis.Coding, 0, sentences*len(codes))
			per := utf8.RuneCountInString(sentence) + 1
			for s := 0; s < sentences; s++ {
				for _, c := range codes {
					i := utf8.RuneCountInString(sentence[:strings.Index(sentence, c[1])])
					codings = append(codings, analysis.Coding{Doc: doc.ID, Code: c[0], Start: s*per + i,
						End: s*per + i + utf8.RuneCountInString(c[1]), Term: c[1], Source: analysis.SourceAuto, Segment: fmt.Sprintf("%s#%d", doc.ID, s+1)})
				}
			}
			if err := q.AddDocument(doc, codings); err != nil {
				b.Fatal(err)
			}
		}
		if err := q.Close(nil); err != nil {
			b.Fatal(err)
		}
		size = cw.n
	}
	b.ReportMetric(float64(size)/(1<<20), "MB")
	b.ReportMetric(float64(docs*sentences*len(codes))*float64(b.N)/b.Elapsed().Seconds(), "selections/s")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
