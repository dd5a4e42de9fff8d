// Package diff compares a copy of a paragraph with its original word by word:
// which words an editor deleted, which inserted. Words are compared as the
// scan compares them (shingle.Words: case, Unicode form, quotes and dashes
// do not count), and shown as published.
//
// The differences come from github.com/aymanbagabas/go-udiff's lcs package
// (Myers' algorithm, from gopls), run on words rather than lines. Its search
// is bounded by the size of the input, never by a clock, so the result is
// the same on every machine.
package diff

import (
	"strings"
	"unicode/utf8"

	"github.com/aymanbagabas/go-udiff/lcs"

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
// whitespace-separated words from 0. A pure insertion has an empty Deleted,
// a pure deletion an empty Inserted.
type Change struct {
	OrigStart, OrigEnd int
	CopyStart, CopyEnd int
	Deleted, Inserted  string
}

// A Diff is the comparison of a copy with its original.
type Diff struct {
	Segments []Segment // the copy, with the original's deleted words in place
	Changes  []Change  // the edits, in order
}

// Same reports whether the two texts have the same words.
func (d Diff) Same() bool { return len(d.Changes) == 0 }

// Compare returns the word-level differences from original to copy.
func Compare(original, copy string) Diff { return NewBase(original).Compare(copy) }

// A Base is an original, its words read once, to compare copies with.
// A Base is not safe for concurrent use.
type Base struct {
	words []string
	runes []rune          // each word's key as a rune: the diff compares numbers, not strings
	ids   map[string]rune // key -> rune, for the base's words and its copies'
}

// NewBase reads the original's words.
func NewBase(original string) *Base {
	b := &Base{words: strings.Fields(original), ids: make(map[string]rune)}
	b.runes = b.encode(b.words)
	return b
}

// Compare returns the word-level differences from the base to copy.
func (base *Base) Compare(copy string) Diff {
	a, b := base.words, strings.Fields(copy)
	var d Diff
	i, j := 0, 0 // next word of a, of b
	equal := func(to int) {
		if to > i {
			d.Segments = append(d.Segments, Segment{Equal, strings.Join(b[j:j+to-i], " ")})
			j += to - i
			i = to
		}
	}
	for _, e := range lcs.DiffRunes(base.runes, base.encode(b)) {
		if n := len(d.Changes); n > 0 && e.Start == i && e.ReplStart == j {
			// adjoins the last change: one edit
			c := &d.Changes[n-1]
			c.OrigEnd, c.CopyEnd = e.End, e.ReplEnd
		} else {
			equal(e.Start)
			d.Changes = append(d.Changes, Change{OrigStart: e.Start, OrigEnd: e.End, CopyStart: e.ReplStart, CopyEnd: e.ReplEnd})
		}
		if e.End > e.Start {
			d.Segments = append(d.Segments, Segment{Delete, strings.Join(a[e.Start:e.End], " ")})
		}
		if e.ReplEnd > e.ReplStart {
			d.Segments = append(d.Segments, Segment{Insert, strings.Join(b[e.ReplStart:e.ReplEnd], " ")})
		}
		i, j = e.End, e.ReplEnd
	}
	equal(len(a))
	for k := range d.Changes {
		c := &d.Changes[k]
		c.Deleted = strings.Join(a[c.OrigStart:c.OrigEnd], " ")
		c.Inserted = strings.Join(b[c.CopyStart:c.CopyEnd], " ")
	}
	return d
}

// encode maps each word to the rune of its key, a new rune for a new key.
func (base *Base) encode(words []string) []rune {
	rs := make([]rune, len(words))
	for i, w := range words {
		k := key(w)
		r, ok := base.ids[k]
		if !ok {
			r = rune(len(base.ids)) // any int32 will do: the runes are compared, never printed
			base.ids[k] = r
		}
		rs[i] = r
	}
	return rs
}

// key is what a word is compared by: without case and surrounding
// punctuation, and for other than ASCII, its normalised words (shingle.Words);
// the word itself when it is all punctuation.
func key(w string) string {
	ascii, upper := true, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		ascii = ascii && c < utf8.RuneSelf
		upper = upper || 'A' <= c && c <= 'Z'
	}
	if !ascii {
		if ws := shingle.Words(w); len(ws) > 0 {
			return strings.Join(ws, " ")
		}
		return w
	}
	k := strings.TrimFunc(w, func(r rune) bool { return !isAlnum(r) })
	if k == "" {
		return w
	}
	if upper {
		k = strings.ToLower(k)
	}
	return k
}

func isAlnum(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
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
	parts := make([]string, len(d.Segments))
	for i, s := range d.Segments {
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
