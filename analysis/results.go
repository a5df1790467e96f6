package analysis

import (
	"strconv"

	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/mat"

	"github.com/pbasis/pbasis/corpus"
)

// This file holds the types of Results: everything aggregated that reports
// need (DESIGN.md). Reports are functions of Results; they never recompute
// analysis. Results describe; they never score (DOMAIN.md point 4): there are
// counts of mentions and segments, shares of segments, co-occurrence
// associations between codes and network positions of codes, but no ranking
// of families and no "strength" of a basis.
//
// Conventions that hold for every type below:
//   - Voices are kept apart (DOMAIN.md point 5). "Own" means corpus.VoiceOwn:
//     what family members say. Interviewer turns, session notes and other
//     speakers are the outside view and never count in an own-voice figure.
//   - A mention is one coding. A segment count counts distinct segments
//     that carry the code at least once (negated or not), so Segments <=
//     Mentions. Negated counts the mentions with Negated set; they are part
//     of Mentions (absence is data, DOMAIN.md point 8).
//   - Every slice is in a deterministic order, stated on its field; ties are
//     broken by ID. Codes are in codebook order (CodebookSpec.Codes), then
//     any code that occurs in codings but not in the codebook, by ID.
//   - Quotes are capped and chosen deterministically (see Quote).

// Default values of ResultsOptions.
const (
	DefaultWindow          = 3
	DefaultQuotesPerCell   = 3
	DefaultQuotesPerCode   = 5
	DefaultChangeThreshold = 0.05
)

// ResultsOptions control the aggregation. Zero values take the defaults.
type ResultsOptions struct {
	// Window is the co-occurrence window: a window unit is up to Window
	// consecutive segments of one turn (default DefaultWindow). A turn with
	// k <= Window segments is one window; a longer turn gives the k-Window+1
	// sliding windows.
	Window int
	// QuotesPerCell caps the quotes kept per case and code, per link of a
	// network or quality, and per outside-view cell (default 3).
	QuotesPerCell int
	// QuotesPerCode caps the own-voice quotes per code for the cross-case
	// report (default 5).
	QuotesPerCode int
	// ChangeThreshold is the absolute difference in own-voice share between
	// two waves above which a code "changes" (default 0.05).
	ChangeThreshold float64
	// Lang is the report language ("nl" or "en"), recorded for reports;
	// the aggregation itself does not depend on it. Default "nl".
	Lang string
}

// WithDefaults returns o with every zero field set to its default.
func (o ResultsOptions) WithDefaults() ResultsOptions {
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	if o.QuotesPerCell <= 0 {
		o.QuotesPerCell = DefaultQuotesPerCell
	}
	if o.QuotesPerCode <= 0 {
		o.QuotesPerCode = DefaultQuotesPerCode
	}
	if o.ChangeThreshold <= 0 {
		o.ChangeThreshold = DefaultChangeThreshold
	}
	if o.Lang == "" {
		o.Lang = "nl"
	}
	return o
}

// Results is everything aggregated from a corpus and its codings. Build it
// with an Accumulator.
type Results struct {
	Options  ResultsOptions // the effective options (defaults filled in)
	Codebook CodebookInfo
	// Codes lists every code of the codebook in codebook order, then codes
	// found only in codings, by ID. Matrix columns follow this order.
	Codes []CodeInfo

	Corpus CorpusSummary

	// CodeStats has one entry per code of Codes, same order, also for codes
	// never mentioned (all counts zero).
	CodeStats []CodeStat

	// Cases has one entry per case (by case ID): the codes of each voice
	// with counts and quotes. Cases[i].Own is the family portrait's
	// material; Interviewer, Notes and Other are the outside view, kept
	// apart.
	Cases []CaseCodes

	// ByCase holds the case-by-code matrices, one per voice (rows = case
	// IDs, all cases in every voice).
	ByCase VoiceMatrices
	// ByRole is own voice only; rows "case/role" for every role that spoke
	// in own voice in that case.
	ByRole *Matrix
	// ByWijk is own voice only; rows are wijk names ("" for documents
	// without a wijk).
	ByWijk *Matrix
	// ByWave is own voice only; rows "case/wave" for each wave in which the
	// case has own-voice segments, in wave order within a case (documents
	// without a wave are not in this matrix).
	ByWave *Matrix

	// Cooccurrence between codes: own voice and all voices, per segment
	// and per window.
	Cooccurrence CooccurrenceSet

	// Network is the corpus network of relation, place and facility codes,
	// own voice, window units. CaseNetworks has one network per case (by
	// case ID), also for cases with no such codes (empty network).
	Network      *Network
	CaseNetworks []*Network

	// Bridges are the bridging relations per case (DOMAIN.md point 1), in
	// case order, then by the Bridge order (see Bridge).
	Bridges []Bridge

	// Qualities links quality codes to the relation, place or facility
	// code they are said of (same segment, own voice), by target code in
	// code order, then quality code in code order.
	Qualities []QualityLink

	// Help holds formal help and strain (DOMAIN.md point 7), each kept
	// apart from the basis and from each other.
	Help HelpAndStrain

	// Waves lists changes between consecutive waves within a case (own
	// voice), by case, then wave pair, then code order.
	Waves []WaveChange

	// Members lists codes mentioned (own voice) by some roles of a case
	// but not by others, by case, then code order.
	Members []MemberDifference

	// Absent lists, per case, codes whose own-voice mentions are all
	// negated (DOMAIN.md point 8), by case, then code order.
	Absent []AbsentCode

	// Emergent are the terms and mentions no code covers (DOMAIN.md point
	// 4). The Accumulator does not compute them: the caller sets this field
	// from an EmergentAccumulator run over the same documents.
	Emergent []Emergent
}

