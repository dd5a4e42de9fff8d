package article

import (
	"reflect"
	"strings"
	"testing"

	"github.com/valyala/fastjson"
)

func TestReadJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a", "title": "Headline", "text": "Headline\n\nFirst para.\n\nSecond.", "published": "2017-05-29", "source": "S", "url": "http://x"}`,
		``,
		`{"id": 42, "text": "numbered id"}`,
		`{"text": "no id at all"}`,
		`not json`,
		`{"id": "b"}`,
		`{"id": "c", "text": "  "}`,
		`{"id": "d", "text": "x", "published": "yesterday"}`,
		`{"id": "e", "text": 7}`,
		`["an", "array"]`,
		"{\"id\": \"f\", \"text\": \"bad \xff byte\"}",
		`{"id": {"nested": 1}, "text": "x"}`,
		`{"id": "g", "Text": "upper-case key"}`,
		`{"id": "h", "text": "x", "TITLE": "upper-case title"}`,
	}, "\n")
	arts, problems, err := ReadJSONL(strings.NewReader(in), "in.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	if got, want := strings.Join(ids, ","), "a,42,in.jsonl:4"; got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
	a := arts[0]
	if a.Title != "Headline" || a.Body != "First para.\n\nSecond." || FormatDate(a.Published) != "2017-05-29" ||
		a.Source != "S" || a.URL != "http://x" || a.Line != 1 {
		t.Errorf("article a = %+v", a)
	}
	wantProblems := []string{
		"in.jsonl:5: not valid JSON: invalid character 'o' in literal null (expecting 'u') (at byte 2)",
		`in.jsonl:6: missing "text" (or "html")`,
		`in.jsonl:7: empty "text"`,
		`in.jsonl:8: "published": date "yesterday" is not YYYY-MM-DD or RFC 3339`,
		`in.jsonl:9: "text" should be a string, not a number`,
		`in.jsonl:10: want a JSON object, not an array`,
		`in.jsonl:11: invalid UTF-8`,
		`in.jsonl:12: "id" is neither a string nor a number`,
		`in.jsonl:13: key "Text": field names are lower case ("text")`,
		`in.jsonl:14: key "TITLE": field names are lower case ("title")`,
	}
	if len(problems) != len(wantProblems) {
		t.Fatalf("problems = %v, want %d of them", problems, len(wantProblems))
	}
	for i, p := range problems {
		if p.Error() != wantProblems[i] {
			t.Errorf("problem %d = %q, want %q", i, p.Error(), wantProblems[i])
		}
	}
}

func TestDropHeadline(t *testing.T) {
	tests := []struct{ text, title, want string }{
		{"T\n\nbody", "T", "body"},
		{"\n T \n\nbody", "T", "body"},
		{"T", "T", ""},
		{"Other\n\nbody", "T", "Other\n\nbody"},
		{"T\nbody on the next line", "T", "body on the next line"}, // one paragraph a line: the first is the headline
		{"T\nfirst line\nsecond line", "T", "first line\nsecond line"},
		{"T\n\nhard\nwrapped", "T", "T\n\nhard\nwrapped"}, // without T the block would read as two paragraphs: kept
		{"  Long   title \n\nbody", "Long title", "body"},
		{"body", "", "body"},
	}
	for _, tt := range tests {
		if got := DropHeadline(tt.text, tt.title); got != tt.want {
			t.Errorf("DropHeadline(%q, %q) = %q, want %q", tt.text, tt.title, got, tt.want)
		}
	}
}

func FuzzReadJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "text": "x"}`, `{"text": "t", "title": "t"}`, "{}\n[]\nnull", `{"id": 1.5e3, "text": "x", "published": "2017-01-01"}`, "\xff\n{",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		arts, problems, err := ReadJSONL(strings.NewReader(in), "f.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(in, "\n") + 1
		if len(arts)+len(problems) > lines {
			t.Fatalf("%d articles and %d problems from %d lines", len(arts), len(problems), lines)
		}
		for _, a := range arts {
			if a.ID == "" || strings.TrimSpace(a.Body+a.Title) == "" {
				t.Fatalf("article without id or text: %+v", a)
			}
		}
		for _, p := range problems {
			// Line 0 is the whole file: no articles in it at all.
			if p.Line < 0 || p.Line > lines || p.Line == 0 && (len(arts) > 0 || len(problems) > 1) {
				t.Fatalf("problem at line %d of %d: %v", p.Line, lines, p)
			}
		}
	})
}

// FuzzParseLineMatchesReference checks that the fastjson path gives what the
// encoding/json path gives, article or message, for any line.
func FuzzParseLineMatchesReference(f *testing.F) {
	for _, s := range []string{
		`{"id": "a", "title": "T", "text": "T\n\nbody", "published": "2017-05-29", "source": "S", "url": "u"}`,
		`{"id": 1.5e3, "text": "x"}`, `{"Text": "x"}`, `{"text": "x", "text": null}`, `{"text": 5}`, `{"id": true, "text": "x"}`,
		`{"text": "\ud800"}`, `[1]`, `{"text": "x"} trailing`, `{"text": "a", "title": null, "extra": {"text": 1}}`,
		// what the validity check must refuse, which fastjson would take
		"{\"text\": \"x\ty\"}", `{"text": "x", "n": 01}`, `{"text": "x", "n": 1.}`, `{"text": "x",}`, `{"text": "\x"}`, `{"text": "x"}{"text": "y"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		var p fastjson.Parser
		fast, fastErr := parseLine(&p, []byte(line), "f.jsonl", 7)
		ref, refErr := parseJSONLine([]byte(line), "f.jsonl", 7)
		if (fastErr == nil) != (refErr == nil) || (fastErr != nil && fastErr.Error() != refErr.Error()) {
			t.Fatalf("%q: fastjson path %v, encoding/json path %v", line, fastErr, refErr)
		}
		if fastErr == nil && !reflect.DeepEqual(fast, ref) {
			t.Fatalf("%q: fastjson path %+v, encoding/json path %+v", line, fast, ref)
		}
	})
}
