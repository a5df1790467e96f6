package corpus

import (
	"errors"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// Fuzz targets for the parsers that had none: the speaker-turn parser, the
// whole Build step, front matter (ReadText), the metadata sheet and the
// xlsx utterance table. Their seeds are below and in testdata/fuzz/<Target>/;
// "go test" runs the seeds, scripts/fuzz runs each target for a set time.

// FuzzSplitTurns checks that the turn parser returns turns in text order,
// inside the text, that do not overlap and whose body follows the label,
// and the turns of its plain form (splitTurnsRef).
func FuzzSplitTurns(f *testing.F) {
	f.Add("I: Hoe gaat het?\nR: Goed, de buurvrouw helpt.\n\nI: En school?\nR: Ja.")
	f.Add("[00:01:23] Moeder: we gaan naar het park\nvervolg zonder label\n\nKind (9): ik niet")
	f.Add("Titel van het gesprek\n\nEen alinea zonder sprekers.\n\n\nNog een.")
	f.Add("**Moeder:** ja\n**Vader:** nee\nSPREKER 3: ik\n: leeg label\nx:y")
	f.Add("")
	f.Add("\n\n\n")
	f.Add("I:\nR:\n")
	f.Fuzz(func(t *testing.T, text string) {
		known := func(l string) bool { return l == "i" || l == "r" }
		turns := splitTurns(text, known)
		if want := splitTurnsRef(text, known); !slices.Equal(turns, want) {
			t.Fatalf("splitTurns %+v\nsplitTurnsRef %+v", turns, want)
		}
		prevEnd := -1
		for i, tr := range turns {
			if !(0 <= tr.start && tr.start <= tr.body && tr.body <= len(text) && tr.end <= len(text)) {
				t.Fatalf("turn %d: bad offsets start %d body %d end %d in %d bytes", i, tr.start, tr.body, tr.end, len(text))
			}
			if tr.end < tr.body {
				t.Fatalf("turn %d: end %d before body %d", i, tr.end, tr.body)
			}
			if tr.start < prevEnd {
				t.Fatalf("turn %d starts at %d inside the previous turn (ends %d)", i, tr.start, prevEnd)
			}
			prevEnd = tr.end
			if tr.speaker != "" && !strings.Contains(text[tr.start:tr.body], tr.speaker) {
				t.Fatalf("turn %d: label %q not in its label part %q", i, tr.speaker, text[tr.start:tr.body])
			}
			if tr.start > 0 && text[tr.start-1] != '\n' {
				t.Fatalf("turn %d does not start at a line start (offset %d)", i, tr.start)
			}
		}
	})
}

// FuzzBuild runs the whole layout step (turns, roles, voices, segments) on
// arbitrary text and utterances, in every segment unit, and checks the
// contracts of types.go: spans are code-point ranges of Text, a segment's
// Text is exactly its span, segments are in order, inside their turn, and
// numbered from 1.
func FuzzBuild(f *testing.F) {
	f.Add("I: Hoe gaat het met de buren?\nR: Goed. De buurvrouw helpt. Echt waar!\n", "", "", uint8(0), false)
	f.Add("Moeder (Fatima): ja... nee? 't Is zo.\n\nVader: Mr. Jansen e.d. zijn er ook.\n", "", "", uint8(1), false)
	f.Add("", "Moeder", "we gaan naar het buurthuis,\nelke week.", uint8(0), true)
	f.Add("Notitie: huisbezoek.\n\nMoeder vertelt over de opvang.", "", "", uint8(2), false)
	f.Add("ëen café — “citaat”\u00a0en\ttab 😀 emoji.", "Kind", "😀😀. Ja!", uint8(0), true)
	f.Fuzz(func(t *testing.T, text, speaker, utter string, unit uint8, utterances bool) {
		if !utf8.ValidString(text) || !utf8.ValidString(speaker) || !utf8.ValidString(utter) {
			return // readers hand Build valid UTF-8 only
		}
		o := DefaultOptions()
		o.Unit = []string{UnitSentence, UnitTurn, UnitParagraph}[int(unit)%3]
		ex := Extract{Text: text, FirstLine: 1}
		if utterances {
			ex = Extract{FirstLine: 1, Utterances: []Utterance{{Speaker: speaker, Text: utter, Line: 2, Time: "00:00:01"}, {Text: text, Line: 3}}}
		}
		meta := Metadata{Case: "G01", Kind: KindTranscript, Source: map[string]string{}, Extra: map[string]string{}}
		if unit&4 != 0 {
			meta.Kind = KindNotes
		}
		doc, err := Build("f.txt", "txt", ex, meta, o)
		if err != nil {
			return
		}
		runes := []rune(doc.Text)
		n := len(runes)
		inside := func(what string, s Span) {
			if s.Start < 0 || s.End < s.Start || s.End > n {
				t.Fatalf("%s span %+v outside text of %d code points", what, s, n)
			}
		}
		for i, tr := range doc.Turns {
			inside("turn", tr.Span)
			inside("turn body", tr.Body)
			if tr.Index != i || tr.Body.Start < tr.Span.Start || tr.Body.End > tr.Span.End {
				t.Fatalf("turn %d: index %d span %+v body %+v", i, tr.Index, tr.Span, tr.Body)
			}
			if meta.Kind == KindNotes && tr.Voice != VoiceNotes {
				t.Fatalf("turn %d of notes has voice %q", i, tr.Voice)
			}
		}
		prev := 0
		for i, s := range doc.Segments {
			inside("segment", s.Span)
			if s.N != i+1 || s.Turn < 0 || s.Turn >= len(doc.Turns) {
				t.Fatalf("segment %d: N %d turn %d of %d", i, s.N, s.Turn, len(doc.Turns))
			}
			if s.Span.Start < prev {
				t.Fatalf("segment %d starts at %d before the previous end %d", i, s.Span.Start, prev)
			}
			prev = s.Span.End
			if got := string(runes[s.Span.Start:s.Span.End]); got != s.Text {
				t.Fatalf("segment %d text %q is not Text[%d:%d] %q", i, s.Text, s.Span.Start, s.Span.End, got)
			}
			if b := doc.Turns[s.Turn].Body; s.Span.Start < b.Start || s.Span.End > b.End {
				t.Fatalf("segment %d %+v outside its turn body %+v", i, s.Span, b)
			}
			if strings.TrimSpace(s.Text) == "" {
				t.Fatalf("segment %d is blank", i)
			}
		}
	})
}

// FuzzReadText checks decoding and front matter: errors are *InputError
// values; success gives clean text and a first line after the front matter.
func FuzzReadText(f *testing.F) {
	f.Add([]byte("---\ncase: G01\nwave: 2\nspeakers:\n  I: interviewer\n---\nI: Hallo\n"))
	f.Add([]byte("---\ncase: [unclosed\n---\ntekst\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: x\r\n...\r\nR: caf\xe9\r\n"))
	f.Add([]byte("---\na: &a [1,2]\nb: *a\nc: {x: {y: {z: 1}}}\n---\nI: x"))
	f.Add([]byte("\xff\xfeI\x00:\x00 \x00j\x00a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ReadText("f.md", data, Limits{MaxLineBytes: 4096})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Pos.File != "f.md" {
				t.Fatalf("error %v is not an *InputError naming f.md", err)
			}
			return
		}
		checkOutput(t, ex)
		if strings.TrimSpace(ex.Text) == "" || ex.FirstLine < 1 {
			t.Fatalf("success with empty text or FirstLine %d", ex.FirstLine)
		}
		for k, v := range ex.Front {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Fatalf("front matter %q: %q is not UTF-8", k, v)
			}
		}
	})
}

