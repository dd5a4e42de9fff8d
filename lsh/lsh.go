package lsh

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/internal/radix"
	"github.com/reprint/reprint/internal/splitmix"
	"github.com/reprint/reprint/shingle"
)

// Config says how candidates are found and what counts as the same passage.
type Config struct {
	Hashes     int     // MinHash signature length
	Threshold  float64 // Jaccard similarity the LSH index is tuned to find
	MinJaccard float64 // a verified pair has at least this Jaccard similarity ...
	MinRatio   float64 // ... and the smaller set has at least this share of the larger's size,
	// or the smaller has at least MinContain of its shingles in the larger
	// (a shortened copy, or one a longer paragraph took in whole); 0: off.
	MinContain float64
	// A copy's figures agree with what it copies at least MinFigures, and
	// all its facts at least MinFacts, where package passage finds a formula
	// (KeepsFacts); 0: off. Clusters are joined by the words alone (Passes).
	MinFigures float64
	MinFacts   float64
	Seed       uint64 // seeds the MinHash functions
}

// DefaultConfig is the configuration the command uses unless told otherwise.
var DefaultConfig = Config{Hashes: 64, Threshold: 0.15, MinJaccard: 0.3, MinRatio: 0.7, MinContain: 0.8, MinFigures: 0.6, MinFacts: 0.5, Seed: 1}

// Validate reports the first setting that cannot work. NaN fails every
// range.
func (c Config) Validate() error {
	switch {
	case c.Hashes < 2 || c.Hashes > 1024:
		return fmt.Errorf("hash count %d: want 2 to 1024", c.Hashes)
	case !(c.Threshold > 0 && c.Threshold < 1):
		return fmt.Errorf("LSH threshold %g: want a number between 0 and 1", c.Threshold)
	case !(c.MinJaccard > 0 && c.MinJaccard <= 1):
		return fmt.Errorf("minimum Jaccard %g: want more than 0 and at most 1", c.MinJaccard)
	case !(c.MinRatio >= 0 && c.MinRatio <= 1):
		return fmt.Errorf("minimum length ratio %g: want 0 to 1", c.MinRatio)
	case !(c.MinContain >= 0 && c.MinContain <= 1):
		return fmt.Errorf("minimum containment %g: want 0 (off) to 1", c.MinContain)
	case !(c.MinFigures >= 0 && c.MinFigures <= 1):
		return fmt.Errorf("minimum figures agreement %g: want 0 (off) to 1", c.MinFigures)
	case !(c.MinFacts >= 0 && c.MinFacts <= 1):
		return fmt.Errorf("minimum facts agreement %g: want 0 (off) to 1", c.MinFacts)
	}
	return nil
}

// A Cluster is one recycled passage: paragraphs of at least two articles,
// joined by verified pairs.
type Cluster struct {
	Members []shingle.ParaID // the paragraphs given to Find, ascending
}

// Groups gives every paragraph its cluster's index, or -1 when it is in
// none; n is the number of paragraphs.
func Groups(clusters []Cluster, n int) []int {
	group := make([]int, n)
	for i := range group {
		group[i] = -1
	}
	for i, c := range clusters {
		for _, m := range c.Members {
			group[m] = i
		}
	}
	return group
}

// Stats count the work Find did.
type Stats struct {
	Paragraphs int // paragraphs long enough to cluster
	Distinct   int // distinct shingle sets among them
	Candidates int // pairs of sets in one bucket, not yet joined, verified exactly (in each part of verify)
	Verified   int // pairs that passed and joined two clusters: the distinct sets less the clusters

	Sign, Index, Verify, Cluster time.Duration // time in each step
}

// A Pair is two paragraphs of different articles verified to be the same
// passage (ExactPairs). Each stands for every paragraph with its exact
// shingle set.
type Pair struct {
	A, B shingle.ParaID     // A < B
	Sim  shingle.Similarity // Jaccard, and containment of the smaller set in the larger
}

