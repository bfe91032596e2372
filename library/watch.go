package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsdesk/newsdesk/article"
)

// DefaultQuiet is how long a changed file must go without a write before
// it is read: long enough that a writer that pauses between two halves
// is not read half-way, short enough that the change shows within a
// second.
const DefaultQuiet = 300 * time.Millisecond

// DefaultUnwatchedEvery is how often the directories that the system's
// watch limit left unwatched are rescanned.
const DefaultUnwatchedEvery = 10 * time.Second

// settle, maxGather and batchGap coalesce bursts: the paths that are due
// (a file renamed into place, one removed, a directory made, a file
// written and then quiet) are read together once no event came for
// settle, or once the first of them has waited maxGather while events
// keep coming, and never sooner than batchGap after the last batch
// (files written in a burst come due one after another, Quiet after each
// one's last write). A single file is read settle after its event (Quiet
// after its last write); a burst of a thousand files becomes a few
// snapshots, not a thousand.
const (
	settle    = 25 * time.Millisecond
	maxGather = 250 * time.Millisecond
	batchGap  = 200 * time.Millisecond
)

// maxPending bounds the paths waiting to be read: past it (a flood of
// files, or of events) the watcher forgets them and rescans the library
// instead, which costs a walk and no more memory.
const maxPending = 100_000

// maxWatchLimitPath is where Linux says how many watches a user may have.
const maxWatchLimitPath = "/proc/sys/fs/inotify/max_user_watches"

// fsWatcher is what the library needs of a file system watcher
// (fsnotify's; tests wrap it to fail on purpose).
type fsWatcher interface {
	Add(path string) error
	Remove(path string) error
	Events() <-chan fsnotify.Event
	Errors() <-chan error
	Close() error
}

// notifyWatcher is fsnotify's watcher as an fsWatcher.
type notifyWatcher struct{ *fsnotify.Watcher }

func (w notifyWatcher) Events() <-chan fsnotify.Event { return w.Watcher.Events }
func (w notifyWatcher) Errors() <-chan error          { return w.Watcher.Errors }

func newNotifyWatcher() (fsWatcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	return notifyWatcher{w}, nil
}

// liveState keeps a library live after its first load: by watching its
// directories (one watcher per Library, whatever the number of readers),
// or by rescanning it every poll.
type liveState struct {
	l *Library
	w fsWatcher // nil when polling
	// poll is the rescan period when polling.
	poll time.Duration

	mu sync.Mutex
	// dirs are the directories known, by clean path: the walked ones
	// and the parents of files named on their own.
	dirs map[string]*dirRec
	// named are the paths the user named that are not directories, by
	// clean path, to the path as named.
	named map[string]string
	// pending are the paths events named, waiting to be read.
	pending map[string]*pend
	// full says a full rescan is due (events were lost).
	full bool
	// last is when the last event came; batched when the last batch of
	// due paths was read.
	last, batched time.Time
	kick          chan struct{}
	// limit is the watch limit once it was reached (logged once).
	limit   int
	limited bool
}

// dirRec is one directory the watcher knows.
type dirRec struct {
	entry article.Entry
	// walked says its entries belong to the library (not only a named
	// file's parent); watched that the watch on it was set.
	walked, watched bool
}

// pend is a path waiting to be read: due when it is to be read, retried
// once its read failed right after a change.
type pend struct {
	due     time.Time
	retried bool
}

// startLive prepares the library to stay live, before the first load (so
// that the load's walk registers the directories it enters); nil when it
// is not to stay live.
func (l *Library) startLive(ctx context.Context) *liveState {
	if !l.onDisk() || (!l.opt.Watch && l.opt.Poll <= 0) {
		return nil
	}
	lv := &liveState{l: l, dirs: map[string]*dirRec{}, named: map[string]string{}, pending: map[string]*pend{}, kick: make(chan struct{}, 1)}
	if l.opt.Poll > 0 {
		lv.poll = l.opt.Poll
	} else {
		mk := l.opt.watcher
		if mk == nil {
			mk = newNotifyWatcher
		}
		w, err := mk()
		if err != nil {
			l.log(slog.LevelWarn, "the library cannot be watched; rescanning it instead", "every", l.opt.UnwatchedEvery, "err", err)
			lv.poll = l.opt.UnwatchedEvery
		} else {
			lv.w = w
			go lv.collect(ctx)
			lv.watchNamed()
		}
	}
	l.live.Store(lv)
	return lv
}

