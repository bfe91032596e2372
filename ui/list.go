package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
	"github.com/newsdesk/newsdesk/state"
)

// listTop is the number of rows above the first list row (the top bar and
// a blank row); mouse clicks are mapped to rows with it.
const listTop = 2

// itemRows and itemGap are a list item's rows (headline, metadata) and the
// blank rows after it.
const itemRows, itemGap = 2, 1

// listSorts are the orders `s` cycles through.
var listSorts = []library.Sort{library.ByDate, library.ByHeadline, library.ByReactions}

// listView is which articles the list shows; `u` cycles through them.
type listView int

const (
	viewAll listView = iota
	viewUnread
	viewBookmarked
	views
)

// String is the view's name, as the state store keeps it.
func (v listView) String() string {
	switch v {
	case viewUnread:
		return "unread"
	case viewBookmarked:
		return "bookmarked"
	}
	return "all"
}

// parseView is the view named s (as String writes it), or all.
func parseView(s string) listView {
	for v := range views {
		if v.String() == s {
			return v
		}
	}
	return viewAll
}

// parseSort is the index in listSorts of the order named s, or 0.
func parseSort(s string) int {
	for i, o := range listSorts {
		if o.String() == s {
			return i
		}
	}
	return 0
}

// listScreen is the bottom of the stack: every article of the snapshot,
// two rows each, in the chosen order or as the filter ranks them, with a
// top bar, a status line and, in a wide terminal, a preview of the
// selected article.
//
// The list owns its rows and its paging (pager), so a frame is a join of
// rows drawn when they changed: the SSH server draws a frame for every key
// of every session. The order shown is the snapshot's own (shared by every
// reader, never copied) unless a filter is in force.
type listScreen struct {
	c *common

	width, height int
	// lw and lh are the list pane's size (the preview takes the rest of a
	// wide terminal; the top bar and its blank row take two rows).
	lw, lh int

	snap *library.Snapshot
	sort int // index in listSorts
	// shows is which articles the view holds: all, unread, bookmarked.
	shows listView
	// view is what the list shows: indexes into snap, the snapshot's
	// order or the filter's ranking.
	view []int32
	pg   pager
	// moved is set once the user moves the cursor: until then a new
	// snapshot (more articles streaming in) keeps it on the top row, and
	// after it keeps it on the article it was on (sel).
	moved bool
	sel   *library.Summary
	// anchored is set by a snapshot that comes after the first load: the
	// article under the cursor is then the one the user is on, even if
	// they never moved (a new article above must not take its row). It
	// is not moved: the place the user left last time is still restored.
	anchored bool
	// restore is the article the user was on when the reader last ended
	// (and reopen whether it was open, at scroll), until it has loaded
	// or the user moves first.
	restore       article.ID
	reopen        bool
	restoreScroll int
	// asking is set while the list asks whether to mark what it shows
	// read (M); asked is how many that is.
	asking bool
	asked  int
	// settling is set while a timer runs that saves the cursor's place:
	// at most one save per settleAfter, the last within settleAfter of
	// the last move.
	settling bool

	flt filterState

	spinner spinner.Model

	// page is the page of the list as drawn; top and status are the top
	// bar and the status line as drawn, from chrome.
	page   *listPage
	top    string
	status string
	chrome chromeKey

	pv preview
}

