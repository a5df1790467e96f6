package analysis

import (
	"math/rand/v2"
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

// TestTurnIDNumbersKinds gives turnID random runs of turns of a few roles
// and voices (the same role with another voice too) and checks that it
// numbers each kind by its first use, as a plain map would, and that
// a.turns holds the kinds in that order.
func TestTurnIDNumbersKinds(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	roles := []string{"parent", "child", "interviewer", ""}
	voices := []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther}
	for round := range 200 {
		a := NewEmergentAccumulator(EmergentOptions{})
		want := map[turnKind]uint32{}
		for range r.IntN(200) {
			tr := corpus.Turn{Role: roles[r.IntN(len(roles))], Voice: voices[r.IntN(len(voices))]}
			for range 1 + r.IntN(4) { // runs of one kind
				k := turnKind{tr.Role, tr.Voice}
				id, ok := want[k]
				if !ok {
					id = uint32(len(want))
					want[k] = id
				}
				if got := a.turnID(&tr); got != id {
					t.Fatalf("round %d: turnID(%+v) = %d, want %d", round, k, got, id)
				}
				if a.turns[id] != k {
					t.Fatalf("round %d: turns[%d] = %+v, want %+v", round, id, a.turns[id], k)
				}
			}
		}
	}
}
