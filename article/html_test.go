package article

import (
	"strings"
	"testing"
	"time"
)

const page = `<!doctype html>
<html><head>
<meta charset="utf-8">
<title>Egypt bombs Derna - The Daily Example</title>
<meta property="og:title" content="Egypt bombs Derna">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2017-05-29T10:30:00+02:00">
<link rel="canonical" href="https://example.com/egypt-derna">
<style>p { color: red }</style>
<script>document.write("<p>not text</p>")</script>
</head><body>
<header><nav><ul><li>Home</li><li>World</li></ul></nav></header>
<article>
<h1>Egypt bombs Derna</h1>
<p class="lead">Since <b>Friday</b>, the Egyptian Air&nbsp;Force has been carrying out
   airstrikes in <a href="/libya">eastern Libya</a>.</p>
<figure><img src="x.jpg"><figcaption>A caption</figcaption></figure>
<p>The Islamic State &amp; its allies &lt;script&gt; claimed it.</p>
<div class="ad" style="display: none">Buy now</div>
<aside>Read more: other stories</aside>
<h2>Background</h2>
<ul><li>First point of the list.</li><li>Second point.</li></ul>
<blockquote><p>A quoted paragraph.</p></blockquote>
<p>Line one<br>line two</p>
</article>
<footer><p>© 2017 The Daily Example. Follow us on Twitter.</p></footer>
</body></html>`

func TestParseHTML(t *testing.T) {
	p, err := ParseHTML([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya.",
		"The Islamic State & its allies <script> claimed it.",
		"Background",
		"First point of the list.",
		"Second point.",
		"A quoted paragraph.",
		"Line one",
		"line two",
	}
	if got := strings.Split(p.Body, "\n\n"); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, want)
	}
	if p.Title != "Egypt bombs Derna" || p.Source != "The Daily Example" || p.URL != "https://example.com/egypt-derna" {
		t.Errorf("metadata: %+v", p)
	}
	if want := time.Date(2017, 5, 29, 8, 30, 0, 0, time.UTC); !p.Published.Equal(want) {
		t.Errorf("published %v, want %v", p.Published, want)
	}
}

func TestParseHTMLMetadata(t *testing.T) {
	tests := []struct {
		name, html, title, date string
	}{
		{"h1 without og:title", `<title>Site</title><h1>The headline</h1><p>Body text here.</p>`, "The headline", ""},
		{"title tag last", `<title>Only the title</title><p>Body text here.</p>`, "Only the title", ""},
		{"time element", `<article><time datetime="2017-10-30">Oct 30</time><p>Body.</p></article>`, "", "2017-10-30"},
		{"zone without colon", `<meta property="article:published_time" content="2017-10-30T12:00:00+0000"><p>Body.</p>`, "", "2017-10-30T12:00:00Z"},
		{"unreadable date is no date", `<meta name="date" content="yesterday"><p>Body.</p>`, "", ""},
		{"itemprop", `<meta itemprop="datePublished" content="2017-11-28"><p>Body.</p>`, "", "2017-11-28"},
		{"main without article", `<nav><p>Menu</p></nav><main><p>Body.</p></main><p>Outside.</p>`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseHTML([]byte(tt.html))
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
			if got := FormatDate(p.Published.UTC()); got != tt.date {
				t.Errorf("date %q, want %q", got, tt.date)
			}
			if strings.Contains(p.Body, "Menu") || strings.Contains(p.Body, "Outside") {
				t.Errorf("body %q has text from outside the article", p.Body)
			}
		})
	}
}

func TestParseHTMLCharset(t *testing.T) {
	latin1 := []byte("<meta charset=\"iso-8859-1\"><p>Caf\xe9 society in Cairo.</p>")
	p, err := ParseHTML(latin1)
	if err != nil || p.Body != "Café society in Cairo." {
		t.Errorf("ParseHTML(latin-1) = %q, %v", p.Body, err)
	}
}

func TestParseHTMLErrors(t *testing.T) {
	for _, in := range []string{"", "<nav><p>Only navigation</p></nav>", "<script>x()</script>", "<p>   </p>"} {
		if _, err := ParseHTML([]byte(in)); err == nil {
			t.Errorf("ParseHTML(%q): no error", in)
		}
	}
}

func TestReadJSONLHTML(t *testing.T) {
	in := `{"id":"p1","html":"<title>T</title><p>First paragraph.</p><p>Second.</p>","published":"2017-05-29"}
{"id":"p2","html":"<meta property='og:title' content='From meta'><p>Body.</p>","title":"From the record"}
{"id":"p3","html":"<nav>menu</nav>"}
`
	arts, problems, err := ReadJSONL(strings.NewReader(in), "pages.jsonl")
	if err != nil || len(arts) != 2 || len(problems) != 1 {
		t.Fatalf("%d articles, problems %v, %v", len(arts), problems, err)
	}
	if arts[0].Body != "First paragraph.\n\nSecond." || arts[0].Title != "T" || FormatDate(arts[0].Published) != "2017-05-29" {
		t.Errorf("p1: %+v", arts[0])
	}
	if arts[1].Title != "From the record" {
		t.Errorf("p2 title %q: the record's title should win", arts[1].Title)
	}
	if got, want := problems[0].Error(), `pages.jsonl:3: "html": no paragraphs of text in the page`; got != want {
		t.Errorf("problem %q, want %q", got, want)
	}
}

func FuzzParseHTML(f *testing.F) {
	f.Add(page)
	f.Add("<p>a<br>b</p><script>c</script>")
	f.Add("<article><p>x</p></article><article><p>y</p></article>")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParseHTML([]byte(in))
		if err != nil {
			return
		}
		if strings.TrimSpace(p.Body) == "" {
			t.Fatalf("ParseHTML(%q): no error and an empty body", in)
		}
		for _, para := range strings.Split(p.Body, "\n\n") {
			if para == "" || para != strings.Join(strings.Fields(para), " ") {
				t.Fatalf("ParseHTML(%q): paragraph %q is not collapsed text", in, para)
			}
		}
	})
}
