package archive

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// Hops is how far Related follows matches from a checked paragraph: to a
// copy of it, that copy's original, and the original's other copies. A
// passage's members are copies of its original or of a copy that resembles
// it (package passage), so its members are all within reach of any one.
const Hops = 3

// MaxRelated is the most archived articles one check reads. A paragraph
// reprinted in more articles than that (site furniture the index cannot
// tell apart, or a formula) is checked against the first MaxRelated found,
// and the check says so (Related.Truncated).
const MaxRelated = 20000

// A Related is the archived articles a check of some articles needs.
type Related struct {
	Articles  []*article.Article // by number: the order they were added in
	Truncated bool               // MaxRelated was reached
	Lookups   int                // buckets read from the index
	Postings  int                // postings in them
	Read      int                // archived articles read, to verify what the sketches passed
	Took      time.Duration
}

// Related finds the archived articles that share a passage with arts, as
// far as the index can tell without a scan: those with a paragraph in a
// bucket of one of theirs that passes verification, or resembles it
// (passage.Resemble), and those linked to them in the same way, Hops steps
// out. An archived article with the id of one of arts is left out: arts
// hold its new version.
func (ix *Index) Related(arts []*article.Article) (*Related, error) {
	start := time.Now()
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixPosting}, UpperBound: []byte{prefixPosting + 1}})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	l := &lookup{ix: ix, it: it, out: &Related{}, exclude: map[string]bool{}, articles: map[uint32][]shingle.Paragraph{}, matched: map[uint32]bool{}, seen: map[ref]bool{},
		refs: map[bucketID][]ref{}, checked: map[ref]int{}, queried: map[uint64]bool{}, sketches: map[ref][]byte{}}
	for _, a := range arts {
		l.exclude[a.ID] = true
	}
	var queue []query
	for _, p := range ix.shingler.Shingle(arts) {
		if p.Clustered() {
			queue = append(queue, query{set: p.Set})
		}
	}
	for len(queue) > 0 && !l.out.Truncated {
		q := queue[0]
		queue = queue[1:]
		found, err := l.find(q.set)
		if err != nil {
			return nil, err
		}
		if q.hops+1 < Hops {
			for _, set := range found {
				queue = append(queue, query{set: set, hops: q.hops + 1})
			}
		}
	}
	nums := slices.Sorted(maps.Keys(l.matched))
	for _, num := range nums {
		a, err := ix.record(num)
		if err != nil {
			return nil, err
		}
		l.out.Articles = append(l.out.Articles, a)
	}
	l.out.Took = time.Since(start)
	return l.out, nil
}

// A query is a set to look up, found hops steps from a checked paragraph.
type query struct {
	set  shingle.Set
	hops int
}

// A ref names an archived paragraph: its article's number and its 1-based
// place.
type ref struct {
	num  uint32
	para int
}

// lookup is the state of one Related.
type lookup struct {
	ix       *Index
	it       *pebble.Iterator
	out      *Related
	exclude  map[string]bool
	articles map[uint32][]shingle.Paragraph // read; nil for one excluded
	matched  map[uint32]bool                // articles with a paragraph that matched
	seen     map[ref]bool                   // paragraphs found
	refs     map[bucketID][]ref             // the buckets scanned, and their postings
	checked  map[ref]int                    // the query a paragraph was last checked against
	queried  map[uint64]bool                // the sets looked up, by hash
	sketches map[ref][]byte                 // the sketches read
	query    int
	sketch   []byte // the query's
	buckets  []uint64
	prefix   []byte
	key      []byte
}

// A bucketID names a bucket of a band.
type bucketID struct {
	band   int
	bucket uint32
}

