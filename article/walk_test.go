package article

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

// walkAll lists what Walk reports, as "kind path" (problems with their
// message).
func walkAll(t *testing.T, walk func(fn func(Entry) bool) bool) ([]string, []Entry) {
	t.Helper()
	var got []string
	var es []Entry
	ok := walk(func(e Entry) bool {
		es = append(es, e)
		switch e.Kind {
		case EntryDir:
			got = append(got, "dir "+e.Path)
		case EntryFile:
			got = append(got, "file "+e.Path)
		case EntryProblem:
			got = append(got, "problem "+e.Path+": "+e.Problem)
		}
		return true
	})
	if !ok {
		t.Fatal("walk stopped")
	}
	return got, es
}

// A walk finds exactly the files Load reads, in Load's order, with the
// problems Load reports, and reading each entry gives Load's result; so
// does a walk to read, which looks at no regular file before it is read.
func TestWalk_FindsWhatLoadReads(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTree(t, ".", map[string]string{
		"lib/b.txt":          goodWire,
		"lib/a.md":           "# A\n\nBody.\n",
		"lib/sub/c.json":     `[{"headline":"C1"},{"headline":"C2"}]`,
		"lib/.hidden/d.txt":  goodWire,
		"lib/.e.txt":         goodWire,
		"lib/notes.log":      "not an article",
		"lib/old.json/f.txt": goodWire,
		"lib/empty.txt":      "",
		"named.log":          goodWire,
	})
	if err := os.Symlink("nowhere.txt", filepath.Join("lib", "dangling.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink("b.txt", filepath.Join("lib", "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join("lib", "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{"lib", "named.log", "missing.txt"}
	want := []string{
		"dir lib",
		"file lib/a.md",
		"file lib/b.txt",
		"problem lib/dangling.txt: dangling symbolic link",
		"file lib/empty.txt",
		"file lib/link.txt",
		"problem lib/old.json: is a directory",
		"problem lib/pipe.txt: not a regular file (named pipe)",
		"dir lib/sub",
		"file lib/sub/c.json",
		"file named.log",
		"problem missing.txt: no such file or directory",
	}
	rs := loadAll(t, paths, Options{})
	for i := range rs {
		rs[i].Index = 0
	}
	abs, _ := filepath.Abs("lib/b.txt")
	for _, walk := range []struct {
		name   string
		fn     func(context.Context, []string, func(Entry) bool) bool
		toRead bool
	}{{"Walk", Walk, false}, {"WalkToRead", WalkToRead, true}} {
		t.Run(walk.name, func(t *testing.T) {
			got, es := walkAll(t, func(fn func(Entry) bool) bool { return walk.fn(t.Context(), paths, fn) })
			if !slices.Equal(got, want) {
				t.Fatalf("walk:\n%q\nwant\n%q", got, want)
			}
			var read []Result
			for _, e := range es {
				if e.Kind == EntryDir {
					continue
				}
				read = append(read, e.Read(Options{}))
			}
			if len(read) != len(rs) {
				t.Fatalf("%d entries read, Load gave %d results", len(read), len(rs))
			}
			for i := range rs {
				if !reflect.DeepEqual(read[i], rs[i]) {
					t.Errorf("entry %s read as\n%+v\nLoad gave\n%+v", read[i].Path, read[i], rs[i])
				}
			}
			b, link := es[2], es[5]
			if walk.toRead {
				if b.ID != ID(abs) || b.Info != nil || b.Named {
					t.Errorf("entry of b.txt looked at before it is read: %+v", b)
				}
				if link.Info == nil || link.Size() != int64(len(goodWire)) {
					t.Errorf("a link is looked at (to know where it leads): %+v", link)
				}
			} else if b.ID != ID(abs) || b.Size() != int64(len(goodWire)) || b.ModTime().IsZero() || b.Named {
				t.Errorf("entry of b.txt: %+v", b)
			}
			if r := b.Read(Options{}); r.ID != ID(abs) || r.Size != int64(len(goodWire)) || r.ModTime.IsZero() {
				t.Errorf("result of b.txt: ID %q size %d time %v", r.ID, r.Size, r.ModTime)
			}
			if named := es[10]; !named.Named || named.Kind != EntryFile {
				t.Errorf("a named file: %+v", named)
			}
		})
	}
}

// Walk reports each directory as it enters it, before what it holds.
func TestWalk_ReportsDirectoriesFirst(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/b/c.txt": goodWire, "a/d.txt": goodWire, "a/.h/e.txt": goodWire})
	got, es := walkAll(t, func(fn func(Entry) bool) bool { return Walk(t.Context(), []string{filepath.Join(dir, "a")}, fn) })
	for i := range got {
		got[i] = strings.ReplaceAll(got[i], dir+"/", "")
	}
	if want := []string{"dir a", "dir a/b", "file a/b/c.txt", "file a/d.txt"}; !slices.Equal(got, want) {
		t.Errorf("walk %q, want %q", got, want)
	}
	if e := es[0]; e.ID == "" || e.Info == nil || !e.Info.IsDir() {
		t.Errorf("a directory's entry: %+v", e)
	}
}

// WalkChild looks at one entry of a directory with the walk's rules.
func TestWalkChild_AppliesTheWalkRules(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a.txt": goodWire, ".b.txt": goodWire, "c.log": "x", "sub/d.txt": goodWire, "sub/e/f.md": "# F\n",
		"g.json/h.txt": goodWire,
	})
	fifo := filepath.Join(dir, "p.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	var root Entry
	Walk(t.Context(), []string{dir}, func(e Entry) bool {
		if e.Kind == EntryDir && e.Path == dir {
			root = e
		}
		return true
	})
	rel := func(got []string) []string {
		for i, g := range got {
			got[i] = filepath.ToSlash(g)
		}
		return got
	}
	for _, tt := range []struct {
		name string
		want []string
	}{
		{"a.txt", []string{"file " + dir + "/a.txt"}},
		{".b.txt", nil},
		{"c.log", nil},
		{"missing.txt", nil},
		{"p.txt", []string{"problem " + dir + "/p.txt: not a regular file (named pipe)"}},
		{"g.json", []string{"problem " + dir + "/g.json: is a directory"}},
		{"sub", []string{"dir " + dir + "/sub", "file " + dir + "/sub/d.txt", "dir " + dir + "/sub/e", "file " + dir + "/sub/e/f.md"}},
	} {
		got, _ := walkAll(t, func(fn func(Entry) bool) bool { return WalkChild(t.Context(), root, tt.name, nil, fn) })
		if !slices.Equal(rel(got), tt.want) {
			t.Errorf("WalkChild(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// WalkChild does not enter a directory an earlier walk entered (a link
// to it, or a loop), as Load walks each directory once.
func TestWalkChild_SkipsDirectoriesWalkedBefore(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "sub/b.txt": goodWire})
	if err := os.Symlink(dir, filepath.Join(dir, "loop")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var root Entry
	var walked []fs.FileInfo
	Walk(t.Context(), []string{dir}, func(e Entry) bool {
		if e.Kind == EntryDir {
			walked = append(walked, e.Info)
			if e.Path == dir {
				root = e
			}
		}
		return true
	})
	known := func(fi fs.FileInfo) bool {
		return slices.ContainsFunc(walked, func(w fs.FileInfo) bool { return os.SameFile(w, fi) })
	}
	if got, _ := walkAll(t, func(fn func(Entry) bool) bool { return WalkChild(t.Context(), root, "loop", known, fn) }); len(got) != 0 {
		t.Errorf("a link to a directory walked before: %q", got)
	}
	if got, _ := walkAll(t, func(fn func(Entry) bool) bool { return WalkChild(t.Context(), root, "sub", nil, fn) }); len(got) != 2 {
		t.Errorf("without known: %q", got)
	}
}

func TestWalkFS_NamesWithPrefix(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte(goodWire)}, "x/b.md": {Data: []byte("# B\n")}, "c.png": {Data: []byte("x")}}
	got, es := walkAll(t, func(fn func(Entry) bool) bool { return WalkFS(t.Context(), fsys, "seeds", fn) })
	if want := []string{"dir seeds", "file seeds/a.txt", "dir seeds/x", "file seeds/x/b.md"}; !slices.Equal(got, want) {
		t.Fatalf("WalkFS: %q, want %q", got, want)
	}
	if r := es[3].Read(Options{}); len(r.Articles) != 1 || r.Articles[0].ID != "seeds/x/b.md" {
		t.Errorf("read %+v", r)
	}
}

func TestIsArticleFile(t *testing.T) {
	for name, want := range map[string]bool{"a.txt": true, "A.MD": true, "b.markdown": true, "c.json": true, ".a.txt": false, "a.txt.tmp": false, "a": false} {
		if got := IsArticleFile(name); got != want {
			t.Errorf("IsArticleFile(%q) = %v", name, got)
		}
	}
}

// A directory large enough to be looked at on several processors is
// walked as it is on one: the same entries, in the same order, with the
// same problems (links followed, a FIFO refused, a dangling link named,
// hidden and foreign files left out).
func TestWalk_ALargeDirectoryOnSeveralProcessors(t *testing.T) {
	dir := t.TempDir()
	for i := range 4 * minLookPart {
		name := filepath.Join(dir, fmt.Sprintf("s%03d.txt", i))
		if err := os.WriteFile(name, []byte("Story\n\nText.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, target := range map[string]string{"link.txt": "s007.txt", "dangling.txt": "missing.txt"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{".hidden.txt", "photo.jpg"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	walk := func(procs int) []string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		got, _ := walkAll(t, func(fn func(Entry) bool) bool {
			return Walk(context.Background(), []string{dir}, fn)
		})
		return got
	}
	one := walk(1)
	if len(one) != 1+4*minLookPart+3 {
		t.Fatalf("on one processor: %d entries, want the directory, %d files, the link, the FIFO and the dangling link", len(one), 4*minLookPart)
	}
	if several := walk(4); !slices.Equal(several, one) {
		t.Errorf("on four processors the walk differs:\n%v\non one:\n%v", several, one)
	}
}

// A file that a walk to read found regular and that is swapped for a
// FIFO, or grows past the limit, before it is read gets the loader's
// error: the read looks at the open file.
func TestWalkToRead_FileChangedBeforeItsRead(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "b.txt": goodWire})
	_, es := walkAll(t, func(fn func(Entry) bool) bool { return WalkToRead(t.Context(), []string{dir}, fn) })
	if len(es) != 3 || es[1].Info != nil || es[2].Info != nil {
		t.Fatalf("entries %+v, want a directory and two files not looked at", es)
	}
	a, b := es[1], es[2]
	if err := os.Remove(a.Path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(a.Path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b.Path, []byte(goodWire+strings.Repeat("x", 2048)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		e    Entry
		want string
	}{{a, "not a regular file (named pipe)"}, {b, "file too large (3 KiB, limit 2 KiB)"}} {
		r := tc.e.Read(Options{MaxSize: 2048})
		if len(r.Articles) != 0 || len(r.Problems) != 1 || r.Problems[0].Message != tc.want {
			t.Errorf("%s read as %+v, want the error %q", tc.e.Path, r, tc.want)
		}
	}
}
