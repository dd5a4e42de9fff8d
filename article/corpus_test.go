package article

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree creates files under dir; a name ending in "/" is an empty folder.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReadCorpus(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"news/a.txt":              "A headline\n\nA body.",
		"news/sub/b.md":           "# B headline\n\nB body.",
		"news/c.txt":              "C headline\n\nC body.",
		"news/dates.csv":          "file,published,source\na.txt,2017-05-29,AFP\nsub/b.md,2017-06-01,\nc.txt,someday,\n",
		"news/.hidden/x.txt":      "hidden\n\nnot read",
		"news/README.md":          "About this folder",
		"news/notes.pdf":          "%PDF",
		"news/binary.txt":         "GIF89a\x00\x01",
		"news/latin1.txt":         "Caf\xe9\n",
		"news/empty.txt":          "",
		"feed/items.jsonl":        `{"id": "j1", "text": "J body", "published": "2017-07-01"}` + "\n{broken\n" + `{"id": "j2", "text": "J2 body"}` + "\n" + `{"id": "j1", "text": "again"}` + "\n",
		"empty/":                  "",
		"single.txt":              "Single\n\nbody",
		"meta.jsonl":              `{"id": "j2", "published": "2017-08-01", "url": "http://j2"}` + "\n" + `{"id": "nobody", "published": "2017-08-01"}` + "\n",
		"dup/news/a.txt":          "Another a\n\nbody",
		"manifest-by-mistake.csv": "file,published\n",
	})
	in := func(p string) string { return filepath.Join(dir, p) }
	c := Read([]string{in("news"), in("feed"), in("missing"), in("empty"), in("single.txt"), in("dup/news"), in("manifest-by-mistake.csv")},
		Options{Meta: []string{in("meta.jsonl")}})

	var got []string
	for _, a := range c.Articles {
		got = append(got, a.ID+"@"+FormatDate(a.Published))
	}
	want := []string{"a.txt@2017-05-29", "c.txt@", "sub/b.md@2017-06-01", "j1@2017-07-01", "j2@2017-08-01",
		filepath.ToSlash(in("single.txt")) + "@", filepath.ToSlash(in("dup/news/a.txt")) + "@"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("articles:\n got %v\nwant %v", got, want)
	}
	if c.Articles[0].Source != "AFP" || c.Articles[0].Title != "A headline" || c.Articles[4].URL != "http://j2" {
		t.Errorf("manifest fields not applied: %+v %+v", c.Articles[0], c.Articles[4])
	}

	if len(c.Passed) != 1 || c.Passed[".pdf"] != 1 {
		t.Errorf("passed over %v, want one .pdf", c.Passed)
	}

	var problems []string
	for _, p := range c.Problems {
		problems = append(problems, strings.ReplaceAll(p.Error(), dir+string(filepath.Separator), ""))
	}
	wantProblems := []string{
		"news/binary.txt:1: binary data (NUL byte), not text",
		"news/empty.txt: empty: no headline and no text",
		"news/latin1.txt:1: invalid UTF-8 (byte 0xe9)",
		"feed/items.jsonl:2: not valid JSON: invalid character 'b' looking for beginning of object key string (at byte 2)",
		`feed/items.jsonl:4: duplicate article id "j1" (first read from feed/items.jsonl:1)`,
		"missing: no such file or folder",
		"empty: no articles found (looked for .txt, .md, .markdown, .html, .htm, .jsonl, .ndjson files)",
		"manifest-by-mistake.csv: a CSV file is a manifest, not an article: pass it with --meta",
		`news/dates.csv:4: c.txt: date "someday" is not YYYY-MM-DD or RFC 3339`,
		`meta.jsonl:2: no article "nobody" among the input (row ignored)`,
	}
	if strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n got %s\nwant %s", strings.Join(problems, "\n     "), strings.Join(wantProblems, "\n     "))
	}
}

func TestReadStdin(t *testing.T) {
	c := Read([]string{"-"}, Options{Stdin: strings.NewReader(`{"id": "s", "text": "from stdin"}` + "\n")})
	if len(c.Articles) != 1 || c.Articles[0].ID != "s" || c.Articles[0].Path != "-" || len(c.Problems) != 0 {
		t.Errorf("got %+v, problems %v", c.Articles, c.Problems)
	}
	c = Read([]string{"-"}, Options{})
	if len(c.Articles) != 0 || len(c.Problems) != 1 || c.Problems[0].Error() != "-: no standard input" {
		t.Errorf("without stdin: got %+v, problems %v", c.Articles, c.Problems)
	}
}

func TestReadUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"locked.txt": "T\n\nbody", "ok.txt": "T\n\nbody"})
	if err := os.Chmod(filepath.Join(dir, "locked.txt"), 0); err != nil {
		t.Fatal(err)
	}
	c := Read([]string{dir}, Options{})
	if len(c.Articles) != 1 || len(c.Problems) != 1 || !strings.HasSuffix(c.Problems[0].Error(), "locked.txt: permission denied") {
		t.Errorf("got %d articles, problems %v", len(c.Articles), c.Problems)
	}
}

// utf16 is s in UTF-16 with a byte-order mark, little- or big-endian.
func utf16(s string, little bool) string {
	var b []byte
	if little {
		b = append(b, 0xFF, 0xFE)
	} else {
		b = append(b, 0xFE, 0xFF)
	}
	for _, r := range s { // the test texts are in the Basic Multilingual Plane
		if little {
			b = append(b, byte(r), byte(r>>8))
		} else {
			b = append(b, byte(r>>8), byte(r))
		}
	}
	return string(b)
}

// TestReadEncodings: byte-order marks are read, UTF-16 with its mark is
// decoded, and a JSONL file with no article in it says so.
func TestReadEncodings(t *testing.T) {
	tests := []struct {
		name, file, content string
		ids, problems       []string
	}{
		{"UTF-8 mark before JSONL", "a.jsonl", "\uFEFF{\"id\": \"first\", \"text\": \"body\"}\n{\"id\": \"second\", \"text\": \"body\"}\n", []string{"first", "second"}, nil},
		{"UTF-16LE text", "a.txt", utf16("Headline\n\nBody of the story, café.", true), []string{"a.txt"}, nil},
		{"UTF-16BE JSONL", "a.jsonl", utf16("{\"id\": \"x\", \"text\": \"Body, café.\"}\n", false), []string{"x"}, nil},
		{"UTF-16 without a mark", "a.txt", "H\x00e\x00a\x00d\x00\n\x00\n\x00b\x00o\x00d\x00y\x00", nil,
			[]string{"a.txt: UTF-16 text without a byte-order mark: reprint reads UTF-8, and UTF-16 with its mark (convert it: iconv -f UTF-16LE -t UTF-8)"}},
		{"empty JSONL", "a.jsonl", "", nil, []string{"a.jsonl: no articles: the file is empty"}},
		{"blank JSONL", "a.jsonl", "\n  \n\n", nil, []string{"a.jsonl: no articles: only blank lines"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{tt.file: tt.content})
			c := Read([]string{filepath.Join(dir, tt.file)}, Options{})
			var ids, problems []string
			for _, a := range c.Articles {
				ids = append(ids, strings.TrimPrefix(a.ID, filepath.ToSlash(dir)+"/"))
				if strings.Contains(tt.content, "caf") && !strings.Contains(a.Body, "café") {
					t.Errorf("%s: body %q, want it decoded", a.ID, a.Body)
				}
			}
			for _, p := range c.Problems {
				problems = append(problems, strings.TrimPrefix(p.Error(), dir+string(filepath.Separator)))
			}
			if strings.Join(ids, " ") != strings.Join(tt.ids, " ") || strings.Join(problems, "\n") != strings.Join(tt.problems, "\n") {
				t.Errorf("articles %q, problems %q; want %q and %q", ids, problems, tt.ids, tt.problems)
			}
		})
	}
}

// zeros is an endless stream of NUL bytes, as /dev/zero piped in.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestReadStdinBinary: binary data on standard input is refused at its first
// NUL byte, not read up to the file limit.
func TestReadStdinBinary(t *testing.T) {
	in := io.MultiReader(strings.NewReader(`{"id": "a", "text": "x"}`+"\n"), zeros{})
	c := Read([]string{"-"}, Options{Stdin: in})
	if len(c.Articles) != 0 || len(c.Problems) != 1 || c.Problems[0].Error() != "-:2: binary data (NUL byte), not JSONL text; nothing read from it" {
		t.Errorf("got %d articles, problems %v", len(c.Articles), c.Problems)
	}
	if c.Bytes > 1<<20 {
		t.Errorf("read %d bytes of zeros before giving up", c.Bytes)
	}
}
