package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
)

// searchTop is the rows above the first result: the query field and a
// blank row.
const searchTop = 2

// A result is four rows (headline, dateline, two of snippet) and a blank
// row after it.
const resultRows, resultGap = 4, 1

// searchScreen is the full-text search (S from the list): a query field
// that has the focus, so every key types into it except the few that
// move the selection (↑/↓, pgup/pgdown), open the selected article at its
// first match (enter) and leave (esc); under it the ranked results, each
// with its headline, dateline and a snippet with the matched words
// highlighted.
//
// Each edit of the query searches at once (no debounce): the search runs
// in a Cmd through the process's one index, and the edit that follows
// cancels it (fetch), so a fast typist's superseded queries stop where
// they are and their results, were they to come, are dropped. A query
// that cannot be searched is parsed here, on the spot, and its message
// shown in place of the results. The results are found again when the
// index has more (Follow indexed a new file, or the first build goes on)
// and when the library publishes a snapshot (hits are looked up in it).
type searchScreen struct {
	c *common

	width, height int
	input         textinput.Model

	// searching is the search in progress; query is the query the
	// results answer, problem why there are none (a query that cannot be
	// searched, or a failed search).
	searching fetch
	query     string
	results   []searchResult
	problem   string
	// limited is set when the index may have more results than shown;
	// rerun when the query is to run again once the search in progress
	// has answered (see again).
	limited, rerun bool
	pg             pager

	// rows is the page of results as drawn (rowsFor says for what).
	rows    []string
	rowsFor searchDrawKey
}

// searchLimit is how many results a search shows: the best 50.
const searchLimit = search.DefaultLimit

// searchResult is a hit with the summary it was looked up as.
type searchResult struct {
	sum *library.Summary
	hit search.Hit
}

// newSearchScreen returns the search screen with an empty query, which
// says what to type.
func newSearchScreen(c *common) *searchScreen {
	s := &searchScreen{c: c, input: textinput.New()}
	s.input.Prompt = "Search: "
	// One more than a query may have, so that the message saying so
	// shows; a pasted page of text is cut there.
	s.input.CharLimit = search.MaxQueryLen + 1
	s.applyStyles()
	s.input.Focus()
	s.edited()
	return s
}

// applyStyles restyles the query field.
func (s *searchScreen) applyStyles() {
	// A steady cursor: a blinking one redraws twice a second for every
	// reader on a shared server.
	st := s.input.Styles()
	st.Cursor.Blink = false
	s.input.SetStyles(st)
}

// Typing implements typist: the query field has the focus, so q and ?
// are letters.
func (s *searchScreen) Typing() bool { return true }

// SetSize implements Screen.
func (s *searchScreen) SetSize(width, height int) {
	s.width, s.height = max(width, 0), max(height, 0)
	s.input.SetWidth(max(s.width-ansi.StringWidth(s.input.Prompt)-3, 1))
	s.repage()
}

// repage fits the pager to the results and the height.
func (s *searchScreen) repage() {
	s.pg = s.pg.resize(len(s.results), perPageFor(rest(s.height, searchTop), resultRows+resultGap))
}

// SetStyles implements restyler.
func (s *searchScreen) SetStyles(*Styles) tea.Cmd {
	s.applyStyles()
	return nil
}

// SetSnapshot implements snapshotter: the results are looked up again.
func (s *searchScreen) SetSnapshot(*library.Snapshot) tea.Cmd { return s.again() }

// SetIndexing implements indexWatcher: more is indexed, so the results
// may be more.
func (s *searchScreen) SetIndexing(search.ProgressState) tea.Cmd { return s.again() }

// again runs the current query once more, keeping the selection on the
// article it is on. A search in progress is not cancelled for it (during
// a build the index grows every quarter of a second, and a slow search
// restarted that often would never finish): it runs again when that one
// has answered.
func (s *searchScreen) again() tea.Cmd {
	if s.searching.pending() {
		s.rerun = true
		return nil
	}
	return s.start(s.input.Value())
}

// edited starts searching the query as it now reads, cancelling the
// search of what it read before.
func (s *searchScreen) edited() tea.Cmd {
	s.rerun = false
	return s.start(s.input.Value())
}

