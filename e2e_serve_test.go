package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// freeLoopbackAddr returns a loopback address with a port nobody listens on.
func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// waitUntil waits for cond as every end-to-end wait does (tmuxtest.Until)
// and fails the test, naming what it waited for, if it never holds.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !tmuxtest.Until(cond) {
		t.Fatalf("timed out after %v waiting for %s", tmuxtest.Timeout, what)
	}
}

// needOpenSSH skips the test when the OpenSSH client tools are missing.
func needOpenSSH(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: SSH end-to-end test skipped (install openssh-client; .ci/run does)", tool)
		}
	}
}

// newClientKey generates an OpenSSH ed25519 key pair in dir with
// ssh-keygen and returns the private key's path (the public key is at
// path+".pub").
func newClientKey(t *testing.T, dir string) string {
	t.Helper()
	key := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	return key
}

// servedBinary is the real binary running `newsdesk serve`.
type servedBinary struct {
	cmd    *exec.Cmd
	logs   *lockedBuffer
	exited chan error
}

// startServe runs `newsdesk serve --listen addr args...` and waits until
// it accepts connections. The server is killed when the test ends, and
// its log is shown if the test failed.
func startServe(t *testing.T, addr string, args ...string) *servedBinary {
	t.Helper()
	bin := tmuxtest.Binary(t)
	s := &servedBinary{logs: &lockedBuffer{}, exited: make(chan error, 1)}
	s.cmd = exec.Command(bin, append([]string{"serve", "--listen", addr}, args...)...)
	s.cmd.Env = append(os.Environ(), tmuxtest.Isolated(t.TempDir())...)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exited <- s.cmd.Wait() }()
	t.Cleanup(func() {
		_ = s.cmd.Process.Kill()
		if t.Failed() {
			t.Logf("server log:\n%s", s.logs)
		}
	})
	waitUntil(t, "the server to listen on "+addr, func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return false
		}
		_ = c.Close()
		return true
	})
	return s
}

// stop sends SIGTERM and checks that the server exits with status 0
// within 10 s, as the README promises.
func (s *servedBinary) stop(t *testing.T) {
	t.Helper()
	start := time.Now()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			t.Errorf("server exit after SIGTERM: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server still running 10 s after SIGTERM")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("shutdown took %v", took)
	}
}

