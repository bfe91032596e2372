package server

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/seeds"
	"github.com/newsdesk/newsdesk/ui"
)

// seedHeadline is the bundled article's headline: the reader is up when
// it is on the screen.
const seedHeadline = "Russia Reaffirms Backing"

// waitUntil waits for cond as every wait of these tests does
// (tmuxtest.Until), naming what it waited for when it times out.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if !tmuxtest.Until(cond) {
		t.Fatalf("timed out waiting for %s", what)
	}
}

// waitTimeout bounds every wait-for-condition in these tests: generous,
// because CI runs them under the race detector on two shared cores.
const waitTimeout = 15 * time.Second

// waitLimit is what waitFor waits: waitTimeout, but for TestLoad on a
// large library with an empty cache, whose server listens only once a
// first load of every file has ended.
var waitLimit = waitTimeout

// syncBuffer is a bytes.Buffer safe for a writer and a poller.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// waitFor polls until cond holds on the text (escape sequences stripped)
// written since offset, and fails the test after waitLimit.
func waitFor(t testing.TB, buf *syncBuffer, offset int, what string, cond func(text string) bool) string {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		s := buf.String()
		text := ansi.Strip(s[min(offset, len(s)):])
		if cond(text) {
			return text
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; got:\n%q", what, text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func waitText(t testing.TB, buf *syncBuffer, offset int, want string) string {
	t.Helper()
	return waitFor(t, buf, offset, fmt.Sprintf("%q", want), func(s string) bool { return strings.Contains(s, want) })
}

// newSigner makes a fresh ed25519 client key.
func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testServer is a server on a loopback port with one authorised key.
type testServer struct {
	*Server
	addr    string
	logs    *syncBuffer
	key     gossh.Signer // authorised
	keyFile string
	done    chan error
}

// startServer starts a server whose authorized_keys holds one fresh key;
// tweak adjusts the Config first (limits off unless a test sets them).
func startServer(t testing.TB, tweak func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	key := newSigner(t)
	keyFile := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keyFile, gossh.MarshalAuthorizedKey(key.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	lib := library.New(library.Options{FS: seeds.FS, FSPrefix: "seeds"})
	<-lib.Start(t.Context())
	cfg := Config{
		Library:            lib,
		Listen:             "127.0.0.1:0",
		HostKeyPath:        filepath.Join(dir, "host", "ssh_host_ed25519_key"),
		AuthorizedKeysPath: keyFile,
		RateLimit:          rate.Inf,
		Logger:             log.NewWithOptions(logs, log.Options{Level: log.DebugLevel}),
	}
	if tweak != nil {
		tweak(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: srv, addr: ln.Addr().String(), logs: logs, key: key, keyFile: keyFile, done: make(chan error, 1)}
	go func() { ts.done <- srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = srv.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return ts
}

// dial connects and authenticates with auth.
func dial(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), //nolint:gosec // a test server's fresh key
		Timeout:         waitTimeout,
	})
}

// client is one SSH session with everything it printed (stdout and
// stderr) in out.
type client struct {
	conn *gossh.Client
	sess *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
}

// connect opens a session without starting it.
func connect(t testing.TB, addr string, auth ...gossh.AuthMethod) *client {
	t.Helper()
	conn, err := dial(addr, auth...)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	c := &client{conn: conn, sess: sess, out: &syncBuffer{}}
	sess.Stdout, sess.Stderr = c.out, c.out
	c.in, err = sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sess.Close(); _ = conn.Close() })
	return c
}

// openReader connects with auth and starts an interactive session on a
// width×height PTY.
func openReader(t testing.TB, addr string, width, height int, auth ...gossh.AuthMethod) *client {
	t.Helper()
	c := connect(t, addr, auth...)
	if err := c.sess.RequestPty("xterm-256color", height, width, gossh.TerminalModes{}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	if err := c.sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	return c
}

// send types keys.
func (c *client) send(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(c.in, keys); err != nil {
		t.Fatalf("send %q: %v", keys, err)
	}
}

// exit waits for the session to end and returns its exit status.
func (c *client) exit(t testing.TB) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.sess.Wait() }()
	select {
	case err := <-done:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		default:
			t.Fatalf("session ended without a status: %v", err)
		}
	case <-time.After(waitTimeout):
		t.Fatalf("session still running after %v; output:\n%q", waitTimeout, ansi.Strip(c.out.String()))
	}
	return -1
}