// newListScreen returns the list of the session's library, empty until the
// first snapshot.
func newListScreen(c *common) *listScreen {
	l := &listScreen{c: c, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
	l.flt.input = textinput.New()
	l.flt.input.Prompt = "Filter: "
	l.applyStyles()
	l.setSnapshot(c.snap)
	return l
}

// Init starts the loading spinner.
func (l *listScreen) Init() tea.Cmd { return l.spinner.Tick }

// applyStyles restyles the parts that keep a style of their own.
func (l *listScreen) applyStyles() {
	// A steady filter cursor: a blinking one redraws twice a second for
	// every reader on a shared server.
	fs := l.flt.input.Styles()
	fs.Cursor.Blink = false
	l.flt.input.SetStyles(fs)
	l.spinner.Style = l.c.st.Status
}

// SetStyles implements restyler.
func (l *listScreen) SetStyles(*Styles) tea.Cmd {
	l.applyStyles()
	l.page, l.pv.drawn = nil, nil
	cmd := l.syncPreview()
	l.redraw()
	return cmd
}

// SetSize implements Screen: the list pane and the preview share the width.
func (l *listScreen) SetSize(width, height int) {
	l.width, l.height = max(width, 0), max(height, 0)
	l.lw, _ = splitWidths(l.width, l.c.split)
	l.lh = rest(l.height, listTop)
	l.flt.input.SetWidth(max(l.lw-ansi.StringWidth(l.flt.input.Prompt)-3, 1))
	l.repage()
	l.redraw()
}

// repage fits the pager to the view and the pane.
func (l *listScreen) repage() {
	l.pg = l.pg.resize(len(l.view), perPageFor(l.lh, itemRows+itemGap))
}

// SetIndexing implements indexWatcher: the status bar shows the build.
func (l *listScreen) SetIndexing(search.ProgressState) tea.Cmd {
	l.redraw()
	return nil
}

// SetSnapshot implements snapshotter: the new articles take their places
// (marked new once the first load has ended); the cursor stays on the top
// row while the first load streams in, unless the user moved it, and on
// its article after that. Nothing re-sorts around it: the order is the
// snapshot's, with the new articles where they belong.
func (l *listScreen) SetSnapshot(s *library.Snapshot) tea.Cmd {
	cmd := l.setSnapshot(s)
	return tea.Batch(cmd, l.restoreCmd(), l.syncPreview())
}

func (l *listScreen) setSnapshot(s *library.Snapshot) tea.Cmd {
	old := l.snap
	l.snap = s
	l.c.fresh.update(old, s)
	if old != nil && !old.Loading() && l.sel != nil {
		l.anchored = true
	}
	cmd := l.refresh()
	l.redraw()
	return cmd
}

// refresh shows the articles again after the snapshot, the sort or the
// view changed: the filter's matches again, or the new order.
func (l *listScreen) refresh() tea.Cmd {
	l.page = nil
	if l.flt.applied() {
		return l.refilter(true)
	}
	l.show(l.order())
	return nil
}

// order is the snapshot's order for the sort in force, holding only what
// the view shows (a copy then, the user's own; else the snapshot's order,
// shared).
func (l *listScreen) order() []int32 {
	if l.snap == nil {
		return nil
	}
	all := l.snap.Order(listSorts[l.sort])
	if l.shows == viewAll {
		return all
	}
	keep := l.c.marks.read
	want := false
	if l.shows == viewBookmarked {
		keep, want = l.c.marks.bookmarked, true
	}
	out := make([]int32, 0, len(all)/4)
	for _, i := range all {
		if keep(l.snap.At(int(i)).ID) == want {
			out = append(out, i)
		}
	}
	return out
}

// show makes view what the list shows, keeping the cursor on the top row
// or on the article the user chose.
func (l *listScreen) show(view []int32) {
	l.view = view
	l.repage()
	i := 0
	if (l.moved || l.anchored) && l.sel != nil {
		// Gone (removed, or no longer shown): the row it was on, so
		// that the cursor does not jump to the top of a long list.
		i = l.pg.index()
		if j, ok := l.snap.FindSummary(l.sel); ok {
			if p := library.Position(view, j); p >= 0 {
				i = p
			}
		}
	}
	l.pg = l.pg.selected(i)
	l.rememberSelection()
}

// restoreCmd puts the cursor on the article the user was on last time, if
// it has loaded and the user has not moved since, and opens it again if it
// was open.
func (l *listScreen) restoreCmd() tea.Cmd {
	if l.restore == "" || l.snap == nil {
		return nil
	}
	if l.moved {
		l.restore = ""
		return nil
	}
	j, ok := l.snap.Find(l.restore)
	if !ok {
		return nil // not loaded yet: the next snapshot may have it
	}
	p := library.Position(l.view, j)
	if p < 0 {
		l.restore = ""
		return nil
	}
	l.restore = ""
	l.pg = l.pg.selected(p)
	l.moved = true
	l.rememberSelection()
	if !l.reopen {
		return l.syncPreview()
	}
	r := newReaderScreen(l.c, l)
	r.restoreScroll = l.restoreScroll
	l.c.push(r)
	return r.show(l.selected())
}

// restored takes the user's state as loaded: the sort and view they left,
// and the article to go back to.
func (l *listScreen) restored(st *state.State) tea.Cmd {
	l.sort, l.shows = parseSort(st.ListView.Sort), parseView(st.ListView.View)
	l.restore, l.reopen, l.restoreScroll = st.Position.Article, st.Position.Open, st.Position.Scroll
	return tea.Batch(l.refresh(), l.restoreCmd(), l.syncPreview())
}

// rememberSelection notes the article under the cursor, which the user
// has now seen: it is not new any more.
func (l *listScreen) rememberSelection() {
	l.sel = l.selected()
	if l.sel != nil {
		l.c.fresh.seen(l.sel.ID)
	}
}

// selected is the article under the cursor, or nil.
func (l *listScreen) selected() *library.Summary {
	i := l.pg.index()
	if l.snap == nil || i >= len(l.view) {
		return nil
	}
	return l.snap.At(int(l.view[i]))
}

// Typing implements typist: while typing a filter, and while asking a
// question (q and ? are not answers).
func (l *listScreen) Typing() bool { return l.flt.typing || l.asking }

// Update implements Screen.
func (l *listScreen) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = l.key(msg)
	case tea.MouseMsg:
		cmd = l.mouse(msg)
	case spinner.TickMsg:
		if l.snap == nil || l.snap.Loading() {
			l.spinner, cmd = l.spinner.Update(msg)
		}
	case filteredMsg:
		cmd = l.filtered(msg)
	case stateMsg:
		cmd = l.restored(l.c.marks.st)
	case settledMsg:
		l.settling = false
		cmd = l.savePosition()
	case openedMsg:
		cmd = l.pv.opened(l.c, msg)
	case renderedMsg:
		l.pv.rendered(msg)
	case tea.WindowSizeMsg:
		cmd = l.syncPreview()
	default:
		if l.flt.typing {
			// The input's own messages (cursor blinks).
			l.flt.input, cmd = l.flt.input.Update(msg)
		}
	}
	l.redraw()
	return cmd
}

