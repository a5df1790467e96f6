package reports

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/pbasis/pbasis/analysis"
	"github.com/pbasis/pbasis/corpus"
)

// Output files of "pbasis agree", in its output folder.
const (
	AgreementFile     = "agreement.md"
	AgreementXLSXFile = "agreement.xlsx"
)

// AgreementOptions say how an agreement report is written.
type AgreementOptions struct {
	Lang Lang
	// SegmentUnit is the corpus segment unit the codings were made on
	// (corpus.UnitSentence, the default when empty, UnitTurn or
	// UnitParagraph); the report states it.
	SegmentUnit string
	// Summary leaves out the confusion tables and the list of
	// disagreements (their number is still given): for the terminal.
	Summary bool
}

// agreeTexts holds the fixed texts of the agreement report in one language.
type agreeTexts struct {
	Title, Intro                                         string
	CoderA, CoderB                                       string
	UnitF                                                string // %s segment unit
	Sentence, Turn, Paragraph                            string
	DocsF                                                string // %d documents, %d segments
	Incomplete                                           string
	SameSetsF                                            string // %s share
	Warnings                                             string
	Overview, PerCategory, PerCode                       string
	Level, Codes, Decisions, Percent, Kappa, Alpha       string
	Code, Category, OnlyA, OnlyB, Both, Neither, CountA  string
	CountB, AllCodes, Unknown, NA                        string
	ConfusionHeading, ConfusionIntro, ConfusionCornerF   string // F: %s A, %s B
	NoneLabel                                            string
	DisagreeHeadingF, DisagreeIntro, Segment, Text, None string // F: %d
	DisagreeMoreF                                        string // %d disagreements, %s file
	Reading                                              string
	SheetSummary, SheetConfusion, SheetDisagree          string
}

