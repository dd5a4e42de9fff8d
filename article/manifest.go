package article

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// ManifestNames are the file names under which a manifest beside the articles
// is found without --meta. Files with these names are never read as articles.
var ManifestNames = []string{"dates.csv", "dates.jsonl"}

// A Meta is one manifest entry: what it says about the article named Key.
type Meta struct {
	Key       string // the article's file, relative to the manifest's folder, or its id
	Published time.Time
	Source    string
	URL       string
	Title     string
	Line      int
}

// Column names a manifest may use; the first of each list is the documented one.
var (
	keyColumns  = []string{"file", "id", "path"}
	dateColumns = []string{"published", "date"}
)

// ReadManifest reads a manifest: CSV with a header row, or JSONL objects, with
// a key ("file", or "id" or "path") and optional "published" (or "date"),
// "source", "url" and "title". JSONL is recognised by a first non-blank byte
// of '{'. A row that cannot be used is a Problem; the others are still read.
func ReadManifest(r io.Reader, path string) ([]Meta, []Problem, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := CheckText(data); err != nil {
		return nil, []Problem{fileProblem(path, err)}, nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		return readManifestJSONL(data, path)
	}
	return readManifestCSV(data, path)
}

func readManifestCSV(data []byte, path string) ([]Meta, []Problem, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{Path: path, Msg: "empty manifest"}}, nil
	}
	if err != nil {
		return nil, []Problem{csvProblem(path, err)}, nil
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	keyCol := firstColumn(cols, keyColumns)
	if keyCol < 0 {
		return nil, []Problem{{Path: path, Line: 1, Msg: `header names no "file" column (want e.g. "file,published")`}}, nil
	}
	get := func(rec []string, names ...string) string {
		if i := firstColumn(cols, names); i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var metas []Meta
	var problems []Problem
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return metas, problems, nil
		}
		if err != nil {
			problems = append(problems, csvProblem(path, err))
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if i := slices.IndexFunc(rec, func(f string) bool { return strings.Contains(f, "\n") }); i >= 0 {
			// With LazyQuotes a quote that is never closed runs to the next
			// one, however many lines on: say which rows went with it.
			start, _ := cr.FieldPos(i)
			end := start + strings.Count(strings.TrimRight(rec[i], "\r\n"), "\n") // a newline at the end of the file ends no row
			problems = append(problems, Problem{Path: path, Line: start, Msg: fmt.Sprintf(
				"a quoted field runs from line %d to line %d (a quote not closed?): the rows on those lines are not read", start, end)})
			continue
		}
		raw := map[string]string{
			"key": get(rec, keyColumns...), "published": get(rec, dateColumns...),
			"source": get(rec, "source"), "url": get(rec, "url"), "title": get(rec, "title"),
		}
		m, err := newMeta(raw, line)
		if err != nil {
			problems = append(problems, Problem{Path: path, Line: line, Msg: err.Error()})
			continue
		}
		metas = append(metas, m)
	}
}

func readManifestJSONL(data []byte, path string) ([]Meta, []Problem, error) {
	var metas []Meta
	var problems []Problem
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var obj map[string]any
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber() // an id of 12345678 is "12345678", as written
		if err := dec.Decode(&obj); err != nil {
			problems = append(problems, Problem{Path: path, Line: n, Msg: jsonErrorText(err)})
			continue
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			problems = append(problems, Problem{Path: path, Line: n, Msg: "not valid JSON: more after the object"})
			continue
		}
		raw := map[string]string{}
		for _, f := range []struct {
			to   string
			from []string
		}{
			{"key", keyColumns}, {"published", dateColumns},
			{"source", []string{"source"}}, {"url", []string{"url"}}, {"title", []string{"title"}},
		} {
			for _, name := range f.from {
				if v, ok := obj[name]; ok && v != nil {
					raw[f.to] = strings.TrimSpace(fmt.Sprint(v))
					break
				}
			}
		}
		m, err := newMeta(raw, n)
		if err != nil {
			problems = append(problems, Problem{Path: path, Line: n, Msg: err.Error()})
			continue
		}
		metas = append(metas, m)
	}
	return metas, problems, sc.Err()
}

func newMeta(raw map[string]string, line int) (Meta, error) {
	if raw["key"] == "" {
		return Meta{}, errors.New(`no "file" (or "id") to say which article this row is for`)
	}
	published, err := ParseDate(raw["published"])
	if err != nil {
		return Meta{}, fmt.Errorf("%s: %v", raw["key"], err)
	}
	return Meta{Key: raw["key"], Published: published, Source: raw["source"], URL: raw["url"], Title: raw["title"], Line: line}, nil
}

func firstColumn(cols map[string]int, names []string) int {
	for _, n := range names {
		if i, ok := cols[n]; ok {
			return i
		}
	}
	return -1
}

func csvProblem(path string, err error) Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return Problem{Path: path, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return Problem{Path: path, Msg: err.Error()}
}

// fileProblem turns a reader's error into a Problem, keeping a line it knows.
func fileProblem(path string, err error) Problem {
	var le *LineError
	if errors.As(err, &le) {
		return Problem{Path: path, Line: le.Line, Msg: le.Msg}
	}
	return Problem{Path: path, Msg: err.Error()}
}
