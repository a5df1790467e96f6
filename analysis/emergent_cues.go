package analysis

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Word tables for the mention cues. They are functions returning fresh sets
// so that no package state can be changed.

// kinVanWords are relation words that take "van X" ("de moeder van Samira").
func kinVanWords() map[string]bool {
	return wordSet("moeder", "vader", "ouders", "moeders", "vaders", "zus", "zusje", "zussen", "broer",
		"broertje", "broers", "oma", "opa", "tante", "oom", "neef", "neefje", "nicht", "nichtje",
		"vriend", "vriendin", "vriendje", "vriendinnetje", "vrienden", "vriendinnen", "vriendjes",
		"man", "vrouw", "zoon", "dochter", "familie", "baas", "collega", "buurvrouw", "buurman",
		"buren", "juf", "meester", "trainer", "coach", "oppas")
}

// mentionDeterminers are the words that may stand before a noun (and before a kin word).
func mentionDeterminers() map[string]bool {
	return wordSet("de", "het", "een", "mijn", "m'n", "zijn", "z'n", "haar", "onze", "ons", "hun",
		"jouw", "je", "die", "deze", "dat", "dit")
}

// deWordDeterminers may stand before a de-word person noun in -er/-ster.
func deWordDeterminers() map[string]bool {
	return wordSet("de", "een", "die", "deze", "mijn", "m'n", "zijn", "z'n", "haar", "onze", "hun",
		"jouw", "je", "elke", "iedere", "andere", "sommige", "alle", "veel", "twee", "drie", "geen",
		"paar", "welke")
}

// capitalisedNonNames are capitalised words that are no person or place names.
func capitalisedNonNames() map[string]bool {
	return wordSet("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
		"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
		"oktober", "november", "december", "kerst", "kerstmis", "pasen", "pinksteren", "ramadan",
		"suikerfeest", "offerfeest", "sinterklaas", "koningsdag", "oud", "nieuw", "god", "allah",
		"nederland", "nederlands", "engels", "turks", "arabisch", "marokkaans", "pools", "frans", "duits")
}

// nonPersonErWords are common words in -er(s) that name no person.
func nonPersonErWords() map[string]bool {
	return wordSet("moeder", "vader", "broer", "dochter", "zuster", "ouder", "ouders", "kinder", "zomer",
		"winter", "water", "kamer", "nummer", "computer", "meter", "kilometer", "liter", "letter",
		"cijfer", "papier", "plezier", "manier", "dier", "bier", "emmer", "hamer", "koffer", "kader",
		"lever", "oever", "september", "oktober", "november", "december", "vinger", "schouder",
		"monster", "venster", "zwanger", "lekker", "wakker", "zeker", "super", "suiker", "peper",
		"boter", "theater", "center", "eter", "poeder", "kelder", "zolder", "kanker", "avonturier",
		"ander", "anders", "verder", "weer", "meer", "keer", "hier", "over", "later", "beter", "eerder",
		"vroeger", "achter", "onder", "zonder", "wonder", "jaar", "tijger", "wekker", "folder", "pleister",
		"poster", "sticker", "flyer", "scooter", "cluster", "register", "semester", "filter", "ijzer",
		"moeders", "vaders", "broers", "dochters", "zusters")
}

// personSuffixForms and placeSuffixForms map each written ending of a person
// or place suffix to the suffix it is a form of (plurals, diminutives).
func personSuffixForms() map[string]string {
	return map[string]string{
		"werker": "werker", "werkers": "werker", "werkster": "werker", "werksters": "werker",
		"coach": "coach", "coaches": "coach", "coachen": "coach",
		"juf": "juf", "juffen": "juf", "juffrouw": "juf",
		"meester": "meester", "meesters": "meester",
		"vrouw": "vrouw", "vrouwen": "vrouw", "vrouwtje": "vrouw",
		"man": "man", "mannen": "man", "mannetje": "man",
		"moeder": "moeder", "moeders": "moeder",
		"vader": "vader", "vaders": "vader",
		"ster": "ster", "sters": "ster",
		"er": "er", "ers": "er",
	}
}

func placeSuffixForms() map[string]string {
	m := map[string]string{}
	add := func(base string, forms ...string) {
		m[base] = base
		for _, f := range forms {
			m[f] = base
		}
	}
	add("plein", "pleinen", "pleintje", "pleintjes")
	add("veld", "velden", "veldje", "veldjes")
	add("park", "parken", "parkje", "parkjes")
	add("straat", "straten", "straatje", "straatjes")
	add("huis", "huizen", "huisje", "huisjes")
	add("centrum", "centra", "centrums")
	add("hal", "hallen", "halletje")
	add("bad", "baden", "badje")
	add("tuin", "tuinen", "tuintje", "tuintjes")
	add("school", "scholen", "schooltje")
	return m
}

