package analysis

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
)

// Normalisation rules for Dutch tokens (the "loose" comparison used by the
// matcher):
//   - case is folded (unicode lower case);
//   - diacritics are removed from Latin letters, so geïnteresseerd and
//     geinteresseerd, crèche and creche compare equal (the token's Text keeps
//     them as written);
//   - the ligature ĳ becomes "ij";
//   - hyphens inside a word are removed (WhatsApp-groep -> whatsappgroep,
//     buurt-app -> buurtapp), the position of the hyphen is remembered as a
//     compound boundary;
//   - typographic apostrophes become ' (oma’s -> oma's).

// foldRune maps one rune to its loose form. It returns 0 for runes to drop
// (combining marks, hyphens). Two-rune results (ĳ) are handled by the caller.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		if r == '-' {
			return 0
		}
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'ā', 'Ā':
		return 'a'
	case 'ç', 'Ç', 'č', 'Č', 'ć', 'Ć':
		return 'c'
	case 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë', 'ē', 'Ē', 'ė', 'ę', 'ě':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï', 'ī', 'Ī', 'ı':
		return 'i'
	case 'ñ', 'Ñ', 'ń', 'ň':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'Ø', 'ō', 'Ō', 'ő':
		return 'o'
	case 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü', 'ū', 'Ū', 'ů', 'ű':
		return 'u'
	case 'ý', 'ÿ', 'Ý', 'Ÿ':
		return 'y'
	case 'š', 'Š', 'ś':
		return 's'
	case 'ž', 'Ž', 'ź', 'ż':
		return 'z'
	case '’', '‘', 'ʼ', '`', '´':
		return '\''
	case '‐', '‑', '­': // hyphen, non-breaking hyphen, soft hyphen
		return 0
	}
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	return unicode.ToLower(r)
}

// Fold returns the loose form of a word or phrase: case folded, diacritics
// removed, in-word hyphens dropped, apostrophes unified. Spaces are kept.
// Fold("Crèche") == "creche"; Fold("WhatsApp-groep") == "whatsappgroep".
func Fold(s string) string {
	// Fast path: ASCII without upper case or hyphens is returned as is.
	clean := true
	for i := 0; i < len(s); i++ {
		b := s[i]
		if b >= utf8.RuneSelf || ('A' <= b && b <= 'Z') || b == '-' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		if r == 'ĳ' || r == 'Ĳ' {
			sb.WriteString("ij")
			continue
		}
		if f := foldRune(r); f != 0 {
			sb.WriteRune(f)
		}
	}
	return sb.String()
}

// Stem returns the Snowball (classic Porter) Dutch stem of a word after
// folding it. Stem("kinderen") == "kinder".
func Stem(word string) string {
	env := snowball.NewEnv(Fold(word))
	dutch.Stem(env)
	return env.Current()
}

// stemCacheMax bounds the number of entries a Codebook's stem cache keeps;
// beyond it stems are computed without being stored.
const stemCacheMax = 1 << 16

// stemCache is a bounded, concurrency-safe cache of Dutch stems keyed by the
// folded word.
type stemCache struct {
	m sync.Map // string -> string
	n atomic.Int64
}

// localStemMax bounds a stemmer's local cache; it is emptied when full.
const localStemMax = 1 << 13

// stemmer looks stems up in a local, single-goroutine map first (a plain
// map is several times faster than the shared sync.Map), then in the shared
// cache. A nil local map is allowed: then only the shared cache is used.
type stemmer struct {
	shared *stemCache
	local  map[string]string
}

// stem returns the stem of an already folded word.
func (s *stemmer) stem(folded string) string {
	if v, ok := s.local[folded]; ok {
		return v
	}
	v := s.shared.stem(folded)
	if s.local == nil {
		return v
	}
	if len(s.local) >= localStemMax {
		clear(s.local)
	}
	s.local[strings.Clone(folded)] = v
	return v
}

// stem returns the stem of an already folded word.
func (c *stemCache) stem(folded string) string {
	if v, ok := c.m.Load(folded); ok {
		return v.(string)
	}
	env := snowball.NewEnv(folded)
	dutch.Stem(env)
	s := env.Current()
	if c.n.Load() < stemCacheMax {
		c.n.Add(1)
		c.m.Store(strings.Clone(folded), s)
	}
	return s
}