// watchNamed watches the parent directory of each path the user named
// that is not a directory, for that path only: a named file that is
// edited, removed or made later is seen like any other.
func (lv *liveState) watchNamed() {
	for _, p := range lv.l.opt.Paths {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			continue
		}
		clean := filepath.Clean(p)
		lv.mu.Lock()
		lv.named[clean] = p
		parent := filepath.Dir(clean)
		if lv.dirs[parent] == nil {
			rec := &dirRec{entry: article.Entry{Kind: article.EntryDir, Path: parent}}
			rec.watched = lv.add(parent)
			lv.dirs[parent] = rec
		}
		lv.mu.Unlock()
	}
}

// run keeps the library live until ctx is done: it reads the paths that
// events named once they are due, rescans what is not watched, or polls.
func (lv *liveState) run(ctx context.Context) {
	if lv.w != nil {
		defer lv.w.Close()
	}
	l := lv.l
	var unwatched <-chan time.Time
	if lv.w != nil {
		t := time.NewTicker(l.opt.UnwatchedEvery)
		defer t.Stop()
		unwatched = t.C
	}
	var poll <-chan time.Time
	if lv.poll > 0 {
		t := time.NewTicker(lv.poll)
		defer t.Stop()
		poll = t.C
	}
	save := time.NewTicker(saveEvery)
	defer save.Stop()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		timer.Reset(lv.untilDue())
		select {
		case <-ctx.Done():
			return
		case <-lv.kick:
		case <-timer.C:
		case <-save.C:
			l.saveIndex()
		case <-poll:
			lv.rescan(ctx, l.fullScan(scanChanged))
		case <-unwatched:
			lv.rescanUnwatched(ctx)
		}
		if ctx.Err() != nil {
			return
		}
		if lv.takeFull() {
			lv.rescan(ctx, l.fullScan(scanChanged))
		}
		if due := lv.takeDue(); len(due) > 0 {
			lv.process(ctx, due)
			lv.mu.Lock()
			lv.batched = time.Now()
			lv.mu.Unlock()
		}
	}
}

// rescan runs one scan under scanMu.
func (lv *liveState) rescan(ctx context.Context, sp scanSpec) {
	lv.l.scanMu.Lock()
	defer lv.l.scanMu.Unlock()
	lv.l.scan(ctx, sp)
}

// collect turns the watcher's events into pending paths, never blocking
// on a scan: the events of a burst are gathered while the last batch is
// read.
func (lv *liveState) collect(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-lv.w.Events():
			if !ok {
				return
			}
			lv.event(ev)
		case err, ok := <-lv.w.Errors():
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: only a walk knows what changed.
				lv.mu.Lock()
				lv.full = true
				lv.mu.Unlock()
				lv.wake()
			}
		}
	}
}

// wake tells run that something is due or pending.
func (lv *liveState) wake() {
	select {
	case lv.kick <- struct{}{}:
	default:
	}
}

// event notes the path ev names as pending, if the library reads it: a
// file whose content is written must then go Quiet without writes; one
// created (renamed into place), removed or renamed away, or a directory,
// is read after settle.
func (lv *liveState) event(ev fsnotify.Event) {
	p := filepath.Clean(ev.Name)
	dir, base := filepath.Dir(p), filepath.Base(p)
	if strings.HasPrefix(base, ".") {
		return // hidden: never read, never walked
	}
	lv.mu.Lock()
	defer lv.mu.Unlock()
	_, named := lv.named[p]
	parent := lv.dirs[dir]
	switch {
	case named:
	case parent == nil || !parent.walked:
		if lv.dirs[p] != nil && lv.dirs[p].walked {
			// A directory the user named was removed or moved: only a
			// walk of everything says what the library is now.
			lv.full = true
			lv.wake()
		}
		return
	case !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) &&
		!article.IsArticleFile(base):
		return // a write to a file the walk does not read
	}
	delay := settle
	if ev.Has(fsnotify.Write) {
		delay = lv.l.opt.Quiet
	}
	due := time.Now().Add(delay)
	if pd := lv.pending[p]; pd != nil && pd.due.After(due) {
		due = pd.due
	}
	if len(lv.pending) >= maxPending && lv.pending[p] == nil {
		lv.full = true
		clear(lv.pending)
	} else {
		lv.pending[p] = &pend{due: due}
	}
	lv.last = time.Now()
	lv.wake()
}

// untilDue is how long until the due paths are to be read.
func (lv *liveState) untilDue() time.Duration {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if lv.full {
		return 0
	}
	return max(lv.readAt().Sub(time.Now()), 0)
}

