package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"
)

func TestNew_RequiresOneAccessPolicy(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"neither", Config{}, ErrNoAccessPolicy},
		{"both", Config{Public: true, AuthorizedKeysPath: keys}, ErrBothAccessPolicies},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.HostKeyPath = filepath.Join(dir, "hk")
			tt.cfg.Logger = log.New(io.Discard)
			if _, err := New(tt.cfg); !errors.Is(err, tt.want) {
				t.Fatalf("New() error = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestNew_BadAuthorizedKeysFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(bad, []byte("ssh-ed25519 not-base64!\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{"unparsable": bad, "missing": filepath.Join(dir, "nope")} {
		t.Run(name, func(t *testing.T) {
			_, err := New(Config{AuthorizedKeysPath: path, HostKeyPath: filepath.Join(dir, "hk"), Logger: log.New(io.Discard)})
			if err == nil || !strings.Contains(err.Error(), "authorized keys") {
				t.Fatalf("New() error = %v, want an authorized keys error", err)
			}
		})
	}
}

func TestHostKey_GeneratedPrivateAndReused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", seedHeadline)
	path := filepath.Join(dir, "ssh_host_ed25519_key")
	logs := &syncBuffer{}
	cfg := Config{Public: true, HostKeyPath: path, Logger: log.New(logs)}
	first, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode = %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
	if !strings.Contains(logs.String(), "generated host key") || !strings.Contains(logs.String(), first.HostKeyFingerprint) {
		t.Errorf("log does not report the generated key and its fingerprint:\n%s", logs)
	}
	second, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if second.HostKeyFingerprint != first.HostKeyFingerprint {
		t.Errorf("restart changed the host key: %s then %s", first.HostKeyFingerprint, second.HostKeyFingerprint)
	}
	if !strings.HasPrefix(first.HostKeyFingerprint, "SHA256:") {
		t.Errorf("fingerprint %q is not SHA256", first.HostKeyFingerprint)
	}
}

func TestServe_AuthorisedKeyGetsReader(t *testing.T) {
	ts := startServer(t, nil)
	c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
	waitText(t, c.out, 0, seedHeadline)
	c.send(t, "q")
	if code := c.exit(t); code != 0 {
		t.Errorf("exit status after q = %d, want 0", code)
	}
	fp := gossh.FingerprintSHA256(ts.key.PublicKey())
	waitFor(t, ts.logs, 0, "connect and disconnect logged", func(s string) bool {
		return regexp.MustCompile(`connect user=`+regexp.QuoteMeta(fp)+` remote=127\.0\.0\.1:\d+ term=xterm-256color size=80x24`).MatchString(s) &&
			regexp.MustCompile(`disconnect user=`+regexp.QuoteMeta(fp)+` .*duration=\S+ reason=quit`).MatchString(s)
	})
}

func TestServe_IdentityIsTheKeyThatAuthenticated(t *testing.T) {
	ts := startServer(t, nil)
	stranger := newSigner(t)
	// The stranger's key is offered first and refused; the session must
	// be attributed to the authorised key that then succeeded.
	c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(stranger, ts.key))
	waitText(t, c.out, 0, seedHeadline)
	logs := waitText(t, ts.logs, 0, "connect user=")
	if want := "connect user=" + gossh.FingerprintSHA256(ts.key.PublicKey()); !strings.Contains(logs, want) {
		t.Errorf("log does not name the key used (%s):\n%s", want, logs)
	}
	if strings.Contains(logs, "connect user="+gossh.FingerprintSHA256(stranger.PublicKey())) {
		t.Errorf("session attributed to the refused key:\n%s", logs)
	}
}

