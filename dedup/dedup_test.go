package dedup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

func TestCut(t *testing.T) {
	tests := []struct {
		name, body string
		cut        []int
		want       string
	}{
		{"nothing", "a\n\nb", nil, "a\n\nb"},
		{"first", "a\n\nb\n\nc\n", []int{1}, "b\n\nc\n"},
		{"middle", "a\n\nb\n\nc\n", []int{2}, "a\n\nc\n"},
		{"last", "a\n\nb\n\nc\n", []int{3}, "a\n\nb\n"},
		{"last two", "a\n\nb\n\nc\n", []int{2, 3}, "a\n"},
		{"all", "a\n\nb\n", []int{1, 2}, "\n"},
		{"line mode", "a\nb\nc", []int{2}, "a\nc"},
		{"CRLF kept", "a\r\n\r\nb\r\n\r\nc", []int{2}, "a\r\n\r\nc"},
		{"multi-line paragraphs", "a1\na2\n\nb1\nb2\n\nc", []int{2}, "a1\na2\n\nc"},
		{"a hard-wrapped paragraph left alone", "a1\na2\n\nb1\nb2", []int{2}, "a1 a2"},
		{"hard-wrapped paragraphs left", "a1\na2\n\nb\n\nc1\nc2", []int{2}, "a1\na2\n\nc1\nc2"},
		{"indented", "  a\n\n  b\n\n  c", []int{1}, "  b\n\n  c"},
		{"out of range ignored", "a\n\nb", []int{0, 9}, "a\n\nb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cut(tt.body, tt.cut); got != tt.want {
				t.Errorf("Cut(%q, %v) = %q, want %q", tt.body, tt.cut, got, tt.want)
			}
		})
	}
}

func TestReplaceText(t *testing.T) {
	tests := []struct {
		name, record, body, newBody, want string
		page                              article.Article // what was read from an html page
	}{
		{"fields and order kept", `{"z":1,"text":"a\n\nb","id":"x"}`, "a\n\nb", "a", `{"z":1,"text":"a","id":"x"}`, article.Article{}},
		{"headline kept", `{"title":"T","text":"T\n\na\n\nb"}`, "a\n\nb", "b", `{"title":"T","text":"T\n\nb"}`, article.Article{}},
		{"spaces around", `{ "text" : "a\n\nb" , "n": [1, 2] }`, "a\n\nb", "b", `{ "text" : "b" , "n": [1, 2] }`, article.Article{}},
		{"markup not escaped", `{"text":"<p>a</p>\n\nb"}`, "<p>a</p>\n\nb", "<p>a</p>", `{"text":"<p>a</p>"}`, article.Article{}},
		{"nested text untouched", `{"meta":{"text":"x"},"text":"a\n\nb"}`, "a\n\nb", "a", `{"meta":{"text":"x"},"text":"a"}`, article.Article{}},
		{"html becomes text", `{"id":"x", "html":"<p>a</p><p>b</p>","n":1}`, "a\n\nb", "b", `{"id":"x", "text":"b","n":1}`, article.Article{}},
		{"html keeps what the page said", `{"id":"x","html":"<title>T</title><p>a</p><p>b</p>","title":"Own"}`, "a\n\nb", "b",
			`{"id":"x","published":"2017-05-29","source":"S","url":"http://u","text":"b","title":"Own"}`,
			article.Article{Title: "T", Published: time.Date(2017, 5, 29, 0, 0, 0, 0, time.UTC), Source: "S", URL: "http://u"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.page
			a.Body = tt.body
			got, err := replaceText([]byte(tt.record), &a, tt.newBody)
			if err != nil || string(got) != tt.want {
				t.Errorf("replaceText = %s, %v; want %s", got, err, tt.want)
			}
		})
	}
	for _, bad := range []string{`[]`, `{"id":1}`, `{"text":1}`, `{"text":"a"`} {
		if _, err := replaceText([]byte(bad), &article.Article{Body: "a"}, ""); err == nil {
			t.Errorf("replaceText(%s): no error", bad)
		}
	}
}

func FuzzReplaceText(f *testing.F) {
	f.Add(`{"id":"x","text":"T\n\na\n\nb"}`, 1)
	f.Add(`{"text":"a\u2029b","text":"c\r\n\r\nd"}`, 2)
	f.Add("{\"text\":\"T\\n\\n\xff a\\ud800 \\\"q\\\" b\\n\\nc\"}", 2)
	f.Fuzz(func(t *testing.T, record string, n int) {
		var rec struct{ Text string }
		if json.Unmarshal([]byte(record), &rec) != nil {
			return
		}
		out, err := replaceText([]byte(record), &article.Article{Body: rec.Text}, Cut(rec.Text, []int{n}))
		if err != nil {
			return // not an object with a string "text": an error, never a panic
		}
		var got struct{ Text string }
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("replaceText(%s) wrote invalid JSON %s: %v", record, out, err)
		}
		if want := Cut(rec.Text, []int{n}); got.Text != want {
			t.Fatalf("replaceText(%s): text %q, want %q", record, got.Text, want)
		}
	})
}

