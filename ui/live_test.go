package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/state"
)

// liveTimeout bounds every wait for the watcher: far above the second a
// change takes (the library's BenchmarkLive_* measure that), so that a
// loaded machine running the race detector does not fail the test, while
// a change that never shows still does.
const liveTimeout = 15 * time.Second

// watchedDir is a running reader of a watched temporary directory.
type watchedDir struct {
	t   *testing.T
	dir string
	lib *library.Library
	m   *Model
}

// newWatchedDir writes files (name → content) into a new directory,
// loads it as a watched library and opens a reader of it at w×h.
func newWatchedDir(t *testing.T, w, h int, files map[string]string) *watchedDir {
	t.Helper()
	d := &watchedDir{t: t, dir: t.TempDir()}
	for name, content := range files {
		d.write(name, content)
	}
	d.lib = library.New(library.Options{Paths: []string{d.dir}, Watch: true})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); d.lib.Close() })
	select {
	case <-d.lib.Start(ctx):
	case <-time.After(liveTimeout):
		t.Fatal("the first load did not end")
	}
	d.m = New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(d.m.Close)
	run(t, d.m, d.m.Init())
	drive(t, d.m, tea.WindowSizeMsg{Width: w, Height: h}, snapshotMsg{d.lib.Snapshot()})
	return d
}

// write writes a file at once (a feeder that does not rename).
func (d *watchedDir) write(name, content string) {
	d.t.Helper()
	p := filepath.Join(d.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		d.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		d.t.Fatal(err)
	}
}

// land writes a file under a temporary name and renames it into place,
// as the README tells feeders to.
func (d *watchedDir) land(name, content string) {
	d.t.Helper()
	tmp := filepath.Join(d.dir, ".incoming-"+strings.ReplaceAll(name, "/", "-"))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		d.t.Fatal(err)
	}
	p := filepath.Join(d.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		d.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		d.t.Fatal(err)
	}
}

// follow gives the reader the library's snapshots as a running program
// does (each one the library publishes after the one it holds), until
// cond holds of it; it fails the test if that takes liveTimeout. It
// returns how long that took.
func (d *watchedDir) follow(what string, cond func() bool) time.Duration {
	d.t.Helper()
	start := time.Now()
	ctx, cancel := context.WithTimeout(d.t.Context(), liveTimeout)
	defer cancel()
	for !cond() {
		s, err := d.lib.Wait(ctx, d.m.c.snap.Gen())
		if err != nil {
			d.t.Fatalf("%s: not shown within %s; the screen:\n%s", what, liveTimeout, screenOf(d.m))
		}
		drive(d.t, d.m, snapshotMsg{s})
	}
	return time.Since(start)
}

// onScreen is the condition that the reader's screen shows text.
func (d *watchedDir) onScreen(text string) func() bool {
	return func() bool { return strings.Contains(screenOf(d.m), text) }
}

// wire is a wire article headlined "Story name", dated day of March
// 2026, with the reactions given (each "Name: quote").
func wire(name string, day int, reactions ...string) string {
	s := fmt.Sprintf("Story %s\n\nPARIS, March %d, 2026 (AP) — The text of %s.\n", name, day, name)
	if len(reactions) > 0 {
		s += "Reaction & Analysis\n"
		for _, r := range reactions {
			who, quote, _ := strings.Cut(r, ": ")
			s += fmt.Sprintf("%s, Analyst (Paris): \"%s\"\n", who, quote)
		}
	}
	return s
}

