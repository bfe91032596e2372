package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// The reader filters the list itself instead of using the bubbles list's
// filter: that one re-scans and re-allocates every item on each keystroke
// and frame (≈25 ms per keystroke at 100,000 articles, plus ≈250 ms per
// result). Here a keystroke only edits the input; matching runs in a Cmd,
// narrows the previous matches when the term grows (incremental), and a
// result for an older term is dropped.

// filteredMsg is the result of matching term against the articles; gen is
// the filter generation it was made for.
type filteredMsg struct {
	gen   int
	term  string
	items []*item
}

// filterCmd matches term against candidates (in their order) off the UI
// goroutine.
func filterCmd(gen int, term string, candidates []*item) tea.Cmd {
	return func() tea.Msg {
		return filteredMsg{gen: gen, term: term, items: filterItems(term, candidates)}
	}
}

// filterItems keeps the items whose filter text holds term's characters in
// order (a fuzzy match, case-insensitive), keeping their order.
func filterItems(term string, candidates []*item) []*item {
	t := strings.ToLower(term)
	out := make([]*item, 0, len(candidates)/4)
	for _, it := range candidates {
		if fuzzyMatch(t, it.lower) {
			out = append(out, it)
		}
	}
	return out
}

// fuzzyMatch reports whether every rune of term occurs in s in order; both
// are lower case.
func fuzzyMatch(term, s string) bool {
	for _, r := range term {
		if r == ' ' {
			continue
		}
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}
