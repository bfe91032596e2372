package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// problemsScreen is the screen listing the files that could not be read, one
// "path:line: message" per line, with control characters neutralised
// (paths and messages may quote a file's text).
type problemsScreen struct {
	keys *KeyMap
	st   *Styles

	width, height int

	list []article.Problem
	vp   viewport.Model
}

// newProblems returns an empty problems screen drawing with st.
func newProblems(keys *KeyMap, st *Styles) problemsScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return problemsScreen{keys: keys, st: st, vp: vp}
}

// SetSize sets the screen's size: the whole width, and the rows above the
// status and help lines (the title and the list).
func (p *problemsScreen) SetSize(width, height int) {
	p.width, p.height = max(width, 0), max(height, 0)
	p.vp.SetWidth(p.width)
	p.vp.SetHeight(rest(p.height, 1))
}

// SetStyles makes the screen draw with st (from the next SetProblems).
func (p *problemsScreen) SetStyles(st *Styles) { p.st = st }

// SetProblems shows list from the top.
func (p *problemsScreen) SetProblems(list []article.Problem) {
	p.list = list
	lines := make([]string, len(list))
	for i, pr := range list {
		loc := pr.Path
		if pr.Line > 0 {
			loc += ":" + strconv.Itoa(pr.Line)
		}
		lines[i] = article.DisplayPath(loc) + ": " + article.DisplayPath(pr.Message)
	}
	p.vp.SetContent(p.st.Problem.Render(strings.Join(lines, "\n")))
	p.vp.GotoTop()
}

// Update scrolls for the scrolling keys and the mouse wheel.
func (p problemsScreen) Update(msg tea.Msg) (problemsScreen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		scroll(&p.vp, msg, p.keys)
	case tea.MouseMsg:
		p.vp, _ = p.vp.Update(msg)
	}
	return p, nil
}

// View is the title and the problems.
func (p problemsScreen) View() string {
	return p.st.Header.Render(ansi.Truncate("Problems", p.width, "…")) + "\n" + p.vp.View()
}

// Status is the status-bar text: how many problems, and how to leave.
func (p problemsScreen) Status() string {
	return p.st.StatusWarn.Render(plural(len(p.list), "problem") + " · esc to go back")
}

// ShortHelp implements help.KeyMap.
func (p problemsScreen) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Down, k.Up, k.PageDown, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (p problemsScreen) FullHelp() [][]key.Binding {
	k := p.keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{k.Back, k.Help, k.Quit, k.ForceQuit},
	}
}
