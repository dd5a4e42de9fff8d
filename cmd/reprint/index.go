package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/plural"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/scan"
)

const indexUsage = `Usage: reprint index COMMAND --index DIR [flags] [ARGS]

Keeps an archive of articles on disk, to check new ones against (reprint check)
without reading the archive again.

Commands:
  add PATH...     add the articles at PATH (read as reprint scan reads them);
                  an article whose id is indexed already is replaced by its new
                  version, or passed over when it is the same; makes the index
                  when DIR is missing or empty, with the detection flags given
  stats           what the index holds, and the settings it was built with
  remove ID...    take articles out by id
  compact         rewrite the store compactly (after many removals or replacements)
  verify          read the whole index and check that it is whole

Examples:
  reprint index add --index archive.idx stories/
  reprint index stats --index archive.idx
  reprint check --index archive.idx draft.txt

Run reprint index COMMAND --help for a command's flags.
`

// runIndex runs reprint index COMMAND.
func runIndex(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, indexUsage)
		return exitUsage
	}
	switch args[0] {
	case "add":
		return runIndexAdd(args[1:], stdin, stdout, stderr)
	case "stats":
		return runIndexStats(args[1:], stdout, stderr)
	case "remove":
		return runIndexRemove(args[1:], stdout, stderr)
	case "compact":
		return runIndexCompact(args[1:], stdout, stderr)
	case "verify":
		return runIndexVerify(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, indexUsage)
		return exitOK
	}
	say(stderr, "reprint index: unknown command %q (want add, stats, remove, compact or verify)\n", args[0])
	return exitUsage
}

// indexConfig is what every index command line says.
type indexConfig struct {
	dir      string
	paths    []string
	meta     []string
	read     article.Options
	diag     diagnostics
	quiet    bool
	format   string
	batch    int
	settings settings
	given    bool // the detection flags were given
}

// indexFlagSet is a command's flag set with --index.
func indexFlagSet(name, usage string, cfg *indexConfig, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVar(&cfg.dir, "index", "", "the index: a folder (required)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseIndexFlags parses args, and says what is missing.
func parseIndexFlags(fs *pflag.FlagSet, cfg *indexConfig, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.dir == "" {
		return errors.New("no --index DIR")
	}
	cfg.paths = fs.Args()
	return nil
}

// openIndex opens the index for cmd, with the detection settings the flags
// gave if any, and says what went wrong in the user's terms.
func openIndex(cmd string, cfg *indexConfig, create, readOnly bool, stderr io.Writer) (*archive.Index, int) {
	opts := archive.Options{Create: create, ReadOnly: readOnly}
	if cfg.given {
		opts.Settings = &cfg.settings.tuning
	}
	ix, err := archive.Open(cfg.dir, opts)
	var se *archive.SettingsError
	if errors.As(err, &se) {
		say(stderr, "reprint %s: index %s was built with other detection settings: %s. Leave the detection flags out to use the index's, or build a new index with these: reprint index add --index NEWDIR ... PATH...\n",
			cmd, cfg.dir, strings.Join(settingsDiff(se.Built, se.Requested), "; "))
		return nil, exitUsage
	}
	if err != nil {
		say(stderr, "reprint %s: %v\n", cmd, err)
		return nil, exitError
	}
	return ix, exitOK
}

// givenSettings says whether the command line fs parsed gave a detection
// flag.
func givenSettings(fs *pflag.FlagSet) bool {
	probe := pflag.NewFlagSet("", pflag.ContinueOnError)
	s := defaultSettings()
	tuningFlags(probe, &s)
	given := false
	fs.Visit(func(f *pflag.Flag) { given = given || probe.Lookup(f.Name) != nil })
	return given
}

// settingsDiff names the detection flags whose values differ, as "--flag X
// (this run: Y)".
func settingsDiff(built, requested scan.Options) []string {
	b, r := defaultSettings(), defaultSettings()
	b.tuning, r.tuning = built, requested
	bf, rf := pflag.NewFlagSet("", pflag.ContinueOnError), pflag.NewFlagSet("", pflag.ContinueOnError)
	tuningFlags(bf, &b)
	tuningFlags(rf, &r)
	var out []string
	bf.VisitAll(func(f *pflag.Flag) {
		if want := rf.Lookup(f.Name).Value.String(); want != f.Value.String() {
			out = append(out, fmt.Sprintf("--%s %s (this run: %s)", f.Name, f.Value, want))
		}
	})
	return out
}

// settingsFlags writes settings as the flags that give them.
func settingsFlags(o scan.Options) string {
	s := defaultSettings()
	s.tuning = o
	fs := pflag.NewFlagSet("", pflag.ContinueOnError)
	tuningFlags(fs, &s)
	var out []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Value.Type() == "bool" {
			if f.Value.String() == "true" {
				out = append(out, "--"+f.Name)
			}
			return
		}
		out = append(out, fmt.Sprintf("--%s %s", f.Name, f.Value))
	})
	return strings.Join(out, " ")
}

