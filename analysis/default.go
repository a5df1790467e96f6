package analysis

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
)

//go:embed codebooks/nl.yaml
var defaultNL []byte

// DefaultCodebookName is how the embedded default codebook is named in
// errors and in run.json.
const DefaultCodebookName = "codebooks/nl.yaml (embedded)"

// DefaultCodebookYAML returns a copy of the embedded default Dutch codebook.
func DefaultCodebookYAML() []byte { return append([]byte(nil), defaultNL...) }

// LoadDefault loads and compiles the embedded default codebook.
func LoadDefault() (*Codebook, error) {
	spec, err := LoadCodebook(DefaultCodebookName, defaultNL)
	if err != nil {
		return nil, err
	}
	return Compile(spec)
}

// SHA256 returns the hex SHA-256 of data, for recording codebooks in run.json.
func SHA256(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
