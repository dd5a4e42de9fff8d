// Package benchdata gives the stage benchmarks their corpus: the 10 MB
// republishing benchmark that make bench and make eval build from the BBC
// corpus (package synth), made once per test binary. Where the BBC corpus is
// not beside the repository (../shared/corpora/bbc, or $REPRINT_CORPUS), the
// benchmarks are skipped with a message saying so.
package benchdata

import (
	"bytes"
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
