// Package server serves the newsdesk reader over SSH: one Bubble Tea
// program per session, on a library loaded once and shared read-only, behind
// public-key authentication, with nothing but the reader on offer and limits
// that keep one client from hurting the others.
package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"charm.land/wish/v2/ratelimiter"
	rm "charm.land/wish/v2/recover"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
	"github.com/newsdesk/newsdesk/state"
	"github.com/newsdesk/newsdesk/ui"
)

// Defaults for the limits a zero Config leaves unset.
const (
	// DefaultListen is where serve listens unless told otherwise: loopback
	// only, so exposing the reader is a deliberate choice.
	DefaultListen = "127.0.0.1:23234"
	// DefaultHandshakeTimeout is how long a client has to complete the SSH
	// handshake and authenticate (OpenSSH's LoginGraceTime is 120 s; a
	// reader needs far less).
	DefaultHandshakeTimeout = 30 * time.Second
	// DefaultRateLimit is the sustained rate of new sessions per client IP.
	DefaultRateLimit = rate.Limit(1)
	// DefaultRateBurst is how many sessions one IP may open at once before
	// DefaultRateLimit applies.
	DefaultRateBurst = 10
	// killGrace is how long a program told to quit has before it is killed.
	killGrace = 2 * time.Second
	// closeGrace is how long Shutdown lets clients close their own
	// connections once their sessions have ended.
	closeGrace = 2 * time.Second
	// maxWidth, maxHeight and maxCells cap the terminal size a client may
	// claim. Bubble Tea's renderer keeps two cell buffers of the
	// terminal's size (the frame and the screen it diffs against) at
	// ≈120 bytes a cell, so a session costs ≈280 bytes of memory a cell:
	// 500×300 was ≈45 MiB. maxCells keeps every session under ≈10 MiB;
	// a larger terminal keeps its width (the layout) and loses rows.
	maxWidth, maxHeight = 500, 300
	maxCells            = 32 * 1024
	// sharedCacheSize bounds the renderings all sessions share: a
	// rendering is a few KiB, so a thousand (many articles, several
	// terminal widths) is a few MiB.
	sharedCacheSize = 1024
)

// Config says how to serve. Zero limits mean "no limit", except
// HandshakeTimeout and the rate limit, which fall back to their defaults.
type Config struct {
	// Listen is the TCP address to listen on (DefaultListen if empty).
	Listen string
	// HostKeyPath is the server's ed25519 host key, generated (mode 0600,
	// directory 0700) when missing.
	HostKeyPath string
	// AuthorizedKeysPath is an OpenSSH authorized_keys file: only its keys
	// get in. It is reloaded when it changes.
	AuthorizedKeysPath string
	// Public lets anyone in, with any key or none. Exactly one of Public
	// and AuthorizedKeysPath must be set.
	Public bool
	// MaxSessions caps the session channels open at once, with or
	// without a reader in them.
	MaxSessions int
	// MaxChannelsPerConnection caps the session channels one connection
	// may hold open at once (OpenSSH's MaxSessions; serve's default is 1).
	MaxChannelsPerConnection int
	// MaxSessionsPerIP caps the readers open at once from one client IP.
	MaxSessionsPerIP int
	// IdleTimeout closes a session that has sent no input for this long.
	IdleTimeout time.Duration
	// MaxSessionLength closes any session after this long.
	MaxSessionLength time.Duration
	// HandshakeTimeout drops a connection that has not authenticated within
	// it (DefaultHandshakeTimeout if zero).
	HandshakeTimeout time.Duration
	// RateLimit and RateBurst limit new sessions per client IP
	// (DefaultRateLimit and DefaultRateBurst if zero; rate.Inf turns it off).
	RateLimit rate.Limit
	RateBurst int
	// Library is the catalogue every session reads: loaded once, its
	// snapshots shared read-only by all sessions. Sessions see its
	// problems' paths relative to the paths it reads.
	Library *library.Library
	// Store keeps each user's reading state (the key's fingerprint is the
	// user). A keyless --public visitor's marks live in a store of the
	// session's own, in memory, and go with it. nil keeps every session's
	// in memory only.
	Store state.Store
	// Index is the library's full-text index every session's search
	// screen asks (nil: no search), and Indexing how far it is in step
	// with Library (nil: not shown).
	Index    *search.Index
	Indexing *search.Progress
	// ShowProblems shows sessions the problems with the server's own
	// paths, as newsdesk check prints them. Without it no path of the
	// server's file system reaches a client.
	ShowProblems bool
	// Keys are the readers' key bindings (the config file's [keys]):
	// every session gets its own copy of them. nil means ui.DefaultKeyMap.
	Keys *ui.KeyMap
	// SplitWidth is the narrowest terminal that shows the list and the
	// preview side by side (ui.DefaultSplitWidth if zero).
	SplitWidth int
	// Logger receives the server's structured logs (log.Default() if nil).
	Logger *log.Logger

	// newModel builds a session's model; tests replace it (for example
	// with a model that panics). nil means ui.New.
	newModel func(ui.Config) tea.Model
}

