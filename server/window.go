package server

import (
	"sync"

	"github.com/charmbracelet/ssh"
)

// Window changes, and why newsdesk carries them itself.
//
// The ssh package hands a session's sizes to its handler on a channel
// with room for one (ssh.Session.Pty's <-chan Window) and puts each
// window-change request on it with a blocking send from the loop that
// reads all of the session's requests. Bubble Tea's wish middleware reads
// that channel only while the program runs, and only as fast as the
// program takes messages. So a client that sends window changes faster
// than the reader redraws stalls the request loop, and one whose changes
// arrive after the program has stopped (or before it starts) stalls it
// for good; a stalled request loop stalls the SSH connection's read loop
// behind it, which then never sees the client hang up: the socket, its
// goroutines and the address's connection slot were held forever.
//
// So the channel is drained from the moment the PTY is granted until the
// library closes it, by a goroutine that keeps only the latest size
// (windowFeed.set never blocks), and the middlewares see the session
// through sizedSession, whose Pty offers that latest size on a channel of
// its own. filterRequests already passes on at most one change a frame;
// the feed keeps a reader slower than that from falling behind, and a
// stopped one from stalling anything.

// windowFeed is one session's terminal size as last reported, and a
// channel holding the latest size the reader has not taken yet.
type windowFeed struct {
	mu      sync.Mutex
	pty     ssh.Pty // the PTY as requested, Window the latest size
	pending chan ssh.Window
	// gone is closed when the session's requests end: its channel (or
	// the whole connection) has closed, so its reader must end too.
	gone chan struct{}
}

func newWindowFeed(pty ssh.Pty) *windowFeed {
	return &windowFeed{pty: pty, pending: make(chan ssh.Window, 1), gone: make(chan struct{})}
}

// set records w as the latest size and offers it to the reader in place
// of any size it has not taken yet. It never blocks: it is the only
// sender, so after emptying the channel there is room.
func (f *windowFeed) set(w ssh.Window) {
	f.mu.Lock()
	f.pty.Window = w
	f.mu.Unlock()
	for {
		select {
		case f.pending <- w:
			return
		default:
		}
		select {
		case <-f.pending:
		default:
		}
	}
}

// snapshot is the PTY with the latest size.
func (f *windowFeed) snapshot() ssh.Pty {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.pty
}

// ptyHandler wraps the ssh package's PTY handler (def, the emulated PTY):
// once the PTY is granted it starts draining the session's window changes
// into a windowFeed, registered for sized to find.
func (s *Server) ptyHandler(def ssh.PtyHandler) ssh.PtyHandler {
	return func(ctx ssh.Context, sess ssh.Session, pty ssh.Pty) (func() error, error) {
		closer, err := def(ctx, sess, pty)
		if err != nil {
			return closer, err
		}
		// Called from the session's request loop, so reading the
		// session's PTY here races with nothing.
		_, winch, _ := sess.Pty()
		feed := newWindowFeed(pty)
		s.feedsMu.Lock()
		s.feeds[sess] = feed
		s.feedsMu.Unlock()
		go func() {
			// The ssh package closes winch when the session's
			// requests end: when the channel or the connection closes.
			for w := range winch {
				feed.set(w)
			}
			close(feed.gone)
			s.feedsMu.Lock()
			delete(s.feeds, sess)
			s.feedsMu.Unlock()
		}()
		return closer, nil
	}
}

// sized is the outermost middleware: every later one, and the reader,
// sees the session through sizedSession.
func (s *Server) sized(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		s.feedsMu.Lock()
		feed := s.feeds[sess]
		s.feedsMu.Unlock()
		if feed == nil {
			// No PTY, or the session's requests have already ended
			// (then nothing writes the PTY any more and reading it
			// is safe).
			pty, _, ok := sess.Pty()
			if !ok {
				next(&sizedSession{Session: sess})
				return
			}
			feed = newWindowFeed(pty)
			close(feed.gone)
		}
		next(&sizedSession{Session: sess, feed: feed})
	}
}

// channelGone is closed when sess's channel has closed (nil, never
// closed, for a session without a PTY: it runs no reader).
func channelGone(sess ssh.Session) <-chan struct{} {
	if s, ok := sess.(*sizedSession); ok && s.feed != nil {
		return s.feed.gone
	}
	return nil
}

// sizedSession is a session whose Pty reports the latest size from its
// windowFeed, and whose size changes come coalesced from it. (The ssh
// package's own Pty copies a struct its request loop writes on every
// window change.)
type sizedSession struct {
	ssh.Session
	feed *windowFeed // nil without a PTY
}

// Pty returns the PTY with its latest size, and the channel on which the
// latest size not yet taken waits.
func (s *sizedSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	if s.feed == nil {
		return ssh.Pty{}, nil, false
	}
	return s.feed.snapshot(), s.feed.pending, true
}
