package shingle

import (
	"slices"
	"testing"

	"github.com/reprint/reprint/article"
)

func shingler(t *testing.T, size, minWords int) *Shingler {
	t.Helper()
	s, err := New(Config{Size: size, MinWords: minWords})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewRejectsBadConfig(t *testing.T) {
	for _, cfg := range []Config{{Size: 0, MinWords: 1}, {Size: 17, MinWords: 1}, {Size: 2, MinWords: 0}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted a bad config", cfg)
		}
	}
}

func TestShingle(t *testing.T) {
	arts := []*article.Article{
		{ID: "a", Body: "Since Friday, the Egyptian Air Force has been bombing.\n\nToo short.\n\nThe Egyptian Air Force has been bombing, since Friday."},
		{ID: "b", Body: "SINCE FRIDAY the Egyptian\u00a0Air Force has been bombing!"},
	}
	paras := shingler(t, 2, 5).Shingle(arts)
	if len(paras) != 4 {
		t.Fatalf("got %d paragraphs, want 4", len(paras))
	}
	a1, short, a3, b1 := paras[0], paras[1], paras[2], paras[3]
	if a1.Article != 0 || a1.N != 1 || short.N != 2 || b1.Article != 1 || b1.N != 1 {
		t.Errorf("positions wrong: %+v", paras)
	}
	if short.Clustered() || short.Words != 2 {
		t.Errorf("a 2-word paragraph under MinWords 5 is clustered: %+v", short)
	}
	if a1.Digest != b1.Digest || !slices.Equal(a1.Set, b1.Set) {
		t.Error("the same words in other typography should be the same paragraph")
	}
	if &a1.Set[0] != &b1.Set[0] {
		t.Error("paragraphs with the same words should share their set")
	}
	if a1.Digest == a3.Digest {
		t.Error("reordered words must not share a digest")
	}
	if got := len(a1.Set); got != a1.Words-1 {
		t.Errorf("%d words give %d distinct 2-shingles, want %d", a1.Words, got, a1.Words-1)
	}
	if !slices.IsSorted(a1.Set) {
		t.Error("set not sorted")
	}
}

func TestSetShorterThanShingle(t *testing.T) {
	s := shingler(t, 5, 1)
	if got := s.Set([]uint64{1, 2}); len(got) != 1 {
		t.Errorf("2 words with size 5 give %d shingles, want 1", len(got))
	}
	if got := s.Set(nil); len(got) != 0 {
		t.Errorf("no words give %d shingles", len(got))
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b                 Set
		jaccard, containment float64
	}{
		{Set{1, 2, 3, 4}, Set{1, 2, 3, 4}, 1, 1},
		{Set{1, 2}, Set{1, 2, 3, 4}, 0.5, 1},
		{Set{1, 2, 3, 4}, Set{1, 2}, 0.5, 0.5},
		{Set{1, 2, 3}, Set{4, 5, 6}, 0, 0},
		{Set{1, 3, 5, 7}, Set{3, 4, 5, 6}, 2.0 / 6, 0.5},
		{Set{}, Set{1}, 0, 0},
	}
	for _, tt := range tests {
		got := Compare(tt.a, tt.b)
		if got.Jaccard != tt.jaccard || got.Containment != tt.containment {
			t.Errorf("Compare(%v, %v) = %+v, want {%v %v}", tt.a, tt.b, got, tt.jaccard, tt.containment)
		}
	}
}

func FuzzAtLeast(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4}, []byte{2, 3, 5}, 2)
	f.Fuzz(func(t *testing.T, x, y []byte, k int) {
		set := func(bs []byte) Set {
			s := make(Set, len(bs))
			for i, b := range bs {
				s[i] = uint32(b)
			}
			slices.Sort(s)
			return slices.Compact(s)
		}
		a, b := set(x), set(y)
		if got, want := AtLeast(a, b, k), Intersection(a, b) >= k; got != want {
			t.Fatalf("AtLeast(%v, %v, %d) = %v; intersection %d", a, b, k, got, Intersection(a, b))
		}
	})
}

func TestCheckCount(t *testing.T) {
	for _, tt := range []struct {
		n  int
		ok bool
	}{{0, true}, {MaxParagraphs, true}, {MaxParagraphs + 1, false}} {
		if err := CheckCount(tt.n); (err == nil) != tt.ok {
			t.Errorf("CheckCount(%d) = %v, want ok %v", tt.n, err, tt.ok)
		}
	}
}
