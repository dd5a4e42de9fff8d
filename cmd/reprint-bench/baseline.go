package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"
)

// baseline is the plain pipeline a user would write with ekzhu/minhash-lsh
// alone, with reprint's parameters: decode each JSONL line, split paragraphs
// at blank lines, lower-case and split words, Push every word-pair shingle
// into a Minhash, Add every signature to a MinhashLSH, Index, Query every
// paragraph and union the candidates. It verifies nothing.
func baseline(path string, hashes int, threshold float64, minWords int) (time.Duration, error) {
	start := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var sigs [][]uint64
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return 0, err
		}
		for _, para := range strings.Split(rec.Text, "\n\n") {
			words := strings.Fields(strings.ToLower(para))
			if len(words) < minWords {
				continue
			}
			mh := minhashlsh.NewMinhash(1, hashes)
			for i := 0; i+2 <= len(words); i++ {
				mh.Push([]byte(words[i] + " " + words[i+1]))
			}
			sigs = append(sigs, mh.Signature())
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	index := minhashlsh.NewMinhashLSH(hashes, threshold)
	for i, sig := range sigs {
		index.Add(i, sig)
	}
	index.Index()
	parent := make([]int, len(sigs))
	for i := range parent {
		parent[i] = i
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, sig := range sigs {
		for _, c := range index.Query(sig) {
			parent[find(i)] = find(c.(int))
		}
	}
	return time.Since(start), nil
}
