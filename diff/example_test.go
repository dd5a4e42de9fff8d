package diff_test

import (
	"fmt"

	"github.com/reprint/reprint/diff"
)

func ExampleCompare() {
	d := diff.Compare(
		"Since Friday, the Egyptian Air Force has been carrying out airstrikes.",
		"In May 2017, the Egyptian Air Force has been carrying out airstrikes.")
	fmt.Println(diff.Brackets.Apply(d))
	for _, c := range d.Changes {
		fmt.Printf("words %d-%d %q -> %q\n", c.CopyStart, c.CopyEnd, d.Deleted(c), d.Inserted(c))
	}
	// Output:
	// [-Since Friday,-] {+In May 2017,+} the Egyptian Air Force has been carrying out airstrikes.
	// words 0-3 "Since Friday," -> "In May 2017,"
}
