// Package passage turns lsh's clusters into recycled passages a reader can
// trust: each passage is a tree around its original, the earliest
// publication. Every copy is verified, by the same rule lsh verifies
// candidates with, against the member it is listed under (CopyOf): the
// original itself where it passes, otherwise an earlier copy, and then only
// when it still resembles the original (Resemble).
//
// lsh joins paragraphs through chains of verified pairs: A like B, B like C.
// A chain can link paragraphs that have little in common (a paragraph edited
// a little at every step, or two passages through a paragraph that merges
// them), so a cluster is only where to look. Split takes each cluster's
// members from first to last published (article.Chronology) and puts each
// in the first passage whose original it passes against, or failing that
// under a copy it passes against in a passage whose original it resembles; a
// member that fits nowhere starts a passage of its own. A passage with members of
// one article only is not reuse and is left out.
//
// Some clusters are formula, not copy: wire copy writes the same sentence
// every day about another company, amount or day ("X Corp said it filed a
// registration statement with the Securities and Exchange Commission ..."),
// and the word rule cannot tell those apart from an edited copy. Their facts
// can (shingle.Facts): a formula changes the names and figures, a copy keeps
// them. A cluster is a formula family when, placed into passages by its
// words, at least FormulaMembers of its copies, and more than FormulaShare
// of them, contradict the facts of the member they copy (their figures, or
// all their facts, agree less than Contradiction). Its members are then
// placed again, each copy keeping the facts of the member it copies
// (lsh.Config.KeepsFacts). Elsewhere the words decide, because one edited
// name or figure is what an editor does to a copy, and alone it cannot be
// told from a formula.
//
// The members of a passage, its original and each copy's scores depend on
// the chronology and the paragraphs' texts alone, not on the input order,
// when the articles have distinct dates: lsh's clusters do not depend on it
// either. Same dates and undated articles fall back to input order, and the
// passage says so (OriginalBy).
package passage

import (
	"cmp"
	"slices"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/shingle"
)

// Roles of a passage's members.
const (
	Original = "original" // the first publication of the passage
	Reused   = "reused"   // a copy in a later article
	// SameArticle is another paragraph of the original's own article that
	// passes against the original: a repeat of it. Not reuse.
	SameArticle = "same-article"
)

// How a passage's original was chosen.
const (
	ByDate = "date"
	// ByDateUndatedAfter: the original is the earliest dated member; some
	// members are undated and were taken as later.
	ByDateUndatedAfter = "date, undated copies after"
	BySameDate         = "input order, same date"
	ByOrderUndated     = "input order, undated"
)

// A Passage is one recycled passage: an original and its verified copies.
type Passage struct {
	Members    []Member // the original first, then the copies from first to last published
	OriginalBy string
	// Formula says the passage came from a formula family: each copy also
	// keeps the facts of the member it copies.
	Formula bool
}

// A Member is one paragraph of a passage.
type Member struct {
	Para shingle.ParaID
	Role string // Original, Reused or SameArticle
	// CopyOf is the index in Members of the member this one was verified
	// against, and Sim its scores against it (containment of this member's
	// set in that one's); -1, and its scores against itself, for the original.
	CopyOf int
	Sim    shingle.Similarity
	Facts  shingle.Facts // its figures and names (shingle.FactsOf), in a formula family
}

// Split turns clusters into passages, and says which clusters are formula
// families (formula[i] for clusters[i]). The passages come in the order of
// their original's place in the input.
func Split(arts []*article.Article, paras []shingle.Paragraph, clusters []lsh.Cluster, cfg lsh.Config) (passages []Passage, formula []bool) {
	rank := article.Chronology(arts)
	parts := make([][]Passage, len(clusters))
	formula = make([]bool, len(clusters))
	parallel.For(len(clusters), func(i int) { parts[i], formula[i] = split(arts, paras, rank, clusters[i].Members, cfg) })
	passages = slices.Concat(parts...)
	slices.SortFunc(passages, func(a, b Passage) int { return cmp.Compare(a.Members[0].Para, b.Members[0].Para) })
	return passages, formula
}

