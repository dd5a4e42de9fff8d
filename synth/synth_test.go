package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/reprint/reprint/internal/fixture"
)

// sources makes n small articles of distinct made-up prose, two topics.
func sources(n int) []Source {
	var out []Source
	for i := range n {
		out = append(out, Source{ID: fmt.Sprintf("s%02d", i), Topic: []string{"a", "b"}[i%2], Title: fmt.Sprintf("Title %d", i), Paragraphs: fixture.Paragraphs(i, 4, 14)})
	}
	return out
}

func generate(t *testing.T, cfg Config) *Benchmark {
	t.Helper()
	b, err := Generate(sources(40), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGenerateIsDeterministic(t *testing.T) {
	cfg := DefaultConfig
	cfg.Republished = 50
	var one, two bytes.Buffer
	if err := generate(t, cfg).WriteJSONL(&one); err != nil {
		t.Fatal(err)
	}
	generate(t, cfg).WriteJSONL(&two)
	if !bytes.Equal(one.Bytes(), two.Bytes()) {
		t.Error("the same seed gave two different benchmarks")
	}
	cfg.Seed++
	var three bytes.Buffer
	generate(t, cfg).WriteJSONL(&three)
	if bytes.Equal(one.Bytes(), three.Bytes()) {
		t.Error("another seed gave the same benchmark")
	}
}

func TestTruthIsConsistent(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			cfg := DefaultConfig
			cfg.Seed, cfg.Republished = seed, 200
			cfg.Split, cfg.Merge, cfg.Span = 0.3, 0.3, 0.3
			checkTruth(t, cfg, generate(t, cfg))
		})
	}
}

func checkTruth(t *testing.T, cfg Config, b *Benchmark) {
	paras := b.Texts()
	published := map[string]Article{}
	for _, a := range b.Articles {
		published[a.ID] = a
	}
	if len(paras) != len(b.Origins) {
		t.Fatalf("%d paragraphs, %d origins", len(paras), len(b.Origins))
	}
	kinds := map[string]int{}
	for _, o := range b.Origins {
		kinds[o.Kind]++
		if _, ok := paras[o.Ref]; !ok {
			t.Fatalf("origin of a paragraph that does not exist: %+v", o)
		}
		for _, f := range o.From {
			src, ok := paras[f]
			if !ok || !strings.HasPrefix(f.Article, "orig-") {
				t.Fatalf("%+v comes from %v, which is no original paragraph", o, f)
			}
			if !published[o.Article].Published.After(published[f.Article].Published) {
				t.Errorf("%s is not later than its source %s", o.Article, f.Article)
			}
			switch {
			case o.Kind == Copy && o.Level == 0 && paras[o.Ref] != src:
				t.Errorf("a copy at level 0 differs from its source:\n%s\n%s", paras[o.Ref], src)
			case o.Kind == Span && (!strings.Contains(paras[o.Ref], o.Span) || !strings.Contains(src, o.Span)):
				t.Errorf("span %q is not in both paragraphs", o.Span)
			}
		}
		if (o.Kind == Original || o.Kind == Own) && b.Sources[o.Doc] == nil {
			t.Errorf("%+v names no source article the benchmark holds", o)
		}
		if o.Kind == Copy && !slices.Contains(cfg.Levels, o.Level) {
			t.Errorf("copy at level %v, not one of %v", o.Level, cfg.Levels)
		}
	}
	for _, k := range []string{Original, Own, Copy, Split, Merged, Span} {
		if kinds[k] == 0 {
			t.Errorf("no paragraph of kind %s in %v", k, kinds)
		}
	}
}

func TestEditTouchesTheShareAskedFor(t *testing.T) {
	e := newEditor(rand.New(rand.NewPCG(1, 2)), sources(3))
	text := sources(1)[0].Paragraphs[0]
	if got := e.edit(text, 0); got != text {
		t.Errorf("level 0 changed the text: %q", got)
	}
	words := strings.Fields(text)
	for _, level := range []float64{0.1, 0.2, 0.4} {
		dist := 0
		for range 100 {
			dist += editDistance(words, strings.Fields(e.edit(text, level)))
		}
		// Each edit counts the words it touches; moving a sentence counts 2 but
		// costs more in edit distance, so allow some room above.
		if share := float64(dist) / float64(100*len(words)); share < 0.8*level || share > 2*level {
			t.Errorf("level %.1f: word edit distance %.2f of the words", level, share)
		}
	}
}

// editDistance is the Levenshtein distance between two word sequences.
func editDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