// key handles a key press.
func (l *listScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := l.c.keys
	l.flt.openOnResult = false // another key came first
	switch {
	case l.flt.typing:
		return l.filterKey(msg)
	case l.asking:
		return l.answer(msg)
	}
	switch {
	case key.Matches(msg, k.Open) && l.flt.matching.pending():
		l.flt.openOnResult = true
		return nil
	case key.Matches(msg, k.Open):
		return l.open(l.selected())
	case key.Matches(msg, k.Reactions):
		return l.openPanel(l.selected())
	case key.Matches(msg, k.Commentators):
		s, cmd := newCommentatorsScreen(l.c)
		l.c.push(s)
		return cmd
	case key.Matches(msg, k.Sort):
		l.sort = (l.sort + 1) % len(listSorts)
		return tea.Batch(l.reorder(), l.saveListView())
	case key.Matches(msg, k.Problems):
		if l.snap != nil && len(l.snap.Problems()) > 0 {
			l.c.push(newProblemsScreen(l.c, l.snap.Problems()))
		}
		return nil
	case key.Matches(msg, k.Search):
		if err := l.c.searchOff(); err != nil {
			l.c.say(searchUnavailable(err))
			return nil
		}
		l.c.push(newSearchScreen(l.c))
		return nil
	case key.Matches(msg, k.Rescan):
		return l.rescan()
	case key.Matches(msg, k.Filter):
		l.flt.typing = true
		l.flt.input.CursorEnd()
		return l.flt.input.Focus()
	case key.Matches(msg, k.Clear) && l.flt.applied():
		return l.clearFilter()
	case key.Matches(msg, k.Bookmark):
		return l.toggleBookmark()
	case key.Matches(msg, k.ToggleRead):
		if s := l.selected(); s != nil {
			return l.c.marks.setRead(l.c.ctx, !l.c.marks.read(s.ID), s.ID)
		}
		return nil
	case key.Matches(msg, k.MarkAllRead):
		if n := l.unreadShown(); n > 0 {
			l.asking, l.asked = true, n
		} else {
			l.c.say("Everything shown is read already.")
		}
		return nil
	case key.Matches(msg, k.View):
		l.shows = (l.shows + 1) % views
		return tea.Batch(l.reorder(), l.saveListView())
	}
	if l.move(msg) {
		return tea.Batch(l.syncPreview(), l.settle())
	}
	return nil
}

