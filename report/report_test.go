package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/scan"
)

const airstrikes = "Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya in coordination with Haftar's forces."

func day(s string) time.Time {
	t, err := article.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return t
}

// build runs the scan on articles given as id, date and body.
func build(t *testing.T, arts ...*article.Article) *Report {
	t.Helper()
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	return Build(res, nil)
}

// roles lists a cluster as "article:role" in member order.
func roles(c Cluster) string {
	var out []string
	for _, m := range c.Members {
		out = append(out, m.Article+":"+m.Role)
	}
	return strings.Join(out, " ")
}

func TestOriginal(t *testing.T) {
	edited := strings.Replace(airstrikes, "Since Friday", "In May 2017", 1)
	tests := []struct {
		name  string
		arts  []*article.Article
		want  string
		by    string
		notes string
	}{
		{"earliest date wins over input order", []*article.Article{
			{ID: "late", Published: day("2017-10-30"), Body: edited},
			{ID: "early", Published: day("2017-05-29"), Body: airstrikes},
		}, "early:original late:reused", ByDate, ""},
		{"copies follow by date", []*article.Article{
			{ID: "c", Published: day("2017-11-01"), Body: airstrikes},
			{ID: "a", Published: day("2017-05-29"), Body: airstrikes},
			{ID: "b", Published: day("2017-06-01T10:00:00Z"), Body: airstrikes},
		}, "a:original b:reused c:reused", ByDate, ""},
		{"same date: input order", []*article.Article{
			{ID: "first", Published: day("2017-05-29"), Body: airstrikes},
			{ID: "second", Published: day("2017-05-29"), Body: airstrikes},
		}, "first:original second:reused", BySameDate, "1 original chosen by input order where copies share the earliest date."},
		{"an undated member counts as later", []*article.Article{
			{ID: "undated", Body: airstrikes},
			{ID: "dated", Published: day("2017-05-29"), Body: airstrikes},
		}, "dated:original undated:reused", ByDateUndatedAfter, "Dates missing for 1 of 2 articles, in 1 passage: an undated article counts as later than every dated one, undated ones in input order."},
		{"an undated article never reorders dated ones", []*article.Article{
			{ID: "late", Published: day("2017-10-30"), Body: airstrikes},
			{ID: "undated", Body: airstrikes},
			{ID: "early", Published: day("2017-05-29"), Body: airstrikes},
		}, "early:original late:reused undated:reused", ByDateUndatedAfter, "Dates missing for 1 of 3 articles, in 1 passage: an undated article counts as later than every dated one, undated ones in input order."},
		{"no dates at all", []*article.Article{
			{ID: "one", Body: airstrikes}, {ID: "two", Body: airstrikes},
		}, "one:original two:reused", ByOrderUndated, "No publication dates: each original is the copy that comes first in the input."},
		{"a repeat in the original's article", []*article.Article{
			{ID: "a", Published: day("2017-05-29"), Body: airstrikes + "\n\nSomething else entirely, said the spokesman on Sunday.\n\n" + airstrikes},
			{ID: "b", Published: day("2017-06-29"), Body: airstrikes},
		}, "a:original a:same-article b:reused", ByDate, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := build(t, tt.arts...)
			if len(r.Clusters) != 1 {
				t.Fatalf("got %d clusters, want 1", len(r.Clusters))
			}
			c := r.Clusters[0]
			if got := roles(c); got != tt.want {
				t.Errorf("members = %s, want %s", got, tt.want)
			}
			if c.OriginalBy != tt.by {
				t.Errorf("original by %q, want %q", c.OriginalBy, tt.by)
			}
			if got := strings.Join(r.Notes(), " "); got != tt.notes {
				t.Errorf("notes = %q, want %q", got, tt.notes)
			}
		})
	}
}

func TestArticleStats(t *testing.T) {
	own := "The spokesman said the talks in Cairo would continue next week with both delegations present."
	r := build(t,
		&article.Article{ID: "orig", Published: day("2017-05-29"), Body: airstrikes + "\n\n" + own},
		&article.Article{ID: "copy", Published: day("2017-06-29"), Body: "Short.\n\n" + airstrikes},
	)
	orig, cp := r.Articles[0], r.Articles[1]
	if orig.Originals != 1 || orig.Reused != 0 || len(orig.ReusedFrom) != 0 {
		t.Errorf("orig = %+v", orig)
	}
	if cp.Paragraphs != 2 || cp.Reused != 1 || cp.Words != 1+cp.ReusedWords || strings.Join(cp.ReusedFrom, ",") != "orig" {
		t.Errorf("copy = %+v", cp)
	}
	if got := cp.ReusedShare(); got <= 0.9 || got >= 1 {
		t.Errorf("reused share = %v, want all but the one-word paragraph", got)
	}
	s := r.Summary
	if s.Articles != 2 || s.Paragraphs != 4 || s.Passages != 1 || s.Recycled != 2 || s.Reused != 1 || s.Undated != 0 {
		t.Errorf("summary = %+v", s)
	}
	if got, want := r.Headline(), "2 articles, 4 paragraphs: 1 recycled passage in 2 paragraphs (1 reused copy)"; got != want {
		t.Errorf("headline = %q, want %q", got, want)
	}
}

