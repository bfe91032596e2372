package server

import (
	"fmt"
	"io"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/ratelimiter"
	"github.com/charmbracelet/ssh"

	"github.com/newsdesk/newsdesk/state"
	"github.com/newsdesk/newsdesk/ui"
)

// Messages a session's user may see. They are plain text: nothing styled
// is ever written with the server's own environment.
const (
	msgNeedTerminal = "newsdesk needs an interactive terminal: connect with ssh -t"
	msgOnlyReader   = "newsdesk serves only the reader"
	msgShutdown     = "newsdesk is shutting down"
	msgNotAllowed   = "newsdesk: your key is not authorised"
	msgPanic        = "newsdesk hit an internal error and closed this session (it has been logged); please reconnect"
)

// msgFull is what a client is told when the server holds max sessions.
func msgFull(max int) string {
	if max == 1 {
		return "newsdesk is full (1 reader); try again later"
	}
	return fmt.Sprintf("newsdesk is full (%d readers); try again later", max)
}

// msgPerConnection is what a client opening one session channel too many
// on a connection is told.
func msgPerConnection(max int) string {
	if max == 1 {
		return "newsdesk allows one session per connection; open another connection"
	}
	return fmt.Sprintf("newsdesk allows %d sessions per connection; open another connection", max)
}

// endReason is why a reader session ended.
type endReason int

const (
	endQuit      endReason = iota // the user quit the reader
	endGone                       // the client went away
	endIdle                       // no input for IdleTimeout
	endMaxLength                  // the session reached MaxSessionLength
	endShutdown                   // the server is shutting down
	endPanic                      // the reader panicked
)

// String names the reason in the logs.
func (e endReason) String() string {
	return [...]string{"quit", "client-gone", "idle", "max-session", "shutdown", "panic"}[e]
}

// message is what the user is told, after the reader has quit, when the
// server ended the session ("" when the user ended it).
func (e endReason) message(cfg Config) string {
	switch e {
	case endIdle:
		return fmt.Sprintf("newsdesk closed this session after %s without input", human(cfg.IdleTimeout))
	case endMaxLength:
		return fmt.Sprintf("newsdesk closed this session: sessions last at most %s", human(cfg.MaxSessionLength))
	case endShutdown:
		return msgShutdown
	case endPanic:
		return msgPanic
	}
	return ""
}

// status is the exit status the client gets: 0 when the user quit (or is
// gone), 1 when the server ended the session.
func (e endReason) status() int {
	if e == endQuit || e == endGone {
		return 0
	}
	return 1
}

// human formats a duration the way people write it: "30m", "1h30m", "45s".
func human(d time.Duration) string {
	if d < time.Second {
		return d.String()
	}
	s := d.Round(time.Second).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// say writes msg to the session as a line of its own. With a PTY it goes
// to stdout, the stream the reader drew on, so it lands after the reader's
// last frame (the client's stderr is a separate stream and may be flushed
// first), and ends in CRLF: the client's terminal is in raw mode. Without
// a PTY it goes to stderr, apart from any output a script might read.
func say(sess ssh.Session, msg string) {
	if _, _, ok := sess.Pty(); ok {
		_, _ = io.WriteString(sess, msg+"\r\n")
		return
	}
	_, _ = io.WriteString(sess.Stderr(), msg+"\n")
}

// refuse tells the client why and ends the session with status 1.
func refuse(sess ssh.Session, msg string) {
	say(sess, msg)
	_ = sess.Exit(1)
}

// msgRateLimited is what a client opening sessions too fast is told.
const msgRateLimited = "newsdesk: too many new sessions from your address; try again later"

// rateLimit refuses a session when its IP has opened too many too fast
// (wish's ratelimiter keeps a token bucket per IP); it is wish's
// middleware with newsdesk's message, written as a line of its own.
func (s *Server) rateLimit(l ratelimiter.RateLimiter) wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			if err := l.Allow(sess); err != nil {
				s.log.Info("refused", "reason", "rate-limit", "user", identity(sess), "remote", remoteIP(sess.RemoteAddr()))
				refuse(sess, msgRateLimited)
				return
			}
			next(sess)
		}
	}
}

