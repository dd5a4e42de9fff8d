package shingle

import (
	"unicode/utf8"

	"github.com/cespare/xxhash/v2"
)

// appendWordHashes appends the hashes of the normalised words of s, the same
// words Words returns, to dst. Most news text is ASCII with a few typographic
// characters (curly quotes, dashes, no-break spaces); such a paragraph is
// normalised byte by byte into buf, with no allocation. Anything else takes
// the full Unicode path (Words). buf is scratch space, returned for reuse.
func appendWordHashes(dst []uint64, s string, buf []byte) ([]uint64, []byte) {
	buf, ok := asciiFold(s, buf[:0])
	if !ok {
		for _, w := range fullWords(s) {
			dst = append(dst, xxhash.Sum64String(w))
		}
		return dst, buf
	}
	asciiWords(buf, func(w []byte) { dst = append(dst, xxhash.Sum64(w)) })
	return dst, buf
}

// asciiWords calls f with each word of folded ASCII text, as Words splits.
func asciiWords(buf []byte, f func(word []byte)) {
	start := -1
	for i := 0; i < len(buf); i++ {
		if isAlnum(buf[i]) || (start >= 0 && joinsASCII(buf, i)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(buf[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(buf[start:])
	}
}

// asciiFold writes s lower-cased into buf with the typographic characters
// news text uses mapped as NFKC and unify map them. It reports false when s
// holds any other non-ASCII character.
func asciiFold(s string, buf []byte) ([]byte, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '`': // unify: a grave accent is an apostrophe
				c = '\''
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u00A0', '\u2002', '\u2003', '\u2009', '\u202F': // spaces NFKC makes plain
			buf = append(buf, ' ')
		case '\u2026': // NFKC: "..."
			buf = append(buf, '.', '.', '.')
		case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032':
			buf = append(buf, '\'')
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB':
			buf = append(buf, '"')
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
			buf = append(buf, '-')
		case '\u2014', '\u2015':
			buf = append(buf, ' ')
		case '£', '€', '¥', '°', '•', '·', '×', '§', '©', '®': // symbols NFKC leaves alone: separators
			buf = append(buf, ' ')
		default:
			return buf, false
		}
	}
	return buf, true
}

func isAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// joinsASCII is joins for folded ASCII text.
func joinsASCII(b []byte, i int) bool {
	if i == 0 || i+1 >= len(b) {
		return false
	}
	switch b[i] {
	case '\'', '-':
		return isAlnum(b[i-1]) && isAlnum(b[i+1])
	case '.', ',':
		return isDigit(b[i-1]) && isDigit(b[i+1])
	}
	return false
}
