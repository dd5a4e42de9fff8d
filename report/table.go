package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/reprint/reprint/internal/plural"
	"github.com/reprint/reprint/internal/printable"

	"github.com/fatih/color"

	"github.com/reprint/reprint/diff"
)

// Style says how the terminal table looks.
type Style struct {
	Width int  // columns to fit; text is wrapped to it
	Color bool // ANSI colour (only for a terminal)
}

// minTextWidth keeps the text column readable on a very narrow terminal.
const minTextWidth = 24

// palette colours a report; every colour is off unless the style asks.
type palette struct {
	head, original, reused, verbatim, dim *color.Color
	del, ins                              *color.Color
	on                                    bool
}

func newPalette(on bool) palette {
	p := palette{
		head:     color.New(color.Bold),
		original: color.New(color.FgGreen, color.Bold),
		reused:   color.New(color.FgYellow),
		verbatim: color.New(color.FgCyan),
		dim:      color.New(color.Faint),
		del:      color.New(color.FgRed, color.CrossedOut),
		ins:      color.New(color.FgGreen, color.Bold),
		on:       on,
	}
	for _, c := range []*color.Color{p.head, p.original, p.reused, p.verbatim, p.dim, p.del, p.ins} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

// WriteTable writes the report for a terminal: the headline and notes, one
// table per recycled passage, and the article table.
func (r *Report) WriteTable(w io.Writer, st Style) error {
	p := newPalette(st.Color)
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	ew.printf("%s\n", p.head.Sprint(r.Headline()))
	for _, n := range r.Notes() {
		ew.printf("%s\n", n)
	}
	ew.sections(r, func(buf *bytes.Buffer, c *Cluster) error {
		orig := c.Members[0]
		fmt.Fprintf(buf, "\n%s\n", p.head.Sprintf("Passage %d: %s, original %s ¶%d (by %s)",
			c.ID, plural.Of(len(c.Members), "paragraph"), printable.Line(orig.Article), orig.Paragraph, c.by()))
		r.clusterTable(buf, c, c.Diffs(), st, p)
		return nil
	})
	if len(r.Partial) > 0 {
		ew.printf("\n%s\n", p.head.Sprint("Partial reuse: shared runs of words in paragraphs that are not copies"))
		if ew.err == nil {
			r.partialTable(bw, st, p)
		}
	}
	if len(r.Template) > 0 {
		ew.printf("\n%s\n", p.head.Sprint("Site furniture: lines in nearly every article of their source"))
		if ew.err == nil {
			r.templateTable(bw, st)
		}
	}
	ew.printf("\n%s\n", p.head.Sprint("Articles"))
	if ew.err == nil {
		r.articleTable(bw, p)
		ew.err = bw.Flush() // the tables' writes keep their first error for it
	}
	return ew.err
}

func (r *Report) clusterTable(w textWriter, c *Cluster, diffs []diff.Diff, st Style, p palette) {
	rows := make([][]string, len(c.Members))
	metaWidth := 0
	for i, m := range c.Members {
		match := m.Match()
		switch {
		case m.Role == Original:
			match = p.original.Sprint(match)
		case m.Verbatim:
			match = p.verbatim.Sprint(match)
		default:
			match = p.reused.Sprint(match)
		}
		where := fmt.Sprintf("%s ¶%d%s", printable.Line(m.Article), m.Paragraph, archiveMark(m.Archived))
		date := dateOr(m.Published, "undated")
		metaWidth = max(metaWidth, len([]rune(where)), len([]rune(m.Match())))
		text := printable.Text(m.Text)
		switch {
		case m.Role != Original && m.Verbatim:
			text = p.dim.Sprint("(the same words as the original)")
		case m.Role != Original:
			text = p.marked(diffs[i])
		}
		meta := match + "\n" + where + "\n" + date
		if of := printable.Line(m.CopyOfText()); of != "" {
			meta += "\n" + of
			metaWidth = max(metaWidth, len([]rune(of)))
		}
		rows[i] = []string{meta, text}
	}
	twoColumns(w, "Copy", "Text", rows, max(minTextWidth, st.Width-metaWidth-7))
}

// twoColumns renders particulars beside a text column wrapped to textWidth,
// a rule between rows (boxTable). The text is wrapped here, in time linear
// in its length and aware of colour codes (charmbracelet/x/ansi).
func twoColumns(w textWriter, left, right string, rows [][]string, textWidth int) {
	for _, row := range rows {
		row[1] = ansi.Wrap(strings.ReplaceAll(row[1], "\n", " "), textWidth-2, "") // the column's width holds a space of padding each side
	}
	boxTable(w, []string{left, right}, rows, box{widths: []int{0, textWidth - 2}, rowRules: true})
}

// marked is a copy's text with its changes from the original: coloured on a
// terminal, in word-diff brackets without colour; printable either way.
func (p palette) marked(d diff.Diff) string {
	if !p.on {
		return printable.Text(diff.Brackets.Apply(d))
	}
	return diff.Marks{Equal: printable.Text, Delete: sprint(p.del), Insert: sprint(p.ins)}.Apply(d)
}

// sprint colours printable text.
func sprint(c *color.Color) func(string) string {
	return func(s string) string { return c.Sprint(printable.Text(s)) }
}

func (r *Report) partialTable(w textWriter, st Style, p palette) {
	rows := make([][]string, len(r.Partial))
	metaWidth := 0
	for i, pr := range r.Partial {
		from := fmt.Sprintf("%s ¶%d%s", printable.Line(pr.Source.Article), pr.Source.Paragraph, archiveMark(pr.Source.Archived))
		to := fmt.Sprintf("→ %s ¶%d%s", printable.Line(pr.Target.Article), pr.Target.Paragraph, archiveMark(pr.Target.Archived))
		words := plural.Of(pr.Words, "word")
		if pr.Formula {
			words += ", formula"
		}
		metaWidth = max(metaWidth, len([]rune(from)), len([]rune(to)))
		rows[i] = []string{from + "\n" + to + "\n" + p.reused.Sprint(words), printable.Text(strings.Join(pr.Spans, " … "))}
	}
	twoColumns(w, "From → to", "Shared words", rows, max(minTextWidth, st.Width-metaWidth-7))
}

func (r *Report) templateTable(w textWriter, st Style) {
	rows := make([][]string, len(r.Template))
	metaWidth := 0
	for i, l := range r.Template {
		source := printable.Line(l.Source)
		meta := fmt.Sprintf("%s\nin %d of %d articles", source, l.Articles, l.Of)
		metaWidth = max(metaWidth, len([]rune(source)), len(fmt.Sprintf("in %d of %d articles", l.Articles, l.Of)))
		rows[i] = []string{meta, printable.Text(l.Text)}
	}
	twoColumns(w, "Source", "Line", rows, max(minTextWidth, st.Width-metaWidth-7))
}

// articleTable is sized by its content: ids do not wrap, and truncated
// headers read worse than a wide table.
func (r *Report) articleTable(w textWriter, p palette) {
	header := []string{"Article", "Date", "Paras", "Reused", "Reused words", "Originals", "Reused from"}
	rows := make([][]string, len(r.Articles))
	for i, a := range r.Articles {
		date := dateOr(a.Published, "undated")
		share := ""
		if n := a.ReusedWords + a.PartWords; n > 0 {
			share = p.reused.Sprintf("%s (%d/%d)", percent(a.ReusedShare()), n, a.Words)
		}
		from := make([]string, len(a.ReusedFrom))
		for k, id := range a.ReusedFrom {
			from[k] = printable.Line(id)
		}
		rows[i] = []string{printable.Line(a.ID), date, fmt.Sprint(a.Paragraphs), count(a.Reused), share, count(a.Originals), strings.Join(from, "\n")}
	}
	boxTable(w, header, rows, box{right: []bool{2: true, 3: true, 4: true, 5: true}})
}

func count(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

// errWriter keeps the first write error so a run of prints checks it once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// sections writes each cluster's section of a report, in order, each
// rendered by section into a buffer of its own on every core (eachCluster),
// keeping the first error.
func (e *errWriter) sections(r *Report, section func(buf *bytes.Buffer, c *Cluster) error) {
	_ = eachCluster(r, func(c *Cluster) encoded {
		var buf bytes.Buffer
		err := section(&buf, c)
		return encoded{buf.Bytes(), err}
	}, func(_ int, _ *Cluster, s encoded) error {
		if e.err == nil {
			e.err = s.err
		}
		if e.err == nil {
			_, e.err = e.w.Write(s.b)
		}
		return e.err
	})
}
