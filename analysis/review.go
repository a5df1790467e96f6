package analysis

// Review decisions: a researcher's corrections of the automatic coding,
// kept in a plain text file so that later runs keep them.
//
// # The decisions file
//
// A decisions file (decisions.tsv by default) is UTF-8 text with one
// decision per line, tab-separated, and a header line first:
//
//	doc_sha256  doc  start  end  code  decision  new_code  text  comment  reviewer  date
//
// The columns:
//   - doc_sha256: the SHA-256 of the input file the decision is about (as in
//     run.json), 64 lower-case hex digits. Together with start, end and code
//     it is the decision's key: decisions never refer to row numbers.
//   - doc: the file's path in the input folder, for humans, and to find a
//     file again after it was edited (its hash then changed; see
//     ApplyDecisions).
//   - start, end: the span in code points into the document's normalised
//     text, as in codings.csv: the evidence of a coding, or the whole
//     segment for an added code.
//   - code: the code ID the decision is about: the automatic coding's code
//     for accept, reject and change; the code added for add.
//   - decision: accept, reject, change or add.
//   - new_code: the code that replaces code (change only; empty otherwise).
//   - text: the text of the span as it was when reviewed (the evidence as
//     written, or the segment's text for add). A run applies a decision
//     only when the document still has exactly this text on the span;
//     otherwise the decision is stale and reported.
//   - comment, reviewer, date: free text from the reviewer; may be empty.
//     pbasis never fills in a date itself, so the file stays the same for
//     the same review.
//
// Fields escape four characters with a backslash: a tab is written \t, a
// line feed \n, a carriage return \r and a backslash \\; no other escapes
// are allowed. Lines are sorted by doc, doc_sha256, start, end and code, so
// the file diffs well under version control. Blank lines are ignored;
// there are no comment lines (the file is rewritten on every import).

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pbasis/pbasis/corpus"
)

// Review decisions, as written in the decision column of a decisions file.
const (
	ReviewAccept = "accept" // the automatic coding is right
	ReviewReject = "reject" // the automatic coding is wrong: drop it
	ReviewChange = "change" // the span is right, the code is NewCode
	ReviewAdd    = "add"    // a coding the matcher missed: Code on the span
)

// HowReview is the How of a coding whose code or span a reviewer made
// (changed or added). An accepted coding keeps the matcher's How and Rule.
const HowReview = "review"

// DecisionsHeader is the header line of a decisions file, in column order.
func DecisionsHeader() []string {
	return []string{"doc_sha256", "doc", "start", "end", "code", "decision", "new_code", "text", "comment", "reviewer", "date"}
}

// Decision is one review decision about one span of one input file.
type Decision struct {
	DocSHA256 string `json:"doc_sha256"` // the input file's SHA-256 (hex)
	Doc       string `json:"doc"`        // the input file's path in the input folder
	// Start and End are the span in code points into the document's
	// normalised text.
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Code     string `json:"code"`     // the coding's code; the added code for add
	Decision string `json:"decision"` // accept, reject, change or add
	NewCode  string `json:"new_code,omitempty"`
	Text     string `json:"text"` // the span's text when reviewed
	Comment  string `json:"comment,omitempty"`
	Reviewer string `json:"reviewer,omitempty"`
	Date     string `json:"date,omitempty"`
}

// DecisionKey identifies a decision: a later decision with the same key
// replaces an earlier one.
type DecisionKey struct {
	DocSHA256  string
	Start, End int
	Code       string
}

// Key returns d's key.
func (d Decision) Key() DecisionKey {
	return DecisionKey{DocSHA256: d.DocSHA256, Start: d.Start, End: d.End, Code: d.Code}
}

// String describes d for messages: "doc@start-end code: decision".
func (d Decision) String() string {
	s := fmt.Sprintf("%s@%d-%d %s: %s", d.Doc, d.Start, d.End, d.Code, d.Decision)
	if d.Decision == ReviewChange {
		s += " to " + d.NewCode
	}
	return s + fmt.Sprintf(" (%q)", d.Text)
}

