package eval

import (
	"cmp"
	"slices"
	"strings"

	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/synth"
)

// Scores are one report measured against the truth.
type Scores struct {
	TruePairs, FoundPairs, RightPairs int // pairs of the same passage: in the truth, in the report, in both
	Precision, Recall, F1             float64
	ARI                               float64       // adjusted Rand index of the clusters
	ByLevel                           []LevelRecall // recall of copies by edit level
	Originals                         Ratio         // clusters of a true passage whose original is the true first copy
	FalsePairs                        []FalsePair   // pairs of independently written paragraphs the report joins
	SameTopic                         int           // of FalsePairs, those on the same topic
	MixedClusters                     int           // clusters joining paragraphs of independent passages
	RelatedPairs                      []FalsePair   // pairs the report joins from related stories (not scored as false)
	RelatedClusters                   int           // clusters joining paragraphs of related stories only
	Natural                           int           // links the truth took from the source corpus's own reuse
}

// A Ratio is a count of successes out of a total.
type Ratio struct{ Hit, Total int }

// Share is Hit/Total, or 1 when there is nothing to count.
func (r Ratio) Share() float64 {
	if r.Total == 0 {
		return 1
	}
	return float64(r.Hit) / float64(r.Total)
}

// LevelRecall is the share of copies edited at Level found with their original.
type LevelRecall struct {
	Level float64
	Ratio
}

// RecallAt is the share of copies edited at lo to hi (inclusive) found with their original.
func (s Scores) RecallAt(lo, hi float64) Ratio {
	var r Ratio
	for _, l := range s.ByLevel {
		if l.Level >= lo-1e-9 && l.Level <= hi+1e-9 {
			r.Hit += l.Hit
			r.Total += l.Total
		}
	}
	return r
}

// A FalsePair is two paragraphs the report puts in one cluster although they
// were written independently.
type FalsePair struct {
	Cluster int
	A, B    synth.Origin
}

// NaturalRun is how many consecutive words two source paragraphs must share
// to count as the source corpus's own reuse rather than independent writing.
const NaturalRun = 6

// RelatedRun is how many consecutive words two source articles must share
// anywhere to be related stories (the same event covered twice), whose
// paragraphs are not independently written either.
const RelatedRun = 12

// item is a paragraph the clustering scores count: its truth group (the
// source paragraph it is, or copies) and its cluster in the report (0: none).
type item struct {
	origin  synth.Origin
	group   synth.Ref
	cluster int
}