// TestServe_OpenSSHClientEndToEnd runs the real binary as a server and the
// real OpenSSH client in a real terminal: a new user's first session.
func TestServe_OpenSSHClientEndToEnd(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	key := newClientKey(t, dir)
	pub, err := os.ReadFile(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	authorized := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(authorized, pub, 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeLoopbackAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	srv := startServe(t, addr, "--authorized-keys", authorized,
		"--host-key", filepath.Join(dir, "host", "ssh_host_ed25519_key"))

	s := tmuxtest.Start(t, 120, 40, sshCommand(port, key, ""))
	s.WaitText(t, "Russia Reaffirms Backing")
	s.Send(t, "Enter")
	s.WaitText(t, "Shoigu")
	s.Send(t, "r")
	s.WaitText(t, "Anya Petrova")
	s.Send(t, "l")
	s.WaitText(t, "Reaction 2 of 4 · James Miller")
	s.Send(t, "q")
	if code := s.WaitExit(t); code != 0 {
		t.Errorf("ssh exited with status %d, want 0", code)
	}
	waitUntil(t, "the server to log the disconnect", func() bool {
		return strings.Contains(srv.logs.String(), "disconnect") && strings.Contains(srv.logs.String(), "reason=quit")
	})
	srv.stop(t)
}

// TestServe_ShutdownTellsOpenSessions checks the binary's signal handling
// with a session open: the client is told, the server exits 0 in time.
func TestServe_ShutdownTellsOpenSessions(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	key := newClientKey(t, dir)
	addr := freeLoopbackAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	srv := startServe(t, addr, "--authorized-keys", key+".pub", "--host-key", filepath.Join(dir, "hk"))

	// The client's output also goes to a file: what a finished pane
	// keeps on screen is up to tmux, the file keeps every byte.
	transcript := filepath.Join(dir, "transcript")
	s := tmuxtest.Start(t, 100, 30, sshCommand(port, key, transcript))
	s.WaitFor(t, func(screen string) bool { return strings.TrimSpace(screen) != "" }, "the reader to draw")

	srv.stop(t)
	// The pipeline's status is tee's; that ssh ended is enough here.
	s.WaitExit(t)
	out, err := os.ReadFile(transcript)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "newsdesk is shutting down\r\n") {
		t.Errorf("the client was not told (CRLF line) that the server is shutting down; it got:\n%q", out)
	}
}

// TestServe_FullServerRefusesWithReason: with the server full, OpenSSH
// shows the reason the session was refused (at its default log level)
// and exits 255.
func TestServe_FullServerRefusesWithReason(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	key := newClientKey(t, dir)
	addr := freeLoopbackAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	startServe(t, addr, "--authorized-keys", key+".pub", "--host-key", filepath.Join(dir, "hk"), "--max-sessions", "1")

	first := tmuxtest.Start(t, 80, 24, sshCommand(port, key, ""))
	first.WaitText(t, "Russia Reaffirms Backing")
	second := exec.Command("ssh", "-tt", "-p", port, "-i", key, "-o", "StrictHostKeyChecking=no",
		"-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "127.0.0.1")
	out, err := second.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 255 {
		t.Errorf("second ssh: %v, want exit status 255", err)
	}
	if want := "open failed: resource shortage: newsdesk is full (1 reader); try again later"; !strings.Contains(string(out), want) {
		t.Errorf("second ssh printed %q, want %q", out, want)
	}
}

// TestServe_TwoSessionsSeeANewFileAndKeepTheirCursors: a file renamed into
// the served library appears in two open sessions of the real client,
// each cursor staying on the article its reader is on; a rescan by hand
// is the server's, not each session's.
func TestServe_TwoSessionsSeeANewFileAndKeepTheirCursors(t *testing.T) {
	needOpenSSH(t)
	dir := t.TempDir()
	key := newClientKey(t, dir)
	lib := filepath.Join(dir, "news")
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"alpha", "bravo"} {
		if err := os.WriteFile(filepath.Join(lib, name+".txt"), []byte(story(name, i+1, "The text of "+name+".")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	addr := freeLoopbackAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	startServe(t, addr, "--authorized-keys", key+".pub", "--host-key", filepath.Join(dir, "hk"), lib)

	// One reader stays on the newest article (bravo), the other moves to
	// alpha. 80 columns: the list alone, one article per two rows.
	first := tmuxtest.Start(t, 80, 24, sshCommand(port, key, ""))
	second := tmuxtest.Start(t, 80, 24, sshCommand(port, key, ""))
	for _, s := range []*tmuxtest.Session{first, second} {
		s.WaitText(t, "2 articles")
	}
	second.Send(t, "j")
	selected := func(headline string) func(string) bool {
		return func(screen string) bool {
			for _, row := range tmuxtest.Rows(screen) {
				if strings.Contains(row, "│") && strings.Contains(row, headline) {
					return true
				}
			}
			return false
		}
	}
	second.WaitFor(t, selected("Story alpha"), "the second reader's cursor on alpha")

	tmp := filepath.Join(lib, ".incoming")
	if err := os.WriteFile(tmp, []byte(story("charlie", 3, "The text of charlie.")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(lib, "charlie.txt")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		s  *tmuxtest.Session
		on string
	}{{first, "Story bravo"}, {second, "Story alpha"}} {
		screen := c.s.WaitText(t, "3 articles · 1 new")
		if !strings.Contains(screen, "Story charlie") || !strings.Contains(screen, "new · PARIS · March 3, 2026") {
			t.Errorf("the new article is not listed as new:\n%s", screen)
		}
		if !selected(c.on)(screen) {
			t.Errorf("the cursor left %s:\n%s", c.on, screen)
		}
	}

	// R rescans for the whole server, at most once every 30 s: the second
	// reader asking right after the first is told when it can.
	first.Send(t, "R")
	first.WaitText(t, "Rescanned 3 files: nothing changed.")
	second.Send(t, "R")
	second.WaitText(t, "the next rescan can start in")
}

// sshCommand is the OpenSSH client command line a new user would type,
// made non-interactive for a test (output piped through tee to transcript
// when it is not "").
func sshCommand(port, key, transcript string) string {
	cmd := fmt.Sprintf("ssh -tt -p %s -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "+
		"-o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR 127.0.0.1", port, key)
	if transcript != "" {
		cmd += " | tee " + transcript
	}
	return cmd
}

func TestServe_WithoutAccessChoiceIsUsageError(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	if err := os.WriteFile(keys, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
	}{
		{"neither", []string{"serve"}},
		{"both", []string{"serve", "--public", "--authorized-keys", keys}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(tt.args, "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "hk"))
			if code := run(t.Context(), args); code != 2 {
				t.Errorf("newsdesk %s: exit status %d, want 2", strings.Join(args, " "), code)
			}
			if _, err := os.Stat(filepath.Join(dir, "hk")); err == nil {
				t.Error("a host key was generated by a server that refused to start")
			}
		})
	}
}
