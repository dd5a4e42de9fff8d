package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// longCell is a row whose text is n words long.
func longCell(n int) [][]string {
	words := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	return [][]string{{"original\na ¶1", strings.Join(words, " ")}}
}

// TestLongCellWraps: a long text, a word longer than the column among
// them, is wrapped to the column, every line of the table as wide as the
// others, and nothing of it lost.
func TestLongCellWraps(t *testing.T) {
	rows := longCell(2000)
	long := strings.Repeat("x", 150)
	rows[0][1] += " " + long + " \x1b[31mred\x1b[0m end"
	want := strings.Fields(ansi.Strip(rows[0][1]))
	var buf bytes.Buffer
	twoColumns(&buf, "Copy", "Text", rows, 40) // a bytes.Buffer takes every write
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	var text []string
	for _, line := range lines {
		if w, first := ansi.StringWidth(line), ansi.StringWidth(lines[0]); w != first {
			t.Fatalf("line %q is %d wide, the first %d", line, w, first)
		}
		if cells := strings.Split(ansi.Strip(line), "│"); len(cells) == 4 {
			text = append(text, strings.TrimSpace(cells[2]))
		}
	}
	got := strings.Fields(strings.Join(text[1:], " ")) // after the header
	if strings.Join(got, " ") != strings.Join(want, " ") && strings.Join(got, "") != strings.Join(want, "") {
		t.Errorf("the wrapped text reads %d words, want %d", len(got), len(want))
	}
}

// BenchmarkLongCell: the time a word of a long cell takes stays flat.
func BenchmarkLongCell(b *testing.B) {
	for _, n := range []int{10000, 80000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			w := bufio.NewWriter(io.Discard)
			for b.Loop() {
				twoColumns(w, "Copy", "Text", longCell(n), 60)
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/word")
		})
	}
}

func TestPack(t *testing.T) {
	for _, tc := range []struct {
		ids   []string
		width int
		want  string
	}{
		{[]string{"a-1", "b-2"}, 40, "from a-1, b-2"},
		{[]string{"orig-bbc-politics-049", "orig-bbc-entertainment-104", "copy-1"}, 30, "from orig-bbc-politics-049,|orig-bbc-entertainment-104,|copy-1"},
		{[]string{"an-id-longer-than-the-line"}, 10, "from|an-id-long|er-than-th|e-line"},
	} {
		lines := pack("from", tc.ids, tc.width)
		if got := strings.Join(lines, "|"); got != tc.want {
			t.Errorf("pack(%q, %d) = %q, want %q", tc.ids, tc.width, got, tc.want)
		}
		for _, l := range lines {
			if displayWidth(l) > tc.width {
				t.Errorf("line %q is wider than %d", l, tc.width)
			}
		}
	}
}
