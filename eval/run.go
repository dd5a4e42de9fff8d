package eval

import (
	"fmt"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/scan"
)

// A Setting is one configuration of the scan, named.
type Setting struct {
	Name string
	scan.Options
}

// Default is the configuration the command uses.
var Default = Setting{Name: "default", Options: scan.DefaultOptions}

// Run scans arts with s, as the scan command does, and says how long it took.
func Run(arts []*article.Article, s Setting) (*scan.Result, time.Duration, error) {
	start := time.Now()
	res, err := scan.Run(arts, s.Options)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	return res, time.Since(start), nil
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
	vary("min containment", []float64{0, 0.6, 0.7, 0.8, 0.9}, func(s *Setting, v float64) { s.LSH.MinContain = v })
	vary("min figures", []float64{0, 0.4, 0.5, 0.6, 0.7, 0.8}, func(s *Setting, v float64) { s.LSH.MinFigures = v })
	vary("min facts", []float64{0, 0.3, 0.4, 0.5, 0.6, 0.7}, func(s *Setting, v float64) { s.LSH.MinFacts = v })
	vary("facts rule off", []float64{0}, func(s *Setting, v float64) { s.LSH.MinFigures, s.LSH.MinFacts = v, v })
	vary("min span words", []float64{6, 8, 10, 12}, func(s *Setting, v float64) { s.Span.MinWords = int(v) })
	vary("common phrase articles", []float64{5, 10, 20, 50, 0}, func(s *Setting, v float64) { s.Span.Common = int(v) })
	return out
}