// CodebookInfo identifies the codebook the results were made with.
type CodebookInfo struct {
	ID, Version, Language string
	Title                 Text
	File                  string
}

// CodeInfo is a code as reports show it.
type CodeInfo struct {
	ID       string
	Category Category // empty for a code not in the codebook
	Parent   string
	Label    Text // both languages; Label.NL/EN may be empty
	Color    string
	// InCodebook is false for a code that occurs in codings (manual or
	// imported) but not in the codebook.
	InCodebook bool
}

// VoiceInts is an integer per voice.
type VoiceInts struct {
	Own, Interviewer, Notes, Other int
}

// Total returns the sum over all voices.
func (v VoiceInts) Total() int { return v.Own + v.Interviewer + v.Notes + v.Other }

// Get returns the value for voice v (Other for an unknown voice).
func (v VoiceInts) Get(voice corpus.Voice) int {
	switch voice {
	case corpus.VoiceOwn:
		return v.Own
	case corpus.VoiceInterviewer:
		return v.Interviewer
	case corpus.VoiceNotes:
		return v.Notes
	}
	return v.Other
}

// CorpusSummary describes the documents and cases.
type CorpusSummary struct {
	// Documents in the order they were added (the caller's document
	// order, normally sorted by ID).
	Documents []DocInfo
	// Cases by case ID.
	Cases []CaseInfo
	// Variables are the names of all case variables (metadata Extra keys),
	// sorted.
	Variables []string
	// ByKind has one entry per document kind present, sorted by kind.
	ByKind []KindTotal
	// Segments counts all segments by voice; Words counts the words of all
	// documents (corpus.ReadInfo.Words).
	Segments VoiceInts
	Words    int
	Codings  VoiceInts // codings by voice
	// Orphans counts codings whose segment ID is not among the document's
	// segments: they count as mentions (in their Coding.Voice) in Cases,
	// ByCase and CodeStats, but take no part in segment counts, role, wijk
	// and wave rows, co-occurrence, networks or quotes.
	Orphans int
}

// DocInfo describes one document.
type DocInfo struct {
	ID, Case string
	Kind     corpus.Kind
	Format   string
	Wijk     string
	Wave     string
	Date     string
	Words    int
	Turns    int
	Segments VoiceInts // segments by voice of their turn
	Codings  VoiceInts // codings by voice
}

// CaseInfo describes one case (family).
type CaseInfo struct {
	ID        string
	Wijks     []string // distinct, sorted
	Waves     []string // distinct, in wave order (numeric when numbers)
	Documents []string // document IDs in added order
	// Roles that spoke in own voice in this case, sorted.
	Roles []string
	// Variables from the documents' metadata Extra. When documents of a
	// case disagree, the distinct values are joined with "; " in sorted
	// order.
	Variables map[string]string
	Segments  VoiceInts
	Words     int
}

// KindTotal counts the documents of one kind.
type KindTotal struct {
	Kind      corpus.Kind
	Documents int
	Words     int
	Segments  int
}

// Count is what is counted of a code in one cell.
type Count struct {
	Mentions int // codings
	Negated  int // codings with Negated set (included in Mentions)
	Segments int // distinct segments with at least one such coding
}

// VoiceCounts is a Count per voice.
type VoiceCounts struct {
	Own, Interviewer, Notes, Other Count
}

