package state

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/article"
)

func TestLimitsResolved(t *testing.T) {
	for _, tc := range []struct{ in, want Limits }{
		{Limits{}, Limits{MaxMarks: DefaultMaxMarks, MaxIdle: DefaultMaxIdle, MaxUsers: DefaultMaxUsers}},
		{Limits{MaxMarks: -1, MaxIdle: -1, MaxUsers: -1}, Limits{}},
		{Limits{MaxMarks: 5, MaxIdle: time.Hour, MaxUsers: 2}, Limits{MaxMarks: 5, MaxIdle: time.Hour, MaxUsers: 2}},
	} {
		if got := tc.in.resolved(); got != tc.want {
			t.Errorf("%+v: %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// TestMaxMarksDropsOldestFirst: over the bound, the marks changed longest
// ago go first, bookmarks only after every other mark.
func TestMaxMarksDropsOldestFirst(t *testing.T) {
	ctx := context.Background()
	stores(t, Options{Limits: Limits{MaxMarks: 3}}, func(t *testing.T, s *SQLite) {
		must(t, s.MarkRead(ctx, "ana", "a"))
		must(t, s.SetBookmark(ctx, "ana", "b", true))
		must(t, s.MarkRead(ctx, "ana", "c"))
		must(t, s.MarkRead(ctx, "ana", "d")) // a goes
		want := "b read=false bookmark=true seen=0\nc read=true bookmark=false seen=0\nd read=true bookmark=false seen=0"
		if got := marksOf(mustLoad(t, s, "ana")); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		must(t, s.MarkRead(ctx, "ana", "c"))                                      // c is now newer than d
		must(t, s.SetSeen(ctx, "ana", "e", []ReactionKey{{Name: "n", Quote: 1}})) // d goes, not the older bookmark
		want = "b read=false bookmark=true seen=0\nc read=true bookmark=false seen=0\ne read=false bookmark=false seen=1"
		if got := marksOf(mustLoad(t, s, "ana")); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		// One write of more than the bound keeps the bound.
		must(t, s.MarkRead(ctx, "ana", "f", "g", "h", "i"))
		if st := mustLoad(t, s, "ana"); len(st.Marks) != 3 || !st.Bookmarked("b") {
			t.Fatalf("after a large write: %s", marksOf(st))
		}
		if n := markRows(t, s, "ana"); n != 3 {
			t.Fatalf("%d rows", n)
		}
	})
}

// fillRead marks benchIDs(n) read for user, oldest first, in one
// statement: SQLite makes the rows itself, which under the race detector
// is some twenty times faster than n MarkRead arguments, and the test is
// about what the store does next, not about filling it.
func fillRead(t *testing.T, s *SQLite, user string, n int) []article.ID {
	t.Helper()
	ctx := context.Background()
	must(t, s.SetListView(ctx, user, ListView{})) // creates the user
	_, err := s.h.ExecContext(ctx, `WITH RECURSIVE x (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM x WHERE i + 1 < ?2)
		INSERT INTO marks (user, article, read, changed)
		SELECT users.id, printf('news/%04d/%02d/story-%06d.txt', 2000 + i % 25, i % 12 + 1, i), 1, users.seq + i
		FROM x, users WHERE users.name = ?1`, user, n)
	must(t, err)
	_, err = s.h.ExecContext(ctx, "UPDATE users SET seq = seq + ? WHERE name = ?", n, user)
	must(t, err)
	return benchIDs(n)
}

// TestMaxMarksDefault is the real bound: 10,000 marks per user, other
// users untouched; and the same file opened with no limit keeps more.
func TestMaxMarksDefault(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t, Options{})
	must(t, s.MarkRead(ctx, "bob", "x"))
	ids := fillRead(t, s, "ana", DefaultMaxMarks)
	if n := markRows(t, s, "ana"); n != DefaultMaxMarks {
		t.Fatalf("filled %d", n)
	}
	newer := []article.ID{"n1", "n2", "n3"}
	must(t, s.MarkRead(ctx, "ana", newer...))
	st := mustLoad(t, s, "ana")
	if len(st.Marks) != DefaultMaxMarks {
		t.Fatalf("%d marks kept, bound %d", len(st.Marks), DefaultMaxMarks)
	}
	for _, id := range newer {
		if !st.Read(id) {
			t.Fatalf("the newest mark %s was dropped", id)
		}
	}
	for i, id := range ids {
		if st.Read(id) != (i >= len(newer)) {
			t.Fatalf("mark %d of %d (%s) kept: %v", i, len(ids), id, st.Read(id))
		}
	}
	if !mustLoad(t, s, "bob").Read("x") {
		t.Fatal("another user's mark was dropped")
	}
	if n := markRows(t, s, "ana"); n != DefaultMaxMarks {
		t.Fatalf("%d rows", n)
	}

	unlimited, err := Open(path, Options{Limits: Limits{MaxMarks: -1}})
	must(t, err)
	defer unlimited.Close()
	must(t, unlimited.MarkRead(ctx, "ana", "one more"))
	if n := len(mustLoad(t, unlimited, "ana").Marks); n != DefaultMaxMarks+1 {
		t.Fatalf("%d marks with no limit", n)
	}
}

// TestIdleUsersDropped: a user seen (by a write or a Load) within MaxIdle
// stays; one not seen for longer goes, at the next Open or, in a
// long-running store, within pruneEvery.
func TestIdleUsersDropped(t *testing.T) {
	ctx := context.Background()
	clock := newClock()
	opts := Options{Now: clock.now}
	path := filepath.Join(t.TempDir(), "state.db")
	s, err := Open(path, opts)
	must(t, err)
	must(t, s.MarkRead(ctx, "gone", "a"))
	must(t, s.MarkRead(ctx, "writer", "a"))
	must(t, s.MarkRead(ctx, "loader", "a"))
	must(t, s.Close())

	clock.t = clock.t.Add(60 * 24 * time.Hour)
	s, err = Open(path, opts)
	must(t, err)
	must(t, s.SetBookmark(ctx, "writer", "b", true))
	mustLoad(t, s, "loader")
	must(t, s.Close())

	clock.t = clock.t.Add(31 * 24 * time.Hour) // gone: 91 days; the others: 31
	s, err = Open(path, opts)
	must(t, err)
	defer s.Close()
	if n := userCount(t, s); n != 2 {
		t.Fatalf("%d users after Open, want 2", n)
	}
	if mustLoad(t, s, "gone").Read("a") {
		t.Fatal("a user idle for 91 days was kept")
	}
	if !mustLoad(t, s, "writer").Read("a") || !mustLoad(t, s, "loader").Read("a") {
		t.Fatal("a user seen 31 days ago was dropped")
	}

	// Long-running: the same store, 91 days on, drops them within the hour.
	clock.t = clock.t.Add(91*24*time.Hour - time.Minute)
	must(t, s.MarkRead(ctx, "fresh", "a"))
	if n := userCount(t, s); n != 1 {
		t.Fatalf("%d users in a long-running store, want 1", n)
	}
}

func TestMaxUsersDropsLeastRecentlySeen(t *testing.T) {
	ctx := context.Background()
	clock := newClock()
	stores(t, Options{Now: clock.now, Limits: Limits{MaxUsers: 3}}, func(t *testing.T, s *SQLite) {
		for i := range 3 {
			clock.t = clock.t.Add(time.Minute)
			must(t, s.MarkRead(ctx, fmt.Sprintf("u%d", i), "a"))
		}
		clock.t = clock.t.Add(time.Minute)
		mustLoad(t, s, "u0") // u0 is now the most recently seen
		clock.t = clock.t.Add(time.Minute)
		must(t, s.MarkRead(ctx, "u3", "a")) // u1 goes
		for user, want := range map[string]bool{"u0": true, "u1": false, "u2": true, "u3": true} {
			if got := mustLoad(t, s, user).Read("a"); got != want {
				t.Errorf("%s kept: %v, want %v", user, got, want)
			}
		}
		if n := userCount(t, s); n != 3 {
			t.Fatalf("%d users", n)
		}
	})
}

// Looking is not storing: Loads of users that never wrote create nothing.
func TestLoadCreatesNoUser(t *testing.T) {
	s := NewMemory(Options{})
	defer s.Close()
	for i := range 100 {
		mustLoad(t, s, fmt.Sprintf("SHA256:throwaway%d", i))
	}
	if n := userCount(t, s); n != 0 {
		t.Fatalf("%d users from Loads alone", n)
	}
}

func userCount(t *testing.T, s *SQLite) int {
	t.Helper()
	var n int
	must(t, s.h.QueryRowContext(context.Background(), "SELECT count(*) FROM users").Scan(&n))
	return n
}