func TestJSONEscapesNothingAndKeepsText(t *testing.T) {
	body := `<script>alert("x")</script> & the Egyptian Air Force has been carrying out airstrikes in eastern Libya.`
	r := build(t, &article.Article{ID: "a", Body: body}, &article.Article{ID: "b", Body: body})
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Schema   string
		Clusters []struct {
			Members []struct{ Text string }
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != Schema || len(doc.Clusters) != 1 || doc.Clusters[0].Members[0].Text != body {
		t.Errorf("JSON round trip lost the text: %s", buf.String())
	}
	if !strings.Contains(buf.String(), `"copy_of":0,"verbatim":true,"jaccard":1,"containment":1,"words":16,"changes":[]}`) {
		t.Errorf("the copy of the same text repeats it, or names what it copies otherwise: %s", buf.String())
	}
}

func TestMarkdownEscapesUntrustedText(t *testing.T) {
	body := "A | pipe, a <b>tag</b>, *stars* and [a](link) in the Egyptian Air Force airstrikes report today."
	r := build(t, &article.Article{ID: "a|b", Body: body}, &article.Article{ID: "c", Body: body})
	var buf bytes.Buffer
	if err := r.WriteMarkdown(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, raw := range []string{"<b>", "A | pipe", "*stars*", "[a](link)", "a|b"} {
		if strings.Contains(out, raw) {
			t.Errorf("Markdown output contains unescaped %q:\n%s", raw, out)
		}
	}
}

func TestPartialReuseCountsInTheShare(t *testing.T) {
	lifted := "Days after media outlets reported the arrival of Khalifa Haftar to Cairo, unknown airstrikes bombed Derna on Monday."
	host := "Last October, over 23 people were killed in airstrikes on the outskirts of the city, officials of the eastern government said. The attack occurred days after media outlets reported the arrival of Khalifa Haftar to Cairo."
	arts := []*article.Article{
		{ID: "early", Published: day("2017-10-31"), Body: lifted},
		{ID: "late", Published: day("2017-11-28"), Body: host},
	}
	r := build(t, arts...)
	if len(r.Partial) != 1 || r.Partial[0].Source.Article != "early" || r.Partial[0].Target.Article != "late" || r.Partial[0].Words != 12 {
		t.Fatalf("partial = %+v", r.Partial)
	}
	late := r.Articles[1]
	if late.PartWords != 12 || late.ReusedShare() != 12.0/float64(late.Words) || strings.Join(late.ReusedFrom, ",") != "early" {
		t.Errorf("late = %+v", late)
	}
	if got := r.Headline(); !strings.HasSuffix(got, "0 reused copies), 1 partial reuse") {
		t.Errorf("headline = %q", got)
	}
}

// TestJSONOneWordUnit: a member's words, its changes' positions and a
// partial reuse's words all count the words of the text model, however the
// text spaces its punctuation.
func TestJSONOneWordUnit(t *testing.T) {
	original := "The Libyan National Army(LNA)and Haftar\u2019s forces, backed by Egypt, said on Friday that airstrikes hit Derna and Sirte."
	edited := strings.Replace(original, "on Friday", "on Saturday", 1)
	r := build(t,
		&article.Article{ID: "a", Published: day("2017-05-01"), Body: original},
		&article.Article{ID: "b", Published: day("2017-05-02"), Body: edited})
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Clusters []struct {
			Members []struct {
				Words   int
				Changes [][]any // [original_start, original_end, copy_start, copy_end, deleted, inserted]
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Clusters) != 1 || len(doc.Clusters[0].Members) != 2 {
		t.Fatalf("want one passage of two members: %s", buf.String())
	}
	// "the libyan national army lna and haftar's forces backed by egypt said on friday ...":
	// "friday" is word 13; the text has 11 space-separated words before it.
	ms := doc.Clusters[0].Members
	if ms[0].Words != 20 || ms[1].Words != 20 {
		t.Errorf("members count %d and %d words, want 20", ms[0].Words, ms[1].Words)
	}
	if c := ms[1].Changes; len(c) != 1 || !reflect.DeepEqual(c[0], []any{13.0, 14.0, 13.0, 14.0, "Friday", "Saturday"}) {
		t.Errorf("changes = %v, want Friday replaced by Saturday at word 13", c)
	}
}

// TestNarrow keeps what concerns the articles asked for: their rows, the
// passages they are in, renumbered, the summary counted anew, and their
// sources' site furniture, whatever names the source.
func TestNarrow(t *testing.T) {
	furniture := "Follow our newsroom on every platform for the latest stories, updated around the clock by our editors."
	var arts []*article.Article
	for i := range 12 { // one JSONL file, no "source": its own source, furniture and all
		body := fmt.Sprintf("Story %d of the feed, with words of its own that no other story of the feed has, number %d.\n\n%s", i, i, furniture)
		if i == 5 || i == 9 {
			body = airstrikes + "\n\n" + body
		}
		arts = append(arts, &article.Article{ID: fmt.Sprint("a", i), Path: "feed.jsonl", Line: i + 1, Published: day(fmt.Sprintf("2017-05-%02d", i+1)), Body: body})
	}
	r := build(t, arts...)
	if len(r.Template) != 1 || len(r.Clusters) != 1 {
		t.Fatalf("the scan found %d furniture lines and %d passages, want 1 and 1", len(r.Template), len(r.Clusters))
	}
	r.Narrow(func(id string) bool { return id == "a9" })
	if len(r.Articles) != 1 || r.Articles[0].ID != "a9" {
		t.Errorf("articles %v, want a9's row alone", r.Articles)
	}
	if len(r.Clusters) != 1 || r.Clusters[0].ID != 1 || r.Summary.Passages != 1 || r.Summary.Articles != 1 {
		t.Errorf("clusters %d (first numbered %d), summary %+v", len(r.Clusters), r.Clusters[0].ID, r.Summary)
	}
	if len(r.Template) != 1 {
		t.Errorf("the feed's furniture is gone from a9's report: %v", r.Template)
	}
	r.Narrow(func(string) bool { return false })
	if len(r.Clusters) != 0 || len(r.Template) != 0 || r.Summary.Passages != 0 {
		t.Errorf("narrowed to nothing: %d clusters, %d furniture lines, %+v", len(r.Clusters), len(r.Template), r.Summary)
	}
}
