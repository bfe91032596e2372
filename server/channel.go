package server

import (
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// maxEnv caps the environment variables one session may set: each is kept
// for the session's life, so an unbounded number would cost memory.
const maxEnv = 64

// refusedRequests are the session requests the reader never grants: agent
// forwarding, X11 forwarding and subsystems such as sftp. (The ssh package
// would accept agent forwarding on its own.)
var refusedRequests = map[string]bool{
	"auth-agent-req@openssh.com": true,
	"x11-req":                    true,
	"subsystem":                  true,
}

// filterSession is the "session" channel handler: ssh's own, on a channel
// whose requests pass through filterRequests first, once the channel has
// a place (openChannel). The place is held until the channel closes.
func (s *Server) filterSession(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	c := s.connChannels(ctx)
	if reason, msg := s.openChannel(c); msg != "" {
		s.reject(conn, ctx, newChan, gossh.ResourceShortage, reason, msg)
		return
	}
	p := &channelPlace{c: c}
	defer s.closeChannel(p)
	// Returns when the channel's requests end: the channel has closed,
	// or the connection has. The session's context carries the place,
	// for lifecycle to give it up when the reader ends.
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{newChan}, placedContext{ctx, p})
}

// channelPlace is one session channel's place among MaxSessions. It is
// counted in Server.channels while the channel is open and its reader
// has not ended; then in Server.ending until the channel closes, which
// takes the client's answer to the server's close. A reader who quits
// and connects again at once would otherwise find a server of one place
// still full; and open and ending channels together are bounded (see
// openChannel), so a client that never answers cannot pile them up.
type channelPlace struct {
	c             *connChannels
	ended, closed bool
}

// channelPlaceKey is the context key of a session's channelPlace.
type channelPlaceKey struct{}

// placedContext is a connection's context with one session channel's
// place in it: the context of that channel's session.
type placedContext struct {
	ssh.Context
	place *channelPlace
}

// Value implements context.Context.
func (p placedContext) Value(key any) any {
	if key == (channelPlaceKey{}) {
		return p.place
	}
	return p.Context.Value(key)
}

// refuseChannel rejects a channel type the reader does not offer (port
// forwarding, X11, anything else), saying why.
func (s *Server) refuseChannel(_ *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	if newChan.ChannelType() == "direct-tcpip" {
		s.reject(conn, ctx, newChan, gossh.Prohibited, "port-forwarding",
			"newsdesk serves only the reader: port forwarding is disabled")
		return
	}
	s.reject(conn, ctx, newChan, gossh.UnknownChannelType, "channel-type",
		"newsdesk serves only the reader: no "+clean(newChan.ChannelType())+" channels")
}

// maxRefusals is how many channels one connection may be refused before
// the server hangs up on it. x/crypto/ssh keeps every channel a server
// rejects until its connection closes (golang/go#35127: ≈1.5 KiB each)
// and looks for a free channel number through all of them, so a client
// asking again and again would grow the server's memory and CPU without
// end: 100,000 refusals took 9 s of CPU and 120 MiB. No client that
// means well is refused a hundred times on one connection.
const maxRefusals = 100

// reject refuses a new channel with kind and msg (the client sees msg).
// The first refusal on a connection is logged, then the 10th and the
// 100th, with the count; at maxRefusals the connection is closed.
func (s *Server) reject(conn *gossh.ServerConn, ctx ssh.Context, newChan gossh.NewChannel,
	kind gossh.RejectionReason, reason, msg string) {
	c := s.connChannels(ctx)
	s.mu.Lock()
	c.refused++
	nth := c.refused
	s.mu.Unlock()
	pk, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	who, ip := keyIdentity(pk), remoteIP(conn.RemoteAddr())
	if isPowerOfTen(nth) {
		s.log.Info("refused", "reason", reason, "user", who, "remote", ip, "refusals", nth)
	}
	_ = newChan.Reject(kind, msg)
	if nth == maxRefusals {
		s.log.Warn("connection closed: too many refused channels", "user", who, "remote", ip, "refusals", nth)
		_ = conn.Close()
	}
}

// connChannels is what the server knows of one connection's channels.
// It lives in the connection's context, so it goes with the connection.
type connChannels struct {
	open    int // session channels open now
	refused int // channels of any type refused so far
}

// connChannelsKey is the context key of a connection's connChannels.
type connChannelsKey struct{}

// connChannels returns the connection's connChannels, made on first use.
func (s *Server) connChannels(ctx ssh.Context) *connChannels {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, _ := ctx.Value(connChannelsKey{}).(*connChannels)
	if c == nil {
		c = &connChannels{}
		ctx.SetValue(connChannelsKey{}, c)
	}
	return c
}

// openChannel takes a place for a new session channel on the connection
// c counts, or says why there is none: a log reason and the client's
// message. Every open session channel counts against MaxSessions,
// whether or not it has started a reader, so channels opened and left
// idle cannot exhaust the server, until its reader has ended; open and
// ending channels together are at most twice MaxSessions (see
// channelPlace). MaxChannelsPerConnection is OpenSSH's MaxSessions.
func (s *Server) openChannel(c *connChannels) (reason, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return "shutdown", msgShutdown
	case s.cfg.MaxChannelsPerConnection > 0 && c.open >= s.cfg.MaxChannelsPerConnection:
		return "sessions-per-connection", msgPerConnection(s.cfg.MaxChannelsPerConnection)
	case s.cfg.MaxSessions > 0 && (s.channels >= s.cfg.MaxSessions || s.channels+s.ending >= 2*s.cfg.MaxSessions):
		return "full", msgFull(s.cfg.MaxSessions)
	}
	c.open++
	s.channels++
	return "", ""
}

