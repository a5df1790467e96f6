package reports

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
	"github.com/pbasis/pbasis/internal/testutil"
)

// The framework sheets as they were written before writeFrameworks, one
// sheet at a time, each formatting its quotes: the reference of
// TestFrameworksMatchReference.

// oldWriteFramework writes the framework matrix: a row per case, per code a
// summary of the case's own words (count, then the quotes Results chose,
// best first, with location) and the count as a number.
func (w *WorkbookWriter) oldWriteFramework(sheet string, v *view) error {
	s := w.newStreamedSheetWriter(sheet)
	codes, _ := frameworkCodes(v.r)
	head := []any{w.tx.ColCase, w.tx.ColWijk}
	for _, c := range codes {
		head = append(head, w.codeHeader(v, c, ""), w.codeHeader(v, c, " (n)"))
	}
	s.widths(12, 14)
	for i := range codes {
		s.width(3+2*i, 48)
		s.width(4+2*i, 9)
		s.wrapCols(3 + 2*i)
		s.topCols(4 + 2*i)
	}
	s.header(head...)
	var ct cellText
	var row []any
	cases := newCaseCounts(v.r, codes)
	var counts countNegMemo
	for _, ci := range v.r.Corpus.Cases {
		cases.find(ci.ID)
		row = append(row[:0], ci.ID, strings.Join(ci.Wijks, ", "))
		ct.reset()
		for k := range codes {
			cc := cases.count(k)
			if cc == nil || cc.Mentions == 0 {
				row = append(row, nil, 0)
				continue
			}
			m := ct.mark()
			ct.str(counts.countNeg(v.tx, cc.Mentions, cc.Negated))
			if len(cc.Quotes) > 0 {
				ct.str("\n").quotes(w, v, cc.Quotes)
			}
			row = append(row, ct.cell(m), cc.Mentions)
		}
		s.row(row...)
	}
	s.freeze = 1
	return s.done(true)
}

// oldWriteFrameworkRole writes the framework matrix by speaker role: a row
// per case and own-voice role, with the role's counts from Results.ByRole
// and those of the case's chosen quotes that the role said.
func (w *WorkbookWriter) oldWriteFrameworkRole(sheet string, v *view) error {
	s := w.newStreamedSheetWriter(sheet)
	codes, _ := frameworkCodes(v.r)
	head := []any{w.tx.ColCase, w.tx.ColRole, w.tx.ColRoleSegments}
	for _, c := range codes {
		head = append(head, w.codeHeader(v, c, ""), w.codeHeader(v, c, " (n)"))
	}
	s.widths(12, 14, 10)
	for i := range codes {
		s.width(4+2*i, 44)
		s.width(5+2*i, 9)
		s.wrapCols(4 + 2*i)
		s.topCols(5 + 2*i)
	}
	s.header(head...)
	m := v.r.ByRole
	// Row and column positions found once: looking each cell up by its
	// labels would cost rows x rows x codes on a large corpus.
	rowAt, colAt := map[string]int{}, make([]int, len(codes))
	for i := range colAt {
		colAt[i] = -1
	}
	if m != nil {
		for i, l := range m.Rows {
			if _, dup := rowAt[l]; !dup {
				rowAt[l] = i
			}
		}
		for i, c := range codes {
			colAt[i] = m.Col(c)
		}
	}
	var ct cellText
	var qs []analysis.Quote
	var row []any
	cases := newCaseCounts(v.r, codes)
	var counts countNegMemo
	for _, ci := range v.r.Corpus.Cases {
		cases.find(ci.ID)
		for _, role := range ci.Roles {
			label := ci.ID + "/" + role
			ri, ok := rowAt[label]
			if !ok {
				ri = -1
			}
			var segs any
			if ri >= 0 && ri < len(m.RowSegments) {
				segs = m.RowSegments[ri]
			}
			row = append(row[:0], ci.ID, v.tx.role(role), segs)
			ct.reset()
			for k := range codes {
				n := 0
				if ri >= 0 && colAt[k] >= 0 && m.Mentions != nil {
					n = int(m.Mentions.At(ri, colAt[k]))
				}
				if n == 0 {
					row = append(row, nil, 0)
					continue
				}
				qs = qs[:0]
				if cc := cases.count(k); cc != nil {
					for _, q := range cc.Quotes {
						if q.Role == role {
							qs = append(qs, q)
						}
					}
				}
				m := ct.mark()
				ct.str(counts.countNeg(v.tx, n, 0))
				if len(qs) > 0 {
					ct.str("\n").quotes(w, v, qs)
				} else {
					ct.str("\n(").str(w.tx.NoQuoteOfRole).str(")")
				}
				row = append(row, ct.cell(m), n)
			}
			s.row(row...)
		}
	}
	s.freeze = 2
	return s.done(true)
}

