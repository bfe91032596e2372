package render

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"

	"github.com/newsdesk/newsdesk/article"
)

// Key is what a rendering of an article depends on.
type Key struct {
	ID article.ID
	// Version changes when the article's file does, so an edited article
	// is rendered again.
	Version article.Version
	Width   int
	Style   Style
	Variant Variant
}

// DefaultCacheBytes bounds the text a cache holds. A rendering is about
// 1.3 bytes per character of the article (see compactLine): the seed is
// 5.4 KB, so this is thousands of ordinary articles.
const DefaultCacheBytes = 64 << 20

// Cache holds renderings of articles by Key, at most a number of entries
// and of bytes, least recently used first out. It is safe for concurrent
// use: readers' render commands fill it from their goroutines, and the SSH
// server shares one between all its sessions, so an article is rendered
// once per key however many readers open it.
//
// Renderings of one key are made once at a time (a single flight): 200
// readers opening the same story at once cost one Glamour run. The
// rendering runs for as long as one of them still waits; when the last
// gives up (it moved on to another article or width), it is cancelled.
type Cache struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[Key, string]
	bytes    int
	maxBytes int
	flights  map[Key]*flight
	render   func(context.Context, *article.Article, Key) (string, error)
}

// flight is a rendering in progress and the callers waiting for it.
type flight struct {
	done    chan struct{}
	out     string
	err     error
	waiters int
	cancel  context.CancelFunc
}

// NewCache returns a cache of at most entries renderings and maxBytes
// bytes of text (values below 1 mean 1 entry and DefaultCacheBytes).
func NewCache(entries, maxBytes int) *Cache {
	if maxBytes < 1 {
		maxBytes = DefaultCacheBytes
	}
	c := &Cache{maxBytes: maxBytes, flights: map[Key]*flight{}, render: renderKey}
	c.lru, _ = simplelru.NewLRU(max(entries, 1), func(_ Key, s string) { c.bytes -= len(s) })
	return c
}

// renderKey renders a as k says.
func renderKey(ctx context.Context, a *article.Article, k Key) (string, error) {
	return Article(ctx, a, k.Width, k.Style, k.Variant)
}

// Get returns the cached rendering for k.
func (c *Cache) Get(k Key) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Get(k)
}

// Render returns the rendering of a for k: from the cache, from a
// rendering of k already under way, or rendered now. The error is ctx's
// when the caller gave up first.
//
// Looking in the cache and joining (or starting) the flight happen under
// one lock, and a flight's result is cached before the flight is removed
// under the same lock: so a reader that misses the cache just as another
// reader's rendering lands finds either the rendering or the flight, and
// never renders the article a second time.
func (c *Cache) Render(ctx context.Context, a *article.Article, k Key) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err // gone already: start nothing for it
	}
	c.mu.Lock()
	if s, ok := c.lru.Get(k); ok {
		c.mu.Unlock()
		return s, nil
	}
	f := c.flights[k]
	if f == nil {
		// The rendering is nobody's in particular: it runs on its own
		// context, cancelled when its last waiter leaves.
		fctx, cancel := context.WithCancel(context.Background())
		f = &flight{done: make(chan struct{}), cancel: cancel}
		c.flights[k] = f
		go c.run(fctx, f, a, k)
	}
	f.waiters++
	c.mu.Unlock()

	select {
	case <-f.done:
		return f.out, f.err
	case <-ctx.Done():
		c.mu.Lock()
		if f.waiters--; f.waiters == 0 && c.flights[k] == f {
			delete(c.flights, k) // a later caller starts afresh
			f.cancel()
		}
		c.mu.Unlock()
		return "", ctx.Err()
	}
}

// run makes flight f's rendering and caches it, unless it was cancelled.
func (c *Cache) run(ctx context.Context, f *flight, a *article.Article, k Key) {
	defer f.cancel()
	out, err := func() (out string, err error) {
		// Article recovers Glamour's panics; this is for anything else, as
		// this goroutine is no Bubble Tea command that would recover it.
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("rendering failed: %v", p)
			}
		}()
		return c.render(ctx, a, k)
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	f.out, f.err = out, err
	if c.flights[k] == f {
		delete(c.flights, k)
	}
	if err == nil && ctx.Err() == nil {
		c.add(k, out)
	}
	close(f.done)
}

// add caches s for k, dropping the least recently used renderings while
// the cache holds more than maxBytes. A rendering larger than the whole
// cache is not kept.
func (c *Cache) add(k Key, s string) {
	if len(s) > c.maxBytes {
		return
	}
	if old, ok := c.lru.Peek(k); ok {
		c.bytes -= len(old) // Add replaces it without calling onEvict
	}
	c.lru.Add(k, s)
	c.bytes += len(s)
	for c.bytes > c.maxBytes {
		if _, _, ok := c.lru.RemoveOldest(); !ok {
			break
		}
	}
}
