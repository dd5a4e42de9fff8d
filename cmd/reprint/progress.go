package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/schollz/progressbar/v3"
)

// progress shows a run's stages on a terminal: after delay, a bar of the
// stages done, with the current one's name and counts and the time so far,
// on one line that fits the terminal; cleared when the run ends. A nil
// *progress shows nothing.
type progress struct {
	mu     sync.Mutex
	stage  int // the stages begun
	desc   string
	stages int
	cols   int                      // the terminal's width
	bar    *progressbar.ProgressBar // once shown
	done   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
}

// barRoom is what the bar takes of a line besides the stage's name: its
// percentage, 20 cells, the count of stages and the time.
const barRoom = 44

// startProgress starts showing progress on w after delay; when enabled is
// false it returns nil, which shows nothing.
func startProgress(w io.Writer, enabled bool, stages int, delay time.Duration) *progress {
	if !enabled {
		return nil
	}
	p := &progress{stages: stages, cols: tableWidth(0, w, isTerminal(w)), done: make(chan struct{})}
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
	p.mu.Lock()
	// The bar counts the stages done: it is full only when the run is, and
	// the last stage, often the longest, shows as the others do.
	p.bar = progressbar.NewOptions(p.stages,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(20),
		progressbar.OptionThrottle(0),
	)
	p.mu.Unlock()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		p.mu.Lock()
		p.bar.Describe(ansi.Truncate(p.desc, max(0, p.cols-barRoom), "…"))
		_ = p.bar.Set(max(0, p.stage-1))
		p.mu.Unlock()
		select {
		case <-p.done:
			p.mu.Lock()
			_ = p.bar.Clear()
			p.bar = nil
			p.mu.Unlock()
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

// wrap is w for messages written while the bar may be showing: the bar is
// cleared before each, so that none follows a stale bar on its line, and
// drawn again below it on its next tick.
func (p *progress) wrap(w io.Writer) io.Writer {
	if p == nil {
		return w
	}
	return &barWriter{p, w}
}

type barWriter struct {
	p *progress
	w io.Writer
}

func (b *barWriter) Write(s []byte) (int, error) {
	b.p.mu.Lock()
	defer b.p.mu.Unlock()
	if b.p.bar != nil {
		_ = b.p.bar.Clear()
	}
	return b.w.Write(s)
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
