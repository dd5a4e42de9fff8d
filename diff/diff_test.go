package diff

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/reprint/reprint/prose"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name, original, copy string
		want                 string // Mark with Brackets
		changes              int
	}{
		{"identical", "The army said so.", "The army said so.", "The army said so.", 0},
		{"case and typography do not count", "It’s “over”, he said.", "it's \"OVER\" he said", "it's \"OVER\" he said", 0},
		{"lead-in rewritten", "Since Friday, the Egyptian Air Force has been carrying out airstrikes",
			"In May 2017, the Egyptian Air Force has been carrying out airstrikes",
			"[-Since Friday,-] {+In May 2017,+} the Egyptian Air Force has been carrying out airstrikes", 1},
		{"tense", "and it is indeed a threat", "and it was indeed a threat", "and it [-is-] {+was+} indeed a threat", 1},
		{"insertion", "According to analysts, the group", "According to many analysts, the group",
			"According to {+many+} analysts, the group", 1},
		{"deletion", "the long and winding road", "the winding road", "the [-long and-] winding road", 1},
		{"empty copy", "two words", "", "[-two words-]", 1},
		{"empty original", "", "two words", "{+two words+}", 1},
		{"two edits", "a b c d e f g h", "a x c d e f y h", "a [-b-] {+x+} c d e f [-g-] {+y+} h", 2},
		{"sentence moved to the front: the words unique to both keep the rest in place",
			"Yukos will sue Baikal for damages. Its lawyers want the assets frozen. The motives are unclear.",
			"The motives are unclear. Yukos will sue Baikal for damages. Its lawyers want the assets frozen.",
			"{+The motives are unclear.+} Yukos will sue Baikal for damages. Its lawyers want the assets frozen. [-The motives are unclear.-]", 2},
		{"no word unique to both: the library's search alone", "a b a b a", "b a b", "[-a-] b a b [-a-]", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Compare(tt.original, tt.copy)
			if got := Brackets.Apply(d); got != tt.want {
				t.Errorf("Mark = %q, want %q", got, tt.want)
			}
			if len(d.Changes) != tt.changes {
				t.Errorf("%d changes %+v, want %d", len(d.Changes), d.Changes, tt.changes)
			}
			checkChanges(t, tt.original, tt.copy, d)
		})
	}
}

// checkChanges proves that the changes, applied to the original's words,
// give the copy's, and that each change shows the words it counts.
func checkChanges(t *testing.T, original, copy string, d Diff) {
	t.Helper()
	a, b := prose.Keys(original), prose.Keys(copy)
	var out []string
	i := 0
	for _, c := range d.Changes {
		if c.OrigStart < i || c.OrigEnd < c.OrigStart || c.OrigEnd > len(a) || c.CopyEnd > len(b) || c.CopyStart > c.CopyEnd {
			t.Fatalf("change %+v out of range (%d, %d words)", c, len(a), len(b))
		}
		out = append(out, a[i:c.OrigStart]...)
		out = append(out, b[c.CopyStart:c.CopyEnd]...)
		if got, want := prose.Keys(d.Deleted(c)), a[c.OrigStart:c.OrigEnd]; !containsRun(got, want) {
			t.Errorf("Deleted = %q, whose words %q are not %q", d.Deleted(c), got, want)
		}
		if got, want := prose.Keys(d.Inserted(c)), b[c.CopyStart:c.CopyEnd]; !containsRun(got, want) {
			t.Errorf("Inserted = %q, whose words %q are not %q", d.Inserted(c), got, want)
		}
		i = c.OrigEnd
	}
	out = append(out, a[i:]...)
	if !slices.Equal(out, b) {
		t.Fatalf("applying the changes gives %q, want %q", out, b)
	}
}

// containsRun reports whether the words shown hold the words counted, in
// order: a character NFKC expands into two words shows both when one of
// them changed.
func containsRun(shown, counted []string) bool {
	for k := 0; k+len(counted) <= len(shown); k++ {
		if slices.Equal(shown[k:k+len(counted)], counted) {
			return true
		}
	}
	return false
}

func FuzzCompare(f *testing.F) {
	f.Add("Since Friday, the Egyptian Air Force", "In May 2017, the Egyptian Air Force")
	f.Add("a b a b a", "b a b")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, original, copy string) {
		d := Compare(original, copy)
		checkChanges(t, original, copy, d)
		if (len(d.Changes) == 0) != (Compare(copy, original).Same()) {
			t.Errorf("Same is not symmetric")
		}
	})
}

// manyCopies is an original and n copies of it, each with two words no
// other text has: the shape of a syndicated sentence across an archive.
func manyCopies(n int) (string, []string) {
	original := "The central bank raised its main interest rate by a quarter of a point on Thursday"
	copies := make([]string, n)
	for i := range copies {
		copies[i] = fmt.Sprintf("%s, said w%da and w%db.", original, i, i)
	}
	return original, copies
}

// TestManyCopiesLinear: comparing one base with n copies allocates in
// proportion to n. The bytes per copy at 8,000 copies are within twice
// those at 1,000 (a base that reallocated its word tallies for every copy
// grew them with n).
func TestManyCopiesLinear(t *testing.T) {
	perCopy := func(n int) float64 {
		original, copies := manyCopies(n)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		base := NewBase(original)
		for _, c := range copies {
			base.Compare(c)
		}
		runtime.ReadMemStats(&after)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := perCopy(1000), perCopy(8000)
	if large > 2*small {
		t.Errorf("%.0f bytes a copy at 8,000 copies, %.0f at 1,000: the cost grows with the number of copies", large, small)
	}
}

// BenchmarkManyCopies: the time a copy takes stays flat as the copies grow.
func BenchmarkManyCopies(b *testing.B) {
	for _, n := range []int{1000, 10000, 80000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			original, copies := manyCopies(n)
			for b.Loop() {
				base := NewBase(original)
				for _, c := range copies {
					base.Compare(c)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/copy")
		})
	}
}
