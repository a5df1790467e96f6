package analysis

// Negation: a match is Negated when a negation cue governs it in the same
// clause. The rules, kept simple on purpose:
//
//  1. Cues are the words geen, niet, nooit, niemand, nergens, zonder, noch,
//     geeneen and nimmer (whole tokens only: nietwaar, niets and onveilig
//     are no cues; a quality word carries its own polarity).
//  2. Clauses end at , ; : . ! ? … ( ) dashes and line breaks, and before
//     the conjunctions and subordinators maar, want, omdat, terwijl, dus,
//     doordat, zodat, hoewel, dat, als, wanneer, toen, om and of/en (see 4).
//  3. Before: a cue up to NegWindow tokens before the mention in the same
//     clause negates it ("Er is geen speeltuin", "We hebben nooit contact
//     met de buren"), except
//     - "niet" directly followed by alleen, zo, zo'n, zozeer, zelden, ver,
//     te, altijd, slechts or enkel ("niet alleen de oppas", "niet ver van
//     de school": these negate the adverb, not the thing);
//     - "geen" directly followed by an idiom noun (idee, probleem, last,
//     zin, moeite, bezwaar, zorgen, tijd, verstand, twijfel, spijt, haast):
//     "geen idee of de buren thuis zijn" says nothing about the buren.
//  4. en/of end the clause, except that a cue crosses them into a short
//     coordination of bare words: "geen opa's en oma's" negates both, but
//     "geen speeltuin en de buren zijn aardig" does not negate the buren
//     (the word after en/of is a determiner or pronoun, or the mention is
//     more than two tokens after it).
//  5. After (verb-final): niet, nooit or nimmer up to NegWindow tokens
//     after the mention in the same clause negate it when nothing but verbs,
//     particles and discourse words follow up to the end of the clause:
//     "De buren kennen we niet", "De juf heb ik nooit gezien", but not
//     "De speeltuin is niet veilig" (the adjective is negated) nor "De buren
//     kennen we niet zo goed".

// NegWindow is the number of tokens before (or after) a mention within
// which a negation cue is looked for.
const NegWindow = 6

// negScanner finds negation cues; its zero value is ready to use.
type negScanner struct{}

func negCue(w string) bool {
	switch w {
	case "geen", "niet", "nooit", "niemand", "nergens", "zonder", "noch", "geeneen", "nimmer":
		return true
	}
	return false
}

// negPostCue lists the cues that can follow the mention (verb-final).
func negPostCue(w string) bool {
	switch w {
	case "niet", "nooit", "nimmer":
		return true
	}
	return false
}

// clauseWord reports whether w starts a new clause.
func clauseWord(w string) bool {
	switch w {
	case "maar", "want", "omdat", "terwijl", "dus", "doordat", "zodat", "hoewel",
		"dat", "als", "wanneer", "toen", "om", "zodra", "nadat", "voordat", "totdat", "waardoor":
		return true
	}
	return false
}

// softClauseWord: en and of, which coordinate words as well as clauses.
func softClauseWord(w string) bool { return w == "en" || w == "of" }

// nietBlocked: "niet" followed by these negates the following adverb or
// adjective, not a later mention.
func nietBlocked(next string) bool {
	switch next {
	case "alleen", "zo", "zo'n", "zozeer", "zelden", "ver", "te", "altijd", "slechts", "enkel":
		return true
	}
	return false
}

// geenIdiom: "geen" followed by these is an idiom that negates only itself.
func geenIdiom(next string) bool {
	switch next {
	case "idee", "probleem", "problemen", "last", "zin", "moeite", "bezwaar", "zorgen",
		"tijd", "verstand", "twijfel", "spijt", "haast", "flauw":
		return true
	}
	return false
}

// functionWord: a determiner or pronoun that starts a new clause after en/of.
func functionWord(w string) bool {
	switch w {
	case "de", "het", "een", "die", "dat", "deze", "dit", "ik", "je", "jij", "u", "hij", "zij", "ze",
		"we", "wij", "jullie", "men", "er", "mijn", "jouw", "zijn", "haar", "ons", "onze", "hun",
		"daar", "hier", "dan", "toen", "nu", "ook", "wel", "m'n", "z'n", "d'r":
		return true
	}
	return false
}

// trailer reports whether w may follow a verb-final negation cue: a verb
// form (infinitive, participle, auxiliary), a separable particle, or a
// discourse word.
func trailer(w string) bool {
	switch w {
	case "in", "op", "uit", "mee", "aan", "af", "door", "heen", "langs", "toe", "terug", "weg",
		"over", "bij", "naar", "binnen", "buiten", "meer", "hoor", "eigenlijk", "toch", "ofzo",
		"he", "hè", "trouwens", "eens", "echt", "gewoon", "kan", "kon", "wil", "wou", "mag", "moet",
		"zal", "zou", "is", "was", "ben", "bent", "heb", "hebt", "heeft", "had", "word", "wordt",
		"werd", "doe", "doet", "deed", "ga", "gaat", "ging", "kom", "komt", "kwam", "ken", "kent",
		"zie", "ziet", "zag", "weet", "wist", "gezien", "gehad", "gedaan", "geweest", "gekend":
		return true
	}
	n := len(w)
	if n >= 4 && w[n-2:] == "en" {
		return true // infinitive or plural verb (kennen, gaan, zien, gevonden)
	}
	if n >= 5 && w[:2] == "ge" && (w[n-1] == 'd' || w[n-1] == 't') {
		return true // participle (gezegd, gespeeld)
	}
	return false
}

// find returns the index of the cue token that negates the mention over
// tokens [t0, t1), or -1.
func (negScanner) find(toks []tok, t0, t1 int) int {
	// Before the mention.
	crossed := -1 // index of an en/of crossed while walking back
	for j := t0 - 1; j >= 0 && j >= t0-NegWindow; j-- {
		if toks[j+1].brk {
			break
		}
		w := toks[j].Norm
		if clauseWord(w) {
			break
		}
		if softClauseWord(w) {
			// Crossing en/of only into a short bare coordination.
			if t0-j > 2 || functionWord(toks[j+1].Norm) || crossed >= 0 {
				break
			}
			crossed = j
			continue
		}
		if !negCue(w) {
			continue
		}
		next := ""
		if j+1 < len(toks) {
			next = toks[j+1].Norm
		}
		if w == "niet" && nietBlocked(next) {
			continue
		}
		if w == "geen" && geenIdiom(next) && j+1 < t0 {
			break
		}
		if crossed >= 0 && w == "niet" {
			break
		}
		return j
	}
	// After the mention, verb-final.
	for j := t1; j < len(toks) && j < t1+NegWindow; j++ {
		if toks[j].brk {
			break
		}
		w := toks[j].Norm
		if clauseWord(w) || softClauseWord(w) {
			break
		}
		if !negPostCue(w) {
			continue
		}
		if j+1 < len(toks) && !toks[j+1].brk && nietBlocked(toks[j+1].Norm) {
			return -1
		}
		for k := j + 1; k < len(toks); k++ {
			if toks[k].brk || clauseWord(toks[k].Norm) || softClauseWord(toks[k].Norm) {
				break
			}
			if !trailer(toks[k].Norm) {
				return -1
			}
		}
		return j
	}
	return -1
}
