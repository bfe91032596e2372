package state

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/xdg"
)

// busyTimeout is how long a write waits for another process's write to
// finish before it fails with ErrBusy. Writes last milliseconds; this
// covers a Load of a large state in the other process and a slow disk.
const busyTimeout = 5 * time.Second

// pruneEvery is how often a long-running store (serve) drops idle users;
// Open always does it once.
const pruneEvery = time.Hour

// SQLite is the Store on an SQLite database: a file (Open) or a private
// in-memory database (NewMemory).
type SQLite struct {
	h      handle
	path   string // "" for memory
	limits Limits // resolved: 0 means no limit
	opts   Options

	// mu serialises this process's writes, so they queue here instead of
	// polling SQLite's busy handler; for memory it serialises everything,
	// since there is one connection. Other processes are kept out by
	// SQLite's lock and wait up to busyTimeout.
	mu        sync.Mutex
	serial    bool
	lastPrune time.Time
}

// handle is a *sql.DB (a file: a pool, readers in parallel) or a
// *sql.Conn (memory: the one connection the database lives in).
type handle interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	Close() error
}

var _ Store = (*SQLite)(nil)

// DefaultPath is where the state file lives unless --state says
// otherwise: state.db in newsdesk's state directory (xdg.StateDir):
// newsdesk/state.db under $XDG_STATE_HOME, or under ~/.local/state when
// that is unset or relative (the XDG base directory default). Under systemd
// with StateDirectory= ($STATE_DIRECTORY set) it is state.db in that
// directory, so the service needs no flag.
func DefaultPath() (string, error) {
	dir, err := xdg.StateDir()
	if err != nil {
		return "", fmt.Errorf("no place for the state file (set --state): %w", err)
	}
	return filepath.Join(dir, "state.db"), nil
}

// Open opens the state file at path, creating it (and its directory, mode
// 0700) when missing, and brings its schema up to date.
//
// It never changes a file it cannot use. An *OpenError says why: ErrCorrupt,
// ErrNotState, ErrNewerSchema, ErrPermission or ErrBusy. The caller should
// then say that marks will not be saved this time, naming the file, and go
// on with NewMemory (or OpenOrMemory, which does both).
func Open(path string, opts Options) (*SQLite, error) {
	return open(context.Background(), path, opts, migrations, nil)
}

// OpenOrMemory is Open, falling back to NewMemory when the file cannot be
// used: the error then says why (for the one message the user sees), and
// the store returned works but keeps nothing after the session.
func OpenOrMemory(path string, opts Options) (*SQLite, error) {
	s, err := Open(path, opts)
	if err != nil {
		return NewMemory(opts), err
	}
	return s, nil
}

// NewMemory is a store that lives in memory only, for sessions whose marks
// must not outlive them (a keyless visitor of a public server) and as the
// fallback when the file cannot be opened. It writes nothing to disk: the
// database is SQLite's private in-memory one, with temporary tables in
// memory too. Its rules and bounds are those of the file store.
func NewMemory(opts Options) *SQLite {
	s, err := newMemory(opts)
	if err != nil {
		// An in-memory database fails to open only if memory ran out;
		// nothing can carry on then.
		panic(fmt.Sprintf("state: in-memory database: %v", err))
	}
	return s
}

func newMemory(opts Options) (*SQLite, error) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:?"+dsnQuery(nil).Encode())
	if err != nil {
		return nil, err
	}
	// A private in-memory database lives and dies with its connection:
	// hold that one connection for the store's lifetime.
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	s := &SQLite{h: memHandle{conn, db}, limits: opts.Limits.resolved(), opts: opts, serial: true}
	if err := s.init(ctx, migrations); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// memHandle closes the pool with its one connection.
type memHandle struct {
	*sql.Conn
	db *sql.DB
}

func (m memHandle) Close() error { return errors.Join(m.Conn.Close(), m.db.Close()) }

