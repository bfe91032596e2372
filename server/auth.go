package server

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/ssh"
	"github.com/fsnotify/fsnotify"
	gossh "golang.org/x/crypto/ssh"
)

// anonymous is the identity of a --public user who offered no key.
const anonymous = "anon"

// authOptions installs the authentication policy. Password authentication
// is never offered. With Public, any key succeeds, and so does
// keyboard-interactive, asking no questions: that is how a client without
// keys gets in (OpenSSH tries it after its keys, and shows no prompt when
// there are no questions). The "none" method is not accepted even then:
// clients try it first, and accepting it would hide the key a client
// could have identified itself with. Otherwise only keys in the
// authorized keys file succeed.
func (s *Server) authOptions() ssh.Option {
	return func(srv *ssh.Server) error {
		srv.PasswordHandler = nil
		if s.cfg.Public {
			srv.PublicKeyHandler = func(ssh.Context, ssh.PublicKey) bool { return true }
			srv.KeyboardInteractiveHandler = func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }
			return nil
		}
		srv.KeyboardInteractiveHandler = nil
		srv.PublicKeyHandler = func(ctx ssh.Context, key ssh.PublicKey) bool {
			if s.keys.allowed(key) {
				return true
			}
			s.log.Debug("key refused", "fingerprint", gossh.FingerprintSHA256(key), "remote", remoteIP(ctx.RemoteAddr()))
			return false
		}
		srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
			return &gossh.ServerConfig{MaxAuthTries: 6}
		}
		return nil
	}
}

// identity is who a session's user is: the SHA256 fingerprint of the key
// the connection authenticated with (taken from the connection's
// permissions after authentication, not from a key merely offered), or
// "anon" for a keyless --public user.
func identity(sess ssh.Session) string {
	return keyIdentity(sess.PublicKey())
}

// keyIdentity is the identity of a user who authenticated with pk (nil
// for none).
func keyIdentity(pk ssh.PublicKey) string {
	if pk != nil {
		return gossh.FingerprintSHA256(pk)
	}
	return anonymous
}

// onConn runs for every accepted TCP connection, before the handshake. It
// caps the connections one IP may hold open and drops a connection that
// has not authenticated within the handshake timeout.
func (s *Server) onConn(ctx ssh.Context, conn net.Conn) net.Conn {
	ip := remoteIP(conn.RemoteAddr())
	s.mu.Lock()
	if s.closing {
		s.mu.Unlock()
		_ = conn.Close()
		return nil
	}
	// Twice the session limit leaves room for the per-IP session message
	// to be delivered over a connection that has authenticated.
	if limit := 2 * s.cfg.MaxSessionsPerIP; limit > 0 && s.connsIP[ip] >= limit {
		s.mu.Unlock()
		s.log.Warn("connection refused: too many connections from this address", "remote", ip, "limit", limit)
		_ = conn.Close()
		return nil
	}
	s.connsIP[ip]++
	s.mu.Unlock()

	tc := &trackedConn{Conn: conn}
	tc.onClose = func() {
		s.mu.Lock()
		if s.connsIP[ip]--; s.connsIP[ip] <= 0 {
			delete(s.connsIP, ip)
		}
		s.mu.Unlock()
	}
	// ssh.Server resets the connection's deadline on every read, so a
	// deadline cannot bound the handshake; a timer that checks whether
	// the connection got through authentication can.
	tc.timer = time.AfterFunc(s.cfg.HandshakeTimeout, func() {
		if ctx.Value(ssh.ContextKeyConn) == nil {
			s.log.Info("handshake timeout: connection dropped", "remote", ip, "after", s.cfg.HandshakeTimeout)
			_ = tc.Close()
		}
	})
	return tc
}

// onConnFailed logs a connection that failed before a session started
// (bad handshake, refused authentication).
func (s *Server) onConnFailed(conn net.Conn, err error) {
	s.log.Debug("connection failed", "remote", remoteIP(conn.RemoteAddr()), "err", err)
}

// trackedConn runs onClose once when the connection closes.
type trackedConn struct {
	net.Conn
	timer   *time.Timer
	onClose func()
	closed  atomic.Bool
}

