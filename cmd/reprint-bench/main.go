// Command reprint-bench measures reprint's speed: it writes deterministic
// article corpora of the sizes asked for (package synth, as the evaluation
// does), runs the reprint binary's two jobs on each end to end (dedup, and
// the full JSON report; output counted and discarded) and reads their
// --stats (with the peak memory they report) and wall time; then runs the
// plain ekzhu/minhash-lsh pipeline a user would write on the same corpus and
// prints the ratios. On the largest corpus it then benchmarks the archive
// index: index add, its size before and after index compact, and checks
// against it. Every table is Markdown. `make bench` runs it.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/reprint/reprint/eval"
	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/internal/mdtable"
	"github.com/reprint/reprint/internal/plural"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	corpus, reprint, keep string
	sizes                 []int
	baseline              bool
	seed                  uint64
	runs                  int
	index                 bool
}

func run(args []string, stdout, stderr io.Writer) int {
	var cfg config
	fs := pflag.NewFlagSet("reprint-bench", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.corpus, "corpus", "../shared/corpora/bbc/bbc.jsonl", "source articles (JSONL with id, category, title, text)")
	fs.StringVar(&cfg.reprint, "reprint", "bin/reprint", "the reprint binary to measure")
	fs.StringVar(&cfg.keep, "keep", "", "write the corpora to this folder and keep them (default: a temporary folder, removed)")
	fs.IntSliceVar(&cfg.sizes, "sizes", []int{10, 100}, "corpus sizes in MB")
	fs.BoolVar(&cfg.baseline, "baseline", true, "also time the plain ekzhu/minhash-lsh pipeline")
	fs.Uint64Var(&cfg.seed, "seed", 1, "corpus seed")
	fs.IntVar(&cfg.runs, "runs", 3, "runs of each size, taken in turns; the tables give the median run")
	fs.BoolVar(&cfg.index, "index", true, "also benchmark the archive index on the largest corpus: index add, compact, check")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if cfg.runs < 1 {
		fmt.Fprintf(stderr, "reprint-bench: --runs %d: want 1 or more\n", cfg.runs)
		return 2
	}
	if err := bench(cfg, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "reprint-bench: %v\n", err)
		return 1
	}
	return 0
}

// A job is one way of running reprint that the benchmark times.
type job struct {
	name string
	args []string // before the corpus path
}

// jobs are the two a user runs on an archive: dedup before indexing, and the
// full report, diffs, partial reuse and all.
var jobs = []job{
	{"reprint dedup", []string{"dedup", "-q", "--stats"}},
	{"reprint scan --format json", []string{"scan", "--stats", "--format", "json"}},
}

// result is one job's measurements on one size: of one run, or the median of several.
type result struct {
	mb         float64
	outBytes   int64 // what the job wrote to standard output
	paragraphs int
	wall       time.Duration
	walls      []time.Duration // every run's, sorted
	cpu        time.Duration   // user and system time of the process, on every core: steadier than wall time on a shared machine
	maxRSS     int64           // bytes: the peak reprint --stats reports, else max RSS from rusage
	stages     [][2]string
	notes      []string      // reprint --stats' lines, as printed
	base       time.Duration // the ekzhu pipeline on the same corpus, in the same round
}

func bench(cfg config, out, log io.Writer) error {
	if _, err := os.Stat(cfg.reprint); err != nil {
		return fmt.Errorf("%w (build it first: make build)", err)
	}
	sources, _, _, err := eval.Sources(cfg.corpus)
	if err != nil {
		return fmt.Errorf("%w (the BBC corpus lives in ../shared/corpora/bbc; name another with --corpus)", err)
	}
	dir := cfg.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "reprint-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	paths := make([]string, len(cfg.sizes))
	for i, size := range cfg.sizes {
		paths[i] = filepath.Join(dir, fmt.Sprintf("corpus-%dmb.jsonl", size))
		fmt.Fprintf(log, "reprint-bench: writing %s\n", paths[i])
		if err := writeCorpus(sources, cfg.seed, int64(size)<<20, paths[i]); err != nil {
			return err
		}
	}
	// The sizes and jobs take turns, run after run, so that a slow spell of
	// a shared machine falls on every one alike.
	runs := make([][][]result, len(jobs)) // job, size, run
	for j := range runs {
		runs[j] = make([][]result, len(cfg.sizes))
	}
	for round := range cfg.runs {
		for i, size := range cfg.sizes {
			var base time.Duration
			if cfg.baseline {
				fmt.Fprintf(log, "reprint-bench: run %d of %d: baseline on %d MB\n", round+1, cfg.runs, size)
				if base, err = baseline(paths[i], lsh.DefaultConfig.Hashes, lsh.DefaultConfig.Threshold, shingle.DefaultConfig.MinWords); err != nil {
					return err
				}
			}
			for j, jb := range jobs {
				fmt.Fprintf(log, "reprint-bench: run %d of %d: %s on %d MB\n", round+1, cfg.runs, jb.name, size)
				r, err := measure(cfg.reprint, jb.args, paths[i])
				if err != nil {
					return err
				}
				r.base = base
				runs[j][i] = append(runs[j][i], r)
			}
		}
	}
	var indexRuns []indexRun
	if cfg.index && len(paths) > 0 {
		r, err := benchIndex(cfg.reprint, paths[len(paths)-1], dir, log)
		if err != nil {
			return err
		}
		indexRuns = append(indexRuns, r)
	}
	fmt.Fprintf(out, "# reprint benchmark\n")
	for j, jb := range jobs {
		var results []result
		for _, rs := range runs[j] {
			results = append(results, median(rs))
		}
		report(out, jb, results, cfg.baseline)
	}
	reportIndex(out, indexRuns)
	return nil
}

