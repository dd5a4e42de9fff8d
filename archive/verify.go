package archive

import (
	"fmt"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/boilerplate"
	"github.com/reprint/reprint/lsh"
)

// Verify reads the whole index and checks that it is whole: every
// article's entry names a record that reads back with the same id and
// content hash; every record has an entry; each article has as many
// postings as shingling its text again gives, and no posting names an
// article the index does not hold; the totals are the articles'. It
// returns the first fault found.
func (ix *Index) Verify() error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("index %s is damaged: %s (rebuild it from the articles: reprint index add --index NEWDIR PATH...)", ix.dir, fmt.Sprintf(format, args...))
	}
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixID}, UpperBound: []byte{prefixID + 1}})
	if err != nil {
		return err
	}
	defer it.Close()
	want := map[uint32]int64{} // postings by article
	sources := map[string]int{}
	var total counts
	for ok := it.First(); ok; ok = it.Next() {
		id := string(it.Key()[1:])
		e, err := decodeEntry(it.Value())
		if err != nil {
			return fail("article %q: %v", id, err)
		}
		raw, closer, err := ix.db.Get(recordKey(e.num))
		if err != nil {
			return fail("article %q: its record %d: %v", id, e.num, err)
		}
		a, _, err := readRecord(raw, ix.dir)
		closer.Close()
		switch {
		case err != nil:
			return fail("article %q: %v", id, err)
		case a.ID != id:
			return fail("article %q: its record is article %q's", id, a.ID)
		case contentHash(encodeContent(a)) != e.hash:
			return fail("article %q: its record does not match its hash", id)
		}
		var n int64
		paras, clustered := ix.eachPosting(a, e.num, func(key, _ []byte) {
			if key[0] == prefixPosting {
				n++
			}
		})
		want[e.num] = n
		sources[boilerplate.Source(a)]++
		total.Articles++
		total.Paragraphs += paras
		total.Clustered += clustered
		total.TextBytes += int64(len(a.Body))
	}
	if err := it.Error(); err != nil {
		return fail("%v", err)
	}
	for name, n := range sources {
		if got, err := ix.SourceArticles(name); err != nil || got != n {
			return fail("source %q has %d articles, its count says %d", name, n, got)
		}
	}
	if total != ix.count {
		return fail("its totals say %+v, its articles %+v", ix.count, total)
	}
	records := int64(0)
	if err := ix.each(prefixRecord, func([]byte) { records++ }); err != nil {
		return fail("%v", err)
	}
	if records != total.Articles {
		return fail("%d records for %d articles", records, total.Articles)
	}
	sketches, err := ix.perArticle(prefixSketch, "sketch", want, sketchNum, fail)
	if err != nil {
		return err
	}
	got, err := ix.perArticle(prefixPosting, "posting", want, func(key []byte) (uint32, bool) {
		num, _, ok := posting(key)
		return num, ok
	}, fail)
	if err != nil {
		return err
	}
	_, bands := lsh.BandShape(ix.settings.LSH)
	for num, n := range want {
		if got[num] != n {
			return fail("article number %d has %d postings of %d", num, got[num], n)
		}
		if sketches[num]*int64(bands) != n {
			return fail("article number %d has %d sketches for %d postings", num, sketches[num], n)
		}
	}
	return nil
}

// perArticle counts the keys of a prefix by the article number num reads
// from each: what, a key of that kind, must name an article of want.
func (ix *Index) perArticle(prefix byte, what string, want map[uint32]int64, num func(key []byte) (uint32, bool),
	fail func(format string, args ...any) error) (map[uint32]int64, error) {
	counts := map[uint32]int64{}
	var fault error
	err := ix.each(prefix, func(key []byte) {
		n, ok := num(key)
		if !ok && fault == nil {
			fault = fail("a %s key of %d bytes", what, len(key))
		}
		if _, ok := want[n]; !ok && fault == nil {
			fault = fail("a %s names article number %d, which the index does not hold", what, n)
		}
		counts[n]++
	})
	if err != nil {
		return nil, fail("%v", err)
	}
	return counts, fault
}

// each calls f with every key of a prefix.
func (ix *Index) each(prefix byte, f func(key []byte)) error {
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefix}, UpperBound: []byte{prefix + 1}})
	if err != nil {
		return err
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		f(it.Key())
	}
	return it.Error()
}
