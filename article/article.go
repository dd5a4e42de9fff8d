// Package article holds the Article type and its readers: plain-text and
// Markdown files, article JSONL, and the manifests (CSV or JSONL) that give
// text files their publication dates.
//
// Readers never panic and never drop input silently: whatever cannot be used
// comes back as a Problem naming the file and, where there is one, the line.
package article

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// An Article is one news story as read from the input.
type Article struct {
	ID        string    // path relative to its argument, or the JSONL "id"
	Title     string    // the headline; never part of the body
	Body      string    // the text after the headline, paragraphs separated by blank lines
	Published time.Time // zero when the date is unknown
	Source    string
	URL       string
	Path      string // the file it was read from; "-" for standard input
	Line      int    // its line in a JSONL file; 0 for a text file
	// Record is the JSONL line the article was read from, as read (nil for a
	// text file, and after Read unless Options.KeepRecords): dedup writes it
	// back with only "text" changed.
	Record []byte
	// Archived says the article was read from an archive index (package
	// archive) to be checked against, not from the input.
	Archived bool
}

// Dated reports whether the article's publication date is known.
func (a *Article) Dated() bool { return !a.Published.IsZero() }

// A Problem is input that could not be used, with where it is.
type Problem struct {
	Path string
	Line int // 0 when the problem is the whole file
	Msg  string
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Msg)
}

// ParseDate reads a publication date written as YYYY-MM-DD or RFC 3339.
// The empty string is the unknown date.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339, s)
	}
	switch {
	case err != nil:
		return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD or RFC 3339", s)
	case t.IsZero():
		return time.Time{}, fmt.Errorf("date %q is the zero date, which cannot be told from no date: leave the date out", s)
	}
	return t, nil
}

// FormatDate writes a date the way reports show it: YYYY-MM-DD, with the
// time of day only when it has one, and "" for the unknown date.
func FormatDate(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format(time.DateOnly)
	default:
		return t.Format(time.RFC3339)
	}
}

// SortByDate puts articles in the order of Chronology: dated ones by date,
// ties and undated ones in the order given. Two corpora that differ only in
// the order of their dated articles then read the same.
func SortByDate(arts []*Article) {
	rank := Chronology(arts)
	byRank := make([]*Article, len(arts))
	for i, a := range arts {
		byRank[rank[i]] = a
	}
	copy(arts, byRank)
}

// An Index names an article of a scan: its place in the slice of articles
// the scan was given. Paragraphs, dedup's plan and the reports name their
// articles by it. A scan holds at most MaxArticles.
type Index int32

// MaxArticles is the most articles an Index can name.
const MaxArticles = math.MaxInt32

// CheckCount says why n articles are too many for one scan, or nil.
func CheckCount(n int) error {
	if n > MaxArticles {
		return fmt.Errorf("%d articles: one scan names at most %d; split the corpus", n, MaxArticles)
	}
	return nil
}

// Chronology ranks articles from first to last published, the one rule for
// "earlier" in every stage: dated articles by date, ties by input order;
// undated articles after every dated one, in input order. An undated article
// so never changes the order of two dated ones, and adding one to a corpus
// changes no other article's rank relative to the rest.
func Chronology(arts []*Article) []int {
	order := make([]int, len(arts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		ax, ay := arts[x], arts[y]
		switch {
		case ax.Dated() != ay.Dated():
			if ax.Dated() {
				return -1
			}
			return 1
		case !ax.Dated():
			return 0
		}
		return ax.Published.Compare(ay.Published)
	})
	rank := make([]int, len(arts))
	for r, i := range order {
		rank[i] = r
	}
	return rank
}
