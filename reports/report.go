package reports

import (
	"bytes"
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

// view is what the writers of the reports and the workbook share: the
// texts, the language and look-ups into the results (built once, read
// only). mdView adds what the Markdown files and figures need.
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
	var b mdBuf
	return newMDView(r, m, lang, nil).writeReport(&b, w)
}

// writeReport writes report.md to w through b.
func (v *mdView) writeReport(b *mdBuf, w io.Writer) error {
	b.reset(w)
	b.heading(1, v.tx.ReportTitle)
	b.para(v.tx.ReportIntro)
	v.reportCorpus(b)
	v.reportMethod(b)
	for _, c := range basisCategories() {
		v.reportCategory(b, c)
	}
	v.reportMatrix(b)
	v.reportBridges(b)
	if b.err != nil {
		return b.err // nothing more would be written
	}
	v.reportQualities(b)
	v.reportHelp(b)
	v.reportEmergent(b)
	v.reportPortraits(b)
	v.reportFigures(b)
	return b.finish()
}

func (v *mdView) reportCorpus(b *mdBuf) {
	tx, cs := v.tx, v.r.Corpus
	b.heading(2, tx.CorpusHeading)
	b.tmp = fmt.Appendf(b.tmp[:0], tx.CorpusIntroF, len(cs.Cases), len(cs.Documents), strconv.Itoa(cs.Words))
	b.paraTmp()
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
	b.table([]string{EscapeText(tx.Item), EscapeText(tx.Number)}, []bool{false, true}, rows)

	if len(cs.Cases) == 0 {
		return
	}
	b.para(tx.CaseTableIntro)
	b.tableHead([]string{EscapeText(tx.CaseCol), EscapeText(tx.WijkCol), EscapeText(tx.WavesCol), EscapeText(tx.Documents), EscapeText(tx.RolesCol), EscapeText(tx.Words)},
		[]bool{false, false, false, true, false, true})
	for i := range cs.Cases {
		c := &cs.Cases[i]
		b.rowStart()
		b.cellLink(c.ID, v.caseOf(c.ID).portraitLink)
		b.cellOpen()
		b.joinEscaped(c.Wijks)
		b.cellClose()
		b.cellOpen()
		b.joinEscaped(c.Waves)
		b.cellClose()
		b.cellInt(len(c.Documents))
		b.cellOpen()
		for i, r := range c.Roles {
			if i > 0 {
				b.str(", ")
			}
			b.esc(tx.role(r))
		}
		b.cellClose()
		b.cellInt(c.Words)
		b.rowEnd()
		b.flush()
	}
	b.tableEnd()
}

func (v *mdView) reportMethod(b *mdBuf) {
	tx, r, m := v.tx, v.r, v.m
	b.heading(2, tx.MethodHeading)
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
		b.str("- ")
		b.str(it)
		b.str("\n")
	}
	b.str("\n")

	b.heading(3, tx.SkippedHeading)
	var skipped []corpus.Skipped
	if m != nil {
		for _, s := range m.Skipped {
			if !s.Ignored {
				skipped = append(skipped, s)
			}
		}
	}
	if len(skipped) == 0 {
		b.para(tx.SkippedNone)
	} else {
		b.tmp = fmt.Appendf(b.tmp[:0], tx.SkippedIntroF, len(skipped))
		b.paraTmp()
		for _, s := range skipped {
			b.str("- ")
			b.esc(s.File)
			b.str(": ")
			b.esc(s.Reason)
			b.str("\n")
			b.flush()
		}
		b.str("\n")
	}
	if m != nil && len(m.Warnings) > 0 {
		b.tmp = fmt.Appendf(b.tmp[:0], tx.WarningsHeadingF, len(m.Warnings))
		b.headingTmp(3)
		for _, w := range m.Warnings {
			b.str("- ")
			b.esc(w)
			b.str("\n")
			b.flush()
		}
		b.str("\n")
	}

	b.heading(3, tx.LimitsHeading)
	for _, l := range []string{tx.LimitAuto, tx.LimitCounts, tx.LimitVoices, tx.LimitNegation, tx.LimitCodebook, tx.LimitQuotes} {
		b.str("- ")
		b.esc(l)
		b.str("\n")
	}
	b.str("\n")
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

