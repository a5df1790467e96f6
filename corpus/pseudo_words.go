package corpus

// The embedded word list pseudo_words.txt.gz is derived from the OpenTaal
// word list (elements/basiswoorden-gekeurd.txt, github OpenTaal/opentaal-wordlist,
// commit b250510dda431785f962019167d1415198ff3905), © Stichting OpenTaal,
// used under the BSD-3-Clause licence / CC BY 3.0 (attribution: Stichting
// OpenTaal, https://www.opentaal.org). See testdata/pseudo/README.md.
//
// Derivation (TestPseudoWordList regenerates it with -update-words): every
// entry without spaces or digits, made only of letters with inner
// hyphens/apostrophes, that is not an all-capitals abbreviation and has at
// most maxListedWordRunes letters, lower-cased, sorted, front-coded (one
// digit: bytes shared with the previous word, then the rest; a final '|'
// marks a word that OpenTaal writes with a capital, such as "Sinterklaas"
// or "Marokkaans") and gzipped.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

//go:embed pseudo_words.txt.gz
var pseudoWordsGz []byte

// maxListedWordRunes is the longest word kept in the embedded list.
// Capitalised words longer than this are never taken for names by the
// automatic detection (see isAutoNameCandidate), so the list need not hold
// them.
const maxListedWordRunes = 14

// wordList is the decoded embedded list.
type wordList struct {
	words  []string // sorted, lower case
	proper []string // sorted, lower case: words OpenTaal writes capitalised
}

// dutchWords returns the embedded word list; it is decoded once and never
// changed afterwards (an immutable table).
var dutchWords = sync.OnceValue(func() wordList {
	words, proper, err := decodeWordList(pseudoWordsGz)
	if err != nil {
		// The list is embedded at build time and checked by a test: a
		// failure here is a build defect, not an input problem.
		panic("corpus: embedded word list is corrupt: " + err.Error())
	}
	return wordList{words, proper}
})

// isDutchWord reports whether lower (a lower-cased word) is a Dutch word of
// the embedded list.
func isDutchWord(lower string) bool {
	_, ok := slices.BinarySearch(dutchWords().words, lower)
	return ok
}

// isProperWord reports whether lower is a word that Dutch writes with a
// capital ("Sinterklaas", "Marokkaanse", "Bijbel"): capitalised in the
// middle of a sentence it is still no name.
func isProperWord(lower string) bool {
	_, ok := slices.BinarySearch(dutchWords().proper, lower)
	return ok
}

// decodeWordList reverses encodeWordList: all words, and the capitalised ones.
func decodeWordList(gz []byte) (words, proper []string, err error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, nil, err
	}
	// All words live in one string; the slice holds substrings of it.
	var all strings.Builder
	all.Grow(len(data) * 2)
	var ends []int
	var caps []bool
	prev := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] < '0' || line[0] > '9' {
			continue
		}
		k := int(line[0] - '0')
		if k > len(prev) {
			k = len(prev)
		}
		rest, capital := strings.CutSuffix(line[1:], "|")
		w := prev[:k] + rest
		all.WriteString(w)
		ends = append(ends, all.Len())
		caps = append(caps, capital)
		prev = w
	}
	if err := sc.Err(); err != nil {
		return nil, nil, err
	}
	s := all.String()
	words = make([]string, len(ends))
	start := 0
	for i, e := range ends {
		words[i] = s[start:e]
		if caps[i] {
			proper = append(proper, words[i])
		}
		start = e
	}
	// Already sorted; binary search relies on it, so make sure.
	slices.Sort(words)
	slices.Sort(proper)
	return words, proper, nil
}

