package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/diff"
	"github.com/reprint/reprint/internal/printable"
)

// CSVTables are the tables WriteCSVTable writes, the default first.
var CSVTables = []string{"members", "articles", "partial"}

// WriteCSVTable writes one of CSVTables: the passages' members (WriteCSV),
// the articles table, or the partial reuse.
func (r *Report) WriteCSVTable(w io.Writer, table string) error {
	switch table {
	case "articles":
		return writeCSVRows(w, ArticlesCSVHeader, len(r.Articles), func(i int) []string {
			a := &r.Articles[i]
			return []string{
				printable.Cell(a.ID), printable.Cell(a.Title), printable.Cell(a.Source), printable.Cell(a.URL), article.FormatDate(a.Published),
				strconv.Itoa(a.Paragraphs), strconv.Itoa(a.Words), strconv.Itoa(a.Originals), strconv.Itoa(a.Reused),
				strconv.Itoa(a.ReusedWords), strconv.Itoa(a.PartWords), strconv.FormatFloat(a.ReusedShare(), 'f', 4, 64),
				printable.Cell(strings.Join(a.ReusedFrom, " ")), strconv.FormatBool(a.Archived),
			}
		})
	case "partial":
		return writeCSVRows(w, PartialCSVHeader, len(r.Partial), func(i int) []string {
			p := &r.Partial[i]
			return []string{
				printable.Cell(p.Source.Article), article.FormatDate(p.Source.Published), strconv.Itoa(p.Source.Paragraph), strconv.FormatBool(p.Source.Archived),
				printable.Cell(p.Target.Article), article.FormatDate(p.Target.Published), strconv.Itoa(p.Target.Paragraph), strconv.FormatBool(p.Target.Archived),
				strconv.Itoa(p.Words), strconv.FormatBool(p.Formula), printable.Cell(strings.Join(p.Spans, " … ")),
			}
		})
	}
	return r.WriteCSV(w)
}

// ArticlesCSVHeader names the columns of the articles table in CSV: the
// JSON report's article fields; reused_from is ids separated by spaces.
var ArticlesCSVHeader = []string{"article", "title", "source", "url", "published", "paragraphs", "words", "original_paragraphs", "reused_paragraphs", "reused_words", "partial_words", "reused_share", "reused_from", "archived"}

// PartialCSVHeader names the columns of the partial reuse in CSV; spans
// are the shared runs, separated by " … ".
var PartialCSVHeader = []string{"source_article", "source_published", "source_paragraph", "source_archived", "target_article", "target_published", "target_paragraph", "target_archived", "words", "formula", "spans"}

// writeCSVRows writes a header and n rows.
func writeCSVRows(w io.Writer, header []string, n int, row func(i int) []string) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	for i := range n {
		if err := cw.Write(row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVHeader names the columns of WriteCSV: one row per cluster member.
var CSVHeader = []string{"cluster", "original_by", "role", "copy_of", "article", "published", "paragraph", "verbatim", "jaccard", "containment", "words", "text", "changes", "archived", "title", "source"}

// WriteCSV writes one row per member of every cluster, originals first. The
// changes column is an edited copy with its changes from the original in
// word-diff brackets ("[-deleted-] {+inserted+}"), empty for the others;
// archived says the member's article was read from an archive index
// (reprint check); title and source are its article's.
// The other tables are WriteCSVTable's. Cells from input are made safe for a
// spreadsheet (printable.Cell): control characters escaped, and a leading
// apostrophe on anything a spreadsheet would run as a formula.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	err := eachCluster(r, (*Cluster).Diffs, func(_ int, c *Cluster, diffs []diff.Diff) error {
		for j, m := range c.Members {
			row := []string{
				strconv.Itoa(c.ID), c.OriginalBy, m.Role, printable.Cell(copyOf(m)), printable.Cell(m.Article), article.FormatDate(m.Published),
				strconv.Itoa(m.Paragraph), strconv.FormatBool(m.Verbatim),
				strconv.FormatFloat(m.Sim.Jaccard, 'f', 4, 64), strconv.FormatFloat(m.Sim.Containment, 'f', 4, 64),
				strconv.Itoa(m.Words), printable.Cell(m.Text), "", strconv.FormatBool(m.Archived),
				printable.Cell(m.Title), printable.Cell(m.Source),
			}
			if !diffs[j].Same() {
				row[12] = printable.Cell(diff.Brackets.Apply(diffs[j]))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// copyOf is the member a copy was verified against, as "article ¶N"; "" for
// the original.
func copyOf(m Member) string {
	if m.CopyOf == nil {
		return ""
	}
	return fmt.Sprintf("%s ¶%d%s", m.CopyOf.Article, m.CopyOf.Paragraph, archiveMark(m.CopyOf.Archived))
}