func (v *mdView) reportCategory(b *mdBuf, c analysis.Category) {
	tx := v.tx
	b.heading(2, tx.categoryPlural(c))
	b.tmp = fmt.Appendf(b.tmp[:0], tx.CategoryIntroF, strings.ToLower(tx.categoryPlural(c)))
	b.paraTmp()
	stats := v.statsOf(c)
	var none []string
	var named []*analysis.CodeStat
	for i := range stats {
		s := &stats[i]
		if s.Counts.Own.Mentions == 0 {
			none = append(none, v.label(s.Code))
			continue
		}
		named = append(named, s)
	}
	if len(named) > 0 {
		b.tableHead([]string{EscapeText(tx.CodeCol), EscapeText(tx.FamiliesOwnCol), EscapeText(tx.MentionsCol), EscapeText(tx.NegatedCol)},
			[]bool{false, true, true, true})
		for _, s := range named {
			own := s.Counts.Own
			b.rowStart()
			b.cellEsc(v.label(s.Code))
			b.cellInt(len(s.Cases))
			b.cellInt(own.Mentions)
			b.cellInt(own.Negated)
			b.rowEnd()
		}
		b.tableEnd()
	}
	if len(none) > 0 {
		b.tmp = append(b.tmp[:0], tx.NotMentioned...)
		b.tmp = append(b.tmp, ' ')
		for i, l := range none {
			if i > 0 {
				b.tmp = append(b.tmp, ", "...)
			}
			b.tmp = append(b.tmp, l...)
		}
		b.tmp = append(b.tmp, '.')
		b.paraTmp()
	}
	for _, s := range named {
		b.heading(3, v.label(s.Code))
		b.tmp = fmt.Appendf(b.tmp[:0], tx.MentionedByF, len(s.Cases), len(v.r.Corpus.Cases), strings.Join(s.Cases, ", "))
		b.tmp = append(b.tmp, ' ')
		b.tmp = append(b.tmp, capitalize(tx.countNeg(s.Counts.Own.Mentions, s.Counts.Own.Negated))...)
		b.tmp = append(b.tmp, '.')
		b.paraTmp()
		if len(s.Quotes) == 0 {
			b.para(tx.NoOwnQuotes)
			continue
		}
		v.writeQuotes(b, s.Quotes, true)
		b.str("\n")
		b.flush()
	}
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func (v *mdView) reportMatrix(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.MatrixHeading)
	b.para(tx.MatrixIntro)
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
		b.heading(3, tx.categoryPlural(c))
		for start := 0; start < len(cols); start += matrixColumns {
			part := cols[start:min(start+matrixColumns, len(cols))]
			header := []string{EscapeText(tx.CaseCol)}
			right := []bool{false}
			for _, code := range part {
				header = append(header, EscapeText(v.label(code)))
				right = append(right, true)
			}
			b.tableHead(header, right)
			for i := range v.r.Cases {
				cc := &v.r.Cases[i]
				b.rowStart()
				b.cellLink(cc.Case, v.caseOf(cc.Case).portraitLink)
				for _, code := range part {
					b.cellOpen()
					b.cellCount(findCount(cc.Own, code))
					b.cellClose()
				}
				b.rowEnd()
				b.flush()
			}
			b.tableEnd()
		}
	}
	if !any {
		b.para(tx.MatrixNone)
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

// cellCount appends a count for a table cell: "3", or "3 (1)" with the
// negated mentions in brackets.
func (b *mdBuf) cellCount(c analysis.CodeCount) {
	b.int(c.Mentions)
	if c.Negated > 0 {
		b.str(" (")
		b.int(c.Negated)
		b.str(")")
	}
}

func (v *mdView) reportBridges(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.BridgesHeading)
	b.tmp = fmt.Appendf(b.tmp[:0], tx.BridgesIntroF, v.r.Options.Window)
	b.paraTmp()
	if len(v.r.Bridges) == 0 {
		b.para(tx.BridgesNone)
		return
	}
	for i := range v.r.Bridges {
		text, ok, stop := v.share.take(i)
		if stop {
			b.err = errFilesMissing // nothing more is written
			return
		}
		if ok {
			b.b = append(b.b, text...) // made by the case's portrait
			v.share.release(i)
			b.flush()
			continue
		}
		v.reportBridge(b, &v.r.Bridges[i])
		b.flush()
	}
}

