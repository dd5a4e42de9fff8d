package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// leadIns are the openings republishers add to recycled paragraphs, as in the
// seed articles ("At that time, media outlets reported ...").
var leadIns = []string{"At that time,", "Accordingly,", "Meanwhile,", "In May 2017,", "Earlier this year,", "As reported before,", "Since Friday,", "In addition,", "Moreover,"}

// An editor rewrites paragraphs, touching a given share of their words.
type editor struct {
	rng   *rand.Rand
	words []string // lower-case words of the sources, with repeats: drawn by frequency
	names []string // capitalised words that do not open a sentence
}

func newEditor(rng *rand.Rand, sources []Source) *editor {
	e := &editor{rng: rng}
	for _, s := range sources {
		for _, p := range s.Paragraphs {
			toks := strings.Fields(p)
			for i, t := range toks {
				_, core, _ := splitPunct(t)
				switch {
				case core == "" || !isAlpha(core):
				case unicode.IsUpper([]rune(core)[0]) && i > 0 && !endsSentence(toks[i-1]):
					e.names = append(e.names, core)
				case unicode.IsLower([]rune(core)[0]):
					e.words = append(e.words, core)
				}
			}
		}
	}
	return e
}

// edit returns text with about level × (its word count) words changed by a
// random mix of substitutions, insertions, deletions, swapped neighbours,
// changed numbers and names, a lead-in added or dropped, and sentences
// reordered. Level 0 returns text unchanged.
func (e *editor) edit(text string, level float64) string {
	toks := strings.Fields(text)
	budget := int(math.Round(level * float64(len(toks))))
	led := false
	for tries := 0; budget > 0 && tries < 1000; tries++ {
		var cost int
		toks, cost = e.apply(toks, &led)
		budget -= cost
	}
	return strings.Join(toks, " ")
}

// apply makes one random edit and says how many words it touched (0 when
// the edit did not fit the paragraph). A paragraph gets at most one lead-in.
func (e *editor) apply(toks []string, led *bool) ([]string, int) {
	if len(toks) < 2 {
		return toks, 0
	}
	i := e.rng.IntN(len(toks))
	switch op := e.rng.IntN(12); {
	case op < 4: // substitute a word, keeping its punctuation
		pre, _, post := splitPunct(toks[i])
		toks[i] = pre + e.word() + post
		return toks, 1
	case op < 6: // insert a word
		return slices.Insert(toks, i, e.word()), 1
	case op < 8: // delete a word
		return slices.Delete(toks, i, i+1), 1
	case op == 8: // swap neighbours
		if i+1 >= len(toks) {
			return toks, 0
		}
		toks[i], toks[i+1] = toks[i+1], toks[i]
		return toks, 2
	case op == 9: // change a number or a name
		for k := range toks {
			j := (i + k) % len(toks)
			pre, core, post := splitPunct(toks[j])
			switch {
			case strings.ContainsAny(core, "0123456789"):
				toks[j] = pre + changeDigits(core, e.rng) + post
				return toks, 1
			case j > 0 && isAlpha(core) && unicode.IsUpper([]rune(core)[0]) && len(e.names) > 0:
				toks[j] = pre + e.names[e.rng.IntN(len(e.names))] + post
				return toks, 1
			}
		}
		return toks, 0
	case op == 10: // add a lead-in, or drop the first words
		if e.rng.IntN(2) == 0 {
			if *led {
				return toks, 0
			}
			*led = true
			lead := strings.Fields(leadIns[e.rng.IntN(len(leadIns))])
			return append(lead, toks...), len(lead)
		}
		n := min(1+e.rng.IntN(3), len(toks)-1)
		return toks[n:], n
	default: // move the last sentence to the front
		sents := sentences(toks)
		if len(sents) < 2 {
			return toks, 0
		}
		last := sents[len(sents)-1]
		return append(slices.Clone(last), slices.Concat(sents[:len(sents)-1]...)...), 2
	}
}

func (e *editor) word() string {
	if len(e.words) == 0 {
		return "said"
	}
	return e.words[e.rng.IntN(len(e.words))]
}

// sentences splits tokens after each one that ends a sentence.
func sentences(toks []string) [][]string {
	var out [][]string
	start := 0
	for i, t := range toks {
		if endsSentence(t) || i == len(toks)-1 {
			out = append(out, toks[start:i+1])
			start = i + 1
		}
	}
	return out
}

func endsSentence(tok string) bool {
	tok = strings.TrimRight(tok, `"')’”`)
	return strings.HasSuffix(tok, ".") || strings.HasSuffix(tok, "!") || strings.HasSuffix(tok, "?")
}

// splitPunct separates a token's leading and trailing punctuation from its core.
func splitPunct(tok string) (pre, core, post string) {
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	start := strings.IndexFunc(tok, isWord)
	if start < 0 {
		return tok, "", ""
	}
	end := strings.LastIndexFunc(tok, isWord)
	end += len(string([]rune(tok[end:])[0]))
	return tok[:start], tok[start:end], tok[end:]
}

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' {
			return false
		}
	}
	return s != ""
}

func changeDigits(s string, rng *rand.Rand) string {
	rs := []rune(s)
	for i, r := range rs {
		if unicode.IsDigit(r) {
			rs[i] = rune('0' + (int(r-'0')+1+rng.IntN(8))%10)
			break
		}
	}
	return string(rs)
}
