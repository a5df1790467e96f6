package reports

import (
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// rawBook is a workbook read with encoding/xml, apart from excelize and
// from the code that wrote it: per sheet name, per cell reference, the
// cell's type (t) and its text as stored (a shared string looked up, an
// inline string's text, else the value); and the shared-string table.
type rawBook struct {
	cells       map[string]map[string]rawCell
	sst         []string
	count, uniq int
}

type rawCell struct{ t, text string }

func readRawBook(t *testing.T, data []byte) rawBook {
	t.Helper()
	_, parts := zipEntries(t, data)
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	unmarshal := func(name string, v any) {
		t.Helper()
		if err := xml.Unmarshal(parts[name], v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	unmarshal("xl/workbook.xml", &wb)
	unmarshal("xl/_rels/workbook.xml.rels", &rels)
	target := map[string]string{}
	var book rawBook
	for _, r := range rels.Rel {
		p := path.Join("xl", r.Target)
		if strings.HasPrefix(r.Target, "/") {
			p = r.Target[1:]
		}
		target[r.ID] = p
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			var sst struct {
				Count  int `xml:"count,attr"`
				Unique int `xml:"uniqueCount,attr"`
				SI     []struct {
					T string   `xml:"t"`
					R []string `xml:"r>t"`
				} `xml:"si"`
			}
			unmarshal(p, &sst)
			book.count, book.uniq = sst.Count, sst.Unique
			for _, si := range sst.SI {
				book.sst = append(book.sst, si.T+strings.Join(si.R, ""))
			}
		}
	}
	book.cells = map[string]map[string]rawCell{}
	for _, s := range wb.Sheets {
		var ws struct {
			Cells []struct {
				R  string `xml:"r,attr"`
				T  string `xml:"t,attr"`
				V  string `xml:"v"`
				Is string `xml:"is>t"`
			} `xml:"sheetData>row>c"`
		}
		unmarshal(target[s.RID], &ws)
		cells := map[string]rawCell{}
		for _, c := range ws.Cells {
			text := c.V
			switch c.T {
			case "s":
				i, err := strconv.Atoi(c.V)
				if err != nil || i < 0 || i >= len(book.sst) {
					t.Fatalf("%s!%s: shared string %q of %d", s.Name, c.R, c.V, len(book.sst))
				}
				text = book.sst[i]
			case "inlineStr":
				text = c.Is
			}
			cells[c.R] = rawCell{c.T, text}
		}
		book.cells[s.Name] = cells
	}
	return book
}

// TestSharedStringsNoTable adds shared strings to a package excelize
// wrote without a shared-string table: the table is created, with its
// content type and relationship, and the rows spliced in read back.
func TestSharedStringsNoTable(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellInt("Sheet1", "A1", 7); err != nil {
		t.Fatal(err)
	}
	pkg := &capturedZip{}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return pkg })
	if _, err := f.WriteToBuffer(); err != nil {
		t.Fatal(err)
	}
	for _, p := range pkg.parts {
		if strings.Contains(strings.ToLower(p.name), "sharedstrings") {
			t.Fatalf("excelize wrote %s: the test needs a package without shared strings", p.name)
		}
	}
	strs := []string{" voorloop", "a & b", "_x0041_"}
	if err := addSharedStrings(pkg, strs, 3); err != nil {
		t.Fatal(err)
	}
	d, err := newSheetRows()
	if err != nil {
		t.Fatal(err)
	}
	defer d.remove()
	if err := d.write([]byte(`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c></row>`)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var pool flatePool
	if err := spliceWorkbook(&out, pkg, map[string]*sheetRows{"Sheet1": d}, &pool); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rows, err := g.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"7"}, strs}; !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	book := readRawBook(t, out.Bytes())
	// As stored: the text _xHHHH_ is escaped so that it is not read as
	// the character U+HHHH.
	stored := []string{" voorloop", "a & b", "_x005F_x0041_"}
	if !slices.Equal(book.sst, stored) || book.count != 3 || book.uniq != 3 {
		t.Errorf("table %q count %d uniqueCount %d", book.sst, book.count, book.uniq)
	}
	_, parts := zipEntries(t, out.Bytes())
	if !regexp.MustCompile(`<Override PartName="/xl/sharedStrings.xml" ContentType="[^"]*sharedStrings\+xml"/>`).Match(parts["[Content_Types].xml"]) {
		t.Errorf("no content type for the table:\n%s", parts["[Content_Types].xml"])
	}
}

// TestShiftSharedStrings checks the shift of excelize's shared-string
// cells on XML that excelize does not write but could: attributes in any
// order and quoting, prefixes, comments and CDATA that look like cells,
// cells of other types.
func TestShiftSharedStrings(t *testing.T) {
	for _, c := range []struct {
		in, want string
		cells    int
	}{
		{`<sheetData><row r="1"><c r="A1" s="1" t="s"><v>0</v></c><c r="B1" t="s" s="2"><v>12</v></c></row></sheetData>`,
			`<sheetData><row r="1"><c r="A1" s="1" t="s"><v>10</v></c><c r="B1" t="s" s="2"><v>22</v></c></row></sheetData>`, 2},
		{`<c t='s' r='A1'><v> 3 </v></c><c r="B1" t="str"><v>4</v></c><c r="C1"><v>5</v></c><c r="D1" t="n"><v>6</v></c>`,
			`<c t='s' r='A1'><v>13</v></c><c r="B1" t="str"><v>4</v></c><c r="C1"><v>5</v></c><c r="D1" t="n"><v>6</v></c>`, 1},
		{`<x:c r="A1" t="s"><x:v>1</x:v></x:c><c r="A2" t = "s" ><f>A1</f><v>2</v></c>`,
			`<x:c r="A1" t="s"><x:v>11</x:v></x:c><c r="A2" t = "s" ><f>A1</f><v>12</v></c>`, 2},
		{`<!-- <c t="s"><v>1</v></c> --><![CDATA[<c t="s"><v>1</v></c>]]><?pi <c t="s"><v>1</v></c>?><cols><col min="1" max="1"/></cols><c r="A1" t="s"/><v>7</v>`,
			`<!-- <c t="s"><v>1</v></c> --><![CDATA[<c t="s"><v>1</v></c>]]><?pi <c t="s"><v>1</v></c>?><cols><col min="1" max="1"/></cols><c r="A1" t="s"/><v>7</v>`, 0},
		{`<c r="A1" t="inlineStr"><is><t>t="s" <v>1</v></t></is></c><c r="A2" x="a>b" t="s"><v>0</v></c>`,
			`<c r="A1" t="inlineStr"><is><t>t="s" <v>1</v></t></is></c><c r="A2" x="a>b" t="s"><v>10</v></c>`, 1},
		{`<c ts="s"><v>1</v></c><cx t="s"><v>1</v></cx>`, `<c ts="s"><v>1</v></c><cx t="s"><v>1</v></cx>`, 0},
	} {
		got, n, err := shiftSharedStrings([]byte(c.in), 10)
		if err != nil || string(got) != c.want || n != c.cells {
			t.Errorf("shiftSharedStrings(%s) =\n%s, %d cells, %v\nwant\n%s, %d cells", c.in, got, n, err, c.want, c.cells)
		}
	}
	for _, bad := range []string{`<c t="s"><v>x</v></c>`, `<c t="s"><v>-1</v></c>`, `<c t="s"><v><![CDATA[1]]></v></c>`, `<c t="s`} {
		if _, _, err := shiftSharedStrings([]byte(bad), 10); err == nil {
			t.Errorf("shiftSharedStrings(%s): no error", bad)
		}
	}
}
