// Package splitmix holds the splitmix64 finaliser, the one mixing function
// reprint's hashes share: word hashes finish with it, and shingle, band and
// run hashes are mixed by it.
package splitmix

// Mix is the splitmix64 finaliser: a bijection that spreads every bit of x
// over the whole word, for hashes derived from other hashes.
func Mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ x>>31
}
