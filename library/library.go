package library

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// DefaultPublishEvery is how often a streaming load publishes a snapshot:
// often enough that the list fills in smoothly, rarely enough that 100,000
// files do not make 100,000 snapshots.
const DefaultPublishEvery = 100 * time.Millisecond

// Options says what a Library reads and how it stays live.
type Options struct {
	// Paths are the files and directories to load, as the user named
	// them. With none, FS is loaded.
	Paths []string
	// FS and FSPrefix are the bundled library (the embedded seeds), named
	// "FSPrefix/NAME"; used when Paths is empty. It never changes, so it
	// is neither watched nor indexed.
	FS       fs.FS
	FSPrefix string
	// Load tunes the loader (workers, size limit).
	Load article.Options
	// PublishEvery is how often a streaming load publishes what it has
	// (DefaultPublishEvery if zero).
	PublishEvery time.Duration
	// CacheSize bounds the full articles kept for Open (DefaultCacheSize
	// if zero).
	CacheSize int
	// Now is the clock (time.Now if nil); it dates wire dates without a
	// year for files without a modification time, and times rescans.
	Now func() time.Time

	// Watch keeps the library live once Start has loaded it: every
	// directory is watched for files added, changed and removed, each
	// change published as a new snapshot (see the package comment).
	Watch bool
	// Poll, when positive, keeps the library live by rescanning it every
	// Poll instead of watching it, for file systems that send no change
	// events (network file systems, some containers). It wins over
	// Watch.
	Poll time.Duration
	// Quiet is how long a changed file must go without a write before it
	// is read (DefaultQuiet if zero); a file renamed into place is read
	// at once.
	Quiet time.Duration
	// UnwatchedEvery is how often the directories that the system's
	// watch limit left unwatched are rescanned (DefaultUnwatchedEvery if
	// zero).
	UnwatchedEvery time.Duration
	// MinRescan is the shortest time between two Rescans, shared by every
	// caller (0: none): a server sets it so that no client can make it
	// rescan in a loop.
	MinRescan time.Duration
	// IndexPath is the warm-start index, an SQLite file of the parsed
	// summaries ("" for none; DefaultIndexPath is newsdesk's). It is a
	// cache: a start on a library seen before shows it at once from the
	// index, then checks the files against it.
	IndexPath string
	// TuneGC lets the library tune the process's garbage collector
	// around its first load, for a long-running process whose main work
	// it is (the reader, serve; tests leave it off). A warm start runs
	// with the collector held back (see gcHold): a fresh process's heap
	// grows from nothing, and collecting it ten times on the way cost a
	// third of a 100,000-article warm start. A load without an index
	// keeps its heap near 130 MiB until its save is written (see
	// coldGC), where the default lets it grow to twice what is live.
	// When the load ends, the memory it used for itself goes back to the
	// operating system (a full collection, debug.FreeOSMemory) instead
	// of over minutes: 260 MB resident where 165 MB is needed. GOGC or
	// GOMEMLIMIT set in the environment leave the collector as they say.
	TuneGC bool
	// PrepareCommentators builds each snapshot's commentator index in
	// the background before anyone asks for it: the final snapshot of a
	// load at once, a later one once the library has been quiet for
	// PrepareAfter (one build, 42–64 ms at 100,000 articles, per quiet
	// spell, never one per file of a burst). A reader's commentators
	// screen then opens in under a millisecond instead of waiting for
	// the build. For the reader and serve; tests leave it off.
	PrepareCommentators bool
	// Logger receives the library's few messages: the watch limit
	// reached, an index set aside or unusable, how a start went. nil
	// drops them.
	Logger *slog.Logger

	// watcher makes the file system watcher (tests inject failures);
	// nil is fsnotify's.
	watcher func() (fsWatcher, error)
	// onPublish, if set, sees every snapshot as it is published (tests
	// check that none was ever wrong).
	onPublish func(*Snapshot)
}

