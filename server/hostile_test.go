package server

import (
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// settled reports whether the server holds no connection, channel or
// reader any more.
func (ts *testServer) settled() bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return len(ts.connsIP) == 0 && ts.channels == 0 && ts.ending == 0 && len(ts.sessions) == 0
}

// A client that floods window changes and then drops its TCP connection
// used to leave the connection held for good: the ssh package's request
// loop blocked on a full window-change channel nobody read any more, the
// connection's read loop behind it, and the address's connection slot
// with them. With 2 connections allowed per address, the third reader
// from that address was refused.
func TestServe_WindowChangeFloodThenDropFreesTheConnection(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessionsPerIP = 1 }) // 2 connections per address
	// Counted once the server is serving (its key watcher started).
	c, err := dial(ts.addr, gossh.PublicKeys(ts.key))
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Close()
	waitUntil(t, "the first connection to close", ts.settled)
	base := runtime.NumGoroutine()
	for i := range 3 {
		r := openRawReader(t, ts.addr, ts.key, 80, 24)
		waitText(t, r.out, 0, seedHeadline)
		flooded(t, func() { r.flood(2000) })
		_ = r.raw.Close()
		waitUntil(t, fmt.Sprintf("the server to let go of dropped connection %d", i+1), ts.settled)
	}
	// Every goroutine of those connections ends (a few of the runtime's
	// and the test client's may still be finishing).
	waitUntil(t, "the connections' goroutines to end", func() bool { return runtime.NumGoroutine() <= base+2 })
	r := openRawReader(t, ts.addr, ts.key, 80, 24)
	waitText(t, r.out, 0, seedHeadline)
}

// The same flood before the shell starts, and after the reader has quit:
// nobody reads the sizes then either.
func TestServe_WindowChangesWithNoReaderRunning(t *testing.T) {
	ts := startServer(t, nil)
	t.Run("before the shell", func(t *testing.T) {
		c := connect(t, ts.addr, gossh.PublicKeys(ts.key))
		if err := c.sess.RequestPty("xterm-256color", 24, 80, nil); err != nil {
			t.Fatal(err)
		}
		var shell error
		flooded(t, func() {
			floodSizes(c.sess, 2000)
			shell = c.sess.Shell()
		})
		if shell != nil {
			t.Fatal(shell)
		}
		waitText(t, c.out, 0, seedHeadline)
		c.send(t, "q")
		if code := c.exit(t); code != 0 {
			t.Errorf("exit status %d, want 0", code)
		}
	})
	t.Run("after the reader quit", func(t *testing.T) {
		c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
		waitText(t, c.out, 0, seedHeadline)
		c.send(t, "q")
		flooded(t, func() { floodSizes(c.sess, 2000) }) // false if the server closed the channel first
		if code := c.exit(t); code != 0 {
			t.Errorf("exit status %d, want 0", code)
		}
		_ = c.sess.Close()
		_ = c.conn.Close()
	})
	waitUntil(t, "the server to let go of both connections", ts.settled)
}

// The sizes of a flood reach the reader coalesced, and the last one always
// arrives.
func TestServe_WindowChangeFloodEndsAtTheLastSize(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.newModel = newProbe })
	c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
	waitText(t, c.out, 0, "probe size=80x24")
	offset := c.out.Len()
	flooded(t, func() {
		floodSizes(c.sess, 2000)
		_ = c.sess.WindowChange(33, 111)
	})
	text := waitText(t, c.out, offset, "probe size=111x33")
	if n := strings.Count(text, "probe size="); n > 200 {
		t.Errorf("the reader drew %d sizes for 2,001 window changes; want them coalesced", n)
	}
}

// A client closing its session channel but keeping the connection must
// not leave the reader running unseen (its place would be free for
// another).
func TestServe_ClosedChannelEndsItsReader(t *testing.T) {
	ts := startServer(t, nil)
	c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
	waitText(t, c.out, 0, seedHeadline)
	_ = c.sess.Close()
	waitText(t, ts.logs, 0, "reason=client-gone")
	waitUntil(t, "the reader to end", func() bool {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		return len(ts.sessions) == 0 && ts.channels == 0 && ts.ending == 0
	})
	// The connection is still usable for one new session.
	s, err := c.conn.NewSession()
	if err != nil {
		t.Fatalf("a new session on the same connection: %v", err)
	}
	_ = s.Close()
}

// refusedOpen checks that err is a channel-open refusal with msg.
func refusedOpen(t *testing.T, err error, msg string) {
	t.Helper()
	var oc *gossh.OpenChannelError
	if !errors.As(err, &oc) {
		t.Fatalf("error %v, want a refused channel", err)
	}
	if oc.Reason != gossh.ResourceShortage || oc.Message != msg {
		t.Fatalf("refused with %v %q, want resource shortage %q", oc.Reason, oc.Message, msg)
	}
}

