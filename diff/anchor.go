package diff

import (
	"sort"

	"github.com/aymanbagabas/go-udiff/lcs"
)

// An edit replaces a[Start:End] by b[ReplStart:ReplEnd].
type edit = lcs.Diff

// edits returns the edits from a to b, in order. Words that occur exactly
// once in each text pin the alignment first (the anchors of Bram Cohen's
// patience diff: of those pairs, the longest chain in the same order in both
// texts). Only the gaps between anchors go to the library's Myers search, each
// trimmed of its common ends, and a gap with words on one side only, or no
// word in common, is one edit without a search.
//
// Why: a copy that moved a sentence, or was edited in many places, puts the
// whole paragraph into one Myers search, whose cost grows with the square of
// the number of edits, and past 100 edits the library settles for a long
// answer. Cut at the anchors, the searches are short. On the bench corpus
// (go test -bench Compare ./diff) the diffs take less than half the time and
// mark 30% fewer words as changed. No Go library on the module proxy anchors
// this way in less than quadratic time (github.com/peter-evans/patience fills
// an n×m table; the histogram diffs we found are not served).
func (base *Base) edits(a, b []rune) []edit {
	var out []edit
	x, y := 0, 0 // the start of the next gap
	gap := func(x1, y1 int) {
		for x < x1 && y < y1 && a[x] == b[y] {
			x, y = x+1, y+1
		}
		for x < x1 && y < y1 && a[x1-1] == b[y1-1] {
			x1, y1 = x1-1, y1-1
		}
		switch {
		case x == x1 && y == y1:
		case x == x1, y == y1, base.disjoint(a[x:x1], b[y:y1]):
			out = append(out, edit{Start: x, End: x1, ReplStart: y, ReplEnd: y1})
		default:
			for _, e := range lcs.DiffRunes(a[x:x1], b[y:y1]) {
				out = append(out, edit{Start: e.Start + x, End: e.End + x, ReplStart: e.ReplStart + y, ReplEnd: e.ReplEnd + y})
			}
		}
	}
	for _, an := range base.anchors(a, b) {
		gap(an.i, an.j)
		x, y = an.i+1, an.j+1
	}
	gap(len(a), len(b))
	return out
}

// disjoint reports whether a and b have no word in common.
func (base *Base) disjoint(a, b []rune) bool {
	if len(a) == 1 && len(b) == 1 {
		return a[0] != b[0]
	}
	seen := base.tallies()
	for _, r := range a {
		seen[r].inA = 1
	}
	common := false
	for _, r := range b {
		if seen[r].inA != 0 {
			common = true
			break
		}
	}
	for _, r := range a {
		seen[r].inA = 0
	}
	return !common
}

// An anchor is a word at a[i] and b[j].
type anchor struct{ i, j int }

// anchors returns the longest chain of words unique to both texts that come
// in the same order in both, in order. The runes are the base's word ids, all
// below len(base.ids).
func (base *Base) anchors(a, b []rune) []anchor {
	seen := base.tallies()
	for i, r := range a {
		seen[r].inA++
		seen[r].at = int32(i)
	}
	for _, r := range b {
		seen[r].inB++
	}
	// The unique pairs in b's order; the chain is the longest increasing
	// subsequence of their positions in a, by patience sorting: tops[k] is
	// the pair ending the best chain of length k+1 found so far.
	pairs := base.pairs[:0]
	for j, r := range b {
		if s := seen[r]; s.inA == 1 && s.inB == 1 {
			pairs = append(pairs, link{anchor: anchor{int(s.at), j}})
		}
	}
	for _, r := range a {
		seen[r] = tally{}
	}
	for _, r := range b {
		seen[r] = tally{}
	}
	tops := base.tops[:0]
	for p := range pairs {
		k := sort.Search(len(tops), func(k int) bool { return pairs[tops[k]].i >= pairs[p].i })
		pairs[p].prev = -1
		if k > 0 {
			pairs[p].prev = tops[k-1]
		}
		if k == len(tops) {
			tops = append(tops, p)
		} else {
			tops[k] = p
		}
	}
	chain := make([]anchor, len(tops))
	if len(tops) > 0 {
		for k, p := len(tops)-1, tops[len(tops)-1]; k >= 0; k, p = k-1, pairs[p].prev {
			chain[k] = pairs[p].anchor
		}
	}
	base.pairs, base.tops = pairs, tops
	return chain
}

// A tally counts a word's occurrences in each text, and where in a it last was.
type tally struct{ inA, inB, at int32 }

// tallies is a zeroed tally for each of the base's word ids. Whoever marks
// it zeroes what it marked before it returns. Every copy can bring new words,
// so the room doubles when it runs out: a base compared with n copies of a
// few new words each allocates O(n), not O(n²).
func (base *Base) tallies() []tally {
	if cap(base.seen) < len(base.ids) {
		base.seen = make([]tally, len(base.ids), 2*len(base.ids))
	}
	return base.seen[:len(base.ids)]
}

// A link is a unique pair and the pair before it in its chain.
type link struct {
	anchor
	prev int
}