// dsnQuery is the connection settings: wait for other processes' locks,
// BEGIN IMMEDIATE for every write transaction (a deferred one that reads
// before it writes can fail at once with SQLITE_BUSY instead of waiting),
// cascading deletes, temporary tables in memory, and synchronous=NORMAL:
// in WAL mode a commit is then written to the log but not synced, which
// a killed process cannot undo and a power cut can (the latest marks,
// never the file's consistency); syncing each mark would cost about three
// times as much (0.8 ms against 2.2–3.5 ms a mark, measured side by side
// on the project's busy machine), paid by every session of a server.
// Anything in extra (tests only) is added. journal_mode is not here: it is
// a change to the file, made in init only once the file is known good.
func dsnQuery(extra url.Values) url.Values {
	q := url.Values{
		"_busy_timeout": {fmt.Sprint(busyTimeout.Milliseconds())},
		"_txlock":       {"immediate"},
		"_foreign_keys": {"1"},
		"_synchronous":  {"NORMAL"},
		"_pragma":       {"temp_store(MEMORY)"},
	}
	for k, v := range extra {
		q[k] = v
	}
	return q
}

// fileURI is the file: URI of abs with the settings q; a URI, so that a
// '?' or '#' in the path is part of the name.
func fileURI(abs string, q url.Values) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String()
}

// open is Open with the schema history and extra DSN settings given, so
// tests can add a migration or open the file read-only.
func open(ctx context.Context, path string, opts Options, list []migration, extra url.Values) (*SQLite, error) {
	if path == "" {
		return nil, &OpenError{Path: path, Detail: "no path"}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	switch fi, err := os.Stat(abs); {
	case err == nil && !fi.Mode().IsRegular():
		return nil, &OpenError{Path: path, Reason: ErrNotState, Detail: "not a regular file"}
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, openError(path, err)
		}
	case err != nil:
		return nil, openError(path, err)
	}
	db, err := sql.Open("sqlite", fileURI(abs, dsnQuery(extra)))
	if err != nil {
		return nil, openError(path, err)
	}
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	guard, err := walGuard(ctx, abs, extra)
	if err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	s := &SQLite{h: db, path: path, limits: opts.Limits.resolved(), opts: opts}
	err = s.init(ctx, list)
	if err != nil {
		db.Close()
	}
	if guard != nil {
		// After db: closed last, read-only, it folds nothing in.
		guard.Close()
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return s, nil
}

// walGuard keeps a read-only connection open on a file that has a -wal
// beside it (another process has it open, or one was killed), for as long
// as Open runs. SQLite folds the log into the file when its last
// connection closes; if Open then refuses the file (a newer schema in the
// log, say), the log must stay as it was, and a read-only connection that
// is still open when ours close stops that and never folds anything in
// itself. It returns nil when there is no -wal.
func walGuard(ctx context.Context, abs string, extra url.Values) (*sql.DB, error) {
	if _, err := os.Lstat(abs + "-wal"); err != nil {
		return nil, nil
	}
	q := dsnQuery(extra)
	q.Set("mode", "ro")
	guard, err := sql.Open("sqlite", fileURI(abs, q))
	if err != nil {
		return nil, err
	}
	// A read holds the shared lock that keeps others from folding.
	var version int
	if err := guard.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		guard.Close()
		return nil, err
	}
	return guard, nil
}

// init checks the file, then (and only then) switches it to WAL, migrates
// it and drops idle users. The checks only read.
func (s *SQLite) init(ctx context.Context, list []migration) error {
	if _, err := checkHeader(ctx, s.h, s.path, len(list)); err != nil {
		return err
	}
	var check string
	if err := s.h.QueryRowContext(ctx, "PRAGMA quick_check(1)").Scan(&check); err != nil {
		return openError(s.path, err)
	}
	if check != "ok" {
		// The first problem found, on one line: "*** in database main
		// ***\nTree 4 page 4: …" becomes "Tree 4 page 4: …".
		check = strings.TrimSpace(strings.TrimPrefix(check, "*** in database main ***"))
		return &OpenError{Path: s.path, Reason: ErrCorrupt, Detail: strings.Join(strings.Fields(check), " ")}
	}
	if s.path != "" {
		// WAL lets readers and one writer of several processes work at
		// once; it is a property of the file, kept once set.
		var mode string
		if err := s.h.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			return openError(s.path, err)
		}
		if !strings.EqualFold(mode, "wal") {
			if err := s.h.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
				return openError(s.path, err)
			}
			if !strings.EqualFold(mode, "wal") {
				return &OpenError{Path: s.path, Detail: "cannot switch to WAL mode (journal mode " + mode + ")"}
			}
		}
	}
	if err := migrate(ctx, s.h, s.path, list); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.prune(ctx, s.opts.now())
}

