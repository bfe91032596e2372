package state

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// snapshot is every file of dir with its bytes, to show a failed Open left
// the directory exactly as it was (no file changed, none added).
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// sameFiles reports every file of before changed or removed in after, and
// every file added, except SQLite's -shm and -wal companions when
// companions is set: a connection that may not write (a read-only file, or
// the read-only guard of a file with a -wal) leaves them behind, empty or
// as found, and the -shm is only an index any opener rebuilds.
func sameFiles(t *testing.T, before, after map[string][]byte, companions bool) {
	t.Helper()
	companion := func(name string) bool {
		return companions && (strings.HasSuffix(name, "-shm") || strings.HasSuffix(name, "-wal") && len(after[name]) == 0)
	}
	for name, b := range before {
		if strings.HasSuffix(name, "-shm") && companions {
			continue
		}
		if a, ok := after[name]; !ok {
			t.Errorf("%s was removed", name)
		} else if !bytes.Equal(a, b) {
			t.Errorf("%s was changed (%d bytes, was %d)", name, len(a), len(b))
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok && !companion(name) {
			t.Errorf("%s was created", name)
		}
	}
}

// goodFile writes a state file with marks for ana and closes it.
func goodFile(t *testing.T, path string, marks int) {
	t.Helper()
	s, err := Open(path, Options{Limits: Limits{MaxMarks: -1}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids := benchIDs(marks)
	must(t, s.MarkRead(context.Background(), "ana", ids...))
	must(t, s.SetSeen(context.Background(), "ana", ids[0], benchKeys(0, 3)))
}

// sqliteFile makes an SQLite file at path with the statements run on it.
func sqliteFile(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestUnusableFileIsLeftAlone opens files a state store cannot use: each
// Open fails with the reason, the message names the file, and the
// directory is byte-for-byte what it was.
func TestUnusableFileIsLeftAlone(t *testing.T) {
	random := make([]byte, 16<<10)
	for i := range random {
		random[i] = byte(i*7919 + i>>3)
	}
	for _, tc := range []struct {
		name   string
		make   func(t *testing.T, path string)
		reason error
		detail string
		// shm: the case leaves a -shm, which SQLite rewrites (it
		// is an index of the -wal, not data).
		shm bool
	}{
		{"text file", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte("read, bookmarked\nthis is not a database\n"), 0o600))
		}, ErrNotState, "", false},
		{"random bytes", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, random, 0o600))
		}, ErrNotState, "", false},
		{"SQLite header, garbage after", func(t *testing.T, path string) {
			goodFile(t, path, 10)
			b, err := os.ReadFile(path)
			must(t, err)
			must(t, os.WriteFile(path, append(b[:100:100], random...), 0o600))
		}, ErrCorrupt, "", false},
		{"damaged page", func(t *testing.T, path string) {
			goodFile(t, path, 500)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			must(t, err)
			_, err = f.WriteAt(random[:4096], 3*4096)
			must(t, errors.Join(err, f.Close()))
		}, ErrCorrupt, "page", false},
		{"truncated", func(t *testing.T, path string) {
			goodFile(t, path, 500)
			fi, err := os.Stat(path)
			must(t, err)
			must(t, os.Truncate(path, fi.Size()/2))
		}, ErrCorrupt, "", false},
		{"another program's database", func(t *testing.T, path string) {
			sqliteFile(t, path, "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep me')")
		}, ErrNotState, "another program", false},
		{"another program's empty database", func(t *testing.T, path string) {
			sqliteFile(t, path, "PRAGMA application_id = 42")
		}, ErrNotState, "another program", false},
		{"newer schema", func(t *testing.T, path string) {
			goodFile(t, path, 10)
			sqliteFile(t, path, "PRAGMA user_version = 2")
		}, ErrNewerSchema, "schema version 2; this newsdesk reads up to 1", false},
		{"newer schema in WAL mode, log not folded in", func(t *testing.T, path string) {
			goodFile(t, path, 10)
			// Keep a connection open while copying, so the copy has
			// the -wal and -shm files with the change in the log, as a
			// killed process leaves them.
			db, err := sql.Open("sqlite", path)
			must(t, err)
			defer db.Close()
			_, err = db.Exec("PRAGMA user_version = 7")
			must(t, err)
			for _, ext := range []string{"", "-wal", "-shm"} {
				b, err := os.ReadFile(path + ext)
				must(t, err)
				must(t, os.WriteFile(path+".copy"+ext, b, 0o600))
			}
			must(t, db.Close())
			for _, ext := range []string{"", "-wal", "-shm"} {
				os.Remove(path + ext)
				must(t, os.Rename(path+".copy"+ext, path+ext))
			}
		}, ErrNewerSchema, "schema version 7", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.db")
			tc.make(t, path)
			before := snapshot(t, dir)
			s, err := Open(path, Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			var oe *OpenError
			if !errors.As(err, &oe) || !errors.Is(err, tc.reason) {
				t.Fatalf("error %q (%T), want an *OpenError for %q", err, err, tc.reason)
			}
			if oe.Path != path || !strings.Contains(err.Error(), `"`+path+`"`) {
				t.Errorf("error %q does not name the file", err)
			}
			if !strings.Contains(err.Error(), tc.reason.Error()) || !strings.Contains(err.Error(), tc.detail) {
				t.Errorf("error %q does not say %q (%s)", err, tc.reason, tc.detail)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Errorf("error %q is more than one line", err)
			}
			sameFiles(t, before, snapshot(t, dir), tc.shm)
		})
	}
}

