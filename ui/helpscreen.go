package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/newsdesk/newsdesk/ui/scroll"
)

// helpScreen is the full help of the screen below it: every binding, from
// the same key.Bindings that handle the keys. `?` or esc closes it; on a
// terminal too small for all of it, the scrolling keys scroll it.
type helpScreen struct {
	c     *common
	below Screen
	vp    viewport.Model

	width, height int
}

// newHelpScreen returns the full help of below.
func newHelpScreen(c *common, below Screen) *helpScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return &helpScreen{c: c, below: below, vp: vp}
}

// SetSize implements Screen.
func (h *helpScreen) SetSize(width, height int) {
	h.width, h.height = max(width, 0), max(height, 0)
	h.vp.SetWidth(h.width)
	h.vp.SetHeight(h.height)
	h.fill()
}

// SetStyles implements restyler.
func (h *helpScreen) SetStyles(*Styles) tea.Cmd {
	h.fill()
	return nil
}

// fill lays the help out for the width: the groups side by side as
// bubbles' help draws them, in as many rows of groups as the width needs,
// so that a narrow terminal loses no key off the right edge.
func (h *helpScreen) fill() {
	m := help.New()
	m.Styles = h.c.st.Help
	m.ShowAll = true
	avail := h.width - h.c.st.HelpBox.GetHorizontalFrameSize()
	rows := helpRows(h.below.FullHelp(), avail, func(g [][]key.Binding) int {
		return lipgloss.Width(m.FullHelpView(g))
	})
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = m.FullHelpView(r)
	}
	h.vp.SetContent(h.c.st.HelpBox.Render(strings.Join(parts, "\n\n")))
}

// helpRows splits groups, in order, into rows of as many groups as fit in
// width, as measured by width; a group wider than width on its own is a
// row of its own (the screen cuts it).
func helpRows(groups [][]key.Binding, width int, measure func([][]key.Binding) int) [][][]key.Binding {
	var rows [][][]key.Binding
	start := 0
	for i := range groups {
		if i > start && measure(groups[start:i+1]) > width {
			rows = append(rows, groups[start:i])
			start = i
		}
	}
	if start < len(groups) {
		rows = append(rows, groups[start:])
	}
	return rows
}

// Update implements Screen: esc closes the help (the root handles `?`);
// the scrolling keys and the wheel scroll it.
func (h *helpScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, h.c.keys.Back) {
			return h.c.pop()
		}
		scroll.Viewport(&h.vp, msg, h.c.keys.KeyMap)
	case tea.MouseMsg:
		h.vp, _ = h.vp.Update(msg)
	}
	return nil
}

// View implements Screen.
func (h *helpScreen) View() string { return fit(h.vp.View(), h.width, h.height) }

// Status implements Screen: how to close it, and how to see the rest when
// it does not fit.
func (h *helpScreen) Status() string {
	s := "? or esc closes the help"
	if h.vp.TotalLineCount() > h.vp.Height() {
		s += " · " + h.c.keys.Down.Help().Key + " more"
	}
	return h.c.st.Status.Render(s)
}

// ShortHelp implements help.KeyMap: the help line still shows the keys of
// the screen below.
func (h *helpScreen) ShortHelp() []key.Binding { return h.below.ShortHelp() }

// FullHelp implements help.KeyMap.
func (h *helpScreen) FullHelp() [][]key.Binding { return h.below.FullHelp() }