// start searches q: a query that cannot be searched is told at once, in
// place of the results; any other is searched in a Cmd, cancelling the
// search it supersedes.
func (s *searchScreen) start(q string) tea.Cmd {
	if _, err := search.Parse(q); err != nil {
		s.searching.stop()
		s.show(q, nil, err, false)
		return nil
	}
	if err := s.c.searchOff(); err != nil {
		s.searching.stop()
		s.show(q, nil, &searchOffError{err}, false)
		return nil
	}
	id, ctx := s.searching.start(s.c)
	return searchCmd(ctx, id, s.c.index, s.c.snap, q)
}

// searchOffError is why there is no search, as the screen says it.
type searchOffError struct{ err error }

func (e *searchOffError) Error() string { return e.err.Error() }

// searchedMsg is a search's results: id is the fetch it answers.
type searchedMsg struct {
	id      uint64
	query   string
	results []searchResult
	limited bool
	err     error
}

// searchCmd searches query in idx off the UI goroutine and looks the
// hits up in snap (leaving out those it does not have: the index can be
// ahead of or behind the snapshot for a moment). A cancelled search
// sends no message.
func searchCmd(ctx context.Context, id uint64, idx *search.Index, snap *library.Snapshot, query string) tea.Cmd {
	return func() tea.Msg {
		hits, err := idx.Search(ctx, query, searchLimit)
		if ctx.Err() != nil {
			return nil
		}
		msg := searchedMsg{id: id, query: query, err: err, limited: len(hits) == searchLimit}
		for _, h := range hits {
			if i, ok := snap.Lookup(h.ID); ok {
				msg.results = append(msg.results, searchResult{sum: snap.At(i), hit: h})
			}
		}
		return msg
	}
}

// searched shows a search's results if they answer the search in
// progress (a stale one is dropped) and reports whether they did.
func (s *searchScreen) searched(msg searchedMsg) bool {
	if !s.searching.current(msg.id) {
		return false
	}
	s.show(msg.query, msg.results, msg.err, msg.limited)
	return true
}

// show makes results what the screen shows for q (or err why none): the
// selection stays on the article it was on if it is still found, else it
// goes to the best result.
func (s *searchScreen) show(q string, results []searchResult, err error, limited bool) {
	var was article.ID
	if r := s.selected(); r != nil && q == s.query {
		was = r.sum.ID
	}
	s.query, s.results, s.limited, s.problem = q, results, limited, ""
	if err != nil {
		s.problem = searchProblem(err)
	}
	s.repage()
	i := 0
	for j, r := range results {
		if r.sum.ID == was {
			i = j
			break
		}
	}
	s.pg = s.pg.selected(i)
}

// searchProblem is the sentence that stands in place of the results.
func searchProblem(err error) string {
	var qe *search.QueryError
	var off *searchOffError
	switch {
	case errors.As(err, &qe):
		return sentence(qe.Msg)
	case errors.As(err, &off):
		return searchUnavailable(off.err)
	}
	return "The search failed: " + display(err.Error())
}

// sentence is msg with its first letter in upper case (no stop is added:
// the messages end in an example query, as in taiwan -russia).
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	return display(strings.ToUpper(msg[:1]) + msg[1:])
}

// selected is the result under the cursor, or nil.
func (s *searchScreen) selected() *searchResult {
	i := s.pg.index()
	if i >= len(s.results) {
		return nil
	}
	return &s.results[i]
}

// Update implements Screen.
func (s *searchScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.MouseMsg:
		return s.mouse(msg)
	case tea.PasteMsg:
		if s.c.root.top() != Screen(s) {
			return nil // a paste into the reader opened from here
		}
		return s.typed(msg)
	case searchedMsg:
		if s.searched(msg) && s.rerun {
			s.rerun = false
			return s.start(s.input.Value())
		}
	}
	return nil
}

