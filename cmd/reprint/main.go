// Command reprint finds the paragraphs news articles recycle from each other.
//
// Usage:
//
//	reprint scan [flags] PATH...
//	reprint dedup [flags] PATH...
//	reprint index add|stats|remove|compact|verify --index DIR ...
//	reprint check --index DIR [flags] PATH...
//
// See reprint help, or docs/usage.md, for the flags, input formats and exit codes.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/reprint/reprint/internal/printable"
)

// version is a packager's stamp (-ldflags '-X main.version=...'); without
// it, the module's version from the build info (versionOf).
var version string

// versionOf is the version to print: the stamp, else the module version
// Go recorded (go install module@version gives the release; a build in a
// checkout, a pseudo-version of its commit), else its commit, else
// "(devel)".
func versionOf(stamp string, info *debug.BuildInfo, ok bool) string {
	if stamp != "" {
		return stamp
	}
	if !ok {
		return "(devel)"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "(devel) " + s.Value[:12]
		}
	}
	return "(devel)"
}

// Exit codes.
const (
	exitOK      = 0 // the report was written and all input was read
	exitError   = 1 // nothing could be reported: no readable article, or output failed
	exitUsage   = 2 // the command line is wrong
	exitSkipped = 3 // the report was written, but some input was skipped (listed on stderr)
)

func main() {
	// The collector's default lets the heap grow to twice the live data; at
	// 100 MB of input that peaked between 1.2 and 1.55 GB. 75 keeps the peak
	// near 1.05 GB for a few percent of time. GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(75)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `reprint finds the paragraphs news articles recycle from each other.

Usage:
  reprint scan [flags] PATH...   report recycled paragraphs, their originals and copies
  reprint dedup [flags] PATH...  write the corpus as JSONL with each recycled passage kept once
  reprint index add --index DIR PATH...
                                 keep articles in an archive index on disk (reprint index
                                 help: stats, remove, compact, verify)
  reprint check --index DIR PATH...
                                 report articles against the archive and each other
  reprint help [COMMAND]         show this help, or a command's (as reprint COMMAND --help)
  reprint --version              print the version

Examples:
  reprint scan testdata/seeds
  reprint scan --format json articles.jsonl > reuse.json
  reprint scan --meta dates.csv stories/
  cat articles.jsonl | reprint scan -
  reprint dedup --min-share 0.8 articles.jsonl > clean.jsonl
  reprint index add --index archive.idx stories/
  reprint check --index archive.idx draft.txt

Exit codes: 0 report written; 1 nothing to report (no readable article);
2 bad command line; 3 report written but some input was skipped.
`

// run is the whole command; main only exits with its code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "scan":
		return runScan(args[1:], stdin, stdout, stderr)
	case "dedup":
		return runDedup(args[1:], stdin, stdout, stderr)
	case "index":
		return runIndex(args[1:], stdin, stdout, stderr)
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "help", "-h", "--help":
		if len(args) > 1 && args[0] == "help" {
			switch args[1] {
			case "scan", "dedup", "index", "check":
				// A command's help goes where asked for help goes: stdout.
				return run(append(args[1:], "--help"), stdin, stdout, stdout)
			}
			say(stderr, "reprint help: unknown command %q (commands: scan, dedup, index, check)\n", args[1])
			return exitUsage
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version", "--version":
		info, ok := debug.ReadBuildInfo()
		fmt.Fprintf(stdout, "reprint %s\n", versionOf(version, info, ok))
		return exitOK
	}
	say(stderr, "reprint: unknown command %q (try: reprint scan PATH...; reprint help)\n", args[0])
	return exitUsage
}

// say writes a message to stderr (or any terminal) with everything in it
// that came from input made printable: a file name or an article's id
// cannot send the terminal escape codes.
func say(w io.Writer, format string, args ...any) {
	io.WriteString(w, printable.Text(fmt.Sprintf(format, args...)))
}
