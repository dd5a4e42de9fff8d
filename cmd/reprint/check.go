package main

import (
	"fmt"
	"io"
	"time"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/plural"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/scan"
)

const checkUsage = `Usage: reprint check --index DIR [--add] [flags] PATH...

Checks articles against an archive index (reprint index add makes one) and
against each other: the passages they take part in, with every member, the
archive's marked "(archive)"; the original, which may be in the archive; their
partial reuse; and their shares. The report is reprint scan's, in any of its
formats, covering the articles given. With --add they are added to the index
afterwards, in the same run.

Examples:
  reprint check --index archive.idx draft.txt
  reprint check --index archive.idx --format json --add today/ > today.json

Flags:
`

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, code := parseScanLike("check", checkUsage, args, stderr)
	if cfg == nil {
		return code
	}
	return checkAgainst("check", cfg, stdin, stdout, stderr)
}

// checkAgainst is reprint check, and reprint scan --index: the report of
// cfg's articles against the index, and each other.
func checkAgainst(cmd string, cfg *scanConfig, stdin io.Reader, stdout, stderr io.Writer) int {
	ix, code := openIndex(cmd, &indexConfig{dir: cfg.index, settings: cfg.settings, given: cfg.given}, false, !cfg.add, stderr)
	if ix == nil {
		return code
	}
	defer ix.Close()

	stop, e := cfg.diag.start(stderr)
	if e != nil {
		say(stderr, "reprint: %v\n", e)
		return exitError
	}
	defer stop()
	prog := startProgress(stderr, !cfg.quiet && isTerminal(stderr), 5, time.Second)
	defer prog.finish()
	var rel *archive.Related
	res, code := analyseWith(cfg.paths, article.Options{Meta: cfg.meta, Stdin: stdin, MaxFile: cfg.read.MaxFile, MaxArticle: cfg.read.MaxArticle}, true, prog, stderr,
		func(arts []*article.Article) (res *scan.Result, err error) {
			prog.step("looking %d articles up in the index", len(arts))
			res, rel, err = ix.Check(arts, scan.Options{DropSets: true}, true, prog.step)
			return res, err
		})
	if res == nil {
		return code
	}
	noteTruncated(cmd, rel, stderr)
	start := time.Now()
	rep := report.Build(res.scan, res.corpus.Problems)
	input := map[string]bool{}
	for _, a := range res.corpus.Articles {
		input[a.ID] = true
	}
	rep.Narrow(func(id string) bool { return input[id] })
	prog.step("writing the report: %d recycled passages", len(rep.Clusters))
	if err := write(rep, cfg, stdout); err != nil {
		say(stderr, "reprint: writing the report: %v\n", err)
		return exitError
	}
	reportTime := time.Since(start)
	prog.finish()
	if cfg.diag.stats {
		printStats(stderr, res, lookupStage(rel), stage{"report", reportTime, fmt.Sprintf("%d edited copies diffed", rep.Summary.Edited)})
	}
	if cfg.add && !addAfter(cmd, ix, res.corpus.Articles, stderr) {
		return exitError
	}
	return code
}

// noteTruncated says when a lookup stopped at archive.MaxRelated.
func noteTruncated(cmd string, rel *archive.Related, stderr io.Writer) {
	if rel.Truncated {
		say(stderr, "reprint %s: note: the lookup stopped after reading %d archived articles; passages may miss archived members\n", cmd, archive.MaxRelated)
	}
}

// lookupStage is the index lookup's line of --stats.
func lookupStage(rel *archive.Related) stage {
	return stage{"index lookup", rel.Took, fmt.Sprintf("%d archived articles in the check, of %d read; %d buckets, %d postings",
		len(rel.Articles), rel.Read, rel.Lookups, rel.Postings)}
}

// addAfter is --add: the articles added to the index after the run's
// output is written. It says what it did, or why it failed.
func addAfter(cmd string, ix *archive.Index, arts []*article.Article, stderr io.Writer) bool {
	st, err := ix.Add(arts, nil)
	if err != nil {
		say(stderr, "reprint %s: adding to the index: %v\n", cmd, err)
		return false
	}
	say(stderr, "reprint %s: added %s to index %s, replaced %d, passed over %d unchanged\n",
		cmd, plural.Of(st.Added, "article"), ix.Dir(), st.Replaced, st.Unchanged)
	return true
}