// streamedRows returns the data rows of w's streamed sheet name as XML,
// and the sheet's used range.
func streamedRows(t *testing.T, w *WorkbookWriter, name string) ([]byte, string) {
	t.Helper()
	for _, s := range w.streamed {
		if s.name != name {
			continue
		}
		return inflatedRows(t, s.data), s.data.dim
	}
	t.Fatalf("no streamed sheet %q", name)
	return nil, ""
}

// randomFrameworkResults returns results for the framework sheets: cases
// with roles, some unknown to ByRole or to Cases, duplicate cases and
// codes, codes that no case mentions, quotes of several roles (some of no
// role of the case), counts of roles with no quote.
func randomFrameworkResults(rng *rand.Rand) *analysis.Results {
	codeIDs := []string{"rel.a", "place.b", "fac.c", "rel.d", "q.e"}
	roles := []string{corpus.RoleParent, corpus.RoleChild, "oma", "x"}
	texts := []string{"Ik ken de «wijk» goed.", "de kinderen gaan naar school", "Ça & <b> 😀 \"x\"\n nieuwe regel", ""}
	r := &analysis.Results{}
	for _, c := range codeIDs {
		r.CodeStats = append(r.CodeStats, analysis.CodeStat{Code: c})
		r.CodeStats[len(r.CodeStats)-1].Counts.Own.Mentions = rng.IntN(3)
	}
	if rng.IntN(3) == 0 {
		r.CodeStats = append(r.CodeStats, r.CodeStats[rng.IntN(len(r.CodeStats))])
	}
	var labels []string
	for i := range rng.IntN(7) {
		ci := analysis.CaseInfo{ID: fmt.Sprint("C", rng.IntN(6))}
		for range rng.IntN(3) {
			ci.Wijks = append(ci.Wijks, fmt.Sprint("W", i, rng.IntN(3)))
		}
		for _, ro := range roles {
			if rng.IntN(2) == 0 {
				ci.Roles = append(ci.Roles, ro)
				if rng.IntN(5) > 0 {
					labels = append(labels, ci.ID+"/"+ro)
				}
			}
		}
		r.Corpus.Cases = append(r.Corpus.Cases, ci)
		if rng.IntN(6) == 0 {
			continue // a case without counts
		}
		cc := analysis.CaseCodes{Case: ci.ID}
		for range rng.IntN(7) {
			k := analysis.CodeCount{Code: codeIDs[rng.IntN(len(codeIDs))],
				Count: analysis.Count{Mentions: rng.IntN(4), Negated: rng.IntN(2)}}
			for range rng.IntN(4) {
				src := &analysis.QuoteSource{Doc: ci.ID + "/d.txt", Speaker: "Moeder", Role: roles[rng.IntN(len(roles))], Voice: corpus.VoiceOwn}
				text := texts[rng.IntN(len(texts))]
				n := len([]rune(text))
				start := rng.IntN(n + 1)
				k.Quotes = append(k.Quotes, analysis.Quote{
					QuoteSegment: &analysis.QuoteSegment{QuoteSource: src, Text: text, Line: int32(rng.IntN(40)), N: int32(rng.IntN(9))},
					Start:        start, End: start + rng.IntN(n-start+1), Negated: rng.IntN(3) == 0})
			}
			cc.Own = append(cc.Own, k)
		}
		r.Cases = append(r.Cases, cc)
	}
	if len(labels) > 0 && rng.IntN(8) > 0 {
		m := &analysis.Matrix{Rows: labels, Cols: codeIDs[:1+rng.IntN(len(codeIDs))]}
		m.Mentions = mat.NewDense(len(m.Rows), len(m.Cols), nil)
		for i := range m.Rows {
			for j := range m.Cols {
				if rng.IntN(2) == 0 {
					m.Mentions.Set(i, j, float64(rng.IntN(5)))
				}
			}
			if rng.IntN(4) > 0 {
				m.RowSegments = append(m.RowSegments, rng.IntN(50))
			}
		}
		r.ByRole = m
	}
	return r
}

