package state

import (
	"context"
	"database/sql"
	"fmt"
)

// applicationID marks a file as newsdesk's (PRAGMA application_id, "nwsd"),
// so Open never mistakes another program's SQLite database for an empty
// state file and writes into it.
const applicationID = 0x6e777364

// A migration takes the schema from its place in the list (0: an empty
// file) to the next version, inside the transaction it is given. Version N
// of the schema is what migrations[:N] build; PRAGMA user_version holds N.
// Adding version 2 is appending one function.
type migration func(ctx context.Context, tx *sql.Tx) error

// migrations is the schema's history. Never change an entry once released:
// files of every earlier version are brought forward through them.
var migrations = []migration{
	migrate1,
}

// migrate1 is the first schema.
//
// users has one row per user, with the single values (position, list
// view), seen_at (Unix seconds of the last Load or write, for MaxIdle),
// seq (a counter each write takes the next value of, to order marks by
// age without trusting the clock) and marks (the user's number of marks
// rows, kept by triggers, so the MaxMarks check costs no count).
//
// marks has one row per (user, article) with any mark; a row whose marks
// are all cleared is deleted. It is WITHOUT ROWID on that key, so a user's
// marks lie together and Load reads them as one range. seen is the seen
// reactions as encodeSeen writes them, NULL for none. marks_age orders a
// user's marks for dropping: not bookmarked first, then oldest change.
func migrate1(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`CREATE TABLE users (
			id INTEGER PRIMARY KEY,
			name TEXT NOT NULL UNIQUE,
			seen_at INTEGER NOT NULL,
			seq INTEGER NOT NULL DEFAULT 0,
			marks INTEGER NOT NULL DEFAULT 0,
			sort TEXT NOT NULL DEFAULT '',
			view TEXT NOT NULL DEFAULT '',
			article TEXT NOT NULL DEFAULT '',
			open INTEGER NOT NULL DEFAULT 0,
			scroll INTEGER NOT NULL DEFAULT 0
		) STRICT`,
		`CREATE INDEX users_seen ON users (seen_at)`,
		`CREATE TABLE marks (
			user INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
			article TEXT NOT NULL,
			read INTEGER NOT NULL DEFAULT 0,
			bookmark INTEGER NOT NULL DEFAULT 0,
			seen BLOB,
			changed INTEGER NOT NULL,
			PRIMARY KEY (user, article)
		) STRICT, WITHOUT ROWID`,
		`CREATE INDEX marks_age ON marks (user, bookmark, changed)`,
		`CREATE TRIGGER marks_count_insert AFTER INSERT ON marks BEGIN
			UPDATE users SET marks = marks + 1 WHERE id = NEW.user;
		END`,
		`CREATE TRIGGER marks_count_delete AFTER DELETE ON marks BEGIN
			UPDATE users SET marks = marks - 1 WHERE id = OLD.user;
		END`,
	)
}

func execAll(ctx context.Context, tx *sql.Tx, stmts ...string) error {
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// migrate brings the database to len(list) inside one immediate
// transaction: all steps or none. It reads the version inside the
// transaction, so of two processes opening a new file at once one
// migrates and the other finds it done.
func migrate(ctx context.Context, db handle, path string, list []migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return openError(path, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	version, err := checkHeader(ctx, tx, path, len(list))
	if err != nil {
		return err
	}
	if version == len(list) {
		return nil
	}
	if version == 0 {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", applicationID)); err != nil {
			return openError(path, err)
		}
	}
	for v := version; v < len(list); v++ {
		if err := list[v](ctx, tx); err != nil {
			return &OpenError{Path: path, Detail: fmt.Sprintf("upgrading the schema from version %d to %d", v, v+1), Err: err}
		}
	}
	// PRAGMA takes no parameters; the version is our own integer.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(list))); err != nil {
		return openError(path, err)
	}
	if err := tx.Commit(); err != nil {
		return openError(path, err)
	}
	return nil
}

// queryer is what checkHeader reads through: a connection or a transaction.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// checkHeader reads the file's application ID and schema version without
// writing anything, and refuses a file that is not newsdesk's or is newer
// than current. An empty file (version 0, no tables) is accepted.
func checkHeader(ctx context.Context, q queryer, path string, current int) (int, error) {
	// One statement, so one snapshot of the file: three would straddle
	// another process's first migration and see its tables without its
	// application ID, calling a newsdesk file another program's.
	var app, version, objects int
	if err := q.QueryRowContext(ctx, `SELECT
		(SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&app, &version, &objects); err != nil {
		return 0, openError(path, err)
	}
	switch {
	case app != applicationID && (app != 0 || version != 0 || objects != 0):
		return 0, &OpenError{Path: path, Reason: ErrNotState, Detail: "an SQLite database of another program"}
	case version > current:
		return 0, &OpenError{Path: path, Reason: ErrNewerSchema,
			Detail: fmt.Sprintf("schema version %d; this newsdesk reads up to %d", version, current)}
	case version < 0:
		return 0, &OpenError{Path: path, Reason: ErrNotState, Detail: fmt.Sprintf("schema version %d", version)}
	}
	return version, nil
}
