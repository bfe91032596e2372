package state

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

// testClock is a clock the test moves by hand.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

func newClock() *testClock { return &testClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

// openTest opens a file store in a fresh directory, closed at the end.
func openTest(t testing.TB, opts Options) (*SQLite, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "newsdesk", "state.db")
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// stores runs f against a file store and a memory store: the same rules
// hold for both.
func stores(t *testing.T, opts Options, f func(t *testing.T, s *SQLite)) {
	t.Run("file", func(t *testing.T) {
		s, _ := openTest(t, opts)
		f(t, s)
	})
	t.Run("memory", func(t *testing.T) {
		s := NewMemory(opts)
		t.Cleanup(func() { s.Close() })
		f(t, s)
	})
}

func mustLoad(t testing.TB, s Store, user string) *State {
	t.Helper()
	st, err := s.Load(context.Background(), user)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// marksOf is the marks as a sorted printable list, for comparisons.
func marksOf(st *State) string {
	var lines []string
	for id, m := range st.Marks {
		lines = append(lines, fmt.Sprintf("%s read=%v bookmark=%v seen=%d", id, m.Read, m.Bookmarked, m.Seen.Len()))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func TestNewUserLoadsEmpty(t *testing.T) {
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		st := mustLoad(t, s, "ana")
		if st.Marks == nil || len(st.Marks) != 0 || st.Position != (Position{}) || st.ListView != (ListView{}) {
			t.Fatalf("new user: %+v", st)
		}
		if st.Read("a") || st.Bookmarked("a") || st.Seen("a").Len() != 0 {
			t.Fatal("an unknown article has marks")
		}
	})
}

func TestMarkReadAndUnread(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		must(t, s.MarkRead(ctx, "ana", "a.txt", "b.txt", "c.json#2", "a.txt"))
		st := mustLoad(t, s, "ana")
		want := "a.txt read=true bookmark=false seen=0\nb.txt read=true bookmark=false seen=0\nc.json#2 read=true bookmark=false seen=0"
		if got := marksOf(st); got != want {
			t.Fatalf("after MarkRead:\n%s\nwant\n%s", got, want)
		}
		must(t, s.MarkUnread(ctx, "ana", "b.txt", "never-marked"))
		st = mustLoad(t, s, "ana")
		if st.Read("b.txt") || !st.Read("a.txt") || !st.Read("c.json#2") {
			t.Fatalf("after MarkUnread: %s", marksOf(st))
		}
		if _, ok := st.Marks["b.txt"]; ok {
			t.Fatal("an article with no mark left is still stored")
		}
		if _, ok := st.Marks["never-marked"]; ok {
			t.Fatal("MarkUnread created a mark")
		}
		if n := markRows(t, s, "ana"); n != 2 {
			t.Fatalf("%d rows for 2 marks", n)
		}
	})
}

func TestBookmark(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		must(t, s.MarkRead(ctx, "ana", "a"))
		must(t, s.SetBookmark(ctx, "ana", "a", true))
		must(t, s.SetBookmark(ctx, "ana", "b", true))
		st := mustLoad(t, s, "ana")
		if !st.Bookmarked("a") || !st.Read("a") || !st.Bookmarked("b") || st.Read("b") {
			t.Fatalf("after bookmarking: %s", marksOf(st))
		}
		must(t, s.SetBookmark(ctx, "ana", "a", false))
		must(t, s.SetBookmark(ctx, "ana", "b", false))
		st = mustLoad(t, s, "ana")
		if st.Bookmarked("a") || !st.Read("a") {
			t.Fatalf("removing the bookmark touched the read mark: %s", marksOf(st))
		}
		if _, ok := st.Marks["b"]; ok {
			t.Fatal("an article with no mark left is still stored")
		}
	})
}

