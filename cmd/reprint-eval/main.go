// Command reprint-eval measures reprint's accuracy: it builds a synthetic
// republishing benchmark from a real corpus (package synth), scores reprint's
// report on it against the truth (package eval), measures the LSH index
// against exact all-pairs on the real corpus, and sweeps the parameters.
// Every table is Markdown, ready for docs/accuracy.md. `make eval` runs it.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/dedup"
	"github.com/reprint/reprint/eval"
	"github.com/reprint/reprint/internal/mdtable"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
	"github.com/reprint/reprint/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	corpus string
	real   []string
	pairs  string
	keep   string
	sweep  bool
	bench  synth.Config
}

func run(args []string, stdout, stderr io.Writer) int {
	cfg := config{bench: synth.DefaultConfig}
	fs := pflag.NewFlagSet("reprint-eval", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.corpus, "corpus", "../shared/corpora/bbc/bbc.jsonl", "source articles (JSONL with id, category, title, text)")
	fs.StringArrayVar(&cfg.real, "real", []string{"../shared/corpora/bbc/bbc.jsonl", "../shared/corpora/reuters/reuters.jsonl"},
		"a real corpus to measure the passages' promises on (no truth needed); repeatable; missing ones are noted and skipped")
	fs.StringVar(&cfg.pairs, "pairs", "../shared/corpora/reuters/dev-pairs.tsv",
		"labelled paragraph pairs (recycled or template) of one of the --real corpora, scored on its scan; missing: noted and skipped")
	fs.StringVar(&cfg.keep, "keep", "", "write the benchmark (bench.jsonl, truth.jsonl) to this folder and keep it (default: a temporary folder, removed)")
	fs.BoolVar(&cfg.sweep, "sweep", true, "sweep the parameters one at a time around the defaults")
	fs.Uint64Var(&cfg.bench.Seed, "seed", cfg.bench.Seed, "benchmark seed")
	fs.IntVar(&cfg.bench.Republished, "republished", cfg.bench.Republished, "republished articles in the benchmark")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := evaluate(cfg, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "reprint-eval: %v\n", err)
		return 1
	}
	return 0
}

