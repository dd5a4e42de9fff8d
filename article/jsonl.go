package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// jsonRecord is one line of article JSONL. Fields it does not name are ignored.
type jsonRecord struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
	URL       string          `json:"url"`
}

// ReadJSONL reads article JSONL: one JSON object a line with "text" and
// optional "id", "title", "published", "source" and "url". Blank lines are
// passed over. A line that cannot be used becomes a Problem and the rest of
// the file is still read; the error is for a failure to read at all.
//
// An article without "id" is named NAME:LINE after the file. When the text
// opens with the title as its own paragraph (as scraped pages do), that
// paragraph is the headline, not body.
func ReadJSONL(r io.Reader, path string) ([]*Article, []Problem, error) {
	var (
		arts     []*Article
		problems []Problem
		br       = bufio.NewReaderSize(r, 1<<16)
	)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			a, perr := parseJSONLine(line, path, n)
			if perr != nil {
				problems = append(problems, Problem{Path: path, Line: n, Msg: perr.Error()})
			} else {
				arts = append(arts, a)
			}
		}
		if errors.Is(err, io.EOF) {
			return arts, problems, nil
		}
		if err != nil {
			return arts, problems, fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
}

func parseJSONLine(line []byte, path string, n int) (*Article, error) {
	if !utf8.Valid(line) {
		return nil, errors.New("invalid UTF-8")
	}
	var rec jsonRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, errors.New(jsonErrorText(err))
	}
	if rec.Text == nil {
		return nil, errors.New(`missing "text"`)
	}
	if strings.TrimSpace(*rec.Text) == "" {
		return nil, errors.New(`empty "text"`)
	}
	id, err := recordID(rec.ID)
	if err != nil {
		return nil, err
	}
	if id == "" {
		id = fmt.Sprintf("%s:%d", displayName(path), n)
	}
	published, err := ParseDate(rec.Published)
	if err != nil {
		return nil, fmt.Errorf(`"published": %v`, err)
	}
	title := strings.TrimSpace(rec.Title)
	return &Article{
		ID:        id,
		Title:     title,
		Body:      DropHeadline(*rec.Text, title),
		Published: published,
		Source:    rec.Source,
		URL:       rec.URL,
		Path:      path,
		Line:      n,
	}, nil
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
func DropHeadline(text, title string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if title == "" {
		return text
	}
	trimmed := strings.TrimLeft(text, " \t\n")
	first, rest, found := strings.Cut(trimmed, "\n\n")
	if strings.TrimSpace(first) == title {
		if !found {
			return ""
		}
		return rest
	}
	return text
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