// encodeWordList front-codes and gzips sorted, distinct words; proper
// marks the capitalised ones.
func encodeWordList(words []string, proper map[string]bool) ([]byte, error) {
	var raw bytes.Buffer
	prev := ""
	for _, w := range words {
		k := 0
		for k < len(prev) && k < len(w) && k < 9 && prev[k] == w[k] {
			k++
		}
		// Never split a UTF-8 sequence.
		for k > 0 && !utf8.RuneStart(w[k]) {
			k--
		}
		raw.WriteByte(byte('0' + k))
		raw.WriteString(w[k:])
		if proper[w] {
			raw.WriteByte('|')
		}
		raw.WriteByte('\n')
		prev = w
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return gz.Bytes(), nil
}

// wordListEntry returns the lower-cased form of an OpenTaal entry, whether
// OpenTaal writes it with a capital, and whether it belongs in the embedded
// list (see the derivation above).
func wordListEntry(entry string) (lower string, capital, ok bool) {
	entry = strings.TrimSpace(entry)
	if entry == "" || utf8.RuneCountInString(entry) > maxListedWordRunes {
		return "", false, false
	}
	letters, upper := 0, 0
	prevLetter := false
	for i, r := range entry {
		switch {
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
			prevLetter = true
		case (r == '-' || r == '\'' || r == '’') && prevLetter && i+utf8.RuneLen(r) < len(entry):
			prevLetter = false
		default:
			return "", false, false
		}
	}
	if !prevLetter || (letters >= 2 && upper == letters) {
		return "", false, false
	}
	first, _ := utf8.DecodeRuneInString(entry)
	return strings.ToLower(entry), unicode.IsUpper(first), true
}

// fold lower-cases s and removes diacritics ("Zoë" -> "zoe"), so that name
// matching ignores both.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		// Letters that are not a base letter plus a mark.
		switch r {
		case 'ı', 'İ':
			r = 'i'
		case 'ł', 'Ł':
			r = 'l'
		case 'ø', 'Ø':
			r = 'o'
		case 'đ', 'Đ':
			r = 'd'
		case 'ß':
			b.WriteString("ss")
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// pseudoKeepWords returns the folded words that automatic detection never
// takes for names although they are capitalised mid-sentence: brands and
// apps, holidays, countries and the larger Dutch and Belgian cities,
// institutions. They carry analytic meaning (a WhatsApp group is a place in
// DOMAIN.md terms; a country of origin is context) and do not identify a
// family on their own. A researcher who wants them replaced lists them in
// PseudoOptions.Names.
func pseudoKeepWords() map[string]bool {
	m := map[string]bool{}
	for _, group := range []string{
		// Apps, social media, brands, shops.
		"whatsapp instagram tiktok facebook youtube snapchat twitter google netflix spotify telegram signal messenger " +
			"discord twitch roblox minecraft fortnite playstation xbox nintendo iphone ipad android samsung apple " +
			"marktplaats heijn ah lidl aldi action kruidvat hema jumbo primark zeeman ikea mcdonald mcdonalds " +
			"zoom teams skype linkedin pinterest bol coolblue thuisbezorgd uber ns ret gvb htm arriva qbuzz ov ovchipkaart " +
			"disney pokemon lego barbie fifa ajax feyenoord psv",
		// Holidays, religion, calendar.
		"sinterklaas kerst kerstmis pasen pinksteren ramadan suikerfeest offerfeest eid bayram diwali holi chanoeka " +
			"keti koti koningsdag bevrijdingsdag oud nieuw carnaval halloween moederdag vaderdag god allah jezus christus " +
			"koran bijbel islam christendom maandag dinsdag woensdag donderdag vrijdag zaterdag zondag " +
			"januari februari maart april mei juni juli augustus september oktober november december",
		// Countries and regions.
		"nederland holland belgie vlaanderen wallonie brussel duitsland frankrijk engeland spanje portugal italie griekenland " +
			"turkije marokko algerije tunesie egypte libie syrie irak iran afghanistan pakistan india china japan indonesie " +
			"suriname curacao aruba bonaire antillen caribisch ghana nigeria somalie eritrea ethiopie sudan kenia congo " +
			"kaapverdie angola polen roemenie bulgarije hongarije oekraine rusland litouwen letland estland servie bosnie " +
			"kroatie albanie kosovo jemen libanon jordanie israel palestina koerdistan amerika canada brazilie europa afrika azie " +
			"randstad limburg brabant friesland groningen drenthe overijssel gelderland flevoland zeeland noord zuid oost west",
		// Larger cities (NL, BE).
		"amsterdam rotterdam utrecht eindhoven tilburg almere breda nijmegen apeldoorn haarlem arnhem enschede " +
			"amersfoort zaanstad haarlemmermeer zwolle zoetermeer leiden leeuwarden maastricht dordrecht ede alphen " +
			"westland alkmaar emmen delft venlo deventer helmond hilversum heerlen oss lelystad schiedam hoofddorp " +
			"purmerend roosendaal vlaardingen gouda zaandam den haag antwerpen gent brugge leuven mechelen hasselt " +
			"kortrijk oostende aalst genk luik charleroi namen",
		// Institutions and programmes that appear as proper nouns.
		"jeugdzorg veilig thuis kinderbescherming duo uwv svb belastingdienst cjg ggd jgz ggz bso kdv vve " +
			"ouderenzorg rijksoverheid gemeente kinderombudsman unicef humanitas vluchtelingenwerk coa ind insta snap postnl " +
			"voedselbank stichting nederlands engels arabisch turks berbers papiamento",
	} {
		for _, w := range strings.Fields(group) {
			m[w] = true
		}
	}
	return m
}

// pseudoKeepPhrases returns folded multi-word names that are never
// replaced by the automatic detection: institutions and brands whose words
// would each look like a name.
func pseudoKeepPhrases() []string {
	return []string{"albert heijn", "rode kruis", "veilig thuis", "de lijn", "huis van het kind", "centrum voor jeugd en gezin",
		"raad voor de kinderbescherming", "leger des heils", "jumbo supermarkt", "sociaal team", "buurtteam jeugd en gezin"}
}

// nameCueWords returns folded words after which a capitalised word is
// taken for a person's name even when it is also an ordinary word ("juf
// Roos", "mijn zoon Bram", "meneer Visser").
func nameCueWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("zoon dochter zoontje dochtertje kind broer broertje zus zusje zuster " +
		"buurvrouw buurman buurjongen buurmeisje buurkind vriendin vriend vriendje vriendinnetje vriendinnen vrienden " +
		"juf juffrouw meester meneer mevrouw mw mevr dhr heer dokter dr huisarts tandarts " +
		"oma opa tante oom neef nicht moeder vader man vrouw schoonmoeder schoonvader zwager schoonzus " +
		"stiefmoeder stiefvader pleegmoeder pleegvader pleegzoon pleegdochter kleinzoon kleindochter " +
		"collega trainer coach oppas gastouder leerkracht mentor begeleider hulpverlener jongerenwerker " +
		"wijkagent consulent maatschappelijk werker jeugdverpleegkundige imam pastoor dominee " +
		"baby dochters zonen kinderen genaamd heet heten noemen") {
		m[w] = true
	}
	return m
}

// nameParticles returns the folded particles that may stand inside a name
// ("van der Berg", "El Amrani", "Ben Ali").
func nameParticles() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("van de der den het t 'ter ter ten te la le du da di del della dos das el al ben bin ibn abu ait bou von zu") {
		m[w] = true
	}
	return m
}

// functionWords returns folded Dutch function words that are never part of
// a name, even capitalised at a sentence start.
func functionWords() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("ik jij je u hij zij ze wij we jullie hun hen mij me mijn jouw zijn haar ons onze " +
		"de het een en of maar want dus toen als dan ook nog al wel niet geen wat wie waar hoe waarom welke die dat deze dit " +
		"met bij van in op naar voor na om door over tegen zonder onder uit tot sinds tussen achter naast " +
		"ja nee nou oh o ah eh hm uh dan daar hier er soms altijd nooit vaak echt gewoon heel erg ook toch even " +
		"is was zijn ben bent heeft hebben had hadden kan kon wil wou moet moest gaat ging komt kwam zegt zei " +
		"goed oke ok dank bedankt hallo hoi doei dag welkom") {
		m[w] = true
	}
	return m
}