func TestOpenOrMemoryFallsBack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	must(t, os.WriteFile(path, []byte("not a database"), 0o600))
	s, err := OpenOrMemory(path, Options{})
	defer s.Close()
	if !errors.Is(err, ErrNotState) {
		t.Fatalf("error %v", err)
	}
	if s.Path() != "" {
		t.Fatalf("fallback is on %q", s.Path())
	}
	must(t, s.MarkRead(context.Background(), "ana", "a"))
	if !mustLoad(t, s, "ana").Read("a") {
		t.Fatal("the fallback store does not keep marks for the session")
	}
	if b, _ := os.ReadFile(path); string(b) != "not a database" {
		t.Fatal("the file was changed")
	}
}

func TestOpenCreatesFileAndDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "newsdesk")
	path := filepath.Join(dir, "state.db")
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	fi, err := os.Stat(dir)
	must(t, err)
	if fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode %v, want 0700", fi.Mode().Perm())
	}
	var mode string
	must(t, s.h.QueryRowContext(context.Background(), "PRAGMA journal_mode").Scan(&mode))
	if mode != "wal" {
		t.Errorf("journal mode %q, want wal", mode)
	}
	var version, app int
	must(t, s.h.QueryRowContext(context.Background(), "PRAGMA user_version").Scan(&version))
	must(t, s.h.QueryRowContext(context.Background(), "PRAGMA application_id").Scan(&app))
	if version != len(migrations) || app != applicationID {
		t.Errorf("user_version %d application_id %#x", version, app)
	}
}

// TestOpenStrangePaths: a path with URI syntax in it is one file name,
// and a directory or a missing parent that cannot be made is an error
// naming the path.
func TestOpenStrangePaths(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a?mode=ro#x%20.db")
	s, err := Open(path, Options{})
	must(t, err)
	must(t, s.MarkRead(context.Background(), "ana", "a"))
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the file is not where named: %v", err)
	}

	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNotState) || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory: %v", err)
	}
	blocker := filepath.Join(dir, "file")
	must(t, os.WriteFile(blocker, nil, 0o600))
	under := filepath.Join(blocker, "newsdesk", "state.db")
	_, err = Open(under, Options{})
	var oe *OpenError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), under) || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a parent that is a file: %v", err)
	}
	if _, err := Open("", Options{}); err == nil {
		t.Error("an empty path opened")
	}
}

// An empty file (touch state.db) is a new store, not an error.
func TestOpenEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	must(t, os.WriteFile(path, nil, 0o600))
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	must(t, s.MarkRead(context.Background(), "ana", "a"))
}

// rootSkip skips a test of mode bits when running as root, whom they do
// not stop (CI containers often run as root); TestReadOnlyInjected covers
// the same path by making SQLite open the file read-only.
func rootSkip(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: mode bits do not stop root from writing, so this cannot fail here; TestReadOnlyInjected covers it")
	}
}

func TestReadOnlyFile(t *testing.T) {
	rootSkip(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	goodFile(t, path, 10)
	must(t, os.Chmod(path, 0o444))
	before := snapshot(t, dir)
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrPermission) || !strings.Contains(err.Error(), path) {
		t.Fatalf("read-only file: %v", err)
	}
	sameFiles(t, before, snapshot(t, dir), true)
}

