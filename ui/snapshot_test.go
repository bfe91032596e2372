package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
)

// dirLibrary is a library over a temporary directory; add writes a wire
// article dated day of March 2026 and reloads, returning the new snapshot.
type dirLibrary struct {
	t   *testing.T
	dir string
	lib *library.Library
}

func newDirLibrary(t *testing.T) *dirLibrary {
	d := &dirLibrary{t: t, dir: t.TempDir()}
	d.lib = library.New(library.Options{Paths: []string{d.dir}})
	return d
}

func (d *dirLibrary) add(name string, day int) *library.Snapshot {
	d.t.Helper()
	body := fmt.Sprintf("Story %s\n\nPARIS, March %d, 2026 (AP) — Text.\n", name, day)
	if err := os.WriteFile(filepath.Join(d.dir, name+".txt"), []byte(body), 0o644); err != nil {
		d.t.Fatal(err)
	}
	<-d.lib.Reload(d.t.Context())
	return d.lib.Snapshot()
}

// top is the headline under the list's cursor.
func (m *Model) selectedHeadline() string {
	if s := m.list.selected(); s != nil {
		return s.Headline
	}
	return ""
}

func TestList_CursorStaysOnTheTopRowWhileTheFirstLoadStreamsIn(t *testing.T) {
	dir := t.TempDir()
	// Written oldest first, so that the newest arrive late.
	for i := range 60 {
		body := fmt.Sprintf("Story %02d\n\nPARIS, March %d, 2026 (AP) — Text.\n", i, 1+i%28)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib := library.New(library.Options{Paths: []string{dir}, PublishEvery: time.Microsecond})
	m := New(Config{Library: lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	done := lib.Start(ctx)
	snaps := 0
	for s := m.c.snap; ; {
		s, err := lib.Wait(ctx, s.Gen())
		if err != nil {
			t.Fatal(err)
		}
		snaps++
		m = drive(t, m, snapshotMsg{s})
		newest := s.At(int(s.Order(library.ByDate)[0])).Headline
		if m.list.pg.index() != 0 || m.selectedHeadline() != newest {
			t.Fatalf("snapshot %d (%d articles): cursor at %d on %q, want the top row (%q)",
				snaps, s.Len(), m.list.pg.index(), m.selectedHeadline(), newest)
		}
		if !s.Loading() {
			break
		}
	}
	<-done
	t.Logf("the first load came in %d snapshots", snaps)
	if n := m.c.fresh.count(); n != 0 {
		t.Errorf("%d articles of the first load are marked new", n)
	}
}

func TestList_AfterTheFirstLoadTheCursorStaysOnItsArticle(t *testing.T) {
	d := newDirLibrary(t)
	d.add("a", 1)
	d.add("b", 2)
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	// A newer article arrives at the top: the user, who has not moved,
	// is still on the article they were looking at.
	m = drive(t, m, snapshotMsg{d.add("c", 3)})
	if m.list.pg.index() != 1 || m.selectedHeadline() != "Story b" {
		t.Fatalf("after c arrived: cursor at %d on %q, want Story b", m.list.pg.index(), m.selectedHeadline())
	}
	// Moved, the same.
	m = drive(t, m, press("j"))
	want := m.selectedHeadline()
	m = drive(t, m, snapshotMsg{d.add("e", 10)})
	if m.selectedHeadline() != want || m.list.pg.index() != 3 {
		t.Errorf("after a new article: cursor at %d on %q, want %q", m.list.pg.index(), m.selectedHeadline(), want)
	}
}

func TestSessions_ShareOneSnapshotAndItsOrders(t *testing.T) {
	lib := library.NewStatic(sampleLibrary(50), nil)
	a := drive(t, New(Config{Library: lib}), tea.WindowSizeMsg{Width: 80, Height: 24})
	b := drive(t, New(Config{Library: lib}), tea.WindowSizeMsg{Width: 120, Height: 40})
	if a.c.snap != b.c.snap {
		t.Fatal("two readers of one library hold different snapshots")
	}
	if &a.list.view[0] != &b.list.view[0] || &a.list.view[0] != &lib.Snapshot().Order(library.ByDate)[0] {
		t.Error("a reader copied the snapshot's order instead of sharing it")
	}
}

func TestReader_AnEditedFileIsReadAgainNotShownFromTheCache(t *testing.T) {
	d := newDirLibrary(t)
	d.add("a", 1)
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, snapshotMsg{d.lib.Snapshot()}, press("enter"))
	if !contains(screenOf(m), "Text.") {
		t.Fatalf("not shown:\n%s", screenOf(m))
	}
	m = drive(t, m, press("esc"))
	p := filepath.Join(d.dir, "a.txt")
	body := "Story a\n\nPARIS, March 1, 2026 (AP) — Edited.\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, press("enter"))
	// The library re-indexed the file when it was read: its snapshot
	// reaches the reader as any snapshot does.
	m = drive(t, m, snapshotMsg{d.lib.Snapshot()})
	if s := screenOf(m); !contains(s, "Edited.") || contains(s, "Text.") {
		t.Errorf("the edited article is shown stale:\n%s", s)
	}
}

func TestFilter_ANewSnapshotKeepsTheCursorWhereTheUserMovedIt(t *testing.T) {
	d := newDirLibrary(t)
	d.add("alpha", 1)
	d.add("beta", 2)
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, snapshotMsg{d.lib.Snapshot()})
	m = drive(t, m, keys("/", "S", "t", "o", "r", "y", "enter", "j")...)
	want := m.selectedHeadline()
	m = drive(t, m, snapshotMsg{d.add("gamma", 3)})
	if got := m.selectedHeadline(); got != want || m.list.flt.term != "Story" {
		t.Errorf("after a new snapshot under a filter the cursor is on %q, want %q", got, want)
	}
}