// probe is a stand-in reader for tests that need to see what the server
// gave the model: its size, NO_COLOR and keys. Keys: q quits; p panics in
// Update, v in View, c in a command.
type probe struct {
	cfg        ui.Config
	w, h       int
	keys       int
	panicsView bool
}

func newProbe(cfg ui.Config) tea.Model { return probe{cfg: cfg} }

func (p probe) Init() tea.Cmd { return nil }

func (p probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
	case tea.KeyPressMsg:
		p.keys++
		switch msg.String() {
		case "q":
			return p, tea.Quit
		case "p":
			panic("probe: panic in Update")
		case "v":
			p.panicsView = true
		case "c":
			return p, tea.Batch(nil, func() tea.Msg { panic("probe: panic in a command") })
		}
	}
	return p, nil
}

// digits is a width-long ruler with no repeated neighbours, so a renderer
// cannot compress it and its length shows the width the view was laid out
// for.
func digits(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteByte("0123456789"[i%10])
	}
	return b.String()
}

func (p probe) View() tea.View {
	if p.panicsView {
		panic("probe: panic in View")
	}
	v := tea.NewView(fmt.Sprintf("probe size=%dx%d nocolor=%v split=%d\n%s|", p.w, p.h, p.cfg.NoColor, p.cfg.SplitWidth, digits(p.w-1)))
	v.AltScreen = true
	return v
}

// rawReader is a reader session whose TCP connection the test can drop.
type rawReader struct {
	raw  net.Conn
	conn *gossh.Client
	sess *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
}

func openRawReader(t testing.TB, addr string, key gossh.Signer, width, height int) *rawReader {
	t.Helper()
	r, err := dialRawReader(addr, key, width, height)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.raw.Close() })
	return r
}

// dialRawReader connects with key and starts a reader on a width×height
// PTY.
func dialRawReader(addr string, key gossh.Signer, width, height int) (*rawReader, error) {
	raw, err := net.DialTimeout("tcp", addr, waitTimeout)
	if err != nil {
		return nil, err
	}
	c, chans, reqs, err := gossh.NewClientConn(raw, addr, &gossh.ClientConfig{
		User: "attack", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), //nolint:gosec // a test server's fresh key
	})
	if err != nil {
		_ = raw.Close()
		return nil, err
	}
	conn := gossh.NewClient(c, chans, reqs)
	r := &rawReader{raw: raw, conn: conn, out: &syncBuffer{}}
	if r.sess, err = conn.NewSession(); err != nil {
		_ = raw.Close()
		return nil, err
	}
	r.sess.Stdout = r.out
	if r.in, err = r.sess.StdinPipe(); err != nil {
		_ = raw.Close()
		return nil, err
	}
	if err := r.sess.RequestPty("xterm-256color", height, width, nil); err != nil {
		_ = raw.Close()
		return nil, err
	}
	if err := r.sess.Shell(); err != nil {
		_ = raw.Close()
		return nil, err
	}
	return r, nil
}

// flood sends n window changes, each a different size.
func (r *rawReader) flood(n int) { floodSizes(r.sess, n) }

// floodSizes sends n window changes on sess, each a different size, and
// reports whether they were all written.
func floodSizes(sess *gossh.Session, n int) bool {
	for i := range n {
		if sess.WindowChange(20+i%30, 60+i%100) != nil {
			return false
		}
	}
	return true
}

// flooded runs send (a flood, and whatever must follow it) and fails the
// test, instead of hanging, if the server stops reading the connection.
func flooded(t testing.TB, send func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { defer close(done); send() }()
	waitUntil(t, "the server to read the whole flood", func() bool {
		select {
		case <-done:
			return true
		default:
			return false
		}
	})
}