func TestLiveList_ChangesOnDiskShowInTheRunningReader(t *testing.T) {
	d := newWatchedDir(t, 100, 40, map[string]string{
		"a.txt": wire("a", 1),
		"b.txt": wire("b", 2, "Ann Lee: First."),
	})
	if got := d.m.selectedHeadline(); got != "Story b" {
		t.Fatalf("cursor on %q at start, want the newest, Story b", got)
	}
	if s := screenOf(d.m); contains(s, "new ·") {
		t.Fatalf("articles of the first load are marked new:\n%s", s)
	}

	// A new file (renamed into place): at its place in the order (the
	// newest, so first), marked new and counted; the cursor stays on
	// the article the user is on.
	d.land("c.txt", wire("c", 3))
	t.Logf("a new file showed in %v", d.follow("a new file", d.onScreen("Story c")))
	s := screenOf(d.m)
	if got := d.m.selectedHeadline(); got != "Story b" {
		t.Errorf("the cursor left the user's article for %q", got)
	}
	if !contains(s, "3 articles · 1 new") {
		t.Errorf("status bar does not count the new article:\n%s", s)
	}
	if rows := d.m.list.view; len(rows) != 3 || d.m.list.snap.At(int(rows[0])).Headline != "Story c" {
		t.Errorf("the new article is not at its place (first, the newest)")
	}

	// An edit that adds a reaction: the row counts it.
	d.write("b.txt", wire("b", 2, "Ann Lee: First.", "Bo Chan: Second."))
	d.follow("an edited file", func() bool { return contains(rowOf(d.m, "March 2"), "2 reactions") })

	// Looking at the new article makes it not new.
	drive(t, d.m, press("k"))
	if got := d.m.selectedHeadline(); got != "Story c" {
		t.Fatalf("k went to %q, want Story c", got)
	}
	if s := screenOf(d.m); contains(s, "1 new") || contains(s, "new ·") {
		t.Errorf("the article under the cursor is still new:\n%s", s)
	}

	// A subdirectory made later, with files: watched too.
	d.land("later/deeper/d.txt", wire("d", 4))
	d.follow("a file in a new subdirectory", d.onScreen("Story d"))
	d.write("later/deeper/e.txt", wire("e", 5))
	d.follow("a second file in it", d.onScreen("Story e"))
	if s := screenOf(d.m); !contains(s, "5 articles · 2 new") {
		t.Errorf("status bar after two more files:\n%s", s)
	}

	// A rename is the old article gone and a new one: e keeps its
	// place's row, and it is new under its new name.
	if err := os.Rename(filepath.Join(d.dir, "a.txt"), filepath.Join(d.dir, "a-renamed.txt")); err != nil {
		t.Fatal(err)
	}
	d.follow("a renamed file", func() bool {
		s := d.m.c.snap
		for i := range s.Len() {
			if s.At(i).Headline == "Story a" && strings.HasSuffix(s.At(i).Path, "a-renamed.txt") {
				return true
			}
		}
		return false
	})
	if s := screenOf(d.m); !contains(s, "5 articles · 3 new") {
		t.Errorf("status bar after a rename (d, e and the renamed a new):\n%s", s)
	}

	// A removed file: gone from the list, and from the count of new.
	if err := os.Remove(filepath.Join(d.dir, "later", "deeper", "e.txt")); err != nil {
		t.Fatal(err)
	}
	d.follow("a removed file", func() bool { return !contains(screenOf(d.m), "Story e") })
	if got := d.m.selectedHeadline(); got != "Story c" {
		t.Errorf("after a removal the cursor is on %q, want Story c", got)
	}
	if s := screenOf(d.m); !contains(s, "4 articles · 2 new") {
		t.Errorf("status bar after a removal:\n%s", s)
	}
}

func TestLiveList_ABurstOfAThousandFilesIsCoalescedAndLoaded(t *testing.T) {
	d := newWatchedDir(t, 100, 30, map[string]string{"a.txt": wire("a", 1)})
	gen := d.m.c.snap.Gen()
	for i := range 1000 {
		d.land(fmt.Sprintf("burst/%04d.txt", i), wire(fmt.Sprintf("burst %04d", i), 2))
	}
	snaps := 0
	d.follow("1,000 new files", func() bool {
		snaps++
		return d.m.c.snap.Len() == 1001
	})
	if s := screenOf(d.m); !contains(s, "1001 articles · 1000 new") {
		t.Errorf("status bar after the burst:\n%s", s)
	}
	if n := d.m.c.snap.Gen() - gen; n > 100 {
		t.Errorf("1,000 files made %d snapshots; they were not coalesced", n)
	}
	t.Logf("1,000 files: %d snapshots published, %d taken by the reader", d.m.c.snap.Gen()-gen, snaps-1)
	if got := d.m.selectedHeadline(); got != "Story a" {
		t.Errorf("the cursor left the user's article for %q", got)
	}
}

