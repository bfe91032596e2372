package config

import (
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	toml "github.com/pelletier/go-toml/v2"
	"github.com/spf13/pflag"

	"github.com/newsdesk/newsdesk/ui/render"
)

// setting is one key of the file, and its flag when it has one: the one
// place that says its name, its help text (the flag's usage and the
// example's comment), what its values must be and where it goes in a
// Config.
type setting interface {
	// section is the table the key is in: "" for the top level, or
	// "serve".
	section() string
	// name is the key within its section.
	name() string
	// flagName is the flag that sets it too, "" for none: the key's
	// name, so that a key and its flag are never named apart.
	flagName() string
	// scope is which commands take the flag.
	scope() scope
	// usage is one sentence: the flag's help and the example's comment.
	usage() string
	// want is what a value must be, as an error says it after "want ".
	want() string
	// decode sets the setting in c from v, a value as the TOML decoder
	// gives it; dir is the config file's directory, which relative paths
	// are relative to. false means v is not what want says.
	decode(c *Config, v any, dir string) bool
	// fromFlag sets the setting in c from f, a flag given on the command
	// line, whichever package defined it.
	fromFlag(c *Config, f *pflag.Flag) error
	// addFlag defines the setting's flag in fs, its default from def.
	addFlag(fs *pflag.FlagSet, def *Config)
	// literal is the setting's value in c, written in TOML.
	literal(c *Config) string
}

// kind is what the values of a type of setting are: how they are read
// from the file and from a flag, and how they are written.
type kind[T any] struct {
	// want is what a value must be, after "want " in an error.
	want string
	// typ names the value in a flag's help ("int", "duration", …).
	typ string
	// fromTOML is v, as the TOML decoder gives it (string, int64,
	// float64, bool, []any, map[string]any or a date), as a T; ok is
	// false when v is not what want says. dir is the file's directory.
	fromTOML func(v any, dir string) (T, bool)
	// fromText is a flag's text as a T; an error says why not.
	fromText func(s string) (T, error)
	// text is t as a flag shows it; fromText reads it back.
	text func(t T) string
	// literal is t in TOML.
	literal func(t T) string
}

// scope is which commands take a setting's flag.
type scope int

const (
	// noFlag: the setting is the file's only (or the PATH arguments').
	noFlag scope = iota
	// everyCommand: the root's persistent flags (--style, --state).
	everyCommand
	// liveCommands: the reader's and serve's, which keep the library
	// live (--poll).
	liveCommands
	// serveCommand: serve's (the [serve] keys).
	serveCommand
	// readerCommand: the reader's alone.
	readerCommand
)

// field is one setting of a kind, at a place in Config.
type field[T any] struct {
	sect, key string
	flags     scope
	help      string
	kind[T]
	at func(*Config) *T
}

func (f *field[T]) section() string { return f.sect }
func (f *field[T]) name() string    { return f.key }
func (f *field[T]) scope() scope    { return f.flags }
func (f *field[T]) usage() string   { return f.help }
func (f *field[T]) want() string    { return f.kind.want }

func (f *field[T]) flagName() string {
	if f.flags == noFlag {
		return ""
	}
	return f.key
}

func (f *field[T]) decode(c *Config, v any, dir string) bool {
	t, ok := f.fromTOML(v, dir)
	if ok {
		*f.at(c) = t
	}
	return ok
}

func (f *field[T]) fromFlag(c *Config, fl *pflag.Flag) error {
	if v, ok := fl.Value.(*flagValue[T]); ok {
		*f.at(c) = v.v
		return nil
	}
	// A flag another package defined with the same name (its own pflag
	// type): its text is what the user gave, checked by this setting.
	t, err := f.fromText(fl.Value.String())
	if err != nil {
		return fmt.Errorf("--%s: %w", fl.Name, err)
	}
	*f.at(c) = t
	return nil
}

