package analysis

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEmergentSpillMatchesMemory checks that an accumulator that keeps its
// examples in a file gives the same result as one that keeps them in
// memory, in document order and reversed (documents out of ID order), and
// that Close removes the file.
func TestEmergentSpillMatchesMemory(t *testing.T) {
	demoDocs, demoCodings := readDemo(t)
	docs := append(mentionDocs(), demoDocs...)
	// Segment numbers and lines that need more than 32 bits, and IDs that
	// are not "<doc>#<n>".
	big := emDoc("Z/big.txt", "Z", emTurn{"parent", "De buurtwerker en de moestuin.|De moestuin bij de buurtwerker."})
	for i := range big.Segments {
		big.Segments[i].N = math.MaxInt32 + 10 - i
		big.Segments[i].Line = math.MinInt32 - 5 - i
		big.Segments[i].ID = "eigen-" + string(rune('a'+i))
	}
	docs = append(docs, big)
	byDoc := map[string][]Coding{}
	for _, c := range demoCodings {
		byDoc[c.Doc] = append(byDoc[c.Doc], c)
	}
	ref := map[string]int{"moestuin": 3, "bos": 10}
	for _, rev := range []bool{false, true} {
		ds := slices.Clone(docs)
		if rev {
			slices.Reverse(ds)
		}
		for _, opt := range []EmergentOptions{{}, {Examples: 5, Top: 200, MinCount: 1}} {
			mem := NewEmergentAccumulator(opt)
			dir := t.TempDir()
			sp := NewEmergentAccumulator(opt)
			if err := sp.SpillExamples(dir); err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				mem.Add(d, byDoc[d.ID])
				sp.Add(d, byDoc[d.ID])
			}
			want := mem.Result(ref)
			got, err := sp.ResultErr(ref)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rev %v, %+v: spilled result differs (-memory +spilled):\n%s", rev, opt, diff)
			}
			// The big document's examples keep their lines and IDs.
			bigExs := 0
			check := func(exs []Example) {
				for _, ex := range exs {
					if ex.Doc != big.ID {
						continue
					}
					bigExs++
					if ex.Line >= math.MinInt32 || !strings.HasPrefix(ex.Segment, "eigen-") {
						t.Errorf("example of the big document lost its line or ID: %+v", ex)
					}
				}
			}
			for _, e := range got {
				for _, k := range e.Keywords {
					check(k.Examples)
				}
				for _, m := range e.Uncoded {
					check(m.Examples)
				}
			}
			if bigExs == 0 {
				t.Errorf("rev %v, %+v: no example of the big document", rev, opt)
			}
			if files, _ := os.ReadDir(dir); len(files) != 1 {
				t.Errorf("want one spill file in %s before Close, got %d", dir, len(files))
			}
			if err := sp.Close(); err != nil {
				t.Fatal(err)
			}
			if files, _ := os.ReadDir(dir); len(files) != 0 {
				t.Errorf("spill file left in %s after Close: %v", dir, files)
			}
			if err := sp.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if _, err := sp.ResultErr(ref); err == nil {
				t.Error("ResultErr after Close: no error")
			}
		}
	}
}

// TestEmergentSpillErrors checks the errors of SpillExamples.
func TestEmergentSpillErrors(t *testing.T) {
	a := NewEmergentAccumulator(EmergentOptions{})
	if err := a.SpillExamples(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("SpillExamples into a missing folder: no error")
	}
	a.Add(emDoc("A/a.txt", "A", emTurn{"parent", "De buurtwerker en de moestuin."}), nil)
	if err := a.SpillExamples(t.TempDir()); err == nil {
		t.Error("SpillExamples after a document was added: no error")
	}
	if err := a.Close(); err != nil {
		t.Errorf("Close of an in-memory accumulator: %v", err)
	}
	b := NewEmergentAccumulator(EmergentOptions{})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if err := b.SpillExamples(t.TempDir()); err == nil {
		t.Error("SpillExamples after Close: no error")
	}
}

// TestExStoreRecords writes records of many sizes, some larger than a
// memory chunk or a spill block, and reads them back out of order.
func TestExStoreRecords(t *testing.T) {
	type rec struct {
		line           int
		turn           uint32
		id, time, text string
		std            bool
		off            int64
	}
	var recs []rec
	for i := range 400 {
		r := rec{line: i*7919 - 1000, turn: uint32(i % 5), time: strings.Repeat("t", i%3), text: strings.Repeat(string(rune('a'+i%26)), (i*i*37)%3000)}
		if i%50 == 0 {
			r.text = strings.Repeat("groot ", 20000+i) // more than a chunk or block
		}
		if i%4 == 0 {
			r.std = true
		} else {
			r.id = "seg-" + strings.Repeat("x", i%7)
		}
		recs = append(recs, r)
	}
	for _, spill := range []bool{false, true} {
		var s exStore
		if spill {
			if err := s.spill(t.TempDir()); err != nil {
				t.Fatal(err)
			}
		}
		for i := range recs {
			r := &recs[i]
			idLen := uint64(len(r.id)) + 1
			if r.std {
				idLen = 0
			}
			b := binary.AppendVarint(nil, int64(r.line))
			b = binary.AppendUvarint(b, uint64(r.turn))
			b = binary.AppendUvarint(b, idLen)
			b = binary.AppendUvarint(b, uint64(len(r.time)))
			b = binary.AppendUvarint(b, uint64(len(r.text)))
			b = append(b, r.id...)
			b = append(b, r.time...)
			b = append(b, r.text...)
			r.off = s.write(b)
		}
		for _, i := range rand.New(rand.NewPCG(1, 2)).Perm(len(recs)) {
			r := recs[i]
			line, turn, id, std, time, text, err := s.record(r.off)
			if err != nil {
				t.Fatalf("spill %v, record %d: %v", spill, i, err)
			}
			if line != r.line || turn != r.turn || id != r.id || std != r.std || time != r.time || text != r.text {
				t.Fatalf("spill %v, record %d: got line %d turn %d id %q std %v time %q text of %d bytes, want %+v",
					spill, i, line, turn, id, std, time, len(text), r)
			}
		}
		if err := s.closeStore(); err != nil {
			t.Fatal(err)
		}
	}
}