// run scans with the default settings, as the command does.
func run(t *testing.T, arts []*article.Article) *scan.Result {
	t.Helper()
	r, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// seedJSONL writes the seed corpus as article JSONL with fields around
// "text", and reads it back keeping the records.
func seedJSONL(t *testing.T) (path string, arts []*article.Article) {
	t.Helper()
	seeds := article.Read([]string{"../testdata/seeds"}, article.Options{})
	if len(seeds.Articles) != 5 || len(seeds.Problems) > 0 {
		t.Fatalf("seeds: %d articles, problems %v", len(seeds.Articles), seeds.Problems)
	}
	var buf bytes.Buffer
	for i, a := range seeds.Articles {
		// a headline paragraph, CRLF in one article, and fields before and after
		text := a.Title + "\n\n" + a.Body
		if i == 1 {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		fmt.Fprintf(&buf, `{"lang":"en","id":%q,"title":%q,"published":%q,"text":%s,"tags":["a", "b"]}`+"\n",
			a.ID, a.Title, article.FormatDate(a.Published), mustJSON(t, text))
	}
	path = filepath.Join(t.TempDir(), "seeds.jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	c := article.Read([]string{path}, article.Options{KeepRecords: true})
	return path, c.Articles
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestKeepsOneCopy is the guarantee: every recycled passage keeps exactly one
// copy, every other paragraph is untouched, every field of every record stays,
// and a record with nothing cut is written byte for byte.
func TestKeepsOneCopy(t *testing.T) {
	path, arts := seedJSONL(t)
	rep := run(t, arts)
	if len(rep.Passages) != 7 {
		t.Fatalf("%d passages in the seeds, want 7", len(rep.Passages))
	}
	in, _ := os.ReadFile(path)
	for _, keep := range []string{KeepEarliest, KeepLongest} {
		t.Run(keep, func(t *testing.T) { checkKeepsOne(t, arts, rep, keep, in) })
	}
}

// TestKeepsOneCopyGenerated is the same guarantee on a corpus with many
// copies per passage, edited copies, and repeats within one article.
func TestKeepsOneCopyGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(5000)) }
	para := func(n int) []string {
		ws := make([]string, n)
		for i := range ws {
			ws[i] = word()
		}
		return ws
	}
	pool := make([][]string, 30)
	for i := range pool {
		pool[i] = para(15 + rng.IntN(30))
	}
	var buf bytes.Buffer
	for a := range 60 {
		var paras []string
		for range 6 {
			if rng.IntN(3) == 0 {
				paras = append(paras, strings.Join(para(20), " ")) // its own
				continue
			}
			p := slices.Clone(pool[rng.IntN(len(pool))])
			if rng.IntN(2) == 0 {
				p[rng.IntN(len(p))] = word() // edited
			}
			paras = append(paras, strings.Join(p, " "))
		}
		fmt.Fprintf(&buf, `{"id":"a%02d","published":"2024-01-%02d","text":%s}`+"\n", a, 1+a%28, mustJSON(t, strings.Join(paras, "\n\n")))
	}
	arts, problems, err := article.ReadJSONL(bytes.NewReader(buf.Bytes()), "gen.jsonl")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	rep := run(t, arts)
	if len(rep.Passages) < 20 {
		t.Fatalf("only %d passages in the generated corpus", len(rep.Passages))
	}
	for _, keep := range []string{KeepEarliest, KeepLongest} {
		t.Run(keep, func(t *testing.T) { checkKeepsOne(t, arts, rep, keep, buf.Bytes()) })
	}
}

func checkKeepsOne(t *testing.T, arts []*article.Article, rep *scan.Result, keep string, in []byte) {
	t.Helper()
	plan, err := NewPlan(rep, Options{Keep: keep, Rule: lsh.DefaultConfig, MinCover: DefaultMinCover})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := plan.Write(&out, arts); err != nil {
		t.Fatal(err)
	}
	written, problems, err := article.ReadJSONL(bytes.NewReader(out.Bytes()), "clean.jsonl")
	if err != nil || len(problems) > 0 || len(written)+len(plan.Articles) != len(arts) {
		t.Fatalf("output: %d articles, %d dropped, of %d: %v %v", len(written), len(plan.Articles), len(arts), problems, err)
	}
	inLines := strings.Split(strings.TrimSuffix(string(in), "\n"), "\n")
	allOut := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	clean := make([]*article.Article, len(arts)) // nil: dropped whole
	outLines := make([]string, len(arts))
	for _, d := range plan.Articles {
		if !d.Empty {
			t.Errorf("%s dropped for its share without --min-share", arts[d.Article].ID)
		}
		if got, want := len(plan.cut[d.Article]), len(prose.Paragraphs(arts[d.Article].Body)); got != want {
			t.Errorf("%s dropped whole with %d of %d paragraphs cut", arts[d.Article].ID, got, want)
		}
		clean[d.Article] = &article.Article{}
	}
	k := 0
	for i := range arts {
		if clean[i] == nil {
			clean[i], outLines[i] = written[k], allOut[k]
			k++
		} else {
			clean[i], outLines[i] = nil, ""
		}
	}

	left := map[[2]int]bool{} // (article, paragraph) still there
	for i, a := range arts {
		if clean[i] == nil {
			continue
		}
		before, after := prose.Paragraphs(a.Body), prose.Paragraphs(clean[i].Body)
		cut := plan.cut[article.Index(i)]
		var want []string
		for n, p := range before {
			if !slices.Contains(cut, n+1) {
				want = append(want, p)
				left[[2]int{i, n + 1}] = true
			}
		}
		if !slices.Equal(after, want) {
			t.Errorf("%s: paragraphs %q, want %q", a.ID, after, want)
		}
		if clean[i].ID != a.ID || clean[i].Title != a.Title || !clean[i].Published.Equal(a.Published) {
			t.Errorf("%s: fields changed to %+v", a.ID, clean[i])
		}
		if len(cut) == 0 && outLines[i] != inLines[i] {
			t.Errorf("%s: nothing cut, but the record changed", a.ID)
		}
		// the record around "text" is the same
		pre, _, _ := strings.Cut(inLines[i], `"text":`)
		if !strings.HasPrefix(outLines[i], pre) {
			t.Errorf("%s: the fields before the text changed: %.80s", a.ID, outLines[i])
		}
	}
	checkCovered(t, rep, left)
	inCluster := map[[2]int]bool{}
	for _, ps := range rep.Passages {
		for _, m := range ps.Members {
			inCluster[place(rep, m.Para)] = true
		}
	}
	for i, a := range arts {
		for n := range prose.Paragraphs(a.Body) {
			if k := [2]int{i, n + 1}; !inCluster[k] && !left[k] {
				t.Errorf("%s ¶%d is in no passage but was cut", a.ID, n+1)
			}
		}
	}
}

// checkCovered is dedup's promise: every passage keeps at least one
// paragraph, and every paragraph cut has a kept paragraph of its passage that
// passes the verification rule against it and holds DefaultMinCover of its
// shingles.
func checkCovered(t *testing.T, rep *scan.Result, left map[[2]int]bool) {
	t.Helper()
	for i, ps := range rep.Passages {
		var kept []passage.Member
		for _, m := range ps.Members {
			if left[place(rep, m.Para)] {
				kept = append(kept, m)
			}
		}
		if len(kept) == 0 {
			t.Errorf("passage %d keeps no copy", i+1)
		}
		for _, m := range ps.Members {
			if left[place(rep, m.Para)] {
				continue
			}
			p := &rep.Paragraphs[m.Para]
			if !slices.ContainsFunc(kept, func(k passage.Member) bool {
				kp := &rep.Paragraphs[k.Para]
				return lsh.DefaultConfig.Copies(kp, p, k.Facts, m.Facts, ps.Formula) && shingle.Compare(p.Set, kp.Set).Containment >= DefaultMinCover
			}) {
				t.Errorf("passage %d: %s ¶%d cut, but no kept paragraph passes against it", i+1, rep.Articles[p.Article].ID, p.N)
			}
		}
	}
}

// place is a scanned paragraph as (article index, paragraph number).
func place(rep *scan.Result, para shingle.ParaID) [2]int {
	a, n := rep.Place(para)
	return [2]int{int(a), n}
}

// TestChainOfEdits: a 60-word paragraph with a sixth of its words replaced at
// each of five steps, each step its own article. Versions that no longer
// pass against the kept copy are not cut.
func TestChainOfEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	words := make([]string, 60)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", rng.IntN(100000))
	}
	var buf bytes.Buffer
	for step := range 6 {
		if step > 0 {
			for _, i := range rng.Perm(len(words))[:10] {
				words[i] = fmt.Sprintf("x%d", rng.IntN(100000))
			}
		}
		own := fmt.Sprintf("Its own paragraph %d, about nothing else in the corpus at all, said the spokesman.", step)
		fmt.Fprintf(&buf, `{"id":"v%d","published":"2024-03-%02d","text":%s}`+"\n", step+1, step+1, mustJSON(t, strings.Join(words, " ")+"\n\n"+own))
	}
	arts, problems, err := article.ReadJSONL(bytes.NewReader(buf.Bytes()), "chain.jsonl")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	rep := run(t, arts)
	id := func(p *shingle.Paragraph) string { return rep.Articles[p.Article].ID }
	for i, ps := range rep.Passages {
		orig := &rep.Paragraphs[ps.Members[0].Para]
		for _, pm := range ps.Members[1:] {
			m, of := &rep.Paragraphs[pm.Para], &rep.Paragraphs[ps.Members[pm.CopyOf].Para]
			if !lsh.DefaultConfig.Passes(of.Set, m.Set) {
				t.Errorf("passage %d: %s listed as a copy of %s, which it does not pass against", i+1, id(m), id(of))
			}
			if j := shingle.Compare(m.Set, orig.Set).Jaccard; j < passage.Resemble*lsh.DefaultConfig.MinJaccard {
				t.Errorf("passage %d: %s in the passage of %s at Jaccard %.2f", i+1, id(m), id(orig), j)
			}
		}
	}
	if len(rep.Passages) < 2 {
		t.Errorf("%d passages: the chain was not split", len(rep.Passages))
	}
	for _, keep := range []string{KeepEarliest, KeepLongest} {
		t.Run(keep, func(t *testing.T) { checkKeepsOne(t, arts, rep, keep, buf.Bytes()) })
	}
}

