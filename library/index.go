package library

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/xdg"
)

// The index is a cache of the parsed library, so that a start on a
// library seen before shows it at once and parses only the files changed
// since. It is an SQLite file holding, per library (the paths the user
// named, resolved), one saved library: every file's identity, size,
// modification time and version, the summaries and problems it gave, and
// the sort orders (codec.go), guarded by a checksum. A start publishes
// the saved library as its first snapshot, then walks the files with a
// stat each, and reads again only those whose identity, size or time
// differ: it is a cache, so deleting the file, or any damage to it, costs
// time and never correctness. A file SQLite cannot read (or a save whose
// checksum fails) is set aside, renamed beside it, with one log line, and
// a new one built.
//
// Several processes (the reader and serve) may share it: SQLite's WAL mode
// lets them read while one writes, and a save is written in one short
// transaction, waiting up to indexBusy for another's. Two processes
// saving the same library each save a whole library as they saw it; the
// last one wins, and the next start checks it against the files like any
// other.

// indexBusy is how long a write waits for another process's.
const indexBusy = 5 * time.Second

// indexAppID marks the file as newsdesk's index ("ndix"); indexSchema is
// its layout.
const (
	indexAppID  = 0x6e646978
	indexSchema = 3
)

// savePart is the most bytes of a saved library one row holds: a save is
// written, and read back, in parts. SQLite's allocator (modernc.org/libc)
// keeps what it once held for reuse rather than give it back, so reading
// a 20 MB library as one blob left 20 MB resident for the rest of the
// process, for nothing; in parts of 1 MiB it keeps a part or two.
var savePart = 1 << 20

// saveEvery is how often a live library that changed is saved (it is
// saved too when a load or rescan ends and when it is closed): a process
// killed meanwhile costs the next start the parsing of what changed.
const saveEvery = 5 * time.Minute

// IndexFileName is the warm-start index's file name in the cache directory.
const IndexFileName = "index.db"

// DefaultIndexPath is where newsdesk keeps its warm-start index: index.db
// in newsdesk's cache directory (internal/xdg: $CACHE_DIRECTORY, else
// $XDG_CACHE_HOME/newsdesk, else ~/.cache/newsdesk). It is never the
// reader's state file: deleting it costs a slower start and nothing else.
func DefaultIndexPath() (string, error) { return xdg.CacheFile(IndexFileName) }

// index is an open index file and its writer.
type index struct {
	path string
	log  func(level slog.Level, msg string, args ...any)
	// parser names the parsers that wrote the saves: a library saved by
	// another build of newsdesk may be summarised differently, so a
	// change empties the index.
	parser string

	mu sync.Mutex
	db *sql.DB // nil once closed or unusable
	// pending is the save to write next, if any; wake is signalled when
	// it is set.
	pending *save
	wake    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	// written is closed while no save is queued or being written; save
	// replaces a closed one.
	written chan struct{}
}

// save is one library to write: its key, and the encoded bytes' maker
// (run by the writer, off the library's path).
type save struct {
	key    string
	encode encodeFunc
}

// encodeFunc encodes a library, handing it to put in parts, and returns
// its size; errNotSaved when it is not to be saved after all.
type encodeFunc func(put func([]byte) error) (int64, error)

// errNotSaved is an encodeFunc's refusal.
var errNotSaved = errors.New("library: not saved")

// parserKey names this build's parsers: the codec's layout and the
// module's version and revision (a build from a changed checkout may
// parse differently, which its time says).
func parserKey() string {
	key := fmt.Sprintf("codec %d", codecVersion)
	if info, ok := debug.ReadBuildInfo(); ok {
		key += " " + info.Main.Version
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision", "vcs.time", "vcs.modified":
				key += " " + s.Value
			}
		}
	}
	return key
}

