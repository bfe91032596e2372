package server

import (
	"path/filepath"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/newsdesk/newsdesk/search"
)

// TestServe_SessionsSearchOneIndex: every session searches the server's
// one index; two at once find the seed by a phrase from its body.
func TestServe_SessionsSearchOneIndex(t *testing.T) {
	var x *search.Index
	ts := startServer(t, func(c *Config) {
		var err error
		if x, err = search.Open(filepath.Join(t.TempDir(), search.FileName), search.Options{}); err != nil {
			t.Fatal(err)
		}
		if err := x.Sync(t.Context(), c.Library, c.Library.Snapshot(), nil); err != nil {
			t.Fatal(err)
		}
		c.Index, c.Indexing = x, &search.Progress{}
	})
	t.Cleanup(func() { x.Close() })
	var readers []*client
	for range 2 {
		c := openReader(t, ts.addr, 100, 30, gossh.PublicKeys(ts.key))
		waitText(t, c.out, 0, "Russia Reaffirms")
		readers = append(readers, c)
	}
	for _, c := range readers {
		offset := c.out.Len()
		c.send(t, "S")
		waitText(t, c.out, offset, "Type something to search for")
		c.send(t, `"multipolar world"`)
	}
	for _, c := range readers {
		waitText(t, c.out, 0, "1 result")
		c.send(t, "\x03") // ctrl+c
		if code := c.exit(t); code != 0 {
			t.Errorf("session exited %d", code)
		}
	}
}
