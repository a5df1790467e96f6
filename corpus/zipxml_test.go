package corpus

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// zipEntry is one file of a test archive.
type zipEntry struct {
	name string
	body string
}

// makeZip builds a deflated zip archive in memory.
func makeZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxXML wraps body content in a WordprocessingML document.
func docxXML(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
		`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">` +
		`<w:body>` + body + `</w:body></w:document>`
}

// minimalDOCX is a .docx holding only word/document.xml with body.
func minimalDOCX(t testing.TB, body string) []byte {
	return makeZip(t, zipEntry{"word/document.xml", docxXML(body)})
}

// wantInputError checks that err is an *InputError for file name wrapping
// sentinel, and that its message contains every string of wantIn.
func wantInputError(t *testing.T, err error, name string, sentinel error, wantIn ...string) *InputError {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", sentinel)
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v (%T) is not an *InputError", err, err)
	}
	if !errors.Is(err, sentinel) {
		t.Errorf("error %q does not wrap %v", err, sentinel)
	}
	if ie.Pos.File != name {
		t.Errorf("error names file %q, want %q", ie.Pos.File, name)
	}
	for _, s := range wantIn {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not contain %q", err, s)
		}
	}
	return ie
}

// checkOutput fails unless every string of a successful Extract is valid
// UTF-8 in NFC without '\r'.
func checkOutput(t *testing.T, ex Extract) {
	t.Helper()
	check := func(what, s string) {
		if !utf8.ValidString(s) {
			t.Fatalf("%s is not valid UTF-8: %q", what, s)
		}
		if !norm.NFC.IsNormalString(s) {
			t.Fatalf("%s is not NFC: %q", what, s)
		}
		if strings.Contains(s, "\r") {
			t.Fatalf("%s contains \\r: %q", what, s)
		}
	}
	check("Text", ex.Text)
	for i, u := range ex.Utterances {
		check("Speaker", u.Speaker)
		check("Time", u.Time)
		check("Text", u.Text)
		if u.Line < 1 {
			t.Fatalf("utterance %d has Line %d", i, u.Line)
		}
	}
}

func TestZipTooManyEntries(t *testing.T) {
	var entries []zipEntry
	for i := 0; i < 12; i++ {
		entries = append(entries, zipEntry{name: "x/" + strings.Repeat("a", i+1), body: "x"})
	}
	entries = append(entries, zipEntry{"word/document.xml", docxXML(`<w:p><w:r><w:t>Hallo</w:t></w:r></w:p>`)})
	data := makeZip(t, entries...)
	_, err := ReadDOCX("veel.docx", data, Limits{MaxZipEntries: 10})
	wantInputError(t, err, "veel.docx", ErrTooLarge, "limits.max_zip_entries = 10", "13 zip entries")
	// Within the limit the same file reads.
	if _, err := ReadDOCX("veel.docx", data, Limits{MaxZipEntries: 13}); err != nil {
		t.Fatalf("13 entries with limit 13: %v", err)
	}
}

// TestZipBomb: a document part that inflates far beyond the limit (10 MiB
// from a few KB) is refused with the limit named, both for docx and odt.
func TestZipBomb(t *testing.T) {
	huge := docxXML(`<w:p><w:r><w:t>` + strings.Repeat("a", 10<<20) + `</w:t></w:r></w:p>`)
	data := makeZip(t, zipEntry{"word/document.xml", huge})
	if len(data) > 100<<10 {
		t.Fatalf("test bomb is %d bytes, want a small file", len(data))
	}
	lim := Limits{MaxUnzippedBytes: 1 << 20, MaxLineBytes: 64 << 20}
	_, err := ReadDOCX("bom.docx", data, lim)
	wantInputError(t, err, "bom.docx", ErrTooLarge, "limits.max_unzipped_bytes = 1048576")

	odt := makeZip(t, zipEntry{"content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>` +
		strings.Repeat("b", 10<<20) + `</text:p></office:text></office:body></office:document-content>`})
	_, err = ReadODT("bom.odt", odt, lim)
	wantInputError(t, err, "bom.odt", ErrTooLarge, "limits.max_unzipped_bytes = 1048576")
}

// rawZip writes one deflated entry whose header claims size as its
// uncompressed size, whatever body really inflates to.
func rawZip(t *testing.T, name, body string, size uint64) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, body)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate,
		CRC32:              crc32.ChecksumIEEE([]byte(body)),
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: size,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// TestZipLyingHeader: a header claiming a huge size is refused before any
// inflating, at the default limit; one claiming a small size while the data
// inflates to more is refused too (never read past the claim).
func TestZipLyingHeader(t *testing.T) {
	body := docxXML(`<w:p><w:r><w:t>Hallo</w:t></w:r></w:p>`)
	_, err := ReadDOCX("groot.docx", rawZip(t, "word/document.xml", body, 1<<40), Limits{})
	wantInputError(t, err, "groot.docx", ErrTooLarge, "limits.max_unzipped_bytes = 536870912")

	big := docxXML(`<w:p><w:r><w:t>` + strings.Repeat("z", 1<<20) + `</w:t></w:r></w:p>`)
	_, err = ReadDOCX("klein.docx", rawZip(t, "word/document.xml", big, 200), Limits{MaxLineBytes: 4 << 20})
	if err == nil {
		t.Fatal("an entry inflating past its declared size was read without error")
	}
	if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
		t.Errorf("got %v, want ErrCorrupt or ErrTooLarge", err)
	}
}

