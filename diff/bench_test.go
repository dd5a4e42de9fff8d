package diff

import (
	"testing"

	"github.com/aymanbagabas/go-udiff/lcs"

	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/prose"
)

// BenchmarkCompare diffs every copy in the bench corpus's passages against
// the passage's original, one Base a passage, as the report does:
// "anchored" is Compare, "myers" the library's search over each whole
// paragraph, without anchors. Besides the speed it
// reports changed-words/copy, the words marked deleted or inserted: fewer is
// a closer diff, both being exact.
func BenchmarkCompare(b *testing.B) {
	res := benchdata.Scan(b)
	paras := res.Paragraphs
	type group struct {
		original string
		copies   []string
	}
	var groups []group
	var size int64
	copies := 0
	for _, ps := range res.Passages {
		orig := &paras[ps.Members[0].Para]
		g := group{original: orig.Text}
		for _, m := range ps.Members[1:] {
			if p := paras[m.Para]; p.Digest != orig.Digest {
				g.copies = append(g.copies, p.Text)
				size += int64(len(g.original) + len(p.Text))
			}
		}
		groups = append(groups, g)
		copies += len(g.copies)
	}
	for _, algo := range []struct {
		name    string
		changed func(base *Base, copy string) int
	}{
		{"anchored", func(base *Base, copy string) int {
			n := 0
			for _, c := range base.Compare(copy).Changes {
				n += c.OrigEnd - c.OrigStart + c.CopyEnd - c.CopyStart
			}
			return n
		}},
		{"myers", func(base *Base, copy string) int {
			n := 0
			for _, e := range lcs.DiffRunes(base.runes, base.encode(prose.Words(copy))) {
				n += e.End - e.Start + e.ReplEnd - e.ReplStart
			}
			return n
		}},
	} {
		b.Run(algo.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			changed := 0
			for b.Loop() {
				changed = 0
				for _, g := range groups {
					base := NewBase(g.original)
					for _, c := range g.copies {
						changed += algo.changed(base, c)
					}
				}
			}
			b.ReportMetric(float64(copies)*float64(b.N)/b.Elapsed().Seconds(), "copies/s")
			b.ReportMetric(float64(changed)/float64(copies), "changed-words/copy")
		})
	}
}
