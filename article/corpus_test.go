package article

import (
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
