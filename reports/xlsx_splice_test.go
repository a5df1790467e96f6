package reports

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

func TestCRC32Combine(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {0, 5}, {5, 0}, {1, 1}, {100, 3}, {7, 70000}, {65536, 1 << 20}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rng.IntN(256))
		}
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		want := crc32.ChecksumIEEE(append(slices.Clone(a), b...))
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		if got != want {
			t.Errorf("lengths %v: combined %08x, want %08x", n, got, want)
		}
	}
}

func TestAppendXMLText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain tekst", "plain tekst"},
		{"a & b < c > d", "a &amp; b &lt; c &gt; d"},
		{"regel\r\nregel\tkolom", "regel&#xD;\nregel\tkolom"},
		{"x\x00y\x1fz", "x\uFFFDy\uFFFDz"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"\uFFFEx", "\uFFFDx"},
		{"_x0041_ en _xZZZZ_ en _x00", "_x005F_x0041_ en _xZZZZ_ en _x00"},
		{"één café 🙂", "één café 🙂"},
		{"=SUM(A1)\"'", "=SUM(A1)\"'"},
	} {
		if got := string(appendXMLText(nil, c.in)); got != c.want {
			t.Errorf("appendXMLText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWorkbookStreamedText checks that texts needing escapes in the
// streamed Codings rows read back as written (invalid characters as
// U+FFFD), with a leading or trailing space kept.
func TestWorkbookStreamedText(t *testing.T) {
	texts := []string{" voorloop en naloop ", "a & <b> \"c\"", "regel\r\nregel", "_x0041_ letterlijk", "bad \x01 teken"}
	want := []string{" voorloop en naloop ", "a & <b> \"c\"", "regel\r\nregel", "_x0041_ letterlijk", "bad \uFFFD teken"}
	injected := false
	run := writeDemoWorkbook(t, LangNL, nil, 0, func(doc *corpus.Document, codings []analysis.Coding) []analysis.Coding {
		if len(codings) == 0 || injected {
			return codings
		}
		injected = true
		for _, s := range texts {
			k := codings[0]
			k.Speaker = s
			codings = append(codings, k)
		}
		return codings
	})
	f := openXLSX(t, run.path)
	rows, err := f.GetRows("Coderingen")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows[1:] {
		if len(row) > 2 && (slices.Contains(want, row[2])) {
			got = append(got, row[2])
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("speakers read back %q, want %q", got, want)
	}
}

// TestTemporaryFilesLeftBehind checks that writers leave no temporary
// files behind, whether closed, discarded or abandoned (a run that failed
// before its end), and that Discard ends a writer.
func TestTemporaryFilesLeftBehind(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("open files cannot be unlinked on Windows: Discard or Close removes them")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	book, err := analysis.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	doc := &corpus.Document{ID: "d1", Text: "Mijn buurvrouw helpt."}
	for _, end := range []string{"discard", "abandon"} {
		w, err := NewWorkbook(LangNL, book.Spec())
		if err != nil {
			t.Fatal(err)
		}
		q, err := NewQDPX(io.Discard, book.Spec(), "test")
		if err != nil {
			t.Fatal(err)
		}
		if err := w.AddDocument(doc, nil); err != nil {
			t.Fatal(err)
		}
		if err := q.AddDocument(doc, nil); err != nil {
			t.Fatal(err)
		}
		if end == "discard" {
			if err := w.Discard(); err != nil {
				t.Fatal(err)
			}
			if err := q.Discard(); err != nil {
				t.Fatal(err)
			}
			if err := w.Discard(); err != nil {
				t.Errorf("second Discard: %v", err)
			}
			if err := w.AddDocument(doc, nil); err == nil {
				t.Error("AddDocument after Discard: no error")
			}
			if err := q.AddDocument(doc, nil); err == nil {
				t.Error("QDPX AddDocument after Discard: no error")
			}
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			t.Errorf("%s: temporary file %s left behind", end, e.Name())
		}
	}
}

// TestSheetRowsInMemory checks that rows kept in memory, in memory until
// the budget runs out and then in a temporary file, or in a file from the
// start, make the same archive entry, that the memory is given back, and
// that no temporary file keeps a name.
func TestSheetRowsInMemory(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	rng := rand.New(rand.NewPCG(61, 67))
	var pieces [][]byte
	for range 3000 {
		p := []byte(hostileText(rng, 200))
		if rng.IntN(10) == 0 {
			p = make([]byte, rng.IntN(300<<10)) // incompressible, big
			for i := range p {
				p[i] = byte(rng.Uint32())
			}
		}
		pieces = append(pieces, p)
	}
	var want []byte
	for _, p := range pieces {
		want = append(want, p...)
	}
	var archives [][]byte
	for _, budget := range []int64{-1, 0, 100 << 10, 3 << 20, 1 << 40} {
		var d *sheetRows
		var mem *memBudget
		if budget < 0 {
			var err error
			if d, err = newSheetRows(); err != nil {
				t.Fatal(err)
			}
		} else {
			mem = newMemBudget(budget)
			d = newMemSheetRows(mem)
		}
		for _, p := range pieces {
			if err := d.write(p); err != nil {
				t.Fatal(err)
			}
		}
		inFile := d.out.file != nil
		if budget >= 0 && inFile != (budget < int64(len(want))/2) {
			t.Errorf("budget %d: in a file %v", budget, inFile)
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		var pool flatePool
		if err := writeSpliced(zw, &zip.FileHeader{Name: "x.xml"}, []byte("<head>"), d, []byte("</tail>"), &pool); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(dir); runtime.GOOS != "windows" && len(entries) > 0 {
			t.Errorf("budget %d: temporary file %s has a name", budget, entries[0].Name())
		}
		if err := d.remove(); err != nil {
			t.Fatal(err)
		}
		if mem != nil && mem.left.Load() != budget {
			t.Errorf("budget %d: %d left after remove", budget, mem.left.Load())
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		rc, err := zr.File[0].Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // checks the CRC-32 too
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, slices.Concat([]byte("<head>"), want, []byte("</tail>"))) {
			t.Errorf("budget %d: the entry differs from what was written", budget)
		}
		archives = append(archives, buf.Bytes())
	}
	for i := 1; i < len(archives); i++ {
		if !bytes.Equal(archives[i], archives[0]) {
			t.Errorf("archive %d differs from the one written through a temporary file", i)
		}
	}
}

// TestSortDefaults checks that the content types' <Default> elements come
// out sorted by extension, the rest as it was, and that a list it cannot
// read is left alone.
func TestSortDefaults(t *testing.T) {
	head := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<Types xmlns="x">`
	tail := `<Override PartName="/xl/workbook.xml" ContentType="w"></Override></Types>`
	d := func(ext string) string {
		return `<Default Extension="` + ext + `" ContentType="image/` + ext + `"></Default>`
	}
	got := string(sortDefaults([]byte(head + d("xml") + d("png") + `<Default Extension="bmp" ContentType="b"/>` + d("emf") + tail)))
	want := head + `<Default Extension="bmp" ContentType="b"/>` + d("emf") + d("png") + d("xml") + tail
	if got != want {
		t.Errorf("sortDefaults:\ngot  %s\nwant %s", got, want)
	}
	for _, bad := range []string{
		head + tail,
		head + d("xml") + `<Default ContentType="b"></Default>` + d("a") + tail,
		head + d("xml") + `<Default Extension="b">x</Default>` + d("a") + tail,
		head + d("xml") + `<Default Extension="b"`,
	} {
		if got := string(sortDefaults([]byte(bad))); got != bad {
			t.Errorf("sortDefaults(%q) = %q, want it unchanged", bad, got)
		}
	}
}

// TestWorkbookDeterministic checks that the same input gives the same
// workbook, byte for byte (excelize adds some content types in a map's
// order: sortDefaults).
func TestWorkbookDeterministic(t *testing.T) {
	r, m := demoResults(t)
	var files [][]byte
	for range 3 {
		w, err := NewWorkbook(LangNL, nil)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := w.Close(&buf, r, m); err != nil {
			t.Fatal(err)
		}
		files = append(files, buf.Bytes())
	}
	for i := 1; i < len(files); i++ {
		if !bytes.Equal(files[i], files[0]) {
			t.Errorf("workbook %d differs from the first", i+1)
		}
	}
}

// TestCRC32CombineMatchesMatrices compares crc32Combine with zlib's older
// form, which squares 32x32 bit matrices (kept here as the reference), on
// random CRCs and lengths up to 2^50.
func TestCRC32CombineMatchesMatrices(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		c1, c2 := rng.Uint32(), rng.Uint32()
		n := int64(rng.Uint64() >> (14 + rng.IntN(50)))
		if i < 100 {
			n = int64(i)
		}
		want := crc32CombineMatrices(c1, c2, n)
		if got := crc32Combine(c1, c2, n); got != want {
			t.Fatalf("crc32Combine(%08x, %08x, %d) = %08x, want %08x", c1, c2, n, got, want)
		}
	}
}

// crc32CombineMatrices is zlib's crc32_combine before 1.2.12.
func crc32CombineMatrices(crc1, crc2 uint32, len2 int64) uint32 {
	if len2 <= 0 {
		return crc1
	}
	times := func(mat *[32]uint32, vec uint32) uint32 {
		var sum uint32
		for i := 0; vec != 0; i++ {
			if vec&1 != 0 {
				sum ^= mat[i]
			}
			vec >>= 1
		}
		return sum
	}
	square := func(sq, mat *[32]uint32) {
		for n := range 32 {
			sq[n] = times(mat, mat[n])
		}
	}
	var even, odd [32]uint32
	odd[0] = crc32.IEEE
	row := uint32(1)
	for n := 1; n < 32; n++ {
		odd[n] = row
		row <<= 1
	}
	square(&even, &odd)
	square(&odd, &even)
	for {
		square(&even, &odd)
		if len2&1 != 0 {
			crc1 = times(&even, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
		square(&odd, &even)
		if len2&1 != 0 {
			crc1 = times(&odd, crc1)
		}
		len2 >>= 1
		if len2 == 0 {
			break
		}
	}
	return crc1 ^ crc2
}

func BenchmarkCRC32Combine(b *testing.B) {
	for i := 0; i < b.N; i++ {
		crc32Combine(uint32(i), 0x12345678, 123456+int64(i&1023))
	}
}
