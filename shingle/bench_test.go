package shingle_test

import (
	"testing"

	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/shingle"
)

func BenchmarkShingle(b *testing.B) {
	arts := benchdata.Articles(b)
	sh, _ := shingle.New(shingle.DefaultConfig)
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(sh.Shingle(arts))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}

// BenchmarkFactsOf reads the facts of every paragraph of the bench corpus, as
// the formula vote reads those of a cluster's copies.
func BenchmarkFactsOf(b *testing.B) {
	paras, size := benchdata.Texts(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			shingle.FactsOf(p)
		}
	}
}
