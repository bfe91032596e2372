// Package scroll is the scrolling keys of newsdesk's terminal interface:
// one KeyMap and one rule for what each key does to a scroll position, used
// by the reader, the problems screen, the reactions panel's cards and its
// open reaction alike, so a key scrolls the same way everywhere. (The
// screens live in two packages, ui and ui/reactions; this is what they
// share.)
package scroll

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is the scrolling keys.
type KeyMap struct {
	Down     key.Binding
	Up       key.Binding
	PageDown key.Binding
	PageUp   key.Binding
	HalfDown key.Binding
	HalfUp   key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// DefaultKeyMap is less's keys (and the arrows, page and home/end keys).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Down:     key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		Up:       key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		PageDown: key.NewBinding(key.WithKeys("space", "f", "pgdown"), key.WithHelp("space/pgdn", "page down")),
		PageUp:   key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfDown: key.NewBinding(key.WithKeys("d", "ctrl+d"), key.WithHelp("d", "½ page down")),
		HalfUp:   key.NewBinding(key.WithKeys("u", "ctrl+u"), key.WithHelp("u", "½ page up")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
	}
}

// Bindings is every scrolling binding, for help views.
func (k KeyMap) Bindings() []key.Binding {
	return []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom}
}

// Target is where a pane showing page rows, at offset off of at most
// maxOff, scrolls to for msg, and whether msg is a scrolling key at all:
// a line, a page, half a page (at least one row), or either end, never
// past them. It is pure arithmetic, table-tested.
func Target(msg tea.KeyPressMsg, k KeyMap, off, page, maxOff int) (int, bool) {
	page = max(page, 1)
	var to int
	switch {
	case key.Matches(msg, k.Down):
		to = off + 1
	case key.Matches(msg, k.Up):
		to = off - 1
	case key.Matches(msg, k.PageDown):
		to = off + page
	case key.Matches(msg, k.PageUp):
		to = off - page
	case key.Matches(msg, k.HalfDown):
		to = off + max(page/2, 1)
	case key.Matches(msg, k.HalfUp):
		to = off - max(page/2, 1)
	case key.Matches(msg, k.Top):
		to = 0
	case key.Matches(msg, k.Bottom):
		to = maxOff
	default:
		return off, false
	}
	return min(max(to, 0), max(maxOff, 0)), true
}

// Viewport scrolls vp for msg and reports whether msg was a scrolling key.
func Viewport(vp *viewport.Model, msg tea.KeyPressMsg, k KeyMap) bool {
	maxOff := max(vp.TotalLineCount()-vp.Height(), 0)
	to, ok := Target(msg, k, vp.YOffset(), vp.Height(), maxOff)
	if ok {
		vp.SetYOffset(to)
	}
	return ok
}
