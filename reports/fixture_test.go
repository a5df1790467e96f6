package reports

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// Hand-made material for the report tests: a tiny codebook, one family (G1)
// in two waves plus session notes, and codings made by hand (not by the
// matcher), so the tests do not move when the default codebook changes.

// turnSpec is one speaker turn of a fixture document: its sentences, and in
// each sentence the words to code as code=word (word may end in "!" for a
// negated mention).
type turnSpec struct {
	speaker, role string
	sentences     []string
	codes         [][]string // per sentence: "code=word" or "code=word!" (negated)
}

// fixtureSpec is the tiny codebook of the fixtures.
func fixtureSpec() *analysis.CodebookSpec {
	code := func(id string, cat analysis.Category, nl, en string) analysis.CodeSpec {
		return analysis.CodeSpec{ID: id, Category: cat, Label: analysis.Text{NL: nl, EN: en}, Terms: []analysis.TermSpec{{Term: id}}}
	}
	return &analysis.CodebookSpec{
		ID: "test", Version: "1.0", Language: "nl",
		Title: analysis.Text{NL: "Testcodeboek", EN: "Test codebook"},
		Codes: []analysis.CodeSpec{
			code("rel.grandparent", analysis.CatRelation, "Grootouders", "Grandparents"),
			code("rel.neighbour", analysis.CatRelation, "Buren", "Neighbours"),
			code("rel.coach", analysis.CatRelation, "Trainer, coach", "Coach"),
			code("place.schoolyard", analysis.CatPlace, "Schoolplein", "Schoolyard"),
			code("place.playground", analysis.CatPlace, "Speeltuin", "Playground"),
			code("fac.club", analysis.CatFacility, "Sportclub", "Sports club"),
			code("fac.school", analysis.CatFacility, "School", "School"),
			code("qual.unsafe", analysis.CatQuality, "Onveilig", "Unsafe"),
			code("help.social_team", analysis.CatFormalHelp, "Wijkteam", "Social team"),
			code("strain.overloaded", analysis.CatStrain, "Overbelast", "Overloaded"),
		},
	}
}

// buildDoc makes a document and its codings from turn specs. Each turn is
// "Speaker: sentence sentence ..." on its own line.
func buildDoc(t testing.TB, id string, meta corpus.Metadata, turns []turnSpec) (*corpus.Document, []analysis.Coding) {
	t.Helper()
	d := &corpus.Document{ID: id, Format: "txt", Meta: meta}
	var text strings.Builder
	cp := 0 // code points written so far
	write := func(s string) {
		text.WriteString(s)
		cp += utf8.RuneCountInString(s)
	}
	var codings []analysis.Coding
	line := 1
	words := 0
	for ti, ts := range turns {
		start := cp
		if ts.speaker != "" {
			write(ts.speaker + ": ")
		}
		bodyStart := cp
		for si, s := range ts.sentences {
			if si > 0 {
				write(" ")
			}
			segStart := cp
			write(s)
			words += len(strings.Fields(s))
			n := len(d.Segments) + 1
			seg := corpus.Segment{ID: id + "#" + strconv.Itoa(n), N: n, Turn: ti,
				Span: corpus.Span{Start: segStart, End: cp}, Text: s, Line: line}
			d.Segments = append(d.Segments, seg)
			if si < len(ts.codes) {
				for _, cw := range ts.codes[si] {
					code, word, _ := strings.Cut(cw, "=")
					neg := strings.HasSuffix(word, "!")
					word = strings.TrimSuffix(word, "!")
					bi := strings.Index(s, word)
					if bi < 0 {
						t.Fatalf("%s: %q not in %q", id, word, s)
					}
					rs := utf8.RuneCountInString(s[:bi])
					re := rs + utf8.RuneCountInString(word)
					var cat analysis.Category
					for _, c := range fixtureSpec().Codes {
						if c.ID == code {
							cat = c.Category
						}
					}
					voice := corpus.VoiceOf(meta.Kind, ts.role)
					codings = append(codings, analysis.Coding{
						Doc: id, Case: meta.Case, Speaker: ts.speaker, Role: ts.role, Voice: voice,
						Segment: seg.ID, SegN: n, Start: segStart + rs, End: segStart + re,
						Code: code, Category: cat, Term: word, Rule: word, How: "exact",
						Negated: neg, Source: analysis.SourceAuto, Line: line, Text: s,
					})
				}
			}
		}
		role := ts.role
		d.Turns = append(d.Turns, corpus.Turn{Index: ti, Speaker: ts.speaker, Role: role,
			Voice: corpus.VoiceOf(meta.Kind, role), Span: corpus.Span{Start: start, End: cp},
			Body: corpus.Span{Start: bodyStart, End: cp}, Line: line})
		write("\n")
		line++
	}
	d.Text = text.String()
	d.Reading.Words = words
	return d, codings
}

