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

// The estimate of what rendering Markdown holds at its peak: a base, plus
// per byte of source (nested quotes and lists re-wrap their text once per
// level) and per line (Glamour pads every line it draws to the width with
// styled spaces). BenchmarkAtLimits measured the live heap's peak growth
// just within the limits: 1,990 one-letter paragraphs 33 MiB at 100
// columns (estimate 64), 1,990 list items 28 MiB (42), 1,990 code lines
// 22 MiB (42), 8 nested quotes of 64 KB 27 MiB at 30 columns (36), 250 KB
// of paragraphs 23 MiB (64); the seed, 5 KB, about 2 MiB (7).
const (
	estimateBase    = 4 << 20
	estimatePerByte = 512
	estimatePerLine = 16 << 10
)

// estimate is what rendering md is expected to hold at its peak, at most
// MaxRenderBytes.
func estimate(md string) int64 {
	n := int64(estimateBase) + estimatePerByte*int64(len(md)) + estimatePerLine*int64(strings.Count(md, "\n"))
	return min(n, MaxRenderBytes)
}
