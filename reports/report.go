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

// basisCategories are the three parts of the pedagogische basis, in report
// order.
func basisCategories() []analysis.Category {
	return []analysis.Category{analysis.CatRelation, analysis.CatPlace, analysis.CatFacility}
}

// matrixColumns is the most code columns one case-by-code table gets; a
// category with more codes is split over several tables.
const matrixColumns = 8

// view is what report.go and portrait.go share while writing: the texts,
// the language and look-ups into the results (built once, read only).
type view struct {
	r     *analysis.Results
	m     *Manifest
	lang  Lang
	tx    *reportTexts
	codes map[string]*analysis.CodeInfo
}

func newView(r *analysis.Results, m *Manifest, lang Lang) *view {
	v := &view{r: r, m: m, lang: lang, tx: texts(lang), codes: make(map[string]*analysis.CodeInfo, len(r.Codes))}
	for i := range r.Codes {
		v.codes[r.Codes[i].ID] = &r.Codes[i]
	}
	return v
}

// label returns a code's label in the report language, falling back to the
// other language and then to the code ID.
func (v *view) label(code string) string {
	ci, ok := v.codes[code]
	if !ok {
		return code
	}
	first, second := ci.Label.NL, ci.Label.EN
	if v.lang == LangEN {
		first, second = second, first
	}
	switch {
	case strings.TrimSpace(first) != "":
		return first
	case strings.TrimSpace(second) != "":
		return second
	}
	return code
}

// labelTagged returns a code's label, followed by its category in brackets
// when the code is not part of the basis (a quality, formal help, strain),
// so those are never read as a relation, place or facility.
func (v *view) labelTagged(code string) string {
	switch c := v.categoryOf(code); c {
	case analysis.CatRelation, analysis.CatPlace, analysis.CatFacility:
		return v.label(code)
	default:
		return v.label(code) + " (" + strings.ToLower(v.tx.category(c)) + ")"
	}
}

// categoryOf returns a code's category ("" when unknown).
func (v *view) categoryOf(code string) analysis.Category {
	if ci, ok := v.codes[code]; ok {
		return ci.Category
	}
	return ""
}

// speaker names who said a quote: "Moeder (ouder)", or the role alone when
// the label is empty or the role's own name.
func (v *view) speaker(q analysis.Quote) string {
	role := v.tx.role(q.Role)
	if q.Voice == corpus.VoiceNotes && q.Speaker == "" {
		return v.tx.VoiceNotes
	}
	sp := JoinSpace(q.Speaker)
	if sp == "" || strings.EqualFold(sp, role) {
		return role
	}
	return sp + " (" + role + ")"
}

// quoteLine renders a quote as one line of Markdown (no list marker):
// “words” — speaker, location; with the case when withCase, and "met
// ontkenning" when the mention is negated.
func (v *view) quoteLine(q analysis.Quote, caseID string) string {
	var b strings.Builder
	b.WriteString("“" + mdQuote(q.Text, q.Start, q.End) + "” — ")
	b.WriteString(EscapeText(v.speaker(q)))
	b.WriteString(", ")
	if caseID != "" {
		b.WriteString(EscapeText(fmt.Sprintf(v.tx.PortraitTitleF, caseID)) + ", ")
	}
	b.WriteString(EscapeText(q.Location()))
	if q.Negated {
		b.WriteString(" (" + EscapeText(v.tx.QuoteNegated) + ")")
	}
	return b.String()
}

// writeQuotes writes quotes as a list, indented by indent spaces.
func (v *view) writeQuotes(b *strings.Builder, quotes []analysis.Quote, withCase bool, indent int) {
	pad := strings.Repeat(" ", indent)
	for _, q := range quotes {
		c := ""
		if withCase {
			c = v.caseOfDoc(q.Doc)
		}
		b.WriteString(pad + "- " + v.quoteLine(q, c) + "\n")
	}
}

