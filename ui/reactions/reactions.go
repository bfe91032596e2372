// Package reactions is the reactions panel: a story's commentators as
// numbered cards in a grid, one focused, with keys to move between them
// and to open one full-width, so that what they say can be compared.
//
// Layout (the arithmetic is in layout.go): the story's headline, its
// dateline and the reactions section's heading as written sit above the
// cards. Cards are at most MaxCardWidth wide and fill as many rows as the
// height allows; every card has the same size, set by the tallest card up
// to what the height leaves, and within a row the name, role and location
// block has the same height in every card, so quotes start on the same
// line and can be read across. A quote longer than its card scrolls
// inside it with a "more" line. The section's notes keep their place
// among the cards (a note between two reactions ends the grid row there)
// and are marked "Note:", dim and italic. When not every row fits, the
// rows scroll so the focused card is always shown.
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
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/scroll"
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

	art *article.Article
	// fresh marks the reactions new to the reader (SetNew).
	fresh []bool
	// text is the article's quotes and notes as cards show them; made
	// once per article (SetArticle) and never changed, so copies share it.
	text   *cardText
	width  int
	height int
	focus  int
	// top is the first band of the body shown; kept between layouts so
	// the rows only scroll when the focus leaves them.
	top int
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
// the size and the styles: the header, the wrapped text of every card and
// note, and each card as drawn, by focus and scroll. Redrawing them on
// every key cost ≈1.2 ms (borders and grapheme widths), which over SSH is
// paid for every reader flipping commentators. SetArticle, SetSize and
// SetDark replace it (never clear it: copies of the Model made before
// keep theirs, which still matches them).
type viewMemo struct {
	geo   *geometry
	cards map[cardKey][]string
}

// cardKey is what a drawn card depends on besides the memo's inputs.
type cardKey struct {
	i, scroll int
	focused   bool
}

// cardText is an article's quotes and notes as plain text for the cards:
// a Markdown article's are Markdown source, shown without their marks.
type cardText struct {
	quotes, notes []string
}

// newCardText is a's quotes and notes for the cards.
func newCardText(a *article.Article) *cardText {
	plain := func(s string) string { return s }
	if a.Format == article.FormatMarkdown {
		plain = plainMarkdown
	}
	t := &cardText{}
	for _, r := range a.Reactions {
		t.quotes = append(t.quotes, plain(r.Quote))
	}
	for _, n := range a.Notes {
		t.notes = append(t.notes, plain(n.Text))
	}
	return t
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
	m.fresh = nil
	m.focus, m.top = 0, 0
	m.scroll = nil
	m.text = nil
	if a != nil {
		m.scroll = make([]int, len(a.Reactions))
		m.text = newCardText(a)
	}
	m.open = false
	m.have, m.pending, m.want = renderKey{}, renderKey{}, renderKey{}
	m.renderErr = nil
	m.vp.SetContent("")
	m.memo = nil
	m.relayout()
}

// SetNew marks the reactions that are new to the reader (isNew[i] for
// reaction i; nil for none): their cards say "new" in their top border.
func (m *Model) SetNew(isNew []bool) {
	m.fresh = isNew
	m.memo = nil
}

// isNew reports whether reaction i is marked new.
func (m Model) isNew(i int) bool { return i < len(m.fresh) && m.fresh[i] }

// SetSize sets the panel's outer size in cells. With a reaction open,
// the re-rendering at the new width starts on the next Update (the root
// passes the tea.WindowSizeMsg on after calling SetSize).
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 0), max(height, 0)
	m.vp.SetWidth(m.width)
	m.memo = nil
	m.relayout()
}

// SetDark restyles the panel for a dark or light background and sets the
// Glamour style used for the full-width view ("dark", "light", "notty"...;
// "" or an unknown name follows the background). Like SetSize, a needed
// re-rendering starts on the next Update.
func (m *Model) SetDark(isDark bool, glamourStyle string) {
	m.SetStyles(isDark, DefaultStyles(isDark), glamourStyle)
}

