package shingle

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/reprint/reprint/prose"
)

// Facts are the words a formula changes and a copy keeps: a paragraph's
// figures (words with a digit, or a number spelt out: amounts, rates,
// coupons, days of the month) and its names (words with a capital that do
// not open a sentence). Two filings of "X Corp said it filed a registration
// statement ..." share their word pairs and not their facts; an edited copy
// keeps most of them. A year is not a fact: it dates a story rather than
// stating it, an update adds one ("In May 2017, ..."), and a formula repeats
// it. Facts are the paragraph's words (prose.Words) as published, because
// capitals and sentence ends tell names apart, and they depend on the
// paragraph alone, never on the corpus around it.
type Facts struct {
	Figures Set // hashes of the figures, as keyed by figure, sorted, distinct
	Names   Set // hashes of the names' words (prose.Word.Hash), sorted, distinct
}

// Len is the number of facts.
func (f Facts) Len() int { return len(f.Figures) + len(f.Names) }

// FactsOf reads a paragraph's facts from its words as published. A figure
// written as a fraction ("9-7/8", "24/7") is one figure, though a slash
// divides words.
func FactsOf(text string) Facts {
	r := readers.Get().(*prose.Reader)
	defer readers.Put(r)
	var f Facts
	var fig struct{ start, end int } // the figure in hand: a "/" and digits may continue it
	flush := func() {
		if t := text[fig.start:fig.end]; t != "" && !year(t) {
			f.Figures = append(f.Figures, ToKey(prose.Hash(figure(t))))
		}
		fig.start, fig.end = 0, 0
	}
	first, end := true, 0 // whether no word was read yet; where the last one ends
	r.Each(text, func(start, stop int, key []byte) {
		t := text[start:stop]
		digit := hasDigit(t)
		if digit && fig.end > 0 && fig.end+1 == start && text[fig.end] == '/' {
			fig.end, end = stop, stop
			return
		}
		flush()
		opening := first || strings.ContainsAny(text[end:max(end, start)], ".?!:")
		first, end = false, stop
		c, _ := utf8.DecodeRuneInString(t)
		switch {
		case digit:
			fig.start, fig.end = start, stop
		case numberWord(t) != "":
			f.Figures = append(f.Figures, ToKey(prose.Hash(numberWord(t))))
		case unicode.IsUpper(c) && !opening:
			f.Names = append(f.Names, ToKey(prose.Hash(key)))
		}
	})
	flush()
	for _, s := range []*Set{&f.Figures, &f.Names} {
		slices.Sort(*s)
		*s = slices.Compact(*s)
	}
	return f
}

// readers are the word readers FactsOf reuses.
var readers = sync.Pool{New: func() any { return new(prose.Reader) }}

// hasDigit reports whether t has a digit.
func hasDigit(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			return strings.ContainsFunc(t[i:], unicode.IsDigit)
		}
		if '0' <= t[i] && t[i] <= '9' {
			return true
		}
	}
	return false
}

// numberStart marks the first two letters, lower-cased, of the numbers
// spelt out: most words are ruled out before they are looked up.
var numberStart [26 * 26]bool

// startOf is the index in numberStart of a word's first two letters, and
// false when they are not two ASCII letters.
func startOf(t string) (int, bool) {
	a, b := t[0]|0x20, t[1]|0x20 // lower case, for letters
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return 0, false
	}
	return int(a-'a')*26 + int(b-'a'), true
}

// lower appends t in lower case to dst: byte by byte when it is ASCII, as
// strings.ToLower would, without an allocation when it fits dst.
func lower(dst []byte, t string) []byte {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c >= utf8.RuneSelf {
			return append(dst[:0], strings.ToLower(t)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
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
	if len(t) != 4 || !(t[0] == '1' && (t[1] == '8' || t[1] == '9') || t[0] == '2' && (t[1] == '0' || t[1] == '1')) {
		return false
	}
	return '0' <= t[2] && t[2] <= '9' && '0' <= t[3] && t[3] <= '9'
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
	for w := range numberWords {
		i, _ := startOf(w)
		numberStart[i] = true
	}
}

// numberWord is the figure of a number spelt out, or of a word that opens
// with one ("six-month" is "6"); "" for any other word.
func numberWord(t string) string {
	if len(t) < len("one") {
		return ""
	}
	if i, ok := startOf(t); !ok || !numberStart[i] {
		return ""
	}
	head, _, _ := strings.Cut(t, "-")
	if len(head) > len("seventeen") {
		return ""
	}
	var buf [16]byte
	return numberWords[string(lower(buf[:0], head))]
}
