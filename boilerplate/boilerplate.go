// Package boilerplate finds site furniture: paragraphs that appear in nearly
// every article of one source ("Follow us on Twitter", a copyright line, an
// agency footer). They are the site's template, not recycled story passages,
// so the scan lists them apart and keeps them out of its passages and shares.
//
// It takes the shingled paragraphs (two paragraphs are the same line when
// their normalised words are: shingle.Paragraph.Digest) and gives the lines
// with their counts. A source is the article's "source", else its address's
// host, else the folder of its file (a JSONL file is its own folder).
package boilerplate

import (
	"cmp"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/shingle"
)

// Config says when a line is furniture.
type Config struct {
	MinArticles int     // a source needs this many articles before any line of it is furniture
	Share       float64 // a line is furniture when this share of the source's articles has it
}

// DefaultConfig: a line in 80% of the articles of a source with at least 10.
var DefaultConfig = Config{MinArticles: 10, Share: 0.8}

// Validate checks the configuration.
func (c Config) Validate() error {
	switch {
	case c.MinArticles < 2:
		return fmt.Errorf("template: minimum articles per source %d: want at least 2", c.MinArticles)
	case !(c.Share > 0 && c.Share <= 1): // NaN fails too
		return fmt.Errorf("template: share %g: want more than 0, at most 1", c.Share)
	}
	return nil
}

// A Line is one piece of furniture of one source.
type Line struct {
	Source     string
	Text       string // as it first appears
	Articles   int    // articles of the source that have it
	Of         int    // articles of the source
	Paragraphs []int  // indexes of every paragraph that is this line
}

// Find returns the furniture of every source, sources in order of their first
// article, lines in order of first appearance.
func Find(arts []*article.Article, paras []shingle.Paragraph, cfg Config) []Line {
	return FindAmong(arts, paras, cfg, nil)
}

// FindAmong is Find where arts are some of their sources' articles: sources
// (unless nil) gives how many articles each source has in all, at least
// as many as arts have. A line is furniture when that share of them has
// it; arts are taken to hold every one that does. An archive's check
// (package archive) reads only the articles that share something with the
// ones checked, whose sources would otherwise look as small as that.
func FindAmong(arts []*article.Article, paras []shingle.Paragraph, cfg Config, sources func(source string) int) []Line {
	type key struct {
		source int
		digest uint64
	}
	sourceOf := make([]int, len(arts)) // article -> source number
	var names []string
	ids := map[string]int{}
	size := map[int]int{}
	for i, a := range arts {
		name := Source(a)
		id, ok := ids[name]
		if !ok {
			id = len(names)
			ids[name] = id
			names = append(names, name)
		}
		sourceOf[i] = id
		size[id]++
	}
	if sources != nil {
		for id, name := range names {
			size[id] = max(size[id], sources(name))
		}
	}
	type tally struct {
		first    int // paragraph
		articles int
		last     article.Index // article last counted
		paras    []int
	}
	lines := map[key]*tally{}
	var order []key
	for i := range paras {
		p := &paras[i]
		src := sourceOf[p.Article]
		if size[src] < cfg.MinArticles || p.Words == 0 {
			continue
		}
		k := key{src, p.Digest}
		t := lines[k]
		if t == nil {
			t = &tally{first: i, last: -1}
			lines[k] = t
			order = append(order, k)
		}
		if t.last != p.Article {
			t.articles++
			t.last = p.Article
		}
		t.paras = append(t.paras, i)
	}
	var out []Line
	for _, k := range order {
		t := lines[k]
		if float64(t.articles) >= cfg.Share*float64(size[k.source]) {
			out = append(out, Line{Source: names[k.source], Text: paras[t.first].Text, Articles: t.articles, Of: size[k.source], Paragraphs: t.paras})
		}
	}
	slices.SortStableFunc(out, func(a, b Line) int { return cmp.Compare(ids[a.Source], ids[b.Source]) })
	return out
}

// Exclude leaves the lines' paragraphs out of the scan: they are marked
// Template and get no shingle set, so neither LSH nor partial reuse sees
// them, and the report counts their words in no share.
func Exclude(paras []shingle.Paragraph, lines []Line) {
	for _, l := range lines {
		for _, pi := range l.Paragraphs {
			paras[pi].Template, paras[pi].Set = true, nil
		}
	}
}

// Source names an article's source: its "source", else its address's host,
// else its file's folder (for a JSONL file, the file).
func Source(a *article.Article) string {
	if s := strings.TrimSpace(a.Source); s != "" {
		return s
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	}
	if a.Line > 0 || a.Path == "-" {
		return a.Path
	}
	return filepath.Dir(a.Path)
}
