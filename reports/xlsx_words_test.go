package reports

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// refXMLText is appendXMLText as it was before the word-at-a-time path:
// the reference its output must match.
func refXMLText(text string) string {
	var b []byte
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			var esc string
			switch {
			case c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '_', c == '\t', c == '\n':
				i++
				continue
			case c == '&':
				esc = "&amp;"
			case c == '<':
				esc = "&lt;"
			case c == '>':
				esc = "&gt;"
			case c == '\r':
				esc = "&#xD;"
			case c == '_':
				if !isBstrEscape(text[i:]) {
					i++
					continue
				}
				esc = "_x005F_"
			default:
				esc = "\uFFFD"
			}
			b = append(b, text[start:i]...)
			b = append(b, esc...)
			i++
			start = i
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			b = append(b, text[start:i]...)
			b = append(b, "\uFFFD"...)
			i += n
			start = i
			continue
		}
		i += n
	}
	return string(append(b, text[start:]...))
}

// wordTexts returns random texts for the word-at-a-time tests: hostile
// ones, and long runs of plain ASCII with a special character here and
// there, so that every byte of a word takes its turn at being special.
func wordTexts(rng *rand.Rand, n int) []string {
	specials := []string{"&", "<", ">", "_", "_x0041_", "\n", "\t", "\r", "\x00", "\x1f", "\x7f", "=", "?", "@", "^", "`", "~",
		"é", "😀", "\xff", "\xc3", "\ufffe", " ", ";", ":", "/", "\x20", "\x21"}
	var out []string
	for range n {
		out = append(out, hostileText(rng, 40))
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(strings.Repeat("abcdefghij klmnopqrstuvwxyz ABCDEFGHIJ.,"[rng.IntN(20):], 1)[:rng.IntN(20)])
			if rng.IntN(2) == 0 {
				b.WriteString(specials[rng.IntN(len(specials))])
			}
		}
		out = append(out, b.String())
	}
	return out
}

// TestWordPathsMatchReference checks appendXMLText and textLines, which
// skip plain words, against byte-by-byte references.
func TestWordPathsMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 17))
	for _, s := range wordTexts(rng, 20000) {
		want := refXMLText(s)
		if got := string(appendXMLText(nil, s)); got != want {
			t.Fatalf("appendXMLText(%q) = %q, want %q", s, got, want)
		}
		if got := string(appendXMLText([]byte("x"), []byte(s))); got != "x"+want {
			t.Fatalf("appendXMLText(bytes %q) = %q, want %q", s, got, "x"+want)
		}
		for _, w := range []float64{1, 5, 8.43, 60} {
			if got, want := textLines(s, w), oldTextLines(s, w); got != want {
				t.Fatalf("textLines(%q, %v) = %d, want %d", s, w, got, want)
			}
			if got, want := textLines([]byte(s), w), oldTextLines(s, w); got != want {
				t.Fatalf("textLines(bytes %q, %v) = %d, want %d", s, w, got, want)
			}
		}
	}
	// Every byte value at every place of a word.
	for c := 0; c < 256; c++ {
		for at := 0; at < 16; at++ {
			b := []byte(strings.Repeat("abcdefgh", 3))
			b[at] = byte(c)
			s := string(b)
			if got, want := string(appendXMLText(nil, s)), refXMLText(s); got != want {
				t.Fatalf("appendXMLText(%q) = %q, want %q", s, got, want)
			}
			if got, want := textLines(s, 2), oldTextLines(s, 2); got != want {
				t.Fatalf("textLines(%q) = %d, want %d", s, got, want)
			}
		}
	}
}

// benchWordTexts are typical cell texts: segment IDs and sentences.
var benchWordTexts = []string{
	"C00001/wave1/C00001_interview_1.txt#12",
	"Ik zie de kinderen 's ochtends naar school gaan, ik ken de moeders die altijd te laat bij de halte zijn.",
	"Met de buren hebben we een goed contact.",
	"Ik kom van de kust, mijn ouders wonen daar nog, dat is anderhalf uur rijden.",
	"“… ik ken de «moeders» die altijd te laat bij de halte zijn.” — Moeder (ouder), C00001/wave1/C00001_interview_1.txt:3",
	"Café één, daar zaten we vroeger elke zaterdag.",
}

func BenchmarkAppendXMLText(b *testing.B) {
	var buf []byte
	for b.Loop() {
		for _, s := range benchWordTexts {
			buf = appendXMLText(buf[:0], s)
		}
	}
}

