package ui

import (
	"strconv"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/state"
	"github.com/newsdesk/newsdesk/ui/render"
	"github.com/newsdesk/newsdesk/ui/scroll"
)

// stepper is what the reader steps through with n and p: the list, which
// moves its cursor along.
type stepper interface {
	step(from article.ID, d int) *library.Summary
	// nextUnread is the next unread article after from, or nil.
	nextUnread(from article.ID) *library.Summary
}

// seeker is a stepper whose articles open at a place in them (the
// search's results, at their first match): the words to scroll to.
type seeker interface {
	seekTerms(id article.ID) []string
}

// readerScreen is the article screen: the headline, the rendered text and
// a footer with the dateline and how far down the text is. It reads the
// article from its file and renders it in the background; n and p step
// through the list, r opens the reactions, esc goes back.
//
// A frame must cost next to nothing: the SSH server draws one for every
// key of every session. So everything is drawn when it changes, never in
// View: the text is split into rows once, centred and padded to the width
// (SetText, SetSize); the header, the footer and the placeholder are
// rendered when the article, width, styles or scroll percentage change.
// View only joins the rows on screen. The bubbles viewport holds the rows
// for its offset arithmetic and mouse wheel, but its View is never called:
// it would re-render the visible rows through Lip Gloss on every frame.
type readerScreen struct {
	c    *common
	list stepper

	width, height int

	// sum is the article shown; art is its full text once read.
	sum *library.Summary
	art *article.Article
	// reading is the read of the article's file (its error is shown in
	// place of the text), rendering the rendering awaited.
	reading, rendering fetch
	// key is the rendering the screen shows, or waits for when !ok.
	key renderKey
	ok  bool
	// stale says the rows shown while !ok are an earlier version's: the
	// file changed while open, and the old text stays on screen (at the
	// same place) until the new one is rendered.
	stale bool
	// changed is what became of the article's file while it was open:
	// "updated" or "removed" (it stays readable until closed), shown in
	// the footer.
	changed string
	// newText is the count of new articles the footer shows ("3 new").
	newText string
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
	// left is the footer's dateline, cut to leftRoom cells; leftW is its
	// width and leftFor the article it was cut for.
	left            string
	leftFor         *library.Summary
	leftRoom, leftW int

	// fresh says which reactions were new to the user when the article
	// was opened (the panel marks them; opening it makes them seen).
	fresh []bool
	// restoreScroll is where to scroll once the text is shown (the
	// position the user left it at, last time); -1 when done.
	restoreScroll int
	// seek is the words to scroll to once the text is shown (opened
	// from a search: the first row showing one of them); nil when done.
	seek []string
	// settling is set while a timer runs that saves the scroll position
	// (see listScreen.settle).
	settling bool

	// find is the search inside the article (/), typed in input.
	find  finder
	input textinput.Model
}

// newReaderScreen returns an empty reader stepping through list.
func newReaderScreen(c *common, list stepper) *readerScreen {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	r := &readerScreen{c: c, list: list, vp: vp, restoreScroll: -1, input: textinput.New()}
	r.input.Prompt = "/"
	fs := r.input.Styles()
	fs.Cursor.Blink = false
	r.input.SetStyles(fs)
	r.redraw()
	return r
}

// show shows s from the top: at once when its rendering is cached (the
// file is not even read), else once it is read and rendered.
func (r *readerScreen) show(s *library.Summary) tea.Cmd {
	if s != r.sum {
		r.reading.stop()
		r.find.clear()
		r.ok, r.stale, r.text, r.art = false, false, "", nil
		r.key = renderKey{}
		r.layoutRows()
	}
	r.sum, r.changed = s, ""
	r.seek = nil
	if sk, ok := r.list.(seeker); ok {
		r.seek = sk.seekTerms(s.ID)
	}
	r.vp.GotoTop()
	r.redraw()
	r.fresh = r.c.marks.newFlags(s)
	marked := r.c.marks.opened(r.c.ctx, s)
	return tea.Batch(r.sync(), marked, r.savePosition(true))
}

// savePosition records that the user reads this article (open) at the
// current scroll, or has left it.
func (r *readerScreen) savePosition(open bool) tea.Cmd {
	if r.sum == nil {
		return nil
	}
	return r.c.marks.position(r.c.ctx, state.Position{Article: r.sum.ID, Open: open, Scroll: r.vp.YOffset()})
}

// quitting implements quitter: the program ends with this article open.
func (r *readerScreen) quitting() { r.savePosition(true) }

