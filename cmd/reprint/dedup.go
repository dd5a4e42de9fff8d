package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/reprint/reprint/internal/plural"
	"github.com/reprint/reprint/internal/printable"
	"github.com/reprint/reprint/scan"

	"github.com/spf13/pflag"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/dedup"
	"github.com/reprint/reprint/passage"
)

// dedupConfig is everything the dedup command line says.
type dedupConfig struct {
	paths   []string
	meta    []string
	read    article.Options // the limits; analyse adds the rest
	output  string
	dropped string
	quiet   bool
	diag    diagnostics
	index   string // --index: cut copies of what the archive holds too
	add     bool   // --add: add the articles read to the index afterwards
	given   bool   // a detection flag was given
	settings
}

const dedupUsage = `Usage: reprint dedup [flags] PATH...

Scans the articles as reprint scan does, then writes them back as article JSONL
with every recycled passage kept once: the original (or, with --keep longest,
the longest copy) stays, its other copies are cut. Paragraphs that are not
recycled are never touched. JSONL articles keep their fields and their order;
only "text" changes, and only where a paragraph was cut. Text files become
records with "id", "title", "published", "source", "url" and "text".

What was cut is summarised on standard error, and listed paragraph by
paragraph with --dropped.

With --index, copies of paragraphs an archive index holds are cut too: the
archive's copy is the one kept (or, with --keep longest, the longest), and
archived articles are not written. --add then adds the articles read, as
read, to the index.

Examples:
  reprint dedup archive.jsonl > clean.jsonl
  reprint dedup --keep longest --min-share 0.8 -o clean.jsonl --dropped cut.csv archive/
  reprint dedup --index archive.idx --add today.jsonl > clean.jsonl

Flags:
`

