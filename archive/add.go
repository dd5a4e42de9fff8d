package archive

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/boilerplate"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/lsh"
)

// AddStats count what Add did.
type AddStats struct {
	Added     int // articles new to the index
	Replaced  int // articles whose id was indexed with other content
	Unchanged int // articles indexed already, as they are
	Batches   int // batches committed
	Took      time.Duration
}

// Batch limits: a batch is committed, and written to disk, when it holds
// DefaultBatch articles (Index.Batch) or batchBytes of text. Each batch
// costs a flush of the store's memtable (Index.apply); what a batch holds
// is what Add keeps in memory beyond its input.
const (
	DefaultBatch = 2000
	batchBytes   = 16 << 20
)

// Add adds arts to the index in batches (see the package comment), in
// order: an article whose id is indexed already replaces it, unless its
// content is the same, when it is passed over. progress, unless nil, is
// called after each batch with the articles done so far.
func (ix *Index) Add(arts []*article.Article, progress func(done int)) (st AddStats, err error) {
	start := time.Now()
	defer func() { st.Took = time.Since(start) }()
	if ix.readOnly {
		return st, fmt.Errorf("index %s was opened read-only", ix.dir)
	}
	size := ix.Batch
	if size <= 0 {
		size = DefaultBatch
	}
	// Each batch is prepared (packed, shingled, signed) while the one before
	// is committed.
	batches := make(chan *prepared, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(batches)
		for start := 0; start < len(arts); {
			end, bytes := start, 0
			ids := map[string]bool{}
			for end < len(arts) && end-start < size && bytes < batchBytes && !ids[arts[end].ID] {
				ids[arts[end].ID] = true // a repeated id waits for the next batch, which sees this one's
				bytes += len(arts[end].Body)
				end++
			}
			select {
			case batches <- ix.prepare(arts[start:end]):
			case <-stop:
				return
			}
			start = end
		}
	}()
	done := 0
	for b := range batches {
		if err := ix.commit(b, &st); err != nil {
			return st, err
		}
		st.Batches++
		done += len(b.arts)
		if progress != nil {
			progress(done)
		}
	}
	return st, nil
}

// A prepared batch is what can be worked out before it is committed: its
// articles' records, packed, and their hashes; their paragraphs, and the
// buckets and sketches of those long enough to cluster.
type prepared struct {
	arts   []*article.Article
	recs   [][]byte
	hashes []uint64
	signed [][]signedPara // by article
	paras  []int64        // by article: its paragraphs
}

// A signedPara is a paragraph's place, buckets and sketch.
type signedPara struct {
	n       int
	buckets []uint64
	sketch  []byte
}

// prepare works out a batch on every core.
func (ix *Index) prepare(arts []*article.Article) *prepared {
	p := &prepared{arts: arts, recs: make([][]byte, len(arts)), hashes: make([]uint64, len(arts))}
	parallel.For(len(arts), func(i int) {
		content := encodeContent(arts[i])
		p.hashes[i] = contentHash(content)
		p.recs[i] = packRecord(appendPlace(content, arts[i]))
	})
	p.signed, p.paras = ix.sign(arts)
	return p
}

// sign shingles arts and signs their paragraphs long enough to cluster, on
// every core: by article, those paragraphs' buckets and sketches, and how
// many paragraphs it has.
func (ix *Index) sign(arts []*article.Article) (signed [][]signedPara, counts []int64) {
	signed, counts = make([][]signedPara, len(arts)), make([]int64, len(arts))
	paras := ix.shingler.Shingle(arts)
	for i := range paras {
		counts[paras[i].Article]++
	}
	banders := make([]*lsh.Bander, parallel.Workers(len(paras)))
	all := make([]signedPara, len(paras))
	parallel.ForWorker(len(paras), func(w, i int) {
		q := &paras[i]
		if !q.Clustered() {
			return
		}
		if banders[w] == nil {
			banders[w] = ix.banders.Get().(*lsh.Bander)
		}
		all[i] = signedPara{n: q.N, buckets: banders[w].Buckets(nil, q.Set), sketch: banders[w].Sketch(nil)}
	})
	for _, b := range banders {
		if b != nil {
			ix.banders.Put(b)
		}
	}
	for i := range paras {
		if all[i].buckets != nil {
			a := paras[i].Article
			signed[a] = append(signed[a], all[i])
		}
	}
	return signed, counts
}

// commit adds a prepared batch, and commits it.
func (ix *Index) commit(p *prepared, st *AddStats) error {
	b := ix.db.NewBatch()
	defer b.Close()
	indexed, err := ix.entries(p.arts)
	if err != nil {
		return err
	}
	set := func(key, value []byte) { b.Set(key, value, nil) }
	for i, a := range p.arts {
		e := entry{num: ix.next, hash: p.hashes[i]}
		old, found := indexed[i]
		switch {
		case found && old.hash == e.hash:
			st.Unchanged++
			continue
		case found:
			if err := ix.deleteArticle(b, a.ID, old); err != nil {
				return err
			}
			st.Replaced++
		default:
			st.Added++
		}
		ix.next++
		b.Set(idKey(a.ID), e.encode(), nil)
		b.Set(recordKey(e.num), p.recs[i], nil)
		b.Set(dateKey(a, e.num), nil, nil)
		for _, sp := range p.signed[i] {
			writePostings(set, e.num, sp)
		}
		ix.sources[boilerplate.Source(a)]++
		ix.count.Articles++
		ix.count.TextBytes += int64(len(a.Body))
		ix.count.Paragraphs += p.paras[i]
		ix.count.Clustered += int64(len(p.signed[i]))
	}
	b.Set(countKey, ix.count.encode(), nil)
	if err := ix.writeSources(b); err != nil {
		return err
	}
	return ix.apply(b)
}

