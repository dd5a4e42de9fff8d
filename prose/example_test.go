package prose_test

import (
	"fmt"

	"github.com/reprint/reprint/prose"
)

func ExampleKeys() {
	fmt.Println(prose.Keys("Libyan National Army(LNA)and Haftar\u2019s forces \u2013 in May 2017"))
	// Output: [libyan national army lna and haftar's forces in may 2017]
}

func ExampleExcerpt() {
	text := "\u201cAny attempts,\u201d he said, \u201cwill fail.\u201d"
	words := prose.Words(text)
	fmt.Println(len(words), "words:", prose.Excerpt(text, words, 0, 2), "|", prose.Excerpt(text, words, 4, 6))
	// Output: 6 words: “Any attempts,” | “will fail.”
}
