package eval

import (
	"fmt"
	"time"

	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/shingle"
)

// A Band is a range of similarity and how many of the exact pairs in it the
// index found.
type Band struct {
	Name         string
	Exact, Found int
}

// Fidelity compares what the LSH stage finds with an exact all-pairs
// computation at the same thresholds: an exact pair is found when its two
// paragraphs end up in one cluster. It counts by Jaccard band and says how
// long each took.
func Fidelity(paras []shingle.Paragraph, cfg lsh.Config) (bands []Band, indexTime, exactTime time.Duration, err error) {
	start := time.Now()
	clusters, _, err := lsh.Find(paras, cfg)
	if err != nil {
		return nil, 0, 0, err
	}
	group := lsh.Groups(clusters, len(paras))
	indexTime = time.Since(start)
	start = time.Now()
	exact := lsh.ExactPairs(paras, cfg)
	exactTime = time.Since(start)
	have := func(p lsh.Pair) bool { return group[p.A] >= 0 && group[p.A] == group[p.B] }
	// Jaccard bands from the threshold up in steps of 0.1, then containment alone.
	edges := []float64{cfg.MinJaccard}
	for x := 0.4; x < 0.95; x += 0.1 {
		if x > cfg.MinJaccard+1e-9 {
			edges = append(edges, x)
		}
	}
	edges = append(edges, 1+1e-9)
	for i := 0; i+1 < len(edges); i++ {
		bands = append(bands, Band{Name: fmt.Sprintf("Jaccard %.2f–%.2f", edges[i], min(edges[i+1], 1))})
	}
	for _, p := range exact {
		b := 0
		for b+1 < len(edges)-1 && p.Sim.Jaccard >= edges[b+1] {
			b++
		}
		bands[b].Exact++
		if have(p) {
			bands[b].Found++
		}
	}
	return bands, indexTime, exactTime, nil
}
