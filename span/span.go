// Package span finds partial reuse: runs of words that paragraphs of
// different articles share when the paragraphs are not otherwise the same
// passage, as when a sentence is lifted into a new paragraph, or paragraphs
// are merged or split.
//
// Every run of MinWords words is hashed (a rolling hash of the word hashes
// the shingle stage made). A run found in two or more articles links each later
// occurrence to the earliest one only, so a passage copied by five hundred
// articles costs five hundred links, not a hundred thousand pairs. Links on
// the same diagonal of a pair of paragraphs merge into maximal shared spans.
// A run found in more than Common unrelated places is a stock phrase of the
// corpus ("said in a statement on") and seeds nothing; a place is a cluster of
// copies (one place however many copies it has: a wire story reprinted by five
// hundred sites is not a stock phrase) or a paragraph in no cluster.
package span

import (
	"cmp"
	"fmt"
	"math/bits"
	"slices"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/internal/radix"
	"github.com/reprint/reprint/internal/splitmix"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/shingle"
)

// Config says what counts as partial reuse.
type Config struct {
	MinWords int // the shortest shared run reported
	Common   int // a run in more unrelated places than this is a stock phrase; 0: no limit
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
	Source, Target shingle.ParaID
	Spans          []Span
	// Formula says the two paragraphs are of one formula family (package
	// passage: the same words about other facts), so the spans are the
	// formula, not reuse. Find leaves it false; scan.Run sets it.
	Formula bool
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

// occurrence is one run of words: its paragraph, first word and 64-bit hash.
// Runs with equal hashes are taken to be equal, as shingles are.
type occurrence struct {
	para shingle.ParaID
	pos  int32
	run  uint64
}

// indexBits is how many low bits of a sort key hold the occurrence's index
// within its shard; the top 32 hold the top of the run's hash, which is all
// that is sorted on. Equal tops are split by the full hash.
const indexBits = 32

// rollBase multiplies a run's hash as it rolls one word on: the hash of words
// w[i..i+n) is the sum of w[i+j]·rollBase^(n-1-j), mod 2^64, so moving on one
// word is one subtraction, one multiplication and one addition.
const rollBase = 0x9E3779B97F4A7C15

// runHashes calls f with the start and hash of every run of n words in h.
func runHashes(h []uint32, n int, f func(pos int, run uint64)) {
	if len(h) < n {
		return
	}
	top := uint64(1) // rollBase^(n-1)
	for range n - 1 {
		top *= rollBase
	}
	var r uint64
	for _, w := range h[:n] {
		r = r*rollBase + uint64(w)
	}
	for i := 0; ; i++ {
		f(i, splitmix.Mix(r))
		if i+n >= len(h) {
			return
		}
		r = (r-uint64(h[i])*top)*rollBase + uint64(h[i+n])
	}
}

// link says a run at pos in target is found at srcPos in source.
type link struct {
	source, target shingle.ParaID
	srcPos, tgtPos int32
}

// Find returns the partial reuse among paras. rank orders articles from first
// to last published (article.Chronology); copies says which paragraphs are
// copies of each other, in one passage (the zero Membership: none), between
// which partial reuse would say nothing new. Pairs of
// paragraphs of the same article are never linked. The result is sorted by
// target, then source.
func Find(paras []shingle.Paragraph, rank []int, copies passage.Membership, cfg Config) ([]Reuse, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n := cfg.MinWords
	earlier := func(a, b occurrence) bool {
		ra, rb := rank[paras[a.para].Article], rank[paras[b.para].Article]
		return ra < rb || (ra == rb && (a.para < b.para || (a.para == b.para && a.pos < b.pos)))
	}
	indexed := skipCopies(paras, rank, copies)
	hashes := wordHashes(paras, indexed)
	runs := 0
	for _, h := range hashes {
		runs += max(0, len(h)-n+1)
	}
	// Runs are handled in shards by the top bits of their hash, so that a sort
	// never holds more than maxShard of them, and shards sort on every core.
	// Shards come in waves: one hashing pass over the corpus, on every core,
	// fills all the shards of a wave, so the corpus is hashed once a wave. A wave holds about
	// waveBytes of runs, and there are at most maxWaves: memory grows with the
	// corpus only past maxWaves×waveBytes, and hashing stays linear in it.
	waves := min(maxWaves, max(1, (runs*bytesPerRun+waveBytes-1)/waveBytes))
	perWave := max(parallel.Workers(runs), (runs/waves+maxShard-1)/maxShard)
	shards := waves * perWave
	counts := countRuns(hashes, n, shards)
	var links []link
	for wave := range waves {
		keys, occ := hashWave(hashes, indexed, n, shards, wave*perWave, perWave, counts)
		found := make([][]link, perWave)
		parallel.For(perWave, func(sh int) {
			found[sh] = shard(paras, keys[sh], occ[sh], copies, earlier, cfg.Common)
			keys[sh], occ[sh] = nil, nil
		})
		links = append(links, slices.Concat(found...)...)
	}
	return merge(links, n), nil
}

// parts splits the indexed paragraphs into the contiguous parts the cores
// hash, the same parts in every pass.
func parts(indexed int) (workers int, part func(w int) (lo, hi int)) {
	workers = parallel.Workers(indexed)
	return workers, func(w int) (int, int) { return w * indexed / workers, (w + 1) * indexed / workers }
}

// shardOf is the shard of a run's hash among shards: its top bits, scaled.
func shardOf(run uint64, shards int) int {
	top, _ := bits.Mul64(run, uint64(shards))
	return int(top)
}

// countRuns counts, for each core's part of the paragraphs, its runs in each
// shard: where each part's runs go in a shard's arrays, so that a wave
// writes them in place, in order, with no arrays to join.
func countRuns(hashes [][]uint32, n, shards int) [][]int {
	workers, part := parts(len(hashes))
	counts := make([][]int, workers)
	parallel.For(workers, func(w int) {
		c := make([]int, shards)
		lo, hi := part(w)
		for _, h := range hashes[lo:hi] {
			runHashes(h, n, func(_ int, run uint64) { c[shardOf(run, shards)]++ })
		}
		counts[w] = c
	})
	return counts
}

// hashWave hashes the runs of n words of the indexed paragraphs and keeps
// those of shards [first, first+perWave) of all shards: for each, the sort
// keys (the top of the hash, and the occurrence's index) and the
// occurrences. Every core hashes a contiguous part of the paragraphs into
// its place in each shard (counts, by countRuns), so each shard lists its
// runs as one core would.
func hashWave(hashes [][]uint32, indexed []shingle.ParaID, n, shards, first, perWave int, counts [][]int) ([][]uint64, [][]occurrence) {
	workers, part := parts(len(indexed))
	keys := make([][]uint64, perWave)
	occ := make([][]occurrence, perWave)
	next := make([][]int, workers) // where each part writes next in each shard of the wave
	for w := range next {
		next[w] = make([]int, perWave)
	}
	for sh := range perWave {
		total := 0
		for w := range workers {
			next[w][sh] = total
			total += counts[w][first+sh]
		}
		keys[sh] = make([]uint64, total)
		occ[sh] = make([]occurrence, total)
	}
	parallel.For(workers, func(w int) {
		lo, hi := part(w)
		at := next[w]
		for k, h := range hashes[lo:hi] {
			pi := indexed[lo+k]
			runHashes(h, n, func(pos int, run uint64) {
				sh := shardOf(run, shards) - first
				if sh < 0 || sh >= perWave {
					return
				}
				i := at[sh] // a shard holds fewer than 2^32 runs
				keys[sh][i] = run&^(1<<indexBits-1) | uint64(i)
				occ[sh][i] = occurrence{pi, int32(pos), run}
				at[sh]++
			})
		}
	})
	return keys, occ
}

// maxShard is the most runs the span stage sorts at once; waveBytes, the
// bytes of runs a wave aims to hold (bytesPerRun each: key and occurrence);
// maxWaves, the most hashing passes over the corpus. Hashing the runs again
// costs less than holding them: small waves sort as fast as large ones and
// keep the peak down. But each pass hashes every run, so past 8 waves
// (512 MB of runs, a corpus of about 130 MB) the waves grow rather than the
// passes.
const (
	maxShard    = 1 << 22
	waveBytes   = 64 << 20
	bytesPerRun = 24
	maxWaves    = 8
)

// wordHashes hashes the words of the indexed paragraphs, on every core,
// into one array: the high half of each word's hash (prose.Reader.Hashes,
// as shingle read them), 4 bytes a word. A run of n words stays a 64-bit
// hash of n of them. Furniture has none.
func wordHashes(paras []shingle.Paragraph, indexed []shingle.ParaID) [][]uint32 {
	offs := make([]int, len(indexed)+1)
	for k, pi := range indexed {
		offs[k+1] = offs[k]
		if !paras[pi].Template {
			offs[k+1] += paras[pi].Words
		}
	}
	all := make([]uint32, offs[len(indexed)])
	hashes := make([][]uint32, len(indexed))
	type scratch struct {
		reader prose.Reader
		hashes []uint64
	}
	sc := make([]scratch, parallel.Workers(len(indexed)))
	parallel.ForWorker(len(indexed), func(w, k int) {
		p := &paras[indexed[k]]
		if p.Template {
			return
		}
		s := &sc[w]
		s.hashes = s.reader.Hashes(s.hashes[:0], p.Text)
		h := all[offs[k]:offs[k+1]:offs[k+1]] // Words counted these words, read the same way
		for i, x := range s.hashes {
			h[i] = uint32(x >> 32)
		}
		hashes[k] = h
	})
	return hashes
}

// skipCopies lists the paragraphs worth indexing: of paragraphs with the same
// words in one cluster of copies, only the first published; the others would
// only repeat its links.
func skipCopies(paras []shingle.Paragraph, rank []int, copies passage.Membership) []shingle.ParaID {
	type key struct {
		passage passage.ID
		digest  uint64
	}
	first := map[key]shingle.ParaID{}
	for i := range paras {
		pi := shingle.ParaID(i)
		g, ok := copies.Of(pi)
		if !ok {
			continue
		}
		k := key{g, paras[pi].Digest}
		if f, ok := first[k]; !ok || rank[paras[pi].Article] < rank[paras[f].Article] {
			first[k] = pi
		}
	}
	var out []shingle.ParaID
	for i := range paras {
		pi := shingle.ParaID(i)
		if g, ok := copies.Of(pi); ok && first[key{g, paras[pi].Digest}] != pi {
			continue
		}
		out = append(out, pi)
	}
	return out
}

// shard links the runs of one shard: keys (hash and index) and their occurrences.
func shard(paras []shingle.Paragraph, keys []uint64, occ []occurrence, copies passage.Membership,
	earlier func(a, b occurrence) bool, common int) []link {
	radix.SortHigh(keys, nil, 4) // groups by the top 32 bits of the hash; the full hash splits them
	var links []link
	var group []occurrence
	var sc groupScratch
	for start := 0; start < len(keys); {
		end := start + 1
		for end < len(keys) && keys[end]>>32 == keys[start]>>32 {
			end++
		}
		if end-start < 2 {
			start = end
			continue
		}
		// Equal keys may still hold different runs: split them by the full hash.
		group = group[:0]
		for _, k := range keys[start:end] {
			group = append(group, occ[k&(1<<indexBits-1)])
		}
		start = end
		for len(group) > 1 {
			head := group[0].run
			same, rest := group[:0:0], group[:0]
			for _, o := range group {
				if o.run == head {
					same = append(same, o)
				} else {
					rest = append(rest, o)
				}
			}
			links = linkGroup(links, same, paras, copies, earlier, common, &sc)
			group = rest
		}
	}
	return links
}

// groupScratch is linkGroup's scratch space, reused from one run to the next.
type groupScratch struct {
	articles []article.Index
	places   []int
}

// linkGroup links every occurrence of one run, in another article than its
// earliest occurrence and not a known copy of it, to that earliest
// occurrence, unless the run is in fewer than two articles or more than
// common (a stock phrase).
func linkGroup(links []link, group []occurrence, paras []shingle.Paragraph, copies passage.Membership, earlier func(a, b occurrence) bool, common int, sc *groupScratch) []link {
	if len(group) < 2 || oneCluster(group, copies) {
		return links
	}
	first := group[0]
	sc.articles = sc.articles[:0]
	for _, o := range group {
		sc.articles = append(sc.articles, paras[o.para].Article)
		if earlier(o, first) {
			first = o
		}
	}
	slices.Sort(sc.articles)
	if len(slices.Compact(sc.articles)) < 2 {
		return links
	}
	if common > 0 && places(group, copies, &sc.places) > common {
		return links
	}
	src := paras[first.para].Article
	for _, o := range group {
		if paras[o.para].Article != src && !copies.Same(first.para, o.para) {
			links = append(links, link{first.para, o.para, first.pos, o.pos})
		}
	}
	return links
}

// oneCluster reports whether every occurrence is in the same cluster of
// copies, where no link can come from: the common case, checked in one pass.
func oneCluster(group []occurrence, copies passage.Membership) bool {
	for _, o := range group[1:] {
		if !copies.Same(group[0].para, o.para) {
			return false
		}
	}
	_, ok := copies.Of(group[0].para)
	return ok
}

// places counts the unrelated places a run occurs in: its clusters of copies,
// and its paragraphs that are in none. scratch is reused.
func places(group []occurrence, copies passage.Membership, scratch *[]int) int {
	*scratch = (*scratch)[:0]
	for _, o := range group {
		place := -1 - int(o.para) // a paragraph on its own
		if g, ok := copies.Of(o.para); ok {
			place = int(g)
		}
		*scratch = append(*scratch, place)
	}
	slices.Sort(*scratch)
	return len(slices.Compact(*scratch))
}

// byTarget orders links by target, source, diagonal and target position: a
// counting sort by target (linear in the links, of which a big corpus has
// tens of millions), then a comparison sort within each target's few links.
func byTarget(links []link) []link {
	if len(links) == 0 {
		return links
	}
	top := shingle.ParaID(0)
	for _, l := range links {
		top = max(top, l.target)
	}
	start := make([]int, top+2)
	for _, l := range links {
		start[l.target+1]++
	}
	for t := 1; t < len(start); t++ {
		start[t] += start[t-1]
	}
	sorted := make([]link, len(links))
	next := slices.Clone(start[:top+1])
	for _, l := range links {
		sorted[next[l.target]] = l
		next[l.target]++
	}
	for t := range top + 1 {
		slices.SortFunc(sorted[start[t]:start[t+1]], func(a, b link) int {
			return cmp.Or(cmp.Compare(a.source, b.source),
				cmp.Compare(a.tgtPos-a.srcPos, b.tgtPos-b.srcPos), cmp.Compare(a.tgtPos, b.tgtPos))
		})
	}
	return sorted
}

// merge joins links on the same diagonal of the same pair of paragraphs into
// maximal spans: runs of n words that overlap or touch form one span.
func merge(links []link, n int) []Reuse {
	links = byTarget(links)
	var out []Reuse
	for i := 0; i < len(links); {
		l := links[i]
		if len(out) == 0 || out[len(out)-1].Target != l.target || out[len(out)-1].Source != l.source {
			out = append(out, Reuse{Source: l.source, Target: l.target})
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