func (f *field[T]) addFlag(fs *pflag.FlagSet, def *Config) {
	v := &flagValue[T]{v: *f.at(def), k: &f.kind}
	fl := fs.VarPF(v, f.key, "", f.help)
	if f.typ == "bool" {
		fl.NoOptDefVal = "true" // --public alone means true
	}
}

func (f *field[T]) literal(c *Config) string { return f.kind.literal(*f.at(c)) }

// key is the setting's dotted key, as errors and the example name it.
func key(s setting) string {
	if s.section() == "" {
		return s.name()
	}
	return s.section() + "." + s.name()
}

// flagValue is a setting's flag: pflag.Value over the kind's text, so the
// flag and the file check a value by one rule.
type flagValue[T any] struct {
	v T
	k *kind[T]
}

// String implements pflag.Value.
func (v *flagValue[T]) String() string { return v.k.text(v.v) }

// Set implements pflag.Value.
func (v *flagValue[T]) Set(s string) error {
	t, err := v.k.fromText(s)
	if err != nil {
		return err
	}
	v.v = t
	return nil
}

// Type implements pflag.Value.
func (v *flagValue[T]) Type() string { return v.k.typ }

// The sections of the file.
const (
	top   = ""
	serve = "serve"
	keys  = "keys"
)

// settings is every key of the file but [keys], in the order of the
// example.
var settings = []setting{
	&field[[]string]{top, "library", noFlag, "the library: files and directories to read when no PATH is given and $" + LibraryEnv +
		" is unset; none means the bundled one", pathList(), func(c *Config) *[]string { return &c.Library }},
	&field[string]{top, "style", everyCommand, "colour style: " + strings.Join(render.StyleNames(), ", ") +
		"; auto follows the terminal's background", style(), func(c *Config) *string { return &c.Style }},
	&field[int]{top, "split-width", noFlag, "the narrowest terminal, in columns, that shows the list and the selected article side by side",
		count(minSplitWidth, "a number of columns ≥ "+strconv.Itoa(minSplitWidth)), func(c *Config) *int { return &c.SplitWidth }},
	&field[time.Duration]{top, "poll", liveCommands, "rescan the library every D instead of watching it for changes " +
		"(for network file systems and containers that send no change events; 0: watch)", duration("0: watch"), func(c *Config) *time.Duration { return &c.Poll }},
	&field[bool]{top, "no-mouse", readerCommand, "leave the mouse to the terminal, to select text with it (the reader takes no clicks or wheel)",
		boolean(), func(c *Config) *bool { return &c.NoMouse }},
	&field[string]{top, "state", everyCommand, "the reader state file: read and bookmarked articles, positions " +
		"(default $XDG_STATE_HOME/newsdesk/state.db, else ~/.local/state/…; under systemd $STATE_DIRECTORY/state.db)",
		path(), func(c *Config) *string { return &c.State }},

	&field[string]{serve, "listen", serveCommand, "TCP address to listen on (:23234 for every interface)",
		address(), func(c *Config) *string { return &c.Serve.Listen }},
	&field[string]{serve, "host-key", serveCommand, "host key file, generated when missing " +
		"(default $XDG_DATA_HOME/newsdesk/ssh_host_ed25519_key, else ~/.local/share/…)",
		path(), func(c *Config) *string { return &c.Serve.HostKey }},
	&field[string]{serve, "authorized-keys", serveCommand, "OpenSSH authorized_keys file: only these keys may connect",
		path(), func(c *Config) *string { return &c.Serve.AuthorizedKeys }},
	&field[bool]{serve, "public", serveCommand, "let anyone connect, with any key or none (read-only)",
		boolean(), func(c *Config) *bool { return &c.Serve.Public }},
	&field[int]{serve, "max-sessions", serveCommand, "most sessions open at once, with or without a reader (0: no limit)",
		count(0, "a number ≥ 0"), func(c *Config) *int { return &c.Serve.MaxSessions }},
	&field[int]{serve, "max-channels-per-connection", serveCommand, "most sessions one connection may hold open at once (0: no limit)",
		count(0, "a number ≥ 0"), func(c *Config) *int { return &c.Serve.MaxChannelsPerConnection }},
	&field[int]{serve, "max-sessions-per-ip", serveCommand, "most readers open at once from one address (0: no limit)",
		count(0, "a number ≥ 0"), func(c *Config) *int { return &c.Serve.MaxSessionsPerIP }},
	&field[time.Duration]{serve, "idle-timeout", serveCommand, "close a session after this long without input (0: never)",
		duration("0: never"), func(c *Config) *time.Duration { return &c.Serve.IdleTimeout }},
	&field[time.Duration]{serve, "max-session", serveCommand, "close any session after this long (0: never)",
		duration("0: never"), func(c *Config) *time.Duration { return &c.Serve.MaxSession }},
	&field[bool]{serve, "show-problems", serveCommand, "show sessions the library's problems with the server's paths (default: relative to the library)",
		boolean(), func(c *Config) *bool { return &c.Serve.ShowProblems }},
}

