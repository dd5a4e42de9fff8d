package shingle

import "strings"

// Paragraphs splits an article body into paragraphs: blocks separated by
// blank lines, or single lines when the body has no blank line between two
// lines of text. The lines of a block are joined with a space; paragraphs are
// trimmed and never empty. Line breaks may be LF, CRLF, CR or U+2028, and
// U+2029 separates paragraphs.
func Paragraphs(body string) []string {
	// Byte and substring searches: ContainsAny decodes every rune when its set
	// is not ASCII.
	if strings.IndexByte(body, '\r') >= 0 || strings.Contains(body, "\u2028") || strings.Contains(body, "\u2029") {
		body = newlines.Replace(body)
	}
	lines := strings.Split(body, "\n")
	blankBetween := false
	seenText := false
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			seenText = true
			continue
		}
		if seenText && hasTextAfter(lines[i+1:]) {
			blankBetween = true
			break
		}
	}
	var paras []string
	var block []string
	flush := func() {
		if len(block) > 0 {
			paras = append(paras, strings.Join(block, " "))
			block = block[:0]
		}
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		block = append(block, l)
		if !blankBetween {
			flush()
		}
	}
	flush()
	return paras
}

func hasTextAfter(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			return true
		}
	}
	return false
}

var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n")
