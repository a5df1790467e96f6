package corpus

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

// TestReadCSVFixture reads the Windows-1252, ';'-separated export that
// make_fixtures.py wrote (Python's csv in the Excel dialect).
func TestReadCSVFixture(t *testing.T) {
	ex, err := ReadCSV("transcript.csv", readFixture(t, "transcript.csv"), DefaultTableColumns(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, ex)
	want := []Utterance{
		{Speaker: "I", Time: "00:00:05", Text: "Wat betekent het buurthuis voor u?", Line: 2},
		{Speaker: "Moeder", Time: "00:00:12", Text: "We gaan naar het café; daar zijn de financiële spreekuren.", Line: 3},
		// row 4 has no text
		{Speaker: "Vader", Time: "00:00:31", Text: "De juf is erg geïnteresseerd.\nZe belt ons soms op.", Line: 5},
		{Speaker: "I", Time: "", Text: "Dank u, dat is duidelijk.", Line: 6},
	}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("utterances (-want +got):\n%s", diff)
	}
	if ex.Encoding != "windows-1252" {
		t.Errorf("Encoding %q, want windows-1252", ex.Encoding)
	}
	if len(ex.Warnings) != 1 || !strings.Contains(ex.Warnings[0], "skipped 1 row") || !strings.Contains(ex.Warnings[0], "row 4") {
		t.Errorf("warnings %q, want one about skipped row 4", ex.Warnings)
	}
	if !strings.Contains(strings.Join(ex.Steps, "|"), `';'`) {
		t.Errorf("steps %q do not record the ';' delimiter", ex.Steps)
	}
}

