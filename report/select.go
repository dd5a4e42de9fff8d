package report

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// A Selection names the part of a report to show (Report.Select). The
// article criteria pick articles: any of the ids, from any of the sources,
// published in the range; each kind given must hold. Top then keeps at most
// that many passages, the first in the report's order. The zero Selection
// shows everything.
type Selection struct {
	Articles []string // article ids
	Sources  []string // sources, as the input names them (case aside) or as their site furniture is counted
	// Since and Until bound the publication date, each day included; zero
	// leaves that end open. An undated article is in no range.
	Since, Until time.Time
	Top          int // at most this many passages (0: all)
}

// picksArticles says whether s names articles.
func (s Selection) picksArticles() bool {
	return len(s.Articles) > 0 || len(s.Sources) > 0 || !s.Since.IsZero() || !s.Until.IsZero()
}

// picks says whether a is one of the articles s names.
func (s Selection) picks(a *Article) bool {
	if len(s.Articles) > 0 && !slices.Contains(s.Articles, a.ID) {
		return false
	}
	if len(s.Sources) > 0 && !slices.ContainsFunc(s.Sources, func(src string) bool {
		return strings.EqualFold(src, a.Source) || strings.EqualFold(src, a.site)
	}) {
		return false
	}
	if !s.Since.IsZero() || !s.Until.IsZero() {
		day := a.Published
		if day.IsZero() || (!s.Since.IsZero() && day.Before(s.Since)) || (!s.Until.IsZero() && !day.Before(s.Until.AddDate(0, 0, 1))) {
			return false
		}
	}
	return true
}

// Select keeps the part of the report sel names: the articles it picks
// (their rows, every passage with a member in one of them, the partial
// reuse they take part in, their sources' furniture), then the first Top
// passages and, when sel picks no articles, the rows of the articles in
// those passages and their partial reuse. Found keeps the summary of the
// whole report, for the headline's "12 of 340".
func (r *Report) Select(sel Selection) {
	if !sel.picksArticles() && (sel.Top <= 0 || sel.Top >= len(r.Clusters)) {
		return
	}
	found := r.Summary
	if r.Found != nil {
		found = *r.Found
	}
	if sel.picksArticles() {
		picked := map[string]bool{}
		for i := range r.Articles {
			if sel.picks(&r.Articles[i]) {
				picked[r.Articles[i].ID] = true
			}
		}
		r.Narrow(func(id string) bool { return picked[id] })
	}
	if sel.Top > 0 && sel.Top < len(r.Clusters) {
		r.Clusters = r.Clusters[:sel.Top]
		if !sel.picksArticles() {
			in := map[string]bool{}
			for _, c := range r.Clusters {
				for _, m := range c.Members {
					in[m.Article] = true
				}
			}
			r.keepArticles(func(id string) bool { return in[id] })
		}
	}
	r.summarise()
	r.Found = &found
}

// spread is how many articles a passage's members are in.
func spread(ms []Member) int {
	seen := make(map[string]bool, len(ms))
	for _, m := range ms {
		seen[m.Article] = true
	}
	return len(seen)
}

// orderClusters puts the most recycled passages first: spread over the
// most articles, then with the most members, then in the order of their
// originals (first published first); and numbers them in that order.
func (r *Report) orderClusters() {
	slices.SortStableFunc(r.Clusters, func(a, b Cluster) int {
		return cmp.Or(cmp.Compare(b.Spread, a.Spread), cmp.Compare(len(b.Members), len(a.Members)))
	})
	for i := range r.Clusters {
		r.Clusters[i].ID = i + 1
	}
}

// How the articles table can be ordered (Report.SortArticles).
const (
	SortShare = "share" // the highest reused share first; then the most reused words; then the scan's order
	SortDate  = "date"  // the latest published first, undated last; then the scan's order
	SortInput = "input" // the scan's order: by publication date, ties and undated articles in input order
)

// ArticleOrders are the orders SortArticles knows, the default first.
var ArticleOrders = []string{SortShare, SortDate, SortInput}

// SortArticles orders the articles table by one of ArticleOrders, from the
// scan's order (Build's).
func (r *Report) SortArticles(by string) {
	switch by {
	case SortShare:
		slices.SortStableFunc(r.Articles, func(a, b Article) int {
			return cmp.Or(cmp.Compare(b.ReusedShare(), a.ReusedShare()), cmp.Compare(b.ReusedWords+b.PartWords, a.ReusedWords+a.PartWords))
		})
	case SortDate:
		slices.SortStableFunc(r.Articles, func(a, b Article) int {
			switch {
			case a.Published.IsZero() == b.Published.IsZero():
				return b.Published.Compare(a.Published)
			case a.Published.IsZero():
				return 1
			}
			return -1
		})
	}
}
