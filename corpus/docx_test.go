package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// interviewLines is the text that testdata/formats/make_fixtures.py wrote
// into interview.docx (and, through LibreOffice, interview.odt), one
// paragraph, soft line or table row per line.
var interviewLines = []string{
	"Interview gezin 07, wijk Noord",
	"I: Hoe gaat het met de kinderen op school?",
	"Moeder: Goed. Mijn zoon gaat graag naar de voetbalclub.",
	"I: En wie helpt u als het druk is?",
	"Moeder: Mijn zus woont om de hoek.",
	"Zij haalt de kinderen soms van school.",
	"Moeder: De buurvrouw past ook op als ik moet werken.",
	"Vader:\tWe gaan elke week naar het buurthuis in de wijk.",
	"Moeder: Het consultatiebureau was prettig, de verpleegkundige was heel geïnteresseerd in onze financiële zorgen.",
	"Plek | Wie | Hoe vaak",
	"Bibliotheek | Kinderen | Wekelijks",
	"Café de Hoek | Oma | Dagelijks",
	"I: Dank u wel.",
}

// interviewIgnored are words of the header, footer, comment and deleted text
// of the interview fixtures, which must not be read.
var interviewIgnored = []string{"VERTROUWELIJK", "koptekst", "voettekst", "OPMERKING", "VERWIJDERDE"}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadDOCXFixture(t *testing.T) {
	ex, err := ReadDOCX("interview.docx", readFixture(t, "interview.docx"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, ex)
	if diff := cmp.Diff(interviewLines, strings.Split(ex.Text, "\n")); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	for _, w := range interviewIgnored {
		if strings.Contains(ex.Text, w) {
			t.Errorf("text contains %q, which is not body text", w)
		}
	}
	if ex.Encoding != "zip/xml" || ex.FirstLine != 1 || len(ex.Utterances) != 0 {
		t.Errorf("Encoding %q FirstLine %d Utterances %d; want zip/xml, 1, none", ex.Encoding, ex.FirstLine, len(ex.Utterances))
	}
}

func TestReadDOCXMarkup(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"runs and cr",
			`<w:p><w:r><w:t xml:space="preserve">Moeder: ja </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>echt</w:t><w:cr/><w:t>nee</w:t></w:r></w:p>`,
			"Moeder: ja echt\nnee"},
		{"tab stops in paragraph properties are not tabs",
			`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>I:</w:t><w:tab/><w:t>Vraag</w:t></w:r></w:p>`,
			"I:\tVraag"},
		{"field code left out, result kept",
			`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://x.nl" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>de site</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
			"de site"},
		{"moved-from text left out, moved-to kept",
			`<w:p><w:moveFrom w:id="1"><w:r><w:t>weg</w:t></w:r></w:moveFrom><w:moveTo w:id="2"><w:r><w:t>hier</w:t></w:r></w:moveTo></w:p>`,
			"hier"},
		{"empty paragraphs keep their lines",
			`<w:p><w:r><w:t>een</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>twee</w:t></w:r></w:p>`,
			"een\n\ntwee"},
		{"hyperlink and smart tag content",
			`<w:p><w:hyperlink r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>Buurthuis</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t> Noord</w:t></w:r></w:smartTag></w:p>`,
			"Buurthuis Noord"},
		{"table: cell paragraphs joined by a space, breaks too",
			`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Moeder</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Eerste zin.</w:t><w:br/><w:t>Tweede.</w:t></w:r></w:p><w:p><w:r><w:t>Derde.</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>`,
			"Moeder | Eerste zin. Tweede. Derde.\n"},
		{"nested table inside a cell",
			`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
			"A x | y | B"},
		{"text box: its paragraphs after the anchoring paragraph, fallback copy skipped",
			`<w:p><w:r><w:t>Voor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> na</w:t></w:r></w:p>`,
			"Voor na\nIn het kader"},
		{"decomposed letters become NFC",
			"<w:p><w:r><w:t>cafe\u0301 gei\u0308nteresseerd</w:t></w:r></w:p>",
			"café geïnteresseerd"},
		{"text after the body is ignored",
			`<w:p><w:r><w:t>binnen</w:t></w:r></w:p><w:sectPr><w:headerReference w:type="default"/></w:sectPr>`,
			"binnen"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := ReadDOCX("t.docx", minimalDOCX(t, tc.body), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkOutput(t, ex)
			if ex.Text != tc.want {
				t.Errorf("got %q, want %q", ex.Text, tc.want)
			}
		})
	}
}

func TestReadDOCXMainPartFromRels(t *testing.T) {
	rels := `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>`
	data := makeZip(t, zipEntry{"_rels/.rels", rels},
		zipEntry{"word/document2.xml", docxXML(`<w:p><w:r><w:t>Elders</w:t></w:r></w:p>`)})
	ex, err := ReadDOCX("r.docx", data, Limits{})
	if err != nil || ex.Text != "Elders" {
		t.Fatalf("got %q, %v; want %q", ex.Text, err, "Elders")
	}
}

func TestReadDOCXEmpty(t *testing.T) {
	for _, body := range []string{``, `<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>`, `<w:p><w:del><w:r><w:delText>weg</w:delText></w:r></w:del></w:p>`} {
		_, err := ReadDOCX("leeg.docx", minimalDOCX(t, body), Limits{})
		wantInputError(t, err, "leeg.docx", ErrEmptyDocument)
	}
}

func TestReadDOCXLongParagraph(t *testing.T) {
	data := minimalDOCX(t, `<w:p><w:r><w:t>`+strings.Repeat("woord ", 100)+`</w:t></w:r></w:p>`)
	_, err := ReadDOCX("lang.docx", data, Limits{MaxLineBytes: 100})
	wantInputError(t, err, "lang.docx", ErrTooLarge, "limits.max_line_bytes = 100")
}

func TestReadDOCXTruncated(t *testing.T) {
	data := readFixture(t, "interview.docx")
	_, err := ReadDOCX("kapot.docx", data[:len(data)/2], Limits{})
	wantInputError(t, err, "kapot.docx", ErrCorrupt)
	// Broken XML inside a valid zip.
	_, err = ReadDOCX("kapot.docx", makeZip(t, zipEntry{"word/document.xml", docxXML(`<w:p><w:r><w:t>open`)}), Limits{})
	wantInputError(t, err, "kapot.docx", ErrCorrupt)
}

func FuzzReadDOCX(f *testing.F) {
	f.Add(readFixture(f, "interview.docx"))
	f.Add(minimalDOCX(f, `<w:p><w:r><w:t>I: Hoe gaat het?</w:t><w:br/><w:tab/></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ReadDOCX("f.docx", data, Limits{MaxUnzippedBytes: 8 << 20})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			return
		}
		checkOutput(t, ex)
		if strings.TrimSpace(ex.Text) == "" {
			t.Fatal("success with empty text")
		}
	})
}

// BenchmarkReadDOCXLarge reads a generated document of 10,000 paragraphs
// (about 0.9 MB of XML).
func BenchmarkReadDOCXLarge(b *testing.B) {
	var body strings.Builder
	for i := 0; i < 10000; i++ {
		body.WriteString(`<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Moeder: </w:t></w:r><w:r><w:t>we gaan elke week naar het buurthuis.</w:t></w:r></w:p>`)
	}
	data := minimalDOCX(b, body.String())
	b.SetBytes(int64(len(docxXML(body.String()))))
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadDOCX("b.docx", data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
