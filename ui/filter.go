package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
)

// The list filters itself: a keystroke only edits the input; matching runs
// in a Cmd over the snapshot's filter keys, narrows the previous matches
// when the term only grew, and a superseded match is cancelled and its
// result dropped.

// filterState is the list's filter: the input, whether the user is typing
// in it, the term in force and the match in progress.
type filterState struct {
	input  textinput.Model
	typing bool
	// term is the term the view shows matches of ("" for none); matched
	// is those matches in the list's order, which a longer term narrows.
	term    string
	matched []int32
	// matching is the match in progress, for want.
	matching fetch
	want     string
	// openOnResult is set by enter pressed while a match was in progress:
	// the top match opens when the result lands (unless another key came
	// first), not the row the cursor was on before it.
	openOnResult bool
}

// applied reports whether a filter is in force (or being typed).
func (f *filterState) applied() bool { return strings.TrimSpace(f.input.Value()) != "" }

// filteredMsg is the result of matching term; id is the fetch it answers.
// ranked is what the list shows, best match first; matched is the same
// articles in the list's order, which a longer term narrows.
type filteredMsg struct {
	id      uint64
	term    string
	ranked  []int32
	matched []int32
}

// filterCmd matches term against cands (in the list's order) off the UI
// goroutine; a cancelled ctx stops it early.
func filterCmd(ctx context.Context, id uint64, snap *library.Snapshot, term string, cands []int32) tea.Cmd {
	return func() tea.Msg {
		ranked, matched, ok := matchArticles(ctx, snap, term, cands)
		if !ok {
			return nil
		}
		return filteredMsg{id: id, term: term, ranked: ranked, matched: matched}
	}
}

// refilter starts matching the input's term: over the previous matches
// when the term only grew (and everything is still the same snapshot and
// order), else over the whole order.
func (l *listScreen) refilter(fresh bool) tea.Cmd {
	term := l.flt.input.Value()
	if strings.TrimSpace(term) == "" {
		l.flt.matching.stop()
		l.flt.term, l.flt.matched = "", nil
		l.show(l.order())
		return l.syncPreview()
	}
	cands := l.order()
	if !fresh && narrows(term, l.flt.term) {
		cands = l.flt.matched
	}
	id, ctx := l.flt.matching.start(l.c)
	l.flt.want = term
	return filterCmd(ctx, id, l.snap, term, cands)
}

// filtered shows a filter result if it answers the match in progress. The
// cursor goes to the best match: the term has changed.
func (l *listScreen) filtered(msg filteredMsg) tea.Cmd {
	if !l.flt.matching.current(msg.id) {
		return nil
	}
	// A new term puts the cursor on its best match; the same term matched
	// again (a new snapshot, another sort) keeps it where the user was.
	if msg.term != l.flt.term {
		l.moved, l.anchored = false, false
	}
	l.flt.term, l.flt.matched = msg.term, msg.matched
	l.show(msg.ranked)
	if l.flt.openOnResult {
		l.flt.openOnResult = false
		return l.open(l.selected())
	}
	return l.syncPreview()
}

// clearFilter drops the filter and shows every article, the cursor still
// on the article it was on.
func (l *listScreen) clearFilter() tea.Cmd {
	l.moved = l.moved || l.sel != nil
	l.flt.typing = false
	l.flt.input.Blur()
	l.flt.input.SetValue("")
	return l.refilter(true)
}

// filterKey handles a key while the user types in the filter.
func (l *listScreen) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, e := l.flt.edit(msg, l.c.keys)
	switch e {
	case filterCancelled:
		return l.clearFilter()
	case filterApplied:
		if !l.flt.applied() {
			return l.clearFilter()
		}
	case filterChanged:
		return tea.Batch(cmd, l.refilter(false))
	}
	return cmd
}

// filterEdit is what a key typed into a filter did.
type filterEdit int

const (
	// filterTyped is a key the input took without changing the term
	// (a cursor move).
	filterTyped filterEdit = iota
	// filterChanged is a changed term, to be matched.
	filterChanged
	// filterCancelled is esc: the filter is to be dropped.
	filterCancelled
	// filterApplied is enter: typing stops and the filter stays (or,
	// empty, is dropped).
	filterApplied
)

// edit gives a key typed into the filter to its input, unless it
// applies the filter (typing stops) or cancels it: the keys of every
// screen that filters as the list does.
func (f *filterState) edit(msg tea.KeyPressMsg, k *KeyMap) (tea.Cmd, filterEdit) {
	switch {
	case key.Matches(msg, k.Cancel):
		return nil, filterCancelled
	case key.Matches(msg, k.Apply):
		f.typing = false
		f.input.Blur()
		return nil, filterApplied
	}
	before := f.input.Value()
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(msg)
	if f.input.Value() == before {
		return cmd, filterTyped
	}
	return cmd, filterChanged
}