// ErrNoAccessPolicy is returned by New when the Config says neither who may
// connect (AuthorizedKeysPath) nor that everyone may (Public).
var ErrNoAccessPolicy = errors.New("choose who may connect: --authorized-keys FILE for listed keys only, or --public for anyone")

// ErrBothAccessPolicies is returned by New when both AuthorizedKeysPath and
// Public are set: the file would have no effect.
var ErrBothAccessPolicies = errors.New("--authorized-keys and --public are exclusive: --public lets anyone in")

// Server is a running (or ready to run) SSH reader service.
type Server struct {
	cfg  Config
	log  *log.Logger
	ssh  *ssh.Server
	keys *keyring // nil when Public

	// HostKeyFingerprint is the SHA256 fingerprint of the host key, the
	// one clients see on first connection.
	HostKeyFingerprint string

	// renders is the rendered-article cache every session shares: an
	// article is rendered once per width and style for all readers.
	renders *ui.RenderCache

	mu       sync.Mutex
	sessions map[ssh.Session]*reader
	perIP    map[string]int // open sessions per client IP
	connsIP  map[string]int // open connections per client IP
	closing  bool
	channels int            // open session channels whose reader has not ended
	ending   int            // session channels whose reader has ended, not yet closed
	wg       sync.WaitGroup // one per tracked session
	ln       net.Listener
	lnReady  chan struct{}

	feedsMu sync.Mutex
	feeds   map[ssh.Session]*windowFeed // sessions with a PTY, until their requests end
}

