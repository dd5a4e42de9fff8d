package prose

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/reprint/reprint/internal/splitmix"
)

// A Word is one word of a paragraph: where it lies in the text as published,
// bytes [Start, End), and the hash (Hash) of its normalised form, which is
// what every stage compares. Start and End fit an int32 because an
// article is at most a few tens of MiB (article.DefaultMaxArticle).
type Word struct {
	Start, End int32
	Hash       uint64
}

// Words returns the words of text, in order.
func Words(text string) []Word {
	var r Reader
	return r.Append(nil, text)
}

// Keys returns the normalised words of text, in order: the strings whose
// hashes are the Hash of Words(text).
func Keys(text string) []string {
	var r Reader
	var keys []string
	r.Each(text, func(_, _ int, key []byte) { keys = append(keys, string(key)) })
	return keys
}

// A Reader reads the words of paragraphs, reusing its scratch space from one
// paragraph to the next. The zero Reader is ready to use; a Reader is not
// safe for concurrent use.
type Reader struct {
	fold []byte  // the paragraph folded, on the ASCII path
	pos  []int32 // where each byte of fold comes from in the text, once they differ
	full []unit  // the paragraph's characters, on the Unicode path
	key  []byte  // a word's key, on the Unicode path
}

// Append appends the words of text to dst.
func (r *Reader) Append(dst []Word, text string) []Word {
	r.Each(text, func(start, end int, key []byte) {
		dst = append(dst, Word{Start: int32(start), End: int32(end), Hash: Hash(key)})
	})
	return dst
}

// Hash is the hash of a normalised word: FNV-1a over its bytes, then the
// splitmix64 finaliser, so that every bit of the result depends on every
// byte. Byte at a time, it can be taken as the text is read (Hashes).
func Hash[T string | []byte](key T) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(key); i++ {
		h = (h ^ uint64(key[i])) * fnvPrime
	}
	return splitmix.Mix(h)
}

const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

// Hashes appends the hashes of text's words to dst: the Hash of each of
// Words(text), without their bounds. ASCII text is read, folded and hashed
// in one pass; text with the typographic characters asciiFold maps is
// folded first; anything else goes through Each.
func (r *Reader) Hashes(dst []uint64, text string) []uint64 {
	if out, ok := asciiHashes(dst, text); ok {
		return out
	}
	fold, pos, ok := asciiFold(text, r.fold[:0], r.pos[:0])
	r.fold, r.pos = fold, pos
	if ok {
		out, _ := asciiHashes(dst, fold)
		return out
	}
	r.Each(text, func(_, _ int, key []byte) { dst = append(dst, Hash(key)) })
	return dst
}

// asciiHashes appends the hashes of the words of ASCII text, folding each
// byte as it goes (folding folded text changes nothing). It reports false,
// and dst as it was, at the first byte that is not ASCII.
func asciiHashes[T string | []byte](dst []uint64, text T) ([]uint64, bool) {
	n0 := len(dst)
	for i := 0; i < len(text); {
		c := text[i]
		switch asciiClass[c] {
		case other:
			return dst[:n0], false
		case wordByte:
		default: // space, punctuation, a joiner outside a word
			i++
			continue
		}
		h := uint64(fnvOffset)
		for {
			h = (h ^ uint64(foldASCII[c])) * fnvPrime
			i++
			if i == len(text) {
				break
			}
			c = text[i]
			if k := asciiClass[c]; k != wordByte && (k != joiner || !joinsAt(text, i)) {
				break
			}
		}
		dst = append(dst, splitmix.Mix(h))
	}
	return dst, true
}

// The classes of asciiClass: what a byte of ASCII text is to a word.
const (
	separator = iota // space and punctuation
	wordByte         // a letter or digit
	joiner           // punctuation that can hold a word together (joinsAt)
	other            // not ASCII
)

// joinsAt is joins for ASCII text, folded or not: whether the punctuation
// at s[i] holds a word together. Folding turns a letter into a letter and a
// grave accent into an apostrophe, and changes no other byte joinsAt reads.
func joinsAt[T string | []byte](s T, i int) bool {
	if i == 0 || i+1 >= len(s) {
		return false
	}
	next := s[i+1]
	switch foldASCII[s[i]] {
	case '\'', '-':
		return asciiClass[s[i-1]] == wordByte && asciiClass[next] == wordByte
	case '.', ',':
		return isDigit(s[i-1]) && isDigit(next)
	}
	return false
}

