package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// escapeSamples are texts that exercise every rule of EscapeText and
// JoinSpace: markup, list markers, leading digits, white space of every
// kind, control characters and invalid UTF-8.
func escapeSamples() []string {
	return []string{
		"", " ", "\n\t ", "a", "gewoon een zin.", "  twee  spaties  ",
		"*vet* _schuin_ `code` [link](x) ![img](y) <b>&amp;</b> | ~ $ ^ @ # { } ! \\",
		"- lijst", "+ plus", "= kop", ": def", " - na spatie", "a-b+c=d:e",
		"1. eerste", "12) twee", "1.2.3", "3 . x", "1\n. x", "007.", "1a.", ".1", ")",
		"1", "12", "1 2.", "1\x01.", "1\u00a0.", "1\u2028)",
		"regel\r\nbreuk", "nbsp\u00a0hier", "nel\u0085x", "ideo\u3000x", "zw\u200bsp",
		"ctl\x00\x07\x1f\x7f", "c1\u0080\u009f", "\x01 a", "a \x01b", "a\x01 b", "a \x01 b",
		"bad\xffutf8", "\xc3", "\xe2\x80", "x\xed\xa0\x80y", "lit\ufffdrep",
		"“citaat” — Moeder (ouder)", "é à ü ß 中文 😀", "\u00a0\u00a0", " \x00 ",
		"- \n- ", "#kop", "##", "-", "1.", "1)", "9)", "0.5",
	}
}

// randomEscapeText makes a random text from pieces that matter to the
// escaping rules.
func randomEscapeText(r *rand.Rand) string {
	pieces := []string{"a", "Z", "0", "1", "9", " ", "  ", "\n", "\t", "\r", "-", "+", "=", ":", ".", ")", "(",
		"*", "_", "\\", "[", "]", "<", "&", "|", "#", "!", "é", "“", "\u00a0", "\u0085", "\u2003",
		"\x00", "\x1f", "\x7f", "\u0090", "\xff", "\xe2\x80", "\ufffd", "😀", "ab", "12"}
	var b strings.Builder
	for n := r.IntN(12); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func checkAppendEscaped(t *testing.T, s string) {
	t.Helper()
	want := EscapeText(s)
	if got := string(mdAppendEscaped([]byte("pre"), s)); got != "pre"+want {
		t.Errorf("mdAppendEscaped(%q) = %q, want %q", s, got, "pre"+want)
	}
	if got := string(mdAppendEscaped(nil, []byte(s))); got != want {
		t.Errorf("mdAppendEscaped([]byte %q) = %q, want %q", s, got, want)
	}
	if got, want := string(appendJoinSpace([]byte("x"), s)), "x"+joinSpaceRef(s); got != want {
		t.Errorf("appendJoinSpace(%q) = %q, want %q", s, got, want)
	}
	if got, want := JoinSpace(s), joinSpaceRef(s); got != want {
		t.Errorf("JoinSpace(%q) = %q, want %q", s, got, want)
	}
}

func TestMDAppendEscapedMatchesEscapeText(t *testing.T) {
	for _, s := range escapeSamples() {
		checkAppendEscaped(t, s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		checkAppendEscaped(t, randomEscapeText(r))
	}
	// Longer texts: runs of words and spaces after the start.
	for i := 0; i < 5000; i++ {
		s := randomEscapeText(r)
		for n := r.IntN(8); n > 0; n-- {
			s += randomEscapeText(r)
		}
		checkAppendEscaped(t, s)
		checkAppendEscaped(t, "12"+s)
		checkAppendEscaped(t, "Een zin met woorden "+s+" en meer woorden.")
	}
}

func FuzzMDAppendEscaped(f *testing.F) {
	for _, s := range escapeSamples() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkAppendEscaped(t, s) })
}

func TestMDAppendQuoteMatchesMdQuote(t *testing.T) {
	texts := []string{
		"Een zin. Nog een zin met *opa* erin! En de laatste?",
		"Alleen één zin met de buurvrouw",
		"1. Lijst? Ja. - Nee.",
		"",
	}
	for _, text := range texts {
		n := len([]rune(text))
		for start := -1; start <= n+1; start++ {
			for end := start - 1; end <= n+1; end++ {
				want := mdQuote(text, start, end)
				if got := string(mdAppendQuote(nil, text, start, end)); got != want {
					t.Errorf("mdAppendQuote(%q, %d, %d) = %q, want %q", text, start, end, got, want)
				}
			}
		}
	}
}

// xmlTextReference is xmlText as it was written first, rune by rune, to
// check svgAppendText against.
func xmlTextReference(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\t', '\n', '\r':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError || (r >= 0xD800 && r <= 0xDFFF) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSVGAppendTextMatchesReference(t *testing.T) {
	samples := append(escapeSamples(), "a\"b'c", "\uFFFE\uFFFF", "x\xef\xbf\xbey", "<&>\"'")
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 20000; i++ {
		samples = append(samples, randomEscapeText(r)+"\"'\uFFFE")
	}
	for _, s := range samples {
		if got, want := string(svgAppendText([]byte("p"), s)), "p"+xmlTextReference(s); got != want {
			t.Errorf("svgAppendText(%q) = %q, want %q", s, got, want)
		}
	}
}

// BenchmarkMDAppendEscaped escapes a typical quote.
func BenchmarkMDAppendEscaped(b *testing.B) {
	s := "Mijn moeder haalt de kinderen twee keer per week op van school, en dan gaan ze naar de speeltuin (bij het café)."
	var dst []byte
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		dst = mdAppendEscaped(dst[:0], s)
	}
}

// TestMDASCIIClasses checks the class table of mdAppendEscaped against the
// rules of EscapeText and JoinSpace.
func TestMDASCIIClasses(t *testing.T) {
	if len(mdASCIIClasses) != utf8.RuneSelf {
		t.Fatalf("%d classes, want %d", len(mdASCIIClasses), utf8.RuneSelf)
	}
	for c := 0; c < utf8.RuneSelf; c++ {
		want := mdASCIIPlain
		switch r := rune(c); {
		case strings.ContainsRune(markdownSpecial, r):
			want = mdASCIISpecial
		case unicode.IsSpace(r):
			want = mdASCIISpace
		case unicode.IsControl(r):
			want = mdASCIIControl
		case strings.ContainsRune("-+=:", r):
			want = mdASCIILead
		case strings.ContainsRune(".)", r):
			want = mdASCIIListEnd
		case r >= '0' && r <= '9':
			want = mdASCIIDigit
		}
		if got := mdClass(byte(c)); got != want {
			t.Errorf("class of %q = %d, want %d", rune(c), got, want)
		}
	}
}

// joinSpaceRef is JoinSpace as it was before it shared spaceJoiner with the
// workbook: the reference the shared mechanism is checked against.
func joinSpaceRef(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || r == utf8.RuneError:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
