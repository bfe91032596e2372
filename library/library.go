package library

import (
	"context"
	"errors"
	"io/fs"
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

// Options says what a Library reads.
type Options struct {
	// Paths are the files and directories to load, as the user named
	// them. With none, FS is loaded.
	Paths []string
	// FS and FSPrefix are the bundled library (the embedded seeds), named
	// "FSPrefix/NAME"; used when Paths is empty.
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
	// year for files without a modification time.
	Now func() time.Time
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
	// stopLoad cancels the load in progress, if any.
	stopLoad context.CancelFunc
	// gen is the last published snapshot's number.
	gen uint64
	// editMu serialises the changes made to the current snapshot
	// (replaceFile): each reads the current one and publishes the next.
	editMu sync.Mutex

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
	l := &Library{opt: opt, changed: make(chan struct{}), cache: newArticleCache(opt.CacheSize)}
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
// ever need the newest.
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

// publish makes s the current snapshot, numbering it.
func (l *Library) publish(s *Snapshot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gen++
	s.gen = l.gen
	l.cur.Store(s)
	close(l.changed)
	l.changed = make(chan struct{})
}

// Start loads the library in the background, publishing what it has read
// every PublishEvery (the first articles at once) and a final snapshot
// that is no longer loading. It returns a channel closed when the load has
// ended. A load already running is cancelled first.
func (l *Library) Start(ctx context.Context) <-chan struct{} {
	return l.load(ctx, true)
}

// Reload reads the whole library again in the background and publishes it
// as one snapshot when it has been read (the current one stays in place
// until then, so a reader's list does not empty and refill). A load
// already running is cancelled first.
func (l *Library) Reload(ctx context.Context) <-chan struct{} {
	return l.load(ctx, false)
}

// load runs one load of the whole library; stream says whether to publish
// while it goes on.
func (l *Library) load(ctx context.Context, stream bool) <-chan struct{} {
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
	l.mu.Unlock()

	done := make(chan struct{})
	go func() {
		defer close(done)
		defer cancel()
		b := builder{lib: l, snap: empty()}
		results := l.read(ctx)
		tick := time.NewTicker(l.opt.PublishEvery)
		defer tick.Stop()
		published := false
		for {
			select {
			case r, ok := <-results:
				if !ok {
					if ctx.Err() != nil {
						return // superseded or stopped: publish nothing half-read
					}
					l.publish(b.flush(false))
					return
				}
				b.add(r)
				if stream && !published && len(b.pending) > 0 {
					// The first articles at once: the first frame
					// should not wait for a tick.
					l.publish(b.flush(true))
					published = true
				}
			case <-tick.C:
				if stream && b.dirty() {
					l.publish(b.flush(true))
					published = true
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	return done
}

// read starts the loader on the library's paths.
func (l *Library) read(ctx context.Context) <-chan article.Result {
	if len(l.opt.Paths) > 0 {
		return article.Load(ctx, l.opt.Paths, l.opt.Load)
	}
	if l.opt.FS == nil {
		ch := make(chan article.Result)
		close(ch)
		return ch
	}
	return article.LoadFS(ctx, l.opt.FS, l.opt.FSPrefix, l.opt.Load)
}

// nameOf is what the file shown as p is opened as.
func (l *Library) nameOf(p string) string {
	if len(l.opt.Paths) == 0 && l.opt.FSPrefix != "" {
		return strings.TrimPrefix(p, l.opt.FSPrefix+"/")
	}
	return p
}

// builder accumulates load results into the next snapshot: summaries are
// appended (never re-sorted: each published snapshot merges the new ones
// into the previous orders).
type builder struct {
	lib  *Library
	snap *Snapshot // the last one flushed (or empty)
	// arts and problems grow by append; a published snapshot holds a
	// prefix of them, which appending never changes.
	arts     []*Summary
	problems []article.Problem
	pending  []*Summary
	newProbs bool
}

// add takes one file's result.
func (b *builder) add(r article.Result) {
	now := b.lib.opt.Now()
	name := b.lib.nameOf(r.Path)
	for k := range r.Articles {
		a := &r.Articles[k]
		s := summarize(a, r.Index, k, name, now)
		b.arts = append(b.arts, s)
		b.pending = append(b.pending, s)
		for _, w := range a.Warnings {
			b.problems = append(b.problems, article.Problem{Path: a.Name(), Severity: article.SeverityWarning, Message: strings.Clone(w)})
			b.newProbs = true
		}
	}
	for _, p := range r.Problems {
		p.Path, p.Message = strings.Clone(p.Path), strings.Clone(p.Message)
		b.problems = append(b.problems, p)
		b.newProbs = true
	}
}

// dirty reports whether anything arrived since the last flush.
func (b *builder) dirty() bool { return len(b.pending) > 0 || b.newProbs }

// flush makes the next snapshot: the previous one's orders with the
// pending summaries merged in; loading says whether more will come.
func (b *builder) flush(loading bool) *Snapshot {
	prev := b.snap
	s := &Snapshot{arts: b.arts[:len(b.arts):len(b.arts)], problems: b.problems[:len(b.problems):len(b.problems)], loading: loading}
	for by := range sorts {
		s.orders[by] = mergeOrder(by, prev.orders[by], s.arts)
	}
	b.snap, b.pending, b.newProbs = s, b.pending[:0], false
	return s
}

// NewStatic returns a library holding arts and probs, already loaded: its
// one snapshot is published at once and Open returns the articles given,
// without reading any file. It is for articles that are not on disk (tests,
// an article handed over by a caller); Start and Reload keep it as it is.
func NewStatic(arts []article.Article, probs []article.Problem) *Library {
	l := New(Options{})
	l.static = make(map[article.ID]*article.Article, len(arts))
	l.staticFiles = make(map[string][]article.Article)
	b := builder{lib: l, snap: empty()}
	for i := range arts {
		a := &arts[i]
		l.static[a.ID] = a
		l.staticFiles[a.Path] = append(l.staticFiles[a.Path], *a)
		b.add(article.Result{Index: i, Path: a.Path, Articles: arts[i : i+1]})
	}
	b.add(article.Result{Index: len(arts), Problems: probs})
	l.publish(b.flush(false))
	return l
}