// Each calls f with each word of text, in order: its bytes [start, end) in
// text and its normalised form (the key Word.Hash hashes), which f must not
// keep. Most news text is ASCII with a few typographic characters (curly
// quotes, dashes, no-break spaces); such a paragraph is folded byte by byte,
// with no allocation once the Reader's scratch has grown. Anything else
// takes the full Unicode path.
func (r *Reader) Each(text string, f func(start, end int, key []byte)) {
	fold, pos, ok := asciiFold(text, r.fold[:0], r.pos[:0])
	r.fold, r.pos = fold, pos
	if !ok {
		r.eachFull(text, f)
		return
	}
	mapped := len(pos) > 0
	asciiWords(fold, func(start, end int) {
		// A word begins and ends with an ASCII letter or digit, one byte
		// of the text each.
		from, to := start, end
		if mapped {
			from, to = int(pos[start]), int(pos[end-1])+1
		}
		f(from, to, fold[start:end])
	})
}

// asciiWords calls f with the bounds of each word of folded ASCII text.
func asciiWords(buf []byte, f func(start, end int)) {
	start := -1
	for i := 0; i < len(buf); i++ {
		if asciiClass[buf[i]] == wordByte || (start >= 0 && joinsAt(buf, i)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(start, i)
			start = -1
		}
	}
	if start >= 0 {
		f(start, len(buf))
	}
}

// asciiFold writes s lower-cased into buf with the typographic characters
// news text uses mapped as NFKC and unify map them. It reports false when s
// holds any other non-ASCII character. Once s has a character that is not
// ASCII, pos holds where in s each byte of buf comes from; while buf is s
// byte for byte, pos stays empty. Every mapping is as long as its character
// or shorter, so buf never outgrows s.
func asciiFold(s string, buf []byte, pos []int32) ([]byte, []int32, bool) {
	buf = slices.Grow(buf[:0], len(s))[:len(s)]
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf { // byte for byte, the common case
		buf[i] = foldASCII[s[i]]
		i++
	}
	if i == len(s) {
		return buf, pos, true
	}
	pos = slices.Grow(pos[:0], len(s))
	for j := range i {
		pos = append(pos, int32(j))
	}
	n := i
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			buf[n] = foldASCII[c]
			pos = append(pos, int32(i))
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var to string
		switch r {
		case '\u00A0', '\u2002', '\u2003', '\u2009', '\u202F': // spaces NFKC makes plain
			to = " "
		case '\u2026': // NFKC: "..."
			to = "..."
		case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032':
			to = "'"
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB':
			to = "\""
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
			to = "-"
		case '\u2014', '\u2015':
			to = " "
		case '£', '€', '¥', '°', '•', '·', '×', '§', '©', '®': // symbols NFKC leaves alone: separators
			to = " "
		default:
			return buf[:n], pos, false
		}
		n += copy(buf[n:], to)
		for range to {
			pos = append(pos, int32(i))
		}
		i += size
	}
	return buf[:n], pos, true
}

// foldASCII lower-cases an ASCII byte, and makes a grave accent an
// apostrophe (unify); asciiClass says what a byte is to a word.
var (
	foldASCII  [utf8.RuneSelf]byte
	asciiClass [256]uint8
)