func TestKeepLongest(t *testing.T) {
	_, arts := seedJSONL(t)
	rep := run(t, arts)
	plan, _ := NewPlan(rep, Options{Keep: KeepLongest, Rule: lsh.DefaultConfig, MinCover: DefaultMinCover})
	for _, d := range plan.Dropped {
		for _, m := range rep.Passages[d.Passage-1].Members {
			if p := &rep.Paragraphs[m.Para]; p.Words > rep.Paragraphs[d.Kept].Words {
				t.Errorf("passage %d keeps ¶%d of %s (%d words), not its longest (%d words)",
					d.Passage, rep.Paragraphs[d.Kept].N, rep.Articles[rep.Paragraphs[d.Kept].Article].ID, rep.Paragraphs[d.Kept].Words, p.Words)
			}
		}
	}
}

func TestMinShare(t *testing.T) {
	_, arts := seedJSONL(t)
	rep := run(t, arts)
	plan, err := NewPlan(rep, Options{Keep: KeepEarliest, MinShare: 0.3, Rule: lsh.DefaultConfig, MinCover: DefaultMinCover})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Articles) == 0 {
		t.Fatal("no article dropped at a share of 0.3; the seeds' 002 reuses more")
	}
	for _, a := range plan.Articles {
		if a.Share < 0.3 {
			t.Errorf("%s dropped at share %.2f", arts[a.Article].ID, a.Share)
		}
		for i, ps := range rep.Passages {
			if rep.Paragraphs[ps.Members[0].Para].Article == a.Article {
				t.Errorf("%s dropped, but it holds the original of passage %d", arts[a.Article].ID, i+1)
			}
		}
	}
	var out bytes.Buffer
	if err := plan.Write(&out, arts); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(out.String(), "\n"), len(arts)-len(plan.Articles); got != want {
		t.Errorf("%d records written, want %d", got, want)
	}
	for _, bad := range []Options{{Keep: "first"}, {Keep: KeepEarliest, MinShare: 1.5}} {
		if _, err := NewPlan(rep, bad); err == nil {
			t.Errorf("NewPlan(%+v): no error", bad)
		}
	}
}

