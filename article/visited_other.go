//go:build !unix

package article

import (
	"io/fs"
	"os"
)

// visitedSet remembers the directories a load has walked, so that a
// symbolic link loop is not walked again. Without inodes it compares with
// os.SameFile.
type visitedSet struct{ seen *[]fs.FileInfo }

func newVisitedSet() visitedSet { return visitedSet{seen: new([]fs.FileInfo)} }

// add records fi and reports whether it was new.
func (v visitedSet) add(fi fs.FileInfo) bool {
	for _, s := range *v.seen {
		if os.SameFile(s, fi) {
			return false
		}
	}
	*v.seen = append(*v.seen, fi)
	return true
}
