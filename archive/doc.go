// Package archive keeps an archive of articles on disk, indexed by their
// paragraphs' LSH buckets, so that new articles can be checked against it
// without reading the archive again.
//
// An Index is a directory holding a Pebble store (github.com/cockroachdb/pebble).
// It holds every article's text and metadata, and a posting for each band
// bucket of each paragraph long enough to cluster: the buckets package lsh
// sorts a batch scan's sets by (lsh.Bander). Checking an article looks its
// paragraphs' buckets up and walks the pairs a scan would verify there, to
// collect the clusters a scan would find (Related), and runs the batch
// scan (scan.RunAmong) over the articles found and the ones checked: the index
// only chooses which archived articles take part, and the one pipeline
// decides what is reused, so the two cannot drift apart.
//
// Settings are fixed when an index is created and stored in it with a
// format version: buckets built with one signature cannot be looked up
// with another, and Open refuses a check with other detection settings
// (SettingsError).
//
// Each Add commits its articles in batches, each written to disk before
// the next begins: a process killed at any moment leaves an index that
// opens and holds exactly the batches committed, and the same Add run again
// completes it, passing over what is already indexed unchanged.
//
// One process at a time opens an index: Pebble locks the directory (its
// LOCK file), and the process holding it says in HOLDER who it is and
// whether it writes. Open waits a short while for a writer (Options.Wait)
// and longer for a reader (ReaderWait), then fails with LockedError, naming
// the lock and its holder.
//
// Keys (one byte of prefix, then big-endian numbers):
//
//	"m"                          the settings and format version (JSON)
//	"i" id                       an article's number and content hash
//	"r" num                      an article's record: date, title, source, URL,
//	                             body, and the file and line it was read from
//	                             (Zstandard)
//	"d" published num            the date order, for the date range
//	"b" band bucket num para     a posting: paragraph para of article num is
//	                             in that bucket of that band (empty value)
//	"g" num para                 the paragraph's sketch (lsh.Bander.Sketch)
//	"c"                          the totals (articles, paragraphs, text)
//	"s" source                   how many articles of the source it holds
//
// A bucket keeps the high 32 bits of the band's hash: two buckets that share
// them cost a verification, never a missed candidate. Before an archived
// paragraph found in a bucket is read and verified, its sketch and the
// checked one's vote, as a scan's signatures do (lsh.Config.MinAgree).
// A bucket is read once a lookup, and a set walked from once.
package archive
