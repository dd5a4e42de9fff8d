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
