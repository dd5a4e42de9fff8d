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

	"github.com/reprint/reprint/article"
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

// probe is added to the page for the test only (the report has no script):
// it asks the browser's layout which passages take up room on the page.
const probe = `<script>
const secs = [...document.querySelectorAll("section.passage")];
const shown = secs.filter(s => {
  const r = s.getBoundingClientRect(), st = getComputedStyle(s);
  return r.width > 200 && r.height > 40 && st.display !== "none" && st.visibility !== "hidden";
});
const text = document.body.innerText;
document.body.setAttribute("data-probe", shown.length + " of " + secs.length + " shown; " +
  document.querySelectorAll("ins").length + " insertions; original text " + text.includes("Since Friday, the Egyptian Air Force"));
</script>
`

// TestHTMLInBrowser renders the seed report in headless Chromium and checks
// that every passage is laid out on the page. `make browser-test` installs
// Chromium (Debian's package) and runs it; without a browser it is skipped.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium found (set REPRINT_CHROMIUM, or run make browser-test, which installs Debian's chromium)")
	}
	corpus := article.Read([]string{"../testdata/seeds"}, article.Options{})
	res, err := scan.Run(corpus.Articles, scan.DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	r := Build(res, nil)
	if len(r.Clusters) != 7 {
		t.Fatalf("%d passages in the seeds, want 7", len(r.Clusters))
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(buf.String(), "</body>", probe+"</body>", 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1280,900", "--dump-dom", "file://"+path)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("Chromium (%s) could not run here: %v", bin, err)
	}
	m := regexp.MustCompile(`data-probe="([^"]*)"`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("the probe did not run: %.300s", out)
	}
	want := fmt.Sprintf("%d of %d shown; %d insertions; original text true", len(r.Clusters), len(r.Clusters), strings.Count(buf.String(), "<ins>"))
	if got := string(m[1]); got != want {
		t.Errorf("in the browser: %q, want %q", got, want)
	}
}
