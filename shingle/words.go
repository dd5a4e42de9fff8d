package shingle

import (
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Words returns the normalised words of s, in order (see the package doc).
func Words(s string) []string {
	if buf, ok := asciiFold(s, nil); ok {
		var words []string
		asciiWords(buf, func(w []byte) { words = append(words, string(w)) })
		return words
	}
	return fullWords(s)
}

// fullWords is Words for any text: Unicode NFKC, full case folding, unify.
func fullWords(s string) []string {
	s = cases.Fold().String(norm.NFKC.String(s))
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = unify(r)
	}
	var words []string
	start := -1
	for i, r := range rs {
		if isWordRune(r) || (start >= 0 && joins(rs, i)) {
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

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// joins reports whether the punctuation at rs[i] holds a word together: an
// apostrophe or hyphen between two letters or digits, or a decimal point or
// thousands comma between two digits.
func joins(rs []rune, i int) bool {
	if i == 0 || i+1 >= len(rs) {
		return false
	}
	prev, next := rs[i-1], rs[i+1]
	switch rs[i] {
	case '\'', '-':
		return isWordRune(prev) && isWordRune(next)
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

// unify maps the typographic variants of quotes and dashes to one form, and
// Cherokee letters to their capitals, as Unicode case folding does:
// x/text's Fold turns a capital back into its small letter, so folding twice
// would change the word.
func unify(r rune) rune {
	switch {
	case r >= 0xAB70 && r <= 0xABBF: // Cherokee small letters
		return r - 0xAB70 + 0x13A0
	case r >= 0x13F8 && r <= 0x13FD:
		return r - 8
	}
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u0060', '\u00B4', '\u02BC':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\uFE63', '\uFF0D':
		return '-' // hyphen-like: joins the words it stands between
	case '\u2014', '\u2015', '\uFE58':
		return ' ' // em dash: punctuation even when glued to the words
	}
	return r
}
