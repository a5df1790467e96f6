package demo

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// metadataRow is one row of files/metadata.csv.
type metadataRow struct {
	line                                 int
	file, caseID, kind, wijk, wave, date string
	speakers, gezinssamenstelling        string
}

func readMetadata(t *testing.T, fsys fs.FS) []metadataRow {
	t.Helper()
	b, err := fs.ReadFile(fsys, "metadata.csv")
	if err != nil {
		t.Fatalf("reading metadata.csv: %v", err)
	}
	if !utf8.Valid(b) || bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("metadata.csv: want UTF-8 without BOM")
	}
	r := csv.NewReader(bytes.NewReader(b))
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("metadata.csv: %v", err)
	}
	wantHeader := []string{"file", "case", "kind", "wijk", "wave", "date", "speakers", "gezinssamenstelling"}
	if len(recs) == 0 || !slices.Equal(recs[0], wantHeader) {
		t.Fatalf("metadata.csv header = %q, want %q", recs[0], wantHeader)
	}
	var rows []metadataRow
	for i, rec := range recs[1:] {
		rows = append(rows, metadataRow{
			line: i + 2, file: rec[0], caseID: rec[1], kind: rec[2], wijk: rec[3],
			wave: rec[4], date: rec[5], speakers: rec[6], gezinssamenstelling: rec[7],
		})
	}
	return rows
}