// SetStyles restyles the panel with st (the session's, built from its one
// palette) for a dark or light background, with the Glamour style used for
// the full-width view. Like SetSize, a needed re-rendering starts on the
// next Update.
func (m *Model) SetStyles(isDark bool, st Styles, glamourStyle string) {
	m.isDark = isDark
	m.style = glamourStyle
	m.styles = st
	m.memo = nil
	m.relayout()
}

// SetKeys makes the panel answer to k (the session's keys, which a
// config file may have changed).
func (m *Model) SetKeys(k KeyMap) { m.keys = k }

// n is the number of reactions.
func (m Model) n() int {
	if m.art == nil {
		return 0
	}
	return len(m.art.Reactions)
}

// relayout moves the window of shown rows after a change of size or
// focus, and sets what the open view needs.
func (m *Model) relayout() {
	if m.memo == nil {
		m.memo = &viewMemo{cards: map[cardKey][]string{}}
	}
	g := m.geometry()
	m.top = g.window(m.focus, m.top)
	// The open reaction shows under the same header as the cards.
	m.vp.SetHeight(max(m.height-len(g.chrome), 0))
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
	case key.Matches(msg, k.Last):
		m.setFocus(n - 1)
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
	scroll.Viewport(&m.vp, msg, m.keys.KeyMap)
}

