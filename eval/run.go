package eval

import (
	"fmt"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/report"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/span"
)

// A Setting is one configuration of the pipeline.
type Setting struct {
	Name    string
	Shingle shingle.Config
	LSH     lsh.Config
	Span    span.Config
}

// Default is the configuration the command uses.
var Default = Setting{Name: "default", Shingle: shingle.DefaultConfig, LSH: lsh.DefaultConfig, Span: span.DefaultConfig}

// Report runs the stages (shingle, lsh, span, report) on arts with s, as the
// scan command does, and says how long the shingle, lsh and span stages took.
func Report(arts []*article.Article, s Setting) (*report.Report, time.Duration, error) {
	start := time.Now()
	sh, err := shingle.New(s.Shingle)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	paras := sh.Shingle(arts)
	clusters, _, err := passage.Find(arts, paras, s.LSH)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	partial, err := span.Find(paras, article.Chronology(arts), passage.Groups(clusters, len(paras)), s.Span)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	took := time.Since(start)
	return report.Build(arts, paras, clusters, partial, nil), took, nil
}

// Sweep varies one parameter at a time around base, over the values the
// evaluation compares.
func Sweep(base Setting) []Setting {
	var out []Setting
	vary := func(name string, values []float64, set func(*Setting, float64)) {
		for _, v := range values {
			s := base
			set(&s, v)
			s.Name = fmt.Sprintf("%s %g", name, v)
			out = append(out, s)
		}
	}
	vary("shingle size", []float64{1, 2, 3, 4}, func(s *Setting, v float64) { s.Shingle.Size = int(v) })
	vary("min words", []float64{4, 6, 8, 10, 12}, func(s *Setting, v float64) { s.Shingle.MinWords = int(v) })
	vary("hashes", []float64{32, 64, 128, 256}, func(s *Setting, v float64) { s.LSH.Hashes = int(v) })
	vary("LSH threshold", []float64{0.1, 0.15, 0.2, 0.3, 0.4, 0.5}, func(s *Setting, v float64) { s.LSH.Threshold = v })
	vary("min Jaccard", []float64{0.2, 0.25, 0.3, 0.35, 0.4, 0.5}, func(s *Setting, v float64) { s.LSH.MinJaccard = v })
	vary("min length ratio", []float64{0, 0.4, 0.5, 0.6, 0.7, 0.8}, func(s *Setting, v float64) { s.LSH.MinRatio = v })
	vary("min span words", []float64{6, 8, 10, 12}, func(s *Setting, v float64) { s.Span.MinWords = int(v) })
	vary("common phrase articles", []float64{5, 10, 20, 50, 0}, func(s *Setting, v float64) { s.Span.Common = int(v) })
	return out
}