// reportBridge writes a bridge as report.md shows it: a heading with the
// relation and the case, then writeBridge with the case in every line.
func (v *mdView) reportBridge(b *mdBuf, br *analysis.Bridge) {
	b.tmp = fmt.Appendf(b.tmp[:0], v.tx.BridgeHeadingF, v.label(br.Relation), br.Case)
	b.headingTmp(3)
	v.writeBridge(b, br, true)
}

// writeBridge writes what a bridging relation links, with the quotes that
// show each link (a line that repeats one of its link is left out).
func (v *mdView) writeBridge(b *mdBuf, br *analysis.Bridge, withCase bool) {
	c := ""
	if withCase {
		c = br.Case
	}
	v.writeBridgeAlso(b, br, c, nil)
}

// writeBridgeAlso writes the bridge to b as writeBridge does, with caseID
// in its lines. When rep is not nil (and caseID is ""), it also appends to
// rep.b what reportBridge writes: the heading, then the same text with the
// bridge's case put into each line where pairLine says the case goes, and
// lines left out where they repeat one of their link in that text.
func (v *mdView) writeBridgeAlso(b *mdBuf, br *analysis.Bridge, caseID string, rep *mdBuf) {
	tx := v.tx
	links := b.tmp2[:0]
	for i, l := range br.Links {
		if i > 0 {
			links = append(links, ", "...)
		}
		links = append(links, v.label(l.Other)...)
		links = append(links, " ("...)
		links = fmt.Appendf(links, tx.TogetherF, l.Units)
		links = append(links, ')')
	}
	b.tmp2 = links
	b.tmp = fmt.Appendf(b.tmp[:0], tx.BridgeLinksF, links)
	from := len(b.b)
	b.paraTmp()
	if rep != nil {
		rep.tmp = fmt.Appendf(rep.tmp[:0], tx.BridgeHeadingF, v.label(br.Relation), br.Case)
		rep.headingTmp(3)
		rep.b = append(rep.b, b.b[from:]...)
		// The case part of the report's lines, kept in rep.tmp2.
		at := len(rep.b)
		v.caseTitleTo(rep, br.Case)
		rep.tmp2 = append(rep.tmp2[:0], rep.b[at:]...)
		rep.b = rep.b[:at]
	}
	for i := range br.Links {
		l := &br.Links[i]
		from := len(b.b)
		b.str("- **")
		b.esc(v.label(l.Other))
		b.str("**\n")
		if rep != nil {
			rep.b = append(rep.b, b.b[from:]...)
			rep.lines = rep.lines[:0]
		}
		b.lines = b.lines[:0]
		for j := range l.Quotes {
			at := len(b.b)
			b.str("  - ")
			start := len(b.b)
			casePart := v.pairLine(b, &l.Quotes[j], caseID)
			if rep != nil {
				rep.bridgeLine(b.b[start:casePart], b.b[casePart:])
			}
			b.endLinkLine(at, start)
		}
	}
	b.str("\n")
	if rep != nil {
		rep.str("\n")
	}
}