// writePostings calls set with the key and value of each posting of a
// paragraph of article num, and its sketch; both are reused after the
// call. A paragraph past MaxParagraph has none.
func writePostings(set func(key, value []byte), num uint32, sp signedPara) {
	if sp.n > MaxParagraph {
		return
	}
	var key []byte
	for band, bucket := range sp.buckets {
		key = postingKey(key, band, bucket, num, sp.n)
		set(key, nil)
	}
	set(sketchKey(key, num, sp.n), sp.sketch)
}

// eachPosting calls set with the key and value of every posting and
// sketch of article a, number num, found by shingling and signing it
// again; both are reused after the call. It returns the article's
// paragraphs, and how many of them are long enough to cluster.
func (ix *Index) eachPosting(a *article.Article, num uint32, set func(key, value []byte)) (paragraphs, clustered int64) {
	signed, counts := ix.sign([]*article.Article{a})
	for _, sp := range signed[0] {
		writePostings(set, num, sp)
	}
	return counts[0], int64(len(signed[0]))
}

// entries reads the "i" keys of arts' ids, those there are, by their
// index in arts. The ids are looked up in key order on one iterator, which
// costs far less than a Get each.
func (ix *Index) entries(arts []*article.Article) (map[int]entry, error) {
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(arts[x].ID, arts[y].ID) })
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixID}, UpperBound: []byte{prefixID + 1}})
	if err != nil {
		return nil, err
	}
	defer it.Close()
	out := map[int]entry{}
	var key []byte
	for _, i := range order {
		key = append(append(key[:0], prefixID), arts[i].ID...)
		if !it.SeekGE(key) || !bytes.Equal(it.Key(), key) {
			continue
		}
		e, err := decodeEntry(it.Value())
		if err != nil {
			return nil, fmt.Errorf("index %s: article %q: %w", ix.dir, arts[i].ID, err)
		}
		out[i] = e
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("index %s: %w", ix.dir, err)
	}
	return out, nil
}

// entry reads the "i" key of id.
func (ix *Index) entry(id string) (e entry, found bool, err error) {
	v, closer, err := ix.db.Get(idKey(id))
	if errors.Is(err, pebble.ErrNotFound) {
		return entry{}, false, nil
	}
	if err != nil {
		return entry{}, false, fmt.Errorf("index %s: %w", ix.dir, err)
	}
	defer closer.Close()
	e, err = decodeEntry(v)
	if err != nil {
		return entry{}, false, fmt.Errorf("index %s: article %q: %w", ix.dir, id, err)
	}
	return e, true, nil
}

// record reads article num back.
func (ix *Index) record(num uint32) (*article.Article, error) {
	v, closer, err := ix.db.Get(recordKey(num))
	if err != nil {
		return nil, fmt.Errorf("index %s: article number %d: %w", ix.dir, num, err)
	}
	defer closer.Close()
	a, _, err := readRecord(v, ix.dir)
	if err != nil {
		return nil, fmt.Errorf("index %s: article number %d: %w", ix.dir, num, err)
	}
	return a, nil
}

// deleteArticle adds to b the deletion of article id, whose entry is e:
// its keys and its postings, found by shingling its text again with the
// index's settings, which made them.
func (ix *Index) deleteArticle(b *pebble.Batch, id string, e entry) error {
	a, err := ix.record(e.num)
	if err != nil {
		return err
	}
	b.Delete(idKey(id), nil)
	b.Delete(recordKey(e.num), nil)
	b.Delete(dateKey(a, e.num), nil)
	paras, clustered := ix.eachPosting(a, e.num, func(key, _ []byte) { b.Delete(key, nil) })
	ix.sources[boilerplate.Source(a)]--
	ix.count.Articles--
	ix.count.TextBytes -= int64(len(a.Body))
	ix.count.Paragraphs -= paras
	ix.count.Clustered -= clustered
	return nil
}

// Remove takes the articles with the given ids out of the index, in one
// batch. It returns how many it removed, and the ids that were not in it.
func (ix *Index) Remove(ids []string) (removed int, missing []string, err error) {
	if ix.readOnly {
		return 0, nil, fmt.Errorf("index %s was opened read-only", ix.dir)
	}
	b := ix.db.NewBatch()
	defer b.Close()
	done := map[string]bool{}
	for _, id := range ids {
		if done[id] {
			continue
		}
		done[id] = true
		e, found, err := ix.entry(id)
		if err != nil {
			return 0, nil, err
		}
		if !found {
			missing = append(missing, id)
			continue
		}
		if err := ix.deleteArticle(b, id, e); err != nil {
			return 0, nil, err
		}
		removed++
	}
	b.Set(countKey, ix.count.encode(), nil)
	if err := ix.writeSources(b); err != nil {
		return 0, nil, err
	}
	if err := ix.apply(b); err != nil {
		return 0, nil, err
	}
	return removed, missing, nil
}
