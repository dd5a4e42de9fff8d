package archive

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"time"

	"github.com/klauspost/compress/zstd"

	"github.com/reprint/reprint/article"
)

// Key prefixes (the package comment lists the keys).
const (
	prefixID      = 'i'
	prefixRecord  = 'r'
	prefixDate    = 'd'
	prefixPosting = 'b'
	prefixSketch  = 'g'
	prefixSource  = 's'
)

func idKey(id string) []byte { return append([]byte{prefixID}, id...) }

func recordKey(num uint32) []byte { return binary.BigEndian.AppendUint32([]byte{prefixRecord}, num) }

// dateKey orders articles by date, undated ones last: the seconds since
// 1970, flipped so that signed order sorts as bytes, and the nanoseconds.
func dateKey(a *article.Article, num uint32) []byte {
	k := undatedKey
	if a.Dated() {
		k = binary.BigEndian.AppendUint64([]byte{prefixDate}, uint64(a.Published.Unix())^1<<63)
		k = binary.BigEndian.AppendUint32(k, uint32(a.Published.Nanosecond()))
	}
	return binary.BigEndian.AppendUint32(slices.Clip(k), num)
}

// undatedKey starts the date keys of undated articles, after every date.
var undatedKey = []byte{prefixDate, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// dateOf reads a date key's date, in UTC, and whether it has one.
func dateOf(key []byte) (time.Time, bool) {
	if len(key) != 17 || bytes.HasPrefix(key, undatedKey) {
		return time.Time{}, false
	}
	sec := int64(binary.BigEndian.Uint64(key[1:]) ^ 1<<63)
	return time.Unix(sec, int64(binary.BigEndian.Uint32(key[9:]))).UTC(), true
}

// postingKey is the posting of paragraph para of article num in bucket
// of band.
func postingKey(dst []byte, band int, bucket uint64, num uint32, para int) []byte {
	dst = bucketPrefix(dst, band, bucket)
	dst = binary.BigEndian.AppendUint32(dst, num)
	return binary.BigEndian.AppendUint16(dst, uint16(para))
}

// bucketPrefix starts the keys of a bucket's postings.
func bucketPrefix(dst []byte, band int, bucket uint64) []byte {
	dst = append(dst[:0], prefixPosting)
	dst = binary.BigEndian.AppendUint16(dst, uint16(band))
	return binary.BigEndian.AppendUint32(dst, uint32(bucket>>32))
}

// posting reads the article number and paragraph of a posting's key.
func posting(key []byte) (num uint32, para int, ok bool) {
	if len(key) != postingLen || key[0] != prefixPosting {
		return 0, 0, false // not a key this package wrote
	}
	return binary.BigEndian.Uint32(key[7:]), int(binary.BigEndian.Uint16(key[11:])), true
}

// postingLen is a posting key's length: prefix, band, bucket, number,
// paragraph.
const postingLen = 1 + 2 + 4 + 4 + 2

// sketchNum reads the article number of a sketch's key.
func sketchNum(key []byte) (uint32, bool) {
	if len(key) != 1+4+2 || key[0] != prefixSketch {
		return 0, false
	}
	return binary.BigEndian.Uint32(key[1:]), true
}

// sketchKey holds the sketch (lsh.Bander.Sketch) of paragraph para of
// article num.
func sketchKey(dst []byte, num uint32, para int) []byte {
	dst = binary.BigEndian.AppendUint32(append(dst[:0], prefixSketch), num)
	return binary.BigEndian.AppendUint16(dst, uint16(para))
}

// MaxParagraph is the last paragraph of an article the index looks up:
// paragraph numbers take two bytes of a key. Paragraphs past it are kept
// in the article's record, and found only through another paragraph.
const MaxParagraph = 1<<16 - 1

// An entry is what the "i" key of an article holds: its number and the
// hash of its content, which tells a new version from the same one sent
// again.
type entry struct {
	num  uint32
	hash uint64
}

func (e entry) encode() []byte {
	b := binary.BigEndian.AppendUint32(nil, e.num)
	return binary.BigEndian.AppendUint64(b, e.hash)
}

func decodeEntry(b []byte) (entry, error) {
	if len(b) != 12 {
		return entry{}, errors.New("a damaged article entry")
	}
	return entry{num: binary.BigEndian.Uint32(b), hash: binary.BigEndian.Uint64(b[4:])}, nil
}

// encodeRecord writes what an archived article keeps: its content
// (encodeContent), then where it was read from, its file and line, which
// decide its source for site furniture as in a scan (boilerplate.Source).
func encodeRecord(a *article.Article) []byte { return appendPlace(encodeContent(a), a) }

// appendPlace appends to a record's content where its article was read.
func appendPlace(b []byte, a *article.Article) []byte {
	b = binary.AppendUvarint(b, uint64(len(a.Path)))
	b = append(b, a.Path...)
	return binary.AppendUvarint(b, uint64(max(a.Line, 0)))
}

// encodeContent writes an article's id, date, title, source, URL and body,
// each a length and its bytes (the date as RFC 3339, empty when unknown):
// what tells two versions of it apart (contentHash), wherever it was read.
func encodeContent(a *article.Article) []byte {
	date := ""
	if a.Dated() {
		date = a.Published.Format(time.RFC3339Nano)
	}
	var b []byte
	for _, s := range []string{a.ID, date, a.Title, a.Source, a.URL, a.Body} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	return b
}

// Records are stored compressed, each on its own: Zstandard at its fastest
// keeps a news article's text smaller than the store's Snappy does on its
// blocks of a record or two (docs/design.md), and a lookup unpacks only
// the records it reads.
var (
	packer, _   = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	unpacker, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(maxRecord))
)

