package state

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/newsdesk/newsdesk/article"
)

// benchIDs are n article IDs shaped like a library's: a path inside a
// dated directory tree.
func benchIDs(n int) []article.ID {
	ids := make([]article.ID, n)
	for i := range ids {
		ids[i] = article.ID(fmt.Sprintf("news/%04d/%02d/story-%06d.txt", 2000+i%25, i%12+1, i))
	}
	return ids
}

// benchKeys are k reactions by commentators who recur across articles.
func benchKeys(i, k int) []ReactionKey {
	keys := make([]ReactionKey, k)
	for j := range keys {
		keys[j] = NewReactionKey(fmt.Sprintf("Commentator %d", (i+j)%500), fmt.Sprintf("quote %d of article %d", j, i))
	}
	return keys
}

// fillBench gives user n marks: every article read, one in ten
// bookmarked, each with four reactions seen. It writes straight through
// one transaction: the point is the state, not how fast it is built.
func fillBench(b *testing.B, s *SQLite, user string, n int) []article.ID {
	b.Helper()
	ctx := context.Background()
	ids := benchIDs(n)
	err := s.write(ctx, "fill", user, func(u *userTx) error {
		stmt, err := u.PrepareContext(ctx, `INSERT INTO marks (user, article, read, bookmark, seen, changed) VALUES (?, ?, 1, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, id := range ids {
			if _, err := stmt.ExecContext(ctx, u.id, string(id), i%10 == 0, encodeSeen(benchKeys(i, 4)), u.seq); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ids
}

// BenchmarkMarkRead is one mark written by a store with 10,000 marks for
// the user (the default bound, so every write also checks it): the
// transaction, its commit to the file and the bound.
func BenchmarkMarkRead(b *testing.B) {
	s, _ := openTest(b, Options{})
	ids := fillBench(b, s, "ana", DefaultMaxMarks)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if err := s.MarkRead(ctx, "ana", ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSetSeen is one article's seen reactions (seven) written.
func BenchmarkSetSeen(b *testing.B) {
	s, _ := openTest(b, Options{})
	ids := fillBench(b, s, "ana", DefaultMaxMarks)
	keys := benchKeys(1, 7)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if err := s.SetSeen(ctx, "ana", ids[i%len(ids)], keys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkReadMemory is the same write on the memory store.
func BenchmarkMarkReadMemory(b *testing.B) {
	s := NewMemory(Options{})
	defer s.Close()
	ids := fillBench(b, s, "ana", DefaultMaxMarks)
	ctx := context.Background()
	for i := 0; b.Loop(); i++ {
		if err := s.MarkRead(ctx, "ana", ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad100k loads a user with 100,000 marks (read, one in ten
// bookmarked, four reactions seen each) and reports the state's heap
// size and the database file's size.
func BenchmarkLoad100k(b *testing.B) {
	const n = 100_000
	s, path := openTest(b, Options{Limits: Limits{MaxMarks: -1}})
	fillBench(b, s, "ana", n)
	ctx := context.Background()

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	st := mustLoad(b, s, "ana")
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(st.Marks) != n {
		b.Fatalf("%d marks loaded", len(st.Marks))
	}
	stateMiB := float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	runtime.KeepAlive(st)
	if _, err := s.h.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}

	for b.Loop() {
		if _, err := s.Load(ctx, "ana"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(stateMiB, "state-MiB")
	b.ReportMetric(float64(fi.Size())/(1<<20), "db-MiB")
}

// BenchmarkOpen100k opens (and checks) a file holding 100,000 marks, as a
// reader does at every start.
func BenchmarkOpen100k(b *testing.B) {
	s, path := openTest(b, Options{Limits: Limits{MaxMarks: -1}})
	fillBench(b, s, "ana", 100_000)
	s.Close()
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path, Options{Limits: Limits{MaxMarks: -1}})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkMarkLookup is what the list pays per row shown: one lookup of
// the row's marks in a loaded state of 100,000, and the "K new" count of
// its four reactions.
func BenchmarkMarkLookup(b *testing.B) {
	const n = 100_000
	s := NewMemory(Options{Limits: Limits{MaxMarks: -1}})
	defer s.Close()
	ids := fillBench(b, s, "ana", n)
	st := mustLoad(b, s, "ana")
	keys := make([][]ReactionKey, 1000)
	for i := range keys {
		keys[i] = benchKeys(i, 4)
	}
	newCount := 0
	for i := 0; b.Loop(); i++ {
		newCount += st.Marks[ids[(i*7919)%n]].Seen.CountNew(keys[i%len(keys)])
	}
	if newCount < 0 {
		b.Fatal()
	}
}
