package shingle_test

import (
	"fmt"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/shingle"
)

func ExampleShingler_Shingle() {
	s, _ := shingle.New(shingle.Config{Size: 2, MinWords: 4})
	arts := []*article.Article{
		{ID: "may", Body: "Since Friday, the Egyptian Air Force has been carrying out airstrikes."},
		{ID: "oct", Body: "In May 2017, the Egyptian Air Force has been carrying out airstrikes."},
	}
	p := s.Shingle(arts)
	sim := shingle.Compare(p[1].Set, p[0].Set)
	fmt.Printf("Jaccard %.2f, containment %.2f\n", sim.Jaccard, sim.Containment)
	// Output: Jaccard 0.62, containment 0.73
}