func TestServe_RefusedAtAuthentication(t *testing.T) {
	ts := startServer(t, nil)
	tests := []struct {
		name string
		auth []gossh.AuthMethod
	}{
		{"unknown key", []gossh.AuthMethod{gossh.PublicKeys(newSigner(t))}},
		{"password", []gossh.AuthMethod{gossh.Password("secret")}},
		{"keyboard-interactive", []gossh.AuthMethod{gossh.KeyboardInteractive(
			func(string, string, []string, []bool) ([]string, error) { return nil, nil })}},
		{"none", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := dial(ts.addr, tt.auth...)
			if err == nil {
				_ = c.Close()
				t.Fatal("connection authenticated; want refused")
			}
			if !strings.Contains(err.Error(), "unable to authenticate") {
				t.Fatalf("error = %v, want an authentication failure", err)
			}
		})
	}
}

func TestServe_PublicLetsAnyoneIn(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Public, c.AuthorizedKeysPath = true, "" })
	tests := []struct {
		name string
		auth []gossh.AuthMethod
		user string
	}{
		{"keyboard-interactive, no key", []gossh.AuthMethod{gossh.KeyboardInteractive(
			func(string, string, []string, []bool) ([]string, error) { return nil, nil })}, "anon"},
		{"any key", []gossh.AuthMethod{gossh.PublicKeys(ts.key)}, gossh.FingerprintSHA256(ts.key.PublicKey())},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			offset := ts.logs.Len()
			c := openReader(t, ts.addr, 80, 24, tt.auth...)
			waitText(t, c.out, 0, seedHeadline)
			waitText(t, ts.logs, offset, "connect user="+tt.user+" ")
			c.send(t, "q")
			if code := c.exit(t); code != 0 {
				t.Errorf("exit status = %d, want 0", code)
			}
		})
	}
	t.Run("password never", func(t *testing.T) {
		asked := false
		c, err := dial(ts.addr, gossh.PasswordCallback(func() (string, error) { asked = true; return "x", nil }))
		if err == nil {
			_ = c.Close()
			t.Error("a password-only client got in")
		}
		if asked {
			t.Error("the server asked for a password")
		}
	})
}

func TestServe_OnlyTheReader(t *testing.T) {
	ts := startServer(t, nil)
	tests := []struct {
		name  string
		pty   bool
		start func(*gossh.Session) error
		want  string
	}{
		{"no PTY", false, (*gossh.Session).Shell, msgNeedTerminal},
		{"exec", false, func(s *gossh.Session) error { return s.Start("ls") }, msgOnlyReader},
		{"exec with PTY", true, func(s *gossh.Session) error { return s.Start("cat /etc/passwd") }, msgOnlyReader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := connect(t, ts.addr, gossh.PublicKeys(ts.key))
			if tt.pty {
				if err := c.sess.RequestPty("xterm", 24, 80, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := tt.start(c.sess); err != nil {
				t.Fatal(err)
			}
			if code := c.exit(t); code != 1 {
				t.Errorf("exit status = %d, want 1", code)
			}
			if got := strings.TrimSpace(c.out.String()); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestServe_ForwardingAndSubsystemsRefused(t *testing.T) {
	ts := startServer(t, nil)
	conn, err := dial(ts.addr, gossh.PublicKeys(ts.key))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close() //nolint:errcheck

	// Something to forward to, so a refusal is the server's doing.
	target, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close() //nolint:errcheck

	t.Run("local port forwarding", func(t *testing.T) {
		c, err := conn.Dial("tcp", target.Addr().String())
		if err == nil {
			_ = c.Close()
			t.Fatal("direct-tcpip channel opened")
		}
		if !strings.Contains(err.Error(), "port forwarding is disabled") {
			t.Errorf("error = %v, want the reason", err)
		}
	})
	t.Run("remote port forwarding", func(t *testing.T) {
		l, err := conn.Listen("tcp", "127.0.0.1:0")
		if err == nil {
			_ = l.Close()
			t.Fatal("tcpip-forward granted")
		}
	})
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		t.Run(req, func(t *testing.T) {
			s, err := conn.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close() //nolint:errcheck
			ok, err := s.SendRequest(req, true, nil)
			if err != nil || ok {
				t.Errorf("%s: ok=%v err=%v, want refused", req, ok, err)
			}
		})
	}
	t.Run("sftp subsystem", func(t *testing.T) {
		s, err := conn.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close() //nolint:errcheck
		if err := s.RequestSubsystem("sftp"); err == nil {
			t.Error("sftp subsystem granted")
		}
	})
}

func TestServe_WindowChangeRelaysOut(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.newModel = newProbe })
	c := openReader(t, ts.addr, 100, 30, gossh.PublicKeys(ts.key))
	waitText(t, c.out, 0, "probe size=100x30")
	tests := []struct{ w, h int }{{40, 12}, {132, 43}, {60, 20}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.w, tt.h), func(t *testing.T) {
			offset := c.out.Len()
			if err := c.sess.WindowChange(tt.h, tt.w); err != nil { // height first
				t.Fatal(err)
			}
			text := waitText(t, c.out, offset, fmt.Sprintf("probe size=%dx%d", tt.w, tt.h))
			// The ruler is exactly the new width: it ends in "|" at the
			// last column.
			ruler := regexp.MustCompile(`([0-9]+)\|`).FindAllStringSubmatch(text, -1)
			if len(ruler) == 0 {
				t.Fatalf("no ruler drawn after the change:\n%q", text)
			}
			if got := len(ruler[len(ruler)-1][1]) + 1; got != tt.w {
				t.Errorf("ruler is %d cells wide, want %d", got, tt.w)
			}
		})
	}
}