// readerOnly lets through only what the reader needs: an interactive
// session with a PTY and no command.
func (s *Server) readerOnly(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if sess.RawCommand() != "" {
			s.log.Info("refused", "reason", "exec", "user", identity(sess), "remote", remoteIP(sess.RemoteAddr()),
				"command", clean(sess.RawCommand()))
			refuse(sess, msgOnlyReader)
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			s.log.Info("refused", "reason", "no-pty", "user", identity(sess), "remote", remoteIP(sess.RemoteAddr()))
			refuse(sess, msgNeedTerminal)
			return
		}
		next(sess)
	}
}

// lifecycle admits a session (capacity, authorisation re-check), logs its
// start and end, runs its timers, and once the reader has quit tells the
// user why the server ended it.
func (s *Server) lifecycle(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		who, ip := identity(sess), remoteIP(sess.RemoteAddr())
		// Re-check the key the connection actually authenticated with, not
		// one merely offered; it may also have been removed since.
		if !s.cfg.Public && !s.keys.allowed(sess.PublicKey()) {
			s.log.Warn("refused", "reason", "key-not-authorised", "user", who, "remote", ip)
			refuse(sess, msgNotAllowed)
			return
		}
		r, why := s.admit(sess, who, ip)
		if r == nil {
			s.log.Info("refused", "reason", why, "user", who, "remote", ip)
			refuse(sess, why)
			return
		}
		defer s.release(r)

		pty, _, _ := sess.Pty()
		s.log.Info("connect", "user", who, "remote", sess.RemoteAddr().String(), "term", clean(pty.Term),
			"size", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height), "login", clean(sess.User()))
		r.startTimers(s.cfg.IdleTimeout, s.cfg.MaxSessionLength)
		// A client may close the session's channel and keep the
		// connection: the reader would otherwise run on unseen.
		go func() {
			select {
			case <-channelGone(sess):
				r.end(endGone)
			case <-r.done:
			}
		}()

		next(sess)

		reason := r.finish()
		// The reader has ended: its slot, and its channel's place, are
		// free before the client is told, so that one who quits and
		// connects again at once is let in (they were freed after the
		// exit status, and when the client answered the channel's close,
		// and a server of one slot could refuse the same reader coming
		// back).
		s.unregister(r)
		s.endChannel(sess)
		if msg := reason.message(s.cfg); msg != "" {
			say(sess, msg)
		}
		_ = sess.Exit(reason.status())
		s.log.Info("disconnect", "user", who, "remote", sess.RemoteAddr().String(),
			"duration", time.Since(r.start).Round(time.Millisecond), "reason", reason)
	}
}

// admit registers a new session, or says why it cannot open.
func (s *Server) admit(sess ssh.Session, who, ip string) (*reader, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return nil, msgShutdown
	case s.cfg.MaxSessions > 0 && len(s.sessions) >= s.cfg.MaxSessions:
		// Channels are counted when they open (openChannel); this
		// also counts readers whose channel has just closed and that
		// are still ending.
		return nil, msgFull(s.cfg.MaxSessions)
	case s.cfg.MaxSessionsPerIP > 0 && s.perIP[ip] >= s.cfg.MaxSessionsPerIP:
		return nil, fmt.Sprintf("newsdesk: too many sessions from your address (%d); close one and try again later",
			s.cfg.MaxSessionsPerIP)
	}
	r := &reader{srv: s, sess: sess, who: who, ip: ip, start: time.Now(), done: make(chan struct{})}
	r.lastInput.Store(r.start.UnixNano())
	s.sessions[sess] = r
	s.perIP[ip]++
	s.wg.Add(1)
	return r, ""
}

// release unregisters a session that has ended, if it is still
// registered, and counts it out of the sessions a shutdown waits for.
func (s *Server) release(r *reader) {
	s.unregister(r)
	s.wg.Done()
}

// unregister frees a session's slots (once: a second call does nothing).
func (s *Server) unregister(r *reader) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sessions[r.sess] != r {
		return
	}
	delete(s.sessions, r.sess)
	if s.perIP[r.ip]--; s.perIP[r.ip] <= 0 {
		delete(s.perIP, r.ip)
	}
}

