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
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/newsdesk/newsdesk/article"
)

// The index is a cache of the parsed summaries, so that a start on a
// library seen before shows it at once and parses only the files changed
// since. It holds one row per file, keyed by the file's identity (its
// absolute path): size, modification time, version, and the summaries and
// problems it gave (codec.go). A row is used only while the file has that
// size and time; everything else is parsed again. Deleting the file, or
// any damage to it, costs time and never correctness: a file SQLite cannot
// read is set aside (renamed beside it) and a new one built.
//
// Several processes (the reader and serve) may use one index: SQLite's WAL
// mode lets them read while one writes; writes are short transactions
// that wait up to indexBusy for another's. Two processes writing the same
// file's row write what they read; a row from the older read carries the
// older size and time, so it is not trusted against the newer file.

// indexBusy is how long a write waits for another process's.
const indexBusy = 5 * time.Second

// indexAppID marks the file as newsdesk's index ("ndix"); indexSchema is
// its layout.
const (
	indexAppID  = 0x6e646978
	indexSchema = 1
)

// indexChunk is how many rows one write transaction holds: short
// transactions let another process's writes in between.
const indexChunk = 1000

// DefaultIndexPath is where newsdesk keeps its warm-start index:
// newsdesk/index.db under $XDG_CACHE_HOME, or under ~/.cache when that is
// unset or relative (the XDG base directory default). It is never the
// reader's state file: deleting it costs a slower start and nothing else.
func DefaultIndexPath() (string, error) {
	dir := os.Getenv("XDG_CACHE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home directory for the index (set XDG_CACHE_HOME): %w", err)
		}
		dir = filepath.Join(home, ".cache")
	}
	return filepath.Join(dir, "newsdesk", "index.db"), nil
}

