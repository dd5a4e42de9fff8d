package shingle

import (
	"slices"
	"strings"
	"testing"

	"github.com/cespare/xxhash/v2"

	"github.com/reprint/reprint/article"
)

func TestWords(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"case folding", "The EGYPTIAN Air Force", "the egyptian air force"},
		{"curly apostrophe is straight", "Haftar\u2019s forces", "haftar's forces"},
		{"straight apostrophe", "Haftar's forces", "haftar's forces"},
		{"curly quotes dropped", "\u201cAny attempts\u201d", "any attempts"},
		{"no-break spaces", "carrying out\u00a0 airstrikes in\u00a0eastern", "carrying out airstrikes in eastern"},
		{"punctuation glued to words", "Army(LNA)and", "army lna and"},
		{"comma without space", "Army(LNA),to handle", "army lna to handle"},
		{"em and en dashes split", "Haftar \u2013 the commander\u2014of", "haftar the commander of"},
		{"hyphenated words kept", "al-Sisi air-attacks", "al-sisi air-attacks"},
		{"en dash inside a word is a hyphen", "al\u2013Sisi", "al-sisi"},
		{"numbers keep decimal points and commas", "$1.13bn, 10,000 people; 24/7", "1.13bn 10,000 people 24 7"},
		{"sentence full stop", "Sirte.The end.", "sirte the end"},
		{"full-width forms (NFKC)", "\uff21\uff22\uff23 news", "abc news"},
		{"ligature (NFKC)", "\ufb01nal", "final"},
		{"sharp s folds", "Straße", "strasse"},
		{"accents kept", "Café Zürich", "café zürich"},
		{"trailing apostrophe dropped", "terrorists\u2019 infiltration", "terrorists infiltration"},
		{"only punctuation", " -- ... ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(Words(tt.in), " "); got != tt.want {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

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
	if &a1.Set[0] != &b1.Set[0] || &a1.Hashes[0] != &b1.Hashes[0] {
		t.Error("paragraphs with the same words should share their hashes and set")
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

func FuzzWords(f *testing.F) {
	for _, s := range []string{"Army(LNA)and", "Haftar\u2019s", "1.13bn", "a--b", "\u00a0", "'x'", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := Words(s)
		for _, w := range words {
			if w == "" || strings.ContainsAny(w, " \t\n") {
				t.Fatalf("Words(%q) has word %q", s, w)
			}
		}
		// Normalising is idempotent: the words of the words are the words.
		if again := Words(strings.Join(words, " ")); !slices.Equal(again, words) {
			t.Fatalf("Words(%q) = %q, but the words of that are %q", s, words, again)
		}
	})
}

func TestWordsFastPathMatchesFullPath(t *testing.T) {
	for _, s := range []string{"Haftar\u2019s \u00a3600m Army(LNA)and \u2013 1.13bn", "Caf\u00e9 Stra\u00dfe", ""} {
		if got, want := Words(s), fullWords(s); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, full path %q", s, got, want)
		}
	}
}

func TestFastPathMatchesWords(t *testing.T) {
	for _, s := range []string{
		"Since Friday, the Egyptian Air Force has been carrying out\u00a0airstrikes.",
		"Army(LNA)and Haftar\u2019s forces \u2013 al\u2013Sisi \u2014 commander\u2014of",
		"$1.13bn, 10,000 people; 24/7 \u201cquoted\u201d \u2026 1\u20262 it's",
		"\u00a3600m (\u20ac1bn) 5\u00b0C \u2022 a\u00b7b 3\u00d74 \u00a7 2 \u00a9BBC \u2122", // \u2122 takes the full path
		"Caf\u00e9 Z\u00fcrich Stra\u00dfe \ufb01nal",                                        // takes the full path
		"", "--", "'a'", "a-", "-a", "1.", ".1", "a\u2019",
	} {
		if got, want := fastHashes(s), wordHashes(s); !slices.Equal(got, want) {
			t.Errorf("%q: fast path %v, Words %v (%q)", s, got, want, Words(s))
		}
	}
}

func fastHashes(s string) []uint64 {
	h, _ := appendWordHashes(nil, s, nil)
	return h
}

// wordHashes hashes the words of the full Unicode path, the reference.
func wordHashes(s string) []uint64 {
	var h []uint64
	for _, w := range fullWords(s) {
		h = append(h, xxhash.Sum64String(w))
	}
	return h
}

func FuzzFastPathMatchesWords(f *testing.F) {
	for _, s := range []string{"Haftar\u2019s", "1.13bn", "a--b", "\u00a0x", "x\u2026y", "\u2013-\u2014", "A'B-C.1,2", "0`0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fastHashes(s), wordHashes(s); !slices.Equal(got, want) {
			t.Fatalf("%q: fast path %v, Words %q", s, got, fullWords(s))
		}
		if got, want := Words(s), fullWords(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, full path %q", s, got, want)
		}
	})
}

func FuzzAtLeast(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4}, []byte{2, 3, 5}, 2)
	f.Fuzz(func(t *testing.T, x, y []byte, k int) {
		set := func(bs []byte) Set {
			s := make(Set, len(bs))
			for i, b := range bs {
				s[i] = uint64(b)
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
