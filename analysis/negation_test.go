package analysis

import "testing"

// TestNegation checks the negation of one mention per sentence. The
// expectations are read from Dutch: is the thing said to be absent, not
// there, not known, not done?
func TestNegation(t *testing.T) {
	cb := loadTestCodebook(t, "mini.yaml")
	tests := []struct {
		text, mention string
		negated       bool
		cue           string
	}{
		// geen before the mention
		{"Er is hier geen speeltuin.", "speeltuin", true, "geen"},
		{"Bij ons in de straat is geen trapveldje.", "trapveldje", true, "geen"},
		{"Er is geen leuke speeltuin in de buurt.", "speeltuin", true, "geen"},
		{"We hebben geen enkele speeltuin.", "speeltuin", true, "geen"},
		{"Geen oppas, geen opa, niets.", "oppas", true, "Geen"},
		{"Geen oppas, geen opa, niets.", "opa", true, "geen"},
		// clause boundaries
		{"Er is geen speeltuin, maar wel een park.", "park", false, ""},
		{"We hebben geen tuin maar het park is dichtbij.", "park", false, ""},
		{"Geen speeltuin; het park is wel fijn.", "park", false, ""},
		{"Ik heb geen auto want de school is dichtbij.", "school", false, ""},
		{"Ik weet niet of de buren thuis zijn.", "buren", false, ""},
		{"Ik denk niet dat de juf komt.", "juf", false, ""},
		// en/of: short coordination keeps the negation, a new clause does not
		{"Er zijn geen opa's en oma's in de buurt.", "oma's", true, "geen"},
		{"We hebben geen speeltuin of park.", "park", true, "geen"},
		{"Er is geen speeltuin en de buren zijn aardig.", "buren", false, ""},
		{"geen buren en geen speeltuin", "speeltuin", true, "geen"},
		{"geen buren en geen speeltuin", "buren", true, "geen"},
		// niet, nooit, niemand, nergens, zonder, noch, nimmer, geeneen
		{"We gaan nooit naar het park.", "park", true, "nooit"},
		{"Ik ga niet naar de speeltuin.", "speeltuin", true, "niet"},
		{"Niemand van de buren helpt.", "buren", true, "Niemand"},
		{"Er is nergens een speeltuin.", "speeltuin", true, "nergens"},
		{"Ik sta er alleen voor, zonder oppas.", "oppas", true, "zonder"},
		{"Noch de buren noch de juf weten het.", "buren", true, "Noch"},
		{"Noch de buren noch de juf weten het.", "juf", true, "noch"},
		{"Die speeltuin heb ik nimmer gezien.", "speeltuin", true, "nimmer"},
		{"Er is geeneen speeltuin.", "speeltuin", true, "geeneen"},
		// too far before the mention
		{"Ik ga niet vaak met de kinderen en de hond naar het park.", "park", false, ""},
		// niet + adverb: negates the adverb, not the thing
		{"Het is niet alleen de oppas die helpt.", "oppas", false, ""},
		{"Niet alleen de buren, ook de juf.", "buren", false, ""},
		{"We wonen niet ver van de school.", "school", false, ""},
		{"Het is niet zo'n grote speeltuin.", "speeltuin", false, ""},
		{"Ik zie de buren niet zo vaak.", "buren", false, ""},
		// idioms with geen
		{"Ik heb geen idee of de buren thuis zijn.", "buren", false, ""},
		{"We hebben geen last van de buren.", "buren", false, ""},
		{"Ik heb geen tijd voor de speeltuin.", "speeltuin", false, ""},
		{"Geen probleem, de oppas komt.", "oppas", false, ""},
		// verb-final negation after the mention
		{"De buren kennen we niet.", "buren", true, "niet"},
		{"We kennen de buren niet.", "buren", true, "niet"},
		{"De juf heb ik nooit gezien.", "juf", true, "nooit"},
		{"Die speeltuin mogen ze niet in.", "speeltuin", true, "niet"},
		{"De buren zien we eigenlijk nooit meer.", "buren", true, "nooit"},
		{"De speeltuin is niet veilig.", "speeltuin", false, ""},
		{"De buren ken ik niet goed.", "buren", false, ""},
		{"De oppas zegt dat het niet kan.", "oppas", false, ""},
		// no cue
		{"De buurvrouw past vaak op.", "buurvrouw", false, ""},
		{"Je kent de buren toch, nietwaar?", "buren", false, ""},
		{"Er is niets mis met de speeltuin.", "speeltuin", false, ""},
		{"Het park is onveilig.", "park", false, ""},
		// quality word carries its own polarity; a cue before it negates it
		{"Het park is niet veilig.", "veilig", true, "niet"},
		{"Het park is onveilig.", "onveilig", false, ""},
		// Flemish nie is a cue, before and verb-final
		{"De buren ken ik nie.", "buren", true, "nie"},
		{"Dan is dat nie veilig voor de kleine.", "veilig", true, "nie"},
		// a degree adverb between niet and the mention keeps the negation
		{"Ik voel me daar niet zo veilig.", "veilig", true, "niet"},
		{"Het is er nie echt veilig.", "veilig", true, "nie"},
		// nooit alleen: the negation bears on alleen
		{"Ik mag nooit alleen naar het park.", "park", false, ""},
		// niet alles, niet elke: a quantifier is negated, not the mention
		{"Je moet niet alles bij de buren neerleggen.", "buren", false, ""},
		// a mention locating another negated mention is not negated
		{"Ik heb geen buren in de straat, alleen op school.", "buren", true, "geen"},
		{"Verder geen oppas in het park.", "park", false, ""},
		{"Geen speeltuin of park.", "park", true, "Geen"},
		// zonder dat negates its clause; niet als compares
		{"Oma kan oppassen zonder dat het park te ver is.", "park", true, "zonder"},
		{"Ik voel me niet als veilig behandeld.", "veilig", true, "niet"},
		// niet crosses of into a coordination of mentions
		{"Hij gaat niet naar een speeltuin of park.", "park", true, "niet"},
		// a bare role after als: the cue denies the act
		{"Als oppas tel je niet mee.", "oppas", false, ""},
		// verb-final: an object pronoun or another noun phrase between
		// mention and cue moves the negation to the act
		{"Mijn buurvrouw kan het niet.", "buurvrouw", false, ""},
		{"In het park kennen de mensen elkaar niet.", "park", false, ""},
		{"De rest van de buren ken ik niet zo.", "buren", true, "niet"},
		{"De school is voor haar financieel niet haalbaar.", "school", true, "niet"},
		{"Met de buren heeft zij geen contact.", "buren", true, "geen"},
		// an elliptical clause without a verb: the cue bears on the verb
		// before it
		{"Hij mist de trainer wel, de buren niet.", "buren", false, ""},
		{"Nergens veilig: nie op het pleintje, nie in het park.", "park", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.text+"/"+tc.mention, func(t *testing.T) {
			checkNeg(t, cb, tc.text, tc.mention, tc.negated, tc.cue)
		})
	}
}

