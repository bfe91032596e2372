package search

import (
	"context"
	"sync"
)

// Progress is how far an index is in step with its library, for anyone to
// watch: give Report to Follow (or Sync) as its progress func, and any
// number of readers (every SSH session's status bar, a search screen that
// runs its query again when more is indexed) wait for its changes with
// Wait. It is safe for concurrent use; its zero value is ready to use.
type Progress struct {
	mu      sync.Mutex
	state   ProgressState
	changed chan struct{} // closed on the next change (nil: nobody waits)
}

// ProgressState is one moment of a Progress.
type ProgressState struct {
	// Done of Total articles of the library's latest snapshot are
	// indexed (what Sync last reported).
	Done, Total int
	// Err is why the index stopped following the library (Fail): search
	// is then off. nil while it follows.
	Err error
	// Gen numbers the changes: each state has a larger Gen than the one
	// before; 0 is the state before any report.
	Gen uint64
}

// Building reports whether the index is behind the library: some of its
// articles are not searchable yet.
func (s ProgressState) Building() bool { return s.Err == nil && s.Done < s.Total }

// Report records that done of total articles are indexed; it has the
// signature of Sync's and Follow's progress func. A report equal to the
// last one is no change.
func (p *Progress) Report(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state.Err != nil || (p.state.Gen > 0 && p.state.Done == done && p.state.Total == total) {
		return
	}
	p.state.Done, p.state.Total = done, total
	p.changedLocked()
}

// Fail records that the index no longer follows the library, and why.
func (p *Progress) Fail(err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err == nil || p.state.Err != nil {
		return
	}
	p.state.Err = err
	p.changedLocked()
}

// changedLocked numbers the new state and wakes the waiters.
func (p *Progress) changedLocked() {
	p.state.Gen++
	if p.changed != nil {
		close(p.changed)
		p.changed = nil
	}
}

// State is the latest state.
func (p *Progress) State() ProgressState {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state
}

// Wait returns the first state newer than gen, waiting for it until ctx
// is done (then it returns the latest state and ctx's error). A waiter
// slower than the reports skips the states in between.
func (p *Progress) Wait(ctx context.Context, gen uint64) (ProgressState, error) {
	p.mu.Lock()
	if p.state.Gen > gen {
		defer p.mu.Unlock()
		return p.state, nil
	}
	if p.changed == nil {
		p.changed = make(chan struct{})
	}
	ch := p.changed
	p.mu.Unlock()
	select {
	case <-ch:
		return p.State(), nil
	case <-ctx.Done():
		return p.State(), ctx.Err()
	}
}