func BenchmarkTextLines(b *testing.B) {
	n := 0
	for b.Loop() {
		for _, s := range benchWordTexts {
			n += textLines(s, 60)
		}
	}
	_ = n
}

// asciiText returns a random ASCII text of up to n pieces, drawn from
// pieces that the joiner treats specially.
func asciiText(rng *rand.Rand, n int) string {
	alphabet := []string{"a", "bc", "Z", " ", " ", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x00", "\x01", "\x1f", "\x7f",
		"&", "<", "_x0041_", ".", "'", "de", "kinderen", "school"}
	var b strings.Builder
	for range rng.IntN(n + 1) {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

// TestASCIIContextMatchesReference checks the ASCII paths of the quote
// contexts (joinASCII, appendContextAroundASCII, appendCodingContext of
// an ASCII text) against the references.
func TestASCIIContextMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 23))
	var runes []rune
	for range 20000 {
		s := asciiText(rng, 60)
		if !isASCII(s) {
			t.Fatalf("isASCII(%q) = false", s)
		}
		j := spaceJoiner{b: []byte("x"), start: 1}
		joinASCII(&j, s)
		if got, want := string(j.b[1:]), JoinSpace(s); got != want {
			t.Fatalf("joinASCII(%q) = %q, JoinSpace %q", s, got, want)
		}
		start := rng.IntN(len(s) + 1)
		end := start + rng.IntN(len(s)-start+1)
		around := rng.IntN(40)
		if got, want := string(appendContextAroundASCII(nil, s, start, end, around)), oldContextAround([]rune(s), start, end, around); got != want {
			t.Fatalf("appendContextAroundASCII(%q, %d, %d, %d) = %q, want %q", s, start, end, around, got, want)
		}
		segStart := rng.IntN(50)
		doc := &corpus.Document{Segments: []corpus.Segment{{ID: "d#1", Span: corpus.Span{Start: segStart, End: segStart + len(s)}, Text: s}}}
		k := analysis.Coding{Segment: "d#1", SegN: 1, Start: segStart + start - rng.IntN(2), End: segStart + end + rng.IntN(2), Text: s}
		if rng.IntN(4) == 0 {
			k.SegN = 2
		}
		if len(s) > 2 && rng.IntN(2) == 0 {
			x := rng.IntN(len(s) - 1)
			k.Term = s[x : x+1+rng.IntN(len(s)-x-1)]
		}
		want := oldCodingContext(doc, &k)
		if got := string(appendCodingContext([]byte("prefix"), doc, &k, &runes)[len("prefix"):]); got != want {
			t.Fatalf("coding %+v: context %q, want %q", k, got, want)
		}
	}
	for _, s := range []string{"é", "abcdefgh\x80", "abcdefghijklmnop\xff", "😀"} {
		if isASCII(s) {
			t.Errorf("isASCII(%q) = true", s)
		}
	}
}

// TestAppendSpeakerMatchesView checks appendSpeaker against view.speaker.
func TestAppendSpeakerMatchesView(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 31))
	speakers := []string{"", " ", "Moeder", "moeder", "ouder", "Ouder", "PARENT", "parent", " Jan  de\tVries ", "Interviewer", "\x01", "é"}
	roles := []string{"", "parent", "interviewer", "child", "professional", "other", "onbekend"}
	voices := []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther}
	for _, lang := range []Lang{LangNL, LangEN} {
		v := newView(&analysis.Results{}, nil, lang)
		for range 2000 {
			src := &analysis.QuoteSource{Doc: "d", Speaker: speakers[rng.IntN(len(speakers))],
				Role: roles[rng.IntN(len(roles))], Voice: voices[rng.IntN(len(voices))]}
			if rng.IntN(3) == 0 {
				src.Speaker = hostileText(rng, 6)
			}
			q := analysis.Quote{QuoteSegment: &analysis.QuoteSegment{QuoteSource: src}}
			if got, want := string(appendSpeaker([]byte("x"), v, &q)[1:]), v.speaker(q); got != want {
				t.Fatalf("appendSpeaker(%+v) = %q, want %q", *src, got, want)
			}
		}
	}
}

// refExamplesCell is the examples cell as WorkbookWriter.examplesCell
// made it, the reference for cellText.examples.
func refExamplesCell(v *view, ex []analysis.Example) string {
	lines := make([]string, len(ex))
	for i, e := range ex {
		lines[i] = "• “" + JoinSpace(cutRunes(e.Text, 300)) + "” — " + v.tx.role(e.Role) + ", " + string(appendLocation(nil, e.Doc, e.Segment, e.Line, e.Time))
	}
	return strings.Join(lines, "\n")
}

