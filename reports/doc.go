// Package reports writes pbasis's output files: CSV, run.json, Markdown,
// the Excel workbook, REFI-QDA and figures. Writers read results; they never
// recompute analysis. Every file is written atomically (see AtomicWrite).
package reports