// caseOfDoc returns the case of a document ID ("" when unknown).
func (v *view) caseOfDoc(doc string) string {
	for _, d := range v.r.Corpus.Documents {
		if d.ID == doc {
			return d.Case
		}
	}
	return ""
}

// caseIDs returns the case IDs of r in results order (by ID).
func caseIDs(r *analysis.Results) []string {
	ids := make([]string, 0, len(r.Corpus.Cases))
	for _, c := range r.Corpus.Cases {
		ids = append(ids, c.ID)
	}
	return ids
}

// caseInfo returns the summary of a case, or nil.
func (v *view) caseInfo(id string) *analysis.CaseInfo {
	for i := range v.r.Corpus.Cases {
		if v.r.Corpus.Cases[i].ID == id {
			return &v.r.Corpus.Cases[i]
		}
	}
	return nil
}

// caseCodes returns the codes of a case per voice, or an empty value.
func (v *view) caseCodes(id string) analysis.CaseCodes {
	for _, c := range v.r.Cases {
		if c.Case == id {
			return c
		}
	}
	return analysis.CaseCodes{Case: id}
}

// setting returns a configuration setting by dotted key from the manifest
// ("corpus.segment_unit"), or "".
func (v *view) setting(key string) string {
	if v.m == nil || v.m.Config.Settings == nil {
		return ""
	}
	var cur any = v.m.Config.Settings
	for _, part := range strings.Split(key, ".") {
		mp, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		if cur, ok = mp[part]; !ok {
			return ""
		}
	}
	switch x := cur.(type) {
	case string:
		return x
	case nil:
		return ""
	case map[string]any, []any:
		return ""
	}
	return fmt.Sprint(cur)
}

func heading(b *strings.Builder, level int, text string) {
	b.WriteString(strings.Repeat("#", level) + " " + EscapeText(text) + "\n\n")
}

func para(b *strings.Builder, text string) {
	b.WriteString(EscapeText(text) + "\n\n")
}

// joinEscaped escapes each item and joins them with ", ".
func joinEscaped(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = EscapeText(s)
	}
	return strings.Join(out, ", ")
}

// WriteReport writes the cross-case Markdown report (report.md) for
// researchers and evaluators: the corpus, the method (codebook, settings,
// skipped files, limitations), per category the codes families mention in
// their own voice with typical quotes, the case-by-code tables, the
// relations that link places, the qualities of places and relations, formal
// help and strain kept apart, the terms the codebook does not know, links
// to the family portraits and to the figures. Links assume the layout that
// WriteAll writes. m may be nil (no method details then). The output is a
// function of r, m and lang only: the same input gives the same bytes.
func WriteReport(w io.Writer, r *analysis.Results, m *Manifest, lang Lang) error {
	if r == nil {
		return fmt.Errorf("write report: no results")
	}
	v := newView(r, m, lang)
	var b strings.Builder
	heading(&b, 1, v.tx.ReportTitle)
	para(&b, v.tx.ReportIntro)
	v.reportCorpus(&b)
	v.reportMethod(&b)
	for _, c := range basisCategories() {
		v.reportCategory(&b, c)
	}
	v.reportMatrix(&b)
	v.reportBridges(&b)
	v.reportQualities(&b)
	v.reportHelp(&b)
	v.reportEmergent(&b)
	v.reportPortraits(&b)
	v.reportFigures(&b)
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func (v *view) reportCorpus(b *strings.Builder) {
	tx, cs := v.tx, v.r.Corpus
	heading(b, 2, tx.CorpusHeading)
	para(b, fmt.Sprintf(tx.CorpusIntroF, len(cs.Cases), len(cs.Documents), strconv.Itoa(cs.Words)))
	rows := [][]string{
		{EscapeText(tx.Cases), strconv.Itoa(len(cs.Cases))},
		{EscapeText(tx.Documents), strconv.Itoa(len(cs.Documents))},
	}
	for _, k := range cs.ByKind {
		rows = append(rows, []string{EscapeText(tx.Documents + ": " + tx.kind(k.Kind)), strconv.Itoa(k.Documents)})
	}
	rows = append(rows, []string{EscapeText(tx.Words), strconv.Itoa(cs.Words)})
	for _, vc := range []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther} {
		rows = append(rows, []string{EscapeText(fmt.Sprintf(tx.SegmentsOfVoiceF, tx.voice(vc))), strconv.Itoa(cs.Segments.Get(vc))})
	}
	for _, vc := range []corpus.Voice{corpus.VoiceOwn, corpus.VoiceInterviewer, corpus.VoiceNotes, corpus.VoiceOther} {
		rows = append(rows, []string{EscapeText(fmt.Sprintf(tx.CodingsOfVoiceF, tx.voice(vc))), strconv.Itoa(cs.Codings.Get(vc))})
	}
	mdTable(b, []string{EscapeText(tx.Item), EscapeText(tx.Number)}, []bool{false, true}, rows)

	if len(cs.Cases) == 0 {
		return
	}
	para(b, tx.CaseTableIntro)
	var crows [][]string
	for _, c := range cs.Cases {
		roles := make([]string, len(c.Roles))
		for i, r := range c.Roles {
			roles[i] = tx.role(r)
		}
		crows = append(crows, []string{
			mdLink(c.ID, PortraitPath(c.ID)),
			joinEscaped(c.Wijks),
			joinEscaped(c.Waves),
			strconv.Itoa(len(c.Documents)),
			joinEscaped(roles),
			strconv.Itoa(c.Words),
		})
	}
	mdTable(b, []string{EscapeText(tx.CaseCol), EscapeText(tx.WijkCol), EscapeText(tx.WavesCol), EscapeText(tx.Documents), EscapeText(tx.RolesCol), EscapeText(tx.Words)},
		[]bool{false, false, false, true, false, true}, crows)
}

