package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const seeds = "../../testdata/seeds"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"reprint": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the whole-command scripts in testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			abs, err := filepath.Abs(seeds)
			env.Setenv("SEEDS", abs)
			return err
		},
	})
}

// runScanCmd runs the command in-process and returns its output and exit code.
func runScanCmd(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"scan"}, args...), strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

// TestGolden compares the seed report in every format with testdata/golden.
// After an intended change of output: go test ./cmd/reprint -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, format := range []struct{ name, ext string }{{"table", "txt"}, {"markdown", "md"}, {"csv", "csv"}, {"json", "json"}, {"html", "html"}} {
		t.Run(format.name, func(t *testing.T) {
			out, stderr, code := runScanCmd(t, "", "--format", format.name, "--width", "100", "--color", "never", seeds)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			golden := filepath.Join("..", "..", "testdata", "golden", "seeds."+format.ext)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (rerun with -update if the change is intended):\n%s", golden, out)
			}
			again, _, _ := runScanCmd(t, "", "--format", format.name, "--width", "100", "--color", "never", seeds)
			if again != out {
				t.Error("two runs on the same input differ")
			}
		})
	}
}

// TestSeedPassages: the seven recycled passages of the seed corpus, each
// with exactly its members and original.
func TestSeedPassages(t *testing.T) {
	out, _, code := runScanCmd(t, "", "--format", "json", seeds)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Partial []struct {
			Source struct{ Article string }
			Target struct {
				Article   string
				Paragraph int
			}
			Words int
			Spans []string
		}
		Articles []struct {
			ID          string   `json:"id"`
			Reused      int      `json:"reused_paragraphs"`
			ReusedShare float64  `json:"reused_share"`
			ReusedFrom  []string `json:"reused_from"`
		} `json:"articles"`
		Clusters []struct {
			OriginalBy string `json:"original_by"`
			Members    []struct {
				Article     string  `json:"article"`
				Paragraph   int     `json:"paragraph"`
				Role        string  `json:"role"`
				Text        string  `json:"text"`
				Jaccard     float64 `json:"jaccard"`
				Containment float64 `json:"containment"`
			} `json:"members"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	want := []struct { // the widest spread first
		opening  string   // how the original paragraph begins
		original string   // article prefix
		members  []string // article prefixes, sorted
	}{
		{"Since Friday, the Egyptian Air Force", "000", []string{"000", "001", "002", "004"}},
		{"The Islamic State (Daesh) terrorist organization", "000", []string{"000", "001", "002", "004"}},
		{"Media outlets reported that Houn was the epicenter", "000", []string{"000", "001", "002", "004"}},
		{"In addition, the Egyptian warplanes bombed Derna", "000", []string{"000", "001", "004"}},
		{"While Egypt claims the airstrikes on Libyan locations", "000", []string{"000", "001"}},
		{"According to analysts, it is beyond certain", "000", []string{"000", "001"}},
		{"Egypt\u2019s al-Sisi doesn\u2019t hesitate", "004", []string{"002", "004"}},
	}
	if len(doc.Clusters) != len(want) {
		t.Errorf("got %d clusters, want %d", len(doc.Clusters), len(want))
	}
	for i, c := range doc.Clusters {
		if i >= len(want) {
			t.Errorf("extra cluster: %q", c.Members[0].Text)
			continue
		}
		w := want[i]
		orig := c.Members[0]
		opening := strings.ReplaceAll(orig.Text, "\u00a0", " ") // the seeds keep their no-break spaces
		if orig.Role != "original" || !strings.HasPrefix(opening, w.opening) || orig.Article[:3] != w.original || c.OriginalBy != "date" {
			t.Errorf("cluster %d: original %s ¶%d %q (by %s), want %s %q", i+1, orig.Article, orig.Paragraph, orig.Text, c.OriginalBy, w.original, w.opening)
		}
		var got []string
		for _, m := range c.Members {
			got = append(got, m.Article[:3])
			if m.Role != "original" && (m.Role != "reused" || m.Jaccard <= 0 || m.Containment <= 0) {
				t.Errorf("cluster %d: member %s ¶%d role %s, Jaccard %v, containment %v", i+1, m.Article, m.Paragraph, m.Role, m.Jaccard, m.Containment)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, w.members) {
			t.Errorf("cluster %d (%s): members %v, want %v", i+1, w.opening, got, w.members)
		}
	}
	// Partial reuse: 002 repeats a sentence of 004's first paragraph inside its own.
	if len(doc.Partial) != 1 || doc.Partial[0].Source.Article[:3] != "004" || doc.Partial[0].Target.Article[:3] != "002" ||
		doc.Partial[0].Target.Paragraph != 9 || doc.Partial[0].Spans[0] != "days after media outlets reported the arrival of Khalifa Haftar to Cairo." {
		t.Errorf("partial reuse = %+v", doc.Partial)
	}
	for _, a := range doc.Articles {
		switch a.ID[:3] {
		case "002":
			if a.Reused != 4 || a.ReusedShare < 0.2 || !slices.Equal(a.ReusedFrom, []string{"000_ede33c0156b03be6.txt", "004_fa8a7b9ad33420d6.txt"}) {
				t.Errorf("002 = %+v, want 4 paragraphs reused from 000 and 004", a)
			}
		case "003":
			if a.Reused != 0 || len(a.ReusedFrom) != 0 {
				t.Errorf("003 is independent, got %+v", a)
			}
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"report", []string{seeds}, exitOK, ""},
		{"one bad input among good", []string{seeds, bad}, exitSkipped, "bad.jsonl:1: not valid JSON"},
		{"nothing readable", []string{bad}, exitError, "reprint: no articles to scan"},
		{"missing path", []string{filepath.Join(dir, "nope")}, exitError, "nope: no such file or folder"},
		{"no path", nil, exitUsage, "no PATH to scan"},
		{"bad format", []string{"--format", "xml", seeds}, exitUsage, `--format "xml": want table, markdown, csv, json or html`},
		{"unknown flag", []string{"--bogus", seeds}, exitUsage, "unknown flag: --bogus"},
		{"bad threshold", []string{"--threshold", "1.5", seeds}, exitUsage, "--threshold 1.5: want a number between 0 and 1"},
		{"bad shingle size", []string{"-k", "0", seeds}, exitUsage, "--shingle-size 0: want 1 to 16 words"},
		{"NaN Jaccard", []string{"--min-jaccard", "NaN", seeds}, exitUsage, "--min-jaccard NaN: want more than 0 and at most 1"},
		{"NaN threshold", []string{"--threshold", "nan", seeds}, exitUsage, "--threshold NaN: want a number between 0 and 1"},
		{"NaN ratio", []string{"--min-ratio", "NaN", seeds}, exitUsage, "--min-ratio NaN: want 0 to 1"},
		{"NaN template share", []string{"--template-share", "NaN", seeds}, exitUsage, "--template-share NaN: want more than 0, at most 1"},
		{"infinite ratio", []string{"--min-ratio", "+Inf", seeds}, exitUsage, "--min-ratio +Inf: want 0 to 1"},
		{"missing --meta", []string{"--meta", "no-such-dates.csv", seeds}, exitUsage, "--meta no-such-dates.csv: no such file or directory"},
		{"huge width", []string{"--width", "1000000000", seeds}, exitUsage, "--width 1000000000: want 1 to 1000 columns"},
		{"help", []string{"--help"}, exitOK, "Usage: reprint scan"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runScanCmd(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	if startProgress(io.Discard, false, 3, 0) != nil {
		t.Error("disabled progress should be nil")
	}
	var nothing *progress
	nothing.step("no-op") // a nil progress shows nothing and does not panic
	nothing.finish()
	if nothing.wrap(io.Discard) != io.Discard {
		t.Error("a nil progress wraps nothing")
	}

	var buf syncBuffer
	p := startProgress(&buf, true, 3, 0)
	p.step("reading")
	time.Sleep(250 * time.Millisecond)
	p.step("signing %d paragraphs", 42)
	time.Sleep(250 * time.Millisecond)
	p.step("writing the report")
	time.Sleep(250 * time.Millisecond)
	// The last stage shows as the others do: the bar is full only when
	// the run is done.
	if out := buf.String(); !strings.Contains(out, "writing the report") || !strings.Contains(out, "(2/3)") || strings.Contains(out, "(3/3)") {
		t.Errorf("the last stage is not shown, or the bar is full before the end: %q", out)
	}
	p.finish()
	p.finish() // as the deferred call does after the explicit one
	if out := buf.String(); !strings.Contains(out, "reading") || !strings.Contains(out, "signing 42 paragraphs") {
		t.Errorf("progress output %q lacks the stages", out)
	}

	buf.Reset()
	p = startProgress(&buf, true, 3, time.Hour)
	p.step("reading")
	p.finish()
	if buf.Len() != 0 {
		t.Errorf("a run shorter than the delay showed %q", buf.String())
	}
}

// TestProgressNarrow: on a narrow terminal the bar's line fits, however
// long the stage's name, so that redrawing it never wraps into new lines.
func TestProgressNarrow(t *testing.T) {
	t.Setenv("COLUMNS", "72")
	var buf syncBuffer
	p := startProgress(&buf, true, 3, 0)
	p.step("looking %d articles up in the index, a long way of saying it", 123456)
	time.Sleep(250 * time.Millisecond)
	p.finish()
	for _, line := range strings.FieldsFunc(buf.String(), func(r rune) bool { return r == '\r' || r == '\n' }) {
		if w := ansi.StringWidth(strings.TrimRight(line, " ")); w > 72 {
			t.Errorf("a line of the bar is %d wide on a terminal of 72: %q", w, line)
		}
	}
	if !strings.Contains(buf.String(), "looking 123456") {
		t.Errorf("the stage's name is gone: %q", buf.String())
	}
}

// TestProgressMessage: a message written while the bar shows starts on a
// cleared line, not after the bar.
func TestProgressMessage(t *testing.T) {
	var buf syncBuffer
	p := startProgress(&buf, true, 3, 0)
	p.step("reading")
	time.Sleep(250 * time.Millisecond)
	fmt.Fprintln(p.wrap(&buf), "reprint: skipped feed.jsonl:2: not valid JSON")
	p.finish()
	out := buf.String()
	at := strings.Index(out, "reprint: skipped")
	if at < 0 {
		t.Fatalf("the message is gone: %q", out)
	}
	before := out[:at]
	if !strings.HasSuffix(strings.TrimRight(before, " "), "\r") && !strings.HasSuffix(before, "\r") {
		t.Errorf("the message follows the bar on its line: %q", out[max(0, at-80):at+20])
	}
}

// syncBuffer is a bytes.Buffer the bar's goroutine and a test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

func (s *syncBuffer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.Reset()
}

// TestSeedChanges checks the word differences the seeds are known for, in
// the JSON and in the plain table.
func TestSeedChanges(t *testing.T) {
	out, _, code := runScanCmd(t, "", "--format", "json", seeds)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Clusters []struct {
			Members []struct {
				Article string  `json:"article"`
				Changes [][]any `json:"changes"` // [original_start, original_end, copy_start, copy_end, deleted, inserted]
			} `json:"members"`
		} `json:"clusters"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[[2]string]bool{}
	for _, c := range doc.Clusters {
		for _, m := range c.Members {
			for _, ch := range m.Changes {
				if len(ch) != 6 {
					t.Fatalf("change %v: want six fields", ch)
				}
				del, _ := ch[4].(string)
				ins, _ := ch[5].(string)
				seen[[2]string{del, ins}] = true
			}
		}
	}
	table, _, _ := runScanCmd(t, "", "--color", "never", seeds)
	for _, want := range [][2]string{
		{"Since Friday,", "In May 2017,"},
		{"is", "was"},
		{"", "many"},
	} {
		if !seen[want] {
			t.Errorf("no change %q -> %q in the JSON", want[0], want[1])
		}
		var marked string
		if want[0] != "" {
			marked = "[-" + want[0] + "-] "
		}
		marked += "{+" + want[1] + "+}"
		if !strings.Contains(table, marked) {
			t.Errorf("the table does not show %q", marked)
		}
	}
}

// TestHostileFileNames: a file name that carries escape codes reaches
// neither stdout nor stderr raw.
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	body := "Headline\n\nThe Egyptian Air Force has been carrying out airstrikes in eastern Libya since Friday, officials said.\n"
	for name, text := range map[string]string{
		"a\x1b]0;evil\x07.txt": body,
		"b\x1b[2J.txt":         body,
		"c\x1b[2J.jsonl":       "{not json}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	stdout, stderr, code := runScanCmd(t, "", "--color", "never", dir)
	if code != exitSkipped {
		t.Errorf("exit %d, want %d (one file skipped); stderr:\n%s", code, exitSkipped, stderr)
	}
	if !strings.Contains(stdout, `\x1b]0;evil\x07`) || !strings.Contains(stderr, `\x1b[2J`) {
		t.Errorf("the names are not shown as escapes:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\x1b\x07") {
		t.Errorf("a raw escape code reached the output:\nstdout:\n%q\nstderr:\n%q", stdout, stderr)
	}
}

func TestVersionOf(t *testing.T) {
	built := func(v string, settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/reprint/reprint", Version: v}, Settings: settings}
	}
	rev := debug.BuildSetting{Key: "vcs.revision", Value: "0123456789abcdef0123"}
	for _, tc := range []struct {
		name  string
		stamp string
		info  *debug.BuildInfo
		ok    bool
		want  string
	}{
		{"go install module@version", "", built("v1.2.3"), true, "v1.2.3"},
		{"a build in a checkout", "", built("v0.0.0-20261207193454-0123456789ab+dirty", rev), true, "v0.0.0-20261207193454-0123456789ab+dirty"},
		{"no module version", "", built("(devel)", rev), true, "(devel) 0123456789ab"},
		{"nothing recorded", "", built(""), true, "(devel)"},
		{"no build info", "", nil, false, "(devel)"},
		{"a packager's stamp", "2.0.0-debian1", built("v1.2.3"), true, "2.0.0-debian1"},
	} {
		if got := versionOf(tc.stamp, tc.info, tc.ok); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
