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
	// focusOn is the reaction to focus once the article is shown (a
	// commentator's card opened at its story), or -1.
	focusOn int
	// finding opens a focused card's commentator (c).
	finding commentatorFinder
}

// newPanelScreen returns an empty panel.
func newPanelScreen(c *common) *panelScreen {
	p := &panelScreen{c: c, panel: reactions.New(c.st.isDark), focusOn: -1}
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
	if p.focusOn >= 0 {
		p.panel.SetFocus(p.focusOn)
		p.focusOn = -1
	}
}

// SetSnapshot implements snapshotter: an article edited while its panel
// is open is read again and its cards shown anew, the focus kept on the
// same card, the reactions added meanwhile marked new. One removed stays
// as it is until the panel is closed.
func (p *panelScreen) SetSnapshot(s *library.Snapshot) tea.Cmd {
	if p.sum == nil {
		return nil
	}
	ns, _ := editOf(s, p.sum)
	if ns == nil {
		return nil
	}
	p.fresh = freshAfterEdit(p.sum, p.fresh, ns)
	if p.focusOn < 0 && p.panel.Article() != nil {
		p.focusOn = p.panel.Focus()
	}
	p.sum = ns
	id, ctx := p.reading.start(p.c)
	return tea.Batch(openCmd(ctx, p.c.lib, id, ns), p.c.marks.opened(p.c.ctx, ns))
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
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, p.c.keys.Panel.Copy):
			return p.copyQuote()
		case key.Matches(msg, p.c.keys.Commentators):
			return p.openCommentator()
		}
	case reactions.BackMsg:
		if p.c.root.top() == Screen(p) {
			p.reading.stop()
			p.finding.gathering.stop()
			return p.c.pop()
		}
		return nil
	case gatheredMsg:
		return p.finding.gathered(p.c, msg)
	}
	var cmd tea.Cmd
	p.panel, cmd = p.panel.Update(msg)
	return cmd
}

// openCommentator opens the focused card's commentator: their reactions
// across stories.
func (p *panelScreen) openCommentator() tea.Cmd {
	a := p.panel.Article()
	i := p.panel.Focus()
	if a == nil || i >= len(a.Reactions) {
		return nil
	}
	return p.finding.find(p.c, a.Reactions[i].Name)
}

// View implements Screen.
func (p *panelScreen) View() string { return p.panel.View() }

// Status implements Screen.
func (p *panelScreen) Status() string { return p.c.st.Status.Render(p.panel.Status()) }

// ShortHelp implements help.KeyMap.
func (p *panelScreen) ShortHelp() []key.Binding {
	k := p.c.keys
	// The commentator key is in the full help: the short line is full
	// with the panel's own keys.
	return append(p.panel.ShortHelp(), k.Help, k.Quit)
}

// FullHelp implements help.KeyMap.
func (p *panelScreen) FullHelp() [][]key.Binding {
	k := p.c.keys
	return append(p.panel.FullHelp(), []key.Binding{p.commentatorBinding()}, []key.Binding{k.Help, k.Quit, k.ForceQuit})
}

// commentatorBinding is the commentators key, saying what it opens here
// (disabled without a reaction to open).
func (p *panelScreen) commentatorBinding() key.Binding {
	b := p.c.keys.Commentators
	b.SetHelp(b.Help().Key, "their other reactions")
	a := p.panel.Article()
	b.SetEnabled(a != nil && len(a.Reactions) > 0)
	return b
}

// copyQuote copies the focused quote with its attribution and story.
func (p *panelScreen) copyQuote() tea.Cmd {
	r, quote, ok := p.panel.Focused()
	if !ok || p.sum == nil {
		return nil
	}
	return p.c.copyText(attributed(quote, r, p.sum.Headline, p.sum.Date), "the quote by "+display(r.Name))
}
