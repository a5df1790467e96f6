// Package pbasis holds what the whole module shares: the default
// configuration file, embedded so that the binary needs nothing beside it.
package pbasis

import _ "embed"

//go:embed config.yaml
var defaultConfig []byte

// DefaultConfig returns a copy of config.yaml as shipped: the commented
// default configuration, which "pbasis init" writes and "pbasis run" starts
// from.
func DefaultConfig() []byte {
	return append([]byte(nil), defaultConfig...)
}
