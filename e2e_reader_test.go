package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// TestMain removes the binary the end-to-end tests build, and keeps the
// in-process tests to a directory of their own as tmuxtest.Isolated keeps
// the binaries: a config file or state of the user running the tests must
// not change what they see, nor they the user's.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "newsdesk-test-")
	if err != nil {
		panic(err)
	}
	// The go command keeps its build cache and settings under the same
	// XDG directories: pinned first, or building the binary for the
	// end-to-end tests starts from a cold cache (minutes).
	if out, err := exec.Command("go", "env", "GOCACHE", "GOENV").Output(); err == nil {
		if v := strings.Fields(string(out)); len(v) == 2 {
			os.Setenv("GOCACHE", v[0])
			os.Setenv("GOENV", v[1])
		}
	}
	for _, kv := range tmuxtest.Isolated(dir) {
		k, v, _ := strings.Cut(kv, "=")
		os.Setenv(k, v)
	}
	code := tmuxtest.Main(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// seedNames are the seed article's four commentators, in file order.
var seedNames = []string{"Dr. Anya Petrova", "James Miller", "Professor Li Wei", "Mark Kovacs"}

// TestE2E_ReaderWalk runs the real binary on the bundled seeds in a
// 120×40 tmux pane and walks list → reader → reactions panel → a reaction
// full-width and back out, checking the screen at every step.
func TestE2E_ReaderWalk(t *testing.T) {
	bin := tmuxtest.Binary(t)
	s := tmuxtest.Start(t, 120, 40, "'"+bin+"'")

	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "Russia Reaffirms Backing") && strings.Contains(sc, "1 article")
	}, "the seed article in the list")

	s.Send(t, "Enter")
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "MOSCOW") && strings.Contains(sc, "Sergei Shoigu") && strings.Contains(sc, "%")
	}, "the reader with the dateline")

	s.Send(t, "r")
	s.WaitFor(t, allNamesSideBySide, "all four commentators, side by side in a grid")
	s.WaitText(t, "Reaction 1 of 4 · Dr. Anya Petrova")

	s.Send(t, "l")
	s.WaitText(t, "Reaction 2 of 4 · James Miller")

	s.Send(t, "3")
	s.WaitText(t, "Reaction 3 of 4 · Professor Li Wei")

	s.Send(t, "Enter")
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "Professor Li Wei") && strings.Contains(sc, "external interference") &&
			!strings.Contains(sc, "Mark Kovacs")
	}, "Professor Li Wei's reaction full-width")

	s.Send(t, "Escape")
	s.WaitFor(t, allNamesSideBySide, "the cards again after esc")

	s.Send(t, "Escape")
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "Sergei Shoigu") && !strings.Contains(sc, "Reaction 3 of 4")
	}, "the reader again after esc")

	s.Send(t, "q")
	if code := s.WaitExit(t); code != 0 {
		t.Fatalf("newsdesk exited with status %d after q", code)
	}
}

// allNamesSideBySide reports whether all four names are on screen with
// two or more on one screen row: the cards fill a grid of rows (2×2 at
// 120×40), side by side rather than stacked in one column.
func allNamesSideBySide(screen string) bool {
	for _, n := range seedNames {
		if !strings.Contains(screen, n) {
			return false
		}
	}
	for _, row := range tmuxtest.Rows(screen) {
		k := 0
		for _, n := range seedNames {
			if strings.Contains(row, n) {
				k++
			}
		}
		if k >= 2 {
			return true
		}
	}
	return false
}

// TestE2E_FindInTheArticleAndCopyAQuote runs the real binary in tmux
// (with set-clipboard on), searches the seed for a word, then copies a
// reaction: tmux's paste buffer holds the quote with its attribution, as
// OSC 52 put it there.
func TestE2E_FindInTheArticleAndCopyAQuote(t *testing.T) {
	bin := tmuxtest.Binary(t)
	s := tmuxtest.Start(t, 120, 40, "'"+bin+"'")
	s.WaitText(t, "Russia Reaffirms Backing")
	s.Send(t, "Enter")
	s.WaitText(t, "Sergei Shoigu")
	s.Send(t, "/")
	for _, k := range []string{"t", "a", "i", "w", "a", "n"} {
		s.Send(t, k)
	}
	s.Send(t, "Enter")
	s.WaitText(t, "match 1 of ")
	s.Send(t, "n")
	s.WaitText(t, "match 2 of ")
	s.Send(t, "Escape")
	s.WaitFor(t, func(sc string) bool { return !strings.Contains(sc, "match 2 of") }, "the search cleared")
	s.Send(t, "r")
	s.WaitText(t, "Reaction 1 of 4 · Dr. Anya Petrova")
	s.Send(t, "l")
	s.WaitText(t, "Reaction 2 of 4 · James Miller")
	s.Send(t, "y")
	s.WaitText(t, "Copied the quote by James Miller")
	s.WaitBuffer(t, "It's become a cornerstone of the partnership")
	s.WaitBuffer(t, "— James Miller, Editor-at-Large, 'The Global Security Review' (London), Russia Reaffirms Backing")
	s.Send(t, "q")
	if code := s.WaitExit(t); code != 0 {
		t.Fatalf("newsdesk exited with status %d after q", code)
	}
}

