package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/reprint/reprint/diff"
	"github.com/reprint/reprint/internal/plural"
)

//go:embed html.tmpl
var htmlSource string

// htmlScript is the page's one script (search, filters, sorting), allowed
// by its hash and nothing else (htmlScriptHash): the page's
// Content-Security-Policy lets it load and run nothing more.
//
//go:embed html.js
var htmlScript string

var htmlScriptHash = func() string {
	sum := sha256.Sum256([]byte(htmlScript))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}()

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"date":    func(t time.Time) string { return dateOr(t, "undated") },
	"percent": percent,
	"marked":  markedHTML,
	"inc":     func(i int) int { return i + 1 },
	"anchor":  anchor,
	"day":     func(t time.Time) string { return dateOr(t, "") },
	"searchText": func(a Article) string {
		return strings.ToLower(a.ID + " " + a.Title + " " + a.Source)
	},
}).Parse(htmlSource))

// htmlData is what the page's head and tail templates read.
type htmlData struct {
	*Report
	Headline   string
	Notes      []string
	Passages   map[string][]int // article id -> the passages it is in
	Sources    []string         // the articles' sources, sorted, for the filter
	ScriptHash template.HTMLAttr
}

// WriteHTML writes the report as one self-contained HTML page that stays
// usable at tens of thousands of passages: the summary, the articles table
// (sortable, with search and filters by source and date, which narrow the
// passages too), then each passage collapsed under its heading, the most
// recycled first. Styles are inline and one inline script runs the
// controls; the page's Content-Security-Policy allows that script by its
// hash and nothing else to load or run, and the page reads whole without
// it. Every piece of article text is escaped by html/template; a copy's
// changes from its original are <del> and <ins>. The passages are drawn on
// every core and written as they come, a batch at a time.
func (r *Report) WriteHTML(w io.Writer) error {
	d := htmlData{Report: r, Headline: r.Headline(), Notes: r.Notes(), Passages: map[string][]int{},
		ScriptHash: template.HTMLAttr(htmlScriptHash)}
	sources := map[string]bool{}
	for _, a := range r.Articles {
		if a.Source != "" && !sources[a.Source] {
			sources[a.Source] = true
			d.Sources = append(d.Sources, a.Source)
		}
	}
	slices.Sort(d.Sources)
	for _, c := range r.Clusters {
		seen := map[string]bool{}
		for _, m := range c.Members {
			if !seen[m.Article] {
				seen[m.Article] = true
				d.Passages[m.Article] = append(d.Passages[m.Article], c.ID)
			}
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	ew := &errWriter{w: bw}
	if err := htmlPage.ExecuteTemplate(bw, "head", d); err != nil {
		return err
	}
	ew.sections(r, func(buf *bytes.Buffer, c *Cluster) error {
		writePassageHTML(buf, c, c.diffs(1+htmlCards)) // the copies past the cards show no changes
		return nil
	})
	if ew.err != nil {
		return ew.err
	}
	if err := htmlPage.ExecuteTemplate(bw, "tail", d); err != nil {
		return err
	}
	// Written as is, not through the template, whose escaping in a script
	// would change the bytes the hash is of.
	bw.WriteString("<script>")
	bw.WriteString(htmlScript)
	bw.WriteString("</script>\n</body>\n</html>\n")
	return bw.Flush()
}

// writePassageHTML writes a passage's section: the original, then each
// copy beside it with its changes marked (diffs: those of the first
// 1+htmlCards members at least). It is written by hand, not by a
// template: html/template calls and escapes each of the dozen values of a
// copy by reflection, four times as long (BenchmarkPassageHTML). Every
// value from the input goes through htmlText, which escapes as
// html/template escapes text; an anchor is letters, digits, '-', '.' and
// '_' only.
func writePassageHTML(buf *bytes.Buffer, c *Cluster, diffs []diff.Diff) {
	orig := c.Members[0]
	w := func(ss ...string) {
		for _, s := range ss {
			buf.WriteString(s)
		}
	}
	link := func(id string, archived bool) {
		if archived { // no row of its own to link to
			w(htmlText(id), " (archive)")
			return
		}
		w(`<a href="#`, anchor(id), `">`, htmlText(id), `</a>`)
	}
	w("\n<details class=\"passage\" id=\"passage-", strconv.Itoa(c.ID), "\" data-articles=\"")
	for i, m := range c.Members {
		if i > 0 {
			w(" ")
		}
		w(anchor(m.Article))
	}
	w("\">\n<summary><h3>Passage ", strconv.Itoa(c.ID), ": ",
		plural.Of(len(c.Members), "paragraph"), " in ", plural.Of(c.Spread, "article"), ", original ")
	link(orig.Article, orig.Archived)
	w(" ¶", strconv.Itoa(orig.Paragraph), " (by ", htmlText(c.OriginalBy))
	if c.Formula {
		w("; formula family, facts kept")
	}
	w(")</h3></summary>\n<div class=\"side\">\n<div class=\"card original\">\n<div class=\"meta\"><span class=\"role\">original</span> · ")
	link(orig.Article, orig.Archived)
	w(" ¶", strconv.Itoa(orig.Paragraph), " · ", htmlText(dateOr(orig.Published, "undated")), "</div>\n<div class=\"text\">",
		htmlText(orig.Text), "</div>\n</div>\n<div class=\"copies\">\n")
	cards := c.Members[1:min(len(c.Members), 1+htmlCards)]
	for j, m := range cards {
		w(`<div class="card copy">`, "\n", `<div class="meta"><span class="role">`, htmlText(m.Role), "</span> · ", htmlText(m.Match()), " · ")
		link(m.Article, m.Archived)
		w(" ¶", strconv.Itoa(m.Paragraph), " · ", htmlText(dateOr(m.Published, "undated")))
		if m.CopyOf != nil {
			w(" · copy of ¶", strconv.Itoa(m.CopyOf.Paragraph), " of ")
			link(m.CopyOf.Article, m.CopyOf.Archived)
		}
		w("</div>\n")
		if m.Verbatim {
			w(`<div class="text verbatim">(the same words as the original)</div>`, "\n")
		} else {
			w(`<div class="text">`, string(markedHTML(diffs[j+1])), "</div>\n")
		}
		w("</div>\n")
	}
	w("</div>\n</div>\n")
	if rest := c.Members[1+len(cards):]; len(rest) > 0 {
		w(`<p class="meta">`, strconv.Itoa(len(rest)), " more copies, a line each; the JSON, CSV, Markdown and terminal reports show their changes.</p>\n",
			"<table class=\"copy-list\">\n<thead><tr><th>Copy</th><th>Article</th><th>Date</th><th>Copy of</th></tr></thead>\n<tbody>\n")
		for _, m := range rest {
			w("<tr><td>", htmlText(m.Role), " · ", htmlText(m.Match()), "</td><td>")
			link(m.Article, m.Archived)
			w(" ¶", strconv.Itoa(m.Paragraph), "</td><td>", htmlText(dateOr(m.Published, "undated")), "</td><td>")
			if m.CopyOf != nil {
				w("¶", strconv.Itoa(m.CopyOf.Paragraph), " of ")
				link(m.CopyOf.Article, m.CopyOf.Archived)
			}
			w("</td></tr>\n")
		}
		w("</tbody>\n</table>\n")
	}
	w("</details>\n")
}

// htmlCards is how many copies of a passage the HTML report shows as cards,
// their text and changes beside the original; the rest are a line each. A
// story syndicated 500 times would otherwise be 500 cards, and a report
// of such stories a page too large to read.
const htmlCards = 10

// htmlText escapes text for an HTML element or a quoted attribute as
// html/template escapes it: the five characters HTML gives meaning, '+'
// (against UTF-7 sniffing), and NUL made U+FFFD.
func htmlText(s string) string { return htmlReplacer.Replace(s) }

var htmlReplacer = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// markedHTML is a copy's text with deletions and insertions marked up, every
// word escaped as the rest of the page's text (htmlText).
func markedHTML(d diff.Diff) template.HTML {
	return template.HTML(diff.Marks{
		Equal:  htmlText,
		Delete: func(s string) string { return "<del>" + htmlText(s) + "</del>" },
		Insert: func(s string) string { return "<ins>" + htmlText(s) + "</ins>" },
	}.Apply(d))
}

// anchor is an HTML id for an article: ids are free text, anchors are not.
// Letters, digits, '-' and '.' stay, '_' is doubled, and every other
// character is written as '_', its code point in hex and '_' ("a b" is
// article-a_20_b, "a_b" article-a__b), so that two ids never share an anchor.
func anchor(id string) string {
	var b strings.Builder
	b.WriteString("article-")
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			b.WriteRune(r)
		case r == '_':
			b.WriteString("__")
		default:
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}