// Find clusters the paragraphs that recur across articles. Paragraphs without
// a shingle set (too short) take no part. Clusters come in the order of their
// first member.
func Find(paras []shingle.Paragraph, cfg Config) ([]Cluster, Stats, error) {
	if err := cfg.Validate(); err != nil {
		return nil, Stats{}, err
	}
	if err := shingle.CheckCount(len(paras)); err != nil {
		return nil, Stats{}, err
	}
	start := time.Now()
	sets := collapse(paras)
	st := Stats{Distinct: len(sets)}
	for _, s := range sets {
		st.Paragraphs += len(s.paras)
	}
	sigs := sign(sets, cfg)
	st.Sign = time.Since(start)

	start = time.Now()
	buckets, err := band(sigs, cfg)
	if err != nil {
		return nil, st, err
	}
	st.Index = time.Since(start)

	start = time.Now()
	uf := verify(sets, sigs, buckets, cfg, verifyParts, &st)
	st.Verify = time.Since(start)

	start = time.Now()
	clusters := components(paras, sets, uf)
	st.Cluster = time.Since(start)
	return clusters, st, nil
}

// sign computes every distinct set's MinHash signature, on every core, into
// one array.
func sign(sets []distinct, cfg Config) [][]uint32 {
	signer := newSigner(cfg.Hashes, cfg.Seed)
	n := cfg.Hashes
	all := make([]uint32, len(sets)*n)
	sigs := make([][]uint32, len(sets))
	scratch := make([][]uint64, parallel.Workers(len(sets)))
	parallel.ForWorker(len(sets), func(w, i int) {
		if scratch[w] == nil {
			scratch[w] = make([]uint64, n)
		}
		sigs[i] = all[i*n : (i+1)*n : (i+1)*n]
		signer.sign(sigs[i], sets[i].set, scratch[w])
	})
	return sigs
}

// BandShape is the rows per band and the number of bands: what
// ekzhu/minhash-lsh's optimiser chooses for the hash count and threshold,
// minimising the integrated chance of false positives and negatives.
func BandShape(cfg Config) (rows, bands int) {
	return minhashlsh.NewMinhashLSH(cfg.Hashes, cfg.Threshold).Params()
}

// CandidateChance is the chance that two sets of Jaccard similarity j share
// a bucket in at least one band: 1 - (1 - j^rows)^bands.
func CandidateChance(cfg Config, j float64) float64 {
	rows, bands := BandShape(cfg)
	return 1 - math.Pow(1-math.Pow(j, float64(rows)), float64(bands))
}

// A band key packs the hash of a set's signature rows in one band, in its
// high bits, with the set's index, in its low bits: sorted, the keys list
// each bucket's sets together, in index order. The low bits are as few as
// the number of sets needs, at least minSetBits; the rest of the hash names
// the bucket, and two buckets that share it only cost candidate checks.
type bandKeys struct {
	keys    [][]uint64 // per band, sorted
	setBits uint
}

// minSetBits keeps buckets the same for every corpus of up to 2^26 sets.
const minSetBits = 26

// maxSetBits leaves 24 bits of the hash to tell buckets apart; past it (16
// million million sets) a scan fails rather than mix buckets up.
const maxSetBits = 40

// setBitsFor is how many low bits of a key hold a set's index among n sets.
func setBitsFor(n int) (uint, error) {
	b := max(minSetBits, uint(bits.Len(uint(n))))
	if b > maxSetBits {
		return 0, fmt.Errorf("%d distinct paragraphs: over the %d one index can hold", n, 1<<maxSetBits)
	}
	return b, nil
}

func (k bandKeys) key(hash uint64, set int) uint64 { return hash&^(1<<k.setBits-1) | uint64(set) }
func (k bandKeys) bucket(key uint64) uint64        { return key >> k.setBits }
func (k bandKeys) set(key uint64) int              { return int(key & (1<<k.setBits - 1)) }

// band sorts, for each band, the sets by the hash of their signature's rows
// in that band (bandKeys).
func band(sigs [][]uint32, cfg Config) (bandKeys, error) {
	setBits, err := setBitsFor(len(sigs))
	if err != nil {
		return bandKeys{}, err
	}
	rows, bands := BandShape(cfg)
	out := bandKeys{keys: make([][]uint64, bands), setBits: setBits}
	parallel.For(bands, func(b int) {
		k := make([]uint64, len(sigs))
		for i, sig := range sigs {
			k[i] = out.key(bandHash(sig, b, rows), i)
		}
		radix.Sort(k, nil)
		out.keys[b] = k
	})
	return out, nil
}

// bandHash is the hash of a signature's rows in band b: sets share that
// band's bucket when it is equal.
func bandHash(sig []uint32, b, rows int) uint64 { return shingle.Combine(sig[b*rows : (b+1)*rows]) }