func evaluate(cfg config, out, log io.Writer) error {
	kept, read, dropped, err := eval.Sources(cfg.corpus)
	if err != nil {
		return fmt.Errorf("%w (the BBC corpus lives in ../shared/corpora/bbc; name another with --corpus)", err)
	}
	b, err := synth.Generate(kept, cfg.bench)
	if err != nil {
		return err
	}
	dir := cfg.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "reprint-eval-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	benchPath := filepath.Join(dir, "bench.jsonl")
	if err := writeFile(benchPath, b.WriteJSONL); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "truth.jsonl"), b.WriteTruth); err != nil {
		return err
	}
	corpus := article.Read([]string{benchPath}, article.Options{})
	if len(corpus.Problems) > 0 {
		return fmt.Errorf("reading the benchmark: %v", corpus.Problems[0])
	}
	info, _ := os.Stat(benchPath)
	kinds := map[string]int{}
	for _, o := range b.Origins {
		kinds[o.Kind]++
	}
	fmt.Fprintf(out, "# reprint evaluation\n\n")
	fmt.Fprintf(out, "Benchmark: seed %d, from %s (%d articles; %d near-duplicates dropped): %d articles, %.1f MB, %d paragraphs: "+
		"%d original, %d own words, %d copies, %d split halves, %d merged, %d holding a moved span.\n",
		cfg.bench.Seed, cfg.corpus, read, len(dropped), len(b.Articles), float64(info.Size())/1e6, len(b.Origins),
		kinds[synth.Original], kinds[synth.Own], kinds[synth.Copy], kinds[synth.Split], kinds[synth.Merged], kinds[synth.Span])

	rep, took, err := eval.Run(corpus.Articles, eval.Default)
	if err != nil {
		return err
	}
	s := eval.Score(b, rep)
	fmt.Fprintf(out, "\n## Default settings\n\n%s\n\n", describe(eval.Default))
	targets := [][]string{
		target("recall, copies with ≤ 10% of words edited", s.RecallAt(0, 0.1).Share(), 0.99),
		target("recall, 20% edited", s.RecallAt(0.2, 0.2).Share(), 0.95),
		target("recall, 30% edited", s.RecallAt(0.3, 0.3).Share(), 0.85),
		target("pairwise precision", s.Precision, 0.99),
		{"clusters joining independently written paragraphs (same-topic pairs in them)", fmt.Sprintf("%d (%d)", s.MixedClusters, s.SameTopic), "0", pass(s.MixedClusters == 0)},
		target("originals named correctly", s.Originals.Share(), 0.99),
	}
	table(out, []string{"measure", "value", "target", ""}, targets)
	fmt.Fprintf(out, "\nPairwise: precision %.4f, recall %.4f, F1 %.4f (%d true pairs, %d found, %d right); adjusted Rand index %.4f; originals %d of %d; the scan took %s. "+
		"The truth took %d links from the source corpus's own reuse (joined source paragraphs sharing a run of %d words); %d clusters join paragraphs of related stories only.\n",
		s.Precision, s.Recall, s.F1, s.TruePairs, s.FoundPairs, s.RightPairs, s.ARI, s.Originals.Hit, s.Originals.Total, took.Round(time.Millisecond), s.Natural, eval.NaturalRun, s.RelatedClusters)

	fmt.Fprintf(out, "\n### Recall by edit level\n\n")
	var rows [][]string
	for _, l := range s.ByLevel {
		rows = append(rows, []string{fmt.Sprintf("%.0f%%", 100*l.Level), fmt.Sprintf("%d", l.Total), fmt.Sprintf("%.4f", l.Share())})
	}
	table(out, []string{"words edited", "copies", "recall"}, rows)

	text := b.Texts()
	joined := func(title string, pairs []eval.FalsePair) {
		if len(pairs) == 0 {
			return
		}
		fmt.Fprintf(out, "\n### %s: one pair from each of the first 12 clusters (%d pairs in all)\n\n", title, len(pairs))
		var rows [][]string
		seen := map[int]bool{}
		for _, fp := range pairs {
			if seen[fp.Cluster] || len(seen) == 12 {
				continue
			}
			seen[fp.Cluster] = true
			rows = append(rows, []string{fmt.Sprintf("%s %s ¶%d: %s", fp.A.Kind, fp.A.Article, fp.A.N, clip(text[fp.A.Ref], 90)),
				fmt.Sprintf("%s %s ¶%d: %s", fp.B.Kind, fp.B.Article, fp.B.N, clip(text[fp.B.Ref], 90))})
		}
		table(out, []string{"paragraph", "joined with"}, rows)
	}
	joined("Independently written paragraphs joined", s.FalsePairs)
	joined(fmt.Sprintf("Paragraphs of related stories joined (their articles share a run of %d words; not scored as false)", eval.RelatedRun), s.RelatedPairs)

	ps := eval.ScorePartial(b, rep)
	fmt.Fprintf(out, "\n### Partial reuse\n\n")
	rows = nil
	for _, r := range ps.Spans {
		row := []string{fmt.Sprintf("moved spans of %d–%d words", r.Min, r.Max), fmt.Sprint(r.Total), fmt.Sprintf("%.4f", r.Share()), ""}
		if r.Min == 12 && r.Max == 40 {
			row[3] = fmt.Sprintf("≥ 0.90 %s", pass(r.Share() >= 0.9))
		}
		rows = append(rows, row)
	}
	rows = append(rows,
		[]string{"merged paragraphs linked to both sources", fmt.Sprint(ps.Merged.Total), fmt.Sprintf("%.4f", ps.Merged.Share()), ""},
		[]string{"split halves linked to their source", fmt.Sprint(ps.Split.Total), fmt.Sprintf("%.4f", ps.Split.Share()), ""},
		[]string{"false partial reuse (no shared source, no shared run in the sources)", fmt.Sprint(len(rep.Partial)), fmt.Sprint(len(ps.False)), pass(len(ps.False) == 0)},
	)
	table(out, []string{"measure", "cases", "found", "target"}, rows)
	fmt.Fprintf(out, "\n%d partial reuses reported: %d explained by the truth (%d of them the source corpus's own shared runs), %d false.\n",
		len(rep.Partial), ps.Explained, ps.NaturalRuns, len(ps.False))
	if len(ps.False) > 0 {
		rows = nil
		for _, p := range ps.False[:min(12, len(ps.False))] {
			rows = append(rows, []string{fmt.Sprintf("%s ¶%d → %s ¶%d", p.Source.Article, p.Source.N, p.Target.Article, p.Target.N), fmt.Sprint(p.Words), clip(strings.Join(p.Spans, " … "), 100)})
		}
		fmt.Fprintln(out)
		table(out, []string{"false partial reuse", "words", "shared words"}, rows)
	}

	real := article.Read([]string{cfg.corpus}, article.Options{})
	bandRows, bands := lsh.BandShape(eval.Default.LSH)
	fmt.Fprintf(out, "\n## LSH fidelity\n\nBand shape (ekzhu/minhash-lsh's optimiser for %d hashes at threshold %g): %d bands of %d rows; "+
		"a pair becomes a candidate with probability %.3f at Jaccard %g (the verification threshold) and %.4f at 0.43 (the hardest seed passage).\n\n"+
		"Exact all-pairs at the same thresholds against what the LSH stage finds: a pair is found when its two paragraphs end up in one cluster.\n",
		eval.Default.LSH.Hashes, eval.Default.LSH.Threshold, bands, bandRows,
		lsh.CandidateChance(eval.Default.LSH, eval.Default.LSH.MinJaccard), eval.Default.LSH.MinJaccard, lsh.CandidateChance(eval.Default.LSH, 0.43))
	if err := fidelity(out, "the real corpus, "+cfg.corpus, real.Articles); err != nil {
		return err
	}
	if err := fidelity(out, "the benchmark", corpus.Articles); err != nil {
		return err
	}
	wire, err := realCorpora(out, cfg.real, cfg.pairs)
	if err != nil {
		return err
	}
	corpora := []namedCorpus{{"the benchmark", corpus.Articles}}
	if wire.articles != nil {
		corpora = append(corpora, namedCorpus{filepath.Base(wire.path), wire.articles})
	}
	if err := indexAgreement(out, dir, corpora); err != nil {
		return err
	}
	if cfg.sweep {
		fmt.Fprintf(out, "\n## Sweep: one parameter at a time around the defaults\n\n")
		rows = nil
		for _, set := range eval.Sweep(eval.Default) {
			fmt.Fprintf(log, "reprint-eval: %s\n", set.Name)
			rep, took, err := eval.Run(corpus.Articles, set)
			if err != nil {
				return err
			}
			s := eval.Score(b, rep)
			ps := eval.ScorePartial(b, rep)
			r := func(lo, hi float64) string { return fmt.Sprintf("%.3f", s.RecallAt(lo, hi).Share()) }
			wireP, wireR := "", ""
			if wire.pairs != nil {
				res, _, err := eval.Run(wire.articles, set)
				if err != nil {
					return err
				}
				ws := eval.ScorePairs(res, wire.pairs)
				wireP, wireR = fmt.Sprintf("%.3f", ws.Precision()), fmt.Sprintf("%.3f", ws.Recall())
			}
			rows = append(rows, []string{set.Name, fmt.Sprintf("%.4f", s.Precision), fmt.Sprintf("%.4f", s.Recall), fmt.Sprintf("%.4f", s.F1), fmt.Sprintf("%.4f", s.ARI),
				r(0, 0.1), r(0.2, 0.2), r(0.3, 0.3), r(0.4, 0.4), fmt.Sprintf("%.4f", s.Originals.Share()), fmt.Sprintf("%d", s.MixedClusters),
				fmt.Sprintf("%.3f", ps.SpanShare(12).Share()), fmt.Sprintf("%d", len(ps.False)), wireP, wireR, took.Round(time.Millisecond).String()})
		}
		if wire.pairs != nil {
			fmt.Fprintf(out, "The wire columns score the labelled pairs (%s) on a scan of %s with the same setting.\n\n", cfg.pairs, filepath.Base(wire.path))
		}
		table(out, []string{"setting", "precision", "recall", "F1", "ARI", "R ≤10%", "R 20%", "R 30%", "R 40%", "originals", "mixed clusters", "spans ≥12", "false partial", "wire P", "wire R", "time"}, rows)
	}
	return nil
}

