package report

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/reprint/reprint/diff"
)

//go:embed html.tmpl
var htmlSource string

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"date":    func(t time.Time) string { return dateOr(t, "undated") },
	"percent": percent,
	"marked":  markedHTML,
	"inc":     func(i int) int { return i + 1 },
	"anchor":  anchor,
}).Parse(htmlSource))

// htmlData is what the page's head and tail templates read.
type htmlData struct {
	*Report
	Headline string
	Notes    []string
	Passages map[string][]int // article id -> the passages it is in
}

// htmlPassage is what the passage template reads: a cluster and its Diffs.
type htmlPassage struct {
	*Cluster
	Diffs []diff.Diff
}

// WriteHTML writes the report as one self-contained HTML page: styles inline,
// no script, nothing fetched. Every piece of article text is escaped by
// html/template; a copy's changes from its original are <del> and <ins>. The
// passages are drawn on every core and written as they come, a batch at a
// time.
func (r *Report) WriteHTML(w io.Writer) error {
	d := htmlData{Report: r, Headline: r.Headline(), Notes: r.Notes(), Passages: map[string][]int{}}
	for _, c := range r.Clusters {
		seen := map[string]bool{}
		for _, m := range c.Members {
			if !seen[m.Article] {
				seen[m.Article] = true
				d.Passages[m.Article] = append(d.Passages[m.Article], c.ID)
			}
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	if err := htmlPage.ExecuteTemplate(bw, "head", d); err != nil {
		return err
	}
	ew.sections(r, func(buf *bytes.Buffer, c *Cluster) error {
		return htmlPage.ExecuteTemplate(buf, "passage", htmlPassage{c, c.Diffs()})
	})
	if ew.err != nil {
		return ew.err
	}
	if err := htmlPage.ExecuteTemplate(bw, "tail", d); err != nil {
		return err
	}
	return bw.Flush()
}

// markedHTML is a copy's text with deletions and insertions marked up, every
// word escaped.
func markedHTML(d diff.Diff) template.HTML {
	esc := template.HTMLEscapeString
	return template.HTML(diff.Marks{
		Equal:  esc,
		Delete: func(s string) string { return "<del>" + esc(s) + "</del>" },
		Insert: func(s string) string { return "<ins>" + esc(s) + "</ins>" },
	}.Apply(d))
}

// anchor is an HTML id for an article: ids are free text, anchors are not.
// Letters, digits, '-' and '.' stay, '_' is doubled, and every other
// character is written as '_', its code point in hex and '_' ("a b" is
// article-a_20_b, "a_b" article-a__b), so that two ids never share an anchor.
func anchor(id string) string {
	var b strings.Builder
	b.WriteString("article-")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			b.WriteRune(r)
		case r == '_':
			b.WriteString("__")
		default:
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}
