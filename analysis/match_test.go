package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// loadTestCodebook compiles a codebook from testdata/codebooks.
func loadTestCodebook(tb testing.TB, name string) *Codebook {
	tb.Helper()
	path := filepath.Join("testdata", "codebooks", name)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	spec, err := LoadCodebook(path, data)
	if err != nil {
		tb.Fatal(err)
	}
	cb, err := Compile(spec)
	if err != nil {
		tb.Fatal(err)
	}
	return cb
}

// summary renders matches as "code=surface" with "!" for negated ones.
func summary(ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		s := m.Code + "=" + m.Surface
		if m.Negated {
			s += "!"
		}
		out = append(out, s)
	}
	return out
}

// checkSpans asserts the span invariants of every match.
func checkSpans(tb testing.TB, text string, ms []Match) {
	tb.Helper()
	runes := []rune(text)
	for _, m := range ms {
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			tb.Fatalf("span %d:%d out of bounds for %q", m.Start, m.End, text)
		}
		if got := string(runes[m.Start:m.End]); got != m.Surface {
			tb.Fatalf("Surface %q != text[%d:%d] %q", m.Surface, m.Start, m.End, got)
		}
	}
}

func TestMatchDutch(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	tests := []struct {
		name, text, role string
		want             []string
	}{
		{"plain", "Mijn buurvrouw past soms op.", "", []string{"rel.neighbour=buurvrouw"}},
		{"capitalised", "Buurvrouw Els is er altijd.", "", []string{"rel.neighbour=Buurvrouw"}},
		{"plural -en doubled", "De juffen zijn streng.", "", []string{"rel.teacher=juffen"}},
		{"plural -s", "Hij heeft twee trainers.", "", []string{"rel.coach=trainers"}},
		{"plural -'s", "De oma's staan bij het hek.", "", []string{"rel.grandparent=oma's"}},
		{"diminutive -tje", "Het pleintje achter de flat.", "", []string{"place.playground=pleintje"}},
		{"diminutive -je", "Op het veldje voetballen ze.", "", []string{"place.pitch=veldje"}},
		{"diminutive vowel doubled", "Omaatje komt vandaag.", "", []string{"rel.grandparent=Omaatje"}},
		{"open syllable plural", "Alle scholen in de wijk.", "", []string{"fac.school=scholen"}},
		{"compound head coach", "Zijn volleybalcoach woont om de hoek.", "", []string{"rel.coach=volleybalcoach"}},
		{"compound head juf", "De overblijfjuf is lief.", "", []string{"rel.teacher=overblijfjuf"}},
		{"compound diminutive head", "Ze spelen op het voetbalveldje.", "", []string{"place.pitch=voetbalveldje"}},
		{"compound plural head", "De overblijfjuffen zijn er.", "", []string{"rel.teacher=overblijfjuffen"}},
		{"park not a prefix", "Hij staat op de parkeerplaats.", "", []string{}},
		{"school not a prefix", "Zijn schooltas is weg.", "", []string{}},
		{"listed compound beats head", "De speeltuin is groot.", "", []string{"place.playground=speeltuin"}},
		{"compound of a listed compound", "Die buurtspeeltuin is nieuw.", "", []string{"place.playground=buurtspeeltuin"}},
		{"short modifier not a compound", "De ouders van Tim.", "", []string{}},
		{"hyphenated compound listed", "Dat staat in de WhatsApp-groep.", "", []string{"place.online=WhatsApp-groep"}},
		{"hyphenated listed buurt-app", "We hebben een buurt-app.", "", []string{"place.online=buurt-app"}},
		{"hyphen spelling of listed buurtapp", "Zit je in de buurtapp?", "", []string{"place.online=buurtapp"}},
		{"hyphenated head", "De ex-buurman belde.", "", []string{"rel.neighbour=ex-buurman"}},
		{"phrase", "Ik praat met andere ouders.", "", []string{"rel.other_parents=andere ouders"}},
		{"phrase compound last token", "Ik praat met andere schoolouders.", "", []string{"rel.other_parents=andere schoolouders"}},
		{"phrase not across comma", "Andere, ouders.", "", []string{}},
		{"phrase beats word", "Ik vroeg het aan de juf van groep 3.", "", []string{"rel.teacher=de juf van groep 3"}},
		{"multiword social media", "Ze zit veel op sociale media.", "", []string{"place.online=sociale media"}},
		{"diacritics loose", "Ze zit op de creche.", "", []string{"fac.childcare=creche"}},
		{"diacritics as written", "Ze zit op de crèche.", "", []string{"fac.childcare=crèche"}},
		{"exact upper", "Hij gaat naar de BSO.", "", []string{"fac.childcare=BSO"}},
		{"exact lower", "Hij gaat naar de bso.", "", []string{"fac.childcare=bso"}},
		{"exact no compound", "Die bsoleiding is fijn.", "", []string{}},
		{"exact no inflection", "Het cbs maakt cijfers.", "", []string{}},
		{"exact cb", "We gingen naar het CB.", "", []string{"fac.cb=CB"}},
		{"whole word meester", "Meester Bram helpt.", "", []string{"rel.teacher=Meester"}},
		{"whole word not compound", "De burgemeester kwam.", "", []string{}},
		{"whole word inflected", "De meesters zijn er.", "", []string{"rel.teacher=meesters"}},
		{"exclude vetoes", "Ze gaan naar het buurthuis.", "", []string{}},
		{"unless_near code level", "De coach van de jeugdhulp komt.", "", []string{"help.youthcare=jeugdhulp"}},
		{"unless_near far away", "De coach belde gisteren nog even om te vragen hoe het ging met de training en de wedstrijd van zaterdag, en pas later kwam de jeugdhulp.", "", []string{"rel.coach=coach", "help.youthcare=jeugdhulp"}},
		{"term unless_near", "Ze had emotionele opvang nodig.", "", []string{}},
		{"term opvang", "De opvang is tot zes uur open.", "", []string{"fac.childcare=opvang"}},
		{"role parent", "Mijn moeder haalt ze op.", "parent", []string{"rel.grandparent=Mijn moeder"}},
		{"role child", "Mijn moeder haalt me op.", "child", []string{}},
		{"role unknown", "Mijn moeder haalt me op.", "", []string{}},
		{"quality own polarity", "Het park is onveilig.", "", []string{"place.park=park", "quality.unsafe=onveilig"}},
		{"veilig not in onveilig", "Onveilig voelt het.", "", []string{"quality.unsafe=Onveilig"}},
		{"stem", "Er staan veel speeltuinen.", "", []string{"place.playground=speeltuinen"}},
		{"order by start", "Oma gaat met de buurman naar het park.", "", []string{"rel.grandparent=Oma", "rel.neighbour=buurman", "place.park=park"}},
		{"proper noun not a compound", "Ze gaat naar Europa.", "", []string{}},
		{"sentence-initial compound", "Volleybalcoach Piet belt.", "", []string{"rel.coach=Volleybalcoach"}},
		{"diploma modifier guard", "Hij haalt zijn diploma.", "", []string{}},
		{"same span once per code", "buren", "", []string{"rel.neighbour=buren"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cb.Match(tc.text, Context{Role: tc.role})
			checkSpans(t, tc.text, got)
			if d := cmp.Diff(tc.want, summary(got)); d != "" {
				t.Errorf("Match(%q) mismatch (-want +got):\n%s", tc.text, d)
			}
		})
	}
}

