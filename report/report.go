package report

import (
	"slices"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/boilerplate"
	"github.com/reprint/reprint/diff"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/span"
)

// Roles of a cluster's members (package passage says what they mean).
const (
	Original    = passage.Original
	Reused      = passage.Reused
	SameArticle = passage.SameArticle
)

// How a cluster's original was chosen.
const (
	ByDate             = passage.ByDate
	ByDateUndatedAfter = passage.ByDateUndatedAfter
	BySameDate         = passage.BySameDate
	ByOrderUndated     = passage.ByOrderUndated
)

// A Report is the whole result of a scan.
type Report struct {
	Settings scan.Options
	Summary  Summary
	Articles []Article
	Clusters []Cluster
	Partial  []Partial
	Template []TemplateLine
	Skipped  []article.Problem
	// Found is the summary of the whole report when Select shows part of
	// it; nil otherwise.
	Found *Summary
}

// A TemplateLine is site furniture: a paragraph in nearly every article of
// its source (package boilerplate).
type TemplateLine struct {
	Source     string
	Text       string
	Articles   int // articles of the source that have it
	Of         int // articles of the source
	Paragraphs int // paragraphs that are this line
}

// setTemplate lists the site furniture found in the scan.
func (r *Report) setTemplate(lines []boilerplate.Line) {
	r.Template = make([]TemplateLine, len(lines))
	for i, l := range lines {
		r.Template[i] = TemplateLine{Source: l.Source, Text: l.Text, Articles: l.Articles, Of: l.Of, Paragraphs: len(l.Paragraphs)}
	}
}

// Summary counts what was read and found.
type Summary struct {
	Articles    int // articles read
	Paragraphs  int // body paragraphs
	Passages    int // recycled passages: clusters
	Recycled    int // paragraphs in clusters, originals included
	Reused      int // paragraphs that are reused copies
	Edited      int // copies with other words than their original: the diffs the writers work out
	Partial     int // pairs of paragraphs with partial reuse
	Formula     int // ... of which a formula's repeated words (Partial.Formula)
	Undated     int // articles without a publication date
	ByOrder     int // clusters whose original was chosen by input order
	SameDate    int // clusters whose original shares the earliest date with a copy
	WithUndated int // clusters with an undated member, taken as later than the dated ones
}

// An Article row: one input article and how much of it is reused.
type Article struct {
	ID          string
	Title       string
	Published   time.Time
	Source, URL string
	Paragraphs  int
	Words       int
	Originals   int      // its paragraphs that other articles reuse
	Reused      int      // its paragraphs reused from earlier articles
	ReusedWords int      // words in those paragraphs
	PartWords   int      // words of its other paragraphs that are partial reuse
	ReusedFrom  []string // ids of the articles it reused from, wholly or partly, in input order
	Archived    bool     // read from an archive index, not from the input (package archive)

	site string // the source its site furniture is counted in (boilerplate.Source)
}

// ReusedShare is the share of the article's words that are reused, in
// copied paragraphs or as partial reuse.
func (a Article) ReusedShare() float64 {
	if a.Words == 0 {
		return 0
	}
	return float64(a.ReusedWords+a.PartWords) / float64(a.Words)
}

// A Place is one paragraph of one article.
type Place struct {
	Article   string
	Published time.Time
	Paragraph int
	Archived  bool // the article was read from an archive index (package archive)
}

// A Partial is partial reuse: words a later paragraph (Target) shares with an
// earlier one (Source) that it is not a copy of.
type Partial struct {
	Source, Target Place
	Words          int      // the target's words in shared spans
	Spans          []string // the shared words of each span, normalised
	// Formula says the two paragraphs are one formula's: the spans are the
	// words it repeats about other facts, not reuse.
	Formula bool
}

// by says how a passage's original was chosen, and that it is from a
// formula family when it is.
func (c *Cluster) by() string {
	if c.Formula {
		return c.OriginalBy + "; formula family, facts kept"
	}
	return c.OriginalBy
}

// kind names a partial reuse: a formula's repeated words, or reuse.
func kind(p Partial) string {
	if p.Formula {
		return "formula"
	}
	return "reuse"
}

// A Cluster is one recycled passage: its original and the copies verified
// against it (package passage).
type Cluster struct {
	ID         int // 1-based, the most recycled first (Report.orderClusters)
	Spread     int // how many articles its members are in
	OriginalBy string
	// Formula says it is from a formula family: its copies keep the facts
	// of what they copy, not only its words.
	Formula bool
	Members []Member // the original first, then the copies by date and input order
}

