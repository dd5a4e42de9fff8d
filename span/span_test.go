package span

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/shingle"
)

// find runs Find on articles given as lists of paragraphs, in input order,
// and describes the result as "source>target:words" items.
func find(t *testing.T, cfg Config, arts ...[]string) string {
	t.Helper()
	var as []*article.Article
	for i, ps := range arts {
		as = append(as, &article.Article{ID: fmt.Sprint(i), Body: strings.Join(ps, "\n\n")})
	}
	sh, _ := shingle.New(shingle.Config{Size: 2, MinWords: 1})
	paras := sh.Shingle(as)
	reuse, err := Find(paras, article.Chronology(as), passage.Membership{}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range reuse {
		var spans []string
		for _, s := range r.Spans {
			spans = append(spans, strings.Join(prose.Keys(paras[r.Target].Text)[s.TargetStart:s.TargetEnd], " "))
		}
		out = append(out, fmt.Sprintf("%d/%d>%d/%d:%d[%s]", paras[r.Source].Article, paras[r.Source].N,
			paras[r.Target].Article, paras[r.Target].N, r.Words(), strings.Join(spans, "|")))
	}
	return strings.Join(out, " ")
}

const (
	lifted = "Days after media outlets reported the arrival of Khalifa Haftar to Cairo, unknown airstrikes bombed Derna."
	host   = "Last October, over 23 people were killed in airstrikes. The attack occurred days after media outlets reported the arrival of Khalifa Haftar to Cairo."
)

func TestFind(t *testing.T) {
	cfg := Config{MinWords: 6}
	tests := []struct {
		name string
		arts [][]string
		want string
	}{
		{"a sentence lifted into a new paragraph", [][]string{{lifted}, {host}},
			"0/1>1/1:12[days after media outlets reported the arrival of khalifa haftar to cairo]"},
		{"later articles link to the earliest", [][]string{{lifted}, {host}, {"Sources said that days after media outlets reported the arrival of Khalifa Haftar to Cairo nothing happened."}},
			"0/1>1/1:12[days after media outlets reported the arrival of khalifa haftar to cairo] 0/1>2/1:12[days after media outlets reported the arrival of khalifa haftar to cairo]"},
		{"two spans in one paragraph", [][]string{{"one two three four five six seven eight nine ten"}, {"one two three four five six and then x y z eleven, five six seven eight nine ten"}},
			"0/1>1/1:12[one two three four five six|five six seven eight nine ten]"},
		{"shorter than the minimum", [][]string{{"one two three four five here"}, {"one two three four five there"}}, ""},
		{"the same article is not partial reuse", [][]string{{lifted, host}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := find(t, cfg, tt.arts...); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCommonPhrasesSeedNothing(t *testing.T) {
	stock := "the minister said in a statement on Monday that"
	var arts [][]string
	for i := range 5 {
		arts = append(arts, []string{fmt.Sprintf("Story %d words: %s story %d goes on", i, stock, i)})
	}
	if got := find(t, Config{MinWords: 6, Common: 4}, arts...); got != "" {
		t.Errorf("a phrase in 5 articles with Common 4 gave %s", got)
	}
	if got := find(t, Config{MinWords: 6, Common: 5}, arts...); strings.Count(got, ">") != 4 {
		t.Errorf("a phrase in 5 articles with Common 5 gave %s, want 4 links to the first", got)
	}
}

func TestAWidelyCopiedPassageIsNoStockPhrase(t *testing.T) {
	// A passage copied into 6 articles (one cluster of copies), and lifted
	// into a new paragraph of a seventh: with Common 4, still partial reuse.
	wire := "Egypt launched six air strikes on militant camps in Libya's eastern city of Derna on Friday."
	var as []*article.Article
	for i := range 6 {
		as = append(as, &article.Article{ID: fmt.Sprint(i), Body: wire})
	}
	as = append(as, &article.Article{ID: "lifted", Body: "Officials said that Egypt launched six air strikes on militant camps, and more would follow soon after."})
	sh, _ := shingle.New(shingle.Config{Size: 2, MinWords: 1})
	paras := sh.Shingle(as)
	wired := passage.Passage{}
	for i := range 6 {
		wired.Members = append(wired.Members, passage.Member{Para: shingle.ParaID(i)})
	}
	copies := passage.Members([]passage.Passage{wired}, len(paras))
	reuse, err := Find(paras, article.Chronology(as), copies, Config{MinWords: 6, Common: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(reuse) != 1 || reuse[0].Source != 0 || reuse[0].Target != 6 || reuse[0].Words() != 8 {
		t.Errorf("reuse = %+v, want ¶0 -> ¶6 with 8 words", reuse)
	}
	if reuse, _ := Find(paras, article.Chronology(as), passage.Membership{}, Config{MinWords: 6, Common: 4}); len(reuse) != 0 {
		t.Errorf("without the clusters the run is in 7 places, more than 4: got %+v", reuse)
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []Config{{MinWords: 2}, {MinWords: 101}, {MinWords: 8, Common: -1}} {
		if c.Validate() == nil {
			t.Errorf("Validate(%+v) accepted", c)
		}
	}
}

func TestRunHashesRoll(t *testing.T) {
	h := []uint32{11, 22, 33, 44, 55, 66, 77}
	var rolled []uint64
	runHashes(h, 3, func(pos int, run uint64) { rolled = append(rolled, run) })
	if len(rolled) != 5 {
		t.Fatalf("%d runs of 3 in 7 words", len(rolled))
	}
	for i, got := range rolled {
		var direct []uint64
		runHashes(h[i:i+3], 3, func(_ int, run uint64) { direct = append(direct, run) })
		if len(direct) != 1 || direct[0] != got {
			t.Errorf("run %d: rolled %x, direct %v", i, got, direct)
		}
	}
	if rolled[0] == rolled[1] {
		t.Error("different runs, same hash")
	}
}

// TestFindOnEveryCore: the runs hashed on every core give the partial reuse
// hashing on one gives, link for link.
func TestFindOnEveryCore(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(3000)) }
	var pool []string // sentences the articles borrow from each other
	for range 40 {
		ws := make([]string, 12)
		for i := range ws {
			ws[i] = word()
		}
		pool = append(pool, strings.Join(ws, " "))
	}
	var as []*article.Article
	for a := range 120 {
		var paras []string
		for range 4 {
			ws := make([]string, 10)
			for i := range ws {
				ws[i] = word()
			}
			paras = append(paras, strings.Join(ws, " ")+" "+pool[rng.IntN(len(pool))]+" "+word())
		}
		as = append(as, &article.Article{ID: fmt.Sprint(a), Body: strings.Join(paras, "\n\n")})
	}
	sh, _ := shingle.New(shingle.Config{Size: 2, MinWords: 1})
	paras := sh.Shingle(as)
	find := func(procs int) []Reuse {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		reuse, err := Find(paras, article.Chronology(as), passage.Membership{}, DefaultConfig)
		if err != nil {
			t.Fatal(err)
		}
		return reuse
	}
	one, many := find(1), find(8)
	if len(one) == 0 || !reflect.DeepEqual(one, many) {
		t.Errorf("%d partial reuses on one core, %d on eight, or they differ", len(one), len(many))
	}
}
