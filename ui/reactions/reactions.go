// Package reactions is the reactions panel: a story's commentators as cards
// side by side, one focused, with keys to move between them and to open one
// full-width.
//
// Layout: the article's notes (at most a few lines, clipped with "…") sit
// above a row of cards. As many cards fit side by side as leave each at
// least MinCardWidth cells (CardGap between them); all cards have the same
// width and the same height, set by the tallest card up to the pane's
// height, and a quote longer than its card scrolls inside it with a
// "more" line. The row scrolls so the focused card is always shown.
//
// Mouse coordinates: the panel reads msg.Mouse().X and Y as cells from
// its own top-left corner, so the root model subtracts the rows (and
// columns) it draws above (and left of) the panel before passing mouse
// messages on.
package reactions

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

// BackMsg is sent when the user leaves the panel (esc with no reaction
// open): the root model returns to where the panel was opened from.
type BackMsg struct{}

// Model is the reactions panel.
type Model struct {
	keys   KeyMap
	styles Styles
	isDark bool
	// style is the Glamour style asked for with SetDark ("" follows the
	// background).
	style string

	art    *article.Article
	width  int
	height int
	focus  int
	// first is the leftmost card shown; kept between layouts so the row
	// only scrolls when the focus leaves it.
	first int
	// scroll is each card's quote offset in lines. It is copied before
	// every change: Models are values and copies must not share it.
	scroll []int

	// open is set while the focused reaction is shown full-width.
	open bool
	vp   viewport.Model
	// want is the rendering the open view needs, have the one in vp,
	// pending the one being made.
	want, have, pending renderKey
	renderErr           error

	// memo keeps what the cards view computes, for as long as the
	// article, size and styles stay the same; see viewMemo.
	memo *viewMemo
}

// viewMemo is the panel's drawing work that depends only on the article,
// the size and the styles: the wrapped text of every card and each card
// as drawn, by focus and scroll. Redrawing them on every key cost ≈1.2 ms
// (lipgloss borders and grapheme widths), which over SSH is paid for every
// reader flipping commentators. SetArticle, SetSize and SetDark replace
// it (never clear it: copies of the Model made before keep theirs, which
// still matches them).
type viewMemo struct {
	geo   *geometry
	cards map[cardKey]string
}

// cardKey is what a drawn card depends on besides the memo's inputs.
type cardKey struct {
	i, scroll int
	focused   bool
}

// New returns an empty panel styled for a dark or light background.
func New(isDark bool) Model {
	vp := viewport.New()
	vp.MouseWheelDelta = 1
	return Model{
		keys:   DefaultKeyMap(),
		styles: DefaultStyles(isDark),
		isDark: isDark,
		vp:     vp,
	}
}

// Keys returns the panel's key bindings (to merge into the root's help).
func (m Model) Keys() KeyMap { return m.keys }

// SetArticle shows a's reactions, focusing the first. A nil article
// empties the panel.
func (m *Model) SetArticle(a *article.Article) {
	m.art = a
	m.focus, m.first = 0, 0
	m.scroll = nil
	if a != nil {
		m.scroll = make([]int, len(a.Reactions))
	}
	m.open = false
	m.have, m.pending, m.want = renderKey{}, renderKey{}, renderKey{}
	m.renderErr = nil
	m.vp.SetContent("")
	m.memo = nil
	m.relayout()
}

// SetSize sets the panel's outer size in cells. With a reaction open,
// the re-rendering at the new width starts on the next Update (the root
// passes the tea.WindowSizeMsg on after calling SetSize).
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.vp.SetWidth(m.width)
	m.vp.SetHeight(m.height)
	m.memo = nil
	m.relayout()
}

// SetDark restyles the panel for a dark or light background and sets the
// Glamour style used for the full-width view ("dark", "light", "notty"...;
// "" or an unknown name follows the background). Like SetSize, a needed
// re-rendering starts on the next Update.
func (m *Model) SetDark(isDark bool, glamourStyle string) {
	m.isDark = isDark
	m.style = glamourStyle
	m.styles = DefaultStyles(isDark)
	m.memo = nil
	m.relayout()
}

// n is the number of reactions.
func (m Model) n() int {
	if m.art == nil {
		return 0
	}
	return len(m.art.Reactions)
}