func agreeTextsFor(lang Lang) *agreeTexts {
	if lang == LangEN {
		return &agreeTexts{
			Title:  "Agreement between codings",
			Intro:  "How far two codings of the same documents agree, code by code. Agreement measures the coding, not the families.",
			CoderA: "A", CoderB: "B",
			UnitF:    "unit: segment (%s); for every code, each segment is coded or not by each side",
			Sentence: "sentence", Turn: "turn", Paragraph: "paragraph",
			DocsF:            "Compared: %d documents, %d segments.",
			Incomplete:       "No segment list (segments.csv) was found for either side: only segments that at least one side coded are compared, so agreement on absence is under-counted.",
			SameSetsF:        "Segments with exactly the same codes on both sides: %s.",
			Warnings:         "Notes",
			Overview:         "Overview",
			PerCategory:      "Per category",
			PerCode:          "Per code",
			Level:            "level",
			Codes:            "codes",
			Decisions:        "decisions (segment × code)",
			Percent:          "agreement",
			Kappa:            "Cohen's κ",
			Alpha:            "Krippendorff's α",
			Code:             "code",
			Category:         "category",
			OnlyA:            "only A",
			OnlyB:            "only B",
			Both:             "both",
			Neither:          "neither",
			CountA:           "A",
			CountB:           "B",
			AllCodes:         "all codes (pooled)",
			Unknown:          "unknown",
			NA:               "n/a",
			ConfusionHeading: "Confusion per category",
			ConfusionIntro:   "Rows: the code A gave; columns: the code B gave on the same segment, within the category. Codes both gave count on the diagonal; other codes pair up in alphabetical order; a code without counterpart pairs with \"none\".",
			ConfusionCornerF: "%s ↓ / %s →",
			NoneLabel:        "none",
			DisagreeHeadingF: "Disagreements (%d segments)",
			DisagreeIntro:    "Segments on which the two sides' codes differ.",
			Segment:          "segment",
			Text:             "text",
			None:             "–",
			DisagreeMoreF:    "%d segments with different codes: see %s.",
			Reading:          "Percent agreement, Cohen's κ and Krippendorff's α (nominal) are computed per code over the segments (present or absent), and pooled over the codes of a category and over all codes. κ and α are \"n/a\" when undefined (no variation).",
			SheetSummary:     "Agreement", SheetConfusion: "Confusion", SheetDisagree: "Disagreements",
		}
	}
	return &agreeTexts{
		Title:  "Overeenstemming tussen coderingen",
		Intro:  "Hoe ver twee coderingen van dezelfde documenten overeenkomen, code voor code. De overeenstemming zegt iets over het coderen, niet over de gezinnen.",
		CoderA: "A", CoderB: "B",
		UnitF:    "eenheid: fragment (%s); per code is elk fragment door elke kant wel of niet gecodeerd",
		Sentence: "zin", Turn: "beurt", Paragraph: "alinea",
		DocsF:            "Vergeleken: %d documenten, %d fragmenten.",
		Incomplete:       "Voor geen van beide kanten is een fragmentenlijst (segments.csv) gevonden: alleen fragmenten die minstens één kant codeerde zijn vergeleken, dus overeenstemming over afwezigheid is ondergeteld.",
		SameSetsF:        "Fragmenten met precies dezelfde codes aan beide kanten: %s.",
		Warnings:         "Opmerkingen",
		Overview:         "Overzicht",
		PerCategory:      "Per categorie",
		PerCode:          "Per code",
		Level:            "niveau",
		Codes:            "codes",
		Decisions:        "beslissingen (fragment × code)",
		Percent:          "overeenstemming",
		Kappa:            "Cohens κ",
		Alpha:            "Krippendorffs α",
		Code:             "code",
		Category:         "categorie",
		OnlyA:            "alleen A",
		OnlyB:            "alleen B",
		Both:             "beide",
		Neither:          "geen van beide",
		CountA:           "A",
		CountB:           "B",
		AllCodes:         "alle codes (gepoold)",
		Unknown:          "onbekend",
		NA:               "n.v.t.",
		ConfusionHeading: "Verwisselingen per categorie",
		ConfusionIntro:   "Rijen: de code die A gaf; kolommen: de code die B gaf aan hetzelfde fragment, binnen de categorie. Codes die beide gaven tellen op de diagonaal; overige codes worden in alfabetische volgorde gekoppeld; een code zonder tegenhanger staat tegenover \"geen\".",
		ConfusionCornerF: "%s ↓ / %s →",
		NoneLabel:        "geen",
		DisagreeHeadingF: "Verschillen (%d fragmenten)",
		DisagreeIntro:    "Fragmenten waarop de codes van de twee kanten verschillen.",
		Segment:          "fragment",
		Text:             "tekst",
		None:             "–",
		DisagreeMoreF:    "%d fragmenten met verschillende codes: zie %s.",
		Reading:          "Percentage overeenstemming, Cohens κ en Krippendorffs α (nominaal) zijn per code berekend over de fragmenten (code aanwezig of afwezig), en gepoold over de codes van een categorie en over alle codes. κ en α zijn \"n.v.t.\" waar ze niet gedefinieerd zijn (geen variatie).",
		SheetSummary:     "Overeenstemming", SheetConfusion: "Verwisselingen", SheetDisagree: "Verschillen",
	}
}

// unitName is the name of a corpus segment unit.
func (t *agreeTexts) unitName(u string) string {
	switch u {
	case corpus.UnitTurn:
		return t.Turn
	case corpus.UnitParagraph:
		return t.Paragraph
	case "", corpus.UnitSentence:
		return t.Sentence
	}
	return u
}

// UnitLine returns the line that states the unit of an agreement report
// in lang ("eenheid: fragment (zin); ..." in Dutch), for segment unit u
// (see AgreementOptions.SegmentUnit).
func UnitLine(lang Lang, u string) string {
	t := agreeTextsFor(lang)
	return fmt.Sprintf(t.UnitF, t.unitName(u))
}

// decimalComma reports whether lang writes decimals with a comma.
func decimalComma(lang Lang) bool { return lang != LangEN }

