//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipe: a named pipe, given by name, as --meta or met in a folder,
// is refused at once; opening it would block for ever.
func TestNamedPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "feed.jsonl")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	seedsAbs, _ := filepath.Abs(seeds)
	manifest := filepath.Join(dir, "meta.csv")
	if err := syscall.Mkfifo(manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"by name", []string{fifo}, exitError, "feed.jsonl: a named pipe, not a file"},
		{"in a folder", []string{dir, seedsAbs}, exitSkipped, "feed.jsonl: a named pipe, not a file"},
		{"as --meta", []string{"--meta", manifest, seedsAbs}, exitUsage, "meta.csv: not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type result struct {
				stderr string
				code   int
			}
			done := make(chan result, 1)
			go func() {
				_, stderr, code := runScanCmd(t, "", tt.args...)
				done <- result{stderr, code}
			}()
			select {
			case r := <-done:
				if r.code != tt.code || !strings.Contains(r.stderr, tt.stderr) {
					t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", r.code, r.stderr, tt.code, tt.stderr)
				}
			case <-time.After(time.Minute):
				t.Fatal("reprint scan blocked on a named pipe")
			}
		})
	}
	_ = os.Remove(fifo)
}
