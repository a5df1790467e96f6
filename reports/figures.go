package reports

import (
	"fmt"
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

// svgWriter collects the SVG text of one figure; close writes it out.
type svgWriter struct {
	b strings.Builder
}

func (s *svgWriter) printf(format string, a ...any) { fmt.Fprintf(&s.b, format, a...) }

// num formats a coordinate with one decimal and no trailing ".0", so the
// same figure always gives the same bytes.
func num(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		x = 0
	}
	x = math.Round(x*10) / 10
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// xmlText escapes s for SVG text content and attribute values. Control
// characters XML cannot hold are dropped.
func xmlText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		case '\t', '\n', '\r':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError || (r >= 0xD800 && r <= 0xDFFF) {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
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
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" %s font-size="13" role="img">`+"\n",
		num(w), num(h), num(w), num(h), svgFont)
	s.printf("<title>%s</title>\n", xmlText(title))
	s.printf(`<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`+"\n", num(w), num(h))
}

func (s *svgWriter) close(w io.Writer) error {
	s.printf("</svg>\n")
	_, err := io.WriteString(w, s.b.String())
	return err
}

func (s *svgWriter) text(x, y float64, anchor, extra, t string) {
	if extra != "" {
		extra = " " + extra
	}
	s.printf(`<text x="%s" y="%s" text-anchor="%s"%s>%s</text>`+"\n", num(x), num(y), anchor, extra, xmlText(t))
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
	tx := texts(lang)
	var nodes []EcomapNode
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
	s := &svgWriter{}
	s.open(width, height, e.Title)
	s.text(cx, 30, "middle", `font-size="18" font-weight="bold"`, e.Title)

	// Angles: categories take arcs in proportion to their nodes, with a
	// gap of one slot between categories.
	pos := make(map[string][2]float64, len(nodes))
	angle := make([]float64, len(nodes))
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

	s.printf(`<g id="links" fill="none" stroke="#9a9a9a" stroke-opacity="0.45">` + "\n")
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
		s.printf(`<path d="M %s %s Q %s %s %s %s" stroke-width="%s"><title>%s</title></path>`+"\n",
			num(a[0]), num(a[1]), num(qx), num(qy), num(b[0]), num(b[1]), num(sw), xmlText(tx.count(l.Count)))
	}
	s.printf("</g>\n")

	s.printf(`<g id="spokes" fill="none">` + "\n")
	for _, n := range nodes {
		p := pos[n.Code]
		sw := 1 + 7*float64(n.Mentions)/float64(maxM)
		dash := ""
		if n.Mentions > 0 && n.Negated >= n.Mentions {
			dash = ` stroke-dasharray="8 6"`
			sw = 2
		}
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
			num(cx), num(cy), num(p[0]), num(p[1]), CategoryColor(n.Category), num(sw), dash)
	}
	s.printf("</g>\n")

	// The family.
	s.printf(`<circle cx="%s" cy="%s" r="58" fill="#fdf6e3" stroke="#333333" stroke-width="2"/>`+"\n", num(cx), num(cy))
	center := clip(e.Center, 14)
	s.text(cx, cy+5, "middle", `font-size="16" font-weight="bold"`, center)

	s.printf(`<g id="nodes">` + "\n")
	for i, n := range nodes {
		p := pos[n.Code]
		fill := CategoryColor(n.Category)
		stroke := "#ffffff"
		if n.Mentions > 0 && n.Negated >= n.Mentions {
			fill, stroke = "#ffffff", CategoryColor(n.Category)
		}
		s.printf(`<circle cx="%s" cy="%s" r="9" fill="%s" stroke="%s" stroke-width="2"/>`+"\n", num(p[0]), num(p[1]), fill, stroke)
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
			s.printf(`<text x="%s" y="%s" text-anchor="%s" dominant-baseline="middle" transform="rotate(%s %s %s)">%s</text>`+"\n",
				num(lx), num(ly), anchor, num(deg), num(lx), num(ly), xmlText(label))
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
	s.printf("</g>\n")

	if len(nodes) == 0 {
		s.text(cx, cy+100, "middle", `font-style="italic" fill="#555555"`, tx.EcomapEmpty)
	}

	// Legend.
	y := height - 110.0
	s.printf(`<g id="legend" font-size="12">` + "\n")
	x := 40.0
	for _, c := range ecomapOrder() {
		s.printf(`<circle cx="%s" cy="%s" r="7" fill="%s"/>`+"\n", num(x), num(y-4), CategoryColor(c))
		s.text(x+14, y, "start", "", tx.categoryPlural(c))
		x += 40 + textWidth(tx.categoryPlural(c), 12)
	}
	y += 26
	s.printf(`<line x1="30" y1="%s" x2="60" y2="%s" stroke="#333333" stroke-width="6"/>`+"\n", num(y-4), num(y-4))
	s.text(70, y, "start", "", tx.EcomapLegendWidth)
	y += 22
	s.printf(`<line x1="30" y1="%s" x2="60" y2="%s" stroke="#333333" stroke-width="2" stroke-dasharray="8 6"/>`+"\n", num(y-4), num(y-4))
	s.text(70, y, "start", "", tx.EcomapLegendDashed)
	y += 22
	s.printf(`<path d="M 30 %s Q 45 %s 60 %s" fill="none" stroke="#9a9a9a" stroke-width="2"/>`+"\n", num(y-2), num(y-10), num(y-2))
	s.text(70, y, "start", "", tx.EcomapLegendLinks)
	s.printf("</g>\n")
	return s.close(w)
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
		s.printf(`<rect x="20" y="%s" width="12" height="12" fill="%s"/>`+"\n", num(y-16), CategoryColor(g.Category))
		s.text(40, y-5, "start", `font-size="15" font-weight="bold"`, g.Title)
		s.printf(`<line x1="20" y1="%s" x2="%s" y2="%s" stroke="#cccccc"/>`+"\n", num(y), num(width-20), num(y))
		for _, b := range g.Bars {
			bw := barMax * float64(b.Value) / float64(maxV)
			s.text(labelW, y+15, "end", "", clip(b.Label, 44))
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
				num(labelW+10), num(y+4), num(bw), num(rowH-7), CategoryColor(g.Category))
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
	s.printf(`<g id="labels" font-size="12">` + "\n")
	for i, l := range h.Labels {
		y := top + float64(i)*cell
		s.printf(`<rect x="%s" y="%s" width="6" height="%s" fill="%s"/>`+"\n", num(left-8), num(y+2), num(cell-4), CategoryColor(cat(i)))
		s.text(left-12, y+cell/2+4, "end", "", clip(l, 36))
		x := left + float64(i)*cell + cell/2 + 4
		s.printf(`<rect x="%s" y="%s" width="%s" height="6" fill="%s"/>`+"\n", num(left+float64(i)*cell+2), num(top-8), num(cell-4), CategoryColor(cat(i)))
		s.printf(`<text x="%s" y="%s" text-anchor="start" transform="rotate(-60 %s %s)">%s</text>`+"\n",
			num(x), num(top-12), num(x), num(top-12), xmlText(clip(l, 30)))
	}
	s.printf("</g>\n")
	s.printf(`<g id="cells" font-size="10">` + "\n")
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
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s" stroke="#dddddd"/>`+"\n", num(x), num(y), num(cell), num(cell), fill)
			if v > 0 && i != j {
				ink := "#000000"
				if float64(v)/float64(maxV) > 0.55 {
					ink = "#ffffff"
				}
				s.text(x+cell/2, y+cell/2+3.5, "middle", `fill="`+ink+`"`, strconv.Itoa(v))
			}
		}
	}
	s.printf("</g>\n")
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
	return fmt.Sprintf("#%02x%02x%02x", c[0], c[1], c[2])
}
