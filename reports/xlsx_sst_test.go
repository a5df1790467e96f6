package reports

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// addWithTable returns an add function for writeDemoWorkbookWith that
// limits the streamed sheets' shared strings to maxCount texts (0: every
// cell an inline string, as before shared strings) and adds the documents
// with AddDocument.
func addWithTable(maxCount int) func(w *WorkbookWriter, docs []*corpus.Document, codings [][]analysis.Coding) error {
	return func(w *WorkbookWriter, docs []*corpus.Document, codings [][]analysis.Coding) error {
		w.sst.maxCount = maxCount
		for i := range docs {
			if err := w.AddDocument(docs[i], codings[i]); err != nil {
				return err
			}
		}
		return nil
	}
}

// sharedColumns are the columns of the streamed sheets written as shared
// strings.
var sharedColumns = map[string]string{
	"Coderingen": "ABCDEIJKMOPQ", // doc case speaker role voice code category term source rule how neg_cue
	"Fragmenten": "ABCDE",        // doc case speaker role voice
}

// streamedBase returns the streamed sheet that sheet is a part of, or "".
func streamedBase(sheet string) string {
	for base := range sharedColumns {
		if sheet == base || strings.HasPrefix(sheet, base+" (") {
			return base
		}
	}
	return ""
}

// TestWorkbookSharedStrings checks the streamed sheets' shared strings on
// the demo workbook, also with continuation sheets: every cell of every
// sheet holds the same text as in the workbook written with inline
// strings only (read both with excelize and with encoding/xml), so
// excelize's own shared strings (header rows, summary sheets) still point
// at their texts after the streamed sheets' strings were put before them;
// the repeated columns are shared strings, the others not; the table's
// counts are right. With a table limited to a few texts, the texts past
// the limit are inline strings and the values still the same.
func TestWorkbookSharedStrings(t *testing.T) {
	for _, limit := range []int{0, 100} {
		inline := writeDemoWorkbookWith(t, LangNL, nil, limit, nil, addWithTable(0))
		inlineData := mustRead(t, inline.path)
		want := readRawBook(t, inlineData)
		wantRows := allRows(t, inline.path)
		for _, maxCount := range []int{maxSharedStrings, 5} {
			t.Run(fmt.Sprintf("limit %d table %d", limit, maxCount), func(t *testing.T) {
				run := writeDemoWorkbookWith(t, LangNL, nil, limit, nil, addWithTable(maxCount))
				data := mustRead(t, run.path)
				got := readRawBook(t, data)
				if !slices.Equal(slices.Sorted(maps.Keys(got.cells)), slices.Sorted(maps.Keys(want.cells))) {
					t.Fatalf("sheets %q, want %q", slices.Sorted(maps.Keys(got.cells)), slices.Sorted(maps.Keys(want.cells)))
				}
				if limit > 0 && !slices.Contains(slices.Collect(maps.Keys(got.cells)), "Coderingen (2)") {
					t.Fatal("no continuation sheet: the test needs one")
				}
				refs, sharedData, inlineData := 0, 0, 0
				for sheet, cells := range got.cells {
					base := streamedBase(sheet)
					for ref, c := range cells {
						if w := want.cells[sheet][ref]; c.text != w.text {
							t.Errorf("%s!%s = %q, want %q", sheet, ref, c.text, w.text)
						}
						if c.t == "s" {
							refs++
						}
						col := strings.TrimRight(ref, "0123456789")
						if base == "" || ref == col+"1" {
							continue
						}
						switch isShared := strings.Contains(sharedColumns[base], col); {
						case isShared && c.t == "s":
							sharedData++
						case isShared && maxCount < maxSharedStrings && c.t == "inlineStr":
							inlineData++
						case isShared:
							t.Errorf("%s!%s: type %q, want a shared string", sheet, ref, c.t)
						case c.t == "s":
							t.Errorf("%s!%s: a shared string in a column not shared", sheet, ref)
						}
					}
					for ref := range want.cells[sheet] {
						if _, ok := cells[ref]; !ok {
							t.Errorf("%s!%s missing", sheet, ref)
						}
					}
				}
				if sharedData == 0 || maxCount < maxSharedStrings && inlineData == 0 {
					t.Errorf("data cells: %d shared strings, %d inline in shared columns", sharedData, inlineData)
				}
				if got.count != refs || got.uniq != len(got.sst) {
					t.Errorf("table count %d uniqueCount %d, want %d and %d", got.count, got.uniq, refs, len(got.sst))
				}
				if maxCount < maxSharedStrings && len(got.sst) != len(want.sst)+maxCount {
					t.Errorf("%d shared strings, want excelize's %d and %d", len(got.sst), len(want.sst), maxCount)
				}
				// excelize reads the same rows.
				gotRows := allRows(t, run.path)
				for sheet, rows := range wantRows {
					if !slices.EqualFunc(gotRows[sheet], rows, slices.Equal) {
						t.Errorf("%s: excelize reads different rows", sheet)
					}
				}
				// The same bytes every time.
				again := writeDemoWorkbookWith(t, LangNL, nil, limit, nil, addWithTable(maxCount))
				names, a := zipEntries(t, data)
				_, b := zipEntries(t, mustRead(t, again.path))
				for _, n := range names {
					if n != "[Content_Types].xml" && !bytes.Equal(a[n], b[n]) { // its order varies (excelize)
						t.Errorf("%s differs from one run to the next", n)
					}
				}
			})
		}
	}
}