func (v *view) reportMethod(b *strings.Builder) {
	tx, r, m := v.tx, v.r, v.m
	heading(b, 2, tx.MethodHeading)
	var items []string
	cbID, cbVersion, cbFile := r.Codebook.ID, r.Codebook.Version, r.Codebook.File
	cbTitle := r.Codebook.Title.NL
	if v.lang == LangEN && r.Codebook.Title.EN != "" || cbTitle == "" {
		cbTitle = r.Codebook.Title.EN
	}
	nCodes := len(r.Codes)
	hash := ""
	if m != nil && m.Codebook != nil {
		if m.Codebook.ID != "" {
			cbID = m.Codebook.ID
		}
		if m.Codebook.Version != "" {
			cbVersion = m.Codebook.Version
		}
		if m.Codebook.File != "" {
			cbFile = m.Codebook.File
		}
		if m.Codebook.Codes > 0 {
			nCodes = m.Codebook.Codes
		}
		hash = m.Codebook.SHA256
	}
	if cbID == "" && cbVersion == "" {
		items = append(items, EscapeText(tx.CodebookUnknown))
	} else {
		if cbTitle == "" {
			cbTitle = cbID
		}
		items = append(items, EscapeText(fmt.Sprintf(tx.CodebookLineF, cbTitle, cbID, cbVersion, nCodes)))
		if hash != "" {
			items = append(items, EscapeText(fmt.Sprintf(tx.CodebookHashF, cbFile, hash)))
		}
	}
	unit := v.setting("corpus.segment_unit")
	if unit == "" {
		unit = corpus.UnitSentence
	}
	items = append(items, EscapeText(fmt.Sprintf(tx.SegmentUnitF, tx.unit(unit))))
	items = append(items, EscapeText(fmt.Sprintf(tx.WindowF, r.Options.Window)))
	if m != nil {
		if m.Config.File != "" {
			items = append(items, EscapeText(fmt.Sprintf(tx.ConfigFileF, m.Config.File, m.Config.SHA256)))
		} else {
			items = append(items, EscapeText(tx.ConfigDefaults))
		}
		if m.Input.Source != "" {
			items = append(items, EscapeText(fmt.Sprintf(tx.InputF, m.Input.Source)))
		}
		if rv := m.Review; rv != nil {
			c := rv.Codings
			items = append(items, EscapeText(fmt.Sprintf(tx.ReviewF, c.Auto, c.Accepted, c.Changed, c.Added, c.Rejected, c.Stale)))
		} else {
			items = append(items, EscapeText(fmt.Sprintf(tx.ReviewNoneF, m.Counts.Codings)))
		}
		if m.Tool.Name != "" {
			items = append(items, EscapeText(fmt.Sprintf(tx.ToolF, m.Tool.Name, m.Tool.Version)))
		}
	}
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
	b.WriteString("\n")

	heading(b, 3, tx.SkippedHeading)
	var skipped []corpus.Skipped
	if m != nil {
		for _, s := range m.Skipped {
			if !s.Ignored {
				skipped = append(skipped, s)
			}
		}
	}
	if len(skipped) == 0 {
		para(b, tx.SkippedNone)
	} else {
		para(b, fmt.Sprintf(tx.SkippedIntroF, len(skipped)))
		for _, s := range skipped {
			b.WriteString("- " + EscapeText(s.File) + ": " + EscapeText(s.Reason) + "\n")
		}
		b.WriteString("\n")
	}
	if m != nil && len(m.Warnings) > 0 {
		heading(b, 3, fmt.Sprintf(tx.WarningsHeadingF, len(m.Warnings)))
		for _, w := range m.Warnings {
			b.WriteString("- " + EscapeText(w) + "\n")
		}
		b.WriteString("\n")
	}

	heading(b, 3, tx.LimitsHeading)
	for _, l := range []string{tx.LimitAuto, tx.LimitCounts, tx.LimitVoices, tx.LimitNegation, tx.LimitCodebook, tx.LimitQuotes} {
		b.WriteString("- " + EscapeText(l) + "\n")
	}
	b.WriteString("\n")
}