// A Bander gives a shingle set's buckets, one a band: the hashes Find sorts
// its sets by (band), for an index that keeps them (package archive). Two
// sets are candidates in Find exactly when they share a bucket of some band,
// up to the bits of the hash a key keeps. A Bander is not safe for use by
// more than one goroutine.
type Bander struct {
	signer      signer
	rows, bands int
	sig         []uint32
	least       []uint64
}

// NewBander returns the Bander of cfg, which must be valid. Making one runs
// ekzhu/minhash-lsh's optimiser (BandShape): keep it, and use it again.
func NewBander(cfg Config) *Bander {
	rows, bands := BandShape(cfg)
	return &Bander{signer: newSigner(cfg.Hashes, cfg.Seed), rows: rows, bands: bands,
		sig: make([]uint32, cfg.Hashes), least: make([]uint64, cfg.Hashes)}
}

// Sketch appends to dst the low byte of each bin of the signature Buckets
// last computed: a signature in a quarter of the space, for a vote before
// an exact check (Agree, MinAgree).
func (b *Bander) Sketch(dst []byte) []byte {
	for _, v := range b.sig {
		dst = append(dst, byte(v))
	}
	return dst
}

// Buckets appends set's bucket in each band to dst, band by band.
func (b *Bander) Buckets(dst []uint64, set shingle.Set) []uint64 {
	b.signer.sign(b.sig, set, b.least)
	for i := range b.bands {
		dst = append(dst, bandHash(b.sig, i, b.rows))
	}
	return dst
}

// verify joins the sets that share a bucket and pass exact verification. In
// each bucket a set is checked against the bucket's first set and the one
// before it, and only when the two are not already joined: a passage copied
// five hundred times costs about five hundred checks a band, not the 125,000
// pairs of its bucket. Buckets are visited in a fixed order, so the result is
// the same every run.
//
// The bands are split in parts, each joined on its own core into its own
// union-find; the parts' joins are then added to the first's. Two sets end up
// together exactly when a chain of verified pairs links them, in whichever
// part, so the clusters do not depend on the split (TestVerifySplit). A part
// does check again a pair another part has joined: the split costs some
// checks (the stats count them all) and gains a core.
//
// Before the exact check the signatures vote: two sets agree in a bin with
// probability their Jaccard similarity, so a pair agreeing in fewer bins than
// a quarter of the threshold asks is skipped: at 0.3 with 64 bins, fewer than
// 4, a 4.3-sigma event for a pair at the threshold. (Measured with a cut of 7
// bins on the 71 MB bench corpus: 38% of the exact checks skipped, none of
// which would have passed.)
func verify(sets []distinct, sigs [][]uint32, buckets bandKeys, cfg Config, parts int, st *Stats) *unionFind {
	parts = min(parts, len(buckets.keys))
	if parts == 0 {
		return newUnionFind(len(sets))
	}
	ufs := make([]*unionFind, parts)
	candidates := make([]int, parts)
	parallel.For(parts, func(p int) {
		ufs[p] = newUnionFind(len(sets))
		lo, hi := p*len(buckets.keys)/parts, (p+1)*len(buckets.keys)/parts
		part := bandKeys{keys: buckets.keys[lo:hi], setBits: buckets.setBits}
		candidates[p] = verifyBands(sets, sigs, part, cfg, ufs[p])
	})
	for p, uf := range ufs {
		st.Candidates += candidates[p]
		if p > 0 {
			for i := range sets {
				if r := uf.find(i); r != i {
					ufs[0].union(i, r)
				}
			}
		}
	}
	st.Verified = len(sets) - ufs[0].sets
	return ufs[0]
}

// verifyParts is how many parts verify splits the bands into: fixed, not
// one a core, so that the stats are the same on every machine.
const verifyParts = 2

// verifyBands joins, in uf, the sets that share a bucket of the given bands
// and pass exact verification, and counts the candidate pairs it checked.
func verifyBands(sets []distinct, sigs [][]uint32, buckets bandKeys, cfg Config, uf *unionFind) (candidates int) {
	minAgree := cfg.MinAgree()
	try := func(a, b int) {
		if uf.find(a) == uf.find(b) || !sets[a].crossesArticles(sets[b]) {
			return
		}
		candidates++
		if Agree(sigs[a], sigs[b]) < minAgree {
			return
		}
		if cfg.Passes(sets[a].set, sets[b].set) {
			uf.union(a, b)
		}
	}
	for _, keys := range buckets.keys {
		for i := 0; i < len(keys); {
			j := i + 1
			for j < len(keys) && buckets.bucket(keys[j]) == buckets.bucket(keys[i]) {
				j++
			}
			head := buckets.set(keys[i])
			for m := i + 1; m < j; m++ {
				set := buckets.set(keys[m])
				try(head, set)
				if m > i+1 {
					try(buckets.set(keys[m-1]), set)
				}
			}
			i = j
		}
	}
	return candidates
}