func TestServe_HugeWindowIsClamped(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.newModel = newProbe })
	c := openReader(t, ts.addr, 100000, 0, gossh.PublicKeys(ts.key))
	waitText(t, c.out, 0, fmt.Sprintf("probe size=%dx24", maxWidth))
}

func TestServe_ClientNoColorReachesTheReader(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.newModel = newProbe })
	for _, noColor := range []bool{false, true} {
		t.Run(fmt.Sprint(noColor), func(t *testing.T) {
			c := connect(t, ts.addr, gossh.PublicKeys(ts.key))
			if noColor {
				if err := c.sess.Setenv("NO_COLOR", "1"); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.sess.RequestPty("xterm-256color", 24, 80, nil); err != nil {
				t.Fatal(err)
			}
			if err := c.sess.Shell(); err != nil {
				t.Fatal(err)
			}
			waitText(t, c.out, 0, fmt.Sprintf("nocolor=%v", noColor))
		})
	}
}

func TestServe_Limits(t *testing.T) {
	tests := []struct {
		name  string
		tweak func(*Config)
		want  string
		// atOpen: the session channel itself is refused, with the
		// message as the reason; otherwise the session opens, prints
		// the message and exits 1.
		atOpen bool
	}{
		{"max sessions", func(c *Config) { c.MaxSessions = 2 }, "newsdesk is full (2 readers); try again later", true},
		{"per IP", func(c *Config) { c.MaxSessionsPerIP = 2 }, "newsdesk: too many sessions from your address (2); close one and try again later", false},
		{"rate", func(c *Config) { c.RateLimit, c.RateBurst = rate.Every(time.Hour), 2 }, msgRateLimited, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := startServer(t, tt.tweak)
			for range 2 {
				waitText(t, openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key)).out, 0, seedHeadline)
			}
			if tt.atOpen {
				conn, err := dial(ts.addr, gossh.PublicKeys(ts.key))
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close() //nolint:errcheck
				_, err = conn.NewSession()
				var oc *gossh.OpenChannelError
				if !errors.As(err, &oc) || oc.Reason != gossh.ResourceShortage || oc.Message != tt.want {
					t.Fatalf("third session: error %v, want refused with %q", err, tt.want)
				}
				return
			}
			third := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
			if code := third.exit(t); code != 1 {
				t.Errorf("exit status = %d, want 1", code)
			}
			if got := third.out.String(); !strings.Contains(got, tt.want) {
				t.Errorf("output = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestServe_FreedSlotIsReused(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessions = 1 })
	first := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
	waitText(t, first.out, 0, seedHeadline)
	first.send(t, "q")
	first.exit(t)
	second := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
	waitText(t, second.out, 0, seedHeadline)
}

func TestServe_TimeLimits(t *testing.T) {
	tests := []struct {
		name   string
		tweak  func(*Config)
		want   string
		reason string
	}{
		{"idle", func(c *Config) { c.IdleTimeout = 300 * time.Millisecond },
			"newsdesk closed this session after 300ms without input", "reason=idle"},
		{"max session", func(c *Config) { c.MaxSessionLength = 300 * time.Millisecond },
			"newsdesk closed this session: sessions last at most 300ms", "reason=max-session"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := startServer(t, tt.tweak)
			c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
			if code := c.exit(t); code != 1 {
				t.Errorf("exit status = %d, want 1", code)
			}
			out := c.out.String()
			if !strings.HasSuffix(out, tt.want+"\r\n") {
				t.Errorf("output does not end with %q + CRLF:\n%q", tt.want, out)
			}
			waitText(t, ts.logs, 0, tt.reason)
		})
	}
}

func TestServe_InputPostponesIdleTimeout(t *testing.T) {
	const idle, pace = time.Second, 100 * time.Millisecond
	ts := startServer(t, func(c *Config) { c.IdleTimeout = idle; c.newModel = newProbe })
	c := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
	start := time.Now()
	for range 20 {
		time.Sleep(pace) // typing pace, not synchronisation
		c.send(t, "x")
	}
	typed := time.Since(start)
	c.exit(t)
	if lived := time.Since(start); lived < typed+idle/2 {
		t.Errorf("session closed %v after the start, %v after the last key; want about %v after it",
			lived, lived-typed, idle)
	}
	waitText(t, ts.logs, 0, "reason=idle")
}

func TestServe_GracefulShutdown(t *testing.T) {
	ts := startServer(t, nil)
	readers := []*client{
		openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key)),
		openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key)),
	}
	for _, c := range readers {
		waitText(t, c.out, 0, seedHeadline)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	for i, c := range readers {
		if code := c.exit(t); code != 1 {
			t.Errorf("reader %d: exit status %d, want 1", i, code)
		}
		if out := c.out.String(); !strings.HasSuffix(out, msgShutdown+"\r\n") {
			t.Errorf("reader %d: output does not end with %q:\n%q", i, msgShutdown, out)
		}
	}
	select {
	case err := <-ts.done:
		if err == nil {
			t.Error("Serve returned nil")
		}
	case <-time.After(waitTimeout):
		t.Error("Serve still running after Shutdown")
	}
	if c, err := dial(ts.addr, gossh.PublicKeys(ts.key)); err == nil {
		_ = c.Close()
		t.Error("a new connection was accepted after Shutdown")
	}
}