// statsOf returns the code stats of a category in code order.
func (v *view) statsOf(c analysis.Category) []analysis.CodeStat {
	var out []analysis.CodeStat
	for _, s := range v.r.CodeStats {
		if s.Category == c {
			out = append(out, s)
		}
	}
	return out
}

func (v *view) reportCategory(b *strings.Builder, c analysis.Category) {
	tx := v.tx
	heading(b, 2, tx.categoryPlural(c))
	para(b, fmt.Sprintf(tx.CategoryIntroF, strings.ToLower(tx.categoryPlural(c))))
	stats := v.statsOf(c)
	var rows [][]string
	var none []string
	var named []analysis.CodeStat
	for _, s := range stats {
		own := s.Counts.Own
		if own.Mentions == 0 {
			none = append(none, v.label(s.Code))
			continue
		}
		named = append(named, s)
		rows = append(rows, []string{EscapeText(v.label(s.Code)), strconv.Itoa(len(s.Cases)), strconv.Itoa(own.Mentions), strconv.Itoa(own.Negated)})
	}
	if len(rows) > 0 {
		mdTable(b, []string{EscapeText(tx.CodeCol), EscapeText(tx.FamiliesOwnCol), EscapeText(tx.MentionsCol), EscapeText(tx.NegatedCol)},
			[]bool{false, true, true, true}, rows)
	}
	if len(none) > 0 {
		para(b, tx.NotMentioned+" "+strings.Join(none, ", ")+".")
	}
	for _, s := range named {
		heading(b, 3, v.label(s.Code))
		para(b, fmt.Sprintf(tx.MentionedByF, len(s.Cases), len(v.r.Corpus.Cases), strings.Join(s.Cases, ", "))+" "+
			capitalize(tx.countNeg(s.Counts.Own.Mentions, s.Counts.Own.Negated))+".")
		if len(s.Quotes) == 0 {
			para(b, tx.NoOwnQuotes)
			continue
		}
		v.writeQuotes(b, s.Quotes, true, 0)
		b.WriteString("\n")
	}
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func (v *view) reportMatrix(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.MatrixHeading)
	para(b, tx.MatrixIntro)
	any := false
	for _, c := range basisCategories() {
		var cols []string
		for _, s := range v.statsOf(c) {
			if s.Counts.Own.Mentions > 0 {
				cols = append(cols, s.Code)
			}
		}
		if len(cols) == 0 {
			continue
		}
		any = true
		heading(b, 3, tx.categoryPlural(c))
		for start := 0; start < len(cols); start += matrixColumns {
			part := cols[start:min(start+matrixColumns, len(cols))]
			header := []string{EscapeText(tx.CaseCol)}
			right := []bool{false}
			for _, code := range part {
				header = append(header, EscapeText(v.label(code)))
				right = append(right, true)
			}
			var rows [][]string
			for _, cc := range v.r.Cases {
				row := []string{mdLink(cc.Case, PortraitPath(cc.Case))}
				for _, code := range part {
					row = append(row, cellCount(findCount(cc.Own, code)))
				}
				rows = append(rows, row)
			}
			mdTable(b, header, right, rows)
		}
	}
	if !any {
		para(b, tx.MatrixNone)
	}
}

