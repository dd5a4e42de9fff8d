package report_test

import (
	"io"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/span"
)

// BenchmarkBuildJSON builds the report and writes it as JSON.
func BenchmarkBuildJSON(b *testing.B) {
	arts, paras := benchdata.Paragraphs(b)
	clusters, _, _ := passage.Find(arts, paras, lsh.DefaultConfig)
	partial, _ := span.Find(paras, article.Chronology(arts), passage.Groups(clusters, len(paras)), span.DefaultConfig)
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		r := report.Build(arts, paras, clusters, partial, nil)
		if err := r.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(paras))*float64(b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
