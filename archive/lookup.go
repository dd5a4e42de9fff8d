package archive

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// MaxRelated is the most archived articles one check reads. Past it the
// lookup stops, and says so (Related.Truncated): the passages of the
// articles checked may then miss archived members.
const MaxRelated = 100000

// A Related is the archived articles a check of some articles needs.
type Related struct {
	Articles  []*article.Article // by number: the order they were added in
	Truncated bool               // MaxRelated was reached
	Lookups   int                // buckets read from the index
	Postings  int                // postings in them
	Read      int                // archived articles read, to verify the paragraphs the sketches passed
	Took      time.Duration
}

// Related finds the archived articles that share a cluster with arts, by
// the scan's own rule (lsh.Find): within a bucket, the scan verifies each
// set against the bucket's first and the one before it, and a cluster is
// what those verified pairs join. Each checked paragraph, the newest in
// every bucket it has, is verified against the first and the last
// archived paragraph there; each archived paragraph found, against the
// first of each of its buckets and its neighbours there (against every
// one, in a bucket it heads); and so on from each paragraph found, until
// nothing new is. A pair is read and verified only when its sketches vote
// for it (lsh.Config.MinAgree), as the scan's signatures do. The articles
// of the first and last archived paragraph of each checked paragraph's
// buckets come too, whether they pass or not: in the scan that a check
// runs, they are then what each checked paragraph is verified against, as
// in a scan of everything; without them, two checked paragraphs can meet in
// a bucket they would not meet in there. An archived
// article with the id of one of arts is left out: arts hold its new
// version.
func (ix *Index) Related(arts []*article.Article) (*Related, error) {
	start := time.Now()
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixPosting}, UpperBound: []byte{prefixPosting + 1}})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	l := &lookup{ix: ix, it: it, out: &Related{}, exclude: map[string]bool{}, articles: map[uint32][]shingle.Paragraph{},
		found: map[ref]bool{}, context: map[uint32]bool{}, refs: map[bucketID][]ref{}, sketches: map[ref][]byte{}, checked: map[[2]ref]bool{}}
	for _, a := range arts {
		l.exclude[a.ID] = true
	}
	var queue []ref // archived paragraphs found, to walk from
	for i, p := range ix.shingler.Shingle(arts) {
		if !p.Clustered() {
			continue
		}
		found, err := l.walk(p.Set, checkedRef(i), true)
		if err != nil {
			return nil, err
		}
		queue = append(queue, found...)
	}
	walked := map[uint64]bool{} // sets walked from, by hash: the scan walks a set once, however many paragraphs have it
	for len(queue) > 0 && !l.out.Truncated {
		r := queue[0]
		queue = queue[1:]
		set := l.articles[r.num][r.para-1].Set
		if h := shingle.Combine(set); walked[h] {
			continue
		} else {
			walked[h] = true
		}
		found, err := l.walk(set, r, false)
		if err != nil {
			return nil, err
		}
		queue = append(queue, found...)
	}
	nums := make([]uint32, 0, len(l.found)+len(l.context))
	for r := range l.found {
		nums = append(nums, r.num)
	}
	for num := range l.context {
		if paras, err := l.read(num); err != nil {
			return nil, err
		} else if paras != nil { // not excluded
			nums = append(nums, num)
		}
	}
	slices.Sort(nums)
	for _, num := range slices.Compact(nums) {
		a, err := ix.record(num)
		if err != nil {
			return nil, err
		}
		l.out.Articles = append(l.out.Articles, a)
	}
	l.out.Took = time.Since(start)
	return l.out, nil
}

// A ref names an archived paragraph: its article's number and its 1-based
// place; or a checked paragraph (checkedRef).
type ref struct {
	num  uint32
	para int
}

// checkedRef names the i-th paragraph of the articles checked, which no
// archived paragraph's ref is.
func checkedRef(i int) ref { return ref{num: math.MaxUint32, para: i} }

func (r ref) less(o ref) bool { return r.num < o.num || r.num == o.num && r.para < o.para }

// lookup is the state of one Related.
type lookup struct {
	ix       *Index
	it       *pebble.Iterator
	out      *Related
	exclude  map[string]bool
	articles map[uint32][]shingle.Paragraph // read; nil for one excluded
	found    map[ref]bool                   // archived paragraphs joined to a checked one
	context  map[uint32]bool                // articles a scan would verify a checked paragraph against
	refs     map[bucketID][]ref             // the buckets read, and their postings, in key order
	sketches map[ref][]byte                 // the sketches read
	checked  map[[2]ref]bool                // pairs verified
	sketch   []byte                         // the walked set's
	buckets  []uint64
	prefix   []byte
	key      []byte
}

// A bucketID names a bucket of a band.
type bucketID struct {
	band   int
	bucket uint32
}

// walk verifies set, archived paragraph at (or a checked paragraph when
// checked), against the paragraphs the scan would verify it against in each
// of its buckets, and returns those that pass and were not found before.
func (l *lookup) walk(set shingle.Set, at ref, checked bool) ([]ref, error) {
	l.buckets = l.ix.bander.Buckets(l.buckets[:0], set)
	l.sketch = l.ix.bander.Sketch(l.sketch[:0])
	var found []ref
	try := func(r ref) error {
		if r == at || l.found[r] || l.checked[[2]ref{at, r}] {
			return nil
		}
		l.checked[[2]ref{at, r}] = true
		ok, err := l.verify(set, r)
		if ok {
			l.found[r] = true
			found = append(found, r)
		}
		return err
	}
	for band, bucket := range l.buckets {
		refs, err := l.scan(band, bucket)
		if err != nil {
			return nil, err
		}
		if len(refs) == 0 {
			continue
		}
		var near []ref
		switch p, in := slices.BinarySearchFunc(refs, at, func(a, b ref) int {
			if a.less(b) {
				return -1
			} else if b.less(a) {
				return 1
			}
			return 0
		}); {
		case checked:
			near = []ref{refs[0], refs[len(refs)-1]} // the newest: after every archived one
			l.context[refs[0].num], l.context[refs[len(refs)-1].num] = true, true
		case !in:
			continue // a posting of a version since replaced
		case p == 0:
			near = refs[1:] // the head: the scan verifies every other set against it
		default:
			near = []ref{refs[0], refs[p-1]}
			if p+1 < len(refs) {
				near = append(near, refs[p+1])
			}
		}
		for _, r := range near {
			if err := try(r); err != nil {
				return nil, err
			}
			if l.out.Truncated {
				return found, nil
			}
		}
	}
	return found, nil
}

// verify says whether archived paragraph r passes the scan's rule against
// set, the sketches voting first.
func (l *lookup) verify(set shingle.Set, r ref) (bool, error) {
	sketch, err := l.sketchOf(r)
	if err != nil || lsh.AgreeSketch(l.sketch, sketch) < l.ix.settings.LSH.MinAgree() {
		return false, err
	}
	paras, err := l.read(r.num)
	if err != nil || r.para < 1 || r.para > len(paras) {
		return false, err // an excluded article, or a posting of a version since replaced
	}
	other := paras[r.para-1].Set
	return other != nil && l.ix.settings.LSH.Passes(set, other), nil
}

// sketchOf gives paragraph r's sketch, read from the store the first
// time; a paragraph without one has a sketch that agrees nowhere.
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
		sk = make([]byte, len(l.sketch))
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
