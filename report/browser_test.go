package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/benchdata"
	"github.com/reprint/reprint/scan"
)

// chromium finds a headless browser: $REPRINT_CHROMIUM, else chromium or
// chromium-browser on the PATH.
func chromium() string {
	if p := os.Getenv("REPRINT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// inBrowser starts headless Chromium for the test, or skips it: there is
// none, or it cannot run here.
func inBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium found (set REPRINT_CHROMIUM, or run make browser-test, which installs Debian's chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(t.TempDir()))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("Chromium (%s) could not run here: %v", bin, err)
	}
	return ctx
}

// page writes r's HTML report to a file and gives its URL.
func page(t *testing.T, r *Report) (url string, html string) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return "file://" + path, buf.String()
}

// laidOut asks the browser which passages take up room on the page once
// opened, how many insertions it shows, whether the page's script ran, and
// what of the page it reports having blocked.
const laidOut = `(() => {
  const secs = [...document.querySelectorAll("details.passage")];
  secs.forEach(s => s.open = true);
  const shown = secs.filter(s => {
    const r = s.getBoundingClientRect(), st = getComputedStyle(s);
    return r.width > 200 && r.height > 40 && st.display !== "none" && st.visibility !== "hidden";
  });
  return shown.length + " of " + secs.length + " shown; " + document.querySelectorAll("ins").length +
    " insertions; original text " + document.body.innerText.includes("Since Friday, the Egyptian Air Force") +
    "; script " + document.documentElement.classList.contains("js");
})()`

// use types into the search box, then clicks a column's header, and says
// what the page shows: the filter's count and the first row's cell.
func use(search, column string) string {
	return fmt.Sprintf(`(() => {
  const box = document.getElementById("search");
  box.value = %q;
  box.dispatchEvent(new Event("input"));
  const filtered = document.getElementById("shown").textContent;
  box.value = "";
  box.dispatchEvent(new Event("input"));
  const heads = [...document.querySelectorAll("#article-table th")];
  const i = heads.findIndex(th => th.textContent === %q);
  heads[i].querySelector("button").click();
  const first = document.querySelector("#article-table tbody tr:not([hidden])");
  return filtered + "; first by " + heads[i].textContent + ": " + first.cells[0].firstChild.textContent + " " + first.cells[i].textContent;
})()`, search, column)
}

// TestHTMLInBrowser renders the seed report in headless Chromium: its
// script runs under the page's Content-Security-Policy, every passage is
// laid out when opened, and the search and a sort do what they say.
// `make browser-test` installs Chromium (Debian's package) and runs it;
// without a browser it is skipped.
func TestHTMLInBrowser(t *testing.T) {
	ctx := inBrowser(t)
	corpus := article.Read([]string{"../testdata/seeds"}, article.Options{})
	res, err := scan.Run(corpus.Articles, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	r := Build(res, nil)
	if len(r.Clusters) != 7 {
		t.Fatalf("%d passages in the seeds, want 7", len(r.Clusters))
	}
	url, html := page(t, r)
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	used, err := chromedp.Run(ctx, chromedp.Evaluate[string](use("military", "Date")))
	if err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](laidOut))
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d of %d shown; %d insertions; original text true; script true", len(r.Clusters), len(r.Clusters), strings.Count(html, "<ins>"))
	if shown != want {
		t.Errorf("in the browser: %q, want %q", shown, want)
	}
	// Without script the page reads whole: every passage opens, and the
	// controls that need the script are not shown.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	plain, err := chromedp.Run(ctx, chromedp.Evaluate[string](laidOut+` + "; controls " + getComputedStyle(document.querySelector(".controls")).display`))
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Replace(want, "script true", "script false", 1) + "; controls none"; plain != want {
		t.Errorf("without script: %q, want %q", plain, want)
	}
	// One title says "military": 002's, which is in four passages. The
	// first click sorts the latest first.
	if want := "1 of 5 articles, 4 of 7 passages; first by Date: 002_beabc296365e2b5f.txt 2017-11-28"; used != want {
		t.Errorf("searching and sorting: %q, want %q", used, want)
	}
}

// TestHTMLInBrowserAtScale opens the report of make bench's 10 MB corpus
// (benchdata.BenchCorpus) in headless Chromium: it must be open, its script
// run, within 5 s, and a search and a sort must work on it.
//
// It runs in make browser-test (REPRINT_BROWSER_SCALE=1), alone: with the
// other packages' tests beside it on two cores, the page's time says more
// about them than about the page.
func TestHTMLInBrowserAtScale(t *testing.T) {
	if os.Getenv("REPRINT_BROWSER_SCALE") == "" {
		t.Skip("opens a 15 MB page in a browser: make browser-test runs it (REPRINT_BROWSER_SCALE=1)")
	}
	arts := benchdata.BenchCorpus(t, 10)
	article.SortByDate(arts)
	res, err := scan.Run(arts, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	ctx := inBrowser(t)
	r := Build(res, nil)
	url, html := page(t, r)
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	ready, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.classList.contains("js")`))
	if err != nil {
		t.Fatal(err)
	}
	opened := time.Since(start)
	timing, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const n = performance.getEntriesByType("navigation")[0]; return ["responseEnd", "domInteractive", "loadEventEnd"].map(k => k + " " + Math.round(n[k]) + " ms").join(", ") })()`))
	t.Logf("the browser's navigation timing: %s", timing)
	start = time.Now()
	used, err := chromedp.Run(ctx, chromedp.Evaluate[string](use("tax", "Share")))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d passages, %.1f MB of HTML: open in %v; a search and a sort in %v: %s",
		len(r.Articles), len(r.Clusters), float64(len(html))/1e6, opened.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), used)
	if !ready {
		t.Error("the page's script did not run")
	}
	if opened > 5*time.Second {
		t.Errorf("the page took %v to open, want 5 s at most", opened)
	}
	m := regexp.MustCompile(`^(\d+) of (\d+) articles, (\d+) of (\d+) passages; first by Share: \S+ (\d+)%$`).FindStringSubmatch(used)
	if m == nil || m[1] == "0" || m[1] == m[2] || m[3] == "0" {
		t.Errorf("searching and sorting: %q, want some of the articles and passages, and a first row", used)
	}
	best := 0.0
	for _, a := range r.Articles {
		best = max(best, a.ReusedShare())
	}
	if m != nil && m[5] != strings.TrimSuffix(percent(best), "%") {
		t.Errorf("sorted by share, the first row has %s%%, the most is %s", m[5], percent(best))
	}
}