func parseDedup(args []string, stderr io.Writer) (*dedupConfig, error) {
	cfg := &dedupConfig{settings: defaultSettings()}
	fs := pflag.NewFlagSet("dedup", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	fs.StringVarP(&cfg.output, "output", "o", "-", "write the cleaned corpus here (- for standard output)")
	keepFlags(fs, &cfg.settings)
	fs.StringVar(&cfg.dropped, "dropped", "", "list every paragraph and article dropped in this CSV file")
	fs.StringVar(&cfg.index, "index", "", "cut copies of what this archive index holds too (reprint index add makes one)")
	fs.BoolVar(&cfg.add, "add", false, "with --index: add the articles read, as read, to the index afterwards")
	fs.StringArrayVar(&cfg.meta, "meta", nil, "manifest of dates (CSV or JSONL) for the articles; repeatable")
	readFlags(fs, &cfg.read)
	fs.BoolVarP(&cfg.quiet, "quiet", "q", false, "no progress bar and no summary")
	diagFlags(fs, &cfg.diag)
	tuningFlags(fs, &cfg.settings)
	fs.Usage = func() {
		fmt.Fprint(stderr, dedupUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.paths = fs.Args()
	if len(cfg.paths) == 0 {
		return nil, errors.New("no PATH to deduplicate (try: reprint dedup testdata/seeds > clean.jsonl)")
	}
	both := func(fs *pflag.FlagSet, s *settings) { keepFlags(fs, s); tuningFlags(fs, s) }
	if err := checkSettings(fs, &cfg.settings, true, both); err != nil {
		return nil, err
	}
	cfg.given = givenSettings(fs)
	if cfg.add && cfg.index == "" {
		return nil, errors.New("--add needs --index DIR")
	}
	if err := checkMeta(cfg.meta); err != nil {
		return nil, err
	}
	if err := checkOutputs(cfg); err != nil {
		return nil, err
	}
	return cfg, nil
}

// keepFlags adds the flags that say what dedup keeps to fs.
func keepFlags(fs *pflag.FlagSet, s *settings) {
	d := &s.dedup
	fs.StringVar(&d.Keep, "keep", d.Keep, "the copy of a passage that stays: earliest (the original) or longest")
	fs.Float64Var(&d.MinCover, "min-cover", d.MinCover, "cut a copy only when the kept copy holds at least this share of its shingles (0 to 1)")
	fs.Float64Var(&d.MinShare, "min-share", d.MinShare, "drop whole articles whose reused share is at least this (0 to 1; 0: never)")
}

func runDedup(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseDedup(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		say(stderr, "reprint dedup: %v\n", err)
		return exitUsage
	}
	stop, ok := startDiagnostics(cfg.diag, stderr)
	if !ok {
		return exitError
	}
	defer stop()
	tn := cfg.tuning
	tn.SkipPartial = !cfg.dedup.NeedsPartial()
	var ix *archive.Index
	stages := 4 // reading, shingling, signing, writing
	if !tn.SkipPartial {
		stages++
	}
	if cfg.index != "" {
		var code int
		if ix, code = openIndex("dedup", &indexConfig{dir: cfg.index, settings: cfg.settings, given: cfg.given}, false, !cfg.add, stderr); ix == nil {
			return code
		}
		defer ix.Close()
		stages++
	}
	prog := startProgress(stderr, !cfg.quiet && isTerminal(stderr), stages, time.Second)
	stderr = prog.wrap(stderr) // messages clear the bar off their line
	defer prog.finish()
	read := article.Options{Meta: cfg.meta, Stdin: stdin, KeepRecords: true, MaxFile: cfg.read.MaxFile, MaxArticle: cfg.read.MaxArticle}
	res, code := analyse(cfg.paths, read, tn, false, ix, prog, stderr)
	if res == nil {
		return code
	}
	rel := res.lookup
	if rel != nil {
		noteTruncated("dedup", rel, stderr)
	}
	prog.step("writing the cleaned corpus")
	start := time.Now()
	plan, err := dedup.NewPlan(res.scan, cfg.dedup)
	if err != nil { // validated with the flags
		say(stderr, "reprint dedup: %v\n", err)
		return exitUsage
	}
	arts := res.scan.Articles // the input's, and with --index the archived ones the plan names, which it does not write
	if err := writeTo(cfg.output, stdout, func(w io.Writer) error { return plan.Write(w, arts) }); err != nil {
		say(stderr, "reprint dedup: writing the corpus: %v\n", err)
		return exitError
	}
	if cfg.dropped != "" {
		if err := writeTo(cfg.dropped, stdout, func(w io.Writer) error { return writeDropped(w, plan, res.scan) }); err != nil {
			say(stderr, "reprint dedup: writing --dropped: %v\n", err)
			return exitError
		}
	}
	writeTime := time.Since(start)
	prog.finish()
	if !cfg.quiet {
		say(stderr, "%s\n", dedupSummary(plan, res))
	}
	if cfg.diag.stats {
		last := []stage{{"write the corpus", writeTime, fmt.Sprintf("%d paragraphs cut", len(plan.Dropped))}}
		if rel != nil {
			last = append([]stage{lookupStage(rel)}, last...)
		}
		printStats(stderr, res, last...)
	}
	if cfg.add && !addAfter("dedup", ix, res.corpus.Articles, stderr) {
		return exitError
	}
	return code
}

// dedupSummary is the line on stderr: what went, what stayed.
func dedupSummary(p *dedup.Plan, res *analysis) string {
	words, edited, changed := 0, 0, 0
	for _, d := range p.Dropped {
		words += d.Words
		if !d.Verbatim {
			edited++
			changed += d.Changed
		}
	}
	paragraphs, passages := 0, 0
	arts := res.scan.Articles
	for _, p := range res.scan.Paragraphs {
		if !arts[p.Article].Archived {
			paragraphs++
		}
	}
	for _, ps := range res.scan.Passages {
		if slices.ContainsFunc(ps.Members, func(m passage.Member) bool { return !arts[res.scan.Paragraphs[m.Para].Article].Archived }) {
			passages++
		}
	}
	s := fmt.Sprintf("reprint dedup: %s, %d paragraphs: cut %s (%s; %s with %s of edits) and kept %s once",
		plural.Of(len(res.corpus.Articles), "article"), paragraphs, plural.Of(len(p.Dropped), "copied paragraph"), plural.Of(words, "word"),
		plural.Of(edited, "edited copy"), plural.Of(changed, "word"), plural.Of(passages, "recycled passage"))
	if len(p.Articles) > 0 {
		s += fmt.Sprintf("; dropped %s whole", plural.Of(len(p.Articles), "article"))
	}
	return s
}

// writeTo writes to path ("-": stdout) through a temporary file in the same
// folder, renamed over path only once everything is written: a failed or
// interrupted run leaves whatever was at path as it was.
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriterSize(stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// checkOutputs refuses -o and --dropped that name one of the inputs or the
// same file as each other: the run would replace what it reads.
func checkOutputs(cfg *dedupConfig) error {
	for _, out := range []struct{ flag, path string }{{"-o", cfg.output}, {"--dropped", cfg.dropped}} {
		if out.path == "" || out.path == "-" {
			continue
		}
		for _, in := range slices.Concat(cfg.paths, cfg.meta) {
			if sameFile(out.path, in) {
				return fmt.Errorf("%s %s: is an input; write the cleaned corpus elsewhere", out.flag, out.path)
			}
		}
	}
	switch d := cfg.dropped; {
	case d == "-" && cfg.output == "-":
		return errors.New("--dropped -: the cleaned corpus already goes to standard output; name a file")
	case d != "" && d != "-" && cfg.output != "-" && sameFile(d, cfg.output):
		return fmt.Errorf("--dropped %s: the same file as -o", d)
	}
	return nil
}

// sameFile reports whether two paths name one file, existing or not.
func sameFile(a, b string) bool {
	ai, aerr := os.Stat(a)
	bi, berr := os.Stat(b)
	if aerr == nil && berr == nil {
		return os.SameFile(ai, bi)
	}
	aa, _ := filepath.Abs(a)
	ba, _ := filepath.Abs(b)
	return aa == ba
}

var droppedHeader = []string{"article", "paragraph", "what", "passage", "words", "kept_article", "kept_paragraph", "jaccard", "containment", "changed_words", "reused_share"}

// writeDropped lists what the plan cuts as CSV, ids made safe for a
// spreadsheet (printable.Cell).
func writeDropped(w io.Writer, p *dedup.Plan, res *scan.Result) error {
	arts := res.Articles
	cw := csv.NewWriter(w)
	cw.Write(droppedHeader)
	for _, a := range p.Articles {
		what := "article: mostly copies"
		if a.Empty {
			what = "article: every paragraph a copy"
		}
		cw.Write([]string{printable.Cell(arts[a.Article].ID), "", what, "", strconv.Itoa(a.Words), "", "", "", "", "", strconv.FormatFloat(a.Share, 'f', 4, 64)})
	}
	for _, d := range p.Dropped {
		keptArt, keptN := res.Place(d.Kept)
		cw.Write([]string{printable.Cell(arts[d.Article].ID), strconv.Itoa(d.Paragraph), d.Role, strconv.Itoa(d.Passage), strconv.Itoa(d.Words),
			printable.Cell(arts[keptArt].ID), strconv.Itoa(keptN), strconv.FormatFloat(d.Sim.Jaccard, 'f', 4, 64),
			strconv.FormatFloat(d.Sim.Containment, 'f', 4, 64), strconv.Itoa(d.Changed), ""})
	}
	cw.Flush()
	return cw.Error()
}
