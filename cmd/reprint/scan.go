package main

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/scan"
)

// scanConfig is everything the scan command line says.
type scanConfig struct {
	paths  []string
	meta   []string
	read   article.Options // the limits; analyse adds the rest
	format string
	color  string
	width  int
	quiet  bool
	diag   diagnostics
	settings
	index string // reprint check: the index
	add   bool   // reprint check: add the articles to it afterwards
	given bool   // a detection flag was given
	// What of the report to show, and in what order.
	show         report.Selection
	since, until string
	sort         string
	table        string // of --format csv
}

// selectFlags adds the flags that say what of a report to show to fs.
func selectFlags(fs *pflag.FlagSet, cfg *scanConfig) {
	fs.StringArrayVar(&cfg.show.Articles, "article", nil, "show only this article's passages, partial reuse and row (an id; repeatable)")
	fs.StringArrayVar(&cfg.show.Sources, "source", nil, "show only articles from this source, with their passages (repeatable)")
	fs.StringVar(&cfg.since, "since", "", "show only articles published on or after this day (YYYY-MM-DD, UTC), with their passages")
	fs.StringVar(&cfg.until, "until", "", "... and on or before this day")
	fs.IntVar(&cfg.show.Top, "top", 0, "show only the N passages spread over the most articles, and their articles (0: all)")
	fs.StringVar(&cfg.sort, "sort", report.SortShare, "order the articles table: share (the most reused first), date (the latest first) or input (the scan's order)")
	fs.StringVar(&cfg.table, "table", "members", "with --format csv: members (a row per passage member), articles or partial")
}

// checkSelect checks and reads the flags selectFlags adds.
func checkSelect(cfg *scanConfig) error {
	for _, d := range []struct {
		flag, value string
		to          *time.Time
	}{{"since", cfg.since, &cfg.show.Since}, {"until", cfg.until, &cfg.show.Until}} {
		if d.value == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.value)
		if err != nil {
			return fmt.Errorf("--%s %q: want a day, YYYY-MM-DD", d.flag, d.value)
		}
		*d.to = t
	}
	switch {
	case !cfg.show.Since.IsZero() && !cfg.show.Until.IsZero() && cfg.show.Until.Before(cfg.show.Since):
		return fmt.Errorf("--until %s is before --since %s", cfg.until, cfg.since)
	case cfg.show.Top < 0:
		return fmt.Errorf("--top %d: want 0 (all) or more", cfg.show.Top)
	case !slices.Contains(report.ArticleOrders, cfg.sort):
		return fmt.Errorf("--sort %q: want %s", cfg.sort, strings.Join(report.ArticleOrders, ", "))
	case !slices.Contains(report.CSVTables, cfg.table):
		return fmt.Errorf("--table %q: want %s", cfg.table, strings.Join(report.CSVTables, ", "))
	case cfg.table != "members" && cfg.format != "csv":
		return fmt.Errorf("--table %s is for --format csv", cfg.table)
	}
	return nil
}

// tuningFlags adds the detection settings that scan and dedup share to fs.
func tuningFlags(fs *pflag.FlagSet, s *settings) {
	t := &s.tuning
	fs.IntVarP(&t.Shingle.Size, "shingle-size", "k", t.Shingle.Size, "words per shingle")
	fs.IntVar(&t.Shingle.MinWords, "min-words", t.Shingle.MinWords, "paragraphs with fewer words are not clustered")
	fs.IntVar(&t.LSH.Hashes, "hashes", t.LSH.Hashes, "MinHash signature length")
	fs.Float64Var(&t.LSH.Threshold, "threshold", t.LSH.Threshold, "Jaccard similarity the LSH index is tuned to find")
	fs.Float64Var(&t.LSH.MinJaccard, "min-jaccard", t.LSH.MinJaccard, "two paragraphs are one passage at this shingle Jaccard similarity ...")
	fs.Float64Var(&t.LSH.MinRatio, "min-ratio", t.LSH.MinRatio, "... when the shorter has at least this share of the longer's shingles")
	fs.Float64Var(&t.LSH.MinContain, "min-contain", t.LSH.MinContain, "... or when the shorter has at least this share of its shingles in the longer (0: off)")
	fs.Float64Var(&t.LSH.MinFigures, "min-figures", t.LSH.MinFigures, "formula families: a copy's figures agree at least this much with what it copies (0: off) ...")
	fs.Float64Var(&t.LSH.MinFacts, "min-facts", t.LSH.MinFacts, "... and its figures and names together at least this much (0: off)")
	fs.IntVar(&t.Span.MinWords, "min-span", t.Span.MinWords, "partial reuse: report shared runs of at least this many words")
	fs.IntVar(&t.Span.Common, "common", t.Span.Common, "partial reuse: a run in more unrelated places than this is a stock phrase (0: no limit)")
	fs.BoolVar(&t.IncludeTemplate, "include-template", false, "treat site furniture (lines in nearly every article of a source) as story text")
	fs.IntVar(&t.Template.MinArticles, "template-min", t.Template.MinArticles, "site furniture: only sources with at least this many articles have any ...")
	fs.Float64Var(&t.Template.Share, "template-share", t.Template.Share, "... and a line is furniture when this share of the source's articles has it")
}

