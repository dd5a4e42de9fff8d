package span_test

import (
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/span"
)

func BenchmarkFind(b *testing.B) {
	res := benchdata.Scan(b)
	arts, paras := benchdata.Paragraphs(b) // with the word hashes that span reads
	copies, rank := passage.Members(res.Passages, len(paras)), article.Chronology(arts)
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := span.Find(paras, rank, copies, span.DefaultConfig); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(paras))*float64(b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
