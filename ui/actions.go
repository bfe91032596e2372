package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Mode is a state of the reader in which a set of keys is active: two
// actions active in the same mode must not share a key.
type Mode string

// The modes. Typing a filter or a search takes every key as text, so only
// its own keys (and ctrl+c) are active there.
const (
	ModeList    Mode = "list"
	ModeFilter  Mode = "filter"
	ModeConfirm Mode = "confirm"
	// ModeFinding is the reader with a search in force; ModeFindTyping
	// while its term is typed.
	ModeFinding    Mode = "reader search"
	ModeFindTyping Mode = "reader search typing"
	ModeLinks      Mode = "links"
	ModeReader     Mode = "reader"
	ModePanel      Mode = "panel"
	ModeReaction   Mode = "reaction"
	ModeProblems   Mode = "problems"
	ModeSearch     Mode = "search"
	// ModeHelp is the full help, over any screen.
	ModeHelp Mode = "help"
	// ModeCommentators is the commentators screen. Typing its filter is
	// ModeFilter; a commentator's reactions across stories are the
	// panel's cards, so ModePanel (the story key is one of the panel's
	// there, the commentator key one of a story's panel).
	ModeCommentators Mode = "commentators screen"
)

// everywhere is every mode but the typing ones: where q and ? work.
var everywhere = []Mode{ModeList, ModeReader, ModeFinding, ModePanel, ModeReaction, ModeProblems, ModeLinks, ModeCommentators, ModeHelp}

// Action is one thing a key does: its name in the config file's [keys]
// table, the modes it is active in, and its binding in a KeyMap.
type Action struct {
	Name    string
	Modes   []Mode
	Binding *key.Binding
}

// Actions is every action of k, in the order of the help.
func (k *KeyMap) Actions() []Action {
	all := append([]Mode{ModeFilter, ModeConfirm, ModeFindTyping, ModeSearch}, everywhere...)
	// The scrolling keys scroll the reader, the problems, the focused
	// card, the open reaction and the help; four of them move the list's
	// cursor.
	scrolls := []Mode{ModeReader, ModeFinding, ModeProblems, ModePanel, ModeReaction, ModeHelp}
	moves := append([]Mode{ModeList, ModeCommentators}, scrolls...)
	// The commentators screen pages as the list does; its open, filter
	// and sort are actions of their own (what they open and sort is
	// not an article), with the list's keys.
	lists := []Mode{ModeList, ModeCommentators}
	p := &k.Panel
	return []Action{
		{"quit", everywhere, &k.Quit},
		{"force_quit", all, &k.ForceQuit},
		{"help", everywhere, &k.Help},

		{"down", moves, &k.Down},
		{"up", moves, &k.Up},
		{"top", moves, &k.Top},
		{"bottom", moves, &k.Bottom},
		{"page_down", scrolls, &k.PageDown},
		{"page_up", scrolls, &k.PageUp},
		{"half_page_down", scrolls, &k.HalfDown},
		{"half_page_up", scrolls, &k.HalfUp},

		{"list.page_down", lists, &k.NextPage},
		{"list.page_up", lists, &k.PrevPage},
		{"list.open", []Mode{ModeList}, &k.Open},
		{"list.filter", []Mode{ModeList}, &k.Filter},
		{"list.clear_filter", []Mode{ModeList}, &k.Clear},
		{"list.sort", []Mode{ModeList}, &k.Sort},
		{"list.problems", []Mode{ModeList}, &k.Problems},
		{"list.search", []Mode{ModeList}, &k.Search},
		{"list.rescan", []Mode{ModeList}, &k.Rescan},
		{"list.bookmark", []Mode{ModeList}, &k.Bookmark},
		{"list.view", []Mode{ModeList}, &k.View},
		{"list.toggle_read", []Mode{ModeList}, &k.ToggleRead},
		{"list.mark_all_read", []Mode{ModeList}, &k.MarkAllRead},
		{"confirm.yes", []Mode{ModeConfirm}, &k.Yes},
		{"confirm.no", []Mode{ModeConfirm}, &k.No},
		{"reactions", []Mode{ModeList, ModeReader, ModeFinding}, &k.Reactions},

		{"filter.apply", []Mode{ModeFilter, ModeFindTyping}, &k.Apply},
		{"filter.cancel", []Mode{ModeFilter, ModeFindTyping}, &k.Cancel},

		{"search.up", []Mode{ModeSearch}, &k.SearchUp},
		{"search.down", []Mode{ModeSearch}, &k.SearchDown},
		{"search.page_up", []Mode{ModeSearch}, &k.SearchPageUp},
		{"search.page_down", []Mode{ModeSearch}, &k.SearchPageDown},
		{"search.open", []Mode{ModeSearch}, &k.SearchOpen},
		{"search.back", []Mode{ModeSearch}, &k.SearchBack},

		{"reader.bookmark", []Mode{ModeReader, ModeFinding}, &k.ReaderBookmark},
		{"reader.next", []Mode{ModeReader}, &k.Next},
		{"reader.previous", []Mode{ModeReader, ModeFinding}, &k.Prev},
		{"reader.search", []Mode{ModeReader, ModeFinding}, &k.Find},
		{"reader.next_match", []Mode{ModeFinding}, &k.FindNext},
		{"reader.previous_match", []Mode{ModeFinding}, &k.FindPrev},
		{"reader.copy", []Mode{ModeReader, ModeFinding}, &k.CopyArticle},
		{"reader.links", []Mode{ModeReader, ModeFinding}, &k.Links},
		{"back", []Mode{ModeReader, ModeFinding, ModeProblems, ModeLinks, ModeCommentators, ModeHelp}, &k.Back},
		{"problems.warnings", []Mode{ModeProblems}, &k.Warnings},

		{"panel.next", []Mode{ModePanel, ModeReaction}, &p.Next},
		{"panel.previous", []Mode{ModePanel, ModeReaction}, &p.Prev},
		{"panel.card", []Mode{ModePanel}, &p.Jump},
		{"panel.last", []Mode{ModePanel}, &p.Last},
		{"panel.open", []Mode{ModePanel}, &p.Open},
		{"panel.back", []Mode{ModePanel, ModeReaction}, &p.Back},
		{"panel.copy", []Mode{ModePanel, ModeReaction}, &p.Copy},

		{"commentators", []Mode{ModeList, ModePanel, ModeReaction}, &k.Commentators},
		{"commentators_screen.open", []Mode{ModeCommentators}, &k.CommentatorOpen},
		{"commentators_screen.filter", []Mode{ModeCommentators}, &k.CommentatorFilter},
		{"commentators_screen.sort", []Mode{ModeCommentators}, &k.CommentatorSort},
		{"panel.story", []Mode{ModePanel, ModeReaction}, &k.Story},
	}
}