// One connection once opened 100,000 session channels, all accepted.
func TestServe_SessionChannelsPerConnection(t *testing.T) {
	for _, limit := range []int{1, 3} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			ts := startServer(t, func(c *Config) { c.MaxChannelsPerConnection = limit })
			conn, err := dial(ts.addr, gossh.PublicKeys(ts.key))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close() //nolint:errcheck
			var open []*gossh.Session
			for range limit {
				s, err := conn.NewSession()
				if err != nil {
					t.Fatalf("session %d of %d: %v", len(open)+1, limit, err)
				}
				open = append(open, s)
			}
			for range 20 {
				_, err := conn.NewSession()
				refusedOpen(t, err, msgPerConnection(limit))
			}
			// Logged, but not 20 times: the 1st and the 10th.
			logs := waitText(t, ts.logs, 0, "reason=sessions-per-connection")
			if got := regexp.MustCompile(`refused reason=sessions-per-connection .* refusals=(\d+)`).FindAllStringSubmatch(logs, -1); len(got) != 2 ||
				got[0][1] != "1" || got[1][1] != "10" {
				t.Errorf("refusals logged: %v, want the 1st and the 10th", got)
			}
			// A reader still works in one of them.
			if err := open[0].RequestPty("xterm", 24, 80, nil); err != nil {
				t.Fatal(err)
			}
			out := &syncBuffer{}
			open[0].Stdout = out
			if err := open[0].Shell(); err != nil {
				t.Fatal(err)
			}
			waitText(t, out, 0, seedHeadline)

			// A closed channel gives its place back.
			_ = open[len(open)-1].Close()
			waitUntil(t, "a new channel once one has closed", func() bool {
				s, err := conn.NewSession()
				if err == nil {
					_ = s.Close()
				}
				return err == nil
			})
		})
	}
}

// A connection that asks for channel after refused channel is closed at
// the 100th refusal, whatever the channel types: the SSH library keeps
// every refused channel until the connection closes.
func TestServe_EndlessRefusalsCloseTheConnection(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxChannelsPerConnection = 1 })
	conn, err := dial(ts.addr, gossh.PublicKeys(ts.key))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close() //nolint:errcheck
	if _, err := conn.NewSession(); err != nil {
		t.Fatal(err)
	}
	kinds := []string{"session", "direct-tcpip", "x11", "newsdesk@example.com"}
	for i := range maxRefusals - 1 {
		kind := kinds[i%len(kinds)]
		_, _, err := conn.OpenChannel(kind, nil)
		var oc *gossh.OpenChannelError
		if !errors.As(err, &oc) {
			t.Fatalf("refusal %d (%s): %v, want a refused channel", i+1, kind, err)
		}
	}
	_, _, err = conn.OpenChannel("session", nil)
	if err == nil {
		t.Fatal("the 100th refused channel opened")
	}
	closed := make(chan struct{})
	go func() { _ = conn.Wait(); close(closed) }()
	waitUntil(t, "the server to close the connection", func() bool {
		select {
		case <-closed:
			return true
		default:
			return false
		}
	})
	waitText(t, ts.logs, 0, "connection closed: too many refused channels")
	waitUntil(t, "the server to let go of the connection", ts.settled)
}

// Every open session channel counts against MaxSessions, whether or not
// it runs a reader: idle channels cannot fill the server past it.
func TestServe_OpenChannelsCountAgainstMaxSessions(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessions = 2 })
	conn, err := dial(ts.addr, gossh.PublicKeys(ts.key))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close() //nolint:errcheck
	for range 2 {
		if _, err := conn.NewSession(); err != nil { // never started
			t.Fatal(err)
		}
	}
	other, err := dial(ts.addr, gossh.PublicKeys(ts.key))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close() //nolint:errcheck
	_, err = other.NewSession()
	refusedOpen(t, err, msgFull(2))
	waitText(t, ts.logs, 0, "refused reason=full")
}

// A channel whose reader has ended gives its place to a new session at
// once, before the client has answered the server's close; but open
// and ending channels together are at most twice MaxSessions, so a
// client that never answers cannot open session after session.
func TestServe_EndingChannelsAreBounded(t *testing.T) {
	s := &Server{cfg: Config{MaxSessions: 2}}
	var places []*channelPlace
	open := func() bool {
		c := &connChannels{}
		if _, msg := s.openChannel(c); msg != "" {
			return false
		}
		places = append(places, &channelPlace{c: c})
		return true
	}
	for i := range 4 {
		if !open() {
			t.Fatalf("channel %d refused with %d open and %d ending", i+1, s.channels, s.ending)
		}
		s.endPlace(places[i]) // its reader quits; the client never answers the close
	}
	if open() {
		t.Fatalf("a fifth channel let in with %d open and %d ending, MaxSessions 2", s.channels, s.ending)
	}
	s.closeChannel(places[0]) // one close answered at last
	if !open() {
		t.Fatalf("refused once an ending channel closed: %d open, %d ending", s.channels, s.ending)
	}
	s.closeChannel(places[4])
	s.endPlace(places[4]) // ended after it closed: counted once
	for _, p := range places[1:4] {
		s.closeChannel(p)
	}
	if s.channels != 0 || s.ending != 0 {
		t.Errorf("after every channel closed: %d open, %d ending", s.channels, s.ending)
	}
}
