package corpus

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Segment units.
const (
	UnitSentence  = "sentence"
	UnitTurn      = "turn"
	UnitParagraph = "paragraph"
)

// Options configure reading a corpus. The zero value is not usable: start
// from DefaultOptions and change what the configuration says.
type Options struct {
	Limits Limits
	Table  TableColumns
	// Roles maps speaker labels (matched case-insensitively) to roles. A
	// per-file map from the metadata sheet or front matter wins over it.
	Roles map[string]string
	// UnlabelledRole is the role of text without a speaker label in a
	// transcript (default "unknown", voice other).
	UnlabelledRole string
	// Unit is the segment unit: sentence (default), turn or paragraph.
	Unit string
	// FilenamePattern is matched against the file's path relative to the
	// input folder (with '/'); its named groups case, wave, wijk, date and kind
	// fill metadata. Nil means no pattern.
	FilenamePattern *regexp.Regexp
	// NotesGlobs: files whose base name matches one of these (path.Match,
	// lower case) are of kind notes unless metadata says otherwise.
	NotesGlobs []string
	// Pseudo pseudonymises names in each file's text, speaker labels and
	// metadata before turns and segments are made (see pseudo.go).
	Pseudo *Pseudonymiser // nil: no pseudonymisation
}

// DefaultOptions returns the options pbasis uses when config says nothing.
func DefaultOptions() Options {
	return Options{
		Limits:         Limits{}.WithDefaults(),
		Table:          DefaultTableColumns(),
		Roles:          DefaultRoles(),
		UnlabelledRole: RoleUnknown,
		Unit:           UnitSentence,
		NotesGlobs:     []string{"*notitie*", "*notes*", "*verslag*", "*aantekening*", "*sessie*"},
	}
}

// DefaultRoles maps common Dutch (and English) speaker labels to roles.
func DefaultRoles() map[string]string {
	m := map[string]string{}
	add := func(role string, labels ...string) {
		for _, l := range labels {
			m[l] = role
		}
	}
	add(RoleInterviewer, "i", "int", "interviewer", "interviewster", "onderzoeker", "researcher", "iv", "vraag")
	add(RoleParent, "r", "respondent", "moeder", "vader", "ouder", "mama", "papa", "mam", "pap", "m", "mother", "father", "parent", "pleegmoeder", "pleegvader", "stiefmoeder", "stiefvader", "ouder 1", "ouder 2")
	add(RoleChild, "kind", "zoon", "dochter", "k", "child")
	add(RoleYouth, "jongere", "tiener", "j", "youth", "young person")
	add(RoleFamily, "oma", "opa", "tante", "oom", "broer", "zus")
	add(RoleProfessional, "professional", "hulpverlener", "wijkteam", "jeugdverpleegkundige", "jeugdarts", "begeleider", "coach", "medewerker")
	return m
}

// Validate checks the options and returns every problem found, one error
// per field, as "corpus.unit: must be one of [sentence turn paragraph] (got "line")".
func (o *Options) Validate() error {
	var errs []string
	if !slices.Contains([]string{UnitSentence, UnitTurn, UnitParagraph}, o.Unit) {
		errs = append(errs, fmt.Sprintf("corpus.segment_unit: must be one of [sentence turn paragraph] (got %q)", o.Unit))
	}
	valid := validRoles()
	for label, role := range o.Roles {
		if !slices.Contains(valid, role) {
			errs = append(errs, fmt.Sprintf("corpus.roles: label %q has role %q, must be one of %v", label, role, valid))
		}
	}
	if !slices.Contains(valid, o.UnlabelledRole) {
		errs = append(errs, fmt.Sprintf("corpus.unlabelled_role: must be one of %v (got %q)", valid, o.UnlabelledRole))
	}
	for _, g := range o.NotesGlobs {
		if _, err := path.Match(g, ""); err != nil {
			errs = append(errs, fmt.Sprintf("corpus.notes_globs: bad pattern %q: %v", g, err))
		}
	}
	if len(o.Table.Text) == 0 {
		errs = append(errs, "corpus.table.text: needs at least one column name")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

func validRoles() []string {
	return []string{RoleInterviewer, RoleParent, RoleChild, RoleYouth, RoleFamily, RoleProfessional, RoleOther, RoleUnknown}
}

// ParseSpeakers reads a per-file speaker map "I=interviewer;R=parent;SPREKER 3=child"
// into lower-cased label -> role. It returns an error naming the first bad
// entry.
func ParseSpeakers(s string) (map[string]string, error) {
	m := map[string]string{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			k, v, ok = strings.Cut(part, ":")
		}
		k, v = strings.TrimSpace(k), strings.ToLower(strings.TrimSpace(v))
		if !ok || k == "" || v == "" {
			return nil, fmt.Errorf("speakers: %q is not LABEL=role", part)
		}
		if !slices.Contains(validRoles(), v) {
			return nil, fmt.Errorf("speakers: %q: role %q must be one of %v", part, v, validRoles())
		}
		m[strings.ToLower(k)] = v
	}
	return m, nil
}
