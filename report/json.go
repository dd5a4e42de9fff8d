package report

import (
	"bufio"
	"cmp"
	"io"
	"math"
	"strconv"
	"time"

	json "github.com/goccy/go-json"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/scan"
)

// Schema names the JSON layout; it changes only when a field changes meaning
// or disappears. New fields may be added within a version.
const Schema = "reprint.scan/v2"

type jsonPlace struct {
	Article   string  `json:"article"`
	Published *string `json:"published"`
	Paragraph int     `json:"paragraph"`
	Archived  bool    `json:"archived,omitempty"`
}

type jsonPartial struct {
	Source  jsonPlace `json:"source"`
	Target  jsonPlace `json:"target"`
	Words   int       `json:"words"`
	Spans   []string  `json:"spans"`
	Formula bool      `json:"formula"`
}

type jsonSummary struct {
	Articles        int `json:"articles"`
	Paragraphs      int `json:"paragraphs"`
	Passages        int `json:"recycled_passages"`
	Recycled        int `json:"recycled_paragraphs"`
	Reused          int `json:"reused_paragraphs"`
	Partial         int `json:"partial_reuses"`
	Undated         int `json:"undated_articles"`
	OriginalByOrder int `json:"originals_by_input_order"`
}

type jsonSettings struct {
	ShingleSize int     `json:"shingle_size"`
	MinWords    int     `json:"min_words"`
	Hashes      int     `json:"hashes"`
	Threshold   float64 `json:"lsh_threshold"`
	MinJaccard  float64 `json:"min_jaccard"`
	MinRatio    float64 `json:"min_length_ratio"`
	MinContain  float64 `json:"min_containment"`
	MinFigures  float64 `json:"min_figures"`
	MinFacts    float64 `json:"min_facts"`
	MinSpan     int     `json:"min_span_words"`
	Common      int     `json:"common_phrase_articles"`
	TemplateMin int     `json:"template_min_articles"`
	TemplateShr float64 `json:"template_share"`
	InclTmpl    bool    `json:"include_template"`
}

type jsonArticle struct {
	ID          string   `json:"id"`
	Title       string   `json:"title,omitempty"`
	Published   *string  `json:"published"`
	Source      string   `json:"source,omitempty"`
	URL         string   `json:"url,omitempty"`
	Paragraphs  int      `json:"paragraphs"`
	Words       int      `json:"words"`
	Originals   int      `json:"original_paragraphs"`
	Reused      int      `json:"reused_paragraphs"`
	ReusedWords int      `json:"reused_words"`
	PartWords   int      `json:"partial_words"`
	ReusedShare ratio    `json:"reused_share"`
	ReusedFrom  []string `json:"reused_from"`
}

type jsonCluster struct {
	ID         int          `json:"id"`
	Spread     int          `json:"articles"`
	OriginalBy string       `json:"original_by"`
	Formula    bool         `json:"formula"`
	Members    []jsonMember `json:"members"`
}

type jsonMember struct {
	Article     string       `json:"article"`
	Published   *string      `json:"published"`
	Paragraph   int          `json:"paragraph"`
	Role        string       `json:"role"`
	CopyOf      *int         `json:"copy_of"`
	Verbatim    bool         `json:"verbatim"`
	Jaccard     ratio        `json:"jaccard"`
	Containment ratio        `json:"containment"`
	Words       int          `json:"words"`
	Text        string       `json:"text,omitempty"` // left out when it is the original's, byte for byte
	Changes     []jsonChange `json:"changes"`
	Archived    bool         `json:"archived,omitempty"` // read from the archive index by reprint check
}

// jsonChange is one edit of a copy, written as an array: [original_start,
// original_end, copy_start, copy_end, deleted, inserted], the original's
// words [original_start, original_end) replaced by the copy's [copy_start,
// copy_end), positions counting the text model's words (prose.Words), and
// those words as published. An archive's report holds hundreds of thousands
// of edits, and six keys apiece would outweigh them.
type jsonChange [6]any

