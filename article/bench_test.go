package article_test

import (
	"bytes"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/benchdata"
)

func BenchmarkReadJSONL(b *testing.B) {
	data := benchdata.JSONL(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		arts, _, _ := article.ReadJSONL(bytes.NewReader(data), "bench.jsonl")
		n = len(arts)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
