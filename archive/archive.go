package archive

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/reprint/reprint/internal/printable"
	"github.com/reprint/reprint/lsh"
	"github.com/reprint/reprint/scan"
	"github.com/reprint/reprint/shingle"
)

// Format is the version of the layout this package writes and reads.
const Format = 1

// Options say how to open an index.
type Options struct {
	// Create makes the index, with Settings, when the directory does not
	// exist or is empty.
	Create bool
	// Settings are the detection settings the caller means to use: those
	// of a new index, and those an existing one must have been built with.
	// Nil takes an existing index's, and gives a new one
	// scan.DefaultOptions.
	Settings *scan.Options
	// ReadOnly opens an existing index only to read it.
	ReadOnly bool
	// Wait is how long Open waits for another process that writes to the
	// index to let go of it (0: DefaultWait); for one that only reads, it
	// waits up to ReaderWait.
	Wait time.Duration
}

// An Index is an archive of articles on disk (see the package comment).
// Its methods are not safe for use by more than one goroutine.
type Index struct {
	// Batch is how many articles Add commits at a time; 0 means
	// DefaultBatch.
	Batch int

	db       *pebble.DB
	dir      string
	settings scan.Options
	readOnly bool
	next     uint32 // the next article number
	meta     meta
	count    counts
	sources  map[string]int // changes to the sources' counts not yet written
	shingler *shingle.Shingler
	banders  sync.Pool // of *lsh.Bander: making one runs ekzhu's band optimiser
}

// meta is what the "m" key holds.
type meta struct {
	Format   int          `json:"format"`
	Settings scan.Options `json:"settings"`
	Created  time.Time    `json:"created"`
}

var metaKey = []byte("m")

// LockedError says another process holds the index.
type LockedError struct {
	Dir    string
	Holder string // what the holder said of itself ("process 1234, writing"), when it did
}

func (e *LockedError) Error() string {
	who := "another process"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("index %s is in use by %s, which holds %s; one process opens an index at a time: try again when it finishes",
		e.Dir, who, filepath.Join(e.Dir, "LOCK"))
}

// DefaultWait is how long Open waits for an index another process writes
// to; ReaderWait, for one another process only reads, which takes a check's
// time and no more.
const (
	DefaultWait = 800 * time.Millisecond
	ReaderWait  = 30 * time.Second
)

// holderFile is where the process holding an index says who it is and
// whether it writes, for the message another gets.
const holderFile = "HOLDER"

// holder reads what the process holding dir said of itself, and whether it
// only reads.
func holder(dir string) (who string, reading bool) {
	b, err := os.ReadFile(filepath.Join(dir, holderFile))
	if err != nil || len(b) > 100 {
		return "", false
	}
	var pid int
	var role string
	if _, err := fmt.Sscanf(string(b), "%d %s", &pid, &role); err != nil || (role != "reading" && role != "writing") {
		return "", false
	}
	return fmt.Sprintf("process %d, %s", pid, role), role == "reading"
}

// SettingsError says an index was built with other detection settings
// than those asked for.
type SettingsError struct {
	Dir       string
	Built     scan.Options // the index's
	Requested scan.Options
}

func (e *SettingsError) Error() string {
	return fmt.Sprintf("index %s was built with other detection settings than these; check with its settings, or build a new index with these", e.Dir)
}

// Detection is the part of o that decides what is found: o without the
// settings that only say what a run keeps (SkipPartial, DropSets). An index
// is built with one Detection and checked with the same.
func Detection(o scan.Options) scan.Options {
	o.SkipPartial, o.DropSets = false, false
	return o
}

