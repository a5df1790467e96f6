package corpus

import (
	"errors"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeEncodings(t *testing.T) {
	const want = "Oma's café: geïnteresseerd in de crèche.\nTweede regel €."
	crlf := "Oma's café: geïnteresseerd in de crèche.\r\nTweede regel €."
	cp1252, err := charmap.Windows1252.NewEncoder().String(crlf)
	if err != nil {
		t.Fatal(err)
	}
	u16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(crlf)
	u16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(crlf)
	// Decomposed é (e + U+0301) must come out composed.
	nfd := "Oma's cafe\u0301: geïnteresseerd in de crèche.\nTweede regel €."
	tests := []struct {
		name, in, enc string
	}{
		{"utf-8", want, "utf-8"},
		{"utf-8 BOM CRLF", "\xEF\xBB\xBF" + crlf, "utf-8 (BOM)"},
		{"utf-16le", u16le, "utf-16le (BOM)"},
		{"utf-16be", u16be, "utf-16be (BOM)"},
		{"windows-1252", cp1252, "windows-1252"},
		{"NFD to NFC", nfd, "utf-8"},
		{"old Mac CR", "Oma's café: geïnteresseerd in de crèche.\rTweede regel €.", "utf-8"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decode([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != want {
				t.Errorf("text %q, want %q", d.Text, want)
			}
			if d.Encoding != tc.enc {
				t.Errorf("encoding %q, want %q", d.Encoding, tc.enc)
			}
		})
	}
	if _, err := Decode([]byte("abc\x00def")); !errors.Is(err, ErrEncoding) {
		t.Errorf("NUL bytes: %v", err)
	}
}

func TestFrontMatter(t *testing.T) {
	ex, err := ReadText("a.md", []byte("---\ncase: G7\nspeakers:\n  I: interviewer\n  M: parent\n---\nI: Hallo.\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Front["case"] != "G7" || ex.Front["speakers"] != "I=interviewer;M=parent" {
		t.Errorf("front %v", ex.Front)
	}
	if ex.Text != "I: Hallo.\n" || ex.FirstLine != 7 {
		t.Errorf("text %q first line %d", ex.Text, ex.FirstLine)
	}
	if _, err := ReadText("b.md", []byte("---\ncase: [unclosed\n---\nI: x\n"), Limits{}); err == nil {
		t.Error("bad front matter should be an error")
	}
	// A rule at the top without a closing line is text, not front matter.
	ex, err = ReadText("c.txt", []byte("---\nI: Hallo.\n"), Limits{})
	if err != nil || ex.Front != nil {
		t.Errorf("unclosed --- : %v %v", ex.Front, err)
	}
	if _, err := ReadText("d.txt", []byte("---\ncase: x\n---\n\n"), Limits{}); !errors.Is(err, ErrEmptyDocument) {
		t.Errorf("only front matter: %v", err)
	}
}
