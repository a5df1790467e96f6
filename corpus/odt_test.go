package corpus

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// odtXML wraps office:text content in an OpenDocument content.xml.
func odtXML(text string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` +
		`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
		`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
		`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
		`xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/">` +
		`<office:body><office:text>` + text + `</office:text></office:body></office:document-content>`
}

func minimalODT(t testing.TB, text string) []byte {
	return makeZip(t, zipEntry{"mimetype", "application/vnd.oasis.opendocument.text"},
		zipEntry{"content.xml", odtXML(text)})
}

// TestReadODTFixture reads the LibreOffice conversion of interview.docx: the
// same lines, with LibreOffice's annotation and tracked-changes markup.
func TestReadODTFixture(t *testing.T) {
	ex, err := ReadODT("interview.odt", readFixture(t, "interview.odt"), Limits{})
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
	if ex.Encoding != "zip/xml" {
		t.Errorf("Encoding %q, want zip/xml", ex.Encoding)
	}
}

func TestReadODTMarkup(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"spaces: text:s counts, other white space collapses",
			"<text:p>\n   Moeder:<text:s text:c=\"3\"/>ja   hoor\n\techt</text:p>",
			"Moeder:   ja hoor echt"},
		{"heading, span, line break, tab",
			`<text:h text:outline-level="1">Kop</text:h><text:p><text:span>I:</text:span><text:tab/>vraag<text:line-break/> vervolg</text:p>`,
			"Kop\nI:\tvraag\nvervolg"},
		{"lists give one line per item",
			`<text:list><text:list-item><text:p>een</text:p></text:list-item><text:list-item><text:p>twee</text:p><text:list><text:list-item><text:p>drie</text:p></text:list-item></text:list></text:list-item></text:list>`,
			"een\ntwee\ndrie"},
		{"annotation and note left out",
			`<text:p>De buurt<office:annotation><dc:creator>X</dc:creator><text:p>COMMENTAAR</text:p></office:annotation> is fijn<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>VOETNOOT</text:p></text:note-body></text:note>.</text:p>`,
			"De buurt is fijn."},
		{"table rows, covered cells skipped",
			`<table:table><table:table-column table:number-columns-repeated="2"/><table:table-header-rows><table:table-row><table:table-cell><text:p>Wie</text:p></table:table-cell><table:table-cell><text:p>Wat</text:p></table:table-cell></table:table-row></table:table-header-rows><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Samen</text:p><text:p>twee regels</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>`,
			"Wie | Wat\nSamen twee regels"},
		{"text box in a paragraph",
			`<text:p>Voor<draw:frame><draw:text-box><text:p>kader</text:p></draw:text-box></draw:frame> na</text:p>`,
			"Voor na\nkader"},
		{"forged huge space count is capped and hits the line limit",
			`<text:p>a<text:s text:c="999999999"/>b</text:p>`,
			"error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := ReadODT("t.odt", minimalODT(t, tc.body), Limits{MaxLineBytes: 1 << 10})
			if tc.want == "error" {
				wantInputError(t, err, "t.odt", ErrTooLarge, "limits.max_line_bytes")
				return
			}
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

func TestReadODTWrongType(t *testing.T) {
	data := makeZip(t, zipEntry{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
		zipEntry{"content.xml", odtXML(`<text:p>x</text:p>`)})
	_, err := ReadODT("blad.odt", data, Limits{})
	wantInputError(t, err, "blad.odt", ErrUnsupportedFormat, "spreadsheet")
}

func TestReadODTEmpty(t *testing.T) {
	_, err := ReadODT("leeg.odt", minimalODT(t, `<text:p/><text:p>  </text:p>`), Limits{})
	wantInputError(t, err, "leeg.odt", ErrEmptyDocument)
}

func FuzzReadODT(f *testing.F) {
	f.Add(readFixture(f, "interview.odt"))
	f.Add(minimalODT(f, `<text:p>Moeder:<text:s text:c="2"/>ja<text:line-break/><text:tab/></text:p><table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row></table:table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ReadODT("f.odt", data, Limits{MaxUnzippedBytes: 8 << 20})
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
