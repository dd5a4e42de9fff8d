// Package dedup turns a scan into a cleaned corpus: every recycled passage
// keeps one copy (its original, or its longest copy), and a paragraph of the
// passage is cut from its article only when the copy that stays passes the
// verification rule against it directly (by its facts too, in a formula
// family: lsh.Config.Copies) and holds most of its shingles
// (Options.MinCover); everything else stays, however it was clustered. Articles that are mostly copies can be dropped whole on
// request (Options.MinShare). Paragraphs outside passages are never touched.
//
// It takes a scan (scan.Run) and the scanned articles, and writes article
// JSONL: a JSONL article is written back as it was read, with
// only its "text" changed, and only when a paragraph was cut from it.
package dedup

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tidwall/gjson"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/prose"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// Which copy of a passage stays.
const (
	KeepEarliest = "earliest" // the original: the earliest publication
	KeepLongest  = "longest"  // the copy with the most words; the earliest of those
)

// Options say what dedup keeps.
type Options struct {
	Keep string // KeepEarliest or KeepLongest
	// MinShare drops an article whose reused share (scan.Reuse.Share)
	// is at least this, unless it holds the copy a passage keeps. 0: none.
	MinShare float64
	// Rule is the verification rule a copy must pass against the copy that
	// stays for it to be cut: the scan's own.
	Rule lsh.Config
	// MinCover is the share of a copy's shingles that the kept copy must hold
	// for the copy to be cut: a copy that passes the rule but says more than
	// the kept one (a paragraph that merged another into it) stays.
	MinCover float64
}

// DefaultMinCover is the MinCover the command uses unless told otherwise.
const DefaultMinCover = 0.8

// Validate checks the options.
func (o Options) Validate() error {
	switch {
	case o.Keep != KeepEarliest && o.Keep != KeepLongest:
		return fmt.Errorf("keep %q: want %s or %s", o.Keep, KeepEarliest, KeepLongest)
	case !(o.MinShare >= 0 && o.MinShare <= 1): // NaN fails too
		return fmt.Errorf("minimum share %g: want 0 (off) to 1", o.MinShare)
	case !(o.MinCover >= 0 && o.MinCover <= 1):
		return fmt.Errorf("minimum cover %g: want 0 to 1", o.MinCover)
	}
	return o.Rule.Validate()
}

// NeedsPartial reports whether a plan with these options reads the scan's
// partial reuse: only the shares do (MinShare), so a scan for any other plan
// may leave it out (scan.Options.SkipPartial).
func (o Options) NeedsPartial() bool { return o.MinShare > 0 }

// A Plan is what dedup removes.
type Plan struct {
	Dropped  []Drop        // paragraphs cut (those of an article dropped for being all copies too), in input order
	Articles []ArticleDrop // articles dropped whole, in input order

	cut     map[article.Index][]int // article -> 1-based paragraph numbers to cut, ascending
	dropped []bool                  // by article index: dropped whole
}

// A Drop is one paragraph cut: a copy of a passage whose kept copy is Kept.
type Drop struct {
	Article   article.Index
	Paragraph int // 1-based body paragraph number
	Passage   int // the passage's number: its index in the scan, plus one
	Role      string
	Words     int
	Kept      shingle.ParaID     // the kept copy
	Sim       shingle.Similarity // its scores against the kept copy (containment of it in the kept one)
	Verbatim  bool               // the same words as the kept copy
	Changed   int                // words not shared with the kept copy: its own words that go with it
}

// An ArticleDrop is an article dropped whole: for being mostly copies
// (Options.MinShare), or because every paragraph of it was cut.
type ArticleDrop struct {
	Article article.Index
	Share   float64
	Words   int
	Empty   bool // every paragraph was a copy cut: nothing was left
}

