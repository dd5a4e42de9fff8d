// Package parallel spreads independent work over every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n) on every core and returns when all
// are done. Calls for different i must not depend on each other.
func For(n int, f func(i int)) {
	ForWorker(n, func(_, i int) { f(i) })
}

// ForWorker is For that also tells f which worker, 0 to Workers(n)-1, makes
// the call, so that each worker can keep scratch space of its own.
func ForWorker(n int, f func(worker, i int)) {
	workers := Workers(n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(w, i)
			}
		}()
	}
	wg.Wait()
}

// Workers is how many workers For uses for n items: one a core, at most n.
func Workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// Ordered calls work(i) for every i in [0, n) on every core, and emit(i, v)
// with each result in order of i. It works a batch of items at a time, so
// that only one batch of results is held at once, and stops at the first
// error emit returns.
func Ordered[T any](n, batch int, work func(i int) T, emit func(i int, v T) error) error {
	batch = max(1, batch)
	out := make([]T, min(n, batch))
	for lo := 0; lo < n; lo += batch {
		hi := min(n, lo+batch)
		For(hi-lo, func(k int) { out[k] = work(lo + k) })
		for k := range hi - lo {
			if err := emit(lo+k, out[k]); err != nil {
				return err
			}
			var zero T
			out[k] = zero
		}
	}
	return nil
}
