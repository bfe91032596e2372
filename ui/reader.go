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

// reader is the article screen: the headline, the rendered text and a
// footer with the dateline and how far down the text is (the footer is
// also the screen's status line). It scrolls; the keys that leave it
// (back, next, previous, reactions) are the root's, which knows the list.
type reader struct {
	keys KeyMap
	st   *Styles

	width, height int

	art *article.Article
	// key is the rendering the screen shows, or waits for when !ok.
	key renderKey
	ok  bool
	vp  viewport.Model
}

// newReader returns an empty reader drawing with st.
func newReader(keys KeyMap, st *Styles) reader {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	return reader{keys: keys, st: st, vp: vp}
}

// SetSize sets the screen's size: the whole width, and the rows above the
// help line (header, text, footer).
func (r *reader) SetSize(width, height int) {
	r.width, r.height = max(width, 0), max(height, 0)
	r.vp.SetWidth(r.width)
	r.vp.SetHeight(rest(r.height, 2))
}

// SetStyles makes the screen draw with st.
func (r *reader) SetStyles(st *Styles) { r.st = st }

// Article is the open article, or nil.
func (r reader) Article() *article.Article { return r.art }

// Open shows a from the top. Another article than the open one has no
// text until SetText.
func (r *reader) Open(a *article.Article) {
	if a != r.art {
		r.ok = false
		r.vp.SetContent("")
	}
	r.art = a
	r.vp.GotoTop()
}

// Want is the rendering the open article needs at the screen's width in
// Glamour style gstyle.
func (r reader) Want(gstyle string) renderKey {
	tw, _ := textWidths(r.width)
	return renderKey{id: r.art.ID, width: tw, style: gstyle}
}

// Shows reports whether the screen shows rendering k.
func (r reader) Shows(k renderKey) bool { return r.ok && r.key == k }

// Awaits reports whether the screen waits for rendering k.
func (r reader) Awaits(k renderKey) bool { return !r.ok && r.key == k }

// Await empties the text until rendering k arrives.
func (r *reader) Await(k renderKey) {
	r.key, r.ok = k, false
	r.vp.SetContent("")
}

// SetText shows s, the rendering k, centred, keeping the scroll offset
// (a re-rendering after a resize or restyle stays where the user was).
func (r *reader) SetText(k renderKey, s string) {
	r.key, r.ok = k, true
	_, margin := textWidths(r.width)
	if margin > 0 {
		s = indent(s, margin)
	}
	off := r.vp.YOffset()
	r.vp.SetContent(s)
	r.vp.SetYOffset(off)
}

// Update scrolls for the scrolling keys and the mouse wheel.
func (r reader) Update(msg tea.Msg) (reader, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		scroll(&r.vp, msg, r.keys)
	case tea.MouseMsg:
		r.vp, _ = r.vp.Update(msg)
	}
	return r, nil
}

// View is the header, the text and the footer.
func (r reader) View() string {
	if r.art == nil {
		return ""
	}
	tw, margin := textWidths(r.width)
	head := strings.Repeat(" ", margin) + r.st.Header.Render(ansi.Truncate(article.DisplayPath(r.art.Headline), tw, "…"))
	text := r.vp.View()
	if !r.ok {
		text = strings.Repeat(" ", margin) + r.st.Placeholder.Render("Rendering…")
	}
	pct := strconv.Itoa(int(r.vp.ScrollPercent()*100+0.5)) + "%"
	left := ansi.Truncate(article.DisplayPath(dateline(r.art)), max(r.width-ansi.StringWidth(pct)-1, 0), "…")
	gap := max(r.width-ansi.StringWidth(left)-ansi.StringWidth(pct), 1)
	foot := r.st.Footer.Render(left + strings.Repeat(" ", gap) + pct)
	return head + "\n" + fit(text, r.width, r.vp.Height()) + "\n" + foot
}

// ShortHelp implements help.KeyMap.
func (r reader) ShortHelp() []key.Binding {
	k := r.keys
	return []key.Binding{k.Down, k.Up, k.PageDown, k.Next, k.Prev, k.Reactions, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (r reader) FullHelp() [][]key.Binding {
	k := r.keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		{k.Next, k.Prev, k.Reactions, k.Back},
		{k.Help, k.Quit, k.ForceQuit},
	}
}

// scroll moves vp for the shared scrolling keys; it reports whether the
// key was one of them.
func scroll(vp *viewport.Model, msg tea.KeyPressMsg, k KeyMap) bool {
	switch {
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.HalfDown):
		vp.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		vp.HalfPageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
