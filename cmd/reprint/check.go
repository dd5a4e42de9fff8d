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
	cfg, err := parseScanLike("check", checkUsage, args, stderr)
	if cfg == nil {
		return err
	}
	ic := &indexConfig{dir: cfg.index, settings: cfg.settings, given: cfg.given}
	ix, code := openIndex("check", ic, false, !cfg.add, stderr)
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
	input := map[string]bool{}
	res, code := analyseWith(cfg.paths, article.Options{Meta: cfg.meta, Stdin: stdin, MaxFile: cfg.read.MaxFile, MaxArticle: cfg.read.MaxArticle}, true, prog, stderr,
		func(arts []*article.Article) (*scan.Result, error) {
			for _, a := range arts {
				input[a.ID] = true
			}
			prog.step("looking %d articles up in the index", len(arts))
			var res *scan.Result
			var err error
			res, rel, err = ix.Check(arts, scan.Options{DropSets: true}, prog.step)
			return res, err
		})
	if res == nil {
		return code
	}
	if rel.Truncated {
		say(stderr, "reprint check: note: a paragraph is in more archived articles than one check reads (%d); it was checked against the first found\n", archive.MaxRelated)
	}
	start := time.Now()
	rep := report.Build(res.scan, res.corpus.Problems)
	rep.Narrow(func(id string) bool { return input[id] })
	prog.step("writing the report: %d recycled passages", len(rep.Clusters))
	if err := write(rep, cfg, stdout); err != nil {
		say(stderr, "reprint: writing the report: %v\n", err)
		return exitError
	}
	reportTime := time.Since(start)
	prog.finish()
	if cfg.diag.stats {
		printStats(stderr, res,
			stage{"index lookup", rel.Took, fmt.Sprintf("%d archived articles in the check, of %d read; %d buckets, %d postings", len(rel.Articles), rel.Read, rel.Lookups, rel.Postings)},
			stage{"report", reportTime, fmt.Sprintf("%d edited copies diffed", rep.Summary.Edited)})
	}
	if cfg.add {
		st, err := ix.Add(res.corpus.Articles, nil)
		if err != nil {
			say(stderr, "reprint check: adding to the index: %v\n", err)
			return exitError
		}
		say(stderr, "reprint check: added %s to index %s, replaced %d, passed over %d unchanged\n",
			plural.Of(st.Added, "article"), cfg.index, st.Replaced, st.Unchanged)
	}
	return code
}
