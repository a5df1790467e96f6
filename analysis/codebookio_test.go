package analysis

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/internal/testutil"
)

// specDiff compares two specs ignoring only positions: File, Line, Column
// and the example lines, which name the file the spec was read from.
func specDiff(a, b *CodebookSpec, opts ...cmp.Option) string {
	opts = append(opts,
		cmpopts.IgnoreFields(CodebookSpec{}, "File"),
		cmpopts.IgnoreFields(CodeSpec{}, "Line", "Column"),
		cmpopts.IgnoreFields(TermSpec{}, "Line", "Column"),
		cmpopts.IgnoreUnexported(CodeSpec{}),
	)
	return cmp.Diff(a, b, opts...)
}

func loadDefaultSpec(tb testing.TB) *CodebookSpec {
	tb.Helper()
	spec, err := LoadCodebook(DefaultCodebookName, DefaultCodebookYAML())
	if err != nil {
		tb.Fatal(err)
	}
	return spec
}

func loadFixture(tb testing.TB, name string) *CodebookSpec {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "codebookio", name))
	if err != nil {
		tb.Fatal(err)
	}
	spec, err := LoadCodebook(name, data)
	if err != nil {
		tb.Fatal(err)
	}
	return spec
}

func allFormats() []string {
	return []string{CodebookFormatYAML, CodebookFormatXLSX, CodebookFormatQDC}
}

// roundTrip writes spec in format and reads it back.
func roundTrip(tb testing.TB, format string, spec *CodebookSpec) (*CodebookSpec, []byte) {
	tb.Helper()
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, format, spec); err != nil {
		tb.Fatalf("write %s: %v", format, err)
	}
	name := "export." + format
	got, err := ReadCodebook(name, bytes.NewReader(buf.Bytes()))
	if err != nil {
		tb.Fatalf("read back %s: %v", format, err)
	}
	if got.File != name {
		tb.Errorf("File = %q, want %q", got.File, name)
	}
	return got, buf.Bytes()
}

func TestRoundTripDefault(t *testing.T) {
	for _, format := range allFormats() {
		t.Run(format, func(t *testing.T) {
			orig := loadDefaultSpec(t)
			got, _ := roundTrip(t, format, orig)
			if d := specDiff(orig, got); d != "" {
				t.Errorf("%s round trip lost data (-orig +read):\n%s", format, d)
			}
			// What was read still compiles and passes its examples.
			cb, err := Compile(got)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(RunExamples(cb)); n != len(RunExamples(mustCompile(t, orig))) {
				t.Errorf("%d example failures after the round trip", n)
			}
		})
	}
}

func mustCompile(tb testing.TB, s *CodebookSpec) *Codebook {
	tb.Helper()
	cb, err := Compile(s)
	if err != nil {
		tb.Fatal(err)
	}
	return cb
}

func TestRoundTripEdgeCases(t *testing.T) {
	for _, format := range allFormats() {
		t.Run(format, func(t *testing.T) {
			orig := loadFixture(t, "edge.yaml")
			// The fixture holds what it means to: a check of the test itself.
			if orig.Codes[0].Definition.NL != "Twee regels,\n  de tweede ingesprongen.\n" || orig.Codes[0].Label.NL != "" {
				t.Fatalf("fixture read as %+v", orig.Codes[0])
			}
			got, _ := roundTrip(t, format, orig)
			if d := specDiff(orig, got); d != "" {
				t.Errorf("%s round trip lost data (-orig +read):\n%s", format, d)
			}
		})
	}
}

func TestRoundTripEmptyCodebook(t *testing.T) {
	orig := &CodebookSpec{ID: "empty", Version: "1", Language: "nl", Title: Text{NL: "Leeg"}}
	for _, format := range allFormats() {
		got, _ := roundTrip(t, format, orig)
		if d := specDiff(orig, got, cmpopts.EquateEmpty()); d != "" {
			t.Errorf("%s: (-orig +read):\n%s", format, d)
		}
	}
}

