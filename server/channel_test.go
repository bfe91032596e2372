package server

import (
	"testing"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

func windowRequest(cols, rows uint32) *gossh.Request {
	return &gossh.Request{Type: "window-change", Payload: gossh.Marshal(&windowChange{Cols: cols, Rows: rows})}
}

// filterRequests passes a burst of window changes on as a few, ending at
// the last size, and keeps every other request, in order.
func TestFilterRequests_CoalescesWindowChanges(t *testing.T) {
	in := make(chan *gossh.Request, 2000)
	out := make(chan *gossh.Request)
	in <- &gossh.Request{Type: "pty-req", Payload: gossh.Marshal(&ptyRequest{Term: "xterm", Cols: 80, Rows: 24})}
	for i := range 1000 {
		in <- windowRequest(uint32(60+i%100), uint32(20+i%30))
	}
	in <- &gossh.Request{Type: "shell"}
	for i := range 500 {
		in <- windowRequest(uint32(60+i%100), uint32(20+i%30))
	}
	in <- &gossh.Request{Type: "env", Payload: gossh.Marshal(&struct{ K, V string }{"A", "b"})}
	in <- windowRequest(100000, 0) // the last size, clamped
	go filterRequests(in, out)

	var others []string
	sizes := 0
	for req := range out {
		if req.Type != "window-change" {
			others = append(others, req.Type)
			continue
		}
		sizes++
		var w windowChange
		if err := gossh.Unmarshal(req.Payload, &w); err != nil {
			t.Fatal(err)
		}
		if w.Cols == maxWidth && w.Rows == 24 {
			close(in) // that was the last size
		}
	}
	if want := []string{"pty-req", "shell", "env"}; len(others) != 3 || others[0] != want[0] || others[1] != want[1] || others[2] != want[2] {
		t.Errorf("other requests passed on: %v, want %v", others, want)
	}
	// A burst processed in a few milliseconds is a few frames (more if
	// a loaded machine stalls the goroutine, but never one a change).
	if sizes > 100 {
		t.Errorf("%d of 1,501 window changes passed on; want them coalesced", sizes)
	}
}

// windowFeed.set never blocks, with nobody reading, and keeps the latest.
func TestWindowFeed_KeepsTheLatestSize(t *testing.T) {
	f := newWindowFeed(ssh.Pty{Term: "xterm", Window: ssh.Window{Width: 80, Height: 24}})
	for i := range 1000 {
		f.set(ssh.Window{Width: 60 + i, Height: 20})
	}
	if w := <-f.pending; w.Width != 1059 {
		t.Errorf("pending size %d wide, want the last (1059)", w.Width)
	}
	select {
	case w := <-f.pending:
		t.Errorf("a second pending size %v", w)
	default:
	}
	if got := f.snapshot(); got.Window.Width != 1059 || got.Term != "xterm" {
		t.Errorf("snapshot %+v, want the last size with the PTY as requested", got)
	}
}
