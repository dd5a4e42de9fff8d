package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

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

// checkMeta refuses a --meta manifest that cannot be opened: a usage error,
// before any work.
func checkMeta(meta []string) error {
	for _, m := range meta {
		if _, err := os.Stat(m); err != nil {
			return fmt.Errorf("--meta %s: %v", m, unwrapPath(err))
		}
	}
	return nil
}

// unwrapPath is err without the path that the flag's message already names.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