// Close closes the database; the last process to close a file folds its
// write-ahead log back into it.
func (s *SQLite) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.h.Close()
}

// Path is the file the store is on; "" for a memory store.
func (s *SQLite) Path() string { return s.path }

// prune drops the users idle for longer than MaxIdle, in its own
// transaction. The caller holds s.mu.
func (s *SQLite) prune(ctx context.Context, now time.Time) error {
	s.lastPrune = now
	if s.limits.MaxIdle <= 0 {
		return nil
	}
	_, err := s.h.ExecContext(ctx, "DELETE FROM users WHERE seen_at < ?", now.Add(-s.limits.MaxIdle).Unix())
	return err
}

// maybePrune prunes when the last prune is pruneEvery old. The caller holds
// s.mu.
func (s *SQLite) maybePrune(ctx context.Context, now time.Time) error {
	if now.Sub(s.lastPrune) < pruneEvery && !now.Before(s.lastPrune) {
		return nil
	}
	return s.prune(ctx, now)
}

// userTx is an open write transaction on behalf of one user.
type userTx struct {
	*sql.Tx
	id  int64 // the users row
	seq int64 // this write's place in the user's history
}

// write runs fn in one immediate transaction for user, creating the user
// if new and noting them seen, then applies the bounds: the oldest users
// beyond MaxUsers and the oldest marks beyond MaxMarks are dropped in the
// same transaction.
func (s *SQLite) write(ctx context.Context, op, user string, fn func(*userTx) error) error {
	if err := checkUser(user); err != nil {
		return storeError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.now()
	if err := s.maybePrune(ctx, now); err != nil {
		return storeError(op, err)
	}
	tx, err := s.h.BeginTx(ctx, nil)
	if err != nil {
		return storeError(op, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	u := &userTx{Tx: tx}
	err = tx.QueryRowContext(ctx, `INSERT INTO users (name, seen_at, seq) VALUES (?, ?, 1)
		ON CONFLICT (name) DO UPDATE SET seen_at = excluded.seen_at, seq = seq + 1
		RETURNING id, seq`, user, now.Unix()).Scan(&u.id, &u.seq)
	if err != nil {
		return storeError(op, err)
	}
	if u.seq == 1 && s.limits.MaxUsers > 0 {
		// A new user: drop the users seen longest ago beyond MaxUsers.
		_, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id IN (
			SELECT id FROM users WHERE id != ?1 ORDER BY seen_at, id
			LIMIT max(0, (SELECT count(*) FROM users) - ?2))`, u.id, s.limits.MaxUsers)
		if err != nil {
			return storeError(op, err)
		}
	}
	if err := fn(u); err != nil {
		return storeError(op, err)
	}
	if s.limits.MaxMarks > 0 {
		// Bookmarks last, then the longest unchanged: a dropped read mark
		// only shows an article as unread again.
		_, err := tx.ExecContext(ctx, `DELETE FROM marks WHERE user = ?1 AND article IN (
			SELECT article FROM marks WHERE user = ?1 ORDER BY bookmark, changed
			LIMIT max(0, (SELECT marks FROM users WHERE id = ?1) - ?2))`, u.id, s.limits.MaxMarks)
		if err != nil {
			return storeError(op, err)
		}
	}
	return storeError(op, tx.Commit())
}

// setFlag sets column (read or bookmark; never user input) of every id to
// on. Clearing deletes the rows left with no mark at all.
func (u *userTx) setFlag(ctx context.Context, column string, on bool, ids []article.ID) error {
	for _, id := range ids {
		if err := checkID(id); err != nil {
			return err
		}
	}
	var query string
	if on {
		query = `INSERT INTO marks (user, article, ` + column + `, changed) VALUES (?1, ?2, 1, ?3)
			ON CONFLICT (user, article) DO UPDATE SET ` + column + ` = 1, changed = ?3`
	} else {
		query = `UPDATE marks SET ` + column + ` = 0, changed = ?3 WHERE user = ?1 AND article = ?2`
	}
	stmt, err := u.PrepareContext(ctx, query)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, u.id, string(id), u.seq); err != nil {
			return err
		}
	}
	if !on {
		return u.dropEmpty(ctx)
	}
	return nil
}

// dropEmpty deletes the marks rows this write left without any mark.
func (u *userTx) dropEmpty(ctx context.Context) error {
	_, err := u.ExecContext(ctx, `DELETE FROM marks WHERE user = ? AND changed = ?
		AND read = 0 AND bookmark = 0 AND seen IS NULL`, u.id, u.seq)
	return err
}

// MarkRead marks the articles read, in one transaction.
func (s *SQLite) MarkRead(ctx context.Context, user string, ids ...article.ID) error {
	return s.write(ctx, "mark read", user, func(u *userTx) error { return u.setFlag(ctx, "read", true, ids) })
}

// MarkUnread marks the articles unread, in one transaction.
func (s *SQLite) MarkUnread(ctx context.Context, user string, ids ...article.ID) error {
	return s.write(ctx, "mark unread", user, func(u *userTx) error { return u.setFlag(ctx, "read", false, ids) })
}

// SetBookmark adds or removes the bookmark of an article.
func (s *SQLite) SetBookmark(ctx context.Context, user string, id article.ID, on bool) error {
	return s.write(ctx, "bookmark", user, func(u *userTx) error {
		return u.setFlag(ctx, "bookmark", on, []article.ID{id})
	})
}

// SetSeen records keys as the reactions of id the user has seen.
func (s *SQLite) SetSeen(ctx context.Context, user string, id article.ID, keys []ReactionKey) error {
	if err := checkID(id); err != nil {
		return storeError("seen reactions", err)
	}
	blob := encodeSeen(keys)
	return s.write(ctx, "seen reactions", user, func(u *userTx) error {
		if blob == nil {
			if _, err := u.ExecContext(ctx, `UPDATE marks SET seen = NULL, changed = ?3
				WHERE user = ?1 AND article = ?2`, u.id, string(id), u.seq); err != nil {
				return err
			}
			return u.dropEmpty(ctx)
		}
		_, err := u.ExecContext(ctx, `INSERT INTO marks (user, article, seen, changed) VALUES (?1, ?2, ?3, ?4)
			ON CONFLICT (user, article) DO UPDATE SET seen = ?3, changed = ?4`, u.id, string(id), blob, u.seq)
		return err
	})
}

// SetPosition records where the user is.
func (s *SQLite) SetPosition(ctx context.Context, user string, p Position) error {
	if p.Article != "" {
		if err := checkID(p.Article); err != nil {
			return storeError("position", err)
		}
	}
	return s.write(ctx, "position", user, func(u *userTx) error {
		_, err := u.ExecContext(ctx, "UPDATE users SET article = ?, open = ?, scroll = ? WHERE id = ?",
			string(p.Article), p.Open, p.Scroll, u.id)
		return err
	})
}

// SetListView records the list's sort and view.
func (s *SQLite) SetListView(ctx context.Context, user string, v ListView) error {
	if err := errors.Join(checkListName("sort", v.Sort), checkListName("view", v.View)); err != nil {
		return storeError("list view", err)
	}
	return s.write(ctx, "list view", user, func(u *userTx) error {
		_, err := u.ExecContext(ctx, "UPDATE users SET sort = ?, view = ? WHERE id = ?", v.Sort, v.View, u.id)
		return err
	})
}

// Load returns user's whole state. It notes the user as seen (if known: a
// user is created by their first change, not by looking), then reads
// everything in one read transaction, which never holds up a writer.
func (s *SQLite) Load(ctx context.Context, user string) (*State, error) {
	if err := checkUser(user); err != nil {
		return nil, storeError("load", err)
	}
	if err := s.touch(ctx, user); err != nil {
		return nil, storeError("load", err)
	}
	if s.serial {
		s.mu.Lock()
		defer s.mu.Unlock()
	}
	tx, err := s.h.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, storeError("load", err)
	}
	defer tx.Rollback() //nolint:errcheck // read only
	st, err := load(ctx, tx, user)
	return st, storeError("load", err)
}

// touch notes a known user as seen now.
func (s *SQLite) touch(ctx context.Context, user string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opts.now()
	if err := s.maybePrune(ctx, now); err != nil {
		return err
	}
	_, err := s.h.ExecContext(ctx, "UPDATE users SET seen_at = ? WHERE name = ?", now.Unix(), user)
	return err
}

// load reads user's state inside tx. The article IDs are cut from a few
// large strings and the seen sets from a few large slices (arenas, filled
// once and never moved), so 100,000 marks cost a few dozen allocations for
// their data besides the map, and no copying as the arenas grow.
func load(ctx context.Context, tx *sql.Tx, user string) (*State, error) {
	st := &State{}
	var (
		id, count int64
		last      string
	)
	err := tx.QueryRowContext(ctx, "SELECT id, marks, sort, view, article, open, scroll FROM users WHERE name = ?", user).
		Scan(&id, &count, &st.ListView.Sort, &st.ListView.View, &last, &st.Position.Open, &st.Position.Scroll)
	if errors.Is(err, sql.ErrNoRows) {
		st.Marks = map[article.ID]Mark{}
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	st.Position.Article = article.ID(last)

	rows, err := tx.QueryContext(ctx, "SELECT article, read | (bookmark << 1), seen FROM marks WHERE user = ?", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	st.Marks = make(map[article.ID]Mark, count)
	var (
		ids     idArena
		digests []uint64
		name    sql.RawBytes
		seen    sql.RawBytes
		flags   uint8
	)
	for rows.Next() {
		if err := rows.Scan(&name, &flags, &seen); err != nil {
			return nil, err
		}
		m := Mark{Read: flags&1 != 0, Bookmarked: flags&2 != 0}
		if len(seen) > 0 {
			// Room for every key of this row, so the append below never
			// moves the arena: earlier sets keep pointing into it.
			if n := len(seen) / 9; cap(digests)-len(digests) < n {
				digests = make([]uint64, 0, max(digestChunk, n))
			}
			start := len(digests)
			// A set that does not decode (only a hand-edited file has
			// one) counts as nothing seen: its reactions show as new
			// again, and the rest of the state loads.
			digests, _ = appendDigests(digests, seen)
			if len(digests) > start {
				m.Seen = Seen{digests: digests[start:len(digests):len(digests)]}
			}
		}
		st.Marks[ids.add(name)] = m
	}
	return st, rows.Err()
}

// Arena chunk sizes for load: large enough that 100,000 marks need a few
// dozen, small enough that the last one's unused room does not matter.
const (
	idChunk     = 64 << 10
	digestChunk = 4096
)

// idArena hands out article IDs as substrings of large strings.
// strings.Builder is what makes that possible without unsafe: String
// returns its bytes without copying, and writing within the capacity
// reserved by Grow never moves them.
type idArena struct{ b *strings.Builder }

func (a *idArena) add(id []byte) article.ID {
	if a.b == nil || a.b.Cap()-a.b.Len() < len(id) {
		a.b = &strings.Builder{}
		a.b.Grow(max(idChunk, len(id)))
	}
	start := a.b.Len()
	a.b.Write(id)
	return article.ID(a.b.String()[start:])
}