// key handles a key: the few that are not text, then the query's.
func (s *searchScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	k := s.c.keys
	switch {
	case key.Matches(msg, k.SearchBack):
		s.searching.stop()
		return s.c.pop()
	case key.Matches(msg, k.SearchOpen):
		return s.open(s.selected())
	case key.Matches(msg, k.SearchUp):
		s.pg = s.pg.up()
	case key.Matches(msg, k.SearchDown):
		s.pg = s.pg.down()
	case key.Matches(msg, k.SearchPageUp):
		s.pg = s.pg.prevPage()
	case key.Matches(msg, k.SearchPageDown):
		s.pg = s.pg.nextPage()
	default:
		return s.typed(msg)
	}
	return nil
}

// typed gives msg (a key or a paste) to the query field and searches
// again if the query changed.
func (s *searchScreen) typed(msg tea.Msg) tea.Cmd {
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, s.edited())
}

// mouse handles the wheel and clicks, as the list does: the wheel moves
// the selection, a click selects a result and a click on the selected
// one opens it.
func (s *searchScreen) mouse(msg tea.MouseMsg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			s.pg = s.pg.up()
		case tea.MouseWheelDown:
			s.pg = s.pg.down()
		}
	case tea.MouseClickMsg:
		mo := msg.Mouse()
		row, ok := itemAt(mo.Y-searchTop, resultRows, resultGap, s.pg.perPage)
		start, end := s.pg.bounds()
		if mo.Button != tea.MouseLeft || !ok || start+row >= end {
			return nil
		}
		if start+row == s.pg.index() {
			return s.open(s.selected())
		}
		s.pg = s.pg.selected(start + row)
	}
	return nil
}

// open reads r's article in the reader, scrolled to its first match; n
// and p there step through the results.
func (s *searchScreen) open(r *searchResult) tea.Cmd {
	if r == nil {
		return nil
	}
	rd := newReaderScreen(s.c, s)
	s.c.push(rd)
	return rd.show(r.sum)
}

// seekTerms implements seeker: the words the search found in the
// article, to scroll the reader to.
func (s *searchScreen) seekTerms(id article.ID) []string {
	for _, r := range s.results {
		if r.sum.ID == id {
			return matchedTerms(r.hit)
		}
	}
	return nil
}

