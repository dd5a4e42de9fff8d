package radix

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 255, 256, 1000, 100_000} {
		for _, gen := range []struct {
			name string
			key  func() uint64
		}{
			{"random", rng.Uint64},
			{"small", func() uint64 { return rng.Uint64N(300) }},
			{"high bytes only", func() uint64 { return rng.Uint64() &^ 0xFFFF_FFFF }},
			{"all equal", func() uint64 { return 42 }},
		} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = gen.key()
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			high := slices.Clone(keys)
			Sort(keys, nil)
			if !slices.Equal(keys, want) {
				t.Fatalf("%d %s keys not sorted", n, gen.name)
			}
			SortHigh(high, nil, 3)
			if !slices.IsSortedFunc(high, func(a, b uint64) int { return cmp.Compare(a>>24, b>>24) }) {
				t.Fatalf("%d %s keys not sorted by their high bits", n, gen.name)
			}
		}
	}
}

func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint64, 1<<20)
	for i := range keys {
		keys[i] = rng.Uint64()
	}
	work, scratch := make([]uint64, len(keys)), make([]uint64, len(keys))
	b.SetBytes(int64(8 * len(keys)))
	for b.Loop() {
		copy(work, keys)
		Sort(work, scratch)
	}
}

func BenchmarkStdlibSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([]uint64, 1<<20)
	for i := range keys {
		keys[i] = rng.Uint64()
	}
	work := make([]uint64, len(keys))
	b.SetBytes(int64(8 * len(keys)))
	for b.Loop() {
		copy(work, keys)
		slices.Sort(work)
	}
}