// bridgeLine appends a line of a bridge's link to m as writeBridge does,
// made of head, the case part in m.tmp2 and tail, unless it repeats one
// of m.lines (the lines of the link so far).
func (m *mdBuf) bridgeLine(head, tail []byte) {
	at := len(m.b)
	m.str("  - ")
	start := len(m.b)
	m.b = append(m.b, head...)
	m.b = append(m.b, m.tmp2...)
	m.b = append(m.b, tail...)
	m.endLinkLine(at, start)
}

// endLinkLine ends the line of a bridge's link begun at at in m.b, its
// text from start: it is left out when it repeats one of m.lines (the
// link's lines so far, [start, end) in m.b), else kept and added to them.
func (m *mdBuf) endLinkLine(at, start int) {
	if mdRepeatsLine(m.b, m.lines, start) {
		m.b = m.b[:at]
		return
	}
	m.lines = append(m.lines, [2]int{start, len(m.b)})
	m.str("\n")
}

// mdRepeatsLine reports whether b[start:] equals one of the lines.
func mdRepeatsLine(b []byte, lines [][2]int, start int) bool {
	for _, l := range lines {
		if bytes.Equal(b[l[0]:l[1]], b[start:]) {
			return true
		}
	}
	return false
}

func (v *mdView) reportQualities(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.QualitiesHeading)
	b.para(tx.QualitiesIntro)
	if len(v.r.Qualities) == 0 {
		b.para(tx.QualitiesNone)
		return
	}
	b.tableHead([]string{EscapeText(tx.TargetCol), EscapeText(tx.QualityCol), EscapeText(tx.SegmentsCol), EscapeText(tx.NegatedSegCol), EscapeText(tx.Cases)},
		[]bool{false, false, true, true, false})
	for i := range v.r.Qualities {
		q := &v.r.Qualities[i]
		b.rowStart()
		b.cellOpen()
		b.esc(v.label(q.Target))
		b.str(" (")
		b.esc(strings.ToLower(tx.category(v.categoryOf(q.Target))))
		b.str(")")
		b.cellClose()
		b.cellEsc(v.label(q.Quality))
		b.cellInt(q.Segments)
		b.cellInt(q.Negated)
		b.cellOpen()
		b.joinEscaped(q.Cases)
		b.cellClose()
		b.rowEnd()
		b.flush()
	}
	b.tableEnd()
	for i := range v.r.Qualities {
		q := &v.r.Qualities[i]
		if len(q.Quotes) == 0 {
			continue
		}
		b.tmp = append(b.tmp[:0], v.label(q.Target)...)
		b.tmp = append(b.tmp, " · "...)
		b.tmp = append(b.tmp, v.label(q.Quality)...)
		b.headingTmp(3)
		for j := range q.Quotes {
			p := &q.Quotes[j]
			b.str("- ")
			v.pairLine(b, p, v.docCaseOf(p.First.Doc))
			b.str("\n")
		}
		b.str("\n")
		b.flush()
	}
}

func (v *mdView) reportHelp(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.HelpHeading)
	b.para(tx.HelpIntro)
	v.helpPart(b, tx.FormalHelpHeading, tx.HelpNone, v.r.Help.FormalHelp)
	v.helpPart(b, tx.StrainHeading, tx.StrainNone, v.r.Help.Strain)
}