// lookup is the setting at key name of section, nil when there is none.
func lookup(section, name string) setting {
	for _, s := range settings {
		if s.section() == section && s.name() == name {
			return s
		}
	}
	return nil
}

// minSplitWidth is the narrowest split-width: below it one of the two
// panes has too few columns to show a headline.
const minSplitWidth = 40

// count is an int of at least lo.
func count(lo int, want string) kind[int] {
	return kind[int]{
		want: want,
		typ:  "int",
		fromTOML: func(v any, _ string) (int, bool) {
			n, ok := v.(int64)
			if !ok || n < int64(lo) || n > math.MaxInt {
				return 0, false
			}
			return int(n), true
		},
		fromText: func(s string) (int, error) {
			n, err := strconv.Atoi(s)
			if err != nil || n < lo {
				return 0, fmt.Errorf("want %s", want)
			}
			return n, nil
		},
		text:    strconv.Itoa,
		literal: strconv.Itoa,
	}
}

// boolean is true or false.
func boolean() kind[bool] {
	return kind[bool]{
		want: "true or false",
		typ:  "bool",
		fromTOML: func(v any, _ string) (bool, bool) {
			b, ok := v.(bool)
			return b, ok
		},
		fromText: func(s string) (bool, error) {
			b, err := strconv.ParseBool(s)
			if err != nil {
				return false, fmt.Errorf("want true or false")
			}
			return b, nil
		},
		text:    strconv.FormatBool,
		literal: strconv.FormatBool,
	}
}

// duration is a Go duration ("30m", "1h30m") of 0 or more; zero means
// what zero says. The file takes it as a string, or 0 as a number.
func duration(zero string) kind[time.Duration] {
	want := `a duration such as "30s", "10m" or "1h30m" (` + zero + ")"
	parse := func(s string) (time.Duration, bool) {
		d, err := time.ParseDuration(strings.TrimSpace(s))
		return d, err == nil && d >= 0
	}
	return kind[time.Duration]{
		want: want,
		typ:  "duration",
		fromTOML: func(v any, _ string) (time.Duration, bool) {
			switch v := v.(type) {
			case string:
				return parse(v)
			case int64:
				return 0, v == 0 // a bare number has no unit: only 0 is clear
			}
			return 0, false
		},
		fromText: func(s string) (time.Duration, error) {
			d, ok := parse(s)
			if !ok {
				return 0, fmt.Errorf("want %s", want)
			}
			return d, nil
		},
		text:    durationText,
		literal: func(d time.Duration) string { return quote(durationText(d)) },
	}
}

