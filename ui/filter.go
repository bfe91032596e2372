package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"
)

// The reader filters the list itself instead of using the bubbles list's
// filter: that one re-scans and re-allocates every item on each keystroke
// and frame (≈25 ms per keystroke at 100,000 articles, plus ≈250 ms per
// result). Here a keystroke only edits the input; matching runs in a Cmd,
// narrows the previous matches when the term grows (incremental: a match
// of the longer term is a match of the shorter one), and a result for an
// older term is dropped. The matching itself is the same library's.

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
// off the UI goroutine.
func filterCmd(gen int, term string, candidates []*item) tea.Cmd {
	return func() tea.Msg {
		ranked, matched := filterItems(term, candidates)
		return filteredMsg{gen: gen, term: term, ranked: ranked, matched: matched}
	}
}

// rankLimit is the most matches that are ranked. Ranking scores every
// match (sahilm/fuzzy looks for its best alignment in the whole text):
// ≈2.6 µs a match, 260 ms for 100,000. A term that many articles match
// (a letter or two) says little about which is best, so beyond this the
// matches keep the list's order and the result shows at once.
const rankLimit = 5000

// filterSource lets the fuzzy matcher read the items' filter texts.
type filterSource []*item

// String is the text item i is matched on.
func (s filterSource) String(i int) string { return s[i].filter }

// Len is the number of items.
func (s filterSource) Len() int { return len(s) }

// filterItems keeps the candidates whose filter text holds term's
// characters in order, in any case. It returns them ranked, and in
// candidate order (the list's sort order, which a longer term narrows).
// Up to rankLimit matches are ranked by sahilm/fuzzy, the bubbles list's
// matcher (adjacent letters and word starts first, equal scores in
// candidate order); more keep candidate order.
func filterItems(term string, candidates []*item) (ranked, matched []*item) {
	t := strings.ToLower(term)
	for _, it := range candidates {
		if fuzzyMatch(t, it.lower) {
			matched = append(matched, it)
		}
	}
	if len(matched) > rankLimit {
		return matched, matched
	}
	ms := fuzzy.FindFrom(term, filterSource(matched))
	ranked = make([]*item, 0, len(matched))
	for _, mt := range ms {
		ranked = append(ranked, matched[mt.Index])
	}
	return ranked, matched
}

// fuzzyMatch reports whether every rune of term occurs in s in order; both
// are lower case. It is the quick test that decides what to rank: the
// same rule as sahilm/fuzzy's, without the scoring.
func fuzzyMatch(term, s string) bool {
	for _, r := range term {
		i := strings.IndexRune(s, r)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(r):]
	}
	return true
}