// findCount returns the count of code in list (zero when absent).
func findCount(list []analysis.CodeCount, code string) analysis.CodeCount {
	for _, c := range list {
		if c.Code == code {
			return c
		}
	}
	return analysis.CodeCount{Code: code}
}

// cellCount formats a count for a table cell: "3", or "3 (1)" with the
// negated mentions in brackets.
func cellCount(c analysis.CodeCount) string {
	if c.Negated > 0 {
		return strconv.Itoa(c.Mentions) + " (" + strconv.Itoa(c.Negated) + ")"
	}
	return strconv.Itoa(c.Mentions)
}

func (v *view) reportBridges(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.BridgesHeading)
	para(b, fmt.Sprintf(tx.BridgesIntroF, v.r.Options.Window))
	if len(v.r.Bridges) == 0 {
		para(b, tx.BridgesNone)
		return
	}
	for _, br := range v.r.Bridges {
		heading(b, 3, fmt.Sprintf(tx.BridgeHeadingF, v.label(br.Relation), br.Case))
		v.writeBridge(b, br, true)
	}
}

// writeBridge writes what a bridging relation links, with the quotes that
// show each link.
func (v *view) writeBridge(b *strings.Builder, br analysis.Bridge, withCase bool) {
	tx := v.tx
	var links []string
	for _, l := range br.Links {
		links = append(links, v.label(l.Other)+" ("+fmt.Sprintf(tx.TogetherF, l.Units)+")")
	}
	para(b, fmt.Sprintf(tx.BridgeLinksF, strings.Join(links, ", ")))
	c := ""
	if withCase {
		c = br.Case
	}
	for _, l := range br.Links {
		b.WriteString("- **" + EscapeText(v.label(l.Other)) + "**\n")
		seen := map[string]bool{}
		for _, p := range l.Quotes {
			line := v.pairLine(p, c)
			if seen[line] {
				continue
			}
			seen[line] = true
			b.WriteString("  - " + line + "\n")
		}
	}
	b.WriteString("\n")
}

// pairLine renders a quote pair as one line. Two quotes from one segment
// are one quote; two segments (of one turn, so one speaker) are shown in
// text order, joined by "…", with the location of each.
func (v *view) pairLine(p analysis.QuotePair, caseID string) string {
	if p.SameSegment() {
		q := p.First
		q.Negated = p.First.Negated || p.Second.Negated
		return v.quoteLine(q, caseID)
	}
	a, z := p.First, p.Second
	if segNumber(z.Segment) < segNumber(a.Segment) {
		a, z = z, a
	}
	loc := a.Location()
	if l := z.Location(); l != loc {
		loc += ", " + l
	}
	var b strings.Builder
	b.WriteString("“" + mdQuote(a.Text, a.Start, a.End) + "” … “" + mdQuote(z.Text, z.Start, z.End) + "” — ")
	b.WriteString(EscapeText(v.speaker(a)) + ", ")
	if caseID != "" {
		b.WriteString(EscapeText(fmt.Sprintf(v.tx.PortraitTitleF, caseID)) + ", ")
	}
	b.WriteString(EscapeText(loc))
	if a.Negated || z.Negated {
		b.WriteString(" (" + EscapeText(v.tx.QuoteNegated) + ")")
	}
	return b.String()
}