// NewPlan decides what to remove from the scanned articles.
func NewPlan(r *scan.Result, opts Options) (*Plan, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if opts.NeedsPartial() && r.Options.SkipPartial {
		return nil, fmt.Errorf("minimum share %g: the scan left partial reuse out, which the shares count", opts.MinShare)
	}
	paras := r.Paragraphs
	p := &Plan{cut: map[article.Index][]int{}, dropped: make([]bool, len(r.Articles))}
	holdsKept := make([]bool, len(r.Articles))
	kept := make([]int, len(r.Passages)) // member index kept, per passage
	for i, ps := range r.Passages {
		if opts.Keep == KeepLongest {
			for j, m := range ps.Members {
				if paras[m.Para].Words > paras[ps.Members[kept[i]].Para].Words {
					kept[i] = j
				}
			}
		}
		holdsKept[paras[ps.Members[kept[i]].Para].Article] = true
	}
	if opts.MinShare > 0 {
		for i, a := range r.Reuse {
			if share := a.Share(); share >= opts.MinShare && !holdsKept[i] && !r.Articles[i].Archived {
				p.dropped[i] = true
				p.Articles = append(p.Articles, ArticleDrop{Article: article.Index(i), Share: share, Words: a.Words})
			}
		}
	}
	drops := make([][]Drop, len(r.Passages)) // each passage's, worked out on every core
	parallel.For(len(r.Passages), func(i int) { drops[i] = p.cuts(r, i, kept[i], opts) })
	for _, ds := range drops {
		for _, d := range ds {
			p.cut[d.Article] = append(p.cut[d.Article], d.Paragraph)
		}
		p.Dropped = append(p.Dropped, ds...)
	}
	for ai, ns := range p.cut {
		slices.Sort(ns)
		if a := r.Reuse[ai]; len(ns) == a.Paragraphs {
			p.dropped[ai] = true
			p.Articles = append(p.Articles, ArticleDrop{Article: ai, Share: a.Share(), Words: a.Words, Empty: true})
		}
	}
	slices.SortFunc(p.Articles, func(a, b ArticleDrop) int { return cmp.Compare(a.Article, b.Article) })
	slices.SortFunc(p.Dropped, func(a, b Drop) int {
		return cmp.Or(cmp.Compare(a.Article, b.Article), cmp.Compare(a.Paragraph, b.Paragraph))
	})
	return p, nil
}

// cuts are the copies of passage i that the plan cuts, kept being the index
// of the member it keeps: each that the kept copy passes the rule against
// and covers (MinCover), in an article not dropped whole.
func (p *Plan) cuts(r *scan.Result, i, kept int, opts Options) []Drop {
	paras, ps := r.Paragraphs, &r.Passages[i]
	km := &ps.Members[kept]
	k := &paras[km.Para]
	var out []Drop
	var words sortedWords
	var keptWords []uint64      // read once, if a cut copy has other words
	changed := map[uint64]int{} // by digest: syndicated copies often share one edit
	for j, pm := range ps.Members {
		m := &paras[pm.Para]
		if j == kept || p.dropped[m.Article] || r.Articles[m.Article].Archived {
			continue // an archived article is in the archive already, and not written
		}
		sim := shingle.Compare(m.Set, k.Set)
		if !opts.Rule.Copies(k, m, km.Facts, pm.Facts, ps.Formula) || sim.Containment < opts.MinCover {
			continue
		}
		n, ok := changed[m.Digest]
		if !ok && m.Digest != k.Digest {
			if keptWords == nil {
				keptWords = slices.Clone(words.of(k.Text))
			}
			n = changedWords(words.of(m.Text), keptWords)
			changed[m.Digest] = n
		}
		out = append(out, Drop{
			Article: m.Article, Paragraph: m.N, Passage: i + 1, Role: pm.Role, Words: m.Words,
			Kept:     km.Para,
			Sim:      sim,
			Verbatim: m.Text == k.Text,
			Changed:  n,
		})
	}
	return out
}