const indexAddUsage = `Usage: reprint index add --index DIR [flags] PATH...

Reads the articles at PATH as reprint scan does and adds them to the index at
DIR, made when DIR is missing or empty. An article whose id is indexed already
is replaced by its new version, or passed over when it is the same. Articles
are committed in batches, each on disk before the next: an interrupted add
leaves the batches it committed, and running it again completes it.

The detection flags (reprint scan --help) are fixed when the index is made;
given to an existing index, they must be the ones it was built with.

Examples:
  reprint index add --index archive.idx stories/
  reprint index add --index archive.idx --meta dates.csv today/

Flags:
`

func runIndexAdd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg := &indexConfig{settings: defaultSettings()}
	fs := indexFlagSet("index add", indexAddUsage, cfg, stderr)
	fs.StringArrayVar(&cfg.meta, "meta", nil, "manifest of dates (CSV or JSONL) for the articles; repeatable")
	readFlags(fs, &cfg.read)
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "no progress bar")
	fs.IntVar(&cfg.batch, "batch", archive.DefaultBatch, "commit this many articles at a time")
	diagFlags(fs, &cfg.diag)
	tuningFlags(fs, &cfg.settings)
	if code, done := parseIndexCommand(fs, cfg, args, stderr, "index add", true); done {
		return code
	}
	if cfg.batch < 1 {
		say(stderr, "reprint index add: --batch %d: want at least 1\n", cfg.batch)
		return exitUsage
	}
	if len(cfg.paths) == 0 {
		say(stderr, "reprint index add: no PATH to add (try: reprint index add --index %s testdata/seeds)\n", cfg.dir)
		return exitUsage
	}
	stop, ok := startDiagnostics(cfg.diag, stderr)
	if !ok {
		return exitError
	}
	defer stop()
	start := time.Now()
	ix, code := openIndex("index add", cfg, true, false, stderr)
	if ix == nil {
		return code
	}
	defer ix.Close()
	ix.Batch = cfg.batch
	// The input is read and added a batch at a time (article.Stream): an
	// add holds no more than a batch of it, however large it is.
	prog := startProgress(stderr, !cfg.quiet && isTerminal(stderr), 1, time.Second)
	stderr = prog.wrap(stderr) // messages clear the bar off their line
	var st archive.AddStats
	var addTime time.Duration
	received := 0
	read := article.Options{Meta: cfg.meta, Stdin: stdin, MaxFile: cfg.read.MaxFile, MaxArticle: cfg.read.MaxArticle}
	corpus, err := article.Stream(cfg.paths, read, streamBatch, func(arts []*article.Article) error {
		prog.step("adding: %d articles so far", received)
		received += len(arts)
		s, err := ix.Add(arts, nil)
		st.Added, st.Replaced, st.Unchanged, st.Batches = st.Added+s.Added, st.Replaced+s.Replaced, st.Unchanged+s.Unchanged, st.Batches+s.Batches
		addTime += s.Took
		return err
	})
	prog.finish()
	if err != nil {
		say(stderr, "reprint index add: %v\n", err)
		return exitError
	}
	code = exitOK
	if !sayInput(corpus, received, "add", stderr) {
		return exitError
	}
	if len(corpus.Problems) > 0 {
		say(stderr, "reprint: %d input problem(s) above; the rest was added\n", len(corpus.Problems))
		code = exitSkipped
	}
	if cfg.diag.stats {
		printAddStats(stderr, corpus.Bytes, time.Since(start), addTime, st)
	}
	stats, _ := ix.Stats()
	say(stdout, "added %s, replaced %d, passed over %d unchanged; index %s holds %s\n",
		plural.Of(st.Added, "article"), st.Replaced, st.Unchanged, cfg.dir, plural.Of(int(stats.Articles), "article"))
	return code
}

