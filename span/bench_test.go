package span_test

import (
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/span"
)

func BenchmarkFind(b *testing.B) {
	arts, paras := benchdata.Paragraphs(b)
	clusters, _, _ := passage.Find(arts, paras, lsh.DefaultConfig)
	copies, rank := passage.Members(clusters, len(paras)), article.Chronology(arts)
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := span.Find(paras, rank, copies, span.DefaultConfig); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(paras))*float64(b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
