package prose

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

func TestKeys(t *testing.T) {
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
			if got := strings.Join(Keys(tt.in), " "); got != tt.want {
				t.Errorf("Keys(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestWordBounds: each word lies where it is published, whichever path
// reads it.
func TestWordBounds(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The army(LNA)and", "The|army|LNA|and"},
		{"\u201cHaftar\u2019s forces\u201d \u2013 al\u2013Sisi\u2026", "Haftar\u2019s|forces|al\u2013Sisi"},
		{"$1.13bn, 10,000", "1.13bn|10,000"},
		{"Caf\u00e9 Z\u00fcrich, \ufb01nal", "Caf\u00e9|Z\u00fcrich|\ufb01nal"},
		{"e\u0301t\u00e9 \u2122", "e\u0301t\u00e9|\u2122"},
		{" \u06150 \u00a0\u0301x", "\u06150|\u0301x"},
	}
	for _, tt := range tests {
		var got []string
		for _, w := range Words(tt.in) {
			got = append(got, tt.in[w.Start:w.End])
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("Words(%q) lie at %q, want %q", tt.in, g, tt.want)
		}
	}
}

// referenceKeys is the plain statement of the normalised words: the whole
// text through NFKC, case folding and unify, then split into words.
func referenceKeys(s string) []string {
	s = cases.Fold().String(norm.NFKC.String(s))
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unify(r)
	}
	us := make([]unit, len(rs))
	for i, r := range rs {
		us[i] = unit{r: r}
	}
	var words []string
	start := -1
	for i, r := range rs {
		if isWordRune(r) || (start >= 0 && joins(us, i)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, string(rs[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, string(rs[start:]))
	}
	return words
}

// fullWords reads s by the Unicode path alone.
func fullWords(s string) []Word {
	var r Reader
	var out []Word
	r.eachFull(s, func(start, end int, key []byte) {
		out = append(out, Word{Start: int32(start), End: int32(end), Hash: Hash(key)})
	})
	return out
}

// checkWords checks the words of s against the reference: the same keys
// and hashes; bounds in order, inside s, each the word itself; the ASCII
// path the same as the Unicode path; and Hashes the same as Words.
func checkWords(t *testing.T, s string) {
	t.Helper()
	words, keys, want := Words(s), Keys(s), referenceKeys(s)
	if !slices.Equal(keys, want) {
		t.Fatalf("Keys(%q) = %q, reference %q", s, keys, want)
	}
	if len(words) != len(keys) {
		t.Fatalf("%q: %d words, %d keys", s, len(words), len(keys))
	}
	var r Reader
	if hashes := r.Hashes(nil, s); len(hashes) != len(words) || !slices.EqualFunc(hashes, words, func(h uint64, w Word) bool { return h == w.Hash }) {
		t.Fatalf("%q: Hashes %x, Words %+v", s, hashes, words)
	}
	_, _, ascii := asciiFold(s, nil, nil)
	for i, w := range words {
		if w.Hash != Hash(keys[i]) {
			t.Fatalf("%q: word %d hash is not its key's (%q)", s, i, keys[i])
		}
		if w.Start < 0 || w.Start >= w.End || int(w.End) > len(s) || i > 0 && (w.Start < words[i-1].Start || w.End < words[i-1].End) {
			t.Fatalf("%q: word %d (%q) at [%d, %d), after %+v", s, i, keys[i], w.Start, w.End, words[:i])
		}
		if at := s[w.Start:w.End]; strings.TrimFunc(at, unicode.IsSpace) != at {
			t.Fatalf("%q: word %d (%q) lies at %q, with its spaces", s, i, keys[i], at)
		}
		own := Keys(s[w.Start:w.End])
		if ascii && !slices.Equal(own, keys[i:i+1]) || !ascii && !slices.Contains(own, keys[i]) {
			t.Fatalf("%q: word %d (%q) lies at %q, whose words are %q", s, i, keys[i], s[w.Start:w.End], own)
		}
	}
	if ascii {
		if full := fullWords(s); !slices.Equal(words, full) {
			t.Fatalf("%q: ASCII path %v, Unicode path %v", s, words, full)
		}
	}
}

func TestWordsMatchReference(t *testing.T) {
	for _, s := range []string{
		"Since Friday, the Egyptian Air Force has been carrying out\u00a0airstrikes.",
		"Army(LNA)and Haftar\u2019s forces \u2013 al\u2013Sisi \u2014 commander\u2014of",
		"$1.13bn, 10,000 people; 24/7 \u201cquoted\u201d \u2026 1\u20262 it's",
		"\u00a3600m (\u20ac1bn) 5\u00b0C \u2022 a\u00b7b 3\u00d74 \u00a7 2 \u00a9BBC \u2122",
		"Caf\u00e9 Z\u00fcrich Stra\u00dfe \ufb01nal \u00bd e\u0301",
		"", "--", "'a'", "a-", "-a", "1.", ".1", "a\u2019", "0`0", "\xff\xfeA",
	} {
		checkWords(t, s)
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"Army(LNA)and", "Haftar\u2019s", "1.13bn", "a--b", "\u00a0x", "x\u2026y", "\u2013-\u2014", "A'B-C.1,2", "0`0", "\xff\xfe", "\u00bd\ufb01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWords(t, s)
		keys := Keys(s)
		for _, k := range keys {
			if k == "" || strings.ContainsFunc(k, unicode.IsSpace) {
				t.Fatalf("Keys(%q) has word %q", s, k)
			}
		}
		// Normalising is idempotent: the words of the words are the words.
		if again := Keys(strings.Join(keys, " ")); !slices.Equal(again, keys) {
			t.Fatalf("Keys(%q) = %q, but the words of that are %q", s, keys, again)
		}
	})
}