// relayout recomputes the row window after a change of size or focus, and
// what the open view needs.
func (m *Model) relayout() {
	if m.memo == nil {
		m.memo = &viewMemo{cards: map[cardKey]string{}}
	}
	m.first = Layout(m.width, m.n(), m.focus, m.first).First
	if m.open && m.focus < m.n() {
		m.want = renderKey{
			articleID: string(m.art.ID),
			index:     m.focus,
			width:     m.width,
			style:     glamourStyle(m.style, m.isDark),
		}
		if m.want != m.have {
			m.vp.SetContent(m.styles.Message.Render("Rendering…"))
		}
	}
}

// Update handles keys, mouse and render results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case RenderedMsg:
		m.gotRendering(msg)
		return m, nil
	case tea.KeyPressMsg:
		var cmd tea.Cmd
		if m, cmd = m.key(msg); cmd != nil {
			return m, cmd
		}
	case tea.MouseWheelMsg:
		m.wheel(msg)
	case tea.MouseClickMsg:
		m.click(msg)
	}
	return m, m.renderIfNeeded()
}

// key handles one key press.
func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	n := m.n()
	switch {
	case key.Matches(msg, k.Back):
		if m.open {
			m.open = false
			return m, nil
		}
		return m, func() tea.Msg { return BackMsg{} }
	case n == 0:
		return m, nil
	case key.Matches(msg, k.Next):
		m.setFocus((m.focus + 1) % n)
	case key.Matches(msg, k.Prev):
		m.setFocus((m.focus + n - 1) % n)
	case key.Matches(msg, k.Jump):
		if d, err := strconv.Atoi(msg.String()); err == nil && d >= 1 && d <= n {
			m.setFocus(d - 1)
		}
	case key.Matches(msg, k.Open):
		if !m.open {
			m.open = true
			// A rendering started before may never come back (the
			// root drops messages while the panel is not shown), so
			// do not wait for it.
			m.pending = renderKey{}
			m.vp.GotoTop()
			m.relayout()
		}
	case m.open:
		m.scrollView(msg)
	default:
		m.scrollCard(msg)
	}
	return m, nil
}

// setFocus focuses reaction i; with a reaction open, it opens i instead.
func (m *Model) setFocus(i int) {
	if i == m.focus {
		return
	}
	m.focus = i
	if m.open {
		m.vp.GotoTop()
	}
	m.relayout()
}

// scrollView scrolls the open reaction.
func (m *Model) scrollView(msg tea.KeyPressMsg) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Down):
		m.vp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		m.vp.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		m.vp.PageDown()
	case key.Matches(msg, k.PageUp):
		m.vp.PageUp()
	case key.Matches(msg, k.HalfDown):
		m.vp.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		m.vp.HalfPageUp()
	case key.Matches(msg, k.Top):
		m.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.vp.GotoBottom()
	}
}

// scrollCard scrolls the focused card's quote.
func (m *Model) scrollCard(msg tea.KeyPressMsg) {
	k := m.keys
	g := m.geometry()
	page := 1
	if c, ok := g.card(m.focus); ok {
		page = max(c.textRows, 1)
	}
	switch {
	case key.Matches(msg, k.Down):
		m.scrollBy(g, 1)
	case key.Matches(msg, k.Up):
		m.scrollBy(g, -1)
	case key.Matches(msg, k.PageDown):
		m.scrollBy(g, page)
	case key.Matches(msg, k.PageUp):
		m.scrollBy(g, -page)
	case key.Matches(msg, k.HalfDown):
		m.scrollBy(g, max(page/2, 1))
	case key.Matches(msg, k.HalfUp):
		m.scrollBy(g, -max(page/2, 1))
	case key.Matches(msg, k.Top):
		m.scrollBy(g, -m.scrollOf(m.focus))
	case key.Matches(msg, k.Bottom):
		if c, ok := g.card(m.focus); ok {
			m.scrollBy(g, c.maxScroll)
		}
	}
}

// scrollOf is card i's quote offset.
func (m Model) scrollOf(i int) int {
	if i < 0 || i >= len(m.scroll) {
		return 0
	}
	return m.scroll[i]
}

