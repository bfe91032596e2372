//go:build unix

package server

import (
	"os"
	"syscall"
)

// openNoDelay opens path for reading without waiting for a FIFO's writer
// (O_NONBLOCK) and without making a terminal the process's controlling
// terminal (O_NOCTTY). For a regular file O_NONBLOCK changes nothing.
func openNoDelay(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}
