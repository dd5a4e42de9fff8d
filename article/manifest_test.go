package article

import (
	"strings"
	"testing"
)

func TestReadManifest(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		metas    []string // key=date for each entry
		problems []string
	}{
		{"csv", "file,published\na.txt,2017-05-29\nb.txt,2017-10-31T08:00:00Z\n", []string{"a.txt=2017-05-29", "b.txt=2017-10-31T08:00:00Z"}, nil},
		{"csv other column names and order", "Date, ID ,source\n2017-01-02,x,AFP\n", []string{"x=2017-01-02"}, nil},
		{"csv blank date is undated", "file,published\na.txt,\n", []string{"a.txt="}, nil},
		{"csv bad date", "file,published\na.txt,2017-02-30\nb.txt,2017-01-01\n", []string{"b.txt=2017-01-01"},
			[]string{`m:2: a.txt: date "2017-02-30" is not YYYY-MM-DD or RFC 3339`}},
		{"csv missing key", "file,published\n,2017-01-01\n", nil, []string{`m:2: no "file" (or "id") to say which article this row is for`}},
		{"csv no key column", "name,published\na,2017-01-01\n", nil, []string{`m:1: header names no "file" column (want e.g. "file,published")`}},
		{"csv empty", "", nil, []string{"m: empty manifest"}},
		{"csv short row", "file,published,source\na.txt\n", []string{"a.txt="}, nil},
		{"jsonl", "{\"file\": \"a.txt\", \"published\": \"2017-05-29\"}\n\n{\"id\": \"b\", \"date\": \"2017-06-01\", \"url\": \"u\"}\n", []string{"a.txt=2017-05-29", "b=2017-06-01"}, nil},
		{"jsonl broken line", "{\"file\": \"a.txt\"}\n{oops\n", []string{"a.txt="}, []string{"m:2: not valid JSON: invalid character 'o' looking for beginning of object key string (at byte 2)"}},
		{"binary", "file\x00", nil, []string{"m:1: binary data (NUL byte), not text"}},
		{"csv unclosed quote", "file,published\na.txt,2017-01-01\n\"b.txt,2017-01-02\nc.txt,2017-01-03\nd.txt,2017-01-04\n", []string{"a.txt=2017-01-01"},
			[]string{"m:3: a quoted field runs from line 3 to line 5 (a quote not closed?): the rows on those lines are not read"}},
		{"csv bare quote inside a field", "file,title\na.txt,The \"best\" story\n", []string{"a.txt="}, nil},
		{"jsonl numeric id as written", "{\"id\": 12345678, \"published\": \"2017-05-29\"}\n{\"id\": 1.50, \"published\": \"2017-05-30\"}\n", []string{"12345678=2017-05-29", "1.50=2017-05-30"}, nil},
		{"jsonl text after the object", "{\"id\": \"a\"} x\n", nil, []string{"m:1: not valid JSON: more after the object"}},
		{"zero date", "file,published\na.txt,0001-01-01\n", nil, []string{`m:2: a.txt: date "0001-01-01" is the zero date, which cannot be told from no date: leave the date out`}},
		{"UTF-16 without a mark", "f\x00i\x00l\x00e\x00,\x00d\x00a\x00t\x00e\x00\n\x00", nil, []string{"m: UTF-16 text without a byte-order mark: reprint reads UTF-8, and UTF-16 with its mark (convert it: iconv -f UTF-16LE -t UTF-8)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			metas, problems, err := ReadManifest(strings.NewReader(tt.in), "m")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range metas {
				got = append(got, m.Key+"="+FormatDate(m.Published))
			}
			if strings.Join(got, " ") != strings.Join(tt.metas, " ") {
				t.Errorf("entries = %q, want %q", got, tt.metas)
			}
			var gotP []string
			for _, p := range problems {
				gotP = append(gotP, p.Error())
			}
			if strings.Join(gotP, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("problems = %q, want %q", gotP, tt.problems)
			}
		})
	}
}

func FuzzReadManifest(f *testing.F) {
	for _, s := range []string{"file,published\na,2017-01-01\n", `{"file":"a","published":"2017-01-01"}`, "\"a\nb", "file\n\"", "{\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		metas, problems, err := ReadManifest(strings.NewReader(in), "m")
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range metas {
			if m.Key == "" {
				t.Fatalf("entry without key: %+v", m)
			}
		}
		for _, p := range problems {
			if p.Msg == "" {
				t.Fatalf("problem without message: %+v", p)
			}
		}
	})
}
