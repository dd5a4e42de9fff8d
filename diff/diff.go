// Package diff compares a copy of a paragraph with its original word by word:
// which words an editor deleted, which inserted. Words are compared as the
// scan compares them (shingle.Words: case, Unicode form, quotes and dashes
// do not count), and shown as published.
//
// Words found exactly once in each text anchor the alignment (as in patience
// diff); between anchors the differences come from github.com/aymanbagabas/
// go-udiff's lcs package (Myers' algorithm, from gopls), run on words rather
// than lines. Its search is bounded by the size of the input, never by a
// clock, so the result is the same on every machine.
package diff

import (
	"strings"
	"unicode/utf8"

	"github.com/reprint/reprint/shingle"
)

// An Op says what a Segment is.
type Op int8

// The kinds of segment.
const (
	Equal  Op = iota // in both texts
	Delete           // in the original only
	Insert           // in the copy only
)

// A Segment is a run of words of one kind, as published, separated by spaces.
type Segment struct {
	Op   Op
	Text string
}

// A Change is one edit: the original's words [OrigStart, OrigEnd) replaced by
// the copy's words [CopyStart, CopyEnd). Word positions count the text's
// whitespace-separated words from 0. A pure insertion has OrigStart ==
// OrigEnd, a pure deletion CopyStart == CopyEnd.
type Change struct {
	OrigStart, OrigEnd int
	CopyStart, CopyEnd int
}

// A Diff is the comparison of a copy with its original: the edits, and the
// words of both texts, which Deleted, Inserted and Segments read. Nothing is
// joined into text until one of them is called.
type Diff struct {
	Changes []Change // the edits, in order
	a, b    []string // the original's words, the copy's
}

// Same reports whether the two texts have the same words.
func (d Diff) Same() bool { return len(d.Changes) == 0 }

// Deleted is the original's words that c replaces, as published.
func (d Diff) Deleted(c Change) string { return strings.Join(d.a[c.OrigStart:c.OrigEnd], " ") }

// Inserted is the copy's words that c puts in their place, as published.
func (d Diff) Inserted(c Change) string { return strings.Join(d.b[c.CopyStart:c.CopyEnd], " ") }

// Segments is the copy with the original's deleted words in place: runs of
// equal, deleted and inserted words, in reading order.
func (d Diff) Segments() []Segment {
	var segs []Segment
	add := func(op Op, words []string) {
		if len(words) > 0 {
			segs = append(segs, Segment{op, strings.Join(words, " ")})
		}
	}
	j := 0 // next word of the copy
	for _, c := range d.Changes {
		add(Equal, d.b[j:c.CopyStart])
		add(Delete, d.a[c.OrigStart:c.OrigEnd])
		add(Insert, d.b[c.CopyStart:c.CopyEnd])
		j = c.CopyEnd
	}
	add(Equal, d.b[j:])
	return segs
}

// Compare returns the word-level differences from original to copy.
func Compare(original, copy string) Diff { return NewBase(original).Compare(copy) }

// A Base is an original, its words read once, to compare copies with.
// A Base is not safe for concurrent use.
type Base struct {
	words []string
	runes []rune          // each word's key as a rune: the diff compares numbers, not strings
	ids   map[string]rune // key -> rune, for the base's words and its copies'
	buf   []byte          // scratch for a word's key

	// scratch for anchors
	seen  []tally
	pairs []link
	tops  []int
}

// NewBase reads the original's words.
func NewBase(original string) *Base {
	words := strings.Fields(original)
	b := &Base{words: words, ids: make(map[string]rune, len(words)+len(words)/2)} // room for the copies' new words too
	b.runes = b.encode(b.words)
	return b
}

// Compare returns the word-level differences from the base to copy.
func (base *Base) Compare(copy string) Diff {
	d := Diff{a: base.words, b: strings.Fields(copy)}
	for _, e := range base.edits(base.runes, base.encode(d.b)) {
		if n := len(d.Changes); n > 0 && d.Changes[n-1].OrigEnd == e.Start && d.Changes[n-1].CopyEnd == e.ReplStart {
			// adjoins the last change: one edit
			c := &d.Changes[n-1]
			c.OrigEnd, c.CopyEnd = e.End, e.ReplEnd
		} else {
			d.Changes = append(d.Changes, Change{OrigStart: e.Start, OrigEnd: e.End, CopyStart: e.ReplStart, CopyEnd: e.ReplEnd})
		}
	}
	return d
}

// encode maps each word to the rune of its key, a new rune for a new key.
func (base *Base) encode(words []string) []rune {
	rs := make([]rune, len(words))
	for i, w := range words {
		var r rune
		var ok bool
		if isKey(w) { // most words: the word is its key, nothing to build
			if r, ok = base.ids[w]; !ok {
				r = rune(len(base.ids)) // any int32 will do: the runes are compared, never printed
				base.ids[w] = r
			}
		} else {
			base.buf = appendKey(base.buf[:0], w)
			if r, ok = base.ids[string(base.buf)]; !ok { // no copy of the key to look it up
				r = rune(len(base.ids))
				base.ids[string(base.buf)] = r
			}
		}
		rs[i] = r
	}
	return rs
}

// isKey reports whether w is its own key: lower-case ASCII letters and digits.
func isKey(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return len(w) > 0
}

// appendKey appends to dst what a word is compared by: the word without case
// and surrounding punctuation, and for other than ASCII, its normalised words
// (shingle.Words); the word itself when it is all punctuation.
func appendKey(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			if ws := shingle.Words(w); len(ws) > 0 {
				return append(dst, strings.Join(ws, " ")...)
			}
			return append(dst, w...)
		}
	}
	lo, hi := 0, len(w)
	for lo < hi && !isAlnum(w[lo]) {
		lo++
	}
	for hi > lo && !isAlnum(w[hi-1]) {
		hi--
	}
	if lo == hi {
		return append(dst, w...)
	}
	for i := lo; i < hi; i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// Marks say how a marked-up copy shows each kind of segment; a nil func
// leaves the words as they are.
type Marks struct{ Equal, Delete, Insert func(string) string }

// Brackets mark a copy in plain text as git diff --word-diff does:
// "[-deleted-]" and "{+inserted+}".
var Brackets = Marks{
	Delete: func(s string) string { return "[-" + s + "-]" },
	Insert: func(s string) string { return "{+" + s + "+}" },
}

// Apply writes the copy with the original's deleted words in place, each
// segment marked as m says, segments separated by spaces.
func (m Marks) Apply(d Diff) string {
	segs := d.Segments()
	parts := make([]string, len(segs))
	for i, s := range segs {
		f := m.Equal
		switch s.Op {
		case Delete:
			f = m.Delete
		case Insert:
			f = m.Insert
		}
		parts[i] = s.Text
		if f != nil {
			parts[i] = f(s.Text)
		}
	}
	return strings.Join(parts, " ")
}