// longWire is a wire article of n paragraphs, each "Paragraph i" and
// then suffix, with the reactions given (as wire's).
func longWire(n int, suffix string, reactions ...string) string {
	var b strings.Builder
	b.WriteString("Story long\n\nPARIS, March 1, 2026 (AP) — The first line.\n")
	for i := range n {
		fmt.Fprintf(&b, "Paragraph %d %s\n", i+1, suffix)
	}
	if len(reactions) > 0 {
		b.WriteString("Reaction & Analysis\n")
		for _, r := range reactions {
			who, quote, _ := strings.Cut(r, ": ")
			fmt.Fprintf(&b, "%s, Analyst (Paris): \"%s\"\n", who, quote)
		}
	}
	return b.String()
}

// rewrite replaces the file at p and dates it later, so that a rescan
// that compares sizes and times sees it changed.
func rewrite(t *testing.T, p, content string, later time.Duration) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Now().Add(later)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
}

// footOf is the reader's footer row (the last but the help).
func footOf(m *Model) string {
	rows := strings.Split(screenOf(m), "\n")
	return rows[len(rows)-2]
}

func TestReader_AnArticleChangedWhileOpenIsRenderedInPlaceKeepingTheScroll(t *testing.T) {
	d := newDirLibrary(t)
	p := filepath.Join(d.dir, "long.txt")
	rewrite(t, p, longWire(80, "as first written.", "Ann Lee: First."), 0)
	<-d.lib.Reload(t.Context())
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, snapshotMsg{d.lib.Snapshot()}, press("enter"),
		press("pgdown"), press("pgdown"))
	r := readerOf(t, m)
	at := r.vp.YOffset()
	before := screenOf(m)
	if at == 0 || !contains(before, "as first written.") {
		t.Fatalf("not scrolled into the article (offset %d):\n%s", at, before)
	}

	rewrite(t, p, longWire(80, "as revised.", "Ann Lee: First.", "Bo Chan: Second."), time.Hour)
	<-d.lib.Reload(t.Context())
	_, cmd := m.Update(snapshotMsg{d.lib.Snapshot()})
	// While the new version is read and rendered, the old text stays on
	// screen where it was: no "Rendering…" flash, no jump.
	if s := screenOf(m); !contains(s, "as first written.") || contains(s, "Rendering") || r.vp.YOffset() != at {
		t.Errorf("while re-rendering (offset %d, want %d):\n%s", r.vp.YOffset(), at, s)
	}
	run(t, m, cmd)
	s := screenOf(m)
	if !contains(s, "as revised.") || contains(s, "as first written.") {
		t.Errorf("the changed article is not shown:\n%s", s)
	}
	if r.vp.YOffset() != at {
		t.Errorf("the scroll moved from %d to %d", at, r.vp.YOffset())
	}
	if !contains(footOf(m), "updated ·") {
		t.Errorf("footer does not say updated: %q", footOf(m))
	}
	// The reaction added while it was open is new in its panel.
	m = drive(t, m, press("r"))
	if s := screenOf(m); !contains(s, "2 · new") || contains(s, "1 · new") {
		t.Errorf("the panel does not mark the added reaction (only) new:\n%s", s)
	}
	// Another article, or the same one again, has no mark.
	m = drive(t, m, press("esc"), press("esc"), press("enter"))
	if contains(footOf(m), "updated") {
		t.Errorf("reopened, the article is still marked updated: %q", footOf(m))
	}
}

