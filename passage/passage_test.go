package passage_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// text makes n random words from a vocabulary of 100,000.
func text(rng *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("w%d", rng.IntN(100000))
	}
	return strings.Join(ws, " ")
}

func day(d int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }

// find scans arts (scan.Run) and returns its paragraphs and passages.
func find(t *testing.T, arts []*article.Article) ([]shingle.Paragraph, []passage.Passage) {
	t.Helper()
	res := run(t, arts)
	return res.Paragraphs, res.Passages
}

func run(t *testing.T, arts []*article.Article) *scan.Result {
	t.Helper()
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestMergedParagraph: a paragraph that merges two passages joins neither to
// the other, and no passage holds both.
func TestMergedParagraph(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	a, b := text(rng, 40), text(rng, 25)
	arts := []*article.Article{
		{ID: "a1", Published: day(0), Body: a},
		{ID: "a2", Published: day(1), Body: a},
		{ID: "b1", Published: day(2), Body: b},
		{ID: "b2", Published: day(3), Body: b},
		{ID: "merged", Published: day(4), Body: a + " " + b},
	}
	paras, ps := find(t, arts)
	for i, p := range ps {
		var has []string
		for _, m := range p.Members {
			has = append(has, arts[paras[m.Para].Article].ID)
		}
		if slices.Contains(has, "a1") && slices.Contains(has, "b1") {
			t.Errorf("passage %d joins both passages: %v", i+1, has)
		}
	}
	if len(ps) != 2 {
		t.Errorf("%d passages, want 2", len(ps))
	}
}

// TestVerifiedAgainstCopyOf: every copy passes the rule against the member it
// is listed under and resembles the original, on a corpus of copies edited
// at every level.
func TestVerifiedAgainstCopyOf(t *testing.T) {
	arts := corpus(rand.New(rand.NewPCG(2, 2)), 150)
	paras, ps := find(t, arts)
	if len(ps) < 20 {
		t.Fatalf("%d passages", len(ps))
	}
	cfg := lsh.DefaultConfig
	for i, p := range ps {
		orig := paras[p.Members[0].Para].Set
		for _, m := range p.Members[1:] {
			of := paras[p.Members[m.CopyOf].Para].Set
			if !cfg.Passes(of, paras[m.Para].Set) {
				t.Errorf("passage %d: member ¶%d does not pass against the member it copies", i+1, m.Para)
			}
			if j := shingle.Compare(paras[m.Para].Set, orig).Jaccard; j < passage.Resemble*cfg.MinJaccard {
				t.Errorf("passage %d: member ¶%d at Jaccard %.2f to the original", i+1, m.Para, j)
			}
		}
	}
}

// corpus makes n dated articles (distinct dates) of own paragraphs and of
// copies, edited by up to 40% of their words, of a pool of passages.
func corpus(rng *rand.Rand, n int) []*article.Article {
	pool := make([]string, 40)
	for i := range pool {
		pool[i] = text(rng, 20+rng.IntN(40))
	}
	arts := make([]*article.Article, n)
	for i := range arts {
		var body []string
		for range 5 {
			if rng.IntN(3) == 0 {
				body = append(body, text(rng, 30))
				continue
			}
			ws := strings.Fields(pool[rng.IntN(len(pool))])
			for range rng.IntN(len(ws) * 2 / 5) {
				ws[rng.IntN(len(ws))] = fmt.Sprintf("e%d", rng.IntN(100000))
			}
			body = append(body, strings.Join(ws, " "))
		}
		arts[i] = &article.Article{ID: fmt.Sprintf("a%03d", i), Published: day(i), Body: strings.Join(body, "\n\n")}
	}
	return arts
}

// TestInputOrder: dated articles given in any order give the same passages,
// originals, copy links and partial reuse.
func TestInputOrder(t *testing.T) {
	arts := corpus(rand.New(rand.NewPCG(3, 3)), 200)
	want := describe(t, arts)
	rng := rand.New(rand.NewPCG(4, 4))
	for range 5 {
		shuffled := slices.Clone(arts)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := describe(t, shuffled); got != want {
			t.Fatalf("shuffled input gives other passages:\n%s\nwant:\n%s", got, want)
		}
	}
}

// describe writes the passages and partial reuse by article id, sorted.
func describe(t *testing.T, arts []*article.Article) string {
	res := run(t, arts)
	paras, ps := res.Paragraphs, res.Passages
	where := func(pi shingle.ParaID) string { return fmt.Sprintf("%s¶%d", arts[paras[pi].Article].ID, paras[pi].N) }
	var lines []string
	for _, p := range ps {
		var ms []string
		for _, m := range p.Members {
			of := "-"
			if m.CopyOf >= 0 {
				of = where(p.Members[m.CopyOf].Para)
			}
			ms = append(ms, fmt.Sprintf("%s<%s:%s", where(m.Para), of, m.Role))
		}
		lines = append(lines, fmt.Sprintf("%s by %s: %s", where(p.Members[0].Para), p.OriginalBy, strings.Join(ms, " ")))
	}
	for _, r := range res.Partial {
		lines = append(lines, fmt.Sprintf("partial %s -> %s %d", where(r.Source), where(r.Target), r.Words()))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// filing is wire formula: the same sentence about another company, amount
// and date.
func filing(company string, mln, due int) string {
	return fmt.Sprintf("%s said it filed a registration statement with the Securities and Exchange Commission covering a proposed public offering of %d mln dlrs of convertible subordinated debentures due %d, through Morgan Stanley and Co Inc.", company, mln, due)
}

// TestFormulaFamily: filings about other companies are a formula family and
// none joins another; a filing re-sent the next day, its facts kept, is a
// copy.
func TestFormulaFamily(t *testing.T) {
	companies := []string{"Zehntel Inc", "Hechinger Co", "Alza Corp", "Kinburn Technology Corp", "Granges Exploration Ltd", "Systemhouse Inc"}
	var arts []*article.Article
	for i, c := range companies {
		arts = append(arts, &article.Article{ID: c, Published: day(2 * i), Body: filing(c, 50+25*i, 2001+i)})
	}
	resent := strings.Replace(filing(companies[0], 50, 2001), "said it filed", "said today it had filed", 1)
	arts = append(arts, &article.Article{ID: "resent", Published: day(1), Body: resent})
	paras, ps := find(t, arts)
	if len(ps) != 1 {
		t.Fatalf("%d passages, want 1 (the re-send)", len(ps))
	}
	var ids []string
	for _, m := range ps[0].Members {
		ids = append(ids, arts[paras[m.Para].Article].ID)
	}
	if !slices.Equal(ids, []string{companies[0], "resent"}) || !ps[0].Formula {
		t.Errorf("passage %v (formula %v), want [%s resent] from a formula family", ids, ps[0].Formula, companies[0])
	}
}

// TestEditedFactsNotFormula: edited copies, one of which changes a figure,
// are one passage: the words decide outside a formula family.
func TestEditedFactsNotFormula(t *testing.T) {
	orig := "Irish actor Dan O'Herlihy, who was nominated for best actor at the Oscars for Robinson Crusoe, has died at his home in Malibu, California, at the age of 85, his family said on 12 March."
	edits := []struct{ from, to string }{{"85", "86"}, {"Malibu", "Malaga"}, {"has died at his home", "died at home"}, {", his family said", ""}}
	arts := []*article.Article{{ID: "orig", Published: day(0), Body: orig}}
	for i, e := range edits {
		arts = append(arts, &article.Article{ID: fmt.Sprint("copy", i), Published: day(i + 1), Body: strings.Replace(orig, e.from, e.to, 1)})
	}
	_, ps := find(t, arts)
	if len(ps) != 1 || len(ps[0].Members) != len(arts) || ps[0].Formula {
		t.Fatalf("%d passages (%+v), want one of %d members, not a formula", len(ps), ps, len(arts))
	}
}
