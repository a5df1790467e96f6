package analysis

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzReadCodebookXLSX: ReadXLSX (the codebook workbook) never panics,
// names the file in every error, and what it reads is a spec that
// Validate can judge and WriteXLSX can write. Opening a workbook is slow
// (a few hundred per second), so the seeds are two small codebooks.
func FuzzReadCodebookXLSX(f *testing.F) {
	data, err := os.ReadFile("testdata/codebooks/mini.yaml")
	if err != nil {
		f.Fatal(err)
	}
	spec, err := LoadCodebook("mini.yaml", data)
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, spec); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		spec, err := ReadXLSX("f.xlsx", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.xlsx") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		_ = spec.Validate()
		var out bytes.Buffer
		_ = WriteXLSX(&out, spec)
	})
}

// TestCodebookXLSXSeedReads checks that the workbook seed of
// FuzzReadCodebookXLSX reads back, so that fuzzing starts from valid input.
func TestCodebookXLSXSeedReads(t *testing.T) {
	data, err := os.ReadFile("testdata/codebooks/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	spec, err := LoadCodebook("mini.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, spec); err != nil {
		t.Fatal(err)
	}
	back, err := ReadXLSX("mini.xlsx", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Codes) != len(spec.Codes) || len(back.Codes) == 0 {
		t.Errorf("read %d codes back, wrote %d", len(back.Codes), len(spec.Codes))
	}
}

// FuzzReadDecisions: ReadDecisions (the review decisions file) never
// panics, every error names the file, and the decisions it returns write
// and read back unchanged.
func FuzzReadDecisions(f *testing.F) {
	sha := strings.Repeat("ab", 32)
	head := strings.Join(DecisionsHeader(), "\t") + "\n"
	f.Add([]byte(head + sha + "\tG01/a.txt\t3\t12\trel.buren\treject\t\tbuurvrouw\tniet zo\tAB\t2025-01-02\n"))
	f.Add([]byte(head + sha + "\ta\t1\t2\tc\tchange\td\tx\\ty\\\\\t\t\t\n\n" + sha + "\ta\t1\t2\tc\tadd\t\t\t\t\t\n"))
	f.Add([]byte("doc\tstart\n\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadDecisions("d.tsv", bytes.NewReader(data))
		if err != nil {
			if !strings.Contains(err.Error(), "d.tsv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := WriteDecisions(&buf, ds); err != nil {
			return
		}
		back, err := ReadDecisions("e.tsv", &buf)
		if err != nil {
			t.Fatalf("written decisions do not read back: %v\n%s", err, buf.String())
		}
		if len(back) != len(ds) {
			t.Fatalf("%d decisions read back, %d written", len(back), len(ds))
		}
	})
}