func init() {
	for c := range foldASCII {
		switch {
		case 'A' <= c && c <= 'Z':
			foldASCII[c] = byte(c) + 'a' - 'A'
		case c == '`':
			foldASCII[c] = '\''
		default:
			foldASCII[c] = byte(c)
		}
	}
	for c := range asciiClass {
		switch {
		case c >= utf8.RuneSelf:
			asciiClass[c] = other
		case 'a' <= foldASCII[c] && foldASCII[c] <= 'z' || isDigit(byte(c)):
			asciiClass[c] = wordByte
		case strings.IndexByte("'-.,`", byte(c)) >= 0:
			asciiClass[c] = joiner
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// A unit is a character of the normalised text and the bytes [start, end)
// of the text it comes from: a character NFKC composes or expands has the
// bounds of all it was made from.
type unit struct {
	r          rune
	start, end int
}

// eachFull is Each for any text: Unicode NFKC, full case folding, unify.
// The text is normalised a segment at a time (a character and the marks
// that combine with it), so each normalised character knows where it came
// from: its own bytes, or those of the segment NFKC changed.
func (r *Reader) eachFull(text string, f func(start, end int, key []byte)) {
	us := r.full[:0]
	fold := cases.Fold()
	var it norm.Iter
	it.InitString(norm.NFKC, text)
	pending, start := 0, 0 // the units not yet placed, and where they begin
	for !it.Done() {
		if pending == len(us) {
			start = it.Pos()
		}
		seg := it.Next()
		folded := fold.Bytes(seg)
		end := it.Pos()
		if pending == len(us) && string(seg) == text[start:end] && utf8.RuneCount(folded) == utf8.RuneCount(seg) {
			// NFKC left the segment as it was and folding kept one
			// character for one: each character keeps its own bytes.
			for _, c := range string(folded) {
				_, size := utf8.DecodeRuneInString(text[start:])
				us = append(us, unit{unify(c), start, start + size})
				start += size
			}
			pending = len(us)
			continue
		}
		for _, c := range string(folded) {
			us = append(us, unit{r: unify(c)})
		}
		// A character that expands comes in pieces; the position moves
		// past it with the last.
		if end > start {
			for k := pending; k < len(us); k++ {
				us[k].start, us[k].end = start, end
			}
			pending = len(us)
		}
	}
	r.full = us
	emit := func(from, to int) {
		r.key = r.key[:0]
		for _, u := range us[from:to] {
			r.key = utf8.AppendRune(r.key, u.r)
		}
		// A word never begins or ends with the space its first or last
		// character was made with.
		start, end := us[from].start, us[to-1].end
		word := strings.TrimFunc(text[start:end], unicode.IsSpace)
		if word != "" {
			start += strings.Index(text[start:end], word)
			end = start + len(word)
		}
		f(start, end, r.key)
	}
	word := -1 // the first unit of the word in hand
	for i, u := range us {
		if isWordRune(u.r) || (word >= 0 && joins(us, i)) {
			if word < 0 {
				word = i
			}
			continue
		}
		if word >= 0 {
			emit(word, i)
			word = -1
		}
	}
	if word >= 0 {
		emit(word, len(us))
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// joins reports whether the punctuation at us[i] holds a word together: an
// apostrophe or hyphen between two letters or digits, or a decimal point or
// thousands comma between two digits.
func joins(us []unit, i int) bool {
	if i == 0 || i+1 >= len(us) {
		return false
	}
	prev, next := us[i-1].r, us[i+1].r
	switch us[i].r {
	case '\'', '-':
		return isWordRune(prev) && isWordRune(next)
	case '.', ',':
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return false
}

// unify maps the typographic variants of quotes and dashes to one form, and
// Cherokee letters to their capitals, as Unicode case folding does:
// x/text's Fold turns a capital back into its small letter, so folding twice
// would change the word.
func unify(r rune) rune {
	switch {
	case r >= 0xAB70 && r <= 0xABBF: // Cherokee small letters
		return r - 0xAB70 + 0x13A0
	case r >= 0x13F8 && r <= 0x13FD:
		return r - 8
	}
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u0060', '\u00B4', '\u02BC':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\uFE63', '\uFF0D':
		return '-' // hyphen-like: joins the words it stands between
	case '\u2014', '\u2015', '\uFE58':
		return ' ' // em dash: punctuation even when glued to the words
	}
	return r
}

// Excerpt is words [i, j) of text as published (words are text's Words):
// from the punctuation that opens the first (an opening quote or bracket)
// to the punctuation that closes the last (a full stop, comma or closing
// quote), runs of space made one space. Punctuation between two words with
// no space goes with the word before it.
func Excerpt(text string, words []Word, i, j int) string {
	if i >= j {
		return ""
	}
	from, to := lead(text, words, i), trail(text, words, j-1)
	if from >= to {
		return ""
	}
	out := text[from:to]
	if strings.ContainsFunc(out, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) || strings.Contains(out, "  ") {
		out = strings.Join(strings.Fields(out), " ")
	}
	return out
}

// lead is where word i begins with its opening punctuation: after the last
// space before it.
func lead(text string, words []Word, i int) int {
	w := words[i]
	prev := 0
	if i > 0 {
		prev = int(words[i-1].End)
	}
	if int(w.Start) <= prev {
		return int(w.Start)
	}
	gap := text[prev:w.Start]
	if k := strings.LastIndexFunc(gap, unicode.IsSpace); k >= 0 {
		_, size := utf8.DecodeRuneInString(gap[k:])
		return prev + k + size
	}
	if i == 0 {
		return 0
	}
	return int(w.Start)
}

// trail is where word i ends with its closing punctuation: at the first
// space after it.
func trail(text string, words []Word, i int) int {
	w := words[i]
	next := len(text)
	if i+1 < len(words) {
		next = int(words[i+1].Start)
	}
	if next <= int(w.End) {
		return int(w.End)
	}
	if k := strings.IndexFunc(text[w.End:next], unicode.IsSpace); k >= 0 {
		return int(w.End) + k
	}
	return next
}
