package ui

import (
	"context"
	"testing"
)

func TestFetch_StartCancelsAndOnlyTheLatestIsCurrent(t *testing.T) {
	c := &common{ctx: context.Background()}
	var f, g fetch
	id1, ctx1 := f.start(c)
	id2, ctx2 := f.start(c)
	if ctx1.Err() == nil {
		t.Error("the superseded work's context was not cancelled")
	}
	if f.current(id1) {
		t.Error("the superseded work's result was taken")
	}
	gid, _ := g.start(c)
	if gid == id2 || f.current(gid) {
		t.Error("another fetch's result answered this one")
	}
	if !f.pending() || !f.current(id2) {
		t.Fatal("the latest result was not taken")
	}
	if ctx2.Err() == nil {
		t.Error("a finished fetch kept its context")
	}
	if f.current(id2) || f.pending() {
		t.Error("a result was taken twice")
	}
	f.start(c)
	f.stop()
	if f.pending() || f.current(0) {
		t.Error("stop left work pending")
	}
}
