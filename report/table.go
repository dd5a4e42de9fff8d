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

// minColumn is the narrowest a wrapped column gets: on a terminal too
// narrow for it, the table is wider than asked.
const minColumn = 10

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

// WriteTable writes the report for a terminal, every line as wide as the
// style's width at most (on a terminal of 30 columns or more): the headline
// and notes, the most recycled passages in a line each, the articles
// table, one table per recycled passage, the partial reuse and the site
// furniture.
func (r *Report) WriteTable(w io.Writer, st Style) error {
	p := newPalette(st.Color)
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	ew.printf("%s\n", p.head.Sprint(ansi.Wrap(r.Headline(), st.Width, "")))
	for _, n := range r.Notes() {
		ew.printf("%s\n", ansi.Wrap(n, st.Width, ""))
	}
	if len(r.Clusters) > 1 {
		ew.printf("\n%s\n", p.head.Sprint("Most recycled passages"))
		for _, line := range r.overview(overviewLines) {
			ew.printf("%s\n", ansi.Truncate(line, st.Width, "…"))
		}
	}
	ew.printf("\n%s\n", p.head.Sprint("Articles"))
	if ew.err == nil {
		r.articleTable(bw, st, p)
	}
	ew.sections(r, func(buf *bytes.Buffer, c *Cluster) error {
		fmt.Fprintf(buf, "\n%s\n", p.head.Sprint(ansi.Wrap(fmt.Sprintf("Passage %d: %s", c.ID, c.heading(printable.Line)), st.Width, "")))
		r.clusterTable(buf, c, c.Diffs(), st, p)
		return nil
	})
	if len(r.Partial) > 0 {
		ew.printf("\n%s\n", p.head.Sprint(ansi.Wrap("Partial reuse: shared runs of words in paragraphs that are not copies", st.Width, "")))
		if ew.err == nil {
			r.partialTable(bw, st, p)
		}
	}
	if len(r.Template) > 0 {
		ew.printf("\n%s\n", p.head.Sprint(ansi.Wrap("Site furniture: lines in nearly every article of their source", st.Width, "")))
		if ew.err == nil {
			r.templateTable(bw, st)
		}
	}
	if ew.err == nil {
		ew.err = bw.Flush() // the tables' writes keep their first error for it
	}
	return ew.err
}

// overviewLines is how many passages the overview at the top of a report
// lists.
const overviewLines = 10

// overview is a line for each of the first n passages: how far it spread,
// its original and its opening words.
func (r *Report) overview(n int) []string {
	lines := make([]string, 0, min(n, len(r.Clusters)))
	for _, c := range r.Clusters[:min(n, len(r.Clusters))] {
		orig := c.Members[0]
		lines = append(lines, fmt.Sprintf("%3d. %s, %s: %s ¶%d%s “%s”", c.ID, plural.Of(c.Spread, "article"), plural.Of(len(c.Members), "paragraph"),
			printable.Line(orig.Article), orig.Paragraph, archiveMark(orig.Archived), printable.Line(opening(orig.Text, 12))))
	}
	return lines
}

// opening is the first n words of text, and "…" when there are more.
func opening(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + " …"
}

// heading is what a passage's heading says after its number: "4
// paragraphs in 3 articles, original a.txt ¶2 (by date)", the original's id
// as safe as name makes it.
func (c *Cluster) heading(name func(id string) string) string {
	orig := c.Members[0]
	return fmt.Sprintf("%s in %s, original %s ¶%d%s (by %s)", plural.Of(len(c.Members), "paragraph"), plural.Of(c.Spread, "article"),
		name(orig.Article), orig.Paragraph, archiveMark(orig.Archived), c.by())
}

func (r *Report) clusterTable(w textWriter, c *Cluster, diffs []diff.Diff, st Style, p palette) {
	rows := make([][]string, len(c.Members))
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
		}
		rows[i] = []string{meta, text}
	}
	twoColumns(w, "Copy", "Text", rows, st.Width)
}

// twoColumns renders particulars beside a text, a rule between rows
// (boxTable), the whole as wide as width: the particulars as wide as their
// widest line, up to two fifths of the width, the text the rest. Lines too
// long for their column are wrapped, in time linear in their length and
// aware of colour codes (charmbracelet/x/ansi).
func twoColumns(w textWriter, left, right string, rows [][]string, width int) {
	inner := width - 7 // two columns' borders and padding
	meta := displayWidth(left)
	for _, row := range rows {
		for l := range strings.SplitSeq(row[0], "\n") {
			meta = max(meta, displayWidth(l))
		}
	}
	meta = min(meta, max(minColumn, inner*2/5))
	text := max(minColumn, inner-meta)
	for _, row := range rows {
		row[0] = ansi.Wrap(row[0], meta, "")
		row[1] = ansi.Wrap(strings.ReplaceAll(row[1], "\n", " "), text, "")
	}
	boxTable(w, []string{left, right}, rows, box{widths: []int{0, text}, rowRules: true})
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
	for i, pr := range r.Partial {
		from := fmt.Sprintf("%s ¶%d%s", printable.Line(pr.Source.Article), pr.Source.Paragraph, archiveMark(pr.Source.Archived))
		to := fmt.Sprintf("→ %s ¶%d%s", printable.Line(pr.Target.Article), pr.Target.Paragraph, archiveMark(pr.Target.Archived))
		words := plural.Of(pr.Words, "word")
		if pr.Formula {
			words += ", formula"
		}
		rows[i] = []string{from + "\n" + to + "\n" + p.reused.Sprint(words), printable.Text(strings.Join(pr.Spans, " … "))}
	}
	twoColumns(w, "From → to", "Shared words", rows, st.Width)
}

