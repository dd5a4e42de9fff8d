package main

import (
	"bytes"
	"os"
	"strconv"
)

// peakMemory is the most memory the process has held: the VmHWM line of
// /proc/self/status, in bytes; false where there is no such file. Unlike the
// max RSS rusage gives, it counts this program alone: Linux gives a program
// started by fork and exec the parent's peak too, when that is higher.
func peakMemory() (int64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			kb, ok := bytes.CutSuffix(bytes.TrimSpace(rest), []byte(" kB"))
			n, err := strconv.ParseInt(string(bytes.TrimSpace(kb)), 10, 64)
			return n << 10, ok && err == nil
		}
	}
	return 0, false
}