// New checks cfg, loads or generates the host key and loads the authorized
// keys. It does not listen yet.
func New(cfg Config) (*Server, error) {
	if !cfg.Public && cfg.AuthorizedKeysPath == "" {
		return nil, ErrNoAccessPolicy
	}
	if cfg.Public && cfg.AuthorizedKeysPath != "" {
		return nil, ErrBothAccessPolicies
	}
	if cfg.HostKeyPath == "" {
		return nil, errors.New("no host key path")
	}
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	if cfg.HandshakeTimeout <= 0 {
		cfg.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = DefaultRateBurst
	}
	if cfg.Logger == nil {
		cfg.Logger = log.Default()
	}
	if cfg.newModel == nil {
		cfg.newModel = func(c ui.Config) tea.Model { return ui.New(c) }
	}
	s := &Server{
		cfg:      cfg,
		log:      cfg.Logger,
		sessions: map[ssh.Session]*reader{},
		perIP:    map[string]int{},
		connsIP:  map[string]int{},
		feeds:    map[ssh.Session]*windowFeed{},
		lnReady:  make(chan struct{}),
		renders:  ui.NewRenderCache(sharedCacheSize),
	}
	if cfg.Public && cfg.ShowProblems {
		s.log.Warn("--show-problems with --public shows anyone the server's paths of the library's problems")
	}

	signer, created, err := loadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s.HostKeyFingerprint = gossh.FingerprintSHA256(signer.PublicKey())
	if fi, err := os.Stat(cfg.HostKeyPath); err == nil && fi.Mode().Perm()&0o077 != 0 {
		s.log.Warn("host key is readable by others; chmod 600 it", "path", cfg.HostKeyPath, "mode", fi.Mode().Perm())
	}
	if created {
		s.log.Info("generated host key", "path", cfg.HostKeyPath, "fingerprint", s.HostKeyFingerprint)
	} else {
		s.log.Info("host key", "path", cfg.HostKeyPath, "fingerprint", s.HostKeyFingerprint)
	}

	if !cfg.Public {
		s.keys, err = newKeyring(cfg.AuthorizedKeysPath, s.log)
		if err != nil {
			return nil, err
		}
	}

	s.ssh, err = wish.NewServer(
		wish.WithAddress(cfg.Listen),
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		s.authOptions(),
		func(srv *ssh.Server) error {
			srv.ConnCallback = s.onConn
			srv.ConnectionFailedCallback = s.onConnFailed
			// Only sessions, filtered (see filterSession); every other
			// channel type (direct-tcpip for ssh -L, x11, …) is refused
			// with a reason. Global requests such as tcpip-forward
			// (ssh -R) have no handler and are refused.
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{
				"session": s.filterSession,
				"default": s.refuseChannel,
			}
			// The emulated PTY, with window changes carried by
			// newsdesk (see window.go).
			var emulated ssh.Server
			if err := ssh.EmulatePty()(&emulated); err != nil {
				return err
			}
			srv.PtyHandler = s.ptyHandler(emulated.PtyHandler)
			srv.RequestHandlers = map[string]ssh.RequestHandler{}
			srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
			// A transport-level backstop for connections that never open
			// a session: the reader's own idle timer (with its message)
			// fires first because it is shorter.
			if cfg.IdleTimeout > 0 {
				srv.IdleTimeout = cfg.IdleTimeout + time.Minute
			}
			return nil
		},
		// Middlewares are composed first to last, so the LAST one runs
		// FIRST (wish options.go). A session therefore goes through:
		//   0. sized:       the session as every later step sees it, its
		//                   window changes coalesced (window.go)
		//   1. ratelimiter: too many new sessions from this IP => refused
		//   2. readerOnly:  exec or no PTY => refused with a message
		//   3. lifecycle:   capacity checks, connect/disconnect logs,
		//                   idle/max-length/shutdown/panic endings and the
		//                   message written after the program has quit
		//   4. bm:          the Bubble Tea reader itself
		// recover wraps 2–4 so a panic in our own middleware code is logged
		// with its stack instead of killing the process.
		wish.WithMiddleware(
			rm.MiddlewareWithLogger(
				s.log.StandardLog(log.StandardLogOptions{ForceLevel: log.ErrorLevel}),
				bm.MiddlewareWithProgramHandler(s.newProgram),
				s.lifecycle,
				s.readerOnly,
			),
			s.rateLimit(ratelimiter.NewRateLimiter(cfg.RateLimit, cfg.RateBurst, 4096)),
			s.sized,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	return s, nil
}

// ListenAndServe listens on Config.Listen and serves until Shutdown. It
// returns ssh.ErrServerClosed after a Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Serve serves on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.ln != nil {
		s.mu.Unlock()
		return errors.New("server already serving")
	}
	s.ln = ln
	close(s.lnReady)
	s.mu.Unlock()
	if s.keys != nil {
		s.keys.watch()
	}
	s.log.Info("listening", "addr", ln.Addr().String(), "public", s.cfg.Public,
		"articles", s.cfg.Library.Snapshot().Len())
	return s.ssh.Serve(ln)
}

// Addr is the address the server listens on, once Serve has started
// (nil before).
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// Shutdown stops accepting connections, tells every open session
// "newsdesk is shutting down" and ends it, and waits for the sessions to
// finish until ctx is done; then it closes whatever connections remain.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	open := make([]*reader, 0, len(s.sessions))
	for _, r := range s.sessions {
		open = append(open, r)
	}
	s.mu.Unlock()
	if s.keys != nil {
		s.keys.close()
	}
	s.log.Info("shutting down", "sessions", len(open))

	// Stop accepting first; ssh.Server.Shutdown then waits for every
	// connection, which we end below.
	sdErr := make(chan error, 1)
	go func() { sdErr <- s.ssh.Shutdown(ctx) }()
	for _, r := range open {
		r.end(endShutdown)
	}

	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
	// Sessions have said goodbye. Give clients a moment to close their
	// connections themselves: closing a socket with unread input resets
	// it, and the client would lose the goodbye still in flight. Then
	// close whatever remains (an idle connection, one mid-handshake).
	grace := time.NewTimer(closeGrace)
	defer grace.Stop()
	var sdResult error
	select {
	case sdResult = <-sdErr:
	case <-grace.C:
	case <-ctx.Done():
	}
	closeErr := s.ssh.Close()
	if sdResult != nil && !errors.Is(sdResult, net.ErrClosed) {
		return sdResult
	}
	if closeErr != nil && !errors.Is(closeErr, net.ErrClosed) {
		return closeErr
	}
	return nil
}

// Close stops the server at once, without telling the sessions.
func (s *Server) Close() error {
	if s.keys != nil {
		s.keys.close()
	}
	return s.ssh.Close()
}