func (v *mdView) helpPart(b *mdBuf, title, none string, list []analysis.CaseCodeVoices) {
	tx := v.tx
	b.heading(3, title)
	if len(list) == 0 {
		b.para(none)
		return
	}
	b.tableHead([]string{EscapeText(tx.CaseCol), EscapeText(tx.CodeCol), EscapeText(tx.OwnCol), EscapeText(tx.InterviewerCol), EscapeText(tx.NotesCol), EscapeText(tx.OtherCol)},
		[]bool{false, false, true, true, true, true})
	for i := range list {
		h := &list[i]
		b.rowStart()
		b.cellLink(h.Case, v.caseOf(h.Case).portraitLink)
		b.cellEsc(v.label(h.Code))
		b.cellInt(h.Counts.Own.Mentions)
		b.cellInt(h.Counts.Interviewer.Mentions)
		b.cellInt(h.Counts.Notes.Mentions)
		b.cellInt(h.Counts.Other.Mentions)
		b.rowEnd()
		b.flush()
	}
	b.tableEnd()
	own := "*" + EscapeText(capitalize(tx.VoiceOwn)) + "*\n\n"
	outside := "*" + EscapeText(tx.OutsideHeading) + "*\n\n"
	for i := range list {
		h := &list[i]
		if len(h.Own)+len(h.Outside) == 0 {
			continue
		}
		b.tmp = append(b.tmp[:0], v.label(h.Code)...)
		b.tmp = append(b.tmp, " · "...)
		b.tmp = fmt.Appendf(b.tmp, tx.PortraitTitleF, h.Case)
		b.headingTmp(4)
		if len(h.Own) > 0 {
			b.str(own)
			v.writeQuotes(b, h.Own, false)
			b.str("\n")
		}
		if len(h.Outside) > 0 {
			b.str(outside)
			v.writeQuotes(b, h.Outside, false)
			b.str("\n")
		}
		b.flush()
	}
}

func (v *mdView) reportEmergent(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.EmergentHeading)
	b.para(tx.EmergentIntro)
	if v.r.Emergent == nil {
		b.para(tx.EmergentMissing)
		return
	}
	for i := range v.r.Emergent {
		e := &v.r.Emergent[i]
		if e.Case == "" {
			if len(e.Keywords)+len(e.Uncoded) == 0 {
				b.para(tx.EmergentNone)
				return
			}
			v.writeEmergent(b, e, 3)
			return
		}
	}
	b.para(tx.EmergentNone)
}

// writeEmergent writes the keywords and uncoded mentions of one Emergent
// as two tables with headings at level.
func (v *mdView) writeEmergent(b *mdBuf, e *analysis.Emergent, level int) {
	tx := v.tx
	if len(e.Keywords) > 0 {
		b.heading(level, tx.EmergentTerms)
		b.tmp = fmt.Appendf(b.tmp[:0], tx.EmergentRankF, tx.measure(e.Measure))
		b.paraTmp()
		b.tableHead([]string{EscapeText(tx.TermCol), EscapeText(tx.CountCol), EscapeText(tx.ExampleCol)}, []bool{false, true, false})
		for _, k := range e.Keywords {
			b.rowStart()
			b.cellEsc(k.Text)
			b.cellInt(k.Count)
			b.cellOpen()
			v.example(b, k.Examples)
			b.cellClose()
			b.rowEnd()
		}
		b.tableEnd()
	}
	if len(e.Uncoded) > 0 {
		b.heading(level, tx.EmergentMentions)
		b.tableHead([]string{EscapeText(tx.MentionCol), EscapeText(tx.KindCol2), EscapeText(tx.CueCol), EscapeText(tx.CountCol), EscapeText(tx.ExampleCol)},
			[]bool{false, false, false, true, false})
		for _, m := range e.Uncoded {
			b.rowStart()
			b.cellEsc(m.Text)
			b.cellEsc(tx.mentionKind(m.Kind))
			b.cellEsc(m.Pattern)
			b.cellInt(m.Count)
			b.cellOpen()
			v.example(b, m.Examples)
			b.cellClose()
			b.rowEnd()
		}
		b.tableEnd()
	}
}

// example appends the first example of an emergent term or mention as an
// escaped quote with its location, or nothing when there is none.
func (v *mdView) example(b *mdBuf, ex []analysis.Example) {
	if len(ex) == 0 {
		return
	}
	e := ex[0]
	b.str("“")
	b.esc(e.Text)
	b.str("” — ")
	b.tmp = append(b.tmp[:0], v.tx.role(e.Role)...)
	b.tmp = append(b.tmp, ", "...)
	b.tmp = appendLocation(b.tmp, e.Doc, e.Segment, e.Line, e.Time)
	b.escTmp()
}

