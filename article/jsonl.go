package article

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/prose"
	"github.com/tidwall/gjson"
	"github.com/valyala/fastjson"
)

// jsonRecord is one line of article JSONL. Fields it does not name are ignored.
type jsonRecord struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
	URL       string          `json:"url"`
}

// ReadJSONL reads article JSONL: one JSON object a line with "text" (or,
// without it, "html": a web page, read as ParseHTML does) and optional "id",
// "title", "published", "source" and "url". Blank lines are
// passed over. A line that cannot be used becomes a Problem and the rest of
// the file is still read; the error is for a failure to read at all.
//
// An article without "id" is named NAME:LINE after the file. When the text
// opens with the title as its own paragraph (as scraped pages do), that
// paragraph is the headline, not body.
//
// Lines are parsed on every core; the articles come in line order.
func ReadJSONL(r io.Reader, path string) ([]*Article, []Problem, error) {
	data, err := io.ReadAll(r)
	return parseJSONL(data, err, path, DefaultMaxArticle, 1)
}

// parseJSONL is ReadJSONL on what was read; readErr is how the reading
// ended, and a line over maxLine bytes is a problem. data's first line is
// line firstLine of the file.
func parseJSONL(data []byte, readErr error, path string, maxLine int64, firstLine int) ([]*Article, []Problem, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if looksUTF16(data) {
		return nil, []Problem{{Path: path, Msg: errUTF16.Error()}}, readErr
	}
	if readErr == nil && len(bytes.TrimSpace(data)) == 0 {
		what := "the file is empty"
		if len(data) > 0 {
			what = "only blank lines"
		}
		return nil, []Problem{{Path: path, Msg: "no articles: " + what}}, nil
	}
	var lines [][]byte
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		lines = append(lines, bytes.TrimSuffix(line, []byte("\r")))
		data = rest
	}
	type result struct {
		art *Article
		err error
	}
	results := make([]result, len(lines))
	parsers := make([]fastjson.Parser, parallel.Workers(len(lines)))
	parallel.ForWorker(len(lines), func(w, i int) {
		switch {
		case int64(len(lines[i])) > maxLine:
			results[i].err = fmt.Errorf("a record of %s: over the limit of %s per article (--max-article)", Size(int64(len(lines[i]))), Size(maxLine))
		case len(bytes.TrimSpace(lines[i])) > 0:
			results[i].art, results[i].err = parseLine(&parsers[w], lines[i], path, firstLine+i)
		}
	})
	var arts []*Article
	var problems []Problem
	for i, res := range results {
		switch {
		case res.err != nil:
			problems = append(problems, Problem{Path: path, Line: firstLine + i, Msg: res.err.Error()})
		case res.art != nil:
			res.art.Record = lines[i]
			arts = append(arts, res.art)
		}
	}
	if readErr != nil {
		return arts, problems, fmt.Errorf("%s:%d: %w", path, firstLine+len(lines), readErr)
	}
	return arts, problems, nil
}

// hasSurrogateEscape reports a \uD800-\uDFFF escape, which the two parsers
// decode differently.
func hasSurrogateEscape(line []byte) bool {
	for i := bytes.Index(line, []byte(`\u`)); i >= 0 && i+2 < len(line); {
		if line[i+2] == 'd' || line[i+2] == 'D' {
			return true
		}
		next := bytes.Index(line[i+2:], []byte(`\u`))
		if next < 0 {
			return false
		}
		i += 2 + next
	}
	return false
}

// fieldCase is the error for a key that names a field in another case
// ("Text", "TITLE"): field names are exact and lower case, in scan and in
// dedup alike, so that a record reads the same wherever it is read. Nil for
// any other key.
func fieldCase(key []byte) error {
	for _, name := range []string{"id", "text", "html", "title", "published", "source", "url"} {
		if len(key) == len(name) && string(key) != name && strings.EqualFold(string(key), name) {
			return fmt.Errorf("key %q: field names are lower case (%q)", key, name)
		}
	}
	return nil
}

// parseLine reads one line with fastjson, which parses without reflection.
// It takes only the common case, valid JSON: an object whose fields have the
// expected types; every other line goes to parseJSONLine (encoding/json), so
// that results and messages are the same whichever path a line takes.
func parseLine(p *fastjson.Parser, line []byte, path string, n int) (*Article, error) {
	if !utf8.Valid(line) {
		return nil, errors.New("invalid UTF-8")
	}
	// fastjson is lenient (control characters in strings, leading zeros) and
	// keeps surrogate escapes as written: such lines take the reference path.
	// gjson's validator is encoding/json's rule, without its cost.
	if !gjson.ValidBytes(line) || hasSurrogateEscape(line) {
		return parseJSONLine(line, path, n)
	}
	v, err := p.ParseBytes(line)
	if err != nil || v.Type() != fastjson.TypeObject {
		return parseJSONLine(line, path, n)
	}
	var rec struct{ id, text, html, title, published, source, url string }
	var textSet, htmlSet bool
	ok := true
	var caseErr error
	v.GetObject().Visit(func(key []byte, f *fastjson.Value) {
		var dst *string
		switch string(key) {
		case "text":
			dst, textSet = &rec.text, f.Type() != fastjson.TypeNull
		case "html":
			dst, htmlSet = &rec.html, f.Type() != fastjson.TypeNull
		case "title":
			dst = &rec.title
		case "published":
			dst = &rec.published
		case "source":
			dst = &rec.source
		case "url":
			dst = &rec.url
		case "id":
			switch f.Type() {
			case fastjson.TypeNumber:
				rec.id = string(f.MarshalTo(nil))
				return
			case fastjson.TypeString:
				dst = &rec.id
			}
		default:
			if err := fieldCase(key); err != nil && caseErr == nil {
				caseErr = err
			}
			return
		}
		switch {
		case dst == nil || (f.Type() != fastjson.TypeString && f.Type() != fastjson.TypeNull):
			ok = false
		case f.Type() == fastjson.TypeString:
			*dst = string(f.GetStringBytes())
		}
	})
	if caseErr != nil {
		return nil, caseErr
	}
	if !ok {
		return parseJSONLine(line, path, n)
	}
	if !textSet && htmlSet {
		return htmlArticle(rec.id, rec.html, rec.title, rec.published, rec.source, rec.url, path, n)
	}
	if !textSet {
		return nil, errors.New(`missing "text" (or "html")`)
	}
	return newArticle(rec.id, rec.text, rec.title, rec.published, rec.source, rec.url, path, n)
}

