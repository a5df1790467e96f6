package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/pbasis/pbasis"
	"github.com/pbasis/pbasis/corpus"
)

// Config is config.yaml as decoded. Keys are the mapstructure tags; unknown
// keys are errors. See config.yaml for what each key means.
type Config struct {
	Input    string `mapstructure:"input"`
	Out      string `mapstructure:"out"`
	Lang     string `mapstructure:"lang"`
	Strict   bool   `mapstructure:"strict"`
	Jobs     int    `mapstructure:"jobs"`
	Codebook string `mapstructure:"codebook"`
	// Decisions is the review decisions file (see cmd_review.go).
	Decisions string        `mapstructure:"decisions"`
	Corpus    CorpusConfig  `mapstructure:"corpus"`
	Limits    LimitsConfig  `mapstructure:"limits"`
	Privacy   PrivacyConfig `mapstructure:"privacy"`
}

// CorpusConfig is the corpus: section.
type CorpusConfig struct {
	SegmentUnit     string            `mapstructure:"segment_unit"`
	UnlabelledRole  string            `mapstructure:"unlabelled_role"`
	FilenamePattern string            `mapstructure:"filename_pattern"`
	NotesGlobs      []string          `mapstructure:"notes_globs"`
	Roles           map[string]string `mapstructure:"roles"`
	Table           TableConfig       `mapstructure:"table"`
}

// TableConfig names the columns of csv/xlsx utterance exports.
type TableConfig struct {
	Speaker []string `mapstructure:"speaker"`
	Text    []string `mapstructure:"text"`
	Time    []string `mapstructure:"time"`
}

// LimitsConfig is the limits: section.
type LimitsConfig struct {
	MaxFileBytes     int64 `mapstructure:"max_file_bytes"`
	MaxUnzippedBytes int64 `mapstructure:"max_unzipped_bytes"`
	MaxZipEntries    int   `mapstructure:"max_zip_entries"`
	MaxLineBytes     int   `mapstructure:"max_line_bytes"`
	MaxFiles         int   `mapstructure:"max_files"`
	MaxXMLDepth      int   `mapstructure:"max_xml_depth"`
}

// loaded is a decoded, validated configuration with its provenance.
type loaded struct {
	cfg    Config
	file   string // "" when no file was read
	sha256 string
	v      *viper.Viper
}

// loadConfig reads configuration with precedence flag > PBASIS_* environment
// > config file > default. file is the -c flag; when empty, ./config.yaml is
// used if it exists. flags are bound by their names ("input", "out", "lang",
// "strict", "jobs", "codebook").
func loadConfig(file string, flags *pflag.FlagSet) (*loaded, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	// The shipped config.yaml holds every key with its default, so that
	// every key is known to viper (and to PBASIS_* variables).
	if err := v.ReadConfig(bytes.NewReader(pbasis.DefaultConfig())); err != nil {
		return nil, fmt.Errorf("built-in config: %w", err)
	}
	v.SetEnvPrefix("PBASIS")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	l := &loaded{v: v}
	if file == "" {
		if _, err := os.Stat("config.yaml"); err == nil {
			file = "config.yaml"
		}
	}
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, usageErr(fmt.Errorf("config: %w", err))
		}
		if err := v.MergeConfig(bytes.NewReader(data)); err != nil {
			return nil, usageErr(fmt.Errorf("config %s: %w", file, err))
		}
		sum := sha256.Sum256(data)
		l.file, l.sha256 = file, hex.EncodeToString(sum[:])
	}
	if flags != nil {
		for _, name := range []string{"input", "out", "lang", "strict", "jobs", "codebook", "decisions"} {
			if f := flags.Lookup(name); f != nil {
				if err := v.BindPFlag(name, f); err != nil {
					return nil, usageErr(err)
				}
			}
		}
	}
	if err := v.UnmarshalExact(&l.cfg); err != nil {
		return nil, usageErr(fmt.Errorf("config %s: %w", displayName(file), err))
	}
	if l.sha256 == "" {
		sum := sha256.Sum256(nil)
		l.sha256 = hex.EncodeToString(sum[:])
	}
	if err := l.cfg.validate(); err != nil {
		return nil, usageErr(fmt.Errorf("config %s:\n%w", displayName(file), err))
	}
	return l, nil
}

func displayName(file string) string {
	if file == "" {
		return "(defaults)"
	}
	return file
}

// validate checks every field and returns all problems at once.
func (c *Config) validate() error {
	var errs []error
	switch c.Lang {
	case "nl", "en":
	default:
		errs = append(errs, fmt.Errorf("lang: must be one of [nl en] (got %q)", c.Lang))
	}
	if c.Out == "" {
		errs = append(errs, errors.New("out: must name an output folder"))
	}
	if c.Jobs < 0 {
		errs = append(errs, fmt.Errorf("jobs: must be 0 (all cores) or more (got %d)", c.Jobs))
	}
	if _, err := c.corpusOptions(); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, c.Privacy.validate(c.Input, c.Out)...)
	return errors.Join(errs...)
}

// corpusOptions turns the configuration into corpus.Options.
func (c *Config) corpusOptions() (corpus.Options, error) {
	o := corpus.DefaultOptions()
	o.Unit = c.Corpus.SegmentUnit
	o.UnlabelledRole = c.Corpus.UnlabelledRole
	o.NotesGlobs = c.Corpus.NotesGlobs
	for k, r := range c.Corpus.Roles {
		o.Roles[strings.ToLower(strings.TrimSpace(k))] = strings.ToLower(strings.TrimSpace(r))
	}
	o.Table = corpus.TableColumns{Speaker: c.Corpus.Table.Speaker, Text: c.Corpus.Table.Text, Time: c.Corpus.Table.Time}
	o.Limits = corpus.Limits{
		MaxFileBytes: c.Limits.MaxFileBytes, MaxUnzippedBytes: c.Limits.MaxUnzippedBytes,
		MaxZipEntries: c.Limits.MaxZipEntries, MaxLineBytes: c.Limits.MaxLineBytes,
		MaxFiles: c.Limits.MaxFiles, MaxXMLDepth: c.Limits.MaxXMLDepth,
	}.WithDefaults()
	if c.Corpus.FilenamePattern != "" {
		re, err := regexp.Compile(c.Corpus.FilenamePattern)
		if err != nil {
			return o, fmt.Errorf("corpus.filename_pattern: %w", err)
		}
		o.FilenamePattern = re
	}
	return o, o.Validate()
}
