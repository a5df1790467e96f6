package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The fast paths of the reading code are compared here with the plain
// forms they replace (the ...Ref functions of the *ref_test.go files), on
// many random texts made of the pieces transcripts are made of and of odd
// ones: labels known and unknown, more distinct labels than the small index
// holds, timestamps, bold, list markers, quotes, abbreviations, CR and CRLF,
// BOMs, non-breaking and other Unicode spaces, combining marks, invalid
// UTF-8.

// randomPieces are what randomText strings together.
var randomPieces = []string{
	"Moeder", "moeder", "MOEDER", "Vader", "I", "R", "Interviewer", "SPREKER 2", "Spreker 1",
	"Kind (9)", "Moeder (Fatima)", "p1", "Ëlla", "Zoë", "x", "de buurvrouw", "O'Neil", "A.B. de Vries",
	":", ":", ": ", ": ", " : ", "|", " | ", "**", "__", "**Vader:**", "__Moeder__:",
	"[00:01:23] ", "(00:01:23)", "00:01:23 - ", "00:01:23.500 – ", "10:30", "[12:34]",
	" ", " ", "  ", "\t", "\n", "\n", "\n", "\n\n", "\n \n", "\r\n", "\r", "\v", "\f",
	"\u00a0", "\u0085", "\u2028", "\u3000", "\ufeff", "\u0301", "e\u0301", "\xff", "\xe2\x80", "\x00",
	"ja", "nee", "we gaan naar het park", "De buurvrouw helpt", "het buurthuis", "elke week",
	".", ".", ". ", ". ", "? ", "! ", "?! ", "... ", "… ", "…", "(...)", "..", ".”", ".’ ", "''", " '' ",
	",,", "“", "”", "‘", "’", "„", "«", "»", "\"", "'s Avonds", "'t", "’s", "'s-Hertogenbosch",
	"- ", "* ", "• ", "– ", "— ", "· ", "1. ", "12) ", "a) ", "2)", "(was", "0", "19 jaar",
	"mevr. Jansen", "o.a.", "d.w.z.", "ca. 5", "enz. En", "enz. en", "etc.", "Jan.", "3 jan. 2024",
	"art. 5", "J. Jansen", "B.V. Ik", "z.g.a.n.", "HR.", "www.x.nl", "https://x.nl", "10.30", "3.000",
	"Wat?", "vroeg hij.", "eh...", "Nee.", "(", ")", "[", "]", "Ĳsbrand", "ǅ", "١٢", "𝐀", "ß",
}

// randomText strings n pieces together, with now and then a random rune.
func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		switch r.IntN(20) {
		case 0:
			b.WriteRune(rune(r.IntN(0x3000)))
		case 1:
			fmt.Fprintf(&b, "L%d: ", r.IntN(30)) // many distinct labels
		default:
			b.WriteString(randomPieces[r.IntN(len(randomPieces))])
		}
	}
	return b.String()
}

// randomTranscript makes a text of lines, most of them starting with a
// speaker label (of many forms, and more distinct ones than smallIndex),
// the others without, or blank.
func randomTranscript(r *rand.Rand) string {
	labels := []string{"Moeder", "moeder", "MOEDER", "Vader", "I", "R", "i", "Interviewer", "SPREKER 2",
		"Spreker 1", "Kind (9)", "Moeder (Fatima)", "p1", "Ëlla", "Zoë", "x", "de buurvrouw", "O'Neil",
		"Een label van veel te veel woorden", "Een label dat langer is dan veertig tekens samen", "ǅ", "١٢"}
	seps := []string{":", ": ", ":  ", " :", ":\t", "|", " | ", ":x", ":1", ": ", ": "}
	var b strings.Builder
	for range 1 + r.IntN(40) {
		switch r.IntN(10) {
		case 0:
			b.WriteString([]string{"", " ", "\t", " \t ", "\u00a0"}[r.IntN(5)])
		case 1, 2:
			b.WriteString(randomText(r, r.IntN(8)))
		default:
			if r.IntN(4) == 0 {
				b.WriteString([]string{"[00:01:23] ", "(00:01:23)", "00:01:23 - ", "00:01:23.500 – ", "10:30 ", "[1:2] "}[r.IntN(6)])
			}
			bold := []string{"", "", "", "**", "__", "*"}[r.IntN(6)]
			b.WriteString(bold)
			if r.IntN(3) == 0 {
				fmt.Fprintf(&b, "L%d", r.IntN(20))
			} else {
				b.WriteString(labels[r.IntN(len(labels))])
			}
			if r.IntN(2) == 0 {
				b.WriteString(bold)
			}
			b.WriteString(seps[r.IntN(len(seps))])
			b.WriteString(randomText(r, r.IntN(10)))
		}
		b.WriteString([]string{"\n", "\n", "\n", "\n\n", "\r\n"}[r.IntN(5)])
	}
	return b.String()
}

