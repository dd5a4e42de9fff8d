package boilerplate

import (
	"fmt"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/shingle"
)

const footer = "Follow us on Twitter."

// corpus makes n articles of one source, each with its own story paragraph,
// the footer in the first withFooter of them.
func corpus(n, withFooter int, source string) []*article.Article {
	arts := make([]*article.Article, n)
	for i := range arts {
		body := fmt.Sprintf("Story number %d says something of its own about day %d.", i, i)
		if i < withFooter {
			body += "\n\n" + footer
		}
		arts[i] = &article.Article{ID: fmt.Sprint(i), Source: source, Body: body}
	}
	return arts
}

func find(arts []*article.Article, cfg Config) []Line {
	s, _ := shingle.New(shingle.DefaultConfig)
	return Find(arts, s.Shingle(arts), cfg)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name          string
		arts          []*article.Article
		lines, inArts int
	}{
		{"in every article", corpus(10, 10, "site"), 1, 10},
		{"in 80%", corpus(10, 8, "site"), 1, 8},
		{"in 70%: a story line, not furniture", corpus(10, 7, "site"), 0, 0},
		{"too few articles to tell", corpus(9, 9, "site"), 0, 0},
		{"two sources, each under the bar", append(corpus(5, 5, "a"), corpus(5, 5, "b")...), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := find(tt.arts, DefaultConfig)
			if len(lines) != tt.lines {
				t.Fatalf("%d lines %+v, want %d", len(lines), lines, tt.lines)
			}
			if tt.lines > 0 && (lines[0].Text != footer || lines[0].Articles != tt.inArts || len(lines[0].Paragraphs) != tt.inArts || lines[0].Of != len(tt.arts)) {
				t.Errorf("line %+v, want the footer in %d of %d", lines[0], tt.inArts, len(tt.arts))
			}
		})
	}
}

func TestFindCountsArticlesNotRepeats(t *testing.T) {
	arts := corpus(10, 1, "site")
	arts[0].Body += "\n\n" + footer + "\n\n" + footer // three times in one article
	if lines := find(arts, DefaultConfig); len(lines) != 0 {
		t.Errorf("a line repeated in one article is furniture: %+v", lines)
	}
}

func TestSource(t *testing.T) {
	tests := []struct {
		a    article.Article
		want string
	}{
		{article.Article{Source: "Reuters", URL: "https://www.example.com/x"}, "Reuters"},
		{article.Article{URL: "https://www.Example.com/x"}, "example.com"},
		{article.Article{Path: "archive/site-a/story.txt"}, "archive/site-a"},
		{article.Article{Path: "feed.jsonl", Line: 3}, "feed.jsonl"},
		{article.Article{Path: "-", Line: 3}, "-"},
	}
	for _, tt := range tests {
		if got := Source(&tt.a); got != tt.want {
			t.Errorf("Source(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, bad := range []Config{{MinArticles: 1, Share: 0.8}, {MinArticles: 10, Share: 0}, {MinArticles: 10, Share: 1.2}} {
		if bad.Validate() == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	if err := DefaultConfig.Validate(); err != nil {
		t.Error(err)
	}
}

func TestExclude(t *testing.T) {
	arts := corpus(10, 10, "site")
	s, _ := shingle.New(shingle.Config{Size: 2, MinWords: 1})
	paras := s.Shingle(arts)
	Exclude(paras, Find(arts, paras, DefaultConfig))
	for _, p := range paras {
		if furniture := p.Text == footer; p.Template != furniture || (p.Set == nil) != furniture {
			t.Errorf("%q: Template %v, Set %v", p.Text, p.Template, p.Set != nil)
		}
	}
}