func hexSHA256() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{64}$`) }

// Validate reports what makes d unusable, or nil.
func (d Decision) Validate() error {
	var errs []error
	if !hexSHA256().MatchString(d.DocSHA256) {
		errs = append(errs, fmt.Errorf("doc_sha256: want 64 lower-case hex digits (got %q)", d.DocSHA256))
	}
	if d.Start < 0 || d.End <= d.Start {
		errs = append(errs, fmt.Errorf("span %d-%d: want 0 <= start < end", d.Start, d.End))
	}
	if d.Code == "" {
		errs = append(errs, errors.New("code: empty"))
	}
	switch d.Decision {
	case ReviewAccept, ReviewReject, ReviewAdd:
		if d.NewCode != "" {
			errs = append(errs, fmt.Errorf("new_code %q: only a change has a new code", d.NewCode))
		}
	case ReviewChange:
		if d.NewCode == "" || d.NewCode == d.Code {
			errs = append(errs, fmt.Errorf("new_code: a change needs a code other than %q", d.Code))
		}
	default:
		errs = append(errs, fmt.Errorf("decision: must be one of [accept reject change add] (got %q)", d.Decision))
	}
	if d.Text == "" {
		errs = append(errs, errors.New("text: empty (the span's text is needed to tell whether the document changed)"))
	}
	return errors.Join(errs...)
}

// compareDecisions is the file order: doc, doc_sha256, start, end, code.
func compareDecisions(a, b Decision) int {
	return cmp.Or(strings.Compare(a.Doc, b.Doc), strings.Compare(a.DocSHA256, b.DocSHA256),
		cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), strings.Compare(a.Code, b.Code))
}

// SortDecisions sorts ds in file order (doc, doc_sha256, start, end, code).
func SortDecisions(ds []Decision) { slices.SortStableFunc(ds, compareDecisions) }

// escapeField escapes tab, line feed, carriage return and backslash.
func escapeField(s string) string {
	if !strings.ContainsAny(s, "\t\n\r\\") {
		return s
	}
	return strings.NewReplacer("\\", `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`).Replace(s)
}

// unescapeField undoes escapeField; it returns the 1-based byte column of a
// bad escape within s, or 0.
func unescapeField(s string) (string, int, error) {
	if !strings.Contains(s, "\\") {
		return s, 0, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			return "", i + 1, errors.New(`a lone \ at the end of the field (write \\ for a backslash)`)
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '\\':
			b.WriteByte('\\')
		default:
			return "", i, fmt.Errorf(`unknown escape \%c (allowed: \t \n \r \\)`, s[i])
		}
	}
	return b.String(), 0, nil
}

// WriteDecisions writes ds as a decisions file: the header line, then one
// line per decision in file order (ds itself is not reordered). It does not
// validate ds.
func WriteDecisions(w io.Writer, ds []Decision) error {
	sorted := slices.Clone(ds)
	SortDecisions(sorted)
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(DecisionsHeader(), "\t") + "\n")
	for _, d := range sorted {
		f := []string{d.DocSHA256, d.Doc, strconv.Itoa(d.Start), strconv.Itoa(d.End), d.Code, d.Decision,
			d.NewCode, d.Text, d.Comment, d.Reviewer, d.Date}
		for i := range f {
			f[i] = escapeField(f[i])
		}
		bw.WriteString(strings.Join(f, "\t") + "\n")
	}
	return bw.Flush()
}

// DecisionsError is a problem at a place in a decisions file.
type DecisionsError struct {
	File string
	Line int // 1-based; 0 for the file as a whole
	Err  error
}

func (e *DecisionsError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *DecisionsError) Unwrap() error { return e.Err }

// ReadDecisions reads a decisions file; name is used in errors. The header
// line must name the columns of DecisionsHeader, in any order (a column
// may be missing only if it is one of comment, reviewer, date). Every
// line's decision is validated; all problems are returned at once, joined,
// each a *DecisionsError naming the line. Decisions come in file order;
// a later line with the same key as an earlier one replaces it.
func ReadDecisions(name string, r io.Reader) ([]Decision, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	var (
		errs  []error
		out   []Decision
		index = map[DecisionKey]int{}
		col   map[string]int
		line  int
	)
	fail := func(err error) { errs = append(errs, &DecisionsError{File: name, Line: line, Err: err}) }
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Split(text, "\t")
		if col == nil {
			var err error
			if col, err = decisionsColumns(fields); err != nil {
				fail(err)
				return nil, errors.Join(errs...)
			}
			continue
		}
		if len(fields) != len(col) {
			fail(fmt.Errorf("%d fields, the header has %d (tabs inside a field must be written \\t)", len(fields), len(col)))
			continue
		}
		get := func(key string) string {
			i, ok := col[key]
			if !ok {
				return ""
			}
			v, at, err := unescapeField(fields[i])
			if err != nil {
				fail(fmt.Errorf("column %s, byte %d: %w", key, at, err))
			}
			return v
		}
		num := func(key string) int {
			s := get(key)
			n, err := strconv.Atoi(s)
			if err != nil {
				fail(fmt.Errorf("column %s: not a whole number: %q", key, s))
			}
			return n
		}
		before := len(errs)
		d := Decision{DocSHA256: get("doc_sha256"), Doc: get("doc"), Start: num("start"), End: num("end"),
			Code: get("code"), Decision: get("decision"), NewCode: get("new_code"), Text: get("text"),
			Comment: get("comment"), Reviewer: get("reviewer"), Date: get("date")}
		if len(errs) > before {
			continue
		}
		if err := d.Validate(); err != nil {
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				for _, e := range j.Unwrap() {
					fail(e)
				}
			} else {
				fail(err)
			}
			continue
		}
		if i, ok := index[d.Key()]; ok {
			out[i] = d
			continue
		}
		index[d.Key()] = len(out)
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if col == nil {
		errs = append(errs, &DecisionsError{File: name, Err: errors.New("no header line (want: " + strings.Join(DecisionsHeader(), "\\t") + ")")})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// decisionsColumns maps the header's column names to field indexes.
func decisionsColumns(fields []string) (map[string]int, error) {
	known := map[string]bool{}
	for _, h := range DecisionsHeader() {
		known[h] = true
	}
	col := map[string]int{}
	for i, f := range fields {
		f = strings.TrimSpace(f)
		if !known[f] {
			return nil, fmt.Errorf("header: unknown column %q (columns: %s)", f, strings.Join(DecisionsHeader(), ", "))
		}
		if _, dup := col[f]; dup {
			return nil, fmt.Errorf("header: column %q twice", f)
		}
		col[f] = i
	}
	var missing []string
	for _, h := range DecisionsHeader() {
		if _, ok := col[h]; !ok && h != "comment" && h != "reviewer" && h != "date" {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("header: missing column(s) %s", strings.Join(missing, ", "))
	}
	return col, nil
}

// MergeStats says what a merge of new decisions into old ones did.
type MergeStats struct {
	New       int `json:"new"`       // decisions with a key not decided before
	Changed   int `json:"changed"`   // decisions that replace a different earlier one
	Unchanged int `json:"unchanged"` // decisions equal to the earlier one
	Removed   int `json:"removed"`   // earlier add decisions withdrawn (an added coding rejected)
}

// MergeDecisions merges incoming decisions (from one review, in order) into
// old ones (a decisions file) and returns the result in file order.
//
// A decision replaces an earlier one with the same key. A decision about a
// coding that an earlier decision made (a changed or added coding, which a
// later workbook shows with source review) is composed with that one, so
// the file keeps describing the automatic coding:
//   - old change X→Y, then reject Y: reject X; then change Y→Z: change X→Z
//     (accept X when Z is X); then accept Y: the change stands.
//   - old add Y, then reject Y: the add is removed; then change Y→Z: add Z;
//     then accept Y: the add stands.
//
// A comment, reviewer or date left empty in the later decision keeps the
// earlier one's.
func MergeDecisions(old, incoming []Decision) ([]Decision, MergeStats) {
	var st MergeStats
	byKey := map[DecisionKey]Decision{}
	// changedTo maps the key of the coding a change produces (its span and
	// NewCode) to the change's key.
	changedTo := map[DecisionKey]DecisionKey{}
	produced := func(d Decision) DecisionKey { k := d.Key(); k.Code = d.NewCode; return k }
	put := func(d Decision) {
		if p, ok := byKey[d.Key()]; ok && p.Decision == ReviewChange {
			delete(changedTo, produced(p))
		}
		byKey[d.Key()] = d
		if d.Decision == ReviewChange {
			changedTo[produced(d)] = d.Key()
		}
	}
	del := func(d Decision) {
		delete(byKey, d.Key())
		if d.Decision == ReviewChange {
			delete(changedTo, produced(d))
		}
	}
	for _, d := range old {
		put(d)
	}
	// made finds an earlier change or add that produced d's coding.
	made := func(d Decision) (Decision, bool) {
		if p, ok := byKey[d.Key()]; ok && p.Decision == ReviewAdd {
			return p, true
		}
		if k, ok := changedTo[d.Key()]; ok {
			return byKey[k], true
		}
		return Decision{}, false
	}
	// keepNotes returns d with p's comment, reviewer and date where d has none.
	keepNotes := func(d, p Decision) Decision {
		d.Comment = cmp.Or(d.Comment, p.Comment)
		d.Reviewer = cmp.Or(d.Reviewer, p.Reviewer)
		d.Date = cmp.Or(d.Date, p.Date)
		return d
	}
	for _, d := range incoming {
		if d.Decision != ReviewAdd {
			if p, ok := made(d); ok {
				del(p)
				switch {
				case d.Decision == ReviewAccept: // the earlier decision stands
					n := p
					n.Comment, n.Reviewer, n.Date = d.Comment, d.Reviewer, d.Date
					d = keepNotes(n, p)
				case p.Decision == ReviewAdd && d.Decision == ReviewReject:
					st.Removed++
					continue
				case p.Decision == ReviewAdd: // change Y→Z of an added Y: add Z
					d = keepNotes(d, p)
					d.Decision, d.Code, d.NewCode, d.Text = ReviewAdd, d.NewCode, "", p.Text
				case d.Decision == ReviewReject: // of a change X→Y: reject X
					d = keepNotes(d, p)
					d.Decision, d.Code, d.NewCode, d.Text = ReviewReject, p.Code, "", p.Text
				default: // change Y→Z of a change X→Y: change X→Z
					d = keepNotes(d, p)
					d.Code, d.Text = p.Code, p.Text
					if d.NewCode == d.Code {
						d.Decision, d.NewCode = ReviewAccept, ""
					}
				}
				if d == p {
					st.Unchanged++
				} else {
					st.Changed++
				}
				put(d)
				continue
			}
		}
		p, ok := byKey[d.Key()]
		if ok {
			d = keepNotes(d, p)
		}
		switch {
		case !ok:
			st.New++
		case d == p:
			st.Unchanged++
		default:
			st.Changed++
		}
		put(d)
	}
	out := make([]Decision, 0, len(byKey))
	for _, d := range byKey {
		out = append(out, d)
	}
	SortDecisions(out)
	return out, st
}

// DecisionSet holds decisions indexed for applying them. It is safe for
// concurrent use once made (it is only read).
type DecisionSet struct {
	all    []Decision
	byHash map[string][]Decision
	byDoc  map[string][]Decision
}

// NewDecisionSet indexes ds (a later decision with the same key as an
// earlier one replaces it).
func NewDecisionSet(ds []Decision) *DecisionSet {
	s := &DecisionSet{byHash: map[string][]Decision{}, byDoc: map[string][]Decision{}}
	merged := lastByKey(ds)
	s.all = merged
	for _, d := range merged {
		s.byHash[d.DocSHA256] = append(s.byHash[d.DocSHA256], d)
		s.byDoc[d.Doc] = append(s.byDoc[d.Doc], d)
	}
	return s
}

// lastByKey returns ds in file order with only the last decision of each
// key.
func lastByKey(ds []Decision) []Decision {
	idx := map[DecisionKey]int{}
	var out []Decision
	for _, d := range ds {
		if i, ok := idx[d.Key()]; ok {
			out[i] = d
			continue
		}
		idx[d.Key()] = len(out)
		out = append(out, d)
	}
	SortDecisions(out)
	return out
}

// Len returns the number of decisions.
func (s *DecisionSet) Len() int {
	if s == nil {
		return 0
	}
	return len(s.all)
}

// All returns the decisions in file order. Callers must not change them.
func (s *DecisionSet) All() []Decision {
	if s == nil {
		return nil
	}
	return s.all
}

// For returns the decisions about doc: those recorded for its hash
// (Reading.SHA256); when there are none, those recorded for its path
// (ID) under another hash, with edited true: the file changed since the
// review, and each decision holds only where its text is still there.
func (s *DecisionSet) For(doc *corpus.Document) (ds []Decision, edited bool) {
	if s == nil {
		return nil, false
	}
	if ds := s.byHash[doc.Reading.SHA256]; len(ds) > 0 {
		return ds, false
	}
	return s.byDoc[doc.ID], len(s.byDoc[doc.ID]) > 0
}

// Unused returns the decisions that For gives no document of the run:
// seen maps each document's ID to its hash. They may be about files that
// are not in this run's input; they are kept in the file.
func (s *DecisionSet) Unused(seen map[string]string) []Decision {
	if s == nil {
		return nil
	}
	hashes := map[string]bool{}
	for _, h := range seen {
		hashes[h] = true
	}
	var out []Decision
	for _, d := range s.all {
		if hashes[d.DocSHA256] {
			continue
		}
		// Found by path when its hash matches no file and no decision is
		// recorded for the file's current hash (see For).
		if h, ok := seen[d.Doc]; ok && len(s.byHash[h]) == 0 {
			continue
		}
		out = append(out, d)
	}
	return out
}

// StaleDecision is a decision that matches a document of the run but could
// not be applied, with the reason.
type StaleDecision struct {
	Decision
	Reason string `json:"reason"`
	// Now is the document's current text on the span, when it differs
	// from the decision's text.
	Now string `json:"now,omitempty"`
}

// Stale reasons.
const (
	StaleTextChanged = "text changed"            // the span no longer holds the reviewed text
	StaleNoCoding    = "coding no longer made"   // accept/reject/change: the matcher no longer codes the span with Code
	StaleNoSegment   = "span not in one segment" // add: the span crosses segments now
	StaleUnknownCode = "code not in the codebook"
)

// ReviewCounts counts codings by what review did to them. Auto + Accepted
// + Changed + Added is the number of codings after review; Rejected were
// removed.
type ReviewCounts struct {
	Auto     int `json:"auto"`     // automatic codings no decision is about
	Accepted int `json:"accepted"` // automatic codings a reviewer accepted
	Changed  int `json:"changed"`  // automatic codings a reviewer recoded
	Rejected int `json:"rejected"` // automatic codings a reviewer rejected (gone)
	Added    int `json:"added"`    // codings a reviewer added
	Stale    int `json:"stale"`    // decisions that could not be applied
}

// Plus returns the sum of c and o.
func (c ReviewCounts) Plus(o ReviewCounts) ReviewCounts {
	return ReviewCounts{Auto: c.Auto + o.Auto, Accepted: c.Accepted + o.Accepted, Changed: c.Changed + o.Changed,
		Rejected: c.Rejected + o.Rejected, Added: c.Added + o.Added, Stale: c.Stale + o.Stale}
}

// ApplyDecisions applies the review decisions about doc (see
// DecisionSet.For) to its automatic codings (CodeDocument's output, in its
// order) and returns the reviewed codings, the decisions that could not be
// applied, and counts. cb gives the categories of changed and added codes.
//
// A decision holds only where doc's text on its span is still exactly the
// decision's text; otherwise it is stale (StaleTextChanged). Then:
//   - accept: the coding stays, with source review (a reviewer stands
//     behind it); its Rule and How stay the matcher's.
//   - reject: the coding is gone.
//   - change: the coding gets NewCode and its category, source review, How
//     review and no Rule; span, term and negation stay.
//   - add: a new coding of Code on the span, source review, How review,
//     term the span's text, not negated. The span must lie within one
//     segment (the workbook's add_code gives the whole segment); the coding
//     belongs to that segment and comes after the codings that start
//     before or at its start.
//
// accept, reject and change need an automatic coding with the decision's
// span and code; when the matcher no longer makes it (the codebook
// changed), the decision is stale (StaleNoCoding). A change or add to a
// code the codebook does not have is stale (StaleUnknownCode). An add of a
// coding that is already there changes nothing. Nothing is dropped
// silently: every decision about doc is applied or returned as stale.
// codings is not modified.
func ApplyDecisions(cb *CodebookSpec, doc *corpus.Document, codings []Coding, set *DecisionSet) (out []Coding, stale []StaleDecision, counts ReviewCounts) {
	ds, _ := set.For(doc)
	if len(ds) == 0 {
		counts.Auto = len(codings)
		return codings, nil, counts
	}
	cats := map[string]Category{}
	if cb != nil {
		for _, c := range cb.Codes {
			cats[c.ID] = c.Category
		}
	}
	runes := []rune(doc.Text)
	spanText := func(d Decision) (string, bool) {
		if d.Start < 0 || d.End > len(runes) || d.Start >= d.End {
			return "", false
		}
		t := string(runes[d.Start:d.End])
		return t, t == d.Text
	}
	type spanCode struct {
		start, end int
		code       string
	}
	onCoding := map[spanCode]Decision{}
	var adds []Decision
	for _, d := range ds {
		now, ok := spanText(d)
		if !ok {
			stale = append(stale, StaleDecision{Decision: d, Reason: StaleTextChanged, Now: now})
			continue
		}
		if d.Decision == ReviewAdd {
			adds = append(adds, d)
			continue
		}
		onCoding[spanCode{d.Start, d.End, d.Code}] = d
	}
	used := map[spanCode]bool{}
	out = make([]Coding, 0, len(codings)+len(adds))
	for _, k := range codings {
		key := spanCode{k.Start, k.End, k.Code}
		d, ok := onCoding[key]
		if !ok || used[key] {
			counts.Auto++
			out = append(out, k)
			continue
		}
		switch d.Decision {
		case ReviewAccept:
			used[key] = true
			counts.Accepted++
			k.Source = SourceReview
		case ReviewReject:
			used[key] = true
			counts.Rejected++
			continue
		case ReviewChange:
			cat, known := cats[d.NewCode]
			if !known {
				counts.Auto++
				out = append(out, k)
				continue // reported below as unused, with the reason
			}
			used[key] = true
			counts.Changed++
			k.Code, k.Category, k.Source, k.How, k.Rule = d.NewCode, cat, SourceReview, HowReview, ""
		}
		out = append(out, k)
	}
	for _, d := range ds {
		key := spanCode{d.Start, d.End, d.Code}
		if d.Decision == ReviewAdd || used[key] || onCoding[key] != d {
			continue
		}
		if _, known := cats[d.NewCode]; d.Decision == ReviewChange && !known {
			stale = append(stale, StaleDecision{Decision: d, Reason: StaleUnknownCode})
			continue
		}
		stale = append(stale, StaleDecision{Decision: d, Reason: StaleNoCoding})
	}
	for _, d := range adds {
		cat, known := cats[d.Code]
		if !known {
			stale = append(stale, StaleDecision{Decision: d, Reason: StaleUnknownCode})
			continue
		}
		si := segmentOf(doc, d.Start, d.End)
		if si < 0 {
			stale = append(stale, StaleDecision{Decision: d, Reason: StaleNoSegment})
			continue
		}
		if slices.ContainsFunc(out, func(k Coding) bool { return k.Start == d.Start && k.End == d.End && k.Code == d.Code }) {
			continue
		}
		s := doc.Segments[si]
		var t corpus.Turn
		if s.Turn >= 0 && s.Turn < len(doc.Turns) {
			t = doc.Turns[s.Turn]
		}
		k := Coding{
			Doc: doc.ID, Case: doc.Meta.Case, Speaker: t.Speaker, Role: t.Role, Voice: t.Voice,
			Segment: s.ID, SegN: s.N, Start: d.Start, End: d.End, Code: d.Code, Category: cat,
			Term: d.Text, How: HowReview, Source: SourceReview, Line: s.Line, Time: s.Time, Text: s.Text,
		}
		at := len(out)
		for i, o := range out {
			if o.SegN > k.SegN || o.SegN == k.SegN && o.Start > k.Start {
				at = i
				break
			}
		}
		out = slices.Insert(out, at, k)
		counts.Added++
	}
	slices.SortStableFunc(stale, func(a, b StaleDecision) int { return compareDecisions(a.Decision, b.Decision) })
	counts.Stale = len(stale)
	return out, stale, counts
}

// segmentOf returns the index of the segment of doc that contains
// [start, end), or -1.
func segmentOf(doc *corpus.Document, start, end int) int {
	i, _ := slices.BinarySearchFunc(doc.Segments, start, func(s corpus.Segment, x int) int {
		if s.Span.End <= x {
			return -1
		}
		return 1
	})
	if i < len(doc.Segments) && doc.Segments[i].Span.Start <= start && end <= doc.Segments[i].Span.End {
		return i
	}
	return -1
}
