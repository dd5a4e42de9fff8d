package archive

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reprint/reprint/article"
	"github.com/reprint/reprint/internal/fixture"
	"github.com/reprint/reprint/scan"
)

func create(t testing.TB, dir string) *Index {
	t.Helper()
	ix, err := Open(dir, Options{Create: true, Settings: &scan.DefaultOptions})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestAddReplaceRemove(t *testing.T) {
	arts := small(t)
	dir := filepath.Join(t.TempDir(), "index")
	ix := create(t, dir)
	st, err := ix.Add(arts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Added != len(arts) || st.Replaced != 0 || st.Unchanged != 0 {
		t.Errorf("first add: %+v, want %d added", st, len(arts))
	}
	st, err = ix.Add(arts[:5], nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 5 {
		t.Errorf("adding the same again: %+v, want 5 unchanged", st)
	}
	edited := *arts[0]
	edited.Body += "\n\nA correction was added to this story after it ran, with many words in it."
	st, err = ix.Add([]*article.Article{&edited}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Replaced != 1 {
		t.Errorf("adding a new version: %+v, want 1 replaced", st)
	}
	removed, missing, err := ix.Remove([]string{arts[1].ID, "no-such-article"})
	if err != nil {
		t.Fatal(err)
	}
	if removed != 1 {
		t.Errorf("removed %d, want 1", removed)
	}
	if !slices.Equal(missing, []string{"no-such-article"}) {
		t.Errorf("missing = %q", missing)
	}
	ix.Close()

	ix, err = Open(dir, Options{ReadOnly: true, Settings: &scan.DefaultOptions})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s, err := ix.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != int64(len(arts)-1) {
		t.Errorf("stats: %d articles, want %d", s.Articles, len(arts)-1)
	}
	if s.First.IsZero() || s.Last.Before(s.First) {
		t.Errorf("stats: date range %v to %v", s.First, s.Last)
	}
	// The replaced article is found in its new version, the removed one not at all.
	e, found, err := ix.entry(arts[0].ID)
	if err != nil || !found {
		t.Fatal(err, found)
	}
	a, err := ix.record(e.num)
	if err != nil || a.Body != edited.Body {
		t.Errorf("replaced article reads back as %q, %v", a.Body, err)
	}
	if _, found, _ := ix.entry(arts[1].ID); found {
		t.Error("removed article still indexed")
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	create(t, dir).Close()
	other := scan.DefaultOptions
	other.LSH.Hashes = 128
	_, err := Open(dir, Options{Settings: &other})
	var se *SettingsError
	if !errors.As(err, &se) || se.Built.LSH.Hashes != 64 {
		t.Errorf("other settings: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none"), Options{Settings: &scan.DefaultOptions}); err == nil || !strings.Contains(err.Error(), "no index") {
		t.Errorf("missing index: %v", err)
	}
	busy := t.TempDir()
	if err := os.WriteFile(filepath.Join(busy, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(busy, Options{Create: true, Settings: &scan.DefaultOptions}); err == nil || !strings.Contains(err.Error(), "not a reprint index") {
		t.Errorf("folder of other files: %v", err)
	}
}

// TestMakingStopped: a folder holding only what the store writes before
// its manifest is in place, left by a maker killed then, holds no index
// yet, and the next add makes one there.
func TestMakingStopped(t *testing.T) {
	for _, left := range [][]string{
		{"LOCK"},
		{"LOCK", "OPTIONS-000003", "marker.format-version.000001.013"},
		{"LOCK", "MANIFEST-000001", "marker.format-version.000001.013", holderFile},
	} {
		dir := filepath.Join(t.TempDir(), "index")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, name := range left {
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := Open(dir, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "holds no index yet") {
			t.Errorf("%v: read: %v, want: holds no index yet", left, err)
		}
		ix, err := Open(dir, Options{Create: true, Settings: &scan.DefaultOptions})
		if err != nil {
			t.Errorf("%v: add: %v", left, err)
			continue
		}
		ix.Close()
		if ix, err := Open(dir, Options{ReadOnly: true}); err != nil {
			t.Errorf("%v: read after the add: %v", left, err)
		} else {
			ix.Close()
		}
	}
}

func TestLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix := create(t, dir)
	defer ix.Close()
	start := time.Now()
	_, err := Open(dir, Options{Settings: &scan.DefaultOptions, Wait: 100 * time.Millisecond})
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "LOCK") {
		t.Errorf("second open: %v, want a LockedError naming the lock", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("second open took %v", time.Since(start))
	}
}

// TestReaderLetsGo: a reader waiting on another reader is not turned away
// in the moment the holder's note is gone but its lock is not.
func TestReaderLetsGo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	create(t, dir).Close()
	first, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		second, err := Open(dir, Options{ReadOnly: true, Wait: 100 * time.Millisecond})
		if err == nil {
			second.Close()
		}
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	os.Remove(filepath.Join(dir, holderFile)) // as the holder does, before its lock goes
	time.Sleep(200 * time.Millisecond)
	first.Close()
	if err := <-done; err != nil {
		t.Errorf("second reader: %v", err)
	}
}

func TestDateKeyOrder(t *testing.T) {
	dates := []string{"1969-07-20", "1987-10-19T09:30:00Z", "1987-10-19T09:30:00.5Z", "2026-01-01", ""}
	var keys [][]byte
	for i, d := range dates {
		t0, err := article.ParseDate(d)
		if err != nil {
			t.Fatal(err)
		}
		k := dateKey(&article.Article{Published: t0}, uint32(i))
		got, dated := dateOf(k)
		if dated != (d != "") || (dated && !got.Equal(t0)) {
			t.Errorf("%q reads back as %v, %v", d, got, dated)
		}
		keys = append(keys, k)
	}
	if !slices.IsSortedFunc(keys, bytes.Compare) {
		t.Error("date keys out of date order")
	}
}

// small is a few dated articles of made-up prose, two by two sharing a
// paragraph.
func small(t testing.TB) []*article.Article {
	t.Helper()
	var arts []*article.Article
	for a := range 12 {
		paras := fixture.Paragraphs(a, 4, 25)
		if a%2 == 1 {
			paras[0] = fixture.Paragraphs(a-1, 1, 25)[0]
		}
		arts = append(arts, &article.Article{ID: fmt.Sprint("a", a), Published: time.Date(2020, 1, a+1, 0, 0, 0, 0, time.UTC), Body: strings.Join(paras, "\n\n")})
	}
	return arts
}