func TestReader_AnArticleRemovedWhileOpenStaysReadableUntilClosed(t *testing.T) {
	d := newDirLibrary(t)
	d.add("a", 1)
	p := filepath.Join(d.dir, "long.txt")
	rewrite(t, p, longWire(80, "still here."), 0)
	<-d.lib.Reload(t.Context())
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, snapshotMsg{d.lib.Snapshot()}, press("G"), press("enter"), press("pgdown"))
	if got := readerOf(t, m).sum.Headline; got != "Story long" {
		t.Fatalf("opened %q", got)
	}
	at := readerOf(t, m).vp.YOffset()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	<-d.lib.Reload(t.Context())
	m = drive(t, m, snapshotMsg{d.lib.Snapshot()})
	if s := screenOf(m); !contains(s, "still here.") || readerOf(t, m).vp.YOffset() != at {
		t.Errorf("the removed article is not readable where it was:\n%s", s)
	}
	if !contains(footOf(m), "removed ·") {
		t.Errorf("footer does not say removed: %q", footOf(m))
	}
	m = drive(t, m, press("pgdown"), press("p"))
	if s := screenOf(m); !contains(s, "This article was removed from the library: esc goes back to the list.") {
		t.Errorf("p on a removed article says nothing:\n%s", s)
	}
	m = drive(t, m, press("esc"))
	if s := screenOf(m); contains(s, "Story long") || !contains(s, "Story a") {
		t.Errorf("back in the list, the removed article is still listed:\n%s", s)
	}
}

func TestList_RescanFindsWhatTheLibraryMissedAtMostOnceInAWhile(t *testing.T) {
	d := newDirLibrary(t)
	d.lib = library.New(library.Options{Paths: []string{d.dir}, MinRescan: 30 * time.Second})
	d.add("a", 1)
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 24}, snapshotMsg{d.lib.Snapshot()})

	// A file the library was not told of (not watched here).
	if err := os.WriteFile(filepath.Join(d.dir, "b.txt"), []byte(wire("b", 2)), 0o644); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, press("R"))
	m = drive(t, m, snapshotMsg{d.lib.Snapshot()})
	s := screenOf(m)
	if !contains(s, "Rescanned 2 files: 1 new.") {
		t.Errorf("R does not say what it found:\n%s", s)
	}
	if !contains(rowOf(m, "March 2"), "new ·") {
		t.Errorf("the file found is not listed as new:\n%s", s)
	}
	// A second R within the minimum interval is refused, saying when.
	m = drive(t, m, press("R"))
	if s := screenOf(m); !contains(s, "the next rescan can start in 30 s.") {
		t.Errorf("a second R at once:\n%s", s)
	}
}

func TestList_RescanOfTheBundledArticlesSaysThereIsNothingToDo(t *testing.T) {
	m := newTest(t, 100, 24, seedArticle())
	m = drive(t, m, press("R"))
	if s := screenOf(m); !contains(s, "The bundled articles never change") {
		t.Errorf("R on the bundled articles:\n%s", s)
	}
}

func TestRescanNotice_SaysWhatHappened(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name string
		res  library.Rescanned
		err  error
		want string
	}{
		{"found", library.Rescanned{Started: true, Files: 12, Added: 2, Changed: 1, Removed: 3}, nil,
			"Rescanned 12 files: 2 new, 1 changed, 3 removed."},
		{"nothing", library.Rescanned{Started: true, Files: 1}, nil, "Rescanned 1 file: nothing changed."},
		{"running", library.Rescanned{Running: true}, nil,
			"A rescan is under way already; what it finds will show when it ends."},
		{"too soon", library.Rescanned{Last: now.Add(-12 * time.Second), Next: now.Add(17*time.Second + time.Millisecond)}, nil,
			"The library was rescanned 12 s ago; the next rescan can start in 18 s."},
		{"due any moment", library.Rescanned{Last: now.Add(-30 * time.Second), Next: now.Add(time.Millisecond)}, nil,
			"The library was rescanned 30 s ago; the next rescan can start in 1 s."},
		{"failed", library.Rescanned{Started: true}, errors.New("disk on fire"), "The rescan stopped: disk on fire"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := rescanNotice(tc.res, tc.err, now); got != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestPanel_AnArticleEditedWhileItsPanelIsOpenShowsTheAddedReaction(t *testing.T) {
	d := newDirLibrary(t)
	p := filepath.Join(d.dir, "b.txt")
	rewrite(t, p, wire("b", 2, "Ann Lee: First.", "Bo Chan: Second."), 0)
	<-d.lib.Reload(t.Context())
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 30}, snapshotMsg{d.lib.Snapshot()}, press("r"), press("l"))
	if s := screenOf(m); !contains(s, "Reaction 2 of 2 · Bo Chan") {
		t.Fatalf("the panel:\n%s", s)
	}
	rewrite(t, p, wire("b", 2, "Ann Lee: First.", "Bo Chan: Second.", "Cy Dunn: Third."), time.Hour)
	<-d.lib.Reload(t.Context())
	m = drive(t, m, snapshotMsg{d.lib.Snapshot()})
	s := screenOf(m)
	if !contains(s, "Reaction 2 of 3 · Bo Chan") || !contains(s, "Cy Dunn") {
		t.Errorf("the panel does not show the added reaction, focus kept on Bo Chan:\n%s", s)
	}
	if !contains(s, "3 · new") || contains(s, "2 · new") {
		t.Errorf("only the added reaction should be new:\n%s", s)
	}
}

