package prose

import (
	"slices"
	"strings"
	"testing"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"blank lines separate", "\nOne.\n\nTwo.\n\n\nThree.\n", []string{"One.", "Two.", "Three."}},
		{"lines of a block are joined", "A first\nline.\n\nB.", []string{"A first line.", "B."}},
		{"no blank line: every line", "One.\nTwo.\nThree.", []string{"One.", "Two.", "Three."}},
		{"leading blank lines do not count", "\n\nOne.\nTwo.", []string{"One.", "Two."}},
		{"white-space-only lines are blank", "One.\n \t \nTwo.", []string{"One.", "Two."}},
		{"CRLF", "One.\r\n\r\nTwo.\r\n", []string{"One.", "Two."}},
		{"lone CR", "One.\r\rTwo.\rstill two", []string{"One.", "Two. still two"}},
		{"Unicode separators", "One.\u2029Two.\u2028still two", []string{"One.", "Two. still two"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Paragraphs(tt.body); !slices.Equal(got, tt.want) {
				t.Errorf("Paragraphs(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func FuzzParagraphs(f *testing.F) {
	for _, s := range []string{"a\n\nb", "a\nb", "\r\n\r\n", "x"} {
		f.Add(s)
	}
	f.Add("a\u2029b\u2028c")
	f.Add(" a \r b\r\n\r\n c ")
	f.Fuzz(func(t *testing.T, body string) {
		paras := Paragraphs(body)
		for _, p := range paras {
			if p == "" || p != strings.TrimSpace(p) || strings.ContainsAny(p, "\n\r") {
				t.Fatalf("Paragraphs(%q) has paragraph %q", body, p)
			}
		}
		if want := referenceParagraphs(body); !slices.Equal(paras, want) {
			t.Fatalf("Paragraphs(%q) = %q, the reference gives %q", body, paras, want)
		}
		if !strings.ContainsAny(body, "\r\u2028\u2029") && !slices.Equal(lfLines(body), anyLines(body)) {
			t.Fatalf("lines of %q: the line-feed path gives %v, the general one %v", body, lfLines(body), anyLines(body))
		}
		// Each range holds its paragraph's lines, in order, without overlap.
		ranges := Ranges(body)
		if len(ranges) != len(paras) {
			t.Fatalf("%d ranges for %d paragraphs", len(ranges), len(paras))
		}
		end := 0
		for i, r := range ranges {
			if r.Start < end || r.End <= r.Start || r.End > len(body) {
				t.Fatalf("Ranges(%q)[%d] = %v after %d", body, i, r, end)
			}
			end = r.End
			if got := strings.Join(strings.Fields(body[r.Start:r.End]), " "); got != strings.Join(strings.Fields(paras[i]), " ") {
				t.Fatalf("Ranges(%q)[%d] holds %q, paragraph %q", body, i, body[r.Start:r.End], paras[i])
			}
		}
	})
}

// referenceParagraphs is the plain statement of Paragraphs' rules: line
// breaks made LF, U+2029 a blank line, blocks split at blank lines when a
// blank line stands between text, lines otherwise.
func referenceParagraphs(body string) []string {
	body = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n").Replace(body)
	lines := strings.Split(body, "\n")
	blankBetween := false
	for i, l := range lines {
		if strings.TrimSpace(l) == "" && i > 0 && slices.ContainsFunc(lines[:i], func(s string) bool { return strings.TrimSpace(s) != "" }) &&
			slices.ContainsFunc(lines[i+1:], func(s string) bool { return strings.TrimSpace(s) != "" }) {
			blankBetween = true
		}
	}
	var paras, block []string
	flush := func() {
		if len(block) > 0 {
			paras = append(paras, strings.Join(block, " "))
			block = nil
		}
	}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l == "" {
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
