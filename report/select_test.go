package report

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/fixture"
)

// desk is six articles of two sources: a passage in a, b, c and d (the
// most recycled), one in e and f, one in b and e; a and f have words of
// their own besides.
func desk(t *testing.T) *Report {
	t.Helper()
	shared := fixture.Paragraphs(1000, 3, 30)
	own := func(a int) string { return fixture.Paragraphs(a, 1, 30)[0] }
	arts := []*article.Article{
		{ID: "a", Title: "Alpha", Source: "Wire", Published: day("2017-05-01"), Body: shared[0] + "\n\n" + own(1)},
		{ID: "b", Title: "Bravo", Source: "Wire", Published: day("2017-05-02"), Body: shared[0] + "\n\n" + shared[2]},
		{ID: "c", Title: "Charlie", Source: "Daily", Published: day("2017-05-03"), Body: shared[0]},
		{ID: "d", Title: "Delta", Source: "Daily", Published: day("2017-05-04"), Body: shared[0]},
		{ID: "e", Title: "Echo", Source: "Wire", Published: day("2017-06-01"), Body: shared[1] + "\n\n" + shared[2]},
		{ID: "f", Title: "Foxtrot", Source: "Daily", Body: shared[1] + "\n\n" + own(2)},
	}
	return build(t, arts...)
}

func ids(r *Report) string {
	var out []string
	for _, a := range r.Articles {
		out = append(out, a.ID)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// spreads lists the passages shown as their members' articles.
func spreads(r *Report) string {
	var out []string
	for _, c := range r.Clusters {
		var in []string
		for _, m := range c.Members {
			in = append(in, m.Article)
		}
		out = append(out, fmt.Sprintf("%d:%s", c.ID, strings.Join(in, "")))
	}
	return strings.Join(out, " ")
}

func TestOrderClusters(t *testing.T) {
	r := desk(t)
	// The widest spread first; two of two articles each in the order of
	// their originals.
	if got, want := spreads(r), "1:abcd 2:be 3:ef"; got != want {
		t.Errorf("passages %s, want %s", got, want)
	}
	if r.Clusters[0].Spread != 4 {
		t.Errorf("spread of the first passage: %d, want 4", r.Clusters[0].Spread)
	}
}

func TestSelect(t *testing.T) {
	for _, tc := range []struct {
		name     string
		sel      Selection
		articles string
		passages string
		headline string
	}{
		{"all", Selection{}, "a b c d e f", "1:abcd 2:be 3:ef", "6 articles"},
		{"an article", Selection{Articles: []string{"e"}}, "e", "1:be 2:ef", "1 of 6 articles"},
		{"two articles", Selection{Articles: []string{"c", "f"}}, "c f", "1:abcd 2:ef", "2 of 6 articles"},
		{"a source, any case", Selection{Sources: []string{"daily"}}, "c d f", "1:abcd 2:ef", "3 of 6 articles"},
		{"since", Selection{Since: day("2017-05-04")}, "d e", "1:abcd 2:be 3:ef", "2 of 6 articles"},
		{"until, the day included", Selection{Until: day("2017-05-02")}, "a b", "1:abcd 2:be", "2 of 6 articles"},
		{"a range and a source", Selection{Sources: []string{"Wire"}, Since: day("2017-05-02"), Until: day("2017-05-31")}, "b", "1:abcd 2:be", "1 of 6 articles"},
		{"the undated are in no range", Selection{Since: day("2000-01-01")}, "a b c d e", "1:abcd 2:be 3:ef", "5 of 6 articles"},
		{"top", Selection{Top: 1}, "a b c d", "1:abcd", "1 of 3 recycled passages"},
		{"top of a source", Selection{Sources: []string{"Wire"}, Top: 1}, "a b e", "1:abcd", "3 of 6 articles"},
		{"top of more than there are", Selection{Top: 9}, "a b c d e f", "1:abcd 2:be 3:ef", "3 recycled passages"},
		{"nothing matches", Selection{Articles: []string{"zulu"}}, "", "", "0 of 6 articles"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := desk(t)
			r.Select(tc.sel)
			if got := ids(r); got != tc.articles {
				t.Errorf("articles %q, want %q", got, tc.articles)
			}
			if got := spreads(r); got != tc.passages {
				t.Errorf("passages %q, want %q", got, tc.passages)
			}
			if h := r.Headline(); !strings.Contains(h, tc.headline) {
				t.Errorf("headline %q, want it to say %q", h, tc.headline)
			}
			if r.Summary.Articles != len(r.Articles) || r.Summary.Passages != len(r.Clusters) {
				t.Errorf("summary %+v counts other than what is shown", r.Summary)
			}
		})
	}
}

func TestSortArticles(t *testing.T) {
	for _, tc := range []struct{ by, want string }{
		{SortShare, "c d b e f a"},
		{SortDate, "e d c b a f"},
		{SortInput, "a b c d e f"},
	} {
		r := desk(t)
		r.SortArticles(tc.by)
		var got []string
		for _, a := range r.Articles {
			got = append(got, a.ID)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("--sort %s: %s, want %s", tc.by, strings.Join(got, " "), tc.want)
		}
	}
}

// TestTableFitsWidth: every line of the terminal report, the articles
// table included, fits the width asked for, on every width from 30
// columns up, with hostile text in it too.
func TestTableFitsWidth(t *testing.T) {
	seeds := article.Read([]string{"../testdata/seeds"}, article.Options{})
	if len(seeds.Articles) != 5 {
		t.Fatalf("read %d seeds", len(seeds.Articles))
	}
	article.SortByDate(seeds.Articles)
	for name, r := range map[string]*Report{"seeds": build(t, seeds.Articles...), "hostile": controlReport(t), "desk": desk(t)} {
		for width := 30; width <= 200; width += 7 {
			for _, color := range []bool{false, true} {
				var buf bytes.Buffer
				if err := r.WriteTable(&buf, Style{Width: width, Color: color}); err != nil {
					t.Fatal(err)
				}
				for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Fatalf("%s at %d columns (colour %v): line %d is %d wide: %q", name, width, color, i+1, w, line)
					}
				}
			}
		}
	}
}