func TestMatchFields(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	text := "Onze ‘overblijfjuf’ en de buren kennen we niet."
	got := cb.Match(text, Context{})
	want := []Match{
		{Code: "rel.teacher", Category: CatRelation, Start: 6, End: 18, Surface: "overblijfjuf", Term: "juf", How: "compound"},
		{Code: "rel.neighbour", Category: CatRelation, Start: 26, End: 31, Surface: "buren", Term: "buren", Negated: true, NegCue: "niet", How: "exact"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("mismatch (-want +got):\n%s", d)
	}
	if n := utf8.RuneCountInString(text[:strings.Index(text, "buren")]); n != 26 {
		t.Fatalf("test text changed: buren at %d", n)
	}
}

func TestMatchWindow(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	seg := "De coach komt elke week."
	turn := "Sinds de jeugdhulp erbij is gaat het beter. " + seg
	if got := summary(cb.Match(seg, Context{Window: turn})); len(got) != 0 {
		t.Errorf("coach near jeugdhulp in the window: got %v, want none", got)
	}
	far := strings.Repeat("bla ", 20)
	turn = "De jeugdhulp was er vroeger. " + far + seg
	if got := summary(cb.Match(seg, Context{Window: turn})); !cmp.Equal(got, []string{"rel.coach=coach"}) {
		t.Errorf("coach far from jeugdhulp: got %v", got)
	}
	// A window that does not contain the segment counts as near as a whole.
	if got := summary(cb.Match(seg, Context{Window: "Over de jeugdhulp gesproken. " + far})); len(got) != 0 {
		t.Errorf("window without the segment: got %v, want none", got)
	}
}

func TestMatchConcurrent(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	text := "De volleybalcoach en de buurvrouw gaan met oma naar het voetbalveldje."
	want := summary(cb.Match(text, Context{}))
	done := make(chan []string)
	for g := 0; g < 8; g++ {
		go func() {
			var last []string
			for i := 0; i < 200; i++ {
				last = summary(cb.Match(text, Context{}))
			}
			done <- last
		}()
	}
	for g := 0; g < 8; g++ {
		if got := <-done; !cmp.Equal(got, want) {
			t.Errorf("concurrent Match = %v, want %v", got, want)
		}
	}
}

func FuzzMatch(f *testing.F) {
	cb := loadTestCodebook(f, "mini.yaml")
	for _, s := range []string{"De buren kennen we niet.", "WhatsApp-groep", "oma's-", "ĳs crèche", "\xff\xfe juf", "- - -", "andere ouders"} {
		f.Add(s, "parent")
	}
	f.Fuzz(func(t *testing.T, text, role string) {
		ms := cb.Match(text, Context{Role: role, Window: text + " " + text})
		if !utf8.ValidString(text) {
			// Spans still count code points as Go decodes them.
			for _, m := range ms {
				if m.Start < 0 || m.Start > m.End {
					t.Fatalf("bad span %d:%d", m.Start, m.End)
				}
			}
			return
		}
		checkSpans(t, text, ms)
		for i := 1; i < len(ms); i++ {
			if ms[i].Start < ms[i-1].Start {
				t.Fatalf("not sorted: %v", ms)
			}
		}
	})
}

// TestMatchTuningRules checks the matcher rules added while tuning the
// default codebook, on the default codebook: names of parks and schools
// are split, other names are not; an exclude found as a compound head
// vetoes only when it covers more of the word; spoken fillers may stand
// inside long phrases.
func TestMatchTuningRules(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, code, surface string
		want                bool
	}{
		{"Op zondag gaan we naar het Zuiderpark.", "place.park_green", "Zuiderpark", true},
		{"Hij zit op het Calandlyceum.", "fac.school.secondary", "Calandlyceum", true},
		{"Het Westerbegraafpark is een kerkhof.", "place.park_green", "Westerbegraafpark", false},
		{"Ik woon in de Lijsterstraat.", "place.neighbourhood", "Lijsterstraat", false},
		{"Mijn zwager woont in Hoogkerk.", "fac.religious", "Hoogkerk", false},
		{"Hij zit bij het voetbalclubje van de wijk.", "fac.club", "voetbalclubje", true},
		{"Ze hebben een clubje vriendinnen.", "fac.club", "clubje", false},
		{"Ik merk dat het haar soms te veel wordt.", "strain.overloaded", "haar soms te veel", true},
		{"De buurvrouw kan er nu even niks meer bij hebben.", "strain.overloaded", "er nu even niks meer bij", true},
		{"Er is te veel verkeer.", "strain.overloaded", "", false},
	}
	for _, tc := range tests {
		ms := cb.Match(tc.text, Context{})
		got := false
		for _, m := range ms {
			if m.Code == tc.code && (tc.surface == "" || m.Surface == tc.surface) {
				got = true
			}
		}
		if got != tc.want {
			t.Errorf("%q: %s %q coded = %v, want %v (got %v)", tc.text, tc.code, tc.surface, got, tc.want, summary(ms))
		}
	}
}

