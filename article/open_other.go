//go:build !linux

package article

import (
	"io/fs"
	"os"
	"syscall"
)

// openFile opens a file for reading. O_NONBLOCK makes opening a FIFO that
// appeared after the Stat check return at once instead of waiting for a
// writer; it changes nothing for regular files. Tests replace it to
// simulate unreadable files (the CI runs as root, where chmod 000 does not
// stop reads).
var openFile = func(name string) (fs.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
