package main

import (
	"errors"
	"strconv"
	"testing"

	"github.com/pbasis/pbasis/corpus"
)

func TestFanoutOrderAndErrors(t *testing.T) {
	const n = 500
	var seenA, seenB []string
	boom := errors.New("disk full")
	calls := 0
	f := newFanout(
		func(j docJob) error { seenA = append(seenA, j.doc.ID); return nil },
		func(j docJob) error {
			calls++
			seenB = append(seenB, j.doc.ID)
			if j.doc.ID == "d7" {
				return boom
			}
			return nil
		},
	)
	sent := 0
	for i := range n {
		if !f.send(docJob{doc: &corpus.Document{ID: "d" + strconv.Itoa(i)}}) {
			break
		}
		sent++
	}
	if err := f.wait(); !errors.Is(err, boom) {
		t.Fatalf("wait = %v, want the failing stage's error", err)
	}
	if sent == n {
		t.Errorf("send kept accepting all %d documents after a stage failed", n)
	}
	if calls != 8 {
		t.Errorf("failed stage called %d times, want 8 (it stops after its error)", calls)
	}
	if len(seenA) != sent {
		t.Fatalf("stage A saw %d documents, %d were sent", len(seenA), sent)
	}
	for i, id := range seenA {
		if id != "d"+strconv.Itoa(i) {
			t.Fatalf("stage A saw %s at position %d: out of order", id, i)
		}
	}
}

func TestFanoutFirstStageErrorWins(t *testing.T) {
	e1, e2 := errors.New("one"), errors.New("two")
	f := newFanout(
		func(docJob) error { return e1 },
		func(docJob) error { return e2 },
	)
	f.send(docJob{doc: &corpus.Document{ID: "x"}})
	if err := f.wait(); !errors.Is(err, e1) {
		t.Fatalf("wait = %v, want the first stage's error (stage order decides)", err)
	}
}