type jsonTemplate struct {
	Source     string `json:"source"`
	Text       string `json:"text"`
	Articles   int    `json:"articles"`
	Of         int    `json:"of_articles"`
	Paragraphs int    `json:"paragraphs"`
}

type jsonProblem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// SettingsJSON is the detection settings as the JSON report writes them
// (its "settings"): what reprint index stats shows too.
func SettingsJSON(o scan.Options) any {
	return jsonSettings{
		ShingleSize: o.Shingle.Size, MinWords: o.Shingle.MinWords,
		Hashes: o.LSH.Hashes, Threshold: o.LSH.Threshold,
		MinJaccard: o.LSH.MinJaccard, MinRatio: o.LSH.MinRatio,
		MinContain: o.LSH.MinContain, MinFigures: o.LSH.MinFigures, MinFacts: o.LSH.MinFacts,
		MinSpan: o.Span.MinWords, Common: o.Span.Common,
		TemplateMin: o.Template.MinArticles, TemplateShr: o.Template.Share, InclTmpl: o.IncludeTemplate,
	}
}

// ratio is a share in [0, 1], written with at most four decimals.
type ratio float64

func (r ratio) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, math.Round(float64(r)*1e4)/1e4, 'f', -1, 64), nil
}

// WriteJSON writes the report as one JSON document (Schema), compact, with
// each top-level field, and each article, cluster and partial reuse, on a
// line of its own: small enough for an archive, and a line to grep or diff
// an element by. It streams: each element is encoded on its own, so memory
// holds one element of the output at a time, not the whole document.
func (r *Report) WriteJSON(w io.Writer) error {
	jw := &jsonWriter{w: bufio.NewWriterSize(w, 1<<16)}
	jw.raw("{")
	jw.field("schema", Schema, false)
	jw.field("summary", summaryJSON(r.Summary), false)
	if r.Found != nil {
		jw.field("found", summaryJSON(*r.Found), false)
	}
	jw.field("settings", SettingsJSON(r.Settings), false)
	jw.array("articles", len(r.Articles), func(i int) any {
		a := r.Articles[i]
		return jsonArticle{
			ID: a.ID, Title: a.Title, Published: date(a.Published), Source: a.Source, URL: a.URL,
			Paragraphs: a.Paragraphs, Words: a.Words, Originals: a.Originals, Reused: a.Reused,
			ReusedWords: a.ReusedWords, PartWords: a.PartWords, ReusedShare: ratio(a.ReusedShare()), ReusedFrom: nonNil(a.ReusedFrom),
		}
	}, false)
	jw.begin("clusters", len(r.Clusters))
	if err := eachCluster(r, func(c *Cluster) encoded {
		b, err := marshal(clusterJSON(c))
		return encoded{b, err}
	}, func(i int, _ *Cluster, e encoded) error {
		jw.err = cmp.Or(jw.err, e.err)
		jw.item(e.b, i, len(r.Clusters))
		return jw.err
	}); err != nil {
		return err
	}
	jw.end(len(r.Clusters), false)
	jw.array("partial", len(r.Partial), func(i int) any {
		p := r.Partial[i]
		return jsonPartial{
			Source: jsonPlace{p.Source.Article, date(p.Source.Published), p.Source.Paragraph, p.Source.Archived},
			Target: jsonPlace{p.Target.Article, date(p.Target.Published), p.Target.Paragraph, p.Target.Archived},
			Words:  p.Words, Spans: p.Spans, Formula: p.Formula,
		}
	}, false)
	jw.array("template", len(r.Template), func(i int) any { return jsonTemplate(r.Template[i]) }, false)
	jw.array("skipped", len(r.Skipped), func(i int) any {
		p := r.Skipped[i]
		return jsonProblem{Path: p.Path, Line: p.Line, Message: p.Msg}
	}, true)
	jw.raw("}\n")
	if jw.err == nil {
		jw.err = jw.w.Flush()
	}
	return jw.err
}

