package report

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/reprint/reprint/article"
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
	passages, rows := 0, 0
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
				if n.Data == "section" && a.Key == "class" && a.Val == "passage" {
					passages++
				}
			}
			switch n.Data {
			case "script", "link", "img", "iframe":
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
