package ui

import "context"

// fetch guards one kind of asynchronous work of a screen (reading an
// article, rendering it, matching a filter): each start cancels the work
// it supersedes and numbers the new one, and a result is taken only if it
// carries the current number. So stale work is both stopped (its context
// is cancelled) and ignored (its number is old), by one mechanism for
// every kind of work. Numbers come from the session (common.nextID), so
// the results of two screens' fetches, which every screen sees, never
// answer each other's.
type fetch struct {
	id     uint64
	cancel context.CancelFunc
}

// start cancels the work in progress and returns the new work's number and
// context (a child of the session's).
func (f *fetch) start(c *common) (uint64, context.Context) {
	f.stop()
	c.lastID++
	f.id = c.lastID
	ctx, cancel := context.WithCancel(c.ctx)
	f.cancel = cancel
	return f.id, ctx
}

// stop cancels the work in progress, if any; its result will be ignored.
func (f *fetch) stop() {
	if f.cancel != nil {
		f.cancel()
	}
	f.id, f.cancel = 0, nil
}

// current reports whether id is the work in progress. If so that work is
// done: its context is released and a second result would not be current.
func (f *fetch) current(id uint64) bool {
	if id == 0 || id != f.id {
		return false
	}
	f.stop()
	return true
}

// pending reports whether work is in progress.
func (f *fetch) pending() bool { return f.id != 0 }