// TestMatchContextWords checks terms with context words in parentheses
// and a final "(.)": the context must be there but is not the mention, so
// a place after "kinderen (van de flat)" keeps its own code.
func TestMatchContextWords(t *testing.T) {
	const src = `id: t
version: "1"
language: nl
codes:
  - id: rel.kids
    category: relation
    label: {en: Kids}
    terms: ["kinderen (van de flat)", "(een) vader", "(oma) te veel"]
  - id: place.flat
    category: place
    label: {en: Flat}
    terms: [flat]
  - id: rel.oma
    category: relation
    label: {en: Oma}
    terms: [oma]
  - id: strain.op
    category: strain
    label: {en: Op}
    terms: ["is op (.)"]
`
	spec, err := LoadCodebook("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	cb, err := Compile(spec)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"Ik speel met de kinderen van de flat.", []string{"rel.kids=kinderen", "place.flat=flat"}},
		{"Ik haal de kinderen van school.", nil},
		{"Hij is zelf ook een vader uit de wijk.", []string{"rel.kids=vader"}},
		{"Mijn vader woont hier.", nil},
		{"Het wordt oma te veel.", []string{"rel.oma=oma", "rel.kids=te veel"}},
		{"Oma is op, zegt moeder.", []string{"rel.oma=Oma", "strain.op=is op"}},
		{"Oma is op vakantie.", []string{"rel.oma=Oma"}},
		{"Die is op.", []string{"strain.op=is op"}},
	}
	for _, tc := range tests {
		ms := cb.Match(tc.text, Context{})
		checkSpans(t, tc.text, ms)
		var got []string
		for _, m := range ms {
			got = append(got, m.Code+"="+m.Surface)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.text, diff)
		}
	}
}

// TestMatchQuotedParent checks that in session notes a quoted sentence is
// read from the parent's place: "mijn moeder" in a quote is the child's
// grandmother, outside a quote in notes it is not a role-bound match.
func TestMatchQuotedParent(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	has := func(text, role, code string) bool {
		for _, m := range cb.Match(text, Context{Role: role}) {
			if m.Code == code {
				return true
			}
		}
		return false
	}
	const quoted = `Moeder: "Mijn moeder helpt graag."`
	if !has(quoted, "professional", "rel.grandparent") {
		t.Errorf("%q in notes: quoted parent's mijn moeder not coded", quoted)
	}
	if has(`Mijn moeder helpt graag, schrijft Jesse.`, "professional", "rel.grandparent") {
		t.Error("unquoted mijn moeder in notes coded as grandparent")
	}
	if has(quoted, "child", "rel.grandparent") {
		t.Error("a child's quoted mijn moeder coded as grandparent")
	}
}