func TestWriteYAMLCanonical(t *testing.T) {
	orig := loadDefaultSpec(t)
	var a, b bytes.Buffer
	if err := WriteYAML(&a, orig); err != nil {
		t.Fatal(err)
	}
	again, err := LoadCodebook("a.yaml", a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteYAML(&b, again); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("WriteYAML is not stable: second export differs")
	}
	out := a.String()
	for _, want := range []string{
		"\nid: nl\n",
		"\n  - id: rel.family\n    category: relation\n    label: {nl: Familie, en: Extended family}\n",
		"\n      - {term: tante, whole_word: true}\n",
		"\n      - nonkel\n",
		"\n      - {term: mijn zus, roles: [parent]}\n",
		"\n\n  - id: rel.grandparent\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	// Positions point into the new file: the second code is further down.
	if again.Codes[1].Line <= again.Codes[0].Line || again.Codes[0].Terms[0].Line == 0 {
		t.Errorf("positions not recorded: %d %d", again.Codes[0].Line, again.Codes[1].Line)
	}
}

func TestTermCell(t *testing.T) {
	tests := []struct {
		cell string
		want TermSpec
		back string // FormatTermCell of want; "" means cell itself
	}{
		{"buurvrouw", TermSpec{Term: "buurvrouw"}, ""},
		{"  m'n zus  ", TermSpec{Term: "m'n zus"}, "m'n zus"},
		{"oom {whole_word}", TermSpec{Term: "oom", WholeWord: true}, ""},
		{"cb{exact}", TermSpec{Term: "cb", Exact: true}, "cb {exact}"},
		{"mijn moeder {roles=parent}", TermSpec{Term: "mijn moeder", Roles: []string{"parent"}}, ""},
		{"opvang { only_near = kind ,EXACT, roles=parent | child, unless_near=steun|niet meer, whole_word }",
			TermSpec{Term: "opvang", WholeWord: true, Exact: true, Roles: []string{"parent", "child"},
				UnlessNear: []string{"steun", "niet meer"}, OnlyNear: []string{"kind"}},
			"opvang {whole_word, exact, roles=parent|child, unless_near=steun|niet meer, only_near=kind}"},
		{"x {}", TermSpec{Term: "x"}, "x"},
	}
	for _, tc := range tests {
		got, err := ParseTermCell(tc.cell)
		if err != nil {
			t.Errorf("ParseTermCell(%q): %v", tc.cell, err)
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("ParseTermCell(%q) (-want +got):\n%s", tc.cell, d)
		}
		back := tc.back
		if back == "" {
			back = tc.cell
		}
		if s, err := FormatTermCell(tc.want); err != nil || s != back {
			t.Errorf("FormatTermCell(%+v) = %q, %v; want %q", tc.want, s, err, back)
		}
	}
	for _, bad := range []struct{ cell, want string }{
		{"oom {wholeword}", `unknown option "wholeword"`},
		{"oom {roles}", "needs values"},
		{"oom {exact=yes}", "takes no value"},
		{"oom {roles=a||b}", "empty item"},
		{"oom {exact, exact}", "given twice"},
		{"{exact}", "options without a term"},
		{"oom}", "without"},
		{"o{o}m", "brace"},
		{"a {b} {exact}", "brace"},
	} {
		if _, err := ParseTermCell(bad.cell); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ParseTermCell(%q) = %v, want error with %q", bad.cell, err, bad.want)
		}
	}
	for _, bad := range []TermSpec{
		{Term: ""}, {Term: " x"}, {Term: "a\nb"}, {Term: "a{b"},
		{Term: "x", Roles: []string{"a|b"}}, {Term: "x", UnlessNear: []string{"a,b"}}, {Term: "x", OnlyNear: []string{""}},
	} {
		if s, err := FormatTermCell(bad); err == nil {
			t.Errorf("FormatTermCell(%+v) = %q, want an error", bad, s)
		}
	}
}

func TestWriteXLSXRefuses(t *testing.T) {
	spec := &CodebookSpec{ID: "x", Codes: []CodeSpec{
		{ID: "a", Category: CatPlace, Label: Text{NL: "A"}, Terms: []TermSpec{{Term: "park"}}},
		{ID: "b", Category: CatPlace, Label: Text{NL: "B"}, Examples: []string{"Twee\nregels."}},
	}}
	err := WriteXLSX(&bytes.Buffer{}, spec)
	if err == nil || !strings.Contains(err.Error(), `code "b" (row 3)`) || !strings.Contains(err.Error(), "line break") {
		t.Errorf("err = %v, want one naming code b, row 3 and the line break", err)
	}
}