// segNumber returns the number n of a segment ID "<doc>#<n>", or 0.
func segNumber(id string) int {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return 0
	}
	n, _ := strconv.Atoi(id[i+1:])
	return n
}

func (v *view) reportQualities(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.QualitiesHeading)
	para(b, tx.QualitiesIntro)
	if len(v.r.Qualities) == 0 {
		para(b, tx.QualitiesNone)
		return
	}
	var rows [][]string
	for _, q := range v.r.Qualities {
		rows = append(rows, []string{
			EscapeText(v.label(q.Target)) + " (" + EscapeText(strings.ToLower(tx.category(v.categoryOf(q.Target)))) + ")",
			EscapeText(v.label(q.Quality)),
			strconv.Itoa(q.Segments), strconv.Itoa(q.Negated), joinEscaped(q.Cases),
		})
	}
	mdTable(b, []string{EscapeText(tx.TargetCol), EscapeText(tx.QualityCol), EscapeText(tx.SegmentsCol), EscapeText(tx.NegatedSegCol), EscapeText(tx.Cases)},
		[]bool{false, false, true, true, false}, rows)
	for _, q := range v.r.Qualities {
		if len(q.Quotes) == 0 {
			continue
		}
		heading(b, 3, v.label(q.Target)+" · "+v.label(q.Quality))
		for _, p := range q.Quotes {
			b.WriteString("- " + v.pairLine(p, v.caseOfDoc(p.First.Doc)) + "\n")
		}
		b.WriteString("\n")
	}
}

func (v *view) reportHelp(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.HelpHeading)
	para(b, tx.HelpIntro)
	v.helpPart(b, tx.FormalHelpHeading, tx.HelpNone, v.r.Help.FormalHelp)
	v.helpPart(b, tx.StrainHeading, tx.StrainNone, v.r.Help.Strain)
}

func (v *view) helpPart(b *strings.Builder, title, none string, list []analysis.CaseCodeVoices) {
	tx := v.tx
	heading(b, 3, title)
	if len(list) == 0 {
		para(b, none)
		return
	}
	var rows [][]string
	for _, h := range list {
		rows = append(rows, []string{
			mdLink(h.Case, PortraitPath(h.Case)), EscapeText(v.label(h.Code)),
			strconv.Itoa(h.Counts.Own.Mentions), strconv.Itoa(h.Counts.Interviewer.Mentions),
			strconv.Itoa(h.Counts.Notes.Mentions), strconv.Itoa(h.Counts.Other.Mentions),
		})
	}
	mdTable(b, []string{EscapeText(tx.CaseCol), EscapeText(tx.CodeCol), EscapeText(tx.OwnCol), EscapeText(tx.InterviewerCol), EscapeText(tx.NotesCol), EscapeText(tx.OtherCol)},
		[]bool{false, false, true, true, true, true}, rows)
	for _, h := range list {
		if len(h.Own)+len(h.Outside) == 0 {
			continue
		}
		heading(b, 4, v.label(h.Code)+" · "+fmt.Sprintf(tx.PortraitTitleF, h.Case))
		if len(h.Own) > 0 {
			b.WriteString("*" + EscapeText(capitalize(tx.VoiceOwn)) + "*\n\n")
			v.writeQuotes(b, h.Own, false, 0)
			b.WriteString("\n")
		}
		if len(h.Outside) > 0 {
			b.WriteString("*" + EscapeText(tx.OutsideHeading) + "*\n\n")
			v.writeQuotes(b, h.Outside, false, 0)
			b.WriteString("\n")
		}
	}
}

