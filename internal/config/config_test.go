package config

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsdesk/newsdesk/server"
	"github.com/newsdesk/newsdesk/ui"
)

// home is the home directory of every test: "~" in a file is it.
const home = "/home/ana"

// cfgPath is where the tests' files are said to be: relative paths in them
// are relative to its directory.
const cfgPath = "/etc/nd/config.toml"

func init() {
	// Display and "~" depend on $HOME: the same for every test.
	os.Setenv("HOME", home)
}

// parse is Parse of text at cfgPath.
func parse(t *testing.T, text string) (Config, error) {
	t.Helper()
	return Parse(cfgPath, []byte(text))
}

// settingLine uncomments the example's setting lines ("# key = value").
var settingLine = regexp.MustCompile(`(?m)^# ([a-z][a-z0-9_.-]*) = `)

// TestExample_ParsesToTheDefaults: `newsdesk config example` parses to the
// defaults as printed, and with every setting line uncommented, and it
// names every setting and every action.
func TestExample_ParsesToTheDefaults(t *testing.T) {
	want := Default()
	want.File = cfgPath
	ex := Example()
	got, err := parse(t, ex)
	if err != nil {
		t.Fatalf("the example does not parse: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the example parses to\n%+v\nwant the defaults\n%+v", got, want)
	}

	live := settingLine.ReplaceAllString(ex, "$1 = ")
	got, err = parse(t, live)
	if err != nil {
		t.Fatalf("the example with its settings uncommented does not parse: %v\n%s", err, live)
	}
	def := ui.DefaultKeyMap()
	if !reflect.DeepEqual(got.KeyMap(), &def) {
		t.Error("the example's keys, uncommented, are not the default key map")
	}
	got.Keys, got.keyMap = nil, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the example uncommented parses to\n%+v\nwant the defaults\n%+v", got, want)
	}

	for _, s := range settings {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(s.name()) + ` = `).MatchString(live) {
			t.Errorf("the example has no line for %s", key(s))
		}
	}
	for _, a := range def.Actions() {
		if !strings.Contains(live, "\n"+a.Name+" = ") {
			t.Errorf("the example has no line for the action %s", a.Name)
		}
	}
	for i, l := range strings.Split(ex, "\n") {
		if len([]rune(l)) > exampleWidth && !strings.Contains(l, " = ") {
			t.Errorf("example line %d is %d wide: %q", i+1, len([]rune(l)), l)
		}
	}
}

// TestParse_EveryKey: every key of the file, its value read as a user
// writes it, and nothing else changed.
func TestParse_EveryKey(t *testing.T) {
	tests := []struct {
		key, text string
		want      func(*Config)
	}{
		{"library", `library = ["~/news", "wire", "/srv/a b", "~"]`, func(c *Config) {
			c.Library = []string{home + "/news", "/etc/nd/wire", "/srv/a b", home}
		}},
		{"library", `library = []`, func(c *Config) {}},
		{"style", `style = "Tokyo-Night"`, func(c *Config) { c.Style = "tokyo-night" }},
		{"split-width", `split-width = 100`, func(c *Config) { c.SplitWidth = 100 }},
		{"no-mouse", `no-mouse = true`, func(c *Config) { c.NoMouse = true }},
		{"split-width", `split-width = 40`, func(c *Config) { c.SplitWidth = 40 }},
		{"poll", `poll = "2s"`, func(c *Config) { c.Poll = 2 * time.Second }},
		{"poll", `poll = 0`, func(c *Config) {}},
		{"state", `state = "~/marks.db"`, func(c *Config) { c.State = home + "/marks.db" }},
		{"state", `state = ""`, func(c *Config) {}},
		{"serve.listen", "[serve]\nlisten = \":2222\"", func(c *Config) { c.Serve.Listen = ":2222" }},
		{"serve.listen", "serve.listen = \"[::1]:2222\"", func(c *Config) { c.Serve.Listen = "[::1]:2222" }},
		{"serve.host-key", "[serve]\nhost-key = \"keys/host\"", func(c *Config) { c.Serve.HostKey = "/etc/nd/keys/host" }},
		{"serve.authorized-keys", "[serve]\nauthorized-keys = \"/etc/nd/authorized_keys\"", func(c *Config) {
			c.Serve.AuthorizedKeys = "/etc/nd/authorized_keys"
		}},
		{"serve.public", "[serve]\npublic = true", func(c *Config) { c.Serve.Public = true }},
		{"serve.max-sessions", "[serve]\nmax-sessions = 5", func(c *Config) { c.Serve.MaxSessions = 5 }},
		{"serve.max-sessions", "[serve]\nmax-sessions = 0", func(c *Config) { c.Serve.MaxSessions = 0 }},
		{"serve.max-channels-per-connection", "[serve]\nmax-channels-per-connection = 3", func(c *Config) {
			c.Serve.MaxChannelsPerConnection = 3
		}},
		{"serve.max-sessions-per-ip", "[serve]\nmax-sessions-per-ip = 2", func(c *Config) { c.Serve.MaxSessionsPerIP = 2 }},
		{"serve.idle-timeout", "[serve]\nidle-timeout = \"1h30m\"", func(c *Config) { c.Serve.IdleTimeout = 90 * time.Minute }},
		{"serve.idle-timeout", "[serve]\nidle-timeout = 0", func(c *Config) { c.Serve.IdleTimeout = 0 }},
		{"serve.max-session", "serve = { max-session = \"2h\" }", func(c *Config) { c.Serve.MaxSession = 2 * time.Hour }},
		{"serve.show-problems", "[serve]\nshow-problems = true", func(c *Config) { c.Serve.ShowProblems = true }},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.key] = true
		got, err := parse(t, tt.text)
		if err != nil {
			t.Errorf("%s: %v", tt.text, err)
			continue
		}
		want := Default()
		want.File = cfgPath
		tt.want(&want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.text, got, want)
		}
	}
	for _, s := range settings {
		if !tested[key(s)] {
			t.Errorf("no test of %s", key(s))
		}
	}
}

