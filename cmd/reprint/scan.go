package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/boilerplate"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/span"
)

// scanConfig is everything the scan command line says.
type scanConfig struct {
	paths   []string
	meta    []string
	format  string
	color   string
	width   int
	stats   bool
	quiet   bool
	cpuProf string
	memProf string
	tuning
}

// tuning is the detection settings that scan and dedup share.
type tuning struct {
	shingle         shingle.Config
	lsh             lsh.Config
	span            span.Config
	template        boilerplate.Config
	includeTemplate bool
}

func defaultTuning() tuning {
	return tuning{shingle: shingle.DefaultConfig, lsh: lsh.DefaultConfig, span: span.DefaultConfig, template: boilerplate.DefaultConfig}
}

// flags adds the tuning flags to fs.
func (t *tuning) flags(fs *pflag.FlagSet) {
	fs.IntVarP(&t.shingle.Size, "shingle-size", "k", t.shingle.Size, "words per shingle")
	fs.IntVar(&t.shingle.MinWords, "min-words", t.shingle.MinWords, "paragraphs with fewer words are not clustered")
	fs.IntVar(&t.lsh.Hashes, "hashes", t.lsh.Hashes, "MinHash signature length")
	fs.Float64Var(&t.lsh.Threshold, "threshold", t.lsh.Threshold, "Jaccard similarity the LSH index is tuned to find")
	fs.Float64Var(&t.lsh.MinJaccard, "min-jaccard", t.lsh.MinJaccard, "two paragraphs are one passage at this shingle Jaccard similarity ...")
	fs.Float64Var(&t.lsh.MinRatio, "min-ratio", t.lsh.MinRatio, "... when the shorter has at least this share of the longer's shingles")
	fs.IntVar(&t.span.MinWords, "min-span", t.span.MinWords, "partial reuse: report shared runs of at least this many words")
	fs.IntVar(&t.span.Common, "common", t.span.Common, "partial reuse: a run in more unrelated places than this is a stock phrase (0: no limit)")
	fs.BoolVar(&t.includeTemplate, "include-template", false, "treat site furniture (lines in nearly every article of a source) as story text")
	fs.IntVar(&t.template.MinArticles, "template-min", t.template.MinArticles, "site furniture: only sources with at least this many articles have any ...")
	fs.Float64Var(&t.template.Share, "template-share", t.template.Share, "... and a line is furniture when this share of the source's articles has it")
}

