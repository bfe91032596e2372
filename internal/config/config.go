// Package config makes one Config value out of everything newsdesk can be
// told: its defaults, the config file (newsdesk/config.toml in the config
// directory, or --config PATH), the environment ($NEWSDESK_LIBRARY) and
// the command line (the flags given, the PATH arguments).
//
// It exists so that main.go stays CLI wiring only: main defines commands,
// lets this package define the flags that are also keys of the file, and
// hands each command the Config that Load returns. The rules of which
// source wins, and every check of a value, are here, once: a flag and a
// key are one setting (settings.go) with one parser, one default and one
// help text, which is also what `newsdesk config example` prints.
//
// Precedence, highest first: the command line (a flag counts only when it
// is given, pflag's Changed; the PATH arguments), the environment
// ($NEWSDESK_LIBRARY, for the library only), the file, the defaults.
//
// The file is parsed strictly with github.com/pelletier/go-toml/v2: a
// syntax error, an unknown key or a value of the wrong kind is an error
// naming the file, the line and the key, as
//
//	~/.config/newsdesk/config.toml:7: serve.max-sessions: want a number ≥ 0, got "lots"
//
// and so is a key binding to an unknown action or a key two actions would
// share: the [keys] table goes through ui.KeyMap.Rebind, whose error names
// the actions, and the line is the one of the action at fault. The line of
// each key comes from go-toml's parser (keyLines), which is why this
// decoder was chosen: BurntSushi/toml names undecoded keys, not where
// they are.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/internal/xdg"
	"github.com/newsdesk/newsdesk/server"
	"github.com/newsdesk/newsdesk/state"
	"github.com/newsdesk/newsdesk/ui"
	"github.com/newsdesk/newsdesk/ui/render"
)

// FileName is the config file's name in the config directory.
const FileName = "config.toml"

// LibraryEnv names the environment variable holding the default library:
// a list of files and directories separated like PATH.
const LibraryEnv = "NEWSDESK_LIBRARY"

// ConfigFlag is the flag naming the config file.
const ConfigFlag = "config"

// maxFileSize bounds the config file. A config file is a few lines (the
// whole example is 5 KiB), and a larger one is not one (a wrong --config,
// a device). The bound is also the decoder's: go-toml checks each key
// against those before it in its table, so a file of n keys costs n²
// (1 MiB of keys took 33 s; 64 KiB takes 0.1 s).
const maxFileSize = 64 << 10

// tooLarge says a file is over maxFileSize.
var tooLarge = fmt.Sprintf("over %d KiB: not a config file", maxFileSize>>10)

// Config is everything newsdesk was told, the sources merged.
type Config struct {
	// File is the config file that was read, "" when there was none (no
	// file at the default place). Paths in it were resolved from its
	// directory.
	File string
	// Library is the paths of the library, in order: the PATH arguments,
	// else $NEWSDESK_LIBRARY, else the file's library; none means the
	// bundled one.
	Library []string
	// Style is the rendering style's name (render.StyleNames).
	Style string
	// SplitWidth is the narrowest terminal that shows the list and the
	// preview side by side.
	SplitWidth int
	// Poll, when not zero, is how often the library is rescanned instead
	// of watched.
	Poll time.Duration
	// NoMouse leaves the mouse to the terminal (the reader's --no-mouse).
	NoMouse bool
	// State is the reader state file, "" for state.DefaultPath.
	State string
	// Keys is the file's [keys] table: action → its keys, for the actions
	// it names (nil when none). KeyMap applies it.
	Keys map[string][]string
	// Serve is the [serve] table and serve's flags.
	Serve Serve

	// keyMap is the default key map with Keys applied, checked when the
	// file was read; nil means the default one.
	keyMap *ui.KeyMap
}

// Serve is how `newsdesk serve` serves: its flags, and the file's [serve].
type Serve struct {
	Listen                   string
	HostKey                  string // "" for server.DefaultHostKeyPath
	AuthorizedKeys           string
	Public                   bool
	MaxSessions              int
	MaxChannelsPerConnection int
	MaxSessionsPerIP         int
	IdleTimeout              time.Duration
	MaxSession               time.Duration
	ShowProblems             bool
}

// Default is the Config of no file, no environment and no flag.
func Default() Config {
	return Config{
		Style:      render.Auto,
		SplitWidth: ui.DefaultSplitWidth,
		Serve: Serve{
			Listen:                   server.DefaultListen,
			MaxSessions:              100,
			MaxChannelsPerConnection: 1,
			MaxSessionsPerIP:         10,
			IdleTimeout:              30 * time.Minute,
		},
	}
}

// KeyMap is a new key map of the config's keys: ui.DefaultKeyMap with the
// file's [keys] applied (already checked by Load and Parse).
func (c *Config) KeyMap() *ui.KeyMap {
	if c.keyMap == nil {
		k := ui.DefaultKeyMap()
		return &k
	}
	k := *c.keyMap
	return &k
}