// Library is the loaded set of articles shared by every reader. It is safe
// for concurrent use.
type Library struct {
	opt Options

	cur atomic.Pointer[Snapshot]

	// mu serialises publishing and guards changed and the running load.
	mu sync.Mutex
	// changed is closed when a snapshot is published (and replaced by a
	// new channel): every Wait wakes at once, whatever their number.
	changed chan struct{}
	// stopLoad cancels the load in progress (and the watching that
	// follows it), if any.
	stopLoad context.CancelFunc
	// loaded is closed when the first load of Start has ended (nil
	// before Start).
	loaded <-chan struct{}
	// gen is the last published snapshot's number.
	gen uint64

	// scanMu serialises the scans (loads, rescans, the watcher's
	// batches): each compares the disk with the records and applies the
	// difference.
	scanMu sync.Mutex
	// scans numbers the scans, for the records' seen stamps.
	scans atomic.Uint64

	// editMu serialises the edits of the current snapshot (apply) and
	// guards the records: each edit reads the current snapshot and
	// publishes the next.
	editMu sync.Mutex
	// files are the records of the paths indexed, by path as shown;
	// dirty says they changed since they were last saved in the index.
	files map[string]fileRec
	dirty bool
	// nextFile is the next free place in the load order; edits counts
	// the edits.
	nextFile int
	edits    uint64
	// arts is the current snapshot's articles with the capacity of
	// their buffer, for appends (see apply); keys are their orderKeys
	// while a load merges (nil otherwise).
	arts []*Summary
	keys orderKeys

	rescan rescanState
	stats  counters

	// prepMu guards prepTimer, the wait for a quiet spell after which
	// the current snapshot's commentator index is built
	// (PrepareCommentators); prepStop is set once Close has stopped it.
	prepMu    sync.Mutex
	prepTimer *time.Timer
	prepStop  bool
	index     *index
	// indexKey names the library in the index.
	indexKey string
	live     atomic.Pointer[liveState]

	cache *articleCache
	// static holds the articles of a NewStatic library, which has no
	// files, and staticFiles them by path, as ReadFile reads a file.
	static      map[article.ID]*article.Article
	staticFiles map[string][]article.Article
}

