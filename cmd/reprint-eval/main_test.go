package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reprint/reprint/internal/fixture"
)

// corpus writes n made-up source articles in the BBC corpus's JSONL layout.
func corpus(t *testing.T, n int) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for i := range n {
		paras := fixture.Paragraphs(i, 5, 16)
		title := fmt.Sprintf("Story %d", i)
		enc.Encode(map[string]string{"id": fmt.Sprintf("s-%03d", i), "category": []string{"tech", "sport"}[i%2], "title": title,
			"text": title + "\n\n" + strings.Join(paras, "\n\n")})
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvaluate(t *testing.T) {
	var out, errOut bytes.Buffer
	keep := t.TempDir()
	code := run([]string{"--corpus", corpus(t, 60), "--republished", "40", "--sweep=false", "--keep", keep}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"# reprint evaluation", "## Default settings", "| pairwise precision", "### Recall by edit level",
		"### Partial reuse", "## LSH fidelity", "all pairs above the threshold"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	for _, f := range []string{"bench.jsonl", "truth.jsonl"} {
		if info, err := os.Stat(filepath.Join(keep, f)); err != nil || info.Size() == 0 {
			t.Errorf("--keep did not keep %s: %v", f, err)
		}
	}
}

func TestMissingCorpus(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run([]string{"--corpus", filepath.Join(t.TempDir(), "none.jsonl")}, &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "no such file") || !strings.Contains(errOut.String(), "--corpus") {
		t.Errorf("exit %d, stderr %q", code, errOut.String())
	}
}
