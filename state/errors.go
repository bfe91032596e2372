package state

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Why a state file could not be opened. An *OpenError matches one of them
// with errors.Is.
var (
	// ErrCorrupt: the file is an SQLite database with damaged contents.
	ErrCorrupt = errors.New("the file is damaged")
	// ErrNotState: the file is not a database, or another program's.
	ErrNotState = errors.New("not a newsdesk state file")
	// ErrNewerSchema: a newer newsdesk wrote the file.
	ErrNewerSchema = errors.New("written by a newer newsdesk")
	// ErrPermission: the file or its directory cannot be read or written.
	// SQLite's "unable to open database file" counts as this: after
	// Open's own checks (the path is a regular file or absent, its
	// directory exists) a missing permission is what is left to cause it.
	ErrPermission = errors.New("permission denied")
	// ErrBusy: another process held the file locked for too long.
	ErrBusy = errors.New("locked by another process")
)

// OpenError is why Open could not use a state file. The file has been
// left exactly as it was.
type OpenError struct {
	// Path is the file.
	Path string
	// Reason is one of ErrCorrupt, ErrNotState, ErrNewerSchema,
	// ErrPermission, ErrBusy, or nil when none fits.
	Reason error
	// Detail says more (the schema versions, what was refused); may be "".
	Detail string
	// Err is the underlying error, if any.
	Err error
}

// Error names the file (quoted, so no byte of it can reach a terminal raw)
// and the reason.
func (e *OpenError) Error() string {
	msg := "state file " + strconv.Quote(e.Path) + ": "
	switch {
	case e.Reason != nil && e.Detail != "":
		msg += e.Reason.Error() + " (" + e.Detail + ")"
	case e.Reason != nil:
		msg += e.Reason.Error()
	case e.Detail != "":
		msg += e.Detail
	}
	if e.Err != nil {
		if e.Reason != nil || e.Detail != "" {
			msg += ": "
		}
		msg += e.Err.Error()
	}
	return msg
}

// Unwrap gives the reason and the underlying error to errors.Is and As.
func (e *OpenError) Unwrap() []error {
	var errs []error
	if e.Reason != nil {
		errs = append(errs, e.Reason)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// openError classifies err, met while opening path.
func openError(path string, err error) *OpenError {
	var oe *OpenError
	if errors.As(err, &oe) {
		return oe
	}
	return &OpenError{Path: path, Reason: reasonOf(err), Err: err}
}

// reasonOf is the reason sentinel err stands for, or nil.
func reasonOf(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT:
			return ErrCorrupt
		case sqlite3.SQLITE_NOTADB:
			return ErrNotState
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH, sqlite3.SQLITE_CANTOPEN:
			return ErrPermission
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return ErrBusy
		}
		return nil
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return ErrPermission
	}
	return nil
}

// storeError names the operation that failed.
func storeError(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("state: %s: %w", op, err)
}