// reorder shows the articles again after the sort or the view changed.
func (l *listScreen) reorder() tea.Cmd {
	l.moved = l.moved || l.pg.index() > 0
	return tea.Batch(l.refresh(), l.syncPreview())
}

// toggleBookmark adds or removes the selected article's bookmark.
func (l *listScreen) toggleBookmark() tea.Cmd {
	s := l.selected()
	if s == nil {
		return nil
	}
	cmd, on := l.c.marks.toggleBookmark(l.c.ctx, s.ID)
	if on {
		l.c.say("Bookmarked: " + display(s.Headline))
	} else {
		l.c.say("Bookmark removed: " + display(s.Headline))
	}
	return cmd
}

// unreadShown is how many of the articles shown are unread.
func (l *listScreen) unreadShown() int {
	n := 0
	for _, i := range l.view {
		if !l.c.marks.read(l.snap.At(int(i)).ID) {
			n++
		}
	}
	return n
}

// answer takes the answer to "mark N articles read?".
func (l *listScreen) answer(msg tea.KeyPressMsg) tea.Cmd {
	k := l.c.keys
	switch {
	case key.Matches(msg, k.Yes):
		l.asking = false
		ids := make([]article.ID, 0, l.asked)
		for _, i := range l.view {
			ids = append(ids, l.snap.At(int(i)).ID)
		}
		l.c.say("Marked " + plural(l.asked, "article") + " read.")
		return l.c.marks.setRead(l.c.ctx, true, ids...)
	case key.Matches(msg, k.No):
		l.asking = false
	}
	return nil
}

// settledMsg is the time to save the cursor's place.
type settledMsg struct{}

// settleAfter is how often, at most, a moving cursor's or scroll's place
// is saved: a key held down must not be a write per row.
const settleAfter = 1500 * time.Millisecond

// settle saves the cursor's place settleAfter from now, unless a save is
// on its way already.
func (l *listScreen) settle() tea.Cmd {
	if l.settling {
		return nil
	}
	l.settling = true
	return l.c.later(settleAfter, settledMsg{})
}

// savePosition records the article under the cursor.
func (l *listScreen) savePosition() tea.Cmd {
	if s := l.selected(); s != nil {
		return l.c.marks.position(l.c.ctx, state.Position{Article: s.ID})
	}
	return nil
}

// saveListView records the sort and view.
func (l *listScreen) saveListView() tea.Cmd {
	return l.c.marks.listView(l.c.ctx, state.ListView{Sort: listSorts[l.sort].String(), View: l.shows.String()})
}

// quitting implements quitter: where the cursor is, unless the reader
// (above) says where the user is.
func (l *listScreen) quitting() {
	if l.c.root.top() == Screen(l) {
		l.savePosition()
	}
}

// move moves the cursor for the navigation keys and reports whether the
// key was one of them.
func (l *listScreen) move(msg tea.KeyPressMsg) bool {
	k := l.c.keys
	pg, ok := k.movePager(l.pg, msg, k.PrevPage, k.NextPage)
	if !ok {
		return false
	}
	l.pg = pg
	l.moved = true
	l.rememberSelection()
	return true
}

