package lsh_test

import (
	"fmt"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/shingle"
)

func ExampleFind() {
	arts := []*article.Article{
		{ID: "may", Body: "Since Friday, the Egyptian Air Force has been carrying out airstrikes in eastern Libya.\n\nThe visit is the first of its kind."},
		{ID: "oct", Body: "Cairo declined to comment on the reports on Monday.\n\nIn May 2017, the Egyptian Air Force has been carrying out airstrikes in eastern Libya."},
	}
	s, _ := shingle.New(shingle.DefaultConfig)
	paras := s.Shingle(arts)
	clusters, _, _ := lsh.Find(paras, lsh.DefaultConfig)
	for _, c := range clusters {
		for _, m := range c.Members {
			fmt.Printf("%s ¶%d\n", arts[paras[m].Article].ID, paras[m].N)
		}
	}
	// Output:
	// may ¶1
	// oct ¶2
}
