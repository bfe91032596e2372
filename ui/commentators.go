package ui

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/library"
)

// commentatorsScreen is every commentator across the library (c from the
// list): two rows each, the name and roles, then the number of reactions
// and the latest story, most reactions first or by name (s), filtered
// with / as the list is and paged as it is (pager). enter opens a
// commentator's reactions across stories (cardsScreen).
//
// The commentator index is the library's, built once per snapshot and
// shared by every reader (Snapshot.Commentators). Building it takes tens
// of milliseconds at 100,000 articles, so when the snapshot has none yet
// the screen opens at once saying "Gathering commentators…" and a Cmd
// builds it; a snapshot that comes while it is built is gathered next,
// and the one shown stays on screen meanwhile.
type commentatorsScreen struct {
	c *common

	width, height int
	// lh is the list pane's height (the top bar and its blank row take
	// two rows).
	lh int

	// snap is the snapshot idx is of; idx is nil until gathered.
	snap *library.Snapshot
	idx  *library.Commentators
	// gathering is the build awaited, for want (a newer snapshot that
	// came meanwhile is gathered once it is done).
	gathering fetch
	want      *library.Snapshot

	byName bool
	// order is the commentators in the order chosen (indexes for
	// idx.At; for the count order, made once per index); view is what
	// is shown: order, or the filter's ranking.
	order, counts []int32
	view          []int32
	pg            pager
	// selKey is the commentator under the cursor (by normalised name),
	// kept when the view or the snapshot changes once the user has
	// moved.
	selKey string
	moved  bool

	flt filterState

	// top, rows and status are the screen as drawn (redraw).
	top    string
	rows   []string
	status string
}

// commentatorRows and commentatorGap are a commentator's rows (name and
// roles, then count and latest story) and the blank row after them.
const commentatorRows, commentatorGap = 2, 1

// newCommentatorsScreen returns the commentators of the session's latest
// snapshot and the Cmd that gathers them if the snapshot has no index yet.
func newCommentatorsScreen(c *common) (*commentatorsScreen, tea.Cmd) {
	s := &commentatorsScreen{c: c}
	s.flt.input = textinput.New()
	s.flt.input.Prompt = "Filter: "
	s.applyStyles()
	cmd := s.gather(c.snap)
	s.redraw()
	return s, cmd
}

// gatheredMsg is a snapshot's commentator index, built for the fetch id.
type gatheredMsg struct {
	id   uint64
	snap *library.Snapshot
	idx  *library.Commentators
}

// gatherCmd builds snap's commentator index off the UI goroutine. The
// build itself is not cancelled with ctx: it is the snapshot's, for every
// reader, once.
func gatherCmd(ctx context.Context, id uint64, snap *library.Snapshot) tea.Cmd {
	return func() tea.Msg {
		if ctx.Err() != nil {
			return nil
		}
		return gatheredMsg{id: id, snap: snap, idx: snap.Commentators()}
	}
}

// gather shows snap's commentators: at once when its index is built,
// else once a Cmd has built it. While one is being built, a newer
// snapshot waits for it.
func (s *commentatorsScreen) gather(snap *library.Snapshot) tea.Cmd {
	if snap == nil {
		return nil
	}
	if idx, ok := snap.CommentatorsReady(); ok {
		s.gathering.stop()
		s.want = nil
		s.setIndex(snap, idx)
		return s.refilter(true)
	}
	s.want = snap
	if s.gathering.pending() {
		return nil
	}
	id, ctx := s.gathering.start(s.c)
	return gatherCmd(ctx, id, snap)
}

// gathered takes a built index, and gathers the newest snapshot next if
// one came meanwhile.
func (s *commentatorsScreen) gathered(msg gatheredMsg) tea.Cmd {
	if !s.gathering.current(msg.id) {
		return nil
	}
	next := s.want
	s.want = nil
	s.setIndex(msg.snap, msg.idx)
	cmd := s.refilter(true)
	if next != nil && next != msg.snap {
		return tea.Batch(cmd, s.gather(next))
	}
	return cmd
}

// setIndex shows idx, the index of snap, in the order chosen.
func (s *commentatorsScreen) setIndex(snap *library.Snapshot, idx *library.Commentators) {
	s.snap, s.idx = snap, idx
	s.counts = make([]int32, idx.Len())
	for i := range s.counts {
		s.counts[i] = int32(i)
	}
	s.setOrder()
}

// setOrder takes the order chosen (count or name).
func (s *commentatorsScreen) setOrder() {
	s.order = s.counts
	if s.byName && s.idx != nil {
		s.order = s.idx.ByName()
	}
}