// lookup finds a session's reader.
func (s *Server) lookup(sess ssh.Session) *reader {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions[sess]
}

// newProgram builds a session's Bubble Tea program: its own model over the
// shared library, the client's PTY size, colour profile and environment
// (bm.MakeOptions), input that marks the session active, and no signal
// handler (signals belong to the server, not to each program).
func (s *Server) newProgram(sess ssh.Session) *tea.Program {
	r := s.lookup(sess)
	if r == nil {
		return nil
	}
	cfg := ui.Config{Context: sess.Context(), Library: s.cfg.Library, NoColor: noColor(sess.Environ()), Cache: s.renders,
		Redact: s.redact, Store: s.cfg.Store, User: r.who, SplitWidth: s.cfg.SplitWidth,
		Index: s.cfg.Index, Indexing: s.cfg.Indexing}
	if s.cfg.Keys != nil {
		// A copy per session: nothing one reader does to its keys can
		// reach another's.
		keys := *s.cfg.Keys
		cfg.Keys = &keys
	}
	if r.who == anonymous || cfg.Store == nil {
		// Marks for this session only: nothing of a keyless visitor
		// reaches the disk.
		mem := state.NewMemory(state.Options{})
		cfg.Store = mem
		go func() {
			<-sess.Context().Done()
			mem.Close()
		}()
	}
	var m tea.Model
	func() {
		defer func() {
			if v := recover(); v != nil {
				r.panicked(v, debug.Stack())
			}
		}()
		m = s.cfg.newModel(cfg)
	}()
	if m == nil {
		return nil
	}
	opts := append(bm.MakeOptions(sess),
		tea.WithInput(activityReader{r: sess, last: &r.lastInput}),
		tea.WithoutSignalHandler(),
		tea.WithFPS(sessionFPS),
	)
	p := tea.NewProgram(guard{inner: m, r: r}, opts...)
	if !r.setProgram(p) {
		return nil
	}
	return p
}

// sessionFPS is the frame rate of every session's program: Bubble Tea's
// highest, twice its default. A program writes its first frame, and every
// later one, at its next frame tick, so at 60 a new session waited up to
// 16.7 ms after its handshake for its first frame (26.6 ms in all at the
// median, TestLoad) and a key up to 16.7 ms for its answer; at 120 the first
// frame takes 16.2 ms. The price is the ticks of idle sessions: 200 of them
// cost 2 to 8 % more of one core (TestLoad and a CPU profile of the idle
// window, where the ticker's wake-ups are most of what an idle session
// costs).
const sessionFPS = 120

// noColor reports whether the client's forwarded environment asks for no
// colour (NO_COLOR set and not empty, per no-color.org).
func noColor(env []string) bool {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}

