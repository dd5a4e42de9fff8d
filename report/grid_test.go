package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/reprint/reprint/internal/fixture"
)

// tablewriterBox is boxTable as tablewriter draws it: the reference.
func tablewriterBox(t testing.TB, header []string, rows [][]string, b box) string {
	var buf bytes.Buffer
	m := tw.NewMapper[int, int]()
	for i, w := range b.widths {
		if w > 0 {
			m.Set(i, w+2)
		}
	}
	align := make([]tw.Align, len(header))
	for i := range align {
		align[i] = tw.AlignLeft
		if i < len(b.right) && b.right[i] {
			align[i] = tw.AlignRight
		}
	}
	between := tw.Off
	if b.rowRules {
		between = tw.On
	}
	tbl := tablewriter.NewTable(&buf,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{Settings: tw.Settings{Separators: tw.Separators{BetweenRows: between}}})),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: align}),
		tablewriter.WithColumnWidths(m),
	)
	render(t, tbl, header, rows)
	return buf.String()
}

// tablewriterMarkdown is markdownTable as tablewriter draws it.
func tablewriterMarkdown(t testing.TB, header []string, rows [][]string) string {
	var buf bytes.Buffer
	tbl := tablewriter.NewTable(&buf, tablewriter.WithRenderer(renderer.NewMarkdown()),
		tablewriter.WithHeaderAutoFormat(tw.Off), tablewriter.WithHeaderAlignment(tw.AlignLeft), tablewriter.WithRowAlignment(tw.AlignLeft))
	render(t, tbl, header, rows)
	return buf.String()
}

func render(t testing.TB, tbl *tablewriter.Table, header []string, rows [][]string) {
	t.Helper()
	h := make([]any, len(header))
	for i, x := range header {
		h[i] = x
	}
	tbl.Header(h...)
	if err := tbl.Bulk(rows); err != nil {
		t.Fatal(err)
	}
	if err := tbl.Render(); err != nil {
		t.Fatal(err)
	}
}

var gridTests = []struct {
	name   string
	header []string
	rows   [][]string
	box    box
}{
	{"passage", []string{"Copy", "Text"}, [][]string{
		{"original\na.txt ¶2\n2017-05-29", "Since Friday, the Egyptian\nAir Force has"},
		{"edited, Jaccard 0.87\nb.txt ¶10\nundated\ncopy of ¶2 of a.txt", "[-Since Friday,-] {+In May,+} the\nEgyptian Air Force"},
	}, box{widths: []int{0, 40}, rowRules: true}},
	{"empty cells", []string{"From → to", "Shared words"}, [][]string{{"", ""}, {"a ¶1\n→ b ¶2", ""}}, box{widths: []int{0, 30}, rowRules: true}},
	{"wide and coloured", []string{"Copy", "Text"}, [][]string{{"\x1b[33medited\x1b[0m\n東京 ¶1", "\x1b[31m東京\x1b[0m café"}}, box{widths: []int{0, 12}, rowRules: true}},
	{"no rules, aligned right", []string{"Article", "Paras", "Reused words", "Reused from"}, [][]string{
		{"a.txt", "15", "", ""}, {"b.txt", "3", "\x1b[33m36% (207/580)\x1b[0m", "a.txt\nc.txt"}, {"c.txt", "117", "5% (1/20)", "a.txt"},
	}, box{right: []bool{1: true, 2: true}}},
}

func TestGridAsTablewriter(t *testing.T) {
	for _, tt := range gridTests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			boxTable(&out, tt.header, tt.rows, tt.box)
			if want := tablewriterBox(t, tt.header, tt.rows, tt.box); out.String() != want {
				t.Errorf("box:\n%s\ntablewriter:\n%s", out.String(), want)
			}
			var md bytes.Buffer
			flat := make([][]string, len(tt.rows))
			for i, r := range tt.rows {
				flat[i] = make([]string, len(r))
				for j, c := range r {
					flat[i][j] = strings.ReplaceAll(c, "\n", " ")
				}
			}
			markdownTable(&md, tt.header, flat)
			if want := tablewriterMarkdown(t, tt.header, flat); md.String() != want {
				t.Errorf("markdown:\n%s\ntablewriter:\n%s", md.String(), want)
			}
		})
	}
}

