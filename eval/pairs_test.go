package eval

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/scan"
)

func TestScorePairs(t *testing.T) {
	dir := t.TempDir()
	tsv := "doc_a\tpara_a\tdoc_b\tpara_b\tjaccard_w2\tlabel\n" +
		"a\t1\tb\t1\t0.9\trecycled\n" + // joined
		"a\t2\tc\t1\t0.5\ttemplate\n" + // joined: a false join
		"b\t2\tc\t2\t0.4\trecycled\n" + // not joined: a miss
		"a\t1\tc\t9\t0.3\ttemplate\n" + // no such paragraph
		"a\t1\tc\t1\t0.3\tunsure\n" // left out
	path := filepath.Join(dir, "pairs.tsv")
	if err := os.WriteFile(path, []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	pairs, err := ReadPairs(path)
	if err != nil || len(pairs) != 4 {
		t.Fatalf("ReadPairs: %d pairs, %v; want 4", len(pairs), err)
	}
	wire := "Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya in coordination with Haftar's forces."
	formula := "Red Lion Inns Limited Partnership said it filed a registration statement with the Securities and Exchange Commission covering a proposed offering."
	arts := []*article.Article{
		{ID: "a", Body: wire + "\n\n" + formula},
		{ID: "b", Body: wire + "\n\nA paragraph of b's own, about the weather in Benghazi on a Tuesday morning in spring."},
		{ID: "c", Body: formula + "\n\nAnother paragraph of c's own, about the football results of the weekend in the north."},
	}
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	s := ScorePairs(res, pairs)
	want := PairScores{Recycled: 2, Template: 1, RecycledJoined: 1, TemplateJoined: 1, Missing: 1}
	if s != want {
		t.Errorf("ScorePairs = %+v, want %+v", s, want)
	}
	if s.Precision() != 0.5 || s.Recall() != 0.5 {
		t.Errorf("precision %.2f, recall %.2f; want 0.5 and 0.5", s.Precision(), s.Recall())
	}
}
