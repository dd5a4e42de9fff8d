// Package scan chains reprint's stages into one call: the articles' body
// paragraphs are shingled (package shingle), site furniture is found and set
// apart (boilerplate), recycled passages are found and verified (lsh, then
// passage), partial reuse is found between the rest (span), and each
// article's reuse is tallied. The command's scan and dedup, the evaluation,
// the benchmarks and the tests all run the stages through Run, so that they
// measure and report the same thing.
//
// Run takes the articles in the order it is given them and indexes
// everything by that order. Which paragraphs make a passage, its original
// and each copy's scores depend on the articles' dates, not their order
// (package passage); to make every row of a report independent of the input
// order too, sort the articles first (article.SortByDate), as `reprint scan`
// does.
package scan

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/boilerplate"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/span"
)

// Options are every stage's settings.
type Options struct {
	Shingle  shingle.Config
	LSH      lsh.Config
	Span     span.Config
	Template boilerplate.Config
	// IncludeTemplate treats site furniture as story text: it is found and
	// listed, but not set apart.
	IncludeTemplate bool
	// SkipPartial leaves partial reuse out: Result.Partial stays empty and
	// the shares count copied paragraphs only. A job that needs neither
	// (dedup, unless it drops articles by their share) saves the span stage.
	SkipPartial bool
	// DropSets lets the shingle sets go once the passages are found, so
	// that partial reuse and what follows run without them: a job that
	// reads no set of Result.Paragraphs (the report) saves their memory,
	// 4 bytes a shingle. Paragraph.Clustered is then false throughout.
	DropSets bool
}

// DefaultOptions are the settings the command uses unless told otherwise.
var DefaultOptions = Options{
	Shingle:  shingle.DefaultConfig,
	LSH:      lsh.DefaultConfig,
	Span:     span.DefaultConfig,
	Template: boilerplate.DefaultConfig,
}

// Validate checks every stage's settings.
func (o Options) Validate() error {
	if err := o.Template.Validate(); err != nil {
		return err
	}
	if _, err := shingle.New(o.Shingle); err != nil {
		return err
	}
	if err := o.LSH.Validate(); err != nil {
		return err
	}
	return o.Span.Validate()
}

// A Result is everything a scan found. Paragraph ids (shingle.ParaID:
// passage.Member.Para, span.Reuse.Source and Target) index Paragraphs; a
// paragraph's Article indexes Articles.
type Result struct {
	Options    Options
	Articles   []*article.Article // as given to Run
	Paragraphs []shingle.Paragraph
	// Passages are in the order of their originals' places: by article, then
	// paragraph. A passage's number in a report is its index here plus one.
	Passages []passage.Passage
	// Partial is the partial reuse between paragraphs that are not copies of
	// one passage (two copies share everything, which says more), by target;
	// a formula's shared runs (span.Reuse.Formula) are listed, and not
	// counted as reuse.
	Partial []span.Reuse
	// Furniture is the site furniture found, set apart from the passages and
	// the shares unless Options.IncludeTemplate.
	Furniture []boilerplate.Line
	Reuse     []Reuse // by article: how much of it is reused
	Stats     Stats
}

// Stats say how much work each stage did and how long it took.
type Stats struct {
	Shingle time.Duration // shingling and site furniture
	LSH     lsh.Stats     // signatures, candidates, verification and clusters
	Passage time.Duration // splitting clusters into passages
	Span    time.Duration // partial reuse
	Tally   time.Duration // the articles' shares
}

// Run scans the articles with opts. Its only errors are invalid options and
// a corpus of more articles or paragraphs than a scan can name
// (article.MaxArticles, shingle.MaxParagraphs).
func Run(arts []*article.Article, opts Options) (*Result, error) {
	return RunWithProgress(arts, opts, nil)
}

// RunWithProgress is Run, calling step (unless nil) as each stage begins with
// a line that says what it does, as a format and its arguments.
func RunWithProgress(arts []*article.Article, opts Options, step func(format string, args ...any)) (*Result, error) {
	return RunAmong(arts, opts, nil, step)
}

// RunAmong is RunWithProgress where arts are some of their sources'
// articles, as in an archive's check: sources (unless nil) gives how many
// articles each source has in all, which site furniture is counted against
// (boilerplate.FindAmong).
func RunAmong(arts []*article.Article, opts Options, sources func(source string) int, step func(format string, args ...any)) (*Result, error) {
	if step == nil {
		step = func(string, ...any) {}
	}
	sh, err := shingle.New(opts.Shingle)
	if err != nil {
		return nil, err
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := article.CheckCount(len(arts)); err != nil {
		return nil, err
	}
	r := &Result{Options: opts, Articles: arts}

	step("shingling %d articles", len(arts))
	start := time.Now()
	r.Paragraphs = sh.Shingle(arts) // lsh.Find refuses more than a ParaID names
	r.Furniture = boilerplate.FindAmong(arts, r.Paragraphs, opts.Template, sources)
	if !opts.IncludeTemplate {
		boilerplate.Exclude(r.Paragraphs, r.Furniture)
	}
	r.Stats.Shingle = time.Since(start)

	step("signing and clustering %d paragraphs", len(r.Paragraphs))
	clusters, st, err := lsh.Find(r.Paragraphs, opts.LSH)
	if err != nil {
		return nil, err
	}
	r.Stats.LSH = st
	start = time.Now()
	var formula []bool
	r.Passages, formula = passage.Split(arts, r.Paragraphs, clusters, opts.LSH)
	slices.SortFunc(r.Passages, func(a, b passage.Passage) int {
		x, y := &r.Paragraphs[a.Members[0].Para], &r.Paragraphs[b.Members[0].Para]
		return cmp.Or(cmp.Compare(x.Article, y.Article), cmp.Compare(x.N, y.N))
	})
	r.Stats.Passage = time.Since(start)
	if opts.DropSets {
		for i := range r.Paragraphs {
			r.Paragraphs[i].Set = nil
		}
	}

	if !opts.SkipPartial {
		step("finding partial reuse in %d paragraphs", len(r.Paragraphs))
		start = time.Now()
		if r.Partial, err = partialReuse(r, clusters, formula); err != nil {
			return nil, err
		}
		r.Stats.Span = time.Since(start)
	}

	start = time.Now()
	r.Reuse = tally(r)
	r.Stats.Tally = time.Since(start)
	return r, nil
}

// partialReuse finds the partial reuse between paragraphs that are not
// copies of one passage, and marks the runs two paragraphs of one formula
// family share (formula[i] for clusters[i]).
func partialReuse(r *Result, clusters []lsh.Cluster, formula []bool) ([]span.Reuse, error) {
	copies := passage.Members(r.Passages, len(r.Paragraphs))
	partial, err := span.Find(r.Paragraphs, article.Chronology(r.Articles), copies, r.Options.Span)
	if err != nil {
		return nil, fmt.Errorf("partial reuse: %w", err)
	}
	partial = slices.DeleteFunc(partial, func(pr span.Reuse) bool { return copies.Same(pr.Source, pr.Target) })
	group := lsh.Groups(clusters, len(r.Paragraphs))
	for i := range partial {
		pr := &partial[i]
		g := group[pr.Source]
		pr.Formula = g >= 0 && g == group[pr.Target] && formula[g]
	}
	return partial, nil
}

// Place is where a paragraph sits: its article's index and its 1-based
// number among the article's body paragraphs.
func (r *Result) Place(para shingle.ParaID) (art article.Index, n int) {
	p := &r.Paragraphs[para]
	return p.Article, p.N
}