// scrollBy moves the focused card's quote by d lines, within its text.
func (m *Model) scrollBy(g geometry, d int) {
	c, ok := g.card(m.focus)
	if !ok || m.focus >= len(m.scroll) {
		return
	}
	s := clamp(m.scroll[m.focus]+d, 0, c.maxScroll)
	if s == m.scroll[m.focus] {
		return
	}
	m.scroll = slices.Clone(m.scroll)
	m.scroll[m.focus] = s
}

// wheel scrolls the open reaction or the focused card.
func (m *Model) wheel(msg tea.MouseWheelMsg) {
	if m.open {
		m.vp, _ = m.vp.Update(msg)
		return
	}
	switch msg.Button {
	case tea.MouseWheelDown:
		m.scrollBy(m.geometry(), 1)
	case tea.MouseWheelUp:
		m.scrollBy(m.geometry(), -1)
	}
}

// click focuses the card under a left click (coordinates relative to the
// panel's top-left corner).
func (m *Model) click(msg tea.MouseClickMsg) {
	mo := msg.Mouse()
	if m.open || mo.Button != tea.MouseLeft {
		return
	}
	g := m.geometry()
	top := g.rows.Notes + g.rows.Gap
	if g.cards == nil || mo.Y < top || mo.Y >= top+g.rows.Card || mo.X < 0 {
		return
	}
	col := mo.X / (g.row.CardWidth + CardGap)
	if col >= g.row.Cols || mo.X%(g.row.CardWidth+CardGap) >= g.row.CardWidth {
		return
	}
	m.setFocus(g.row.First + col)
}

// gotRendering keeps a rendering if it is the one the open view needs.
func (m *Model) gotRendering(msg RenderedMsg) {
	k := msg.key()
	if k == m.pending {
		m.pending = renderKey{}
	}
	if !m.open || k != m.want {
		return
	}
	m.have = k
	m.renderErr = msg.Err
	content := msg.Content
	if msg.Err != nil {
		content = m.styles.Message.Render(ansi.Truncate("Could not format this reaction: "+msg.Err.Error(), m.width, "…")) +
			"\n\n" + content
	}
	m.vp.SetContent(content)
}

// renderIfNeeded starts rendering the open reaction unless it is shown or
// already being rendered.
func (m *Model) renderIfNeeded() tea.Cmd {
	if !m.open || m.want == m.have || m.want == m.pending || m.want.width <= 0 || m.want.index >= m.n() {
		return nil
	}
	m.pending = m.want
	return renderCmd(m.want, m.art.Format, m.art.Reactions[m.want.index])
}

// Status is the status-bar text: "Reaction I of N · NAME" and, when not all
// cards fit, which are shown: " · cards A–B of N" (" · card A of N" when
// one fits). With no reactions it is "No reactions"; with no article, "".
func (m Model) Status() string {
	n := m.n()
	switch {
	case m.art == nil:
		return ""
	case n == 0:
		return "No reactions"
	}
	s := fmt.Sprintf("Reaction %d of %d", m.focus+1, n)
	if name := oneLine(m.art.Reactions[m.focus].Name); name != "" {
		s += " · " + name
	}
	if row := Layout(m.width, n, m.focus, m.first); !m.open && row.Cols > 0 && row.Cols < n {
		if row.Cols == 1 {
			s += fmt.Sprintf(" · card %d of %d", row.First+1, n)
		} else {
			s += fmt.Sprintf(" · cards %d–%d of %d", row.First+1, row.First+row.Cols, n)
		}
	}
	return s
}

// View draws the panel at its size: never wider than the width given to
// SetSize, never taller than its height.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.open {
		return m.vp.View()
	}
	if m.art == nil {
		return m.message("No article.", m.height)
	}
	g := m.geometry()
	var blocks []string
	blocks = append(blocks, m.notesView(g)...)
	if g.rows.Gap > 0 {
		blocks = append(blocks, "")
	}
	left := m.height - g.rows.Notes - g.rows.Gap
	switch {
	case m.n() == 0:
		blocks = append(blocks, m.message("No reactions to this article.", left))
	case g.cards == nil:
		// No room for a whole card: show the focused one as plain text
		// rather than cut borders.
		blocks = append(blocks, m.fallback(left))
	default:
		blocks = append(blocks, m.rowView(g))
	}
	return strings.Join(blocks, "\n")
}

// message is s wrapped to the width and clipped to h lines.
func (m Model) message(s string, h int) string {
	lines := wrapLines(s, m.width)
	lines = lines[:min(len(lines), max(h, 0))]
	return m.styles.Message.Render(strings.Join(lines, "\n"))
}