// story is a wire article headlined "Story name", dated day of March
// 2026, whose text is text.
func story(name string, day int, text string) string {
	return fmt.Sprintf("Story %s\n\nPARIS, March %d, 2026 (AP) — %s\n", name, day, text)
}

// TestE2E_LiveLibrary runs the real binary on a directory in tmux while
// files land in it, are edited under the reader and removed: what a
// reader fed by a sync job sees.
func TestE2E_LiveLibrary(t *testing.T) {
	bin := tmuxtest.Binary(t)
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		tmp := filepath.Join(dir, ".incoming")
		if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	write("alpha.txt", story("alpha", 1, "The first text."))
	s := tmuxtest.Start(t, 100, 30, "'"+bin+"' '"+dir+"'")
	s.WaitText(t, "1 article")

	write("bravo.txt", story("bravo", 2, "Another story."))
	s.WaitText(t, "2 articles · 1 new")
	// The cursor stayed on alpha: open it, and edit it while it is open.
	s.Send(t, "Enter")
	s.WaitText(t, "The first text.")
	write("alpha.txt", story("alpha", 1, "The second text."))
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "The second text.") && strings.Contains(sc, "updated · ")
	}, "the open article re-rendered, marked updated")
	if err := os.Remove(filepath.Join(dir, "alpha.txt")); err != nil {
		t.Fatal(err)
	}
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "The second text.") && strings.Contains(sc, "removed · ")
	}, "the removed article still readable, marked removed")
	s.Send(t, "Escape")
	s.WaitFor(t, func(sc string) bool {
		// The cursor took the removed article's row: bravo's, now seen.
		return strings.Contains(sc, "1 article · sorted") && !strings.Contains(sc, "Story alpha")
	}, "the list without the removed article")
	s.Send(t, "R")
	s.WaitText(t, "Rescanned 1 file: nothing changed.")
	s.Send(t, "q")
	if code := s.WaitExit(t); code != 0 {
		t.Errorf("exit status %d", code)
	}
}

// TestE2E_SecondStartFiltersAsTheFirst starts the real binary twice on
// one library with one cache: the second start reads the library from the
// index the first saved, and its filter finds what the first one did
// (the index once came back without the filter's keys, and a filter
// after a second start matched nothing).
func TestE2E_SecondStartFiltersAsTheFirst(t *testing.T) {
	bin := tmuxtest.Binary(t)
	dir := t.TempDir()
	for i, name := range []string{"alpha", "bravo", "charlie"} {
		if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(story(name, i+1, "Some text.")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cache := "XDG_CACHE_HOME=" + filepath.Join(t.TempDir(), "cache")
	for _, start := range []string{"first", "second"} {
		s := tmuxtest.Start(t, 100, 30, "'"+bin+"' '"+dir+"'", cache)
		s.WaitFor(t, func(sc string) bool {
			return strings.Contains(sc, "3 articles · sorted") && !strings.Contains(sc, "loading")
		}, start+" start: the library loaded")
		s.Send(t, "/", "bravo")
		sc := s.WaitText(t, "1 shown")
		if !strings.Contains(sc, "Story bravo") || strings.Contains(sc, "Story alpha") {
			t.Errorf("%s start: the filter shows\n%s", start, sc)
		}
		s.Send(t, "Escape")
		s.WaitFor(t, func(sc string) bool { return !strings.Contains(sc, "Filter:") }, start+" start: the filter put away")
		s.Send(t, "q")
		if code := s.WaitExit(t); code != 0 {
			t.Errorf("%s start: exit status %d", start, code)
		}
	}
}
