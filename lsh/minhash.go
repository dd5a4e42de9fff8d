package lsh

import "math"

// A signer computes MinHash signatures: for each of its hash functions, the
// least hash of any shingle in the set.
type signer struct{ seeds []uint64 }

func newSigner(n int, seed uint64) signer {
	s := signer{seeds: make([]uint64, n)}
	x := seed
	for i := range s.seeds {
		x += 0x9E3779B97F4A7C15 // splitmix64 sequence: distinct, well-spread seeds
		s.seeds[i] = mix(x)
	}
	return s
}

func (s signer) sign(set []uint64) []uint64 {
	sig := make([]uint64, len(s.seeds))
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	for _, x := range set {
		for i, seed := range s.seeds {
			if h := mix(x ^ seed); h < sig[i] {
				sig[i] = h
			}
		}
	}
	return sig
}

// mix is the splitmix64 finaliser: a bijection that spreads every input bit
// over the whole word.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ x>>31
}
