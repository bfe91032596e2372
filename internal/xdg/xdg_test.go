package xdg

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestDirs: each directory from systemd's variable, else the XDG one, else
// the home directory; relative paths ignored, systemd's first entry used.
func TestDirs(t *testing.T) {
	home := t.TempDir()
	dirs := []struct {
		name          string
		fn            func() (string, error)
		systemd, xdgV string
		under         []string
	}{
		{"config", ConfigDir, "CONFIGURATION_DIRECTORY", "XDG_CONFIG_HOME", []string{".config"}},
		{"state", StateDir, "STATE_DIRECTORY", "XDG_STATE_HOME", []string{".local", "state"}},
		{"cache", CacheDir, "CACHE_DIRECTORY", "XDG_CACHE_HOME", []string{".cache"}},
		{"data", DataDir, "", "XDG_DATA_HOME", []string{".local", "share"}},
	}
	for _, d := range dirs {
		fallback := filepath.Join(append(append([]string{home}, d.under...), "newsdesk")...)
		cases := []struct{ systemd, xdg, want string }{
			{"", "", fallback},
			{"", "relative/dir", fallback},
			{"", "/x/base", "/x/base/newsdesk"},
		}
		if d.systemd != "" {
			cases = append(cases,
				struct{ systemd, xdg, want string }{"/var/lib/newsdesk", "/x/base", "/var/lib/newsdesk"},
				struct{ systemd, xdg, want string }{"/var/lib/newsdesk:/var/lib/other", "", "/var/lib/newsdesk"},
				struct{ systemd, xdg, want string }{"relative", "", fallback},
			)
		}
		for _, c := range cases {
			t.Setenv("HOME", home)
			for _, v := range []string{"CONFIGURATION_DIRECTORY", "STATE_DIRECTORY", "CACHE_DIRECTORY"} {
				t.Setenv(v, "")
			}
			if d.systemd != "" {
				t.Setenv(d.systemd, c.systemd)
			}
			t.Setenv(d.xdgV, c.xdg)
			got, err := d.fn()
			if err != nil || got != c.want {
				t.Errorf("%s with %s=%q %s=%q: %q, %v; want %q", d.name, d.systemd, c.systemd, d.xdgV, c.xdg, got, err, c.want)
			}
		}
	}
}

// TestCacheFile: every cache's file is in CacheDir, and under systemd in
// $CACHE_DIRECTORY (the unit's CacheDirectory=, writable by the service).
func TestCacheFile(t *testing.T) {
	t.Setenv("CACHE_DIRECTORY", "/var/cache/newsdesk")
	if got, err := CacheFile("index.db"); err != nil || got != "/var/cache/newsdesk/index.db" {
		t.Errorf("under systemd: %q, %v", got, err)
	}
	t.Setenv("CACHE_DIRECTORY", "")
	t.Setenv("XDG_CACHE_HOME", "/c")
	if got, err := CacheFile("search.db"); err != nil || got != "/c/newsdesk/search.db" {
		t.Errorf("with XDG_CACHE_HOME: %q, %v", got, err)
	}
}

// TestNoHome: with no variable and no home the error says which variable
// to set instead of naming a path relative to nowhere.
func TestNoHome(t *testing.T) {
	t.Setenv("HOME", "")
	t.Setenv("CACHE_DIRECTORY", "")
	t.Setenv("XDG_CACHE_HOME", "")
	_, err := CacheFile("search.db")
	if !errors.Is(err, ErrNoHome) || err.Error() != "no cache directory for search.db: no home directory (set XDG_CACHE_HOME)" {
		t.Errorf("%v", err)
	}
}
