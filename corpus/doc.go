// Package corpus reads the input side of pbasis: it finds files, decodes them
// (UTF-8, UTF-16, Windows-1252 to NFC text with \n line ends), reads every
// supported format (.txt, .md, .docx, .odt, .vtt, .srt, .csv, .xlsx), attaches
// metadata (sheet, front matter, file-name pattern, sub-folder), splits the
// text into speaker turns and the turns into segments (Dutch sentences by
// default).
//
// It knows nothing of codes. All spans it hands out are offsets in Unicode
// code points into Document.Text, the normalised text.
package corpus
