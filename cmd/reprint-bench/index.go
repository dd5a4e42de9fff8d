package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// An indexRun is one run of the archive index's benchmark on one corpus.
type indexRun struct {
	add            result
	added, packed  int64 // bytes on disk after the add, and after index compact
	text           int64 // the articles' text
	compact        time.Duration
	story, fresh   result // one check: a story of the corpus; an article of other text
	many           result // a check of manyChecked stories
	storyArchived  string // what check --stats says the story's lookup read
	manyArchived   string
	manyCheckedArt int
}

// manyChecked is how many stories the batch check takes.
const manyChecked = 1000

// freshText is an article with no paragraph of the corpus's: what a check
// of an article with nothing reused costs.
const freshText = "The council met on Tuesday evening to discuss the new library plans for the northern district, which residents have opposed for over a year because of the cost.\n\n" +
	"Local shopkeepers said the closure of the high street during the works would cost them a month of trade, and asked the council for compensation before any digging starts.\n\n" +
	"A spokesman for the council said the plans would be published in full next week, with a public meeting to follow in the town hall on the last Friday of the month.\n\n" +
	"The library, built in 1908, has been closed since a storm damaged its roof two winters ago, and its books are kept in a warehouse on the edge of town."

// benchIndex indexes the corpus at path, then checks against the index: a
// story of the corpus (under a new id), an article of other text, and
// manyChecked stories of the corpus.
func benchIndex(bin, path, dir string, log io.Writer) (indexRun, error) {
	var run indexRun
	ix := filepath.Join(dir, "index")
	os.RemoveAll(ix)
	defer os.RemoveAll(ix)
	story, many, err := checkInputs(path, dir)
	if err != nil {
		return run, err
	}
	fmt.Fprintf(log, "reprint-bench: index add %s\n", filepath.Base(path))
	if run.add, err = measure(bin, []string{"index", "add", "-q", "--stats", "--index", ix}, path); err != nil {
		return run, err
	}
	if run.added, run.text, err = indexSize(bin, ix); err != nil {
		return run, err
	}
	start := time.Now()
	if out, err := exec.Command(bin, "index", "compact", "--index", ix).CombinedOutput(); err != nil {
		return run, fmt.Errorf("index compact: %v: %s", err, out)
	}
	run.compact = time.Since(start)
	if run.packed, _, err = indexSize(bin, ix); err != nil {
		return run, err
	}
	check := []string{"check", "-q", "--stats", "--format", "json", "--index", ix}
	fresh := filepath.Join(dir, "fresh.jsonl")
	if err := os.WriteFile(fresh, fmt.Appendf(nil, "{\"id\":\"bench-fresh\",\"published\":\"2006-01-01\",\"text\":%q}\n", freshText), 0o644); err != nil {
		return run, err
	}
	for _, c := range []struct {
		r    *result
		path string
		runs int
	}{{&run.story, story, 3}, {&run.fresh, fresh, 3}, {&run.many, many, 1}} {
		var rs []result
		for range c.runs {
			fmt.Fprintf(log, "reprint-bench: check %s\n", filepath.Base(c.path))
			r, err := measure(bin, check, c.path)
			if err != nil {
				return run, err
			}
			rs = append(rs, r)
		}
		*c.r = median(rs)
	}
	run.storyArchived, run.manyArchived = lookupNote(run.story), lookupNote(run.many)
	run.manyCheckedArt = manyChecked
	return run, nil
}