// Get returns the Count of voice v (Other for an unknown voice).
func (c VoiceCounts) Get(v corpus.Voice) Count {
	switch v {
	case corpus.VoiceOwn:
		return c.Own
	case corpus.VoiceInterviewer:
		return c.Interviewer
	case corpus.VoiceNotes:
		return c.Notes
	}
	return c.Other
}

// CodeStat is one code across the corpus.
type CodeStat struct {
	Code     string
	Category Category
	Counts   VoiceCounts
	// Cases that mention the code in own voice (any mention, negated
	// included), sorted. len(Cases) is the number of cases.
	Cases []string
	// CasesAffirmed are the cases with at least one non-negated own-voice
	// mention, sorted.
	CasesAffirmed []string
	// Quotes are own-voice quotes, at most QuotesPerCode, best first.
	Quotes []Quote
}

// CodeCount is one code in one case and voice, with quotes of that voice.
type CodeCount struct {
	Code     string
	Category Category
	Count
	Quotes []Quote // at most QuotesPerCell, best first
}

// CaseCodes lists the codes mentioned in one case, per voice, each in code
// order and only codes with at least one mention. Own is the family's own
// description; Interviewer, Notes and Other are the outside view.
type CaseCodes struct {
	Case                           string
	Own, Interviewer, Notes, Other []CodeCount
}

// Matrix is a row-by-code table. Rows and Cols are labels; the three dense
// matrices are len(Rows) x len(Cols). Share(i, j) = Segments(i, j) /
// RowSegments[i], or 0 when RowSegments[i] is 0. A Matrix with no rows or no
// columns has nil dense matrices (gonum allows no empty Dense).
type Matrix struct {
	Voice    corpus.Voice // the voice counted
	Rows     []string
	Cols     []string
	Mentions *mat.Dense
	Segments *mat.Dense
	Share    *mat.Dense
	// RowSegments is the number of segments of the row in the voice,
	// coded or not: the denominator of Share.
	RowSegments []int
}

// At returns the counts of a cell by labels; ok is false when a label is
// unknown.
func (m *Matrix) At(row, col string) (mentions, segments int, share float64, ok bool) {
	i, j := indexOf(m.Rows, row), indexOf(m.Cols, col)
	if i < 0 || j < 0 || m.Mentions == nil {
		return 0, 0, 0, false
	}
	return int(m.Mentions.At(i, j)), int(m.Segments.At(i, j)), m.Share.At(i, j), true
}

// Row returns the index of a row label, or -1.
func (m *Matrix) Row(label string) int { return indexOf(m.Rows, label) }

// Col returns the index of a column label, or -1.
func (m *Matrix) Col(label string) int { return indexOf(m.Cols, label) }

// VoiceMatrices holds one Matrix per voice.
type VoiceMatrices struct {
	Own, Interviewer, Notes, Other *Matrix
}

// Get returns the matrix of voice v (Other for an unknown voice).
func (v VoiceMatrices) Get(voice corpus.Voice) *Matrix {
	switch voice {
	case corpus.VoiceOwn:
		return v.Own
	case corpus.VoiceInterviewer:
		return v.Interviewer
	case corpus.VoiceNotes:
		return v.Notes
	}
	return v.Other
}

// Co-occurrence units.
const (
	UnitSegment = "segment" // one segment
	UnitWindow  = "window"  // up to Window consecutive segments of one turn
)

// Cooccurrence counts, over units of one kind, how often codes occur
// together. A unit counts once for a code however often the code is in it,
// and negated mentions count (the code is spoken of).
//
// For codes a and b with n_a, n_b units containing them, n_ab units
// containing both and N units in all:
//
//	Jaccard(a, b) = n_ab / (n_a + n_b - n_ab)       (0 when the union is 0)
//	OE(a, b)      = n_ab * N / (n_a * n_b)           (0 when n_a or n_b is 0)
//
// The diagonal of Count holds n_a; the diagonals of Jaccard and OE are 0 and
// are not meaningful. All three are len(Codes) x len(Codes) and nil when
// there are no codes.
type Cooccurrence struct {
	Voice string // "own" or "all"
	Unit  string // UnitSegment or UnitWindow
	Codes []string
	Units int // N: all units of that voice, coded or not
	// Coded is the number of units with at least one code.
	Coded   int
	Count   *mat.SymDense
	Jaccard *mat.SymDense
	OE      *mat.SymDense
}

