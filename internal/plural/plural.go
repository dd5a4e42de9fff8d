// Package plural writes counts of things in English: "1 word", "3 words".
package plural

import (
	"strconv"
	"strings"
)

// Of is n and the noun, made plural unless n is 1: "y" becomes "ies", and
// "reuse", a mass noun, stays as it is.
func Of(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "y"):
		noun = strings.TrimSuffix(noun, "y") + "ies"
	case !strings.HasSuffix(noun, "reuse"):
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}