// SetSnapshot implements snapshotter: the new snapshot's commentators
// replace the ones shown once gathered.
func (s *commentatorsScreen) SetSnapshot(snap *library.Snapshot) tea.Cmd { return s.gather(snap) }

// applyStyles restyles the filter input (a steady cursor, as the list's).
func (s *commentatorsScreen) applyStyles() {
	fs := s.flt.input.Styles()
	fs.Cursor.Blink = false
	s.flt.input.SetStyles(fs)
}

// SetStyles implements restyler.
func (s *commentatorsScreen) SetStyles(*Styles) tea.Cmd {
	s.applyStyles()
	s.redraw()
	return nil
}

// SetSize implements Screen.
func (s *commentatorsScreen) SetSize(width, height int) {
	s.width, s.height = max(width, 0), max(height, 0)
	s.lh = rest(s.height, listTop)
	s.flt.input.SetWidth(max(s.width-ansi.StringWidth(s.flt.input.Prompt)-3, 1))
	s.repage()
	s.redraw()
}

// repage fits the pager to the view and the pane.
func (s *commentatorsScreen) repage() {
	s.pg = s.pg.resize(len(s.view), perPageFor(s.lh, commentatorRows+commentatorGap))
}

// show makes view what the screen shows, the cursor on the top row or on
// the commentator the user moved to.
func (s *commentatorsScreen) show(view []int32) {
	s.view = view
	s.repage()
	i := 0
	if s.moved && s.selKey != "" {
		for p, j := range view {
			if s.idx.At(int(j)).Key == s.selKey {
				i = p
				break
			}
		}
	}
	s.pg = s.pg.selected(i)
	s.rememberSelection()
}

// rememberSelection notes the commentator under the cursor.
func (s *commentatorsScreen) rememberSelection() {
	if p := s.selected(); p != nil {
		s.selKey = p.Key
	}
}

// selected is the commentator under the cursor, or nil.
func (s *commentatorsScreen) selected() *library.Commentator {
	i := s.pg.index()
	if s.idx == nil || i >= len(s.view) {
		return nil
	}
	return s.idx.At(int(s.view[i]))
}

// Typing implements typist.
func (s *commentatorsScreen) Typing() bool { return s.flt.typing }

// Update implements Screen.
func (s *commentatorsScreen) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		cmd = s.key(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			s.moveTo(s.pg.up())
		case tea.MouseWheelDown:
			s.moveTo(s.pg.down())
		}
	case tea.MouseClickMsg:
		cmd = s.click(msg)
	case gatheredMsg:
		cmd = s.gathered(msg)
	case commentatorsFilteredMsg:
		cmd = s.filtered(msg)
	default:
		if s.flt.typing {
			s.flt.input, cmd = s.flt.input.Update(msg)
		}
	}
	s.redraw()
	return cmd
}

// key handles a key press.
func (s *commentatorsScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.keys
	s.flt.openOnResult = false // another key came first
	if s.flt.typing {
		return s.filterKey(msg)
	}
	switch {
	case key.Matches(msg, k.CommentatorOpen) && s.flt.matching.pending():
		s.flt.openOnResult = true
		return nil
	case key.Matches(msg, k.Back):
		if s.flt.applied() {
			return s.clearFilter()
		}
		s.gathering.stop()
		s.flt.matching.stop()
		return s.c.pop()
	case key.Matches(msg, k.CommentatorOpen):
		return s.open(s.selected())
	case key.Matches(msg, k.CommentatorSort):
		s.byName = !s.byName
		s.moved = s.moved || s.pg.index() > 0
		s.setOrder()
		return s.refilter(true)
	case key.Matches(msg, k.CommentatorFilter):
		s.flt.typing = true
		s.flt.input.CursorEnd()
		return s.flt.input.Focus()
	}
	if pg, ok := k.movePager(s.pg, msg, k.PrevPage, k.NextPage); ok {
		s.moveTo(pg)
	}
	return nil
}

// moveTo puts the cursor where pg says, as the user moved it.
func (s *commentatorsScreen) moveTo(pg pager) {
	s.pg = pg
	s.moved = true
	s.rememberSelection()
}

// click selects the commentator under a left click, and opens the one
// selected already.
func (s *commentatorsScreen) click(msg tea.MouseClickMsg) tea.Cmd {
	mo := msg.Mouse()
	row, ok := itemAt(mo.Y-listTop, commentatorRows, commentatorGap, s.pg.perPage)
	if mo.Button != tea.MouseLeft || !ok {
		return nil
	}
	start, end := s.pg.bounds()
	if i := start + row; i < end {
		if i == s.pg.index() {
			return s.open(s.selected())
		}
		s.moveTo(s.pg.selected(i))
	}
	return nil
}