// openIndex opens (or creates) the index at path. It returns nil when the
// index cannot be used at all (its directory cannot be made, say), after
// one log line: the library then works without it. A file that is not a
// usable index is set aside and a new one made.
func openIndex(path string, log func(slog.Level, string, ...any)) *index {
	x := &index{path: path, log: log, parser: parserKey(),
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}), written: make(chan struct{})}
	close(x.written)
	db, err := x.open()
	if err != nil && x.setAside(err) {
		db, err = x.open()
	}
	if err != nil {
		log(slog.LevelWarn, "the index cannot be used; every start parses the whole library", "index", path, "err", err)
		return nil
	}
	x.db = db
	go x.writer()
	return x
}

// open opens the file and brings it to this schema and parser; an error
// it returns for a damaged or foreign file is one setAside handles.
func (x *index) open() (*sql.DB, error) {
	if err := os.MkdirAll(filepath.Dir(x.path), 0o700); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(x.path)
	if err != nil {
		return nil, err
	}
	q := url.Values{
		"_busy_timeout": {fmt.Sprint(indexBusy.Milliseconds())},
		"_txlock":       {"immediate"},
		"_synchronous":  {"NORMAL"},
		// Large pages: a library is ≈32 MiB at 100,000 articles (in
		// parts of 1 MiB); 20 MB of it was read in 15 ms in 64 KiB pages
		// against 40–180 ms in the default 4 KiB ones (as one blob).
		// The driver sets the page size (the _pragma list) before the
		// journal mode, which fixes it.
		"_pragma":       {"page_size(65536)"},
		"_journal_mode": {"WAL"},
	}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(2)
	if err := x.init(db); err != nil {
		db.Close()
		return nil, err
	}
	// Readable by its owner only: it holds the library's headlines.
	_ = os.Chmod(abs, 0o600)
	return db, nil
}

// errForeign is a file at the index's path that is not an index.
var errForeign = errors.New("not a newsdesk index")

// init checks the file and creates its schema; a file written by other
// parsers is emptied.
func (x *index) init(db *sql.DB) error {
	ctx := context.Background()
	var app, version int
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if app != indexAppID || version != indexSchema {
		var objects int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&objects); err != nil {
			return err
		}
		if objects > 0 && app != indexAppID {
			return fmt.Errorf("%w (application id %#x, schema %d)", errForeign, app, version)
		}
		// A new file, or one of ours in an older layout: it is a cache,
		// made again in this one.
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		_, err = tx.ExecContext(ctx, fmt.Sprintf(`DROP TABLE IF EXISTS meta;
			DROP TABLE IF EXISTS libraries;
			DROP TABLE IF EXISTS parts;
			PRAGMA application_id = %d;
			PRAGMA user_version = %d;
			CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
			CREATE TABLE libraries (
				key TEXT PRIMARY KEY,
				saved INTEGER NOT NULL,
				size INTEGER NOT NULL
			) WITHOUT ROWID;
			CREATE TABLE parts (
				key TEXT NOT NULL,
				part INTEGER NOT NULL,
				data BLOB NOT NULL,
				PRIMARY KEY (key, part)
			);`, indexAppID, indexSchema))
		if err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	var parser string
	err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'parser'").Scan(&parser)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if parser == x.parser {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM libraries; DELETE FROM parts"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta (key, value) VALUES ('parser', ?)", x.parser); err != nil {
		return err
	}
	return tx.Commit()
}

// damaged reports whether err says the index is not readable as ours (as
// opposed to busy, or out of disk).
func damaged(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return errors.Is(err, errForeign) || errors.Is(err, errBadSave)
}

// setAside renames a damaged index (and drops its log) beside it, saying
// so once, so that a new one can be made; it reports whether it did.
func (x *index) setAside(err error) bool {
	if !damaged(err) {
		return false
	}
	aside := fmt.Sprintf("%s.damaged-%s", x.path, time.Now().Format("20060102T150405"))
	if rerr := os.Rename(x.path, aside); rerr != nil {
		x.log(slog.LevelWarn, "the index is damaged and cannot be set aside", "index", x.path, "err", rerr)
		return false
	}
	for _, ext := range []string{"-wal", "-shm"} {
		_ = os.Remove(x.path + ext)
	}
	x.log(slog.LevelWarn, "the index was damaged: set aside, and rebuilt from the library", "index", x.path, "aside", aside, "err", err)
	return true
}

