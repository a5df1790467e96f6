package reports

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// WritePortrait writes the portrait of one family (families/<case>.md): how
// the family describes its everyday world in its own words. The family's
// own quotes come first, per category (relations, places, facilities, then
// qualities), each code with how often it was mentioned ("3 keer genoemd")
// and verbatim quotes naming the speaker's role and location; then what is
// not there (codes mentioned only negated), the people who link places, what
// different family members say, change between waves, the ecomap
// (../figures/ecomap-<case>.svg), formal help and strain kept apart, and at
// the end, clearly marked, the outside view of interviewer and session
// notes. Families are never ranked or scored. An unknown caseID is an error.
// The output is a function of its arguments only.
func WritePortrait(w io.Writer, r *analysis.Results, caseID string, m *Manifest, lang Lang) error {
	if r == nil {
		return fmt.Errorf("write portrait of %q: no results", caseID)
	}
	v := newView(r, m, lang)
	ci := v.caseInfo(caseID)
	if ci == nil {
		return fmt.Errorf("write portrait: no case %q in the results", caseID)
	}
	tx := v.tx
	cc := v.caseCodes(caseID)
	var b strings.Builder
	heading(&b, 1, fmt.Sprintf(tx.PortraitTitleF, caseID))
	b.WriteString(mdLink(tx.BackToReport, "../"+ReportFile) + "\n\n")
	v.portraitFacts(&b, ci)
	para(&b, tx.PortraitIntro)

	heading(&b, 2, tx.OwnWordsHeading)
	para(&b, tx.OwnWordsIntro)
	for _, cat := range basisCategories() {
		heading(&b, 3, tx.categoryPlural(cat))
		n := v.ownCodes(&b, cc.Own, cat)
		if n == 0 {
			para(&b, fmt.Sprintf(tx.OwnNoneF, strings.ToLower(tx.categoryPlural(cat))))
		}
	}
	if hasCategory(cc.Own, analysis.CatQuality) {
		heading(&b, 3, tx.QualitiesOwn)
		v.ownCodes(&b, cc.Own, analysis.CatQuality)
	}
	if hasCategory(cc.Own, "") {
		heading(&b, 3, tx.CatUncoded)
		v.ownCodes(&b, cc.Own, "")
	}

	v.portraitAbsent(&b, caseID)
	v.portraitLinks(&b, caseID)
	v.portraitMembers(&b, caseID, ci)
	v.portraitWaves(&b, caseID, ci)

	v.portraitEmergent(&b, caseID)

	heading(&b, 2, tx.EcomapHeading)
	b.WriteString(mdImage(fmt.Sprintf(tx.EcomapAltF, caseID), "../"+EcomapPath(caseID)) + "\n\n")
	para(&b, tx.EcomapCaption)

	v.portraitHelp(&b, cc)
	v.portraitOutside(&b, cc)
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func hasCategory(list []analysis.CodeCount, cat analysis.Category) bool {
	for _, c := range list {
		if c.Category == cat {
			return true
		}
	}
	return false
}

func (v *view) portraitFacts(b *strings.Builder, ci *analysis.CaseInfo) {
	tx := v.tx
	var facts []string
	if len(ci.Wijks) > 0 {
		facts = append(facts, "**"+EscapeText(tx.PortraitFactsWijk)+"**: "+joinEscaped(ci.Wijks))
	}
	if len(ci.Waves) > 0 {
		facts = append(facts, "**"+EscapeText(tx.PortraitFactsWave)+"**: "+joinEscaped(ci.Waves))
	}
	if len(ci.Roles) > 0 {
		roles := make([]string, len(ci.Roles))
		for i, r := range ci.Roles {
			roles[i] = tx.role(r)
		}
		facts = append(facts, "**"+EscapeText(tx.PortraitFactsRole)+"**: "+joinEscaped(roles))
	}
	facts = append(facts, "**"+EscapeText(tx.PortraitFactsDocs)+"**: "+joinEscaped(ci.Documents))
	for _, k := range sortedVariableKeys(ci.Variables) {
		facts = append(facts, "**"+EscapeText(k)+"**: "+EscapeText(ci.Variables[k]))
	}
	for _, f := range facts {
		b.WriteString("- " + f + "\n")
	}
	b.WriteString("\n")
}

// sortedVariableKeys returns the keys of a case's variables, sorted.
func sortedVariableKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ownCodes writes the family's own codes of one category, each as a
// heading with its count and quotes, and returns how many it wrote.
func (v *view) ownCodes(b *strings.Builder, list []analysis.CodeCount, cat analysis.Category) int {
	n := 0
	for _, c := range list {
		if c.Category != cat {
			continue
		}
		n++
		heading(b, 4, v.label(c.Code)+" — "+v.tx.countNeg(c.Mentions, c.Negated))
		v.writeQuotes(b, c.Quotes, false, 0)
		if len(c.Quotes) > 0 {
			b.WriteString("\n")
		}
	}
	return n
}

func (v *view) portraitAbsent(b *strings.Builder, caseID string) {
	tx := v.tx
	heading(b, 2, tx.AbsentHeading)
	para(b, tx.AbsentIntro)
	n := 0
	for _, a := range v.r.Absent {
		if a.Case != caseID {
			continue
		}
		n++
		heading(b, 4, fmt.Sprintf(tx.AbsentLineF, v.label(a.Code), tx.countNeg(a.Negated, a.Negated)))
		v.writeQuotes(b, a.Quotes, false, 0)
		if len(a.Quotes) > 0 {
			b.WriteString("\n")
		}
	}
	if n == 0 {
		para(b, tx.AbsentNone)
	}
}

func (v *view) portraitLinks(b *strings.Builder, caseID string) {
	tx := v.tx
	heading(b, 2, tx.LinksHeading)
	para(b, tx.LinksIntro)
	n := 0
	for _, br := range v.r.Bridges {
		if br.Case != caseID {
			continue
		}
		n++
		heading(b, 3, v.label(br.Relation))
		v.writeBridge(b, br, false)
	}
	if n == 0 {
		para(b, tx.LinksNone)
	}
}

func (v *view) portraitMembers(b *strings.Builder, caseID string, ci *analysis.CaseInfo) {
	tx := v.tx
	heading(b, 2, tx.MembersHeading)
	if len(ci.Roles) < 2 {
		para(b, tx.MembersOnlyOne)
		return
	}
	para(b, tx.MembersIntro)
	var rows [][]string
	var header []string
	for _, md := range v.r.Members {
		if md.Case != caseID {
			continue
		}
		if header == nil {
			header = []string{EscapeText(tx.CodeCol)}
			for _, rc := range md.Roles {
				header = append(header, EscapeText(fmt.Sprintf(tx.RoleSpokeF, tx.role(rc.Role), rc.RoleSegments)))
			}
		}
		row := []string{EscapeText(v.labelTagged(md.Code))}
		for _, rc := range md.Roles {
			if rc.Mentions == 0 {
				row = append(row, EscapeText(tx.NotNamed))
			} else {
				row = append(row, EscapeText(tx.countNeg(rc.Mentions, rc.Negated)))
			}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		para(b, tx.MembersNone)
		return
	}
	mdTable(b, header, nil, rows)
}

func (v *view) portraitWaves(b *strings.Builder, caseID string, ci *analysis.CaseInfo) {
	tx := v.tx
	heading(b, 2, tx.WavesHeading)
	if len(ci.Waves) < 2 {
		para(b, tx.WavesOnlyOne)
		return
	}
	para(b, tx.WavesIntro)
	pair := ""
	n := 0
	for _, wc := range v.r.Waves {
		if wc.Case != caseID {
			continue
		}
		n++
		if p := wc.From + "\x00" + wc.To; p != pair {
			if pair != "" {
				b.WriteString("\n")
			}
			pair = p
			heading(b, 3, fmt.Sprintf(tx.WavePairF, wc.From, wc.To))
		}
		var line string
		switch wc.Kind {
		case analysis.ChangeAppears:
			line = fmt.Sprintf(tx.WaveAppearsF, v.labelTagged(wc.Code), tx.countNeg(wc.After.Mentions, wc.After.Negated))
		case analysis.ChangeDisappears:
			line = fmt.Sprintf(tx.WaveDisappearsF, v.labelTagged(wc.Code), tx.countNeg(wc.Before.Mentions, wc.Before.Negated))
		default:
			line = fmt.Sprintf(tx.WaveChangesF, v.labelTagged(wc.Code), percent(wc.BeforeShare), percent(wc.AfterShare))
		}
		b.WriteString("- " + EscapeText(line) + "\n")
	}
	if n == 0 {
		para(b, tx.WavesNone)
		return
	}
	b.WriteString("\n")
}

// percent formats a share as a whole percentage ("12%").
func percent(x float64) string {
	return strconv.Itoa(int(x*100+0.5)) + "%"
}

func (v *view) portraitHelp(b *strings.Builder, cc analysis.CaseCodes) {
	tx := v.tx
	heading(b, 2, tx.CaseHelpHeading)
	para(b, tx.CaseHelpIntro)
	n := 0
	for _, cat := range []analysis.Category{analysis.CatFormalHelp, analysis.CatStrain} {
		if !hasCategory(cc.Own, cat) {
			continue
		}
		heading(b, 3, tx.categoryPlural(cat))
		n += v.ownCodes(b, cc.Own, cat)
	}
	if n == 0 {
		para(b, tx.CaseHelpNone)
	}
}

func (v *view) portraitOutside(b *strings.Builder, cc analysis.CaseCodes) {
	tx := v.tx
	heading(b, 2, tx.OutsideHeading)
	b.WriteString("> " + EscapeText(tx.OutsideIntro) + "\n\n")
	n := 0
	for _, part := range []struct {
		voice corpus.Voice
		list  []analysis.CodeCount
	}{{corpus.VoiceInterviewer, cc.Interviewer}, {corpus.VoiceNotes, cc.Notes}, {corpus.VoiceOther, cc.Other}} {
		if len(part.list) == 0 {
			continue
		}
		n++
		heading(b, 3, capitalize(tx.voice(part.voice)))
		for _, cat := range analysis.Categories {
			for _, c := range part.list {
				if c.Category != cat {
					continue
				}
				heading(b, 4, v.label(c.Code)+" ("+strings.ToLower(tx.category(cat))+") — "+tx.countNeg(c.Mentions, c.Negated))
				v.writeQuotes(b, c.Quotes, false, 0)
				if len(c.Quotes) > 0 {
					b.WriteString("\n")
				}
			}
		}
		for _, c := range part.list {
			if catRank(c.Category) == len(analysis.Categories) {
				heading(b, 4, v.label(c.Code)+" — "+tx.countNeg(c.Mentions, c.Negated))
				v.writeQuotes(b, c.Quotes, false, 0)
				b.WriteString("\n")
			}
		}
	}
	if n == 0 {
		para(b, tx.OutsideNone)
	}
}

func (v *view) portraitEmergent(b *strings.Builder, caseID string) {
	for _, e := range v.r.Emergent {
		if e.Case != caseID || len(e.Keywords)+len(e.Uncoded) == 0 {
			continue
		}
		heading(b, 2, v.tx.CaseEmergent)
		para(b, v.tx.CaseEmergentIntro)
		v.writeEmergent(b, e, 3)
		return
	}
}