// durationText is d as people write it: "30m", not "30m0s"; "0" for 0.
func durationText(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// style is one of render's style names, any case.
func style() kind[string] {
	return kind[string]{
		want: "one of " + strings.Join(render.StyleNames(), ", "),
		typ:  "style",
		fromTOML: func(v any, _ string) (string, bool) {
			s, ok := v.(string)
			if !ok {
				return "", false
			}
			name, err := render.ParseStyle(s)
			return name, err == nil
		},
		fromText: render.ParseStyle,
		text:     func(s string) string { return s },
		literal:  quote,
	}
}

// address is a TCP address to listen on: host and port, the host
// possibly empty (every interface).
func address() kind[string] {
	want := `an address such as "127.0.0.1:23234" or ":23234"`
	valid := func(s string) bool {
		_, port, err := net.SplitHostPort(s)
		return err == nil && port != "" && printable(s)
	}
	return kind[string]{
		want: want,
		typ:  "address",
		fromTOML: func(v any, _ string) (string, bool) {
			s, ok := v.(string)
			return s, ok && valid(s)
		},
		fromText: func(s string) (string, error) {
			if !valid(s) {
				return "", fmt.Errorf("want %s", want)
			}
			return s, nil
		},
		text:    func(s string) string { return s },
		literal: quote,
	}
}

// path is a file's path, "" for the default. In the file, "~" and "~/…"
// are the home directory and a relative path is relative to the file's
// directory; on the command line the shell has done both.
func path() kind[string] {
	return kind[string]{
		want: "a path",
		typ:  "path",
		fromTOML: func(v any, dir string) (string, bool) {
			s, ok := v.(string)
			if !ok || strings.ContainsRune(s, 0) {
				return "", false
			}
			if s == "" {
				return "", true
			}
			return resolvePath(s, dir)
		},
		fromText: func(s string) (string, error) {
			if s == "" || strings.ContainsRune(s, 0) {
				return "", fmt.Errorf("want a path")
			}
			return s, nil
		},
		text:    func(s string) string { return s },
		literal: quote,
	}
}

// pathList is a list of paths, each as path reads it but never empty.
// It has no flag: the PATH arguments are the command line's library.
func pathList() kind[[]string] {
	one := path().fromTOML
	return kind[[]string]{
		want: `a list of paths such as ["~/news", "/srv/wire"]`,
		typ:  "paths",
		fromTOML: func(v any, dir string) ([]string, bool) {
			list, ok := v.([]any)
			if !ok {
				return nil, false
			}
			var out []string
			for _, e := range list {
				p, ok := one(e, dir)
				if !ok || p == "" {
					return nil, false
				}
				out = append(out, p)
			}
			return out, true
		},
		fromText: func(s string) ([]string, error) { return filepath.SplitList(s), nil },
		text:     func(ps []string) string { return strings.Join(ps, string(os.PathListSeparator)) },
		literal:  stringList,
	}
}

// resolvePath is p from a file in dir: "~" expanded, then made relative to
// dir unless absolute. ok is false when p names a home directory there is
// none of.
func resolvePath(p, dir string) (string, bool) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil || home == "" {
			return "", false
		}
		p = filepath.Join(home, p[1:])
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return p, true
}

// stringList is ss as a TOML array of strings.
func stringList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// quote is s as a TOML basic string: quotes and backslashes escaped,
// control characters as \uXXXX (TOML has no \x).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// printable says whether s is valid UTF-8 without control characters, so
// it can be shown on a terminal as it is.
func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, unicode.IsControl)
}

// got is v, a value from the file, as an error shows it: a string quoted
// (escaped, cut to 40 characters), a number as written, else what it is.
func got(v any) string {
	switch v := v.(type) {
	case string:
		if r := []rune(v); len(r) > 40 {
			return strconv.Quote(string(r[:40])) + "…"
		}
		return strconv.Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case toml.LocalDate:
		return "a date"
	case toml.LocalTime:
		return "a time of day"
	case toml.LocalDateTime, time.Time:
		return "a date and time"
	}
	return fmt.Sprintf("a %T", v)
}
