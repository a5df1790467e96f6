package analysis

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/pbasis/pbasis/internal/testutil"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []Token
	}{
		{"De buurvrouw, oma’s en de WhatsApp-groep.", []Token{
			{"De", "de", 0, 2}, {"buurvrouw", "buurvrouw", 3, 12}, {"oma’s", "oma's", 14, 19},
			{"en", "en", 20, 22}, {"de", "de", 23, 25}, {"WhatsApp-groep", "whatsappgroep", 26, 40},
		}},
		{"Crèche — geïnteresseerd; groep 3.", []Token{
			{"Crèche", "creche", 0, 6}, {"geïnteresseerd", "geinteresseerd", 9, 23}, {"groep", "groep", 25, 30}, {"3", "3", 31, 32},
		}},
		{"ouder- en kindcentrum 'niet'", []Token{
			{"ouder", "ouder", 0, 5}, {"en", "en", 7, 9}, {"kindcentrum", "kindcentrum", 10, 21}, {"niet", "niet", 23, 27},
		}},
		{"", nil},
		{"!!! ...", nil},
	}
	for _, tc := range tests {
		got := Tokenize(tc.text)
		if len(got) == 0 && len(tc.want) == 0 {
			continue
		}
		if d := cmp.Diff(tc.want, got); d != "" {
			t.Errorf("Tokenize(%q) (-want +got):\n%s", tc.text, d)
		}
	}
}

func TestTokenizeBreaks(t *testing.T) {
	toks := tokenize("Geen speeltuin, maar wel Europa. Volleybal", nil)
	var brk, proper []bool
	for _, tk := range toks {
		brk = append(brk, tk.brk)
		proper = append(proper, tk.proper)
	}
	if d := cmp.Diff([]bool{true, false, true, false, false, true}, brk); d != "" {
		t.Errorf("brk (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]bool{false, false, false, false, true, false}, proper); d != "" {
		t.Errorf("proper (-want +got):\n%s", d)
	}
}

// TestTokenizeUD checks spans on the UD Dutch sentences: every token's Text
// equals the text at its code-point span, and every word of the gold
// tokenisation that is made of letters only is a token.
func TestTokenizeUD(t *testing.T) {
	path := filepath.Join(testutil.SharedDir(t), "data", "ud_nl_sentences.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		_, text, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		runes := []rune(text)
		for _, tk := range Tokenize(text) {
			if tk.Start < 0 || tk.End > len(runes) || string(runes[tk.Start:tk.End]) != tk.Text {
				t.Fatalf("bad span %d:%d for %q in %q", tk.Start, tk.End, tk.Text, text)
			}
			if utf8.RuneCountInString(tk.Text) != tk.End-tk.Start {
				t.Fatalf("span length mismatch for %q", tk.Text)
			}
			n++
		}
	}
	if n < 30000 {
		t.Errorf("only %d tokens in the UD sentences", n)
	}
}

// TestByteClass checks the tokeniser's byte class table against the rune
// predicates it stands for.
func TestByteClass(t *testing.T) {
	if len(byteClass) != 256 {
		t.Fatalf("byteClass has %d entries, want 256", len(byteClass))
	}
	for b := 0; b < 256; b++ {
		r := rune(b)
		var want byte
		switch {
		case b >= utf8.RuneSelf:
			want = bcHigh
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			want = bcLower
		case 'A' <= r && r <= 'Z':
			want = bcUpper
		case r == '\'':
			want = bcApos
		case r == '-':
			want = bcHyph
		case r == '.' || r == '!' || r == '?' || r == '\n':
			want = bcEnd
		case isBreakRune(r):
			want = bcBreak
		case r == '"':
			want = bcQuote
		default:
			want = bcOther
		}
		if got := byteClass[b]; got != want {
			t.Errorf("byteClass[%q] = %c, want %c", r, got, want)
		}
		if b < utf8.RuneSelf {
			if word := byteClass[b] == bcLower || byteClass[b] == bcUpper; word != isWordRune(r) {
				t.Errorf("byte %q: word class %v, isWordRune %v", r, word, isWordRune(r))
			}
			if join := byteClass[b] == bcApos || byteClass[b] == bcHyph; join != isJoiner(r) {
				t.Errorf("byte %q: joiner class %v, isJoiner %v", r, join, isJoiner(r))
			}
		}
	}
}