// reset replaces an index found damaged while in use by a new one (or
// none, if that fails).
func (x *index) reset(err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.db == nil {
		return
	}
	x.db.Close()
	x.db = nil
	if !x.setAside(err) {
		x.log(slog.LevelWarn, "the index cannot be used any more", "index", x.path, "err", err)
		return
	}
	if db, err := x.open(); err == nil {
		x.db = db
	}
}

// handle is the database, or nil when the index is closed or unusable.
func (x *index) handle() *sql.DB {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.db
}

// savedSize is the size in bytes of the library saved under key, 0 when
// none is (or the index cannot say).
func (x *index) savedSize(ctx context.Context, key string) int64 {
	db := x.handle()
	if db == nil {
		return 0
	}
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT size FROM libraries WHERE key = ?", key).Scan(&n); err != nil {
		return 0
	}
	return n
}

// load is the library saved under key, read back for roots (the paths as
// named this time); nil, nil when none is saved. A damaged save sets the
// index aside.
func (x *index) load(ctx context.Context, key string, roots []string, textRead func()) ([]*fileData, *[sorts][]int32, error) {
	db := x.handle()
	if db == nil {
		return nil, nil, nil
	}
	files, orders, err := x.decode(ctx, db, key, roots, textRead)
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return files, orders, nil
	}
	if damaged(err) {
		x.reset(err)
	}
	return nil, nil, err
}

// decode reads the library saved under key and decodes it part after
// part (each the driver's own copy, valid until the next row), so that
// the whole saved library is never held at once; sql.ErrNoRows when none
// is saved, errBadSave when its parts do not add up to the size saved.
func (x *index) decode(ctx context.Context, db *sql.DB, key string, roots []string, textRead func()) ([]*fileData, *[sorts][]int32, error) {
	var size int64
	var stored sql.NullInt64
	// length() of a blob does not read it: the sizes are checked before
	// anything is allocated for them.
	err := db.QueryRowContext(ctx, "SELECT size, (SELECT sum(length(data)) FROM parts WHERE key = ?1) FROM libraries WHERE key = ?1", key).Scan(&size, &stored)
	if err != nil {
		return nil, nil, err
	}
	if size <= 0 || size > maxSavedSize || stored.Int64 != size {
		return nil, nil, errBadSave
	}
	rows, err := db.QueryContext(ctx, "SELECT data FROM parts WHERE key = ? ORDER BY part", key)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	next := func() ([]byte, error) {
		if !rows.Next() {
			return nil, rows.Err()
		}
		var part sql.RawBytes
		if err := rows.Scan(&part); err != nil {
			return nil, err
		}
		return part, nil
	}
	return decodeParts(size, next, roots, textRead)
}

// maxSavedSize bounds the size a saved library may claim, so that a
// damaged one cannot make decode allocate without limit (a library of
// 100,000 articles is about 32 MiB).
const maxSavedSize = 4 << 30

