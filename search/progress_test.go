package search

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestProgress_WaitersSeeEachChangeOnce(t *testing.T) {
	var p Progress
	if s := p.State(); s.Gen != 0 || s.Building() {
		t.Fatalf("zero state %+v", s)
	}
	got := make(chan ProgressState, 1)
	go func() {
		s, _ := p.Wait(t.Context(), 0)
		got <- s
	}()
	p.Report(10, 100)
	select {
	case s := <-got:
		if s.Done != 10 || s.Total != 100 || !s.Building() || s.Gen != 1 {
			t.Errorf("woken with %+v", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter was not woken")
	}

	p.Report(10, 100) // the same again: no change
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if s, err := p.Wait(ctx, 1); !errors.Is(err, context.DeadlineExceeded) || s.Gen != 1 {
		t.Errorf("a repeated report woke a waiter: %+v %v", s, err)
	}

	p.Report(100, 100)
	if s, err := p.Wait(t.Context(), 1); err != nil || s.Building() || s.Gen != 2 {
		t.Errorf("after the last report: %+v %v", s, err)
	}

	p.Fail(errors.New("disk full"))
	p.Report(1, 2) // nothing after a failure
	if s := p.State(); s.Err == nil || s.Err.Error() != "disk full" || s.Building() || s.Gen != 3 {
		t.Errorf("after Fail: %+v", s)
	}
}
