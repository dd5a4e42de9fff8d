package report

import (
	"bytes"
	"fmt"
	"github.com/reprint/reprint/internal/plural"
	"html/template"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/diff"
	"github.com/reprint/reprint/internal/fixture"
)

const hostile = `Officials said <script>alert("x")</script> & <img src=x onerror=alert(1)> the Egyptian Air Force has been striking targets in eastern Libya.`

// htmlReport is a scan of articles whose text, ids and addresses are hostile.
func htmlReport(t *testing.T) (*Report, string) {
	t.Helper()
	r := build(t,
		&article.Article{ID: `a "first" <one>`, Published: day("2017-05-29"), URL: "javascript:alert(1)", Body: hostile + "\n\n" + airstrikes},
		&article.Article{ID: "b/second story", Published: day("2017-10-30"), URL: "https://example.com/b", Body: strings.Replace(hostile, "Officials", "Officers", 1)},
		&article.Article{ID: "c", Published: day("2017-11-01"), Body: strings.Replace(airstrikes, "Since Friday", "In May 2017", 1)},
	)
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	return r, buf.String()
}

func TestHTMLEscapesUntrustedText(t *testing.T) {
	_, out := htmlReport(t)
	out = strings.Replace(out, "<script>"+htmlScript+"</script>", "", 1) // the page's own
	for _, bad := range []string{"<script", "<img", `href="javascript:`, "onerror=alert(1)>"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;", "a &#34;first&#34; &lt;one&gt;", "<del>Since Friday,</del> <ins>In May 2017,</ins>"} {
		if !strings.Contains(out, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestHTMLStructure parses the page: one section per passage with every
// member's text, a row per article, every in-page link landing on an id, and
// nothing that loads from elsewhere.
func TestHTMLStructure(t *testing.T) {
	r, out := htmlReport(t)
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	var links []string
	passages, rows, scripts := 0, 0, 0
	var texts strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			texts.WriteString(n.Data + " ")
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch a.Key {
				case "id":
					ids[a.Val] = true
				case "href":
					if strings.HasPrefix(a.Val, "#") && a.Val != "#ZgotmplZ" { // html/template's mark for an unsafe URL
						links = append(links, a.Val[1:])
					}
				case "src":
					t.Errorf("<%s src=%q>: the page must load nothing", n.Data, a.Val)
				}
				if n.Data == "details" && a.Key == "class" && a.Val == "passage" {
					passages++
				}
			}
			switch n.Data {
			case "script":
				scripts++
				if n.FirstChild == nil || n.FirstChild.Data != htmlScript {
					t.Error("the page has a script other than its own")
				}
			case "link", "img", "iframe":
				t.Errorf("the page has a <%s>", n.Data)
			case "tr":
				if n.Parent != nil && n.Parent.Data == "tbody" && n.Parent.Parent != nil {
					for _, a := range n.Attr {
						if a.Key == "id" && strings.HasPrefix(a.Val, "article-") {
							rows++
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if passages != len(r.Clusters) || passages != 2 {
		t.Errorf("%d passage sections, %d clusters (want 2)", passages, len(r.Clusters))
	}
	if scripts != 1 {
		t.Errorf("%d scripts, want the page's one", scripts)
	}
	if !strings.Contains(out, "script-src '"+htmlScriptHash+"'") || !strings.Contains(out, "default-src 'none'") {
		t.Error("the page's Content-Security-Policy does not allow its script by hash alone")
	}
	if rows != len(r.Articles) {
		t.Errorf("%d article rows, want %d", rows, len(r.Articles))
	}
	for _, l := range links {
		if !ids[l] {
			t.Errorf("link #%s goes nowhere", l)
		}
	}
	text := strings.Join(strings.Fields(texts.String()), " ")
	for _, c := range r.Clusters {
		for _, m := range c.Members {
			for _, w := range strings.Fields(m.Text)[:5] {
				if !strings.Contains(text, w) {
					t.Errorf("passage %d: %q of %s is not on the page", c.ID, w, m.Article)
				}
			}
		}
	}
}

// passageTemplate is the passage section as an html/template: the reference
// writePassageHTML is held to.
const passageTemplate = `{{$orig := index .Members 0}}{{$diffs := .Diffs}}
<details class="passage" id="passage-{{.ID}}" data-articles="{{range $i, $m := .Members}}{{if $i}} {{end}}{{anchor $m.Article}}{{end}}">
<summary><h3>Passage {{.ID}}: {{plural (len .Members) "paragraph"}} in {{plural .Spread "article"}}, original {{template "ref" $orig}} ¶{{$orig.Paragraph}} (by {{.OriginalBy}}{{if .Formula}}; formula family, facts kept{{end}})</h3></summary>
<div class="side">
<div class="card original">
<div class="meta"><span class="role">original</span> · {{template "ref" $orig}} ¶{{$orig.Paragraph}} · {{date $orig.Published}}</div>
<div class="text">{{$orig.Text}}</div>
</div>
<div class="copies">
{{range $j, $m := slice .Members 1}}{{if lt $j 10}}<div class="card copy">
<div class="meta"><span class="role">{{.Role}}</span> · {{.Match}} · {{template "ref" .}} ¶{{.Paragraph}} · {{date .Published}}{{with .CopyOf}} · copy of ¶{{.Paragraph}} of {{template "ref" .}}{{end}}</div>
{{if .Verbatim}}<div class="text verbatim">(the same words as the original)</div>{{else}}<div class="text">{{marked (index $diffs (inc $j))}}</div>{{end}}
</div>
{{end}}{{end}}</div>
</div>
{{if gt (len .Members) 11}}<p class="meta">{{sub (len .Members) 11}} more copies, a line each; the JSON, CSV, Markdown and terminal reports show their changes.</p>
<table class="copy-list">
<thead><tr><th>Copy</th><th>Article</th><th>Date</th><th>Copy of</th></tr></thead>
<tbody>
{{range $j, $m := slice .Members 11}}<tr><td>{{.Role}} · {{.Match}}</td><td>{{template "ref" .}} ¶{{.Paragraph}}</td><td>{{date .Published}}</td><td>{{with .CopyOf}}¶{{.Paragraph}} of {{template "ref" .}}{{end}}</td></tr>
{{end}}</tbody>
</table>
{{end}}</details>
{{define "ref"}}{{if .Archived}}{{.Article}} (archive){{else}}<a href="#{{anchor .Article}}">{{.Article}}</a>{{end}}{{end}}`

var passageReference = template.Must(template.New("passage").Funcs(template.FuncMap{
	"date":   func(t time.Time) string { return dateOr(t, "undated") },
	"marked": markedHTML,
	"inc":    func(i int) int { return i + 1 },
	"anchor": anchor,
	"plural": plural.Of,
	"sub":    func(a, b int) int { return a - b },
}).Parse(passageTemplate))

// checkPassageHTML compares writePassageHTML with the reference template.
func checkPassageHTML(t *testing.T, c *Cluster) {
	t.Helper()
	diffs := c.Diffs()
	var got, want bytes.Buffer
	writePassageHTML(&got, c, diffs)
	if err := passageReference.Execute(&want, struct {
		*Cluster
		Diffs []diff.Diff
	}{c, diffs}); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Fatalf("writePassageHTML:\n%s\nhtml/template:\n%s", got.String(), want.String())
	}
}

func TestPassageHTMLAsTemplate(t *testing.T) {
	r, _ := htmlReport(t)
	for i := range r.Clusters {
		checkPassageHTML(t, &r.Clusters[i])
	}
}

// TestPassageHTMLManyCopies: a passage of more copies than htmlCards shows
// that many as cards and the rest a line each, every one of them there.
func TestPassageHTMLManyCopies(t *testing.T) {
	texts := fixture.Paragraphs(2, 1, 40)
	c := &Cluster{ID: 3, OriginalBy: "date", Members: []Member{{Article: "orig", Paragraph: 1, Role: Original, Text: texts[0], Of: -1}}}
	for i := 1; i <= htmlCards+15; i++ {
		text := texts[0]
		if i%3 == 0 {
			text = strings.Replace(text, " ", fmt.Sprintf(" edited%d ", i), 1)
		}
		c.Members = append(c.Members, Member{Article: fmt.Sprint("copy-", i), Published: day("2017-10-30"), Paragraph: 2, Role: Reused,
			Text: text, Verbatim: i%3 != 0, CopyOf: &Place{Article: "orig", Paragraph: 1}, Of: 0})
	}
	checkPassageHTML(t, c)
	var buf bytes.Buffer
	writePassageHTML(&buf, c, c.Diffs())
	out := buf.String()
	if n := strings.Count(out, `<div class="card copy">`); n != htmlCards {
		t.Errorf("%d cards, want %d", n, htmlCards)
	}
	if n := strings.Count(out, "<tr><td>"); n != 15 {
		t.Errorf("%d copies a line each, want 15", n)
	}
	for i := 1; i <= htmlCards+15; i++ {
		if !strings.Contains(out, fmt.Sprintf(">copy-%d</a>", i)) {
			t.Errorf("copy-%d is not in the passage", i)
		}
	}
}

// FuzzPassageHTML holds the hand-written passage section to html/template's
// escaping for any text, ids and roles.
func FuzzPassageHTML(f *testing.F) {
	f.Add(`a "first" <one>`, hostile, "b+c & 'd'", "Officers said <b>x</b> + more\x00", "by date", true, false)
	f.Fuzz(func(t *testing.T, origID, origText, copyID, copyText, by string, formula, verbatim bool) {
		orig := Member{Article: origID, Paragraph: 1, Role: Original, Text: origText, Of: -1}
		cp := Member{Article: copyID, Published: day("2017-10-30"), Paragraph: 2, Role: "reused", Text: copyText, Verbatim: verbatim,
			CopyOf: &Place{Article: origID, Paragraph: 1}, Of: 0}
		checkPassageHTML(t, &Cluster{ID: 7, OriginalBy: by, Formula: formula, Members: []Member{orig, cp}})
	})
}

// BenchmarkPassageHTML writes one passage's section, an original and 19
// edited copies of 120 words, directly and with the html/template it
// replaced.
func BenchmarkPassageHTML(b *testing.B) {
	texts := fixture.Paragraphs(1, 20, 120)
	c := &Cluster{ID: 1, OriginalBy: "date", Members: []Member{{Article: "orig", Paragraph: 2, Role: Original, Text: texts[0], Of: -1}}}
	for i := 1; i < len(texts); i++ {
		edited := strings.Replace(texts[0], "The ", fmt.Sprintf("In May %d, the ", 2000+i), 1)
		c.Members = append(c.Members, Member{Article: fmt.Sprintf("copy-%d", i), Published: day("2017-10-30"), Paragraph: 3, Role: "reused",
			Text: edited, CopyOf: &Place{Article: "orig", Paragraph: 2}, Of: 0})
	}
	diffs := c.Diffs()
	b.Run("direct", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			writePassageHTML(&buf, c, diffs)
		}
	})
	b.Run("template", func(b *testing.B) {
		var buf bytes.Buffer
		data := struct {
			*Cluster
			Diffs []diff.Diff
		}{c, diffs}
		for b.Loop() {
			buf.Reset()
			if err := passageReference.Execute(&buf, data); err != nil {
				b.Fatal(err)
			}
		}
	})
}