// Article is the article shown, once read (nil before).
func (r *readerScreen) Article() *article.Article { return r.art }

// Typing implements typist: while the search term is typed.
func (r *readerScreen) Typing() bool { return r.find.typing }

// Title implements titled: the window is named after the headline.
func (r *readerScreen) Title() string {
	if r.sum == nil {
		return ""
	}
	return r.sum.Headline
}

// SetSize implements Screen: the whole width, and the rows above the
// status line (header, text, footer). The reader draws its own footer, so
// the status line is empty and the root gives its row to the text.
func (r *readerScreen) SetSize(width, height int) {
	width, height = max(width, 0), max(height, 0)
	if width == r.width && height == r.height {
		return
	}
	r.vp.SetHeight(rest(height, 2+headGap(height)))
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

// SetStyles implements restyler: the text is rendered again in the new
// Glamour style.
func (r *readerScreen) SetStyles(*Styles) tea.Cmd {
	r.redraw()
	return r.sync()
}

// want is the rendering the article needs at the screen's width: without
// the headline and dateline, which the header row and the footer show. It
// is of the version read, once the file has been read.
func (r *readerScreen) want() renderKey {
	tw, _ := textWidths(r.width)
	v := r.sum.Version
	if r.art != nil {
		v = r.art.Version
	}
	return renderKey{ID: r.sum.ID, Version: v, Width: tw, Style: render.Style(r.c.gstyle), Variant: render.Body}
}

// sync makes the screen show the article at the current width and style:
// from the cache at once, else once read and rendered. The file is read
// (once) either way: a cached rendering is of the version the library
// indexed, and reading the file checks that it is still the file's, so an
// edit shows as soon as the file is read.
func (r *readerScreen) sync() tea.Cmd {
	if r.sum == nil || r.width == 0 {
		return nil
	}
	var read tea.Cmd
	if r.art == nil && !r.reading.pending() {
		id, ctx := r.reading.start(r.c)
		read = openCmd(ctx, r.c.lib, id, r.sum)
	}
	k := r.want()
	if r.ok && r.key == k {
		return read
	}
	r.rendering.stop()
	if s, ok := r.c.renders.Get(k); ok {
		r.setText(k, s)
		return read
	}
	r.key, r.ok = k, false
	if !r.stale {
		r.text = ""
		r.layoutRows()
	}
	r.redraw()
	if r.art == nil {
		return read
	}
	return renderCmd(r.c, &r.rendering, r.art, k)
}

// setText shows s, the rendering k, keeping the scroll offset (a
// re-rendering after a resize or restyle stays where the user was).
func (r *readerScreen) setText(k renderKey, s string) {
	r.key, r.ok, r.stale, r.text = k, true, false, s
	r.layoutRows()
	switch {
	case r.restoreScroll >= 0:
		r.vp.SetYOffset(r.restoreScroll)
		r.restoreScroll = -1
	case len(r.seek) > 0 && k.ID != "": // a rendering, not an error
		if row, ok := r.findFirst(r.seek); ok {
			r.vp.SetYOffset(row)
		}
		r.seek = nil
	}
	r.redraw()
}

// findFirst is the first row of the text that shows one of terms,
// compared in lower case: each term whole first, then, for a phrase or a
// run of CJK text that the wrapping may have split across two rows, its
// beginning (its first word, or its first two characters).
func (r *readerScreen) findFirst(terms []string) (int, bool) {
	rows := make([]string, len(r.rows))
	for i, row := range r.rows {
		rows[i] = strings.ToLower(ansi.Strip(row))
	}
	find := func(t string) (int, bool) {
		if t == "" {
			return 0, false
		}
		for i, row := range rows {
			if strings.Contains(row, t) {
				return i, true
			}
		}
		return 0, false
	}
	best, found := 0, false
	for _, pass := range []func(string) string{strings.ToLower, termStart} {
		for _, t := range terms {
			if i, ok := find(pass(t)); ok && (!found || i < best) {
				best, found = i, true
			}
		}
		if found {
			return best, true
		}
	}
	return 0, false
}

// termStart is the beginning of a term that wrapping may have split: its
// first word, or the first two characters of Chinese, Japanese or Korean
// text (written without spaces, wrapped between any two characters).
func termStart(t string) string {
	t = strings.ToLower(t)
	if w, _, ok := strings.Cut(t, " "); ok {
		return w
	}
	if rs := []rune(t); len(rs) > 2 && unicode.In(rs[0], unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return string(rs[:2])
	}
	return ""
}

// layoutRows splits the text into drawn rows for the current width.
func (r *readerScreen) layoutRows() {
	_, margin := textWidths(r.width)
	r.rows = pageRows(indent(r.text, margin), r.width)
	off := r.vp.YOffset()
	r.vp.SetContentLines(r.rows)
	r.vp.SetYOffset(off)
	if r.find.term != "" {
		// New rows (a resize, a new rendering): the same term, found
		// again from where the user is.
		r.find.find(r.rows, r.find.term, r.vp.YOffset())
	}
}

// redraw renders the header, the placeholder and the footer.
func (r *readerScreen) redraw() {
	tw, margin := textWidths(r.width)
	pad := strings.Repeat(" ", margin)
	r.blank = strings.Repeat(" ", r.width)
	r.placeholder = fit(pad+r.c.st.Placeholder.Render("Rendering…"), r.width, 1)
	r.head = ""
	if r.sum != nil {
		// In line with the text below it.
		in := min(render.TextIndent, max(tw-1, 0))
		r.head = fit(pad+strings.Repeat(" ", in)+r.c.st.Header.Render(ansi.Truncate(display(r.sum.Headline), tw-in, "…")), r.width, 1)
	}
	r.leftFor = nil
	r.drawFoot()
}

// drawFoot renders the footer for the scroll percentage. The dateline,
// cut to the room the percentage leaves, is kept for the next percentage
// of the same length.
func (r *readerScreen) drawFoot() {
	r.pct = int(r.vp.ScrollPercent()*100 + 0.5)
	if r.sum == nil {
		r.foot = ""
		return
	}
	pct := strconv.Itoa(r.pct) + "%"
	if r.c.marks.bookmarked(r.sum.ID) {
		pct = "★ " + pct
	}
	if r.changed != "" {
		pct = r.changed + " · " + pct
	}
	// Articles that came meanwhile, as the list's status bar says.
	if r.newText = r.c.fresh.text(); r.newText != "" {
		pct = r.newText + " · " + pct
	}
	if st := r.find.status(); st != "" && r.find.active() {
		pct = st + " · " + pct
	}
	if room := max(r.width-ansi.StringWidth(pct)-1, 0); room != r.leftRoom || r.leftFor != r.sum {
		r.left = ansi.Truncate(display(r.sum.Dateline()), room, "…")
		r.leftRoom, r.leftFor, r.leftW = room, r.sum, ansi.StringWidth(r.left)
	}
	gap := max(r.width-r.leftW-ansi.StringWidth(pct), 1)
	r.foot = fit(r.c.st.Footer.Render(r.left+strings.Repeat(" ", gap)+pct), r.width, 1)
}

// Update implements Screen.
func (r *readerScreen) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = r.onKey(msg)
	case tea.MouseMsg:
		r.vp, _ = r.vp.Update(msg)
	case openedMsg:
		cmd = r.opened(msg)
	case renderedMsg:
		r.rendered(msg)
	case tea.WindowSizeMsg:
		cmd = r.sync()
	case scrolledMsg:
		if msg.r == r {
			r.settling = false
			if r.c.root.top() == Screen(r) {
				cmd = r.savePosition(true)
			}
		}
	}
	if pct := int(r.vp.ScrollPercent()*100 + 0.5); pct != r.pct {
		r.drawFoot()
	}
	return cmd
}