// TestParse_Keys: the [keys] table, in each way TOML can name an action,
// gives the reader's key map; actions it does not name keep their keys.
func TestParse_Keys(t *testing.T) {
	for _, text := range []string{
		"[keys]\nquit = \"x\"\n\"list.sort\" = [\"o\", \"O\"]\n",
		"[keys]\nquit = [\"x\"]\nlist.sort = [\"o\", \"O\"]\n",
		"[keys]\nquit = [\"x\"]\n[keys.list]\nsort = [\"o\", \"O\"]\n",
		"keys = { quit = \"x\", list = { sort = [\"o\", \"O\"] } }\n",
	} {
		c, err := parse(t, text)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		want := map[string][]string{"quit": {"x"}, "list.sort": {"o", "O"}}
		if !reflect.DeepEqual(c.Keys, want) {
			t.Errorf("%q: Keys %v, want %v", text, c.Keys, want)
		}
		k := c.KeyMap()
		if !slices.Equal(k.Quit.Keys(), []string{"x"}) || !slices.Equal(k.Sort.Keys(), []string{"o", "O"}) ||
			!slices.Equal(k.Filter.Keys(), []string{"/"}) {
			t.Errorf("%q: quit %v, sort %v, filter %v", text, k.Quit.Keys(), k.Sort.Keys(), k.Filter.Keys())
		}
		if k.Sort.Help().Key != "o/O" {
			t.Errorf("%q: sort's help says %q", text, k.Sort.Help().Key)
		}
		// Each call is a new copy: a session cannot change another's.
		k.Quit.SetKeys("z")
		if c.KeyMap().Quit.Keys()[0] != "x" {
			t.Errorf("%q: KeyMap returned a shared value", text)
		}
	}
}

