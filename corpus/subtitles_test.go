package corpus

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadVTTVoices(t *testing.T) {
	ex, err := ReadVTT("voices.vtt", readFixture(t, "voices.vtt"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, ex)
	want := []Utterance{
		{Speaker: "Interviewer", Time: "00:00:01.000", Text: "Hoe gaat het met de kinderen?", Line: 1},
		{Speaker: "Moeder", Time: "00:00:05.000", Text: "Goed. Ze spelen vaak in de speeltuin\nbij de bibliotheek.", Line: 2},
		{Speaker: "Vader", Time: "00:01:02.003", Text: "We gaan naar het buurthuis & de sportclub.", Line: 3},
		{Speaker: "Moeder", Time: "00:01:10.000", Text: "Ja, dat klopt.", Line: 4},
		{Speaker: "Interviewer", Time: "00:01:10.000", Text: "Dank u wel.", Line: 4},
	}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("utterances (-want +got):\n%s", diff)
	}
	if ex.Text != "" || ex.Encoding != "utf-8" {
		t.Errorf("Text %q Encoding %q; want no text, utf-8", ex.Text, ex.Encoding)
	}
	if len(ex.Warnings) != 0 {
		t.Errorf("warnings on a clean file: %q", ex.Warnings)
	}
}

// TestReadVTTZoom reads a Zoom-style file: BOM, CRLF, "Name: text" prefixes.
func TestReadVTTZoom(t *testing.T) {
	ex, err := ReadVTT("zoom.vtt", readFixture(t, "zoom.vtt"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, ex)
	want := []Utterance{
		{Speaker: "Interviewer", Time: "00:00:02.120", Text: "Kunt u iets vertellen over de buurt?", Line: 1},
		{Speaker: "Fatima El Amrani", Time: "00:00:07.000", Text: "Ja. De moskee en het buurthuis zijn belangrijk voor ons.", Line: 2},
		{Speaker: "Fatima El Amrani", Time: "00:00:13.000", Text: "Mijn schoonmoeder past op de kinderen.", Line: 3},
	}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("utterances (-want +got):\n%s", diff)
	}
	if ex.Encoding != "utf-8 (BOM)" {
		t.Errorf("Encoding %q, want utf-8 (BOM)", ex.Encoding)
	}
}

