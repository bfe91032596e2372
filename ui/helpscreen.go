package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpScreen is the full help of the screen below it: every binding, from
// the same key.Bindings that handle the keys. `?` or esc closes it.
type helpScreen struct {
	c     *common
	below Screen

	width, height int
}

// newHelpScreen returns the full help of below.
func newHelpScreen(c *common, below Screen) *helpScreen {
	return &helpScreen{c: c, below: below}
}

// SetSize implements Screen.
func (h *helpScreen) SetSize(width, height int) { h.width, h.height = width, height }

// Update implements Screen: esc closes the help (the root handles `?`);
// other keys do nothing.
func (h *helpScreen) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, h.c.keys.Back) {
		return h.c.pop()
	}
	return nil
}

// View implements Screen.
func (h *helpScreen) View() string {
	m := help.New()
	m.Styles = h.c.st.Help
	m.SetWidth(h.width)
	m.ShowAll = true
	return fit(h.c.st.HelpBox.Render(m.View(h.below)), h.width, h.height)
}

// Status implements Screen.
func (h *helpScreen) Status() string { return h.c.st.Status.Render("? or esc closes the help") }

// ShortHelp implements help.KeyMap: the help line still shows the keys of
// the screen below.
func (h *helpScreen) ShortHelp() []key.Binding { return h.below.ShortHelp() }

// FullHelp implements help.KeyMap.
func (h *helpScreen) FullHelp() [][]key.Binding { return h.below.FullHelp() }