// mouse handles the wheel and clicks: the wheel moves the cursor, a click
// selects a row and a click on the selected row opens it.
func (l *listScreen) mouse(msg tea.MouseMsg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.pg = l.pg.up()
		case tea.MouseWheelDown:
			l.pg = l.pg.down()
		default:
			return nil
		}
		l.moved = true
		l.rememberSelection()
		return tea.Batch(l.syncPreview(), l.settle())
	case tea.MouseClickMsg:
		mo := msg.Mouse()
		row, ok := itemAt(mo.Y-listTop, itemRows, itemGap, l.pg.perPage)
		if mo.Button != tea.MouseLeft || mo.X >= l.lw || !ok {
			return nil
		}
		start, end := l.pg.bounds()
		i := start + row
		if i >= end {
			return nil
		}
		if i == l.pg.index() {
			return l.open(l.selected())
		}
		l.pg = l.pg.selected(i)
		l.moved = true
		l.rememberSelection()
		return l.syncPreview()
	}
	return nil
}

// open reads s in the reader, which steps through the list with n and p.
func (l *listScreen) open(s *library.Summary) tea.Cmd {
	if s == nil {
		return nil
	}
	r := newReaderScreen(l.c, l)
	l.c.push(r)
	return r.show(s)
}

// nextUnread is the first unread article after id in the list's order,
// with the cursor moved to it, or nil.
func (l *listScreen) nextUnread(id article.ID) *library.Summary {
	j, ok := l.snap.Find(id)
	if !ok {
		return nil
	}
	for p := library.Position(l.view, j) + 1; p > 0 && p < len(l.view); p++ {
		if s := l.snap.At(int(l.view[p])); !l.c.marks.read(s.ID) {
			l.pg = l.pg.selected(p)
			l.moved = true
			l.rememberSelection()
			l.redraw()
			return s
		}
	}
	return nil
}

// openPanel shows s's reactions.
func (l *listScreen) openPanel(s *library.Summary) tea.Cmd {
	if s == nil {
		return nil
	}
	p := newPanelScreen(l.c)
	l.c.push(p)
	return p.load(s)
}

// step moves the cursor d rows from the article id (the reader's n and p)
// and returns the article there, or nil at either end.
func (l *listScreen) step(id article.ID, d int) *library.Summary {
	j, ok := l.snap.Find(id)
	if !ok {
		return nil
	}
	cur := library.Position(l.view, j)
	p := cur + d
	if cur < 0 || p < 0 || p >= len(l.view) {
		return nil
	}
	l.pg = l.pg.selected(p)
	l.moved = true
	l.rememberSelection()
	l.redraw()
	return l.selected()
}

// Status implements Screen.
func (l *listScreen) Status() string { return l.status }

// View implements Screen.
func (l *listScreen) View() string {
	var f frame
	f.start(l.height, l.size())
	l.draw(&f)
	return f.String()
}

// size implements drawer.
func (l *listScreen) size() int {
	n := l.height * (l.lw + 64)
	if l.pv.drawn != nil {
		n += l.pv.drawn.bytes + l.height*(l.pv.drawn.widest+16)
	}
	return n
}

// draw implements drawer.
func (l *listScreen) draw(f *frame) {
	f.part(l.height, l.drawBody)
}

// ShortHelp implements help.KeyMap.
func (l *listScreen) ShortHelp() []key.Binding {
	if l.asking {
		return l.c.keys.confirmHelp().short
	}
	if l.flt.typing {
		return l.c.keys.filterHelp().short
	}
	return l.c.keys.listShortHelp(l.flt.applied())
}

// FullHelp implements help.KeyMap.
func (l *listScreen) FullHelp() [][]key.Binding {
	if l.asking {
		return l.c.keys.confirmHelp().full
	}
	if l.flt.typing {
		return l.c.keys.filterHelp().full
	}
	return l.c.keys.listHelp(l.flt.applied()).full
}