// A Member is one paragraph of a cluster.
type Member struct {
	Article   string // article id
	Published time.Time
	Paragraph int // 1-based body paragraph number
	Role      string
	Text      string
	Words     int
	Verbatim  bool               // the same words as the original, after normalisation
	CopyOf    *Place             // the member it was verified against; nil for the original
	Of        int                // CopyOf's index in the cluster's Members; -1 for the original
	Sim       shingle.Similarity // exact, against CopyOf; containment is of this member in it
	Archived  bool               // its article was read from an archive index (package archive)
	// Its article's title and source, as the input gives them.
	Title, Source string
}

// Build assembles the report of a scan; skipped are the input problems the
// scan passed over.
func Build(res *scan.Result, skipped []article.Problem) *Report {
	arts, paras := res.Articles, res.Paragraphs
	r := &Report{Settings: res.Options, Skipped: skipped}
	r.Articles = make([]Article, len(arts))
	for i, a := range arts {
		u := res.Reuse[i]
		r.Articles[i] = Article{
			ID: a.ID, Title: a.Title, Published: a.Published, Source: a.Source, URL: a.URL,
			Paragraphs: u.Paragraphs, Words: u.Words, Originals: u.Originals,
			Reused: u.Reused, ReusedWords: u.ReusedWords, PartWords: u.PartWords,
			Archived: a.Archived, site: boilerplate.Source(a),
		}
		for _, from := range u.From {
			r.Articles[i].ReusedFrom = append(r.Articles[i].ReusedFrom, arts[from].ID)
		}
	}

	r.Clusters = make([]Cluster, len(res.Passages))
	parallel.For(len(res.Passages), func(i int) { r.Clusters[i] = buildCluster(arts, paras, res.Passages[i]) })
	r.orderClusters()

	spans := spanTexts(paras, res.Partial)
	r.Partial = make([]Partial, len(res.Partial))
	for i, pr := range res.Partial {
		src, tgt := &paras[pr.Source], &paras[pr.Target]
		r.Partial[i] = Partial{
			Source:  placeOf(arts[src.Article], src.N),
			Target:  placeOf(arts[tgt.Article], tgt.N),
			Words:   pr.Words(),
			Spans:   spans[i],
			Formula: pr.Formula,
		}
	}
	r.setTemplate(res.Furniture)
	r.summarise()
	return r
}

// placeOf is paragraph n of a.
func placeOf(a *article.Article, n int) Place {
	return Place{Article: a.ID, Published: a.Published, Paragraph: n, Archived: a.Archived}
}

// summarise counts what the report holds.
func (r *Report) summarise() {
	r.Summary = Summary{Articles: len(r.Articles), Passages: len(r.Clusters), Partial: len(r.Partial)}
	for _, a := range r.Articles {
		r.Summary.Paragraphs += a.Paragraphs
		if a.Published.IsZero() {
			r.Summary.Undated++
		}
	}
	for i := range r.Clusters {
		c := &r.Clusters[i]
		switch c.OriginalBy {
		case BySameDate:
			r.Summary.SameDate++
			r.Summary.ByOrder++
		case ByOrderUndated:
			r.Summary.ByOrder++
		}
		if c.OriginalBy == ByDateUndatedAfter || c.OriginalBy == ByOrderUndated {
			r.Summary.WithUndated++
		}
		r.Summary.Recycled += len(c.Members)
		for _, m := range c.Members[1:] {
			if !m.Verbatim {
				r.Summary.Edited++
			}
			if m.Role == Reused {
				r.Summary.Reused++
			}
		}
	}
	for _, p := range r.Partial {
		if p.Formula {
			r.Summary.Formula++
		}
	}
}

// Narrow keeps what concerns the articles keep names by id: their rows,
// the passages they have a member in (with every member), and the partial
// reuse they take part in; the site furniture of their sources. Passages
// are numbered again in their order, and the summary counts what is kept.
func (r *Report) Narrow(keep func(id string) bool) {
	ids := r.keepArticles(keep)
	r.Clusters = slices.DeleteFunc(r.Clusters, func(c Cluster) bool {
		return !slices.ContainsFunc(c.Members, func(m Member) bool { return ids[m.Article] })
	})
	for i := range r.Clusters {
		r.Clusters[i].ID = i + 1
	}
	r.summarise()
}