// notesView is the notes' shown lines, the last marked "…" when some were
// left out.
func (m Model) notesView(g geometry) []string {
	if g.rows.Notes == 0 {
		return nil
	}
	lines := slices.Clone(g.notes[:g.rows.Notes])
	if len(g.notes) > g.rows.Notes {
		last := len(lines) - 1
		lines[last] = ansi.Truncate(lines[last]+" …", m.width, "…")
	}
	for i, l := range lines {
		lines[i] = m.styles.Notes.Render(l)
	}
	return lines
}

// fallback shows the focused reaction as plain lines when no card fits.
func (m Model) fallback(h int) string {
	r := m.art.Reactions[m.focus]
	var lines []string
	lines = append(lines, wrapLines(oneLine(r.Name), m.width)...)
	lines = append(lines, wrapLines(r.Quote, m.width)...)
	return strings.Join(lines[:min(len(lines), max(h, 0))], "\n")
}

// rowView draws the shown cards side by side.
func (m Model) rowView(g geometry) string {
	// Every card has the same width and height (that is the layout), so
	// their lines are joined side by side without measuring them again.
	gap := strings.Repeat(" ", CardGap)
	var rows []string
	for i := g.row.First; i < g.row.First+g.row.Cols; i++ {
		for j, l := range strings.Split(m.memoCard(g, i), "\n") {
			if j == len(rows) {
				rows = append(rows, "")
			}
			if i > g.row.First {
				rows[j] += gap
			}
			rows[j] += l
		}
	}
	return strings.Join(rows, "\n")
}

// memoCard is cardView(g, i), drawn once per focus and scroll.
func (m Model) memoCard(g geometry, i int) string {
	if m.memo == nil {
		return m.cardView(g, i)
	}
	c, _ := g.card(i)
	k := cardKey{i: i, scroll: clamp(m.scrollOf(i), 0, c.maxScroll), focused: i == m.focus}
	if s, ok := m.memo.cards[k]; ok {
		return s
	}
	s := m.cardView(g, i)
	m.memo.cards[k] = s
	return s
}

// cardView draws card i: header, a blank line, and the visible part of the
// quote with a "more" line when it does not all fit.
func (m Model) cardView(g geometry, i int) string {
	c, _ := g.card(i)
	st := m.styles
	innerH := g.rows.Card - 2
	lines := make([]string, 0, innerH)
	hdr := c.header
	if len(hdr) > c.headerRows {
		hdr = slices.Clone(hdr[:c.headerRows])
		hdr[len(hdr)-1] = ansi.Truncate(hdr[len(hdr)-1]+" …", g.inner, "…")
	}
	for j, l := range hdr {
		switch {
		case j < c.nameLines:
			l = st.Name.Render(l)
		case j < c.nameLines+c.roleLines:
			l = st.Role.Render(l)
		default:
			l = st.Location.Render(l)
		}
		lines = append(lines, l)
	}
	if c.blank {
		lines = append(lines, "")
	}
	if c.textRows > 0 {
		s := clamp(m.scrollOf(i), 0, c.maxScroll)
		shown := c.quote[s:min(len(c.quote), s+c.textRows)]
		for j, l := range shown {
			if c.maxScroll > 0 && c.moreRows == 0 && j == len(shown)-1 {
				// One line only: mark it rather than lose the line.
				l = ansi.Truncate(l+" …", g.inner, "…")
			}
			lines = append(lines, st.Quote.Render(l))
		}
		for range c.textRows - len(shown) {
			lines = append(lines, "")
		}
		if c.moreRows > 0 {
			lines = append(lines, st.More.Render(ansi.Truncate(moreText(s, c.maxScroll), g.inner, "")))
		}
	}
	for len(lines) < innerH {
		lines = append(lines, "")
	}
	for j, l := range lines {
		lines[j] = l + strings.Repeat(" ", max(g.inner-ansi.StringWidth(l), 0))
	}
	style := st.Card
	if i == m.focus {
		style = st.FocusedCard
	}
	return style.Render(strings.Join(lines, "\n"))
}

// moreText says which way a card's quote can still scroll.
func moreText(s, maxScroll int) string {
	switch {
	case s <= 0:
		return "↓ more"
	case s >= maxScroll:
		return "↑ more"
	default:
		return "↑↓ more"
	}
}

