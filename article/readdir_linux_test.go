package article

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// The entries of readDirAt say what os.Lstat says of each: size, mode,
// time, whatever the kind of file.
func TestReadDirAt_InfoIsLstat(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": goodWire, "sub": "/", "empty.md": ""})
	if err := syscall.Mkfifo(filepath.Join(dir, "p.txt"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.txt", filepath.Join(dir, "l.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "a.txt"), 0o4755); err != nil {
		t.Fatal(err)
	}
	des, done, err := readDirAt(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	if len(des) != 5 {
		t.Fatalf("%d entries", len(des))
	}
	for _, de := range des {
		got, err := de.Info()
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.Lstat(filepath.Join(dir, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if got.Name() != want.Name() || got.Size() != want.Size() || got.Mode() != want.Mode() || !got.ModTime().Equal(want.ModTime()) || got.IsDir() != want.IsDir() {
			t.Errorf("%s: %v %d %v %v, lstat says %v %d %v %v", de.Name(), got.Mode(), got.Size(), got.ModTime(), got.IsDir(), want.Mode(), want.Size(), want.ModTime(), want.IsDir())
		}
	}
	// A file gone between the listing and its look: os's error.
	des, done2, err := readDirAt(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer done2()
	for _, de := range des {
		if de.Name() == "empty.md" {
			os.Remove(filepath.Join(dir, "empty.md"))
			if _, err := de.Info(); !os.IsNotExist(err) {
				t.Errorf("a vanished file: %v", err)
			}
		}
	}
}
