// Package state remembers each reader between sessions: which articles they
// have read and bookmarked, where they stopped (the article, the reader's
// scroll position, the list's sort and view) and which reactions to each
// article they have already seen, so the list can say "K new".
//
// It exists so that the user interface never touches a database: the UI
// loads one user's whole State once at session start (Store.Load) and sends
// every change as one small write (MarkRead, SetBookmark, SetSeen, …) from a
// tea.Cmd. Store is an interface so that a server database can replace the
// embedded one without the UI noticing.
//
// Open is the embedded implementation: one SQLite file (modernc.org/sqlite,
// pure Go) in WAL mode, shared by the local reader and a running
// `newsdesk serve` at the same time. Every change is one immediate write
// transaction, so a process killed at any moment leaves everything it
// committed. A file that cannot be used (corrupt, another program's
// database, a newer schema, no permission) is never rewritten or reset:
// Open returns an *OpenError naming it, and the caller carries on with
// NewMemory, which keeps marks for the session only and writes nothing to
// disk. NewMemory is the same SQLite code on a private in-memory database,
// so both stores follow one set of rules (bounds, validation, what a mark
// is) rather than two copies of them.
//
// A user is an opaque string chosen by the caller (the OS user locally, the
// key fingerprint over SSH). The package imports article for the ID type
// only.
package state
