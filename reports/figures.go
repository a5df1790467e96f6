package reports

import (
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pbasis/pbasis/analysis"
)

// The figures are hand-written SVG, not gonum/plot: an ecomap is a radial
// network that plot has no plotter for, and writing all three by hand keeps
// one look, labels that are never clipped, real text (searchable, no
// embedded fonts) and output that is byte-identical for the same input
// (every number is formatted with a fixed precision; nothing is iterated
// from a map).

// CategoryColor returns the fill colour of a category on every figure
// (#RRGGBB). The colours are from the Okabe-Ito palette, which readers with
// the common forms of colour blindness can tell apart.
func CategoryColor(c analysis.Category) string {
	switch c {
	case analysis.CatRelation:
		return "#0072B2" // blue
	case analysis.CatPlace:
		return "#009E73" // bluish green
	case analysis.CatFacility:
		return "#E69F00" // orange
	case analysis.CatQuality:
		return "#CC79A7" // reddish purple
	case analysis.CatFormalHelp:
		return "#555555" // grey
	case analysis.CatStrain:
		return "#D55E00" // vermillion
	}
	return "#999999"
}

// EcomapNode is one code around the family on an ecomap.
type EcomapNode struct {
	Code     string            // code ID, used by links
	Label    string            // as shown
	Category analysis.Category // relation, place or facility
	Mentions int               // mentions in the family's own voice, negated ones included
	Negated  int               // of Mentions, how many were negated ("geen speeltuin")
}

// EcomapLink is a link between two codes the family made, such as a
// relation mentioned with a place ("de buurvrouw op het schoolplein").
type EcomapLink struct {
	From, To string // code IDs of two nodes
	Count    int    // how often the family made the link
}

// Ecomap is the input of WriteEcomap: one family's own mentions.
type Ecomap struct {
	Title  string // figure title, shown at the top
	Center string // the family, shown in the middle
	Nodes  []EcomapNode
	Links  []EcomapLink
}

// Bar is one code on the bar chart.
type Bar struct {
	Label string
	Value int
}

// BarGroup is the bars of one category, drawn under a heading.
type BarGroup struct {
	Category analysis.Category
	Title    string
	Bars     []Bar
}

// BarChart is the input of WriteBarChart.
type BarChart struct {
	Title  string
	Note   string // what the numbers are, shown under the title
	Groups []BarGroup
}

// Heatmap is the input of WriteHeatmap: a symmetric codes × codes table.
type Heatmap struct {
	Title      string
	Note       string
	Labels     []string
	Categories []analysis.Category // of each label, for the colour key
	Values     [][]int             // Values[i][j]; len(Values) == len(Labels)
}

// svgWriter collects the SVG text of one figure; close writes it out. Its
// methods append pieces of SVG: str as it is, num a coordinate, xml a text
// escaped for XML.
type svgWriter struct {
	b []byte
	// counts[n] is xmlText(countsOf.count(n)), made when first needed: the
	// title of every link of an ecomap.
	counts   [][]byte
	countsOf *reportTexts
	// Scratch of the ecomaps written one after the other: the data, and
	// writeEcomap's nodes, their angles and positions.
	ecomap Ecomap
	nodes  []EcomapNode
	angle  []float64
	pos    map[string][2]float64
}

// count appends xmlText(tx.count(n)).
func (s *svgWriter) count(tx *reportTexts, n int) {
	if n < 0 || n >= 1<<10 {
		s.xml(tx.count(n))
		return
	}
	if s.countsOf != tx {
		s.counts, s.countsOf = s.counts[:0], tx
	}
	if n >= len(s.counts) {
		s.counts = append(s.counts, make([][]byte, n+1-len(s.counts))...)
	}
	if s.counts[n] == nil {
		s.counts[n] = svgAppendText(nil, tx.count(n))
	}
	s.b = append(s.b, s.counts[n]...)
}