// isVowel reports whether b is a Dutch vowel letter (after folding).
func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// inflections returns the plural and diminutive forms generated for a
// folded single word (without the word itself). Over-generation is harmless:
// the forms are only looked up, never shown. Rules:
//
//	plural:      +en, +s, +'s, +n (after -e), +eren (kind -> kinderen),
//	             doubled final consonant +en (juf -> juffen),
//	             long vowel made single in an open syllable (straat -> straten,
//	             school -> scholen, buur -> buren), with f/s voicing
//	             (huis -> huizen, brief -> brieven), -heid -> -heden
//	diminutive:  +je, +tje, +pje, +etje, doubled consonant +etje
//	             (bal -> balletje), -ng -> -nkje, a final single vowel doubled
//	             +tje (oma -> omaatje), +'tje, +ke, +eke (southern),
//	             and every diminutive +s (veldjes, pleintjes)
func inflections(w string) []string {
	n := len(w)
	if n == 0 {
		return nil
	}
	var out []string
	add := func(s string) {
		if s != w {
			out = append(out, s)
		}
	}
	last := w[n-1]
	lastVowel := isVowel(last)
	// Plurals.
	add(w + "en")
	add(w + "s")
	add(w + "'s")
	add(w + "eren")
	if last == 'e' {
		add(w + "n")
	}
	if strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") || last == 'x' || last == 's' {
		add(w + "es") // English loans: coaches, boxes
	}
	if strings.HasSuffix(w, "heid") {
		add(w[:n-4] + "heden")
	}
	if !lastVowel && n >= 2 && isVowel(w[n-2]) && (n < 3 || !isVowel(w[n-3])) {
		// short vowel + consonant: double it (juf -> juffen, bal -> ballen)
		add(w + string(last) + "en")
	}
	if !lastVowel && n >= 3 && isVowel(w[n-2]) && w[n-2] == w[n-3] {
		// long vowel written double: straat -> straten, school -> scholen
		open := w[:n-2] + string(last)
		add(open + "en")
		switch last {
		case 's':
			add(w[:n-2] + "zen")
		case 'f':
			add(w[:n-2] + "ven")
		}
	}
	switch {
	case strings.HasSuffix(w, "s") && n >= 3 && isVowel(w[n-2]) && isVowel(w[n-3]):
		add(w[:n-1] + "zen") // huis -> huizen
	case strings.HasSuffix(w, "f") && n >= 3 && isVowel(w[n-2]) && isVowel(w[n-3]):
		add(w[:n-1] + "ven") // brief -> brieven
	}
	// Diminutives.
	var dims []string
	dims = append(dims, w+"je", w+"tje", w+"pje", w+"etje", w+"ke", w+"eke", w+"'tje")
	if !lastVowel && n >= 2 && isVowel(w[n-2]) {
		dims = append(dims, w+string(last)+"etje", w+string(last)+"eke")
	}
	if strings.HasSuffix(w, "ng") {
		dims = append(dims, w[:n-1]+"kje")
	}
	if lastVowel && last != 'e' {
		dims = append(dims, w+string(last)+"tje")
	}
	if last == 'e' {
		dims = append(dims, w[:n-1]+"tje", w[:n-1]+"je")
	}
	for _, d := range dims {
		add(d)
		add(d + "s")
		if strings.HasSuffix(d, "ke") {
			add(d + "n")
		}
	}
	return out
}

// plausibleModifier reports whether m (folded) can be the left part of a
// Dutch compound: it must contain a vowel and must not end in a letter or
// cluster that no Dutch word or linking element ends in (diplo|ma has the
// modifier "dipl", aandeelh|ouders "aandeelh"). It is a cheap guard against
// suffix coincidences, not a lexicon.
func plausibleModifier(m string) bool {
	hasVowel := false
	for i := 0; i < len(m); i++ {
		if isVowel(m[i]) || m[i] >= utf8.RuneSelf {
			hasVowel = true
			break
		}
	}
	if !hasVowel {
		return false
	}
	n := len(m)
	last := m[n-1]
	prev := byte(0)
	if n >= 2 {
		prev = m[n-2]
	}
	switch last {
	case 'h':
		return prev == 'c'
	case 'j':
		return prev == 'i'
	case 'q', 'v', 'c':
		return false
	case 'w':
		return prev == 'u' || prev == 'o'
	case 'l', 'r':
		// consonant + l/r (pl, kr, tr...) ends no Dutch syllable
		return prev == 0 || isVowel(prev) || prev == last || prev == 'r' || prev == 'l'
	}
	return true
}

// validOnset reports whether h can begin a Dutch (or common loan) word: its
// initial consonants must be a cluster Dutch words start with. It keeps
// heads like "tsoen" (plan|tsoen) from being taken as "tso" + -en.
func validOnset(h string) bool {
	i := 0
	for i < len(h) && i < 4 && !isVowel(h[i]) && h[i] < utf8.RuneSelf {
		i++
	}
	switch h[:i] {
	case "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
		"bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gl", "gn", "gr", "kl", "kn", "kr", "kw",
		"ph", "pl", "pr", "ps", "sc", "sch", "schr", "sh", "sj", "sk", "sl", "sm", "sn", "sp", "spl",
		"spr", "st", "str", "sw", "th", "tr", "tw", "vl", "vr", "wh", "wr", "zw":
		return true
	}
	return i < len(h) && h[i] >= utf8.RuneSelf // a non-ASCII letter: do not judge
}
