package server

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/seeds"
)

func TestLibraryPath(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		roots []string
		want  string
	}{
		{"under the one root", "/srv/news/world/a.md", []string{"/srv/news"}, "world/a.md"},
		{"root given with a slash", "/srv/news/a.md", []string{"/srv/news/"}, "a.md"},
		{"relative root", "news/a.md", []string{"./news"}, "a.md"},
		{"the root itself", "/srv/news", []string{"/srv/news"}, "news"},
		{"a file given as the library", "/srv/one.md", []string{"/srv/one.md"}, "one.md"},
		{"several roots: named", "/srv/wire/b.txt", []string{"/srv/news", "/srv/wire"}, "wire/b.txt"},
		{"nested roots: the deepest", "/srv/news/world/a.md", []string{"/srv/news", "/srv/news/world"}, "world/a.md"},
		{"a sibling with the root's prefix", "/srv/newsroom/a.md", []string{"/srv/news"}, "a.md"},
		{"under no root", "/etc/secret/a.md", []string{"/srv/news"}, "a.md"},
		{"no roots (the bundled library)", "seeds/000_x.txt", nil, "000_x.txt"},
		{"the current directory", "world/a.md", []string{"."}, "world/a.md"},
		{"the file-system root", "/srv/a.md", []string{"/", "/tmp"}, "srv/a.md"},
		{"dot-dot never climbs out", "/srv/news/../secret/a.md", []string{"/srv/news"}, "a.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := libraryPath(filepath.FromSlash(tt.path), tt.roots); got != filepath.FromSlash(tt.want) {
				t.Errorf("libraryPath(%q, %q) = %q, want %q", tt.path, tt.roots, got, tt.want)
			}
		})
	}
}

func TestHideRoots(t *testing.T) {
	abs, err := filepath.Abs("news")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, msg string
		roots     []string
		want      string
	}{
		{"no path", "file too large (2 MiB, limit 1 MiB)", []string{"/srv/news"}, "file too large (2 MiB, limit 1 MiB)"},
		{"a path under the root", "cannot read /srv/news/a/b.md: gone", []string{"/srv/news"}, "cannot read a/b.md: gone"},
		{"several roots", "see /srv/wire/x and /srv/news/y", []string{"/srv/news", "/srv/wire"}, "see wire/x and news/y"},
		{"nested roots: the deepest", "/srv/news/world/a", []string{"/srv/news", "/srv/news/world"}, "world/a"},
		{"a relative root's absolute form", "open " + abs + "/a.md", []string{"news"}, "open a.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hideRoots(tt.msg, tt.roots); got != tt.want {
				t.Errorf("hideRoots(%q) = %q, want %q", tt.msg, got, tt.want)
			}
		})
	}
}

// A session's problems screen shows paths relative to the library, and
// the server's own paths only with ShowProblems.
func TestServe_ProblemsWithoutServerPaths(t *testing.T) {
	root := filepath.Join(t.TempDir(), "newsroom-secret-dir")
	if err := os.MkdirAll(filepath.Join(root, "world"), 0o700); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(root, "world", "broken.md")
	probs := []article.Problem{{Path: bad}}
	for _, show := range []bool{false, true} {
		name := map[bool]string{false: "relative", true: "show-problems"}[show]
		t.Run(name, func(t *testing.T) {
			ts := startServer(t, func(c *Config) {
				c.Public, c.AuthorizedKeysPath = true, ""
				c.Library, c.ShowProblems = problemLibrary(t, root, probs), show
			})
			c := openReader(t, ts.addr, 200, 24, gossh.PublicKeys(ts.key))
			waitText(t, c.out, 0, seedHeadline)
			offset := c.out.Len()
			c.send(t, "!")
			want := filepath.Join("world", "broken.md") + ":1"
			if show {
				want = bad + ":1"
			}
			screen := waitFor(t, c.out, offset, want, func(s string) bool {
				return strings.Contains(s, want) && strings.Contains(s, "front matter has no closing")
			})
			if !show && strings.Contains(ansi.Strip(c.out.String()), root) {
				t.Errorf("the session was shown the server's path %s:\n%s", root, screen)
			}
		})
	}
}

// problemLibrary is a library reading root (the bundled seed, copied in)
// whose snapshot also holds probs.
func problemLibrary(t *testing.T, root string, probs []article.Problem) *library.Library {
	t.Helper()
	seed, err := fs.ReadFile(seeds.FS, "000_6b8f1c3f41772375.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "seed.txt"), seed, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		// A file that fails to parse: an unclosed front matter.
		if err := os.WriteFile(p.Path, []byte("---\ntitle: x\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	lib := library.New(library.Options{Paths: []string{root}})
	<-lib.Start(t.Context())
	return lib
}
