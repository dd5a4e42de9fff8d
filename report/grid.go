package report

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// A grid lays out the report's tables, one for every passage and thousands
// of them, each line of each cell measured once: the terminal's boxes
// (boxTable) and Markdown tables (markdownTable), in the layout tablewriter's
// Blueprint and Markdown renderers give them. tablewriter measures, pads and
// copies each line many times over: a passage's table takes it about 30
// times as long (BenchmarkBoxTable). TestGridAsTablewriter and FuzzGrid
// hold the grid to tablewriter's output.
//
// Widths are display widths (ansi.StringWidth: colour codes take none, wide
// characters two), the measure the text column is wrapped by.

// A textWriter is where a grid draws: a bytes.Buffer, or a bufio.Writer,
// which keeps its first error for Flush.
type textWriter interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// A box says how boxTable draws: the columns' least widths (0 or missing:
// none), which columns' rows are aligned right (headers are always left),
// and whether a rule separates the rows.
type box struct {
	widths   []int
	right    []bool
	rowRules bool
}

// boxTable draws a table of a header and rows of cells, whose lines are
// separated by "\n", in a box: each column as wide as its widest line, or
// its least width when that is wider, plus a space of padding each side.
func boxTable(w textWriter, header []string, rows [][]string, b box) {
	g := layout(header, rows, b.widths, false)
	rule := func(left, mid, right string) {
		w.WriteString(left)
		for i, width := range g.cols {
			if i > 0 {
				w.WriteString(mid)
			}
			for range width + 2 {
				w.WriteString("─")
			}
		}
		w.WriteString(right)
		w.WriteByte('\n')
	}
	row := func(cells [][]line, header bool) {
		height := 1
		for _, c := range cells {
			height = max(height, len(c))
		}
		for l := range height {
			for i, width := range g.cols {
				w.WriteString("│ ")
				var ln line
				if l < len(cells[i]) {
					ln = cells[i][l]
				}
				if !header && i < len(b.right) && b.right[i] {
					padLeft(w, ln, width)
				} else {
					pad(w, ln, width)
				}
				w.WriteByte(' ')
			}
			w.WriteString("│\n")
		}
	}
	rule("┌", "┬", "┐")
	row(g.rows[0], true)
	for i, cells := range g.rows[1:] {
		if i == 0 || b.rowRules {
			rule("├", "┼", "┤")
		}
		row(cells, false)
	}
	rule("└", "┴", "┘")
}

// markdownTable draws a Markdown table, every column left-aligned and as
// wide as its widest cell (at least one character); a cell's line breaks
// are spaces, as a Markdown row is one line.
func markdownTable(w textWriter, header []string, rows [][]string) {
	g := layout(header, rows, nil, true)
	for i := range g.cols {
		g.cols[i] = max(g.cols[i], 1)
	}
	row := func(cells [][]line) {
		for i, width := range g.cols {
			w.WriteString("| ")
			pad(w, cells[i][0], width)
			w.WriteByte(' ')
		}
		w.WriteString("|\n")
	}
	row(g.rows[0])
	for _, width := range g.cols {
		w.WriteString("|:")
		w.WriteString(strings.Repeat("-", width+1))
	}
	w.WriteString("|\n")
	for _, cells := range g.rows[1:] {
		row(cells)
	}
}

// A grid is a table's cells split into lines and measured, each line once.
type grid struct {
	rows [][][]line // the header, then the rows: each cell's lines
	cols []int      // each column's width
}

// A line is one line of a cell, without the spaces around it, and its
// display width.
type line struct {
	text  string
	width int
}

// layout splits the cells into lines (or, oneLine, makes each one line) and
// measures them: each column as wide as its widest line, and at least
// widths[i] where given. A row shorter than the header has empty cells at
// its end.
func layout(header []string, rows [][]string, widths []int, oneLine bool) grid {
	g := grid{rows: make([][][]line, 0, len(rows)+1), cols: make([]int, len(header))}
	copy(g.cols, widths)
	add := func(cells []string) {
		r := make([][]line, len(g.cols))
		for i := range g.cols {
			text := ""
			if i < len(cells) {
				text = cells[i]
			}
			if oneLine && strings.Contains(text, "\n") {
				text = strings.ReplaceAll(text, "\n", " ")
			}
			for t := range strings.SplitSeq(text, "\n") {
				t = strings.TrimSpace(t)
				w := displayWidth(t)
				r[i] = append(r[i], line{t, w})
				g.cols[i] = max(g.cols[i], w)
			}
		}
		g.rows = append(g.rows, r)
	}
	add(header)
	for _, cells := range rows {
		add(cells)
	}
	return g
}

// pad writes a line and the spaces after it that fill width columns;
// padLeft, the spaces first.
func pad(w textWriter, l line, width int) {
	w.WriteString(l.text)
	fill(w, width-l.width)
}

func padLeft(w textWriter, l line, width int) {
	fill(w, width-l.width)
	w.WriteString(l.text)
}

func fill(w textWriter, n int) {
	for ; n > 0; n -= len(spaces) {
		w.WriteString(spaces[:min(n, len(spaces))])
	}
}

const spaces = "                                                                "

// displayWidth is the display width of a line: its length, for printable ASCII
// (most of a report), or ansi.StringWidth.
func displayWidth(line string) int {
	for i := 0; i < len(line); i++ {
		if c := line[i]; c < ' ' || c >= 0x7f {
			return ansi.StringWidth(line)
		}
	}
	return len(line)
}