// geometry is one layout of the panel at its current size.
type geometry struct {
	row   Row
	rows  Rows
	inner int // text width inside a card
	notes []string
	// cards holds the cards' wrapped text and vertical layout, indexed
	// by reaction; nil when no card fits.
	cards []cardLayout
}

// card returns card i's layout.
func (g geometry) card(i int) (cardLayout, bool) {
	if i < 0 || i >= len(g.cards) {
		return cardLayout{}, false
	}
	return g.cards[i], true
}

// cardLayout is one card's text and how it fills the card's height.
type cardLayout struct {
	header                        []string
	nameLines, roleLines          int
	quote                         []string
	headerRows                    int  // header lines shown
	blank                         bool // a blank line after the header
	textRows, moreRows, maxScroll int  // quote lines shown, "more" line, furthest offset
}

// cardPadding is a card's border and padding width (1+1 each side).
const cardPadding = 4

// geometry lays the panel out at its current size: from the memo, but
// for the row window, which follows the focus.
func (m Model) geometry() geometry {
	if m.memo != nil && m.memo.geo != nil {
		g := *m.memo.geo
		g.row = Layout(m.width, m.n(), m.focus, m.first)
		return g
	}
	g := m.layoutCards()
	if m.memo != nil {
		m.memo.geo = &g
	}
	return g
}

// layoutCards wraps the notes and every card's text and fits the cards
// to the panel's height.
func (m Model) layoutCards() geometry {
	n := m.n()
	var g geometry
	if m.art != nil {
		for _, note := range m.art.Notes {
			g.notes = append(g.notes, wrapLines(note.Text, m.width)...)
		}
	}
	g.row = Layout(m.width, n, m.focus, m.first)
	g.inner = g.row.CardWidth - cardPadding
	if n == 0 || g.inner < 1 {
		g.rows = Heights(m.height, len(g.notes), 0)
		g.rows.Card = 0
		return g
	}
	cards := make([]cardLayout, n)
	tallest := 0
	for i, r := range m.art.Reactions {
		c := &cards[i]
		name, role, loc := wrapLines(oneLine(r.Name), g.inner), wrapLines(oneLine(r.Role), g.inner), wrapLines(oneLine(r.Location), g.inner)
		c.nameLines, c.roleLines = len(name), len(role)
		c.header = slices.Concat(name, role, loc)
		c.quote = wrapLines(r.Quote, g.inner)
		h := len(c.header) + len(c.quote)
		if len(c.header) > 0 && len(c.quote) > 0 {
			h++
		}
		tallest = max(tallest, h)
	}
	g.rows = Heights(m.height, len(g.notes), tallest)
	if g.rows.Card == 0 {
		return g
	}
	innerH := g.rows.Card - 2
	for i := range cards {
		fitCard(&cards[i], innerH)
	}
	g.cards = cards
	return g
}

// fitCard shares a card's inner height between header and quote: the
// header keeps its lines but leaves room for one line of quote (two with
// the blank line between); a quote that does not fit gives its last line
// to the "more" indication when it has at least two.
func fitCard(c *cardLayout, innerH int) {
	c.headerRows = min(len(c.header), innerH)
	if len(c.quote) > 0 {
		c.headerRows = min(len(c.header), max(innerH-2, 1))
	}
	rest := innerH - c.headerRows
	if len(c.quote) == 0 || rest <= 0 {
		return
	}
	if rest >= 2 && c.headerRows > 0 {
		c.blank = true
		rest--
	}
	c.textRows = rest
	if len(c.quote) > rest && rest >= 2 {
		c.textRows, c.moreRows = rest-1, 1
	}
	c.maxScroll = max(len(c.quote)-c.textRows, 0)
}

// wrapLines wraps s to width cells (breaking words that are longer, CJK
// included) and returns its lines, none wider than width; "" gives none.
func wrapLines(s string, width int) []string {
	s = strings.TrimSpace(s)
	if s == "" || width <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(s, width, ""), "\n")
	for i, l := range lines {
		// A double-width character cannot be split: Wrap may leave one
		// on a line of width 1, so cut what still does not fit.
		lines[i] = ansi.Truncate(strings.TrimRight(l, " "), width, "")
	}
	return lines
}