// TestNegationRound2 checks the rules added in tuning round 2 with the
// default codebook.
func TestNegationRound2(t *testing.T) {
	cb, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, mention string
		negated       bool
		cue           string
	}{
		// a phrase locating the mention is skipped; the located mention
		// keeps the negation, the locating one does not
		{"Moeder kent de bibliotheek in het winkelcentrum niet.", "bibliotheek", true, "niet"},
		{"Moeder kent de bibliotheek in het winkelcentrum niet.", "winkelcentrum", false, ""},
		{"Het trapveldje achter de flat is er ook niet meer.", "trapveldje", true, "niet"},
		{"Het trapveldje achter de flat is er ook niet meer.", "flat", false, ""},
		// denied availability: geen plek, niet te betalen, niet aan de orde
		{"Op de bso van school is geen plek voor haar.", "bso", true, "geen"},
		{"Op de bso van school is geen plek voor haar.", "school", false, ""},
		{"Mijn vriendin vindt er geen plaats voor haar kleine.", "vriendin", false, ""},
		{"Een kinderdagverblijf is voor ons niet te betalen.", "kinderdagverblijf", true, "niet"},
		{"Kinderopvang is niet aan de orde.", "Kinderopvang", true, "niet"},
		// niet vergeten asserts
		{"En de moskee niet vergeten.", "moskee", false, ""},
		// nooit contact after a fronted met-phrase, also after en
		{"Met de buren hebben we nooit contact gehad.", "buren", true, "nooit"},
		{"En met mijn schoonfamilie heb ik geen contact meer.", "schoonfamilie", true, "geen"},
		// a participle with a separable particle is a verb form
		{"Veilig Thuis niet ingeschakeld.", "Veilig Thuis", true, "niet"},
	}
	for _, tc := range tests {
		t.Run(tc.text+"/"+tc.mention, func(t *testing.T) {
			checkNeg(t, cb, tc.text, tc.mention, tc.negated, tc.cue)
		})
	}
}

func checkNeg(t *testing.T, cb *Codebook, text, mention string, negated bool, cue string) {
	t.Helper()
	ms := cb.Match(text, Context{})
	for _, m := range ms {
		if m.Surface != mention {
			continue
		}
		if m.Negated != negated || m.NegCue != cue {
			t.Errorf("%q in %q: Negated=%v cue=%q, want %v %q", mention, text, m.Negated, m.NegCue, negated, cue)
		}
		return
	}
	t.Fatalf("%q not matched in %q (got %v)", mention, text, summary(ms))
}
