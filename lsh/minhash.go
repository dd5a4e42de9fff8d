package lsh

import (
	"math"
	"math/bits"

	"github.com/reprint/reprint/shingle"
)

// A signer computes MinHash signatures by one-permutation hashing with
// optimal densification (Shrivastava, ICML 2017): each shingle is hashed once,
// the hash's high bits pick one of the signature's bins and the bin keeps its
// least hash; an empty bin then takes the value of the first non-empty bin on
// a probe sequence seeded by the bin's number. Two sets agree in a bin with
// probability their Jaccard similarity, as with one hash function a bin, at
// one hash a shingle instead of one a bin.
type signer struct {
	n    int
	seed uint64
}

func newSigner(n int, seed uint64) signer { return signer{n: n, seed: shingle.Mix(seed)} }

func (s signer) sign(set []uint64) []uint64 {
	sig := make([]uint64, s.n)
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	filled := 0
	for _, x := range set {
		h := shingle.Mix(x ^ s.seed)
		bin, _ := bits.Mul64(h, uint64(s.n)) // the high bits, scaled to n bins
		if sig[bin] == math.MaxUint64 {
			filled++
		}
		sig[bin] = min(sig[bin], h)
	}
	if filled == 0 || filled == s.n {
		return sig
	}
	empty := make([]bool, s.n)
	for i, v := range sig {
		empty[i] = v == math.MaxUint64
	}
	for i := range sig {
		if !empty[i] {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j, _ := bits.Mul64(shingle.Mix(s.seed^uint64(i)<<32^attempt), uint64(s.n))
			if !empty[j] {
				sig[i] = sig[j]
				break
			}
		}
	}
	return sig
}
