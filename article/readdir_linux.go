package article

import (
	"errors"
	"io/fs"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// readDirAt lists the directory name, its files' Info looking at each
// with fstatat relative to the open directory rather than lstat of its
// whole path: the kernel then resolves one name, not every directory on
// the way, which was a quarter of the walk's time over 100,000 files (a
// warm start stats every file of the library). Directories and links
// keep os's Info, whose FileInfo os.SameFile and the walk's visited set
// know. done closes the directory.
func readDirAt(name string) ([]fs.DirEntry, func(), error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, func() {}, err
	}
	des, err := f.ReadDir(-1)
	fd := int(f.Fd())
	for i, de := range des {
		des[i] = atEntry{DirEntry: de, dirfd: fd, path: name}
	}
	return des, func() { f.Close() }, err
}

// atEntry is a directory entry whose Info is an fstatat in its open
// directory.
type atEntry struct {
	fs.DirEntry
	dirfd int
	path  string // the directory's, for error messages
}

// Info implements fs.DirEntry, as lstat would.
func (e atEntry) Info() (fs.FileInfo, error) {
	if t := e.Type(); t.IsDir() || t&fs.ModeSymlink != 0 {
		return e.DirEntry.Info()
	}
	var st unix.Stat_t
	if err := ignoringEINTR(func() error { return unix.Fstatat(e.dirfd, e.Name(), &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: e.path + "/" + e.Name(), Err: err}
	}
	return statInfoOf(e.Name(), &st), nil
}

// ignoringEINTR is fn's error, fn called again for as long as a signal
// interrupts it (as package os does for its own system calls).
func ignoringEINTR(fn func() error) error {
	for {
		if err := fn(); !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// statInfoOf is the statInfo of st, a stat of the file called name.
func statInfoOf(name string, st *unix.Stat_t) *statInfo {
	sec, nsec := st.Mtim.Unix()
	return &statInfo{name: name, size: st.Size, mode: st.Mode, sec: sec, nsec: nsec}
}

// statInfo is an fs.FileInfo made from a stat, as package os makes one,
// keeping only what FileInfo says (a walk of 100,000 files holds one
// each for a while); Sys is nil.
type statInfo struct {
	name      string
	size      int64
	sec, nsec int64
	mode      uint32
}

func (s *statInfo) Name() string       { return s.name }
func (s *statInfo) Size() int64        { return s.size }
func (s *statInfo) ModTime() time.Time { return time.Unix(s.sec, s.nsec) }
func (s *statInfo) IsDir() bool        { return s.Mode().IsDir() }
func (s *statInfo) Sys() any           { return nil }

// Mode is the file's mode as os.Lstat gives it.
func (s *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(s.mode & 0o777)
	switch s.mode & unix.S_IFMT {
	case unix.S_IFBLK:
		m |= fs.ModeDevice
	case unix.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFDIR:
		m |= fs.ModeDir
	case unix.S_IFIFO:
		m |= fs.ModeNamedPipe
	case unix.S_IFLNK:
		m |= fs.ModeSymlink
	case unix.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if s.mode&unix.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if s.mode&unix.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if s.mode&unix.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
