package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// renderHTML renders Markdown with goldmark (CommonMark + GFM tables and
// strike-through, as the reports are read on GitHub and in editors).
func renderHTML(t testing.TB, md string) string {
	t.Helper()
	var out bytes.Buffer
	g := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	if err := g.Convert([]byte(md), &out); err != nil {
		t.Fatalf("goldmark: %v", err)
	}
	return out.String()
}

// htmlText strips tags and decodes the entities goldmark writes, giving the
// text a reader sees.
func htmlText(h string) string {
	h = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, "")
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&", "&#39;", "'")
	return r.Replace(h)
}

func TestEscapeTextRendersLiterally(t *testing.T) {
	quotes := []string{
		"De *trainer* zei _echt_ dat het **goed** ging.",
		"Zie [x](y) en ![plaatje](z.png) of <https://example.org>.",
		"<script>alert('buurvrouw')</script> en <b>vet</b>",
		"# Niet een kop, maar een hekje",
		"1. Geen lijst",
		"2) ook geen lijst",
		"- geen opsomming",
		"+ ook niet",
		"> geen citaat",
		"a | b | c",
		"Backslash \\ en `code` en ~~doorgehaald~~ en &amp; en &copy;",
		"Pandoc $x$ en ^sup^ en @citaat en {.class}",
		"    vier spaties",
		"===",
		"regel een\nregel twee\n\n# kop na witregel",
	}
	contexts := []struct {
		name string
		wrap func(string) string
	}{
		{"paragraph", func(s string) string { return s + "\n" }},
		{"list item", func(s string) string { return "- " + s + "\n" }},
		{"block quote", func(s string) string { return "> " + s + "\n" }},
		{"table cell", func(s string) string { return "| a | b |\n| --- | --- |\n| " + s + " | x |\n" }},
		{"heading", func(s string) string { return "## " + s + "\n" }},
	}
	for _, q := range quotes {
		for _, c := range contexts {
			t.Run(fmt.Sprintf("%s/%.20s", c.name, q), func(t *testing.T) {
				h := renderHTML(t, c.wrap(EscapeText(q)))
				for _, bad := range []string{"<em>", "<strong>", "<a ", "<img", "<script", "<b>", "<code>", "<del>", "<ol", "<h1", "<hr"} {
					if strings.Contains(h, bad) {
						t.Errorf("renders %s:\n%s", bad, h)
					}
				}
				if c.name != "list item" && strings.Contains(h, "<ul") {
					t.Errorf("renders a list:\n%s", h)
				}
				if c.name != "block quote" && strings.Contains(h, "<blockquote") {
					t.Errorf("renders a block quote:\n%s", h)
				}
				if strings.Contains(h, "<pre") {
					t.Errorf("renders a code block:\n%s", h)
				}
				want := JoinSpace(q)
				if got := strings.TrimSpace(htmlText(h)); !strings.Contains(got, want) {
					t.Errorf("text = %q, want it to contain %q\nmarkdown: %q", got, want, c.wrap(EscapeText(q)))
				}
			})
		}
	}
}

func TestEscapeTextHTMLOutput(t *testing.T) {
	h := renderHTML(t, "- "+EscapeText("<script>x</script> *a* _b_ [x](y)")+"\n")
	// The characters must be there, escaped as text.
	for _, want := range []string{"&lt;script&gt;x&lt;/script&gt;", "*a*", "_b_", "[x](y)"} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML %q lacks %q", h, want)
		}
	}
}

func TestJoinSpace(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  a\n b\t\tc \n", "a b c"},
		{"a\r\n\r\nb", "a b"},
		{"a\x00b\x1bc", "abc"},
		{"", ""},
		{"één  twee", "één twee"},
	} {
		if got := JoinSpace(tc.in); got != tc.want {
			t.Errorf("JoinSpace(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQuoteSentence(t *testing.T) {
	text := "Dat weet ik niet. Mijn buurvrouw past op de kinderen. Verder niemand."
	at := func(word string) (int, int) {
		i := strings.Index(text, word) // ASCII text: bytes are code points
		return i, i + len(word)
	}
	s, e := at("buurvrouw")
	got, before, after := QuoteSentence(text, s, e)
	if got != "Mijn buurvrouw past op de kinderen." || !before || !after {
		t.Errorf("QuoteSentence = %q, %v, %v", got, before, after)
	}
	s, e = at("weet")
	got, before, after = QuoteSentence(text, s, e)
	if got != "Dat weet ik niet." || before || !after {
		t.Errorf("QuoteSentence(first) = %q, %v, %v", got, before, after)
	}
	// One sentence: whole.
	got, before, after = QuoteSentence("Oma helpt.", 0, 3)
	if got != "Oma helpt." || before || after {
		t.Errorf("QuoteSentence(one) = %q, %v, %v", got, before, after)
	}
	// Code points, not bytes: the mention after a multi-byte letter.
	text2 := "Café is dicht. De buurvrouw ook."
	got, _, _ = QuoteSentence(text2, 18, 27) // "buurvrouw" in code points
	if got != "De buurvrouw ook." {
		t.Errorf("QuoteSentence(code points) = %q", got)
	}
	// Out of range: whole text.
	if got, _, _ := QuoteSentence(text, 500, 600); got != text {
		t.Errorf("QuoteSentence(out of range) = %q", got)
	}
}

func TestMdQuoteMarksCuts(t *testing.T) {
	text := "Eerst iets anders. De *trainer* helpt. Daarna nog wat."
	i := strings.Index(text, "trainer")
	got := mdQuote(text, i, i+7)
	h := htmlText(renderHTML(t, got+"\n"))
	if strings.TrimSpace(h) != "[…] De *trainer* helpt. […]" {
		t.Errorf("rendered %q", h)
	}
}
