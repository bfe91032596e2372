package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/scroll"
)

// problemsScreen lists the library's problems as `newsdesk check` prints
// them (PATH:LINE:COL: error|warning: message, control characters shown
// as ?), errors first; w shows or hides the warnings. Long lines wrap to
// the width, and the list scrolls by the rows drawn.
type problemsScreen struct {
	c *common

	width, height int

	all          []article.Problem
	errs, warns  int
	showWarnings bool
	vp           viewport.Model
}

// newProblemsScreen returns the screen listing ps, from the top.
func newProblemsScreen(c *common, ps []article.Problem) *problemsScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	p := &problemsScreen{c: c, vp: vp, showWarnings: true}
	for _, pr := range ps {
		if pr.Severity == article.SeverityWarning {
			p.warns++
		} else {
			p.errs++
		}
	}
	// Errors first, each group in load order.
	p.all = make([]article.Problem, 0, len(ps))
	for _, warn := range []bool{false, true} {
		for _, pr := range ps {
			if (pr.Severity == article.SeverityWarning) == warn {
				p.all = append(p.all, pr)
			}
		}
	}
	p.fill()
	return p
}

// fill puts the problems shown in the viewport, wrapped to the width.
func (p *problemsScreen) fill() {
	var b strings.Builder
	for _, pr := range p.all {
		if pr.Severity == article.SeverityWarning && !p.showWarnings {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.c.redact(pr).DisplayString())
	}
	text := b.String()
	if p.width > 0 {
		text = ansi.Wrap(text, p.width, " /")
	}
	p.vp.SetContent(p.c.st.Problem.Render(text))
}

// SetSize implements Screen: the title and the list.
func (p *problemsScreen) SetSize(width, height int) {
	resized := width != p.width
	p.width, p.height = max(width, 0), max(height, 0)
	p.vp.SetWidth(p.width)
	p.vp.SetHeight(rest(p.height, 1))
	if resized {
		p.fill()
	}
}

// SetStyles implements restyler.
func (p *problemsScreen) SetStyles(*Styles) tea.Cmd {
	p.fill()
	return nil
}

// Update implements Screen: esc goes back, w shows or hides the
// warnings; the rest scrolls.
func (p *problemsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.c.keys.Back):
			return p.c.pop()
		case key.Matches(msg, p.c.keys.Warnings) && p.warns > 0:
			p.showWarnings = !p.showWarnings
			p.fill()
			p.vp.GotoTop()
			return nil
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

// Status implements Screen: how many of each, and how to leave.
func (p *problemsScreen) Status() string {
	var parts []string
	if p.errs > 0 {
		parts = append(parts, plural(p.errs, "error"))
	}
	if p.warns > 0 {
		w := plural(p.warns, "warning")
		if !p.showWarnings {
			w += " hidden"
		}
		parts = append(parts, w)
	}
	parts = append(parts, "esc to go back")
	return p.c.st.StatusWarn.Render(strings.Join(parts, " · "))
}

// warningsKey is the w binding, its help saying what it would do.
func (p *problemsScreen) warningsKey() key.Binding {
	b := p.c.keys.Warnings
	b.SetEnabled(p.warns > 0)
	if p.showWarnings {
		b.SetHelp(b.Help().Key, "hide warnings")
	}
	return b
}

// ShortHelp implements help.KeyMap.
func (p *problemsScreen) ShortHelp() []key.Binding {
	k := p.c.keys
	return []key.Binding{k.Down, k.Up, k.PageDown, p.warningsKey(), k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (p *problemsScreen) FullHelp() [][]key.Binding {
	k := p.c.keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.Top, k.Bottom},
		{p.warningsKey(), k.Back, k.Help, k.Quit, k.ForceQuit},
	}
}
