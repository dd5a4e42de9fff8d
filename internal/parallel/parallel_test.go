package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		seen := make([]int32, n)
		ForWorker(n, func(w, i int) {
			if w < 0 || w >= Workers(n) {
				t.Errorf("worker %d of %d", w, Workers(n))
			}
			atomic.AddInt32(&seen[i], 1)
		})
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: item %d called %d times", n, i, c)
			}
		}
	}
}