// median is the run of median wall time, with the median CPU and baseline
// times of all the runs, the highest max RSS, and every run's wall time.
func median(rs []result) result {
	pick := func(d func(r result) time.Duration) []time.Duration {
		var ds []time.Duration
		for _, r := range rs {
			ds = append(ds, d(r))
		}
		slices.Sort(ds)
		return ds
	}
	walls := pick(func(r result) time.Duration { return r.wall })
	mid := len(rs) / 2
	var m result
	for _, r := range rs {
		if r.wall == walls[mid] {
			m = r
			break
		}
	}
	m.walls = walls
	m.cpu = pick(func(r result) time.Duration { return r.cpu })[mid]
	m.base = pick(func(r result) time.Duration { return r.base })[mid]
	for _, r := range rs {
		m.maxRSS = max(m.maxRSS, r.maxRSS)
	}
	return m
}

// writeCorpus writes the benchmark corpus of size bytes (benchdata.Sized)
// to path.
func writeCorpus(sources []synth.Source, seed uint64, size int64, path string) error {
	b, err := benchdata.Sized(sources, seed, size)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := b.WriteJSONL(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var statLine = regexp.MustCompile(`^  (\S.*?)\s+([0-9.]+) s\s`)
var parasLine = regexp.MustCompile(`normalise and shingle .* (\d+) paragraphs`)
var peakLine = regexp.MustCompile(`^  peak memory (\d+) MB$`)

// measure runs reprint with args (which ask for --stats) on path and reads
// its report of itself.
func measure(bin string, args []string, path string) (result, error) {
	info, err := os.Stat(path)
	if err != nil {
		return result{}, err
	}
	var stderr bytes.Buffer
	var stdout benchdata.Counter
	cmd := exec.Command(bin, append(slices.Clone(args), path)...)
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("%s: %v: %s", bin, err, stderr.String())
	}
	r := result{mb: float64(info.Size()) / 1e6, wall: time.Since(start), outBytes: int64(stdout)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss << 10 // KiB on Linux
		r.cpu = time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime))
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if m := statLine.FindStringSubmatch(line); m != nil {
			r.stages = append(r.stages, [2]string{m[1], m[2]})
			r.notes = append(r.notes, strings.TrimSpace(line))
		}
		if m := parasLine.FindStringSubmatch(line); m != nil {
			r.paragraphs, _ = strconv.Atoi(m[1])
		}
		// reprint's own peak: the max RSS rusage gives a child of this
		// process is at least this process's peak, however small the child.
		if m := peakLine.FindStringSubmatch(line); m != nil {
			mb, _ := strconv.ParseInt(m[1], 10, 64)
			r.maxRSS = mb * 1e6
		}
	}
	return r, nil
}

func report(w io.Writer, jb job, results []result, withBaseline bool) {
	if len(results) == 0 {
		return
	}
	fmt.Fprintf(w, "\n## %s\n\nEnd to end, wall time of the whole process, median of %s:\n\n", jb.name, plural.Of(len(results[0].walls), "run"))
	var rows [][]string
	for _, r := range results {
		secs := r.wall.Seconds()
		row := []string{fmt.Sprintf("%.1f MB", r.mb), fmt.Sprint(r.paragraphs), fmt.Sprintf("%.2f s", secs),
			fmt.Sprintf("%.2f–%.2f s", r.walls[0].Seconds(), r.walls[len(r.walls)-1].Seconds()), fmt.Sprintf("%.1f", r.mb/secs),
			fmt.Sprintf("%.0f MB", float64(r.maxRSS)/1e6), fmt.Sprintf("%.2f s", r.cpu.Seconds()),
			fmt.Sprintf("%.0f MB (%.2f×)", float64(r.outBytes)/1e6, float64(r.outBytes)/1e6/r.mb)}
		if withBaseline {
			row = append(row, fmt.Sprintf("%.2f s", r.base.Seconds()), fmt.Sprintf("%.1f×", r.base.Seconds()/secs))
		}
		rows = append(rows, row)
	}
	header := []string{"corpus", "paragraphs", "time", "every run", "MB/s", "peak memory", "CPU time", "output (× input)"}
	if withBaseline {
		header = append(header, "ekzhu pipeline", "speed-up")
	}
	table(w, header, rows)
	for i := 1; i < len(results); i++ {
		a, b := results[i-1], results[i]
		fmt.Fprintf(w, "\nGrowth from %.0f to %.0f MB: %.1f× the input costs %.2f× the time and %.2f× the CPU time (target ≤ %.1f×).\n",
			a.mb, b.mb, b.mb/a.mb, b.wall.Seconds()/a.wall.Seconds(), b.cpu.Seconds()/a.cpu.Seconds(), 1.1*b.mb/a.mb)
	}
	if len(results[0].stages) > 0 {
		fmt.Fprintf(w, "\nStage times of the median run (reprint --stats):\n\n")
		header := []string{"stage"}
		for _, r := range results {
			header = append(header, fmt.Sprintf("%.0f MB", r.mb))
		}
		rows = nil
		for i, st := range results[0].stages {
			row := []string{st[0]}
			for _, r := range results {
				if i < len(r.stages) {
					row = append(row, r.stages[i][1]+" s")
				}
			}
			rows = append(rows, row)
		}
		table(w, header, rows)
	}
}

func table(w io.Writer, header []string, rows [][]string) { _ = mdtable.Write(w, header, rows) }
