package analysis

import (
	"reflect"
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

func TestWaveChanges(t *testing.T) {
	spec := aggSpec()
	// Wave "10" is added first; wave "2" must still come first (numeric).
	// Wave 2 (4 own segments): neighbour s1, playground s2, street s3.
	// Wave 10 (4 own segments): neighbour s1 and s3, school s2, street s4.
	// neighbour 1/4 -> 2/4: changes by +0.25; playground disappears;
	// school appears; street 1/4 -> 1/4: no change, not listed.
	d10, c10 := aggDoc(t, spec, "V/w10.txt", "V", "10", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour].", "De [school|fac.school].", "De [buurvrouw|rel.neighbour].", "De [straat|place.street]."}})
	d2, c2 := aggDoc(t, spec, "V/w2.txt", "V", "2", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour].", "De [speeltuin|place.playground].", "De [straat|place.street].", "Niets."}})
	// Wave 3 holds only notes: no own-voice segments, so it is no wave to
	// compare with (otherwise everything would "disappear").
	d3, c3 := aggDoc(t, spec, "V/w3.txt", "V", "3", corpus.KindNotes,
		aggTurn{"", corpus.RoleProfessional, []string{"[School|fac.school] gebeld."}})
	// Case S has one wave only: nothing to compare.
	ds, cs := aggDoc(t, spec, "S/w1.txt", "S", "1", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour]."}})
	r := aggregateAll(spec, ResultsOptions{}, aggInput{d10, c10}, aggInput{d2, c2}, aggInput{d3, c3}, aggInput{ds, cs})

	type change struct {
		code, kind         string
		before, after, dif float64
	}
	want := []change{
		{"rel.neighbour", ChangeShare, 0.25, 0.5, 0.25},
		{"place.playground", ChangeDisappears, 0.25, 0, -0.25},
		{"fac.school", ChangeAppears, 0, 0.25, 0.25},
	}
	if len(r.Waves) != len(want) {
		t.Fatalf("waves = %+v", r.Waves)
	}
	for i, w := range want {
		g := r.Waves[i]
		if g.Case != "V" || g.From != "2" || g.To != "10" || g.Code != w.code || g.Kind != w.kind ||
			!aggNear(g.BeforeShare, w.before) || !aggNear(g.AfterShare, w.after) || !aggNear(g.Diff, w.dif) {
			t.Errorf("change %d = %+v; want %+v", i, g, w)
		}
	}
	if r.Waves[0].Before.Mentions != 1 || r.Waves[0].After.Mentions != 2 {
		t.Errorf("neighbour counts %+v -> %+v", r.Waves[0].Before, r.Waves[0].After)
	}
	if got := r.Corpus.Cases[1].Waves; !reflect.DeepEqual(got, []string{"2", "3", "10"}) {
		t.Errorf("waves of V = %v", got)
	}
	if want := []string{"S/1", "V/2", "V/10"}; !reflect.DeepEqual(r.ByWave.Rows, want) {
		t.Errorf("wave rows %v, want %v (a notes-only wave has no own row)", r.ByWave.Rows, want)
	}

	// A higher threshold drops the share change but not appear/disappear.
	r = aggregateAll(spec, ResultsOptions{ChangeThreshold: 0.3}, aggInput{d10, c10}, aggInput{d2, c2})
	if len(r.Waves) != 2 || r.Waves[0].Kind != ChangeDisappears || r.Waves[1].Kind != ChangeAppears {
		t.Errorf("threshold 0.3: %+v", r.Waves)
	}
	// Exactly at the threshold counts as a change.
	r = aggregateAll(spec, ResultsOptions{ChangeThreshold: 0.25}, aggInput{d10, c10}, aggInput{d2, c2})
	if len(r.Waves) != 3 {
		t.Errorf("threshold 0.25: %d changes, want 3", len(r.Waves))
	}
}

func TestMemberDifferences(t *testing.T) {
	spec := aggSpec()
	r := aggregateAll(spec, ResultsOptions{}, aggCaseA(t, spec)...)
	// Mother (3 own segments): neighbour 2, playground 1, unsafe 1.
	// Child (1 segment): neighbour 1. The interviewer and the notes are
	// not members; the school (notes only) is no difference.
	want := []MemberDifference{
		{Case: "A", Code: "place.playground", Roles: []RoleCount{
			{Role: "child", RoleSegments: 1}, {Role: "parent", RoleSegments: 3, Count: Count{Mentions: 1, Segments: 1}}}},
		{Case: "A", Code: "qual.unsafe", Roles: []RoleCount{
			{Role: "child", RoleSegments: 1}, {Role: "parent", RoleSegments: 3, Count: Count{Mentions: 1, Segments: 1}}}},
	}
	if !reflect.DeepEqual(r.Members, want) {
		t.Errorf("members = %+v\nwant %+v", r.Members, want)
	}
	// A case with one speaking role has no member differences.
	spec2 := aggSpec()
	d, c := aggDoc(t, spec2, "S/i.txt", "S", "", corpus.KindTranscript,
		aggTurn{"Moeder", corpus.RoleParent, []string{"De [buurman|rel.neighbour]."}},
		aggTurn{"I", corpus.RoleInterviewer, []string{"De [school|fac.school]?"}})
	if r := aggregateAll(spec2, ResultsOptions{}, aggInput{d, c}); len(r.Members) != 0 {
		t.Errorf("one role: %+v", r.Members)
	}
}