func fidelity(out io.Writer, label string, arts []*article.Article) error {
	sh, err := shingle.New(eval.Default.Shingle)
	if err != nil {
		return err
	}
	paras := sh.Shingle(arts)
	bands, indexTime, exactTime, err := eval.Fidelity(paras, eval.Default.LSH)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nOn %s (index %s, exact %s):\n\n", label, indexTime.Round(time.Millisecond), exactTime.Round(time.Millisecond))
	var rows [][]string
	var all eval.Ratio
	for _, b := range bands {
		share := eval.Ratio{Hit: b.Found, Total: b.Exact}
		rows = append(rows, []string{b.Name, fmt.Sprint(b.Exact), fmt.Sprint(b.Found), fmt.Sprintf("%.4f", share.Share())})
		all.Hit += b.Found
		all.Total += b.Exact
	}
	rows = append(rows, []string{"all pairs above the threshold", fmt.Sprint(all.Total), fmt.Sprint(all.Hit), fmt.Sprintf("%.4f (target ≥ 0.99: %s)", all.Share(), pass(all.Share() >= 0.99))})
	table(out, []string{"band", "exact pairs", "found by the index", "share"}, rows)
	return nil
}

// A wireCorpus is the real corpus the labelled pairs were scored on.
type wireCorpus struct {
	path     string
	articles []*article.Article
	pairs    []eval.LabelledPair // nil when no corpus had them
}

