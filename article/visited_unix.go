//go:build unix

package article

import (
	"io/fs"
	"syscall"
)

// fileID identifies a directory by device and inode, whatever path led to
// it.
type fileID struct{ dev, ino uint64 }

// visitedSet remembers the directories a load has walked, so that a
// symbolic link loop (or a second link to the same directory) is not
// walked again.
type visitedSet map[fileID]struct{}

func newVisitedSet() visitedSet { return visitedSet{} }

// add records fi and reports whether it was new. Directories without an
// inode (an embedded FS) cannot loop and are always new.
func (v visitedSet) add(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	id := fileID{uint64(st.Dev), uint64(st.Ino)}
	if _, seen := v[id]; seen {
		return false
	}
	v[id] = struct{}{}
	return true
}
