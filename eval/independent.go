package eval

import (
	"strings"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/synth"
)

// Independent drops the sources that duplicate an earlier one, so that a
// benchmark (package synth) is built from independent stories; it runs
// reprint's own detector, at strict settings, which is why it lives here and
// not in synth, the generator the evaluation scores: two articles
// are duplicates when at least half of the shorter one's paragraphs are near
// copies (Jaccard 0.5, or containment 0.8) of the other's. Real corpora have
// them (the BBC corpus: about a hundred pairs of updated or re-run stories);
// left in, they would be reuse the benchmark's truth does not know. It
// returns the kept sources, in order, and the ids of the dropped ones.
func Independent(sources []synth.Source) (kept []synth.Source, dropped []string) {
	arts := make([]*article.Article, len(sources))
	for i, s := range sources {
		arts[i] = &article.Article{ID: s.ID, Body: strings.Join(s.Paragraphs, "\n\n")}
	}
	sh, _ := shingle.New(shingle.DefaultConfig)
	paras := sh.Shingle(arts)
	cfg := lsh.DefaultConfig
	cfg.MinJaccard, cfg.MinRatio, cfg.MinContain = 0.5, 0.5, 0 // near-duplicate articles: like lengths only
	clusters, _, _ := lsh.Find(paras, cfg)
	shared := map[[2]article.Index]int{}
	for _, c := range clusters {
		var in []article.Index
		for _, m := range c.Members {
			if a := paras[m].Article; len(in) == 0 || in[len(in)-1] != a {
				in = append(in, a)
			}
		}
		for i, a := range in {
			for _, b := range in[i+1:] {
				if a != b {
					shared[[2]article.Index{min(a, b), max(a, b)}]++
				}
			}
		}
	}
	drop := make([]bool, len(sources))
	for pair, n := range shared {
		a, b := pair[0], pair[1]
		if 2*n >= min(len(sources[a].Paragraphs), len(sources[b].Paragraphs)) {
			drop[b] = true
		}
	}
	for i, s := range sources {
		if drop[i] {
			dropped = append(dropped, s.ID)
		} else {
			kept = append(kept, s)
		}
	}
	return kept, dropped
}

// Sources reads the source articles a benchmark is built from (synth.LoadJSONL)
// and keeps the independent ones; read is how many the file held, dropped the
// ids of the near-duplicates left out. make eval, make bench and the stage
// benchmarks all build their corpora from what it gives.
func Sources(path string) (kept []synth.Source, read int, dropped []string, err error) {
	sources, err := synth.LoadJSONL(path)
	if err != nil {
		return nil, 0, nil, err
	}
	kept, dropped = Independent(sources)
	return kept, len(sources), dropped, nil
}