// TestMarkdownCellsOneLine: a line break in a Markdown cell is a space, and
// the row stays one row.
func TestMarkdownCellsOneLine(t *testing.T) {
	var out bytes.Buffer
	markdownTable(&out, []string{"A", "B"}, [][]string{{"one\ntwo", "x"}})
	want := "| A       | B |\n|:--------|:--|\n| one two | x |\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestGridNeverCuts: a line wider than its column's width is drawn whole and
// the column grows to it, where tablewriter would cut the line.
func TestGridNeverCuts(t *testing.T) {
	var out bytes.Buffer
	boxTable(&out, []string{"Copy", "Text"}, [][]string{{"x", "a line longer than ten"}}, box{widths: []int{0, 10}})
	want := "│ x    │ a line longer than ten │\n"
	if !strings.Contains(out.String(), want) {
		t.Errorf("box:\n%s\nwant a line %q", out.String(), want)
	}
}

// FuzzGrid holds the grid to tablewriter's layout for any printable cells
// whose display width the two measure alike.
func FuzzGrid(f *testing.F) {
	f.Add("Copy", "original\na ¶1", "Since Friday, the", 20, true, false)
	f.Add("From → to", "", "東京 café", 9, false, true)
	f.Fuzz(func(t *testing.T, head, left, right string, width int, rules, right1 bool) {
		width = min(max(width, 0), 200)
		if strings.Contains(head, "\n") || hasBlankLine(left) || hasBlankLine(right) {
			t.Skip("a report's headers are one line, and its cells have no blank lines (which tablewriter keeps or drops by rules of its own)")
		}
		for _, s := range []string{head, left, right} {
			for line := range strings.SplitSeq(s, "\n") {
				if line != ansi.Strip(line) || strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f || r == '\uFFFD' }) ||
					ansi.StringWidth(line) != twwidth.WidthNoCache(line) || strings.TrimSpace(line) != line {
					t.Skip("not a line a report draws, or measured unlike tablewriter")
				}
			}
		}
		header, rows := []string{head, "Text"}, [][]string{{left, right}, {right, left}}
		b := box{widths: []int{0, width}, right: []bool{false, right1}, rowRules: rules}
		for line := range strings.SplitSeq(left+"\n"+right+"\nText", "\n") {
			if ansi.StringWidth(line) > width {
				t.Skip("tablewriter cuts a line wider than its column (TestGridNeverCuts)")
			}
		}
		var out bytes.Buffer
		boxTable(&out, header, rows, b)
		if want := tablewriterBox(t, header, rows, b); out.String() != want {
			t.Fatalf("box:\n%s\ntablewriter:\n%s", out.String(), want)
		}
		if strings.Contains(head+left+right, "\n") {
			return
		}
		var md bytes.Buffer
		markdownTable(&md, header, rows)
		if want := tablewriterMarkdown(t, header, rows); md.String() != want {
			t.Fatalf("markdown:\n%s\ntablewriter:\n%s", md.String(), want)
		}
	})
}

// hasBlankLine reports whether a cell of several lines has a blank one.
func hasBlankLine(cell string) bool {
	if !strings.Contains(cell, "\n") {
		return false
	}
	for line := range strings.SplitSeq(cell, "\n") {
		if strings.TrimSpace(line) == "" {
			return true
		}
	}
	return false
}

// BenchmarkBoxTable draws one passage's table, an original and 19 copies of
// 120 words wrapped to 58 columns, with the grid and with tablewriter.
func BenchmarkBoxTable(b *testing.B) {
	texts := fixture.Paragraphs(1, 20, 120)
	rows := make([][]string, len(texts))
	for i, t := range texts {
		rows[i] = []string{fmt.Sprintf("edited, Jaccard 0.87\ncopy-%05d ¶%d\n2017-10-30\ncopy of ¶2 of orig-00001", i, i+1), ansi.Wrap(t, 58, "")}
	}
	header, bx := []string{"Copy", "Text"}, box{widths: []int{0, 58}, rowRules: true}
	b.Run("grid", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			boxTable(&buf, header, rows, bx)
		}
	})
	b.Run("tablewriter", func(b *testing.B) {
		for b.Loop() {
			tablewriterBox(b, header, rows, bx)
		}
	})
}
