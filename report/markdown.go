package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/diff"
	"github.com/reprint/reprint/internal/plural"
	"github.com/reprint/reprint/internal/printable"
)

// WriteMarkdown writes the report as a Markdown document: the headline and
// notes, the most recycled passages, the article table, a table per
// recycled passage, the partial reuse and the site furniture.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	w = bw
	ew := &errWriter{w: w}
	ew.printf("# reprint report\n\n%s\n", r.Headline())
	for _, n := range r.Notes() {
		ew.printf("\n%s\n", n)
	}
	if len(r.Clusters) > 1 {
		ew.printf("\n## Most recycled passages\n\n")
		for _, c := range r.Clusters[:min(overviewLines, len(r.Clusters))] {
			orig := c.Members[0]
			ew.printf("%d. [Passage %d](#passage-%d): %s, %s; original %s ¶%d%s: “%s”\n", c.ID, c.ID, c.ID,
				plural.Of(c.Spread, "article"), plural.Of(len(c.Members), "paragraph"), mdEscape(orig.Article), orig.Paragraph, archiveMark(orig.Archived), mdEscape(opening(orig.Text, 12)))
		}
	}
	ew.printf("\n## Articles\n\n")
	rows := make([][]string, len(r.Articles))
	for i, a := range r.Articles {
		rows[i] = []string{mdEscape(a.ID) + archiveMark(a.Archived), mdEscape(a.Title), mdEscape(a.Source), dateOr(a.Published, "undated"), fmt.Sprint(a.Paragraphs), fmt.Sprint(a.Reused),
			percent(a.ReusedShare()), fmt.Sprint(a.Originals), mdEscape(strings.Join(a.ReusedFrom, ", "))}
	}
	if ew.err == nil {
		markdownTable(bw, []string{"Article", "Title", "Source", "Date", "Paragraphs", "Reused", "Reused words", "Originals", "Reused from"}, rows)
	}
	ew.printf("\n## Recycled passages\n")
	ew.sections(r, func(buf *bytes.Buffer, c *Cluster) error {
		fmt.Fprintf(buf, "\n### Passage %d\n\n%s\n\n", c.ID, c.heading(mdEscape))
		diffs := c.Diffs()
		rows := make([][]string, len(c.Members))
		for i, m := range c.Members {
			text := mdEscape(m.Text)
			if m.Role != Original && !m.Verbatim {
				text = mdMarks.Apply(diffs[i])
			}
			rows[i] = []string{m.Role, mdEscape(m.Article) + archiveMark(m.Archived), dateOr(m.Published, "undated"), fmt.Sprint(m.Paragraph),
				mdEscape(m.CopyOfText()), m.Kind(), fmt.Sprintf("%.2f", m.Sim.Jaccard), fmt.Sprintf("%.2f", m.Sim.Containment), text}
		}
		markdownTable(buf, []string{"Role", "Article", "Date", "¶", "Copy of", "Match", "Jaccard", "Containment", "Text"}, rows)
		return nil
	})
	if len(r.Partial) > 0 {
		ew.printf("\n## Partial reuse\n\n")
		rows := make([][]string, len(r.Partial))
		for i, p := range r.Partial {
			rows[i] = []string{fmt.Sprintf("%s ¶%d%s", mdEscape(p.Source.Article), p.Source.Paragraph, archiveMark(p.Source.Archived)),
				fmt.Sprintf("%s ¶%d%s", mdEscape(p.Target.Article), p.Target.Paragraph, archiveMark(p.Target.Archived)),
				fmt.Sprint(p.Words), kind(p), mdEscape(strings.Join(p.Spans, " … "))}
		}
		if ew.err == nil {
			markdownTable(bw, []string{"From", "To", "Words", "Kind", "Shared words"}, rows)
		}
	}
	if len(r.Template) > 0 {
		ew.printf("\n## Site furniture\n\n")
		rows := make([][]string, len(r.Template))
		for i, l := range r.Template {
			rows[i] = []string{mdEscape(l.Source), fmt.Sprintf("%d of %d", l.Articles, l.Of), mdEscape(l.Text)}
		}
		if ew.err == nil {
			markdownTable(bw, []string{"Source", "Articles", "Line"}, rows)
		}
	}
	if ew.err == nil {
		ew.err = bw.Flush() // the tables' writes keep their first error for it
	}
	return ew.err
}

// mdMarks show a copy's changes: deleted words struck through, inserted in bold.
var mdMarks = diff.Marks{
	Equal:  mdEscape,
	Delete: func(s string) string { return "~~" + mdEscape(s) + "~~" },
	Insert: func(s string) string { return "**" + mdEscape(s) + "**" },
}

// mdEscape keeps untrusted text from being read as Markdown or HTML, and
// shows its control characters (a carriage return would end a table row)
// as escapes.
func mdEscape(s string) string { return mdReplacer.Replace(printable.Text(s)) }

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "#", `\#`, "~", `\~`, "\n", " ",
)

func dateOr(t time.Time, none string) string {
	if t.IsZero() {
		return none
	}
	return article.FormatDate(t)
}