// Pair returns n_ab, Jaccard and O/E for two codes by ID; ok is false when
// a code is unknown.
func (c *Cooccurrence) Pair(a, b string) (n int, jaccard, oe float64, ok bool) {
	i, j := indexOf(c.Codes, a), indexOf(c.Codes, b)
	if i < 0 || j < 0 || c.Count == nil {
		return 0, 0, 0, false
	}
	return int(c.Count.At(i, j)), c.Jaccard.At(i, j), c.OE.At(i, j), true
}

// CooccurrenceSet holds the four co-occurrence tables.
type CooccurrenceSet struct {
	OwnSegment, OwnWindow, AllSegment, AllWindow *Cooccurrence
}

// Network is a graph of relation, place and facility codes in own voice:
// an edge links two codes that occur in the same window unit, with weight =
// the number of such units.
//
// Betweenness is gonum's network.Betweenness (unweighted, Brandes) halved so
// that each unordered pair of nodes counts once: on a path a–b–c, b has 1.
// It is deliberately unweighted: weights are counts of mentions, and turning
// them into distances would make a code's position depend on how much a
// family talks rather than on which places it links.
type Network struct {
	Case string // "" for the corpus network
	// Nodes are the codes that occur in at least one unit (edge or not),
	// in code order; node i has graph ID int64(i).
	Nodes []string
	// Units is the number of own-voice window units in which each node
	// occurs (parallel to Nodes).
	Units []int
	// Edges lists the edges, A before B in code order, sorted by A then B.
	Edges []Edge
	// Betweenness per node (parallel to Nodes).
	Betweenness []float64
}

// Graph returns the network as a gonum graph: node i is Nodes[i], edge
// weights are Edge.Weight. It is made on each call (a run's thousands of
// case networks are not kept as graphs).
func (n *Network) Graph() *simple.WeightedUndirectedGraph {
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := range n.Nodes {
		g.AddNode(simple.Node(int64(i)))
	}
	for _, e := range n.Edges {
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(n.Node(e.A)), T: simple.Node(n.Node(e.B)), W: float64(e.Weight)})
	}
	return g
}

// Node returns the graph ID of a code, or -1.
func (n *Network) Node(code string) int64 { return int64(indexOf(n.Nodes, code)) }

// Edge is one edge of a Network.
type Edge struct {
	A, B   string
	Weight int // co-occurrence units linking A and B
}

// Bridge is a relation code that co-occurs (own voice, window units) with at
// least two distinct place or facility codes in one case. Bridges of a case
// are ordered by Betweenness (descending, in the case network), then by
// len(Links) (descending), then by Relation ID.
type Bridge struct {
	Case        string
	Relation    string
	Betweenness float64
	Links       []BridgeLink // by Other in code order
}

// BridgeLink is one place or facility a bridging relation co-occurs with.
type BridgeLink struct {
	Other string // the place or facility code
	Units int    // window units with both
	// Quotes show the link: First is the relation's mention, Second the
	// place's or facility's; they share a segment or lie in one window.
	Quotes []QuotePair
}

// QuotePair is evidence that two codes occur together. When both are in
// the same segment (SameSegment), they share its QuoteSegment and the same
// Text holds both spans.
type QuotePair struct {
	First, Second Quote
}

// SameSegment reports whether both quotes are from one segment: the same
// document and segment number.
func (p QuotePair) SameSegment() bool {
	return p.First.Doc == p.Second.Doc && p.First.N == p.Second.N
}

// QualityLink is a quality code said in the same segment (own voice) as a
// relation, place or facility code.
type QualityLink struct {
	Target  string // relation, place or facility code
	Quality string // quality code
	// Segments counts the segments with both; Negated counts those where
	// the quality or the target is negated in every mention of that segment.
	Segments int
	Negated  int
	Cases    []string    // cases with the link, sorted
	Quotes   []QuotePair // First = target, Second = quality
}

// HelpAndStrain reports formal help and strain of the informal network,
// apart from the basis and from each other (DOMAIN.md point 7). Each slice
// has one entry per case and code with at least one mention in any voice,
// by case, then code order.
type HelpAndStrain struct {
	FormalHelp []CaseCodeVoices
	Strain     []CaseCodeVoices
}

// CaseCodeVoices is one code in one case with counts per voice and quotes:
// Own from family members, Outside from interviewer, notes and other voices
// (each Quote carries its Voice).
type CaseCodeVoices struct {
	Case, Code string
	Category   Category
	Counts     VoiceCounts
	Own        []Quote // at most QuotesPerCell
	Outside    []Quote // at most QuotesPerCell
}

