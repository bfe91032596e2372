package library

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Rescanned says what a call of Rescan did, and when the next may start:
// enough for a reader to say "rescanned 12 s ago; next in 18 s".
type Rescanned struct {
	// Started says this call rescanned the library; it did not when
	// another rescan was running or the last one was less than
	// MinRescan ago.
	Started bool
	// Last is when the last rescan (this one, if it started) ended;
	// zero if none has. Next is when the next may start: Last plus
	// MinRescan (zero when any time will do).
	Last, Next time.Time
	// Running says another rescan was under way (Started is false): the
	// next may start once it has ended, and MinRescan after.
	Running bool
	// Files is how many files this rescan looked at; Parsed how many it
	// read again because their size or time changed; Added, Changed and
	// Removed count the articles that changed.
	Files, Parsed           int
	Added, Changed, Removed int
}

// rescanState is the one schedule every caller of Rescan shares.
type rescanState struct {
	mu      sync.Mutex
	running bool
	last    time.Time
}

// Rescan looks at every file of the library again, as the first load did,
// and re-reads only those whose identity, size or modification time
// changed, removing those that are gone; what changed is published as one
// snapshot. It is for file systems where changes can be missed (the R key
// of the reader), and it waits for the scan to end (or ctx).
//
// With MinRescan set, a rescan less than MinRescan after the end of the
// last one (whoever asked for it) does not start, nor does one while
// another runs: Started is false and Next says when one may.
func (l *Library) Rescan(ctx context.Context) (Rescanned, error) {
	l.rescan.mu.Lock()
	now := l.opt.Now()
	st := Rescanned{Last: l.rescan.last, Next: l.nextRescan()}
	if l.rescan.running {
		l.rescan.mu.Unlock()
		st.Running = true
		return st, nil
	}
	if !st.Last.IsZero() && now.Before(st.Next) {
		l.rescan.mu.Unlock()
		return st, nil
	}
	l.rescan.running = true
	l.rescan.mu.Unlock()

	var res scanResult
	err := ctx.Err()
	if err == nil && l.static == nil {
		l.scanMu.Lock()
		res = l.scan(ctx, l.fullScan(scanChanged))
		l.scanMu.Unlock()
		err = ctx.Err()
	}

	l.rescan.mu.Lock()
	defer l.rescan.mu.Unlock()
	l.rescan.running = false
	l.rescan.last = l.opt.Now()
	l.stats.rescans.Add(1)
	return Rescanned{Started: true, Last: l.rescan.last, Next: l.nextRescan(),
		Files: res.files, Parsed: res.parsed, Added: res.added, Changed: res.changed, Removed: res.removed}, err
}

// RescanStatus is when the last Rescan ended and when the next may start,
// without starting one (Started is false; Running says one is under way).
func (l *Library) RescanStatus() Rescanned {
	l.rescan.mu.Lock()
	defer l.rescan.mu.Unlock()
	return Rescanned{Last: l.rescan.last, Next: l.nextRescan(), Running: l.rescan.running}
}

// nextRescan is when the next Rescan may start; the caller holds
// rescan.mu.
func (l *Library) nextRescan() time.Time {
	if l.rescan.last.IsZero() {
		return time.Time{}
	}
	return l.rescan.last.Add(l.opt.MinRescan)
}

// Stats are counters of what a library has done since it was made, for
// tests, logs and a status line.
type Stats struct {
	// Parsed is how many files were read and parsed to index them (the
	// first load, rescans, the watcher, re-indexes by Open); Indexed how
	// many were taken from the warm-start index instead.
	Parsed, Indexed int64
	// Opened is how many files Open read for a reader.
	Opened int64
	// Rescans is how many Rescans ran.
	Rescans int64
	// Watching is how many directories are watched; Unwatched how many
	// could not be (the system's limit), rescanned every UnwatchedEvery
	// instead; WatchLimit is that limit when it was reached, else 0.
	Watching, Unwatched int
	WatchLimit          int
	// Polling says the library is kept live by rescans every Poll (or
	// because no watcher could be made).
	Polling bool
}

// counters are the Stats the library counts as it goes.
type counters struct {
	parsed, indexed, opened, rescans atomic.Int64
}

// Stats is what the library has done so far.
func (l *Library) Stats() Stats {
	s := Stats{Parsed: l.stats.parsed.Load(), Indexed: l.stats.indexed.Load(), Opened: l.stats.opened.Load(), Rescans: l.stats.rescans.Load()}
	if lv := l.live.Load(); lv != nil {
		lv.stats(&s)
	}
	return s
}