// TestSkipPartial: a scan without partial reuse gives dedup the same plan
// when no article is dropped by its share, and cannot serve a plan that is.
func TestSkipPartial(t *testing.T) {
	_, arts := seedJSONL(t)
	opts := Options{Keep: KeepEarliest, Rule: lsh.DefaultConfig, MinCover: DefaultMinCover}
	full, err := NewPlan(run(t, arts), opts)
	if err != nil {
		t.Fatal(err)
	}
	so := scan.DefaultOptions
	so.SkipPartial = true
	skipped, err := scan.Run(arts, so)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := NewPlan(skipped, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(plan.Dropped, full.Dropped) || len(plan.Dropped) == 0 {
		t.Errorf("without partial reuse the plan cuts %+v, with it %+v", plan.Dropped, full.Dropped)
	}
	opts.MinShare = 0.3
	if _, err := NewPlan(skipped, opts); err == nil {
		t.Error("NewPlan with a minimum share on a scan without partial reuse: no error")
	}
}

// FuzzCut: what Cut leaves reads back as the paragraphs not cut, whatever the
// body's line breaks and wrapping.
func FuzzCut(f *testing.F) {
	f.Add("a1\na2\n\nb1\nb2", 2)
	f.Add("a\nb\nc", 1)
	f.Add("a\r\n\r\nb\u2029c", 3)
	f.Fuzz(func(t *testing.T, body string, n int) {
		paras := prose.Paragraphs(body)
		var want []string
		for k, p := range paras {
			if k+1 != n {
				want = append(want, p)
			}
		}
		if got := prose.Paragraphs(Cut(body, []int{n})); !slices.Equal(got, want) {
			t.Fatalf("Cut(%q, %d) reads as %q, want %q", body, n, got, want)
		}
	})
}

// TestCorpora holds dedup's promise on the development corpora beside the
// repository (../shared/corpora), when they are there: real copy, merged
// paragraphs and formulaic wire stories.
func TestCorpora(t *testing.T) {
	for _, name := range []string{"bbc", "reuters"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "shared", "corpora", name, name+".jsonl")
			in, err := os.ReadFile(path)
			if err != nil {
				t.Skipf("no %s: %v", path, err)
			}
			c := article.Read([]string{path}, article.Options{KeepRecords: true})
			if len(c.Problems) > 0 {
				t.Fatalf("%s: %v", path, c.Problems[0])
			}
			rep := run(t, c.Articles)
			for _, keep := range []string{KeepEarliest, KeepLongest} {
				t.Run(keep, func(t *testing.T) { checkKeepsOne(t, c.Articles, rep, keep, in) })
			}
		})
	}
}

