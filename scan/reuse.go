package scan

import (
	"slices"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/shingle"
)

// Reuse is how much of one article is reused: what a report's article row
// shows and what dedup's MinShare reads.
type Reuse struct {
	Paragraphs  int             // body paragraphs
	Words       int             // their words, site furniture left out
	Originals   int             // its paragraphs that are the original of a passage
	Reused      int             // its paragraphs that are copies from earlier articles
	ReusedWords int             // words in those paragraphs
	PartWords   int             // words of its other paragraphs that are partial reuse
	From        []article.Index // the articles it reused from, wholly or partly, ascending
}

// Share is the share of the article's words that are reused, in copied
// paragraphs or as partial reuse.
func (a Reuse) Share() float64 {
	if a.Words == 0 {
		return 0
	}
	return float64(a.ReusedWords+a.PartWords) / float64(a.Words)
}

// tally counts each article's reuse. A word of partial reuse counts once,
// however many spans cover it, and not at all in a paragraph that is a copy;
// a formula's runs are not reuse.
func tally(r *Result) []Reuse {
	out := make([]Reuse, len(r.Articles))
	for _, p := range r.Paragraphs {
		out[p.Article].Paragraphs++
		if !p.Template {
			out[p.Article].Words += p.Words
		}
	}
	copied := make(map[shingle.ParaID]bool) // paragraphs that are copies from earlier articles
	for _, ps := range r.Passages {
		orig := r.Paragraphs[ps.Members[0].Para].Article
		out[orig].Originals++
		for _, m := range ps.Members[1:] {
			if m.Role != passage.Reused {
				continue
			}
			copied[m.Para] = true
			p := &r.Paragraphs[m.Para]
			a := &out[p.Article]
			a.Reused++
			a.ReusedWords += p.Words
			a.From = append(a.From, orig)
		}
	}
	covered := map[shingle.ParaID][]bool{} // target paragraph -> which of its words are partial reuse
	for _, pr := range r.Partial {
		if pr.Formula {
			continue
		}
		src, tgt := &r.Paragraphs[pr.Source], &r.Paragraphs[pr.Target]
		out[tgt.Article].From = append(out[tgt.Article].From, src.Article)
		if copied[pr.Target] {
			continue
		}
		if covered[pr.Target] == nil {
			covered[pr.Target] = make([]bool, tgt.Words)
		}
		for _, s := range pr.Spans {
			for w := s.TargetStart; w < s.TargetEnd; w++ {
				covered[pr.Target][w] = true
			}
		}
	}
	for pi, words := range covered {
		for _, in := range words {
			if in {
				out[r.Paragraphs[pi].Article].PartWords++
			}
		}
	}
	for i := range out {
		slices.Sort(out[i].From)
		out[i].From = slices.Compact(out[i].From)
	}
	return out
}
