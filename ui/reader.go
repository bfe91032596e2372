package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/render"
)

// reader is the article screen: the headline, the rendered text and a
// footer with the dateline and how far down the text is (the footer is
// also the screen's status line). It scrolls; the keys that leave it
// (back, next, previous, reactions) are the root's, which knows the list.
//
// A frame must cost next to nothing: the SSH server draws one for every
// key of every session. So everything is drawn when it changes, never in
// View: the text is split into rows once, centred and padded to the
// width (SetText, SetSize); the header, the footer and the placeholder
// are rendered when the article, width, styles or scroll percentage
// change. View only joins the rows on screen. The bubbles viewport holds
// the rows for its offset arithmetic and mouse wheel, but its View is
// never called: it would re-render the visible rows through Lip Gloss
// (wrap, measure, pad) on every frame.
type reader struct {
	keys *KeyMap
	st   *Styles

	width, height int

	art *article.Article
	// key is the rendering the screen shows, or waits for when !ok.
	key renderKey
	ok  bool
	// text is that rendering as Glamour made it (kept to centre it again
	// when the width changes); rows is it as drawn, one string per row,
	// centred and padded to the width (pageRows). vp holds rows.
	text string
	rows []string
	vp   viewport.Model

	// head, foot and placeholder are drawn rows, each cut to the width;
	// pct is the percentage foot shows and blank a row of spaces.
	head, foot, placeholder, blank string
	pct                            int
	// left is the footer's dateline for leftFor, cut to leftRoom cells;
	// leftW is its width.
	left            string
	leftFor         *article.Article
	leftRoom, leftW int
}

// newReader returns an empty reader drawing with st.
func newReader(keys *KeyMap, st *Styles) reader {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	r := reader{keys: keys, st: st, vp: vp}
	r.redraw()
	return r
}

// SetSize sets the screen's size: the whole width, and the rows above the
// help line (header, text, footer).
func (r *reader) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	if width == r.width && height == r.height {
		return
	}
	r.vp.SetHeight(rest(height, 2))
	if width != r.width {
		r.width = width
		r.vp.SetWidth(width)
		// The margin that centres the text depends on the width even
		// when the text width does not (above maxText columns).
		r.layoutRows()
	}
	r.height = height
	r.redraw()
}

// SetStyles makes the screen draw with st.
func (r *reader) SetStyles(st *Styles) {
	r.st = st
	r.redraw()
}

// Article is the open article, or nil.
func (r reader) Article() *article.Article { return r.art }

// Open shows a from the top. Another article than the open one has no
// text until SetText.
func (r *reader) Open(a *article.Article) {
	if a != r.art {
		r.ok, r.text = false, ""
		r.layoutRows()
	}
	r.art = a
	r.vp.GotoTop()
	r.redraw()
}

// Want is the rendering the open article needs at the screen's width in
// Glamour style gstyle: without the headline and dateline, which the
// header row and the footer show.
func (r reader) Want(gstyle string) renderKey {
	tw, _ := textWidths(r.width)
	return renderKey{ID: r.art.ID, Version: r.art.Version, Width: tw, Style: render.Style(gstyle), Variant: render.Body}
}

// Shows reports whether the screen shows rendering k.
func (r reader) Shows(k renderKey) bool { return r.ok && r.key == k }

// Awaits reports whether the screen waits for rendering k.
func (r reader) Awaits(k renderKey) bool { return !r.ok && r.key == k }

// Await empties the text until rendering k arrives.
func (r *reader) Await(k renderKey) {
	r.key, r.ok, r.text = k, false, ""
	r.layoutRows()
	r.redraw()
}

// SetText shows s, the rendering k, keeping the scroll offset (a
// re-rendering after a resize or restyle stays where the user was).
func (r *reader) SetText(k renderKey, s string) {
	r.key, r.ok, r.text = k, true, s
	r.layoutRows()
	r.redraw()
}

// layoutRows splits the text into drawn rows for the current width.
func (r *reader) layoutRows() {
	_, margin := textWidths(r.width)
	r.rows = pageRows(indent(r.text, margin), r.width)
	off := r.vp.YOffset()
	r.vp.SetContentLines(r.rows)
	r.vp.SetYOffset(off)
}

