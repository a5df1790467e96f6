package analysis

// Category is one of the six fixed categories of DESIGN.md.
type Category string

// The categories. A code belongs to exactly one.
const (
	CatRelation   Category = "relation"    // people around the child and the parents
	CatPlace      Category = "place"       // physical and online living environments
	CatFacility   Category = "facility"    // basic facilities
	CatQuality    Category = "quality"     // safe/unsafe, accessible, inviting, respect, equality
	CatFormalHelp Category = "formal_help" // formal youth care and professional help
	CatStrain     Category = "strain"      // the informal network overloaded
)

// Categories lists the categories in report order.
var Categories = []Category{CatRelation, CatPlace, CatFacility, CatQuality, CatFormalHelp, CatStrain}

// CodebookSpec is a codebook as written in YAML, before validation and
// compilation. Field names are the YAML keys.
//
//	id: nl
//	version: "2026.11"
//	language: nl
//	title: {nl: ..., en: ...}
//	codes:
//	  - id: rel.neighbour
//	    category: relation
//	    parent: rel            # optional
//	    label: {nl: Buren, en: Neighbours}
//	    definition: {nl: ..., en: ...}
//	    terms: [buurvrouw, buurman, buren, {term: meester, whole_word: true}]
//	    exclude: [buurthuis]   # words never taken for this code
//	    unless_near: [...]     # skip a match when one of these is in the same turn window
//	    examples: [...]        # sentences this code must code
//	    counterexamples: [...] # sentences it must not code
type CodebookSpec struct {
	ID       string     `yaml:"id"`
	Version  string     `yaml:"version"`
	Language string     `yaml:"language"`
	Title    Text       `yaml:"title"`
	Codes    []CodeSpec `yaml:"codes"`
	// File is where the spec was read from (not a YAML key).
	File string `yaml:"-"`
}

// Text is a short text in Dutch and English.
type Text struct {
	NL string `yaml:"nl"`
	EN string `yaml:"en"`
}

// CodeSpec is one code as written.
type CodeSpec struct {
	ID         string     `yaml:"id"`
	Category   Category   `yaml:"category"`
	Parent     string     `yaml:"parent,omitempty"`
	Label      Text       `yaml:"label"`
	Definition Text       `yaml:"definition"`
	Color      string     `yaml:"color,omitempty"` // #RRGGBB, for REFI-QDA and figures
	Terms      []TermSpec `yaml:"terms"`
	// Exclude lists words (and compounds) that look like a term but are not
	// this code (`parkeerplaats` for park, `schooltas` for school).
	Exclude []string `yaml:"exclude,omitempty"`
	// UnlessNear: a match is not taken when any of these terms occurs in the
	// context window (the same turn, within NearWindow tokens on either side).
	UnlessNear []string `yaml:"unless_near,omitempty"`
	// OnlyNear: a match is taken only when one of these terms is in the window.
	OnlyNear []string `yaml:"only_near,omitempty"`
	// NearWindow is the window for UnlessNear/OnlyNear in tokens (default 12).
	NearWindow int `yaml:"near_window,omitempty"`
	// Examples are sentences this code must code; Counterexamples sentences
	// it must not. `pbasis codebook test` runs them.
	Examples        []string `yaml:"examples,omitempty"`
	Counterexamples []string `yaml:"counterexamples,omitempty"`
	// Line and Column locate the code in its file (1-based; not YAML keys).
	Line   int `yaml:"-"`
	Column int `yaml:"-"`
	// exampleLines and counterexampleLines give the line of each example
	// and counterexample when the spec was read by LoadCodebook.
	exampleLines, counterexampleLines []int
}

// TermSpec is one include term. In YAML it is either a plain string or a
// mapping with options.
type TermSpec struct {
	Term string `yaml:"term"`
	// WholeWord: match only the word itself (with its inflections), never as
	// the head of a compound.
	WholeWord bool `yaml:"whole_word,omitempty"`
	// Exact: match the written form only (case-insensitive): no plural,
	// diminutive, stem or compound matching. For abbreviations like "cb".
	Exact bool `yaml:"exact,omitempty"`
	// Roles: the term counts only in turns of speakers with one of these
	// roles ("mijn moeder" is a grandparent only when a parent says it).
	Roles []string `yaml:"roles,omitempty"`
	// UnlessNear/OnlyNear as on the code, for this term only.
	UnlessNear []string `yaml:"unless_near,omitempty"`
	OnlyNear   []string `yaml:"only_near,omitempty"`
	Line       int      `yaml:"-"`
	Column     int      `yaml:"-"`
}