// scrollCard scrolls the focused card's quote.
func (m *Model) scrollCard(msg tea.KeyPressMsg) {
	g := m.geometry()
	c, ok := g.card(m.focus)
	if !ok {
		return
	}
	off := m.scrollOf(m.focus)
	if to, ok := scroll.Target(msg, m.keys.KeyMap, off, c.textRows, c.maxScroll); ok {
		m.scrollBy(g, to-off)
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
func (m *Model) scrollBy(g *geometry, d int) {
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
	if m.open || mo.Button != tea.MouseLeft || mo.X < 0 {
		return
	}
	g := m.geometry()
	b, ok := g.bandAt(m.top, mo.Y-len(g.chrome))
	if !ok || !b.IsRow() {
		return
	}
	step := g.grid.CardWidth + CardGap
	i := b.First + mo.X/step
	if mo.X%step >= g.grid.CardWidth || i >= b.End {
		return
	}
	m.setFocus(i)
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

// Status is the status-bar text, cut to the panel's width: "Reaction I of
// N · NAME" and, when the cards shown are not all of them (nor just the
// focused one), which are: " · cards A–B of N". Where it does not fit, the
// cards part goes first, then the name is cut with "…". With no reactions
// it is "No reactions"; with no article, "".
func (m Model) Status() string {
	n := m.n()
	switch {
	case m.art == nil:
		return ""
	case n == 0:
		return fitStatus(m.width, "No reactions", "", "")
	}
	head := fmt.Sprintf("Reaction %d of %d", m.focus+1, n)
	name := oneLine(m.art.Reactions[m.focus].Name)
	cards := ""
	if a, b := m.geometry().shownCards(m.top); !m.open && b-a > 1 && b-a < n {
		cards = fmt.Sprintf("cards %d–%d of %d", a+1, b, n)
	}
	return fitStatus(m.width, head, name, cards)
}

// fitStatus is head, name and cards joined with " · " (the empty ones
// left out) within width cells: without cards when that does not fit,
// then with the name cut with "…" while a few of its cells fit, then head
// alone, cut with "…" if it must be. A word is never cut without a mark.
func fitStatus(width int, head, name, cards string) string {
	width = max(width, 0)
	join := func(parts ...string) string {
		return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " · ")
	}
	for _, s := range []string{join(head, name, cards), join(head, name)} {
		if ansi.StringWidth(s) <= width {
			return s
		}
	}
	const someOfTheName = 4
	if name != "" && ansi.StringWidth(head)+ansi.StringWidth(" · ")+someOfTheName <= width {
		return cut(join(head, name), width)
	}
	return cut(head, width)
}

// View draws the panel at its size: never wider than the width given to
// SetSize, never taller than its height.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.art == nil && !m.open {
		return m.message("No article.", m.height)
	}
	g := m.geometry()
	if m.open {
		if len(g.chrome) == 0 {
			return m.vp.View()
		}
		return strings.Join(g.chrome, "\n") + "\n" + m.vp.View()
	}
	var b strings.Builder
	b.Grow(g.viewBytes)
	for i, l := range g.chrome {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	lines := len(g.chrome)
	nl := func() {
		if lines > 0 {
			b.WriteByte('\n')
		}
		lines++
	}
	switch {
	case m.n() == 0:
		for _, l := range g.noteLines(0, g.body-1) {
			nl()
			b.WriteString(l)
		}
		if g.body > 0 {
			nl()
			b.WriteString(m.message("No reactions to this article.", 1))
		}
	case g.cards == nil:
		// No room for a whole card: show the focused one as plain text
		// rather than cut borders.
		for _, l := range m.fallback(g.body) {
			nl()
			b.WriteString(l)
		}
	default:
		left := g.body
		for bi := m.top; bi < len(g.bands) && left > 0; bi++ {
			band := g.bands[bi]
			if !band.IsRow() {
				for _, l := range g.noteLines(bi, left) {
					nl()
					b.WriteString(l)
					left--
				}
				continue
			}
			h := g.heights[bi]
			if h > left {
				break
			}
			m.writeRow(&b, g, band, h, &lines)
			left -= h
		}
	}
	return b.String()
}

// writeRow draws the cards of a row band side by side. Every card has the
// same width and height (that is the layout), so their lines are joined
// without measuring them again.
func (m Model) writeRow(b *strings.Builder, g *geometry, band Band, height int, lines *int) {
	cards := make([][]string, 0, band.End-band.First)
	for i := band.First; i < band.End; i++ {
		cards = append(cards, m.memoCard(g, i))
	}
	for j := range height {
		if *lines > 0 {
			b.WriteByte('\n')
		}
		*lines++
		for c, card := range cards {
			if c > 0 {
				b.WriteString(g.gap)
			}
			b.WriteString(card[j])
		}
	}
}

// message is s wrapped to the width and clipped to h lines.
func (m Model) message(s string, h int) string {
	lines := wrapLines(s, m.width)
	lines = lines[:min(len(lines), max(h, 0))]
	return m.styles.Message.Render(strings.Join(lines, "\n"))
}

// fallback shows the focused reaction as plain lines when no card fits.
func (m Model) fallback(h int) []string {
	r := m.art.Reactions[m.focus]
	var lines []string
	lines = append(lines, wrapLines(strconv.Itoa(m.focus+1)+" "+oneLine(r.Name), m.width)...)
	lines = append(lines, wrapLines(m.text.quotes[m.focus], m.width)...)
	return lines[:min(len(lines), max(h, 0))]
}

// memoCard is drawCard(g, i), drawn once per focus and scroll.
func (m Model) memoCard(g *geometry, i int) []string {
	c, _ := g.card(i)
	k := cardKey{i: i, scroll: clamp(m.scrollOf(i), 0, c.maxScroll), focused: i == m.focus}
	if m.memo == nil {
		return m.drawCard(g, k)
	}
	if s, ok := m.memo.cards[k]; ok {
		return s
	}
	s := m.drawCard(g, k)
	if len(m.memo.cards) >= maxMemoCards {
		// Scrolling through a very long quote draws a card per line:
		// start over rather than keep them all.
		clear(m.memo.cards)
	}
	m.memo.cards[k] = s
	return s
}

// maxMemoCards bounds the cards a memo keeps: the cards of a screen
// (focused or not) many times over.
const maxMemoCards = 256

// drawCard draws card k.i scrolled to k.scroll as its row's height of
// g.grid.CardWidth cells: the top border with the card's number, the
// header padded to its row's height, a blank line, the visible part of
// the quote with a "more" line when it does not all fit, the bottom
// border.
func (m Model) drawCard(g *geometry, k cardKey) []string {
	c, _ := g.card(k.i)
	st := m.styles
	height := g.heights[g.rowOf[k.i]]
	innerH := height - 2
	body := make([]string, 0, innerH)
	hdr := c.header[:min(len(c.header), c.headerRows)]
	for j, l := range hdr {
		if j == len(hdr)-1 && len(c.header) > c.headerRows {
			l = cut(l+"…", g.inner)
		}
		switch {
		case j < c.nameLines:
			l = st.Name.Render(l)
		case j < c.nameLines+c.roleLines:
			l = st.Role.Render(l)
		default:
			l = st.Location.Render(l)
		}
		body = append(body, l)
	}
	for len(body) < c.headerRows {
		body = append(body, "")
	}
	if c.blank {
		body = append(body, "")
	}
	if c.textRows > 0 {
		shown := c.quote[k.scroll:min(len(c.quote), k.scroll+c.textRows)]
		for j, l := range shown {
			if c.maxScroll > 0 && c.moreRows == 0 && j == len(shown)-1 {
				// One line only: mark it rather than lose the line.
				l = cut(l+"…", g.inner)
			}
			body = append(body, st.Quote.Render(l))
		}
		for range c.textRows - len(shown) {
			body = append(body, "")
		}
		if c.moreRows > 0 {
			body = append(body, st.More.Render(ansi.Truncate(moreText(k.scroll, c.maxScroll), g.inner, "")))
		}
	}
	for len(body) < innerH {
		body = append(body, "")
	}

	bd, color, num := st.Border, st.BorderColor, st.Number
	if k.focused {
		bd, color, num = st.FocusedBorder, st.FocusedBorderColor, st.FocusedNumber
	}
	cw := g.grid.CardWidth
	out := make([]string, 0, height)
	title := " " + strconv.Itoa(k.i+1) + " "
	if m.isNew(k.i) {
		title = " " + strconv.Itoa(k.i+1) + " · new "
	}
	if rest := cw - 2 - 1 - len(title); rest >= 1 {
		out = append(out, color.Render(bd.TopLeft+bd.Top)+num.Render(title)+color.Render(strings.Repeat(bd.Top, rest)+bd.TopRight))
	} else {
		out = append(out, color.Render(bd.TopLeft+strings.Repeat(bd.Top, cw-2)+bd.TopRight))
	}
	left, right := color.Render(bd.Left)+" ", " "+color.Render(bd.Right)
	for _, l := range body[:innerH] {
		out = append(out, left+l+strings.Repeat(" ", max(g.inner-ansi.StringWidth(l), 0))+right)
	}
	out = append(out, color.Render(bd.BottomLeft+strings.Repeat(bd.Bottom, cw-2)+bd.BottomRight))
	return out
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

// geometry is one layout of the panel at its size, for one article and
// styles: everything but the window of shown rows, which follows the
// focus.
type geometry struct {
	// chrome is the styled lines above the cards.
	chrome []string
	// body is the height left below them.
	body  int
	grid  Grid
	inner int // text width inside a card
	gap   string
	bands []Band
	// heights is each band's height in lines; rowOf each card's band.
	heights []int
	rowOf   []int
	// notes is each note's wrapped lines.
	notes [][]noteLine
	// note is the notes' style, to restyle a line cut short.
	note lipgloss.Style
	// noteCap is the most lines a run of notes shows; noteWidth is
	// the width they are wrapped to.
	noteCap, noteWidth int
	// cards holds the cards' wrapped text and vertical layout, indexed
	// by reaction; nil when no card fits.
	cards []cardLayout
	// viewBytes is about the size of a drawn view, to grow the builder
	// once.
	viewBytes int
}

// card returns card i's layout.
func (g *geometry) card(i int) (cardLayout, bool) {
	if i < 0 || i >= len(g.cards) {
		return cardLayout{}, false
	}
	return g.cards[i], true
}

// window is the first band to show with card focus in view, from the
// previous first band top: with the notes just above and below its row
// when they fit.
func (g *geometry) window(focus, top int) int {
	if g.cards == nil {
		return 0
	}
	f := g.rowOf[clamp(focus, 0, len(g.rowOf)-1)]
	from, want := f, f
	for from > 0 && !g.bands[from-1].IsRow() {
		from--
	}
	for want < len(g.bands)-1 && !g.bands[want+1].IsRow() {
		want++
	}
	return Window(g.heights, g.body, from, f, want, top)
}

// shownCards is the range [a, b) of cards shown whole from band top.
func (g *geometry) shownCards(top int) (a, b int) {
	a, left := -1, g.body
	for bi := top; g.cards != nil && bi < len(g.bands) && left > 0; bi++ {
		if band := g.bands[bi]; band.IsRow() {
			if g.heights[bi] > left {
				break
			}
			if a < 0 {
				a = band.First
			}
			b = band.End
		}
		left -= g.heights[bi]
	}
	if a < 0 {
		return 0, 0
	}
	return a, b
}

// bandAt is the band shown at line y of the body (from band top).
func (g *geometry) bandAt(top, y int) (Band, bool) {
	if g.cards == nil || y < 0 || y >= g.body {
		return Band{}, false
	}
	at := 0
	for bi := max(top, 0); bi < len(g.bands); bi++ {
		h := g.heights[bi]
		if g.bands[bi].IsRow() && at+h > g.body {
			break // not drawn
		}
		if y < at+h {
			return g.bands[bi], true
		}
		at += h
	}
	return Band{}, false
}

// noteLineCount is the number of wrapped lines of band's notes.
func (g *geometry) noteLineCount(band Band) int {
	n := 0
	for _, note := range g.notes[band.Note:band.NoteEnd] {
		n += len(note)
	}
	return n
}

// noteLines is band bi's notes, at most limit lines and at most the
// note cap (all notes, when there are no cards), the last marked "…"
// when some were left out.
func (g *geometry) noteLines(bi, limit int) []string {
	var all []noteLine
	if g.cards == nil {
		for _, n := range g.notes {
			all = append(all, n...)
		}
	} else {
		band := g.bands[bi]
		for _, n := range g.notes[band.Note:band.NoteEnd] {
			all = append(all, n...)
		}
		limit = min(limit, g.noteCap)
	}
	limit = clamp(limit, 0, len(all))
	lines := make([]string, limit)
	for i, l := range all[:limit] {
		lines[i] = l.styled
	}
	if limit > 0 && limit < len(all) {
		l := all[limit-1]
		lines[limit-1] = l.lead + g.note.Render(cut(l.text+"…", g.noteWidth-ansi.StringWidth(ansi.Strip(l.lead))))
	}
	return lines
}

// noteLine is one wrapped line of a note: its mark or indentation (lead,
// styled), its text, and both drawn.
type noteLine struct {
	lead, text, styled string
}

// cardLayout is one card's text and how it fills the card's height.
type cardLayout struct {
	header                        []string
	nameLines, roleLines          int
	quote                         []string
	headerRows                    int  // header lines shown, the row's for all its cards
	blank                         bool // a blank line after the header
	textRows, moreRows, maxScroll int  // quote lines shown, "more" line, furthest offset
}

// cardPadding is a card's border and padding width (1+1 each side).
const cardPadding = 4

// noteMark starts every note; NO_COLOR keeps it, and it is as narrow in
// every terminal (no ambiguous-width sign).
const noteMark = "Note: "

// geometry lays the panel out at its current size, once per memo.
func (m Model) geometry() *geometry {
	if m.memo != nil && m.memo.geo != nil {
		return m.memo.geo
	}
	g := m.layout()
	if m.memo != nil {
		m.memo.geo = g
	}
	return g
}

// layout wraps the header, the notes and every card's text and fits the
// cards to the panel's size.
func (m Model) layout() *geometry {
	g := &geometry{gap: strings.Repeat(" ", CardGap)}
	if m.art == nil || m.width <= 0 || m.height <= 0 {
		return g
	}
	st := m.styles
	a := m.art
	n := len(a.Reactions)
	date := oneLine(a.Dateline())
	chrome := Chrome(m.height, date != "")
	g.body = max(m.height-chrome, 0)
	g.grid = GridFor(m.width, g.body, n)
	g.inner = g.grid.CardWidth - cardPadding
	// Notes and the heading's rule are as wide as the grid of cards.
	g.noteWidth = m.width
	if n > 0 {
		g.noteWidth = min(m.width, max(g.grid.Cols*(g.grid.CardWidth+CardGap)-CardGap, 1))
	}
	g.chrome = m.chrome(chrome, date, g.noteWidth)
	g.note = st.Note
	for _, note := range m.text.notes {
		g.notes = append(g.notes, noteView(st, note, g.noteWidth))
	}
	g.noteCap = NoteCap(g.body)
	if n == 0 || g.inner < 1 {
		return g
	}
	after := make([]int, len(a.Notes))
	for i, note := range a.Notes {
		after[i] = note.After
	}
	g.bands = Bands(n, g.grid.Cols, after)

	cards := make([]cardLayout, n)
	for i, r := range a.Reactions {
		c := &cards[i]
		name, role, loc := wrapLines(oneLine(r.Name), g.inner), wrapLines(oneLine(r.Role), g.inner), wrapLines(oneLine(r.Location), g.inner)
		c.nameLines, c.roleLines = len(name), len(role)
		c.header = slices.Concat(name, role, loc)
		c.quote = wrapLines(m.text.quotes[i], g.inner)
	}
	// Within a row every header takes the height of the row's tallest,
	// so that quotes start on the same line.
	g.rowOf = make([]int, n)
	g.heights = make([]int, len(g.bands))
	rowHeader := make([]int, len(g.bands))
	var natural []int
	notes, lead := 0, 0
	for bi, band := range g.bands {
		if !band.IsRow() {
			g.heights[bi] = min(g.noteLineCount(band), g.noteCap)
			notes += g.heights[bi]
			if len(natural) == 0 {
				lead += g.heights[bi]
			}
			continue
		}
		tallest := 1
		for i := band.First; i < band.End; i++ {
			g.rowOf[i] = bi
			rowHeader[bi] = max(rowHeader[bi], len(cards[i].header))
		}
		for i := band.First; i < band.End; i++ {
			h := rowHeader[bi] + len(cards[i].quote)
			if rowHeader[bi] > 0 && len(cards[i].quote) > 0 {
				h++
			}
			tallest = max(tallest, h)
		}
		natural = append(natural, tallest+2)
	}
	rowH := RowHeights(g.body, notes, lead, natural)
	if rowH == nil {
		return g
	}
	for bi, band := range g.bands {
		if band.IsRow() {
			g.heights[bi], rowH = rowH[0], rowH[1:]
		}
	}
	for _, band := range g.bands {
		longest := 0
		for i := band.First; i < band.End; i++ {
			longest = max(longest, len(cards[i].quote))
		}
		for i := band.First; i < band.End; i++ {
			bi := g.rowOf[i]
			innerH := g.heights[bi] - 2
			fitCard(&cards[i], innerH, rowHeader[bi], rowBlank(innerH, rowHeader[bi], longest))
		}
	}
	g.cards = cards
	// Styled lines run to a few times their width in bytes.
	g.viewBytes = m.height * (m.width + 64) * 2
	return g
}

// chrome is the k lines above the cards: the headline, the dateline
// date (if any) and the reactions section's heading on a rule ruleWidth
// wide, each cut with "…" to the width.
func (m Model) chrome(k int, date string, ruleWidth int) []string {
	st := m.styles
	a := m.art
	if k == 0 {
		return nil
	}
	headline := oneLine(a.Headline)
	if headline == "" {
		headline = "(no headline)"
	}
	lines := []string{st.Headline.Render(cut(headline, m.width))}
	if len(lines) < k && date != "" {
		lines = append(lines, st.Dateline.Render(cut(date, m.width)))
	}
	if len(lines) < k {
		lines = append(lines, m.headingRule(ruleWidth))
	}
	return lines
}

// headingRule is the reactions section's heading as the file writes it
// ("Reactions" when it has none) on a rule across the panel:
// "── Analysis ─────", width cells wide.
func (m Model) headingRule(width int) string {
	st := m.styles
	heading := oneLine(m.art.ReactionsHeading)
	if heading == "" {
		heading = "Reactions"
	}
	const lead = "── "
	title := cut(heading, max(width-ansi.StringWidth(lead)-2, 1))
	rest := width - ansi.StringWidth(lead) - ansi.StringWidth(title) - 1
	if rest < 1 || width < 8 {
		return st.Heading.Render(cut(heading, width))
	}
	return st.Rule.Render(lead) + st.Heading.Render(title) + st.Rule.Render(" "+strings.Repeat("─", rest))
}

// noteView is a note's lines, at most width cells wide: "Note: " and
// the text wrapped under it with a hanging indent. A note that says
// "Note" itself is not marked twice.
func noteView(st Styles, text string, width int) []noteLine {
	text = oneLine(text)
	mark := noteMark
	if len(text) >= 5 && strings.EqualFold(text[:5], "note:") || width < 2*len(noteMark) {
		mark = ""
	}
	wrapped := wrapLines(text, width-len(mark))
	lines := make([]noteLine, len(wrapped))
	indent := strings.Repeat(" ", len(mark))
	for i, l := range wrapped {
		lead := indent
		if i == 0 && mark != "" {
			lead = st.NoteMark.Render(mark)
		}
		lines[i] = noteLine{lead: lead, text: l, styled: lead + st.Note.Render(l)}
	}
	return lines
}

// rowBlank reports whether the cards of a row whose headers take rows
// lines (in innerH) have a blank line between header and quote, the
// longest quote of the row being longest lines: when there are at least
// three lines for the quote, or two and the quotes need only one (with
// less room, two lines of quote say more than a blank). It is decided
// for the whole row, so that its quotes start on the same line.
func rowBlank(innerH, rows, longest int) bool {
	rest := innerH - min(rows, max(innerH-2, 1))
	return rows > 0 && (rest >= 3 || rest == 2 && longest <= 1)
}

// fitCard shares a card's inner height between header and quote: the
// header takes its row's height rows (padded when the card's own is
// shorter) but leaves room for one line of quote (two with the blank
// line, if the row has one); a quote that does not fit gives its last
// line to the "more" indication when it has at least two.
func fitCard(c *cardLayout, innerH, rows int, blank bool) {
	c.headerRows = min(rows, innerH)
	if len(c.quote) > 0 {
		c.headerRows = min(rows, max(innerH-2, 1))
	}
	rest := innerH - c.headerRows
	if len(c.quote) == 0 || rest <= 0 {
		return
	}
	if blank {
		c.blank = true
		rest--
	}
	c.textRows = rest
	if len(c.quote) > rest && rest >= 2 {
		c.textRows, c.moreRows = rest-1, 1
	}
	c.maxScroll = max(len(c.quote)-c.textRows, 0)
}

// cut is plain text s cut to width cells with "…" when it is wider: at
// the end of a word when one ends in the second half of what fits, and
// without the spaces or separators before the mark ("Reaction 1…", not
// "Reaction 1 …"; "Dr. Anya…", not "Dr. Anya Pe…").
func cut(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	if width <= 0 {
		return ""
	}
	kept := ansi.Truncate(s, width-1, "")
	// At a word's end rather than inside it, when that keeps most of
	// the text.
	if rest := s[len(kept):]; rest != "" && rest[0] != ' ' {
		if i := strings.LastIndexByte(kept, ' '); i >= len(kept)/2 {
			kept = kept[:i]
		}
	}
	return strings.TrimRight(kept, " ·,;:") + "…"
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