// agree counts the bins in which two signatures are equal.
// MinAgree is the fewest bins in which two signatures must agree before
// their sets are verified exactly: a quarter of what MinJaccard asks (see
// verify).
func (c Config) MinAgree() int { return int(c.MinJaccard / 4 * float64(c.Hashes)) }

// Agree counts the bins in which two signatures, or two sketches
// (Bander.Sketch), agree. Two sets agree in a bin of their sketches at
// least as often as in their signatures', so a pair that passes MinAgree
// on signatures passes it on sketches.
func Agree[T uint32 | byte](x, y []T) int {
	n := 0
	for i, v := range x {
		if v == y[i] {
			n++
		}
	}
	return n
}

// edge is a verified pair of distinct sets, by index into them.
type edge struct {
	a, b int
	sim  shingle.Similarity
}

// ExactPairs compares every pair of distinct shingle sets of different
// articles, without the index: the ground truth the index is measured
// against. It keeps the pairs that pass cfg's verification (its Hashes and
// Threshold play no part), and uses every core.
//
// It skips only pairs that cannot pass: a pair needs the shorter set to have
// at least max(MinRatio, MinJaccard) of the longer's size, since Jaccard is
// at most that ratio; sorted by size, each set is compared with the sets in
// that window.
func ExactPairs(paras []shingle.Paragraph, cfg Config) []Pair {
	sets := collapse(paras)
	bySize := make([]int, len(sets))
	for i := range bySize {
		bySize[i] = i
	}
	slices.SortStableFunc(bySize, func(a, b int) int { return cmp.Compare(len(sets[a].set), len(sets[b].set)) })
	ratio := max(cfg.MinRatio, cfg.MinJaccard)
	found := make([][]edge, parallel.Workers(len(bySize)))
	parallel.ForWorker(len(bySize), func(w, x int) {
		i := bySize[x]
		limit := float64(len(sets[i].set)) / ratio
		for _, j := range bySize[x+1:] {
			if float64(len(sets[j].set)) > limit {
				break
			}
			if !sets[i].crossesArticles(sets[j]) {
				continue
			}
			if a, b := sets[i].set, sets[j].set; cfg.Passes(a, b) {
				found[w] = append(found[w], edge{min(i, j), max(i, j), similarity(a, b)})
			}
		}
	})
	return toPairs(sets, slices.Concat(found...))
}

