// Package printable makes text that came from input safe to show on a
// terminal, in a spreadsheet or in a Markdown table: nothing an article
// carries (its text, id, title, source or file name) may reach them as an
// escape sequence, a control character, a reordering of the line or a
// formula.
//
// Control characters (C0, DEL and C1) are shown as Go escapes ("\x1b"),
// bidirectional controls as Unicode escapes ("\u202e"), invalid UTF-8 as
// U+FFFD, and a tab as the spaces to the next stop of eight columns. Text
// with none of them is returned as it is, without a copy.
package printable

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text is s made safe to print, line breaks ("\n") kept.
func Text(s string) string { return clean(s, true) }

// Line is s made safe to print on one line: line breaks are shown as "\n".
func Line(s string) string { return clean(s, false) }

// Cell is s made safe for a spreadsheet cell: Text, and a cell that a
// spreadsheet would take for a formula (one that begins with =, +, - or @)
// gets a leading apostrophe, as OWASP recommends against CSV injection. A
// leading tab or carriage return, the other formula openers, no longer
// leads after Text. Only cells that came from input need it.
func Cell(s string) string {
	s = Text(s)
	if s != "" && strings.IndexByte("=+-@", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// clean is Text (lines true) or Line.
func clean(s string, lines bool) string {
	i := firstUnsafe(s, lines)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	col := utf8.RuneCountInString(s[strings.LastIndexByte(s[:i], '\n')+1 : i]) // column, for tabs
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			col++
		case r == '\n' && lines:
			b.WriteByte('\n')
			col = 0
		case r == '\t':
			n := 8 - col%8
			b.WriteString("        "[:n])
			col += n
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			e := fmt.Sprintf(`\x%02x`, r)
			b.WriteString(e)
			col += len(e)
		case bidi(r):
			e := fmt.Sprintf(`\u%04x`, r)
			b.WriteString(e)
			col += len(e)
		default:
			b.WriteString(s[i : i+size])
			col++
		}
		i += size
	}
	return b.String()
}

// firstUnsafe is the index of the first byte of s that clean must change, or
// len(s).
func firstUnsafe(s string, lines bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' && lines {
			i++
			continue
		}
		if c < 0x80 {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 || bidi(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// bidi reports the Unicode bidirectional controls: embeddings, overrides,
// isolates and marks, which reorder what a terminal shows.
func bidi(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}
