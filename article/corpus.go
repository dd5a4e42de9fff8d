package article

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options tune Read.
type Options struct {
	Meta  []string  // manifests named on the command line (--meta); they win over ones found beside the files
	Stdin io.Reader // read as article JSONL for the path "-"
	// KeepRecords keeps each JSONL article's line in Article.Record. Without
	// it the lines are let go, and with them the file's bytes.
	KeepRecords bool
}

// A Corpus is everything Read gathered: the articles in input order and the
// input it had to pass over.
type Corpus struct {
	Articles []*Article
	Problems []Problem
	Passed   map[string]int // files of other types a folder walk passed over, by extension
	Bytes    int64          // bytes of input read
}

// Extensions of the files a folder walk reads, by format.
var (
	textExts  = []string{".txt", ".md", ".markdown"}
	htmlExts  = []string{".html", ".htm"}
	jsonlExts = []string{".jsonl", ".ndjson"}
)

// Read gathers the articles named by paths, in order: folders are walked
// recursively in lexical order (hidden files and folders, and README files,
// passed over), files
// are read by their extension, and "-" is article JSONL on standard input.
// An article's id is its path relative to the folder argument, or the path as
// given for a file argument. Dates come from the articles themselves, from a
// manifest (ManifestNames) in a text file's folder, and from opts.Meta.
func Read(paths []string, opts Options) *Corpus {
	r := &reader{opts: opts, ids: map[string]*Article{}, manifests: map[string]bool{}, passed: map[string]int{}}
	for _, p := range paths {
		r.readArg(p)
	}
	r.applyManifests()
	return &Corpus{Articles: r.arts, Problems: r.problems, Passed: r.passed, Bytes: r.bytes}
}

type reader struct {
	opts      Options
	arts      []*Article
	problems  []Problem
	ids       map[string]*Article
	manifests map[string]bool // manifests found beside text files, by path
	passed    map[string]int
	bytes     int64
}

func (r *reader) problem(path string, line int, format string, args ...any) {
	r.problems = append(r.problems, Problem{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (r *reader) readArg(arg string) {
	if arg == "-" {
		if r.opts.Stdin == nil {
			r.problem("-", 0, "no standard input")
			return
		}
		r.readJSONL(r.opts.Stdin, "-")
		return
	}
	info, err := os.Stat(arg)
	if err != nil {
		r.problem(arg, 0, "%s", osErrorText(err))
		return
	}
	if !info.IsDir() {
		if slices.Contains(ManifestNames, filepath.Base(arg)) || strings.EqualFold(filepath.Ext(arg), ".csv") {
			r.problem(arg, 0, "a CSV file is a manifest, not an article: pass it with --meta")
			return
		}
		r.readFile(arg, filepath.ToSlash(filepath.Clean(arg)), true)
		return
	}
	found := 0
	err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			r.problem(path, 0, "%s", osErrorText(err))
			return nil
		}
		if path != arg && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if slices.Contains(ManifestNames, d.Name()) {
			r.manifests[path] = true
			return nil
		}
		if isReadme(d.Name()) {
			return nil
		}
		if format(path) == "" {
			ext := strings.ToLower(filepath.Ext(path))
			if ext == "" {
				ext = "(no extension)"
			}
			r.passed[ext]++
			return nil
		}
		found++
		rel, _ := filepath.Rel(arg, path)
		r.readFile(path, filepath.ToSlash(rel), false)
		return nil
	})
	if err != nil {
		r.problem(arg, 0, "%s", osErrorText(err))
	}
	if found == 0 {
		r.problem(arg, 0, "no articles found (looked for %s files)", strings.Join(slices.Concat(textExts, htmlExts, jsonlExts), ", "))
	}
}

// isReadme reports a folder's README, which describes the folder and is no article.
func isReadme(name string) bool {
	return strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), "readme")
}

// format names the reader for a file: "jsonl", "text", or "" for neither.
func format(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case slices.Contains(jsonlExts, ext):
		return "jsonl"
	case slices.Contains(textExts, ext):
		return "text"
	case slices.Contains(htmlExts, ext):
		return "html"
	}
	return ""
}

