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
	}
	for _, tc := range tests {
		t.Run(tc.text+"/"+tc.mention, func(t *testing.T) {
			ms := cb.Match(tc.text, Context{})
			for _, m := range ms {
				if m.Surface != tc.mention {
					continue
				}
				if m.Negated != tc.negated || m.NegCue != tc.cue {
					t.Errorf("%q in %q: Negated=%v cue=%q, want %v %q", tc.mention, tc.text, m.Negated, m.NegCue, tc.negated, tc.cue)
				}
				return
			}
			t.Fatalf("%q not matched in %q (got %v)", tc.mention, tc.text, summary(ms))
		})
	}
}
