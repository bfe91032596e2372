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

// The modes. Typing a filter takes every key as text, so only its own
// keys (and ctrl+c) are active there.
const (
	ModeList     Mode = "list"
	ModeFilter   Mode = "filter"
	ModeConfirm  Mode = "confirm"
	ModeReader   Mode = "reader"
	ModePanel    Mode = "panel"
	ModeReaction Mode = "reaction"
	ModeProblems Mode = "problems"
)

// everywhere is every mode but the typing ones: where q and ? work.
var everywhere = []Mode{ModeList, ModeReader, ModePanel, ModeReaction, ModeProblems}

// Action is one thing a key does: its name in the config file's [keys]
// table, the modes it is active in, and its binding in a KeyMap.
type Action struct {
	Name    string
	Modes   []Mode
	Binding *key.Binding
}

// Actions is every action of k, in the order of the help.
func (k *KeyMap) Actions() []Action {
	all := append([]Mode{ModeFilter, ModeConfirm}, everywhere...)
	// The scrolling keys scroll the reader, the problems, the focused
	// card and the open reaction; four of them move the list's cursor.
	scrolls := []Mode{ModeReader, ModeProblems, ModePanel, ModeReaction}
	moves := append([]Mode{ModeList}, scrolls...)
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

		{"list.page_down", []Mode{ModeList}, &k.NextPage},
		{"list.page_up", []Mode{ModeList}, &k.PrevPage},
		{"list.open", []Mode{ModeList}, &k.Open},
		{"list.filter", []Mode{ModeList}, &k.Filter},
		{"list.clear_filter", []Mode{ModeList}, &k.Clear},
		{"list.sort", []Mode{ModeList}, &k.Sort},
		{"list.problems", []Mode{ModeList}, &k.Problems},
		{"list.bookmark", []Mode{ModeList}, &k.Bookmark},
		{"list.view", []Mode{ModeList}, &k.View},
		{"list.toggle_read", []Mode{ModeList}, &k.ToggleRead},
		{"list.mark_all_read", []Mode{ModeList}, &k.MarkAllRead},
		{"confirm.yes", []Mode{ModeConfirm}, &k.Yes},
		{"confirm.no", []Mode{ModeConfirm}, &k.No},
		{"reactions", []Mode{ModeList, ModeReader}, &k.Reactions},

		{"filter.apply", []Mode{ModeFilter}, &k.Apply},
		{"filter.cancel", []Mode{ModeFilter}, &k.Cancel},

		{"reader.bookmark", []Mode{ModeReader}, &k.ReaderBookmark},
		{"reader.next", []Mode{ModeReader}, &k.Next},
		{"reader.previous", []Mode{ModeReader}, &k.Prev},
		{"back", []Mode{ModeReader, ModeProblems}, &k.Back},
		{"problems.warnings", []Mode{ModeProblems}, &k.Warnings},

		{"panel.next", []Mode{ModePanel, ModeReaction}, &p.Next},
		{"panel.previous", []Mode{ModePanel, ModeReaction}, &p.Prev},
		{"panel.card", []Mode{ModePanel}, &p.Jump},
		{"panel.last", []Mode{ModePanel}, &p.Last},
		{"panel.open", []Mode{ModePanel}, &p.Open},
		{"panel.back", []Mode{ModePanel, ModeReaction}, &p.Back},
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

// Conflicts lists every key that two actions active in the same mode
// share, one line each ("list: b is both list.page_up and list.bookmark"),
// in a stable order; none means the keys can all work.
func (k *KeyMap) Conflicts() []string {
	type use struct{ mode, key string }
	owner := map[use]string{}
	var out []string
	for _, a := range k.Actions() {
		for _, m := range a.Modes {
			for _, kk := range a.Binding.Keys() {
				u := use{string(m), kk}
				if o, ok := owner[u]; ok && o != a.Name {
					out = append(out, fmt.Sprintf("%s: %s is both %s and %s", m, kk, o, a.Name))
					continue
				}
				owner[u] = a.Name
			}
		}
	}
	slices.Sort(out)
	return out
}

// Rebind sets the keys of the actions named in keys (the config file's
// [keys] table: action → keys) and checks the result: an unknown action,
// an action with no key, or a key two actions share in one mode is an
// error naming them. The help texts show the new keys. On error k is left
// as it was.
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
			return fmt.Errorf("unknown action %q", n)
		}
		ks := keys[n]
		if len(ks) == 0 || slices.Contains(ks, "") {
			return fmt.Errorf("action %q: no key", n)
		}
		desc := a.Binding.Help().Desc
		*a.Binding = key.NewBinding(key.WithKeys(ks...), key.WithHelp(strings.Join(ks, "/"), desc))
	}
	next.syncPanel()
	if c := next.Conflicts(); len(c) > 0 {
		return fmt.Errorf("conflicting keys: %s", strings.Join(c, "; "))
	}
	*k = next
	return nil
}