// open shows p's reactions across stories.
func (s *commentatorsScreen) open(p *library.Commentator) tea.Cmd {
	if p == nil {
		return nil
	}
	return s.c.openCards(s.snap, p)
}

// commentatorsFilteredMsg is the commentators matching term (see
// filteredMsg).
type commentatorsFilteredMsg struct {
	id      uint64
	term    string
	ranked  []int32
	matched []int32
}

// refilter shows the order chosen, matched against the filter's term
// when there is one: over the previous matches when the term only grew
// (and the index and order are the same), else over the whole order.
func (s *commentatorsScreen) refilter(fresh bool) tea.Cmd {
	if s.idx == nil {
		return nil
	}
	term := s.flt.input.Value()
	if strings.TrimSpace(term) == "" {
		s.flt.matching.stop()
		s.flt.term, s.flt.matched = "", nil
		s.show(s.order)
		return nil
	}
	cands := s.order
	if !fresh && narrows(term, s.flt.term) {
		cands = s.flt.matched
	}
	id, ctx := s.flt.matching.start(s.c)
	s.flt.want = term
	idx := s.idx
	return func() tea.Msg {
		ranked, matched, ok := matchCommentators(ctx, idx, term, cands)
		if !ok {
			return nil
		}
		return commentatorsFilteredMsg{id: id, term: term, ranked: ranked, matched: matched}
	}
}

// filtered shows a filter result if it answers the match in progress: a
// new term puts the cursor on its best match, the same term matched again
// (a new snapshot, the other order) keeps it where the user was; enter
// pressed while it was matched opens the best match now.
func (s *commentatorsScreen) filtered(msg commentatorsFilteredMsg) tea.Cmd {
	if !s.flt.matching.current(msg.id) {
		return nil
	}
	if msg.term != s.flt.term {
		s.moved = false
	}
	s.flt.term, s.flt.matched = msg.term, msg.matched
	s.show(msg.ranked)
	if s.flt.openOnResult {
		s.flt.openOnResult = false
		return s.open(s.selected())
	}
	return nil
}

// clearFilter drops the filter, the cursor on the commentator it was on.
func (s *commentatorsScreen) clearFilter() tea.Cmd {
	s.moved = s.moved || s.selKey != ""
	s.flt.typing = false
	s.flt.input.Blur()
	s.flt.input.SetValue("")
	return s.refilter(true)
}

// filterKey handles a key while the user types in the filter.
func (s *commentatorsScreen) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	cmd, e := s.flt.edit(msg, s.c.keys)
	switch e {
	case filterCancelled:
		return s.clearFilter()
	case filterApplied:
		if !s.flt.applied() {
			return s.clearFilter()
		}
	case filterChanged:
		return tea.Batch(cmd, s.refilter(false))
	}
	return cmd
}

// redraw draws the top bar, the page of rows and the status line.
func (s *commentatorsScreen) redraw() {
	st := s.c.st
	switch {
	case s.flt.typing:
		s.top = fit("  "+s.flt.input.View(), s.width, 1)
	case s.flt.applied():
		s.top = fit("  "+st.Header.Render("Commentators")+st.Status.Render(" · filter: "+display(s.flt.term)+" · esc clears"), s.width, 1)
	default:
		s.top = fit("  "+st.Header.Render("Commentators"), s.width, 1)
	}
	s.status = s.statusLine()
	s.rows = s.rows[:0]
	if s.idx == nil || len(s.view) == 0 || s.width <= 0 {
		return
	}
	start, end := s.pg.bounds()
	for i := start; i < end; i++ {
		if i > start {
			s.rows = append(s.rows, "")
		}
		name, meta := commentatorLines(st, s.snap, s.idx.At(int(s.view[i])), s.width, i == s.pg.index())
		s.rows = append(s.rows, name, meta)
	}
}

// statusLine is the screen's status bar.
func (s *commentatorsScreen) statusLine() string {
	st := s.c.st
	if s.idx == nil {
		return st.Status.Render("Gathering commentators…")
	}
	parts := []string{plural(s.idx.Len(), "commentator")}
	switch {
	case !s.flt.applied():
	case s.flt.matching.pending():
		parts = append(parts, "matching…")
	default:
		parts = append(parts, strconv.Itoa(len(s.view))+" shown")
	}
	if s.want != nil {
		parts = append(parts, "updating…")
	}
	order := "reactions"
	if s.byName {
		order = "name"
	}
	return st.Status.Render(strings.Join(parts, " · ") + " · sorted by " + order)
}

