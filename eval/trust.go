package eval

import (
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/dedup"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// Trust measures what a scan's passages promise on a corpus without a
// truth: every copy passes the verification rule against the member it is
// listed under, and dedup cuts only what a kept copy covers.
type Trust struct {
	Articles, Paragraphs int
	Passages             int
	Largest              int // members of the largest passage
	LargestArticles      int // articles it spans
	Copies               int // members that are not the original
	Passing              int // copies that pass the rule against their CopyOf
	UnderCopy            int // copies listed under another copy, not the original

	Cut       int // paragraphs dedup (keeping the earliest) cuts
	CutWords  int
	Edited    int // cut paragraphs that are not verbatim copies of the kept one
	EditWords int // their words not in the kept copy
	Dropped   int // articles left with nothing, dropped whole
	Uncovered int // cut paragraphs no kept copy of their passage covers
}

// Measure measures res; keep is dedup's choice of copy.
func Measure(res *scan.Result, keep string) (Trust, error) {
	rule := res.Options.LSH
	t := Trust{Articles: len(res.Articles), Paragraphs: len(res.Paragraphs), Passages: len(res.Passages)}
	for _, ps := range res.Passages {
		arts := map[article.Index]bool{}
		for _, m := range ps.Members {
			arts[res.Paragraphs[m.Para].Article] = true
		}
		if len(ps.Members) > t.Largest {
			t.Largest, t.LargestArticles = len(ps.Members), len(arts)
		}
		for _, m := range ps.Members[1:] {
			t.Copies++
			of := ps.Members[m.CopyOf]
			if rule.Copies(&res.Paragraphs[of.Para], &res.Paragraphs[m.Para], of.Facts, m.Facts, ps.Formula) {
				t.Passing++
			}
			if of.Role != passage.Original {
				t.UnderCopy++
			}
		}
	}
	plan, err := dedup.NewPlan(res, dedup.Options{Keep: keep, Rule: rule, MinCover: dedup.DefaultMinCover})
	if err != nil {
		return t, err
	}
	cut := map[shingle.ParaID]bool{} // paragraphs cut
	for _, d := range plan.Dropped {
		t.Cut++
		t.CutWords += d.Words
		if !d.Verbatim {
			t.Edited++
			t.EditWords += d.Changed
		}
	}
	for _, a := range plan.Articles {
		if a.Empty {
			t.Dropped++
		}
	}
	type place struct {
		art article.Index
		n   int
	}
	byPlace := map[place]shingle.ParaID{}
	for i, p := range res.Paragraphs {
		byPlace[place{p.Article, p.N}] = shingle.ParaID(i)
	}
	for _, d := range plan.Dropped {
		cut[byPlace[place{d.Article, d.Paragraph}]] = true
	}
	for _, ps := range res.Passages {
		for _, m := range ps.Members {
			if !cut[m.Para] {
				continue
			}
			p := &res.Paragraphs[m.Para]
			covered := false
			for _, k := range ps.Members {
				kp := &res.Paragraphs[k.Para]
				if !cut[k.Para] && rule.Copies(kp, p, k.Facts, m.Facts, ps.Formula) && shingle.Compare(p.Set, kp.Set).Containment >= dedup.DefaultMinCover {
					covered = true
					break
				}
			}
			if !covered {
				t.Uncovered++
			}
		}
	}
	return t, nil
}