// TestSplitTurnsMatchesRef compares splitTurns (labels counted in a
// stringIndex, one record per labelled line) and its parseLabel and
// countFields with the plain forms, on 4,000 random transcripts and 4,000
// random texts.
func TestSplitTurnsMatchesRef(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	knowns := []func(string) bool{
		func(string) bool { return false },
		func(l string) bool { return l == "i" || l == "r" || l == "moeder" },
		func(l string) bool { return strings.HasPrefix(l, "l") },
	}
	for i := range 8_000 {
		text := randomTranscript(r)
		if i%2 == 1 {
			text = randomText(r, 1+r.IntN(60))
		}
		for k, known := range knowns {
			got, want := splitTurns(text, known), splitTurnsRef(text, known)
			if !slices.Equal(got, want) {
				t.Fatalf("text %d %q, known %d:\nsplitTurns    %+v\nsplitTurnsRef %+v", i, text, k, got, want)
			}
		}
		for line := range strings.SplitSeq(text, "\n") {
			m, ok := parseLabel(line)
			mr, okr := parseLabelRef(line)
			if ok && line[m.timeOff:m.timeOff+len(m.time)] != m.time {
				t.Fatalf("parseLabel(%q): time %q is not at %d", line, m.time, m.timeOff)
			}
			m.timeOff = 0 // parseLabelRef did not have it
			if m != mr || ok != okr {
				t.Fatalf("parseLabel(%q) = %+v, %v; want %+v, %v", line, m, ok, mr, okr)
			}
			if n, nr := countFields(line), countFieldsRef(line); n != nr {
				t.Fatalf("countFields(%q) = %d, want %d", line, n, nr)
			}
		}
	}
}

// TestStringIndex checks the numbering past the compared keys.
func TestStringIndex(t *testing.T) {
	var x stringIndex
	want := map[string]int{}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		s := fmt.Sprint(r.IntN(100))
		k, ok := want[s]
		if !ok {
			k = len(want)
			want[s] = k
		}
		if got := x.add(s); got != k {
			t.Fatalf("add(%q) = %d, want %d", s, got, k)
		}
	}
	if len(x.keys) != len(want) {
		t.Fatalf("%d keys, want %d", len(x.keys), len(want))
	}
}

// TestSentencesMatchesRef compares appendSentences (eight bytes at a time
// to the next stop, ASCII trims) and listMarkerLen with their plain forms
// on 10,000 random texts and 10,000 random transcripts, at every offset
// for listMarkerLen.
func TestSentencesMatchesRef(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 20_000 {
		text := randomText(r, 1+r.IntN(80))
		if i%2 == 1 {
			text = randomTranscript(r)
		}
		base := r.IntN(100)
		got, want := appendSentences(nil, text, base), appendSentencesRef(nil, text, base)
		if !slices.Equal(got, want) {
			t.Fatalf("text %d %q:\nappendSentences    %v\nappendSentencesRef %v", i, text, got, want)
		}
		for k := range len(text) {
			if m, mr := listMarkerLen(text, k), listMarkerLenRef(text, k); m != mr {
				t.Fatalf("listMarkerLen(%q, %d) = %d, want %d", text, k, m, mr)
			}
		}
	}
}