// FuzzReadSheetCSV reads arbitrary bytes as metadata.csv through ReadSheet:
// every error names the sheet (each part of a joined error), and every row
// is keyed by a cleaned path with '/'.
func FuzzReadSheetCSV(f *testing.F) {
	f.Add([]byte("file,case,kind,wijk,wave,date,speakers,gezin\nG01/a.txt,G01,transcript,Oost,1,2024-01-02,I=interviewer;R=parent,eenouder\n"))
	f.Add([]byte("\xef\xbb\xbffile;case;kind\r\n\"a\\b.txt\";\"G 02\";notes\r\n;;\r\n"))
	f.Add([]byte("file,file\nx,y\n"))
	f.Add([]byte("case,kind\nG01,transcript\n"))
	f.Add([]byte("file,case,speakers,kind\n../../etc/passwd,CON,I=nobody,verslag\na.txt,,x\na.txt,,\n"))
	f.Add([]byte("file\n\"open"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheet, err := ReadSheet(fstest.MapFS{"metadata.csv": {Data: data}}, Limits{})
		if err != nil {
			for _, e := range unjoinErr(err) {
				var ie *InputError
				if !errors.As(e, &ie) || ie.Pos.File != "metadata.csv" {
					t.Fatalf("error %v does not name metadata.csv", e)
				}
			}
		}
		if sheet == nil {
			return
		}
		for file, row := range sheet.Rows {
			if file != path.Clean(file) || strings.Contains(file, "\\") || file == "" {
				t.Fatalf("row key %q is not a cleaned path with '/'", file)
			}
			if row.Line < 2 {
				t.Fatalf("row %q on line %d (the header is line 1)", file, row.Line)
			}
			if row.Kind != "" && row.Kind != string(KindTranscript) && row.Kind != string(KindNotes) && err == nil {
				t.Fatalf("kind %q accepted without an error", row.Kind)
			}
		}
	})
}