const scanUsage = `Usage: reprint scan [flags] PATH...

Reads articles, finds paragraphs that appear in more than one of them (verbatim
or edited), groups them into recycled passages, names the original of each (the
earliest publication; input order where dates cannot tell) and its copies.

PATH is a folder (read recursively), a file, or - for article JSONL on stdin:
  .txt .md        one article: the first line is the headline, paragraphs are
                  separated by blank lines (by line breaks if there are none)
  .html .htm      one web page: paragraphs from <p>, <li>, <h2>... blocks;
                  navigation, scripts and styles left out; title and date from
                  og:title / <h1> / <title> and article:published_time / <time>
  .jsonl .ndjson  one JSON object a line: "text" (or "html", a page), and
                  optional "id", "title", "published", "source", "url"
Dates for text files come from a manifest beside them (dates.csv or
dates.jsonl: columns file,published[,source,url,title]) or from --meta.
Dates are YYYY-MM-DD or RFC 3339.

Examples:
  reprint scan testdata/seeds
  reprint scan --format markdown testdata/seeds > reuse.md
  reprint scan --format html testdata/seeds > reuse.html
  reprint scan --meta archive-dates.csv --min-words 12 archive/
  reprint scan --top 20 --since 2017-11-01 archive/
  reprint scan --article 002_beabc296365e2b5f.txt testdata/seeds
  reprint scan --format csv --table articles archive/ > articles.csv

Flags:
`

func parseScan(args []string, stderr io.Writer) (*scanConfig, error) {
	return parseReport("scan", scanUsage, args, stderr)
}

// parseScanLike parses the command line of a command that writes a scan's
// report (check); on an error it has said what went wrong and returns nil
// and the exit code.
func parseScanLike(name, usage string, args []string, stderr io.Writer) (*scanConfig, int) {
	cfg, err := parseReport(name, usage, args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return nil, exitOK
	}
	if err != nil {
		say(stderr, "reprint %s: %v\n", name, err)
		return nil, exitUsage
	}
	return cfg, exitOK
}

