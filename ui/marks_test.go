package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/state"
)

// withStore is a reader on arts at 80×24 keeping its marks in store (a
// fresh memory store if nil) for user "ana".
func withStore(t *testing.T, store state.Store, arts ...article.Article) (*Model, state.Store) {
	t.Helper()
	if store == nil {
		store = state.NewMemory(state.Options{})
		t.Cleanup(func() { store.Close() })
	}
	m := New(Config{Library: library.NewStatic(arts, nil), Style: "dark", Store: store, User: "ana"})
	t.Cleanup(m.Close)
	m = run(t, m, m.Init())
	return drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}), store
}

// stored is what store holds for ana.
func stored(t *testing.T, store state.Store) *state.State {
	t.Helper()
	st, err := store.Load(t.Context(), "ana")
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// rowOf is the list's headline row of the article whose headline starts
// with h.
func rowOf(m *Model, h string) string {
	for _, l := range strings.Split(screenOf(m), "\n") {
		if strings.Contains(l, h) {
			return l
		}
	}
	return ""
}

func TestMarks_OpeningMarksReadAndMToggles(t *testing.T) {
	seed, rich := seedArticle(), richArticle()
	m, store := withStore(t, nil, seed, rich)
	if row := rowOf(m, "Russia Reaffirms"); !strings.Contains(row, "• Russia") {
		t.Fatalf("an unread article has no mark: %q", row)
	}
	// The list starts on the newest (rich); the seed is the second row.
	m = drive(t, m, keys("j", "enter", "esc")...)
	if row := rowOf(m, "Russia Reaffirms"); strings.Contains(row, "•") {
		t.Errorf("an opened article still shows unread: %q", row)
	}
	if st := stored(t, store); !st.Read(seed.ID) || st.Read(rich.ID) {
		t.Errorf("store: seed read %v, rich read %v", st.Read(seed.ID), st.Read(rich.ID))
	}
	m = drive(t, m, press("m"))
	if row := rowOf(m, "Russia Reaffirms"); !strings.Contains(row, "•") || stored(t, store).Read(seed.ID) {
		t.Errorf("m did not mark the article unread: %q", row)
	}
}

func TestMarks_MarkAllShownReadAsksOnce(t *testing.T) {
	m, store := withStore(t, nil, seedArticle(), richArticle())
	m = drive(t, m, press("M"))
	if s := screenOf(m); !contains(s, "Mark 2 articles shown read? y/n") {
		t.Fatalf("M did not ask:\n%s", s)
	}
	if _, cmd := m.Update(press("q")); isQuit(cmd) {
		t.Fatal("q quit while the list asked a question")
	}
	m = drive(t, m, press("n"))
	if len(stored(t, store).Marks) != 0 || contains(screenOf(m), "y/n") {
		t.Fatal("n still marked, or the question stayed")
	}
	m = drive(t, m, press("M"), press("y"))
	st := stored(t, store)
	if !st.Read(seedArticle().ID) || !st.Read(richArticle().ID) || !contains(screenOf(m), "Marked 2 articles read") {
		t.Errorf("y did not mark everything shown read:\n%s", screenOf(m))
	}
	m = drive(t, m, press("M"))
	if !contains(screenOf(m), "Everything shown is read already") {
		t.Errorf("M with nothing unread asked anyway:\n%s", screenOf(m))
	}
}

func TestMarks_BookmarksInTheListAndTheReader(t *testing.T) {
	seed := seedArticle()
	m, store := withStore(t, nil, seed)
	m = drive(t, m, press("b"))
	if row := rowOf(m, "Russia Reaffirms"); !strings.Contains(row, "★ Russia") || !stored(t, store).Bookmarked(seed.ID) {
		t.Fatalf("b did not bookmark: %q", row)
	}
	m = drive(t, m, press("enter"))
	if lines := strings.Split(screenOf(m), "\n"); !strings.Contains(lines[len(lines)-2], "★") {
		t.Errorf("the reader's footer does not say bookmarked: %q", lines[len(lines)-2])
	}
	m = drive(t, m, press("B"))
	if stored(t, store).Bookmarked(seed.ID) {
		t.Error("B in the reader did not remove the bookmark")
	}
	if _, cmd := m.Update(press("b")); readerOf(t, m).vp.YOffset() != 0 || cmd != nil && stored(t, store).Bookmarked(seed.ID) {
		t.Error("b in the reader is not page up")
	}
}

func TestMarks_ViewCyclesAllUnreadBookmarked(t *testing.T) {
	seed, rich := seedArticle(), richArticle()
	m, _ := withStore(t, nil, seed, rich)
	m = drive(t, m, keys("enter", "esc", "j", "b")...) // rich read, seed bookmarked
	m = drive(t, m, press("u"))
	if s := screenOf(m); !contains(s, "unread only") || shown(m) != 1 || selectedAt(m, 0) != string(seed.ID) {
		t.Errorf("unread view:\n%s", s)
	}
	m = drive(t, m, press("u"))
	if s := screenOf(m); !contains(s, "bookmarked only") || shown(m) != 1 || selectedAt(m, 0) != string(seed.ID) {
		t.Errorf("bookmarked view:\n%s", s)
	}
	m = drive(t, m, press("u"))
	if s := screenOf(m); contains(s, "only") || shown(m) != 2 {
		t.Errorf("back to all:\n%s", s)
	}
}

func TestMarks_NewReactionsCountedInTheListAndMarkedOnCards(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	write := func(names ...string) {
		t.Helper()
		var b strings.Builder
		b.WriteString("Talks Resume\n\nPARIS, March 1, 2026 (AP) — Text.\n\nReactions\n\n")
		for _, n := range names {
			fmt.Fprintf(&b, "%s, Analyst: \"Quote of %s.\"\n\n", n, n)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Ann Lee", "Bo Chan")
	lib := library.New(library.Options{Paths: []string{dir}})
	<-lib.Start(t.Context())
	m := New(Config{Library: lib, Style: "dark", User: "ana"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40}, snapshotMsg{lib.Snapshot()})
	m = drive(t, m, keys("enter", "esc")...)
	if row := rowOf(m, "reactions"); contains(row, "new") {
		t.Fatalf("reactions seen when opened count as new: %q", row)
	}
	write("Ann Lee", "Bo Chan", "Cy Dee")
	<-lib.Reload(t.Context())
	m = drive(t, m, snapshotMsg{lib.Snapshot()})
	if s := screenOf(m); !contains(s, "3 reactions · 1 new") {
		t.Fatalf("the list does not count the new reaction:\n%s", s)
	}
	m = drive(t, m, press("r"))
	if s := screenOf(m); !contains(s, "3 · new") || contains(s, "1 · new") || contains(s, "2 · new") {
		t.Errorf("the new reaction's card is not marked, or old ones are:\n%s", s)
	}
	m = drive(t, m, press("esc"))
	if s := screenOf(m); contains(s, "1 new") {
		t.Errorf("the count stayed after the panel was opened:\n%s", s)
	}
}

func TestMarks_StartAgainWhereTheUserLeft(t *testing.T) {
	seed, rich := seedArticle(), richArticle()
	store := state.NewMemory(state.Options{})
	t.Cleanup(func() { store.Close() })
	ctx := t.Context()
	if err := store.SetListView(ctx, "ana", state.ListView{Sort: "headline", View: "all"}); err != nil {
		t.Fatal(err)
	}
	if err := store.SetPosition(ctx, "ana", state.Position{Article: rich.ID, Open: true, Scroll: 5}); err != nil {
		t.Fatal(err)
	}
	m, _ := withStore(t, store, seed, rich)
	if listSorts[m.list.sort] != library.ByHeadline {
		t.Errorf("sort not restored: %s", listSorts[m.list.sort])
	}
	r := readerOf(t, m)
	if r.sum.ID != rich.ID || r.vp.YOffset() != 5 {
		t.Errorf("reader reopened on %s at %d, want %s at 5", r.sum.ID, r.vp.YOffset(), rich.ID)
	}
	m = drive(t, m, keys("j", "j", "esc")...)
	m.quit()
	run(t, m, m.c.marks.flush())
	if p := stored(t, store).Position; p.Article != rich.ID || p.Open {
		t.Errorf("position after leaving the reader: %+v", p)
	}
}

func TestMarks_NothingRememberedStaysOnTheTopRow(t *testing.T) {
	m, _ := withStore(t, nil, seedArticle(), richArticle())
	if !onTop[*listScreen](m) || m.list.pg.index() != 0 {
		t.Errorf("with nothing remembered the cursor is at %d on %T", m.list.pg.index(), m.top())
	}
}

// failingStore fails its first writes.
type failingStore struct {
	state.Store
	fails atomic.Int32
}

func (f *failingStore) MarkRead(ctx context.Context, user string, ids ...article.ID) error {
	if f.fails.Add(-1) >= 0 {
		return errors.New("disk full")
	}
	return f.Store.MarkRead(ctx, user, ids...)
}

func TestMarks_AFailingWriteIsSaidOnceAndTriedAgain(t *testing.T) {
	inner := state.NewMemory(state.Options{})
	t.Cleanup(func() { inner.Close() })
	f := &failingStore{Store: inner}
	f.fails.Store(2)
	m, _ := withStore(t, f, seedArticle())
	m = drive(t, m, press("enter"))
	if s := screenOf(m); !contains(s, "Could not save your marks (trying again): disk full") {
		t.Fatalf("the failure is not said:\n%s", s)
	}
	m = drive(t, m, press("j"), retryMsg{})
	if s := screenOf(m); contains(s, "Could not save") {
		t.Errorf("a second failure in a row was said again:\n%s", s)
	}
	m = drive(t, m, retryMsg{})
	if !stored(t, inner).Read(seedArticle().ID) {
		t.Error("the mark was lost after the store failed twice")
	}
}

func TestMarks_SpaceAtTheEndGoesToTheNextUnread(t *testing.T) {
	a, b, c := seedArticle(), seedArticle(), seedArticle()
	b.ID, b.Path, b.Headline, b.Date = "b.txt", "b.txt", "Second Story", "Jan 3"
	c.ID, c.Path, c.Headline, c.Date = "c.txt", "c.txt", "Third Story", "Jan 2"
	a.Date = "Jan 4"
	m, _ := withStore(t, nil, a, b, c)
	m = drive(t, m, keys("j", "j", "enter", "esc", "g", "enter", "G")...) // the third read, the first open at its end
	m = drive(t, m, press("space"))
	if r := readerOf(t, m); r.sum.ID != b.ID {
		t.Fatalf("space at the end opened %s, want the next unread %s", r.sum.ID, b.ID)
	}
	m = drive(t, m, press("G"), press("space"))
	if r := readerOf(t, m); r.sum.ID != b.ID || !contains(screenOf(m), "No more unread articles") {
		t.Errorf("space at the end of the last unread: on %s\n%s", r.sum.ID, screenOf(m))
	}
}