func (v *view) reportEmergent(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.EmergentHeading)
	para(b, tx.EmergentIntro)
	if v.r.Emergent == nil {
		para(b, tx.EmergentMissing)
		return
	}
	for _, e := range v.r.Emergent {
		if e.Case == "" {
			if len(e.Keywords)+len(e.Uncoded) == 0 {
				para(b, tx.EmergentNone)
				return
			}
			v.writeEmergent(b, e, 3)
			return
		}
	}
	para(b, tx.EmergentNone)
}

// writeEmergent writes the keywords and uncoded mentions of one Emergent
// as two tables with headings at level.
func (v *view) writeEmergent(b *strings.Builder, e analysis.Emergent, level int) {
	tx := v.tx
	if len(e.Keywords) > 0 {
		heading(b, level, tx.EmergentTerms)
		para(b, fmt.Sprintf(tx.EmergentRankF, tx.measure(e.Measure)))
		var rows [][]string
		for _, k := range e.Keywords {
			rows = append(rows, []string{EscapeText(k.Text), strconv.Itoa(k.Count), v.example(k.Examples)})
		}
		mdTable(b, []string{EscapeText(tx.TermCol), EscapeText(tx.CountCol), EscapeText(tx.ExampleCol)}, []bool{false, true, false}, rows)
	}
	if len(e.Uncoded) > 0 {
		heading(b, level, tx.EmergentMentions)
		var rows [][]string
		for _, m := range e.Uncoded {
			rows = append(rows, []string{EscapeText(m.Text), EscapeText(tx.mentionKind(m.Kind)), EscapeText(m.Pattern), strconv.Itoa(m.Count), v.example(m.Examples)})
		}
		mdTable(b, []string{EscapeText(tx.MentionCol), EscapeText(tx.KindCol2), EscapeText(tx.CueCol), EscapeText(tx.CountCol), EscapeText(tx.ExampleCol)},
			[]bool{false, false, false, true, false}, rows)
	}
}

// example renders the first example of an emergent term or mention as an
// escaped quote with its location, or "" when there is none.
func (v *view) example(ex []analysis.Example) string {
	if len(ex) == 0 {
		return ""
	}
	e := ex[0]
	q := analysis.Quote{Doc: e.Doc, Segment: e.Segment, Line: e.Line, Time: e.Time}
	return "“" + EscapeText(e.Text) + "” — " + EscapeText(v.tx.role(e.Role)+", "+q.Location())
}

func (v *view) reportPortraits(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.PortraitsHeading)
	para(b, tx.PortraitsIntro)
	for _, c := range v.r.Corpus.Cases {
		line := "- " + mdLink(fmt.Sprintf(tx.PortraitTitleF, c.ID), PortraitPath(c.ID))
		var facts []string
		if len(c.Wijks) > 0 {
			facts = append(facts, tx.PortraitFactsWijk+": "+strings.Join(c.Wijks, ", "))
		}
		if len(c.Waves) > 0 {
			facts = append(facts, tx.PortraitFactsWave+": "+strings.Join(c.Waves, ", "))
		}
		facts = append(facts, tx.PortraitFactsDocs+": "+strconv.Itoa(len(c.Documents)))
		line += " — " + EscapeText(strings.Join(facts, "; "))
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
}

func (v *view) reportFigures(b *strings.Builder) {
	tx := v.tx
	heading(b, 2, tx.FiguresHeading)
	b.WriteString(mdImage(tx.BarsTitle, BarsFigure) + "\n\n")
	para(b, tx.BarsCaption)
	b.WriteString(mdImage(tx.HeatmapTitle, HeatmapFigure) + "\n\n")
	para(b, tx.HeatmapCaption+" "+fmt.Sprintf(tx.HeatmapNoteF, v.r.Options.Window))
	if len(v.r.Corpus.Cases) > 0 {
		para(b, tx.EcomapsIntro)
		for _, c := range v.r.Corpus.Cases {
			b.WriteString("- " + mdLink(fmt.Sprintf(tx.EcomapAltF, c.ID), EcomapPath(c.ID)) + "\n")
		}
		b.WriteString("\n")
	}
}