// readAt is when the due paths are to be read: once the first is due and
// events have paused for settle, or it has waited maxGather. The caller
// holds mu.
func (lv *liveState) readAt() time.Time {
	if len(lv.pending) == 0 {
		return time.Now().Add(time.Hour)
	}
	var first time.Time
	for _, pd := range lv.pending {
		if first.IsZero() || pd.due.Before(first) {
			first = pd.due
		}
	}
	at := lv.last.Add(settle)
	if limit := first.Add(maxGather); limit.Before(at) {
		at = limit
	}
	if at.Before(first) {
		at = first
	}
	if next := lv.batched.Add(batchGap); at.Before(next) {
		at = next
	}
	return at
}

// takeFull reports whether a full rescan is due, and clears it along
// with what is pending (the rescan sees it all).
func (lv *liveState) takeFull() bool {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if !lv.full {
		return false
	}
	lv.full = false
	clear(lv.pending)
	return true
}

// takeDue removes and returns the pending paths that are due.
func (lv *liveState) takeDue() map[string]*pend {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	now := time.Now()
	if lv.readAt().After(now) {
		return nil
	}
	var due map[string]*pend
	for p, pd := range lv.pending {
		if !pd.due.After(now) {
			if due == nil {
				due = map[string]*pend{}
			}
			due[p] = pd
			delete(lv.pending, p)
		}
	}
	return due
}

// process reads the due paths as the walk would see them now, and
// publishes what changed as one snapshot. Directories gone (or replaced)
// are forgotten first, so that one moved within the library is watched
// under its new name.
func (lv *liveState) process(ctx context.Context, due map[string]*pend) {
	paths := make([]string, 0, len(due))
	for p := range due {
		paths = append(paths, p)
	}
	slices.Sort(paths)

	lv.mu.Lock()
	type step struct {
		path  string
		named string
		dir   article.Entry
	}
	steps := make([]step, 0, len(paths))
	scope := make([]string, 0, len(paths))
	dirs := false
	for _, p := range paths {
		if d := lv.dirs[p]; d != nil && d.walked {
			dirs = true // its files are in the scope too
		}
		if n, ok := lv.named[p]; ok {
			steps = append(steps, step{path: p, named: n})
			scope = append(scope, n)
		} else if d := lv.dirs[filepath.Dir(p)]; d != nil && d.walked {
			steps = append(steps, step{path: p, dir: d.entry})
			scope = append(scope, p)
		}
	}
	lv.mu.Unlock()
	lv.forgetGone(paths)

	sp := scanSpec{
		mode: scanChanged,
		dir:  lv.watchDir,
		walk: func(ctx context.Context, fn func(article.Entry) bool) bool {
			for _, s := range steps {
				var ok bool
				if s.named != "" {
					ok = article.Walk(ctx, []string{s.named}, fn)
				} else {
					ok = article.WalkChild(ctx, s.dir, filepath.Base(s.path), lv.knownOutside(s.path), fn)
				}
				if !ok {
					return false
				}
			}
			return true
		},
		scope: scope,
		dirs:  dirs,
		hold: func(d *fileData) bool {
			if d.gone || !hasError(d.probs) {
				return false
			}
			p := filepath.Clean(d.path)
			if pd := due[p]; pd != nil && pd.retried {
				return false
			}
			// Right after a change a file may be half-written: read it
			// once more after a quiet time before reporting it.
			lv.mu.Lock()
			defer lv.mu.Unlock()
			if lv.pending[p] == nil {
				lv.pending[p] = &pend{due: time.Now().Add(lv.l.opt.Quiet), retried: true}
			}
			return true
		},
	}
	lv.rescan(ctx, sp)
}

// hasError reports whether one of probs is an error.
func hasError(probs []article.Problem) bool {
	return slices.ContainsFunc(probs, func(p article.Problem) bool { return p.Severity == article.SeverityError })
}

// knownOutside reports the directories the library walks already that
// are not at or under path (and are still where it found them): a link
// to one of them, or a loop, is not walked again, as Load would not.
func (lv *liveState) knownOutside(path string) func(fs.FileInfo) bool {
	return func(fi fs.FileInfo) bool {
		lv.mu.Lock()
		var same []string
		for dp, d := range lv.dirs {
			if d.walked && d.entry.Info != nil && !under(dp, path) && os.SameFile(d.entry.Info, fi) {
				same = append(same, d.entry.Path)
			}
		}
		lv.mu.Unlock()
		for _, p := range same {
			if now, err := os.Stat(p); err == nil && os.SameFile(now, fi) {
				return true
			}
		}
		return false
	}
}