// TestMetadataMatchesFiles checks that metadata.csv and the embedded tree
// describe the same set of documents.
func TestMetadataMatchesFiles(t *testing.T) {
	fsys := FS()
	rows := readMetadata(t, fsys)
	listed := map[string]bool{}
	for _, r := range rows {
		if listed[r.file] {
			t.Errorf("metadata.csv:%d: %s listed twice", r.line, r.file)
		}
		listed[r.file] = true
		fi, err := fs.Stat(fsys, r.file)
		if err != nil {
			t.Errorf("metadata.csv:%d: listed file %s: %v", r.line, r.file, err)
			continue
		}
		if !fi.Mode().IsRegular() || fi.Size() == 0 {
			t.Errorf("metadata.csv:%d: %s is not a non-empty regular file", r.line, r.file)
		}
	}
	var seen int
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || p == "metadata.csv" || strings.HasPrefix(strings.ToLower(path.Base(p)), "readme") {
			return nil
		}
		seen++
		if !listed[p] {
			t.Errorf("%s is in the corpus but not in metadata.csv", p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking demo FS: %v", err)
	}
	if seen != len(rows) {
		t.Errorf("corpus holds %d documents, metadata.csv lists %d", seen, len(rows))
	}
}

// TestMetadataValues checks each row's values against the metadata contract
// of DESIGN.md, and that the corpus shows what the demo promises: several
// families, wijken, formats, roles, notes and two waves of one family.
func TestMetadataValues(t *testing.T) {
	rows := readMetadata(t, FS())
	roles := []string{"interviewer", "parent", "child", "youth", "family", "professional", "other"}
	caseRe := regexp.MustCompile(`^G\d\d$`)
	cases, wijken, exts, rolesSeen, kinds := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	waves := map[string]map[string]bool{}
	for _, r := range rows {
		where := "metadata.csv:" + strconv.Itoa(r.line)
		if !caseRe.MatchString(r.caseID) {
			t.Errorf("%s: case %q, want G01-style", where, r.caseID)
		}
		if !strings.HasPrefix(r.file, r.caseID+"/") {
			t.Errorf("%s: %s is not in the folder of case %s", where, r.file, r.caseID)
		}
		if r.kind != "transcript" && r.kind != "notes" {
			t.Errorf("%s: kind %q, want transcript or notes", where, r.kind)
		}
		if _, err := time.Parse(time.DateOnly, r.date); err != nil {
			t.Errorf("%s: date %q is not ISO: %v", where, r.date, err)
		}
		if w, err := strconv.Atoi(r.wave); err != nil || w < 1 {
			t.Errorf("%s: wave %q, want a positive integer", where, r.wave)
		}
		if r.wijk == "" || r.gezinssamenstelling == "" {
			t.Errorf("%s: empty wijk or gezinssamenstelling", where)
		}
		if r.kind == "notes" && r.speakers != "" {
			t.Errorf("%s: notes should have no speaker map, got %q", where, r.speakers)
		}
		if r.kind == "transcript" {
			if r.speakers == "" {
				t.Errorf("%s: transcript without speaker map", where)
			}
			for _, pair := range strings.Split(r.speakers, ";") {
				label, role, ok := strings.Cut(pair, "=")
				if !ok || strings.TrimSpace(label) == "" || !slices.Contains(roles, role) {
					t.Errorf("%s: bad speaker mapping %q", where, pair)
					continue
				}
				rolesSeen[role] = true
			}
		}
		cases[r.caseID] = true
		wijken[r.wijk] = true
		exts[path.Ext(r.file)] = true
		kinds[r.kind] = true
		if waves[r.caseID] == nil {
			waves[r.caseID] = map[string]bool{}
		}
		waves[r.caseID][r.wave] = true
	}
	if len(rows) < 10 || len(cases) < 5 || len(wijken) < 3 {
		t.Errorf("corpus has %d documents, %d cases, %d wijken; want at least 10, 5, 3", len(rows), len(cases), len(wijken))
	}
	for _, ext := range []string{".txt", ".md", ".docx", ".odt", ".vtt", ".srt", ".csv", ".xlsx"} {
		if !exts[ext] {
			t.Errorf("no %s document in the corpus", ext)
		}
	}
	for _, role := range []string{"interviewer", "parent", "child", "youth"} {
		if !rolesSeen[role] {
			t.Errorf("no speaker with role %s", role)
		}
	}
	if !kinds["notes"] {
		t.Error("no session notes in the corpus")
	}
	multi := false
	for _, w := range waves {
		multi = multi || len(w) >= 2
	}
	if !multi {
		t.Error("no family with two waves")
	}
}

// TestFrontMatterAgrees checks that YAML front matter in .md documents says
// the same as metadata.csv, so precedence never changes the demo's results.
func TestFrontMatterAgrees(t *testing.T) {
	fsys := FS()
	for _, r := range readMetadata(t, fsys) {
		if path.Ext(r.file) != ".md" {
			continue
		}
		b, err := fs.ReadFile(fsys, r.file)
		if err != nil {
			t.Fatal(err)
		}
		front := map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(b))
		if !sc.Scan() || sc.Text() != "---" {
			t.Errorf("%s: no front matter", r.file)
			continue
		}
		for sc.Scan() && sc.Text() != "---" {
			k, v, _ := strings.Cut(sc.Text(), ":")
			front[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
		want := map[string]string{"case": r.caseID, "wave": r.wave, "date": r.date, "wijk": r.wijk, "kind": r.kind}
		for k, v := range want {
			if got, ok := front[k]; ok && got != v {
				t.Errorf("%s: front matter %s = %q, metadata.csv says %q", r.file, k, got, v)
			}
		}
		if front["case"] == "" {
			t.Errorf("%s: front matter has no case", r.file)
		}
	}
}

// TestEncodings pins the encodings README.md documents: one Windows-1252
// Word export, everything else UTF-8, and a corpus small enough to embed.
func TestEncodings(t *testing.T) {
	fsys := FS()
	const cp1252 = "G01/wave1/G01_ronde1_moeder.txt"
	var total int64
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		total += fi.Size()
		switch path.Ext(p) {
		case ".txt", ".md", ".vtt", ".srt", ".csv":
		default:
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if p == cp1252 {
			if utf8.Valid(b) {
				t.Errorf("%s: want Windows-1252 bytes, got valid UTF-8", p)
			}
			if !bytes.Contains(b, []byte{'\xe9'}) || !bytes.Contains(b, []byte("\r\n")) {
				t.Errorf("%s: want Windows-1252 é (0xE9) and CRLF line ends", p)
			}
			return nil
		}
		if !utf8.Valid(b) {
			t.Errorf("%s: not valid UTF-8", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > 300<<10 {
		t.Errorf("corpus is %d bytes, want at most 300 KiB", total)
	}
}