func (s *svgWriter) str(t string)  { s.b = append(s.b, t...) }
func (s *svgWriter) num(x float64) { s.b = svgAppendNum(s.b, x) }
func (s *svgWriter) xml(t string)  { s.b = svgAppendText(s.b, t) }
func (s *svgWriter) int(n int)     { s.b = strconv.AppendInt(s.b, int64(n), 10) }
func (s *svgWriter) attr(name string, x float64) {
	s.b = append(s.b, ' ')
	s.b = append(s.b, name...)
	s.b = append(s.b, '=', '"')
	s.b = svgAppendNum(s.b, x)
	s.b = append(s.b, '"')
}

// num formats a coordinate with one decimal and no trailing ".0", so the
// same figure always gives the same bytes.
func num(x float64) string {
	return string(svgAppendNum(nil, x))
}

// svgAppendNum appends num(x) to dst.
func svgAppendNum(dst []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		x = 0
	}
	t := math.Round(x * 10)
	if t == 0 {
		return append(dst, '0') // no "-0"
	}
	if t > -svgExactTenths && t < svgExactTenths {
		// t/10 written with integers: the shortest decimal that reads back
		// as the float t/10 is t's digits with a point before the last one
		// (without ".0"), as strconv gives it (TestSVGAppendNumMatchesFloat).
		n := int64(t)
		if n < 0 {
			dst = append(dst, '-')
			n = -n
		}
		dst = strconv.AppendInt(dst, n/10, 10)
		if d := n % 10; d != 0 {
			dst = append(dst, '.', byte('0'+d))
		}
		return dst
	}
	return strconv.AppendFloat(dst, t/10, 'f', -1, 64)
}

// svgExactTenths bounds the tenths that svgAppendNum writes with integers:
// below it, floats are more than a hundred times finer than a tenth, so no
// decimal shorter than t/10 reads back as the float t/10.
const svgExactTenths = 1e12

// xmlText escapes s for SVG text content and attribute values. Control
// characters XML cannot hold are dropped.
func xmlText(s string) string {
	return string(svgAppendText(nil, s))
}

