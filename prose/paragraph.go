// Package prose is reprint's model of an article's text: how a body splits
// into paragraphs and where each lies in it, and how a paragraph splits into
// words and where each lies in it. Every stage reads text through it: the
// readers dropping a repeated headline, shingle hashing the words, the diff
// and the report showing them, dedup cutting copies out. So they all see
// the same paragraphs, and count the same words: a word position in a
// shared span, a diff or the JSON is an index into Words.
//
// Words are normalised for real news typography: Unicode NFKC (no-break
// spaces, full-width forms, ligatures), case folding, curly quotes made
// straight, hyphen-like dashes joining words and em dashes separating them,
// and punctuation split from the words it is glued to, as in
// "Army(LNA)and". Words keep inner apostrophes and hyphens ("doesn't",
// "al-Sisi") and digit groups ("1.13", "10,000"). Each word keeps its bytes
// in the text as published, so that it is shown as published and compared
// normalised.
package prose

import (
	"strings"
	"unicode"
)

// A Range is where a paragraph lies in its body: bytes [Start, End), from its
// first line's first non-space to its last line's last.
type Range struct{ Start, End int }

// Paragraphs splits an article body into paragraphs: blocks separated by
// blank lines, or single lines when the body has no blank line between two
// lines of text. The lines of a block are joined with a space; paragraphs are
// trimmed and never empty. Line breaks may be LF, CRLF, CR or U+2028, and
// U+2029 separates paragraphs.
func Paragraphs(body string) []string {
	texts, _ := split(body, false)
	return texts
}

// Ranges returns where each of Paragraphs(body) lies in body, so that a
// paragraph can be cut out and the rest left byte for byte as it was.
func Ranges(body string) []Range {
	_, ranges := split(body, true)
	return ranges
}

// A line is a line's text without its break, and whether a paragraph
// separator (U+2029) ended it.
type line struct {
	start, end int
	sep        bool
}

func split(body string, wantRanges bool) ([]string, []Range) {
	lines := lines(body)
	blankBetween := false
	seenText := false
	for i, l := range lines {
		if !isBlank(body[l.start:l.end]) {
			seenText = true
			if l.sep && hasTextAfter(body, lines[i+1:]) {
				blankBetween = true
				break
			}
			continue
		}
		if seenText && hasTextAfter(body, lines[i+1:]) {
			blankBetween = true
			break
		}
	}
	var texts []string
	var ranges []Range
	var block []string
	var r Range
	flush := func() {
		if len(block) == 0 {
			return
		}
		if len(block) == 1 {
			texts = append(texts, block[0])
		} else {
			texts = append(texts, strings.Join(block, " "))
		}
		if wantRanges {
			ranges = append(ranges, r)
		}
		block = block[:0]
	}
	for _, l := range lines {
		raw := body[l.start:l.end]
		t := strings.TrimSpace(raw)
		if t == "" {
			flush()
			continue
		}
		start := l.start + len(raw) - len(strings.TrimLeftFunc(raw, unicode.IsSpace))
		if len(block) == 0 {
			r.Start = start
		}
		r.End = start + len(t)
		block = append(block, t)
		if !blankBetween || l.sep {
			flush()
		}
	}
	flush()
	return texts, ranges
}

// lines splits body at LF, CRLF, CR, U+2028 and U+2029.
func lines(body string) []line {
	if !strings.ContainsRune(body, '\r') && !strings.Contains(body, "\u2028") && !strings.Contains(body, "\u2029") {
		return lfLines(body)
	}
	return anyLines(body)
}

// lfLines is lines for a body whose only breaks are line feeds, the common
// case: they are found by the library's fast search, not byte by byte.
func lfLines(body string) []line {
	out := make([]line, 0, strings.Count(body, "\n")+1)
	for start := 0; ; {
		i := strings.IndexByte(body[start:], '\n')
		if i < 0 {
			return append(out, line{start: start, end: len(body)})
		}
		out = append(out, line{start: start, end: start + i})
		start += i + 1
	}
}

// anyLines is lines for any body.
func anyLines(body string) []line {
	out := make([]line, 0, strings.Count(body, "\n")+1)
	start := 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\n':
			out = append(out, line{start: start, end: i})
			start = i + 1
		case c == '\r':
			out = append(out, line{start: start, end: i})
			if i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
			start = i + 1
		case c == 0xE2 && i+2 < len(body) && body[i+1] == 0x80 && (body[i+2] == 0xA8 || body[i+2] == 0xA9):
			out = append(out, line{start: start, end: i, sep: body[i+2] == 0xA9})
			i += 2
			start = i + 1
		}
	}
	return append(out, line{start: start, end: len(body)})
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func hasTextAfter(body string, lines []line) bool {
	for _, l := range lines {
		if !isBlank(body[l.start:l.end]) {
			return true
		}
	}
	return false
}