// syncPanel gives the panel the reader's scrolling keys, with the panel's
// own help texts ("scroll down": a card's quote, not the page).
func (k *KeyMap) syncPanel() {
	own := k.Panel.KeyMap
	k.Panel.KeyMap = k.KeyMap
	for _, b := range []struct{ to, from *key.Binding }{
		{&k.Panel.Down, &own.Down}, {&k.Panel.Up, &own.Up},
	} {
		b.to.SetHelp(b.to.Help().Key, b.from.Help().Desc)
	}
}

// KeyConflict is a key that two actions active in the same mode share: a
// press could only ever do one of them.
type KeyConflict struct {
	Mode Mode
	Key  string
	// First and Second are the actions, First the earlier in Actions.
	First, Second string
}

// String is the conflict in one line: "list: b is both list.page_up and
// list.bookmark".
func (c KeyConflict) String() string {
	return fmt.Sprintf("%s: %s is both %s and %s", c.Mode, c.Key, c.First, c.Second)
}

// Conflicts lists every key that two actions active in the same mode
// share, one line each ("list: b is both list.page_up and list.bookmark"),
// in a stable order; none means the keys can all work.
func (k *KeyMap) Conflicts() []string {
	var out []string
	for _, c := range k.keyConflicts() {
		out = append(out, c.String())
	}
	return out
}

// keyConflicts is Conflicts as values, in the same order.
func (k *KeyMap) keyConflicts() []KeyConflict {
	type use struct{ mode, key string }
	owner := map[use]string{}
	var out []KeyConflict
	for _, a := range k.Actions() {
		for _, m := range a.Modes {
			for _, kk := range a.Binding.Keys() {
				u := use{string(m), kk}
				if o, ok := owner[u]; ok && o != a.Name {
					out = append(out, KeyConflict{Mode: m, Key: kk, First: o, Second: a.Name})
					continue
				}
				owner[u] = a.Name
			}
		}
	}
	slices.SortFunc(out, func(a, b KeyConflict) int { return strings.Compare(a.String(), b.String()) })
	return out
}

// RebindError is why Rebind refused a set of keys: an action it does not
// know, an action given no key, or keys two actions would share. Its
// fields let the config file name the line at fault.
type RebindError struct {
	// Action is the action named that does not exist (Unknown) or that
	// was given no key; "" when the error is Conflicts.
	Action  string
	Unknown bool
	// Conflicts are the keys two actions would share, as Conflicts lists.
	Conflicts []KeyConflict
}

// Error says what was refused, naming the actions.
func (e *RebindError) Error() string {
	switch {
	case e.Unknown:
		return fmt.Sprintf("unknown action %q", e.Action)
	case e.Action != "":
		return fmt.Sprintf("action %q: no key", e.Action)
	}
	lines := make([]string, len(e.Conflicts))
	for i, c := range e.Conflicts {
		lines[i] = c.String()
	}
	return "conflicting keys: " + strings.Join(lines, "; ")
}

// Rebind sets the keys of the actions named in keys (the config file's
// [keys] table: action → keys) and checks the result: an unknown action,
// an action with no key, or a key two actions share in one mode is a
// *RebindError naming them. The help texts show the new keys; an action
// given the keys it already has keeps its binding as it was (help text
// included). On error k is left as it was.
func (k *KeyMap) Rebind(keys map[string][]string) error {
	next := *k
	byName := map[string]Action{}
	for _, a := range next.Actions() {
		byName[a.Name] = a
	}
	names := make([]string, 0, len(keys))
	for n := range keys {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		a, ok := byName[n]
		if !ok {
			return &RebindError{Action: n, Unknown: true}
		}
		ks := keys[n]
		if len(ks) == 0 || slices.Contains(ks, "") {
			return &RebindError{Action: n}
		}
		if slices.Equal(ks, a.Binding.Keys()) {
			continue
		}
		desc := a.Binding.Help().Desc
		*a.Binding = key.NewBinding(key.WithKeys(ks...), key.WithHelp(strings.Join(ks, "/"), desc))
	}
	next.syncPanel()
	if c := next.keyConflicts(); len(c) > 0 {
		return &RebindError{Conflicts: c}
	}
	*k = next
	return nil
}
