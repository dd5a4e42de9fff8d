package parallel

import (
	"errors"
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

func TestOrdered(t *testing.T) {
	stop := errors.New("stop")
	tests := []struct {
		n, batch, stopAt int // stopAt: the item whose emit fails; -1 for none
		wantEmitted      int
		wantErr          error
	}{
		{n: 0, batch: 4, stopAt: -1, wantEmitted: 0},
		{n: 1, batch: 4, stopAt: -1, wantEmitted: 1},
		{n: 10, batch: 3, stopAt: -1, wantEmitted: 10},
		{n: 1000, batch: 256, stopAt: -1, wantEmitted: 1000},
		{n: 10, batch: 0, stopAt: -1, wantEmitted: 10}, // a batch below 1 is 1
		{n: 10, batch: 3, stopAt: 4, wantEmitted: 5, wantErr: stop},
	}
	for _, tt := range tests {
		var emitted []int
		err := Ordered(tt.n, tt.batch, func(i int) int { return i * i }, func(i, v int) error {
			if v != i*i {
				t.Errorf("n=%d: item %d came with %d, want %d", tt.n, i, v, i*i)
			}
			emitted = append(emitted, i)
			if i == tt.stopAt {
				return stop
			}
			return nil
		})
		if err != tt.wantErr {
			t.Errorf("n=%d batch=%d: error %v, want %v", tt.n, tt.batch, err, tt.wantErr)
		}
		if len(emitted) != tt.wantEmitted {
			t.Errorf("n=%d batch=%d: emitted %d, want %d", tt.n, tt.batch, len(emitted), tt.wantEmitted)
		}
		for k, i := range emitted {
			if i != k {
				t.Fatalf("n=%d batch=%d: emitted %v, not in order", tt.n, tt.batch, emitted)
			}
		}
	}
}
