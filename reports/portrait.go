package reports

import (
	"fmt"
	"io"
	"runtime"
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
	var b mdBuf
	return newMDView(r, m, lang, &caseID).writePortrait(&b, w, caseID)
}

// writePortrait writes the portrait of a case to w through b.
func (v *mdView) writePortrait(b *mdBuf, w io.Writer, caseID string) error {
	mc := v.cases[caseID]
	if mc == nil {
		return fmt.Errorf("write portrait: no case %q in the results", caseID)
	}
	b.reset(w)
	tx := v.tx
	ci := mc.info
	cc := mc.caseCodes()
	b.str("# ")
	b.str(mc.title)
	b.str("\n\n")
	b.str(mdLink(tx.BackToReport, "../"+ReportFile) + "\n\n")
	v.portraitFacts(b, ci)
	b.para(tx.PortraitIntro)

	b.heading(2, tx.OwnWordsHeading)
	b.para(tx.OwnWordsIntro)
	for _, cat := range basisCategories() {
		b.heading(3, tx.categoryPlural(cat))
		n := v.ownCodes(b, cc.Own, cat)
		if n == 0 {
			b.tmp = fmt.Appendf(b.tmp[:0], tx.OwnNoneF, strings.ToLower(tx.categoryPlural(cat)))
			b.paraTmp()
		}
	}
	if hasCategory(cc.Own, analysis.CatQuality) {
		b.heading(3, tx.QualitiesOwn)
		v.ownCodes(b, cc.Own, analysis.CatQuality)
	}
	if hasCategory(cc.Own, "") {
		b.heading(3, tx.CatUncoded)
		v.ownCodes(b, cc.Own, "")
	}

	v.portraitAbsent(b, mc)
	v.portraitLinks(b, mc)
	v.portraitMembers(b, mc)
	v.portraitWaves(b, mc)

	v.portraitEmergent(b, mc)

	b.heading(2, tx.EcomapHeading)
	b.str("![")
	b.escf(tx.EcomapAltF, caseID)
	b.str("](")
	b.str(mdLinkTarget("../" + mc.ecomap))
	b.str(")\n\n")
	b.para(tx.EcomapCaption)

	v.portraitHelp(b, cc)
	v.portraitOutside(b, cc)
	return b.finish()
}

func hasCategory(list []analysis.CodeCount, cat analysis.Category) bool {
	for _, c := range list {
		if c.Category == cat {
			return true
		}
	}
	return false
}

// fact appends one line of the facts list: "- **name**: ".
func (b *mdBuf) fact(name string) {
	b.str("- **")
	b.esc(name)
	b.str("**: ")
}