func TestServe_AuthorizedKeysReload(t *testing.T) {
	ts := startServer(t, nil)
	newcomer := newSigner(t)
	if c, err := dial(ts.addr, gossh.PublicKeys(newcomer)); err == nil {
		_ = c.Close()
		t.Fatal("newcomer got in before being added")
	}

	// Replace the file the way editors do: write a temporary, rename it.
	replace := func(content []byte) {
		tmp := ts.keyFile + ".tmp"
		if err := os.WriteFile(tmp, content, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, ts.keyFile); err != nil {
			t.Fatal(err)
		}
	}
	both := append(gossh.MarshalAuthorizedKey(ts.key.PublicKey()), gossh.MarshalAuthorizedKey(newcomer.PublicKey())...)
	replace(both)
	waitText(t, ts.logs, 0, "authorized keys reloaded")
	c, err := dial(ts.addr, gossh.PublicKeys(newcomer))
	if err != nil {
		t.Fatalf("newcomer refused after being added: %v", err)
	}
	_ = c.Close()

	// A bad file keeps the keys loaded before, and the log says why.
	offset := ts.logs.Len()
	replace([]byte("this is not a key\n"))
	logs := waitText(t, ts.logs, offset, "authorized keys not reloaded")
	if !strings.Contains(logs, "line 1") {
		t.Errorf("log does not say what is wrong:\n%s", logs)
	}
	for name, key := range map[string]gossh.Signer{"first": ts.key, "newcomer": newcomer} {
		c, err := dial(ts.addr, gossh.PublicKeys(key))
		if err != nil {
			t.Errorf("%s key refused after a bad reload: %v", name, err)
			continue
		}
		_ = c.Close()
	}
}

