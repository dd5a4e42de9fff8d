package eval

import (
	"math"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/synth"
)

// bench: article o (original) has paragraphs 1 and 2; c1 and c2 copy ¶1; c3 copies ¶2; x is own words.
func bench() *synth.Benchmark {
	d := func(day int) time.Time { return time.Date(2004, 1, day, 0, 0, 0, 0, time.UTC) }
	ref := func(a string, n int) synth.Ref { return synth.Ref{Article: a, N: n} }
	return &synth.Benchmark{
		Articles: []synth.Article{
			{ID: "o", Published: d(1), Paragraphs: []string{"alpha beta gamma delta epsilon zeta eta", "one two three four five six seven"}},
			{ID: "c1", Published: d(2), Paragraphs: []string{"alpha beta gamma delta epsilon zeta eta"}},
			{ID: "c2", Published: d(3), Paragraphs: []string{"alpha beta gamma delta epsilon zeta theta"}},
			{ID: "c3", Published: d(4), Paragraphs: []string{"one two three four five six seven", "entirely different words written here"}},
		},
		Origins: []synth.Origin{
			{Ref: ref("o", 1), Kind: synth.Original, Topic: "t"},
			{Ref: ref("o", 2), Kind: synth.Original, Topic: "t"},
			{Ref: ref("c1", 1), Kind: synth.Copy, Topic: "t", From: []synth.Ref{ref("o", 1)}, Level: 0},
			{Ref: ref("c2", 1), Kind: synth.Copy, Topic: "t", From: []synth.Ref{ref("o", 1)}, Level: 0.2},
			{Ref: ref("c3", 1), Kind: synth.Copy, Topic: "t", From: []synth.Ref{ref("o", 2)}, Level: 0},
			{Ref: ref("c3", 2), Kind: synth.Own, Topic: "t"},
		},
	}
}

// place is a paragraph as (article, paragraph number).
type place struct {
	article string
	n       int
}

func m(a string, n int) place { return place{a, n} }

// rep makes a scan whose passages list members as places, original first.
func rep(passages ...[]place) *scan.Result {
	r := &scan.Result{}
	arts, paras := map[string]int{}, map[place]int{}
	for _, ms := range passages {
		var ps passage.Passage
		for _, x := range ms {
			ai, ok := arts[x.article]
			if !ok {
				ai = len(r.Articles)
				arts[x.article] = ai
				r.Articles = append(r.Articles, &article.Article{ID: x.article})
			}
			pi, ok := paras[x]
			if !ok {
				pi = len(r.Paragraphs)
				paras[x] = pi
				r.Paragraphs = append(r.Paragraphs, shingle.Paragraph{Article: article.Index(ai), N: x.n})
			}
			ps.Members = append(ps.Members, passage.Member{Para: shingle.ParaID(pi)})
		}
		r.Passages = append(r.Passages, ps)
	}
	return r
}

func TestScorePerfect(t *testing.T) {
	s := Score(bench(), rep([]place{m("o", 1), m("c1", 1), m("c2", 1)}, []place{m("o", 2), m("c3", 1)}))
	if s.Precision != 1 || s.Recall != 1 || s.ARI != 1 || s.TruePairs != 4 || s.MixedClusters != 0 || s.Originals != (Ratio{2, 2}) {
		t.Errorf("scores = %+v", s)
	}
	if len(s.ByLevel) != 2 || s.ByLevel[1].Level != 0.2 || s.ByLevel[1].Share() != 1 {
		t.Errorf("by level = %+v", s.ByLevel)
	}
}

func TestScoreMissesAndMistakes(t *testing.T) {
	// c2 missed; ¶2's passage joined with the own-words paragraph; ¶1's original named wrongly.
	s := Score(bench(), rep([]place{m("c1", 1), m("o", 1)}, []place{m("o", 2), m("c3", 1), m("c3", 2)}))
	if s.RightPairs != 2 || s.FoundPairs != 4 || s.TruePairs != 4 {
		t.Errorf("pairs = %d right, %d found, %d true", s.RightPairs, s.FoundPairs, s.TruePairs)
	}
	if s.Precision != 0.5 || s.Recall != 0.5 || s.MixedClusters != 1 || len(s.FalsePairs) != 2 || s.SameTopic != 2 {
		t.Errorf("scores = %+v", s)
	}
	if s.Originals != (Ratio{1, 2}) {
		t.Errorf("originals = %+v, want 1 of 2", s.Originals)
	}
	if s.ByLevel[1].Share() != 0 {
		t.Errorf("the missed copy at 20%% counts as found: %+v", s.ByLevel)
	}
}

func TestAdjustedRand(t *testing.T) {
	// Hubert-Arabie on a worked example: 6 items, {a,b,c}{d,e,f} against {a,b}{c,d}{e,f}.
	// Pairs: both 2, truth 6, found 3, all 15: (2 - 6*3/15) / ((6+3)/2 - 6*3/15) = 0.8/3.3.
	if got, want := adjustedRand(2, 6, 3, 15), 0.8/3.3; math.Abs(got-want) > 1e-9 {
		t.Errorf("ARI = %v, want %v", got, want)
	}
	if adjustedRand(6, 6, 6, 15) != 1 {
		t.Error("identical partitions should score 1")
	}
}

func TestShareRun(t *testing.T) {
	a := "Tony Blair said Labour would set out workable plans today."
	if !shareRun(a, "Earlier, TONY BLAIR SAID LABOUR WOULD SET out nothing.", 6) {
		t.Error("a shared 6-word run was not seen")
	}
	if shareRun(a, "Blair said Labour would set plans out workable.", 6) {
		t.Error("5 shared words in a row are not a run of 6")
	}
}

func TestRelatedStoriesAreReportedApart(t *testing.T) {
	quote := "both teams are fielding top quality sides and I really hope the public gets behind this game"
	ref := func(a string, n int) synth.Ref { return synth.Ref{Article: a, N: n} }
	b := &synth.Benchmark{
		Articles: []synth.Article{
			{ID: "x", Paragraphs: []string{"A Paterson (Scotland), B Cohen (England), C Traille (France)", quote}},
			{ID: "y", Paragraphs: []string{"B Cohen (England), D Smith (Wales), A Paterson (Scotland), E Jones (Wales), C Traille (France)", "He said: " + quote}},
			{ID: "z", Paragraphs: []string{"Cohen (England), Paterson (Scotland), Traille (France), others"}},
		},
		Origins: []synth.Origin{
			{Ref: ref("x", 1), Kind: synth.Original, Doc: "x"}, {Ref: ref("x", 2), Kind: synth.Original, Doc: "x"},
			{Ref: ref("y", 1), Kind: synth.Original, Doc: "y"}, {Ref: ref("y", 2), Kind: synth.Original, Doc: "y"},
			{Ref: ref("z", 1), Kind: synth.Own, Doc: "z"},
		},
	}
	b.Sources = map[string][]string{}
	for _, a := range b.Articles {
		b.Sources[a.ID] = a.Paragraphs
	}
	related := Score(b, rep([]place{m("x", 1), m("y", 1)}))
	if related.MixedClusters != 0 || related.RelatedClusters != 1 || len(related.RelatedPairs) != 1 || related.Precision != 0 {
		t.Errorf("lists of two related stories: %+v", related)
	}
	unrelated := Score(b, rep([]place{m("x", 1), m("z", 1)}))
	if unrelated.MixedClusters != 1 || unrelated.RelatedClusters != 0 {
		t.Errorf("lists of unrelated stories: %+v", unrelated)
	}
}
