package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/diff"
	"github.com/reprint/reprint/internal/printable"
)

// CSVHeader names the columns of WriteCSV: one row per cluster member.
var CSVHeader = []string{"cluster", "original_by", "role", "copy_of", "article", "published", "paragraph", "verbatim", "jaccard", "containment", "words", "text", "changes", "archived"}

// WriteCSV writes one row per member of every cluster, originals first. The
// changes column is an edited copy with its changes from the original in
// word-diff brackets ("[-deleted-] {+inserted+}"), empty for the others;
// archived says the member's article was read from an archive index
// (reprint check).
// The article table is in the JSON. Cells from input are made safe for a
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