// redraw renders the header, the placeholder and the footer.
func (r *reader) redraw() {
	tw, margin := textWidths(r.width)
	pad := strings.Repeat(" ", margin)
	r.blank = strings.Repeat(" ", r.width)
	r.placeholder = fit(pad+r.st.Placeholder.Render("Rendering…"), r.width, 1)
	r.head = ""
	if r.art != nil {
		r.head = fit(pad+r.st.Header.Render(ansi.Truncate(article.DisplayPath(r.art.Headline), tw, "…")), r.width, 1)
	}
	r.drawFoot()
}

// drawFoot renders the footer for the scroll percentage. The dateline,
// cut to the room the percentage leaves, is kept for the next percentage
// of the same length.
func (r *reader) drawFoot() {
	r.pct = int(r.vp.ScrollPercent()*100 + 0.5)
	if r.art == nil {
		r.foot = ""
		return
	}
	pct := strconv.Itoa(r.pct) + "%"
	if room := max(r.width-len(pct)-1, 0); room != r.leftRoom || r.leftFor != r.art {
		r.left = ansi.Truncate(article.DisplayPath(dateline(r.art)), room, "…")
		r.leftRoom, r.leftFor, r.leftW = room, r.art, ansi.StringWidth(r.left)
	}
	gap := max(r.width-r.leftW-len(pct), 1)
	r.foot = fit(r.st.Footer.Render(r.left+strings.Repeat(" ", gap)+pct), r.width, 1)
}

// Update scrolls for the scrolling keys and the mouse wheel.
func (r reader) Update(msg tea.Msg) (reader, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		scroll(&r.vp, msg, r.keys)
	case tea.MouseMsg:
		r.vp, _ = r.vp.Update(msg)
	}
	if pct := int(r.vp.ScrollPercent()*100 + 0.5); pct != r.pct {
		r.drawFoot()
	}
	return r, nil
}

// View is the header, the text and the footer: exactly as many rows as
// SetSize gave (fewer text rows first when there is no room), none wider
// than the width.
func (r reader) View() string {
	var f frame
	f.start(r.height, r.size())
	r.draw(&f)
	return f.String()
}

// shown is the text rows on screen.
func (r *reader) shown() []string {
	if !r.ok {
		return nil
	}
	off := min(r.vp.YOffset(), len(r.rows))
	return r.rows[off:min(off+r.vp.Height(), len(r.rows))]
}

// size is the length of View in bytes.
func (r *reader) size() int {
	n := len(r.head) + len(r.foot) + r.height + max(r.vp.Height(), 1)*len(r.blank)
	for _, l := range r.shown() {
		n += len(l)
	}
	return n
}

// draw adds View's rows to f (the root draws the reader into its own
// frame, without a copy of View).
func (r *reader) draw(f *frame) {
	if r.width <= 0 {
		f.row("")
		return
	}
	f.part(r.height, r.drawRows)
}

// drawRows adds the header, the text rows and the footer to f.
func (r *reader) drawRows(f *frame) {
	if r.art == nil {
		return
	}
	f.row(r.head)
	switch textRows := r.vp.Height(); {
	case textRows == 0:
		// No room for text: an empty row between header and footer,
		// as an empty text would be.
		f.row("")
	case !r.ok:
		f.row(r.placeholder)
		f.rows(textRows-1, "")
	default:
		shown := r.shown()
		for _, l := range shown {
			f.row(l)
		}
		f.rows(textRows-len(shown), r.blank)
	}
	f.row(r.foot)
}

// pageRows splits s into the rows a pane w cells wide draws, the way Lip
// Gloss draws a block of that width: tabs become four spaces, a line
// wider than w is wrapped (only an error message can be: renderings are
// cut to the width), and every row is padded with spaces to w cells, or
// cut when a double-width character left it wider. lipgloss.Wrap also
// closes a style still open at a line's end and reopens it on the next,
// so that any run of rows draws correctly on its own. An empty s has no
// rows.
func pageRows(s string, w int) []string {
	if s == "" || w <= 0 {
		return nil
	}
	s = strings.ReplaceAll(s, "\t", "    ")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	rows := strings.Split(lipgloss.Wrap(s, w, ""), "\n")
	for i, l := range rows {
		switch cw := ansi.StringWidth(l); {
		case cw < w:
			rows[i] = l + strings.Repeat(" ", w-cw)
		case cw > w:
			rows[i] = ansi.Truncate(l, w, "")
		}
	}
	return rows
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
func scroll(vp *viewport.Model, msg tea.KeyPressMsg, k *KeyMap) bool {
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
