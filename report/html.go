package report

import (
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

// htmlData is what the page template reads.
type htmlData struct {
	*Report
	Headline string
	Notes    []string
	Passages map[string][]int // article id -> the passages it is in
	Diffs    [][]diff.Diff    // each cluster's Diffs
}

// WriteHTML writes the report as one self-contained HTML page: styles inline,
// no script, nothing fetched. Every piece of article text is escaped by
// html/template; a copy's changes from its original are <del> and <ins>.
func (r *Report) WriteHTML(w io.Writer) error {
	d := htmlData{Report: r, Headline: r.Headline(), Notes: r.Notes(), Passages: map[string][]int{}}
	_ = eachCluster(r, (*Cluster).Diffs, func(_ int, _ *Cluster, diffs []diff.Diff) error { // never fails
		d.Diffs = append(d.Diffs, diffs)
		return nil
	})
	for _, c := range r.Clusters {
		seen := map[string]bool{}
		for _, m := range c.Members {
			if !seen[m.Article] {
				seen[m.Article] = true
				d.Passages[m.Article] = append(d.Passages[m.Article], c.ID)
			}
		}
	}
	return htmlPage.Execute(w, d)
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