// Open opens the index in dir.
func Open(dir string, opts Options) (*Index, error) {
	if opts.Settings != nil {
		if err := opts.Settings.Validate(); err != nil {
			return nil, err
		}
	}
	fresh, err := checkDir(dir, opts.Create && !opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	db, err := openLocked(dir, opts)
	if err != nil {
		return nil, err
	}
	ix := &Index{db: db, dir: dir, readOnly: opts.ReadOnly, sources: map[string]int{}}
	if err := ix.load(fresh, opts.Create && !opts.ReadOnly, opts.Settings); err != nil {
		db.Close()
		return nil, err
	}
	if ix.shingler, err = shingle.New(ix.settings.Shingle); err != nil {
		db.Close()
		return nil, err
	}
	ix.banders.New = func() any { return lsh.NewBander(ix.settings.LSH) }
	return ix, nil
}

// checkDir says whether dir is to be a new index, or why it cannot be
// opened as one.
func checkDir(dir string, create bool) (fresh bool, err error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !create {
			return false, fmt.Errorf("no index at %s (reprint index add --index %s PATH... makes one)", dir, dir)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("index %s: %w", dir, err)
	case len(entries) == 0:
		if !create {
			return false, fmt.Errorf("%s is empty: no index there (reprint index add --index %s PATH... makes one)", dir, dir)
		}
		return true, nil
	}
	started := true // only what making an index leaves before its manifest: a maker killed early
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, "marker.manifest.") { // the store's manifest is in place
			return false, nil
		}
		started = started && (name == "LOCK" || name == holderFile || strings.HasPrefix(name, "OPTIONS-") || strings.HasPrefix(name, "MANIFEST-") ||
			strings.HasPrefix(name, "marker.") || strings.HasSuffix(name, ".log") || strings.HasSuffix(name, ".dbtmp"))
	}
	if started {
		if !create {
			return false, fmt.Errorf("%s holds no index yet: its making was stopped (reprint index add --index %s PATH... makes it)", dir, dir)
		}
		return true, nil
	}
	return false, fmt.Errorf("%s is not a reprint index: it holds other files (give a new or empty folder to make one)", dir)
}