// fmtStat writes a statistic with three decimals ("0,743" in Dutch), or
// the language's "n/a" for NaN.
func fmtStat(lang Lang, x float64, na string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return na
	}
	s := strconv.FormatFloat(x, 'f', 3, 64)
	if s == "-0.000" {
		s = "0.000"
	}
	if decimalComma(lang) {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fmtPercent writes a share (0..1) as a percentage with one decimal
// ("83,3%" in Dutch). A share below 1 never shows as "100,0%": it is cut,
// not rounded, to "99,9%", so imperfect agreement never reads as perfect.
func fmtPercent(lang Lang, x float64, na string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return na
	}
	p := x * 100
	if x < 1 && p >= 99.95 {
		p = 99.9
	}
	s := strconv.FormatFloat(p, 'f', 1, 64) + "%"
	if decimalComma(lang) {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func (t *agreeTexts) categoryName(rt *reportTexts, c analysis.Category) string {
	if c == "" {
		return t.Unknown
	}
	return rt.category(c)
}

// WriteAgreement writes the agreement report as Markdown: the two
// codings, the unit, an overview (all codes pooled and per category), a
// table per code, and unless o.Summary the confusion tables per category
// and the list of disagreements. Numbers are rounded to three decimals.
func WriteAgreement(w io.Writer, a *analysis.Agreement, o AgreementOptions) error {
	if a == nil {
		return fmt.Errorf("agreement report: no comparison")
	}
	t, rt := agreeTextsFor(o.Lang), texts(o.Lang)
	na := t.NA
	var b strings.Builder
	heading(&b, 1, t.Title)
	para(&b, t.Intro)
	b.WriteString("- " + t.CoderA + ": `" + strings.ReplaceAll(a.A, "`", "'") + "`\n")
	b.WriteString("- " + t.CoderB + ": `" + strings.ReplaceAll(a.B, "`", "'") + "`\n")
	b.WriteString("- " + EscapeText(UnitLine(o.Lang, o.SegmentUnit)) + "\n")
	b.WriteString("- " + EscapeText(fmt.Sprintf(t.DocsF, len(a.Docs), a.Segments)) + "\n")
	b.WriteString("- " + EscapeText(fmt.Sprintf(t.SameSetsF, fmtPercent(o.Lang, a.SameSets, na))) + "\n\n")
	if !a.Complete {
		para(&b, t.Incomplete)
	}
	if len(a.Warnings) > 0 {
		heading(&b, 2, t.Warnings)
		for _, wn := range a.Warnings {
			b.WriteString("- " + EscapeText(wn) + "\n")
		}
		b.WriteString("\n")
	}

	heading(&b, 2, t.Overview)
	para(&b, t.Reading)
	right := []bool{false, true, true, true, true, true}
	head := []string{EscapeText(t.Level), EscapeText(t.Codes), EscapeText(t.Decisions), EscapeText(t.Percent), EscapeText(t.Kappa), EscapeText(t.Alpha)}
	row := func(label string, c analysis.CodeAgreement) []string {
		return []string{label, strconv.Itoa(c.Codes), strconv.Itoa(c.Units()), fmtPercent(o.Lang, c.Percent, na),
			fmtStat(o.Lang, c.Kappa, na), fmtStat(o.Lang, c.Alpha, na)}
	}
	rows := [][]string{row("**"+EscapeText(t.AllCodes)+"**", a.Overall)}
	for _, c := range a.Categories {
		rows = append(rows, row(EscapeText(t.categoryName(rt, c.Category)), c))
	}
	mdTable(&b, head, right, rows)

	heading(&b, 2, t.PerCode)
	head = []string{EscapeText(t.Code), EscapeText(t.Category), EscapeText(t.CountA), EscapeText(t.CountB), EscapeText(t.Both),
		EscapeText(t.OnlyA), EscapeText(t.OnlyB), EscapeText(t.Percent), EscapeText(t.Kappa), EscapeText(t.Alpha)}
	right = []bool{false, false, true, true, true, true, true, true, true, true}
	rows = rows[:0]
	for _, c := range a.Codes {
		rows = append(rows, []string{EscapeText(c.Code), EscapeText(t.categoryName(rt, c.Category)),
			strconv.Itoa(c.Both + c.OnlyA), strconv.Itoa(c.Both + c.OnlyB), strconv.Itoa(c.Both),
			strconv.Itoa(c.OnlyA), strconv.Itoa(c.OnlyB), fmtPercent(o.Lang, c.Percent, na),
			fmtStat(o.Lang, c.Kappa, na), fmtStat(o.Lang, c.Alpha, na)})
	}
	mdTable(&b, head, right, rows)

	if o.Summary {
		if n := len(a.Disagreements); n > 0 {
			para(&b, fmt.Sprintf(t.DisagreeMoreF, n, AgreementFile))
		}
		_, err := io.WriteString(w, b.String())
		return err
	}

	heading(&b, 2, t.ConfusionHeading)
	para(&b, t.ConfusionIntro)
	for _, cf := range a.Confusion {
		heading(&b, 3, t.categoryName(rt, cf.Category))
		head := []string{EscapeText(fmt.Sprintf(t.ConfusionCornerF, t.CoderA, t.CoderB))}
		right := []bool{false}
		for _, l := range cf.Labels {
			head = append(head, EscapeText(t.label(l)))
			right = append(right, true)
		}
		var rows [][]string
		for i, l := range cf.Labels {
			r := []string{EscapeText(t.label(l))}
			for _, n := range cf.Cells[i] {
				r = append(r, strconv.Itoa(n))
			}
			rows = append(rows, r)
		}
		mdTable(&b, head, right, rows)
	}

	heading(&b, 2, fmt.Sprintf(t.DisagreeHeadingF, len(a.Disagreements)))
	if len(a.Disagreements) > 0 {
		para(&b, t.DisagreeIntro)
		head := []string{EscapeText(t.Segment), t.CoderA, t.CoderB, EscapeText(t.Text)}
		var rows [][]string
		for _, d := range a.Disagreements {
			rows = append(rows, []string{EscapeText(d.Segment), t.codes(d.A), t.codes(d.B), EscapeText(d.Text)})
		}
		mdTable(&b, head, nil, rows)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// label names a confusion-table label, the "none" label in the language.
func (t *agreeTexts) label(l string) string {
	if l == analysis.ConfusionNone {
		return t.NoneLabel
	}
	return l
}

// codes joins a segment's codes, escaped, or "–" for none.
func (t *agreeTexts) codes(list []string) string {
	if len(list) == 0 {
		return t.None
	}
	return joinEscaped(list)
}

// WriteAgreementXLSX writes the agreement as a workbook of its own
// (AddAgreementSheets on a new file).
func WriteAgreementXLSX(w io.Writer, a *analysis.Agreement, o AgreementOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	names, err := AddAgreementSheets(f, a, o)
	if err != nil {
		return err
	}
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return fmt.Errorf("agreement workbook: %w", err)
	}
	if idx, err := f.GetSheetIndex(names[0]); err == nil {
		f.SetActiveSheet(idx)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("agreement workbook: %w", err)
	}
	return nil
}

// AddAgreementSheets adds three sheets to f and returns their names: the
// summary (the codings, the unit, then one row for all codes pooled, one
// per category and one per code, with counts, percent agreement, kappa and
// alpha as numbers, empty where undefined), the confusion tables one
// under the other, and the disagreements (doc, segment, A's codes, B's
// codes, text). Sheet names are in o.Lang; a name f already has gets
// " (2)", " (3)" ... Texts go in as strings, never formulas.
func AddAgreementSheets(f *excelize.File, a *analysis.Agreement, o AgreementOptions) ([]string, error) {
	if a == nil {
		return nil, fmt.Errorf("agreement sheets: no comparison")
	}
	t, rt := agreeTextsFor(o.Lang), texts(o.Lang)
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}})
	if err != nil {
		return nil, err
	}
	dec3, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("0.000")})
	if err != nil {
		return nil, err
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	var names []string
	newSheet := func(base string) (string, error) {
		name := base
		for i := 2; ; i++ {
			if idx, _ := f.GetSheetIndex(name); idx < 0 {
				break
			}
			name = fmt.Sprintf("%s (%d)", base, i)
		}
		if _, err := f.NewSheet(name); err != nil {
			return "", err
		}
		names = append(names, name)
		return name, nil
	}
	num := func(x float64) any {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	}
	type cell struct {
		v     any
		style int
	}
	put := func(sheet string, row int, cells ...cell) error {
		for i, c := range cells {
			ref, _ := excelize.CoordinatesToCellName(i+1, row)
			if c.v == nil {
				continue
			}
			var err error
			if s, ok := c.v.(string); ok {
				err = f.SetCellStr(sheet, ref, s)
			} else {
				err = f.SetCellValue(sheet, ref, c.v)
			}
			if err != nil {
				return err
			}
			if c.style != 0 {
				if err := f.SetCellStyle(sheet, ref, ref, c.style); err != nil {
					return err
				}
			}
		}
		return nil
	}
	str := func(s string) cell { return cell{v: s} }

	// Summary.
	sh, err := newSheet(t.SheetSummary)
	if err != nil {
		return nil, err
	}
	r := 1
	lines := [][2]string{
		{t.CoderA, a.A}, {t.CoderB, a.B},
		{"", UnitLine(o.Lang, o.SegmentUnit)},
		{"", fmt.Sprintf(t.DocsF, len(a.Docs), a.Segments)},
		{"", fmt.Sprintf(t.SameSetsF, fmtPercent(o.Lang, a.SameSets, t.NA))},
	}
	if !a.Complete {
		lines = append(lines, [2]string{"", t.Incomplete})
	}
	for _, wn := range a.Warnings {
		lines = append(lines, [2]string{"", wn})
	}
	lines = append(lines, [2]string{"", t.Reading})
	for _, l := range lines {
		if err := put(sh, r, cell{l[0], bold}, str(l[1])); err != nil {
			return nil, err
		}
		r++
	}
	r++
	head := []string{t.Code, t.Category, t.Codes, t.Decisions, t.CountA, t.CountB, t.Both, t.OnlyA, t.OnlyB, t.Neither, t.Percent, t.Kappa, t.Alpha}
	hc := make([]cell, len(head))
	for i, h := range head {
		hc[i] = cell{h, header}
	}
	if err := put(sh, r, hc...); err != nil {
		return nil, err
	}
	headRow := r
	r++
	statRow := func(code, cat string, c analysis.CodeAgreement, style int) []cell {
		return []cell{{code, style}, str(cat), {c.Codes, 0}, {c.Units(), 0}, {c.Both + c.OnlyA, 0}, {c.Both + c.OnlyB, 0},
			{c.Both, 0}, {c.OnlyA, 0}, {c.OnlyB, 0}, {c.Neither, 0},
			{num(c.Percent), pct}, {num(c.Kappa), dec3}, {num(c.Alpha), dec3}}
	}
	if err := put(sh, r, statRow(t.AllCodes, "", a.Overall, bold)...); err != nil {
		return nil, err
	}
	r++
	for _, c := range a.Categories {
		if err := put(sh, r, statRow(t.categoryName(rt, c.Category), string(c.Category), c, bold)...); err != nil {
			return nil, err
		}
		r++
	}
	for _, c := range a.Codes {
		if err := put(sh, r, statRow(c.Code, string(c.Category), c, 0)...); err != nil {
			return nil, err
		}
		r++
	}
	if err := f.SetColWidth(sh, "A", "A", 28); err != nil {
		return nil, err
	}
	if err := f.SetColWidth(sh, "B", "M", 13); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(head), r-1)
	first, _ := excelize.CoordinatesToCellName(1, headRow)
	if err := f.AutoFilter(sh, first+":"+last, nil); err != nil {
		return nil, err
	}

	// Confusion tables.
	sh, err = newSheet(t.SheetConfusion)
	if err != nil {
		return nil, err
	}
	r = 1
	if err := put(sh, r, str(t.ConfusionIntro)); err != nil {
		return nil, err
	}
	r += 2
	for _, cf := range a.Confusion {
		if err := put(sh, r, cell{t.categoryName(rt, cf.Category), bold}); err != nil {
			return nil, err
		}
		r++
		hc := []cell{{fmt.Sprintf(t.ConfusionCornerF, t.CoderA, t.CoderB), header}}
		for _, l := range cf.Labels {
			hc = append(hc, cell{t.label(l), header})
		}
		if err := put(sh, r, hc...); err != nil {
			return nil, err
		}
		r++
		for i, l := range cf.Labels {
			row := []cell{{t.label(l), bold}}
			for _, n := range cf.Cells[i] {
				row = append(row, cell{n, 0})
			}
			if err := put(sh, r, row...); err != nil {
				return nil, err
			}
			r++
		}
		r++
	}
	if err := f.SetColWidth(sh, "A", "A", 28); err != nil {
		return nil, err
	}

	// Disagreements.
	sh, err = newSheet(t.SheetDisagree)
	if err != nil {
		return nil, err
	}
	head = []string{"doc", t.Segment, t.CoderA, t.CoderB, t.Text}
	hc = hc[:0]
	for _, h := range head {
		hc = append(hc, cell{h, header})
	}
	if err := put(sh, 1, hc...); err != nil {
		return nil, err
	}
	for i, d := range a.Disagreements {
		if err := put(sh, i+2, str(d.Doc), str(d.Segment), str(strings.Join(d.A, "; ")), str(strings.Join(d.B, "; ")),
			cell{clipCell(d.Text, "…"), wrap}); err != nil {
			return nil, err
		}
	}
	for col, wd := range map[string]float64{"A": 30, "B": 34, "C": 24, "D": 24, "E": 80} {
		if err := f.SetColWidth(sh, col, col, wd); err != nil {
			return nil, err
		}
	}
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:E%d", max(len(a.Disagreements)+1, 2)), nil); err != nil {
		return nil, err
	}
	return names, nil
}
