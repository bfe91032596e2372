//go:build unix

package server

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
)

// replaceWithSymlink points path at target the way a config manager
// would: a new link renamed over the old file.
func replaceWithSymlink(t *testing.T, path, target string) {
	t.Helper()
	tmp := path + ".link"
	if err := os.Symlink(target, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// readKeysFile refuses what is not a regular file without opening it for
// a read that would block (a FIFO) or never end (a device).
func TestReadKeysFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(dir, "link-to-fifo")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	large := filepath.Join(dir, "large")
	if err := os.WriteFile(large, bytes.Repeat([]byte("#\n"), maxKeysFileSize/2+1), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good")
	if err := os.WriteFile(good, []byte("# no keys\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{"fifo", fifo, "not a regular file (named pipe)"},
		{"symlink to a fifo", link, "not a regular file (named pipe)"},
		{"device", "/dev/zero", "not a regular file (device)"},
		{"directory", dir, "is a directory"},
		{"too large", large, "file too large (2 MiB, limit 1 MiB)"},
		{"missing", filepath.Join(dir, "nope"), "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readKeysFile(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("readKeysFile(%s) error = %v, want the path and %q", tt.path, err, tt.want)
			}
		})
	}
	if data, err := readKeysFile(good); err != nil || string(data) != "# no keys\n" {
		t.Errorf("readKeysFile(regular file) = %q, %v", data, err)
	}
}

func TestNew_AuthorizedKeysNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "authorized_keys")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for name, path := range map[string]string{"fifo": fifo, "device": "/dev/zero"} {
		t.Run(name, func(t *testing.T) {
			_, err := New(Config{AuthorizedKeysPath: path, HostKeyPath: filepath.Join(dir, "hk"), Logger: log.New(&syncBuffer{})})
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Fatalf("New() error = %v, want not a regular file", err)
			}
		})
	}
}

// The keys file swapped for a link to a FIFO, then to /dev/zero, keeps
// the keys loaded before (and says why); a real file after them is
// loaded as usual: the watcher was not left blocked.
func TestServe_AuthorizedKeysBecomesAFIFO(t *testing.T) {
	ts := startServer(t, nil)
	removed, added := newSigner(t), newSigner(t)
	replace := func(content []byte) {
		tmp := ts.keyFile + ".tmp"
		if err := os.WriteFile(tmp, content, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, ts.keyFile); err != nil {
			t.Fatal(err)
		}
	}
	gets := func(key gossh.Signer) bool {
		c, err := dial(ts.addr, gossh.PublicKeys(key))
		if err == nil {
			_ = c.Close()
		}
		return err == nil
	}
	// A first connection: Serve is running, so the file is watched.
	if !gets(ts.key) {
		t.Fatal("the authorised key was refused")
	}
	replace(append(gossh.MarshalAuthorizedKey(ts.key.PublicKey()), gossh.MarshalAuthorizedKey(removed.PublicKey())...))
	waitText(t, ts.logs, 0, "authorized keys reloaded")

	fifo := filepath.Join(filepath.Dir(ts.keyFile), "keys.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, swap := range []struct{ target, want string }{
		{fifo, "not a regular file (named pipe)"},
		{"/dev/zero", "not a regular file (device)"},
	} {
		offset := ts.logs.Len()
		replaceWithSymlink(t, ts.keyFile, swap.target)
		logs := waitText(t, ts.logs, offset, "authorized keys not reloaded; keeping the keys loaded before")
		if !strings.Contains(logs, swap.want) || !strings.Contains(logs, "keys=2") {
			t.Errorf("log does not say why, or how many keys are kept:\n%s", logs)
		}
		if !gets(ts.key) || !gets(removed) {
			t.Errorf("with the keys file a link to %s, a key loaded before was refused", swap.target)
		}
	}

	offset := ts.logs.Len()
	replace(append(gossh.MarshalAuthorizedKey(ts.key.PublicKey()), gossh.MarshalAuthorizedKey(added.PublicKey())...))
	waitText(t, ts.logs, offset, "authorized keys reloaded")
	if !gets(added) {
		t.Error("the key added after the FIFO was refused")
	}
	if gets(removed) {
		t.Error("the key removed after the FIFO still gets in")
	}
	if !gets(ts.key) {
		t.Error("the key kept throughout was refused")
	}
}