func TestSeenReactions(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		petrova := NewReactionKey("Dr. Anya Petrova", "This is a reaffirmation.")
		lee := NewReactionKey("Ann Lee", "We were ready.")
		must(t, s.SetSeen(ctx, "ana", "a", []ReactionKey{petrova, lee, petrova}))
		st := mustLoad(t, s, "ana")
		seen := st.Seen("a")
		if seen.Len() != 2 || !seen.Has(petrova) || !seen.Has(lee) {
			t.Fatalf("seen %d, petrova %v, lee %v", seen.Len(), seen.Has(petrova), seen.Has(lee))
		}
		if st.Read("a") {
			t.Fatal("seeing reactions marked the article read")
		}
		edited := NewReactionKey("Dr. Anya Petrova", "This is a reaffirmation, not a change.")
		other := NewReactionKey("Ann Lee", "This is a reaffirmation.")
		if n := seen.CountNew([]ReactionKey{lee, edited, petrova, other}); n != 2 {
			t.Fatalf("%d new of 4 with 2 seen", n)
		}
		if n := (Seen{}).CountNew([]ReactionKey{lee, edited}); n != 2 {
			t.Fatalf("nothing seen: %d new of 2", n)
		}
		if seen.Has(edited) {
			t.Fatal("an edited quote counts as seen")
		}
		if seen.Has(other) {
			t.Fatal("another commentator's identical quote counts as seen")
		}

		// Seen replaces: the set is what the article has now.
		must(t, s.SetSeen(ctx, "ana", "a", []ReactionKey{edited}))
		seen = mustLoad(t, s, "ana").Seen("a")
		if seen.Len() != 1 || !seen.Has(edited) || seen.Has(petrova) {
			t.Fatalf("after replacing: %d", seen.Len())
		}
		must(t, s.SetSeen(ctx, "ana", "a", nil))
		if _, ok := mustLoad(t, s, "ana").Marks["a"]; ok {
			t.Fatal("an article with no mark left is still stored")
		}
	})
}

func TestSeenBounds(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		long := strings.Repeat("é", 300) // 600 bytes: clipped to 254 at a character boundary
		keys := []ReactionKey{{Name: long, Quote: 1}}
		for i := range MaxSeenKeys + 10 {
			keys = append(keys, ReactionKey{Name: "n", Quote: uint64(i + 100)})
		}
		must(t, s.SetSeen(ctx, "ana", "a", keys))
		seen := mustLoad(t, s, "ana").Seen("a")
		if seen.Len() != MaxSeenKeys {
			t.Fatalf("%d keys kept, limit %d", seen.Len(), MaxSeenKeys)
		}
		if !seen.Has(ReactionKey{Name: long, Quote: 1}) {
			t.Fatal("a clipped name is not found by its full name")
		}
		if !seen.Has(keys[MaxSeenKeys-1]) || seen.Has(keys[MaxSeenKeys]) {
			t.Fatal("the first MaxSeenKeys keys are not the ones kept")
		}
		// A caller mirroring the write in its State gets the same set.
		mirror := NewSeen(keys...)
		if mirror.Len() != seen.Len() || !slices.Equal(mirror.digests, seen.digests) {
			t.Fatalf("NewSeen keeps %d keys, the store %d", mirror.Len(), seen.Len())
		}
	})
}

func TestPositionAndListView(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		p := Position{Article: "news/2024/a.md", Open: true, Scroll: 137}
		must(t, s.SetPosition(ctx, "ana", p))
		must(t, s.SetListView(ctx, "ana", ListView{Sort: "date", View: "unread"}))
		st := mustLoad(t, s, "ana")
		if st.Position != p || st.ListView != (ListView{Sort: "date", View: "unread"}) {
			t.Fatalf("got %+v %+v", st.Position, st.ListView)
		}
		if len(st.Marks) != 0 {
			t.Fatal("a position is counted as a mark")
		}
		must(t, s.SetPosition(ctx, "ana", Position{Article: "b"}))
		if st := mustLoad(t, s, "ana"); st.Position != (Position{Article: "b"}) {
			t.Fatalf("position not replaced: %+v", st.Position)
		}
	})
}

func TestUsersAreSeparate(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		must(t, s.MarkRead(ctx, "SHA256:aaa", "a"))
		must(t, s.SetBookmark(ctx, "SHA256:bbb", "b", true))
		must(t, s.SetPosition(ctx, "SHA256:bbb", Position{Article: "b", Scroll: 3}))
		a, b := mustLoad(t, s, "SHA256:aaa"), mustLoad(t, s, "SHA256:bbb")
		if !a.Read("a") || a.Bookmarked("b") || a.Position != (Position{}) {
			t.Fatalf("aaa: %s %+v", marksOf(a), a.Position)
		}
		if b.Read("a") || !b.Bookmarked("b") || b.Position.Scroll != 3 {
			t.Fatalf("bbb: %s %+v", marksOf(b), b.Position)
		}
	})
}