func TestServe_PanicEndsOnlyThatSession(t *testing.T) {
	tests := []struct{ name, key, where string }{
		{"update", "p", "panic in Update"},
		{"view", "v", "panic in View"},
		{"command", "c", "panic in a command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := startServer(t, func(c *Config) { c.newModel = newProbe })
			victim := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
			bystander := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
			waitText(t, victim.out, 0, "probe size=80x24")
			waitText(t, bystander.out, 0, "probe size=80x24")

			victim.send(t, tt.key)
			if code := victim.exit(t); code != 1 {
				t.Errorf("exit status = %d, want 1", code)
			}
			if out := victim.out.String(); !strings.HasSuffix(out, msgPanic+"\r\n") {
				t.Errorf("victim's output does not end with the message:\n%q", out)
			}
			logs := waitText(t, ts.logs, 0, "reader panicked")
			if !strings.Contains(logs, tt.where) || !strings.Contains(logs, "goroutine") {
				t.Errorf("log lacks the panic value or stack:\n%s", logs)
			}

			// The other session and the server go on.
			bystander.send(t, "q")
			if code := bystander.exit(t); code != 0 {
				t.Errorf("bystander exit status = %d, want 0", code)
			}
			late := openReader(t, ts.addr, 80, 24, gossh.PublicKeys(ts.key))
			waitText(t, late.out, 0, "probe size=80x24")
		})
	}
}

func TestServe_HandshakeDeadline(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.HandshakeTimeout = 300 * time.Millisecond })
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close() //nolint:errcheck
	// Send nothing; the server's version line arrives, then the server
	// must hang up.
	_ = conn.SetReadDeadline(time.Now().Add(waitTimeout))
	start := time.Now()
	_, err = io.Copy(io.Discard, conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("server still holding a silent connection after %v", waitTimeout)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("dropped after %v, want about 300ms", took)
	}
	waitText(t, ts.logs, 0, "handshake timeout")
}

func TestHostKey_ReadableByOthersIsWarned(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hk")
	if _, err := New(Config{Public: true, HostKeyPath: path, Logger: log.New(io.Discard)}); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	if _, err := New(Config{Public: true, HostKeyPath: path, Logger: log.New(logs)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "host key is readable by others") {
		t.Errorf("no warning about a 0644 host key:\n%s", logs)
	}
}

func TestServe_ConnectionsPerIPCapped(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxSessionsPerIP = 1 })
	// Two silent connections fill the address's allowance (twice the
	// session limit); the third is closed before any handshake.
	for range 2 {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close() //nolint:errcheck
		if _, err := c.Read(make([]byte, 64)); err != nil {
			t.Fatalf("an allowed connection got no server version: %v", err)
		}
	}
	third, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close() //nolint:errcheck
	_ = third.SetReadDeadline(time.Now().Add(waitTimeout))
	if n, err := third.Read(make([]byte, 64)); err == nil {
		t.Fatalf("third connection got %d bytes; want it closed", n)
	} else if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("third connection left open")
	}
	waitText(t, ts.logs, 0, "too many connections from this address")
}