func toPairs(sets []distinct, edges []edge) []Pair {
	pairs := make([]Pair, len(edges))
	for i, e := range edges {
		a, b := sets[e.a].paras[0], sets[e.b].paras[0]
		pairs[i] = Pair{A: min(a, b), B: max(a, b), Sim: e.sim}
	}
	slices.SortFunc(pairs, func(x, y Pair) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return pairs
}

// similarity is the Jaccard of two sets and the containment of the smaller in the larger.
func similarity(a, b shingle.Set) shingle.Similarity {
	if len(a) > len(b) {
		a, b = b, a
	}
	return shingle.Compare(a, b)
}

// Passes is the exact verification of a candidate pair by its words:
// lengths close enough to be one passage and a Jaccard similarity of at
// least MinJaccard; or, for paragraphs of unlike lengths, the shorter found
// almost whole in the longer (MinContain): a copy cut down to its first
// sentences, or taken into a longer paragraph. Two passages that a paragraph
// merges can meet in one cluster that way; package passage splits them, each
// copy verified against the member it copies.
//
// The cheapest check comes first, the length ratio; then the shared shingles
// are counted only until |A∩B| ≥ t(|A|+|B|)/(1+t), which is Jaccard ≥ t, or
// |A∩B| ≥ t|A| for the containment of the shorter A, is decided.
func (c Config) Passes(a, b shingle.Set) bool {
	if c.Part(a, b) {
		short := min(len(a), len(b))
		return c.MinContain > 0 && short > 0 && shingle.AtLeast(a, b, int(math.Ceil(c.MinContain*float64(short)-1e-9)))
	}
	need := int(math.Ceil(c.MinJaccard*float64(len(a)+len(b))/(1+c.MinJaccard) - 1e-9))
	return shingle.AtLeast(a, b, need)
}

// KeepsFacts reports whether a paragraph keeps the facts of another it
// passes against by its words (shingle.FactsOf), as a copy does and a formula
// does not: the same filing, dividend or rating sentence about another
// company, amount or day shares its word pairs and not its figures and
// names. Their figures agree at least MinFigures and all their facts,
// figures and names together, at least MinFacts (shingle.CompareFacts). part
// says that one is a part of the other (they pass by containment): then what
// counts is how much of the facts of the one with fewer the other has.
func (c Config) KeepsFacts(a, b shingle.Facts, part bool) bool {
	figures, all := shingle.CompareFacts(a, b, part)
	return figures >= c.MinFigures && all >= c.MinFacts
}

// Part reports whether two sets pass the word rule by containment only: the
// shorter is less than MinRatio of the longer.
func (c Config) Part(a, b shingle.Set) bool {
	return float64(min(len(a), len(b))) < c.MinRatio*float64(max(len(a), len(b)))
}

// Copies is the verification of paragraph b as a copy of a, given their
// facts: the same words, or the word rule (Passes) and, where facts is true,
// the facts rule (KeepsFacts) too. Package passage asks for the facts in a
// formula family, whose members state different facts in the same words.
func (c Config) Copies(a, b *shingle.Paragraph, fa, fb shingle.Facts, facts bool) bool {
	if a.Digest == b.Digest {
		return true
	}
	return c.Passes(a.Set, b.Set) && (!facts || c.KeepsFacts(fa, fb, c.Part(a.Set, b.Set)))
}

// A distinct shingle set and the paragraphs that have it.
type distinct struct {
	set      shingle.Set
	hash     uint64           // hashSet(set)
	paras    []shingle.ParaID // ascending
	articles []article.Index  // distinct, ascending
}

// crossesArticles reports whether a pair of sets joins paragraphs of two
// different articles.
func (d distinct) crossesArticles(o distinct) bool {
	return len(d.articles) > 1 || len(o.articles) > 1 || d.articles[0] != o.articles[0]
}

// collapse groups the clusterable paragraphs by identical shingle set. The
// sets come in the order of their content (hash, then the hashes
// themselves), not of the input: buckets list their sets in index order and
// verify tries pairs in that order, so which pairs are tried, and so the
// clusters, cannot depend on the order the articles were given in.
func collapse(paras []shingle.Paragraph) []distinct {
	hashes := make([]uint64, len(paras)) // each set's hash, on every core
	parallel.For(len(paras), func(pi int) {
		if paras[pi].Clustered() {
			hashes[pi] = hashSet(paras[pi].Set)
		}
	})
	sets := make([]distinct, 0, len(paras))
	byHash := make(map[uint64][]int, len(paras)) // set hash -> indices into sets
	for pi := range paras {
		p := &paras[pi]
		if !p.Clustered() {
			continue
		}
		h := hashes[pi]
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
			sets = append(sets, distinct{set: p.Set, hash: h})
		}
		d := &sets[found]
		d.paras = append(d.paras, shingle.ParaID(pi))
		if n := len(d.articles); n == 0 || d.articles[n-1] != p.Article {
			d.articles = append(d.articles, p.Article)
		}
	}
	for i := range sets {
		slices.Sort(sets[i].articles)
		sets[i].articles = slices.Compact(sets[i].articles)
	}
	slices.SortFunc(sets, func(x, y distinct) int {
		return cmp.Or(cmp.Compare(x.hash, y.hash), slices.Compare(x.set, y.set))
	})
	return sets
}

func hashSet(s shingle.Set) uint64 {
	h := uint64(len(s))
	for _, x := range s {
		h = splitmix.Mix(h ^ uint64(x))
	}
	return h
}

// components turns the union-find forest into clusters that span at least
// two articles.
func components(paras []shingle.Paragraph, sets []distinct, uf *unionFind) []Cluster {
	byRoot := map[int][]shingle.ParaID{}
	for i, s := range sets {
		r := uf.find(i)
		byRoot[r] = append(byRoot[r], s.paras...)
	}
	var clusters []Cluster
	for _, members := range byRoot {
		slices.Sort(members)
		first := paras[members[0]].Article
		if slices.ContainsFunc(members, func(m shingle.ParaID) bool { return paras[m].Article != first }) {
			clusters = append(clusters, Cluster{Members: members})
		}
	}
	slices.SortFunc(clusters, func(a, b Cluster) int { return cmp.Compare(a.Members[0], b.Members[0]) })
	return clusters
}
