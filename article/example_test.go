package article_test

import (
	"fmt"
	"strings"

	"github.com/reprint/reprint/article"
)

func ExampleReadJSONL() {
	in := `{"id": "wire-1", "title": "Strikes on Derna", "text": "Strikes on Derna\n\nEgypt said on Friday ...", "published": "2017-05-26"}
{"id": "site-2", "published": "soon", "text": "..."}
`
	arts, problems, _ := article.ReadJSONL(strings.NewReader(in), "feed.jsonl")
	for _, a := range arts {
		fmt.Printf("%s %s %q\n", a.ID, article.FormatDate(a.Published), a.Body)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	// Output:
	// wire-1 2017-05-26 "Egypt said on Friday ..."
	// feed.jsonl:2: "published": date "soon" is not YYYY-MM-DD or RFC 3339
}