// svgAppendText appends xmlText(s) to dst.
func svgAppendText(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case '&':
				dst = append(dst, "&amp;"...)
			case '<':
				dst = append(dst, "&lt;"...)
			case '>':
				dst = append(dst, "&gt;"...)
			case '"':
				dst = append(dst, "&quot;"...)
			case '\'':
				dst = append(dst, "&apos;"...)
			case '\t', '\n', '\r':
				dst = append(dst, ' ')
			default:
				if c >= 0x20 {
					dst = append(dst, c)
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != 0xFFFE && r != 0xFFFF && r != utf8.RuneError {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}

// clip shortens s to at most n code points, ending in "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// textWidth estimates the width of s in pixels at font size px (an average
// sans-serif glyph is a little over half the font size wide).
func textWidth(s string, px float64) float64 {
	return float64(utf8.RuneCountInString(s)) * px * 0.56
}

const svgFont = `font-family="Liberation Sans, Arial, Helvetica, sans-serif"`

func (s *svgWriter) open(w, h float64, title string) {
	s.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.str(`<svg xmlns="http://www.w3.org/2000/svg"`)
	s.attr("width", w)
	s.attr("height", h)
	s.str(` viewBox="0 0 `)
	s.num(w)
	s.str(" ")
	s.num(h)
	s.str(`" ` + svgFont + ` font-size="13" role="img">` + "\n")
	s.str("<title>")
	s.xml(title)
	s.str("</title>\n")
	s.str(`<rect x="0" y="0"`)
	s.attr("width", w)
	s.attr("height", h)
	s.str(` fill="#ffffff"/>` + "\n")
}

func (s *svgWriter) close(w io.Writer) error {
	s.str("</svg>\n")
	_, err := w.Write(s.b)
	return err
}

// text appends a text element; extra holds more attributes, or "".
func (s *svgWriter) text(x, y float64, anchor, extra, t string) {
	s.str("<text")
	s.attr("x", x)
	s.attr("y", y)
	s.str(` text-anchor="`)
	s.str(anchor)
	s.str(`"`)
	if extra != "" {
		s.str(" ")
		s.str(extra)
	}
	s.str(">")
	s.xml(t)
	s.str("</text>\n")
}

// circle appends a circle element at x, y; rest holds the attributes after
// cy (with the leading space) up to the end of the tag.
func (s *svgWriter) circle(x, y float64, rest string) {
	s.str("<circle")
	s.attr("cx", x)
	s.attr("cy", y)
	s.str(rest)
}

// ecomapOrder is the order of categories around an ecomap, clockwise from
// the top.
func ecomapOrder() []analysis.Category {
	return []analysis.Category{analysis.CatRelation, analysis.CatPlace, analysis.CatFacility}
}

// WriteEcomap writes e as an SVG ecomap: the family in the middle; each
// relation, place and facility it mentions on a circle around it, grouped
// by category (a colour per category, clockwise from the top: relations,
// places, facilities); a line from the family to each, as wide as the
// number of mentions makes it (widest for the most mentioned), dashed when
// every mention was negated (named as absent: "we kennen de buren niet");
// thin grey chords for links between codes; labels with the count of
// mentions. Nodes of other categories are ignored. The output depends only
// on e and lang.
func WriteEcomap(w io.Writer, e Ecomap, lang Lang) error {
	s := svgWriter{b: make([]byte, 0, 32<<10)}
	writeEcomap(&s, e, texts(lang))
	return s.close(w)
}

// writeEcomap appends the ecomap of e to s (see WriteEcomap), without the
// closing tag.
func writeEcomap(s *svgWriter, e Ecomap, tx *reportTexts) {
	nodes := s.nodes[:0]
	defer func() { s.nodes = nodes }()
	for _, c := range ecomapOrder() {
		for _, n := range e.Nodes {
			if n.Category == c {
				nodes = append(nodes, n)
			}
		}
	}
	const (
		width  = 1100.0
		height = 1200.0
		cx     = 550.0
		cy     = 560.0
		radius = 260.0
		// radialFrom is the number of nodes from which labels are turned
		// along their spoke: with more, horizontal labels near the top and
		// bottom of the circle would overlap.
		radialFrom = 17
	)
	s.open(width, height, e.Title)
	s.text(cx, 30, "middle", `font-size="18" font-weight="bold"`, e.Title)

	// Angles: categories take arcs in proportion to their nodes, with a
	// gap of one slot between categories.
	if s.pos == nil {
		s.pos = make(map[string][2]float64, len(nodes))
	}
	pos := s.pos
	clear(pos)
	angle := append(s.angle[:0], make([]float64, len(nodes))...)
	s.angle = angle
	groups := 0
	for i, n := range nodes {
		if i == 0 || nodes[i-1].Category != n.Category {
			groups++
		}
	}
	slots := len(nodes)
	if groups > 1 {
		slots += groups
	}
	k := 0
	for i, n := range nodes {
		if i > 0 && nodes[i-1].Category != n.Category {
			k++
		}
		a := -math.Pi/2 + 2*math.Pi*float64(k)/float64(max(slots, 1))
		if len(nodes) == 1 {
			a = -math.Pi / 2
		}
		angle[i] = a
		pos[n.Code] = [2]float64{cx + radius*math.Cos(a), cy + radius*math.Sin(a)}
		k++
	}
	maxM := 1
	for _, n := range nodes {
		maxM = max(maxM, n.Mentions)
	}
	maxL := 1
	for _, l := range e.Links {
		maxL = max(maxL, l.Count)
	}

	s.str(`<g id="links" fill="none" stroke="#9a9a9a" stroke-opacity="0.45">` + "\n")
	for _, l := range e.Links {
		a, okA := pos[l.From]
		b, okB := pos[l.To]
		if !okA || !okB || l.From == l.To || l.Count <= 0 {
			continue
		}
		sw := 0.6 + 1.8*float64(l.Count)/float64(maxL)
		// A curve bowed towards the centre keeps chords off the spokes.
		mx, my := (a[0]+b[0])/2, (a[1]+b[1])/2
		qx, qy := mx+(cx-mx)*0.5, my+(cy-my)*0.5
		s.str(`<path d="M `)
		s.num(a[0])
		s.str(" ")
		s.num(a[1])
		s.str(" Q ")
		s.num(qx)
		s.str(" ")
		s.num(qy)
		s.str(" ")
		s.num(b[0])
		s.str(" ")
		s.num(b[1])
		s.str(`"`)
		s.attr("stroke-width", sw)
		s.str("><title>")
		s.count(tx, l.Count)
		s.str("</title></path>\n")
	}
	s.str("</g>\n")

	s.str(`<g id="spokes" fill="none">` + "\n")
	for _, n := range nodes {
		p := pos[n.Code]
		sw := 1 + 7*float64(n.Mentions)/float64(maxM)
		dash := ""
		if n.Mentions > 0 && n.Negated >= n.Mentions {
			dash = ` stroke-dasharray="8 6"`
			sw = 2
		}
		s.str("<line")
		s.attr("x1", cx)
		s.attr("y1", cy)
		s.attr("x2", p[0])
		s.attr("y2", p[1])
		s.str(` stroke="`)
		s.str(CategoryColor(n.Category))
		s.str(`"`)
		s.attr("stroke-width", sw)
		s.str(dash)
		s.str("/>\n")
	}
	s.str("</g>\n")

	// The family.
	s.circle(cx, cy, ` r="58" fill="#fdf6e3" stroke="#333333" stroke-width="2"/>`+"\n")
	center := clip(e.Center, 14)
	s.text(cx, cy+5, "middle", `font-size="16" font-weight="bold"`, center)

	s.str(`<g id="nodes">` + "\n")
	for i, n := range nodes {
		p := pos[n.Code]
		fill := CategoryColor(n.Category)
		stroke := "#ffffff"
		if n.Mentions > 0 && n.Negated >= n.Mentions {
			fill, stroke = "#ffffff", CategoryColor(n.Category)
		}
		s.circle(p[0], p[1], ` r="9" fill="`)
		s.str(fill)
		s.str(`" stroke="`)
		s.str(stroke)
		s.str(`" stroke-width="2"/>` + "\n")
		a := angle[i]
		label := clip(n.Label, 30) + " (" + strconv.Itoa(n.Mentions) + ")"
		if len(nodes) >= radialFrom {
			// Along the spoke, read left to right on both halves.
			lx, ly := cx+(radius+16)*math.Cos(a), cy+(radius+16)*math.Sin(a)
			deg := a * 180 / math.Pi
			anchor := "start"
			if math.Cos(a) < -1e-9 {
				deg += 180
				anchor = "end"
			}
			s.str("<text")
			s.attr("x", lx)
			s.attr("y", ly)
			s.str(` text-anchor="`)
			s.str(anchor)
			s.str(`" dominant-baseline="middle" transform="rotate(`)
			s.num(deg)
			s.str(" ")
			s.num(lx)
			s.str(" ")
			s.num(ly)
			s.str(`)">`)
			s.xml(label)
			s.str("</text>\n")
			continue
		}
		lx, ly := cx+(radius+18)*math.Cos(a), cy+(radius+18)*math.Sin(a)+4
		anchor := "start"
		switch c := math.Cos(a); {
		case c < -0.2:
			anchor = "end"
		case c <= 0.2:
			anchor = "middle"
			if math.Sin(a) < 0 {
				ly -= 8
			} else {
				ly += 10
			}
		}
		s.text(lx, ly, anchor, "", label)
	}
	s.str("</g>\n")

	if len(nodes) == 0 {
		s.text(cx, cy+100, "middle", `font-style="italic" fill="#555555"`, tx.EcomapEmpty)
	}

	// Legend.
	y := height - 110.0
	s.str(`<g id="legend" font-size="12">` + "\n")
	x := 40.0
	for _, c := range ecomapOrder() {
		s.circle(x, y-4, ` r="7" fill="`)
		s.str(CategoryColor(c))
		s.str(`"/>` + "\n")
		s.text(x+14, y, "start", "", tx.categoryPlural(c))
		x += 40 + textWidth(tx.categoryPlural(c), 12)
	}
	y += 26
	s.str(`<line x1="30"`)
	s.attr("y1", y-4)
	s.str(` x2="60"`)
	s.attr("y2", y-4)
	s.str(` stroke="#333333" stroke-width="6"/>` + "\n")
	s.text(70, y, "start", "", tx.EcomapLegendWidth)
	y += 22
	s.str(`<line x1="30"`)
	s.attr("y1", y-4)
	s.str(` x2="60"`)
	s.attr("y2", y-4)
	s.str(` stroke="#333333" stroke-width="2" stroke-dasharray="8 6"/>` + "\n")
	s.text(70, y, "start", "", tx.EcomapLegendDashed)
	y += 22
	s.str(`<path d="M 30 `)
	s.num(y - 2)
	s.str(" Q 45 ")
	s.num(y - 10)
	s.str(" 60 ")
	s.num(y - 2)
	s.str(`" fill="none" stroke="#9a9a9a" stroke-width="2"/>` + "\n")
	s.text(70, y, "start", "", tx.EcomapLegendLinks)
	s.str("</g>\n")
}

// WriteBarChart writes c as an SVG chart of horizontal bars: one bar per
// code, grouped under a heading per category, in the order given, each with
// its value at the end. Bars are scaled to the largest value.
func WriteBarChart(w io.Writer, c BarChart, lang Lang) error {
	const (
		width   = 1000.0
		labelW  = 300.0
		barMax  = 560.0
		rowH    = 22.0
		groupH  = 34.0
		topH    = 80.0
		bottomH = 30.0
	)
	rows := 0
	for _, g := range c.Groups {
		rows += len(g.Bars)
	}
	height := topH + float64(rows)*rowH + float64(len(c.Groups))*groupH + bottomH
	maxV := 1
	for _, g := range c.Groups {
		for _, b := range g.Bars {
			maxV = max(maxV, b.Value)
		}
	}
	s := &svgWriter{}
	s.open(width, height, c.Title)
	s.text(20, 30, "start", `font-size="18" font-weight="bold"`, c.Title)
	s.text(20, 54, "start", `fill="#555555"`, c.Note)
	y := topH
	for _, g := range c.Groups {
		y += groupH
		s.str(`<rect x="20"`)
		s.attr("y", y-16)
		s.str(` width="12" height="12" fill="`)
		s.str(CategoryColor(g.Category))
		s.str(`"/>` + "\n")
		s.text(40, y-5, "start", `font-size="15" font-weight="bold"`, g.Title)
		s.str(`<line x1="20"`)
		s.attr("y1", y)
		s.attr("x2", width-20)
		s.attr("y2", y)
		s.str(` stroke="#cccccc"/>` + "\n")
		for _, b := range g.Bars {
			bw := barMax * float64(b.Value) / float64(maxV)
			s.text(labelW, y+15, "end", "", clip(b.Label, 44))
			s.str("<rect")
			s.attr("x", labelW+10)
			s.attr("y", y+4)
			s.attr("width", bw)
			s.attr("height", rowH-7)
			s.str(` fill="`)
			s.str(CategoryColor(g.Category))
			s.str(`"/>` + "\n")
			s.text(labelW+16+bw, y+15, "start", `fill="#333333"`, strconv.Itoa(b.Value))
			y += rowH
		}
	}
	if rows == 0 {
		s.text(width/2, topH+40, "middle", `font-style="italic" fill="#555555"`, texts(lang).FigureEmpty)
	}
	return s.close(w)
}

// WriteHeatmap writes h as an SVG heat map: a cell per pair of codes,
// darker for higher values, the value written in every non-zero cell,
// labels on the left and (turned) on top with a colour mark of the code's
// category. Colours scale linearly to the largest off-diagonal value.
func WriteHeatmap(w io.Writer, h Heatmap, lang Lang) error {
	n := len(h.Labels)
	const (
		cell   = 20.0
		labelW = 250.0
		topH   = 80.0
	)
	labelH := 200.0
	left := 20 + labelW
	top := topH + labelH
	width := math.Max(left+float64(n)*cell+40, 700)
	height := top + float64(n)*cell + 60
	maxV := 1
	for i := 0; i < n && i < len(h.Values); i++ {
		for j := 0; j < n && j < len(h.Values[i]); j++ {
			if i != j {
				maxV = max(maxV, h.Values[i][j])
			}
		}
	}
	cat := func(i int) analysis.Category {
		if i < len(h.Categories) {
			return h.Categories[i]
		}
		return ""
	}
	s := &svgWriter{}
	s.open(width, height, h.Title)
	s.text(20, 30, "start", `font-size="18" font-weight="bold"`, h.Title)
	s.text(20, 54, "start", `fill="#555555"`, h.Note)
	s.str(`<g id="labels" font-size="12">` + "\n")
	for i, l := range h.Labels {
		y := top + float64(i)*cell
		s.str("<rect")
		s.attr("x", left-8)
		s.attr("y", y+2)
		s.str(` width="6"`)
		s.attr("height", cell-4)
		s.str(` fill="`)
		s.str(CategoryColor(cat(i)))
		s.str(`"/>` + "\n")
		s.text(left-12, y+cell/2+4, "end", "", clip(l, 36))
		x := left + float64(i)*cell + cell/2 + 4
		s.str("<rect")
		s.attr("x", left+float64(i)*cell+2)
		s.attr("y", top-8)
		s.attr("width", cell-4)
		s.str(` height="6" fill="`)
		s.str(CategoryColor(cat(i)))
		s.str(`"/>` + "\n")
		s.str("<text")
		s.attr("x", x)
		s.attr("y", top-12)
		s.str(` text-anchor="start" transform="rotate(-60 `)
		s.num(x)
		s.str(" ")
		s.num(top - 12)
		s.str(`)">`)
		s.xml(clip(l, 30))
		s.str("</text>\n")
	}
	s.str("</g>\n")
	s.str(`<g id="cells" font-size="10">` + "\n")
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := 0
			if i < len(h.Values) && j < len(h.Values[i]) {
				v = h.Values[i][j]
			}
			x, y := left+float64(j)*cell, top+float64(i)*cell
			fill := "#ffffff"
			if i == j {
				fill = "#eeeeee"
			} else if v > 0 {
				fill = heatColor(float64(v) / float64(maxV))
			}
			s.str("<rect")
			s.attr("x", x)
			s.attr("y", y)
			s.attr("width", cell)
			s.attr("height", cell)
			s.str(` fill="`)
			s.str(fill)
			s.str(`" stroke="#dddddd"/>` + "\n")
			if v > 0 && i != j {
				ink := `fill="#000000"`
				if float64(v)/float64(maxV) > 0.55 {
					ink = `fill="#ffffff"`
				}
				s.text(x+cell/2, y+cell/2+3.5, "middle", ink, strconv.Itoa(v))
			}
		}
	}
	s.str("</g>\n")
	if n == 0 {
		s.text(width/2, topH+40, "middle", `font-style="italic" fill="#555555"`, texts(lang).FigureEmpty)
	}
	return s.close(w)
}

// heatColor blends from a pale to a dark blue; f is in [0, 1].
func heatColor(f float64) string {
	f = math.Max(0, math.Min(1, f))
	lo := [3]float64{0xde, 0xeb, 0xf7}
	hi := [3]float64{0x08, 0x30, 0x6b}
	var c [3]int
	for i := range c {
		c[i] = int(math.Round(lo[i] + (hi[i]-lo[i])*f))
	}
	const hex = "0123456789abcdef"
	out := [7]byte{'#'}
	for i, x := range c {
		out[1+2*i], out[2+2*i] = hex[x>>4&0xf], hex[x&0xf]
	}
	return string(out[:])
}
