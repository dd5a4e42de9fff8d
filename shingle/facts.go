package shingle

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// Facts are the words a formula changes and a copy keeps: a paragraph's
// figures (words with a digit, or a number spelt out: amounts, rates,
// coupons, days of the month) and its names (words with a capital that do
// not open a sentence). Two filings of "X Corp said it filed a registration
// statement ..." share their word pairs and not their facts; an edited copy
// keeps most of them. A year is not a fact: it dates a story rather than
// stating it, an update adds one ("In May 2017, ..."), and a formula repeats
// it. Facts are read from the text as published, because the normalised
// words have lost their capitals, and from the paragraph alone: they do not
// depend on the corpus around it.
type Facts struct {
	Figures Set // hashes of the figures, as keyed by figure, sorted, distinct
	Names   Set // hashes of the names, lower-cased, sorted, distinct
}

// Len is the number of facts.
func (f Facts) Len() int { return len(f.Figures) + len(f.Names) }

// FactsOf reads a paragraph's facts from its text as published.
func FactsOf(text string) Facts {
	var f Facts
	opens := true // the next word opens a sentence
	for _, w := range strings.Fields(text) {
		t := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		opening := opens
		last, _ := utf8.DecodeLastRuneInString(w)
		opens = strings.ContainsRune(".?!:", last)
		if t == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(t)
		switch {
		case year(t):
		case strings.ContainsFunc(t, unicode.IsDigit):
			f.Figures = append(f.Figures, xxhash.Sum64String(figure(t)))
		case numberWord(t) != "":
			f.Figures = append(f.Figures, xxhash.Sum64String(numberWord(t)))
		case unicode.IsUpper(first) && !opening:
			f.Names = append(f.Names, xxhash.Sum64String(strings.ToLower(t)))
		}
	}
	for _, s := range []*Set{&f.Figures, &f.Names} {
		slices.Sort(*s)
		*s = slices.Compact(*s)
	}
	return f
}

// CompareFacts measures how far two paragraphs' facts agree: the Jaccard
// similarity of their figures, and of all their facts (figures and names
// together); or, when part is true (one paragraph is a part of the other),
// how much of the facts of whichever has fewer the other has, so that a part
// without figures keeps them all. Two paragraphs without any agree (1).
func CompareFacts(a, b Facts, part bool) (figures, all float64) {
	agree := func(shared, x, y int) float64 {
		switch {
		case x == 0 && y == 0, part && min(x, y) == 0:
			return 1
		case part:
			return float64(shared) / float64(min(x, y))
		}
		return float64(shared) / float64(x+y-shared)
	}
	fi, ni := Intersection(a.Figures, b.Figures), Intersection(a.Names, b.Names)
	figures = agree(fi, len(a.Figures), len(b.Figures))
	all = agree(fi+ni, a.Len(), b.Len())
	return figures, all
}

// figure is the key of a word with a digit: lower-cased, without thousands
// commas, and without a decimal part of zeros ("2.0" is "2", "1,000" is
// "1000").
func figure(t string) string {
	t = strings.ReplaceAll(strings.ToLower(t), ",", "")
	if whole, frac, ok := strings.Cut(t, "."); ok && whole != "" && strings.Trim(frac, "0") == "" {
		t = whole
	}
	return t
}

// year reports a four-digit year from 1800 to 2199.
func year(t string) bool {
	n, err := strconv.Atoi(t)
	return len(t) == 4 && err == nil && n >= 1800 && n <= 2199
}

// numberWords are the numbers news copy spells out, and their figures.
var numberWords = map[string]string{}

func init() {
	for i, w := range strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty") {
		numberWords[w] = strconv.Itoa(i)
	}
	for i, w := range strings.Fields("thirty forty fifty sixty seventy eighty ninety") {
		numberWords[w] = strconv.Itoa(30 + 10*i)
	}
	for w, n := range map[string]string{"hundred": "100", "thousand": "1000", "half": "1/2", "quarter": "1/4"} {
		numberWords[w] = n
	}
}

// numberWord is the figure of a number spelt out, or of a word that opens
// with one ("six-month" is "6"); "" for any other word.
func numberWord(t string) string {
	head, _, _ := strings.Cut(strings.ToLower(t), "-")
	return numberWords[head]
}