func (v *mdView) reportPortraits(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.PortraitsHeading)
	b.para(tx.PortraitsIntro)
	for i := range v.r.Corpus.Cases {
		c := &v.r.Corpus.Cases[i]
		mc := v.caseOf(c.ID)
		b.str("- [")
		b.str(mc.title)
		b.str("](")
		b.str(mc.portraitLink)
		b.str(") — ")
		t := b.tmp[:0]
		if len(c.Wijks) > 0 {
			t = append(t, tx.PortraitFactsWijk...)
			t = append(t, ": "...)
			t = mdAppendJoin(t, c.Wijks, ", ")
		}
		if len(c.Waves) > 0 {
			if len(t) > 0 {
				t = append(t, "; "...)
			}
			t = append(t, tx.PortraitFactsWave...)
			t = append(t, ": "...)
			t = mdAppendJoin(t, c.Waves, ", ")
		}
		if len(c.Wijks)+len(c.Waves) > 0 {
			t = append(t, "; "...)
		}
		t = append(t, tx.PortraitFactsDocs...)
		t = append(t, ": "...)
		t = strconv.AppendInt(t, int64(len(c.Documents)), 10)
		b.tmp = t
		b.escTmp()
		b.str("\n")
		b.flush()
	}
	b.str("\n")
}

// mdAppendJoin appends the items joined with sep.
func mdAppendJoin(dst []byte, items []string, sep string) []byte {
	for i, s := range items {
		if i > 0 {
			dst = append(dst, sep...)
		}
		dst = append(dst, s...)
	}
	return dst
}

func (v *mdView) reportFigures(b *mdBuf) {
	tx := v.tx
	b.heading(2, tx.FiguresHeading)
	b.str(mdImage(tx.BarsTitle, BarsFigure) + "\n\n")
	b.para(tx.BarsCaption)
	b.str(mdImage(tx.HeatmapTitle, HeatmapFigure) + "\n\n")
	b.tmp = append(b.tmp[:0], tx.HeatmapCaption...)
	b.tmp = append(b.tmp, ' ')
	b.tmp = fmt.Appendf(b.tmp, tx.HeatmapNoteF, v.r.Options.Window)
	b.paraTmp()
	if len(v.r.Corpus.Cases) > 0 {
		b.para(tx.EcomapsIntro)
		for i := range v.r.Corpus.Cases {
			c := &v.r.Corpus.Cases[i]
			b.str("- [")
			b.escf(tx.EcomapAltF, c.ID)
			b.str("](")
			b.str(v.caseOf(c.ID).ecomapLink)
			b.str(")\n")
			b.flush()
		}
		b.str("\n")
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
	return v.ecomapData(caseID, v.caseCodes(caseID).Own, r.CaseNetworks)
}

// ecomapData is ecomapData with the case's own codes and its networks (or
// a list of networks that holds them) given.
func (v *view) ecomapData(caseID string, own []analysis.CodeCount, networks []*analysis.Network) Ecomap {
	var e Ecomap
	v.ecomapDataTo(&e, caseID, own, networks)
	return e
}

// ecomapDataTo sets e to ecomapData, reusing its slices.
func (v *view) ecomapDataTo(e *Ecomap, caseID string, own []analysis.CodeCount, networks []*analysis.Network) {
	e.Title, e.Center, e.Nodes, e.Links = fmt.Sprintf(v.tx.EcomapTitleF, caseID), caseID, e.Nodes[:0], e.Links[:0]
	for _, c := range own {
		switch c.Category {
		case analysis.CatRelation, analysis.CatPlace, analysis.CatFacility:
			e.Nodes = append(e.Nodes, EcomapNode{Code: c.Code, Label: v.label(c.Code), Category: c.Category, Mentions: c.Mentions, Negated: c.Negated})
		}
	}
	for _, n := range networks {
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
}