// verbPrefixStems are no nouns: "verhuis" is no house.
func verbPrefixStems() map[string]bool { return wordSet("ver", "ont", "her", "be", "ge", "er") }

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// mentionCueTables holds the cue tables of an accumulator. They are not
// changed after newMentionCueTables, so Observe may read them from many
// goroutines.
type mentionCueTables struct {
	// words holds the facts of the words in the tables and of the
	// stopwords, so that a word is looked up once.
	words   map[string]wordCue
	verbPre map[string]bool
	// suffixes are the person and place suffix forms; suffixIdx maps a
	// written ending to its index, and suffixLens holds the lengths of the
	// endings, longest first.
	suffixes   []suffixForm
	suffixIdx  map[string]int
	suffixLens []int
}

// suffixForm is a written ending of a person or place suffix.
type suffixForm struct {
	kind    string // MentionPerson or MentionPlace
	base    string // the suffix it is a form of ("werker" for "werksters")
	pattern string // the Mention.Pattern: "-" + base
}

// newMentionCueTables returns the cue tables with the stopwords stop.
func newMentionCueTables(stop map[string]struct{}) *mentionCueTables {
	tb := &mentionCueTables{words: map[string]wordCue{}, verbPre: verbPrefixStems(), suffixIdx: map[string]int{}}
	for w := range stop {
		tb.words[w] |= cueStop
	}
	for _, set := range []struct {
		words map[string]bool
		cue   wordCue
	}{
		{kinVanWords(), cueKin}, {mentionDeterminers(), cueDet}, {deWordDeterminers(), cueDeDet},
		{capitalisedNonNames(), cueNotName}, {nonPersonErWords(), cueNonEr},
		{wordSet("van"), cueVan}, {wordSet("bij"), cueBij}, {wordSet("met"), cueMet}, {wordSet("thuis"), cueThuis},
	} {
		for w := range set.words {
			tb.words[w] |= set.cue
		}
	}
	add := func(kind string, forms map[string]string) {
		for end, base := range forms {
			tb.suffixIdx[end] = len(tb.suffixes)
			tb.suffixes = append(tb.suffixes, suffixForm{kind: kind, base: base, pattern: "-" + base})
			if !slices.Contains(tb.suffixLens, len(end)) {
				tb.suffixLens = append(tb.suffixLens, len(end))
			}
		}
	}
	add(MentionPerson, personSuffixForms())
	add(MentionPlace, placeSuffixForms())
	slices.Sort(tb.suffixLens)
	slices.Reverse(tb.suffixLens)
	return tb
}

// wordCue is a set of facts about a folded word, looked up once per
// document.
type wordCue uint16

const (
	cueKeep    wordCue = 1 << iota // may be a keyword: three code points or more, a letter among them, no stopword
	cueLetters                     // letters only
	cueKin                         // kin or relation word ("moeder van …")
	cueDet                         // determiner
	cueDeDet                       // de-word determiner
	cueNotName                     // capitalised, yet no name (days, months, …)
	cueNonEr                       // a common -er word that is no person
	cueVan
	cueBij
	cueMet
	cueThuis
	cueStop // a stopword
)

// cueOf returns the facts of a folded word.
func (tb *mentionCueTables) cueOf(norm string) wordCue {
	c := tb.words[norm]
	letter, letters, n := false, true, 0
	for _, r := range norm {
		n++
		if unicode.IsLetter(r) {
			letter = true
		} else {
			letters = false
		}
	}
	if letters {
		c |= cueLetters
	}
	if n >= 3 && letter && c&cueStop == 0 {
		c |= cueKeep
	}
	return c
}

// suffixKind returns the index in tb.suffixes of the longest person or
// place suffix of a folded word, when at least three letters that are no
// verb prefix stand before it, or -1. A word whose longest suffix leaves too
// short a stem is no mention (moeder is no "-er" noun).
func (tb *mentionCueTables) suffixKind(n string) int {
	for _, l := range tb.suffixLens {
		if l > len(n) {
			continue
		}
		k, ok := tb.suffixIdx[n[len(n)-l:]]
		if !ok {
			continue
		}
		stem := n[:len(n)-l]
		if utf8.RuneCountInString(stem) < 3 || tb.verbPre[stem] {
			return -1
		}
		return k
	}
	return -1
}