// allRows returns every sheet's rows as excelize reads them.
func allRows(t *testing.T, path string) map[string][][]string {
	t.Helper()
	f := openXLSX(t, path)
	out := map[string][][]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		out[sheet] = rows
	}
	return out
}

// TestSharedStringsResolve checks the table's indices: in the order the
// texts are met, a text keeps its index in later documents, and past the
// table's limits (count or bytes) new texts are inline strings while the
// texts in the table stay shared. A text longer than a cell holds is cut.
func TestSharedStringsResolve(t *testing.T) {
	tab := newSharedStrings()
	tab.maxCount, tab.maxBytes = 4, 12
	var a, b docStrings
	for _, s := range []string{"doc1", "x", "doc1", "yy"} {
		a.id(s)
	}
	tab.resolve(&a)
	if want := []int32{0, 1, 2}; !slices.Equal(a.global, want) {
		t.Errorf("first document: indices %v, want %v", a.global, want)
	}
	for _, s := range []string{"yy", "zzzzzz", "q", "doc1", "r"} {
		b.id(s)
	}
	tab.resolve(&b)
	// zzzzzz would pass 12 bytes; r the 4 texts.
	if want := []int32{2, -1, 3, 0, -1}; !slices.Equal(b.global, want) {
		t.Errorf("second document: indices %v, want %v", b.global, want)
	}
	if want := []string{"doc1", "x", "yy", "q"}; !slices.Equal(tab.list, want) {
		t.Errorf("table %q, want %q", tab.list, want)
	}
	for i, want := range []string{` t="s"><v>2</v></c>`, ` t="inlineStr"><is><t>zzzzzz</t></is></c>`} {
		if got, _ := b.cell(int32(i)); string(got) != want {
			t.Errorf("cell of text %d: %s, want %s", i, got, want)
		}
	}
	var c docStrings
	long := strings.Repeat("é", 40000)
	if n := utf16Len(c.get(c.id(long))); n != excelize.TotalCellChars {
		t.Errorf("a text of 40000 characters is kept with %d", n)
	}
	if got := string(appendSharedItems(nil, []string{" a&b", "_x0041_", "c\r"})); got !=
		`<si><t xml:space="preserve"> a&amp;b</t></si><si><t>_x005F_x0041_</t></si><si><t xml:space="preserve">c&#xD;</t></si>` {
		t.Errorf("items %s", got)
	}
}