func TestXLSXLayout(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, loadDefaultSpec(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !cmp.Equal(got, []string{"Codebook", "Info", "Help"}) {
		t.Errorf("sheets %v", got)
	}
	panes, err := f.GetPanes("Codebook")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	dvs, err := f.GetDataValidations("Codebook")
	if err != nil || len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, "B2:") ||
		!strings.Contains(dvs[0].Formula1, "relation,place,facility,quality,formal_help,strain") {
		t.Errorf("category drop-down: %v %v", dvs, err)
	}
	if v, _ := f.GetCellValue("Codebook", "I1"); v != "terms" {
		t.Errorf("I1 = %q, want terms", v)
	}
	// rel.family is the first code: row 2. Its terms, one per line.
	v, _ := f.GetCellValue("Codebook", "I2")
	if !strings.HasPrefix(v, "tante {whole_word}\noom {whole_word}\nome {whole_word}\nnonkel\n") ||
		!strings.Contains(v, "\nmijn zus {roles=parent}\n") {
		t.Errorf("I2 = %q", v)
	}
	if v, _ := f.GetCellValue("Info", "B2"); v != "nl" {
		t.Errorf("Info!B2 = %q, want the id nl", v)
	}
	st, _ := f.GetCellStyle("Codebook", "F2")
	style, err := f.GetStyle(st)
	if err != nil || style.Alignment == nil || !style.Alignment.WrapText {
		t.Errorf("definition cell does not wrap: %+v %v", style, err)
	}
}

