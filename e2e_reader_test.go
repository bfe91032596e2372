package main

import (
	"os"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// TestMain removes the binary the end-to-end tests build.
func TestMain(m *testing.M) { os.Exit(tmuxtest.Main(m)) }

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
	s.WaitFor(t, allNamesOnOneRow, "all four commentators side by side")
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
	s.WaitFor(t, allNamesOnOneRow, "the cards again after esc")

	s.Send(t, "Escape")
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "Sergei Shoigu") && !strings.Contains(sc, "Reaction 3 of 4")
	}, "the reader again after esc")

	s.Send(t, "q")
	if code := s.WaitExit(t); code != 0 {
		t.Fatalf("newsdesk exited with status %d after q", code)
	}
}

// allNamesOnOneRow reports whether one screen row holds all four names:
// the cards are side by side, not stacked.
func allNamesOnOneRow(screen string) bool {
	for _, row := range tmuxtest.Rows(screen) {
		all := true
		for _, n := range seedNames {
			if !strings.Contains(row, n) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}
