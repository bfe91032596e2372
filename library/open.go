package library

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
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
// holds (the file was edited or removed since the snapshot was made).
var ErrNotFound = errors.New("article no longer in the library")

// Open reads the full article that s summarises from its file, with every
// rule of the loader (a file since swapped for a FIFO, a link to nowhere or
// a 200 MiB file gets the loader's error), through a cache shared by all
// readers. An article whose file has changed since s was made is never
// returned stale: the file is read again, a snapshot with its new summaries
// is published (readers see it through Wait), and the new text is returned.
// Readers opening the same article at once read the file once.
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
		found := foundIn(r, s)
		if found == nil || found.Version != s.Version {
			// The file is not what was indexed: index it again.
			l.replaceFile(s.Path, s.name, r)
		}
		if found == nil {
			return nil, fileError(s, r)
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
// modification time it had when s was made (one stat: an edit that kept
// the time is seen when the cache no longer holds the article, since
// reading the file checks its bytes' Version, and by the library's
// watcher).
func (l *Library) cached(s *Summary) (*article.Article, bool) {
	a, ok := l.cache.get(s.ID, s.Version)
	if !ok || s.mtime == 0 {
		return a, ok
	}
	fi, err := os.Stat(s.name)
	if err != nil || fi.ModTime().UnixNano() != s.mtime {
		return nil, false
	}
	return a, true
}

// readFile reads the one file s came from, with the loader's rules.
func (l *Library) readFile(s *Summary) article.Result {
	r := article.Result{Path: s.Path}
	if len(l.opt.Paths) == 0 && l.opt.FS != nil {
		r.Articles, r.Problems = article.ReadFileFS(l.opt.FS, l.opt.FSPrefix, s.name, l.opt.Load)
	} else {
		r.Articles, r.Problems = article.ReadFile(s.name, l.opt.Load)
	}
	return r
}

// replaceFile publishes a snapshot in which the file shown as p (opened
// as name) holds what r gave: its old summaries and problems go, the new
// ones keep the file's place in the load order.
func (l *Library) replaceFile(p, name string, r article.Result) {
	l.editMu.Lock()
	defer l.editMu.Unlock()
	old := l.Snapshot()
	if old.holds(p, r) {
		return // indexed already (a reader holding an older summary)
	}
	file := -1
	keep := make([]*Summary, 0, len(old.arts))
	remap := make([]int32, len(old.arts))
	for i, a := range old.arts {
		if a.Path == p {
			file = a.seq / fileSeq
			remap[i] = -1
			continue
		}
		remap[i] = int32(len(keep))
		keep = append(keep, a)
	}
	if file < 0 {
		for _, a := range old.arts {
			file = max(file, a.seq/fileSeq+1)
		}
		file = max(file, 0)
	}
	b := builder{lib: l}
	r.Index, r.Path = file, p
	b.add(r)
	for i := range b.arts {
		b.arts[i].name = name
	}
	s := &Snapshot{arts: append(keep, b.arts...), loading: old.loading}
	for _, pr := range old.problems {
		if pr.Path != p && !strings.HasPrefix(pr.Path, p+"#") {
			s.problems = append(s.problems, pr)
		}
	}
	s.problems = append(s.problems, b.problems...)
	for by := range sorts {
		kept := make([]int32, 0, len(keep))
		for _, i := range old.orders[by] {
			if j := remap[i]; j >= 0 {
				kept = append(kept, j)
			}
		}
		s.orders[by] = mergeOrder(by, kept, s.arts)
	}
	l.publish(s)
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

// holds reports whether s already has exactly what r gives for the file
// shown as p: the same articles, at the same versions, and no error.
func (s *Snapshot) holds(p string, r article.Result) bool {
	n := 0
	for _, a := range s.arts {
		if a.Path != p {
			continue
		}
		if n >= len(r.Articles) || r.Articles[n].ID != a.ID || r.Articles[n].Version != a.Version {
			return false
		}
		n++
	}
	return n == len(r.Articles) && len(r.Problems) == 0
}