// newWorkbook builds a workbook by hand, as a researcher might.
func newWorkbook(t *testing.T, sheets map[string][][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for name, rows := range sheets {
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellStr(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSXEdited(t *testing.T) {
	info := [][]string{{"Field", "Value"}, {"ID", "mijn"}, {"version", "3"}, {"language", "nl"}, {"title_nl", "Mijn codeboek"}}
	data := newWorkbook(t, map[string][][]string{
		"codebook": {
			{"Terms", " category ", "id", "label_nl", "near_window", "examples", "Exclude"},
			{"speeltuin\r\n\r\n  pleintje {whole_word}  \n", "place", " place.play ", "Speelplek", "8", "De speeltuin.\nHet pleintje.", "speeltuinbeleid"},
			{},
			{"juf {roles=child|parent}", "relation", "rel.teacher", "Leerkracht", "", "", ""},
		},
		"Info":  info,
		"Notes": {{"anything"}},
	})
	got, err := ReadXLSX("mijn.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	want := &CodebookSpec{ID: "mijn", Version: "3", Language: "nl", Title: Text{NL: "Mijn codeboek"}, Codes: []CodeSpec{
		{ID: "place.play", Category: CatPlace, Label: Text{NL: "Speelplek"}, NearWindow: 8,
			Terms:    []TermSpec{{Term: "speeltuin"}, {Term: "pleintje", WholeWord: true}},
			Exclude:  []string{"speeltuinbeleid"},
			Examples: []string{"De speeltuin.", "Het pleintje."}},
		{ID: "rel.teacher", Category: CatRelation, Label: Text{NL: "Leerkracht"},
			Terms: []TermSpec{{Term: "juf", Roles: []string{"child", "parent"}}}},
	}}
	if d := specDiff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if got.File != "mijn.xlsx" || got.Codes[1].Line != 4 || got.Codes[0].Terms[1].Column != 1 || got.Codes[0].exampleLines[1] != 2 {
		t.Errorf("positions: file %q, row %d, term column %d, example rows %v", got.File, got.Codes[1].Line,
			got.Codes[0].Terms[1].Column, got.Codes[0].exampleLines)
	}
}

func TestReadXLSXErrors(t *testing.T) {
	info := [][]string{{"field", "value"}, {"id", "x"}}
	header := []string{"id", "category", "label_nl", "terms", "near_window"}
	tests := []struct {
		name   string
		sheets map[string][][]string
		want   string
	}{
		{"bad term option", map[string][][]string{"Codebook": {header, {"a", "place", "A", "park"}, {"b", "place", "B", "plein\nveld {wholeword}"}}, "Info": info},
			`x.xlsx: Codebook!D3: term "veld": unknown option "wholeword"`},
		{"bad near window", map[string][][]string{"Codebook": {header, {"a", "place", "A", "park", "twaalf"}}, "Info": info},
			`x.xlsx: Codebook!E2: near_window "twaalf" is not a whole number`},
		{"unknown column", map[string][][]string{"Codebook": {{"id", "colour"}}, "Info": info},
			`x.xlsx: Codebook!B1: unknown column "colour"`},
		{"duplicate column", map[string][][]string{"Codebook": {{"id", "terms", "id"}}, "Info": info},
			`x.xlsx: Codebook!C1: column "id" given twice (also in column A)`},
		{"no id column", map[string][][]string{"Codebook": {{"terms"}}, "Info": info}, "no id column"},
		{"value without header", map[string][][]string{"Codebook": {{"id", "", "terms"}, {"a", "oops", "park"}}, "Info": info},
			`x.xlsx: Codebook!B2: value in a column without a header`},
		{"no info", map[string][][]string{"Codebook": {header}}, `x.xlsx: no sheet "Info"`},
		{"unknown info field", map[string][][]string{"Codebook": {header}, "Info": {{"id", "x"}, {"titel", "y"}}},
			`x.xlsx: Info!A2: unknown field "titel"`},
		{"info third column", map[string][][]string{"Codebook": {header}, "Info": {{"id", "x", "z"}}},
			`x.xlsx: Info!C1: unexpected value`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadXLSX("x.xlsx", bytes.NewReader(newWorkbook(t, tc.sheets)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := ReadXLSX("x.xlsx", strings.NewReader("not a zip")); err == nil || !strings.HasPrefix(err.Error(), "x.xlsx: ") {
		t.Errorf("garbage: err = %v", err)
	}
}

// Validation problems of a workbook point at its rows.
func TestReadXLSXValidateRows(t *testing.T) {
	data := newWorkbook(t, map[string][][]string{
		"Codebook": {{"id", "category", "label_nl", "label_en", "terms"}, {"a", "place", "A", "A", "park"}, {"b", "plek", "B", "B", "plein"}},
		"Info":     {{"id", "x"}},
	})
	spec, err := ReadXLSX("x.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	ps := spec.Validate()
	if len(ps) != 1 || ps[0].Line != 3 || !strings.HasPrefix(ps[0].String(), `x.xlsx:3:1: code "b": unknown category "plek"`) {
		t.Errorf("problems %v", ps)
	}
}

func TestQDCGUID(t *testing.T) {
	// Expected values from Python: uuid.uuid5(uuid.NAMESPACE_URL, "urn:pbasis:codebook:nl:" + key).
	for key, want := range map[string]string{
		"code:rel.family":   "acf2ae1d-1d24-5ead-be23-bb0d6f5b5e26",
		"category:relation": "9169699a-8203-5397-a895-6320c6ae99f5",
		"set":               "86165534-d2c5-5ef6-8e73-327249531104",
	} {
		if got := QDCGUID("nl", key); got != want {
			t.Errorf("QDCGUID(nl, %s) = %s, want %s", key, got, want)
		}
	}
}

func TestWriteQDCShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteQDC(&buf, loadDefaultSpec(t)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"`,
		`<Code guid="9169699a-8203-5397-a895-6320c6ae99f5" name="relatie" isCodable="false">`,
		`<Code guid="acf2ae1d-1d24-5ead-be23-bb0d6f5b5e26" name="Familie" isCodable="true" color="#1F4E79">`,
		"<Description>Familieleden rond het gezin:",
		"\n\n--- pbasis ---\nid: rel.family\ncategory: relation\n",
		`name="Pedagogische basis (standaard codeboek)"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q", want)
		}
	}
	// fac.school.primary nests inside fac.school.
	school := strings.Index(out, `name="School"`)
	primary := strings.Index(out, "id: fac.school.primary\n")
	end := strings.Index(out[school:], "\n      </Code>") // School closes at its own depth
	if school < 0 || primary < school || end < 0 || primary > school+end {
		t.Errorf("fac.school.primary not nested in fac.school (at %d, %d, %d)", school, primary, end)
	}
	if n := len(regexp.MustCompile(`isCodable="true"`).FindAllString(out, -1)); n != len(loadDefaultSpec(t).Codes) {
		t.Errorf("%d codable codes, want one per code", n)
	}
	// A bad codebook is refused, naming the code.
	bad := &CodebookSpec{ID: "x", Codes: []CodeSpec{{ID: "a", Category: CatPlace, Parent: "nope"}}}
	if err := WriteQDC(&bytes.Buffer{}, bad); err == nil || !strings.Contains(err.Error(), `code "a": unknown parent "nope"`) {
		t.Errorf("unknown parent: %v", err)
	}
	cyc := &CodebookSpec{ID: "x", Codes: []CodeSpec{{ID: "a", Category: CatPlace, Parent: "b"}, {ID: "b", Category: CatPlace, Parent: "a"}}}
	if err := WriteQDC(&bytes.Buffer{}, cyc); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cycle: %v", err)
	}
	ctl := &CodebookSpec{ID: "x", Codes: []CodeSpec{{ID: "a", Category: CatPlace, Definition: Text{NL: "bel\x07"}}}}
	if err := WriteQDC(&bytes.Buffer{}, ctl); err == nil || !strings.Contains(err.Error(), `code "a"`) {
		t.Errorf("control character: %v", err)
	}
}

// TestQDCSchema validates exports against the REFI-QDA codebook schema.
func TestQDCSchema(t *testing.T) {
	shared := testutil.SharedDir(t)
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint missing under CI: install libxml2-utils")
		}
		t.Skip("xmllint missing: apt-get install -y libxml2-utils to run this test")
	}
	xsd := filepath.Join(shared, "refi-qda", "Codebook-mrt2019.xsd")
	dir := t.TempDir()
	specs := map[string]*CodebookSpec{
		"default": loadDefaultSpec(t),
		"edge":    loadFixture(t, "edge.yaml"),
		"empty":   {ID: "empty"},
	}
	for name, spec := range specs {
		var buf bytes.Buffer
		if err := WriteQDC(&buf, spec); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name+".qdc")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, file).CombinedOutput()
		if err != nil {
			t.Errorf("%s: xmllint: %v\n%s", name, err, out)
		}
	}
	// The check can fail: a code without its required attribute does.
	broken := filepath.Join(dir, "broken.qdc")
	os.WriteFile(broken, []byte(`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="a"/></Codes></CodeBook>`), 0o644)
	if out, err := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, broken).CombinedOutput(); err == nil {
		t.Errorf("xmllint accepted an invalid codebook:\n%s", out)
	}
}

func TestReadQDCForeign(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "codebookio", "foreign.qdc"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadQDC("foreign.qdc", f)
	if err != nil {
		t.Fatal(err)
	}
	want := &CodebookSpec{ID: "foreign", Language: "nl", Title: Text{NL: "foreign"}, Codes: []CodeSpec{
		{ID: "rel.buren", Category: CatRelation, Color: "#33cc33", Label: Text{NL: "Buren"},
			Definition: Text{NL: "Mentions of neighbours & people on the street."}},
		{ID: "rel.buren.oma_opa", Category: CatRelation, Parent: "rel.buren", Label: Text{NL: "Oma & opa"}},
		{ID: "rel.buren_2", Category: CatRelation, Label: Text{NL: "Buren"}},
		{ID: "help.wijkteam_sociaal", Category: CatFormalHelp, Color: "#C00000", Label: Text{NL: "Wijkteam (sociaal)"},
			Definition: Text{NL: "Het wijkteam of sociaal team.\nTweede regel."}},
	}}
	if d := specDiff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if got.Codes[0].Line != 7 {
		t.Errorf("code Buren at line %d, want 7", got.Codes[0].Line)
	}
	// Imported codes have no terms: warnings, but no errors.
	for _, p := range got.Validate() {
		if p.Severity == SeverityError {
			t.Errorf("validate: %v", p)
		}
	}
}

func TestReadQDCSharedExample(t *testing.T) {
	shared := testutil.SharedDir(t)
	f, err := os.Open(filepath.Join(shared, "refi-qda", "examples", "codebook.qdc"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadQDC("codebook.qdc", f)
	if err != nil {
		t.Fatal(err)
	}
	// "Pedagogische relaties" is a folder of relations; "buren" is in it.
	want := []CodeSpec{{ID: "rel.buren", Category: CatRelation, Color: "#33cc33", Label: Text{NL: "buren"},
		Definition: Text{NL: "Mentions of neighbours"}}}
	if d := cmp.Diff(want, got.Codes, cmpopts.IgnoreFields(CodeSpec{}, "Line", "Column"), cmpopts.IgnoreUnexported(CodeSpec{})); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestReadQDCErrors(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "codebookio", "foreign_bad.qdc"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadQDC("bad.qdc", bytes.NewReader(data))
	if err == nil || !strings.Contains(err.Error(), `bad.qdc:6: code "Thema's": cannot tell its category`) ||
		!strings.Contains(err.Error(), "move it into such a folder") {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(err.Error(), "speeltuin") {
		t.Errorf("the code in folder plek should be fine: %v", err)
	}
	tests := []struct{ name, xml, want string }{
		{"project", `<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>`, "x.qdc:1: root element is <Project>"},
		{"namespace", `<CodeBook><Codes/></CodeBook>`, `namespace ""`},
		{"syntax", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\">\n<Codes>\n</CodeBook>", "x.qdc:3: XML:"},
		{"empty", "", "x.qdc: empty file"},
		{"bad block", "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<Code guid=\"a\" name=\"n\" isCodable=\"true\"><Description>d\n\n--- pbasis ---\nid: a\nfoo: 1\n</Description></Code></Codes></CodeBook>",
			`x.qdc:2: code "n": the block after "--- pbasis ---" in its description is not valid`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadQDC("x.qdc", strings.NewReader(tc.xml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestCodebookFormat(t *testing.T) {
	for file, want := range map[string]string{"a.yaml": "yaml", "b.YML": "yaml", "c.xlsx": "xlsx", "d.QDC": "qdc"} {
		if got, err := CodebookFormat(file); err != nil || got != want {
			t.Errorf("CodebookFormat(%s) = %q, %v", file, got, err)
		}
	}
	if _, err := CodebookFormat("e.json"); !errors.Is(err, ErrCodebookFormat) || !strings.HasPrefix(err.Error(), "e.json: ") {
		t.Errorf("json: %v", err)
	}
	if _, err := ReadCodebook("e.csv", strings.NewReader("")); !errors.Is(err, ErrCodebookFormat) {
		t.Errorf("ReadCodebook csv: %v", err)
	}
	if err := WriteCodebook(&bytes.Buffer{}, "csv", &CodebookSpec{}); !errors.Is(err, ErrCodebookFormat) {
		t.Errorf("WriteCodebook csv: %v", err)
	}
}

// fuzzSeeds are the codebook fixtures, as YAML.
func fuzzSeeds(tb testing.TB) [][]byte {
	var out [][]byte
	for _, p := range []string{"testdata/codebooks/mini.yaml", "testdata/codebooks/invalid.yaml", "testdata/codebookio/edge.yaml"} {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// FuzzYAMLRoundTrip: whatever LoadCodebook reads, WriteYAML writes so that
// LoadCodebook reads it back equal.
func FuzzYAMLRoundTrip(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := LoadCodebook("f.yaml", data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteYAML(&buf, spec); err != nil {
			t.Fatalf("WriteYAML: %v", err)
		}
		back, err := LoadCodebook("g.yaml", buf.Bytes())
		if err != nil {
			t.Fatalf("export does not load: %v\n%s", err, buf.Bytes())
		}
		if d := specDiff(spec, back, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("YAML round trip (-in +out):\n%s", d)
		}
	})
}

// FuzzReadQDC: ReadQDC never panics, names the file in errors, and what it
// reads survives WriteQDC and ReadQDC again.
func FuzzReadQDC(f *testing.F) {
	for _, name := range []string{"foreign.qdc", "foreign_bad.qdc"} {
		data, err := os.ReadFile(filepath.Join("testdata", "codebookio", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range fuzzSeeds(f) {
		spec, err := LoadCodebook("s.yaml", s)
		if err != nil {
			f.Fatal(err)
		}
		var buf bytes.Buffer
		if WriteQDC(&buf, spec) == nil {
			f.Add(buf.Bytes())
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := ReadQDC("f.qdc", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.qdc") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		_ = spec.Validate()
		var buf bytes.Buffer
		if err := WriteQDC(&buf, spec); err != nil {
			return // e.g. an unknown parent in a pbasis block
		}
		back, err := ReadQDC("g.qdc", bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("export does not read back: %v\n%s", err, buf.Bytes())
		}
		if d := specDiff(spec, back, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("QDC round trip (-in +out):\n%s", d)
		}
	})
}

// FuzzTermCell: a cell line that parses formats back to a line that parses
// to the same term.
func FuzzTermCell(f *testing.F) {
	for _, s := range []string{"oom {whole_word}", "opvang {exact, roles=parent|child, unless_near=a|b, only_near=c}", "x {}", "a}{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		ts, err := ParseTermCell(line)
		if err != nil {
			return
		}
		s, err := FormatTermCell(ts)
		if err != nil {
			return // e.g. an empty term or a control character
		}
		back, err := ParseTermCell(s)
		if err != nil {
			t.Fatalf("%q -> %q: %v", line, s, err)
		}
		if d := cmp.Diff(ts, back, cmpopts.EquateEmpty()); d != "" {
			t.Fatalf("%q -> %q: (-first +second)\n%s", line, s, d)
		}
	})
}
