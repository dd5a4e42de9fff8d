package lsh

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/shingle"
)

const (
	passage = "Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya in coordination with Haftar's forces, following the attack on Coptic Christians in Egypt."
	edited  = "In May 2017, the Egyptian Air Force has been carrying out airstrikes in eastern Libya in coordination with Haftar's forces, following the attack on Coptic Christians in Egypt."
	other   = "The visit is the first of its kind for an Egyptian or Arab military official since the outbreak of armed clashes in Benghazi three years ago."
	topical = "Egypt launched six air strikes on militant camps in Libya's eastern city of Derna on Friday, hours after masked gunmen attacked a bus carrying Coptic Christians."
	longer  = "The newspaper also said that " + passage + " Officials in Cairo declined to comment on the report on Sunday, and the army spokesman said he had nothing to add to the statement issued by the ministry last week."
)

// paragraphs shingles articles given as lists of paragraphs.
func paragraphs(t *testing.T, arts ...[]string) []shingle.Paragraph {
	t.Helper()
	s, err := shingle.New(shingle.DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	var as []*article.Article
	for i, paras := range arts {
		as = append(as, &article.Article{ID: fmt.Sprint(i), Body: strings.Join(paras, "\n\n")})
	}
	return s.Shingle(as)
}

// describe writes clusters as "article/paragraph" lists, e.g. "[0/1 1/1]".
func describe(paras []shingle.Paragraph, clusters []Cluster) string {
	var out []string
	for _, c := range clusters {
		var ms []string
		for _, m := range c.Members {
			ms = append(ms, fmt.Sprintf("%d/%d", paras[m].Article, paras[m].N))
		}
		out = append(out, "["+strings.Join(ms, " ")+"]")
	}
	return strings.Join(out, " ")
}

func TestFind(t *testing.T) {
	noContain := DefaultConfig
	noContain.MinContain = 0
	tests := []struct {
		name string
		arts [][]string
		want string
		cfg  *Config // DefaultConfig when nil
	}{
		{"verbatim in three articles", [][]string{{passage, other}, {topical, passage}, {passage}}, "[0/1 1/2 2/1]", nil},
		{"light edit", [][]string{{passage}, {edited}}, "[0/1 1/1]", nil},
		{"contained in a much longer paragraph", [][]string{{passage}, {longer}}, "[0/1 1/1]", nil},
		{"contained, with containment off", [][]string{{passage}, {longer}}, "", &noContain},
		{"a merge joins two passages' cluster", [][]string{{passage, other}, {passage + " " + other}, {edited}, {other}}, "[0/1 0/2 1/1 2/1 3/1]", nil},
		{"a merge, with containment off", [][]string{{passage, other}, {passage + " " + other}, {edited}, {other}}, "[0/1 2/1] [0/2 3/1]", &noContain},
		{"same topic, own words", [][]string{{passage}, {topical}}, "", nil},
		{"a repeat inside one article is not reuse", [][]string{{passage, other, passage}, {topical}}, "", nil},
		{"a repeat that another article copies", [][]string{{passage, other, passage}, {passage}}, "[0/1 0/3 1/1]", nil},
		{"an edited repeat joins through the copy", [][]string{{passage, edited}, {passage}}, "[0/1 0/2 1/1]", nil},
		{"short paragraphs take no part", [][]string{{"Reporting by Reuters.", passage}, {"Reporting by Reuters."}}, "", nil},
		{"two passages, two clusters", [][]string{{passage, other}, {other, edited}}, "[0/1 1/2] [0/2 1/1]", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paras := paragraphs(t, tt.arts...)
			cfg := DefaultConfig
			if tt.cfg != nil {
				cfg = *tt.cfg
			}
			clusters, _, err := Find(paras, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(paras, clusters); got != tt.want {
				t.Errorf("clusters = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestFindStats(t *testing.T) {
	paras := paragraphs(t, []string{passage, other}, []string{passage, "Too short."}, []string{edited})
	_, st, err := Find(paras, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	// passage twice collapses: 4 long paragraphs, 3 distinct sets; passage~edited verified.
	if st.Paragraphs != 4 || st.Distinct != 3 || st.Verified != 1 || st.Candidates < 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestVerificationRejectsCandidates(t *testing.T) {
	// An index tuned very low proposes the same-topic pair; verification must drop it.
	cfg := DefaultConfig
	cfg.Threshold = 0.01
	paras := paragraphs(t, []string{passage}, []string{topical})
	clusters, st, err := Find(paras, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(clusters) != 0 || st.Verified != 0 {
		t.Errorf("got clusters %s, stats %+v", describe(paras, clusters), st)
	}
}

func TestFindIsDeterministic(t *testing.T) {
	arts := [][]string{{passage, other}, {topical, edited}, {longer, other}, {passage}}
	paras := paragraphs(t, arts...)
	first, _, _ := Find(paras, DefaultConfig)
	for range 5 {
		again, _, _ := Find(paras, DefaultConfig)
		if !slices.EqualFunc(first, again, func(a, b Cluster) bool { return slices.Equal(a.Members, b.Members) }) {
			t.Fatalf("clusters changed between runs: %v then %v", first, again)
		}
	}
}

func TestBandShape(t *testing.T) {
	// ekzhu's optimiser: 32 bands of 2 rows for 64 hashes at threshold 0.15.
	if rows, bands := BandShape(DefaultConfig); rows != 2 || bands != 32 {
		t.Errorf("band shape %d rows × %d bands", rows, bands)
	}
	for _, c := range []struct{ j, want float64 }{{0.3, 0.951}, {0.43, 0.9986}, {0, 0}, {1, 1}} {
		if got := CandidateChance(DefaultConfig, c.j); math.Abs(got-c.want) > 5e-4 {
			t.Errorf("chance at Jaccard %g = %.4f, want %.4f", c.j, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Config{
		{Hashes: 1, Threshold: 0.5, MinJaccard: 0.5, MinRatio: 0.5},
		{Hashes: 2000, Threshold: 0.5, MinJaccard: 0.5, MinRatio: 0.5},
		{Hashes: 64, Threshold: 0, MinJaccard: 0.5, MinRatio: 0.5},
		{Hashes: 64, Threshold: 1, MinJaccard: 0.5, MinRatio: 0.5},
		{Hashes: 64, Threshold: 0.5, MinJaccard: 0, MinRatio: 0.5},
		{Hashes: 64, Threshold: 0.5, MinJaccard: 0.5, MinRatio: 1.5},
	}
	for _, c := range bad {
		if c.Validate() == nil {
			t.Errorf("Validate(%+v) = nil, want an error", c)
		}
	}
	if err := DefaultConfig.Validate(); err != nil {
		t.Errorf("DefaultConfig: %v", err)
	}
}

func TestClustersHoldEveryExactPair(t *testing.T) {
	arts := [][]string{{passage, other, topical}, {edited, longer}, {passage, other}, {topical + " And more words here.", edited}}
	paras := paragraphs(t, arts...)
	clusters, _, err := Find(paras, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	group := Groups(clusters, len(paras))
	exact := ExactPairs(paras, DefaultConfig)
	if len(exact) == 0 {
		t.Fatal("no exact pairs to check")
	}
	for _, p := range exact {
		if group[p.A] < 0 || group[p.A] != group[p.B] {
			t.Errorf("exact pair %+v is not in one cluster", p)
		}
	}
}

func TestABigBucketIsNotAllPairs(t *testing.T) {
	// 300 articles carry the same passage, each lightly edited in its own way:
	// one cluster, and far fewer checks than its 44,850 pairs.
	var arts [][]string
	for i := range 300 {
		arts = append(arts, []string{fmt.Sprintf("Report %d: %s", i, passage)})
	}
	paras := paragraphs(t, arts...)
	clusters, st, err := Find(paras, DefaultConfig)
	if err != nil {
		t.Fatal(err)
	}
	if len(clusters) != 1 || len(clusters[0].Members) != 300 {
		t.Fatalf("got %d clusters", len(clusters))
	}
	if st.Candidates > 2000 {
		t.Errorf("%d pairs verified for a cluster of 300", st.Candidates)
	}
}

// same is verification by its definition, the reference for Passes.
func (c Config) same(a, b shingle.Set, sim shingle.Similarity) bool {
	short, long := min(len(a), len(b)), max(len(a), len(b))
	if float64(short) < c.MinRatio*float64(long) {
		return c.MinContain > 0 && short > 0 && sim.Containment >= c.MinContain
	}
	return sim.Jaccard >= c.MinJaccard
}

func TestPassesAgreesWithSame(t *testing.T) {
	paras := paragraphs(t, []string{passage, edited, other, topical, longer, passage + " " + other})
	for i := range paras {
		for j := range paras {
			a, b := paras[i].Set, paras[j].Set
			for _, cfg := range []Config{DefaultConfig, {MinJaccard: 0.2, MinRatio: 0}, {MinJaccard: 0.9, MinRatio: 0.9}, {MinJaccard: 1, MinRatio: 1}, {MinJaccard: 0.3, MinRatio: 0.7, MinContain: 0.5}, {MinJaccard: 0.3, MinRatio: 0.9, MinContain: 1}} {
				if got, want := cfg.Passes(a, b), cfg.same(a, b, similarity(a, b)); got != want {
					t.Errorf("¶%d ¶%d %+v: passes %v, same %v (%+v)", i, j, cfg, got, want, similarity(a, b))
				}
			}
		}
	}
}

// TestVerifySplit checks that the clusters do not depend on how many parts
// verify splits the bands into: each part joins with its own union-find, and
// only the union of the parts' joins may count.
func TestVerifySplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 400)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	// 60 passages of 30 words, each republished in up to 6 articles with up
	// to a third of its words replaced: clusters, chains and near misses.
	var arts [][]string
	for range 60 {
		words := make([]string, 30)
		for i := range words {
			words[i] = vocab[rng.IntN(len(vocab))]
		}
		for range 1 + rng.IntN(6) {
			cp := slices.Clone(words)
			for range rng.IntN(11) {
				cp[rng.IntN(len(cp))] = vocab[rng.IntN(len(vocab))]
			}
			arts = append(arts, []string{strings.Join(cp, " ") + "."})
		}
	}
	rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	paras := paragraphs(t, arts...)
	cfg := DefaultConfig
	sets := collapse(paras)
	sigs := sign(sets, cfg)
	buckets, err := band(sigs, cfg)
	if err != nil {
		t.Fatal(err)
	}

	components := func(parts int) ([]int, Stats) {
		var st Stats
		uf := verify(sets, sigs, buckets, cfg, parts, &st)
		root := make([]int, len(sets)) // each set's component, named by its first set
		first := map[int]int{}
		for i := range sets {
			r := uf.find(i)
			if _, ok := first[r]; !ok {
				first[r] = i
			}
			root[i] = first[r]
		}
		return root, st
	}
	want, wantSt := components(1)
	if wantSt.Verified == 0 {
		t.Fatal("no pair verified: the corpus tests nothing")
	}
	for _, parts := range []int{2, 3, 7, 64} {
		got, st := components(parts)
		if !slices.Equal(got, want) {
			t.Errorf("%d parts: components differ from one part's", parts)
		}
		if st.Verified != wantSt.Verified {
			t.Errorf("%d parts: %d verified, one part %d", parts, st.Verified, wantSt.Verified)
		}
		if st.Candidates < wantSt.Candidates {
			t.Errorf("%d parts: %d candidates, fewer than one part's %d", parts, st.Candidates, wantSt.Candidates)
		}
	}
	t.Logf("%d sets, %d joined, %d candidates in one part", len(sets), wantSt.Verified, wantSt.Candidates)
}

func TestSetBits(t *testing.T) {
	tests := []struct {
		n    int
		bits uint
		ok   bool
	}{
		{0, minSetBits, true},
		{1 << 26, 27, true},
		{1<<26 - 1, 26, true},
		{100_000_000, 27, true},
		{1<<40 - 1, 40, true},
		{1 << 40, 0, false},
	}
	for _, tt := range tests {
		b, err := setBitsFor(tt.n)
		if (err == nil) != tt.ok || b != tt.bits {
			t.Errorf("setBitsFor(%d) = %d, %v; want %d, ok %v", tt.n, b, err, tt.bits, tt.ok)
		}
		if err != nil {
			continue
		}
		k := bandKeys{setBits: b}
		for _, set := range []int{0, 1, max(0, tt.n-1)} {
			key := k.key(^uint64(0), set)
			if k.set(key) != set || k.bucket(key) != ^uint64(0)>>b {
				t.Errorf("%d sets: key of set %d reads back as set %d, bucket %x", tt.n, set, k.set(key), k.bucket(key))
			}
		}
	}
}

func TestCopies(t *testing.T) {
	const formula = "Zehntel Inc said it filed a registration statement with the Securities and Exchange Commission covering a proposed offering of 13.5 mln dlrs of debentures."
	tests := []struct {
		name  string
		a, b  string
		facts bool
		want  bool
	}{
		{"the same words", formula, formula, true, true},
		{"another company and amount, words only", formula, strings.NewReplacer("Zehntel", "Hechinger", "13.5", "25").Replace(formula), false, true},
		{"another company and amount, facts asked", formula, strings.NewReplacer("Zehntel", "Hechinger", "13.5", "25").Replace(formula), true, false},
		{"edited, facts kept", formula, strings.Replace(formula, "said it filed", "said today it had filed", 1), true, true},
		{"cut to its first words, facts kept", formula + " " + passage, formula, true, true},
		{"other words", formula, passage, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := paragraphs(t, []string{tt.a}, []string{tt.b})
			a, b := &ps[0], &ps[1]
			if got := DefaultConfig.Copies(a, b, shingle.FactsOf(a.Text), shingle.FactsOf(b.Text), tt.facts); got != tt.want {
				t.Errorf("Copies = %v, want %v (%+v)", got, tt.want, shingle.Compare(a.Set, b.Set))
			}
		})
	}
}