func TestReadOnlyDirectory(t *testing.T) {
	rootSkip(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	goodFile(t, path, 10)
	must(t, os.Chmod(dir, 0o555))
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrPermission) || !strings.Contains(err.Error(), path) {
		t.Fatalf("existing file, read-only directory: %v", err)
	}
	_, err = Open(filepath.Join(dir, "new.db"), Options{})
	if !errors.Is(err, ErrPermission) {
		t.Fatalf("new file, read-only directory: %v", err)
	}
	_, err = Open(filepath.Join(dir, "sub", "new.db"), Options{})
	if !errors.Is(err, ErrPermission) {
		t.Fatalf("new directory under a read-only one: %v", err)
	}
}

// TestReadOnlyInjected opens a good file as SQLite opens a file it may
// not write (mode=ro, what it falls back to on EACCES): Open must fail
// with ErrPermission and change nothing, whoever runs the test.
func TestReadOnlyInjected(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.db")
	goodFile(t, path, 10)
	before := snapshot(t, dir)
	_, err := open(context.Background(), path, Options{}, migrations, url.Values{"mode": {"ro"}})
	if !errors.Is(err, ErrPermission) || !strings.Contains(err.Error(), path) {
		t.Fatalf("read-only: %v", err)
	}
	sameFiles(t, before, snapshot(t, dir), true)
}

// TestMemoryWritesNothing runs a memory store in an empty working
// directory with every XDG directory pointing into it: nothing appears.
func TestMemoryWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, v := range []string{"XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "HOME", "TMPDIR"} {
		t.Setenv(v, dir)
	}
	s := NewMemory(Options{Limits: Limits{MaxMarks: 100}})
	ctx := context.Background()
	ids := benchIDs(300) // beyond the bound, so dropping runs too
	must(t, s.MarkRead(ctx, "anon", ids...))
	must(t, s.SetSeen(ctx, "anon", ids[299], benchKeys(0, 5)))
	must(t, s.SetPosition(ctx, "anon", Position{Article: ids[1], Scroll: 3}))
	if st := mustLoad(t, s, "anon"); len(st.Marks) != 100 {
		t.Fatalf("%d marks", len(st.Marks))
	}
	must(t, s.Close())
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) != 0 {
		t.Fatalf("a memory store wrote %v", entries)
	}
}

// Two memory stores never share marks.
func TestMemoryStoresAreSeparate(t *testing.T) {
	a, b := NewMemory(Options{}), NewMemory(Options{})
	defer a.Close()
	defer b.Close()
	must(t, a.MarkRead(context.Background(), "anon", "x"))
	if mustLoad(t, b, "anon").Read("x") {
		t.Fatal("one session's marks show in another's")
	}
}

func TestDefaultPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("STATE_DIRECTORY", "")
	for _, tc := range []struct{ xdg, systemd, want string }{
		{"", "", filepath.Join(home, ".local", "state", "newsdesk", "state.db")},
		{"relative/dir", "", filepath.Join(home, ".local", "state", "newsdesk", "state.db")},
		{"/x/state", "", "/x/state/newsdesk/state.db"},
		{"/x/state", "/var/lib/newsdesk", "/var/lib/newsdesk/state.db"},
		{"", "/var/lib/newsdesk:/var/lib/other", "/var/lib/newsdesk/state.db"},
	} {
		t.Setenv("XDG_STATE_HOME", tc.xdg)
		t.Setenv("STATE_DIRECTORY", tc.systemd)
		got, err := DefaultPath()
		if err != nil || got != tc.want {
			t.Errorf("XDG_STATE_HOME=%q STATE_DIRECTORY=%q: %q, %v; want %q", tc.xdg, tc.systemd, got, err, tc.want)
		}
	}
}

func TestOpenErrorMessage(t *testing.T) {
	for _, tc := range []struct {
		e    OpenError
		want string
	}{
		{OpenError{Path: "/s/state.db", Reason: ErrNewerSchema, Detail: "schema version 2; this newsdesk reads up to 1"},
			`state file "/s/state.db": written by a newer newsdesk (schema version 2; this newsdesk reads up to 1)`},
		{OpenError{Path: "/s/\x1b[2Jstate.db", Reason: ErrPermission, Err: errors.New("attempt to write a readonly database")},
			`state file "/s/\x1b[2Jstate.db": permission denied: attempt to write a readonly database`},
		{OpenError{Path: "x.db", Detail: "no path"}, `state file "x.db": no path`},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
	if got := (&OpenError{Path: "\x1b]0;x\a"}).Error(); slices.Contains([]byte(got), 0x1b) {
		t.Errorf("an escape reaches the message: %q", got)
	}
}
