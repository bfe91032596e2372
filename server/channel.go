package server

import (
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
// whose requests pass through filterRequests first.
func filterSession(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{newChan}, ctx)
}

// refuseChannel rejects a channel type the reader does not offer (local
// port forwarding), saying why.
func refuseChannel(_ *ssh.Server, _ *gossh.ServerConn, newChan gossh.NewChannel, _ ssh.Context) {
	_ = newChan.Reject(gossh.Prohibited, "newsdesk serves only the reader: port forwarding is disabled")
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

// filterRequests refuses what the reader never grants, caps the
// environment, clamps terminal sizes, and passes everything else on.
func filterRequests(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	envs := 0
	for req := range in {
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
			req.Payload = clampWindowChange(req.Payload)
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
// becomes 80×24, and an absurd one is capped at maxWidth×maxHeight.
func clampSize(cols, rows uint32) (uint32, uint32) {
	if cols == 0 {
		cols = 80
	}
	if rows == 0 {
		rows = 24
	}
	return min(cols, maxWidth), min(rows, maxHeight)
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