func parseJSONLine(line []byte, path string, n int) (*Article, error) {
	if !utf8.Valid(line) {
		return nil, errors.New("invalid UTF-8")
	}
	if json.Valid(line) {
		if err := keyCase(line); err != nil {
			return nil, err
		}
	}
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, errors.New(jsonErrorText(err))
	}
	id, err := recordID(rec.ID)
	if err != nil {
		return nil, err
	}
	if rec.Text == nil && rec.HTML != nil {
		return htmlArticle(id, *rec.HTML, rec.Title, rec.Published, rec.Source, rec.URL, path, n)
	}
	if rec.Text == nil {
		return nil, errors.New(`missing "text" (or "html")`)
	}
	return newArticle(id, *rec.Text, rec.Title, rec.Published, rec.Source, rec.URL, path, n)
}

// newArticle checks a record's fields and makes its article.
func newArticle(id, text, title, published, source, url, path string, n int) (*Article, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errors.New(`empty "text"`)
	}
	id = strings.TrimSpace(id)
	if id == "" {
		id = fmt.Sprintf("%s:%d", displayName(path), n)
	}
	date, err := ParseDate(published)
	if err != nil {
		return nil, fmt.Errorf(`"published": %v`, err)
	}
	title = strings.TrimSpace(title)
	return &Article{
		ID:        id,
		Title:     title,
		Body:      DropHeadline(text, title),
		Published: date,
		Source:    source,
		URL:       url,
		Path:      path,
		Line:      n,
	}, nil
}

// htmlArticle makes the article of a record whose body is a page ("html"):
// the record's fields win over what the page's metadata says.
func htmlArticle(id, page, title, published, source, url, path string, n int) (*Article, error) {
	p, err := ParseHTML([]byte(page))
	if err != nil {
		return nil, fmt.Errorf(`"html": %v`, err)
	}
	a, err := newArticle(id, p.Body, cmp.Or(strings.TrimSpace(title), p.Title), published, cmp.Or(source, p.Source), cmp.Or(url, p.URL), path, n)
	if err == nil && a.Published.IsZero() {
		a.Published = p.Published
	}
	return a, err
}

// recordID accepts a JSON string or number as an id; absent or null is "".
func recordID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var num json.Number
	if err := json.Unmarshal(raw, &num); err == nil {
		return num.String(), nil
	}
	return "", errors.New(`"id" is neither a string nor a number`)
}

// DropHeadline removes a leading paragraph that repeats the title, as
// scraped pages and article dumps often carry the headline twice.
// Paragraphs are the body's (prose.Paragraphs), so that a headline on a line
// of its own in a body without blank lines goes too. The body it returns is a
// suffix of text, so that text can be put back together.
func DropHeadline(text, title string) string {
	title = strings.Join(strings.Fields(title), " ")
	if title == "" {
		return text
	}
	ranges := prose.Ranges(text)
	if len(ranges) == 0 || strings.Join(strings.Fields(text[ranges[0].Start:ranges[0].End]), " ") != title {
		return text
	}
	if len(ranges) == 1 {
		return ""
	}
	body := text[ranges[1].Start:]
	if !slices.Equal(prose.Paragraphs(body), prose.Paragraphs(text)[1:]) {
		return text // without the headline the rest would read as other paragraphs: keep it
	}
	return body
}

// jsonErrorText says what is wrong with a line that should hold a JSON
// object, in the words a person needs.
func jsonErrorText(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON: %v (at byte %d)", syn, syn.Offset)
	case errors.As(err, &typ) && typ.Field != "":
		return fmt.Sprintf("%q should be %s, not %s", typ.Field, a(strings.TrimPrefix(typ.Type.String(), "*")), a(typ.Value))
	case errors.As(err, &typ):
		return fmt.Sprintf("want a JSON object, not %s", a(typ.Value))
	default:
		return "not valid JSON: " + err.Error()
	}
}

func displayName(path string) string {
	if path == "-" {
		return "stdin"
	}
	return filepath.Base(path)
}

// a puts the indefinite article before a noun.
func a(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// keyCase is fieldCase for the first top-level key of an object line that
// names a field in another case.
func keyCase(line []byte) error {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		if k, ok := key.(string); ok {
			if err := fieldCase([]byte(k)); err != nil {
				return err
			}
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil
		}
	}
	return nil
}
