package archive

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/boilerplate"
	"github.com/reprint/reprint/internal/parallel"
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
// one, in a bucket it heads); and so on from each set found, until
// nothing new is. A pair is read and verified only when its sketches vote
// for it (lsh.Config.MinAgree), as the scan's signatures do. The articles
// of the first and last archived paragraph of each checked paragraph's
// buckets come too, whether they pass or not: in the scan that a check
// runs, they are then what each checked paragraph is verified against, as
// in a scan of everything; without them, two checked paragraphs can meet in
// a bucket they would not meet in there. An archived article with the id
// of one of arts is left out: arts hold its new version.
//
// The walk goes a wave at a time: the buckets, sketches and articles a
// wave needs are read in key order, on one iterator each, and the articles
// shingled on every core.
func (ix *Index) Related(arts []*article.Article) (*Related, error) {
	start := time.Now()
	bander := ix.banders.Get().(*lsh.Bander)
	defer ix.banders.Put(bander)
	l := &lookup{ix: ix, bander: bander, out: &Related{}, exclude: map[string]bool{}, articles: map[uint32]*archived{},
		found: map[ref]bool{}, context: map[uint32]bool{}, refs: map[bucketID][]ref{}, sketches: map[ref][]byte{},
		checked: map[[2]ref]bool{}, walked: map[uint64]bool{}}
	for _, a := range arts {
		l.exclude[a.ID] = true
	}
	var wave []walker
	for i, p := range ix.shingler.Shingle(arts) {
		if p.Clustered() {
			wave = append(wave, walker{set: p.Set, at: checkedRef(i)})
		}
	}
	for len(wave) > 0 && !l.out.Truncated {
		var err error
		if wave, err = l.step(wave); err != nil {
			return nil, err
		}
	}
	nums := make([]uint32, 0, len(l.found)+len(l.context))
	for r := range l.found {
		nums = append(nums, r.num)
	}
	for num := range l.context {
		nums = append(nums, num)
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	if err := l.readAll(nums); err != nil {
		return nil, err
	}
	for _, num := range nums {
		if a := l.articles[num]; a != nil && a.article != nil { // nil: excluded
			l.out.Articles = append(l.out.Articles, a.article)
		}
	}
	l.out.Took = time.Since(start)
	return l.out, nil
}

// A walker is a set to verify against the paragraphs a scan would verify
// it against: a checked paragraph's, or an archived one's found (at).
type walker struct {
	set     shingle.Set
	at      ref
	buckets []uint64
	sketch  []byte
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

// checked reports a checked paragraph's ref.
func (r ref) checked() bool { return r.num == math.MaxUint32 }

func compareRefs(a, b ref) int { return cmp.Or(cmp.Compare(a.num, b.num), cmp.Compare(a.para, b.para)) }

// An archived article, read; its article is nil when it is excluded.
type archived struct {
	article *article.Article
	paras   []shingle.Paragraph
}

// lookup is the state of one Related.
type lookup struct {
	ix       *Index
	bander   *lsh.Bander
	out      *Related
	exclude  map[string]bool
	articles map[uint32]*archived // read
	found    map[ref]bool         // archived paragraphs joined to a checked one
	context  map[uint32]bool      // articles a scan would verify a checked paragraph against
	refs     map[bucketID][]ref   // the buckets read, and their postings, in key order
	sketches map[ref][]byte       // the sketches read
	checked  map[[2]ref]bool      // pairs tried
	walked   map[uint64]bool      // archived sets walked from, by hash: a scan walks a set once
}

// A bucketID names a bucket of a band.
type bucketID struct {
	band   int
	bucket uint32
}

// A pair is a walker and an archived paragraph to verify it against.
type pair struct {
	w *walker
	r ref
}

// step walks one wave and returns the next: the archived paragraphs found.
func (l *lookup) step(wave []walker) ([]walker, error) {
	var need []bucketID
	for i := range wave {
		w := &wave[i]
		w.buckets = l.bander.Buckets(nil, w.set)
		w.sketch = l.bander.Sketch(nil)
		for band, bucket := range w.buckets {
			if id := (bucketID{band, uint32(bucket >> 32)}); l.refs[id] == nil {
				l.refs[id] = []ref{} // read below
				need = append(need, id)
			}
		}
	}
	if err := l.scanAll(need); err != nil {
		return nil, err
	}
	var pairs []pair
	for i := range wave {
		w := &wave[i]
		for band, bucket := range w.buckets {
			for _, r := range l.near(w, l.refs[bucketID{band, uint32(bucket >> 32)}]) {
				if r != w.at && !l.found[r] && !l.checked[[2]ref{w.at, r}] {
					l.checked[[2]ref{w.at, r}] = true
					pairs = append(pairs, pair{w, r})
				}
			}
		}
	}
	var refs []ref
	for _, p := range pairs {
		if _, ok := l.sketches[p.r]; !ok {
			l.sketches[p.r] = nil // read below
			refs = append(refs, p.r)
		}
	}
	if err := l.sketchAll(refs); err != nil {
		return nil, err
	}
	minAgree := l.ix.settings.LSH.MinAgree()
	pairs = slices.DeleteFunc(pairs, func(p pair) bool {
		sk := l.sketches[p.r]
		return len(sk) != len(p.w.sketch) || lsh.Agree(p.w.sketch, sk) < minAgree
	})
	var nums []uint32
	for _, p := range pairs {
		nums = append(nums, p.r.num)
	}
	slices.Sort(nums)
	if err := l.readAll(slices.Compact(nums)); err != nil {
		return nil, err
	}
	var next []walker
	for _, p := range pairs {
		if l.found[p.r] {
			continue
		}
		a := l.articles[p.r.num]
		if a == nil || p.r.para < 1 || p.r.para > len(a.paras) {
			continue // past MaxRelated, an excluded article, or a posting of a version since replaced
		}
		other := a.paras[p.r.para-1].Set
		if other == nil || !l.ix.settings.LSH.Passes(p.w.set, other) {
			continue
		}
		l.found[p.r] = true
		if h := shingle.Combine(other); !l.walked[h] {
			l.walked[h] = true
			next = append(next, walker{set: other, at: p.r})
		}
	}
	return next, nil
}

// near is what a scan verifies w against in a bucket (refs, in key
// order): see Related.
func (l *lookup) near(w *walker, refs []ref) []ref {
	if len(refs) == 0 {
		return nil
	}
	if w.at.checked() { // the newest: after every archived one
		l.context[refs[0].num], l.context[refs[len(refs)-1].num] = true, true
		return []ref{refs[0], refs[len(refs)-1]}
	}
	p, in := slices.BinarySearchFunc(refs, w.at, compareRefs)
	switch {
	case !in:
		return nil // a posting of a version since replaced
	case p == 0:
		return refs[1:] // the head: the scan verifies every other set against it
	case p+1 < len(refs):
		return []ref{refs[0], refs[p-1], refs[p+1]}
	}
	return []ref{refs[0], refs[p-1]}
}

// scanAll reads the postings of buckets, in key order, a run of them on
// each core, each run on one iterator.
func (l *lookup) scanAll(buckets []bucketID) error {
	slices.SortFunc(buckets, func(a, b bucketID) int { return cmp.Or(cmp.Compare(a.band, b.band), cmp.Compare(a.bucket, b.bucket)) })
	refs := make([][]ref, len(buckets))
	err := l.inRuns(len(buckets), prefixPosting, func(it *pebble.Iterator, i int) {
		prefix := bucketPrefix(nil, buckets[i].band, uint64(buckets[i].bucket)<<32)
		for ok := it.SeekGE(prefix); ok && bytes.HasPrefix(it.Key(), prefix); ok = it.Next() {
			if num, para, ok := posting(it.Key()); ok {
				refs[i] = append(refs[i], ref{num, para})
			}
		}
	})
	for i, id := range buckets {
		l.refs[id] = refs[i]
		l.out.Postings += len(refs[i])
	}
	l.out.Lookups += len(buckets)
	return err
}

// sketchAll reads the sketches of refs, in key order, a run of them on
// each core; a paragraph without one keeps none, which votes for nothing.
func (l *lookup) sketchAll(refs []ref) error {
	slices.SortFunc(refs, compareRefs)
	sketches := make([][]byte, len(refs))
	err := l.inRuns(len(refs), prefixSketch, func(it *pebble.Iterator, i int) {
		key := sketchKey(nil, refs[i].num, refs[i].para)
		if it.SeekGE(key) && bytes.Equal(it.Key(), key) {
			sketches[i] = bytes.Clone(it.Value())
		}
	})
	for i, r := range refs {
		l.sketches[r] = sketches[i]
	}
	return err
}

// inRuns calls read for 0 to n-1, split in runs of consecutive i, one a
// core, each run on its own iterator over the keys of prefix.
func (l *lookup) inRuns(n int, prefix byte, read func(it *pebble.Iterator, i int)) error {
	runs := min(n, parallel.Workers(n))
	errs := make([]error, runs)
	parallel.For(runs, func(r int) {
		it, err := l.ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefix}, UpperBound: []byte{prefix + 1}})
		if err != nil {
			errs[r] = err
			return
		}
		for i := r * n / runs; i < (r+1)*n/runs; i++ {
			read(it, i)
		}
		errs[r] = it.Error()
		if err := it.Close(); errs[r] == nil {
			errs[r] = err
		}
	})
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("index %s: %w", l.ix.dir, err)
	}
	return nil
}