func (v *mdView) portraitFacts(b *mdBuf, ci *analysis.CaseInfo) {
	tx := v.tx
	if len(ci.Wijks) > 0 {
		b.fact(tx.PortraitFactsWijk)
		b.joinEscaped(ci.Wijks)
		b.str("\n")
	}
	if len(ci.Waves) > 0 {
		b.fact(tx.PortraitFactsWave)
		b.joinEscaped(ci.Waves)
		b.str("\n")
	}
	if len(ci.Roles) > 0 {
		b.fact(tx.PortraitFactsRole)
		for i, r := range ci.Roles {
			if i > 0 {
				b.str(", ")
			}
			b.esc(tx.role(r))
		}
		b.str("\n")
	}
	b.fact(tx.PortraitFactsDocs)
	b.joinEscaped(ci.Documents)
	b.str("\n")
	for _, k := range sortedVariableKeys(ci.Variables) {
		b.fact(k)
		b.esc(ci.Variables[k])
		b.str("\n")
	}
	b.str("\n")
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

// countHeading appends a level 4 heading "<label><mid> — <count>", with
// mid as it is.
func (v *mdView) countHeading(b *mdBuf, code, mid string, mentions, negated int) {
	b.tmp = append(b.tmp[:0], v.label(code)...)
	b.tmp = append(b.tmp, mid...)
	b.tmp = append(b.tmp, " — "...)
	b.tmp = append(b.tmp, b.countNeg(v.tx, mentions, negated)...)
	b.headingTmp(4)
}

// ownCodes writes the family's own codes of one category, each as a
// heading with its count and quotes, and returns how many it wrote.
func (v *mdView) ownCodes(b *mdBuf, list []analysis.CodeCount, cat analysis.Category) int {
	n := 0
	for i := range list {
		c := &list[i]
		if c.Category != cat {
			continue
		}
		n++
		v.countHeading(b, c.Code, "", c.Mentions, c.Negated)
		v.writeQuotes(b, c.Quotes, false)
		if len(c.Quotes) > 0 {
			b.str("\n")
		}
		b.flush()
	}
	return n
}

func (v *mdView) portraitAbsent(b *mdBuf, mc *mdCase) {
	tx := v.tx
	b.heading(2, tx.AbsentHeading)
	b.para(tx.AbsentIntro)
	for _, a := range mc.absent {
		b.tmp = fmt.Appendf(b.tmp[:0], tx.AbsentLineF, v.label(a.Code), b.countNeg(tx, a.Negated, a.Negated))
		b.headingTmp(4)
		v.writeQuotes(b, a.Quotes, false)
		if len(a.Quotes) > 0 {
			b.str("\n")
		}
		b.flush()
	}
	if len(mc.absent) == 0 {
		b.para(tx.AbsentNone)
	}
}

func (v *mdView) portraitLinks(b *mdBuf, mc *mdCase) {
	tx := v.tx
	b.heading(2, tx.LinksHeading)
	b.para(tx.LinksIntro)
	// With a share, report.md's text of these bridges is made beside
	// (writeBridgeAlso) and handed over.
	var rep *mdBuf
	if v.share != nil && len(mc.bridges) > 0 {
		if b.rep == nil {
			b.rep = &mdBuf{}
		}
		rep = b.rep
		rep.reset(nil)
		b.ends = b.ends[:0]
	}
	for _, br := range mc.bridges {
		b.heading(3, v.label(br.Relation))
		v.writeBridgeAlso(b, br, "", rep)
		if rep != nil {
			b.ends = append(b.ends, len(rep.b))
		}
		b.flush()
	}
	if rep != nil {
		v.share.give(mc.bridgeAt, rep.b, b.ends)
		// Let the report take them now (give woke it, to run next here)
		// rather than when this goroutine's turn ends: otherwise it falls
		// behind and the bridges of hundreds of cases wait in memory.
		runtime.Gosched()
	}
	if len(mc.bridges) == 0 {
		b.para(tx.LinksNone)
	}
}

func (v *mdView) portraitMembers(b *mdBuf, mc *mdCase) {
	tx := v.tx
	b.heading(2, tx.MembersHeading)
	if len(mc.info.Roles) < 2 {
		b.para(tx.MembersOnlyOne)
		return
	}
	b.para(tx.MembersIntro)
	var rows [][]string
	var header []string
	for _, md := range mc.members {
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
		b.para(tx.MembersNone)
		return
	}
	b.table(header, nil, rows)
}

func (v *mdView) portraitWaves(b *mdBuf, mc *mdCase) {
	tx := v.tx
	b.heading(2, tx.WavesHeading)
	if len(mc.info.Waves) < 2 {
		b.para(tx.WavesOnlyOne)
		return
	}
	b.para(tx.WavesIntro)
	var from, to string
	for i, wc := range mc.waves {
		if i == 0 || wc.From != from || wc.To != to {
			if i > 0 {
				b.str("\n")
			}
			from, to = wc.From, wc.To
			b.tmp = fmt.Appendf(b.tmp[:0], tx.WavePairF, wc.From, wc.To)
			b.headingTmp(3)
		}
		switch wc.Kind {
		case analysis.ChangeAppears:
			b.tmp = fmt.Appendf(b.tmp[:0], tx.WaveAppearsF, v.labelTagged(wc.Code), tx.countNeg(wc.After.Mentions, wc.After.Negated))
		case analysis.ChangeDisappears:
			b.tmp = fmt.Appendf(b.tmp[:0], tx.WaveDisappearsF, v.labelTagged(wc.Code), tx.countNeg(wc.Before.Mentions, wc.Before.Negated))
		default:
			b.tmp = fmt.Appendf(b.tmp[:0], tx.WaveChangesF, v.labelTagged(wc.Code), percent(wc.BeforeShare), percent(wc.AfterShare))
		}
		b.str("- ")
		b.escTmp()
		b.str("\n")
	}
	if len(mc.waves) == 0 {
		b.para(tx.WavesNone)
		return
	}
	b.str("\n")
}

// percent formats a share as a whole percentage ("12%").
func percent(x float64) string {
	return strconv.Itoa(int(x*100+0.5)) + "%"
}

func (v *mdView) portraitHelp(b *mdBuf, cc analysis.CaseCodes) {
	tx := v.tx
	b.heading(2, tx.CaseHelpHeading)
	b.para(tx.CaseHelpIntro)
	n := 0
	for _, cat := range []analysis.Category{analysis.CatFormalHelp, analysis.CatStrain} {
		if !hasCategory(cc.Own, cat) {
			continue
		}
		b.heading(3, tx.categoryPlural(cat))
		n += v.ownCodes(b, cc.Own, cat)
	}
	if n == 0 {
		b.para(tx.CaseHelpNone)
	}
}

func (v *mdView) portraitOutside(b *mdBuf, cc analysis.CaseCodes) {
	tx := v.tx
	b.heading(2, tx.OutsideHeading)
	b.str("> ")
	b.esc(tx.OutsideIntro)
	b.str("\n\n")
	n := 0
	for _, part := range []struct {
		voice corpus.Voice
		list  []analysis.CodeCount
	}{{corpus.VoiceInterviewer, cc.Interviewer}, {corpus.VoiceNotes, cc.Notes}, {corpus.VoiceOther, cc.Other}} {
		if len(part.list) == 0 {
			continue
		}
		n++
		b.heading(3, capitalize(tx.voice(part.voice)))
		for _, cat := range analysis.Categories {
			mid := ""
			for i := range part.list {
				c := &part.list[i]
				if c.Category != cat {
					continue
				}
				if mid == "" {
					mid = " (" + strings.ToLower(tx.category(cat)) + ")"
				}
				v.countHeading(b, c.Code, mid, c.Mentions, c.Negated)
				v.writeQuotes(b, c.Quotes, false)
				if len(c.Quotes) > 0 {
					b.str("\n")
				}
				b.flush()
			}
		}
		for i := range part.list {
			c := &part.list[i]
			if catRank(c.Category) == len(analysis.Categories) {
				v.countHeading(b, c.Code, "", c.Mentions, c.Negated)
				v.writeQuotes(b, c.Quotes, false)
				b.str("\n")
				b.flush()
			}
		}
	}
	if n == 0 {
		b.para(tx.OutsideNone)
	}
}

func (v *mdView) portraitEmergent(b *mdBuf, mc *mdCase) {
	for _, e := range mc.emergent {
		if len(e.Keywords)+len(e.Uncoded) == 0 {
			continue
		}
		b.heading(2, v.tx.CaseEmergent)
		b.para(v.tx.CaseEmergentIntro)
		v.writeEmergent(b, e, 3)
		return
	}
}
