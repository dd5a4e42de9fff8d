package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/prose"
)

// A Source is one real article the benchmark is built from.
type Source struct {
	ID         string
	Topic      string
	Title      string
	Paragraphs []string
}

// LoadJSONL reads source articles from JSONL with "id", "text", and optional
// "title" and "category" (the topic), such as the BBC News corpus.
func LoadJSONL(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadJSONL(f, path)
}

// ReadJSONL is LoadJSONL on an open reader; path names it in errors.
func ReadJSONL(r io.Reader, path string) ([]Source, error) {
	var sources []Source
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var rec struct{ ID, Title, Category, Text string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		title := strings.TrimSpace(rec.Title)
		paras := prose.Paragraphs(article.DropHeadline(rec.Text, title))
		if rec.ID == "" || len(paras) == 0 {
			return nil, fmt.Errorf("%s:%d: want an \"id\" and a \"text\" with paragraphs", path, n)
		}
		sources = append(sources, Source{ID: rec.ID, Topic: rec.Category, Title: title, Paragraphs: paras})
	}
	return sources, sc.Err()
}
