package article

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// Stream is Read for a job that keeps no more than a batch of articles
// (reprint index add): it calls each with the articles read, in input
// order, a batch of about batchBytes of text at a time, and keeps none of
// them. Article JSONL, files and standard input, is read a chunk of lines
// at a time. Text and HTML files are gathered and handed over at the end,
// once their manifests have dated them; so is everything when opts.Meta
// names manifests, which may date any article. The Corpus it returns holds
// no articles. An error from each stops the reading, and is returned.
func Stream(paths []string, opts Options, batchBytes int, each func([]*Article) error) (*Corpus, error) {
	r := newReader(opts)
	var batch []*Article
	size := 0
	var stop error
	give := func(a *Article) {
		if stop != nil {
			return
		}
		batch = append(batch, a)
		if size += len(a.Body); size >= batchBytes {
			stop, batch, size = each(batch), nil, 0
		}
	}
	if len(opts.Meta) == 0 {
		r.emit = give
	}
	for _, p := range paths {
		if r.readArg(p); stop != nil {
			return r.corpus(), stop
		}
	}
	r.applyManifests()
	for _, a := range r.arts {
		give(a)
	}
	if stop == nil && len(batch) > 0 {
		stop = each(batch)
	}
	r.arts = nil
	return r.corpus(), stop
}

// streamChunk is how much JSONL Stream reads and parses at a time (a
// variable for the tests, which cut chunks anywhere).
var streamChunk = 8 << 20

// streamJSONL reads article JSONL a chunk of whole lines at a time, up to
// the file limit, and adds each chunk's articles as it is parsed.
func (r *reader) streamJSONL(in io.Reader, path string) {
	limit, maxLine := r.opts.maxFile(), r.opts.maxArticle()
	br := bufio.NewReaderSize(in, 1<<16)
	if head, _ := br.Peek(2); bytes.Equal(head, []byte{0xFF, 0xFE}) || bytes.Equal(head, []byte{0xFE, 0xFF}) {
		r.readWhole(br, path) // UTF-16 is decoded whole
		return
	}
	text := &textReader{r: br}
	buf := make([]byte, streamChunk)
	var carry []byte // the start of a line not yet ended
	line := 1        // carry's line
	var total int64
	defer func() { r.bytes += total }()
	skip := false // passing over the rest of a line over the limit
	parsed := false
	for {
		n, err := io.ReadFull(text, buf)
		total += int64(n)
		data := buf[:n]
		if total > limit {
			r.problem(path, 0, "more than %s: over the limit per file (--max-file); the articles before line %d were read", Size(limit), line)
			return
		}
		if skip {
			i := bytes.IndexByte(data, '\n')
			if i < 0 {
				data = nil
			} else {
				data, skip, line = data[i+1:], false, line+1
			}
		}
		end := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		carry = append(carry, data...)
		cut := bytes.LastIndexByte(carry, '\n') + 1
		if end {
			cut = len(carry)
		}
		if cut > 0 && len(bytes.TrimSpace(carry[:cut])) > 0 || end && !parsed {
			arts, problems, perr := parseJSONL(carry[:cut], nil, path, maxLine, line)
			r.addJSONL(arts, problems, perr, path)
			parsed = true
		}
		line += bytes.Count(carry[:cut], []byte("\n"))
		carry = append(carry[:0], carry[cut:]...)
		if int64(len(carry)) > maxLine && !end {
			r.problem(path, line, "a record of more than %s: over the limit of %s per article (--max-article)", Size(int64(len(carry))), Size(maxLine))
			carry, skip = carry[:0], true
		}
		var nul *nulError
		switch {
		case errors.As(err, &nul):
			r.problem(path, nul.line, "binary data (NUL byte), not JSONL text; the lines before it were read")
			return
		case end:
			return
		case err != nil:
			r.problem(path, line, "%s", osErrorText(err))
			return
		}
	}
}