// TestFrameworksMatchReference checks the framework sheets written in one
// pass with each quote formatted once (writeFrameworks) against each
// written on its own (oldWriteFramework, oldWriteFrameworkRole): the
// same rows, used ranges and calls on the workbook, on random results and
// the fixture's.
func TestFrameworksMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 67))
	for i := range 120 {
		r := randomFrameworkResults(rng)
		if i == 0 {
			r = fixtureResults(t)
		}
		for _, lang := range []Lang{LangNL, LangEN} {
			v := newView(r, nil, lang)
			write := func(both bool) (rows [2][]byte, dims [2]string, ops [2]int) {
				w, err := NewWorkbook(lang, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Discard()
				fw, role := w.names.get(w.tx.SheetFramework), w.names.get(w.tx.SheetFrameworkRole)
				var deferred [2][]func() error
				w.deferred = map[string]*[]func() error{fw: &deferred[0], role: &deferred[1]}
				var errs [2]error
				if both {
					errs[0], errs[1] = w.writeFrameworks(fw, role, v)
				} else {
					errs[0], errs[1] = w.oldWriteFramework(fw, v), w.oldWriteFrameworkRole(role, v)
				}
				w.deferred = nil
				for k, name := range []string{fw, role} {
					if errs[k] != nil {
						t.Fatalf("%s: %v", name, errs[k])
					}
					for _, op := range deferred[k] {
						if err := op(); err != nil {
							t.Fatalf("%s: %v", name, err)
						}
					}
					ops[k] = len(deferred[k])
					rows[k], dims[k] = streamedRows(t, w, name)
					cols, err := w.f.GetCols(name)
					if err != nil {
						t.Fatal(err)
					}
					rows[k] = append(rows[k], fmt.Sprint(cols)...)
				}
				return rows, dims, ops
			}
			gotRows, gotDims, gotOps := write(true)
			wantRows, wantDims, wantOps := write(false)
			for k := range 2 {
				if !bytes.Equal(gotRows[k], wantRows[k]) || gotDims[k] != wantDims[k] || gotOps[k] != wantOps[k] {
					t.Fatalf("results %d, %s, sheet %d:\ngot  %s %s %d\nwant %s %s %d", i, lang, k,
						gotRows[k], gotDims[k], gotOps[k], wantRows[k], wantDims[k], wantOps[k])
				}
			}
			if i > 0 && !strings.Contains(string(wantRows[0]), "<row") && len(r.Corpus.Cases) > 0 {
				t.Fatalf("results %d: no rows written", i)
			}
		}
	}
}

// BenchmarkFrameworks writes the framework sheets of the corpus
// $PBASIS_BENCH_CORPUS (see loadBenchCorpus) in one pass (writeFrameworks)
// and, for comparison, one sheet at a time as before (Reference):
//
//	PBASIS_BENCH_CORPUS=/tmp/b/c2m go test ./reports -run '^$' -bench Frameworks -count 6
func BenchmarkFrameworks(b *testing.B) {
	bc := loadBenchCorpus(b)
	v := newView(bc.r, bc.m, LangNL)
	run := func(b *testing.B, both bool) {
		b.ReportAllocs()
		start := testutil.ProcessCPU()
		for b.Loop() {
			w, err := NewWorkbook(LangNL, bc.cb)
			if err != nil {
				b.Fatal(err)
			}
			fw, role := w.names.get(w.tx.SheetFramework), w.names.get(w.tx.SheetFrameworkRole)
			var errs [2]error
			if both {
				errs[0], errs[1] = w.writeFrameworks(fw, role, v)
			} else {
				errs[0], errs[1] = w.oldWriteFramework(fw, v), w.oldWriteFrameworkRole(role, v)
			}
			if errs[0] != nil || errs[1] != nil {
				b.Fatal(errs)
			}
			w.Discard()
		}
		reportCPU(b, start)
	}
	b.Run("OnePass", func(b *testing.B) { run(b, true) })
	b.Run("Reference", func(b *testing.B) { run(b, false) })
}
