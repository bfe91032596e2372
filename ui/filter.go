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
// best match first; matched is the same articles (their seq) in the list's
// sort order, which a longer term narrows.
type filteredMsg struct {
	gen     int
	term    string
	ranked  []*item
	matched []int32
}

// filterCmd matches term against the candidates cands (seqs of items of
// all, in the list's sort order) off the UI goroutine. Once ctx is
// cancelled (the term changed again) it stops and sends nothing.
func filterCmd(ctx context.Context, gen int, term string, all []*item, cands []int32) tea.Cmd {
	return func() tea.Msg {
		q := library.NewQuery(term)
		key := func(i int32) *library.Key { return &all[i].key }
		ranked, matched, err := library.Rank(ctx, &q, len(all), key, cands)
		if err != nil {
			return nil
		}
		items := make([]*item, len(ranked))
		for i, seq := range ranked {
			items[i] = all[seq]
		}
		return filteredMsg{gen: gen, term: term, ranked: items, matched: matched}
	}
}

// seqs is the load positions of items, in their order: the candidates of
// a match over all of them.
func seqs(items []*item) []int32 {
	s := make([]int32, len(items))
	for i, it := range items {
		s[i] = int32(it.seq)
	}
	return s
}

// narrows reports whether term's matches are among the matches of prev,
// so that only those need matching.
func narrows(term, prev string) bool {
	q, p := library.NewQuery(term), library.NewQuery(prev)
	return q.Narrows(&p)
}