// Kinds of WaveChange.
const (
	ChangeAppears    = "appears"    // no own-voice mention in the earlier wave, some in the later
	ChangeDisappears = "disappears" // some in the earlier wave, none in the later
	ChangeShare      = "changes"    // in both, |share difference| >= ChangeThreshold
)

// WaveChange is one code's change between two consecutive waves of a case
// (own voice). Share is segments with the code / the case's own-voice
// segments in that wave. Only waves in which the case has own-voice
// segments take part (a wave with only session notes says nothing of what
// the family mentions). Waves are ordered numerically when both are
// integers, else as strings. Codes unchanged within the threshold are not
// listed.
type WaveChange struct {
	Case     string
	From, To string // waves
	Code     string
	Kind     string // ChangeAppears, ChangeDisappears or ChangeShare
	Before   Count
	After    Count
	// BeforeShare and AfterShare are shares of own-voice segments; Diff
	// is AfterShare - BeforeShare.
	BeforeShare, AfterShare, Diff float64
}

// MemberDifference is a code that some own-voice roles of a case mention
// and others do not (DOMAIN.md point 3).
type MemberDifference struct {
	Case, Code string
	// Roles lists every own-voice role of the case, sorted, with its
	// counts (zero for roles that do not mention the code).
	Roles []RoleCount
}

// RoleCount is a code's count for one role of a case.
type RoleCount struct {
	Role string
	// RoleSegments is the number of own-voice segments of the role in the
	// case: how much the role spoke.
	RoleSegments int
	Count
}

// AbsentCode is a code that a case mentions in own voice only negated.
type AbsentCode struct {
	Case, Code string
	Category   Category
	Negated    int     // own-voice mentions, all negated
	Quotes     []Quote // at most QuotesPerCell
}

// Quote is a segment quoted verbatim as evidence of one coding.
//
// Quotes are chosen deterministically: non-negated before negated (except
// where negated quotes are what is asked for), own voice before other
// voices, segments of 60..240 code points before shorter ones (the closer
// the better) and before longer ones, then document order (order of Add,
// segment number, evidence start). A list never holds the same segment
// twice.
type Quote struct {
	// The quoted segment, shared by every quote of it (its fields and its
	// QuoteSource's are promoted: q.Doc, q.Speaker, q.Text, q.N, ...; the
	// segment ID is q.SegmentID()); never nil in Results, never changed.
	*QuoteSegment
	// Start and End are the evidence span within Text, in code points.
	Start, End int
	Term       string // the evidence as written
	Code       string
	Negated    bool
}

// QuoteSegment is the segment a Quote quotes. The Accumulator makes one
// per quoted segment, shared by every Quote of it, and shares one
// QuoteSource among the quoted segments of one speaker (with one role and
// voice) in one document; its fields are promoted (s.Doc, s.Speaker, ...).
// In Results neither is nil and neither is ever changed.
type QuoteSegment struct {
	*QuoteSource
	Text string // the segment's text, verbatim
	Time string // timestamp when the source has times (corpus.Segment.Time)
	// Line is the segment's source location (see corpus.Segment.Line); 0
	// when none. Line and N are int32 to keep the struct at 48 bytes: a
	// document would need over 2 GiB of text to have more lines or
	// segments than that.
	Line int32
	N    int32 // the segment's number in its document, from 1 (corpus.Segment.N)
}

// QuoteSource is who said a quoted segment, and where: shared by the
// quoted segments of one speaker, role and voice in one document.
type QuoteSource struct {
	Doc     string // document ID
	Speaker string // the speaker label of the segment's turn, as written; "" when none
	Role    string
	Voice   corpus.Voice
}

// SegmentID returns the segment's ID, Doc + "#" + N: the ID corpus.Build
// gives segment N of document Doc (corpus.Segment.ID).
func (s *QuoteSegment) SegmentID() string {
	return string(s.AppendSegmentID(nil))
}

// AppendSegmentID appends s.SegmentID() to dst.
func (s *QuoteSegment) AppendSegmentID(dst []byte) []byte {
	dst = append(dst, s.Doc...)
	dst = append(dst, '#')
	return strconv.AppendInt(dst, int64(s.N), 10)
}

// Location returns "doc@time" when the quote has a time, else "doc:line",
// else the segment ID.
func (q Quote) Location() string {
	switch {
	case q.Time != "":
		return q.Doc + "@" + q.Time
	case q.Line > 0:
		return q.Doc + ":" + strconv.Itoa(int(q.Line))
	}
	return q.SegmentID()
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