// TestNextSegmentByte compares nextSegmentByte with a loop over the bytes,
// from every offset of random texts and of every one-byte text.
func TestNextSegmentByte(t *testing.T) {
	plain := func(text string, i int) int {
		for i < len(text) && !segmentByte[text[i]] {
			i++
		}
		return i
	}
	check := func(text string) {
		for i := 0; i <= len(text); i++ {
			if got, want := nextSegmentByte(text, i), plain(text, i); got != want {
				t.Fatalf("nextSegmentByte(%q, %d) = %d, want %d", text, i, got, want)
			}
		}
	}
	for c := range 256 {
		check(string([]byte{byte(c)}))
		check(strings.Repeat("a", 7+c%11) + string([]byte{byte(c)}) + "bc")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 5_000 {
		check(randomText(r, 1+r.IntN(40)))
	}
}

// TestTrimSpaceRange compares trimSpaceRange with strings.TrimFunc.
func TestTrimSpaceRange(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 20_000 {
		text := randomText(r, 1+r.IntN(12))
		a := r.IntN(len(text) + 1)
		b := a + r.IntN(len(text)-a+1)
		s, e := trimSpaceRange(text, a, b)
		seg := text[a:b]
		left := strings.TrimLeftFunc(seg, unicode.IsSpace)
		ws := a + len(seg) - len(left)
		we := ws + len(strings.TrimRightFunc(left, unicode.IsSpace))
		if s != ws || e != we {
			t.Fatalf("trimSpaceRange(%q, %d, %d) = %d, %d; want %d, %d", text, a, b, s, e, ws, we)
		}
	}
}

// TestLookupAbbrevMatchesRef compares lookupAbbrev (with its filter) with
// the plain lookup on every key in several spellings, on the words of
// random texts, and on random strings of letters and periods.
func TestLookupAbbrevMatchesRef(t *testing.T) {
	check := func(w string) {
		k, ok := lookupAbbrev(w)
		kr, okr := lookupAbbrevRef(w)
		if k != kr || ok != okr {
			t.Fatalf("lookupAbbrev(%q) = %v, %v; want %v, %v", w, k, ok, kr, okr)
		}
	}
	found := 0
	for key := range dutchAbbrevs {
		for _, w := range []string{key, strings.ToUpper(key), strings.ToUpper(key[:1]) + key[1:], key + ".", key[:len(key)-1], key + "s", "." + key} {
			check(w)
		}
		if _, ok := lookupAbbrev(key); ok {
			found++
		}
	}
	if found != len(dutchAbbrevs) {
		t.Fatalf("%d of %d keys found", found, len(dutchAbbrevs))
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 2_000 {
		for _, w := range strings.Fields(randomText(r, 20)) {
			check(w)
		}
	}
	const letters = "abcdeimnoprstvzAEMNST."
	for range 200_000 {
		b := make([]byte, 1+r.IntN(6))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		check(string(b))
	}
}

// TestCountWordsLongMatchesRef compares CountWords (eight ASCII bytes at a
// time) with countWordsRef on long random texts and transcripts, and on
// random runs of letters, digits, joiners, spaces and non-ASCII runes,
// from every starting offset of the first bytes (so that the eight-byte
// blocks fall everywhere).
func TestCountWordsLongMatchesRef(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	const alphabet = "aZ09 '-.\n\t,é’—ß"
	runes := []rune(alphabet)
	for i := range 6_000 {
		var text string
		switch i % 3 {
		case 0:
			text = randomText(r, 1+r.IntN(100))
		case 1:
			text = randomTranscript(r)
		default:
			b := make([]rune, 1+r.IntN(200))
			for k := range b {
				b[k] = runes[r.IntN(len(runes))]
			}
			text = string(b)
		}
		for from := range min(len(text), 9) {
			if got, want := CountWords(text[from:]), countWordsRef(text[from:]); got != want {
				t.Fatalf("CountWords(%q) = %d, want %d", text[from:], got, want)
			}
		}
	}
}

// TestIsNFCMatchesNorm compares isNFC with norm.NFC.IsNormalString: every
// code point of planes 0 to 2 alone and between ASCII neighbours, then
// random strings of ASCII letters and the code points that are not NFC
// alone or after an ASCII letter or that have a combining class (marks,
// Hangul jamo, singletons, ...), invalid bytes and ASCII about nfcGap
// long, and random texts.
func TestIsNFCMatchesNorm(t *testing.T) {
	check := func(s string) {
		if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Fatalf("isNFC(%q) = %v, want %v", s, got, want)
		}
	}
	var odd []string
	for r := rune(0); r < 0x30000; r++ {
		c := string(r)
		for _, s := range []string{c, "a" + c, c + "b", "e" + c + " ", "<" + c + "x", "\u1100" + c} {
			check(s)
		}
		if !norm.NFC.IsNormalString(c) || !norm.NFC.IsNormalString("a"+c) || !norm.NFC.IsNormalString("<"+c) ||
			norm.NFC.PropertiesString(c).CCC() != 0 || !norm.NFC.PropertiesString(c).BoundaryBefore() {
			odd = append(odd, c)
		}
	}
	if len(odd) < 1000 {
		t.Fatalf("only %d odd code points", len(odd))
	}
	odd = append(odd, "\xff", "\xe2\x80", "\xcc", "é", "…", "’", "\u1161", "\u11a8", "\uac00")
	ascii := []string{"a", "e", "A", "<", ">", "=", " ", "\n", "k", "0"}
	r := rand.New(rand.NewPCG(15, 16))
	for range 200_000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			switch r.IntN(5) {
			case 0:
				// ASCII about as long as nfcGap, so that runs are checked
				// apart and together.
				b.WriteString(strings.Repeat("x", nfcGap-4+r.IntN(8)))
			case 1, 2:
				b.WriteString(ascii[r.IntN(len(ascii))])
			default:
				b.WriteString(odd[r.IntN(len(odd))])
			}
		}
		check(b.String())
	}
	for range 5_000 {
		check(randomText(r, 1+r.IntN(60)))
	}
}