func TestInvalidInputIsRefused(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		long := article.ID(strings.Repeat("x", MaxIDLen+1))
		for name, err := range map[string]error{
			"empty user":     s.MarkRead(ctx, "", "a"),
			"long user":      s.MarkRead(ctx, strings.Repeat("u", MaxUserLen+1), "a"),
			"empty id":       s.MarkRead(ctx, "ana", "a", ""),
			"long id":        s.SetBookmark(ctx, "ana", long, true),
			"long seen id":   s.SetSeen(ctx, "ana", long, nil),
			"long position":  s.SetPosition(ctx, "ana", Position{Article: long}),
			"long sort":      s.SetListView(ctx, "ana", ListView{Sort: strings.Repeat("s", MaxListNameLen+1)}),
			"non-UTF-8 view": s.SetListView(ctx, "ana", ListView{View: "\xff"}),
		} {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%s: %v, want ErrInvalid", name, err)
			}
		}
		if _, err := s.Load(ctx, ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("Load of an empty user: %v", err)
		}
		// A refused call changes nothing, not even the valid ids in it.
		if st := mustLoad(t, s, "ana"); len(st.Marks) != 0 {
			t.Fatalf("a refused write left marks: %s", marksOf(st))
		}
	})
}

// markRows counts the user's rows in the marks table and checks the
// trigger-kept count agrees.
func markRows(t testing.TB, s *SQLite, user string) int {
	t.Helper()
	var rows, kept int
	err := s.h.QueryRowContext(context.Background(),
		"SELECT (SELECT count(*) FROM marks WHERE user = users.id), marks FROM users WHERE name = ?", user).Scan(&rows, &kept)
	if err != nil {
		t.Fatal(err)
	}
	if rows != kept {
		t.Fatalf("%d marks rows, users.marks says %d", rows, kept)
	}
	return rows
}

// Article IDs are paths: any bytes a file name can hold come back as
// they went in, and a user name is opaque bytes too.
func TestIDsKeepTheirBytes(t *testing.T) {
	ctx := context.Background()
	ids := []article.ID{"bad\xffname.txt", "dir/ä/日本.md", "a\x00b", "wires.json#3", "'; DROP TABLE marks; --", article.ID(strings.Repeat("p", MaxIDLen))}
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		const user = "SHA256:\xfe\x00user"
		must(t, s.MarkRead(ctx, user, ids...))
		must(t, s.SetPosition(ctx, user, Position{Article: ids[0]}))
		st := mustLoad(t, s, user)
		for _, id := range ids {
			if !st.Read(id) {
				t.Errorf("%q was not kept as written", id)
			}
		}
		if len(st.Marks) != len(ids) || st.Position.Article != ids[0] {
			t.Errorf("%d marks, position %q", len(st.Marks), st.Position.Article)
		}
		if len(mustLoad(t, s, "SHA256:").Marks) != 0 {
			t.Error("a user name cut at its NUL byte")
		}
	})
}

// A seen set damaged in the file (by hand: the store never writes one)
// counts as nothing seen, and the rest of the state loads.
func TestDamagedSeenSet(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{}, func(t *testing.T, s *SQLite) {
		must(t, s.MarkRead(ctx, "ana", "a", "b"))
		must(t, s.SetSeen(ctx, "ana", "b", []ReactionKey{{Name: "n", Quote: 1}}))
		for _, blob := range [][]byte{{5, 'a', 'b', 'c'}, {1, 'n', 1, 0, 0}, append(encodeSeen([]ReactionKey{{Name: "n", Quote: 1}}), 200)} {
			_, err := s.h.ExecContext(ctx, "UPDATE marks SET seen = ? WHERE article = 'a'", blob)
			must(t, err)
			st := mustLoad(t, s, "ana")
			if !st.Read("a") || st.Seen("a").Len() != 0 || !st.Read("b") || st.Seen("b").Len() != 1 {
				t.Fatalf("seen %x: %s", blob, marksOf(st))
			}
		}
	})
}
