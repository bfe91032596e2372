package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/ui/reactions"
)

// panelScreen is the reactions panel (package reactions) as a screen: the
// commentators of one article side by side.
type panelScreen struct {
	c     *common
	panel reactions.Model
	sum   *library.Summary
	// reading is the read of the article, when the panel is opened from
	// the list (the reader has it already).
	reading fetch
	// fresh says which reactions are new to the user: the panel marks
	// their cards; opening it makes them seen.
	fresh []bool
}

// newPanelScreen returns an empty panel.
func newPanelScreen(c *common) *panelScreen {
	p := &panelScreen{c: c, panel: reactions.New(c.st.isDark)}
	p.panel.SetKeys(c.keys.Panel)
	p.panel.SetStyles(c.st.isDark, c.st.Panel, c.gstyle)
	return p
}

// load reads s's article and shows its reactions: opened from the list,
// it marks them seen (and the article read), after noting which are new.
func (p *panelScreen) load(s *library.Summary) tea.Cmd {
	p.sum = s
	var marked tea.Cmd
	if p.fresh == nil {
		p.fresh = p.c.marks.newFlags(s)
		marked = p.c.marks.opened(p.c.ctx, s)
	}
	id, ctx := p.reading.start(p.c)
	return tea.Batch(openCmd(ctx, p.c.lib, id, s), marked)
}

// setArticle shows a's reactions.
func (p *panelScreen) setArticle(s *library.Summary, a *article.Article) {
	p.sum = s
	p.panel.SetArticle(a)
	p.panel.SetNew(p.fresh)
}

// Title implements titled.
func (p *panelScreen) Title() string {
	if p.sum == nil {
		return ""
	}
	return p.sum.Headline
}

// SetSize implements Screen.
func (p *panelScreen) SetSize(width, height int) { p.panel.SetSize(width, height) }

// SetStyles implements restyler.
func (p *panelScreen) SetStyles(st *Styles) tea.Cmd {
	p.panel.SetStyles(st.isDark, st.Panel, p.c.gstyle)
	var cmd tea.Cmd
	p.panel, cmd = p.panel.Update(nil)
	return cmd
}

// Update implements Screen.
func (p *panelScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case openedMsg:
		if !p.reading.current(msg.id) {
			return nil
		}
		if msg.err != nil {
			p.panel.SetArticle(&article.Article{ID: msg.s.ID, Headline: msg.s.Headline,
				Notes: []article.Note{{Text: p.c.readError(msg.s.Path, msg.err)}}})
			return nil
		}
		p.setArticle(msg.s, msg.art)
		return nil
	case reactions.BackMsg:
		if p.c.root.top() == Screen(p) {
			return p.c.pop()
		}
		return nil
	}
	var cmd tea.Cmd
	p.panel, cmd = p.panel.Update(msg)
	return cmd
}

// View implements Screen.
func (p *panelScreen) View() string { return p.panel.View() }

// Status implements Screen.
func (p *panelScreen) Status() string { return p.c.st.Status.Render(p.panel.Status()) }

// ShortHelp implements help.KeyMap.
func (p *panelScreen) ShortHelp() []key.Binding {
	k := p.c.keys
	return append(p.panel.ShortHelp(), k.Help, k.Quit)
}

// FullHelp implements help.KeyMap.
func (p *panelScreen) FullHelp() [][]key.Binding {
	k := p.c.keys
	return append(p.panel.FullHelp(), []key.Binding{k.Help, k.Quit, k.ForceQuit})
}
