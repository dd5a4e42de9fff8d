// Package benchdata gives the stage benchmarks their corpus: the 10 MB
// republishing benchmark that make bench and make eval build from the BBC
// corpus (package synth), made once per test binary. Where the BBC corpus is
// not beside the repository (../shared/corpora/bbc, or $REPRINT_CORPUS), the
// benchmarks are skipped with a message saying so.
package benchdata

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/eval"
	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/synth"
)

var (
	once  sync.Once
	jsonl []byte
	err   error
)

// JSONL is the corpus as article JSONL.
func JSONL(tb testing.TB) []byte {
	tb.Helper()
	once.Do(build)
	if err != nil {
		tb.Skipf("no benchmark corpus: %v", err)
	}
	return jsonl
}

// Articles is the corpus read as articles.
func Articles(tb testing.TB) []*article.Article {
	tb.Helper()
	arts, problems, err := article.ReadJSONL(bytes.NewReader(JSONL(tb)), "bench.jsonl")
	if err != nil || len(problems) > 0 {
		tb.Fatalf("reading the benchmark corpus: %v %v", err, problems)
	}
	return arts
}

// Paragraphs is the corpus shingled with the default configuration, sets
// and all: the paragraphs of Scan, index for index.
func Paragraphs(tb testing.TB) ([]*article.Article, []shingle.Paragraph) {
	tb.Helper()
	arts := Articles(tb)
	sh, _ := shingle.New(shingle.DefaultConfig)
	return arts, sh.Shingle(arts)
}

// Texts is the text of every body paragraph of the corpus (prose.Paragraphs),
// and their size in bytes, for MB/s.
func Texts(tb testing.TB) ([]string, int64) {
	tb.Helper()
	var texts []string
	var size int64
	for _, a := range Articles(tb) {
		for _, p := range prose.Paragraphs(a.Body) {
			texts = append(texts, p)
			size += int64(len(p))
		}
	}
	return texts, size
}

// Scan is the corpus scanned with the default options (scan.Run).
func Scan(tb testing.TB) *scan.Result {
	tb.Helper()
	res, err := scan.Run(Articles(tb), scan.DefaultOptions)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// BodyBytes is the size of the articles' text, for MB/s.
func BodyBytes(arts []*article.Article) int64 {
	var n int64
	for _, a := range arts {
		n += int64(len(a.Body) + len(a.Title))
	}
	return n
}

func build() {
	path := os.Getenv("REPRINT_CORPUS")
	if path == "" {
		path, err = findCorpus()
		if err != nil {
			return
		}
	}
	sources, _, _, e := eval.Sources(path)
	if err = e; err != nil {
		return
	}
	b, e := synth.Generate(sources, synth.DefaultConfig)
	if err = e; err != nil {
		return
	}
	var buf bytes.Buffer
	if err = b.WriteJSONL(&buf); err == nil {
		jsonl = buf.Bytes()
	}
}

// findCorpus looks for ../shared/corpora/bbc/bbc.jsonl beside the module root.
func findCorpus() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			path := filepath.Join(dir, "..", "shared", "corpora", "bbc", "bbc.jsonl")
			_, err := os.Stat(path)
			return path, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}

// Sized is the republishing corpus make bench measures, within 2% of size
// bytes of article JSONL: the originals of sources and as many republished
// articles as it takes. Republished articles grow shorter once the
// own-words prose is used up, so the count is found by a few rounds of
// proportional guessing.
func Sized(sources []synth.Source, seed uint64, size int64) (*synth.Benchmark, error) {
	cfg := synth.DefaultConfig
	cfg.Seed, cfg.Republished = seed, 0
	base, err := jsonlBytes(sources, cfg)
	if err != nil {
		return nil, err
	}
	cfg.Republished = 1000
	for range 6 {
		got, err := jsonlBytes(sources, cfg)
		if err != nil {
			return nil, err
		}
		if d := float64(got-size) / float64(size); d > -0.02 && d < 0.02 {
			break
		}
		perArticle := float64(got-base) / float64(max(1, cfg.Republished))
		cfg.Republished = max(0, int(float64(cfg.Republished)+float64(size-got)/perArticle))
	}
	return synth.Generate(sources, cfg)
}

// BenchCorpus is make bench's corpus of size MB (seed 1), read as articles;
// the test is skipped where the BBC corpus is not beside the repository.
func BenchCorpus(tb testing.TB, size int) []*article.Article {
	tb.Helper()
	path := os.Getenv("REPRINT_CORPUS")
	if path == "" {
		var err error
		if path, err = findCorpus(); err != nil {
			tb.Skipf("no benchmark corpus: %v", err)
		}
	}
	sources, _, _, err := eval.Sources(path)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := Sized(sources, 1, int64(size)<<20)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	if err := c.WriteJSONL(&buf); err != nil {
		tb.Fatal(err)
	}
	arts, problems, err := article.ReadJSONL(&buf, fmt.Sprintf("corpus-%dmb.jsonl", size))
	if err != nil || len(problems) > 0 {
		tb.Fatalf("reading the benchmark corpus: %v %v", err, problems)
	}
	return arts
}

func jsonlBytes(sources []synth.Source, cfg synth.Config) (int64, error) {
	c, err := synth.Generate(sources, cfg)
	if err != nil {
		return 0, err
	}
	var n Counter
	err = c.WriteJSONL(&n)
	return int64(n), err
}

// A Counter counts the bytes written to it.
type Counter int64

func (c *Counter) Write(p []byte) (int, error) { *c += Counter(len(p)); return len(p), nil }