// parseIndexCommand parses a command line and checks its settings; done
// says the command is over, with code.
func parseIndexCommand(fs *pflag.FlagSet, cfg *indexConfig, args []string, stderr io.Writer, cmd string, settingsFlags bool) (code int, done bool) {
	err := parseIndexFlags(fs, cfg, args)
	if errors.Is(err, pflag.ErrHelp) {
		return exitOK, true
	}
	if err == nil && settingsFlags {
		cfg.given = givenSettings(fs)
		if err = checkSettings(fs, &cfg.settings, false, tuningFlags); err == nil {
			err = checkMeta(cfg.meta)
		}
	}
	if err != nil {
		say(stderr, "reprint %s: %v\n", cmd, err)
		return exitUsage, true
	}
	return 0, false
}

// indexCommand parses the command line of a command that works on an index
// alone (stats, remove, compact, verify): flags, unless nil, adds its own
// flags; check, unless nil, says what is wrong with what the line gave.
// Then it opens the index, read-only or not. A nil index ends the command,
// with code.
func indexCommand(name, usage string, args []string, stderr io.Writer, readOnly bool,
	flags func(*pflag.FlagSet, *indexConfig), check func(*indexConfig) error) (*indexConfig, *archive.Index, int) {
	cfg := &indexConfig{settings: defaultSettings()}
	fs := indexFlagSet(name, usage, cfg, stderr)
	if flags != nil {
		flags(fs, cfg)
	}
	if code, done := parseIndexCommand(fs, cfg, args, stderr, name, false); done {
		return cfg, nil, code
	}
	if check == nil {
		check = func(*indexConfig) error { return nil }
	}
	if err := check(cfg); err != nil {
		say(stderr, "reprint %s: %v\n", name, err)
		return cfg, nil, exitUsage
	}
	ix, code := openIndex(name, cfg, false, readOnly, stderr)
	return cfg, ix, code
}

// noArguments refuses arguments after the flags.
func noArguments(cfg *indexConfig) error {
	if len(cfg.paths) > 0 {
		return fmt.Errorf("unexpected argument %q", cfg.paths[0])
	}
	return nil
}

const indexStatsUsage = `Usage: reprint index stats --index DIR [--format table|json]

Says what the index holds: articles, paragraphs, their date range, its size on
disk, and the settings it was built with.

Flags:
`

// indexStatsJSON is reprint index stats --format json.
type indexStatsJSON struct {
	Schema     string  `json:"schema"`
	Articles   int64   `json:"articles"`
	Paragraphs int64   `json:"paragraphs"`
	Clustered  int64   `json:"clustered_paragraphs"`
	TextBytes  int64   `json:"text_bytes"`
	DiskBytes  int64   `json:"disk_bytes"`
	First      *string `json:"first_published"`
	Last       *string `json:"last_published"`
	Undated    bool    `json:"has_undated"`
	Format     int     `json:"format"`
	Created    string  `json:"created"`
	Settings   any     `json:"settings"`
}

func runIndexStats(args []string, stdout, stderr io.Writer) int {
	cfg, ix, code := indexCommand("index stats", indexStatsUsage, args, stderr, true,
		func(fs *pflag.FlagSet, cfg *indexConfig) {
			fs.StringVarP(&cfg.format, "format", "f", "table", "output: table or json")
		},
		func(cfg *indexConfig) error {
			if cfg.format != "table" && cfg.format != "json" {
				return fmt.Errorf("--format %q: want table or json", cfg.format)
			}
			return noArguments(cfg)
		})
	if ix == nil {
		return code
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil {
		say(stderr, "reprint index stats: %v\n", err)
		return exitError
	}
	day := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		s := article.FormatDate(t)
		return &s
	}
	if cfg.format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(indexStatsJSON{Schema: "reprint.index-stats/v1", Articles: st.Articles, Paragraphs: st.Paragraphs, Clustered: st.Clustered,
			TextBytes: st.TextBytes, DiskBytes: st.DiskBytes, First: day(st.First), Last: day(st.Last), Undated: st.Undated,
			Format: st.Format, Created: st.Created.Format(time.RFC3339), Settings: report.SettingsJSON(st.Settings)})
	} else {
		dates := "none dated"
		if !st.First.IsZero() {
			dates = *day(st.First) + " to " + *day(st.Last)
		}
		if st.Undated {
			dates += ", and some undated"
		}
		_, err = fmt.Fprintf(stdout, "index %s (format %d, made %s)\n  articles     %d\n  paragraphs   %d (%d long enough to compare)\n  published    %s\n  text         %s\n  on disk      %s\n  settings     %s\n",
			cfg.dir, st.Format, st.Created.Format(time.DateOnly), st.Articles, st.Paragraphs, st.Clustered, dates,
			article.Size(st.TextBytes), article.Size(st.DiskBytes), settingsFlags(st.Settings))
	}
	if err != nil {
		say(stderr, "reprint index stats: %v\n", err)
		return exitError
	}
	return exitOK
}

