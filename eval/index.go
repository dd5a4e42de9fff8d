package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
)

// An Agreement compares checking the latest articles of a corpus against
// an index of the rest with one scan of everything.
type Agreement struct {
	Archived, Checked int // articles added to the index, and checked against it
	Runs              int // index add runs the archive was added in
	// Same counts the checked articles' paragraphs in a passage of either
	// run whose passage has the same members and original in both; Total
	// counts them all.
	Same, Total int
	Read        int      // archived articles the checks read
	Differ      []string // the first paragraphs that differ, with both passages
}

// IndexAgreement sorts arts by date, adds all but the latest share of
// them to a new index in dir in runs add runs, checks the latest against
// it, and compares each of their paragraphs in a passage with a scan of
// every article with the same settings.
func IndexAgreement(arts []*article.Article, opts scan.Options, dir string, runs int, latest float64) (Agreement, error) {
	arts = slices.Clone(arts)
	article.SortByDate(arts)
	cut := len(arts) - int(latest*float64(len(arts)))
	ag := Agreement{Archived: cut, Checked: len(arts) - cut, Runs: runs}
	batch, err := scan.Run(arts, opts)
	if err != nil {
		return ag, err
	}
	want := passageOf(batch)
	for r := range runs {
		ix, err := archive.Open(dir, archive.Options{Create: true, Settings: &opts})
		if err != nil {
			return ag, err
		}
		_, err = ix.Add(arts[r*cut/runs:(r+1)*cut/runs], nil)
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return ag, err
		}
	}
	ix, err := archive.Open(dir, archive.Options{ReadOnly: true, Settings: &opts})
	if err != nil {
		return ag, err
	}
	defer ix.Close()
	res, rel, err := ix.Check(arts[cut:], scan.Options{}, true, nil)
	if err != nil {
		return ag, err
	}
	ag.Read = len(rel.Articles)
	got := passageOf(res)
	checked := map[string]bool{}
	for _, a := range arts[cut:] {
		checked[a.ID] = true
	}
	for _, para := range slices.Sorted(keysOf(want, got)) {
		if !checked[para[:strings.LastIndexByte(para, '#')]] {
			continue
		}
		ag.Total++
		if want[para] == got[para] {
			ag.Same++
		} else if len(ag.Differ) < 5 {
			ag.Differ = append(ag.Differ, fmt.Sprintf("%s: scan: %s; check: %s", para, or(want[para], "none"), or(got[para], "none")))
		}
	}
	return ag, nil
}

// passageOf names each paragraph in a passage, "article#n", with its
// passage: the original, then every member, sorted.
func passageOf(res *scan.Result) map[string]string {
	out := map[string]string{}
	name := func(m passage.Member) string {
		p := &res.Paragraphs[m.Para]
		return fmt.Sprintf("%s#%d", res.Articles[p.Article].ID, p.N)
	}
	for _, ps := range res.Passages {
		members := make([]string, len(ps.Members))
		for i, m := range ps.Members {
			members[i] = name(m)
		}
		slices.Sort(members)
		desc := name(ps.Members[0]) + " of " + strings.Join(members, " ")
		for _, m := range ps.Members {
			out[name(m)] = desc
		}
	}
	return out
}

// keysOf is every key of a and b.
func keysOf(a, b map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range a {
			if !yield(k) {
				return
			}
		}
		for k := range b {
			if _, ok := a[k]; !ok && !yield(k) {
				return
			}
		}
	}
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
