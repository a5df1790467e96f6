package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCommand(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print version, commit and Go version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			t := toolInfo()
			if g.json {
				return json.NewEncoder(g.stdout).Encode(t)
			}
			commit := t.Commit
			if commit == "" {
				commit = "unknown"
			}
			_, err := fmt.Fprintf(g.stdout, "pbasis %s (commit %s, %s)\n", t.Version, commit, t.Go)
			return err
		},
	}
}
