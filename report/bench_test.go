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

// BenchmarkWrite writes the built report in every format: none should take
// more than twice as long as JSON.
func BenchmarkWrite(b *testing.B) {
	res := benchdata.Scan(b)
	r := report.Build(res, nil)
	for _, f := range []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"json", r.WriteJSON},
		{"csv", r.WriteCSV},
		{"html", r.WriteHTML},
		{"markdown", r.WriteMarkdown},
		{"table", func(w io.Writer) error { return r.WriteTable(w, report.Style{Width: 100}) }},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(benchdata.BodyBytes(res.Articles))
			b.ReportAllocs()
			for b.Loop() {
				if err := f.write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