func (r *Report) templateTable(w textWriter, st Style) {
	rows := make([][]string, len(r.Template))
	for i, l := range r.Template {
		rows[i] = []string{fmt.Sprintf("%s\nin %d of %d articles", printable.Line(l.Source), l.Articles, l.Of), printable.Text(l.Text)}
	}
	twoColumns(w, "Source", "Line", rows, st.Width)
}

// articleTable lists the articles, each with its title and source, as
// wide as the style's width: the article and reused-from columns take what
// the figures leave; on a terminal too narrow for the ids whole in both,
// the ids an article reused from are lines of its cell; narrower still,
// each article is a block of lines.
func (r *Report) articleTable(w textWriter, st Style, p palette) {
	header := []string{"Article", "Date", "Reused ¶", "Share", "Originals", "Reused from"}
	rows := make([][]string, len(r.Articles))
	for i := range r.Articles {
		a := &r.Articles[i]
		name := printable.Line(a.ID) + archiveMark(a.Archived)
		if about := a.about(); about != "" {
			name += "\n" + p.dim.Sprint(about)
		}
		share := ""
		if a.ReusedWords+a.PartWords > 0 {
			share = p.reused.Sprint(percent(a.ReusedShare()))
		}
		from := make([]string, len(a.ReusedFrom))
		for k, id := range a.ReusedFrom {
			from[k] = printable.Line(id)
		}
		rows[i] = []string{name, dateOr(a.Published, "undated"), fmt.Sprintf("%d of %d", a.Reused, a.Paragraphs), share, count(a.Originals), strings.Join(from, "\n")}
	}
	widths := make([]int, len(header)) // as wide as their widest line
	for c := range header {
		widths[c] = displayWidth(header[c])
		for _, row := range rows {
			for l := range strings.SplitSeq(row[c], "\n") {
				widths[c] = max(widths[c], displayWidth(l))
			}
		}
	}
	ids := displayWidth(header[0]) // the widest id, the first line of its cell
	for _, row := range rows {
		first, _, _ := strings.Cut(row[0], "\n")
		ids = max(ids, displayWidth(first))
	}
	// What borders, padding and the figures leave for the columns that
	// wrap (the headers do not): the article's and, when the ids fit whole
	// in both, the reused-from column's; else the ids it reused from are
	// lines of the article's cell.
	figures := widths[1] + widths[2] + widths[3] + widths[4]
	free := st.Width - (len(header)*3 + 1) - figures
	if ids+widths[5] > free {
		free = st.Width - ((len(header)-1)*3 + 1) - figures
		if free < minColumn*2 {
			r.articleBlocks(w, rows, st.Width)
			return
		}
		for _, row := range rows {
			row[0] = ansi.Wrap(row[0], free, "")
			if row[5] != "" {
				for _, l := range pack("from", strings.Split(row[5], "\n"), free) {
					row[0] += "\n" + p.dim.Sprint(l)
				}
			}
		}
		boxTable(w, header[:5], rows, box{right: []bool{2: true, 3: true, 4: true}, rowRules: true})
		return
	}
	for _, row := range rows {
		row[0] = ansi.Wrap(row[0], free-widths[5], "")
	}
	boxTable(w, header, rows, box{right: []bool{2: true, 3: true, 4: true}, rowRules: true})
}

// articleBlocks writes the articles table's rows as blocks of lines, each
// wrapped to width.
func (r *Report) articleBlocks(w textWriter, rows [][]string, width int) {
	for _, row := range rows {
		w.WriteString("\n")
		w.WriteString(ansi.Wrap(row[0], width, ""))
		facts := fmt.Sprintf("%s; reused %s paragraphs", row[1], row[2])
		if row[3] != "" {
			facts += ", " + row[3] + " of its words"
		}
		if row[4] != "-" {
			facts += "; originals " + row[4]
		}
		w.WriteString("\n" + ansi.Wrap(facts, width, ""))
		if row[5] != "" {
			w.WriteString("\n" + strings.Join(pack("from", strings.Split(row[5], "\n"), width), "\n"))
		}
		w.WriteString("\n")
	}
}

// pack lays out a list of ids after a word, separated by commas, in lines
// of at most width columns: each id whole, but for one wider than a line,
// which is broken where it must be.
func pack(word string, ids []string, width int) []string {
	var lines []string
	line := word
	for i, id := range ids {
		if i < len(ids)-1 {
			id += ","
		}
		if displayWidth(line)+1+displayWidth(id) <= width {
			line += " " + id
			continue
		}
		lines = append(lines, line)
		wrapped := strings.Split(ansi.Hardwrap(id, width, false), "\n")
		lines = append(lines, wrapped[:len(wrapped)-1]...)
		line = wrapped[len(wrapped)-1]
	}
	return append(lines, line)
}

// about is an article's title and source, as a line: "Title · Source".
func (a *Article) about() string {
	parts := make([]string, 0, 2)
	for _, s := range []string{a.Title, a.Source} {
		if s = strings.TrimSpace(printable.Line(s)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
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