// chromeKey is what the top bar and status line are drawn from; the
// filter input's own state counts only while typing, when the top bar is
// drawn on every Update.
type chromeKey struct {
	st              *Styles
	width           int
	filter          string
	all, shown      int
	errs, warns     int
	loading, typing bool
	matching        bool
	asking          bool
	asked           int
	spin            string
	sort            int
	shows           listView
	// fresh is the new articles' count as shown ("3 new").
	fresh string
	// indexed of indexTotal articles are in the search index, while it
	// is behind (both 0 otherwise).
	indexed, indexTotal int
}

// redraw draws what the next frames need and did not have: the chrome,
// the page of the list and the preview's rows.
func (l *listScreen) redraw() {
	l.drawChrome()
	l.drawPage()
	l.pv.draw(l)
}

// drawChrome draws the top bar and status line unless drawn from the same
// state.
func (l *listScreen) drawChrome() {
	k := chromeKey{st: l.c.st, width: l.width, filter: l.flt.term, shown: len(l.view), sort: l.sort, typing: l.flt.typing,
		matching: l.flt.matching.pending(), asking: l.asking, asked: l.asked, shows: l.shows, fresh: l.c.fresh.text()}
	if l.snap != nil {
		k.all, k.loading = l.snap.Len(), l.snap.Loading()
		k.errs, k.warns = countProblems(l.snap.Problems())
	}
	if k.loading {
		k.spin = l.spinner.View()
	}
	if ix := l.c.indexing; ix.Building() {
		k.indexed, k.indexTotal = ix.Done, ix.Total
	}
	if k == l.chrome && !l.flt.typing {
		return
	}
	l.chrome = k
	l.top = l.topBar()
	l.status = l.statusLine(k)
}

// countProblems is the number of errors and of warnings in ps.
func countProblems(ps []article.Problem) (errs, warns int) {
	for _, p := range ps {
		if p.Severity == article.SeverityWarning {
			warns++
		} else {
			errs++
		}
	}
	return errs, warns
}

// topBar is the line above the list: the title, the filter being typed,
// or the filter in force.
func (l *listScreen) topBar() string {
	st := l.c.st
	switch {
	case l.flt.typing:
		return fit("  "+l.flt.input.View(), l.lw, 1)
	case l.flt.applied():
		return fit("  "+st.Header.Render("newsdesk")+st.Status.Render(" · filter: "+l.flt.term+" · esc clears"), l.lw, 1)
	}
	return fit("  "+st.Header.Render("newsdesk"), l.lw, 1)
}

// statusLine is the list's status bar.
func (l *listScreen) statusLine(k chromeKey) string {
	st := l.c.st
	if k.asking {
		return st.StatusWarn.Render("Mark " + plural(k.asked, "article") + " shown read? y/n")
	}
	parts := []string{plural(k.all, "article")}
	if k.loading {
		parts[0] = k.spin + " loading… " + parts[0]
	}
	if k.fresh != "" {
		parts = append(parts, k.fresh)
	}
	if k.indexed < k.indexTotal {
		parts = append(parts, indexingText(k.indexed, k.indexTotal))
	}
	switch {
	case l.flt.applied() && k.matching:
		// The list still shows the previous result: its count would be
		// a wrong figure for the term on screen.
		parts = append(parts, "matching…")
	case l.flt.applied() || k.shows != viewAll:
		parts = append(parts, strconv.Itoa(k.shown)+" shown")
	}
	if k.shows != viewAll {
		parts = append(parts, k.shows.String()+" only")
	}
	s := st.Status.Render(strings.Join(parts, " · "))
	// Errors are problems; warnings alone are mentioned more quietly.
	switch {
	case k.errs > 0:
		s += st.Status.Render(" · ") + st.StatusWarn.Render(plural(k.errs, "problem")+" · press ! to see them")
	case k.warns > 0:
		s += st.Status.Render(" · " + plural(k.warns, "warning") + " · press ! to see them")
	}
	return s + st.Status.Render(" · sorted by "+listSorts[k.sort].String())
}

// plural is "1 article" or "N articles".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