// readAll reads and shingles the articles nums (ascending) not read yet:
// their records in key order on one iterator, the shingling on every
// core. Past MaxRelated articles it reads no more, and marks the lookup
// truncated.
func (l *lookup) readAll(nums []uint32) error {
	var todo []uint32
	for _, num := range nums {
		if _, ok := l.articles[num]; ok {
			continue
		}
		if len(l.articles)+len(todo) >= MaxRelated {
			l.out.Truncated = true
			break
		}
		todo = append(todo, num)
	}
	if len(todo) == 0 {
		return nil
	}
	it, err := l.ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixRecord}, UpperBound: []byte{prefixRecord + 1}})
	if err != nil {
		return err
	}
	defer it.Close()
	read := make([]*archived, len(todo))
	for i, num := range todo {
		key := recordKey(num)
		if !it.SeekGE(key) || !bytes.Equal(it.Key(), key) {
			return fmt.Errorf("index %s: article number %d has postings but no record", l.ix.dir, num)
		}
		a, _, err := readRecord(it.Value(), l.ix.dir)
		if err != nil {
			return fmt.Errorf("index %s: article number %d: %w", l.ix.dir, num, err)
		}
		read[i] = &archived{article: a}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("index %s: %w", l.ix.dir, err)
	}
	l.out.Read += len(todo)
	var keep []*archived // not excluded
	var arts []*article.Article
	for _, a := range read {
		if l.exclude[a.article.ID] {
			a.article = nil
		} else {
			keep, arts = append(keep, a), append(arts, a.article)
		}
	}
	paras := l.ix.shingler.Shingle(arts) // on every core, in article order
	for k := 0; k < len(paras); {
		end := k + 1
		for end < len(paras) && paras[end].Article == paras[k].Article {
			end++
		}
		keep[paras[k].Article].paras = paras[k:end:end]
		k = end
	}
	for i, num := range todo {
		l.articles[num] = read[i]
	}
	return nil
}

// Check scans arts against the archive: the articles Related finds, then
// arts, through the scan (scan.RunAmong) with the index's detection
// settings and run's other settings (SkipPartial, DropSets). Site furniture
// is counted against each source's articles in the archive and the check,
// not the few the check reads, which share a passage by their choosing.
// byDate puts them all in publication order first (article.SortByDate),
// which makes every row of a report independent of the input order. The
// result's archived articles are marked Archived; arts keep theirs unset.
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
	checked := map[string]int{}
	for _, a := range arts {
		checked[boilerplate.Source(a)]++
	}
	var lookupErr error
	sources := func(name string) int { // the source's articles in the archive and the check
		n, err := ix.SourceArticles(name)
		lookupErr = cmp.Or(lookupErr, err)
		return n + checked[name]
	}
	res, err := scan.RunAmong(all, opts, sources, step)
	if err == nil {
		err = lookupErr
	}
	if err != nil {
		return nil, nil, err
	}
	return res, rel, nil
}
