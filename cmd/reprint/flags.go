package main

import (
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/dustin/go-humanize"
	"github.com/spf13/pflag"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/dedup"
	"github.com/reprint/reprint/scan"
)

// settings are the detection and dedup settings a command's flags fill in.
type settings struct {
	tuning scan.Options
	dedup  dedup.Options
}

func defaultSettings() settings {
	return settings{
		tuning: scan.DefaultOptions,
		dedup:  dedup.Options{Keep: dedup.KeepEarliest, MinCover: dedup.DefaultMinCover, Rule: scan.DefaultOptions.LSH},
	}
}

// validate checks the settings; withDedup checks dedup's too.
func (s *settings) validate(withDedup bool) error {
	if err := s.tuning.Validate(); err != nil {
		return err
	}
	if !withDedup {
		return nil
	}
	s.dedup.Rule = s.tuning.LSH
	return s.dedup.Validate()
}

// checkSettings validates the settings the flags in fs set, naming the flag
// at fault: each flag the user gave is tried alone on the defaults first
// ("--min-jaccard 2: want more than 0 and at most 1"), then all together.
// register adds the settings' flags to a flag set, as the command does.
func checkSettings(fs *pflag.FlagSet, s *settings, withDedup bool, register func(*pflag.FlagSet, *settings)) error {
	var err error
	fs.Visit(func(f *pflag.Flag) {
		if err != nil {
			return
		}
		alone := defaultSettings()
		one := pflag.NewFlagSet("", pflag.ContinueOnError)
		register(one, &alone)
		if one.Lookup(f.Name) == nil {
			return // not a setting
		}
		if e := one.Set(f.Name, f.Value.String()); e != nil {
			err = fmt.Errorf("--%s %s: %v", f.Name, f.Value, e)
			return
		}
		if e := alone.validate(withDedup); e != nil {
			msg := e.Error()
			if i := strings.Index(msg, "want "); i >= 0 {
				msg = msg[i:]
			}
			err = fmt.Errorf("--%s %s: %s", f.Name, f.Value, msg)
		}
	})
	if err != nil {
		return err
	}
	return s.validate(withDedup)
}

// checkMeta refuses a --meta manifest that cannot be read: a usage error,
// before any work.
func checkMeta(meta []string) error {
	for _, m := range meta {
		info, err := os.Stat(m)
		switch {
		case err != nil:
			return fmt.Errorf("--meta %s: %v", m, unwrapPath(err))
		case !info.Mode().IsRegular():
			return fmt.Errorf("--meta %s: not a regular file (a manifest is a CSV or JSONL file)", m)
		}
	}
	return nil
}

// readFlags adds the flags that bound what is read to fs.
func readFlags(fs *pflag.FlagSet, o *article.Options) {
	o.MaxFile, o.MaxArticle = article.DefaultMaxFile, article.DefaultMaxArticle
	fs.Var((*size)(&o.MaxFile), "max-file", "read at most this much of one file, manifest or standard input (e.g. 500MB, 8GiB)")
	fs.Var((*size)(&o.MaxArticle), "max-article", "read articles (a text or HTML file, a JSONL line) of at most this size")
}

// size is a flag value in bytes, written as "64MiB", "500MB" or "1000".
type size int64

func (s *size) String() string { return article.Size(int64(*s)) }

func (s *size) Type() string { return "size" }

func (s *size) Set(v string) error {
	n, err := humanize.ParseBytes(v)
	if err != nil || n == 0 || n > math.MaxInt64 {
		return fmt.Errorf("want a size such as 64MiB or 500MB")
	}
	*s = size(n)
	return nil
}

// unwrapPath is err without the path that the flag's message already names.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
