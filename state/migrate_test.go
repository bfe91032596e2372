package state

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// migrate2 is a test-only version 2: a column added to marks and a table
// filled from existing rows, as a real next version might do.
func migrate2(ctx context.Context, tx *sql.Tx) error {
	return execAll(ctx, tx,
		`ALTER TABLE marks ADD COLUMN note TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE read_count (user INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT`,
		`INSERT INTO read_count SELECT user, count(*) FROM marks WHERE read = 1 GROUP BY user`,
	)
}

// atVersion makes a file at schema version v of list, with the data
// version v can hold; version 0 is an empty file.
func atVersion(t *testing.T, path string, list []migration, v int) {
	t.Helper()
	if v == 0 {
		must(t, os.WriteFile(path, nil, 0o600))
		return
	}
	s, err := open(context.Background(), path, Options{}, list[:v], nil)
	must(t, err)
	defer s.Close()
	// Version 1 has every table the store writes.
	ctx := context.Background()
	must(t, s.MarkRead(ctx, "ana", "a", "b"))
	must(t, s.SetBookmark(ctx, "ana", "b", true))
	must(t, s.SetSeen(ctx, "ana", "a", []ReactionKey{NewReactionKey("Lee", "q")}))
	must(t, s.SetPosition(ctx, "ana", Position{Article: "b", Open: true, Scroll: 9}))
	must(t, s.SetListView(ctx, "ana", ListView{Sort: "date", View: "unread"}))
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	must(t, err)
	defer db.Close()
	var v int
	must(t, db.QueryRow("PRAGMA user_version").Scan(&v))
	return v
}

// TestMigrateFromEveryVersion opens a file of every earlier version with
// the released schema and with a test-only version 2 after it: each ends
// at the newest version with its data intact.
func TestMigrateFromEveryVersion(t *testing.T) {
	for _, list := range [][]migration{migrations, append(migrations[:len(migrations):len(migrations)], migrate2)} {
		for v := 0; v < len(list); v++ {
			path := filepath.Join(t.TempDir(), "state.db")
			atVersion(t, path, list, v)
			s, err := open(context.Background(), path, Options{}, list, nil)
			if err != nil {
				t.Fatalf("from version %d to %d: %v", v, len(list), err)
			}
			st := mustLoad(t, s, "ana")
			if v >= 1 {
				if !st.Read("a") || !st.Bookmarked("b") || !st.Seen("a").Has(NewReactionKey("Lee", "q")) ||
					st.Position != (Position{Article: "b", Open: true, Scroll: 9}) || st.ListView.View != "unread" {
					t.Errorf("from version %d to %d: data lost: %s %+v", v, len(list), marksOf(st), st)
				}
			}
			if len(list) == 2 {
				var n int
				err := s.h.QueryRowContext(context.Background(), "SELECT coalesce(sum(n), 0) FROM read_count").Scan(&n)
				if err != nil || (v >= 1 && n != 2) {
					t.Errorf("from version %d: version 2 did not run over the data: %d, %v", v, n, err)
				}
			}
			s.Close()
			if got := userVersion(t, path); got != len(list) {
				t.Errorf("from version %d: at version %d, want %d", v, got, len(list))
			}
		}
	}
}

// TestFailedMigrationChangesNothing: a migration that fails half way
// leaves the file at its old version with its data, and the error names
// the file and the step.
func TestFailedMigrationChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	atVersion(t, path, migrations, 1)
	broken := func(ctx context.Context, tx *sql.Tx) error {
		if err := migrate2(ctx, tx); err != nil {
			return err
		}
		return errors.New("disk on fire")
	}
	_, err := open(context.Background(), path, Options{}, append(migrations[:1:1], broken), nil)
	var oe *OpenError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), path) ||
		!strings.Contains(err.Error(), "upgrading the schema from version 1 to 2: disk on fire") {
		t.Fatalf("error %v", err)
	}
	if v := userVersion(t, path); v != 1 {
		t.Fatalf("version %d after a failed migration", v)
	}
	s, err := Open(path, Options{})
	must(t, err)
	defer s.Close()
	if st := mustLoad(t, s, "ana"); !st.Read("a") || !st.Bookmarked("b") {
		t.Fatalf("data lost: %s", marksOf(st))
	}
	var n int
	must(t, s.h.QueryRowContext(context.Background(), "SELECT count(*) FROM sqlite_schema WHERE name = 'read_count'").Scan(&n))
	if n != 0 {
		t.Fatal("half a migration was kept")
	}
}

// A file of the newest version is refused by a store that knows one less,
// which is what an older newsdesk does with a newer file.
func TestOlderStoreRefusesNewerFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	atVersion(t, path, append(migrations[:1:1], migrate2), 2)
	before, err := os.ReadFile(path)
	must(t, err)
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "schema version 2; this newsdesk reads up to 1") {
		t.Fatalf("error %v", err)
	}
	after, err := os.ReadFile(path)
	must(t, err)
	if string(before) != string(after) {
		t.Fatal("the newer file was changed")
	}
}
