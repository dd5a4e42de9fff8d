package synth

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Config shapes a benchmark.
type Config struct {
	Seed        uint64
	Republished int       // republished articles to write
	Originals   float64   // share of the sources published as originals; the rest is held out as own words
	Levels      []float64 // edit levels (share of words changed); each copied paragraph draws one
	MinWords    int       // copied paragraphs have at least this many words
	Split       float64   // chance that a copied paragraph of two or more sentences is split in two
	Merge       float64   // chance that a run of copied paragraphs has two neighbours merged into one
	Span        float64   // chance that an own-words paragraph takes in a span of an original paragraph
	SpanWords   [2]int    // the span's length in words, from and to
}

// DefaultConfig is the benchmark the evaluation runs.
var DefaultConfig = Config{
	Seed: 1, Republished: 2000, Originals: 0.6,
	Levels:   []float64{0, 0.05, 0.1, 0.2, 0.3, 0.4},
	MinWords: 10, Split: 0.05, Merge: 0.1, Span: 0.2, SpanWords: [2]int{8, 40},
}

// Kinds of paragraph in the truth.
const (
	Original = "original" // a paragraph of an original article
	Own      = "own"      // written for its article (a held-out source's): appears nowhere else
	Copy     = "copy"     // a whole paragraph copied from From[0], edited at Level
	Split    = "split"    // one of the two parts of a copied paragraph split in two
	Merged   = "merged"   // two copied paragraphs (From) joined into one
	Span     = "span"     // own words that took in SpanWords words of From[0]
)

// A Ref names one paragraph: its article and 1-based position.
type Ref struct {
	Article string `json:"article"`
	N       int    `json:"paragraph"`
}

// An Origin is the truth about one paragraph of the benchmark.
type Origin struct {
	Ref
	Kind  string  `json:"kind"`
	Topic string  `json:"topic"`
	Doc   string  `json:"doc,omitempty"` // the source article an original or own-words paragraph was taken from
	From  []Ref   `json:"from,omitempty"`
	Level float64 `json:"level,omitempty"`
	Span  string  `json:"span,omitempty"` // the words moved, for Span
}

// An Article of the benchmark.
type Article struct {
	ID         string
	Title      string
	Topic      string
	Published  time.Time
	Paragraphs []string
}

// A Benchmark is the generated corpus and its truth.
type Benchmark struct {
	Articles []Article           // in output order: shuffled, so only dates tell originals
	Origins  []Origin            // one per paragraph, by article (in Articles order) and position
	Sources  map[string][]string // every source article's paragraphs, by id (Origin.Doc)
}

// Texts gives every paragraph's text by its Ref.
func (b *Benchmark) Texts() map[Ref]string {
	text := make(map[Ref]string, len(b.Origins))
	for _, a := range b.Articles {
		for i, p := range a.Paragraphs {
			text[Ref{Article: a.ID, N: i + 1}] = p
		}
	}
	return text
}

