package eval

import (
	"strings"

	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/span"
	"github.com/reprint/reprint/synth"
)

// PartialScores measure partial reuse against the truth.
type PartialScores struct {
	Spans       []SpanRecall // moved spans found, by length
	Merged      Ratio        // merged paragraphs linked to both of their sources
	Split       Ratio        // split halves linked to their source
	False       []Partial
	Explained   int // reported partial reuse the truth accounts for
	NaturalRuns int // of those, the source corpus's own shared runs
}

// A Partial is one partial reuse as the evaluation shows it.
type Partial struct {
	Source, Target synth.Ref
	Words          int      // the target's words in shared spans
	Spans          []string // the shared words of each span, normalised
}

// SpanRecall is the share of moved spans of Min to Max words that were found.
type SpanRecall struct {
	Min, Max int
	Ratio
}

// ScorePartial measures rep's partial reuse (and its clusters, which also
// account for split halves) against the benchmark's truth. A moved span
// counts as found when the report links its paragraph to the span's source
// with at least half of the span's words.
func ScorePartial(b *synth.Benchmark, res *scan.Result) PartialScores {
	text := b.Texts()
	origin := map[synth.Ref]synth.Origin{}
	for _, o := range b.Origins {
		origin[o.Ref] = o
	}
	// linked: which paragraph pairs the report connects, in either direction, with how many words.
	type pair struct{ a, b synth.Ref }
	linked := map[pair]int{}
	for _, p := range res.Partial {
		s, t := ref(res, p.Source), ref(res, p.Target)
		linked[pair{s, t}] = max(linked[pair{s, t}], p.Words())
		linked[pair{t, s}] = linked[pair{s, t}]
	}
	for _, ps := range res.Passages {
		for _, x := range ps.Members {
			for _, y := range ps.Members {
				rx, ry := ref(res, x.Para), ref(res, y.Para)
				if rx != ry {
					linked[pair{rx, ry}] = max(linked[pair{rx, ry}], res.Paragraphs[y.Para].Words)
				}
			}
		}
	}

	var s PartialScores
	s.Spans = []SpanRecall{{Min: 8, Max: 11}, {Min: 12, Max: 19}, {Min: 20, Max: 40}, {Min: 12, Max: 40}}
	for _, o := range b.Origins {
		switch o.Kind {
		case synth.Span:
			n := len(prose.Keys(o.Span))
			found := 2*linked[pair{o.From[0], o.Ref}] >= n
			for i := range s.Spans {
				if n >= s.Spans[i].Min && n <= s.Spans[i].Max {
					s.Spans[i].Total++
					if found {
						s.Spans[i].Hit++
					}
				}
			}
		case synth.Merged:
			s.Merged.Total++
			if linked[pair{o.From[0], o.Ref}] > 0 && linked[pair{o.From[1], o.Ref}] > 0 {
				s.Merged.Hit++
			}
		case synth.Split:
			s.Split.Total++
			if linked[pair{o.From[0], o.Ref}] > 0 {
				s.Split.Hit++
			}
		}
	}

	for _, p := range res.Partial {
		x, y := origin[ref(res, p.Source)], origin[ref(res, p.Target)]
		switch {
		case sharesSource(x, y):
			s.Explained++
		case sharesRun(underlying(x, text), underlying(y, text), NaturalRun):
			s.Explained++
			s.NaturalRuns++
		default:
			s.False = append(s.False, falsePartial(res, p))
		}
	}
	return s
}

// SpanShare is recall on spans of at least min words.
func (s PartialScores) SpanShare(min int) Ratio {
	for _, r := range s.Spans {
		if r.Min == min && r.Max == 40 {
			return r.Ratio
		}
	}
	return Ratio{}
}

// ref names a scanned paragraph as the benchmark does.
func ref(res *scan.Result, para shingle.ParaID) synth.Ref {
	ai, n := res.Place(para)
	return synth.Ref{Article: res.Articles[ai].ID, N: n}
}

// falsePartial is p with its shared words, to show.
func falsePartial(res *scan.Result, p span.Reuse) Partial {
	out := Partial{Source: ref(res, p.Source), Target: ref(res, p.Target), Words: p.Words()}
	words := prose.Keys(res.Paragraphs[p.Target].Text)
	for _, s := range p.Spans {
		out.Spans = append(out.Spans, strings.Join(words[s.TargetStart:s.TargetEnd], " "))
	}
	return out
}

// sources are the paragraphs a paragraph of the benchmark derives from: itself
// for an original or own words, else what it was copied from (and itself, for
// own words that took in a span).
func sources(o synth.Origin) []synth.Ref {
	switch o.Kind {
	case synth.Original, synth.Own:
		return []synth.Ref{o.Ref}
	case synth.Span:
		return append([]synth.Ref{o.Ref}, o.From...)
	}
	return o.From
}

func sharesSource(x, y synth.Origin) bool {
	for _, a := range sources(x) {
		for _, b := range sources(y) {
			if a == b {
				return true
			}
		}
	}
	return false
}

// underlying are the texts a paragraph was made from, before edits: for own
// words with a span, the own words without it.
func underlying(o synth.Origin, text map[synth.Ref]string) []string {
	var out []string
	for _, r := range sources(o) {
		t := text[r]
		if r == o.Ref && o.Kind == synth.Span {
			t = strings.Replace(t, o.Span, " ", 1)
		}
		out = append(out, t)
	}
	return out
}

func sharesRun(as, bs []string, n int) bool {
	for _, a := range as {
		for _, b := range bs {
			if shareRun(a, b, n) {
				return true
			}
		}
	}
	return false
}
