//go:build !unix

package server

import "os"

// openNoDelay opens path for reading (there are no FIFOs to wait for
// outside Unix).
func openNoDelay(path string) (*os.File, error) {
	return os.Open(path)
}