const indexRemoveUsage = `Usage: reprint index remove --index DIR ID...

Takes the articles with these ids out of the index.

Flags:
`

func runIndexRemove(args []string, stdout, stderr io.Writer) int {
	cfg, ix, code := indexCommand("index remove", indexRemoveUsage, args, stderr, false, nil,
		func(cfg *indexConfig) error {
			if len(cfg.paths) == 0 {
				return errors.New("no ID to remove")
			}
			return nil
		})
	if ix == nil {
		return code
	}
	defer ix.Close()
	removed, missing, err := ix.Remove(cfg.paths)
	if err != nil {
		say(stderr, "reprint index remove: %v\n", err)
		return exitError
	}
	for _, id := range missing {
		say(stderr, "reprint index remove: no article %q in the index\n", id)
	}
	say(stdout, "removed %s\n", plural.Of(removed, "article"))
	if len(missing) > 0 {
		return exitSkipped
	}
	return exitOK
}

const indexCompactUsage = `Usage: reprint index compact --index DIR

Rewrites the store so that it holds only live data, as small as it gets.

Flags:
`

func runIndexCompact(args []string, stdout, stderr io.Writer) int {
	cfg, ix, code := indexCommand("index compact", indexCompactUsage, args, stderr, false, nil, nil)
	if ix == nil {
		return code
	}
	before, _ := ix.Stats()
	err := ix.Compact()
	if cerr := ix.Close(); err == nil {
		err = cerr // the files compacted away are gone once the store is closed
	}
	if err != nil {
		say(stderr, "reprint index compact: %v\n", err)
		return exitError
	}
	if ix, code = openIndex("index compact", cfg, false, true, stderr); ix == nil {
		return code
	}
	defer ix.Close()
	after, _ := ix.Stats()
	say(stdout, "compacted index %s: %s on disk (was %s)\n", cfg.dir, article.Size(after.DiskBytes), article.Size(before.DiskBytes))
	return exitOK
}

const indexVerifyUsage = `Usage: reprint index verify --index DIR

Reads the whole index and checks that it is whole: every article reads back as
it was added, with all its postings, and nothing else is there.

Flags:
`

func runIndexVerify(args []string, stdout, stderr io.Writer) int {
	cfg, ix, code := indexCommand("index verify", indexVerifyUsage, args, stderr, true, nil, nil)
	if ix == nil {
		return code
	}
	defer ix.Close()
	if err := ix.Verify(); err != nil {
		say(stderr, "reprint index verify: %v\n", err)
		return exitError
	}
	st, _ := ix.Stats()
	say(stdout, "index %s is whole: %s, %d paragraphs\n", cfg.dir, plural.Of(int(st.Articles), "article"), st.Paragraphs)
	return exitOK
}

// streamBatch is how much article text index add reads before it adds it.
const streamBatch = 64 << 20

// printAddStats writes index add's --stats.
func printAddStats(w io.Writer, bytes int64, total, add time.Duration, st archive.AddStats) {
	fmt.Fprintf(w, "reprint: stats: %.1f MB in %.3f s: %.1f MB/s\n", float64(bytes)/1e6, total.Seconds(), float64(bytes)/1e6/total.Seconds())
	fmt.Fprintf(w, "  %-22s %8.3f s\n  %-22s %8.3f s  %d batches\n", "read and open", (total - add).Seconds(), "add", add.Seconds(), st.Batches)
	if peak, ok := peakMemory(); ok {
		fmt.Fprintf(w, "  peak memory %.0f MB\n", float64(peak)/1e6)
	}
}
