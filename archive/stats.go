package archive

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/scan"
)

var countKey = []byte("c")

// counts are the index's running totals, kept in the "c" key and written
// with each batch, so that they are always those of the batches committed.
type counts struct {
	Articles   int64
	Paragraphs int64 // body paragraphs
	Clustered  int64 // ... long enough to cluster, which have postings
	TextBytes  int64 // the articles' bodies
}

func (c counts) encode() []byte {
	var b []byte
	for _, v := range []int64{c.Articles, c.Paragraphs, c.Clustered, c.TextBytes} {
		b = binary.AppendVarint(b, v)
	}
	return b
}

func decodeCounts(b []byte) (counts, error) {
	var v [4]int64
	for i := range v {
		x, n := binary.Varint(b)
		if n <= 0 {
			return counts{}, errors.New("damaged totals")
		}
		v[i], b = x, b[n:]
	}
	return counts{Articles: v[0], Paragraphs: v[1], Clustered: v[2], TextBytes: v[3]}, nil
}

// loadCounts reads the totals; a new index has none.
func (ix *Index) loadCounts() error {
	v, closer, err := ix.db.Get(countKey)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index %s: %w", ix.dir, err)
	}
	defer closer.Close()
	if ix.count, err = decodeCounts(v); err != nil {
		return fmt.Errorf("index %s: %w", ix.dir, err)
	}
	return nil
}

// Stats describe an index.
type Stats struct {
	Format     int
	Created    time.Time
	Settings   scan.Options
	Articles   int64
	Paragraphs int64     // body paragraphs
	Clustered  int64     // ... long enough to cluster, which the index looks up
	TextBytes  int64     // the articles' bodies
	First      time.Time // the earliest publication date; zero when no article is dated
	Last       time.Time // the latest
	Undated    bool      // some article has no date
	DiskBytes  int64     // the room the directory's files take on disk
}

// Stats reads the index's description.
func (ix *Index) Stats() (Stats, error) {
	st := Stats{Format: ix.meta.Format, Created: ix.meta.Created, Settings: ix.settings,
		Articles: ix.count.Articles, Paragraphs: ix.count.Paragraphs, Clustered: ix.count.Clustered, TextBytes: ix.count.TextBytes}
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixDate}, UpperBound: []byte{prefixDate + 1}})
	if err != nil {
		return st, err
	}
	defer it.Close()
	if it.First() {
		st.First, _ = dateOf(it.Key())
		if it.Last() {
			var dated bool
			if st.Last, dated = dateOf(it.Key()); !dated {
				st.Undated = true
				if it.SeekLT(undatedKey) {
					st.Last, _ = dateOf(it.Key())
				}
			}
		}
	}
	if err := it.Error(); err != nil {
		return st, fmt.Errorf("index %s: %w", ix.dir, err)
	}
	err = filepath.WalkDir(ix.dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if info, err := d.Info(); err == nil && d.Type().IsRegular() {
			st.DiskBytes += onDisk(info)
		}
		return nil
	})
	return st, err
}

// Compact rewrites the store so that it holds only live data: what
// removed and replaced articles left behind is dropped.
func (ix *Index) Compact() error {
	if err := ix.db.Compact(context.Background(), []byte{0}, []byte{0xff}, true); err != nil {
		return fmt.Errorf("index %s: compacting: %w", ix.dir, err)
	}
	return nil
}

// Sources: how many articles each source has (boilerplate.Source), under
// "s" and the source's name, so that a check counts site furniture against
// a source's whole archive, not the few articles it reads.

func sourceKey(name string) []byte { return append([]byte{prefixSource}, name...) }

// writeSources adds to b the counts of the sources whose count changed
// (ix.sources holds the changes), and forgets the changes.
func (ix *Index) writeSources(b *pebble.Batch) error {
	for name, delta := range ix.sources {
		n, err := ix.SourceArticles(name)
		if err != nil {
			return err
		}
		if n += delta; n > 0 {
			b.Set(sourceKey(name), binary.AppendUvarint(nil, uint64(n)), nil)
		} else {
			b.Delete(sourceKey(name), nil)
		}
	}
	clear(ix.sources)
	return nil
}

// SourceArticles is how many articles of a source the index holds.
func (ix *Index) SourceArticles(name string) (int, error) {
	v, closer, err := ix.db.Get(sourceKey(name))
	if errors.Is(err, pebble.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("index %s: %w", ix.dir, err)
	}
	defer closer.Close()
	n, w := binary.Uvarint(v)
	if w <= 0 {
		return 0, fmt.Errorf("index %s is damaged: the count of source %q", ix.dir, name)
	}
	return int(n), nil
}
