package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
)

// The reader filters the list itself instead of using the bubbles list's
// filter: that one re-scans and re-allocates every item on each keystroke
// and frame (≈25 ms per keystroke at 100,000 articles, plus ≈250 ms per
// result). Here a keystroke only edits the input; matching and ranking
// (library.Rank, over each item's key built once) run in a Cmd, narrow the
// previous matches when the term grows (a match of the longer term is a
// match of the shorter one), and the match for an older term is cancelled
// and its result, should it still arrive, dropped.

// filteredMsg is the result of matching term against the articles; gen is
// the filter generation it was made for. ranked is what the list shows,
// best match first; matched is the same items in the list's sort order,
// which a longer term narrows.
type filteredMsg struct {
	gen     int
	term    string
	ranked  []*item
	matched []*item
}

// filterCmd matches term against candidates (in the list's sort order)
// off the UI goroutine. Once ctx is cancelled (the term changed again) it
// stops and sends nothing.
func filterCmd(ctx context.Context, gen int, term string, candidates []*item) tea.Cmd {
	return func() tea.Msg {
		q := library.NewQuery(term)
		ranked, matched, err := library.Rank(ctx, &q, candidates, itemKey)
		if err != nil {
			return nil
		}
		return filteredMsg{gen: gen, term: term, ranked: ranked, matched: matched}
	}
}

// itemKey is the filter key of it.
func itemKey(it *item) *library.Key { return &it.key }

// narrows reports whether term's matches are among the matches of prev,
// so that only those need matching.
func narrows(term, prev string) bool {
	q, p := library.NewQuery(term), library.NewQuery(prev)
	return q.Narrows(&p)
}
