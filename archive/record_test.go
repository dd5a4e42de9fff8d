package archive

import (
	"bytes"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
)

// FuzzRecord: a record reads back as the article written, and damaged
// bytes give an error, never a panic.
func FuzzRecord(f *testing.F) {
	f.Add("id", "Title", "Source", "https://example.com", "One.\n\nTwo.", int64(1500000000), true)
	f.Add("", "", "", "", "", int64(0), false)
	f.Fuzz(func(t *testing.T, id, title, source, url, body string, secs int64, dated bool) {
		a := &article.Article{ID: id, Title: title, Source: source, URL: url, Body: body}
		if dated && secs > -1e11 && secs < 1e11 {
			a.Published = time.Unix(secs, 0).UTC()
		}
		rec := encodeRecord(a)
		b, unpacked, err := readRecord(packRecord(rec), "idx")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(unpacked, rec) {
			t.Error("a record unpacks to other bytes")
		}
		if b.ID != a.ID || b.Title != a.Title || b.Source != a.Source || b.URL != a.URL || b.Body != a.Body || !b.Published.Equal(a.Published) || !b.Archived {
			t.Errorf("%+v reads back as %+v", a, b)
		}
		for cut := range rec {
			decodeRecord(rec[:cut], "idx")
		}
		decodeRecord([]byte(body), "idx")
		readRecord([]byte(body), "idx")
		decodeEntry([]byte(body))
		decodeCounts([]byte(body))
	})
}

// FuzzKeys: a key of any bytes is read as a posting, a sketch's or a
// date, or refused, never a panic.
func FuzzKeys(f *testing.F) {
	f.Add(postingKey(nil, 3, 1<<40, 7, 2))
	f.Add(sketchKey(nil, 7, 2))
	f.Add([]byte{prefixDate, 1, 2})
	f.Fuzz(func(t *testing.T, key []byte) {
		if num, para, ok := posting(key); ok && !bytes.Equal(postingKey(nil, int(key[1])<<8|int(key[2]), uint64(key[3])<<56|uint64(key[4])<<48|uint64(key[5])<<40|uint64(key[6])<<32, num, para), key) {
			t.Errorf("posting %x reads as %d ¶%d", key, num, para)
		}
		sketchNum(key)
		dateOf(key)
	})
}