// keepArticles keeps the rows of the articles keep names, the partial
// reuse they take part in and their sources' site furniture, and returns
// their ids. The passages and the summary are the caller's.
func (r *Report) keepArticles(keep func(id string) bool) map[string]bool {
	ids := map[string]bool{}
	sources := map[string]bool{}
	r.Articles = slices.DeleteFunc(r.Articles, func(a Article) bool { return !keep(a.ID) })
	for _, a := range r.Articles {
		ids[a.ID] = true
		sources[a.site] = true
	}
	r.Partial = slices.DeleteFunc(r.Partial, func(p Partial) bool { return !ids[p.Source.Article] && !ids[p.Target.Article] })
	r.Template = slices.DeleteFunc(r.Template, func(t TemplateLine) bool { return !sources[t.Source] })
	return ids
}

// spanTexts is the text of each partial reuse's shared runs, as the target
// publishes them. partial is sorted by target, so each target's words are
// worked out once, and targets are shared out over every core.
func spanTexts(paras []shingle.Paragraph, partial []span.Reuse) [][]string {
	var starts []int // where each run of one target begins
	for i, pr := range partial {
		if i == 0 || pr.Target != partial[i-1].Target {
			starts = append(starts, i)
		}
	}
	out := make([][]string, len(partial))
	parallel.For(len(starts), func(k int) {
		lo, hi := starts[k], len(partial)
		if k+1 < len(starts) {
			hi = starts[k+1]
		}
		text := paras[partial[lo].Target].Text
		words := prose.Words(text)
		for i := lo; i < hi; i++ {
			for _, s := range partial[i].Spans {
				out[i] = append(out[i], prose.Excerpt(text, words, s.TargetStart, s.TargetEnd))
			}
		}
	})
	return out
}

// Diffs is each member's word changes from the original, in the order of
// Members: none for the original and for verbatim copies. They are worked out
// on each call and not kept: at archive scale they outweigh the report, so
// the writers compute them a batch of clusters at a time (eachCluster).
func (c *Cluster) Diffs() []diff.Diff { return c.diffs(len(c.Members)) }

// diffs is Diffs of the first n members only.
func (c *Cluster) diffs(n int) []diff.Diff {
	ms := c.Members[:min(n, len(c.Members))]
	out := make([]diff.Diff, len(ms))
	var base *diff.Base
	seen := map[string]int{} // text -> member: syndicated copies often share one edit
	for j := 1; j < len(ms); j++ {
		if ms[j].Verbatim {
			continue
		}
		if k, ok := seen[ms[j].Text]; ok {
			out[j] = out[k]
			continue
		}
		if base == nil {
			base = diff.NewBase(ms[0].Text)
		}
		out[j] = base.Compare(ms[j].Text)
		seen[ms[j].Text] = j
	}
	return out
}

// clusterBatch is how many clusters the writers prepare at once, on every
// core: enough to keep the cores busy, few enough that their diffs and
// encoded output stay small.
const clusterBatch = 256

// eachCluster calls emit for every cluster in order with what prepare made of
// it; prepare runs on every core, a batch of clusters at a time. It stops at
// the first error emit returns.
func eachCluster[T any](r *Report, prepare func(c *Cluster) T, emit func(i int, c *Cluster, v T) error) error {
	return parallel.Ordered(len(r.Clusters), clusterBatch,
		func(i int) T { return prepare(&r.Clusters[i]) },
		func(i int, v T) error { return emit(i, &r.Clusters[i], v) })
}

// buildCluster is a passage with what the report shows of its members.
func buildCluster(arts []*article.Article, paras []shingle.Paragraph, ps passage.Passage) Cluster {
	out := Cluster{OriginalBy: ps.OriginalBy, Formula: ps.Formula, Members: make([]Member, len(ps.Members))}
	orig := &paras[ps.Members[0].Para]
	for i, pm := range ps.Members {
		p := &paras[pm.Para]
		out.Members[i] = Member{
			Article:   arts[p.Article].ID,
			Published: arts[p.Article].Published,
			Paragraph: p.N,
			Role:      pm.Role,
			Text:      p.Text,
			Words:     p.Words,
			Verbatim:  p.Digest == orig.Digest,
			Sim:       pm.Sim,
			Archived:  arts[p.Article].Archived,
			Title:     arts[p.Article].Title,
			Source:    arts[p.Article].Source,
		}
		out.Members[i].Of = pm.CopyOf
		if pm.CopyOf >= 0 {
			of := &out.Members[pm.CopyOf]
			out.Members[i].CopyOf = &Place{Article: of.Article, Published: of.Published, Paragraph: of.Paragraph, Archived: of.Archived}
		}
	}
	out.Spread = spread(out.Members)
	return out
}
