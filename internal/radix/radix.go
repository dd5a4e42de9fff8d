// Package radix sorts unsigned 64-bit keys by their bytes, least significant
// first: linear in the number of keys, where a comparison sort is n log n.
// (The usual library for this, zermelo, is not served by the module proxy
// this project builds from.)
package radix

// Sort sorts keys in place; scratch, if it is at least as long, saves an
// allocation. Byte positions where every key agrees are skipped.
func Sort(keys, scratch []uint64) { SortHigh(keys, scratch, 0) }

// SortHigh orders keys by their bits above the lowest skip bytes only: keys
// that differ only there may come in any order. Each byte skipped saves a
// pass over the keys.
func SortHigh(keys, scratch []uint64, skip int) {
	if len(keys) < 256 {
		insertion(keys)
		return
	}
	if len(scratch) < len(keys) {
		scratch = make([]uint64, len(keys))
	}
	src, dst := keys, scratch[:len(keys)]
	var counts [8][256]int
	for _, k := range src {
		for b := range 8 {
			counts[b][byte(k>>(8*b))]++
		}
	}
	for b := skip; b < 8; b++ {
		c := &counts[b]
		if c[byte(src[0]>>(8*b))] == len(src) {
			continue // every key has the same byte here
		}
		offset := 0
		for i, n := range c {
			c[i] = offset
			offset += n
		}
		shift := 8 * uint(b)
		for _, k := range src {
			d := byte(k >> shift)
			dst[c[d]] = k
			c[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

func insertion(keys []uint64) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}