// Write writes the articles the plan keeps as article JSONL, in input order;
// articles read from an archive index (article.Article.Archived) are not
// written, and keep all their paragraphs, which copies in the input may be
// cut for.
// A JSONL article with nothing cut is written exactly as read (when it was
// read with article.Options.KeepRecords); one with cuts keeps its fields and
// their order, "text" changed. A text file becomes a record with "id",
// "title", "published", "source", "url" (those it has) and "text".
func (p *Plan) Write(w io.Writer, arts []*article.Article) error {
	bw := &errWriter{w: w}
	// Records with cuts are made on every core, a batch at a time, and
	// written in input order.
	err := parallel.Ordered(len(arts), writeBatch, func(i int) line {
		return p.line(arts[i], article.Index(i))
	}, func(_ int, l line) error {
		if l.err != nil {
			return l.err
		}
		if l.b != nil {
			bw.write(l.b)
			bw.write([]byte("\n"))
		}
		return bw.err
	})
	return cmp.Or(err, bw.err)
}

// writeBatch is how many articles Write prepares at once.
const writeBatch = 512

// A line is one article as Write writes it: its record (nil: dropped), or
// why it could not be made.
type line struct {
	b   []byte
	err error
}

// line is article a (number i) as the plan writes it.
func (p *Plan) line(a *article.Article, i article.Index) line {
	if int(i) < len(p.dropped) && p.dropped[i] || a.Archived {
		return line{}
	}
	cut := p.cut[i]
	if a.Record != nil && len(cut) == 0 {
		return line{b: a.Record}
	}
	body := Cut(a.Body, cut)
	var b []byte
	var err error
	if a.Record != nil {
		b, err = replaceText(a.Record, a, body)
	} else {
		b, err = newRecord(a, body)
	}
	if err != nil {
		return line{err: fmt.Errorf("%s:%d: %w", a.Path, a.Line, err)}
	}
	return line{b: b}
}

// Cut removes the paragraphs numbered ns (1-based, ascending) from body, each
// with the separator that joins it to the rest; the rest stays byte for byte,
// unless it would then read as other paragraphs (a hard-wrapped paragraph
// left alone reads as one paragraph a line): then the paragraphs left are
// written one a line, each on one line, separated by blank lines.
func Cut(body string, ns []int) string {
	if len(ns) == 0 {
		return body
	}
	out := cut(body, ns)
	var want []string
	for k, p := range prose.Paragraphs(body) {
		if !slices.Contains(ns, k+1) {
			want = append(want, p)
		}
	}
	if slices.Equal(prose.Paragraphs(out), want) {
		return out
	}
	return strings.Join(want, "\n\n")
}

func cut(body string, ns []int) string {
	ranges := prose.Ranges(body)
	drop := make([]bool, len(ranges))
	for _, n := range ns {
		if n >= 1 && n <= len(ranges) {
			drop[n-1] = true
		}
	}
	lastKept := -1
	for k := range ranges {
		if !drop[k] {
			lastKept = k
		}
	}
	var b strings.Builder
	b.Grow(len(body))
	from := 0 // start of what is still to copy
	for k, r := range ranges {
		if !drop[k] {
			continue
		}
		start, end := r.Start, r.End // before the last kept paragraph: up to the next paragraph
		if k < lastKept {
			end = ranges[k+1].Start
		} else if k > 0 {
			start = ranges[k-1].End // after it: from the end of the one before
		}
		start = max(start, from)
		b.WriteString(body[from:start])
		from = end
	}
	b.WriteString(body[from:])
	return b.String()
}

