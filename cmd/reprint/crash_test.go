//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reprint/reprint/archive"
	"github.com/reprint/reprint/internal/fixture"
)

// reprintBinary is this test binary under the name reprint, which TestMain
// runs as the command (testscript.Main).
func reprintBinary(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "reprint")
	if err := os.Symlink(self, bin); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	return bin
}

// TestAddSurvivesKill kills a real reprint index add with SIGKILL at
// several moments; each time the index must open, verify whole and hold
// exactly the batches committed (a prefix of the input, whole batches), and
// the same add run again must complete it.
func TestAddSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reprint a dozen times")
	}
	bin := reprintBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	const articles, batch = 3000, 100
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for a := range articles {
		enc.Encode(map[string]string{"id": fmt.Sprint("a", a), "published": fmt.Sprintf("2020-%02d-%02d", a%12+1, a%28+1),
			"text": strings.Join(fixture.Paragraphs(a, 6, 30), "\n\n")})
	}
	if err := os.WriteFile(corpus, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "idx")
	add := func() *exec.Cmd {
		return exec.Command(bin, "index", "add", "-q", "--batch", fmt.Sprint(batch), "--index", index, corpus)
	}
	killed := 0
	for round, delay := range []time.Duration{0, 5, 10, 15, 20, 30, 45, 80, 150, 250, 400, 600, 900} {
		cmd := add()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err == nil {
			killed++
		}
		cmd.Wait()
		n := indexed(t, bin, index)
		if n%batch != 0 && n != articles {
			t.Fatalf("round %d: killed after %v, the index holds %d articles: not whole batches of %d", round, delay*time.Millisecond, n, batch)
		}
		t.Logf("round %d: killed after %v: %d articles", round, delay*time.Millisecond, n)
	}
	if killed == 0 {
		t.Fatal("no add was killed while it ran")
	}
	if out, err := add().CombinedOutput(); err != nil {
		t.Fatalf("add after the kills: %v\n%s", err, out)
	}
	if n := indexed(t, bin, index); n != articles {
		t.Fatalf("after the last add the index holds %d articles, want %d", n, articles)
	}
}

// indexed verifies the index with reprint index verify and returns its
// articles; no index yet is none.
func indexed(t *testing.T, bin, index string) int {
	t.Helper()
	if _, err := os.Stat(index); os.IsNotExist(err) {
		return 0
	}
	out, err := exec.Command(bin, "index", "verify", "--index", index).CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "no index at") || strings.Contains(string(out), "is empty") || strings.Contains(string(out), "holds no index yet") {
			return 0
		}
		t.Fatalf("verify: %v\n%s", err, out)
	}
	ix, err := archive.Open(index, archive.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return int(st.Articles)
}

// holding runs reprint with args, which end in "-": it opens the index,
// then reads its articles from standard input, and holds the index until
// the input is closed. It returns once the index's HOLDER says role.
func holding(t *testing.T, bin, index, role string, args ...string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if b, _ := os.ReadFile(filepath.Join(index, "HOLDER")); strings.Contains(string(b), role) {
			return cmd, in
		}
		if time.Now().After(deadline) {
			t.Fatalf("%v never held the index", args)
		}
	}
}

// draftIn writes a one-article JSONL draft in a new folder, and names the
// index beside it.
func draftIn(t *testing.T) (draft, index string) {
	t.Helper()
	dir := t.TempDir()
	draft = filepath.Join(dir, "draft.jsonl")
	if err := os.WriteFile(draft, []byte(`{"id":"draft","text":"A draft of a few words."}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return draft, filepath.Join(dir, "idx")
}

// TestSecondProcess: while one reprint adds to an index, a check of it by
// another process fails, naming the lock, without queueing as it would
// behind a reader; when the add is done, the check answers.
func TestSecondProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reprint")
	}
	bin := reprintBinary(t)
	draft, index := draftIn(t)
	writer, in := holding(t, bin, index, "writing", "index", "add", "-q", "--index", index, "-")
	start := time.Now()
	out, err := exec.Command(bin, "check", "--index", index, draft).CombinedOutput()
	took := time.Since(start)
	if err == nil || !strings.Contains(string(out), "LOCK") || !strings.Contains(string(out), "writing") {
		t.Errorf("check while another process adds: %v\n%s", err, out)
	}
	if took > archive.ReaderWait/3 { // turned away, not queued as behind a reader
		t.Errorf("check while another process adds took %v", took)
	}
	t.Logf("check while adding: %v: %s", took, strings.TrimSpace(string(out)))

	fmt.Fprintln(in, `{"id":"a","text":"An article of the archive, with words enough in it to be compared."}`)
	in.Close()
	if err := writer.Wait(); err != nil {
		t.Fatalf("writer: %v", err)
	}
	if out, err := exec.Command(bin, "check", "--index", index, draft).CombinedOutput(); err != nil {
		t.Errorf("check after the add: %v\n%s", err, out)
	}
}

// TestReadersQueue: while one check holds the index, another waits for it
// and answers, rather than failing as it does for a writer.
func TestReadersQueue(t *testing.T) {
	if testing.Short() {
		t.Skip("starts reprint")
	}
	bin := reprintBinary(t)
	draft, index := draftIn(t)
	if out, err := exec.Command(bin, "index", "add", "--index", index, draft).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The first check holds the index for 1.5 s: longer than a writer is
	// waited for.
	first, in := holding(t, bin, index, "reading", "check", "-q", "--index", index, "-")
	go func() {
		time.Sleep(1500 * time.Millisecond)
		fmt.Fprintln(in, `{"id":"other","text":"Another draft of a few words."}`)
		in.Close()
	}()
	start := time.Now()
	out, err := exec.Command(bin, "check", "-q", "--index", index, draft).CombinedOutput()
	if err != nil {
		t.Fatalf("second check: %v\n%s", err, out)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("the second check answered in %v, while the first held the index for 1.5 s", took)
	}
	if err := first.Wait(); err != nil {
		t.Errorf("first check: %v", err)
	}
}