// TestFormulaKeepsFacts: six companies' filings in one formula lose nothing;
// only the re-send of one filing, its facts kept, is cut.
func TestFormulaKeepsFacts(t *testing.T) {
	companies := []string{"Zehntel Inc", "Hechinger Co", "Alza Corp", "Kinburn Technology Corp", "Granges Exploration Ltd", "Systemhouse Inc"}
	filing := func(company string, mln, due int) string {
		return fmt.Sprintf("%s said it filed a registration statement with the Securities and Exchange Commission covering a proposed public offering of %d mln dlrs of convertible subordinated debentures due %d, through Morgan Stanley and Co Inc.", company, mln, due)
	}
	var arts []*article.Article
	for i, c := range companies {
		arts = append(arts, &article.Article{ID: c, Published: time.Date(1987, 3, 10+2*i, 0, 0, 0, 0, time.UTC), Body: filing(c, 50+25*i, 2001+i)})
	}
	arts = append(arts, &article.Article{ID: "resent", Published: time.Date(1987, 3, 11, 0, 0, 0, 0, time.UTC),
		Body: strings.Replace(filing(companies[0], 50, 2001), "said it filed", "said today it had filed", 1)})
	rep := run(t, arts)
	plan, err := NewPlan(rep, Options{Keep: KeepEarliest, Rule: lsh.DefaultConfig, MinCover: DefaultMinCover})
	if err != nil {
		t.Fatal(err)
	}
	var cut []string
	for _, d := range plan.Dropped {
		cut = append(cut, arts[d.Article].ID)
	}
	if !slices.Equal(cut, []string{"resent"}) {
		t.Errorf("cut %v, want only the re-send", cut)
	}
}

// TestChangedWords: the words of a copy that the kept copy does not have,
// counted with their multiplicity.
func TestChangedWords(t *testing.T) {
	tests := []struct {
		copy, kept string
		want       int
	}{
		{"the same words", "the same words", 0},
		{"words the same", "the same words", 0},
		{"In May 2017, the army struck", "Since Friday, the army struck", 3},
		{"the the the", "the", 2},
		{"the", "the the the", 0},
		{"", "anything", 0},
		{"all new", "", 2},
	}
	for _, tt := range tests {
		var w sortedWords
		kept := slices.Clone(w.of(tt.kept))
		if got := changedWords(w.of(tt.copy), kept); got != tt.want {
			t.Errorf("changedWords(%q, %q) = %d, want %d", tt.copy, tt.kept, got, tt.want)
		}
	}
}
