package archive

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/synth"
)

// corpus generates a dated republishing corpus (package synth) from
// made-up sources, so that the test needs no corpus beside the repository.
func corpus(t testing.TB, republished int) []*article.Article {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	vocab := make([]string, 4000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("%c%s%d", 'a'+rune(i%26), strings.Repeat("o", i%3+1), i)
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	var sources []synth.Source
	for s := range 80 {
		src := synth.Source{ID: fmt.Sprint("s", s), Topic: fmt.Sprint("topic", s%4), Title: fmt.Sprint("Story ", s)}
		for range 4 + rng.IntN(5) {
			words := make([]string, 20+rng.IntN(40))
			for w := range words {
				words[w] = vocab[zipf.Uint64()]
			}
			src.Paragraphs = append(src.Paragraphs, strings.Join(words, " ")+".")
		}
		sources = append(sources, src)
	}
	cfg := synth.DefaultConfig
	cfg.Republished = republished
	b, err := synth.Generate(sources, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.WriteJSONL(&buf); err != nil {
		t.Fatal(err)
	}
	arts, problems, err := article.ReadJSONL(&buf, "corpus.jsonl")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	article.SortByDate(arts)
	return arts
}

func create(t testing.TB, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, Options{Create: true, Settings: &scan.DefaultOptions})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// passages maps each paragraph in a passage, as "article#n", to its
// passage's original and members, sorted.
func passages(res *scan.Result) map[string]string {
	out := map[string]string{}
	name := func(m passage.Member) string {
		p := &res.Paragraphs[m.Para]
		return fmt.Sprintf("%s#%d", res.Articles[p.Article].ID, p.N)
	}
	for _, ps := range res.Passages {
		var members []string
		for _, m := range ps.Members {
			members = append(members, name(m))
		}
		slices.Sort(members)
		desc := name(ps.Members[0]) + " of " + strings.Join(members, " ")
		for _, m := range ps.Members {
			out[name(m)] = desc
		}
	}
	return out
}

// TestSameAsBatchScan adds a dated corpus in three runs, checks the latest
// articles against it, and compares each of their paragraphs in a passage
// with one scan of everything: the same members and the same original.
func TestSameAsBatchScan(t *testing.T) {
	arts := corpus(t, 400)
	batch, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := passages(batch)

	dir := filepath.Join(t.TempDir(), "index")
	cut := len(arts) * 9 / 10
	for _, part := range [][]*article.Article{arts[:cut/3], arts[cut/3 : 2*cut/3], arts[2*cut/3 : cut]} {
		ix := create(t, dir)
		if _, err := ix.Add(part, nil); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := Open(dir, Options{ReadOnly: true, Settings: &scan.DefaultOptions})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	latest := arts[cut:]
	res, rel, err := ix.Check(latest, scan.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := passages(res)

	checked := map[string]bool{}
	for _, a := range latest {
		checked[a.ID] = true
	}
	same, total := 0, 0
	for para, w := range want {
		if !checked[strings.Split(para, "#")[0]] {
			continue
		}
		total++
		if got[para] == w {
			same++
		} else {
			t.Logf("%s:\n  batch %s\n  check %s", para, w, got[para])
		}
	}
	for para := range got {
		if _, ok := want[para]; !ok && checked[strings.Split(para, "#")[0]] {
			total++
			t.Logf("%s: in a passage only in the check: %s", para, got[para])
		}
	}
	t.Logf("%d of %d checked paragraphs in passages as in the batch scan; %d archived articles read of %d, %d lookups",
		same, total, len(rel.Articles), cut, rel.Lookups)
	if total == 0 {
		t.Fatal("no checked paragraph in a passage: the corpus tests nothing")
	}
	if float64(same) < 0.98*float64(total) {
		t.Errorf("%d of %d paragraphs agree with the batch scan: want at least 98%%", same, total)
	}
}

func TestAddReplaceRemove(t *testing.T) {
	arts := corpus(t, 40)
	dir := filepath.Join(t.TempDir(), "index")
	ix := create(t, dir)
	st, err := ix.Add(arts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != len(arts) || st.Replaced != 0 || st.Unchanged != 0 {
		t.Errorf("first add: %+v, want %d added", st, len(arts))
	}
	st, err = ix.Add(arts[:5], nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 5 {
		t.Errorf("adding the same again: %+v, want 5 unchanged", st)
	}
	edited := *arts[0]
	edited.Body += "\n\nA correction was added to this story after it ran, with many words in it."
	st, err = ix.Add([]*article.Article{&edited}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Replaced != 1 {
		t.Errorf("adding a new version: %+v, want 1 replaced", st)
	}
	missing, err := ix.Remove([]string{arts[1].ID, "no-such-article"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(missing, []string{"no-such-article"}) {
		t.Errorf("missing = %q", missing)
	}
	ix.Close()

	ix, err = Open(dir, Options{ReadOnly: true, Settings: &scan.DefaultOptions})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != int64(len(arts)-1) {
		t.Errorf("stats: %d articles, want %d", s.Articles, len(arts)-1)
	}
	if s.First.IsZero() || s.Last.Before(s.First) {
		t.Errorf("stats: date range %v to %v", s.First, s.Last)
	}
	// The replaced article is found in its new version, the removed one not at all.
	e, found, err := ix.entry(arts[0].ID)
	if err != nil || !found {
		t.Fatal(err, found)
	}
	a, err := ix.record(e.num)
	if err != nil || a.Body != edited.Body {
		t.Errorf("replaced article reads back as %q, %v", a.Body, err)
	}
	if _, found, _ := ix.entry(arts[1].ID); found {
		t.Error("removed article still indexed")
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	create(t, dir).Close()
	other := scan.DefaultOptions
	other.LSH.Hashes = 128
	_, err := Open(dir, Options{Settings: &other})
	var se *SettingsError
	if !errors.As(err, &se) || se.Built.LSH.Hashes != 64 {
		t.Errorf("other settings: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none"), Options{Settings: &scan.DefaultOptions}); err == nil || !strings.Contains(err.Error(), "no index") {
		t.Errorf("missing index: %v", err)
	}
	busy := t.TempDir()
	if err := os.WriteFile(filepath.Join(busy, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(busy, Options{Create: true, Settings: &scan.DefaultOptions}); err == nil || !strings.Contains(err.Error(), "not a reprint index") {
		t.Errorf("folder of other files: %v", err)
	}
}

func TestLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := create(t, dir)
	defer ix.Close()
	start := time.Now()
	_, err := Open(dir, Options{Settings: &scan.DefaultOptions, Wait: 100 * time.Millisecond})
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "LOCK") {
		t.Errorf("second open: %v, want a LockedError naming the lock", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second open took %v", time.Since(start))
	}
}

func TestDateKeyOrder(t *testing.T) {
	dates := []string{"1969-07-20", "1987-10-19T09:30:00Z", "1987-10-19T09:30:00.5Z", "2026-01-01", ""}
	var keys [][]byte
	for i, d := range dates {
		t0, err := article.ParseDate(d)
		if err != nil {
			t.Fatal(err)
		}
		k := dateKey(&article.Article{Published: t0}, uint32(i))
		got, dated := dateOf(k)
		if dated != (d != "") || (dated && !got.Equal(t0)) {
			t.Errorf("%q reads back as %v, %v", d, got, dated)
		}
		keys = append(keys, k)
	}
	if !slices.IsSortedFunc(keys, bytes.Compare) {
		t.Error("date keys out of date order")
	}
}
