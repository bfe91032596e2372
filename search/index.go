package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/xdg"
)

// FileName is the index's file name in the cache directory.
const FileName = "search.db"

// schemaVersion is written in the file; a file with another one (made by
// an older or newer newsdesk) is replaced by a new index.
const schemaVersion = "1"

// readers is how many searches run at once; more wait for a connection
// (each connection holds its own page cache, so the pool is bounded).
const readers = 4

// DefaultPath is where the index lives: search.db in newsdesk's cache
// directory (xdg.CacheFile: $XDG_CACHE_HOME/newsdesk, else
// ~/.cache/newsdesk; under systemd $CACHE_DIRECTORY), beside the other
// caches: deleting it costs a rebuild, never data.
func DefaultPath() (string, error) {
	return xdg.CacheFile(FileName)
}

// Options tunes an Index. The zero value is ready to use.
type Options struct {
	// OnRebuild is told, in one error value to log, when the file could
	// not be used (corrupt, not a database, made by another version of
	// newsdesk) and was set aside for a new, empty index, which the next
	// Sync fills. It may be called from Open, Sync or Search.
	OnRebuild func(err error)
	// TuneGC lets a Sync that indexes many articles (the first build of
	// a library's index, a minute at 100,000 articles) tune the
	// process's garbage collector while it runs, for a long-running
	// process (the reader, serve; tests leave it off): see buildGCPercent.
	// GOGC or GOMEMLIMIT set in the environment leave the collector as
	// they say.
	TuneGC bool
}

// RebuildError says that an index file was set aside and a new one begun.
type RebuildError struct {
	// Path is the index file; SetAside is where the old one went ("" when
	// it was removed: a file of another version is of no use to anyone).
	Path, SetAside string
	// Err is what was wrong with it.
	Err error
}

// Error is one line for the log.
func (e *RebuildError) Error() string {
	if e.SetAside == "" {
		return fmt.Sprintf("search index %s: %v; building a new one", e.Path, e.Err)
	}
	return fmt.Sprintf("search index %s: %v; set aside as %s, building a new one", e.Path, e.Err, e.SetAside)
}

// Unwrap is the cause.
func (e *RebuildError) Unwrap() error { return e.Err }

// errOtherVersion is the cause of a rebuild over a file of another schema.
var errOtherVersion = errors.New("made by another version of newsdesk")

// Index is the full-text index of a library, in one SQLite file shared by
// every reader of the process (and by other processes that open the same
// file: SQLite's WAL mode lets them read while one writes). It is safe for
// concurrent use: any number of Searches run while a Sync writes, and see
// what was committed so far.
type Index struct {
	path string
	opt  Options

	// mu guards the handles: searches and syncs hold it shared, a rebuild
	// exclusively while it swaps the file.
	mu sync.RWMutex
	r  *sql.DB // searches: a bounded pool, read-only
	w  *sql.DB // Sync: one connection

	// syncMu makes Syncs one at a time and guards known and the fields
	// after it.
	syncMu sync.Mutex
	// known is what the index holds: version and the mark of the last
	// Sync that saw the article in its snapshot.
	known map[article.ID]knownDoc
	mark  uint64
	// count is len(known), for Len while a Sync holds syncMu.
	count atomic.Int64
	// dataVersion is PRAGMA data_version when known was read: another
	// process writing the file changes it, and known is read again.
	dataVersion int64

	// damaged is what a search met in a corrupt file (nil when none): the
	// next Sync rebuilds it; wake (buffer 1) tells Follow to run that
	// Sync now.
	damaged atomic.Pointer[error]
	wake    chan struct{}
}

type knownDoc struct {
	version article.Version
	mark    uint64
}

// Open opens the index at path (DefaultPath for the shared one), creating
// it and its directory when missing. A file that cannot be used is set
// aside and replaced by a new one (opt.OnRebuild is told); Open fails only
// when no index can be made at path (a directory that cannot be created,
// a file that cannot be written).
func Open(path string, opt Options) (*Index, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	x := &Index{path: path, opt: opt, wake: make(chan struct{}, 1)}
	err := x.open()
	if err != nil && usable(err) {
		err = x.rebuild(err)
	}
	if err != nil {
		return nil, fmt.Errorf("search index %s: %w", path, err)
	}
	return x, nil
}

// Path is the index file.
func (x *Index) Path() string { return x.path }

// Close closes the index; searches after it fail. A Sync or Follow in
// progress holds it open: cancel it first.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.closeHandles()
}

