package archive_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/eval"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/synth"
)

// TestSameAsBatchScan adds a dated corpus generated from made-up sources
// (package synth) in three runs, checks its latest tenth against the
// index, and compares each of their paragraphs in a passage with one scan
// of everything: the same members and the same original.
func TestSameAsBatchScan(t *testing.T) {
	ag, err := eval.IndexAgreement(generated(t, 400), scan.DefaultOptions, filepath.Join(t.TempDir(), "index"), 3, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d checked paragraphs in passages as in the batch scan; %d archived articles read of %d", ag.Same, ag.Total, ag.Read, ag.Archived)
	for _, d := range ag.Differ {
		t.Log(d)
	}
	if ag.Total == 0 {
		t.Fatal("no checked paragraph in a passage: the corpus tests nothing")
	}
	if float64(ag.Same) < 0.98*float64(ag.Total) {
		t.Errorf("%d of %d paragraphs agree with the batch scan: want at least 98%%", ag.Same, ag.Total)
	}
}

// generated is a dated republishing corpus from made-up sources, so that
// the test needs no corpus beside the repository.
func generated(t testing.TB, republished int) []*article.Article {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	vocab := make([]string, 4000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("%c%s%d", 'a'+rune(i%26), strings.Repeat("o", i%3+1), i)
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	var sources []synth.Source
	for s := range 80 {
		src := synth.Source{ID: fmt.Sprint("s", s), Topic: fmt.Sprint("topic", s%4), Title: fmt.Sprint("Story ", s)}
		for range 4 + rng.IntN(5) {
			words := make([]string, 20+rng.IntN(40))
			for w := range words {
				words[w] = vocab[zipf.Uint64()]
			}
			src.Paragraphs = append(src.Paragraphs, strings.Join(words, " ")+".")
		}
		sources = append(sources, src)
	}
	cfg := synth.DefaultConfig
	cfg.Republished = republished
	b, err := synth.Generate(sources, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.WriteJSONL(&buf); err != nil {
		t.Fatal(err)
	}
	arts, problems, err := article.ReadJSONL(&buf, "corpus.jsonl")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	return arts
}
