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
	case "geen", "niet", "nie", "nooit", "niemand", "nergens", "zonder", "noch", "geeneen", "nimmer":
		return true
	}
	return false
}

// negPostCue lists the cues that can follow the mention (verb-final).
func negPostCue(w string) bool {
	switch w {
	case "niet", "nie", "nooit", "nimmer":
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
	case "alleen", "zo", "zo'n", "zozeer", "zelden", "ver", "te", "altijd", "slechts", "enkel",
		"alles", "elke", "elk", "ieder", "iedere", "overal", "steeds", "vaak", "veel", "meteen":
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
	return participle(w)
}

// isPrep reports whether w is a preposition that can open a phrase
// locating a noun ("geen vriendinnetjes in de straat").
func isPrep(w string) bool {
	switch w {
	case "in", "op", "bij", "van", "uit", "aan", "rond", "achter", "naast", "tegenover", "om", "buiten", "binnen", "langs", "voor":
		return true
	}
	return false
}

// availability: adjectives that, after a verb-final niet, deny that a
// facility or place is there for the family ("kinderopvang is voor haar
// niet haalbaar", "de bso is niet open").
func availability(w string) bool {
	switch w {
	case "haalbaar", "beschikbaar", "aanwezig", "open", "betaalbaar":
		return true
	}
	return false
}

// placeNoun: "geen plek" after a facility denies it ("op de bso is geen
// plek", ANNOTATION.md 7: denied availability counts as absence).
func placeNoun(w string) bool {
	switch w {
	case "plek", "plekje", "plaats", "plaatsje", "ruimte":
		return true
	}
	return false
}

// copula: the verbs of "er is geen plek", "heeft geen plaats".
func copula(w string) bool {
	switch w {
	case "is", "was", "zijn", "waren", "heeft", "had", "hebben", "hadden":
		return true
	}
	return false
}

// affirmsAfterNiet: verbs that turn a preceding niet into an assertion
// ("de moskee niet vergeten": the mosque is there).
func affirmsAfterNiet(w string) bool {
	switch w {
	case "vergeten", "vergeet", "vergat":
		return true
	}
	return false
}

// deniedUse: "niet te betalen", "niet aan de orde": after niet these deny
// that the facility is there for the family, like availability.
func deniedUse(toks []tok, j int) bool {
	at := func(k int, w string) bool { return k < len(toks) && !toks[k].brk && toks[k].Norm == w }
	if at(j+1, "te") && j+2 < len(toks) && !toks[j+2].brk {
		switch toks[j+2].Norm {
		case "betalen", "krijgen", "vinden", "bereiken":
			return true
		}
	}
	return at(j+1, "aan") && at(j+2, "de") && at(j+3, "orde")
}

// determiner: an article or possessive inside a noun phrase.
func determiner(w string) bool {
	switch w {
	case "de", "het", "'t", "een", "mijn", "m'n", "jouw", "je", "zijn", "z'n", "haar", "d'r", "ons", "onze", "hun", "die", "dat", "deze", "dit":
		return true
	}
	return false
}

// locPhrase returns the end of a phrase "prep (det) mention" that starts at
// j and locates the mention before it ("de bibliotheek in het
// winkelcentrum"), or -1.
func locPhrase(toks []tok, j int, isOther func(int) bool) int {
	if !isPrep(toks[j].Norm) {
		return -1
	}
	for k := j + 1; k < len(toks) && k <= j+3; k++ {
		if toks[k].brk {
			return -1
		}
		if isOther(k) {
			for k < len(toks) && isOther(k) && (k == j+1 || !toks[k].brk) {
				k++
			}
			return k
		}
		if !determiner(toks[k].Norm) {
			return -1
		}
	}
	return -1
}

// locating reports whether the mention at t0 is the object of a phrase
// "prep (det)" right after another mention: it locates that mention ("de
// bibliotheek in het winkelcentrum", "de bso van school"), and a negator
// after it bears on the mention it locates.
func locating(toks []tok, t0 int, isOther func(int) bool) bool {
	j := t0 - 1
	for j >= 0 && !toks[j+1].brk && determiner(toks[j].Norm) && t0-j <= 2 {
		j--
	}
	return j >= 1 && !toks[j+1].brk && isPrep(toks[j].Norm) && isOther(j-1)
}

// participle: a participle with a separable particle (ingeschakeld,
// opgezegd, aangemeld).
func participle(w string) bool {
	n := len(w)
	if n < 7 || (w[n-1] != 'd' && w[n-1] != 't') {
		return false
	}
	for _, p := range [...]string{"in", "op", "uit", "aan", "af", "door", "mee", "terug", "toe", "weg", "over", "bij", "na", "voor", "om"} {
		if len(w) > len(p)+2 && w[:len(p)] == p && w[len(p):len(p)+2] == "ge" {
			return true
		}
	}
	return false
}

// contactNoun: "geen contact" after a fronted mention ("Met de buren heeft
// zij geen contact") denies the contact with it.
func contactNoun(w string) bool {
	switch w {
	case "contact", "omgang", "band", "banden", "relatie":
		return true
	}
	return false
}

// degree: adverbs of degree between niet and a quality word do not move the
// negation away from it ("niet zo welkom", "nie echt welkom").
func degree(w string) bool {
	switch w {
	case "zo", "erg", "heel", "echt", "helemaal", "zo'n":
		return true
	}
	return false
}

// verbLike reports whether w looks like a verb form: an auxiliary or
// common finite verb, an infinitive or plural form in -en, a participle.
func verbLike(w string) bool {
	switch w {
	case "in", "op", "uit", "mee", "aan", "af", "door", "heen", "langs", "toe", "terug", "weg",
		"over", "bij", "naar", "binnen", "buiten", "meer", "hoor", "eigenlijk", "toch", "ofzo",
		"he", "hè", "trouwens", "eens", "echt", "gewoon":
		return false
	}
	return trailer(w) || finite(w)
}

// finite lists frequent finite verbs that trailer does not know.
func finite(w string) bool {
	switch w {
	case "voel", "voelt", "vind", "vindt", "speel", "speelt", "praat", "zit", "zat", "sta", "staat", "stond",
		"loop", "loopt", "liep", "woon", "woont", "woonde", "help", "helpt", "hielp", "zeg", "zegt", "zei",
		"mis", "mist", "miste", "voelde", "speelde", "gaan", "staan", "doen", "slaan", "zijn", "hebben",
		"ga", "gaat", "heeft", "kunt", "kunnen", "mogen", "moeten", "willen", "zullen":
		return true
	}
	return false
}

// verbless reports whether the mention stands in a short elliptical
// clause: at most five words between punctuation, no verb outside
// mentions ("nie op 't pleintje, nie in de winkelstraat", "de teamgenoten
// niet"). Its negator bears on the verb of the clause before, not on the
// mention.
func verbless(toks []tok, t0, t1 int, isOther func(int) bool) bool {
	s := t0
	for s > 0 && !toks[s].brk {
		s--
	}
	e := t1
	for e < len(toks) && !toks[e].brk {
		e++
	}
	if e-s > 5 || s == 0 && e == len(toks) {
		return false // long, or the whole segment (an answer "Nee, nooit.")
	}
	for k := s; k < e; k++ {
		if k >= t0 && k < t1 || isOther(k) {
			continue
		}
		if verbLike(toks[k].Norm) {
			return false
		}
	}
	return true
}

// find returns the index of the cue token that negates the mention over
// tokens [t0, t1), or -1. other reports whether a token belongs to another
// mention of the same segment (nil: none).
func (negScanner) find(toks []tok, t0, t1 int, other func(j int) bool) int {
	isOther := func(j int) bool { return other != nil && other(j) }
	// A bare noun right after "als" names a role ("als oma tel je niet
	// mee"): a cue after it denies the act, not the person.
	role := t0 > 0 && !toks[t0].brk && toks[t0-1].Norm == "als"
	// Before the mention.
	crossed := -1 // index of an en/of crossed while walking back
	prep := false // a preposition stands between the mention and the walk
	for j := t0 - 1; j >= 0 && j >= t0-NegWindow; j-- {
		if toks[j+1].brk {
			break
		}
		w := toks[j].Norm
		if isOther(j) {
			// A mention in a phrase that locates another mention is not
			// negated with it: "geen vriendinnetjes in de straat".
			if prep && crossed < 0 {
				break
			}
			continue
		}
		if isPrep(w) {
			prep = true
		}
		if clauseWord(w) {
			// "niet als gelijke": als after a negator compares.
			if w == "als" && j > 0 && negCue(toks[j-1].Norm) && !toks[j].brk {
				continue
			}
			// "zonder dat": the subordinate clause is negated.
			if w == "dat" && j > 0 && toks[j-1].Norm == "zonder" && !toks[j].brk {
				return j - 1
			}
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
		if (w == "niet" || w == "nie" || w == "nooit") && nietBlocked(next) && j+1 < t0 {
			// "niet zo welkom": a degree adverb right before the mention.
			if !(degree(next) && j+2 == t0) {
				continue
			}
		}
		if w == "geen" && geenIdiom(next) && j+1 < t0 {
			break
		}
		if crossed >= 0 && (w == "niet" || w == "nie") && !isOther(crossed-1) {
			break
		}
		if (w == "niet" || w == "nie" || w == "nooit") && verbless(toks, t0, t1, isOther) {
			break
		}
		return j
	}
	if role || locating(toks, t0, isOther) {
		return -1
	}
	// After the mention, verb-final.
	pron := false // an object pronoun stands between mention and cue
	limit := t1 + NegWindow
	for j := t1; j < len(toks) && j < limit; j++ {
		if toks[j].brk {
			break
		}
		w := toks[j].Norm
		if e := locPhrase(toks, j, isOther); e > 0 && j == t1 {
			// A phrase locating the mention is part of it: "de bibliotheek
			// in het winkelcentrum ken ik niet".
			limit += e - j
			j = e - 1
			continue
		}
		if clauseWord(w) || softClauseWord(w) {
			break
		}
		if w == "het" || w == "'t" || w == "elkaar" || w == "de" || w == "een" {
			// An object pronoun or another noun phrase between the mention
			// and the cue: "mijn moeder kan het niet", "in het blok kennen
			// de meeste mensen elkaar niet".
			pron = true
		}
		if w == "geen" && j+1 < len(toks) && !toks[j+1].brk && contactNoun(toks[j+1].Norm) && fronted(toks, t0) {
			return j
		}
		if w == "nooit" && j+1 < len(toks) && !toks[j+1].brk && contactNoun(toks[j+1].Norm) && fronted(toks, t0) {
			return j // "met de buren hebben we nooit contact gehad"
		}
		if w == "geen" && j+1 < len(toks) && !toks[j+1].brk && placeNoun(toks[j+1].Norm) && !pron && copula(toks[j-1].Norm) {
			return j // "op de bso is geen plek": denied availability
		}
		if !negPostCue(w) {
			continue
		}
		if deniedUse(toks, j) && !pron {
			return j
		}
		if pron || verbless(toks, t0, t1, isOther) {
			return -1 // the act is denied, not the mention
		}
		if j+1 < len(toks) && !toks[j+1].brk && nietBlocked(toks[j+1].Norm) {
			// "de rest van de straat ken ik niet zo": a clause-final zo
			// keeps the negation.
			if toks[j+1].Norm == "zo" && (j+2 >= len(toks) || toks[j+2].brk) {
				return j
			}
			return -1
		}
		for k := j + 1; k < len(toks); k++ {
			if toks[k].brk || clauseWord(toks[k].Norm) || softClauseWord(toks[k].Norm) {
				break
			}
			if affirmsAfterNiet(toks[k].Norm) || !trailer(toks[k].Norm) && !availability(toks[k].Norm) {
				return -1
			}
		}
		return j
	}
	return -1
}

// fronted reports whether the mention at t0 stands in a fronted phrase
// "met (de) X" at the start of its clause.
func fronted(toks []tok, t0 int) bool {
	for j := t0 - 1; j >= 0 && j >= t0-3; j-- {
		if toks[j].Norm == "met" {
			// "(En) met de buren ...": a conjunction may open the clause.
			return toks[j].brk || j > 0 && toks[j-1].brk && (softClauseWord(toks[j-1].Norm) || toks[j-1].Norm == "maar")
		}
		if toks[j].brk {
			return false
		}
	}
	return false
}