// clean makes client-supplied text (login name, TERM, command) safe for
// the logs: no control characters, at most 64 runes.
func clean(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 64 {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// reader is one open reader session.
type reader struct {
	srv       *Server
	sess      ssh.Session
	who, ip   string
	start     time.Time
	lastInput atomic.Int64 // unix nanoseconds of the last input byte

	mu     sync.Mutex
	prog   *tea.Program
	ended  bool
	reason endReason
	done   chan struct{} // closed when the program has returned
	timer  *time.Timer   // MaxSessionLength
}

// setProgram records the session's program; false if the session already
// ended (then the program must not run).
func (r *reader) setProgram(p *tea.Program) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ended {
		return false
	}
	r.prog = p
	return true
}

// end asks the session's program to quit, recording why; the first reason
// wins. A program that does not quit within killGrace is killed.
func (r *reader) end(why endReason) {
	r.mu.Lock()
	if r.ended {
		r.mu.Unlock()
		return
	}
	r.ended, r.reason = true, why
	p := r.prog
	r.mu.Unlock()
	if p == nil {
		return
	}
	// Quit sends a message to the program's event loop; end may be called
	// from that loop (a panic in Update), so never block here.
	go p.Quit()
	go func() {
		select {
		case <-r.done:
		case <-time.After(killGrace):
			p.Kill()
		}
	}()
}

// finish is called when the program has returned: it stops the timers and
// returns why the session ended.
func (r *reader) finish() endReason {
	r.mu.Lock()
	defer r.mu.Unlock()
	close(r.done)
	if r.timer != nil {
		r.timer.Stop()
	}
	if !r.ended {
		r.ended = true
		r.reason = endQuit
		if r.sess.Context().Err() != nil {
			r.reason = endGone
		}
	}
	return r.reason
}

// startTimers arms the idle timeout (no input for idle) and the session
// length cap; zero durations are off.
func (r *reader) startTimers(idle, maxLength time.Duration) {
	if maxLength > 0 {
		r.mu.Lock()
		r.timer = time.AfterFunc(maxLength, func() { r.end(endMaxLength) })
		r.mu.Unlock()
	}
	if idle <= 0 {
		return
	}
	go func() {
		t := time.NewTimer(idle)
		defer t.Stop()
		for {
			select {
			case <-r.done:
				return
			case <-t.C:
				since := time.Since(time.Unix(0, r.lastInput.Load()))
				if since >= idle {
					r.end(endIdle)
					return
				}
				t.Reset(idle - since)
			}
		}
	}()
}

// panicked logs a panic in the session's reader with its stack and ends
// the session; the server and the other sessions go on.
func (r *reader) panicked(v any, stack []byte) {
	r.srv.log.Error("reader panicked; session closed", "user", r.who, "remote", r.ip,
		"panic", fmt.Sprint(v), "stack", string(stack))
	r.end(endPanic)
}

// activityReader is the session's input, noting when the client last sent
// anything: that is what "idle" measures.
type activityReader struct {
	r    io.Reader
	last *atomic.Int64
}

// Read reads from the session and records the time of any input.
func (a activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// guard wraps a session's model so that a panic in Init, Update, View or
// any command it returns ends that session only, with a message and a
// logged stack, instead of reaching Bubble Tea's handler (which prints to
// the server's stderr).
type guard struct {
	inner tea.Model
	r     *reader
}

// Init starts the inner model.
func (g guard) Init() (cmd tea.Cmd) {
	defer func() {
		if v := recover(); v != nil {
			g.r.panicked(v, debug.Stack())
			cmd = tea.Quit
		}
	}()
	return wrapCmd(g.r, g.inner.Init())
}

// Update forwards msg to the inner model unless the session is ending
// after a panic.
func (g guard) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if g.r.crashed() {
		return g, nil
	}
	defer func() {
		if v := recover(); v != nil {
			g.r.panicked(v, debug.Stack())
			m, cmd = g, tea.Quit
		}
	}()
	inner, cmd := g.inner.Update(msg)
	g.inner = inner
	return g, wrapCmd(g.r, cmd)
}

// View draws the inner model, or nothing once it has panicked.
func (g guard) View() (v tea.View) {
	if g.r.crashed() {
		return tea.NewView("")
	}
	defer func() {
		if rec := recover(); rec != nil {
			g.r.panicked(rec, debug.Stack())
			v = tea.NewView("")
		}
	}()
	return g.inner.View()
}

// crashed reports whether the session's reader has panicked.
func (r *reader) crashed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ended && r.reason == endPanic
}

// cmdType is tea.Cmd's type, to recognise messages that carry commands.
var cmdType = reflect.TypeFor[tea.Cmd]()

// wrapCmd makes cmd end the session instead of the process if it panics.
// Batches and sequences are messages holding more commands (tea.BatchMsg
// and an unexported sequence type, both []tea.Cmd), so their commands are
// wrapped too.
func wrapCmd(r *reader, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if v := recover(); v != nil {
				r.panicked(v, debug.Stack())
				msg = tea.QuitMsg{}
			}
		}()
		msg = cmd()
		if msg == nil {
			return nil
		}
		v := reflect.ValueOf(msg)
		if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
			return msg
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			out.Index(i).Set(reflect.ValueOf(wrapCmd(r, c)))
		}
		return out.Interface()
	}
}