// Score measures rep against the benchmark's truth.
//
// The sources are real articles, and real corpora reuse their own text (a
// quote in two stories, a recurring byline, a team sheet). Where the report
// joins two source paragraphs that share a run of NaturalRun words, the truth
// takes them as one passage too: the source's own reuse, counted in
// Scores.Natural, not a false positive. Every other pair of different sources
// counts as independently written, unless their articles share a run of
// RelatedRun words somewhere: related stories, reported apart in
// Scores.RelatedPairs and not scored as false.
func Score(b *synth.Benchmark, res *scan.Result) Scores {
	items := map[synth.Ref]*item{}
	text := b.Texts()
	doc := map[synth.Ref]string{} // the source article each original and own-words paragraph came from
	for _, o := range b.Origins {
		if o.Doc != "" {
			doc[o.Ref] = o.Doc
		}
	}
	related := func(x, y *item) bool {
		dx, dy := doc[x.group], doc[y.group] // a copy's group is its source paragraph
		return dx != "" && dy != "" && dx != dy &&
			shareRun(strings.Join(b.Sources[dx], " "), strings.Join(b.Sources[dy], " "), RelatedRun)
	}
	for _, o := range b.Origins {
		switch o.Kind {
		case synth.Original, synth.Own:
			items[o.Ref] = &item{origin: o, group: o.Ref}
		case synth.Copy:
			items[o.Ref] = &item{origin: o, group: o.From[0]}
		}
	}
	clusters := make([][]*item, len(res.Passages)+1) // by passage number, from 1
	for i, ps := range res.Passages {
		for _, m := range ps.Members {
			if it := items[ref(res, m.Para)]; it != nil {
				it.cluster = i + 1
				clusters[i+1] = append(clusters[i+1], it)
			}
		}
	}

	var s Scores
	// Join the truth groups of source paragraphs the report joins and that
	// share a run of words: the corpus's own reuse.
	root := map[synth.Ref]synth.Ref{}
	var find func(synth.Ref) synth.Ref
	find = func(r synth.Ref) synth.Ref {
		if p, ok := root[r]; ok && p != r {
			p = find(p)
			root[r] = p
			return p
		}
		return r
	}
	for _, members := range clusters {
		for i, x := range members {
			for _, y := range members[i+1:] {
				gx, gy := find(x.group), find(y.group)
				if gx != gy && shareRun(text[x.group], text[y.group], NaturalRun) {
					root[gy] = gx
					s.Natural++
				}
			}
		}
	}
	for _, it := range items {
		it.group = find(it.group)
	}

	contingency := map[[2]any]int{} // (group, cluster) -> items
	groups := map[synth.Ref]int{}
	inClusters := map[int]int{}
	n := 0
	for _, it := range items {
		n++
		groups[it.group]++
		if it.cluster > 0 {
			contingency[[2]any{it.group, it.cluster}]++
			inClusters[it.cluster]++
		}
	}
	for _, k := range groups {
		s.TruePairs += pairs(k)
	}
	for _, k := range inClusters {
		s.FoundPairs += pairs(k)
	}
	for _, k := range contingency {
		s.RightPairs += pairs(k)
	}
	s.Precision = ratio(s.RightPairs, s.FoundPairs)
	s.Recall = ratio(s.RightPairs, s.TruePairs)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.ARI = adjustedRand(s.RightPairs, s.TruePairs, s.FoundPairs, pairs(n))

	byLevel := map[float64]*Ratio{}
	for _, it := range items {
		if it.origin.Kind != synth.Copy {
			continue
		}
		r := byLevel[it.origin.Level]
		if r == nil {
			r = &Ratio{}
			byLevel[it.origin.Level] = r
		}
		r.Total++
		if src := items[it.group]; src != nil && it.cluster > 0 && src.cluster == it.cluster {
			r.Hit++
		}
	}
	for level, r := range byLevel {
		s.ByLevel = append(s.ByLevel, LevelRecall{level, *r})
	}
	slices.SortFunc(s.ByLevel, func(a, b LevelRecall) int { return cmp.Compare(a.Level, b.Level) })

	for i, ps := range res.Passages {
		id := i + 1
		members := clusters[id]
		if len(members) == 0 {
			continue
		}
		size := map[synth.Ref]int{}
		for _, it := range members {
			size[it.group]++
		}
		independent, relatedOnly := false, false
		for i, x := range members {
			for _, y := range members[i+1:] {
				switch {
				case x.group == y.group:
				case related(x, y):
					s.RelatedPairs = append(s.RelatedPairs, FalsePair{id, x.origin, y.origin})
					relatedOnly = true
				default:
					independent = true
					s.FalsePairs = append(s.FalsePairs, FalsePair{id, x.origin, y.origin})
					if x.origin.Topic == y.origin.Topic {
						s.SameTopic++
					}
				}
			}
		}
		switch {
		case independent:
			s.MixedClusters++
		case relatedOnly:
			s.RelatedClusters++
		}
		main := majority(size)
		if groups[main] < 2 { // not a true passage: nothing to name
			continue
		}
		s.Originals.Total++
		orig := items[ref(res, ps.Members[0].Para)]
		if orig != nil && orig.group == main && (orig.origin.Kind == synth.Original || orig.origin.Kind == synth.Own) {
			s.Originals.Hit++
		}
	}
	return s
}

// majority is the group with the most members; ties go to the smallest ref.
func majority(size map[synth.Ref]int) synth.Ref {
	var best synth.Ref
	bestN := 0
	for g, k := range size {
		if k > bestN || (k == bestN && cmp.Or(cmp.Compare(g.Article, best.Article), cmp.Compare(g.N, best.N)) < 0) {
			best, bestN = g, k
		}
	}
	return best
}

// adjustedRand is Hubert and Arabie's ARI from pair counts: pairs together in
// both partitions, in the first, in the second, and all pairs.
func adjustedRand(both, first, second, all int) float64 {
	if all == 0 {
		return 1
	}
	expected := float64(first) * float64(second) / float64(all)
	maximum := (float64(first) + float64(second)) / 2
	if maximum == expected {
		return 1
	}
	return (float64(both) - expected) / (maximum - expected)
}

func pairs(k int) int { return k * (k - 1) / 2 }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// shareRun reports whether a and b share a run of n consecutive normalised words.
func shareRun(a, b string, n int) bool {
	wa, wb := prose.Keys(a), prose.Keys(b)
	runs := map[string]bool{}
	for i := 0; i+n <= len(wa); i++ {
		runs[strings.Join(wa[i:i+n], " ")] = true
	}
	for i := 0; i+n <= len(wb); i++ {
		if runs[strings.Join(wb[i:i+n], " ")] {
			return true
		}
	}
	return false
}