// fixtureResults aggregates the G1 fixture: wave 1 (mother and
// interviewer), wave 2 (mother and child) and session notes.
func fixtureResults(t testing.TB) *analysis.Results {
	t.Helper()
	acc := analysis.NewAccumulator(fixtureSpec(), analysis.ResultsOptions{Lang: "nl"})
	meta := func(kind corpus.Kind, wave, date string) corpus.Metadata {
		return corpus.Metadata{Case: "G1", Kind: kind, Wijk: "Oosterpark", Wave: wave, Date: date,
			Extra: map[string]string{"gezinssamenstelling": "moeder, zoon"}}
	}
	docs := []struct {
		id    string
		meta  corpus.Metadata
		turns []turnSpec
	}{
		{"G1/ronde1_moeder.txt", meta(corpus.KindTranscript, "1", "2024-03-01"), []turnSpec{
			{speaker: "Interviewer", role: corpus.RoleInterviewer,
				sentences: []string{"Kent u de buren een beetje?"},
				codes:     [][]string{{"rel.neighbour=buren"}}},
			{speaker: "Moeder", role: corpus.RoleParent,
				sentences: []string{
					"Nou, de buren kennen we eigenlijk niet.",
					"Mijn moeder haalt hem twee keer per week van school.",
					"Op het schoolplein praat ik soms met andere moeders, maar 's avonds is het daar onveilig.",
				},
				codes: [][]string{
					{"rel.neighbour=buren!"},
					{"rel.grandparent=Mijn moeder", "fac.school=school"},
					{"place.schoolyard=schoolplein", "qual.unsafe=onveilig"},
				}},
			{speaker: "Moeder", role: corpus.RoleParent,
				sentences: []string{"Hier in de straat is geen speeltuin.", "Mijn moeder kan het eigenlijk niet meer aan, met haar rug."},
				codes:     [][]string{{"place.playground=speeltuin!"}, {"rel.grandparent=Mijn moeder", "strain.overloaded=kan het eigenlijk niet meer aan"}}},
		}},
		{"G1/ronde2_kind.txt", meta(corpus.KindTranscript, "2", "2024-09-01"), []turnSpec{
			{speaker: "Zoon", role: corpus.RoleChild,
				sentences: []string{
					"De *trainer* van de sportclub zegt [altijd] dat ik <b>goed</b> ben | echt_waar.",
					"Die trainer woont ook bij ons op het schoolplein, nou ja, naast school.",
				},
				codes: [][]string{
					{"rel.coach=trainer", "fac.club=sportclub"},
					{"rel.coach=trainer", "place.schoolyard=schoolplein", "fac.school=school"},
				}},
			{speaker: "Moeder", role: corpus.RoleParent,
				sentences: []string{"We hebben nu ook hulp van het wijkteam."},
				codes:     [][]string{{"help.social_team=wijkteam"}}},
		}},
		{"G1/notities.md", meta(corpus.KindNotes, "2", "2024-09-15"), []turnSpec{
			{speaker: "", role: corpus.RoleProfessional,
				sentences: []string{"Oma lijkt overbelast; het wijkteam is betrokken."},
				codes:     [][]string{{"strain.overloaded=overbelast", "help.social_team=wijkteam"}}},
		}},
	}
	em := analysis.NewEmergentAccumulator(analysis.EmergentOptions{MinCount: 2})
	for _, d := range docs {
		doc, codings := buildDoc(t, d.id, d.meta, d.turns)
		acc.Add(doc, codings)
		em.Add(doc, codings)
	}
	r := acc.Results()
	r.Emergent = em.Result(nil)
	return r
}

// fixtureManifest is a manifest as the run command writes it.
func fixtureManifest() *Manifest {
	return &Manifest{
		Tool:     ToolInfo{Name: "pbasis", Version: "test", Go: "go"},
		Config:   ConfigInfo{Settings: map[string]any{"corpus": map[string]any{"segment_unit": "sentence"}}},
		Codebook: &CodebookInfo{ID: "test", Version: "1.0", File: "codebook.yaml", SHA256: "0123abcd", Codes: 10},
		Input:    InputInfo{Source: "testdata"},
		Skipped: []corpus.Skipped{
			{File: "G1/kapot.docx", Reason: "not a valid .docx file (zip: not a valid zip file)"},
			{File: ".DS_Store", Reason: "hidden file", Ignored: true},
		},
	}
}