// replaceText writes record with its "text" value made the text that has
// newBody in place of a's body: the headline paragraph that DropHeadline took
// off, if any, stays. Every other byte of the record is kept. A record read
// from "html" gets "text" in its place, the page's paragraphs less the cuts,
// and what was read from the page (title, published, source, url) where the
// record has no such field.
func replaceText(record []byte, a *article.Article, newBody string) ([]byte, error) {
	body := a.Body
	v, err := textValue(record)
	if err != nil {
		return nil, err
	}
	head := ""
	if v.key == "text" && strings.HasSuffix(v.text, body) {
		head = v.text[:len(v.text)-len(body)]
	}
	enc, err := marshal(head + newBody)
	if err != nil {
		return nil, err
	}
	start := v.start
	if v.key == "html" {
		start = v.keyStart
		var page []byte
		for _, f := range []struct{ key, val string }{
			{"title", a.Title}, {"published", article.FormatDate(a.Published)}, {"source", a.Source}, {"url", a.URL},
		} {
			if f.val == "" || v.keys[f.key] {
				continue
			}
			val, err := marshal(f.val)
			if err != nil {
				return nil, err
			}
			page = append(append(append(page, `"`+f.key+`":`...), val...), ',')
		}
		enc = append(append(page, `"text":`...), enc...)
	}
	out := make([]byte, 0, len(record)-(v.end-start)+len(enc))
	out = append(out, record[:start]...)
	out = append(out, enc...)
	return append(out, record[v.end:]...), nil
}

// A value is where a record's text is.
type value struct {
	key                  string // "text", or "html" when there is no "text"
	keyStart, start, end int    // the key's first byte; the value's bytes [start, end)
	text                 string
	keys                 map[string]bool // the record's top-level keys
}

// textValue finds the record's top-level "text" value (or, without one, its
// "html" value). With a key twice, the last counts, as in encoding/json and
// the reader. gjson walks the record without decoding the other fields.
func textValue(record []byte) (value, error) {
	if !gjson.ValidBytes(record) {
		return value{}, errors.New("the record is not valid JSON")
	}
	root := gjson.ParseBytes(record)
	if !root.IsObject() {
		return value{}, errors.New("the record is not a JSON object")
	}
	found := map[string]value{}
	keys := map[string]bool{}
	root.ForEach(func(k, v gjson.Result) bool {
		keys[k.Str] = true
		if k.Str == "text" || k.Str == "html" {
			found[k.Str] = value{key: k.Str, keyStart: k.Index, start: v.Index, end: v.Index + len(v.Raw), text: v.Str}
		}
		return true
	})
	for _, key := range []string{"text", "html"} {
		v, ok := found[key]
		if !ok {
			continue
		}
		if v.start <= 0 || v.end > len(record) || v.start >= v.end {
			return value{}, fmt.Errorf("%q: not found where it was read", key)
		}
		// gjson unescapes as encoding/json does, but for \u escapes of
		// surrogates and bytes that are not UTF-8, which encoding/json makes
		// U+FFFD, as the reader did.
		if raw := record[v.start:v.end]; raw[0] != '"' || bytes.Contains(raw, []byte(`\u`)) || !utf8.Valid(raw) {
			v.text = ""
			if err := json.Unmarshal(raw, &v.text); err != nil {
				return value{}, fmt.Errorf("%q: %w", key, err)
			}
		}
		v.keys = keys
		return v, nil
	}
	return value{}, errors.New(`missing "text"`)
}

// record is what a text file's article becomes.
type record struct {
	ID        string `json:"id"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Text      string `json:"text"`
}

func newRecord(a *article.Article, body string) ([]byte, error) {
	return marshal(record{ID: a.ID, Title: a.Title, Published: article.FormatDate(a.Published), Source: a.Source, URL: a.URL, Text: body})
}

// marshal encodes v on one line without escaping <, > and &.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) write(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// changedWords counts the words of a paragraph that the kept copy does not
// have, with their multiplicity: what a cut copy takes with it that the kept
// copy does not say. Both are word hashes, sorted (sortedWords).
func changedWords(words, kept []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(words) {
		switch {
		case j == len(kept) || words[i] < kept[j]:
			n++
			i++
		case words[i] > kept[j]:
			j++
		default:
			i++
			j++
		}
	}
	return n
}

// sortedWords reads a paragraph's word hashes (prose.Reader.Hashes),
// sorted, into space it reuses: the slice of is good until the next call.
type sortedWords struct {
	r      prose.Reader
	hashes []uint64
}

func (s *sortedWords) of(text string) []uint64 {
	s.hashes = s.r.Hashes(s.hashes[:0], text)
	slices.Sort(s.hashes)
	return s.hashes
}