// find looks set's buckets up and returns the sets of the archived
// paragraphs in them that match it, not found before. A set looked up
// already is not again; a bucket is read from the store once, and its
// postings checked against each set that has it.
func (l *lookup) find(set shingle.Set) ([]shingle.Set, error) {
	if h := shingle.Combine(set); l.queried[h] {
		return nil, nil
	} else {
		l.queried[h] = true
	}
	l.query++
	cfg := l.ix.settings.LSH
	minAgree := cfg.MinAgree()
	var found []shingle.Set
	l.buckets = l.ix.bander.Buckets(l.buckets[:0], set)
	l.sketch = l.ix.bander.Sketch(l.sketch[:0])
	for band, bucket := range l.buckets {
		refs, err := l.scan(band, bucket)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if l.seen[r] || l.checked[r] == l.query {
				continue // found already, or checked against this set in another band
			}
			l.checked[r] = l.query
			sketch, err := l.sketchOf(r)
			if err != nil {
				return nil, err
			}
			if lsh.AgreeSketch(l.sketch, sketch) < minAgree {
				continue // as the scan's verify skips it
			}
			paras, err := l.read(r.num)
			if err != nil {
				return nil, err
			}
			if r.para < 1 || r.para > len(paras) {
				continue // an excluded article, or a posting of a version since replaced
			}
			other := paras[r.para-1].Set
			if other == nil || !(cfg.Passes(set, other) || shingle.Compare(set, other).Jaccard >= passage.Resemble*cfg.MinJaccard) {
				continue
			}
			l.seen[r] = true
			l.matched[r.num] = true
			found = append(found, other)
		}
	}
	return found, nil
}

// sketchOf gives paragraph r's sketch, read from the store the first
// time; a paragraph without one has an empty sketch, which agrees nowhere.
func (l *lookup) sketchOf(r ref) ([]byte, error) {
	if sk, ok := l.sketches[r]; ok {
		return sk, nil
	}
	v, closer, err := l.ix.db.Get(sketchKey(l.key, r.num, r.para))
	var sk []byte
	switch {
	case err == nil:
		sk = bytes.Clone(v)
		closer.Close()
	case !errors.Is(err, pebble.ErrNotFound):
		return nil, fmt.Errorf("index %s: %w", l.ix.dir, err)
	}
	if len(sk) != len(l.sketch) {
		sk = make([]byte, len(l.sketch)) // agrees only by chance; shorter would be unsafe to compare
		for i := range sk {
			sk[i] = ^l.sketch[i]
		}
	}
	l.sketches[r] = sk
	return sk, nil
}

// scan gives the postings of a bucket, read from the store the first time.
func (l *lookup) scan(band int, bucket uint64) ([]ref, error) {
	id := bucketID{band, uint32(bucket >> 32)}
	if refs, ok := l.refs[id]; ok {
		return refs, nil
	}
	l.out.Lookups++
	var refs []ref
	l.prefix = bucketPrefix(l.prefix, band, bucket)
	for ok := l.it.SeekGE(l.prefix); ok && bytes.HasPrefix(l.it.Key(), l.prefix); ok = l.it.Next() {
		var r ref
		r.num, r.para = posting(l.it.Key())
		refs = append(refs, r)
	}
	l.out.Postings += len(refs)
	if err := l.it.Error(); err != nil {
		return nil, fmt.Errorf("index %s: %w", l.ix.dir, err)
	}
	l.refs[id] = refs
	return refs, nil
}

// read gives article num's paragraphs, reading and shingling it the first
// time; an excluded article has none. It marks the article found, and
// stops the lookup at MaxRelated.
func (l *lookup) read(num uint32) ([]shingle.Paragraph, error) {
	if paras, ok := l.articles[num]; ok {
		return paras, nil
	}
	a, err := l.ix.record(num)
	if err != nil {
		return nil, err
	}
	l.out.Read++
	var paras []shingle.Paragraph
	if !l.exclude[a.ID] {
		paras = l.ix.paragraphs(a)
		if len(l.articles) >= MaxRelated {
			l.out.Truncated = true
			return nil, nil
		}
	}
	l.articles[num] = paras
	return paras, nil
}

// Check scans arts against the archive: the articles Related finds, then
// arts, through scan.Run with the index's detection settings and run's
// other settings (SkipPartial, DropSets); byDate puts them all in
// publication order first (article.SortByDate), which makes every row of a
// report independent of the input order. The result's archived articles
// are marked Archived; arts keep theirs unset.
func (ix *Index) Check(arts []*article.Article, run scan.Options, byDate bool, step func(format string, args ...any)) (*scan.Result, *Related, error) {
	rel, err := ix.Related(arts)
	if err != nil {
		return nil, nil, err
	}
	all := append(slices.Clip(rel.Articles), arts...)
	if byDate {
		article.SortByDate(all)
	}
	opts := ix.settings
	opts.SkipPartial, opts.DropSets = run.SkipPartial, run.DropSets
	res, err := scan.RunWithProgress(all, opts, step)
	if err != nil {
		return nil, nil, err
	}
	return res, rel, nil
}