// StatePath is the reader state file: State, else state.DefaultPath.
func (c *Config) StatePath() (string, error) {
	if c.State != "" {
		return c.State, nil
	}
	return state.DefaultPath()
}

// ServerConfig is the [serve] settings as the server takes them, with the
// readers' keys and split width; the caller adds the library and the
// logger. An empty host key path becomes server.DefaultHostKeyPath.
func (c *Config) ServerConfig() (server.Config, error) {
	s := c.Serve
	hostKey := s.HostKey
	if hostKey == "" {
		p, err := server.DefaultHostKeyPath()
		if err != nil {
			return server.Config{}, err
		}
		hostKey = p
	}
	return server.Config{
		Listen:                   s.Listen,
		HostKeyPath:              hostKey,
		AuthorizedKeysPath:       s.AuthorizedKeys,
		Public:                   s.Public,
		MaxSessions:              s.MaxSessions,
		MaxChannelsPerConnection: s.MaxChannelsPerConnection,
		MaxSessionsPerIP:         s.MaxSessionsPerIP,
		IdleTimeout:              s.IdleTimeout,
		MaxSessionLength:         s.MaxSession,
		ShowProblems:             s.ShowProblems,
		Keys:                     c.KeyMap(),
		SplitWidth:               c.SplitWidth,
	}, nil
}

// DefaultPath is where the config file is unless --config says otherwise:
// config.toml in newsdesk's config directory (xdg.ConfigDir):
// $XDG_CONFIG_HOME/newsdesk/config.toml, else ~/.config/newsdesk/…; under
// systemd with ConfigurationDirectory=newsdesk, /etc/newsdesk/config.toml.
func DefaultPath() (string, error) {
	dir, err := xdg.ConfigDir()
	if err != nil {
		return "", fmt.Errorf("no place for the config file (set --config): %w", err)
	}
	return filepath.Join(dir, FileName), nil
}

// Path is the config file flags name: --config when given, else
// DefaultPath. explicit says it was given (then it must exist).
func Path(flags *pflag.FlagSet) (path string, explicit bool, err error) {
	if f := flags.Lookup(ConfigFlag); f != nil && f.Changed {
		return f.Value.String(), true, nil
	}
	p, err := DefaultPath()
	return p, false, err
}

// Load is the Config of a command: the defaults, under the config file
// (Path), under $NEWSDESK_LIBRARY, under the flags given in flags and the
// PATH arguments args. A missing file at the default place is no file; a
// missing --config file is an error, as is every bad value, which names
// the file and line (or the flag).
func Load(flags *pflag.FlagSet, args []string) (*Config, error) {
	c := Default()
	path, explicit, err := Path(flags)
	if explicit && path == "" {
		return nil, fmt.Errorf("--%s: want a path", ConfigFlag)
	}
	// err means no home directory nor XDG variable: there is no default
	// file to read, so the defaults.
	if err == nil {
		data, err := readFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist) && !explicit:
			// No file at the default place: the defaults.
		case err != nil:
			return nil, fmt.Errorf("config file %s: %w", Display(path), err)
		default:
			if c, err = Parse(path, data); err != nil {
				return nil, err
			}
		}
	}
	if err := c.override(flags, args); err != nil {
		return nil, err
	}
	return &c, nil
}

// override puts the environment, then the flags given and the PATH
// arguments, over c.
func (c *Config) override(flags *pflag.FlagSet, args []string) error {
	if env := libraryFromEnv(); len(env) > 0 {
		c.Library = env
	}
	if len(args) > 0 {
		c.Library = args
	}
	if flags == nil {
		return nil
	}
	for _, s := range settings {
		if s.flagName() == "" {
			continue
		}
		if f := flags.Lookup(s.flagName()); f != nil && f.Changed {
			if err := s.fromFlag(c, f); err != nil {
				return err
			}
		}
	}
	return nil
}

// libraryFromEnv is the paths in $NEWSDESK_LIBRARY, empty entries left
// out.
func libraryFromEnv() []string {
	var paths []string
	for _, p := range filepath.SplitList(os.Getenv(LibraryEnv)) {
		if p != "" {
			paths = append(paths, p)
		}
	}
	return paths
}

// readFile reads the config file at path, at most maxFileSize bytes of it.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, errors.New("a directory, not a file")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > maxFileSize {
		return nil, errors.New(tooLarge)
	}
	return data, nil
}

// unwrapPath drops the path from an *fs.PathError: the message names the
// file already ("config file X: no such file or directory").
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Display is path as messages show it: the home directory as "~", and
// safe for a terminal (article.DisplayPath).
func Display(path string) string {
	if home, err := os.UserHomeDir(); err == nil && home != "" && home != "/" {
		if rest, ok := strings.CutPrefix(path, home); ok && (rest == "" || rest[0] == filepath.Separator) {
			path = "~" + rest
		}
	}
	return article.DisplayPath(path)
}
