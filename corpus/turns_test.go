package corpus

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSpeakerLabelStyles(t *testing.T) {
	o := DefaultOptions()
	type turn struct{ Speaker, Role, Time, Body string }
	tests := []struct {
		name string
		text string
		meta map[string]string
		want []turn
	}{
		{"I and R", "I: Hoe gaat het?\nR: Goed hoor.", nil,
			[]turn{{"I", "interviewer", "", "Hoe gaat het?"}, {"R", "parent", "", "Goed hoor."}}},
		{"full words", "Interviewer: Wie helpt er?\nMoeder: Mijn zus.", nil,
			[]turn{{"Interviewer", "interviewer", "", "Wie helpt er?"}, {"Moeder", "parent", "", "Mijn zus."}}},
		{"markdown bold", "**Interviewer:** Vertel eens.\n**Vader:** Nou, de buren.", nil,
			[]turn{{"Interviewer", "interviewer", "", "Vertel eens."}, {"Vader", "parent", "", "Nou, de buren."}}},
		{"bold label then colon", "**Vader**: Ja.", nil,
			[]turn{{"Vader", "parent", "", "Ja."}}},
		{"capitals", "INTERVIEWER: En school?\nMOEDER: Die is dichtbij.", nil,
			[]turn{{"INTERVIEWER", "interviewer", "", "En school?"}, {"MOEDER", "parent", "", "Die is dichtbij."}}},
		{"timestamps", "[00:01:23] Interviewer: Ja?\n[00:01:30] Moeder: Zeker.", nil,
			[]turn{{"Interviewer", "interviewer", "00:01:23", "Ja?"}, {"Moeder", "parent", "00:01:30", "Zeker."}}},
		{"numbered speakers with sheet map", "SPREKER 1: Hoi.\nSPREKER 2: Hallo.\nSpreker 1: Nog iets?", map[string]string{"spreker 1": "interviewer", "spreker 2": "youth"},
			[]turn{{"SPREKER 1", "interviewer", "", "Hoi."}, {"SPREKER 2", "youth", "", "Hallo."}, {"Spreker 1", "interviewer", "", "Nog iets?"}}},
		{"continuation lines", "I: Vraag een\ndoorlopende regel.\nR: Antwoord\nover twee regels.", nil,
			[]turn{{"I", "interviewer", "", "Vraag een\ndoorlopende regel."}, {"R", "parent", "", "Antwoord\nover twee regels."}}},
		{"a colon inside a sentence is no label", "R: Ze zei: kom maar.\nNou ja: dat was het.", nil,
			[]turn{{"R", "parent", "", "Ze zei: kom maar.\nNou ja: dat was het."}}},
		{"a clock time is no label", "R: We gaan\n10:30 naar school.", nil,
			[]turn{{"R", "parent", "", "We gaan\n10:30 naar school."}}},
		{"unknown name repeated is a speaker", "Fatima: Hallo.\nI: Dag.\nFatima: Ja.", nil,
			[]turn{{"Fatima", "unknown", "", "Hallo."}, {"I", "interviewer", "", "Dag."}, {"Fatima", "unknown", "", "Ja."}}},
		{"per-file map wins over config", "R: Ik ben de oma.", map[string]string{"r": "family"},
			[]turn{{"R", "family", "", "Ik ben de oma."}}},
		{"two-column speaker table of a Word file", "Interviewer | Wie helpt er?\nMoeder | De buurvrouw.", nil,
			[]turn{{"Interviewer", "interviewer", "", "Wie helpt er?"}, {"Moeder", "parent", "", "De buurvrouw."}}},
		{"a table row of data is no turn", "R: Zo ging dat.\nBibliotheek | Kinderen | Wekelijks", nil,
			[]turn{{"R", "parent", "", "Zo ging dat.\nBibliotheek | Kinderen | Wekelijks"}}},
		{"text before the first label", "Interview gezin 3\n\nI: Start.", nil,
			[]turn{{"", "unknown", "", "Interview gezin 3"}, {"I", "interviewer", "", "Start."}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			meta := Metadata{Kind: KindTranscript, Speakers: tc.meta}
			doc, err := Build("x.txt", "txt", Extract{Text: tc.text, FirstLine: 1}, meta, o)
			if err != nil {
				t.Fatal(err)
			}
			var got []turn
			for _, tr := range doc.Turns {
				got = append(got, turn{tr.Speaker, tr.Role, tr.Time, spanText(doc.Text, tr.Body)})
			}
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("turns (-want +got):\n%s", d)
			}
		})
	}
}

