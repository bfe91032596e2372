package render

import (
	"context"
	"strings"

	"golang.org/x/sync/semaphore"
)

// The render budget is shared by every rendering of the process: every
// reader and preview, every SSH session, the reactions panel and `show`.
// A rendering waits (or gives up, when its caller does) until it fits, so
// however many sessions open however many hostile articles, rendering
// holds at most BudgetBytes and runs at most MaxConcurrent at a time.
const (
	// MaxConcurrent is the most renderings that run at once.
	MaxConcurrent = 4
	// MaxRenderBytes is the most memory one rendering is expected to hold
	// at its peak, within the input limits (limits.go).
	MaxRenderBytes = 64 << 20
	// BudgetBytes is the most memory all the renderings that run at once
	// are expected to hold.
	BudgetBytes = 256 << 20
)

// budget bounds the renderings that run at once, by number and by the
// memory they are expected to hold.
type budget struct {
	renders, bytes *semaphore.Weighted
}

func newBudget(renders int, bytes int64) *budget {
	return &budget{renders: semaphore.NewWeighted(int64(renders)), bytes: semaphore.NewWeighted(bytes)}
}

// shared is the process's render budget.
var shared = newBudget(MaxConcurrent, BudgetBytes)

// acquire waits until a rendering expected to hold n bytes fits, and
// returns the func that gives its share back; the error is ctx's.
func (b *budget) acquire(ctx context.Context, n int64) (func(), error) {
	if err := b.renders.Acquire(ctx, 1); err != nil {
		return nil, err
	}
	if err := b.bytes.Acquire(ctx, n); err != nil {
		b.renders.Release(1)
		return nil, err
	}
	return func() {
		b.bytes.Release(n)
		b.renders.Release(1)
	}, nil
}

// The estimate of what rendering Markdown holds at its peak (heap in use,
// measured by BenchmarkHostile at the limits and the widest width): a
// base, plus per byte and per line of source, since Glamour pads every
// output line to the width with styled spaces.
const (
	estimateBase    = 2 << 20
	estimatePerByte = 96
	estimatePerLine = 12 << 10
)

// estimate is what rendering md is expected to hold at its peak, at most
// MaxRenderBytes.
func estimate(md string) int64 {
	n := int64(estimateBase) + estimatePerByte*int64(len(md)) + estimatePerLine*int64(strings.Count(md, "\n"))
	return min(n, MaxRenderBytes)
}