// checkInputs writes the inputs of the checks: the story in the middle of
// the corpus at path, under a new id, and manyChecked stories from there.
func checkInputs(path, dir string) (story, many string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	var lines [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		lines = append(lines, slices.Clone(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		return "", "", err
	}
	if len(lines) < 2*manyChecked {
		return "", "", fmt.Errorf("%s: %d articles, too few to check %d against the rest", path, len(lines), manyChecked)
	}
	mid := len(lines) / 2
	var rec map[string]any
	if err := json.Unmarshal(lines[mid], &rec); err != nil {
		return "", "", err
	}
	rec["id"] = "bench-story"
	one, err := json.Marshal(rec)
	if err != nil {
		return "", "", err
	}
	story, many = filepath.Join(dir, "story.jsonl"), filepath.Join(dir, "stories.jsonl")
	if err := os.WriteFile(story, append(one, '\n'), 0o644); err != nil {
		return "", "", err
	}
	return story, many, os.WriteFile(many, append(bytes.Join(lines[mid:mid+manyChecked], []byte("\n")), '\n'), 0o644)
}

// indexSize reads the index's size on disk and its text from index stats.
func indexSize(bin, ix string) (disk, text int64, err error) {
	out, err := exec.Command(bin, "index", "stats", "--format", "json", "--index", ix).Output()
	if err != nil {
		return 0, 0, fmt.Errorf("index stats: %v", err)
	}
	var st struct {
		Disk int64 `json:"disk_bytes"`
		Text int64 `json:"text_bytes"`
	}
	return st.Disk, st.Text, json.Unmarshal(out, &st)
}

// lookupNote is what check --stats said of its lookup.
func lookupNote(r result) string {
	for _, st := range r.notes {
		if strings.HasPrefix(st, "index lookup") {
			return strings.TrimSpace(strings.SplitN(st, "%", 2)[1])
		}
	}
	return ""
}

// reportIndex writes the archive index's tables.
func reportIndex(w io.Writer, runs []indexRun) {
	if len(runs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n## The archive index\n\n`reprint index add` of each corpus into a new index, `index compact`, then `reprint check --format json` "+
		"against it: a story of the corpus under a new id (median of 3), an article of other text (median of 3), and %d stories of the corpus (one run).\n\n", manyChecked)
	var rows [][]string
	for _, r := range runs {
		rows = append(rows, []string{fmt.Sprintf("%.1f MB", r.add.mb), fmt.Sprintf("%.2f s", r.add.wall.Seconds()), fmt.Sprintf("%.1f", r.add.mb/r.add.wall.Seconds()),
			fmt.Sprintf("%.0f MB", float64(r.add.maxRSS)/1e6), fmt.Sprintf("%.2f s", r.add.cpu.Seconds()),
			fmt.Sprintf("%.0f MiB (%.2f×)", float64(r.added)/(1<<20), float64(r.added)/float64(r.text)),
			fmt.Sprintf("%.0f MiB (%.2f×)", float64(r.packed)/(1<<20), float64(r.packed)/float64(r.text)), fmt.Sprintf("%.1f s", r.compact.Seconds())})
	}
	table(w, []string{"corpus", "index add", "MB/s", "peak memory", "CPU time", "on disk after the add (× text)", "after index compact", "compact"}, rows)
	fmt.Fprintln(w)
	rows = nil
	for _, r := range runs {
		rows = append(rows, []string{fmt.Sprintf("%.1f MB", r.add.mb),
			fmt.Sprintf("%.2f s, %.0f MB", r.story.wall.Seconds(), float64(r.story.maxRSS)/1e6),
			fmt.Sprintf("%.2f s, %.0f MB", r.fresh.wall.Seconds(), float64(r.fresh.maxRSS)/1e6),
			fmt.Sprintf("%.1f s (%.0f articles/s), %.0f MB", r.many.wall.Seconds(), float64(r.manyCheckedArt)/r.many.wall.Seconds(), float64(r.many.maxRSS)/1e6)})
	}
	table(w, []string{"index of", "check a story", "check an article of other text", fmt.Sprintf("check %d stories", manyChecked)}, rows)
	fmt.Fprintf(w, "\nWhat each lookup read (check --stats):\n\n")
	for _, r := range runs {
		fmt.Fprintf(w, "- %.1f MB: a story: %s; %d stories: %s\n", r.add.mb, r.storyArchived, manyChecked, r.manyArchived)
	}
}
