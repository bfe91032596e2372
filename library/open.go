package library

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"golang.org/x/sync/singleflight"

	"github.com/newsdesk/newsdesk/article"
)

// Bounds of the cache of full articles that Open fills, shared by every
// reader: the articles being read and a few around them, never the library.
const (
	// DefaultCacheSize is how many articles the cache holds at most.
	DefaultCacheSize = 128
	// cacheBytes bounds the text the cache holds: a few large articles
	// push out many small ones rather than growing memory.
	cacheBytes = 32 << 20
)

// ErrNotFound is returned by Open for an article that its file no longer
// holds (the file was edited or removed since the snapshot was made) and
// that the cache no longer holds either.
var ErrNotFound = errors.New("article no longer in the library")

// Open reads the full article that s summarises from its file, with every
// rule of the loader (a file since swapped for a FIFO, a link to nowhere or
// a 200 MiB file gets the loader's error), through a cache shared by all
// readers. An article whose file has changed since s was made is never
// returned stale: the file is read again, a snapshot with its new summaries
// is published (readers see it through Wait), and the new text is returned.
// Readers opening the same article at once read the file once.
//
// An article whose file has been removed stays readable as long as the
// cache holds it (the text it had, at s's version), so a reader can keep
// showing what it had open; once the cache has let it go, Open returns an
// error wrapping ErrNotFound.
func (l *Library) Open(ctx context.Context, s *Summary) (*article.Article, error) {
	if l.static != nil {
		if a, ok := l.static[s.ID]; ok {
			return a, nil
		}
		return nil, fmt.Errorf("%s: %w", s.Path, ErrNotFound)
	}
	if a, ok := l.cached(s); ok {
		return a, nil
	}
	v, err, _ := l.cache.flight.Do(string(s.ID), func() (any, error) {
		if a, ok := l.cached(s); ok {
			return a, nil
		}
		r := l.readFile(s)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		l.stats.opened.Add(1)
		found := foundIn(r, s)
		if found == nil || found.Version != s.Version {
			// The file is not what was indexed: index it again.
			l.reindex(s, r)
		}
		if found == nil {
			return nil, l.fileError(s, r)
		}
		l.cache.add(found)
		return found, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*article.Article), nil
}

// cached is s's article from the cache, if its file still has the
// modification time it had when s was made, or is gone (one stat: an
// edit that kept the time is seen when the cache no longer holds the
// article, since reading the file checks its bytes' Version, and by the
// library's watcher).
func (l *Library) cached(s *Summary) (*article.Article, bool) {
	a, ok := l.cache.get(s.ID, s.Version)
	if !ok || s.mtime == 0 {
		return a, ok
	}
	fi, err := os.Stat(s.name)
	if errors.Is(err, fs.ErrNotExist) {
		return a, true // removed: the last text it had
	}
	if err != nil || fi.ModTime().UnixNano() != s.mtime {
		return nil, false
	}
	return a, true
}

// gone reports whether the file of s no longer exists.
func (l *Library) gone(s *Summary) bool {
	if !l.onDisk() {
		return false
	}
	_, err := os.Lstat(s.name)
	return errors.Is(err, fs.ErrNotExist)
}

// readFile reads the one file s came from, with the loader's rules.
func (l *Library) readFile(s *Summary) article.Result {
	if !l.onDisk() && l.opt.FS != nil {
		return article.StatFileFS(l.opt.FS, l.opt.FSPrefix, s.name).Read(l.opt.Load)
	}
	return article.StatFile(s.name).Read(l.opt.Load)
}

// reindex publishes what the file of s gives now (r, just read): a file
// that is gone leaves the library (a path the user named stays, as an
// error).
func (l *Library) reindex(s *Summary, r article.Result) {
	r.Path = s.Path
	d := dataOf(r, s.name, false, l.opt.Now())
	d.gone = l.gone(s)
	a := l.apply([]*fileData{d}, applyOpts{loading: l.Snapshot().Loading()})
	l.note(a, &scanResult{})
}

// articleCache holds full articles by (ID, Version), least recently used
// first out, within DefaultCacheSize entries and cacheBytes of text.
type articleCache struct {
	flight singleflight.Group

	mu      sync.Mutex
	max     int
	bytes   int
	order   *list.List // of *cached, most recent at the front
	entries map[cacheKey]*list.Element
}

type cacheKey struct {
	id article.ID
	v  article.Version
}

type cached struct {
	key  cacheKey
	a    *article.Article
	size int
}

func newArticleCache(n int) *articleCache {
	if n <= 0 {
		n = DefaultCacheSize
	}
	return &articleCache{max: n, order: list.New(), entries: map[cacheKey]*list.Element{}}
}

func (c *articleCache) get(id article.ID, v article.Version) (*article.Article, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[cacheKey{id, v}]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cached).a, true
}

func (c *articleCache) add(a *article.Article) {
	size := int(a.TextSize())
	if size > cacheBytes {
		return // read each time rather than hold it
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := cacheKey{a.ID, a.Version}
	if _, ok := c.entries[k]; ok {
		return
	}
	c.entries[k] = c.order.PushFront(&cached{key: k, a: a, size: size})
	c.bytes += size
	for c.order.Len() > c.max || c.bytes > cacheBytes {
		e := c.order.Back()
		old := e.Value.(*cached)
		c.order.Remove(e)
		delete(c.entries, old.key)
		c.bytes -= old.size
	}
}
