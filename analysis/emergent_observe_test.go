package analysis

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pbasis/pbasis/corpus"
)

// mentionDocs are documents full of mention cues, in two cases, one of
// them split over two documents, plus one document without a case.
func mentionDocs() []*corpus.Document {
	return []*corpus.Document{
		emDoc("A/a.txt", "A",
			emTurn{"interviewer", "Vertel eens over Fatima en de buurtwerker."},
			emTurn{"parent", "Gisteren was de moeder van Samira er ook.|We spelen vaak bij Fatima thuis.|Zaterdag gaat hij met Bram naar het bos.|Bram is zijn beste vriend.|De nieuwe jongerenwerker is aardig.|De jongerenwerker en de Jongerenwerkers.|Ik speel met Lego.|Lego is leuk, ik koop lego.|Op het trapveldje bij het buurthuis."}),
		emDoc("B/b.txt", "B",
			emTurn{"parent", "Mijn schoonmoeder helpt.|De vader van een vriendje brengt hem.|Met Bram en Ayoub naar het Speeltuintje.|Het speeltuintje, het speeltuintje en de speeltuin."}),
		emDoc("A/c.txt", "A",
			emTurn{"child", "Bij mijn tante thuis.|De buurtwerker komt.|Met Bram naar het zwembad.|Moestuin, moestuin, Moestuin moestuin."}),
		emDoc("none.txt", "",
			emTurn{"parent", "De moestuin van de buurtwerker."}),
	}
}

// TestEmergentObserveMatchesAdd checks that observing documents on many
// goroutines, out of order and while merging, then merging in document
// order gives the same result as Add.
func TestEmergentObserveMatchesAdd(t *testing.T) {
	demoDocs, demoCodings := readDemo(t)
	docs := append(mentionDocs(), demoDocs...)
	byDoc := map[string][]Coding{}
	for _, c := range demoCodings {
		byDoc[c.Doc] = append(byDoc[c.Doc], c)
	}
	byDoc["A/a.txt"] = codeWord(docs[0], "Bram", "netwerk")
	ref := map[string]int{"moestuin": 3, "bos": 10, "zwemmen": 2}
	opts := []EmergentOptions{
		{},
		{Examples: 1},
		{Examples: 5, Top: 200, MinCount: 1},
		{Voices: []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther}},
	}
	for _, opt := range opts {
		serial := NewEmergentAccumulator(opt)
		for _, d := range docs {
			serial.Add(d, byDoc[d.ID])
		}
		want, wantRef := serial.Result(nil), serial.Result(ref)
		if len(want) < 3 || len(want[0].Keywords) == 0 || len(want[0].Uncoded) == 0 {
			t.Fatalf("%+v: too little emergent material to compare: %d entries", opt, len(want))
		}

		// Pipelined: merged as soon as observed, in order.
		acc := NewEmergentAccumulator(opt)
		observed := make([]chan *EmergentDoc, len(docs))
		for i := range observed {
			observed[i] = make(chan *EmergentDoc, 1)
		}
		var wg sync.WaitGroup
		const workers = 4
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Worker w takes every workers-th document, last first.
				for i := len(docs) - 1 - w; i >= 0; i -= workers {
					observed[i] <- acc.Observe(docs[i], byDoc[docs[i].ID])
				}
			}()
		}
		for i := range docs {
			acc.AddObserved(<-observed[i])
		}
		wg.Wait()
		if diff := cmp.Diff(want, acc.Result(nil)); diff != "" {
			t.Errorf("%+v, pipelined: Observe+AddObserved differs from Add (-Add +two-phase):\n%s", opt, diff)
		}

		// Every document observed before the first is merged.
		acc = NewEmergentAccumulator(opt)
		xs := make([]*EmergentDoc, len(docs))
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(docs); i += workers {
					xs[i] = acc.Observe(docs[i], byDoc[docs[i].ID])
				}
			}()
		}
		wg.Wait()
		for _, x := range xs {
			acc.AddObserved(x)
		}
		if diff := cmp.Diff(want, acc.Result(nil)); diff != "" {
			t.Errorf("%+v, observed first: Observe+AddObserved differs from Add (-Add +two-phase):\n%s", opt, diff)
		}
		if diff := cmp.Diff(wantRef, acc.Result(ref)); diff != "" {
			t.Errorf("%+v, reference list: Observe+AddObserved differs from Add (-Add +two-phase):\n%s", opt, diff)
		}
	}
}

// TestEmergentObserveNil checks the nil cases of the two-phase API.
func TestEmergentObserveNil(t *testing.T) {
	acc := NewEmergentAccumulator(EmergentOptions{})
	if x := acc.Observe(nil, nil); x != nil {
		t.Errorf("Observe(nil) = %+v, want nil", x)
	}
	acc.AddObserved(nil)
	acc.Add(nil, nil)
	res := acc.Result(nil)
	if len(res) != 1 || res[0].Tokens != 0 || res[0].Keywords != nil || res[0].Uncoded != nil {
		t.Errorf("Result after nil documents = %+v, want the empty corpus only", res)
	}
}
