package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// A Page is what ParseHTML takes from a web page.
type Page struct {
	Title     string    // og:title, else the first <h1>, else <title>
	Body      string    // the paragraphs, separated by blank lines
	Published time.Time // article:published_time and kin, else the first <time datetime>; zero if none parses
	Source    string    // og:site_name
	URL       string    // the canonical link, else og:url
}

// ParseHTML reads an article page. Paragraphs come from block elements (<p>,
// <h2>–<h6>, <li>, <blockquote>, <pre>, and text standing directly in a <div>
// or <section>); a <br> ends a paragraph too. Navigation, headers, footers,
// asides, forms, scripts, styles and other markup are dropped. When the page
// has an <article> (or else a <main>), only its text is read. The page's
// encoding is taken from its <meta charset> when it is not UTF-8.
func ParseHTML(data []byte) (*Page, error) {
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, fmt.Errorf("unknown character set: %v", err)
	}
	root, err := html.Parse(r)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("not HTML: %v", err)
	}
	p := &Page{}
	readMeta(root, p)
	content := first(root, atom.Article)
	if content == nil {
		content = first(root, atom.Main)
	}
	if content == nil {
		content = first(root, atom.Body)
	}
	if content == nil {
		content = root
	}
	if p.Title == "" {
		if h1 := first(content, atom.H1); h1 != nil {
			p.Title = collapse(textOf(h1))
		}
	}
	if p.Title == "" {
		if t := first(root, atom.Title); t != nil {
			p.Title = collapse(textOf(t))
		}
	}
	if p.Published.IsZero() {
		if t := first(content, atom.Time); t != nil {
			p.Published = parseWebDate(attr(t, "datetime"))
		}
	}
	var b blocks
	b.walk(content)
	b.flush()
	paras := b.paras
	if len(paras) > 0 && paras[0] == p.Title {
		paras = paras[1:] // the headline, repeated as the first block
	}
	p.Body = strings.Join(paras, "\n\n")
	if strings.TrimSpace(p.Body) == "" {
		return nil, errors.New("no paragraphs of text in the page")
	}
	return p, nil
}

// dropped are the elements whose text is not the article's.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Iframe: true, atom.Svg: true, atom.Math: true,
	atom.Menu: true, atom.Dialog: true, atom.Figure: true, atom.Head: true, atom.Object: true,
	atom.Embed: true, atom.Video: true, atom.Audio: true, atom.Canvas: true, atom.H1: true,
}

// breaking are the elements that start and end a paragraph.
var breaking = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Br: true, atom.Hr: true, atom.Address: true, atom.Details: true, atom.Summary: true,
}

// blocks gathers the text of a page into paragraphs.
type blocks struct {
	paras []string
	cur   strings.Builder
}

func (b *blocks) flush() {
	if s := collapse(b.cur.String()); s != "" {
		b.paras = append(b.paras, s)
	}
	b.cur.Reset()
}

func (b *blocks) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if dropped[n.DataAtom] || hidden(n) {
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	brk := n.Type == html.ElementNode && breaking[n.DataAtom]
	if brk {
		b.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.walk(c)
	}
	if brk {
		b.flush()
	}
}

// hidden reports an element a reader does not see.
func hidden(n *html.Node) bool {
	if _, ok := attrOK(n, "hidden"); ok {
		return true
	}
	if v, _ := attrOK(n, "aria-hidden"); v == "true" {
		return true
	}
	style := strings.ReplaceAll(strings.ToLower(attr(n, "style")), " ", "")
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// readMeta takes the title, date, site and address from the page's metadata.
func readMeta(root *html.Node, p *Page) {
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Meta:
				key := strings.ToLower(attr(n, "property") + attr(n, "name") + attr(n, "itemprop"))
				val := strings.TrimSpace(attr(n, "content"))
				switch key {
				case "og:title":
					setOnce(&p.Title, collapse(val))
				case "og:site_name":
					setOnce(&p.Source, val)
				case "og:url":
					setOnce(&p.URL, val)
				case "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publishdate":
					if p.Published.IsZero() {
						p.Published = parseWebDate(val)
					}
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					p.URL = strings.TrimSpace(attr(n, "href")) // wins over og:url
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// parseWebDate reads the dates pages carry: RFC 3339, YYYY-MM-DD, and the
// ISO 8601 forms without a colon in the zone or without seconds. Anything
// else is the unknown date.
func parseWebDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func first(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := first(c, a); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// collapse makes every run of white space one space, and trims.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
