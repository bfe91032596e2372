package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"github.com/newsdesk/newsdesk/internal/xdg"
)

// loadOrCreateHostKey reads the OpenSSH private key at path, or, when there
// is none, generates an ed25519 key there: the directory is created 0700
// and the key written 0600, created exclusively so two servers starting at
// once cannot both write it. created says which happened.
func loadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		signer, err := gossh.ParsePrivateKey(data)
		if err != nil {
			return nil, false, fmt.Errorf("host key %s: %w", path, err)
		}
		return signer, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("host key: %w", err)
	}

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, fmt.Errorf("host key directory: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, false, fmt.Errorf("generating host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "newsdesk host key")
	if err != nil {
		return nil, false, fmt.Errorf("encoding host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, fmt.Errorf("writing host key: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return nil, false, fmt.Errorf("writing host key: %w", err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(path)
		return nil, false, fmt.Errorf("writing host key: %w", err)
	}
	signer, err = gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, false, fmt.Errorf("host key: %w", err)
	}
	return signer, true, nil
}

// DefaultHostKeyPath is where the host key lives unless --host-key says
// otherwise: ssh_host_ed25519_key in newsdesk's data directory
// (xdg.DataDir): newsdesk/ssh_host_ed25519_key under $XDG_DATA_HOME, or
// under ~/.local/share when that is unset (the XDG base directory default).
func DefaultHostKeyPath() (string, error) {
	dir, err := xdg.DataDir()
	if err != nil {
		return "", fmt.Errorf("no place for the host key (set --host-key): %w", err)
	}
	return filepath.Join(dir, "ssh_host_ed25519_key"), nil
}