// summaryJSON is a summary as the JSON report writes it.
func summaryJSON(s Summary) jsonSummary {
	return jsonSummary{
		Articles: s.Articles, Paragraphs: s.Paragraphs, Passages: s.Passages,
		Recycled: s.Recycled, Reused: s.Reused, Partial: s.Partial, Undated: s.Undated,
		OriginalByOrder: s.ByOrder,
	}
}

// jsonWriter writes the report's JSON piece by piece, keeping the first
// error.
type jsonWriter struct {
	w   *bufio.Writer
	err error
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

// encoded is one element of the output, encoded, or why it could not be.
type encoded struct {
	b   []byte
	err error
}

// marshal encodes v compactly, leaving <, > and & as they are.
func marshal(v any) ([]byte, error) {
	return json.MarshalWithOption(v, json.DisableHTMLEscape())
}

// field writes a top-level field, `"name":value`, and a comma and a line
// break unless it is the last.
func (j *jsonWriter) field(name string, v any, last bool) {
	j.raw(strconv.Quote(name) + ":")
	if j.err == nil {
		var b []byte
		if b, j.err = marshal(v); j.err == nil {
			_, j.err = j.w.Write(b)
		}
	}
	j.next(last)
}

// array writes a top-level array field of n elements, made one at a time.
func (j *jsonWriter) array(name string, n int, elem func(i int) any, last bool) {
	j.begin(name, n)
	for i := range n {
		if j.err != nil {
			return
		}
		b, err := marshal(elem(i))
		j.err = cmp.Or(j.err, err)
		j.item(b, i, n)
	}
	j.end(n, last)
}

// begin opens a top-level array field of n elements.
func (j *jsonWriter) begin(name string, n int) {
	j.raw(strconv.Quote(name) + ":[")
}

// item writes element i of n on a line of its own.
func (j *jsonWriter) item(b []byte, i, n int) {
	j.raw("\n")
	if j.err == nil {
		_, j.err = j.w.Write(b)
	}
	if i < n-1 {
		j.raw(",")
	}
}

// end closes an array begin opened.
func (j *jsonWriter) end(n int, last bool) {
	j.raw("]")
	j.next(last)
}

// next ends a top-level field: a comma and a line break, unless it is the
// last.
func (j *jsonWriter) next(last bool) {
	if !last {
		j.raw(",\n")
	}
}

// clusterJSON is a cluster as the JSON has it, with its copies' changes.
func clusterJSON(c *Cluster) jsonCluster {
	diffs := c.Diffs()
	jc := jsonCluster{ID: c.ID, Spread: c.Spread, OriginalBy: c.OriginalBy, Formula: c.Formula, Members: make([]jsonMember, len(c.Members))}
	for j, m := range c.Members {
		d := diffs[j]
		jc.Members[j] = jsonMember{
			Article: m.Article, Published: date(m.Published), Paragraph: m.Paragraph, Role: m.Role,
			Verbatim: m.Verbatim, Jaccard: ratio(m.Sim.Jaccard), Containment: ratio(m.Sim.Containment),
			Words: m.Words, Text: m.Text, Changes: make([]jsonChange, len(d.Changes)), Archived: m.Archived,
		}
		if m.Of >= 0 {
			jc.Members[j].CopyOf = &m.Of
		}
		if j > 0 && m.Text == c.Members[0].Text {
			jc.Members[j].Text = ""
		}
		for k, ch := range d.Changes {
			jc.Members[j].Changes[k] = jsonChange{ch.OrigStart, ch.OrigEnd, ch.CopyStart, ch.CopyEnd, d.Deleted(ch), d.Inserted(ch)}
		}
	}
	return jc
}

// date is a JSON date: "YYYY-MM-DD" (RFC 3339 with a time of day), or null.
func date(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := article.FormatDate(t)
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