// split is Split for one cluster's members.
func split(arts []*article.Article, paras []shingle.Paragraph, rank []int, members []shingle.ParaID, cfg lsh.Config) ([]Passage, bool) {
	members = slices.Clone(members)
	slices.SortFunc(members, func(x, y shingle.ParaID) int {
		return cmp.Or(cmp.Compare(rank[paras[x].Article], rank[paras[y].Article]), cmp.Compare(x, y))
	})
	facts := factsReader(paras)
	stars := build(paras, members, nil, cfg)
	formula := (cfg.MinFigures > 0 || cfg.MinFacts > 0) && isFormula(paras, stars, facts, cfg)
	if formula {
		stars = build(paras, members, facts, cfg)
	}
	out := stars[:0]
	for _, s := range stars {
		if slices.ContainsFunc(s.Members, func(m Member) bool { return m.Role == Reused }) {
			s.OriginalBy = originalBy(arts, paras, s.Members)
			s.Formula = formula
			out = append(out, s)
		}
	}
	return out, formula
}

// factsReader returns a function that reads a paragraph's facts once
// (shingle.FactsOf) and remembers them, for one cluster: the vote and the
// placement of a formula family read the same paragraphs.
func factsReader(paras []shingle.Paragraph) func(para shingle.ParaID) shingle.Facts {
	read := map[shingle.ParaID]shingle.Facts{}
	return func(para shingle.ParaID) shingle.Facts {
		f, ok := read[para]
		if !ok {
			f = shingle.FactsOf(paras[para].Text)
			read[para] = f
		}
		return f
	}
}

// build places a cluster's members, in chronological order, into passages
// (place): by their words, or, given a reader of their facts (a formula
// family), by their facts too.
func build(paras []shingle.Paragraph, members []shingle.ParaID, facts func(para shingle.ParaID) shingle.Facts, cfg lsh.Config) []Passage {
	formula := facts != nil
	var stars []Passage
	for _, m := range members {
		p := &paras[m]
		var f shingle.Facts // read only in a formula family
		if formula {
			f = facts(m)
		}
		if s, of, ok := place(paras, stars, m, f, formula, cfg); ok {
			o := &paras[stars[s].Members[of].Para]
			role := Reused
			if p.Article == paras[stars[s].Members[0].Para].Article {
				role = SameArticle
			}
			stars[s].Members = append(stars[s].Members, Member{Para: m, Role: role, CopyOf: of, Sim: shingle.Compare(p.Set, o.Set), Facts: f})
			continue
		}
		stars = append(stars, Passage{Members: []Member{{Para: m, Role: Original, CopyOf: -1, Sim: shingle.Compare(p.Set, p.Set), Facts: f}}})
	}
	return stars
}

// How many of a cluster's copies must contradict the facts of the member
// they copy, and what share of its copies, for the cluster to be a formula
// family; and how little two paragraphs' facts agree when they contradict
// each other.
const (
	FormulaMembers = 2
	FormulaShare   = 0.25
	Contradiction  = 0.4
)

// contradicts reports whether two paragraphs state facts that disagree: both
// have figures, and their figures agree less than Contradiction
// (shingle.CompareFacts); or both have facts, and all their facts do. A
// paragraph that states no facts of a kind contradicts nothing of it, and one
// edited figure or name in a handful does not reach the bar: an editor's
// change to a copy is not a formula.
func contradicts(a, b shingle.Facts, part bool) bool {
	figures, all := shingle.CompareFacts(a, b, part)
	return len(a.Figures) > 0 && len(b.Figures) > 0 && figures < Contradiction ||
		a.Len() > 0 && b.Len() > 0 && all < Contradiction
}

