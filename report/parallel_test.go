package report

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/fixture"
)

// TestWritersParallel: a report of hundreds of passages, their sections
// drawn on every core, is byte for byte the report drawn on one.
func TestWritersParallel(t *testing.T) {
	var arts []*article.Article
	for i := range 150 {
		paras := fixture.Paragraphs(i, 3, 16)
		edited := strings.Replace(paras[1], "The ", "And the ", 1)
		arts = append(arts,
			&article.Article{ID: fmt.Sprintf("a%03d", i), Published: day("2017-05-01"), Body: strings.Join(paras, "\n\n")},
			&article.Article{ID: fmt.Sprintf("b%03d", i), Published: day("2017-06-01"), Body: paras[0] + "\n\n" + edited})
	}
	r := build(t, arts...)
	if len(r.Clusters) != 300 {
		t.Fatalf("%d passages, want 300", len(r.Clusters))
	}
	writers := map[string]func(*bytes.Buffer) error{
		"table":    func(b *bytes.Buffer) error { return r.WriteTable(b, Style{Width: 100}) },
		"markdown": func(b *bytes.Buffer) error { return r.WriteMarkdown(b) },
		"json":     func(b *bytes.Buffer) error { return r.WriteJSON(b) },
		"html":     func(b *bytes.Buffer) error { return r.WriteHTML(b) },
	}
	for name, write := range writers {
		t.Run(name, func(t *testing.T) {
			render := func(procs int) string {
				defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
				var b bytes.Buffer
				if err := write(&b); err != nil {
					t.Fatal(err)
				}
				return b.String()
			}
			if one, many := render(1), render(8); one != many {
				t.Errorf("drawn on 8 cores, the %s differs from the one drawn on 1", name)
			}
		})
	}
}