// Generate builds a benchmark from sources, deterministically from cfg.Seed.
func Generate(sources []Source, cfg Config) (*Benchmark, error) {
	switch {
	case len(sources) < 10:
		return nil, fmt.Errorf("%d source articles: want at least 10", len(sources))
	case cfg.Originals <= 0 || cfg.Originals >= 1:
		return nil, fmt.Errorf("originals share %g: want between 0 and 1", cfg.Originals)
	case len(cfg.Levels) == 0:
		return nil, fmt.Errorf("no edit levels")
	case cfg.SpanWords[0] < 1 || cfg.SpanWords[1] < cfg.SpanWords[0]:
		return nil, fmt.Errorf("span words %v: want 1 <= from <= to", cfg.SpanWords)
	}
	g := &generator{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x5eed)), sources: map[string][]string{}}
	for _, s := range sources {
		g.sources[s.ID] = s.Paragraphs
	}
	g.ed = newEditor(g.rng, sources)
	perm := g.rng.Perm(len(sources))
	nOrig := int(math.Round(cfg.Originals * float64(len(sources))))
	base := time.Date(2004, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, i := range perm[:nOrig] {
		s := sources[i]
		a := Article{ID: "orig-" + s.ID, Title: s.Title, Topic: s.Topic, Published: base.AddDate(0, 0, g.rng.IntN(365)), Paragraphs: s.Paragraphs}
		g.add(a, nil)
		for i := range g.origins[len(g.origins)-1] {
			g.origins[len(g.origins)-1][i].Doc = s.ID
		}
	}
	g.originals = len(g.arts)
	g.own = map[string][]ownPara{}
	for _, i := range perm[nOrig:] {
		s := sources[i]
		for _, p := range s.Paragraphs {
			g.own[s.Topic] = append(g.own[s.Topic], ownPara{p, s.ID})
		}
		if !slices.Contains(g.topics, s.Topic) {
			g.topics = append(g.topics, s.Topic)
		}
	}
	for r := range cfg.Republished {
		g.republish(r)
	}
	return g.shuffled(), nil
}

type generator struct {
	cfg       Config
	rng       *rand.Rand
	ed        *editor
	arts      []Article
	origins   [][]Origin // per article
	originals int        // the first this many articles are the originals
	own       map[string][]ownPara
	topics    []string
	sources   map[string][]string
}

// ownPara is a held-out paragraph and the source article it comes from.
type ownPara struct{ text, doc string }

// piece is a paragraph being written, with its truth less its position.
type piece struct {
	text   string
	origin Origin
}

func (g *generator) add(a Article, pieces []piece) {
	origins := make([]Origin, len(a.Paragraphs))
	for i := range a.Paragraphs {
		o := Origin{Kind: Original, Topic: a.Topic}
		if pieces != nil {
			o = pieces[i].origin
		}
		o.Ref = Ref{Article: a.ID, N: i + 1}
		origins[i] = o
	}
	g.arts = append(g.arts, a)
	g.origins = append(g.origins, origins)
}

// republish writes one article that copies runs of paragraphs from one to
// three originals, between paragraphs of its own words.
func (g *generator) republish(r int) {
	first := g.rng.IntN(g.originals)
	srcs := []int{first}
	for n := g.rng.IntN(3); n > 0; n-- {
		if s := g.rng.IntN(g.originals); !slices.Contains(srcs, s) {
			srcs = append(srcs, s)
		}
	}
	topic := g.arts[first].Topic
	published := g.arts[first].Published
	for _, s := range srcs {
		published = later(published, g.arts[s].Published)
	}
	published = published.AddDate(0, 0, 1+g.rng.IntN(120))
	var pieces []piece
	for _, s := range srcs {
		pieces = append(pieces, g.ownWords(topic, g.rng.IntN(3), published)...)
		pieces = append(pieces, g.copyRun(s)...)
	}
	pieces = append(pieces, g.ownWords(topic, g.rng.IntN(2), published)...)
	if len(pieces) == 0 {
		pieces = g.copyRun(first)
	}
	a := Article{
		ID:        fmt.Sprintf("copy-%05d", r+1),
		Title:     fmt.Sprintf("Republished %d: %s", r+1, g.arts[first].Title),
		Topic:     topic,
		Published: published,
	}
	for _, p := range pieces {
		a.Paragraphs = append(a.Paragraphs, p.text)
	}
	g.add(a, pieces)
}