// parseReport parses the command line of scan, or of check, which adds
// --index and --add.
func parseReport(name, usage string, args []string, stderr io.Writer) (*scanConfig, error) {
	cfg := &scanConfig{settings: defaultSettings()}
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	check := name == "check"
	if check {
		fs.StringVar(&cfg.index, "index", "", "the archive index to check against: a folder (required)")
		fs.BoolVar(&cfg.add, "add", false, "add the articles to the index after the check")
	} else {
		fs.StringVar(&cfg.index, "index", "", "report against this archive index too, as reprint check does")
	}
	fs.StringVarP(&cfg.format, "format", "f", "table", "output: table, markdown, csv, json or html (one self-contained page)")
	selectFlags(fs, cfg)
	fs.StringArrayVar(&cfg.meta, "meta", nil, "manifest of dates (CSV or JSONL) for the articles; repeatable")
	readFlags(fs, &cfg.read)
	fs.IntVar(&cfg.width, "width", 0, "fit the table to this many columns (default: the terminal's, else $COLUMNS, else 100)")
	fs.StringVar(&cfg.color, "color", "auto", "colour the table: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "no progress bar (it shows only on a terminal, for runs over a second)")
	diagFlags(fs, &cfg.diag)
	tuningFlags(fs, &cfg.settings)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.paths = fs.Args()
	switch {
	case check && cfg.index == "":
		return nil, errors.New("no --index DIR to check against (reprint index add --index DIR PATH... makes one)")
	case len(cfg.paths) == 0 && check:
		return nil, errors.New("no PATH to check")
	case len(cfg.paths) == 0:
		return nil, errors.New("no PATH to scan (try: reprint scan testdata/seeds)")
	case !slices.Contains([]string{"table", "markdown", "csv", "json", "html"}, cfg.format):
		return nil, fmt.Errorf("--format %q: want table, markdown, csv, json or html", cfg.format)
	case !slices.Contains([]string{"auto", "always", "never"}, cfg.color):
		return nil, fmt.Errorf("--color %q: want auto, always or never", cfg.color)
	case cfg.width < 0 || cfg.width > maxWidth:
		return nil, fmt.Errorf("--width %d: want 1 to %d columns", cfg.width, maxWidth)
	}
	if err := checkSelect(cfg); err != nil {
		return nil, err
	}
	if err := checkSettings(fs, &cfg.settings, false, tuningFlags); err != nil {
		return nil, err
	}
	cfg.given = givenSettings(fs)
	if err := checkMeta(cfg.meta); err != nil {
		return nil, err
	}
	return cfg, nil
}

func runScan(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseScan(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		say(stderr, "reprint scan: %v\n", err)
		return exitUsage
	}
	return scanReport("scan", cfg, stdin, stdout, stderr)
}

// scanReport is reprint scan, and reprint check (scan --index): the report
// of cfg's articles, against an archive index when cfg names one, narrowed
// then to the articles read.
func scanReport(cmd string, cfg *scanConfig, stdin io.Reader, stdout, stderr io.Writer) int {
	var ix *archive.Index
	if cfg.index != "" {
		var code int
		if ix, code = openIndex(cmd, &indexConfig{dir: cfg.index, settings: cfg.settings, given: cfg.given}, false, !cfg.add, stderr); ix == nil {
			return code
		}
		defer ix.Close()
	}
	stop, ok := startDiagnostics(cfg.diag, stderr)
	if !ok {
		return exitError
	}
	defer stop()
	stages := 5 // reading, shingling, signing, partial reuse, the report
	if ix != nil {
		stages++ // the lookup
	}
	prog := startProgress(stderr, !cfg.quiet && isTerminal(stderr), stages, time.Second)
	stderr = prog.wrap(stderr) // messages clear the bar off their line
	defer prog.finish()
	tn := cfg.tuning
	tn.DropSets = true // the report reads the passages' scores, not the sets
	res, code := analyse(cfg.paths, article.Options{Meta: cfg.meta, Stdin: stdin, MaxFile: cfg.read.MaxFile, MaxArticle: cfg.read.MaxArticle}, tn, true, ix, prog, stderr)
	if res == nil {
		return code
	}
	start := time.Now()
	rep := report.Build(res.scan, res.corpus.Problems)
	var last []stage
	if rel := res.lookup; rel != nil {
		noteTruncated(cmd, rel, stderr)
		input := map[string]bool{}
		for _, a := range res.corpus.Articles {
			input[a.ID] = true
		}
		rep.Narrow(func(id string) bool { return input[id] })
		last = append(last, lookupStage(rel))
	}
	rep.Select(cfg.show)
	rep.SortArticles(cfg.sort)
	prog.step("writing the report: %d recycled passages", len(rep.Clusters))
	if err := write(rep, cfg, stdout); err != nil {
		say(stderr, "reprint: writing the report: %v\n", err)
		return exitError
	}
	reportTime := time.Since(start)
	prog.finish() // before --stats, so that the bar is gone when they print
	if cfg.diag.stats {
		printStats(stderr, res, append(last, stage{"report", reportTime, fmt.Sprintf("%d edited copies diffed", rep.Summary.Edited)})...)
	}
	if cfg.add && !addAfter(cmd, ix, res.corpus.Articles, stderr) {
		return exitError
	}
	return code
}

// analysis is the corpus read and scanned: what scan and dedup share.
type analysis struct {
	corpus *article.Corpus
	scan   *scan.Result
	lookup *archive.Related // the archived articles in the scan, when it was against an index
	read   time.Duration
}

// analyse reads the corpus and scans it: alone (scan.RunWithProgress), or,
// given an index, with the archived articles it needs (archive.Index.Check).
// Input problems go to stderr. With no article to scan, or a failure, the
// analysis is nil; otherwise code is exitOK, or exitSkipped when some input
// was passed over.
//
// With byDate the articles are taken in publication order (article.SortByDate),
// so that the report is the same whatever the order of dated input; dedup
// keeps the input order, which it writes back.
func analyse(paths []string, opts article.Options, tn scan.Options, byDate bool, ix *archive.Index, prog *progress, stderr io.Writer) (*analysis, int) {
	res := &analysis{}
	start := time.Now()
	prog.step("reading")
	res.corpus = article.Read(paths, opts)
	corpus := res.corpus
	if byDate {
		article.SortByDate(corpus.Articles)
	}
	res.read = time.Since(start)
	if !sayInput(corpus, len(corpus.Articles), "scan", stderr) {
		return nil, exitError
	}
	var err error
	if ix == nil {
		res.scan, err = scan.RunWithProgress(corpus.Articles, tn, prog.step)
	} else {
		prog.step("looking %d articles up in the index", len(corpus.Articles))
		res.scan, res.lookup, err = ix.Check(corpus.Articles, tn, byDate, prog.step)
	}
	if err != nil {
		say(stderr, "reprint: %v\n", err)
		return nil, exitError
	}
	if len(corpus.Problems) > 0 {
		say(stderr, "reprint: %d input problem(s) above; the output covers the rest\n", len(corpus.Problems))
		return res, exitSkipped
	}
	return res, exitOK
}

// sayInput says on stderr what reading the corpus skipped and passed over,
// and, when it read no article (of read), that there is none to verb; it
// reports whether there is any.
func sayInput(corpus *article.Corpus, read int, verb string, stderr io.Writer) bool {
	for _, p := range corpus.Problems {
		say(stderr, "reprint: skipped %v\n", p)
	}
	if len(corpus.Passed) > 0 {
		say(stderr, "reprint: note: passed over files that are not articles: %s\n", countsByKey(corpus.Passed))
	}
	if read == 0 {
		say(stderr, "reprint: no articles to %s\n", verb)
		return false
	}
	return true
}

func write(rep *report.Report, cfg *scanConfig, w io.Writer) error {
	switch cfg.format {
	case "json":
		return rep.WriteJSON(w)
	case "csv":
		return rep.WriteCSVTable(w, cfg.table)
	case "markdown":
		return rep.WriteMarkdown(w)
	case "html":
		return rep.WriteHTML(w)
	}
	tty := isTerminal(w)
	return rep.WriteTable(w, report.Style{Width: tableWidth(cfg.width, w, tty), Color: useColor(cfg.color, tty)})
}

// maxWidth is the widest table reprint writes: wider than any terminal, and
// small enough that padding every line to it costs little.
const maxWidth = 1000

// tableWidth picks the width to wrap to: the flag, the terminal's, $COLUMNS,
// or 100; at most maxWidth.
func tableWidth(flag int, w io.Writer, tty bool) int {
	if flag > 0 {
		return min(flag, maxWidth)
	}
	if tty {
		if cols, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil && cols > 0 {
			return min(cols, maxWidth)
		}
	}
	if cols, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && cols > 0 {
		return min(cols, maxWidth)
	}
	return 100
}

// useColor follows --color, and in auto mode the terminal and NO_COLOR (https://no-color.org).
func useColor(mode string, tty bool) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return tty && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// countsByKey writes counts as ".html 12, .pdf 1", keys sorted.
func countsByKey(m map[string]int) string {
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