func (t *tuning) validate() error {
	if err := t.template.Validate(); err != nil {
		return err
	}
	if _, err := shingle.New(t.shingle); err != nil {
		return err
	}
	if err := t.lsh.Validate(); err != nil {
		return err
	}
	return t.span.Validate()
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

Flags:
`

func parseScan(args []string, stderr io.Writer) (*scanConfig, error) {
	cfg := &scanConfig{tuning: defaultTuning()}
	fs := pflag.NewFlagSet("scan", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVarP(&cfg.format, "format", "f", "table", "output: table, markdown, csv, json or html (one self-contained page)")
	fs.StringArrayVar(&cfg.meta, "meta", nil, "manifest of dates (CSV or JSONL) for the articles; repeatable")
	fs.IntVar(&cfg.width, "width", 0, "wrap the table to this many columns (default: the terminal's, else $COLUMNS, else 100)")
	fs.StringVar(&cfg.color, "color", "auto", "colour the table: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.BoolVar(&cfg.stats, "stats", false, "print the time of each stage, MB/s, paragraphs/s and (on Linux) peak memory on standard error")
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "no progress bar (it shows only on a terminal, for runs over a second)")
	fs.StringVar(&cfg.cpuProf, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	fs.StringVar(&cfg.memProf, "memprofile", "", "write a heap profile (go tool pprof) to this file at the end")
	cfg.tuning.flags(fs)
	fs.Usage = func() {
		fmt.Fprint(stderr, scanUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.paths = fs.Args()
	switch {
	case len(cfg.paths) == 0:
		return nil, errors.New("no PATH to scan (try: reprint scan testdata/seeds)")
	case !slices.Contains([]string{"table", "markdown", "csv", "json", "html"}, cfg.format):
		return nil, fmt.Errorf("--format %q: want table, markdown, csv, json or html", cfg.format)
	case !slices.Contains([]string{"auto", "always", "never"}, cfg.color):
		return nil, fmt.Errorf("--color %q: want auto, always or never", cfg.color)
	case cfg.width < 0:
		return nil, fmt.Errorf("--width %d: want a positive number of columns", cfg.width)
	}
	if err := cfg.tuning.validate(); err != nil {
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
		fmt.Fprintf(stderr, "reprint scan: %v\n", err)
		return exitUsage
	}

	if cfg.cpuProf != "" {
		stop, err := startCPUProfile(cfg.cpuProf)
		if err != nil {
			fmt.Fprintf(stderr, "reprint: %v\n", err)
			return exitError
		}
		defer stop()
	}
	if cfg.memProf != "" {
		defer writeHeapProfile(cfg.memProf, stderr)
	}
	prog := startProgress(stderr, !cfg.quiet && isTerminal(stderr), 5, time.Second)
	defer prog.finish()
	res, code := analyse(cfg.paths, article.Options{Meta: cfg.meta, Stdin: stdin}, cfg.tuning, true, prog, stderr)
	if res == nil {
		return code
	}
	start := time.Now()
	prog.step("writing the report: %d recycled passages", len(res.report.Clusters))
	if err := write(res.report, cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "reprint: writing the report: %v\n", err)
		return exitError
	}
	res.times.report += time.Since(start)
	prog.finish() // before --stats, so that the bar is gone when they print
	if cfg.stats {
		res.times.print(stderr, res.corpus.Bytes, len(res.corpus.Articles), res.paragraphs, res.lsh, res.report.Summary.Edited)
	}
	return code
}

// analysis is a scan up to its report: what scan and dedup share.
type analysis struct {
	corpus     *article.Corpus
	report     *report.Report
	paragraphs int
	times      stageTimes
	lsh        lsh.Stats
}

// analyse reads the corpus, finds recycled passages and partial reuse, and
// builds the report. Input problems go to stderr. With no article to scan, or
// a failure, the analysis is nil; otherwise code is exitOK, or exitSkipped
// when some input was passed over.
//
// With byDate the articles are taken in publication order (article.SortByDate),
// so that the report is the same whatever the order of dated input; dedup
// keeps the input order, which it writes back.
func analyse(paths []string, opts article.Options, tn tuning, byDate bool, prog *progress, stderr io.Writer) (*analysis, int) {
	res := &analysis{}
	start := time.Now()
	prog.step("reading")
	res.corpus = article.Read(paths, opts)
	corpus := res.corpus
	if byDate {
		article.SortByDate(corpus.Articles)
	}
	res.times.read = time.Since(start)
	prog.step("shingling %d articles", len(corpus.Articles))
	for _, p := range corpus.Problems {
		fmt.Fprintf(stderr, "reprint: skipped %v\n", p)
	}
	if len(corpus.Passed) > 0 {
		fmt.Fprintf(stderr, "reprint: note: passed over files that are not articles: %s\n", countsByKey(corpus.Passed))
	}
	if len(corpus.Articles) == 0 {
		fmt.Fprintln(stderr, "reprint: no articles to scan")
		return nil, exitError
	}
	start = time.Now()
	sh, _ := shingle.New(tn.shingle) // validated with the flags
	paras := sh.Shingle(corpus.Articles)
	furniture := boilerplate.Find(corpus.Articles, paras, tn.template)
	if !tn.includeTemplate {
		boilerplate.Exclude(paras, furniture)
	}
	res.times.shingle = time.Since(start)
	res.paragraphs = len(paras)
	prog.step("signing and clustering %d paragraphs", len(paras))
	clusters, lshStats, err := passage.Find(corpus.Articles, paras, tn.lsh)
	if err != nil {
		fmt.Fprintf(stderr, "reprint: %v\n", err)
		return nil, exitError
	}
	res.lsh = lshStats
	start = time.Now()
	prog.step("finding partial reuse in %d paragraphs", len(paras))
	partial, err := span.Find(paras, article.Chronology(corpus.Articles), passage.Groups(clusters, len(paras)), tn.span)
	if err != nil {
		fmt.Fprintf(stderr, "reprint: %v\n", err)
		return nil, exitError
	}
	res.times.span = time.Since(start)
	for i := range paras {
		paras[i].Hashes = nil // only partial reuse reads the word hashes: let them go
	}
	start = time.Now()
	res.report = report.Build(corpus.Articles, paras, clusters, partial, corpus.Problems)
	res.report.Settings = report.Settings{Shingle: tn.shingle, LSH: tn.lsh, Span: tn.span, Template: tn.template, IncludeTemplate: tn.includeTemplate}
	res.report.SetTemplate(furniture)
	res.times.report = time.Since(start)
	if len(corpus.Problems) > 0 {
		fmt.Fprintf(stderr, "reprint: %d input problem(s) above; the output covers the rest\n", len(corpus.Problems))
		return res, exitSkipped
	}
	return res, exitOK
}

func write(rep *report.Report, cfg *scanConfig, w io.Writer) error {
	switch cfg.format {
	case "json":
		return rep.WriteJSON(w)
	case "csv":
		return rep.WriteCSV(w)
	case "markdown":
		return rep.WriteMarkdown(w)
	case "html":
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := rep.WriteHTML(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tty := isTerminal(w)
	return rep.WriteTable(w, report.Style{Width: tableWidth(cfg.width, w, tty), Color: useColor(cfg.color, tty)})
}

func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		f.Close()
	}
	if err != nil {
		fmt.Fprintf(stderr, "reprint: heap profile: %v\n", err)
	}
}

// stageTimes is how long each stage of a scan took.
type stageTimes struct{ read, shingle, span, report time.Duration }

// print writes the --stats report: throughput, then one line a stage.
func (t stageTimes) print(w io.Writer, bytes int64, articles, paragraphs int, st lsh.Stats, edited int) {
	stages := []struct {
		name string
		took time.Duration
		note string
	}{
		{"read", t.read, fmt.Sprintf("%d articles", articles)},
		{"normalise and shingle", t.shingle, fmt.Sprintf("%d paragraphs", paragraphs)},
		{"sign", st.Sign, fmt.Sprintf("%d distinct sets of %d clusterable paragraphs", st.Distinct, st.Paragraphs)},
		{"candidates", st.Index, fmt.Sprintf("%d candidate pairs", st.Candidates)},
		{"verify", st.Verify, fmt.Sprintf("%d verified", st.Verified)},
		{"cluster", st.Cluster, ""},
		{"partial reuse", t.span, ""},
		{"report", t.report, fmt.Sprintf("%d edited copies diffed", edited)},
	}
	var total time.Duration
	for _, s := range stages {
		total += s.took
	}
	secs := total.Seconds()
	fmt.Fprintf(w, "reprint: stats: %.1f MB in %.3f s: %.1f MB/s, %.0f paragraphs/s\n",
		float64(bytes)/1e6, secs, float64(bytes)/1e6/secs, float64(paragraphs)/secs)
	for _, s := range stages {
		fmt.Fprintf(w, "  %-22s %8.3f s  %5.1f%%  %s\n", s.name, s.took.Seconds(), 100*s.took.Seconds()/secs, s.note)
	}
	if peak, ok := peakMemory(); ok {
		fmt.Fprintf(w, "  peak memory %.0f MB\n", float64(peak)/1e6)
	}
}

// tableWidth picks the width to wrap to: the flag, the terminal's, $COLUMNS, or 100.
func tableWidth(flag int, w io.Writer, tty bool) int {
	if flag > 0 {
		return flag
	}
	if tty {
		if cols, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	if cols, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && cols > 0 {
		return cols
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