// save queues a library to be saved under key, replacing one queued and
// not yet written; encode runs in the writer.
func (x *index) save(key string, encode encodeFunc) {
	x.mu.Lock()
	if x.db == nil {
		x.mu.Unlock()
		return
	}
	x.pending = &save{key: key, encode: encode}
	select {
	case <-x.written:
		x.written = make(chan struct{})
	default:
	}
	x.mu.Unlock()
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// writer writes the saves queued until close.
func (x *index) writer() {
	defer close(x.done)
	for {
		select {
		case <-x.wake:
			x.flush()
			x.quiet()
		case <-x.stop:
			x.flush()
			x.quiet()
			return
		}
	}
}

// quiet closes written if no save was queued meanwhile.
func (x *index) quiet() {
	x.mu.Lock()
	defer x.mu.Unlock()
	select {
	case <-x.written:
	default:
		if x.pending == nil {
			close(x.written)
		}
	}
}

// saved is a channel closed once no save is queued or being written.
func (x *index) saved() <-chan struct{} {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.written
}

// flush writes the save queued, if any; one that fails is dropped, with
// a log line (the next start parses what changed since the last save).
func (x *index) flush() {
	x.mu.Lock()
	sv := x.pending
	x.pending = nil
	db := x.db
	x.mu.Unlock()
	if sv == nil || db == nil {
		return
	}
	if err := writeSave(db, sv.key, sv.encode); err != nil && !errors.Is(err, errNotSaved) {
		if damaged(err) {
			x.reset(err)
			return
		}
		x.log(slog.LevelWarn, "the index could not be written; the next start parses what changed since it last was", "index", x.path, "err", err)
	}
}

// writeSave replaces the library saved under key by the one encode
// gives, in parts of savePart bytes, in one transaction.
func writeSave(db *sql.DB, key string, encode encodeFunc) error {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM parts WHERE key = ?", key); err != nil {
		return err
	}
	part := 0
	size, err := encode(func(b []byte) error {
		_, err := tx.ExecContext(ctx, "INSERT INTO parts (key, part, data) VALUES (?, ?, ?)", key, part, b)
		part++
		return err
	})
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO libraries (key, saved, size) VALUES (?, ?, ?)", key, time.Now().Unix(), size); err != nil {
		return err
	}
	return tx.Commit()
}

// close writes what is queued and closes the file.
func (x *index) close() {
	select {
	case <-x.stop:
	default:
		close(x.stop)
	}
	<-x.done
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.db != nil {
		x.db.Close()
		x.db = nil
	}
}

// indexKey names the library at paths in the index: each path resolved
// (absolute, links followed), so that the same library named from another
// directory or through a link is found.
func indexKey(paths []string) string {
	var b strings.Builder
	for _, p := range paths {
		e := article.StatFile(p)
		id := string(e.ID)
		if id == "" {
			id, _ = filepath.Abs(p)
		}
		b.WriteString(id)
		b.WriteByte(0)
	}
	return b.String()
}

// saveIndex queues the library as it is now to be saved in the index, if
// it changed since it was last saved (or loaded from there).
func (l *Library) saveIndex() {
	if l.index == nil || l.indexKey == "" {
		return
	}
	if enc := l.encoder(false); enc != nil {
		l.index.save(l.indexKey, enc)
	}
}

// encoder is a function that encodes the library as it is now (its
// records and snapshot, taken together), to be run off the library's
// path; nil when the snapshot is still loading, or when nothing changed
// since the last save and always is false.
func (l *Library) encoder(always bool) encodeFunc {
	l.editMu.Lock()
	s := l.Snapshot()
	if s.loading || !l.dirty && !always {
		l.editMu.Unlock()
		return nil
	}
	l.dirty = false
	files := make([]savedFile, 0, len(l.files))
	for p, r := range l.files {
		files = append(files, savedFile{path: p, id: r.id, size: r.size, mtime: r.mtime, version: r.version, file: r.file, named: r.named, probs: r.probs})
	}
	l.editMu.Unlock()
	roots := l.opt.Paths
	return func(put func([]byte) error) (int64, error) {
		slices.SortFunc(files, func(a, b savedFile) int { return a.file - b.file })
		// The snapshot's articles are in load order, as the files are.
		i := 0
		for k := range files {
			f := &files[k]
			j := i
			for j < len(s.arts) && s.arts[j].file() == f.file {
				j++
			}
			f.arts = s.arts[i:j]
			i = j
		}
		if i != len(s.arts) {
			return 0, errNotSaved // an article without its file's record
		}
		return encodeLibrary(roots, files, &s.orders, put)
	}
}
