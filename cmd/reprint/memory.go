package main

import (
	"bufio"
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
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmHWM:"))
		if !ok {
			continue
		}
		kb, ok := bytes.CutSuffix(bytes.TrimSpace(rest), []byte(" kB"))
		if !ok {
			return 0, false
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(kb)), 10, 64)
		return n << 10, err == nil
	}
	return 0, false
}
