package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// withConfig points $XDG_CONFIG_HOME at a new directory holding text as
// newsdesk's config file ("" for none) and returns the file's path.
func withConfig(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "newsdesk", "config.toml")
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

func TestConfigPath_SaysWhereAndWhetherItExists(t *testing.T) {
	path := withConfig(t, "")
	stdout, stderr, code := runCLI(t, "config", "path")
	if code != 0 || stdout != path+"\n" || !strings.Contains(stderr, "no file there: newsdesk runs on its defaults") {
		t.Errorf("no file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	path = withConfig(t, "style = \"dark\"\n")
	stdout, stderr, code = runCLI(t, "config", "path")
	if code != 0 || stdout != path+"\n" || stderr != "the file exists\n" {
		t.Errorf("a file: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	other := filepath.Join(t.TempDir(), "other.toml")
	stdout, stderr, code = runCLI(t, "--config", other, "config", "path")
	if code != 0 || stdout != other+"\n" || !strings.Contains(stderr, "--config must name one that exists") {
		t.Errorf("--config: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if _, stderr, code := runCLI(t, "config", "bogus"); code != 2 || !strings.Contains(stderr, "bogus") {
		t.Errorf("config bogus: exit %d, stderr %q", code, stderr)
	}
}

// TestConfigExample_IsAFileNewsdeskReads: what `config example` prints,
// saved as the config file, is read without error by every command.
func TestConfigExample_IsAFileNewsdeskReads(t *testing.T) {
	withConfig(t, "")
	stdout, _, code := runCLI(t, "config", "example")
	if code != 0 || stdout != config.Example() {
		t.Fatalf("exit %d, output\n%s", code, stdout)
	}
	withConfig(t, stdout)
	for _, args := range [][]string{{"list", seedPath}, {"check", seedPath}, {"show", seedPath}} {
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Errorf("%q with the example as config file: exit %d\n%s", args, code, stderr)
		}
	}
}

// TestConfigFile_BadFileStopsEveryCommandButConfig: a config file with an
// error is a usage error (status 2) naming file, line and key, for every
// command that reads it; `config path` and `config example`, which help
// fix it, still work.
func TestConfigFile_BadFileStopsEveryCommandButConfig(t *testing.T) {
	path := withConfig(t, "style = \"dark\"\n[serve]\nmax-sessions = \"lots\"\n")
	want := path + `:3: serve.max-sessions: want a number ≥ 0, got "lots"`
	for _, args := range [][]string{{}, {"list", seedPath}, {"check", seedPath}, {"show", seedPath}, {"serve", "--public"}} {
		_, stderr, code := runCLI(t, args...)
		if code != 2 || strings.TrimSpace(stderr) != want {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", args, code, stderr, want)
		}
	}
	for _, args := range [][]string{{"config", "path"}, {"config", "example"}} {
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Errorf("%q: exit %d\n%s", args, code, stderr)
		}
	}
	_, stderr, code := runCLI(t, "--config", filepath.Join(t.TempDir(), "missing.toml"), "list", seedPath)
	if code != 2 || !strings.Contains(stderr, "missing.toml: no such file or directory") {
		t.Errorf("a missing --config: exit %d, %q", code, stderr)
	}
}

// TestConfigFile_Library: the file's library is read when no PATH is
// given and $NEWSDESK_LIBRARY is unset; a relative path is the file's
// directory's.
func TestConfigFile_Library(t *testing.T) {
	one := libDir(t, map[string]string{"one.txt": goodWire})
	two := libDir(t, map[string]string{"two.txt": goodWire})
	cfgFile := filepath.Join(one, "config.toml")
	if err := os.WriteFile(cfgFile, []byte("library = [\"one.txt\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	withConfig(t, "")
	for _, tt := range []struct {
		name, env string
		args      []string
		want      string
	}{
		{"the file's, from its directory", "", nil, filepath.Join(one, "one.txt")},
		{"$NEWSDESK_LIBRARY over the file", two, nil, filepath.Join(two, "two.txt")},
		{"PATH over both", two, []string{seedPath}, seedPath},
	} {
		t.Setenv(config.LibraryEnv, tt.env)
		stdout, stderr, code := runCLI(t, append([]string{"--config", cfgFile, "list", "--json"}, tt.args...)...)
		if code != 0 || !strings.Contains(stdout, `"path":"`+tt.want+`"`) || strings.Count(stdout, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %s, stderr %s", tt.name, code, stdout, stderr)
		}
	}
}

// TestE2E_ReaderKeysAndSplitFromConfigFile: the real binary's reader takes
// its keys, its split width and its state file from the config file.
func TestE2E_ReaderKeysAndSplitFromConfigFile(t *testing.T) {
	bin := tmuxtest.Binary(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "newsdesk"), 0o700); err != nil {
		t.Fatal(err)
	}
	text := "split-width = 100\nstate = \"marks.db\"\n[keys]\nquit = \"x\"\n"
	if err := os.WriteFile(filepath.Join(dir, "newsdesk", "config.toml"), []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	s := tmuxtest.Start(t, 120, 30, "'"+bin+"'", "XDG_CONFIG_HOME="+dir)
	s.WaitFor(t, func(sc string) bool {
		// At 120 columns only a split width under 140 shows the preview
		// (the article's dateline, right of the list).
		return strings.Contains(sc, "x quit") && strings.Contains(sc, "Sergei Shoigu")
	}, "the preview at 120 columns and x for quit in the help line")
	s.Send(t, "q")
	s.Send(t, "x")
	if code := s.WaitExit(t); code != 0 {
		t.Fatalf("newsdesk exited with status %d after x", code)
	}
	// The reading state is where the file says, relative to it.
	if _, err := os.Stat(filepath.Join(dir, "newsdesk", "marks.db")); err != nil {
		t.Errorf("no state file where the config file's state says: %v", err)
	}
}

// TestE2E_ServeFromConfigFile: serve takes [serve] from the file (here
// who may connect, which it refuses to start without), and a flag given
// wins over the file (--listen over listen).
func TestE2E_ServeFromConfigFile(t *testing.T) {
	dir := t.TempDir()
	cfgFile := filepath.Join(dir, "config.toml")
	text := "state = \"serve.db\"\n[serve]\npublic = true\nlisten = \"127.0.0.1:1\"\nhost-key = \"host_key\"\n"
	if err := os.WriteFile(cfgFile, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeLoopbackAddr(t)
	s := startServe(t, addr, "--config", cfgFile)
	waitUntil(t, "the public server's log", func() bool { return strings.Contains(s.logs.String(), "public=true") })
	for _, f := range []string{"host_key", "serve.db"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s is not where the file says (relative to it): %v", f, err)
		}
	}
	s.stop(t)
}