// commentatorLines are p's two rows width cells wide: the selection bar,
// the name and the roles; then the number of reactions and the latest
// story, its headline cut so that its date shows.
func commentatorLines(st *Styles, snap *library.Snapshot, p *library.Commentator, width int, selected bool) (head, meta string) {
	title, metaSt, bar := st.Title, st.Meta, "  "
	if selected {
		title, metaSt, bar = st.SelTitle, st.SelMeta, "│ "
	}
	avail := max(width-ansi.StringWidth(bar), 0)
	name := ansi.Truncate(display(oneLine(p.Name)), avail, "…")
	roles := ""
	if len(p.Roles) > 0 {
		roles = ansi.Truncate(" · "+display(oneLine(strings.Join(p.Roles, "; "))), max(avail-ansi.StringWidth(name), 0), "…")
	}
	line2 := plural(len(p.Reactions), "reaction")
	if len(p.Reactions) > 0 {
		latest := snap.At(int(p.Reactions[0].Article))
		date := ""
		if latest.Date != "" {
			date = " · " + display(oneLine(latest.Date))
		}
		lead := line2 + " · latest: "
		room := avail - ansi.StringWidth(lead) - ansi.StringWidth(date)
		if room >= 8 {
			line2 = lead + ansi.Truncate(display(oneLine(latest.Headline)), room, "…") + date
		} else {
			line2 = ansi.Truncate(lead+display(oneLine(latest.Headline))+date, avail, "…")
		}
	}
	b := ansi.Truncate(bar, width, "")
	return metaSt.Render(b) + title.Render(name) + metaSt.Render(roles),
		metaSt.Render(b) + metaSt.Render(ansi.Truncate(line2, avail, "…"))
}

// oneLine is s on one line: every run of white space one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// View implements Screen: the top bar, a blank row, the page (or why it
// is empty) and the page number on the pane's last row.
func (s *commentatorsScreen) View() string {
	var f frame
	f.start(s.height, s.height*(s.width+64))
	f.row(s.top)
	f.row("")
	switch {
	case s.idx == nil:
		f.block(fit(s.c.st.Placeholder.Render("  Gathering commentators…"), s.width, s.lh))
	case len(s.view) == 0:
		f.block(fit(s.c.st.Meta.Render(indent(ansi.Wrap(s.emptyText(), max(s.width-4, 1), " "), 2)), s.width, s.lh))
	default:
		for i := 0; i < s.lh-1; i++ {
			if i < len(s.rows) {
				f.row(s.rows[i])
			} else {
				f.row("")
			}
		}
		if pages := s.pg.pages(); pages >= 2 && s.lh > 0 {
			f.row(cut(s.c.st.List.PaginationStyle.Render(strconv.Itoa(s.pg.page+1)+"/"+strconv.Itoa(pages)), s.width))
		}
	}
	f.fill("")
	return f.String()
}

// emptyText says why no commentator is shown.
func (s *commentatorsScreen) emptyText() string {
	if s.flt.applied() {
		if s.flt.matching.pending() {
			return "Matching…"
		}
		return "No commentator matches the filter."
	}
	if s.snap != nil && s.snap.Loading() {
		return "No reactions loaded yet."
	}
	return "No article in the library has reactions."
}

// Status implements Screen.
func (s *commentatorsScreen) Status() string { return s.status }

// Title implements titled.
func (s *commentatorsScreen) Title() string { return "Commentators" }

// ShortHelp implements help.KeyMap.
func (s *commentatorsScreen) ShortHelp() []key.Binding {
	if s.flt.typing {
		return s.c.keys.filterHelp().short
	}
	k := s.c.keys
	return []key.Binding{k.CommentatorOpen, k.CommentatorFilter, k.CommentatorSort, s.backBinding(), k.Down, k.Up, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (s *commentatorsScreen) FullHelp() [][]key.Binding {
	if s.flt.typing {
		return s.c.keys.filterHelp().full
	}
	k := s.c.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PrevPage, k.NextPage, k.Top, k.Bottom},
		{k.CommentatorOpen, k.CommentatorFilter, k.CommentatorSort, s.backBinding()},
		{k.Help, k.Quit, k.ForceQuit},
	}
}

// backBinding is esc, saying what it does now.
func (s *commentatorsScreen) backBinding() key.Binding {
	b := s.c.keys.Back
	if s.flt.applied() {
		b.SetHelp(b.Help().Key, "clear filter")
	}
	return b
}