// barChartData selects the bar chart's data from r: per basis category,
// every code of the category with its own-voice mentions, in code order.
func barChartData(r *analysis.Results, lang Lang) BarChart {
	v := newView(r, nil, lang)
	c := BarChart{Title: v.tx.BarsTitle, Note: v.tx.BarsNote}
	for _, cat := range basisCategories() {
		g := BarGroup{Category: cat, Title: v.tx.categoryPlural(cat)}
		for _, s := range v.statsOf(cat) {
			g.Bars = append(g.Bars, Bar{Label: v.label(s.Code), Value: s.Counts.Own.Mentions})
		}
		if len(g.Bars) > 0 {
			c.Groups = append(c.Groups, g)
		}
	}
	return c
}

// heatmapData selects the heat map's data from r: the own-voice window
// co-occurrence counts of relation, place, facility and quality codes that
// occur in at least one window, in code order.
func heatmapData(r *analysis.Results, lang Lang) Heatmap {
	v := newView(r, nil, lang)
	h := Heatmap{Title: v.tx.HeatmapTitle, Note: fmt.Sprintf(v.tx.HeatmapNoteF, r.Options.Window)}
	co := r.Cooccurrence.OwnWindow
	if co == nil || co.Count == nil {
		return h
	}
	keep := map[analysis.Category]bool{analysis.CatRelation: true, analysis.CatPlace: true, analysis.CatFacility: true, analysis.CatQuality: true}
	var idx []int
	for i, code := range co.Codes {
		if keep[v.categoryOf(code)] && co.Count.At(i, i) > 0 {
			idx = append(idx, i)
		}
	}
	// Basis categories first, then qualities; code order within each.
	sort.SliceStable(idx, func(a, b int) bool {
		return catRank(v.categoryOf(co.Codes[idx[a]])) < catRank(v.categoryOf(co.Codes[idx[b]]))
	})
	for _, i := range idx {
		h.Labels = append(h.Labels, v.label(co.Codes[i]))
		h.Categories = append(h.Categories, v.categoryOf(co.Codes[i]))
		row := make([]int, len(idx))
		for j, k := range idx {
			row[j] = int(co.Count.At(i, k))
		}
		h.Values = append(h.Values, row)
	}
	return h
}

// catRank is the position of a category in analysis.Categories.
func catRank(c analysis.Category) int {
	for i, x := range analysis.Categories {
		if x == c {
			return i
		}
	}
	return len(analysis.Categories)
}

// ecomapData selects a case's ecomap from r: its own-voice relation, place
// and facility codes with mentions, and the relation–place/facility edges
// of the case network.
func ecomapData(r *analysis.Results, caseID string, lang Lang) Ecomap {
	v := newView(r, nil, lang)
	e := Ecomap{Title: fmt.Sprintf(v.tx.EcomapTitleF, caseID), Center: caseID}
	for _, c := range v.caseCodes(caseID).Own {
		switch c.Category {
		case analysis.CatRelation, analysis.CatPlace, analysis.CatFacility:
			e.Nodes = append(e.Nodes, EcomapNode{Code: c.Code, Label: v.label(c.Code), Category: c.Category, Mentions: c.Mentions, Negated: c.Negated})
		}
	}
	for _, n := range r.CaseNetworks {
		if n == nil || n.Case != caseID {
			continue
		}
		for _, ed := range n.Edges {
			ca, cb := v.categoryOf(ed.A), v.categoryOf(ed.B)
			if (ca == analysis.CatRelation) != (cb == analysis.CatRelation) {
				e.Links = append(e.Links, EcomapLink{From: ed.A, To: ed.B, Count: ed.Weight})
			}
		}
	}
	return e
}
