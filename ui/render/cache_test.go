package render

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/newsdesk/newsdesk/article"
)

// countingCache is a cache whose renderings are made by render, counted.
func countingCache(entries, bytes int, render func(ctx context.Context, k Key) (string, error)) (*Cache, *atomic.Int32) {
	c := NewCache(entries, bytes)
	var calls atomic.Int32
	c.render = func(ctx context.Context, _ *article.Article, k Key) (string, error) {
		calls.Add(1)
		return render(ctx, k)
	}
	return c, &calls
}

// TestCache_OneRenderForReadersOpeningAtOnce is the SSH server's case:
// many readers open the same article at the same moment, and it is
// rendered once for all of them.
func TestCache_OneRenderForReadersOpeningAtOnce(t *testing.T) {
	release := make(chan struct{})
	c, calls := countingCache(10, 0, func(context.Context, Key) (string, error) {
		<-release // hold the rendering until every reader has asked
		return "rendered", nil
	})
	k := Key{ID: "a", Width: 80, Style: "dark"}
	const readers = 50
	var started, done sync.WaitGroup
	results := make([]string, readers)
	for i := range readers {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			results[i], _ = c.Render(t.Context(), nil, k)
		}()
	}
	started.Wait()
	close(release)
	done.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("%d readers opening at once rendered %d times, want 1", readers, n)
	}
	for i, r := range results {
		if r != "rendered" {
			t.Fatalf("reader %d got %q", i, r)
		}
	}
	if s, ok := c.Get(k); !ok || s != "rendered" {
		t.Errorf("not cached: %q, %v", s, ok)
	}
}

// TestCache_LateReaderNeverRendersAgain: a reader that misses the cache
// just as another reader's rendering lands must find that rendering, not
// start a second one (19 of 50 did in a CI run before the lookup and the
// flight shared a lock).
func TestCache_LateReaderNeverRendersAgain(t *testing.T) {
	c, calls := countingCache(1000, 0, func(context.Context, Key) (string, error) { return "r", nil })
	for i := range 500 {
		k := Key{ID: article.ID(strings.Repeat("x", i%7)), Width: i}
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if s, err := c.Render(t.Context(), nil, k); s != "r" || err != nil {
					t.Errorf("got %q, %v", s, err)
				}
			}()
		}
		wg.Wait()
		if n := calls.Load(); n != int32(i+1) {
			t.Fatalf("key %d: %d renderings for %d keys", i, n, i+1)
		}
	}
}

// TestCache_LastWaiterLeavingCancelsTheRendering: a rendering runs while
// any reader waits for it; when the last one moves on it is cancelled,
// not cached, and the next reader starts afresh.
func TestCache_LastWaiterLeavingCancelsTheRendering(t *testing.T) {
	running := make(chan context.Context, 2)
	c, calls := countingCache(10, 0, func(ctx context.Context, _ Key) (string, error) {
		running <- ctx
		<-ctx.Done()
		return "", ctx.Err()
	})
	k := Key{ID: "a", Width: 80}
	ctx1, cancel1 := context.WithCancel(t.Context())
	ctx2, cancel2 := context.WithCancel(t.Context())
	errs := make(chan error, 2)
	go func() { _, err := c.Render(ctx1, nil, k); errs <- err }()
	work := <-running
	go func() { _, err := c.Render(ctx2, nil, k); errs <- err }()
	// The second reader has joined when the flight counts two waiters.
	waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.flights[k] != nil && c.flights[k].waiters == 2 })
	cancel1()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Fatalf("first reader: %v", err)
	}
	if work.Err() != nil {
		t.Fatal("the rendering was cancelled while a reader still waited for it")
	}
	cancel2()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Fatalf("second reader: %v", err)
	}
	<-work.Done() // cancelled once nobody waits
	if _, ok := c.Get(k); ok {
		t.Error("a cancelled rendering was cached")
	}
	go func() { _, _ = c.Render(t.Context(), nil, k) }()
	next := <-running
	if next == work || calls.Load() != 2 {
		t.Error("the next reader joined the cancelled rendering")
	}
}

// waitFor waits until cond holds, yielding to the goroutines it waits on
// (no sleeping: each look is after a channel round trip).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 1_000_000 {
		if cond() {
			return
		}
		ch := make(chan struct{})
		go close(ch)
		<-ch
	}
	t.Fatal("condition never held")
}

// TestCache_Bounded: the cache keeps at most its entries and bytes, the
// least recently used first out, and never a rendering larger than all
// of it.
func TestCache_Bounded(t *testing.T) {
	c, _ := countingCache(3, 100, func(_ context.Context, k Key) (string, error) {
		return strings.Repeat("x", k.Width), nil
	})
	get := func(w int) {
		if _, err := c.Render(t.Context(), nil, Key{Width: w}); err != nil {
			t.Fatal(err)
		}
	}
	has := func(w int) bool { _, ok := c.Get(Key{Width: w}); return ok }
	for _, w := range []int{10, 11, 12, 13} {
		get(w)
	}
	if has(10) || !has(11) || !has(13) || c.lru.Len() != 3 {
		t.Errorf("a fourth entry: 10 %v 11 %v 13 %v, %d entries", has(10), has(11), has(13), c.lru.Len())
	}
	get(90) // 90 bytes and any other is over 100: the others go
	if c.bytes != 90 || c.lru.Len() != 1 || !has(90) {
		t.Errorf("%d bytes in %d entries, want the 90 alone", c.bytes, c.lru.Len())
	}
	get(101)
	if has(101) || c.bytes != 90 {
		t.Errorf("a rendering larger than the cache was kept (%d bytes)", c.bytes)
	}
}

// TestCache_KeyedByVersionStyleAndVariant: an edited article (another
// Version), another style or the other variant is another rendering.
func TestCache_KeyedByVersionStyleAndVariant(t *testing.T) {
	a := seedArticle(t)
	c := NewCache(10, 0)
	base := Key{ID: a.ID, Version: 1, Width: 80, Style: "dark", Variant: Full}
	keys := []Key{base, {ID: a.ID, Version: 2, Width: 80, Style: "dark", Variant: Full},
		{ID: a.ID, Version: 1, Width: 80, Style: "dark+nocolor", Variant: Full}, {ID: a.ID, Version: 1, Width: 80, Style: "dark", Variant: Body}}
	seen := map[string]bool{}
	for _, k := range keys {
		if _, ok := c.Get(k); ok {
			t.Fatalf("%+v cached before it was rendered", k)
		}
		s, err := c.Render(t.Context(), a, k)
		if err != nil {
			t.Fatal(err)
		}
		seen[s] = true
	}
	if len(seen) != 3 { // versions 1 and 2 of the same text render alike
		t.Errorf("%d distinct renderings for style, variant and version, want 3", len(seen))
	}
}

// TestCache_PanicIsAnError: a rendering that panics fails that rendering
// only: the caller gets an error, nothing is cached, the process lives.
func TestCache_PanicIsAnError(t *testing.T) {
	c, _ := countingCache(10, 0, func(context.Context, Key) (string, error) { panic("boom") })
	if _, err := c.Render(t.Context(), nil, Key{}); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("err = %v", err)
	}
	if _, ok := c.Get(Key{}); ok {
		t.Error("a failed rendering was cached")
	}
}
