package reactions

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"

	"github.com/newsdesk/newsdesk/ui/scroll"
)

// Model is a help.KeyMap, so the root can merge the panel's keys into its
// help.
var _ help.KeyMap = Model{}

// KeyMap is every key the panel handles. The root model handles q,
// ctrl+c and ? itself.
type KeyMap struct {
	// Next and Prev move the focus to the next or previous commentator
	// (wrapping around); with a reaction open they open that one instead.
	Next key.Binding
	Prev key.Binding
	// Jump focuses the Nth commentator (1–9, the numbers on the cards);
	// numbers beyond the number of reactions are ignored.
	Jump key.Binding
	// Last focuses the last commentator, so that the 10th and later are
	// a few keys away from one end or the other.
	Last key.Binding
	// The scrolling keys (the reader's) scroll the focused card's quote,
	// or the open reaction.
	scroll.KeyMap
	// Open shows the focused reaction full-width.
	Open key.Binding
	// Back closes the open reaction, or leaves the panel.
	Back key.Binding
	// Copy copies the focused quote with its attribution (the root
	// handles it: the panel shows the binding in its help).
	Copy key.Binding
}

// DefaultKeyMap returns the panel's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Next: key.NewBinding(key.WithKeys("l", "right", "tab"), key.WithHelp("→/l/tab", "next")),
		Prev: key.NewBinding(key.WithKeys("h", "left", "shift+tab"), key.WithHelp("←/h", "previous")),
		Jump: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"),
			key.WithHelp("1-9", "card N")),
		Last:   key.NewBinding(key.WithKeys("0"), key.WithHelp("0", "last card")),
		KeyMap: panelScroll(),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Copy:   key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy quote")),
	}
}

// panelScroll is the scrolling keys, their help saying what they scroll
// here: a card's quote, not the page.
func panelScroll() scroll.KeyMap {
	k := scroll.DefaultKeyMap()
	k.Down.SetHelp("↓/j", "scroll down")
	k.Up.SetHelp("↑/k", "scroll up")
	return k
}

// ShortHelp is the one-line help for the panel's current state: only
// keys that do something (with no reactions, esc alone; with one, no
// keys to move between commentators).
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch n := m.n(); {
	case n == 0:
		return []key.Binding{m.backBinding()}
	case m.open && n == 1:
		return []key.Binding{m.backBinding(), k.Copy, k.Down, k.Up, k.PageDown}
	case m.open:
		return []key.Binding{k.Next, k.Prev, m.backBinding(), k.Copy, k.Down, k.Up, k.PageDown}
	case n == 1:
		return []key.Binding{k.Open, m.backBinding(), k.Copy, k.Down, k.Up}
	}
	// What a cut help line must keep comes first.
	return []key.Binding{k.Next, k.Prev, k.Jump, k.Last, k.Open, m.backBinding(), k.Copy, k.Down, k.Up}
}

// FullHelp is every key of the panel that does something now, grouped in
// columns.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	scroll := [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp},
		{k.HalfDown, k.HalfUp, k.Top, k.Bottom},
	}
	switch m.n() {
	case 0:
		return [][]key.Binding{{m.backBinding()}}
	case 1:
		return append(scroll, []key.Binding{k.Open, k.Copy, m.backBinding()})
	}
	return append([][]key.Binding{{k.Next, k.Prev, k.Jump, k.Last}}, append(scroll, []key.Binding{k.Open, k.Copy, m.backBinding()})...)
}

// backBinding is Back with help text saying what esc does right now.
func (m Model) backBinding() key.Binding {
	b := m.keys.Back
	if m.open {
		b.SetHelp("esc", "close")
	}
	return b
}