// copyRun copies up to four consecutive long-enough paragraphs of article s,
// each edited at a level drawn from the configuration; two of them may be
// merged, and a copy may be split.
func (g *generator) copyRun(s int) []piece {
	src := g.arts[s]
	var long []int
	for i, p := range src.Paragraphs {
		if len(strings.Fields(p)) >= g.cfg.MinWords {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return nil
	}
	start := g.rng.IntN(len(long))
	run := long[start:min(len(long), start+1+g.rng.IntN(4))]
	var pieces []piece
	for _, i := range run {
		level := g.cfg.Levels[g.rng.IntN(len(g.cfg.Levels))]
		from := Ref{Article: src.ID, N: i + 1}
		pieces = append(pieces, piece{g.ed.edit(src.Paragraphs[i], level), Origin{Kind: Copy, Topic: src.Topic, From: []Ref{from}, Level: level}})
	}
	if len(pieces) >= 2 && g.rng.Float64() < g.cfg.Merge {
		j := g.rng.IntN(len(pieces) - 1)
		a, b := pieces[j], pieces[j+1]
		merged := piece{a.text + " " + b.text, Origin{Kind: Merged, Topic: src.Topic, From: []Ref{a.origin.From[0], b.origin.From[0]}}}
		pieces = slices.Replace(pieces, j, j+2, merged)
	}
	var out []piece
	for _, p := range pieces {
		sents := sentences(strings.Fields(p.text))
		if p.origin.Kind == Copy && len(sents) >= 2 && g.rng.Float64() < g.cfg.Split {
			cut := 1 + g.rng.IntN(len(sents)-1)
			o := Origin{Kind: Split, Topic: p.origin.Topic, From: p.origin.From}
			out = append(out, piece{strings.Join(slices.Concat(sents[:cut]...), " "), o}, piece{strings.Join(slices.Concat(sents[cut:]...), " "), o})
			continue
		}
		out = append(out, p)
	}
	return out
}

// ownWords takes n unused paragraphs of held-out articles, of the topic when
// it can; each may take in a span of an original published before.
func (g *generator) ownWords(topic string, n int, before time.Time) []piece {
	var out []piece
	for range n {
		t := topic
		if len(g.own[t]) == 0 {
			t = ""
			for _, other := range g.topics {
				if len(g.own[other]) > 0 {
					t = other
					break
				}
			}
			if t == "" {
				return out
			}
		}
		own := g.own[t][0]
		g.own[t] = g.own[t][1:]
		p := piece{own.text, Origin{Kind: Own, Topic: t, Doc: own.doc}}
		if g.rng.Float64() < g.cfg.Span {
			p = g.withSpan(p, before)
		}
		out = append(out, p)
	}
	return out
}

// withSpan moves a run of words of a random original paragraph published
// before the given time into p, at one of p's sentence boundaries.
func (g *generator) withSpan(p piece, before time.Time) piece {
	lo, hi := g.cfg.SpanWords[0], g.cfg.SpanWords[1]
	n := lo + g.rng.IntN(hi-lo+1)
	for range 50 {
		src := g.arts[g.rng.IntN(g.originals)]
		i := g.rng.IntN(len(src.Paragraphs))
		words := strings.Fields(src.Paragraphs[i])
		if len(words) < n || !src.Published.Before(before) {
			continue
		}
		at := g.rng.IntN(len(words) - n + 1)
		span := words[at : at+n]
		sents := sentences(strings.Fields(p.text))
		cut := g.rng.IntN(len(sents) + 1)
		text := slices.Concat(slices.Concat(sents[:cut]...), span, slices.Concat(sents[cut:]...))
		o := Origin{Kind: Span, Topic: p.origin.Topic, Doc: p.origin.Doc, From: []Ref{{Article: src.ID, N: i + 1}}, Span: strings.Join(span, " ")}
		return piece{strings.Join(text, " "), o}
	}
	return p
}

// shuffled puts the articles in a random order, so that only their dates
// tell which came first.
func (g *generator) shuffled() *Benchmark {
	b := &Benchmark{Sources: g.sources}
	for _, i := range g.rng.Perm(len(g.arts)) {
		b.Articles = append(b.Articles, g.arts[i])
		b.Origins = append(b.Origins, g.origins[i]...)
	}
	return b
}

func later(a, b time.Time) time.Time {
	if cmp.Less(a.Unix(), b.Unix()) {
		return b
	}
	return a
}
