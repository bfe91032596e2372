package library

import (
	"container/list"
	"context"
	"errors"
	"fmt"
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
	if a, ok := l.cache.get(s.ID, s.Version); ok {
		return a, nil
	}
	v, err, _ := l.cache.flight.Do(string(s.ID), func() (any, error) {
		if a, ok := l.cache.get(s.ID, s.Version); ok {
			return a, nil
		}
		r := l.readFile(ctx, s)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var found *article.Article
		for i := range r.Articles {
			if r.Articles[i].ID == s.ID {
				found = &r.Articles[i]
				break
			}
		}
		if found == nil || found.Version != s.Version {
			// The file is not what was indexed: index it again.
			l.replaceFile(s.Path, s.name, r)
		}
		if found == nil {
			for _, p := range r.Problems {
				if p.Severity == article.SeverityError && (p.Path == s.Path || strings.HasPrefix(p.Path, s.Path+"#")) {
					return nil, fmt.Errorf("%s: %s", p.Path, p.Message)
				}
			}
			return nil, fmt.Errorf("%s: %w", s.Path, ErrNotFound)
		}
		l.cache.add(found)
		return found, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*article.Article), nil
}

// readFile reads the one file s came from.
func (l *Library) readFile(ctx context.Context, s *Summary) article.Result {
	if len(l.opt.Paths) == 0 && l.opt.FS != nil {
		for r := range article.LoadFS(ctx, l.opt.FS, l.opt.FSPrefix, l.opt.Load) {
			if r.Path == s.Path {
				return r
			}
		}
		return article.Result{Path: s.Path}
	}
	var out article.Result
	for r := range article.Load(ctx, []string{s.name}, l.opt.Load) {
		out = r
	}
	out.Path = s.Path
	for i := range out.Problems {
		out.Problems[i].Path = s.Path
	}
	return out
}

// replaceFile publishes a snapshot in which the file shown as p (opened
// as name) holds what r gave: its old summaries and problems go, the new
// ones keep the file's place in the load order.
func (l *Library) replaceFile(p, name string, r article.Result) {
	l.editMu.Lock()
	defer l.editMu.Unlock()
	old := l.Snapshot()
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
	size := textSize(a)
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

// textSize is about the memory a's text holds.
func textSize(a *article.Article) int {
	n := len(a.Headline) + len(a.Byline) + len(a.Place) + len(a.Date) + len(a.Source)
	for _, p := range a.Paragraphs {
		n += len(p)
	}
	for _, r := range a.Reactions {
		n += len(r.Name) + len(r.Role) + len(r.Location) + len(r.Quote)
	}
	for _, t := range a.Notes {
		n += len(t.Text)
	}
	return n
}