func (r *reader) readFile(path, id string, explicit bool) {
	f, err := os.Open(path)
	if err != nil {
		r.problem(path, 0, "%s", osErrorText(err))
		return
	}
	defer f.Close()
	if format(path) == "jsonl" {
		data, err := readAll(f)
		r.bytes += int64(len(data))
		arts, problems, err := parseJSONL(data, err, path)
		r.addJSONL(arts, problems, err, path)
		return
	}
	data, err := readAll(f)
	r.bytes += int64(len(data))
	if err != nil {
		r.problem(path, 0, "%s", osErrorText(err))
		return
	}
	a := &Article{ID: id, Path: path}
	if format(path) == "html" {
		page, err := ParseHTML(data)
		if err != nil {
			r.problems = append(r.problems, fileProblem(path, err))
			return
		}
		a.Title, a.Body, a.Published, a.Source, a.URL = page.Title, page.Body, page.Published, page.Source, page.URL
	} else {
		a.Title, a.Body, err = ParseText(data)
		if err != nil {
			r.problems = append(r.problems, fileProblem(path, err))
			return
		}
	}
	for _, name := range ManifestNames {
		if m := filepath.Join(filepath.Dir(path), name); explicit && fileExists(m) {
			r.manifests[m] = true
		}
	}
	r.add(a)
}

func (r *reader) readJSONL(in io.Reader, path string) {
	counted := &countingReader{r: in}
	arts, problems, err := ReadJSONL(counted, path)
	r.bytes += counted.n
	r.addJSONL(arts, problems, err, path)
}

func (r *reader) addJSONL(arts []*Article, problems []Problem, err error, path string) {
	r.problems = append(r.problems, problems...)
	if err != nil {
		r.problem(path, 0, "%s", osErrorText(err))
	}
	for _, a := range arts {
		if !r.opts.KeepRecords {
			a.Record = nil
		}
		r.add(a)
	}
}

// add keeps an article under a unique id. A text file whose relative path is
// taken already (two folder arguments with the same layout) is named by its
// full path instead; a JSONL id that repeats is a problem.
func (r *reader) add(a *Article) {
	if _, dup := r.ids[a.ID]; dup && a.Line == 0 && a.Path != "-" {
		a.ID = filepath.ToSlash(filepath.Clean(a.Path))
	}
	if first, dup := r.ids[a.ID]; dup {
		r.problem(a.Path, a.Line, "duplicate article id %q (first read from %s)", a.ID, where(first))
		return
	}
	r.ids[a.ID] = a
	r.arts = append(r.arts, a)
}

// applyManifests gives articles what their manifests say: first the ones found
// beside text files (keys are paths relative to the manifest's folder), then
// the --meta ones (keys are article ids, or paths relative to the manifest).
func (r *reader) applyManifests() {
	byPath := map[string]*Article{}
	for _, a := range r.arts {
		if a.Line == 0 && a.Path != "-" {
			byPath[filepath.Clean(a.Path)] = a
		}
	}
	found := make([]string, 0, len(r.manifests))
	for m := range r.manifests {
		found = append(found, m)
	}
	slices.Sort(found)
	for _, m := range found {
		for _, meta := range r.readManifest(m) {
			if a := byPath[filepath.Join(filepath.Dir(m), meta.Key)]; a != nil {
				meta.apply(a)
			}
		}
	}
	for _, m := range r.opts.Meta {
		for _, meta := range r.readManifest(m) {
			a := r.ids[meta.Key]
			if a == nil {
				a = byPath[filepath.Join(filepath.Dir(m), meta.Key)]
			}
			if a == nil {
				r.problem(m, meta.Line, "no article %q among the input (row ignored)", meta.Key)
				continue
			}
			meta.apply(a)
		}
	}
}

func (r *reader) readManifest(path string) []Meta {
	f, err := os.Open(path)
	if err != nil {
		r.problem(path, 0, "%s", osErrorText(err))
		return nil
	}
	defer f.Close()
	metas, problems, err := ReadManifest(f, path)
	r.problems = append(r.problems, problems...)
	if err != nil {
		r.problem(path, 0, "%s", osErrorText(err))
	}
	return metas
}

func (m Meta) apply(a *Article) {
	if !m.Published.IsZero() {
		a.Published = m.Published
	}
	if m.Source != "" {
		a.Source = m.Source
	}
	if m.URL != "" {
		a.URL = m.URL
	}
	if m.Title != "" {
		a.Title = m.Title
	}
}

// readAll reads an open file whole, in one allocation of its size.
func readAll(f *os.File) ([]byte, error) {
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		return io.ReadAll(f)
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if errors.Is(err, io.EOF) {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) { // the file grew while we read it
			data = append(data, 0)[:len(data)]
		}
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func where(a *Article) string {
	if a.Line > 0 {
		return fmt.Sprintf("%s:%d", a.Path, a.Line)
	}
	return a.Path
}

func fileExists(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// osErrorText says what went wrong without repeating the path.
func osErrorText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}
