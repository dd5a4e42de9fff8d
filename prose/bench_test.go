package prose_test

import (
	"testing"

	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/prose"
)

// BenchmarkWords reads the words of every paragraph of the bench corpus with
// one Reader, as shingle does.
func BenchmarkWords(b *testing.B) {
	paras, size := benchdata.Texts(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var r prose.Reader
	var words []prose.Word
	for b.Loop() {
		for _, p := range paras {
			words = r.Append(words[:0], p)
		}
	}
}

// BenchmarkHashes hashes the words of the bench corpus's paragraphs, as
// shingling does.
func BenchmarkHashes(b *testing.B) {
	paras, size := benchdata.Texts(b)
	b.SetBytes(size)
	b.ReportAllocs()
	var r prose.Reader
	var hashes []uint64
	for b.Loop() {
		for _, p := range paras {
			hashes = r.Hashes(hashes[:0], p)
		}
	}
}

// BenchmarkParagraphs splits every body of the bench corpus into paragraphs.
func BenchmarkParagraphs(b *testing.B) {
	arts := benchdata.Articles(b)
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		for _, a := range arts {
			prose.Paragraphs(a.Body)
		}
	}
}