func TestPreview_AnArticleChangedWhileSelectedKeepsItsTextUntilRendered(t *testing.T) {
	d := newDirLibrary(t)
	p := filepath.Join(d.dir, "long.txt")
	rewrite(t, p, longWire(5, "as first written."), 0)
	<-d.lib.Reload(t.Context())
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 200, Height: 40}, snapshotMsg{d.lib.Snapshot()})
	if s := screenOf(m); !contains(s, "as first written.") {
		t.Fatalf("no preview:\n%s", s)
	}
	rewrite(t, p, longWire(5, "as revised."), time.Hour)
	<-d.lib.Reload(t.Context())
	_, cmd := m.Update(snapshotMsg{d.lib.Snapshot()})
	// The new version read, its rendering not back yet.
	_, render := m.Update(opened(t, cmd))
	if s := screenOf(m); !contains(s, "as first written.") || contains(s, "Rendering") {
		t.Errorf("while the new version renders, the preview:\n%s", s)
	}
	run(t, m, render)
	if s := screenOf(m); !contains(s, "as revised.") || contains(s, "as first written.") {
		t.Errorf("the new version is not previewed:\n%s", s)
	}
}

func TestReader_FooterCountsTheArticlesThatCameWhileReading(t *testing.T) {
	d := newDirLibrary(t)
	d.add("a", 1)
	m := New(Config{Library: d.lib, Style: "dark"})
	t.Cleanup(m.Close)
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 24}, snapshotMsg{d.lib.Snapshot()}, press("enter"))
	m = drive(t, m, snapshotMsg{d.add("b", 2)})
	if f := footOf(m); !contains(f, "1 new · ") {
		t.Errorf("the footer does not count the article that came: %q", f)
	}
	// p goes to it (the newest, above): looked at, not new any more.
	m = drive(t, m, press("p"))
	if got := readerOf(t, m).sum.Headline; got != "Story b" {
		t.Fatalf("p opened %q", got)
	}
	if f := footOf(m); contains(f, "new") {
		t.Errorf("the footer still counts it: %q", f)
	}
}

func TestList_ANewArticleBeforeTheMarksLoadKeepsThePlaceToRestore(t *testing.T) {
	d := newDirLibrary(t)
	d.add("a", 1)
	d.add("b", 2)
	a := d.lib.Snapshot().At(0)
	if a.Headline != "Story a" {
		a = d.lib.Snapshot().At(1)
	}
	store := state.NewMemory(state.Options{})
	t.Cleanup(func() { store.Close() })
	if err := store.SetPosition(t.Context(), "local", state.Position{Article: a.ID}); err != nil {
		t.Fatal(err)
	}
	m := New(Config{Library: d.lib, Style: "dark", Store: store})
	t.Cleanup(m.Close)
	init := m.Init()
	// A file lands before the user's marks are read.
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, snapshotMsg{d.add("c", 3)})
	run(t, m, init)
	if got := m.selectedHeadline(); got != "Story a" {
		t.Errorf("the cursor is on %q, want the article the user left, Story a", got)
	}
}