// Size is the bytes the index takes on disk (the file and its WAL).
func (x *Index) Size() int64 {
	var n int64
	for _, p := range []string{x.path, x.path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// Len is the number of articles indexed, as of the last commit of this
// process (0 until its first Sync has read what the file holds).
func (x *Index) Len() int { return int(x.count.Load()) }

func (x *Index) closeHandles() error {
	var errs []error
	for _, db := range []*sql.DB{x.r, x.w} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	x.r, x.w = nil, nil
	return errors.Join(errs...)
}

// dsn is the connection string for the file with SQLite's URI syntax
// (the path escaped, so no character of it is read as a parameter) and
// the driver's pragmas.
func (x *Index) dsn(q url.Values, pragmas ...string) string {
	abs, err := filepath.Abs(x.path)
	if err != nil {
		abs = x.path
	}
	u := url.URL{Scheme: "file", Path: abs}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	return u.String() + "?" + q.Encode()
}

// schema creates the tables of a new index:
//
//   - docs: one row per article, its ID, Version and text (compressed,
//     see doc.encode); its rowid is the article's in both indexes.
//   - fts: the word index, contentless (the text is in docs) and without
//     column sizes (columnsize=0): FTS5's bm25() then takes every
//     article for the same length (no length normalisation), instead of
//     looking each match's length up in a table of its own, which took
//     55 % of a search's time (CPU a search at 100,000 articles, medians
//     of three runs: a word in 95 % of them 127 → 31 ms, one in 10 %
//     18.7 → 8.4 ms). For
//     news articles, of similar lengths, weights and term counts rank as
//     well; without it a short article with a word five times outranked
//     one with it in the headline. See padColumn for why it is safe.
//   - tri: the trigram index of the articles that have CJK text, with
//     its text (a one- or two-character term is looked for in it):
//     trigrams of every English word would triple the index and the build
//     time for nothing the word index cannot find.
var schema = []string{
	`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
	`CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL, cjk INTEGER NOT NULL, text BLOB NOT NULL)`,
	`CREATE VIRTUAL TABLE fts USING fts5(` + columnList(wordColumns) + `, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2')`,
	// Fewer, larger segments, merged 8 at a time rather than 4: a
	// transaction's words are flushed as one segment (the hash holds up
	// to 32 MB before it flushes), and a 100,000-article build spends
	// 36.6 cpu-s instead of 44.3 (merging had taken a fifth of it);
	// searches were no slower.
	`INSERT INTO fts(fts, rank) VALUES('hashsize', 33554432)`,
	`INSERT INTO fts(fts, rank) VALUES('automerge', 8)`,
	`CREATE VIRTUAL TABLE tri USING fts5(` + columnList(triColumns) + `, tokenize = 'trigram remove_diacritics 1')`,
	`INSERT INTO meta(key, value) VALUES('schema', '` + schemaVersion + `')`,
}

// open opens the handles on the file and reads what it holds.
func (x *Index) open() error {
	if f, err := os.OpenFile(x.path, os.O_RDONLY|os.O_CREATE, 0o600); err == nil {
		f.Close() // created private: it holds the library's text
	}
	// The writer's transactions begin IMMEDIATE: they read (an article's
	// row) before they write, and a deferred one would fail, not wait,
	// when another process has written in between.
	w, err := sql.Open("sqlite", x.dsn(url.Values{"_txlock": {"immediate"}}, "busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)"))
	if err != nil {
		return err
	}
	w.SetMaxOpenConns(1)
	x.w = w
	ctx := context.Background()
	var version string
	err = w.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'schema'`).Scan(&version)
	switch {
	case err == nil && version != schemaVersion:
		return errOtherVersion
	case err != nil && !isNoTable(err):
		return err
	case err != nil:
		// A new file (or one without our tables: not ours to keep).
		var n int
		if err := w.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errOtherVersion
		}
		if err := x.create(ctx); err != nil {
			return err
		}
	}
	// A search's sorter and FTS5's doclists live in the page cache: 16 MB
	// a connection keeps a search of 100,000 articles off the disk.
	r, err := sql.Open("sqlite", x.dsn(url.Values{}, "busy_timeout(10000)", "query_only(1)", "cache_size(-16000)", "temp_store(MEMORY)"))
	if err != nil {
		return err
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	x.r = r
	// What the file holds is read by the first Sync (refreshKnown), in
	// the background: at 100,000 articles reading it takes 0.4 s, which
	// the reader's start would otherwise wait for.
	x.known = nil
	x.count.Store(0)
	return nil
}

// create makes the tables in one transaction.
func (x *Index) create(ctx context.Context) error {
	tx, err := x.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range schema {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// readKnown reads the articles the index holds.
func (x *Index) readKnown(ctx context.Context) error {
	known := map[article.ID]knownDoc{}
	rows, err := x.w.QueryContext(ctx, `SELECT id, version FROM docs`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var v int64
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		known[article.ID(id)] = knownDoc{version: article.Version(v)}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	dv, err := x.readDataVersion(ctx)
	if err != nil {
		return err
	}
	x.known, x.mark, x.dataVersion = known, 0, dv
	x.count.Store(int64(len(known)))
	return nil
}

func (x *Index) readDataVersion(ctx context.Context) (int64, error) {
	var dv int64
	err := x.w.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&dv)
	return dv, err
}

// rebuild sets the file aside (corrupt) or removes it (another version)
// and opens a new one in its place. The caller holds mu (or is Open).
func (x *Index) rebuild(cause error) error {
	x.closeHandles()
	re := &RebuildError{Path: x.path, Err: cause}
	if errors.Is(cause, errOtherVersion) {
		os.Remove(x.path)
	} else {
		re.SetAside = x.path + ".corrupt"
		if err := os.Rename(x.path, re.SetAside); err != nil {
			os.Remove(x.path)
			re.SetAside = ""
		}
	}
	os.Remove(x.path + "-wal")
	os.Remove(x.path + "-shm")
	if x.opt.OnRebuild != nil {
		x.opt.OnRebuild(re)
	}
	if err := x.open(); err != nil {
		x.closeHandles()
		return err
	}
	return nil
}

// usable reports whether err means the file is not a usable index (as
// opposed to a file that cannot be opened at all, such as a directory
// without permission), so that a new file in its place can help.
func usable(err error) bool {
	return errors.Is(err, errOtherVersion) || isCorrupt(err)
}

// isCorrupt reports whether err is SQLite's word for a damaged file.
func isCorrupt(err error) bool {
	if errors.Is(err, errBadDoc) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	return false
}

// isNoTable reports whether err is a missing table (a new file).
func isNoTable(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_ERROR && strings.Contains(se.Error(), "no such table")
}

// noteCorrupt records that a search met a damaged file (err): the next
// Sync rebuilds it.
func (x *Index) noteCorrupt(err error) {
	x.damaged.CompareAndSwap(nil, &err)
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// errDamaged is what a search on a damaged file returns.
var errDamaged = errors.New("the search index is damaged; it is being rebuilt")
