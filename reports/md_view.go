package reports

import (
	"bytes"
	"fmt"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// mdView is a view with the look-ups that report.md, the portraits and
// the ecomaps need, made once and then only read, so that goroutines can
// share it. Everything a case's files need is found through its mdCase
// without going through the whole results again.
type mdView struct {
	*view
	docCase map[string]string  // document ID -> its case (first document with the ID)
	cases   map[string]*mdCase // by case ID, for the cases of r.Corpus.Cases
	list    []*mdCase          // the cases of r.Corpus.Cases, in order (one per ID)
	// negated is " (" + EscapeText(QuoteNegated) + ")", the mark of a
	// negated quote.
	negated string
	// share, when not nil, carries report.md's bridges from the portraits
	// that make them to the report (WriteAllWith).
	share *reportShare
}

// mdCase is what the Markdown files and figures need of one case.
type mdCase struct {
	id    string
	info  *analysis.CaseInfo  // the first CaseInfo with the ID
	codes *analysis.CaseCodes // the first CaseCodes with the ID; nil when none
	// title is EscapeText(fmt.Sprintf(PortraitTitleF, id)).
	title string
	// portrait and ecomap are PortraitPath and EcomapPath; portraitLink and
	// ecomapLink their link targets (mdLinkTarget).
	portrait, ecomap         string
	portraitLink, ecomapLink string
	// The case's parts of the results, in results order.
	bridges  []*analysis.Bridge
	bridgeAt []int // the index in r.Bridges of each of bridges
	absent   []*analysis.AbsentCode
	members  []*analysis.MemberDifference
	waves    []*analysis.WaveChange
	emergent []*analysis.Emergent
	networks []*analysis.Network
}

// newMDView makes the look-ups for the files of r. When only is not nil,
// just the case *only is indexed (enough for its portrait and ecomap).
func newMDView(r *analysis.Results, m *Manifest, lang Lang, only *string) *mdView {
	v := &mdView{view: newView(r, m, lang), cases: map[string]*mdCase{}}
	v.negated = " (" + EscapeText(v.tx.QuoteNegated) + ")"
	for i := range r.Corpus.Cases {
		ci := &r.Corpus.Cases[i]
		if only != nil && ci.ID != *only {
			continue
		}
		if _, ok := v.cases[ci.ID]; ok {
			continue
		}
		c := v.newCase(ci.ID)
		c.info = ci
		v.cases[ci.ID] = c
		v.list = append(v.list, c)
	}
	if only == nil {
		v.docCase = make(map[string]string, len(r.Corpus.Documents))
		for _, d := range r.Corpus.Documents {
			if _, ok := v.docCase[d.ID]; !ok {
				v.docCase[d.ID] = d.Case
			}
		}
	}
	for i := range r.Cases {
		if c := v.cases[r.Cases[i].Case]; c != nil && c.codes == nil {
			c.codes = &r.Cases[i]
		}
	}
	for i := range r.Bridges {
		if c := v.cases[r.Bridges[i].Case]; c != nil {
			c.bridges = append(c.bridges, &r.Bridges[i])
			c.bridgeAt = append(c.bridgeAt, i)
		}
	}
	for i := range r.Absent {
		if c := v.cases[r.Absent[i].Case]; c != nil {
			c.absent = append(c.absent, &r.Absent[i])
		}
	}
	for i := range r.Members {
		if c := v.cases[r.Members[i].Case]; c != nil {
			c.members = append(c.members, &r.Members[i])
		}
	}
	for i := range r.Waves {
		if c := v.cases[r.Waves[i].Case]; c != nil {
			c.waves = append(c.waves, &r.Waves[i])
		}
	}
	for i := range r.Emergent {
		if c := v.cases[r.Emergent[i].Case]; c != nil {
			c.emergent = append(c.emergent, &r.Emergent[i])
		}
	}
	for _, n := range r.CaseNetworks {
		if n == nil {
			continue
		}
		if c := v.cases[n.Case]; c != nil {
			c.networks = append(c.networks, n)
		}
	}
	return v
}

// newCase makes the names and links of a case, without its parts.
func (v *mdView) newCase(id string) *mdCase {
	c := &mdCase{id: id, title: EscapeText(fmt.Sprintf(v.tx.PortraitTitleF, id)),
		portrait: PortraitPath(id), ecomap: EcomapPath(id)}
	c.portraitLink, c.ecomapLink = mdLinkTarget(c.portrait), mdLinkTarget(c.ecomap)
	return c
}

// caseOf returns the mdCase of a case ID; a case that is not in
// r.Corpus.Cases gets its names and links but no parts.
func (v *mdView) caseOf(id string) *mdCase {
	if c := v.cases[id]; c != nil {
		return c
	}
	return v.newCase(id)
}

// caseCodesOf returns the codes of a case per voice, or an empty value, as
// view.caseCodes does.
func (c *mdCase) caseCodes() analysis.CaseCodes {
	if c.codes != nil {
		return *c.codes
	}
	return analysis.CaseCodes{Case: c.id}
}

// docCaseOf returns the case of a document ID ("" when unknown), as
// view.caseOfDoc does.
func (v *mdView) docCaseOf(doc string) string {
	if v.docCase == nil {
		return v.caseOfDoc(doc)
	}
	return v.docCase[doc]
}

// appendQuoteLocation appends q.Location() to dst.
// The segment ID is made only when it is the location.
func appendQuoteLocation(dst []byte, q *analysis.Quote) []byte {
	if q.Time == "" && q.Line <= 0 {
		return q.AppendSegmentID(dst)
	}
	return appendLocation(dst, q.Doc, "", int(q.Line), q.Time)
}

// speakerTo appends EscapeText(v.speaker(q)) to m, using m's scratch.
// What it appended for the last speaker, role and voice it was given is
// kept in m.speaker and appended again for the same three (quotes of one
// speaker mostly come one after the other).
func (v *mdView) speakerTo(m *mdBuf, q *analysis.Quote) {
	k := &m.speaker
	if k.ok && q.Speaker == k.speaker && q.Role == k.role && q.Voice == k.voice {
		m.b = append(m.b, k.text...)
		return
	}
	at := len(m.b)
	v.makeSpeaker(m, q)
	k.speaker, k.role, k.voice, k.ok = q.Speaker, q.Role, q.Voice, true
	k.text = append(k.text[:0], m.b[at:]...)
}

// makeSpeaker is speakerTo without m.speaker.
func (v *mdView) makeSpeaker(m *mdBuf, q *analysis.Quote) {
	role := v.tx.role(q.Role)
	if q.Voice == corpus.VoiceNotes && q.Speaker == "" {
		m.esc(v.tx.VoiceNotes)
		return
	}
	m.tmp = appendJoinSpace(m.tmp[:0], q.Speaker)
	if len(m.tmp) == 0 || bytes.EqualFold(m.tmp, []byte(role)) {
		m.esc(role)
		return
	}
	m.tmp = append(m.tmp, " ("...)
	m.tmp = append(m.tmp, role...)
	m.tmp = append(m.tmp, ')')
	m.escTmp()
}

// caseTitleTo appends the case part of a quote line: the escaped title
// of the case and ", ", or nothing when caseID is "".
func (v *mdView) caseTitleTo(m *mdBuf, caseID string) {
	if caseID == "" {
		return
	}
	if c := v.cases[caseID]; c != nil {
		m.str(c.title)
	} else {
		m.escf(v.tx.PortraitTitleF, caseID)
	}
	m.str(", ")
}

// quoteLine appends a quote as one line to m: “words” — speaker,
// [case, ]location[ (negated)]. It returns where in m.b the case part
// starts (or would, with caseID ""): nothing before or after it depends
// on caseID.
func (v *mdView) quoteLine(m *mdBuf, q *analysis.Quote, negated bool, caseID string) (casePart int) {
	m.str("“")
	m.b = mdAppendQuote(m.b, q.Text, q.Start, q.End)
	m.str("” — ")
	v.speakerTo(m, q)
	m.str(", ")
	casePart = len(m.b)
	v.caseTitleTo(m, caseID)
	m.tmp = appendQuoteLocation(m.tmp[:0], q)
	m.escTmp()
	if negated {
		m.str(v.negated)
	}
	return casePart
}

// pairLine appends a quote pair as one line to m. Two quotes from one
// segment are one quote; two segments are shown in text order, joined by
// "…", with the location of each. It returns where the case part starts,
// as quoteLine does.
func (v *mdView) pairLine(m *mdBuf, p *analysis.QuotePair, caseID string) (casePart int) {
	if p.SameSegment() {
		return v.quoteLine(m, &p.First, p.First.Negated || p.Second.Negated, caseID)
	}
	a, z := &p.First, &p.Second
	if z.N < a.N {
		a, z = z, a
	}
	m.str("“")
	m.b = mdAppendQuote(m.b, a.Text, a.Start, a.End)
	m.str("” … “")
	m.b = mdAppendQuote(m.b, z.Text, z.Start, z.End)
	m.str("” — ")
	v.speakerTo(m, a)
	m.str(", ")
	casePart = len(m.b)
	v.caseTitleTo(m, caseID)
	m.tmp = appendQuoteLocation(m.tmp[:0], a)
	la := len(m.tmp)
	m.tmp = append(m.tmp, ", "...)
	lz := len(m.tmp)
	m.tmp = appendQuoteLocation(m.tmp, z)
	if bytes.Equal(m.tmp[:la], m.tmp[lz:]) {
		m.tmp = m.tmp[:la]
	}
	m.escTmp()
	if a.Negated || z.Negated {
		m.str(v.negated)
	}
	return casePart
}

// writeQuotes appends quotes as a list, each with its case when withCase.
func (v *mdView) writeQuotes(m *mdBuf, quotes []analysis.Quote, withCase bool) {
	for i := range quotes {
		q := &quotes[i]
		c := ""
		if withCase {
			c = v.docCaseOf(q.Doc)
		}
		m.str("- ")
		v.quoteLine(m, q, q.Negated, c)
		m.str("\n")
	}
}

// joinEscaped appends the items, each escaped, joined with ", ".
func (m *mdBuf) joinEscaped(items []string) {
	for i, s := range items {
		if i > 0 {
			m.str(", ")
		}
		m.esc(s)
	}
}
