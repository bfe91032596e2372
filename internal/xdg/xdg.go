// Package xdg says where newsdesk keeps its files: its directory under each
// XDG base directory (config, state, cache, data), or, in a systemd service,
// the directory systemd made for it.
//
// It exists so that the rule is written once. Every file newsdesk reads or
// writes outside the library goes through it: the config file (ConfigDir),
// the reader state (StateDir), the indexes that only save time (CacheFile)
// and the SSH host key (DataDir). A systemd unit with
// ConfigurationDirectory=, StateDirectory= or CacheDirectory= sets
// $CONFIGURATION_DIRECTORY, $STATE_DIRECTORY or $CACHE_DIRECTORY to the
// directory it created (writable by the service's user even under
// ProtectSystem=strict and ProtectHome=yes, where ~ is not), and those win
// over the XDG variables, so a service needs no flag to find its files.
//
// The package imports nothing of newsdesk, so every package can use it.
package xdg

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// App is the name of newsdesk's directory under each base directory.
const App = "newsdesk"

// base is one kind of directory: the systemd variable naming newsdesk's
// own directory, the XDG variable naming the base directory, and the base
// directory's place under the home directory when that is unset.
type base struct {
	systemd, xdg string
	home         []string
}

var (
	configBase = base{"CONFIGURATION_DIRECTORY", "XDG_CONFIG_HOME", []string{".config"}}
	stateBase  = base{"STATE_DIRECTORY", "XDG_STATE_HOME", []string{".local", "state"}}
	cacheBase  = base{"CACHE_DIRECTORY", "XDG_CACHE_HOME", []string{".cache"}}
	// systemd has no directory for data that is not state: a service
	// names its host key with --host-key (the README's unit does).
	dataBase = base{"", "XDG_DATA_HOME", []string{".local", "share"}}
)

// ErrNoHome is the cause of an error when neither a systemd variable nor an
// XDG variable names the directory and there is no home directory either.
var ErrNoHome = errors.New("no home directory")

// dir is newsdesk's directory of kind b.
//
// systemd's variable may list several directories separated by ":" (one
// per name in the unit's directive): the first is newsdesk's. A relative
// path in any variable is ignored, as the XDG specification says.
func (b base) dir() (string, error) {
	if b.systemd != "" {
		if d, _, _ := strings.Cut(os.Getenv(b.systemd), ":"); filepath.IsAbs(d) {
			return d, nil
		}
	}
	if d := os.Getenv(b.xdg); filepath.IsAbs(d) {
		return filepath.Join(d, App), nil
	}
	h, err := os.UserHomeDir()
	if err != nil || h == "" {
		return "", fmt.Errorf("%w (set %s)", ErrNoHome, b.xdg)
	}
	return filepath.Join(append(append([]string{h}, b.home...), App)...), nil
}

// ConfigDir is newsdesk's config directory: $CONFIGURATION_DIRECTORY, else
// $XDG_CONFIG_HOME/newsdesk, else ~/.config/newsdesk.
func ConfigDir() (string, error) { return configBase.dir() }

// StateDir is newsdesk's state directory: $STATE_DIRECTORY, else
// $XDG_STATE_HOME/newsdesk, else ~/.local/state/newsdesk.
func StateDir() (string, error) { return stateBase.dir() }

// CacheDir is newsdesk's cache directory: $CACHE_DIRECTORY, else
// $XDG_CACHE_HOME/newsdesk, else ~/.cache/newsdesk. What is in it only
// saves time: deleting it loses nothing.
func CacheDir() (string, error) { return cacheBase.dir() }

// DataDir is newsdesk's data directory: $XDG_DATA_HOME/newsdesk, else
// ~/.local/share/newsdesk.
func DataDir() (string, error) { return dataBase.dir() }

// CacheFile is the path of the cache file name in CacheDir: the one way
// every cache (the search index, the warm-start index) finds its file.
func CacheFile(name string) (string, error) {
	d, err := CacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for %s: %w", name, err)
	}
	return filepath.Join(d, name), nil
}