// TestParse_Errors: every error names the file, the line and the key, and
// says what was wanted and what was there.
func TestParse_Errors(t *testing.T) {
	const at = cfgPath + ":"
	tests := []struct{ name, text, want string }{
		// syntax, as the TOML decoder says it, with its line
		{"syntax", "style = \"dark\"\nsplit-width =\n", at + "2: unexpected character U+000A at start of value"},
		{"a key twice", "style = \"dark\"\nstyle = \"light\"\n", at + "2: style: key style is already defined"},
		{"invalid UTF-8", "style = \"\xff\"\n", at + "1: invalid UTF-8 character in basic string"},
		// keys that do not exist
		{"unknown key", "style = \"dark\"\ncolour = \"red\"\n", at + "2: colour: unknown key (newsdesk config example shows every key)"},
		{"unknown key in [serve]", "[serve]\nlisten = \":1\"\nport = 22\n", at + "3: serve.port: unknown key (newsdesk config example shows every key)"},
		{"unknown table", "[server]\nlisten = \":1\"\n", at + "1: server: unknown table (the tables are [serve] and [keys]; newsdesk config example shows every key)"},
		{"a serve key at the top", "listen = \":1\"\n", at + "1: listen: unknown key (newsdesk config example shows every key)"},
		{"a quoted dotted key is one key", "\"serve.listen\" = \":1\"\n", at + "1: \"serve.listen\": unknown key (newsdesk config example shows every key)"},
		{"a key's name with controls is escaped", "\"\\u001b[2J\" = 1\n", at + "1: \"\\x1b[2J\": unknown key (newsdesk config example shows every key)"},
		{"serve is not a table", "serve = 1\n", at + "1: serve: want a table ([serve]), got 1"},
		// values of the wrong kind or out of range
		{"a word for a number", "[serve]\n\n\nmax-sessions = \"lots\"\n", at + `4: serve.max-sessions: want a number ≥ 0, got "lots"`},
		{"a negative number", "[serve]\nmax-sessions-per-ip = -1\n", at + "2: serve.max-sessions-per-ip: want a number ≥ 0, got -1"},
		{"a fraction", "[serve]\nmax-channels-per-connection = 1.5\n", at + "2: serve.max-channels-per-connection: want a number ≥ 0, got 1.5"},
		{"too large for TOML", "[serve]\nmax-sessions = 99999999999999999999\n", at + "2: decimal number is too large to fit in a 64-bit signed integer"},
		{"split too narrow", "split-width = 39\n", at + "1: split-width: want a number of columns ≥ 40, got 39"},
		{"unknown style", "style = \"neon\"\n", at + `1: style: want one of auto, dark, light, notty, ascii, dracula, tokyo-night, pink, got "neon"`},
		{"a duration without unit", "[serve]\nidle-timeout = 30\n", at + `2: serve.idle-timeout: want a duration such as "30s", "10m" or "1h30m" (0: never), got 30`},
		{"a duration in words", "poll = \"5 parsecs\"\n", at + `1: poll: want a duration such as "30s", "10m" or "1h30m" (0: watch), got "5 parsecs"`},
		{"a negative duration", "[serve]\nmax-session = \"-1h\"\n", at + `2: serve.max-session: want a duration such as "30s", "10m" or "1h30m" (0: never), got "-1h"`},
		{"yes for true", "[serve]\npublic = \"yes\"\n", at + `2: serve.public: want true or false, got "yes"`},
		{"an address without port", "[serve]\nlisten = \"localhost\"\n", at + `2: serve.listen: want an address such as "127.0.0.1:23234" or ":23234", got "localhost"`},
		{"a path that is a list", "state = [\"a\"]\n", at + "1: state: want a path, got a list"},
		{"a library that is a string", "library = \"~/news\"\n", at + `1: library: want a list of paths such as ["~/news", "/srv/wire"], got "~/news"`},
		{"a library of numbers", "library = [1]\n", at + `1: library: want a list of paths such as ["~/news", "/srv/wire"], got a list`},
		{"a library with an empty path", "library = [\"a\", \"\"]\n", at + `1: library: want a list of paths such as ["~/news", "/srv/wire"], got a list`},
		{"a date", "poll = 1979-05-27\n", at + `1: poll: want a duration such as "30s", "10m" or "1h30m" (0: watch), got a date`},
		{"a long string is cut", "style = \"" + strings.Repeat("x", 100) + "\"\n",
			at + `1: style: want one of auto, dark, light, notty, ascii, dracula, tokyo-night, pink, got "` + strings.Repeat("x", 40) + `"…`},
		// key bindings
		{"keys is not a table", "keys = [\"q\"]\n", at + "1: keys: want a table ([keys]), got a list"},
		{"unknown action", "[keys]\nquit = \"x\"\nexplode = \"e\"\n", at + "3: keys.explode: unknown action (newsdesk config example lists every action)"},
		{"unknown dotted action", "[keys.list]\nexplode = \"e\"\n", at + "2: keys.list.explode: unknown action (newsdesk config example lists every action)"},
		{"a conflict with a default key", "[keys]\n\nlist.sort = \"enter\"\n",
			at + `3: keys.list.sort: enter is both list.open and list.sort in the list; give one of them another key`},
		{"a conflict of two lines names the later", "[keys]\nlist.sort = \"o\"\nlist.open = \"o\"\n",
			at + `3: keys.list.open: "o" is both list.open and list.sort in the list; give one of them another key`},
		{"a conflict in the panel", "[keys]\npanel.last = \"tab\"\n",
			at + `2: keys.panel.last: tab is both panel.next and panel.last in the reactions panel; give one of them another key`},
		{"a conflict in the question", "[keys]\nconfirm.no = \"y\"\n",
			at + `2: keys.confirm.no: "y" is both confirm.yes and confirm.no in the question "mark all read?"; give one of them another key`},
		{"an empty list", "[keys]\nquit = []\n", at + "2: keys.quit: want at least one key"},
		{"a number for a key", "[keys]\nquit = [\"q\", 1]\n", at + `2: keys.quit: want a key or a list of keys such as ["j", "down"], got 1 in the list`},
		{"a table of numbers", "[keys]\nquit = 1\n", at + `2: keys.quit: want a key or a list of keys such as ["j", "down"], got 1`},
		{"a space for space", "[keys]\nquit = \" \"\n", at + `2: keys.quit: want a key's name such as "q", "ctrl+d", "space" or "pgdown", got " "`},
		{"an escape for a key", "[keys]\nquit = \"\\u001b[2J\"\n", at + `2: keys.quit: want a key's name such as "q", "ctrl+d", "space" or "pgdown", got "\x1b[2J"`},
		{"a bidi control for a key", "[keys]\nquit = \"\u202eq\"\n", at + `2: keys.quit: want a key's name such as "q", "ctrl+d", "space" or "pgdown", got "\u202eq"`},
		{"a long key", "[keys]\nquit = \"" + strings.Repeat("q", 33) + "\"\n", at + `2: keys.quit: want a key's name such as "q", "ctrl+d", "space" or "pgdown", got "` + strings.Repeat("q", 33) + `"`},
		{"too many keys", "[keys]\nquit = [" + strings.Repeat("\"x\", ", 16) + "\"y\"]\n", at + "2: keys.quit: want at most 16 keys, got 17"},
		{"an action twice", "[keys]\n\"list.sort\" = \"o\"\nlist.sort = \"O\"\n", at + "3: keys.list.sort: the keys of list.sort are given twice (also line 2)"},
		// several errors: all of them, by line
		{"every unknown action, and then the conflicts", "[keys]\nexplode = \"x\"\nlist.sort = \"enter\"\nimplode = \"y\"\n",
			at + "2: keys.explode: unknown action (newsdesk config example lists every action)\n" +
				at + "3: keys.list.sort: enter is both list.open and list.sort in the list; give one of them another key\n" +
				at + "4: keys.implode: unknown action (newsdesk config example lists every action)"},
		{"every error, by line", "[serve]\nmax-sessions = -1\nbogus = 1\n[keys]\nexplode = \"x\"\n", at + "2: serve.max-sessions: want a number ≥ 0, got -1\n" +
			at + "3: serve.bogus: unknown key (newsdesk config example shows every key)\n" +
			at + "5: keys.explode: unknown action (newsdesk config example lists every action)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := parse(t, tt.text)
			if err == nil {
				t.Fatalf("no error; got %+v", c)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestParse_ManyErrorsAreCounted: a file of garbage keys gives a bounded
// message.
func TestParse_ManyErrorsAreCounted(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		b.WriteString("k" + strconv.Itoa(i) + " = 1\n")
	}
	_, err := parse(t, b.String())
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxErrors+1 || lines[maxErrors] != cfgPath+": 480 more errors" {
		t.Errorf("%d lines, the last %q", len(lines), lines[len(lines)-1])
	}
	// By line, not by name (k10 sorts before k2).
	if !strings.HasPrefix(lines[0], cfgPath+":1: k0: ") || !strings.HasPrefix(lines[2], cfgPath+":3: k2: ") {
		t.Errorf("not sorted by line: %q", lines[:2])
	}
}

// TestDisplay: the home directory is "~" and a path reaches the terminal
// without its controls.
func TestDisplay(t *testing.T) {
	for in, want := range map[string]string{
		home + "/.config/newsdesk/config.toml": "~/.config/newsdesk/config.toml",
		home:                                   "~",
		home + "x/config.toml":                 home + "x/config.toml",
		"/etc/\x1b[2Jconfig.toml":              "/etc/?[2Jconfig.toml",
		"rel/config.toml":                      "rel/config.toml",
	} {
		if got := Display(in); got != want {
			t.Errorf("Display(%q) = %q, want %q", in, got, want)
		}
	}
}

// flagSet is the flags of a command taking every setting's flag, parsed
// from args.
func flagSet(t *testing.T, args ...string) (*pflag.FlagSet, []string) {
	t.Helper()
	fs := pflag.NewFlagSet("newsdesk", pflag.ContinueOnError)
	AddRootFlags(fs)
	AddServeFlags(fs)
	addFlags(fs, readerCommand) // the reader's own (--poll is serve's too)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return fs, fs.Args()
}

// configHome makes an XDG config directory holding text as newsdesk's
// config file ("" for no file) and points $XDG_CONFIG_HOME at it.
func configHome(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("CONFIGURATION_DIRECTORY", "")
	t.Setenv(LibraryEnv, "")
	path := filepath.Join(dir, "newsdesk", FileName)
	if text != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// TestLoad_FlagOverFileOverDefault: for every setting that has a flag, the
// default, the file's value over it, and the flag's over both; a flag
// given with the default's value still wins (it counts because it was
// given, not because it differs).
func TestLoad_FlagOverFileOverDefault(t *testing.T) {
	tests := []struct {
		flag     string
		file     string // the setting in the file
		fileArgs []string
		want     func(c *Config) any
		def      any
		fromFile any
		fromFlag any // with --flag fileArgs…
	}{
		{"style", `style = "light"`, []string{"--style", "auto"}, func(c *Config) any { return c.Style }, "auto", "light", "auto"},
		{"poll", `poll = "1m"`, []string{"--poll", "0"}, func(c *Config) any { return c.Poll }, time.Duration(0), time.Minute, time.Duration(0)},
		{"no-mouse", `no-mouse = true`, []string{"--no-mouse=false"}, func(c *Config) any { return c.NoMouse }, false, true, false},
		{"state", `state = "/s/file.db"`, []string{"--state", "flag.db"}, func(c *Config) any { return c.State }, "", "/s/file.db", "flag.db"},
		{"listen", "[serve]\nlisten = \":1\"", []string{"--listen", "127.0.0.1:23234"}, func(c *Config) any { return c.Serve.Listen }, server.DefaultListen, ":1", "127.0.0.1:23234"},
		{"host-key", "[serve]\nhost-key = \"/k/file\"", []string{"--host-key", "flag"}, func(c *Config) any { return c.Serve.HostKey }, "", "/k/file", "flag"},
		{"authorized-keys", "[serve]\nauthorized-keys = \"/a/file\"", []string{"--authorized-keys", "flag"}, func(c *Config) any { return c.Serve.AuthorizedKeys }, "", "/a/file", "flag"},
		{"public", "[serve]\npublic = true", []string{"--public=false"}, func(c *Config) any { return c.Serve.Public }, false, true, false},
		{"public", "[serve]\npublic = false", []string{"--public"}, func(c *Config) any { return c.Serve.Public }, false, false, true},
		{"max-sessions", "[serve]\nmax-sessions = 5", []string{"--max-sessions", "100"}, func(c *Config) any { return c.Serve.MaxSessions }, 100, 5, 100},
		{"max-channels-per-connection", "[serve]\nmax-channels-per-connection = 4", []string{"--max-channels-per-connection=0"}, func(c *Config) any { return c.Serve.MaxChannelsPerConnection }, 1, 4, 0},
		{"max-sessions-per-ip", "[serve]\nmax-sessions-per-ip = 3", []string{"--max-sessions-per-ip", "7"}, func(c *Config) any { return c.Serve.MaxSessionsPerIP }, 10, 3, 7},
		{"idle-timeout", "[serve]\nidle-timeout = \"5m\"", []string{"--idle-timeout", "30m"}, func(c *Config) any { return c.Serve.IdleTimeout }, 30 * time.Minute, 5 * time.Minute, 30 * time.Minute},
		{"max-session", "[serve]\nmax-session = \"2h\"", []string{"--max-session", "0"}, func(c *Config) any { return c.Serve.MaxSession }, time.Duration(0), 2 * time.Hour, time.Duration(0)},
		{"show-problems", "[serve]\nshow-problems = true", []string{"--show-problems=false"}, func(c *Config) any { return c.Serve.ShowProblems }, false, true, false},
	}
	tested := map[string]bool{}
	for _, tt := range tests {
		tested[tt.flag] = true
		for _, step := range []struct {
			file string
			args []string
			want any
		}{{"", nil, tt.def}, {tt.file, nil, tt.fromFile}, {tt.file, tt.fileArgs, tt.fromFlag}} {
			configHome(t, step.file)
			fs, args := flagSet(t, step.args...)
			c, err := Load(fs, args)
			if err != nil {
				t.Errorf("%s, file %q, flags %q: %v", tt.flag, step.file, step.args, err)
				continue
			}
			if got := tt.want(c); got != step.want {
				t.Errorf("%s, file %q, flags %q: %v, want %v", tt.flag, step.file, step.args, got, step.want)
			}
		}
	}
	for _, s := range settings {
		if s.flagName() != "" && !tested[s.flagName()] {
			t.Errorf("no precedence test of --%s", s.flagName())
		}
	}
}

// TestLoad_Library: the PATH arguments, else $NEWSDESK_LIBRARY, else the
// file's library, else none (the bundled one).
func TestLoad_Library(t *testing.T) {
	sep := string(os.PathListSeparator)
	tests := []struct {
		name, file, env string
		args, want      []string
	}{
		{"none", "", "", nil, nil},
		{"the file's", `library = ["/f/news"]`, "", nil, []string{"/f/news"}},
		{"the environment over the file", `library = ["/f/news"]`, "/e/one" + sep + sep + "/e/two", nil, []string{"/e/one", "/e/two"}},
		{"an empty environment is none", `library = ["/f/news"]`, sep, nil, []string{"/f/news"}},
		{"the arguments over both", `library = ["/f/news"]`, "/e/one", []string{"a", "b"}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		configHome(t, tt.file)
		t.Setenv(LibraryEnv, tt.env)
		fs, _ := flagSet(t)
		c, err := Load(fs, tt.args)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !slices.Equal(c.Library, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, c.Library, tt.want)
		}
	}
}

// TestLoad_WhichFile: the default file when there is one (none is fine),
// --config's (which must exist) and systemd's ConfigurationDirectory=.
func TestLoad_WhichFile(t *testing.T) {
	path := configHome(t, "style = \"pink\"\n")
	fs, _ := flagSet(t)
	if c, err := Load(fs, nil); err != nil || c.Style != "pink" || c.File != path {
		t.Errorf("default file: %+v, %v", c, err)
	}

	configHome(t, "")
	if c, err := Load(fs, nil); err != nil || c.File != "" || c.Style != "auto" {
		t.Errorf("no file: %+v, %v", c, err)
	}

	other := filepath.Join(t.TempDir(), "other.toml")
	os.WriteFile(other, []byte("style = \"ascii\"\nlibrary = [\"news\"]\n"), 0o600)
	fs, _ = flagSet(t, "--config", other)
	if c, err := Load(fs, nil); err != nil || c.Style != "ascii" || c.File != other ||
		!slices.Equal(c.Library, []string{filepath.Join(filepath.Dir(other), "news")}) {
		t.Errorf("--config: %+v, %v", c, err)
	}

	sysd := t.TempDir()
	os.WriteFile(filepath.Join(sysd, FileName), []byte("style = \"dracula\"\n"), 0o600)
	t.Setenv("CONFIGURATION_DIRECTORY", sysd)
	fs, _ = flagSet(t)
	if c, err := Load(fs, nil); err != nil || c.Style != "dracula" {
		t.Errorf("CONFIGURATION_DIRECTORY: %+v, %v", c, err)
	}
	t.Setenv("CONFIGURATION_DIRECTORY", "")

	big := filepath.Join(t.TempDir(), "big.toml")
	os.WriteFile(big, []byte(strings.Repeat("#", maxFileSize+1)), 0o600)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--config", "/nonexistent/x.toml"}, "config file /nonexistent/x.toml: no such file or directory"},
		{[]string{"--config", ""}, "--config: want a path"},
		{[]string{"--config", t.TempDir()}, "a directory, not a file"},
		{[]string{"--config", big}, "over 64 KiB: not a config file"},
	} {
		fs, _ := flagSet(t, tt.args...)
		if _, err := Load(fs, nil); err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("%q: %v, want …%s", tt.args, err, tt.want)
		}
	}

	// A bad default file is an error too, naming it with ~.
	t.Setenv("HOME", filepath.Dir(filepath.Dir(configHome(t, "[serve]\nmax-sessions = \"lots\"\n"))))
	defer t.Setenv("HOME", home)
	fs, _ = flagSet(t)
	if _, err := Load(fs, nil); err == nil || err.Error() != `~/newsdesk/config.toml:2: serve.max-sessions: want a number ≥ 0, got "lots"` {
		t.Errorf("bad default file: %v", err)
	}
}

// TestFlags_CheckedAsTheFileIs: a flag's value obeys the key's rule, and
// the message says what is wanted.
func TestFlags_CheckedAsTheFileIs(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-sessions", "-1"}, `invalid argument "-1" for "--max-sessions" flag: want a number ≥ 0`},
		{[]string{"--idle-timeout", "soon"}, `invalid argument "soon" for "--idle-timeout" flag: want a duration such as "30s", "10m" or "1h30m" (0: never)`},
		{[]string{"--listen", "nowhere"}, `invalid argument "nowhere" for "--listen" flag: want an address such as "127.0.0.1:23234" or ":23234"`},
		{[]string{"--style", "Neon"}, `invalid argument "Neon" for "--style" flag: unknown style "Neon" (valid styles: auto, dark, light, notty, ascii, dracula, tokyo-night, pink)`},
		{[]string{"--public=maybe"}, `invalid argument "maybe" for "--public" flag: want true or false`},
		{[]string{"--state", ""}, `invalid argument "" for "--state" flag: want a path`},
		{[]string{"--poll", "-5s"}, `invalid argument "-5s" for "--poll" flag: want a duration such as "30s", "10m" or "1h30m" (0: watch)`},
	} {
		fs := pflag.NewFlagSet("newsdesk", pflag.ContinueOnError)
		fs.SetOutput(new(strings.Builder))
		AddRootFlags(fs)
		AddServeFlags(fs)
		if err := fs.Parse(tt.args); err == nil || err.Error() != tt.want {
			t.Errorf("%q: %v\nwant %s", tt.args, err, tt.want)
		}
	}
}

// TestFlags_WhereTheyApply: --style, --state and --config for every
// command; --poll for the reader and serve, which keep the library live;
// the [serve] keys for serve.
func TestFlags_WhereTheyApply(t *testing.T) {
	names := func(add ...func(*pflag.FlagSet)) []string {
		fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
		for _, a := range add {
			a(fs)
		}
		var out []string
		fs.VisitAll(func(f *pflag.Flag) { out = append(out, f.Name) })
		return out
	}
	if got := names(AddRootFlags); !slices.Equal(got, []string{"config", "state", "style"}) {
		t.Errorf("every command's: %v", got)
	}
	if got := names(AddReaderFlags); !slices.Equal(got, []string{"no-mouse", "poll"}) {
		t.Errorf("the reader's: %v", got)
	}
	want := []string{"authorized-keys", "host-key", "idle-timeout", "listen", "max-channels-per-connection", "max-session",
		"max-sessions", "max-sessions-per-ip", "poll", "public", "show-problems"}
	if got := names(AddServeFlags); !slices.Equal(got, want) {
		t.Errorf("serve's: %v", got)
	}
}

// TestFlags_DefaultsInHelp: the flags' defaults are the Config's, shown
// as a user writes them.
func TestFlags_DefaultsInHelp(t *testing.T) {
	fs, _ := flagSet(t)
	for name, want := range map[string]string{
		"idle-timeout": "30m", "max-session": "0", "max-sessions": "100", "listen": server.DefaultListen, "style": "auto", "public": "false",
	} {
		if got := fs.Lookup(name).DefValue; got != want {
			t.Errorf("--%s default %q, want %q", name, got, want)
		}
	}
}

// TestLoad_ForeignFlag: a flag another package defined under a setting's
// name (its own pflag type) still counts, checked by the setting's rule.
func TestLoad_ForeignFlag(t *testing.T) {
	configHome(t, "[serve]\nidle-timeout = \"5m\"\n")
	fs := pflag.NewFlagSet("newsdesk", pflag.ContinueOnError)
	fs.Duration("idle-timeout", 0, "")
	if err := fs.Parse([]string{"--idle-timeout", "90s"}); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(fs, nil); err != nil || c.Serve.IdleTimeout != 90*time.Second {
		t.Errorf("%+v, %v", c, err)
	}
	fs = pflag.NewFlagSet("newsdesk", pflag.ContinueOnError)
	fs.Int("max-sessions", 0, "")
	fs.Parse([]string{"--max-sessions", "-4"})
	if _, err := Load(fs, nil); err == nil || err.Error() != "--max-sessions: want a number ≥ 0" {
		t.Errorf("%v", err)
	}
}

// TestServerConfig: every [serve] setting reaches the server, with the
// readers' keys and split width.
func TestServerConfig(t *testing.T) {
	c, err := parse(t, "split-width = 90\n[serve]\nlisten = \":2\"\nhost-key = \"/h\"\nauthorized-keys = \"/a\"\npublic = true\n"+
		"max-sessions = 3\nmax-channels-per-connection = 4\nmax-sessions-per-ip = 5\nidle-timeout = \"6s\"\nmax-session = \"7s\"\n"+
		"show-problems = true\n[keys]\nquit = \"x\"\n")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := c.ServerConfig()
	if err != nil {
		t.Fatal(err)
	}
	if sc.Keys == nil || sc.Keys.Quit.Keys()[0] != "x" {
		t.Errorf("keys %v", sc.Keys)
	}
	sc.Keys = nil
	want := server.Config{Listen: ":2", HostKeyPath: "/h", AuthorizedKeysPath: "/a", Public: true, MaxSessions: 3,
		MaxChannelsPerConnection: 4, MaxSessionsPerIP: 5, IdleTimeout: 6 * time.Second, MaxSessionLength: 7 * time.Second,
		ShowProblems: true, SplitWidth: 90}
	if !reflect.DeepEqual(sc, want) {
		t.Errorf("\n got %+v\nwant %+v", sc, want)
	}
	t.Setenv("XDG_DATA_HOME", "/d")
	def := Default()
	if sc, err := def.ServerConfig(); err != nil || sc.HostKeyPath != "/d/newsdesk/ssh_host_ed25519_key" {
		t.Errorf("default host key: %q, %v", sc.HostKeyPath, err)
	}
}

// TestStatePath: the file's or flag's state file, else the state
// package's default (under systemd, $STATE_DIRECTORY).
func TestStatePath(t *testing.T) {
	t.Setenv("STATE_DIRECTORY", "/var/lib/newsdesk")
	c := Default()
	if p, err := c.StatePath(); err != nil || p != "/var/lib/newsdesk/state.db" {
		t.Errorf("default: %q, %v", p, err)
	}
	c.State = "/x/s.db"
	if p, err := c.StatePath(); err != nil || p != "/x/s.db" {
		t.Errorf("set: %q, %v", p, err)
	}
}

// TestParse_HostileFiles: files made to cost time or memory, or to reach
// the terminal, get a message and cost little (a 16,000-part key once
// took its square: 15 s).
func TestParse_HostileFiles(t *testing.T) {
	const at = cfgPath + ":"
	deepKey := at + "1: a key more than 8 levels deep (newsdesk's are at most 3: keys.list.sort)"
	for _, tt := range []struct{ name, text, want string }{
		{"a dotted key of 30,000 parts", strings.Repeat("a.", 30000) + "b = 1\n", deepKey},
		{"a table header of 30,000 parts", "[" + strings.Repeat("a.", 30000) + "b]\n", deepKey},
		{"inline tables 9 deep", "a = " + strings.Repeat("{b = ", 9) + "1" + strings.Repeat("}", 9) + "\n", deepKey},
		{"a deep action", "[keys]\n" + strings.Repeat("a.", 9) + "b = \"x\"\n", at + "2: a key more than 8 levels deep (newsdesk's are at most 3: keys.list.sort)"},
		{"arrays 60,000 deep", "x = " + strings.Repeat("[", 60000) + "\n", at + "1: arrays and inline tables are nested more than the maximum of 10000 levels deep"},
		{"over the size bound", strings.Repeat("#", maxFileSize+1), cfgPath + ": over 64 KiB: not a config file"},
		{"a NUL in a path", "state = \"a\\u0000b\"\n", at + `1: state: want a path, got "a\x00b"`},
		{"escapes in an unknown table's name", "[\"\\u001b]0;pwned\\u0007\"]\nx = 1\n", at + `1: "\x1b]0;pwned\a": unknown table (the tables are [serve] and [keys]; newsdesk config example shows every key)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(t, tt.text)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
	// A file as large as can be, of keys: every one unknown, the message
	// still 21 lines.
	var b strings.Builder
	for i := 0; b.Len() < maxFileSize-32; i++ {
		b.WriteString("k" + strconv.Itoa(i) + " = 1\n")
	}
	if _, err := parse(t, b.String()); err == nil || strings.Count(err.Error(), "\n") != maxErrors {
		t.Errorf("a full file of unknown keys: %d lines", strings.Count(err.Error(), "\n")+1)
	}
}

// FuzzParse: no file makes Parse panic, and no message it gives holds a
// control character (it goes to the terminal) but the newlines between
// errors.
func FuzzParse(f *testing.F) {
	f.Add(Example())
	f.Add(settingLine.ReplaceAllString(Example(), "$1 = "))
	f.Add("[serve]\nmax-sessions = \"lots\"\n[keys]\nlist.sort = \"enter\"\nexplode = 1\n")
	f.Add("keys = { list = { sort = [\"o\"] } }\n\"keys\".\"list.open\" = \"o\"\n")
	f.Add("library = [\"~/news\", \"\"]\nstyle = \"\\u202e\"\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parse(t, text)
		if err != nil {
			msg := strings.ReplaceAll(err.Error(), "\n", "")
			if !printable(msg) || strings.ContainsFunc(msg, bidi) {
				t.Errorf("the message holds a control: %q", msg)
			}
			return
		}
		c.KeyMap() // a file that parses gives a key map
	})
}
