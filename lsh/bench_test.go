package lsh_test

import (
	"testing"

	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/lsh"
)

// BenchmarkFind covers signing, candidates, verification and clustering.
func BenchmarkFind(b *testing.B) {
	arts, paras := benchdata.Paragraphs(b)
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := lsh.Find(paras, lsh.DefaultConfig); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(paras))*float64(b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
