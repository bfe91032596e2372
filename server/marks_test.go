package server

import (
	"path/filepath"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/state"
)

// seedID is the bundled article's identity.
const seedID = article.ID("seeds/000_6b8f1c3f41772375.txt")

// openState is a state file for a test server.
func openState(t *testing.T) *state.SQLite {
	t.Helper()
	s, err := state.Open(filepath.Join(t.TempDir(), "state.db"), state.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestServe_EachKeyHasItsOwnMarks: a reader opening the seed marks it read
// for its key only; another key still sees it unread.
func TestServe_EachKeyHasItsOwnMarks(t *testing.T) {
	store := openState(t)
	other := newSigner(t)
	ts := startServer(t, func(c *Config) { c.Public, c.AuthorizedKeysPath, c.Store = true, "", store })
	a := openReader(t, ts.addr, 100, 30, gossh.PublicKeys(ts.key))
	waitText(t, a.out, 0, "• Russia Reaffirms")
	a.send(t, "\r")
	waitText(t, a.out, 0, "Sergei Shoigu")
	who := gossh.FingerprintSHA256(ts.key.PublicKey())
	waitUntil(t, "the read mark in the store", func() bool {
		st, err := store.Load(t.Context(), who)
		return err == nil && st.Read(seedID)
	})
	b := openReader(t, ts.addr, 100, 30, gossh.PublicKeys(other))
	waitText(t, b.out, 0, "• Russia Reaffirms")
	st, err := store.Load(t.Context(), gossh.FingerprintSHA256(other.PublicKey()))
	if err != nil || st.Read(seedID) {
		t.Errorf("another key's reader got the first one's mark: %v %v", st, err)
	}
}

// TestServe_AKeylessVisitorWritesNothing: in --public mode a visitor
// without a key gets marks for the session only; the store never hears of
// them.
func TestServe_AKeylessVisitorWritesNothing(t *testing.T) {
	store := openState(t)
	ts := startServer(t, func(c *Config) { c.Public, c.AuthorizedKeysPath, c.Store = true, "", store })
	kbd := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	c := openReader(t, ts.addr, 100, 30, kbd)
	waitText(t, c.out, 0, "• Russia Reaffirms")
	c.send(t, "\r")
	waitText(t, c.out, 0, "Sergei Shoigu")
	c.send(t, "B") // a bookmark too
	waitText(t, c.out, 0, "Bookmarked")
	c.send(t, "q")
	c.exit(t)
	st, err := store.Load(t.Context(), anonymous)
	if err != nil || len(st.Marks) != 0 || st.Position.Article != "" {
		t.Errorf("the keyless visitor's marks reached the store: %+v %v", st, err)
	}
}
