package shingle

import (
	"github.com/reprint/reprint/prose"
	"slices"
	"strings"
	"testing"
)

func TestFactsOf(t *testing.T) {
	tests := []struct {
		name, text     string
		figures, names []string
	}{
		{"figures and names", "Zehntel Inc said it filed for 13.5 mln dlrs with the Securities and Exchange Commission.",
			[]string{"13.5"}, []string{"inc", "securities", "exchange", "commission"}},
		{"a sentence opener is not a name", "The bank said. Lending rose.", nil, nil},
		{"a name after a colon opens a sentence", "He said: Lending rose in Paris.", nil, []string{"paris"}},
		{"thousands commas and zero decimals", "It sold 1,000 shares at 2.0 dlrs and 2.50 dlrs.", []string{"1000", "2", "2.50"}, nil},
		{"numbers spelt out", "It cut two jobs in a six-month review, half of them.", []string{"2", "6", "1/2"}, nil},
		{"spelt and written are one figure", "It cut 2 jobs, then two more.", []string{"2"}, nil},
		{"years are not facts", "In May 2017 it rose 29 pct, as in 1987.", []string{"29"}, []string{"may"}},
		{"nor only four characters", "Terms 2-12, 1a23, 3000 and 1799 apply.", []string{"2-12", "1a23", "3000", "1799"}, nil},
		{"punctuation around a word", "Rates (9-7/8 pct) held, \"Moody\u2019s\" said.", []string{"9-7/8"}, []string{"moody's"}},
		{"fractions are one figure", "It pays 24/7 at 10-1/2 pct, 1/2 or 1987/88, not a/b or 3/ 4.", []string{"24/7", "10-1/2", "1/2", "1987/88", "3", "4"}, nil},
		{"a quoted sentence ends one", "\"It rose.\" Lending fell in Paris.", nil, []string{"paris"}},
		{"no facts", "the paragraph has neither figures nor names", nil, nil},
	}
	key := func(ws []string) Set {
		var s Set
		for _, w := range ws {
			s = append(s, ToKey(prose.Hash(w)))
		}
		slices.Sort(s)
		return s
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := FactsOf(tt.text)
			if !slices.Equal(f.Figures, key(tt.figures)) {
				t.Errorf("figures: %d of them, want %q", len(f.Figures), tt.figures)
			}
			if !slices.Equal(f.Names, key(tt.names)) {
				t.Errorf("names: %d of them, want %q", len(f.Names), tt.names)
			}
		})
	}
}

func TestCompareFacts(t *testing.T) {
	f := func(text string) Facts { return FactsOf("x " + text) }
	tests := []struct {
		name         string
		a, b         string
		part         bool
		figures, all float64
	}{
		{"the same facts", "Acme 10 20", "Acme 10 20", false, 1, 1},
		{"one of two figures changed", "Acme 10 20", "Acme 10 30", false, 1.0 / 3, 2.0 / 4},
		{"another company, other figures", "Acme 10", "Bolt 20", false, 0, 0},
		{"neither has facts", "a b", "c d", false, 1, 1},
		{"figures on one side only", "Acme 10", "Acme", false, 0, 0.5},
		{"a part keeps what it has", "Acme 10", "Acme 10 20 Bolt", true, 1, 1},
		{"a part without figures", "Acme", "Acme 10", true, 1, 1},
		{"a part with another figure", "Acme 30", "Acme 10 20", true, 0, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			figures, all := CompareFacts(f(tt.a), f(tt.b), tt.part)
			if figures != tt.figures || all != tt.all {
				t.Errorf("CompareFacts = %.3f, %.3f; want %.3f, %.3f", figures, all, tt.figures, tt.all)
			}
			if g, a := CompareFacts(f(tt.b), f(tt.a), tt.part); g != figures || a != all {
				t.Errorf("not symmetric: %.3f, %.3f the other way", g, a)
			}
		})
	}
}

// FuzzFactsOf holds that facts are sorted and distinct, in [0, 1] when
// compared, a paragraph agrees with itself, and white space between words
// does not change them.
func FuzzFactsOf(f *testing.F) {
	for _, s := range []string{"", "Acme Inc said 10 pct.", "In May 2017, two-thirds: Paris", "1,000.00 and 2.0", "ÉTAT Ünïcode 3½"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		facts := FactsOf(text)
		for _, s := range []Set{facts.Figures, facts.Names} {
			if !slices.IsSorted(s) || len(slices.Compact(slices.Clone(s))) != len(s) {
				t.Fatalf("facts not sorted and distinct: %v", s)
			}
		}
		for _, part := range []bool{false, true} {
			if g, a := CompareFacts(facts, facts, part); g != 1 || a != 1 {
				t.Fatalf("a paragraph agrees with itself %.3f, %.3f", g, a)
			}
		}
		spaced := FactsOf(strings.Join(strings.Fields(text), "  \n "))
		if !slices.Equal(spaced.Figures, facts.Figures) || !slices.Equal(spaced.Names, facts.Names) {
			t.Fatalf("white space changed the facts of %q", text)
		}
		other := FactsOf(strings.ToUpper(text))
		g, a := CompareFacts(facts, other, false)
		if !(g >= 0 && g <= 1 && a >= 0 && a <= 1) {
			t.Fatalf("agreement %.3f, %.3f out of range", g, a)
		}
	})
}