// index is an open index file and its writer.
type index struct {
	path string
	log  func(level slog.Level, msg string, args ...any)
	// parser names the parsers that wrote the rows: rows written by
	// another build of newsdesk may summarise differently, so a change
	// empties the index.
	parser string

	mu sync.Mutex
	db *sql.DB // nil once the index is unusable
	// pending are the rows to write (nil data: to delete), coalesced by
	// file identity; wake is signalled when some are added.
	pending map[article.ID]*fileData
	wake    chan struct{}
	// failures counts consecutive failed writes.
	failures int

	stop, done chan struct{}
}

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
// index cannot be used at all (the directory cannot be made, say), after
// one log line: the library then works without it. A file that is not a
// usable index is set aside and a new one made.
func openIndex(path string, log func(slog.Level, string, ...any)) *index {
	x := &index{path: path, log: log, parser: parserKey(), pending: map[article.ID]*fileData{},
		wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
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
		"_pragma":       {"journal_mode(WAL)"},
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

// init checks the file and creates or updates its schema; a file written
// by other parsers is emptied.
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
		if objects > 0 {
			return fmt.Errorf("%w (application id %#x, schema %d)", errForeign, app, version)
		}
		_, err := db.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d;
			PRAGMA user_version = %d;
			CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
			CREATE TABLE files (
				id TEXT PRIMARY KEY,
				size INTEGER NOT NULL,
				mtime INTEGER NOT NULL,
				version INTEGER NOT NULL,
				data BLOB NOT NULL
			) WITHOUT ROWID;`, indexAppID, indexSchema))
		if err != nil {
			return err
		}
	}
	var parser string
	err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'parser'").Scan(&parser)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if parser != x.parser {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, "DELETE FROM files"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta (key, value) VALUES ('parser', ?)", x.parser); err != nil {
			return err
		}
		return tx.Commit()
	}
	return nil
}

// damaged reports whether err says the file is not a readable SQLite
// database of ours (as opposed to busy, or out of disk).
func damaged(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	return errors.Is(err, errForeign) || errors.Is(err, errBadRow)
}

// setAside renames a damaged index (and its log) beside it, saying so
// once, so that a new one can be made; it reports whether it did.
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

// handle is the database, or nil when the index is unusable.
func (x *index) handle() *sql.DB {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.db
}

// root is one path the user named, as the index finds its files: by
// identity, under dir (a directory's identity) or equal to file.
type root struct {
	named string // as the user named it
	id    string
	dir   bool
}

// load is the indexed library at roots, in the walk's order, each file
// under the path the walk would show it as and with the walk's rules
// (hidden entries, extensions, directories named like articles); files
// over maxSize, and rows that do not decode, are left for the walk to
// read. A file reached twice is given once.
func (x *index) load(ctx context.Context, roots []root, maxSize int64) ([]*fileData, error) {
	db := x.handle()
	if db == nil {
		return nil, nil
	}
	var out []*fileData
	seen := map[article.ID]bool{}
	for _, r := range roots {
		var rows *sql.Rows
		var err error
		if r.dir {
			lo := strings.TrimSuffix(r.id, "/") + "/"
			hi := lo[:len(lo)-1] + "0" // '0' follows '/': every path under lo sorts before it
			rows, err = db.QueryContext(ctx, "SELECT id, size, mtime, version, data FROM files WHERE id >= ? AND id < ? ORDER BY id", lo, hi)
		} else {
			rows, err = db.QueryContext(ctx, "SELECT id, size, mtime, version, data FROM files WHERE id = ?", r.id)
		}
		if err != nil {
			return out, err
		}
		for rows.Next() {
			var id string
			var size, mtime, version int64
			var data sql.RawBytes
			if err := rows.Scan(&id, &size, &mtime, &version, &data); err != nil {
				rows.Close()
				return out, err
			}
			if seen[article.ID(id)] || size > maxSize {
				continue
			}
			p := r.named
			if r.dir {
				rel := id[len(strings.TrimSuffix(r.id, "/"))+1:]
				if !walked(rel) {
					continue
				}
				p = filepath.Join(r.named, filepath.FromSlash(rel))
			}
			d := &fileData{path: p, name: p, id: article.ID(strings.Clone(id)), named: !r.dir, size: size, mtime: mtime, version: article.Version(version), file: len(out)}
			if decodeFile(d, data) != nil {
				continue
			}
			seen[d.id] = true
			out = append(out, d)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// walked reports whether a directory walk reaches rel (a path under the
// directory walked, with "/"): no hidden entry on the way, no directory
// named like an article (the walk reports those as errors and does not
// enter them), and a file a format claims at the end.
func walked(rel string) bool {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		if p == "" || strings.HasPrefix(p, ".") {
			return false
		}
		if article.IsArticleFile(p) != (i == len(parts)-1) {
			return false
		}
	}
	return true
}

// lookup is the indexed data of the file of e, if the index has it at
// e's size and time; nil otherwise.
func (x *index) lookup(e article.Entry, maxSize int64) *fileData {
	db := x.handle()
	if db == nil || e.Size() > maxSize {
		return nil
	}
	var size, mtime, version int64
	var data []byte
	err := db.QueryRow("SELECT size, mtime, version, data FROM files WHERE id = ?", string(e.ID)).Scan(&size, &mtime, &version, &data)
	if err != nil || size != e.Size() || mtime != unixNano(e.ModTime()) || mtime == 0 {
		if damaged(err) {
			x.reset(err)
		}
		return nil
	}
	d := &fileData{path: e.Path, name: e.Path, id: e.ID, named: e.Named, size: size, mtime: mtime, version: article.Version(version)}
	if decodeFile(d, data) != nil {
		return nil
	}
	return d
}

// save queues what an edit changed, to be written in the background:
// the rows of the files read and parsed, and the removal of files gone.
func (x *index) save(changed []*fileData, removed []article.ID) {
	if len(changed) == 0 && len(removed) == 0 {
		return
	}
	x.mu.Lock()
	if x.db == nil {
		x.mu.Unlock()
		return // closed, or unusable
	}
	for _, d := range changed {
		if d.parsed && d.id != "" && d.mtime != 0 {
			x.pending[d.id] = d
		}
	}
	for _, id := range removed {
		x.pending[id] = nil
	}
	x.mu.Unlock()
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// writer writes the pending rows until close, in short transactions.
func (x *index) writer() {
	defer close(x.done)
	for {
		select {
		case <-x.wake:
			x.flush()
		case <-x.stop:
			x.flush()
			return
		}
	}
}

// flush writes what is pending now; rows that could not be written wait
// for the next flush (three failures in a row drop them, with a log line).
func (x *index) flush() {
	x.mu.Lock()
	batch := x.pending
	x.pending = map[article.ID]*fileData{}
	db := x.db
	x.mu.Unlock()
	if db == nil || len(batch) == 0 {
		return
	}
	ids := make([]article.ID, 0, len(batch))
	for id := range batch {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), indexChunk)
		if err := x.write(db, ids[:n], batch); err != nil {
			if damaged(err) {
				x.reset(err)
				return
			}
			x.mu.Lock()
			x.failures++
			if x.failures < 3 {
				for _, id := range ids {
					if _, newer := x.pending[id]; !newer {
						x.pending[id] = batch[id]
					}
				}
			} else {
				x.failures = 0
				x.log(slog.LevelWarn, "the index could not be written; the next start parses those files again", "index", x.path, "files", len(ids), "err", err)
			}
			x.mu.Unlock()
			return
		}
		ids = ids[n:]
	}
	x.mu.Lock()
	x.failures = 0
	x.mu.Unlock()
}

// write writes the rows of ids in one transaction.
func (x *index) write(db *sql.DB, ids []article.ID, batch map[article.ID]*fileData) error {
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	put, err := tx.PrepareContext(ctx, "INSERT OR REPLACE INTO files (id, size, mtime, version, data) VALUES (?, ?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer put.Close()
	del, err := tx.PrepareContext(ctx, "DELETE FROM files WHERE id = ?")
	if err != nil {
		return err
	}
	defer del.Close()
	for _, id := range ids {
		d := batch[id]
		var data []byte
		ok := false
		if d != nil {
			data, ok = encodeFile(d)
		}
		if !ok {
			_, err = del.ExecContext(ctx, string(id))
		} else {
			_, err = put.ExecContext(ctx, string(id), d.size, d.mtime, int64(d.version), data)
		}
		if err != nil {
			return err
		}
	}
	return tx.Commit()
}

// close writes what is pending and closes the file.
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

// roots are the library's paths as the index finds them.
func (l *Library) roots() []root {
	var rs []root
	for _, p := range l.opt.Paths {
		e := article.StatFile(p)
		switch {
		case e.ID == "":
			continue
		case e.Kind == article.EntryProblem && e.Info != nil && e.Info.IsDir():
			rs = append(rs, root{named: p, id: string(e.ID), dir: true})
		case e.Kind == article.EntryFile:
			rs = append(rs, root{named: p, id: string(e.ID)})
		}
	}
	return rs
}