// New returns a library that has loaded nothing yet (its snapshot is empty
// and loading); Start loads it.
func New(opt Options) *Library {
	if opt.PublishEvery <= 0 {
		opt.PublishEvery = DefaultPublishEvery
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Quiet <= 0 {
		opt.Quiet = DefaultQuiet
	}
	if opt.UnwatchedEvery <= 0 {
		opt.UnwatchedEvery = DefaultUnwatchedEvery
	}
	l := &Library{opt: opt, changed: make(chan struct{}), cache: newArticleCache(opt.CacheSize),
		files: map[string]fileRec{}}
	l.cur.Store(empty())
	return l
}

// Paths are the files and directories the library reads, as named (none
// for the bundled library).
func (l *Library) Paths() []string { return l.opt.Paths }

// Snapshot is the library as published last.
func (l *Library) Snapshot() *Snapshot { return l.cur.Load() }

// ErrFinal is returned by Wait on a library that will never publish
// another snapshot (NewStatic).
var ErrFinal = errors.New("library: no newer snapshot will come")

// Wait returns the first snapshot newer than gen, waiting for it until ctx
// is done (then it returns the current snapshot and ctx's error). Readers
// that are slower than the snapshots skip the ones in between: they only
// ever need the newest, and its ChangesSince(gen) says what they missed.
func (l *Library) Wait(ctx context.Context, gen uint64) (*Snapshot, error) {
	for {
		l.mu.Lock()
		s, ch := l.cur.Load(), l.changed
		l.mu.Unlock()
		if s.gen > gen {
			return s, nil
		}
		if l.static != nil {
			return s, ErrFinal
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return l.cur.Load(), ctx.Err()
		}
	}
}

// publish makes s the current snapshot, numbering it (and its delta).
func (l *Library) publish(s *Snapshot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gen++
	s.gen = l.gen
	if len(s.hist) > 0 {
		s.hist[len(s.hist)-1].gen = s.gen
	}
	prev := l.cur.Swap(s)
	if l.opt.onPublish != nil {
		l.opt.onPublish(s)
	}
	close(l.changed)
	l.changed = make(chan struct{})
	if l.opt.PrepareCommentators && !s.loading {
		l.prepare(s, prev == nil || prev.loading)
	}
}

// Start loads the library in the background, publishing what it has read
// every PublishEvery (the first articles at once) and a final snapshot
// that is no longer loading. With an index that knows the library, the
// first snapshot is the indexed library, at once, and the load reads only
// the files changed since. It returns a channel closed when the load has
// ended; with Watch or Poll the library then stays live until ctx is done.
// A load already running is cancelled first.
func (l *Library) Start(ctx context.Context) <-chan struct{} {
	if l.static != nil {
		done := make(chan struct{})
		close(done)
		return done
	}
	ctx, cancel := context.WithCancel(ctx)
	l.mu.Lock()
	if l.stopLoad != nil {
		l.stopLoad()
	}
	l.stopLoad = cancel
	done := make(chan struct{})
	l.loaded = done
	l.mu.Unlock()

	go func() {
		defer cancel()
		lv := l.startLive(ctx)
		l.scanMu.Lock()
		ok := l.initial(ctx)
		l.scanMu.Unlock()
		close(done)
		if ok && l.opt.TuneGC {
			debug.FreeOSMemory()
		}
		switch {
		case lv == nil:
		case ok:
			lv.run(ctx)
		case lv.w != nil:
			lv.w.Close() // stopped before it was loaded: nothing to keep live
		}
	}()
	return done
}

// Saved returns once Start's first load has ended and the library it
// saves in the index (Options.IndexPath) is written, at once for a
// library not started or without an index; ctx's error if ctx ends first.
// The search index waits for it before it builds, so that the two do not
// hold their memory at once: a first start on 100,000 articles peaked at
// 40–50 MiB more when they did.
func (l *Library) Saved(ctx context.Context) error {
	l.mu.Lock()
	loaded := l.loaded
	l.mu.Unlock()
	if loaded == nil {
		return nil
	}
	select {
	case <-loaded:
	case <-ctx.Done():
		return ctx.Err()
	}
	return l.indexWritten(ctx)
}

// indexWritten returns once no save is queued for the index or being
// written (at once without an index); ctx's error if ctx ends first.
func (l *Library) indexWritten(ctx context.Context) error {
	if l.index == nil {
		return nil
	}
	select {
	case <-l.index.saved():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Reload reads every file of the library again in the background (even
// those whose size and time did not change) and publishes what changed as
// one snapshot when it has been read (the current one stays in place until
// then, so a reader's list does not empty and refill). It returns a
// channel closed when it has ended.
func (l *Library) Reload(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	if l.static != nil {
		close(done)
		return done
	}
	go func() {
		defer close(done)
		l.scanMu.Lock()
		defer l.scanMu.Unlock()
		l.scan(ctx, l.fullScan(scanReparse))
	}()
	return done
}

// PrepareAfter is how long the library must have been quiet (no newer
// snapshot) before a snapshot's commentator index is built unasked
// (Options.PrepareCommentators).
const PrepareAfter = time.Second

// prepare builds s's commentator index in the background: at once for
// the end of a load (now), else after PrepareAfter unless a newer
// snapshot has come by then (which starts the wait again).
func (l *Library) prepare(s *Snapshot, now bool) {
	l.prepMu.Lock()
	defer l.prepMu.Unlock()
	if l.prepStop {
		return
	}
	if l.prepTimer != nil {
		l.prepTimer.Stop()
	}
	wait := PrepareAfter
	if now {
		wait = 0
	}
	l.prepTimer = time.AfterFunc(wait, func() {
		if l.cur.Load() == s {
			s.Commentators()
		}
	})
}

// Close stops keeping the library live (the watcher, polling) and any
// load in progress, and writes what the index still has to write. The
// snapshots stay readable, and Open keeps working.
func (l *Library) Close() {
	l.prepMu.Lock()
	l.prepStop = true
	if l.prepTimer != nil {
		l.prepTimer.Stop()
	}
	l.prepMu.Unlock()
	l.mu.Lock()
	if l.stopLoad != nil {
		l.stopLoad()
	}
	l.mu.Unlock()
	// A scan still running finishes its edit before the index closes.
	l.scanMu.Lock()
	defer l.scanMu.Unlock()
	if l.index != nil {
		l.saveIndex()
		l.index.close()
	}
}

// nameOf is what the file shown as p is opened as.
func (l *Library) nameOf(p string) string {
	if len(l.opt.Paths) == 0 && l.opt.FSPrefix != "" {
		return strings.TrimPrefix(p, l.opt.FSPrefix+"/")
	}
	return p
}

// onDisk reports whether the library reads the operating system's files
// (which change), not the embedded seeds.
func (l *Library) onDisk() bool { return len(l.opt.Paths) > 0 }

// log writes one message at level, if there is a logger.
func (l *Library) log(level slog.Level, msg string, args ...any) {
	if l.opt.Logger != nil {
		l.opt.Logger.Log(context.Background(), level, msg, args...)
	}
}

// NewStatic returns a library holding arts and probs, already loaded: its
// one snapshot is published at once and Open returns the articles given,
// without reading any file. It is for articles that are not on disk (tests,
// an article handed over by a caller); Start and Reload keep it as it is.
func NewStatic(arts []article.Article, probs []article.Problem) *Library {
	l := New(Options{})
	l.static = make(map[article.ID]*article.Article, len(arts))
	l.staticFiles = make(map[string][]article.Article)
	now := l.opt.Now()
	batch := make([]*fileData, 0, len(arts)+1)
	for i := range arts {
		a := &arts[i]
		l.static[a.ID] = a
		l.staticFiles[a.Path] = append(l.staticFiles[a.Path], *a)
		d := dataOf(article.Result{Path: a.Path, ID: a.ID, Articles: arts[i : i+1]}, a.Path, false, now)
		// One entry per article: two articles of one path stay two.
		d.path, d.file = string(a.ID)+"\x00"+a.Path, i
		batch = append(batch, d)
	}
	if len(probs) > 0 {
		batch = append(batch, &fileData{path: "\x00problems", probs: probs, file: len(arts)})
	}
	l.apply(batch, applyOpts{force: true})
	return l
}
