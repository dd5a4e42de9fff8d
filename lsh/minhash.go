package lsh

import (
	"math"
	"math/bits"

	"github.com/reprint/reprint/internal/splitmix"
	"github.com/reprint/reprint/shingle"
)

// A signer computes MinHash signatures by one-permutation hashing with
// optimal densification (Shrivastava, ICML 2017): each shingle is hashed once,
// the hash's high bits pick one of the signature's bins and the bin keeps its
// least hash; an empty bin then takes the value of the first non-empty bin on
// a probe sequence seeded by the bin's number. Two sets agree in a bin with
// probability their Jaccard similarity, as with one hash function a bin, at
// one hash a shingle instead of one a bin.
//
// A signature keeps the high half of each bin's least hash: 32 bits a bin,
// which two sets share by chance once in four billion bins.
type signer struct {
	n    int
	seed uint64
}

func newSigner(n int, seed uint64) signer { return signer{n: n, seed: splitmix.Mix(seed)} }

// sign writes the signature of set into sig (n values); least is scratch
// for n 64-bit values.
func (s signer) sign(sig []uint32, set shingle.Set, least []uint64) {
	for i := range least {
		least[i] = math.MaxUint64
	}
	filled := 0
	for _, x := range set {
		h := splitmix.Mix(uint64(x) ^ s.seed)
		bin, _ := bits.Mul64(h, uint64(s.n)) // the high bits, scaled to n bins
		if least[bin] == math.MaxUint64 {
			filled++
		}
		least[bin] = min(least[bin], h)
	}
	if filled > 0 && filled < s.n {
		s.densify(least)
	}
	for i, h := range least {
		sig[i] = uint32(h >> 32)
	}
}

// densify gives each empty bin the value of the first filled bin on its
// probe sequence.
func (s signer) densify(least []uint64) {
	empty := make([]bool, s.n)
	for i, v := range least {
		empty[i] = v == math.MaxUint64
	}
	for i := range least {
		if !empty[i] {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j, _ := bits.Mul64(splitmix.Mix(s.seed^uint64(i)<<32^attempt), uint64(s.n))
			if !empty[j] {
				least[i] = least[j]
				break
			}
		}
	}
}
