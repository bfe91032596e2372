package search

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/var/cache/someone")
	p, err := DefaultPath()
	if err != nil || p != "/var/cache/someone/newsdesk/search.db" {
		t.Errorf("DefaultPath() = %q, %v", p, err)
	}
}

// rebuilds records the OnRebuild calls.
type rebuilds struct {
	mu   sync.Mutex
	errs []*RebuildError
}

func (r *rebuilds) f(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var re *RebuildError
	if !errors.As(err, &re) {
		panic(err)
	}
	r.errs = append(r.errs, re)
}

func (r *rebuilds) n() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errs)
}

// TestOpen_CreatesPrivately: the directory and the file are made for the
// user only: the index holds the library's text.
func TestOpen_CreatesPrivately(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache", "newsdesk", FileName)
	x, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700 | os.ModeDir, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode() != want {
			t.Errorf("%s: %v, %v; want %v", p, fi.Mode(), err, want)
		}
	}
	if x.Path() != path || x.Len() != 0 || x.Size() == 0 {
		t.Errorf("Path %q Len %d Size %d", x.Path(), x.Len(), x.Size())
	}
}

// TestOpen_NotADatabase: a file that is not a database is set aside and
// a new index made in its place; Open says so once, and the old bytes
// are kept.
func TestOpen_NotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	garbage := []byte(strings.Repeat("this is not an index ", 500))
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	var rb rebuilds
	x, err := Open(path, Options{OnRebuild: rb.f})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if rb.n() != 1 {
		t.Fatalf("%d rebuilds", rb.n())
	}
	re := rb.errs[0]
	msg := re.Error()
	if !strings.HasPrefix(msg, "search index "+path+": file is not a database") || !strings.HasSuffix(msg, "; set aside as "+path+".corrupt, building a new one") || re.SetAside != path+".corrupt" {
		t.Errorf("rebuild: %q", msg)
	}
	if kept, err := os.ReadFile(path + ".corrupt"); err != nil || string(kept) != string(garbage) {
		t.Errorf("set-aside file: %d bytes, %v", len(kept), err)
	}
	put(t, x, story("a", "Kestrels return", "Birds."))
	if got := ids(t, x, "kestrels"); len(got) != 1 {
		t.Errorf("new index: %v", got)
	}
}

// TestOpen_OtherVersion: an index of another schema (another newsdesk)
// is replaced, not set aside; so is a database that is not ours.
func TestOpen_OtherVersion(t *testing.T) {
	for name, setup := range map[string]string{
		"older schema": `UPDATE meta SET value = '0' WHERE key = 'schema'`,
		"not ours":     `DROP TABLE meta`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), FileName)
			x, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			put(t, x, story("a", "Kestrels return", "Birds."))
			x.Close()
			execSQL(t, path, setup)
			var rb rebuilds
			x, err = Open(path, Options{OnRebuild: rb.f})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if rb.n() != 1 || rb.errs[0].SetAside != "" || !errors.Is(rb.errs[0], errOtherVersion) {
				t.Fatalf("rebuilds %v", rb.errs)
			}
			if want := "search index " + path + ": made by another version of newsdesk; building a new one"; rb.errs[0].Error() != want {
				t.Errorf("%q", rb.errs[0].Error())
			}
			if x.Len() != 0 {
				t.Errorf("Len %d after the rebuild", x.Len())
			}
			if _, err := os.Stat(path + ".corrupt"); err == nil {
				t.Error("set aside")
			}
		})
	}
}

// execSQL runs statements on the file directly.
func execSQL(t *testing.T, path string, stmts ...string) {
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

// TestIndex_DamagedInUse: a file damaged while in use fails the search
// that meets the damage with a message, and the next Sync sets it aside
// and builds the index again from the library: time lost, no data.
func TestIndex_DamagedInUse(t *testing.T) {
	for name, damage := range map[string]string{
		"word index": `UPDATE fts_data SET block = zeroblob(200) WHERE id > 10`,
		"text":       `UPDATE docs SET text = x'00ff00ff'`,
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeWire(t, dir, "a.txt", "Kestrels return", "Birds were seen.")
			writeWire(t, dir, "b.txt", "Kestrels leave", "Birds were seen.")
			lib := loadLibrary(t, dir)
			var rb rebuilds
			path := filepath.Join(t.TempDir(), FileName)
			x, err := Open(path, Options{OnRebuild: rb.f})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if err := x.Sync(t.Context(), lib, lib.Snapshot(), nil); err != nil {
				t.Fatal(err)
			}
			execSQL(t, path, damage)

			_, err = x.Search(t.Context(), "kestrels", 0)
			if err == nil || err.Error() != "the search index is damaged; it is being rebuilt" {
				t.Fatalf("search on the damaged file: %v", err)
			}
			if err := x.Sync(t.Context(), lib, lib.Snapshot(), nil); err != nil {
				t.Fatal(err)
			}
			if rb.n() != 1 || rb.errs[0].SetAside != path+".corrupt" || !isCorrupt(rb.errs[0].Err) {
				t.Fatalf("rebuilds %v", rb.errs)
			}
			if _, err := os.Stat(path + ".corrupt"); err != nil {
				t.Error(err)
			}
			if got := ids(t, x, "kestrels"); len(got) != 2 {
				t.Errorf("after the rebuild: %v", got)
			}
		})
	}
}

// TestOpen_Unusable: a path where no index can be made is an error, and
// nothing is set aside or removed.
func TestOpen_Unusable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o600)
	if _, err := Open(filepath.Join(file, FileName), Options{}); err == nil {
		t.Error("an index under a file")
	}
	sub := filepath.Join(dir, FileName)
	os.Mkdir(sub, 0o700)
	if _, err := Open(sub, Options{}); err == nil {
		t.Error("an index that is a directory")
	}
	if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
		t.Errorf("the directory was touched: %v", err)
	}
}

// TestIndex_Closed: a closed index says so.
func TestIndex_Closed(t *testing.T) {
	x := openTemp(t, Options{})
	x.Close()
	if _, err := x.Search(t.Context(), "kestrels", 0); err == nil || err.Error() != "search index closed" {
		t.Errorf("search: %v", err)
	}
	if err := x.Sync(t.Context(), nil, nil, nil); err == nil || err.Error() != "search index closed" {
		t.Errorf("sync: %v", err)
	}
}

// TestFollow_RebuildsAfterDamage: Follow rebuilds as soon as a search
// met a damaged file, without waiting for a new snapshot.
func TestFollow_RebuildsAfterDamage(t *testing.T) {
	dir := t.TempDir()
	writeWire(t, dir, "a.txt", "Kestrels return", "Birds were seen.")
	lib := loadLibrary(t, dir)
	var rb rebuilds
	path := filepath.Join(t.TempDir(), FileName)
	x, err := Open(path, Options{OnRebuild: rb.f})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	progress := make(chan [2]int, 100)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go x.Follow(ctx, lib, func(done, total int) { progress <- [2]int{done, total} })
	waitProgress(t, progress, [2]int{1, 1})

	execSQL(t, path, `UPDATE fts_data SET block = zeroblob(200) WHERE id > 10`)
	if _, err := x.Search(t.Context(), "kestrels", 0); err == nil {
		t.Fatal("no error from the damaged file")
	}
	waitProgress(t, progress, [2]int{0, 1})
	waitProgress(t, progress, [2]int{1, 1})
	if got := ids(t, x, "kestrels"); len(got) != 1 || rb.n() != 1 {
		t.Errorf("after the rebuild: %v, %d rebuilds", got, rb.n())
	}
}