// matchedTerms are the texts a hit's matches cover, the snippet's first
// (the best passage), then the headline's, each once.
func matchedTerms(h search.Hit) []string {
	var out []string
	seen := map[string]bool{}
	for _, sn := range []search.Snippet{h.Snippet, h.Headline} {
		for _, m := range sn.Matches {
			if m.Start < 0 || m.End > len(sn.Text) || m.Start >= m.End {
				continue
			}
			t := strings.ToLower(sn.Text[m.Start:m.End])
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// step implements stepper: the reader's n and p go through the results.
func (s *searchScreen) step(from article.ID, d int) *library.Summary {
	for i, r := range s.results {
		if r.sum.ID == from {
			if j := i + d; j >= 0 && j < len(s.results) {
				s.pg = s.pg.selected(j)
				return s.results[j].sum
			}
			return nil
		}
	}
	return nil
}

// nextUnread implements stepper: the next unread result after from.
func (s *searchScreen) nextUnread(from article.ID) *library.Summary {
	for i, r := range s.results {
		if r.sum.ID != from {
			continue
		}
		for j := i + 1; j < len(s.results); j++ {
			if !s.c.marks.read(s.results[j].sum.ID) {
				s.pg = s.pg.selected(j)
				return s.results[j].sum
			}
		}
		return nil
	}
	return nil
}

// Status implements Screen: how many results, and how far the index is.
func (s *searchScreen) Status() string {
	st := s.c.st
	var parts []string
	switch {
	case s.searching.pending():
		parts = append(parts, "searching…")
	case s.problem != "":
	case len(s.results) == 0:
		parts = append(parts, "no results")
	case s.limited:
		parts = append(parts, "the best "+strconv.Itoa(len(s.results))+" results")
	default:
		parts = append(parts, plural(len(s.results), "result"))
	}
	if ix := s.c.indexing; ix.Building() {
		parts = append(parts, indexingText(ix.Done, ix.Total))
	}
	return st.Status.Render(strings.Join(parts, " · "))
}

// indexingText is the build's progress: "indexing 12,000 of 100,000…".
func indexingText(done, total int) string {
	return message.NewPrinter(language.English).Sprintf("indexing %d of %d…", done, total)
}

// ShortHelp implements help.KeyMap.
func (s *searchScreen) ShortHelp() []key.Binding { return s.c.keys.searchHelp().short }

// FullHelp implements help.KeyMap.
func (s *searchScreen) FullHelp() [][]key.Binding { return s.c.keys.searchHelp().full }

// searchDrawKey is what the page of results is drawn from.
type searchDrawKey struct {
	st      *Styles
	width   int
	pg      pager
	results *searchResult // the first result: a new search is a new slice
	n       int
	marks   uint64
}

// View implements Screen: the query field, then the results or the
// sentence that stands in their place.
func (s *searchScreen) View() string {
	if s.width <= 0 || s.height <= 0 {
		return ""
	}
	var f frame
	f.start(s.height, s.height*(s.width+64))
	f.row(fit("  "+s.input.View(), s.width, 1))
	f.row("")
	h := rest(s.height, searchTop)
	if s.problem != "" || len(s.results) == 0 {
		f.block(fit(s.emptyText(), s.width, h))
		return f.String()
	}
	s.drawPage()
	for _, r := range s.rows {
		f.row(r)
	}
	return f.String()
}

// emptyText is what stands in place of results: why there are none.
func (s *searchScreen) emptyText() string {
	st := s.c.st
	var msg string
	switch {
	case s.problem != "":
		msg = st.StatusWarn.Render(s.problem)
	case s.searching.pending():
		return ""
	case s.c.indexing.Building():
		msg = st.Meta.Render("Nothing found yet: " + indexingText(s.c.indexing.Done, s.c.indexing.Total) + " The search runs again as articles are indexed.")
	default:
		msg = st.Meta.Render("No article matches " + display(s.query) + ".")
	}
	return indent(lipgloss.Wrap(msg, max(s.width-4, 1), " "), 2)
}

// drawPage draws the page of results unless it is drawn already.
func (s *searchScreen) drawPage() {
	k := searchDrawKey{st: s.c.st, width: s.width, pg: s.pg, n: len(s.results), marks: s.c.marks.gen}
	if len(s.results) > 0 {
		k.results = &s.results[0]
	}
	if k == s.rowsFor && s.rows != nil {
		return
	}
	s.rowsFor = k
	start, end := s.pg.bounds()
	s.rows = s.rows[:0]
	for i := start; i < end; i++ {
		if i > start {
			s.rows = append(s.rows, "")
		}
		s.rows = append(s.rows, resultLines(s.c.st, &s.results[i], s.width, i == s.pg.index(), s.markOf(s.results[i].sum))...)
	}
	if pages := s.pg.pages(); pages >= 2 {
		h := rest(s.height, searchTop)
		for len(s.rows) < h-1 {
			s.rows = append(s.rows, "")
		}
		s.rows = append(s.rows, s.c.st.List.PaginationStyle.Render(strconv.Itoa(s.pg.page+1)+"/"+strconv.Itoa(pages)))
	}
}

// markOf is sum's marks, as the list shows them.
func (s *searchScreen) markOf(sum *library.Summary) rowMark {
	k := s.c.marks
	return rowMark{unread: !k.read(sum.ID), bookmarked: k.bookmarked(sum.ID)}
}

// resultLines are a result's rows in width cells: the headline with its
// matches highlighted, the dateline, and the snippet in two rows, all cut
// to the width (never inside a wide character) and safe for the terminal.
func resultLines(st *Styles, r *searchResult, width int, selected bool, mk rowMark) []string {
	ch := itemChromeOf(st, width, selected, mk)
	head := r.hit.Headline
	if head.Text == "" {
		head = search.Snippet{Text: r.sum.Headline}
	}
	if head.Text == "" {
		head = search.Snippet{Text: "(no headline)"}
	}
	out := []string{
		ch.first + ansi.Truncate(styleSnippet(head, ch.title, st.Match), ch.avail, "…"),
		ch.line(display(metaLine(r.sum))),
	}
	for _, row := range snippetRows(r.hit.Snippet, ch.avail, 2) {
		out = append(out, ch.rest+styleSnippet(row, ch.meta, st.Match))
	}
	for len(out) < resultRows {
		out = append(out, ch.rest)
	}
	return out
}

// snippetRows splits sn into at most n rows of width cells: cut first
// to n×width cells around its matches, then wrapped at spaces (a word
// wider than a row, or text without spaces such as Chinese, is broken
// between graphemes, never inside one), the last row ending in "…" when
// text is left over. Each row keeps the matches that fall in it. Wrapping
// at words leaves cells unused, so when the first match shown would be
// cut at the last row (or fall past it) the snippet is cut again,
// shorter, until it shows whole.
func snippetRows(sn search.Snippet, width, n int) []search.Snippet {
	if width <= 0 || n <= 0 || sn.Text == "" {
		return nil
	}
	whole := map[string]bool{}
	for _, m := range sn.Matches {
		if 0 <= m.Start && m.Start < m.End && m.End <= len(sn.Text) {
			whole[sn.Text[m.Start:m.End]] = true
		}
	}
	for budget := width * n; ; budget -= max(width/4, 1) {
		f := sn.Fit(budget)
		rows, shown := wrapRows(f, width, n)
		if len(f.Matches) == 0 || budget <= width {
			return rows
		}
		if m := f.Matches[0]; m.End <= shown && whole[f.Text[m.Start:m.End]] {
			return rows
		}
	}
}

// wrapRows wraps sn into at most n rows of width cells (see snippetRows)
// and says how much of its text they show.
func wrapRows(sn search.Snippet, width, n int) (rows []search.Snippet, shown int) {
	text := sn.Text
	at := 0 // text's offset in sn.Text
	for len(rows) < n && text != "" {
		end := wrapAt(text, width)
		if end == 0 {
			// Not even one character fits (a wide one in one cell).
			rows = append(rows, search.Snippet{Text: ansi.Truncate("…", width, "")})
			break
		}
		last := len(rows) == n-1
		if last && end < len(text) {
			// Room for the "…" that says text was left out.
			end = wrapAt(text, max(width-1, 0))
		}
		row := search.Snippet{Text: strings.TrimRight(text[:end], " ")}
		for _, m := range sn.Matches {
			s, e := max(m.Start-at, 0), min(m.End-at, len(row.Text))
			if s < e {
				row.Matches = append(row.Matches, search.Range{Start: s, End: e})
			}
		}
		shown = at + len(row.Text)
		if last && end < len(text) && !strings.HasSuffix(row.Text, "…") {
			row.Text += "…"
		}
		rows = append(rows, row)
		rest := strings.TrimLeft(text[end:], " ")
		at += len(text) - len(rest)
		text = rest
	}
	return rows, shown
}

// wrapAt is where the first row of text, width cells wide, ends: after
// the last space that lets the row fit, or, in a word wider than the
// row, after the last grapheme that fits (0 when not even the first
// does).
func wrapAt(text string, width int) int {
	used, lastSpace, i := 0, -1, 0
	for i < len(text) {
		g, w := ansi.FirstGraphemeCluster(text[i:], ansi.GraphemeWidth)
		if used+w > width {
			if lastSpace > 0 {
				return lastSpace
			}
			return i
		}
		used += w
		i += len(g)
		if g == " " {
			lastSpace = i
		}
	}
	return len(text)
}

// styleSnippet is sn's text with its matches in style match and the rest in
// base, every piece made safe for the terminal (display). Ranges out of
// order or out of the text are left out.
func styleSnippet(sn search.Snippet, base, match lipgloss.Style) string {
	var b strings.Builder
	at := 0
	for _, m := range sn.Matches {
		if m.Start < at || m.End > len(sn.Text) || m.Start >= m.End {
			continue
		}
		if m.Start > at {
			b.WriteString(base.Render(display(sn.Text[at:m.Start])))
		}
		b.WriteString(match.Render(display(sn.Text[m.Start:m.End])))
		at = m.End
	}
	if at < len(sn.Text) {
		b.WriteString(base.Render(display(sn.Text[at:])))
	}
	return b.String()
}