// isFormula reports whether a cluster, placed into passages by its words, is
// a formula family: enough of its copies contradict the facts of the member
// they copy (FormulaMembers, FormulaShare). It reads the facts of the
// members it compares only.
func isFormula(paras []shingle.Paragraph, stars []Passage, facts func(para shingle.ParaID) shingle.Facts, cfg lsh.Config) bool {
	copies, contradicting := 0, 0
	for _, s := range stars {
		for _, m := range s.Members[1:] {
			of := s.Members[m.CopyOf].Para
			if paras[m.Para].Digest == paras[of].Digest {
				continue
			}
			copies++
			if contradicts(facts(of), facts(m.Para), cfg.Part(paras[of].Set, paras[m.Para].Set)) {
				contradicting++
			}
		}
	}
	return contradicting >= FormulaMembers && float64(contradicting) > FormulaShare*float64(copies)
}

// Resemble is how much of the verification rule's Jaccard a copy of a copy
// must keep against the passage's original: a copy that passes only against
// another copy still has to resemble the original, so that a chain of small
// edits, or a paragraph that merges two passages, cannot lead a passage to
// text it does not resemble.
const Resemble = 0.5

// place finds the passage paragraph m, with its facts, belongs to, and the
// member it copies. To pass against a member is to be a copy of it
// (lsh.Config.Copies), by its facts too in a formula family. It is the first
// passage whose original it passes against; else the first whose
// original it resembles (Resemble) and one of whose copies it passes
// against, the earliest such copy. Passages and copies are in chronological
// order, so the choice does not depend on the input order.
func place(paras []shingle.Paragraph, stars []Passage, m shingle.ParaID, facts shingle.Facts, formula bool, cfg lsh.Config) (star, of int, ok bool) {
	p := &paras[m]
	for s := range stars {
		o := &stars[s].Members[0]
		if cfg.Copies(&paras[o.Para], p, o.Facts, facts, formula) {
			return s, 0, true
		}
	}
	for s := range stars {
		o := &paras[stars[s].Members[0].Para]
		if shingle.Compare(p.Set, o.Set).Jaccard < Resemble*cfg.MinJaccard {
			continue
		}
		for j, c := range stars[s].Members[1:] {
			if cfg.Copies(&paras[c.Para], p, c.Facts, facts, formula) {
				return s, j + 1, true
			}
		}
	}
	return 0, 0, false
}

// originalBy says how the chronology chose the original among members.
func originalBy(arts []*article.Article, paras []shingle.Paragraph, members []Member) string {
	orig := arts[paras[members[0].Para].Article]
	if !orig.Dated() {
		return ByOrderUndated
	}
	by := ByDate
	for _, m := range members[1:] {
		a := arts[paras[m.Para].Article]
		switch {
		case a == orig:
		case !a.Dated():
			by = ByDateUndatedAfter
		case a.Published.Equal(orig.Published):
			return BySameDate
		}
	}
	return by
}

// An ID names a passage of a scan: its index in the slice Split returns.
type ID int32

// A Membership says which passage each paragraph is in, if any: what the
// later stages (partial reuse) need to know of the passages. The zero
// Membership puts every paragraph in none.
type Membership struct {
	of []ID // the passage plus one; 0 for none
}

// Members is the membership of n paragraphs in passages.
func Members(passages []Passage, n int) Membership {
	m := Membership{of: make([]ID, n)}
	for i, p := range passages {
		for _, mb := range p.Members {
			m.of[mb.Para] = ID(i + 1)
		}
	}
	return m
}

// Of is paragraph para's passage, and whether it is in one.
func (m Membership) Of(para shingle.ParaID) (passage ID, ok bool) {
	if m.of == nil || m.of[para] == 0 {
		return 0, false
	}
	return m.of[para] - 1, true
}

// Same reports whether paragraphs a and b are in one passage.
func (m Membership) Same(a, b shingle.ParaID) bool {
	return m.of != nil && m.of[a] != 0 && m.of[a] == m.of[b]
}