// FuzzReadXLSX reads arbitrary bytes as an utterance workbook. Opening a
// workbook is slow, so the seeds are small hand-made packages.
func FuzzReadXLSX(f *testing.F) {
	f.Add(tinyXLSX(f, `<row r="1"><c r="A1" t="inlineStr"><is><t>Spreker</t></is></c><c r="B1" t="inlineStr"><is><t>Tekst</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Moeder</t></is></c><c r="B2" t="inlineStr"><is><t>De buurvrouw helpt.</t></is></c></row>`))
	f.Add(tinyXLSX(f, `<row r="1"><c r="A1" t="inlineStr"><is><t>tekst</t></is></c></row><row r="3"><c r="A3"><v>12</v></c></row>`))
	f.Add(tinyXLSX(f, `<row r="9999999"><c r="XFD9999999" t="inlineStr"><is><t>x</t></is></c></row>`))
	f.Add([]byte("PK\x03\x04 not really"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := ReadXLSX("f.xlsx", data, TableColumns{}, Limits{MaxUnzippedBytes: 4 << 20, MaxZipEntries: 64})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			return
		}
		checkOutput(t, ex)
		for _, u := range ex.Utterances {
			if strings.TrimSpace(u.Text) == "" {
				t.Fatalf("blank utterance %+v", u)
			}
		}
	})
}

// tinyXLSX is a minimal .xlsx package with one sheet whose sheetData holds
// rows (inline strings, so no shared strings part is needed).
func tinyXLSX(t testing.TB, rows string) []byte {
	return makeZip(t,
		zipEntry{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		zipEntry{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		zipEntry{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<sheets><sheet name="Transcript" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		zipEntry{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		zipEntry{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
			rows + `</sheetData></worksheet>`},
	)
}

// unjoinErr splits an errors.Join error into its parts.
func unjoinErr(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// TestTinyXLSX checks that the seed builder makes a workbook ReadXLSX
// accepts, so that FuzzReadXLSX starts from valid input.
func TestTinyXLSX(t *testing.T) {
	ex, err := ReadXLSX("t.xlsx", tinyXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>Spreker</t></is></c><c r="B1" t="inlineStr"><is><t>Tekst</t></is></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>Moeder</t></is></c><c r="B2" t="inlineStr"><is><t>De buurvrouw helpt.</t></is></c></row>`), TableColumns{}, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex.Utterances) != 1 || ex.Utterances[0].Speaker != "Moeder" || ex.Utterances[0].Text != "De buurvrouw helpt." {
		t.Errorf("utterances %+v", ex.Utterances)
	}
}