func spanText(text string, s Span) string {
	r := []rune(text)
	return string(r[s.Start:s.End])
}

func TestVoices(t *testing.T) {
	o := DefaultOptions()
	doc, err := Build("x.txt", "txt", Extract{Text: "I: Vraag?\nMoeder: Antwoord.\nKind: Ik ook.\nOnbekend: Hm.\nOnbekend: Ja."}, Metadata{Kind: KindTranscript}, o)
	if err != nil {
		t.Fatal(err)
	}
	want := []Voice{VoiceInterviewer, VoiceOwn, VoiceOwn, VoiceOther, VoiceOther}
	for i, tr := range doc.Turns {
		if tr.Voice != want[i] {
			t.Errorf("turn %d (%s): voice %s, want %s", i, tr.Speaker, tr.Voice, want[i])
		}
	}
	if len(doc.Reading.Warnings) != 1 || !strings.Contains(doc.Reading.Warnings[0], `"Onbekend"`) {
		t.Errorf("want one warning about the unknown label, got %q", doc.Reading.Warnings)
	}
	notes, err := Build("n.txt", "txt", Extract{Text: "Huisbezoek.\n\nMoeder: vertelt over de buren."}, Metadata{Kind: KindNotes}, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range notes.Turns {
		if tr.Voice != VoiceNotes {
			t.Errorf("notes turn %q has voice %s, want notes", tr.Speaker, tr.Voice)
		}
	}
}

func TestSpansAreCodePoints(t *testing.T) {
	text := "I: Hoe is het café?\nR: Geïnteresseerd in de crèche. Ja."
	doc, err := Build("x.txt", "txt", Extract{Text: text}, Metadata{Kind: KindTranscript}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(doc.Text)
	for _, s := range doc.Segments {
		if got := string(runes[s.Span.Start:s.Span.End]); got != s.Text {
			t.Errorf("segment %s: text at span %q != %q", s.ID, got, s.Text)
		}
	}
	wantTexts := []string{"Hoe is het café?", "Geïnteresseerd in de crèche.", "Ja."}
	var got []string
	for _, s := range doc.Segments {
		got = append(got, s.Text)
	}
	if d := cmp.Diff(wantTexts, got); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
}

func TestUtterancesLayout(t *testing.T) {
	ex := Extract{Utterances: []Utterance{
		{Speaker: "Moeder", Time: "00:00:01.000", Text: "De buurvrouw helpt ons", Line: 1},
		{Time: "00:00:04.000", Text: "heel vaak. Echt waar.", Line: 2},
		{Speaker: "Moeder", Time: "00:00:07.000", Text: "Ook op zondag.", Line: 3},
		{Speaker: "I", Time: "00:00:09.000", Text: "Mooi.", Line: 4},
	}}
	doc, err := Build("x.vtt", "vtt", ex, Metadata{Kind: KindTranscript}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	wantText := "[00:00:01.000] Moeder: De buurvrouw helpt ons\nheel vaak. Echt waar.\nOok op zondag.\n[00:00:09.000] I: Mooi.\n"
	if doc.Text != wantText {
		t.Errorf("text:\n%q\nwant\n%q", doc.Text, wantText)
	}
	if len(doc.Turns) != 2 || doc.Turns[0].Speaker != "Moeder" || doc.Turns[1].Line != 4 {
		t.Fatalf("consecutive cues of one speaker make one turn: %+v", doc.Turns)
	}
	type seg struct {
		Text, Time string
		Line       int
	}
	var got []seg
	for _, s := range doc.Segments {
		got = append(got, seg{s.Text, s.Time, s.Line})
	}
	want := []seg{
		{"De buurvrouw helpt ons\nheel vaak.", "00:00:01.000", 1},
		{"Echt waar.", "00:00:04.000", 2},
		{"Ook op zondag.", "00:00:07.000", 3},
		{"Mooi.", "00:00:09.000", 4},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("segments (-want +got):\n%s", d)
	}
}

func TestSourceLines(t *testing.T) {
	text := "I: Een.\n\nR: Twee. Drie.\nVier op de\nvolgende regel."
	doc, err := Build("x.txt", "txt", Extract{Text: text, FirstLine: 5}, Metadata{Kind: KindTranscript}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Een.": 5, "Twee.": 7, "Drie.": 7, "Vier op de\nvolgende regel.": 8}
	for _, s := range doc.Segments {
		if w, ok := want[s.Text]; !ok || w != s.Line {
			t.Errorf("segment %q: line %d, want %d (known %v)", s.Text, s.Line, w, ok)
		}
	}
}
