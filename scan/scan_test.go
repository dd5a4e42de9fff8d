package scan_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

func ExampleRun() {
	may, _ := article.ParseDate("2017-05-29")
	oct, _ := article.ParseDate("2017-10-30")
	arts := []*article.Article{
		{ID: "oct", Published: oct, Body: "In May 2017, the Egyptian Air Force has been carrying out airstrikes in eastern Libya.\n\nA line of its own."},
		{ID: "may", Published: may, Body: "Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya."},
	}
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		panic(err)
	}
	for _, ps := range res.Passages {
		for _, m := range ps.Members {
			a, n := res.Place(m.Para)
			fmt.Printf("%s ¶%d %s, Jaccard %.2f\n", arts[a].ID, n, m.Role, m.Sim.Jaccard)
		}
	}
	fmt.Printf("oct: %.0f%% reused\n", 100*res.Reuse[0].Share())
	// Output:
	// may ¶1 original, Jaccard 1.00
	// oct ¶1 reused, Jaccard 0.69
	// oct: 75% reused
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		set  func(*scan.Options)
		want string
	}{
		{"shingle size", func(o *scan.Options) { o.Shingle.Size = 0 }, "shingle"},
		{"hashes", func(o *scan.Options) { o.LSH.Hashes = 1 }, "hash count"},
		{"min span", func(o *scan.Options) { o.Span.MinWords = 1 }, "minimum span"},
		{"template share", func(o *scan.Options) { o.Template.Share = 2 }, "template"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := scan.DefaultOptions
			tt.set(&o)
			_, err := scan.Run(nil, o)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run with bad %s: error %v, want one naming %q", tt.name, err, tt.want)
			}
		})
	}
	if err := scan.DefaultOptions.Validate(); err != nil {
		t.Errorf("the defaults do not validate: %v", err)
	}
}

// TestShares: copied words and partial reuse both count in an article's
// share, each word once; the articles reused from are listed.
func TestShares(t *testing.T) {
	lifted := "Days after media outlets reported the arrival of Khalifa Haftar to Cairo, unknown airstrikes bombed Derna on Monday."
	host := "Last October, over 23 people were killed in airstrikes on the outskirts of the city, officials of the eastern government said. " +
		"The attack occurred days after media outlets reported the arrival of Khalifa Haftar to Cairo."
	copied := "The Egyptian Air Force has been carrying out airstrikes in eastern Libya in coordination with the forces of Haftar since Friday."
	arts := []*article.Article{
		{ID: "early", Published: day(t, "2017-10-31"), Body: lifted + "\n\n" + copied},
		{ID: "late", Published: day(t, "2017-11-28"), Body: host + "\n\n" + copied},
	}
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Passages) != 1 || len(res.Partial) != 1 {
		t.Fatalf("%d passages, %d partial reuses; want 1 and 1", len(res.Passages), len(res.Partial))
	}
	late := res.Reuse[1]
	hostWords := res.Paragraphs[2].Words
	if late.Reused != 1 || late.ReusedWords != res.Paragraphs[3].Words || late.PartWords != 12 || !slices.Equal(late.From, []article.Index{0}) {
		t.Errorf("late = %+v", late)
	}
	if want := float64(late.ReusedWords+12) / float64(late.ReusedWords+hostWords); late.Share() != want {
		t.Errorf("late share %.4f, want %.4f", late.Share(), want)
	}
	if early := res.Reuse[0]; early.Originals != 1 || early.Share() != 0 {
		t.Errorf("early = %+v", early)
	}

	// Without partial reuse, the passages are the same and the share counts
	// the copied paragraph alone.
	opts := scan.DefaultOptions
	opts.SkipPartial = true
	skipped, err := scan.Run(arts, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(skipped.Partial) != 0 || !reflect.DeepEqual(skipped.Passages, res.Passages) {
		t.Errorf("with SkipPartial: %d partial reuses, passages %+v; want none, and %+v", len(skipped.Partial), skipped.Passages, res.Passages)
	}
	if late := skipped.Reuse[1]; late.PartWords != 0 || late.ReusedWords != res.Reuse[1].ReusedWords {
		t.Errorf("with SkipPartial, late = %+v", late)
	}
}

// TestInputOrder: with distinct dates, every passage (members, original,
// what each copies) and every partial reuse is the same in any input order.
func TestInputOrder(t *testing.T) {
	base := []string{
		"The central bank raised its main interest rate by a quarter of a point on Thursday, the third rise this year, citing inflation.",
		"Opposition leaders walked out of parliament on Tuesday after the speaker refused to allow a debate on the new election law.",
		"Heavy rain flooded roads across the north of the country overnight, and rail services between the two largest cities were suspended.",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var arts []*article.Article
	for i := range 12 {
		var paras []string
		for j, p := range base {
			if (i+j)%2 == 0 {
				w := strings.Fields(p)
				w[rng.IntN(len(w))] = "edit" + string(rune('a'+i)) // a word, not a figure: the copies keep their facts
				paras = append(paras, strings.Join(w, " "))
			}
		}
		paras = append(paras, fmt.Sprintf("A paragraph of article %d alone, with words no other article has: zebra%d quokka%d.", i, i, i))
		arts = append(arts, &article.Article{ID: fmt.Sprintf("a%02d", i), Published: day(t, fmt.Sprintf("2024-01-%02d", 28-2*i)), Body: strings.Join(paras, "\n\n")})
	}
	want := describe(t, arts)
	if !strings.Contains(want, "copy of") {
		t.Fatalf("no copies found:\n%s", want)
	}
	for range 5 {
		rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
		if got := describe(t, arts); got != want {
			t.Fatalf("shuffled input gives\n%s\nwant\n%s", got, want)
		}
	}
}

// describe is a scan's passages and partial reuse as sorted lines naming
// articles by id, independent of where they sit in the input.
func describe(t *testing.T, arts []*article.Article) string {
	t.Helper()
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	name := func(para shingle.ParaID) string {
		a, n := res.Place(para)
		return fmt.Sprintf("%s¶%d", arts[a].ID, n)
	}
	var lines []string
	for _, ps := range res.Passages {
		var ms []string
		for _, m := range ps.Members {
			s := name(m.Para) + " " + m.Role
			if m.CopyOf >= 0 {
				s += fmt.Sprintf(" copy of %s %.4f", name(ps.Members[m.CopyOf].Para), m.Sim.Jaccard)
			}
			ms = append(ms, s)
		}
		lines = append(lines, ps.OriginalBy+": "+strings.Join(ms, ", "))
	}
	for _, pr := range res.Partial {
		lines = append(lines, fmt.Sprintf("partial %s -> %s %d", name(pr.Source), name(pr.Target), pr.Words()))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := article.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