// forgetGone forgets the directories at or under paths that are gone or
// are another directory now, and removes their watches.
func (lv *liveState) forgetGone(paths []string) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	for dp, d := range lv.dirs {
		if !d.walked || !slices.ContainsFunc(paths, func(p string) bool { return under(dp, p) }) {
			continue
		}
		if fi, err := os.Stat(d.entry.Path); err == nil && d.entry.Info != nil && os.SameFile(fi, d.entry.Info) {
			continue
		}
		lv.forget(dp)
	}
}

// forget drops the directory dp and its watch; the caller holds mu.
func (lv *liveState) forget(dp string) {
	if d := lv.dirs[dp]; d != nil && d.watched && lv.w != nil {
		_ = lv.w.Remove(dp) // already gone with the directory, often
	}
	delete(lv.dirs, dp)
}

// watchDir records a directory a walk entered and watches it (before the
// walk reads it, so nothing made meanwhile is missed). Another path to
// the same directory (it was moved, and its old name is not processed
// yet) is forgotten first: the system watches a directory once.
func (lv *liveState) watchDir(e article.Entry) {
	dp := filepath.Clean(e.Path)
	lv.mu.Lock()
	defer lv.mu.Unlock()
	if d := lv.dirs[dp]; d != nil && d.walked && d.watched && d.entry.Info != nil && e.Info != nil && os.SameFile(d.entry.Info, e.Info) {
		return
	}
	if e.Info != nil {
		for op, d := range lv.dirs {
			if op != dp && d.entry.Info != nil && os.SameFile(d.entry.Info, e.Info) {
				lv.forget(op)
			}
		}
	}
	rec := &dirRec{entry: e, walked: true}
	if old := lv.dirs[dp]; old != nil && old.watched {
		rec.watched = true // the parent of a named file, now walked too
	}
	if lv.w != nil && !rec.watched {
		rec.watched = lv.add(dp)
	}
	lv.dirs[dp] = rec
}

// add watches dp and reports whether it could; the caller holds mu. When
// the system's watch limit is reached it says so, once.
func (lv *liveState) add(dp string) bool {
	err := lv.w.Add(dp)
	if err == nil {
		return true
	}
	if (errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE)) && !lv.limited {
		lv.limited = true
		lv.limit = watchLimit()
		lv.l.log(slog.LevelWarn, limitMessage(lv.limit, lv.l.opt.UnwatchedEvery), "dir", dp, "err", err)
	}
	return false
}

// watchLimit is the system's limit of watches per user (0 when unknown).
func watchLimit() int {
	b, err := os.ReadFile(maxWatchLimitPath)
	if err != nil {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	return n
}

// limitMessage says that the watch limit was reached, what newsdesk does
// instead, and how to raise it.
func limitMessage(limit int, every time.Duration) string {
	if limit <= 0 {
		return fmt.Sprintf("the system's limit of file watches is reached: the directories not watched are rescanned every %s instead (on Linux, raise fs.inotify.max_user_watches)", every)
	}
	raise := max(2*limit, 524288)
	return fmt.Sprintf("the system's limit of %d inotify watches (fs.inotify.max_user_watches) is reached: "+
		"the directories not watched are rescanned every %s instead; raise it with "+
		"`sudo sysctl fs.inotify.max_user_watches=%d`, and keep it with a line "+
		"`fs.inotify.max_user_watches=%d` in /etc/sysctl.d/90-newsdesk.conf", limit, every, raise, raise)
}

// rescanUnwatched rescans the directories that are not watched (the
// topmost of each unwatched tree: a walk covers what it holds).
func (lv *liveState) rescanUnwatched(ctx context.Context) {
	lv.mu.Lock()
	var tops []string
	for dp, d := range lv.dirs {
		if d.walked && !d.watched {
			tops = append(tops, dp)
		}
	}
	slices.Sort(tops)
	due := map[string]*pend{}
	root := false
	for i, dp := range tops {
		if i > 0 && slices.ContainsFunc(tops[:i], func(t string) bool { return under(dp, t) }) {
			continue
		}
		if parent := lv.dirs[filepath.Dir(dp)]; parent != nil && parent.walked {
			due[dp] = &pend{retried: true}
		} else {
			root = true // a directory the user named
		}
	}
	lv.mu.Unlock()
	if root {
		lv.rescan(ctx, lv.l.fullScan(scanChanged))
		return
	}
	if len(due) > 0 {
		lv.process(ctx, due)
	}
}

// stats adds the watcher's figures to s.
func (lv *liveState) stats(s *Stats) {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	s.Polling = lv.poll > 0
	s.WatchLimit = lv.limit
	for _, d := range lv.dirs {
		if d.walked && d.watched {
			s.Watching++
		} else if d.walked {
			s.Unwatched++
		}
	}
}