func TestReadCSVVariants(t *testing.T) {
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		cols TableColumns
		want []Utterance
	}{
		{"comma, UTF-8 BOM, header case and spaces, no speaker column",
			[]byte("\uFEFF Tijdstip , TEKST ,extra\n00:01,\"Hallo, daar\",x\n"), TableColumns{},
			[]Utterance{{Time: "00:01", Text: "Hallo, daar", Line: 2}}},
		{"tab separated, UTF-16",
			utf16("wie\ttekst\nMoeder\tJa; zeker, altijd.\n"), TableColumns{},
			[]Utterance{{Speaker: "Moeder", Text: "Ja; zeker, altijd.", Line: 2}}},
		{"configured names, short rows, lazy quotes",
			[]byte("Persoon;Zin\nOuder;hij zei \"nee\" toen\nKind\n"), TableColumns{Speaker: []string{"persoon"}, Text: []string{"zin"}},
			[]Utterance{{Speaker: "Ouder", Text: "hij zei \"nee\" toen", Line: 2}}},
		{"blank line counts as a row, NFC",
			[]byte("spreker,tekst\nA,cafe\u0301\n\nB,twee\n"), TableColumns{},
			[]Utterance{{Speaker: "A", Text: "café", Line: 2}, {Speaker: "B", Text: "twee", Line: 4}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := ReadCSV("t.csv", tc.data, tc.cols, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkOutput(t, ex)
			if diff := cmp.Diff(tc.want, ex.Utterances); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]rune{
		"a;b;c\n1,2;3":         ';',
		"a,b,c":                ',',
		"a\tb":                 '\t',
		"tekst":                ',',
		`"a;b","c;d",e`:        ',',
		"spreker;\"tekst, x\"": ';',
	} {
		if got := sniffDelimiter(in); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadCSVNoTextColumn(t *testing.T) {
	_, err := ReadCSV("data/gezin.csv", []byte("Naam;Opmerking\nA;b\n"), TableColumns{}, Limits{})
	ie := wantInputError(t, err, "data/gezin.csv", ErrUnsupportedFormat, `"Naam"`, `"Opmerking"`, "tekst", "transcriptie")
	if ie.Pos.Line != 1 {
		t.Errorf("line %d, want 1", ie.Pos.Line)
	}
}

func TestReadCSVErrors(t *testing.T) {
	_, err := ReadCSV("leeg.csv", nil, TableColumns{}, Limits{})
	wantInputError(t, err, "leeg.csv", ErrEmptyDocument)
	_, err = ReadCSV("kop.csv", []byte("tekst\n\n  \n"), TableColumns{}, Limits{})
	wantInputError(t, err, "kop.csv", ErrEmptyDocument)
	_, err = ReadCSV("lang.csv", []byte("tekst\n"+strings.Repeat("x", 200)+"\n"), TableColumns{}, Limits{MaxLineBytes: 100})
	wantInputError(t, err, "lang.csv", ErrTooLarge, "limits.max_line_bytes = 100")
	_, err = ReadCSV("bin.csv", []byte("tekst\nx\x00y\n"), TableColumns{}, Limits{})
	wantInputError(t, err, "bin.csv", ErrEncoding)
}

// TestReadXLSXFixture reads the openpyxl workbook: the first sheet has no
// usable header, the second has Spreker/Tekst/Tijd with time-typed cells.
func TestReadXLSXFixture(t *testing.T) {
	ex, err := ReadXLSX("transcript.xlsx", readFixture(t, "transcript.xlsx"), DefaultTableColumns(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, ex)
	want := []Utterance{
		{Speaker: "Interviewer", Time: "00:00:05", Text: "Waar spelen de kinderen na school?", Line: 2},
		{Speaker: "Moeder", Time: "00:01:23", Text: "Meestal in het park achter de flat.", Line: 3},
		// row 4: empty text
		{Speaker: "Vader", Time: "01:02:03", Text: "Op zaterdag gaan ze naar de scouting.\nDat vinden ze geweldig.", Line: 5},
		{Speaker: "Kind", Time: "00:03:10", Text: "Ik ga het liefst naar de sporthal.", Line: 6},
	}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("utterances (-want +got):\n%s", diff)
	}
	if len(ex.Warnings) != 1 || !strings.Contains(ex.Warnings[0], "row 4") {
		t.Errorf("warnings %q, want one about row 4", ex.Warnings)
	}
	if ex.Encoding != "zip/xml" || !strings.Contains(strings.Join(ex.Steps, "|"), "Transcript") {
		t.Errorf("Encoding %q steps %q; want zip/xml and the sheet name", ex.Encoding, ex.Steps)
	}
}

// xlsxBytes builds a workbook with excelize: sheets in order, each a list of
// rows starting at row 1.
func xlsxBytes(t *testing.T, sheets map[string][][]any, order ...string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cellName, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cellName, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadXLSXTitleRowAndGaps(t *testing.T) {
	data := xlsxBytes(t, map[string][][]any{
		"Blad": {
			{"Transcript gezin 12"},
			{},
			{"Naam", "Uiting"},
			{"Moeder", "Eerste"},
			{},
			{"Oma", "  Tweede  "},
		},
	}, "Blad")
	ex, err := ReadXLSX("t.xlsx", data, TableColumns{}, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Utterance{{Speaker: "Moeder", Text: "Eerste", Line: 4}, {Speaker: "Oma", Text: "Tweede", Line: 6}}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadXLSXNoHeader(t *testing.T) {
	data := xlsxBytes(t, map[string][][]any{
		"Info":  {{"Project", "Basis"}},
		"Leeg":  {},
		"Codes": {{"Code", "Label"}, {"R1", "buren"}},
	}, "Info", "Leeg", "Codes")
	_, err := ReadXLSX("werk.xlsx", data, TableColumns{}, Limits{})
	wantInputError(t, err, "werk.xlsx", ErrUnsupportedFormat, `sheet "Info"`, `"Project"`, `sheet "Codes"`, "tekst")
}

func TestReadXLSXLimits(t *testing.T) {
	rows := [][]any{{"tekst"}}
	for i := 0; i < 2000; i++ {
		rows = append(rows, []any{strings.Repeat("woord ", 50)})
	}
	data := xlsxBytes(t, map[string][][]any{"Blad": rows}, "Blad")
	_, err := ReadXLSX("groot.xlsx", data, TableColumns{}, Limits{MaxUnzippedBytes: 64 << 10})
	wantInputError(t, err, "groot.xlsx", ErrTooLarge, "limits.max_unzipped_bytes = 65536")

	_, err = ReadXLSX("geen.xlsx", []byte("tekst\nhallo\n"), TableColumns{}, Limits{})
	wantInputError(t, err, "geen.xlsx", ErrCorrupt)
}

func FuzzReadCSV(f *testing.F) {
	f.Add(readFixture(f, "transcript.csv"))
	f.Add([]byte("spreker,tekst,tijd\nA,\"x\n\"\"y\"\"\",1\n\nB,z\n"))
	f.Add([]byte("\xff\xfet\x00e\x00k\x00s\x00t\x00\n\x00a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ReadCSV("f.csv", data, TableColumns{}, Limits{})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			return
		}
		checkOutput(t, ex)
		last := 1
		for _, u := range ex.Utterances {
			if u.Text == "" || u.Line <= last {
				t.Fatalf("bad utterance %+v after line %d", u, last)
			}
			last = u.Line
		}
	})
}