// key handles a key: the keys that leave the article, then the scrolling.
func (r *readerScreen) onKey(msg tea.KeyPressMsg) tea.Cmd {
	k := r.c.keys
	if r.find.typing {
		return r.findKey(msg)
	}
	switch {
	case key.Matches(msg, k.Back) && r.find.active():
		// esc ends the search first; a second one leaves the article.
		r.find.clear()
		r.drawFoot()
		return nil
	case r.find.active() && key.Matches(msg, k.FindNext):
		r.toMatch(r.find.step(1))
		return nil
	case r.find.active() && key.Matches(msg, k.FindPrev):
		r.toMatch(r.find.step(-1))
		return nil
	case key.Matches(msg, k.Find) && r.ok:
		r.find.typing = true
		r.input.SetValue(r.find.term)
		r.input.CursorEnd()
		r.input.SetWidth(max(r.width-2, 1))
		return r.input.Focus()
	case key.Matches(msg, k.CopyArticle):
		return r.copyArticle()
	case key.Matches(msg, k.Links):
		return r.openLinks()
	case key.Matches(msg, k.Back):
		return tea.Batch(r.savePosition(false), r.c.pop())
	case key.Matches(msg, k.ReaderBookmark):
		cmd, on := r.c.marks.toggleBookmark(r.c.ctx, r.sum.ID)
		if on {
			r.c.say("Bookmarked.")
		} else {
			r.c.say("Bookmark removed.")
		}
		r.redraw()
		return cmd
	case key.Matches(msg, k.PageDown) && r.ok && r.vp.AtBottom():
		// At the end of an article, the page key goes on to the next
		// unread one, as in newsboat and mutt.
		if s := r.list.nextUnread(r.sum.ID); s != nil {
			return r.show(s)
		}
		r.c.say("No more unread articles.")
		return nil
	case key.Matches(msg, k.Reactions):
		if r.sum == nil {
			return nil
		}
		p := newPanelScreen(r.c)
		r.c.push(p)
		p.fresh = r.fresh
		if r.art == nil {
			return p.load(r.sum)
		}
		p.setArticle(r.sum, r.art)
		return nil
	case key.Matches(msg, k.Next):
		return r.step(1)
	case key.Matches(msg, k.Prev):
		return r.step(-1)
	}
	if scroll.Viewport(&r.vp, msg, k.KeyMap) && !r.settling {
		r.settling = true
		return r.c.later(settleAfter, scrolledMsg{r: r})
	}
	return nil
}

