package reports

import "github.com/pbasis/pbasis/analysis"

// ReviewInfo is run.json's "review" object: the decisions file a run
// applied and what it did. Manifest.Review is nil when the run had no
// decisions file.
type ReviewInfo struct {
	File      string `json:"file"`      // the decisions file as configured
	SHA256    string `json:"sha256"`    // of the file's bytes
	Decisions int    `json:"decisions"` // decisions in the file
	// Codings counts the run's codings by what review did to them.
	Codings analysis.ReviewCounts `json:"codings"`
	// Stale are decisions about a document of this run that could not be
	// applied (its text changed, or the matcher no longer makes the
	// coding), with the reason; they stay in the decisions file.
	Stale []analysis.StaleDecision `json:"stale"`
	// Unused are decisions about files that are not in this run (no input
	// file has their hash or path); they stay in the decisions file.
	Unused []analysis.Decision `json:"unused"`
}
