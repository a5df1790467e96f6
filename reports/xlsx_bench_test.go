package reports

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// Run with:
//
//	go test ./reports -run '^$' -bench BenchmarkWorkbook -benchtime 1x
//
// BenchmarkWorkbook200k writes a workbook of 200,000 codings (1,000
// documents of 100 segments with 2 codings each) and reports, besides time
// and allocations, the CPU time per run (cpu-ns/op), the peak heap in use
// while writing (sampled every 5 ms), the workbook's size and codings per
// second. The documents are made one at a time from a template, so the
// benchmark itself holds one document.

const (
	benchDocs        = 1000
	benchSegsPerDoc  = 100
	benchCodesPerSeg = 2
)

// benchDocument makes document n of the benchmark with its codings.
func benchDocument(n int) (*corpus.Document, []analysis.Coding) {
	sentences := []string{
		"Mijn moeder haalt de kinderen twee keer per week op van school en dan gaan ze naar de speeltuin.",
		"De buurvrouw let soms op, maar ze kan het eigenlijk niet meer aan met haar eigen kleinkinderen erbij.",
		"Op het schoolplein praat ik met andere ouders, dat is fijn want ik ken hier verder niet veel mensen.",
		"Bij de voetbalclub is de trainer ook onze buurman, dus hij brengt onze zoon vaak mee naar huis.",
	}
	codes := [][2]string{{"rel.grandparent", "moeder"}, {"place.playground", "speeltuin"}, {"rel.neighbour", "buurvrouw"},
		{"fac.school", "school"}, {"place.schoolyard", "schoolplein"}, {"rel.other_parents", "ouders"},
		{"fac.sports_club", "voetbalclub"}, {"rel.coach", "trainer"}}
	id := fmt.Sprintf("G%04d/interview_%d.txt", n/2, n)
	doc := &corpus.Document{ID: id, Format: "txt", Meta: corpus.Metadata{Case: fmt.Sprintf("G%04d", n/2), Kind: corpus.KindTranscript}}
	doc.Turns = []corpus.Turn{{Index: 0, Speaker: "Moeder", Role: corpus.RoleParent, Voice: corpus.VoiceOwn}}
	var codings []analysis.Coding
	pos := 0
	for i := 0; i < benchSegsPerDoc; i++ {
		text := sentences[i%len(sentences)]
		runes := len([]rune(text))
		seg := corpus.Segment{ID: id + "#" + strconv.Itoa(i+1), N: i + 1, Turn: 0,
			Span: corpus.Span{Start: pos, End: pos + runes}, Text: text, Line: i + 1}
		doc.Segments = append(doc.Segments, seg)
		for j := 0; j < benchCodesPerSeg; j++ {
			c := codes[(i*benchCodesPerSeg+j)%len(codes)]
			codings = append(codings, analysis.Coding{Doc: id, Case: doc.Meta.Case, Speaker: "Moeder",
				Role: corpus.RoleParent, Voice: corpus.VoiceOwn, Segment: seg.ID, SegN: seg.N,
				Start: pos + 3, End: pos + 3 + len([]rune(c[1])), Code: c[0], Category: analysis.CatRelation,
				Term: c[1], Rule: c[1], How: "exact", Source: analysis.SourceAuto, Line: seg.Line, Text: text})
		}
		pos += runes + 1
	}
	return doc, codings
}

// peakHeap samples HeapInuse until stop is closed and returns the peak.
func peakHeap(stop <-chan struct{}, wg *sync.WaitGroup, peak *uint64) {
	defer wg.Done()
	var ms runtime.MemStats
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		runtime.ReadMemStats(&ms)
		if ms.HeapInuse > *peak {
			*peak = ms.HeapInuse
		}
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}

func BenchmarkWorkbook200k(b *testing.B) { benchWorkbook(b, benchDocs) }

// BenchmarkWorkbook50k writes a quarter of the codings: its peak heap
// should be about that of 200k (memory stays flat).
func BenchmarkWorkbook50k(b *testing.B) { benchWorkbook(b, benchDocs/4) }

func benchWorkbook(b *testing.B, docs int) {
	dir := b.TempDir()
	path := filepath.Join(dir, XLSXFile)
	r := &analysis.Results{}
	b.ReportAllocs()
	var peak uint64
	var size int64
	cpu := testutil.ProcessCPU()
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		var p uint64
		go peakHeap(stop, &wg, &p)

		w, err := NewWorkbook(LangNL, nil)
		if err != nil {
			b.Fatal(err)
		}
		for d := 0; d < docs; d++ {
			doc, codings := benchDocument(d)
			if err := w.AddDocument(doc, codings); err != nil {
				b.Fatal(err)
			}
		}
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		bw := bufio.NewWriterSize(f, 256<<10)
		if err := w.Close(bw, r, nil); err != nil {
			b.Fatal(err)
		}
		if err := bw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		close(stop)
		wg.Wait()
		peak = max(peak, p-min(p, base.HeapInuse))
		st, _ := os.Stat(path)
		size = st.Size()
	}
	reportCPU(b, cpu) // includes making the documents, as time does
	codings := float64(docs * benchSegsPerDoc * benchCodesPerSeg)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(size)/(1<<20), "file-MB")
	b.ReportMetric(codings*float64(b.N)/b.Elapsed().Seconds(), "codings/s")
}
