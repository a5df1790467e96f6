package corpus

// Kind is what sort of document a file is.
type Kind string

// Document kinds.
const (
	KindTranscript Kind = "transcript" // an interview or conversation with speaker turns
	KindNotes      Kind = "notes"      // a professional's session notes; voice is notes throughout
)

// Voice says whose description a turn is (DOMAIN.md point 5).
type Voice string

// Voices. Counts about "how families describe" use VoiceOwn only.
const (
	VoiceOwn         Voice = "own"         // a family member speaking
	VoiceInterviewer Voice = "interviewer" // the interviewer or researcher
	VoiceNotes       Voice = "notes"       // professional session notes
	VoiceOther       Voice = "other"       // anyone else, or a speaker whose role is unknown
)

// Roles a speaker can have. Config may add others; these are the ones with a
// fixed meaning for the voice.
const (
	RoleInterviewer  = "interviewer"
	RoleParent       = "parent"
	RoleChild        = "child"
	RoleYouth        = "youth"
	RoleFamily       = "family" // another household member speaking as family
	RoleProfessional = "professional"
	RoleOther        = "other"
	RoleUnknown      = "unknown"
)

// VoiceOf returns the voice of a turn by a speaker with role in a document of
// kind k: notes documents are VoiceNotes throughout; family roles are
// VoiceOwn; the interviewer role is VoiceInterviewer; anything else is
// VoiceOther.
func VoiceOf(k Kind, role string) Voice {
	if k == KindNotes {
		return VoiceNotes
	}
	switch role {
	case RoleParent, RoleChild, RoleYouth, RoleFamily:
		return VoiceOwn
	case RoleInterviewer:
		return VoiceInterviewer
	}
	return VoiceOther
}

// Metadata describes a document: which case (family) it belongs to and the
// variables a researcher reports by.
type Metadata struct {
	Case     string            // family / case ID
	Kind     Kind              // transcript or notes
	Wijk     string            // neighbourhood
	Wave     string            // wave of data collection ("1", "2", ...)
	Date     string            // date as written (ISO 8601 preferred)
	Speakers map[string]string // per-file speaker label -> role; wins over config
	Extra    map[string]string // any other variables, e.g. from extra sheet columns
	// Source says, per field, where its value came from ("sheet", "front matter",
	// "file name", "folder", "default").
	Source map[string]string
}

// Span is a half-open range [Start, End) of code-point offsets into a
// Document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Turn is one speaker's contribution.
type Turn struct {
	Index   int    // 0-based position in the document
	Speaker string // the label as written ("Moeder", "SPREKER 2", "I"); empty when none
	Role    string // interviewer, parent, child, youth, professional, other, unknown
	Voice   Voice
	Span    Span   // the whole turn in Document.Text, label included
	Body    Span   // the turn's content, after the label
	Line    int    // 1-based location in the source: line (txt, md), paragraph (docx, odt), cue (vtt, srt) or row (csv, xlsx)
	Time    string // timestamp as written, when the source has one ("00:01:23", "00:01:23.500")
}

// Segment is the unit of coding: a sentence inside a turn by default.
type Segment struct {
	ID   string // stable: "<doc ID>#<n>", n counting segments from 1
	N    int    // 1-based number within the document
	Turn int    // index of the turn it belongs to
	Span Span
	Text string // the segment's text, exactly Document.Text[Span] (in code points)
	Line int    // 1-based source location of the segment's start (see Turn.Line)
	Time string // timestamp of the cue or row the segment starts in, when the source has times
}

// Document is one input file, read and split.
type Document struct {
	ID       string // path relative to the input folder, with '/'
	Format   string // txt, md, docx, odt, vtt, srt, csv, xlsx
	Meta     Metadata
	Text     string // the normalised text: NFC, '\n' line ends, no BOM
	Turns    []Turn
	Segments []Segment
	Reading  ReadInfo
}

// ReadInfo records what was done to a file to read it; it goes into run.json.
type ReadInfo struct {
	Bytes    int64    `json:"bytes"`
	SHA256   string   `json:"sha256"`
	Encoding string   `json:"encoding"` // utf-8, utf-8 (BOM), utf-16le (BOM), utf-16be (BOM), windows-1252; or "zip/xml" for docx/odt/xlsx
	Steps    []string `json:"steps"`    // e.g. "removed BOM", "CRLF -> LF", "NFC normalised 3 characters", "front matter read"
	Warnings []string `json:"warnings,omitempty"`
	Words    int      `json:"words"`
}