// TestExamplesMatchReference checks cellText.examples against
// refExamplesCell, with ASCII and other texts, long and short.
func TestExamplesMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(37, 41))
	v := newView(&analysis.Results{}, nil, LangNL)
	var ct cellText
	for range 3000 {
		ex := make([]analysis.Example, rng.IntN(4))
		for i := range ex {
			text := asciiText(rng, 200)
			if rng.IntN(2) == 0 {
				text = hostileText(rng, 400)
			}
			ex[i] = analysis.Example{Doc: "G1/a_x.txt", Segment: "G1/a_x.txt#" + strconv.Itoa(i+1), Line: rng.IntN(3),
				Role: []string{"parent", "child", ""}[rng.IntN(3)], Text: text}
			if rng.IntN(4) == 0 {
				ex[i].Time = "00:01:02"
			}
		}
		want := refExamplesCell(v, ex)
		ct.reset().str("x")
		if got := string(ct.examples(v, ex).cell(1)); got != want {
			t.Fatalf("examples(%+v) = %q, want %q", ex, got, want)
		}
	}
}

// TestDecodeRuneMatchesUTF8 checks decodeRune against
// utf8.DecodeRuneInString on every sequence of up to three bytes, whole
// and cut short, and on four-byte ones.
func TestDecodeRuneMatchesUTF8(t *testing.T) {
	check := func(s string) {
		r, n := decodeRune(s, 0)
		wr, wn := utf8.DecodeRuneInString(s)
		if r != wr || n != wn {
			t.Fatalf("decodeRune(%q) = %U, %d, want %U, %d", s, r, n, wr, wn)
		}
		if r, n := decodeRune([]byte("x"+s), 1); r != wr || n != wn {
			t.Fatalf("decodeRune(bytes %q) = %U, %d, want %U, %d", s, r, n, wr, wn)
		}
	}
	for c0 := range 256 {
		check(string([]byte{byte(c0)}))
		for c1 := range 256 {
			check(string([]byte{byte(c0), byte(c1)}))
			if c0 < 0xc0 {
				continue // decoded by utf8 alone past the first byte
			}
			for c2 := range 256 {
				check(string([]byte{byte(c0), byte(c1), byte(c2)}))
				check(string([]byte{byte(c0), byte(c1), byte(c2), 'a'}))
			}
		}
	}
	for _, s := range []string{"😀", "𝄞x", "\xf0\x9f\x98", "\xf4\x90\x80\x80", "\uffff", "\ufffe", "\ud7ff", "€"} {
		check(s)
	}
}

// TestJoinASCIIPieces joins texts in pieces, as the quote contexts do, and
// compares with JoinSpace of the whole; the texts are mostly words with
// single spaces between them (spacedWords), which joinASCII copies whole.
func TestJoinASCIIPieces(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 47))
	words := []string{"de", "kinderen", "school", "'s", "a", "Z.", "&", "_x0041_", "~"}
	for range 20000 {
		var b strings.Builder
		if rng.IntN(3) == 0 {
			b.WriteByte(' ')
		}
		for i := range rng.IntN(12) {
			if i > 0 {
				b.WriteString([]string{" ", " ", " ", " ", "  ", "\t", "\x01"}[rng.IntN(7)])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		if rng.IntN(3) == 0 {
			b.WriteByte(' ')
		}
		s := b.String()
		j := spaceJoiner{b: []byte("x"), start: 1}
		for rest := s; ; {
			n := rng.IntN(len(rest) + 1)
			joinASCII(&j, rest[:n])
			if rest = rest[n:]; rest == "" {
				break
			}
		}
		if got, want := string(j.b[1:]), JoinSpace(s); got != want {
			t.Fatalf("joinASCII of %q in pieces = %q, JoinSpace %q", s, got, want)
		}
		plain := !strings.ContainsAny(s, "\t\x01") && !strings.Contains(s, "  ")
		if got := spacedWords(s); got != plain {
			t.Fatalf("spacedWords(%q) = %v", s, got)
		}
	}
}

// TestCodingsCopySegmentText checks that the Codings rows, which copy the
// text cells of their segments' rows where the texts are the same, are
// the rows rendered without copying: for plain, escaped, spaced, empty
// and cut texts, and codings whose text or segment is another.
func TestCodingsCopySegmentText(t *testing.T) {
	w, err := NewWorkbook(LangNL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	texts := []string{"Gewone zin.", strings.Repeat("buurvrouw ", 4000), "", "  spaties  ", "a&b<c>_x0041_\r", "é😀"}
	doc := &corpus.Document{ID: "G1/a.txt", Turns: []corpus.Turn{{Speaker: "Moeder", Role: "parent", Voice: corpus.VoiceOwn}}}
	var codings []analysis.Coding
	for i, text := range texts {
		seg := corpus.Segment{ID: doc.ID + "#" + strconv.Itoa(i+1), N: i + 1, Text: text, Line: i + 1}
		doc.Segments = append(doc.Segments, seg)
		for _, c := range []analysis.Coding{
			{Text: text, SegN: i + 1},
			{Text: "iets anders", SegN: i + 1},
			{Text: text, SegN: 0},
			{Text: text, SegN: len(texts) + 1},
		} {
			c.Doc, c.Segment, c.Code, c.Term, c.End = doc.ID, seg.ID, "rel.neighbour", "buurvrouw", 3
			codings = append(codings, c)
		}
	}
	rd := w.Render(doc, codings)
	var plain renderedRows
	plain.strs = &docStrings{}
	w.renderCodings(&plain, doc, codings, &renderedRows{}, &renderScratch{})
	if !bytes.Equal(rd.codings.xml, plain.xml) {
		t.Errorf("Codings rows with copied texts:\n%.2000s\nrendered:\n%.2000s", rd.codings.xml, plain.xml)
	}
	if len(rd.codings.holes) != len(plain.holes) {
		t.Fatalf("%d holes, rendered %d", len(rd.codings.holes), len(plain.holes))
	}
	for i, h := range rd.codings.holes {
		if h.at != plain.holes[i].at || (h.str < 0) != (plain.holes[i].str < 0) {
			t.Fatalf("hole %d: %+v, rendered %+v", i, h, plain.holes[i])
		}
	}
}

// TestAppendHeight checks appendHeight against strconv.AppendFloat.
func TestAppendHeight(t *testing.T) {
	hs := []float64{0, 0.5, 1, 15, 18, 30, 120, 408.75, 409, 409.5, 1e6, -15}
	for n := 1; n <= 40; n++ {
		hs = append(hs, heightOfLines(n), float64(n)*lineHeight)
	}
	for _, h := range hs {
		if got, want := string(appendHeight(nil, h)), strconv.FormatFloat(h, 'f', -1, 64); got != want {
			t.Errorf("appendHeight(%v) = %s, want %s", h, got, want)
		}
	}
}

// TestXMLTextLinesMatchesParts checks appendXMLTextLines against
// appendXMLText and textLines (up to its stop past 100 lines).
func TestXMLTextLinesMatchesParts(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 31))
	texts := wordTexts(rng, 10000)
	texts = append(texts, "", "\n", "\n\n", "a\n", "\na", strings.Repeat("x\n", 150), strings.Repeat("é", 300)+"\n\xff\xfe")
	for c := 0; c < 256; c++ {
		for at := 0; at < 16; at++ {
			b := []byte(strings.Repeat("abcdefgh", 3))
			b[at] = byte(c)
			texts = append(texts, string(b))
		}
	}
	for _, s := range texts {
		for _, w := range []float64{1, 5, 8.43, 48, 90} {
			per := max(int(w*1.2), 1)
			want, wantLines := string(appendXMLText([]byte("x"), s)), textLines(s, w)
			got, lines := appendXMLTextLines([]byte("x"), s, per)
			if string(got) != want || lines != wantLines && (lines <= 100 || wantLines <= 100) {
				t.Fatalf("appendXMLTextLines(%q, %d) = %q, %d; want %q, %d", s, per, got, lines, want, wantLines)
			}
			gotb, linesb := appendXMLTextLines(nil, []byte(s), per)
			if "x"+string(gotb) != want || linesb != lines {
				t.Fatalf("appendXMLTextLines(bytes %q, %d) = %q, %d; want %q, %d", s, per, gotb, linesb, want, lines)
			}
		}
	}
}

func BenchmarkXMLTextThenLines(b *testing.B) {
	var buf []byte
	n := 0
	for b.Loop() {
		for _, s := range benchWordTexts {
			buf = appendXMLText(buf[:0], s)
			n += textLines(s, 60)
		}
	}
	_ = n
}

func BenchmarkXMLTextLines(b *testing.B) {
	var buf []byte
	n, k := 0, 0
	for b.Loop() {
		for _, s := range benchWordTexts {
			buf, k = appendXMLTextLines(buf[:0], s, 72)
			n += k
		}
	}
	_ = n
}
