package ui

import (
	"charm.land/bubbles/v2/key"
)

// KeyMap is every key the reader handles outside the reactions panel. The
// help views are generated from these same bindings.
type KeyMap struct {
	// Everywhere.
	Quit      key.Binding
	ForceQuit key.Binding
	Help      key.Binding

	// List. The list's own cursor keys are set to these bindings, so
	// what the help shows is what moves it.
	Up       key.Binding
	Down     key.Binding
	PrevPage key.Binding
	NextPage key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Open     key.Binding
	Filter   key.Binding
	Clear    key.Binding
	Sort     key.Binding
	Problems key.Binding
	// Apply and Cancel are shown while typing a filter (the list's own
	// filter input handles them).
	Apply  key.Binding
	Cancel key.Binding

	// Reader and problems screen (Up/Down/Top/Bottom are shared with the
	// list).
	PageUp    key.Binding
	PageDown  key.Binding
	HalfDown  key.Binding
	HalfUp    key.Binding
	Next      key.Binding
	Prev      key.Binding
	Reactions key.Binding
	Back      key.Binding
}

// DefaultKeyMap returns the reader's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),

		Up:   key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		// A page of the list: the reader's page keys, and bubbles'
		// list keys (←/h, →/l, u/d) since the list scrolls no other way.
		PrevPage: key.NewBinding(key.WithKeys("b", "pgup", "left", "h", "u"), key.WithHelp("←/h/pgup", "page up")),
		NextPage: key.NewBinding(key.WithKeys("space", "f", "pgdown", "right", "l", "d"), key.WithHelp("→/l/pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Problems: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
		Apply:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel filter")),

		PageUp:    key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("space", "f", "pgdown"), key.WithHelp("space/pgdn", "page down")),
		HalfDown:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "½ page down")),
		HalfUp:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "½ page up")),
		Next:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next article")),
		Prev:      key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "previous article")),
		Reactions: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reactions")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// screenKeys is the help.KeyMap of one screen: its short and full help.
type screenKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (s screenKeys) ShortHelp() []key.Binding { return s.short }

// FullHelp implements help.KeyMap.
func (s screenKeys) FullHelp() [][]key.Binding { return s.full }

// listShortHelp is listHelp(filtered).short, without building the rest.
func (k *KeyMap) listShortHelp(filtered bool) []key.Binding {
	clear := k.Clear
	clear.SetEnabled(filtered)
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, clear, k.Sort, k.Reactions, k.Help, k.Quit}
}

func (k *KeyMap) listHelp(filtered bool) screenKeys {
	clear := k.Clear
	clear.SetEnabled(filtered)
	return screenKeys{
		short: k.listShortHelp(filtered),
		full: [][]key.Binding{
			{k.Up, k.Down, k.PrevPage, k.NextPage, k.Top, k.Bottom},
			{k.Open, k.Reactions, k.Filter, clear, k.Sort, k.Problems},
			{k.Help, k.Quit, k.ForceQuit},
		},
	}
}

func (k *KeyMap) filterHelp() screenKeys {
	return screenKeys{
		short: []key.Binding{k.Apply, k.Cancel, k.ForceQuit},
		full:  [][]key.Binding{{k.Apply, k.Cancel, k.ForceQuit}},
	}
}
