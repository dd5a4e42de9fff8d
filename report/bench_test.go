package report_test

import (
	"io"
	"testing"

	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/scan"
)

// BenchmarkBuildJSON builds the report and writes it as JSON.
func BenchmarkBuildJSON(b *testing.B) {
	arts := benchdata.Articles(b)
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(benchdata.BodyBytes(arts))
	b.ReportAllocs()
	for b.Loop() {
		r := report.Build(res, nil)
		if err := r.WriteJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(res.Paragraphs))*float64(b.N)/b.Elapsed().Seconds(), "paragraphs/s")
}
