package article

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

// loadIDs loads paths and returns each article's ID by its Path as named.
func loadIDs(t *testing.T, paths ...string) map[string]ID {
	t.Helper()
	arts, probs := Collect(Load(context.Background(), paths, Options{}))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	ids := make(map[string]ID)
	for _, a := range arts {
		ids[a.Name()] = a.ID
	}
	return ids
}

// TestLoad_IDIsTheResolvedAbsolutePath: the same file named from two
// working directories, through a link to it, through a link to its
// directory, and in either argument order has one ID; Path stays as named.
func TestLoad_IDIsTheResolvedAbsolutePath(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"real/a.txt":   goodWire,
		"real/b.json":  `[{"headline":"One"},{"headline":"Two"}]`,
		"elsewhere/x/": "/",
	})
	if err := os.Symlink(filepath.Join(root, "real", "a.txt"), filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../real", filepath.Join(root, "elsewhere", "dirlink")); err != nil {
		t.Fatal(err)
	}
	resolved, err := filepath.EvalSymlinks(root)
	if err != nil {
		t.Fatal(err)
	}
	wantA := ID(filepath.Join(resolved, "real", "a.txt"))
	wantB2 := ID(filepath.Join(resolved, "real", "b.json") + "#2")

	t.Chdir(root)
	fromRoot := loadIDs(t, "real/a.txt", "link.txt", "real/b.json")
	t.Chdir(filepath.Join(root, "elsewhere", "x"))
	fromX := loadIDs(t, "../dirlink/b.json", "../../real/./a.txt", "../dirlink")
	reversed := loadIDs(t, "../dirlink", "../../real/./a.txt", "../dirlink/b.json")

	for name, got := range map[string]ID{
		"real/a.txt (from root)":        fromRoot["real/a.txt"],
		"link.txt (a link to the file)": fromRoot["link.txt"],
		"../../real/./a.txt":            fromX["../../real/./a.txt"],
		"../dirlink/a.txt (walked)":     fromX[filepath.Join("..", "dirlink", "a.txt")],
		"reversed arguments":            reversed["../../real/./a.txt"],
	} {
		if got != wantA {
			t.Errorf("%s: ID %q, want %q", name, got, wantA)
		}
	}
	for name, got := range map[string]ID{
		"real/b.json#2 (from root)": fromRoot["real/b.json#2"],
		"../dirlink/b.json#2":       fromX["../dirlink/b.json#2"],
		"walked b.json#2":           reversed[filepath.Join("..", "dirlink", "b.json")+"#2"],
	} {
		if got != wantB2 {
			t.Errorf("%s: ID %q, want %q", name, got, wantB2)
		}
	}
	if len(fromRoot) != 4 || len(fromX) != 4 {
		t.Errorf("articles by name: %v and %v; want Path as named", fromRoot, fromX)
	}
}

func TestLoadFS_IDIsSeedsName(t *testing.T) {
	fsys := fstest.MapFS{"a.txt": {Data: []byte(goodWire)}, "sub/b.json": {Data: []byte(`[{"headline":"B"}]`)}}
	arts, _ := Collect(LoadFS(context.Background(), fsys, "seeds", Options{}))
	if len(arts) != 2 || arts[0].ID != "seeds/a.txt" || arts[1].ID != "seeds/sub/b.json#1" {
		t.Fatalf("IDs %q, %q; want seeds/a.txt, seeds/sub/b.json#1", arts[0].ID, arts[1].ID)
	}
}

// TestLoad_VersionSeesAnEditOfSameSizeAndTime: an edit that keeps the
// file's size and modification time still changes its Version; the same
// bytes in another file have the same Version.
func TestLoad_VersionSeesAnEditOfSameSizeAndTime(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "copy.txt": goodWire})
	mtime := time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	before, _ := Collect(Load(context.Background(), []string{p, filepath.Join(dir, "copy.txt")}, Options{}))
	edited := []byte(goodWire)
	edited[0] = 'J' // "Jeadline Here": same size
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	after, _ := Collect(Load(context.Background(), []string{p}, Options{}))
	if len(before) != 2 || len(after) != 1 {
		t.Fatalf("loaded %d and %d articles", len(before), len(after))
	}
	if !after[0].ModTime.Equal(before[0].ModTime) {
		t.Fatalf("modification time changed: %v, %v", before[0].ModTime, after[0].ModTime)
	}
	if before[0].Version == 0 || after[0].Version == before[0].Version {
		t.Errorf("Version %x before and %x after the edit; want two different ones", before[0].Version, after[0].Version)
	}
	if before[1].Version != before[0].Version || after[0].ID != before[0].ID {
		t.Errorf("same bytes: Version %x and %x; ID %q then %q", before[0].Version, before[1].Version, before[0].ID, after[0].ID)
	}
}

// TestParse_VersionIsStable pins the hash itself: a Version is kept in an
// on-disk index, so it must not change between processes or releases.
func TestParse_VersionIsStable(t *testing.T) {
	arts, _ := Parse("a.json", []byte(`[{"headline":"A"},{"headline":"B"}]`), FormatJSON)
	const want = Version(0x2d7dd9d7a45b3349) // XXH64 of those 35 bytes, seed 0
	if len(arts) != 2 || arts[0].Version != want || arts[1].Version != want {
		t.Fatalf("Versions %x; want both %x", []Version{arts[0].Version, arts[1].Version}, want)
	}
}
