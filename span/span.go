// Package span finds partial reuse: runs of words that paragraphs of
// different articles share when the paragraphs are not otherwise the same
// passage, as when a sentence is lifted into a new paragraph, or paragraphs
// are merged or split.
//
// Every run of MinWords words is hashed (from the word hashes the shingle
// stage made). A run found in two or more articles links each later
// occurrence to the earliest one only, so a passage copied by five hundred
// articles costs five hundred links, not a hundred thousand pairs. Links on
// the same diagonal of a pair of paragraphs merge into maximal shared spans.
// A run found in more than Common articles is a stock phrase of the corpus
// ("said in a statement on") and seeds nothing.
package span

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/reprint/reprint/shingle"
)

// Config says what counts as partial reuse.
type Config struct {
	MinWords int // the shortest shared run reported
	Common   int // a run in more articles than this is a stock phrase; 0: no limit
}

// DefaultConfig is the configuration the command uses unless told otherwise.
var DefaultConfig = Config{MinWords: 8, Common: 20}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.MinWords < 3 || c.MinWords > 100:
		return fmt.Errorf("minimum span %d words: want 3 to 100", c.MinWords)
	case c.Common < 0:
		return fmt.Errorf("common-phrase limit %d: want 0 (none) or more", c.Common)
	}
	return nil
}

// A Span is a run of words two paragraphs share: word positions [Start, End)
// in each paragraph's normalised words.
type Span struct {
	SourceStart, SourceEnd int
	TargetStart, TargetEnd int
}

// Words is the span's length in the target paragraph.
func (s Span) Words() int { return s.TargetEnd - s.TargetStart }

// A Reuse is what a later paragraph (Target) shares with an earlier one
// (Source): paragraph indices and the spans, in target order.
type Reuse struct {
	Source, Target int
	Spans          []Span
}

// Words counts the target's words inside the spans.
func (r Reuse) Words() int {
	n, end := 0, 0
	for _, s := range r.Spans {
		n += s.TargetEnd - max(s.TargetStart, end)
		end = max(end, s.TargetEnd)
	}
	return n
}

// occurrence is one run of words: its hash, paragraph and first word.
type occurrence struct {
	run  uint64
	para int32
	pos  int32
}

// link says a run at pos in target is found at srcPos in source.
type link struct {
	source, target int32
	srcPos, tgtPos int32
}

// Find returns the partial reuse among paras, where rank orders articles
// from first to last published (article.Chronology). Pairs of paragraphs of
// the same article are never linked. The result is sorted by target, then
// source.
func Find(paras []shingle.Paragraph, rank []int, cfg Config) ([]Reuse, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := cfg.MinWords
	var occ []occurrence
	for pi := range paras {
		h := paras[pi].Hashes
		for i := 0; i+n <= len(h); i++ {
			occ = append(occ, occurrence{shingle.Combine(h[i : i+n]), int32(pi), int32(i)})
		}
	}
	slices.SortFunc(occ, func(a, b occurrence) int {
		return cmp.Or(cmp.Compare(a.run, b.run), cmp.Compare(a.para, b.para), cmp.Compare(a.pos, b.pos))
	})

	earlier := func(a, b occurrence) bool {
		ra, rb := rank[paras[a.para].Article], rank[paras[b.para].Article]
		return ra < rb || (ra == rb && (a.para < b.para || (a.para == b.para && a.pos < b.pos)))
	}
	var links []link
	var articles []int
	for start := 0; start < len(occ); {
		end := start + 1
		for end < len(occ) && occ[end].run == occ[start].run {
			end++
		}
		group := occ[start:end]
		start = end
		if len(group) < 2 {
			continue
		}
		articles = articles[:0]
		first := group[0]
		for _, o := range group {
			articles = append(articles, paras[o.para].Article)
			if earlier(o, first) {
				first = o
			}
		}
		slices.Sort(articles)
		if distinct := len(slices.Compact(articles)); distinct < 2 || (cfg.Common > 0 && distinct > cfg.Common) {
			continue
		}
		src := paras[first.para].Article
		for _, o := range group {
			if paras[o.para].Article != src {
				links = append(links, link{first.para, o.para, first.pos, o.pos})
			}
		}
	}
	return merge(links, n), nil
}

// merge joins links on the same diagonal of the same pair of paragraphs into
// maximal spans: runs of n words that overlap or touch form one span.
func merge(links []link, n int) []Reuse {
	slices.SortFunc(links, func(a, b link) int {
		return cmp.Or(cmp.Compare(a.target, b.target), cmp.Compare(a.source, b.source),
			cmp.Compare(a.tgtPos-a.srcPos, b.tgtPos-b.srcPos), cmp.Compare(a.tgtPos, b.tgtPos))
	})
	var out []Reuse
	for i := 0; i < len(links); {
		l := links[i]
		if len(out) == 0 || out[len(out)-1].Target != int(l.target) || out[len(out)-1].Source != int(l.source) {
			out = append(out, Reuse{Source: int(l.source), Target: int(l.target)})
		}
		r := &out[len(out)-1]
		s := Span{int(l.srcPos), int(l.srcPos) + n, int(l.tgtPos), int(l.tgtPos) + n}
		diag := l.tgtPos - l.srcPos
		for i++; i < len(links); i++ {
			m := links[i]
			if m.target != l.target || m.source != l.source || m.tgtPos-m.srcPos != diag || int(m.tgtPos) > s.TargetEnd {
				break
			}
			s.SourceEnd = max(s.SourceEnd, int(m.srcPos)+n)
			s.TargetEnd = max(s.TargetEnd, int(m.tgtPos)+n)
		}
		r.Spans = append(r.Spans, s)
	}
	for i := range out {
		slices.SortFunc(out[i].Spans, func(a, b Span) int { return cmp.Compare(a.TargetStart, b.TargetStart) })
	}
	return out
}