// realCorpora measures, on corpora without a truth, what every passage
// promises: each copy passes the rule against the member it is listed under,
// and dedup cuts only what a kept copy covers. It scores the labelled pairs
// on the first corpus that has them, and returns that corpus.
func realCorpora(out io.Writer, paths []string, pairsPath string) (wireCorpus, error) {
	var wire wireCorpus
	fmt.Fprintf(out, "\n## Passages on real corpora\n\n"+
		"Each copy must pass the verification rule against the member it is listed under (copy_of); "+
		"dedup (keeping the earliest) must cut only paragraphs that a kept copy of their passage passes against and covers (%.0f%% of their shingles).\n\n", 100*dedup.DefaultMinCover)
	pairs, pairsErr := eval.ReadPairs(pairsPath)
	var rows [][]string
	var scored *eval.PairScores
	scoredOn := ""
	for _, path := range paths {
		c := article.Read([]string{path}, article.Options{})
		if len(c.Articles) == 0 {
			fmt.Fprintf(out, "Skipped %s: no articles there.\n\n", path)
			continue
		}
		article.SortByDate(c.Articles)
		res, err := scan.Run(c.Articles, eval.Default.Options)
		if err != nil {
			return wire, err
		}
		t, err := eval.Measure(res, dedup.KeepEarliest)
		if err != nil {
			return wire, err
		}
		rows = append(rows, []string{filepath.Base(path), fmt.Sprint(t.Articles), fmt.Sprint(t.Passages),
			fmt.Sprintf("%d (%d articles)", t.Largest, t.LargestArticles),
			fmt.Sprintf("%d of %d %s", t.Passing, t.Copies, pass(t.Passing == t.Copies)), fmt.Sprint(t.UnderCopy),
			fmt.Sprintf("%d (%d words)", t.Cut, t.CutWords), fmt.Sprintf("%d (%d words of edits)", t.Edited, t.EditWords),
			fmt.Sprint(t.Dropped), fmt.Sprintf("%d %s", t.Uncovered, pass(t.Uncovered == 0))})
		if pairsErr == nil && scored == nil {
			if s := eval.ScorePairs(res, pairs); s.Missing < len(pairs) {
				scored, scoredOn = &s, path
				wire = wireCorpus{path: path, articles: c.Articles, pairs: pairs}
			}
		}
	}
	table(out, []string{"corpus", "articles", "passages", "largest", "copies passing against copy_of", "listed under a copy",
		"dedup cuts", "of them edited", "articles emptied", "cuts not covered"}, rows)

	fmt.Fprintf(out, "\n## Formulaic copy: labelled pairs of real wire copy\n\n")
	switch {
	case pairsErr != nil:
		fmt.Fprintf(out, "Skipped: %v.\n", pairsErr)
	case scored == nil:
		fmt.Fprintf(out, "Skipped: none of the pairs in %s is in the corpora above.\n", pairsPath)
	default:
		s := *scored
		fmt.Fprintf(out, "%s: %d pairs labelled by reading (%d recycled, %d template; %d not in %s). "+
			"A pair is joined when its two paragraphs are in one passage.\n\n",
			pairsPath, s.Recycled+s.Template, s.Recycled, s.Template, s.Missing, filepath.Base(scoredOn))
		table(out, []string{"measure", "value", "target", ""}, [][]string{
			target("precision: recycled among the joined pairs", s.Precision(), 0.90),
			target("recall: recycled pairs joined", s.Recall(), 0.85),
			{"joined pairs: recycled / template", fmt.Sprintf("%d / %d", s.RecycledJoined, s.TemplateJoined), "", ""},
		})
	}
	return wire, nil
}