// openLocked opens the store, waiting up to opts.Wait for another process
// to let go of its lock, or ReaderWait when that process only reads, and
// then says who holds it (holderFile).
func openLocked(dir string, opts Options) (*pebble.DB, error) {
	wait := opts.Wait
	if wait <= 0 {
		wait = DefaultWait
	}
	start := time.Now()
	var who string
	var reading bool
	for {
		db, err := pebble.Open(dir, &pebble.Options{
			ReadOnly:     opts.ReadOnly,
			Logger:       quiet{},
			MemTableSize: 16 << 20,
			// Every change is flushed to a table as it is committed
			// (apply), so a log would only add a second copy of it, and the
			// room the store sets aside for logs.
			DisableWAL: true,
		})
		if err == nil {
			role := "writing"
			if opts.ReadOnly {
				role = "reading"
			}
			os.WriteFile(filepath.Join(dir, holderFile), fmt.Appendf(nil, "%d %s\n", os.Getpid(), role), 0o644) // a courtesy: no harm if it fails
			return db, nil
		}
		if !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EACCES) && !strings.Contains(err.Error(), "lock held by current process") {
			return nil, fmt.Errorf("opening index %s: %w", dir, err)
		}
		// The holder's note is missing for a moment while it is written
		// and when the holder lets go; the last one read still stands.
		if w, r := holder(dir); w != "" {
			who, reading = w, r
		}
		if waited := time.Since(start); waited > wait && (!reading || waited > ReaderWait) {
			return nil, &LockedError{Dir: dir, Holder: who}
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// load reads the index's settings and counters, or writes those of a new
// index.
func (ix *Index) load(fresh, create bool, want *scan.Options) error {
	raw, closer, err := ix.db.Get(metaKey)
	if errors.Is(err, pebble.ErrNotFound) {
		switch {
		case fresh:
		case !ix.empty():
			return fmt.Errorf("%s is a store but not a reprint index (it has no settings)", ix.dir)
		case ix.readOnly || !create:
			return fmt.Errorf("%s holds no index yet: its making was stopped (reprint index add --index %s PATH... makes it)", ix.dir, ix.dir)
		default:
			fresh = true // made by a process that stopped before it wrote the settings
		}
		settings := scan.DefaultOptions
		if want != nil {
			settings = *want
		}
		m := meta{Format: Format, Settings: Detection(settings), Created: time.Now().UTC().Truncate(time.Second)}
		data, err := json.Marshal(m)
		if err != nil {
			return err
		}
		ix.settings, ix.meta = m.Settings, m
		b := ix.db.NewBatch()
		defer b.Close()
		b.Set(metaKey, data, nil)
		return ix.apply(b)
	}
	if err != nil {
		return fmt.Errorf("index %s: %w", ix.dir, err)
	}
	var m meta
	err = json.Unmarshal(raw, &m)
	closer.Close()
	switch {
	case err != nil:
		return fmt.Errorf("index %s: its settings cannot be read: %w", ix.dir, err)
	case m.Format > Format:
		return fmt.Errorf("index %s has format %d; this reprint reads format %d: use a newer reprint", ix.dir, m.Format, Format)
	case m.Format < 1:
		return fmt.Errorf("index %s: format %d is not one reprint wrote", ix.dir, m.Format)
	case m.Settings.Validate() != nil:
		return fmt.Errorf("index %s: its settings are invalid: %w", ix.dir, m.Settings.Validate())
	case want != nil && Detection(m.Settings) != Detection(*want):
		return &SettingsError{Dir: ix.dir, Built: m.Settings, Requested: *want}
	}
	ix.settings, ix.meta = m.Settings, m
	if err := ix.loadCounts(); err != nil {
		return err
	}
	return ix.loadNext()
}

// empty says whether the store holds no key at all.
func (ix *Index) empty() bool {
	it, err := ix.db.NewIter(nil)
	if err != nil {
		return false
	}
	defer it.Close()
	return !it.First() && it.Error() == nil
}

// loadNext finds the next article number: one past the last record's.
func (ix *Index) loadNext() error {
	it, err := ix.db.NewIter(&pebble.IterOptions{LowerBound: []byte{'r'}, UpperBound: []byte{'r' + 1}})
	if err != nil {
		return err
	}
	defer it.Close()
	if it.Last() {
		if len(it.Key()) != 5 {
			return fmt.Errorf("index %s is damaged: an article record's key of %d bytes", ix.dir, len(it.Key()))
		}
		ix.next = binary.BigEndian.Uint32(it.Key()[1:5]) + 1
	}
	return it.Error()
}

// Settings are the detection settings the index was built with.
func (ix *Index) Settings() scan.Options { return ix.settings }

// Dir is the index's directory.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index and lets another process open it.
func (ix *Index) Close() error {
	if who, _ := holder(ix.dir); strings.HasPrefix(who, fmt.Sprintf("process %d,", os.Getpid())) {
		os.Remove(filepath.Join(ix.dir, holderFile))
	}
	return ix.db.Close()
}

// apply commits b and writes it out to the store's tables before it
// returns: the store keeps no log, so a change is durable, and whole, once
// its flush is; one killed before then leaves no trace of it.
func (ix *Index) apply(b *pebble.Batch) error {
	if err := b.Commit(pebble.NoSync); err != nil {
		return fmt.Errorf("index %s: %w", ix.dir, err)
	}
	if err := ix.db.Flush(); err != nil {
		return fmt.Errorf("index %s: %w", ix.dir, err)
	}
	return nil
}

// quiet is the store's logger: its notes are not the user's business, and
// a fatal error is reported as one and ends the process, which is what the
// store expects of Fatalf.
type quiet struct{}

func (quiet) Infof(string, ...any)  {}
func (quiet) Errorf(string, ...any) {}
func (quiet) Fatalf(format string, args ...any) {
	fmt.Fprint(os.Stderr, printable.Text(fmt.Sprintf("reprint: index store: "+format+"\n", args...)))
	os.Exit(1)
}
