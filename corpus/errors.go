package corpus

import "fmt"

// Pos is a position in an input file. Line and Col are 1-based; Col counts
// code points. Zero means unknown. Time is a timestamp for media-based
// formats.
type Pos struct {
	File string
	Line int
	Col  int
	Time string
}

// String renders the position as file:line:col, file:line, file@time or file.
func (p Pos) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	case p.Time != "":
		return fmt.Sprintf("%s@%s", p.File, p.Time)
	}
	return p.File
}

// InputError is a problem with one input file: where, what, and what the
// user can do about it.
type InputError struct {
	Pos  Pos
	Err  error
	Hint string // what to do, e.g. "save it as .docx or .txt"
}

func (e *InputError) Error() string {
	if e.Hint != "" {
		return fmt.Sprintf("%s: %v (%s)", e.Pos, e.Err, e.Hint)
	}
	return fmt.Sprintf("%s: %v", e.Pos, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }
