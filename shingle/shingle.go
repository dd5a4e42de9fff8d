package shingle

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/parallel"
	"github.com/reprint/reprint/prose"
)

// A Set is a paragraph's shingles: sorted, distinct 32-bit hashes (the high
// half of a shingle's hash, ToKey). Half the memory of 64 bits and faster to
// sort and merge; two of a paragraph's hundred shingles share a key by
// chance once in 800,000 paragraphs, and two paragraphs a false shared
// shingle once in 400,000 pairs: noise far under what verification tells
// apart (a shingle is at least 1% of a clustered paragraph's set).
type Set []uint32

// ToKey is a set's element for a 64-bit hash: its high half.
func ToKey(h uint64) uint32 { return uint32(h >> 32) }

// Config says how paragraphs are shingled.
type Config struct {
	Size     int // words per shingle
	MinWords int // paragraphs with fewer words are listed but not clustered
}

// DefaultConfig is the configuration the command uses unless told otherwise.
var DefaultConfig = Config{Size: 2, MinWords: 10}

// A Shingler turns articles into shingled paragraphs.
type Shingler struct{ cfg Config }

// New validates cfg and returns a Shingler for it.
func New(cfg Config) (*Shingler, error) {
	if cfg.Size < 1 || cfg.Size > 16 {
		return nil, fmt.Errorf("shingle size %d: want 1 to 16 words", cfg.Size)
	}
	if cfg.MinWords < 1 {
		return nil, fmt.Errorf("minimum paragraph length %d: want at least 1 word", cfg.MinWords)
	}
	return &Shingler{cfg: cfg}, nil
}

// A ParaID names a paragraph of a scan: its index in the slice Shingle
// returns. The later stages (lsh clusters, passages, partial reuse) name
// paragraphs by it. A scan holds at most MaxParagraphs.
type ParaID int32

// MaxParagraphs is the most paragraphs a ParaID can name.
const MaxParagraphs = math.MaxInt32

// CheckCount says why n paragraphs are too many for one scan, or nil.
func CheckCount(n int) error {
	if n > MaxParagraphs {
		return fmt.Errorf("%d paragraphs: one scan names at most %d; split the corpus", n, MaxParagraphs)
	}
	return nil
}

// A Paragraph is one body paragraph of an article, ready for comparison.
type Paragraph struct {
	Article article.Index // its article
	N       int           // 1-based position among the article's body paragraphs
	Text    string        // as published, lines joined
	Words   int           // its words (prose.Words), counted
	Digest  uint64        // hash of the word sequence: equal digests are verbatim copies
	Set     Set           // shingle set; nil when the paragraph is under the minimum length
	// Template marks site furniture (package boilerplate) left out of the
	// scan: it has no Set, and its words count in no share.
	Template bool
}

// Clustered reports whether the paragraph is long enough to take part in clustering.
func (p *Paragraph) Clustered() bool { return p.Set != nil }

// Shingle splits every article's body into paragraphs and shingles them,
// articles spread over every core; the result is in article order. The
// words' hashes live only while their paragraph is shingled: the one stage
// that reads them again (span) hashes the paragraphs it needs when it runs.
// Paragraphs with the same words share one shingle set: a passage
// reprinted verbatim a thousand times holds one. Sets are read-only.
func (s *Shingler) Shingle(arts []*article.Article) []Paragraph {
	perArticle := make([][]Paragraph, len(arts))
	scratch := make([]wordScratch, parallel.Workers(len(arts)))
	parallel.ForWorker(len(arts), func(w, ai int) {
		perArticle[ai] = s.paragraphs(article.Index(ai), arts[ai], &scratch[w])
	})
	paras := slices.Concat(perArticle...)
	first := make(map[uint64]int, len(paras))
	for i := range paras {
		p := &paras[i]
		if p.Set == nil {
			continue
		}
		if f, ok := first[p.Digest]; ok && slices.Equal(paras[f].Set, p.Set) {
			p.Set = paras[f].Set
			continue
		}
		first[p.Digest] = i
	}
	return paras
}

// wordScratch is a worker's scratch space: its reader, and the word hashes
// and shingles of the paragraph in hand.
type wordScratch struct {
	reader prose.Reader
	hashes []uint64
	set    Set
}

// paragraphs splits one article into paragraphs, hashes their words and
// shingles those long enough.
func (s *Shingler) paragraphs(ai article.Index, a *article.Article, sc *wordScratch) []Paragraph {
	texts := prose.Paragraphs(a.Body)
	paras := make([]Paragraph, len(texts))
	for n, text := range texts {
		sc.hashes = sc.reader.Hashes(sc.hashes[:0], text)
		p := Paragraph{Article: ai, N: n + 1, Text: text, Words: len(sc.hashes), Digest: Combine(sc.hashes)}
		if p.Words >= s.cfg.MinWords {
			sc.set = s.appendSet(sc.set[:0], sc.hashes)
			p.Set = slices.Clone(sc.set) // one allocation of the right size
		}
		paras[n] = p
	}
	return paras
}

// Set returns the shingle set of a paragraph given its word hashes. A
// paragraph shorter than one shingle is a single shingle of all its words.
func (s *Shingler) Set(wordHashes []uint64) Set {
	return s.appendSet(nil, wordHashes)
}

// appendSet is Set, in dst's space.
func (s *Shingler) appendSet(dst Set, wordHashes []uint64) Set {
	k := min(s.cfg.Size, len(wordHashes))
	if k == 0 {
		return Set{}
	}
	set := slices.Grow(dst[:0], len(wordHashes)-k+1)
	for i := 0; i+k <= len(wordHashes); i++ {
		set = append(set, ToKey(Combine(wordHashes[i:i+k])))
	}
	slices.Sort(set)
	return slices.Compact(set)
}

// Combine hashes a sequence of hashes, order-sensitively: the hash of a
// shingle or of a run of words (word hashes), or of a band's rows of a
// signature.
func Combine[T ~uint32 | ~uint64](hs []T) uint64 {
	h := uint64(len(hs)) * 0x9E3779B97F4A7C15
	for _, w := range hs {
		h = bits.RotateLeft64(h, 23) ^ uint64(w)
		h *= 0xBF58476D1CE4E5B9
	}
	h ^= h >> 31
	h *= 0x94D049BB133111EB
	return h ^ h>>29
}

// AtLeast reports whether a and b share at least k shingles, stopping as
// soon as the answer is known.
func AtLeast(a, b Set, k int) bool {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if n >= k {
			return true
		}
		if n+min(len(a)-i, len(b)-j) < k {
			return false
		}
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n >= k
}

// Intersection counts the shingles two sets share.
func Intersection(a, b Set) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Similarity is the exact overlap of two shingle sets.
type Similarity struct {
	Jaccard     float64 // |A∩B| / |A∪B|
	Containment float64 // |A∩B| / |A|: how much of A is found in B
}

// Compare measures a against b exactly. Containment is of a in b.
func Compare(a, b Set) Similarity {
	if len(a) == 0 || len(b) == 0 {
		return Similarity{}
	}
	inter := Intersection(a, b)
	return Similarity{
		Jaccard:     float64(inter) / float64(len(a)+len(b)-inter),
		Containment: float64(inter) / float64(len(a)),
	}
}