func TestReadSRTFixture(t *testing.T) {
	ex, err := ReadSRT("interview.srt", readFixture(t, "interview.srt"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checkOutput(t, ex)
	want := []Utterance{
		{Speaker: "INTERVIEWER", Time: "00:00:01.000", Text: "Heeft u contact met de buren?", Line: 1},
		{Speaker: "MOEDER", Time: "00:00:04.000", Text: "Ja, met de buurvrouw.\nZe is erg behulpzaam.", Line: 2},
		{Speaker: "", Time: "00:00:09.250", Text: "Het is een rustige straat.", Line: 3},
		{Speaker: "VADER", Time: "00:00:12.000", Text: "Behalve op vrijdag.", Line: 4},
	}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("utterances (-want +got):\n%s", diff)
	}
}

func TestReadSRTWindows1252(t *testing.T) {
	// "Moeder: Café geïnteresseerd" in Windows-1252, CRLF.
	data := []byte("1\r\n00:00:01,000 --> 00:00:02,000\r\nMoeder: Caf\xe9 ge\xefnteresseerd\r\n")
	ex, err := ReadSRT("a.srt", data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Utterance{{Speaker: "Moeder", Time: "00:00:01.000", Text: "Café geïnteresseerd", Line: 1}}
	if diff := cmp.Diff(want, ex.Utterances); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if ex.Encoding != "windows-1252" {
		t.Errorf("Encoding %q, want windows-1252", ex.Encoding)
	}
}

func TestReadSubtitlesBadTimestamp(t *testing.T) {
	tests := []struct {
		name, data string
		vtt        bool
		line       int
	}{
		{"srt letters", "1\n00:00:01,000 --> 00:00:02,000\nja\n\n2\n00:00:0x,000 --> 00:00:04,000\nnee\n", false, 6},
		{"srt missing end", "1\n00:00:01,000 -->\nja\n", false, 2},
		{"srt number then no timing", "1\nhallo daar\nja\n", false, 2},
		{"vtt seconds over 59", "WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nja\n", true, 3},
		{"vtt bad end", "WEBVTT\n\nid\n00:00:01.000 --> soon\nja\n", true, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			read := ReadSRT
			if tc.vtt {
				read = ReadVTT
			}
			_, err := read("s.sub", []byte(tc.data), Limits{})
			ie := wantInputError(t, err, "s.sub", ErrBadTimestamp)
			if ie.Pos.Line != tc.line {
				t.Errorf("error at line %d, want %d (%v)", ie.Pos.Line, tc.line, err)
			}
		})
	}
}

func TestReadSubtitlesCueText(t *testing.T) {
	tests := []struct {
		name, data string
		vtt        bool
		want       []Utterance
	}{
		{"sentence with a colon is not a speaker", "1\n00:00:01,000 --> 00:00:02,000\nToen zei ze: ga maar.\n", false,
			[]Utterance{{Time: "00:00:01.000", Text: "Toen zei ze: ga maar.", Line: 1}}},
		{"two speakers in one cue by prefix, dialogue dash", "1\n00:00:01,000 --> 00:00:02,000\n- MOEDER: Ja.\n- I: Goed.\n", false,
			[]Utterance{{Speaker: "MOEDER", Time: "00:00:01.000", Text: "Ja.", Line: 1}, {Speaker: "I", Time: "00:00:01.000", Text: "Goed.", Line: 1}}},
		{"speaker numbers and particles", "1\n00:00:01,000 --> 00:00:02,000\nSPREKER 2: Hoi.\n\n2\n00:00:03,000 --> 00:00:04,000\nJan van der Berg: Dag.\n", false,
			[]Utterance{{Speaker: "SPREKER 2", Time: "00:00:01.000", Text: "Hoi.", Line: 1}, {Speaker: "Jan van der Berg", Time: "00:00:03.000", Text: "Dag.", Line: 2}}},
		{"time and URL are not speakers", "1\n00:00:01,000 --> 00:00:02,000\n10:30 begint het.\nZie http://x.nl\n", false,
			[]Utterance{{Time: "00:00:01.000", Text: "10:30 begint het.\nZie http://x.nl", Line: 1}}},
		{"srt tags, override codes, a literal <", "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=\"#fff\">drie < vier</font> <u>echt</u>\n", false,
			[]Utterance{{Time: "00:00:01.000", Text: "drie < vier echt", Line: 1}}},
		{"text after a blank line stays with its cue", "1\n00:00:01,000 --> 00:00:02,000\nMoeder: eerste\n\nnog meer\n\n2\n00:00:03,000 --> 00:00:04,000\nI: volgende\n", false,
			[]Utterance{{Speaker: "Moeder", Time: "00:00:01.000", Text: "eerste\nnog meer", Line: 1}, {Speaker: "I", Time: "00:00:03.000", Text: "volgende", Line: 2}}},
		{"vtt: hours with three digits, comma, short fraction", "WEBVTT\n\n100:00:01,5 --> 100:00:02.000\n<v Moeder>ja\n", true,
			[]Utterance{{Speaker: "Moeder", Time: "100:00:01.500", Text: "ja", Line: 1}}},
		{"vtt: NOTE STYLE and empty cue skipped, entities, voice with class", "WEBVTT - titel\n\nSTYLE\n::cue { color: red }\n\nNOTE\nweg\n\n00:01.000 --> 00:02.000\n<v>\n\n00:03.000 --> 00:04.000\n<v.a.b Kind 1>&lt;3 &nbsp;school&gt;</v>\n", true,
			[]Utterance{{Speaker: "Kind 1", Time: "00:00:03.000", Text: "<3 \u00a0school>", Line: 2}}},
		{"vtt: voice tag wins over a prefix", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Vader>Let op: hier.\n", true,
			[]Utterance{{Speaker: "Vader", Time: "00:00:01.000", Text: "Let op: hier.", Line: 1}}},
		{"vtt: cue right after the header", "WEBVTT\n00:01.000 --> 00:02.000\nI: ja\n", true,
			[]Utterance{{Speaker: "I", Time: "00:00:01.000", Text: "ja", Line: 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			read := ReadSRT
			if tc.vtt {
				read = ReadVTT
			}
			ex, err := read("s", []byte(tc.data), Limits{})
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

func TestReadSubtitlesErrors(t *testing.T) {
	_, err := ReadSRT("leeg.srt", []byte("\n\n"), Limits{})
	wantInputError(t, err, "leeg.srt", ErrEmptyDocument)
	_, err = ReadVTT("leeg.vtt", []byte("WEBVTT\n\nNOTE alleen een notitie\n"), Limits{})
	wantInputError(t, err, "leeg.vtt", ErrEmptyDocument)
	_, err = ReadSRT("tekst.srt", []byte("Moeder: dit is geen ondertitel.\n"), Limits{})
	wantInputError(t, err, "tekst.srt", ErrCorrupt)
	_, err = ReadSRT("bin.srt", []byte("1\x00\x00"), Limits{})
	wantInputError(t, err, "bin.srt", ErrEncoding)
	long := "1\n00:00:01,000 --> 00:00:02,000\n" + strings.Repeat("x", 200) + "\n"
	_, err = ReadSRT("lang.srt", []byte(long), Limits{MaxLineBytes: 100})
	ie := wantInputError(t, err, "lang.srt", ErrTooLarge, "limits.max_line_bytes = 100")
	if ie.Pos.Line != 3 {
		t.Errorf("line %d, want 3", ie.Pos.Line)
	}
	ex, err := ReadVTT("geen-kop.vtt", []byte("00:01.000 --> 00:02.000\nja\n"), Limits{})
	if err != nil || len(ex.Warnings) != 1 || !strings.Contains(ex.Warnings[0], "WEBVTT") {
		t.Errorf("missing header: got %v, warnings %q; want a warning", err, ex.Warnings)
	}
}

func fuzzSubtitles(f *testing.F, read func(string, []byte, Limits) (Extract, error), seeds ...string) {
	for _, s := range seeds {
		f.Add(readFixture(f, s))
	}
	f.Add([]byte("1\n00:00:01,000 --> 00:00:02,000\n<v A>x</v> B: y\n\nz\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ex, err := read("f", data, Limits{})
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v is not an *InputError", err)
			}
			return
		}
		checkOutput(t, ex)
		if len(ex.Utterances) == 0 {
			t.Fatal("success without utterances")
		}
		for _, u := range ex.Utterances {
			if strings.TrimSpace(u.Text) == "" || u.Time == "" {
				t.Fatalf("utterance without text or time: %+v", u)
			}
		}
	})
}

func FuzzReadVTT(f *testing.F) { fuzzSubtitles(f, ReadVTT, "voices.vtt", "zoom.vtt") }

func FuzzReadSRT(f *testing.F) { fuzzSubtitles(f, ReadSRT, "interview.srt") }

// BenchmarkReadSRTLarge reads a generated file of 10,000 cues.
func BenchmarkReadSRTLarge(b *testing.B) {
	var s strings.Builder
	for i := 1; i <= 10000; i++ {
		fmt.Fprintf(&s, "%d\n00:%02d:%02d,000 --> 00:%02d:%02d,500\n<i>MOEDER:</i> we gaan naar het buurthuis,\nelke week.\n\n", i, i/60%60, i%60, i/60%60, i%60)
	}
	data := []byte(s.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ReadSRT("b.srt", data, Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
