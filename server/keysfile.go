package server

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// maxKeysFileSize bounds the authorized keys file: 1 MiB holds about
// 10,000 ed25519 keys (OpenSSH sets no limit; a line is at most 8 KiB).
const maxKeysFileSize = 1 << 20

// readKeysFile reads the authorized keys file by the library loader's
// rules: a regular file once symbolic links are followed, and no larger
// than maxKeysFileSize, with the loader's messages. A FIFO would block the
// read (and so every later reload) for good, a device such as /dev/zero
// would never end; neither is opened for reading.
//
// The rules are the loader's (article's notRegular, tooLarge and
// sizeText). article.ReadFile applies them but reads an article (its
// format from the extension, an empty file an error) and the helpers are
// unexported; these small copies keep the messages the same until
// article exports them.
func readKeysFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if msg := notRegularFile(fi); msg != "" {
		return nil, fmt.Errorf("%s: %s", path, msg)
	}
	if fi.Size() > maxKeysFileSize {
		return nil, fmt.Errorf("%s: %s", path, fileTooLarge(fi.Size(), maxKeysFileSize))
	}
	// The path may have become a FIFO since the Stat: openNoDelay does
	// not wait for a writer, and the open file is checked again.
	f, err := openNoDelay(path)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read only
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if msg := notRegularFile(fi); msg != "" {
		return nil, fmt.Errorf("%s: %s", path, msg)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeysFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxKeysFileSize {
		return nil, fmt.Errorf("%s: %s", path, fileTooLarge(int64(len(data)), maxKeysFileSize))
	}
	return data, nil
}

// notRegularFile names what kind of non-regular file fi is, or "" for a
// regular file (article's notRegular).
func notRegularFile(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m&fs.ModeNamedPipe != 0:
		return "not a regular file (named pipe)"
	case m&fs.ModeSocket != 0:
		return "not a regular file (socket)"
	case m&fs.ModeDevice != 0:
		return "not a regular file (device)"
	case m.IsDir():
		return "is a directory"
	default:
		return "not a regular file"
	}
}

// fileTooLarge is the message for a file over the limit, e.g. "file too
// large (2 MiB, limit 1 MiB)" (article's tooLarge).
func fileTooLarge(size, limit int64) string {
	const kib, mib = 1 << 10, 1 << 20
	text := func(n int64) string {
		switch {
		case n >= mib:
			return fmt.Sprintf("%d MiB", (n+mib-1)/mib)
		case n >= kib:
			return fmt.Sprintf("%d KiB", (n+kib-1)/kib)
		}
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("file too large (%s, limit %s)", text(size), text(limit))
}
