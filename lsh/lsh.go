package lsh

import (
	"cmp"
	"fmt"
	"slices"

	minhashlsh "github.com/ekzhu/minhash-lsh"

	"github.com/reprint/reprint/shingle"
)

// Config says how candidates are found and what counts as the same passage.
type Config struct {
	Hashes         int     // MinHash signature length
	Threshold      float64 // Jaccard similarity the LSH index is tuned to find
	MinJaccard     float64 // a verified pair has at least this Jaccard similarity ...
	MinContainment float64 // ... or the smaller set lies at least this much inside the larger
	Seed           uint64  // seeds the MinHash functions
}

// DefaultConfig is the configuration the command uses unless told otherwise.
var DefaultConfig = Config{Hashes: 64, Threshold: 0.2, MinJaccard: 0.3, MinContainment: 0.7, Seed: 1}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Hashes < 2 || c.Hashes > 1024:
		return fmt.Errorf("hash count %d: want 2 to 1024", c.Hashes)
	case c.Threshold <= 0 || c.Threshold >= 1:
		return fmt.Errorf("LSH threshold %g: want a number between 0 and 1", c.Threshold)
	case c.MinJaccard <= 0 || c.MinJaccard > 1:
		return fmt.Errorf("minimum Jaccard %g: want more than 0 and at most 1", c.MinJaccard)
	case c.MinContainment <= 0 || c.MinContainment > 1:
		return fmt.Errorf("minimum containment %g: want more than 0 and at most 1", c.MinContainment)
	}
	return nil
}

// A Cluster is one recycled passage: paragraphs of at least two articles,
// joined by verified pairs.
type Cluster struct {
	Members []int // indices into the paragraphs given to Find, ascending
}

// Stats count the work Find did.
type Stats struct {
	Paragraphs int // paragraphs long enough to cluster
	Distinct   int // distinct shingle sets among them
	Candidates int // pairs the index proposed
	Verified   int // candidates that passed exact verification
}

// Find clusters the paragraphs that recur across articles. Paragraphs without
// a shingle set (too short) take no part. Clusters come in the order of their
// first member.
func Find(paras []shingle.Paragraph, cfg Config) ([]Cluster, Stats, error) {
	if err := cfg.Validate(); err != nil {
		return nil, Stats{}, err
	}
	sets := collapse(paras)
	st := Stats{Distinct: len(sets)}
	for _, s := range sets {
		st.Paragraphs += len(s.paras)
	}

	idx := minhashlsh.NewMinhashLSH(cfg.Hashes, cfg.Threshold)
	signer := newSigner(cfg.Hashes, cfg.Seed)
	sigs := make([][]uint64, len(sets))
	for i, s := range sets {
		sigs[i] = signer.sign(s.set)
		idx.Add(i, sigs[i])
	}
	idx.Index()

	uf := newUnionFind(len(sets))
	for i := range sets {
		cands := idx.Query(sigs[i])
		js := make([]int, 0, len(cands))
		for _, c := range cands {
			if j := c.(int); j > i {
				js = append(js, j)
			}
		}
		slices.Sort(js)
		st.Candidates += len(js)
		for _, j := range js {
			if !sets[i].crossesArticles(sets[j]) || !cfg.same(sets[i].set, sets[j].set) {
				continue
			}
			st.Verified++
			uf.union(i, j)
		}
	}
	return components(paras, sets, uf), st, nil
}

// same is the exact verification of a candidate pair.
func (c Config) same(a, b shingle.Set) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	sim := shingle.Compare(a, b)
	return sim.Jaccard >= c.MinJaccard || sim.Containment >= c.MinContainment
}

// A distinct shingle set and the paragraphs that have it.
type distinct struct {
	set      shingle.Set
	paras    []int // ascending
	articles []int // distinct, ascending
}

// crossesArticles reports whether a pair of sets joins paragraphs of two
// different articles.
func (d distinct) crossesArticles(o distinct) bool {
	return len(d.articles) > 1 || len(o.articles) > 1 || d.articles[0] != o.articles[0]
}

// collapse groups the clusterable paragraphs by identical shingle set.
func collapse(paras []shingle.Paragraph) []distinct {
	var sets []distinct
	byHash := map[uint64][]int{} // set hash -> indices into sets
	for pi := range paras {
		p := &paras[pi]
		if !p.Clustered() {
			continue
		}
		h := hashSet(p.Set)
		found := -1
		for _, si := range byHash[h] {
			if slices.Equal(sets[si].set, p.Set) {
				found = si
				break
			}
		}
		if found < 0 {
			found = len(sets)
			byHash[h] = append(byHash[h], found)
			sets = append(sets, distinct{set: p.Set})
		}
		d := &sets[found]
		d.paras = append(d.paras, pi)
		if n := len(d.articles); n == 0 || d.articles[n-1] != p.Article {
			d.articles = append(d.articles, p.Article)
		}
	}
	for i := range sets {
		slices.Sort(sets[i].articles)
		sets[i].articles = slices.Compact(sets[i].articles)
	}
	return sets
}

func hashSet(s shingle.Set) uint64 {
	h := uint64(len(s))
	for _, x := range s {
		h = mix(h ^ x)
	}
	return h
}

// components turns the union-find forest into clusters that span at least
// two articles.
func components(paras []shingle.Paragraph, sets []distinct, uf *unionFind) []Cluster {
	byRoot := map[int][]int{}
	for i, s := range sets {
		r := uf.find(i)
		byRoot[r] = append(byRoot[r], s.paras...)
	}
	var clusters []Cluster
	for _, members := range byRoot {
		slices.Sort(members)
		first := paras[members[0]].Article
		if slices.ContainsFunc(members, func(m int) bool { return paras[m].Article != first }) {
			clusters = append(clusters, Cluster{Members: members})
		}
	}
	slices.SortFunc(clusters, func(a, b Cluster) int { return cmp.Compare(a.Members[0], b.Members[0]) })
	return clusters
}