// TestBudgetReader checks the byte budget on its own, without the zip
// reader's own size check: reading exactly the budget is fine, one more byte
// fails, and the budget is shared by all readers of a document.
func TestBudgetReader(t *testing.T) {
	var n int64
	r := &budgetReader{r: strings.NewReader("0123456789"), n: &n, max: 10}
	b, err := io.ReadAll(r)
	if err != nil || string(b) != "0123456789" {
		t.Fatalf("exact budget: got %q, %v", b, err)
	}
	r = &budgetReader{r: strings.NewReader("x"), n: &n, max: 10}
	if _, err := io.ReadAll(r); !errors.Is(err, errOverBudget) {
		t.Fatalf("second reader over the shared budget: got %v, want errOverBudget", err)
	}
	n = 0
	r = &budgetReader{r: strings.NewReader("0123456789AB"), n: &n, max: 10}
	if _, err := io.ReadAll(r); !errors.Is(err, errOverBudget) {
		t.Fatalf("12 bytes through a budget of 10: got %v", err)
	}
}

func TestZipDeepXML(t *testing.T) {
	deep := strings.Repeat(`<w:sdt><w:sdtContent>`, 200) + `<w:p><w:r><w:t>diep</w:t></w:r></w:p>` +
		strings.Repeat(`</w:sdtContent></w:sdt>`, 200)
	data := minimalDOCX(t, deep)
	_, err := ReadDOCX("diep.docx", data, Limits{})
	wantInputError(t, err, "diep.docx", ErrTooLarge, "limits.max_xml_depth = 256")

	// 100 levels (202 elements deep with body and document) are fine.
	ok := strings.Repeat(`<w:sdt><w:sdtContent>`, 100) + `<w:p><w:r><w:t>diep</w:t></w:r></w:p>` +
		strings.Repeat(`</w:sdtContent></w:sdt>`, 100)
	ex, err := ReadDOCX("diep.docx", minimalDOCX(t, ok), Limits{})
	if err != nil || ex.Text != "diep" {
		t.Fatalf("nesting within the limit: got %q, %v", ex.Text, err)
	}
}

// TestZipBillionLaughs: entity declarations are refused; an undeclared
// entity reference is a syntax error; nothing is expanded.
func TestZipBillionLaughs(t *testing.T) {
	lol := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">` +
		`<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
		`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">` +
		`<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`
	_, err := ReadDOCX("lol.docx", makeZip(t, zipEntry{"word/document.xml", lol}), Limits{})
	wantInputError(t, err, "lol.docx", ErrCorrupt, "not allowed")

	noDTD := docxXML(`<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>`)
	_, err = ReadDOCX("lol.docx", makeZip(t, zipEntry{"word/document.xml", noDTD}), Limits{})
	wantInputError(t, err, "lol.docx", ErrCorrupt)

	odt := `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>&a;</text:p></office:text></office:body></office:document-content>`
	_, err = ReadODT("lol.odt", makeZip(t, zipEntry{"content.xml", odt}), Limits{})
	wantInputError(t, err, "lol.odt", ErrCorrupt, "not allowed")
}

func TestZipNotAZip(t *testing.T) {
	_, err := ReadDOCX("tekst.docx", []byte("Moeder: dit is gewoon tekst\n"), Limits{})
	ie := wantInputError(t, err, "tekst.docx", ErrCorrupt)
	if !strings.Contains(ie.Hint, "save as .docx") {
		t.Errorf("hint %q does not say to save as .docx", ie.Hint)
	}
	_, err = ReadODT("tekst.odt", []byte("nee"), Limits{})
	wantInputError(t, err, "tekst.odt", ErrCorrupt)
	// A zip without the document part.
	_, err = ReadDOCX("leeg.docx", makeZip(t, zipEntry{"iets.txt", "x"}), Limits{})
	wantInputError(t, err, "leeg.docx", ErrCorrupt, "word/document.xml")
	_, err = ReadODT("leeg.odt", makeZip(t, zipEntry{"iets.txt", "x"}), Limits{})
	wantInputError(t, err, "leeg.odt", ErrCorrupt, "content.xml")
}

// TestZipOldBinaryWord: an OLE2 compound file (a .doc, or an encrypted
// .docx) is ErrUnsupportedFormat with a hint to save as .docx.
func TestZipOldBinaryWord(t *testing.T) {
	doc := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	_, err := ReadDOCX("oud.docx", doc, Limits{})
	ie := wantInputError(t, err, "oud.docx", ErrUnsupportedFormat)
	if !strings.Contains(ie.Hint, "save as .docx") {
		t.Errorf("hint %q does not say to save as .docx", ie.Hint)
	}
	_, err = ReadXLSX("oud.xlsx", doc, TableColumns{}, Limits{})
	wantInputError(t, err, "oud.xlsx", ErrUnsupportedFormat, "old binary Office")
}

func TestZipFileSizeLimit(t *testing.T) {
	data := minimalDOCX(t, `<w:p><w:r><w:t>Hallo</w:t></w:r></w:p>`)
	_, err := ReadDOCX("a.docx", data, Limits{MaxFileBytes: 100})
	wantInputError(t, err, "a.docx", ErrTooLarge, "limits.max_file_bytes = 100")
}