// findKey handles a key while the search term is typed: the matches follow
// the term as it grows; enter keeps it, esc drops it.
func (r *readerScreen) findKey(msg tea.KeyPressMsg) tea.Cmd {
	k := r.c.keys
	switch {
	case key.Matches(msg, k.Cancel):
		r.find.clear()
		r.input.Blur()
		r.drawFoot()
		return nil
	case key.Matches(msg, k.Apply):
		r.find.typing = false
		r.input.Blur()
		if strings.TrimSpace(r.input.Value()) == "" {
			r.find.clear()
		}
		r.drawFoot()
		return nil
	}
	var cmd tea.Cmd
	r.input, cmd = r.input.Update(msg)
	if term := r.input.Value(); term != r.find.term {
		r.find.find(r.rows, term, r.vp.YOffset())
		r.find.typing = true
		if len(r.find.matches) > 0 {
			r.toMatch(r.find.matches[r.find.cur].row)
		}
	}
	return cmd
}

// toMatch scrolls so that row (a match's) is on screen, a third of the
// way down when it was not.
func (r *readerScreen) toMatch(row int) {
	if row < 0 {
		return
	}
	off, h := r.vp.YOffset(), r.vp.Height()
	if row < off || row >= off+h {
		r.vp.SetYOffset(max(row-h/3, 0))
	}
	r.drawFoot()
}

// scrolledMsg is the time for reader r to save its scroll position.
type scrolledMsg struct{ r *readerScreen }

// step opens the next (d=1) or previous (d=-1) article in list order.
func (r *readerScreen) step(d int) tea.Cmd {
	if r.sum == nil {
		return nil
	}
	if s := r.list.step(r.sum.ID, d); s != nil {
		return r.show(s)
	}
	if r.changed == changedRemoved {
		r.c.say("This article was removed from the library: " + r.c.keys.Back.Help().Key + " goes back to the list.")
	}
	return nil
}

// What became of an open article's file (readerScreen.changed).
const (
	changedUpdated = "updated"
	changedRemoved = "removed"
)

// SetSnapshot implements snapshotter: the footer counts the new articles
// again, and shows what became of the article open. Removed, it stays on
// screen (its text is read already, or still in the shared cache) marked
// "removed"; changed, it is read and rendered again in place, the old
// text kept on screen meanwhile and the scroll kept, marked "updated",
// and the reactions added since it was opened are new in its panel.
func (r *readerScreen) SetSnapshot(s *library.Snapshot) tea.Cmd {
	if r.sum == nil {
		return nil
	}
	if r.newText != r.c.fresh.text() {
		r.drawFoot()
	}
	ns, gone := editOf(s, r.sum)
	switch {
	case gone:
		if r.changed != changedRemoved {
			r.changed = changedRemoved
			r.drawFoot()
		}
		return nil
	case ns == nil && r.changed == changedRemoved:
		// Back as it was (renamed back, restored): nothing to read.
		r.changed = ""
		r.drawFoot()
		return nil
	case ns == nil:
		return nil
	}
	r.reading.stop()
	r.rendering.stop()
	r.stale = r.ok || r.stale
	r.fresh = freshAfterEdit(r.sum, r.fresh, ns)
	r.sum, r.art, r.changed = ns, nil, changedUpdated
	if r.restoreScroll < 0 {
		r.restoreScroll = r.vp.YOffset()
	}
	marked := r.c.marks.opened(r.c.ctx, ns)
	r.redraw()
	return tea.Batch(r.sync(), marked)
}

