package eval

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/reprint/reprint/passage"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// A LabelledPair is two paragraphs of a real corpus and what a reader took
// them for: Recycled (the same copy and facts) or Template (the same formula
// about other facts).
type LabelledPair struct {
	A, B    Place
	Jaccard float64 // word-pair Jaccard, as the labeller measured it
	Label   string
}

// Place is a paragraph by article id and 1-based body paragraph number.
type Place struct {
	Article   string
	Paragraph int
}

// The labels of a development set.
const (
	Recycled = "recycled"
	Template = "template"
)

// ReadPairs reads a development set: tab-separated doc_a, para_a, doc_b,
// para_b, jaccard_w2, label, after a header line. Pairs labelled neither
// recycled nor template (unsure) are left out.
func ReadPairs(path string) ([]LabelledPair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []LabelledPair
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if n == 1 || len(cols) == 1 && cols[0] == "" {
			continue
		}
		if len(cols) != 6 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 6", path, n, len(cols))
		}
		pa, e1 := strconv.Atoi(cols[1])
		pb, e2 := strconv.Atoi(cols[3])
		j, e3 := strconv.ParseFloat(cols[4], 64)
		if e1 != nil || e2 != nil || e3 != nil {
			return nil, fmt.Errorf("%s:%d: paragraph numbers and Jaccard must be numbers", path, n)
		}
		if cols[5] != Recycled && cols[5] != Template {
			continue
		}
		out = append(out, LabelledPair{A: Place{cols[0], pa}, B: Place{cols[2], pb}, Jaccard: j, Label: cols[5]})
	}
	return out, sc.Err()
}

// PairScores say how a scan treats a development set's pairs: a pair is
// joined when both paragraphs are in one passage.
type PairScores struct {
	Recycled, Template int // labelled pairs found in the scan
	RecycledJoined     int
	TemplateJoined     int
	Missing            int // pairs naming a paragraph the scan does not have
}

// Precision is the share of joined pairs that are recycled.
func (s PairScores) Precision() float64 {
	return ratio(s.RecycledJoined, s.RecycledJoined+s.TemplateJoined)
}

// Recall is the share of recycled pairs joined.
func (s PairScores) Recall() float64 { return ratio(s.RecycledJoined, s.Recycled) }

// ScorePairs scores res on the labelled pairs.
func ScorePairs(res *scan.Result, pairs []LabelledPair) PairScores {
	index := map[Place]shingle.ParaID{}
	for i, p := range res.Paragraphs {
		index[Place{res.Articles[p.Article].ID, p.N}] = shingle.ParaID(i)
	}
	in := passage.Members(res.Passages, len(res.Paragraphs))
	var s PairScores
	for _, lp := range pairs {
		a, okA := index[lp.A]
		b, okB := index[lp.B]
		if !okA || !okB {
			s.Missing++
			continue
		}
		joined := in.Same(a, b)
		switch lp.Label {
		case Recycled:
			s.Recycled++
			if joined {
				s.RecycledJoined++
			}
		case Template:
			s.Template++
			if joined {
				s.TemplateJoined++
			}
		}
	}
	return s
}
