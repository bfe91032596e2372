package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/xdg"
	"github.com/newsdesk/newsdesk/search"
)

// readme is README.md's text.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fenced is every fenced block of language lang in text, in order.
func fenced(text, lang string) []string {
	re := regexp.MustCompile("(?ms)^```" + regexp.QuoteMeta(lang) + "\n(.*?)^```\n")
	var out []string
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		out = append(out, m[1])
	}
	return out
}

// section is the README from the heading title to the next heading of the
// same or a higher level (lines in fenced blocks are no headings).
func section(t *testing.T, text, title string) string {
	t.Helper()
	i := strings.Index(text, "\n"+title+"\n")
	if i < 0 {
		t.Fatalf("README has no %q", title)
	}
	level := len(strings.SplitN(title, " ", 2)[0])
	lines := strings.SplitAfter(text[i+len(title)+2:], "\n")
	fence := false
	var b strings.Builder
	for _, l := range lines {
		if strings.HasPrefix(l, "```") {
			fence = !fence
		}
		if h := strings.SplitN(l, " ", 2)[0]; !fence && len(h) > 0 && len(h) <= level && strings.Trim(h, "#") == "" {
			break
		}
		b.WriteString(l)
	}
	return b.String()
}

// TestREADME_ConfigExampleIsTheGeneratedOne: the example in the README is
// what `newsdesk config example` prints, and every TOML block parses.
func TestREADME_ConfigExampleIsTheGeneratedOne(t *testing.T) {
	text := readme(t)
	conf := section(t, text, "## Configuration")
	blocks := fenced(conf, "toml")
	if len(blocks) < 2 || blocks[len(blocks)-1] != config.Example() {
		t.Errorf("the README's whole example is not config.Example(): regenerate it with `go run . config example`")
	}
	for _, b := range fenced(text, "toml") {
		if _, err := config.Parse("/etc/newsdesk/config.toml", []byte(b)); err != nil {
			t.Errorf("a TOML block of the README does not parse:\n%s\n%v", b, err)
		}
	}
}

// TestREADME_ConfigErrorsAreReal: the errors the README shows are what a
// file gives, word for word.
func TestREADME_ConfigErrorsAreReal(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	file := "style = \"dark\"\n\n[serve]\nmax-sessions = \"lots\"\nport = 22\n\n[keys]\nlist.sort = \"enter\"\nexplode = \"x\"\n"
	_, err := config.Parse(filepath.Join(home, ".config", "newsdesk", "config.toml"), []byte(file))
	if err == nil {
		t.Fatal("no error")
	}
	conf := section(t, readme(t), "## Configuration")
	found := false
	for _, b := range fenced(conf, "") {
		if strings.HasPrefix(b, "~/.config/newsdesk/config.toml:") {
			found = true
			if strings.TrimSpace(b) != err.Error() {
				t.Errorf("README shows\n%s\nnewsdesk says\n%s", b, err)
			}
		}
	}
	if !found {
		t.Error("README shows no config file error")
	}
}

// unit is a systemd unit's [Service] directives, each name's values in
// order (continuation lines joined).
func unit(text string) map[string][]string {
	out := map[string][]string{}
	inService := false
	text = strings.ReplaceAll(text, "\\\n", " ")
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "["):
			inService = l == "[Service]"
		case inService:
			k, v, _ := strings.Cut(l, "=")
			out[k] = append(out[k], strings.TrimSpace(v))
		}
	}
	return out
}

// under says whether path is dir or inside it.
func under(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// TestREADME_SystemdUnitWritesOnlyWhereItMay: under the README's unit,
// with the environment systemd gives it and the README's config file,
// every file newsdesk writes (state, host key, caches) is in a directory
// the sandbox lets it write, and every file it reads is visible.
func TestREADME_SystemdUnitWritesOnlyWhereItMay(t *testing.T) {
	text := section(t, readme(t), "### systemd")
	units := fenced(text, "ini")
	tomls := fenced(text, "toml")
	if len(units) != 1 || len(tomls) != 1 {
		t.Fatalf("want one unit and one config file in the systemd section, got %d and %d", len(units), len(tomls))
	}
	u := unit(units[0])
	one := func(name string) string {
		if len(u[name]) != 1 {
			t.Fatalf("the unit has %d %s=, want 1", len(u[name]), name)
		}
		return u[name][0]
	}
	if one("ProtectSystem") != "strict" || one("ProtectHome") != "yes" {
		t.Fatalf("the test models ProtectSystem=strict and ProtectHome=yes")
	}
	// What systemd makes and sets for the directives (systemd.exec(5)).
	stateDir := "/var/lib/" + one("StateDirectory")
	cacheDir := "/var/cache/" + one("CacheDirectory")
	confDir := "/etc/" + one("ConfigurationDirectory")
	writable := append([]string{stateDir, cacheDir}, strings.Fields(strings.Join(u["ReadWritePaths"], " "))...)
	if one("PrivateTmp") == "yes" {
		writable = append(writable, "/tmp", "/var/tmp")
	}
	hidden := []string{"/home", "/root", "/run/user"}
	t.Setenv("STATE_DIRECTORY", stateDir)
	t.Setenv("CACHE_DIRECTORY", cacheDir)
	t.Setenv("CONFIGURATION_DIRECTORY", confDir)
	t.Setenv("HOME", "/home/newsdesk") // hidden: any path that falls back to ~ fails
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", config.LibraryEnv} {
		t.Setenv(v, "")
	}

	// The config file is where the README says, and visible.
	p, err := config.DefaultPath()
	if err != nil || !strings.HasPrefix(tomls[0], "# "+p+"\n") {
		t.Errorf("the service reads %q (%v); the README's file says %q", p, err, strings.SplitN(tomls[0], "\n", 2)[0])
	}

	// The command line of ExecStart=, over the README's config file.
	args := strings.Fields(one("ExecStart"))
	root := newRootCmd()
	cmd, rest, err := root.Find(args[1:])
	if err != nil || cmd.Name() != "serve" {
		t.Fatalf("ExecStart= is not newsdesk serve: %q", args)
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(tomls[0]), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CONFIGURATION_DIRECTORY", dir) // the README's file, read as the service reads it
	cfg, err := config.Load(cmd.Flags(), cmd.Flags().Args())
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("CONFIGURATION_DIRECTORY", confDir)
	sc, err := cfg.ServerConfig()
	if err != nil {
		t.Fatal(err)
	}
	statePath, err := cfg.StatePath()
	if err != nil {
		t.Fatal(err)
	}
	searchPath, err := search.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	// index.db: the warm-start index (issue 11) goes through the same
	// helper.
	warmPath, err := xdg.CacheFile("index.db")
	if err != nil {
		t.Fatal(err)
	}
	writes := map[string]string{"the host key": sc.HostKeyPath, "the state file": statePath,
		"the search index": searchPath, "the warm-start index": warmPath}
	for what, p := range writes {
		ok := false
		for _, w := range writable {
			ok = ok || under(p, w)
		}
		if !ok {
			t.Errorf("%s is %s, which the unit does not let newsdesk write (writable: %v)", what, p, writable)
		}
	}
	reads := append([]string{sc.AuthorizedKeysPath}, cfg.Library...)
	if len(cfg.Library) == 0 || sc.AuthorizedKeysPath == "" {
		t.Errorf("the README's service serves no library (%q) or lets no key in (%q)", cfg.Library, sc.AuthorizedKeysPath)
	}
	for _, p := range append(reads, confDir) {
		for _, h := range hidden {
			if under(p, h) {
				t.Errorf("%s is under %s, which ProtectHome=yes hides", p, h)
			}
		}
	}
}
