package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"time"

	"github.com/spf13/pflag"
)

// diagnostics are the flags that measure a run, for scan and dedup alike.
type diagnostics struct {
	stats   bool
	cpuProf string
	memProf string
}

// diagFlags adds --stats, --cpuprofile and --memprofile to fs.
func diagFlags(fs *pflag.FlagSet, d *diagnostics) {
	fs.BoolVar(&d.stats, "stats", false, "print the time of each stage, MB/s, paragraphs/s and (on Linux) peak memory on standard error")
	fs.StringVar(&d.cpuProf, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	fs.StringVar(&d.memProf, "memprofile", "", "write a heap profile (go tool pprof) to this file at the end")
}

// startDiagnostics is d.start, saying on stderr why it failed.
func startDiagnostics(d diagnostics, stderr io.Writer) (stop func(), ok bool) {
	stop, err := d.start(stderr)
	if err != nil {
		say(stderr, "reprint: %v\n", err)
		return nil, false
	}
	return stop, true
}

// start begins the CPU profile, if asked for. stop ends it and writes the
// heap profile, if asked for.
func (d diagnostics) start(stderr io.Writer) (stop func(), err error) {
	var f *os.File
	if d.cpuProf != "" {
		if f, err = os.Create(d.cpuProf); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
	}
	return func() {
		if f != nil {
			pprof.StopCPUProfile()
			f.Close()
		}
		if d.memProf != "" {
			writeHeapProfile(d.memProf, stderr)
		}
	}, nil
}

func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		f.Close()
	}
	if err != nil {
		say(stderr, "reprint: heap profile: %v\n", err)
	}
}

// A stage is one line of --stats: what ran, how long, and what it made.
type stage struct {
	name string
	took time.Duration
	note string
}

// printStats writes the --stats report: throughput, then one line a stage,
// the scan's stages and then the command's own (last: writing the report or
// the corpus).
func printStats(w io.Writer, a *analysis, last ...stage) {
	r, st := a.scan, a.scan.Stats
	stages := []stage{
		{"read", a.read, fmt.Sprintf("%d articles", len(r.Articles))},
		{"normalise and shingle", st.Shingle, fmt.Sprintf("%d paragraphs", len(r.Paragraphs))},
		{"sign", st.LSH.Sign, fmt.Sprintf("%d distinct sets of %d clusterable paragraphs", st.LSH.Distinct, st.LSH.Paragraphs)},
		{"candidates", st.LSH.Index, fmt.Sprintf("%d candidate pairs", st.LSH.Candidates)},
		{"verify", st.LSH.Verify, fmt.Sprintf("%d verified", st.LSH.Verified)},
		{"cluster", st.LSH.Cluster, ""},
		{"passages", st.Passage, fmt.Sprintf("%d recycled passages", len(r.Passages))},
		{"partial reuse", st.Span, fmt.Sprintf("%d partial reuses", len(r.Partial))},
		{"shares", st.Tally, ""},
	}
	stages = append(stages, last...)
	var total time.Duration
	for _, s := range stages {
		total += s.took
	}
	secs := total.Seconds()
	fmt.Fprintf(w, "reprint: stats: %.1f MB in %.3f s: %.1f MB/s, %.0f paragraphs/s\n",
		float64(a.corpus.Bytes)/1e6, secs, float64(a.corpus.Bytes)/1e6/secs, float64(len(r.Paragraphs))/secs)
	for _, s := range stages {
		fmt.Fprintf(w, "  %-22s %8.3f s  %5.1f%%  %s\n", s.name, s.took.Seconds(), 100*s.took.Seconds()/secs, s.note)
	}
	if peak, ok := peakMemory(); ok {
		fmt.Fprintf(w, "  peak memory %.0f MB\n", float64(peak)/1e6)
	}
}
