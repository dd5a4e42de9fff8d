package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress shows a scan's stages on a terminal: after delay, a bar of the
// stages with the current one's name and counts and the time so far; cleared
// when the scan ends. A nil *progress shows nothing.
type progress struct {
	mu     sync.Mutex
	stage  int
	desc   string
	stages int
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
}

// startProgress starts showing progress on w after delay; when enabled is
// false it returns nil, which shows nothing.
func startProgress(w io.Writer, enabled bool, stages int, delay time.Duration) *progress {
	if !enabled {
		return nil
	}
	p := &progress{stages: stages, done: make(chan struct{})}
	p.wg.Add(1)
	go p.show(w, delay)
	return p
}

func (p *progress) show(w io.Writer, delay time.Duration) {
	defer p.wg.Done()
	select {
	case <-p.done:
		return
	case <-time.After(delay):
	}
	bar := progressbar.NewOptions(p.stages,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(20),
		progressbar.OptionClearOnFinish(),
	)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		p.mu.Lock()
		bar.Describe(p.desc)
		_ = bar.Set(p.stage)
		p.mu.Unlock()
		select {
		case <-p.done:
			_ = bar.Clear()
			return
		case <-tick.C:
		}
	}
}

// step says a new stage has begun.
func (p *progress) step(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.desc = fmt.Sprintf(format, args...)
	p.stage = min(p.stage+1, p.stages)
}

// finish stops showing progress and clears it; later calls do nothing.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		close(p.done)
		p.wg.Wait()
	})
}