// maxRecord bounds what unpacking a damaged record may claim.
const maxRecord = 1 << 30

// packRecord compresses a record for the store.
func packRecord(rec []byte) []byte { return packer.EncodeAll(rec, make([]byte, 0, len(rec)/2)) }

// unpackRecord reads a record as stored back.
func unpackRecord(v []byte) ([]byte, error) {
	rec, err := unpacker.DecodeAll(v, nil)
	if err != nil {
		return nil, fmt.Errorf("a damaged article record: %w", err)
	}
	return rec, nil
}

// readRecord reads an article as stored, and its record (unpacked).
func readRecord(v []byte, path string) (*article.Article, []byte, error) {
	rec, err := unpackRecord(v)
	if err != nil {
		return nil, nil, err
	}
	a, err := decodeRecord(rec, path)
	return a, rec, err
}

// contentHash tells two versions of an article apart: the hash of its
// content (encodeContent).
func contentHash(content []byte) uint64 {
	h := fnv.New64a()
	h.Write(content)
	return h.Sum64()
}

// decodeRecord reads a record back as an article, read from the file and
// line the record says (dir, the index's folder, when it says none).
func decodeRecord(b []byte, dir string) (*article.Article, error) {
	var fields [7]string
	for i := range fields {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) {
			return nil, errors.New("a damaged article record")
		}
		fields[i] = string(b[w : w+int(n)])
		b = b[w+int(n):]
	}
	line, w := binary.Uvarint(b)
	if w <= 0 || line > 1<<31 || len(b) != w {
		return nil, errors.New("a damaged article record")
	}
	a := &article.Article{ID: fields[0], Title: fields[2], Source: fields[3], URL: fields[4], Body: fields[5],
		Path: cmp.Or(fields[6], dir), Line: int(line), Archived: true}
	if fields[1] != "" {
		t, err := time.Parse(time.RFC3339Nano, fields[1])
		if err != nil {
			return nil, fmt.Errorf("a damaged article record: %w", err)
		}
		a.Published = t
	}
	return a, nil
}
