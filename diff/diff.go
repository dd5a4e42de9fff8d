// Package diff compares a copy of a paragraph with its original word by word:
// which words an editor deleted, which inserted. The words are the text
// model's (prose.Words), compared as the scan compares them (case, Unicode
// form, quotes and dashes do not count) and shown as published, with the
// punctuation that clings to them.
//
// Words found exactly once in each text anchor the alignment (as in patience
// diff); between anchors the differences come from github.com/aymanbagabas/
// go-udiff's lcs package (Myers' algorithm, from gopls), run on words rather
// than lines. Its search is bounded by the size of the input, never by a
// clock, so the result is the same on every machine.
package diff

import (
	"strings"

	"github.com/reprint/reprint/prose"
)

// An Op says what a Segment is.
type Op int8

// The kinds of segment.
const (
	Equal  Op = iota // in both texts
	Delete           // in the original only
	Insert           // in the copy only
)

// A Segment is a run of words of one kind, as published.
type Segment struct {
	Op   Op
	Text string
}

// A Change is one edit: the original's words [OrigStart, OrigEnd) replaced by
// the copy's words [CopyStart, CopyEnd). Word positions index each text's
// words (prose.Words) from 0, the words the scan counts. A pure insertion
// has OrigStart == OrigEnd, a pure deletion CopyStart == CopyEnd.
type Change struct {
	OrigStart, OrigEnd int
	CopyStart, CopyEnd int
}

// A Diff is the comparison of a copy with its original: the edits, and the
// words of both texts, which Deleted, Inserted and Segments read. Nothing is
// cut out of the texts until one of them is called.
type Diff struct {
	Changes []Change // the edits, in order
	a, b    text     // the original, the copy
}

// A text is a paragraph and its words.
type text struct {
	s     string
	words []prose.Word
}

func read(s string) text { return text{s, prose.Words(s)} }

func (t text) show(i, j int) string { return prose.Excerpt(t.s, t.words, i, j) }

// Same reports whether the two texts have the same words.
func (d Diff) Same() bool { return len(d.Changes) == 0 }

// Deleted is the original's words that c replaces, as published.
func (d Diff) Deleted(c Change) string { return d.a.show(c.OrigStart, c.OrigEnd) }

// Inserted is the copy's words that c puts in their place, as published.
func (d Diff) Inserted(c Change) string { return d.b.show(c.CopyStart, c.CopyEnd) }

// Segments is the copy with the original's deleted words in place: runs of
// equal, deleted and inserted words, in reading order.
func (d Diff) Segments() []Segment {
	var segs []Segment
	add := func(op Op, t text, i, j int) {
		if s := t.show(i, j); s != "" {
			segs = append(segs, Segment{op, s})
		}
	}
	j := 0 // next word of the copy
	for _, c := range d.Changes {
		add(Equal, d.b, j, c.CopyStart)
		add(Delete, d.a, c.OrigStart, c.OrigEnd)
		add(Insert, d.b, c.CopyStart, c.CopyEnd)
		j = c.CopyEnd
	}
	add(Equal, d.b, j, len(d.b.words))
	return segs
}

// Compare returns the word-level differences from original to copy.
func Compare(original, copy string) Diff { return NewBase(original).Compare(copy) }

// A Base is an original, its words read once, to compare copies with.
// A Base is not safe for concurrent use.
type Base struct {
	text
	runes []rune          // each word as a rune: the diff compares numbers
	ids   map[uint64]rune // word hash -> rune, for the base's words and its copies'

	// scratch for anchors
	seen  []tally
	pairs []link
	tops  []int
}

// NewBase reads the original's words.
func NewBase(original string) *Base {
	t := read(original)
	b := &Base{text: t, ids: make(map[uint64]rune, len(t.words)+len(t.words)/2)} // room for the copies' new words too
	b.runes = b.encode(t.words)
	return b
}

// Compare returns the word-level differences from the base to copy.
func (base *Base) Compare(copy string) Diff {
	d := Diff{a: base.text, b: read(copy)}
	for _, e := range base.edits(base.runes, base.encode(d.b.words)) {
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

// encode maps each word to the rune of its hash, a new rune for a new word.
func (base *Base) encode(words []prose.Word) []rune {
	rs := make([]rune, len(words))
	for i, w := range words {
		r, ok := base.ids[w.Hash]
		if !ok {
			r = rune(len(base.ids)) // any int32 will do: the runes are compared, never printed
			base.ids[w.Hash] = r
		}
		rs[i] = r
	}
	return rs
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
