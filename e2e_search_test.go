package main

import (
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/tmuxtest"
)

// TestE2E_SearchOpensTheArticleAtTheMatch runs the real binary on the
// bundled seeds in an 80×24 tmux pane: S opens the search, a phrase from
// the middle of the seed's body finds it with the words highlighted in a
// snippet, enter opens it scrolled to the phrase, esc goes back to the
// search and then to the list.
func TestE2E_SearchOpensTheArticleAtTheMatch(t *testing.T) {
	bin := tmuxtest.Binary(t)
	s := tmuxtest.Start(t, 80, 24, "'"+bin+"'")
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "Russia Reaffirms Backing") && strings.Contains(sc, "1 article") && !strings.Contains(sc, "indexing")
	}, "the seed in the list, indexed")

	s.Send(t, "S")
	s.WaitText(t, "Type something to search for")
	s.Send(t, `"multipolar world"`)
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, `Search: "multipolar world"`) && strings.Contains(sc, "│ • Russia Reaffirms Backing") &&
			strings.Contains(sc, "multipolar world") && strings.Contains(sc, "1 result")
	}, "the seed found by the phrase, with its snippet")

	s.Send(t, "Enter")
	s.WaitFor(t, func(sc string) bool {
		// The search screen shows the phrase and the dateline too: the
		// reader is the screen without "Search:", with its percentage.
		return strings.Contains(sc, "multipolar") && !strings.Contains(sc, "In a high-level meeting") &&
			!strings.Contains(sc, "Search:") && strings.Contains(sc, "MOSCOW · Feb 1 · Reuters") &&
			strings.Contains(sc, "%") && !strings.Contains(sc, " 0%")
	}, "the reader scrolled down to the phrase")

	s.Send(t, "Escape")
	s.WaitText(t, `Search: "multipolar world"`)
	s.Send(t, "Escape")
	s.WaitFor(t, func(sc string) bool {
		return strings.Contains(sc, "Russia Reaffirms Backing") && !strings.Contains(sc, "Search:")
	}, "the list again")

	s.Send(t, "q")
	if code := s.WaitExit(t); code != 0 {
		t.Fatalf("newsdesk exited with status %d after q", code)
	}
}