// closeChannel gives back the place of a session channel that has closed.
func (s *Server) closeChannel(p *channelPlace) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p.closed = true
	p.c.open--
	if p.ended {
		s.ending--
	} else {
		s.channels--
	}
}

// endChannel counts the channel of sess as ending once its reader has
// ended, if it has not closed already.
func (s *Server) endChannel(sess ssh.Session) {
	if p, ok := sess.Context().Value(channelPlaceKey{}).(*channelPlace); ok {
		s.endPlace(p)
	}
}

// endPlace moves p from the open channels to the ending ones.
func (s *Server) endPlace(p *channelPlace) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p.closed || p.ended {
		return
	}
	p.ended = true
	s.channels--
	s.ending++
}

// isPowerOfTen reports whether n is 1, 10, 100, …
func isPowerOfTen(n int) bool {
	for n >= 10 && n%10 == 0 {
		n /= 10
	}
	return n == 1
}

// filteredChannel is a new session channel whose requests are filtered
// once accepted.
type filteredChannel struct{ gossh.NewChannel }

// Accept accepts the channel and returns its requests, filtered.
func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go filterRequests(reqs, out)
	return ch, out, nil
}

// resizeInterval is the shortest time between two window changes passed
// on to a session: one frame of the reader (Bubble Tea draws at most 60
// a second). A client may send thousands a second; only the latest size
// matters, and each one passed on costs a re-layout and a full redraw.
const resizeInterval = time.Second / 60

// filterRequests refuses what the reader never grants, caps the
// environment, clamps terminal sizes, coalesces window changes, and
// passes everything else on in order.
//
// Window changes are passed on at most once per resizeInterval: one that
// arrives sooner is held, and replaced by any later one (which is
// answered in its place), until the interval is over. The last size a
// client sends always arrives.
func filterRequests(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	var (
		envs   int
		held   *gossh.Request // the latest window change not passed on yet
		passed time.Time      // when the last window change was passed on
		timer  = time.NewTimer(time.Hour)
		due    <-chan time.Time // timer.C while a window change is held
	)
	timer.Stop()
	defer timer.Stop()
	passHeld := func() {
		held.Payload = clampWindowChange(held.Payload)
		out <- held
		held, passed, due = nil, time.Now(), nil
	}
	for {
		var req *gossh.Request
		select {
		case <-due:
			passHeld()
			continue
		case r, ok := <-in:
			if !ok {
				if held != nil {
					_ = held.Reply(false, nil) // the channel is gone
				}
				return
			}
			req = r
		}
		switch {
		case refusedRequests[req.Type]:
			_ = req.Reply(false, nil)
			continue
		case req.Type == "env":
			envs++
			if envs > maxEnv || len(req.Payload) > 4096 {
				_ = req.Reply(false, nil)
				continue
			}
		case req.Type == "pty-req":
			req.Payload = clampPtyRequest(req.Payload)
		case req.Type == "window-change":
			if held != nil {
				_ = held.Reply(true, nil) // superseded by req
			}
			held = req
			if due == nil {
				if wait := resizeInterval - time.Since(passed); wait > 0 {
					timer.Reset(wait)
					due = timer.C
				} else {
					passHeld()
				}
			}
			continue
		}
		out <- req
	}
}

// ptyRequest is the payload of "pty-req" (RFC 4254 §6.2).
type ptyRequest struct {
	Term       string
	Cols, Rows uint32
	Wpx, Hpx   uint32
	Modes      string
}

// windowChange is the payload of "window-change" (RFC 4254 §6.7).
type windowChange struct {
	Cols, Rows uint32
	Wpx, Hpx   uint32
}

// clampSize bounds a client's terminal size: an unknown (zero) size
// becomes 80×24, an absurd one is capped at maxWidth×maxHeight, and one
// of more than maxCells cells keeps its width and loses rows.
func clampSize(cols, rows uint32) (uint32, uint32) {
	if cols == 0 {
		cols = 80
	}
	if rows == 0 {
		rows = 24
	}
	cols, rows = min(cols, maxWidth), min(rows, maxHeight)
	return cols, min(rows, maxCells/cols)
}

func clampPtyRequest(p []byte) []byte {
	var r ptyRequest
	if err := gossh.Unmarshal(p, &r); err != nil {
		return p // the ssh package rejects what it cannot parse
	}
	r.Cols, r.Rows = clampSize(r.Cols, r.Rows)
	return gossh.Marshal(&r)
}

func clampWindowChange(p []byte) []byte {
	var w windowChange
	if err := gossh.Unmarshal(p, &w); err != nil {
		return p
	}
	w.Cols, w.Rows = clampSize(w.Cols, w.Rows)
	return gossh.Marshal(&w)
}
