package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/scroll"
)

// problemsScreen lists the files that could not be read, one "path:line:
// message" per line, with control characters neutralised (paths and
// messages may quote a file's text).
type problemsScreen struct {
	c *common

	width, height int

	list []article.Problem
	vp   viewport.Model
}

// newProblemsScreen returns the screen listing list, from the top.
func newProblemsScreen(c *common, list []article.Problem) *problemsScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	p := &problemsScreen{c: c, vp: vp}
	for _, pr := range list {
		if pr.Severity != article.SeverityWarning {
			p.list = append(p.list, pr)
		}
	}
	p.fill()
	return p
}

// fill puts the problems in the viewport.
func (p *problemsScreen) fill() {
	lines := make([]string, len(p.list))
	for i, pr := range p.list {
		loc := pr.Path
		if pr.Line > 0 {
			loc += ":" + strconv.Itoa(pr.Line)
		}
		lines[i] = display(loc) + ": " + display(pr.Message)
	}
	p.vp.SetContent(p.c.st.Problem.Render(strings.Join(lines, "\n")))
}

// SetSize implements Screen: the title and the list.
func (p *problemsScreen) SetSize(width, height int) {
	p.width, p.height = max(width, 0), max(height, 0)
	p.vp.SetWidth(p.width)
	p.vp.SetHeight(rest(p.height, 1))
}

// SetStyles implements restyler.
func (p *problemsScreen) SetStyles(*Styles) tea.Cmd {
	p.fill()
	return nil
}

// Update implements Screen: esc goes back; the rest scrolls.
func (p *problemsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.keys.Back) {
			return p.c.pop()
		}
		scroll.Viewport(&p.vp, msg, p.c.keys.KeyMap)
	case tea.MouseMsg:
		p.vp, _ = p.vp.Update(msg)
	}
	return nil
}

// View implements Screen: the title and the problems.
func (p *problemsScreen) View() string {
	return fit(p.c.st.Header.Render(ansi.Truncate("Problems", p.width, "…"))+"\n"+p.vp.View(), p.width, p.height)
}

// Status implements Screen: how many problems, and how to leave.
func (p *problemsScreen) Status() string {
	return p.c.st.StatusWarn.Render(plural(len(p.list), "problem") + " · esc to go back")
}

// ShortHelp implements help.KeyMap.
func (p *problemsScreen) ShortHelp() []key.Binding {
	k := p.c.keys
	return []key.Binding{k.Down, k.Up, k.PageDown, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (p *problemsScreen) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{k.Back, k.Help, k.Quit, k.ForceQuit},
	}
}
