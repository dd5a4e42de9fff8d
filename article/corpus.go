package article

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dustin/go-humanize"
)

// Options tune Read.
type Options struct {
	Meta  []string  // manifests named on the command line (--meta); they win over ones found beside the files
	Stdin io.Reader // read as article JSONL for the path "-"
	// KeepRecords keeps each JSONL article's line in Article.Record. Without
	// it the lines are let go, and with them the file's bytes.
	KeepRecords bool
	// MaxFile is the most bytes taken from one file, manifest or standard
	// input (DefaultMaxFile when 0). A larger one is a problem, and none of
	// it is read.
	MaxFile int64
	// MaxArticle is the most bytes of one article: a text or HTML file, or a
	// line of JSONL (DefaultMaxArticle when 0). A larger one is a problem.
	MaxArticle int64
}

// The limits Read applies unless Options say otherwise.
const (
	DefaultMaxFile    = 4 << 30  // 4 GiB
	DefaultMaxArticle = 64 << 20 // 64 MiB
)

func (o Options) maxFile() int64 {
	if o.MaxFile > 0 {
		return o.MaxFile
	}
	return DefaultMaxFile
}

func (o Options) maxArticle() int64 {
	if o.MaxArticle > 0 {
		return o.MaxArticle
	}
	return DefaultMaxArticle
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
// passed over; symbolic links to files followed, to folders not), files are
// read by their extension, and "-" is article JSONL on standard input. Only
// regular files are read: a device, named pipe or socket is a problem, as
// is a file over the limits in Options.
// An article's id is its path relative to the folder argument, or the path as
// given for a file argument. Dates come from the articles themselves, from a
// manifest (ManifestNames) in a text file's folder, and from opts.Meta.
func Read(paths []string, opts Options) *Corpus {
	r := newReader(opts)
	for _, p := range paths {
		r.readArg(p)
	}
	r.applyManifests()
	return r.corpus()
}

func newReader(opts Options) *reader {
	return &reader{opts: opts, ids: map[string]*Article{}, manifests: map[string]bool{}, passed: map[string]int{}}
}

// corpus is what the reader gathered.
func (r *reader) corpus() *Corpus {
	return &Corpus{Articles: r.arts, Problems: r.problems, Passed: r.passed, Bytes: r.bytes}
}

// parseJSONL parses a whole file of article JSONL.
func (r *reader) parseJSONL(data []byte, readErr error, path string) ([]*Article, []Problem, error) {
	return parseJSONL(data, readErr, path, r.opts.maxArticle(), 1)
}

type reader struct {
	// emit, when set, takes each JSONL article as it is read instead of
	// the corpus keeping it (Stream).
	emit      func(*Article)
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
	if !info.IsDir() && !info.Mode().IsRegular() {
		r.problem(arg, 0, "%s", notRegular(info.Mode()))
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
		if d.IsDir() {
			return nil
		}
		relevant := slices.Contains(ManifestNames, d.Name()) || format(path) != ""
		if !d.Type().IsRegular() && (relevant || d.Type()&fs.ModeSymlink != 0) {
			info, err := os.Stat(path) // follows a symbolic link
			switch {
			case err != nil:
				r.problem(path, 0, "%s", osErrorText(err))
				return nil
			case info.IsDir():
				r.problem(path, 0, "a symbolic link to a folder: not followed (name the folder to read it)")
				return nil
			case !info.Mode().IsRegular():
				r.problem(path, 0, "%s", notRegular(info.Mode()))
				return nil
			}
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
	limit, flag := r.opts.maxArticle(), "--max-article"
	if format(path) == "jsonl" {
		limit, flag = r.opts.maxFile(), "--max-file"
		if r.emit != nil {
			f, err := openRegular(path, limit, flag)
			if err != nil {
				r.problem(path, 0, "%s", err)
				return
			}
			defer f.Close()
			r.streamJSONL(f, path)
			return
		}
	}
	data, err := r.readRegular(path, limit, flag)
	if err != nil {
		r.problem(path, 0, "%s", err)
		return
	}
	if format(path) == "jsonl" {
		arts, problems, err := r.parseJSONL(data, nil, path)
		r.addJSONL(arts, problems, err, path)
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

// readJSONL reads article JSONL from a stream, standard input, up to the
// file limit.
func (r *reader) readJSONL(in io.Reader, path string) {
	if r.emit != nil {
		r.streamJSONL(in, path)
		return
	}
	r.readWhole(in, path)
}

// readWhole reads article JSONL whole from a stream, up to the file limit.
func (r *reader) readWhole(in io.Reader, path string) {
	limit := r.opts.maxFile()
	br := bufio.NewReader(in)
	if head, _ := br.Peek(2); !bytes.Equal(head, []byte{0xFF, 0xFE}) && !bytes.Equal(head, []byte{0xFE, 0xFF}) {
		in = &textReader{r: br} // not UTF-16: a NUL byte is binary data, and ends the read at once
	} else {
		in = br
	}
	data, err := io.ReadAll(io.LimitReader(in, limit+1))
	r.bytes += int64(len(data))
	var nul *nulError
	switch {
	case errors.As(err, &nul):
		r.problem(path, nul.line, "binary data (NUL byte), not JSONL text; nothing read from it")
		return
	case int64(len(data)) > limit:
		r.problem(path, 0, "more than %s: over the limit per file (--max-file); nothing read from it", Size(limit))
		return
	}
	if err == nil {
		data, err = decodeText(data)
	}
	arts, problems, err := r.parseJSONL(data, err, path)
	r.addJSONL(arts, problems, err, path)
}

// readRegular reads a regular file whole, refusing any other kind of file
// and one over limit bytes (flag says how to raise it). Its errors name no
// path.
func (r *reader) readRegular(path string, limit int64, flag string) ([]byte, error) {
	f, err := openRegular(path, limit, flag)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := readAll(f, limit)
	r.bytes += int64(len(data))
	if err != nil {
		return nil, errors.New(osErrorText(err))
	}
	return decodeText(data)
}

// openRegular opens a regular file of at most limit bytes (flag says how
// to raise it), refusing any other kind of file. Its errors name no path.
func openRegular(path string, limit int64, flag string) (*os.File, error) {
	info, err := os.Stat(path) // before opening: opening a named pipe blocks
	if err != nil {
		return nil, errors.New(osErrorText(err))
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New(notRegular(info.Mode()))
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%s: over the limit of %s (%s)", Size(info.Size()), Size(limit), flag)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, errors.New(osErrorText(err))
	}
	return f, nil
}

// notRegular says why a file of this mode is not read.
func notRegular(m fs.FileMode) string {
	kind := "not a regular file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		kind = "a device"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return kind + ", not a file: reprint reads regular files (pipe a stream to standard input as -)"
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
	if r.emit != nil && a.Line > 0 {
		r.ids[a.ID] = &Article{Path: a.Path, Line: a.Line} // where it was, for a repeat's message
		r.emit(a)
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
	data, err := r.readRegular(path, r.opts.maxFile(), "--max-file")
	if err != nil {
		r.problem(path, 0, "%s", err)
		return nil
	}
	metas, problems, err := ReadManifest(bytes.NewReader(data), path)
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

// readAll reads an open regular file whole, in one allocation of its size,
// and fails past limit bytes (a file that grows while it is read).
func readAll(f *os.File, limit int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data := make([]byte, 0, info.Size()+1)
	for {
		if int64(len(data)) > limit {
			return data, fmt.Errorf("grew past the limit of %s while read", Size(limit))
		}
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

func where(a *Article) string {
	if a.Line > 0 {
		return fmt.Sprintf("%s:%d", a.Path, a.Line)
	}
	return a.Path
}

// Size writes a byte count for a person: "64 MiB".
func Size(n int64) string { return humanize.IBytes(uint64(max(n, 0))) }

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

// textReader reads text from a stream and fails at its first NUL byte, which
// no text holds: binary data (a device piped in) is refused at once, not read
// up to the limit.
type textReader struct {
	r    io.Reader
	line int // lines read before the current buffer
}

type nulError struct{ line int }

func (e *nulError) Error() string { return fmt.Sprintf("line %d: NUL byte", e.line) }

func (t *textReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if i := bytes.IndexByte(p[:n], 0); i >= 0 {
		return i, &nulError{line: t.line + bytes.Count(p[:i], []byte("\n")) + 1}
	}
	t.line += bytes.Count(p[:n], []byte("\n"))
	return n, err
}
