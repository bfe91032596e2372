package main

import (
	"os"
	"os/exec"
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
