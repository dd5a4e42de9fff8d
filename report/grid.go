package report

import (
	"bytes"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// A grid lays out the report's tables, one for every passage and thousands
// of them, each line of each cell measured once: the terminal's boxes
// (boxTable) and Markdown tables (markdownTable), in the layout tablewriter's
// Blueprint and Markdown renderers give them. tablewriter measures, pads and
// copies each line many times over, which made a table report seven times
// slower to write than the JSON (BenchmarkWrite). TestGridAsTablewriter and
// FuzzGrid hold the grid to tablewriter's output.
//
// Widths are display widths (ansi.StringWidth: colour codes take none, wide
// characters two), the measure the text column is wrapped by.

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
func boxTable(buf *bytes.Buffer, header []string, rows [][]string, b box) {
	g := layout(header, rows, b.widths, false)
	rule := func(left, mid, right string) {
		buf.WriteString(left)
		for i, w := range g.cols {
			if i > 0 {
				buf.WriteString(mid)
			}
			for range w + 2 {
				buf.WriteString("─")
			}
		}
		buf.WriteString(right)
		buf.WriteByte('\n')
	}
	start := make([]int, len(g.cols)+1) // a row's cells[start[i]:start[i+1]] are column i's lines
	row := func(cells []line, header bool) {
		height := 1
		for i := range g.cols {
			start[i+1] = start[i]
			for start[i+1] < len(cells) && cells[start[i+1]].col == i {
				start[i+1]++
			}
			height = max(height, start[i+1]-start[i])
		}
		for l := range height {
			for i, w := range g.cols {
				buf.WriteString("│ ")
				var ln line
				if k := start[i] + l; k < start[i+1] {
					ln = cells[k]
				}
				if !header && i < len(b.right) && b.right[i] {
					padLeft(buf, ln, w)
				} else {
					pad(buf, ln, w)
				}
				buf.WriteByte(' ')
			}
			buf.WriteString("│\n")
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
func markdownTable(buf *bytes.Buffer, header []string, rows [][]string) {
	g := layout(header, rows, nil, true)
	for i := range g.cols {
		g.cols[i] = max(g.cols[i], 1)
	}
	row := func(cells []line) {
		for i, w := range g.cols {
			buf.WriteString("| ")
			pad(buf, cells[i], w)
			buf.WriteByte(' ')
		}
		buf.WriteString("|\n")
	}
	row(g.rows[0])
	for _, w := range g.cols {
		buf.WriteString("|:")
		buf.WriteString(strings.Repeat("-", w+1))
	}
	buf.WriteString("|\n")
	for _, cells := range g.rows[1:] {
		row(cells)
	}
}

// A grid is a table's cells split into lines and measured, each line once.
type grid struct {
	rows [][]line // the header, then the rows: each cell's lines, column by column
	cols []int    // each column's width
}

// A line is one line of a cell, without the spaces around it, and its
// display width.
type line struct {
	text       string
	col, width int
}

// layout splits the cells into lines (or, oneLine, makes each one line) and
// measures them: each column as wide as its widest line, and at least
// widths[i] where given. A row shorter than the header has empty cells at
// its end.
func layout(header []string, rows [][]string, widths []int, oneLine bool) grid {
	g := grid{rows: make([][]line, 0, len(rows)+1), cols: make([]int, len(header))}
	copy(g.cols, widths)
	add := func(cells []string) {
		var ls []line
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
				ls = append(ls, line{t, i, w})
				g.cols[i] = max(g.cols[i], w)
			}
		}
		g.rows = append(g.rows, ls)
	}
	add(header)
	for _, cells := range rows {
		add(cells)
	}
	return g
}

// pad writes a line and the spaces after it that fill width columns;
// padLeft, the spaces first.
func pad(buf *bytes.Buffer, l line, width int) {
	buf.WriteString(l.text)
	fill(buf, width-l.width)
}

func padLeft(buf *bytes.Buffer, l line, width int) {
	fill(buf, width-l.width)
	buf.WriteString(l.text)
}

func fill(buf *bytes.Buffer, n int) {
	for ; n > 0; n -= len(spaces) {
		buf.WriteString(spaces[:min(n, len(spaces))])
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
