package article

import (
	"io"
	"io/fs"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// openFile opens a file for reading. O_NONBLOCK makes opening a FIFO that
// appeared after the Stat check return at once instead of waiting for a
// writer; it changes nothing for regular files. Tests replace it to
// simulate unreadable files (the CI runs as root, where chmod 000 does not
// stop reads).
//
// The file is a bare descriptor rather than an *os.File: os registers
// every file it opens with the network poller (an epoll_ctl that fails
// for a regular file) and gives it a cleanup, which made opening,
// reading and closing 100,000 articles cost 1.8 cpu-s against 0.9–1.1
// with the same system calls made directly.
var openFile = func(name string) (fs.File, error) {
	var fd int
	err := ignoringEINTR(func() (err error) {
		fd, err = unix.Open(name, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		return err
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &fdFile{fd: fd, name: name}, nil
}

// fdFile is an open file descriptor as an fs.File, for the loader alone:
// one goroutine reads it, then closes it.
type fdFile struct {
	fd   int
	name string
}

// Stat implements fs.File, as os.File.Stat would.
func (f *fdFile) Stat() (fs.FileInfo, error) {
	var st unix.Stat_t
	if err := ignoringEINTR(func() error { return unix.Fstat(f.fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: f.name, Err: err}
	}
	return statInfoOf(filepath.Base(f.name), &st), nil
}

// Read implements fs.File: io.EOF at the end of the file.
func (f *fdFile) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	var n int
	err := ignoringEINTR(func() (err error) {
		n, err = unix.Read(f.fd, b)
		return err
	})
	switch {
	case err != nil:
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

// Close implements fs.File. A descriptor is closed once, whatever close
// says (retrying a close on EINTR may close another file's descriptor).
func (f *fdFile) Close() error {
	if f.fd < 0 {
		return fs.ErrClosed
	}
	err := unix.Close(f.fd)
	f.fd = -1
	if err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}
