package main

import (
	"bytes"
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

// waitUntil polls cond until it holds or tmuxtest.Timeout passes.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(tmuxtest.Timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", tmuxtest.Timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServe_ShutdownTellsOpenSessions checks the binary's signal handling
// with a session open: the client is told, the server exits 0 in time.
func TestServe_ShutdownTellsOpenSessions(t *testing.T) {
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: SSH end-to-end test skipped (install openssh-client; .ci/run does)", tool)
		}
	}
	bin := tmuxtest.Binary(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	addr := freeLoopbackAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	logs := &lockedBuffer{}
	srv := exec.Command(bin, "serve", "--listen", addr, "--authorized-keys", key+".pub",
		"--host-key", filepath.Join(dir, "hk"))
	srv.Stdout, srv.Stderr = logs, logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- srv.Wait() }()
	t.Cleanup(func() {
		_ = srv.Process.Kill()
		if t.Failed() {
			t.Logf("server log:\n%s", logs)
		}
	})
	waitUntil(t, "the server to listen", func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			_ = c.Close()
		}
		return err == nil
	})
	// The client's output also goes to a file: what a finished pane
	// keeps on screen is up to tmux, the file keeps every byte.
	transcript := filepath.Join(dir, "transcript")
	s := tmuxtest.Start(t, 100, 30, strings.Replace(sshCommand(port, key), "127.0.0.1;", "127.0.0.1 | tee "+transcript+";", 1))
	s.WaitFor(t, func(screen string) bool { return strings.TrimSpace(screen) != "" }, "the reader to draw")

	start := time.Now()
	if err := srv.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("server exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server still running 10 s after SIGTERM")
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	// The pipeline's status is tee's; that ssh ended is enough here.
	s.WaitText(t, "ssh-exit=")
	out, err := os.ReadFile(transcript)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "newsdesk is shutting down\r\n") {
		t.Errorf("the client was not told (CRLF line) that the server is shutting down; it got:\n%q", out)
	}
}

// sshCommand is the OpenSSH client command line a new user would type,
// made non-interactive for a test, followed by its exit status on the
// screen ("ssh-exit=N") so the test reads it where the user would.
func sshCommand(port, key string) string {
	return fmt.Sprintf("ssh -tt -p %s -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "+
		"-o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR 127.0.0.1; echo ssh-exit=$?", port, key)
}
