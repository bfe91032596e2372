package render

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
)

// holdAll runs n renderings of size bytes each through b at once and
// returns the most that ever ran together.
func holdAll(t *testing.T, b *budget, n int, bytes int64) int32 {
	var active, most atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release, err := b.acquire(t.Context(), bytes)
			if err != nil {
				t.Error(err)
				return
			}
			a := active.Add(1)
			for m := most.Load(); a > m && !most.CompareAndSwap(m, a); m = most.Load() {
			}
			// Let the others try to get in while this one holds its share.
			ch := make(chan struct{})
			go close(ch)
			<-ch
			active.Add(-1)
			release()
		}()
	}
	wg.Wait()
	return most.Load()
}

// TestBudget_BoundsRendersAndBytes: however many renderings are asked for
// at once, at most the budget's number run, and never more bytes than it
// holds.
func TestBudget_BoundsRendersAndBytes(t *testing.T) {
	if most := holdAll(t, newBudget(2, 1000), 50, 1); most > 2 {
		t.Errorf("%d renderings ran at once, budget 2", most)
	}
	if most := holdAll(t, newBudget(10, 100), 50, 60); most > 1 {
		t.Errorf("%d renderings of 60 bytes ran at once in a budget of 100", most)
	}
}

// TestBudget_AGivenUpWaitReturnsItsShare: a rendering whose caller gives
// up while it waits takes nothing from the budget.
func TestBudget_AGivenUpWaitReturnsItsShare(t *testing.T) {
	b := newBudget(1, 100)
	release, err := b.acquire(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := b.acquire(ctx, 1); err == nil {
		t.Fatal("a full budget let a rendering in")
	}
	release()
	if r, err := b.acquire(t.Context(), 100); err != nil {
		t.Fatal("the budget is not whole again")
	} else {
		r()
	}
}

// TestEstimate_WithinTheBudget: every rendering's share fits in the
// budget, so none can wait for ever, and the most is MaxRenderBytes.
func TestEstimate_WithinTheBudget(t *testing.T) {
	if MaxRenderBytes > BudgetBytes {
		t.Fatal("a rendering's share is larger than the budget")
	}
	for _, n := range []int{0, 1 << 10, MaxBytes, 16 << 20} {
		md := string(make([]byte, n))
		if e := estimate(md); e <= 0 || e > MaxRenderBytes {
			t.Errorf("estimate of %d bytes: %d", n, e)
		}
	}
}
