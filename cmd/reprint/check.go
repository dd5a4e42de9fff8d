package main

import (
	"fmt"
	"io"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/plural"
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
	return scanReport("check", cfg, stdin, stdout, stderr)
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