// opened takes the article read from its file, and renders it.
func (r *readerScreen) opened(msg openedMsg) tea.Cmd {
	if !r.reading.current(msg.id) || msg.s != r.sum {
		return nil
	}
	if msg.err != nil {
		r.setText(renderKey{}, r.c.readError(msg.s.Path, msg.err))
		return nil
	}
	r.art = msg.art
	return r.sync()
}

// rendered shows a finished rendering if it is the one awaited.
func (r *readerScreen) rendered(msg renderedMsg) {
	if !r.rendering.current(msg.id) || r.art == nil || r.ok || msg.key != r.key {
		return
	}
	text := msg.content
	if msg.err != nil {
		text = "Could not render this article: " + display(msg.err.Error())
	}
	r.setText(msg.key, text)
}

// Status implements Screen: the reader's footer is its status.
func (r *readerScreen) Status() string { return "" }

// View implements Screen: the header, the text and the footer, exactly as
// many rows as SetSize gave (fewer text rows first when there is no room),
// none wider than the width.
func (r *readerScreen) View() string {
	var f frame
	f.start(r.height, r.size())
	r.draw(&f)
	return f.String()
}

// shown is the text rows on screen.
func (r *readerScreen) shown() []string {
	if !r.ok && !r.stale {
		return nil
	}
	off := min(r.vp.YOffset(), len(r.rows))
	return r.rows[off:min(off+r.vp.Height(), len(r.rows))]
}

// size implements drawer.
func (r *readerScreen) size() int {
	n := len(r.head) + len(r.foot) + r.height + max(r.vp.Height(), 1)*len(r.blank)
	for _, l := range r.shown() {
		n += len(l)
	}
	return n
}

// draw implements drawer.
func (r *readerScreen) draw(f *frame) {
	if r.width <= 0 {
		f.row("")
		return
	}
	f.part(r.height, r.drawRows)
}

// drawRows adds the header, the text rows and the footer to f.
func (r *readerScreen) drawRows(f *frame) {
	if r.sum == nil {
		return
	}
	f.row(r.head)
	f.rows(headGap(r.height), "")
	switch textRows := r.vp.Height(); {
	case textRows == 0:
		// No room for text: an empty row between header and footer,
		// as an empty text would be.
		f.row("")
	case !r.ok && !r.stale:
		f.row(r.placeholder)
		f.rows(textRows-1, "")
	default:
		shown := r.shown()
		off := min(r.vp.YOffset(), len(r.rows))
		for i, l := range shown {
			if r.find.term != "" {
				l = r.find.row(r.rows, off+i)
			}
			f.row(l)
		}
		f.rows(textRows-len(shown), r.blank)
	}
	if r.find.typing {
		f.row(fit(r.input.View(), r.width, 1))
		return
	}
	f.row(r.foot)
}

// headGap is the blank rows under the reader's header: one, unless the
// screen is so low that every row should show text.
func headGap(height int) int {
	if height >= 6 {
		return 1
	}
	return 0
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

// ShortHelp implements help.KeyMap: the keys of a search when one is
// typed or in force, the reader's otherwise.
func (r *readerScreen) ShortHelp() []key.Binding {
	k := r.c.keys
	switch {
	case r.find.typing:
		return []key.Binding{k.Apply, k.Cancel, k.ForceQuit}
	case r.find.active():
		clear := k.Back
		clear.SetHelp(clear.Help().Key, "clear search")
		return []key.Binding{k.FindNext, k.FindPrev, clear, k.Down, k.Up, k.PageDown, k.Help, k.Quit}
	}
	return []key.Binding{k.Down, k.Up, k.PageDown, k.Next, k.Prev, k.Find, k.Reactions, k.ReaderBookmark, k.Back, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (r *readerScreen) FullHelp() [][]key.Binding {
	k := r.c.keys
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom},
		{k.Next, k.Prev, k.Reactions, k.ReaderBookmark, k.Back},
		{k.Find, k.FindNext, k.FindPrev, k.CopyArticle, k.Links},
		{k.Help, k.Quit, k.ForceQuit},
	}
}