// Close closes the connection and releases its per-IP slot once.
func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	if c.closed.CompareAndSwap(false, true) {
		if c.timer != nil {
			c.timer.Stop()
		}
		c.onClose()
	}
	return err
}

// remoteIP is addr's IP without the port: limits are per host.
func remoteIP(addr net.Addr) string {
	if addr == nil {
		return ""
	}
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// keyring is the set of authorised keys, reloaded from its OpenSSH
// authorized_keys file whenever the file changes. A reload that fails
// (unreadable file, a bad line) keeps the keys loaded before and logs why.
type keyring struct {
	path string
	log  *log.Logger

	mu   sync.RWMutex
	keys map[string]struct{} // wire-format public keys
	raw  []byte              // the file content the keys came from

	stop      chan struct{}
	closeOnce sync.Once
}

// newKeyring loads path; unlike a reload, a bad file at start is an error.
func newKeyring(path string, logger *log.Logger) (*keyring, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	data, err := readKeysFile(abs)
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	keys, err := parseAuthorizedKeys(data, logger, abs)
	if err != nil {
		return nil, fmt.Errorf("authorized keys %s: %w", abs, err)
	}
	logger.Info("authorized keys loaded", "path", abs, "keys", len(keys))
	return &keyring{path: abs, log: logger, keys: keys, raw: data, stop: make(chan struct{})}, nil
}

// allowed says whether key is in the file as last loaded.
func (k *keyring) allowed(key ssh.PublicKey) bool {
	if key == nil {
		return false
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	_, ok := k.keys[string(key.Marshal())]
	return ok
}

// parseAuthorizedKeys reads OpenSSH authorized_keys text. Any line it
// cannot parse makes the whole file bad: half a key list is worse than the
// old one.
func parseAuthorizedKeys(data []byte, logger *log.Logger, path string) (map[string]struct{}, error) {
	keys := map[string]struct{}{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		pk, _, opts, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		if len(opts) > 0 {
			logger.Warn("authorized keys: options are not supported and are ignored", "path", path, "line", n)
		}
		keys[string(pk.Marshal())] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return keys, nil
}

// reload re-reads the file if its content changed. A file that is not
// a regular file (a FIFO, a device) or is too large is not read, and the
// keys loaded before stay.
func (k *keyring) reload() {
	data, err := readKeysFile(k.path)
	k.mu.RLock()
	kept, same := len(k.keys), err == nil && bytes.Equal(data, k.raw)
	k.mu.RUnlock()
	if same {
		return
	}
	if err != nil {
		k.log.Warn("authorized keys not reloaded; keeping the keys loaded before", "path", k.path, "keys", kept, "err", err)
		return
	}
	keys, err := parseAuthorizedKeys(data, k.log, k.path)
	if err != nil {
		k.log.Warn("authorized keys not reloaded; keeping the keys loaded before", "path", k.path, "keys", kept, "err", err)
		return
	}
	k.mu.Lock()
	k.keys, k.raw = keys, data
	k.mu.Unlock()
	k.log.Info("authorized keys reloaded", "path", k.path, "keys", len(keys))
}

// watch reloads the file when anything in its directory changes. The
// directory is watched, not the file, because editors and config managers
// replace files (write a temporary, rename it over) and a watch on the old
// inode would go quiet.
func (k *keyring) watch() {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		k.log.Error("cannot watch authorized keys; changes need a restart", "err", err)
		return
	}
	if err := w.Add(filepath.Dir(k.path)); err != nil {
		k.log.Error("cannot watch authorized keys; changes need a restart", "path", k.path, "err", err)
		_ = w.Close()
		return
	}
	go func() {
		defer w.Close() //nolint:errcheck
		// Debounce: an editor's save is several events in a few ms.
		debounce := time.NewTimer(time.Hour)
		debounce.Stop()
		for {
			select {
			case <-k.stop:
				debounce.Stop()
				return
			case _, ok := <-w.Events:
				if !ok {
					return
				}
				debounce.Reset(50 * time.Millisecond)
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				k.log.Warn("watching authorized keys", "err", err)
			case <-debounce.C:
				k.reload()
			}
		}
	}()
}

// close stops watching.
func (k *keyring) close() {
	k.closeOnce.Do(func() { close(k.stop) })
}
