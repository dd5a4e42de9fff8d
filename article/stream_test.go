package article

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// streamed reads paths with Stream, batches of batchBytes, and gathers
// what it gives.
func streamed(t testing.TB, paths []string, opts Options, batchBytes int) ([]*Article, *Corpus) {
	t.Helper()
	var arts []*Article
	c, err := Stream(paths, opts, batchBytes, func(batch []*Article) error {
		arts = append(arts, batch...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 0 {
		t.Errorf("Stream's corpus holds %d articles", len(c.Articles))
	}
	return arts, c
}

// sameAsRead checks that Stream gives what Read does: the same articles in
// the same order, the same problems, the same bytes read.
func sameAsRead(t *testing.T, paths []string, opts Options) {
	t.Helper()
	want := Read(paths, opts)
	for _, chunk := range []int{7, 64, 8 << 20} {
		streamChunk = chunk
		got, c := streamed(t, paths, opts, 100)
		streamChunk = 8 << 20
		describe := func(arts []*Article) []string {
			var out []string
			for _, a := range arts {
				out = append(out, fmt.Sprintf("%s|%s|%s|%s|%v|%s:%d", a.ID, a.Title, a.Body, a.Source, a.Published, a.Path, a.Line))
			}
			return out
		}
		if g, w := describe(got), describe(want.Articles); !slices.Equal(g, w) {
			t.Errorf("chunks of %d: articles\n got %q\nwant %q", chunk, g, w)
		}
		if g, w := fmt.Sprint(c.Problems), fmt.Sprint(want.Problems); g != w && !streamedProblem(c.Problems) {
			t.Errorf("chunks of %d: problems\n got %s\nwant %s", chunk, g, w)
		}
		if c.Bytes != want.Bytes {
			t.Errorf("chunks of %d: %d bytes read, want %d", chunk, c.Bytes, want.Bytes)
		}
	}
}

// streamedProblem reports the problems a stream words otherwise: a NUL
// byte, or a file over the limit, found after some lines were read; a line
// over the limit, whose whole size a stream does not read.
func streamedProblem(ps []Problem) bool {
	return slices.ContainsFunc(ps, func(p Problem) bool {
		return strings.Contains(p.Msg, "were read") || strings.Contains(p.Msg, "a record of more than")
	})
}

func TestStreamAsRead(t *testing.T) {
	long := strings.Repeat("word ", 40)
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
	}{
		{"jsonl", map[string]string{"a.jsonl": `{"id":"1","text":"One.\n\nTwo."}` + "\n" + `{"id":"2","published":"2020-01-02","text":"Three."}` + "\n"}, Options{}},
		{"bad lines", map[string]string{"a.jsonl": "{\"id\":\"1\",\"text\":\"One.\"}\nnot json\n\n{\"id\":\"1\",\"text\":\"again\"}\n{\"text\":\"" + long + "\"}"}, Options{}},
		{"empty", map[string]string{"a.jsonl": ""}, Options{}},
		{"blank lines", map[string]string{"a.jsonl": "\n\n  \n"}, Options{}},
		{"byte-order mark, CRLF", map[string]string{"a.jsonl": "\uFEFF{\"id\":\"1\",\"text\":\"One.\"}\r\n{\"id\":\"2\",\"text\":\"Two.\"}\r\n"}, Options{}},
		{"line over the limit", map[string]string{"a.jsonl": "{\"id\":\"1\",\"text\":\"" + long + "\"}\n{\"id\":\"2\",\"text\":\"short\"}\n"}, Options{MaxArticle: 100}},
		{"text files and a manifest", map[string]string{"d/x.txt": "Title\n\nBody one.", "d/y.txt": "Other\n\nBody two.", "d/dates.csv": "file,published\nx.txt,2020-05-01\n",
			"b.jsonl": `{"id":"j","text":"From JSONL."}` + "\n"}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var paths []string
			for name, body := range tt.files {
				p := filepath.Join(dir, name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(name, "/") {
					paths = append(paths, p)
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "d")); err == nil {
				paths = append(paths, filepath.Join(dir, "d"))
			}
			slices.Sort(paths)
			sameAsRead(t, paths, tt.opts)
		})
	}
}

// TestStreamBatches: batches hold about batchBytes of text, and an error
// from each stops the reading.
func TestStreamBatches(t *testing.T) {
	var b strings.Builder
	for i := range 50 {
		fmt.Fprintf(&b, "{\"id\":\"%d\",\"text\":\"%s\"}\n", i, strings.Repeat("x", 10))
	}
	path := filepath.Join(t.TempDir(), "a.jsonl")
	os.WriteFile(path, []byte(b.String()), 0o644)
	var sizes []int
	_, err := Stream([]string{path}, Options{}, 100, func(batch []*Article) error {
		sizes = append(sizes, len(batch))
		return nil
	})
	if err != nil || len(sizes) != 5 || sizes[0] != 10 {
		t.Errorf("batches %v, %v; want 5 of 10", sizes, err)
	}
	calls := 0
	_, err = Stream([]string{path}, Options{}, 100, func([]*Article) error {
		calls++
		return fmt.Errorf("stop")
	})
	if err == nil || calls != 1 {
		t.Errorf("after an error: %d calls, %v", calls, err)
	}
}

// FuzzStream: on any JSONL, cut in chunks anywhere, Stream gives what Read
// does.
func FuzzStream(f *testing.F) {
	f.Add([]byte("{\"id\":\"1\",\"text\":\"One.\"}\n{\"id\":\"2\",\"text\":\"Two.\"}\n"), 5)
	f.Add([]byte("\uFEFF{\"id\":\"1\",\"text\":\"x\"}\r\n\n{bad\n"), 3)
	f.Fuzz(func(t *testing.T, data []byte, chunk int) {
		if chunk < 16 || chunk > 1<<16 || len(data) > 1<<14 {
			return
		}
		path := filepath.Join(t.TempDir(), "a.jsonl")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		want := Read([]string{path}, Options{})
		streamChunk = chunk
		defer func() { streamChunk = 8 << 20 }()
		got, c := streamed(t, []string{path}, Options{}, 1<<20)
		if len(got) != len(want.Articles) && !streamedProblem(c.Problems) {
			t.Fatalf("%d articles, want %d; problems %v / %v", len(got), len(want.Articles), c.Problems, want.Problems)
		}
		for i := range min(len(got), len(want.Articles)) {
			if got[i].ID != want.Articles[i].ID || got[i].Body != want.Articles[i].Body || got[i].Line != want.Articles[i].Line {
				t.Fatalf("article %d: %s:%d %q, want %s:%d %q", i, got[i].ID, got[i].Line, got[i].Body, want.Articles[i].ID, want.Articles[i].Line, want.Articles[i].Body)
			}
		}
	})
}

// TestStreamWithMeta: with --meta manifests, which may date any article,
// Stream reads everything first, and gives what Read does.
func TestStreamWithMeta(t *testing.T) {
	dir := t.TempDir()
	feed := filepath.Join(dir, "a.jsonl")
	meta := filepath.Join(dir, "meta.csv")
	os.WriteFile(feed, []byte(`{"id":"1","text":"One."}`+"\n"+`{"id":"2","text":"Two."}`+"\n"), 0o644)
	os.WriteFile(meta, []byte("id,published\n2,2020-03-04\n"), 0o644)
	opts := Options{Meta: []string{meta}}
	sameAsRead(t, []string{feed}, opts)
	got, _ := streamed(t, []string{feed}, opts, 1)
	if len(got) != 2 || got[1].Published.IsZero() {
		t.Errorf("articles %v: want the second dated by the manifest", got)
	}
}