// A namedCorpus is a corpus and what the report calls it.
type namedCorpus struct {
	name     string
	articles []*article.Article
}

// indexAgreement checks the latest tenth of each dated corpus against an
// index of the rest, added in three runs, and compares with one scan.
func indexAgreement(out io.Writer, dir string, corpora []namedCorpus) error {
	fmt.Fprintf(out, "\n## The archive index: checks against an index, compared with one scan\n\n"+
		"Each corpus, by date: all but its latest tenth added to an index in 3 runs (reprint index add), the latest tenth checked against it "+
		"(reprint check). A checked paragraph in a passage, in either, agrees when its passage has the same members and the same original "+
		"as in one scan of the whole corpus. Target: at least 98%%.\n\n")
	var rows [][]string
	var differ []string
	for i, c := range corpora {
		ag, err := eval.IndexAgreement(c.articles, eval.Default.Options, filepath.Join(dir, fmt.Sprint("index-", i)), 3, 0.1)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		share := eval.Ratio{Hit: ag.Same, Total: ag.Total}
		rows = append(rows, []string{c.name, fmt.Sprint(ag.Archived), fmt.Sprint(ag.Checked), fmt.Sprint(ag.Read),
			fmt.Sprintf("%d of %d: %.4f %s", ag.Same, ag.Total, share.Share(), pass(share.Share() >= 0.98))})
		for _, d := range ag.Differ {
			differ = append(differ, c.name+": "+d)
		}
	}
	table(out, []string{"corpus", "archived", "checked", "archived articles read", "checked paragraphs agreeing"}, rows)
	if len(differ) > 0 {
		fmt.Fprintf(out, "\nThe first paragraphs that differ (members sorted; the original first):\n\n")
		for _, d := range differ {
			fmt.Fprintf(out, "- %s\n", d)
		}
	}
	return nil
}

func describe(s eval.Setting) string {
	return fmt.Sprintf("shingle size %d, min words %d, %d hashes, LSH threshold %g, min Jaccard %g, min length ratio %g, min containment %g, "+
		"in formula families min figures %g and min facts %g",
		s.Shingle.Size, s.Shingle.MinWords, s.LSH.Hashes, s.LSH.Threshold, s.LSH.MinJaccard, s.LSH.MinRatio, s.LSH.MinContain, s.LSH.MinFigures, s.LSH.MinFacts)
}

func target(name string, value, want float64) []string {
	return []string{name, fmt.Sprintf("%.4f", value), fmt.Sprintf("≥ %.2f", want), pass(value >= want)}
}

func pass(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}

func table(w io.Writer, header []string, rows [][]string) { _ = mdtable.Write(w, header, rows) }

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
