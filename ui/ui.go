// Package ui is newsdesk's terminal reader: the Bubble Tea root model that
// the local command and every SSH session run.
package ui

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/paginator"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/ui/reactions"
)

// Config says what a reader shows and how.
type Config struct {
	// Load, when set, streams the library; the model runs it in a tea.Cmd
	// and shows articles as they arrive.
	Load func(ctx context.Context) <-chan article.Result
	// Articles and Problems are a library loaded beforehand (the SSH server
	// loads once and shares it read-only); used when Load is nil.
	Articles []article.Article
	Problems []article.Problem
	// Style forces a Glamour/Lip Gloss style ("dark", "light", "notty",
	// "ascii", "dracula", "tokyo-night", "pink"); "" or "auto" follows the
	// terminal's background.
	Style string
	// NoColor turns off all colour (NO_COLOR).
	NoColor bool
	// Cache holds rendered articles; readers given the same cache (the SSH
	// server's sessions) render each article once per width and style.
	// nil means a cache of the reader's own.
	Cache *RenderCache
}

// screen is what fills the terminal.
type screen int

const (
	screenList screen = iota
	screenReader
	screenReactions
	screenProblems
)

// rebuildEvery bounds how often a streaming load re-sorts the list: every
// result is taken at once, but a library of 100,000 files is not re-sorted
// 100,000 times.
const rebuildEvery = 100 * time.Millisecond

// listTop is the number of rows above the first list row (the title bar
// and its padding); mouse clicks are mapped to rows with it.
const listTop = 2

// Model is the reader's root model.
//
// Bubble Tea boxes the Model into a tea.Model after every Update, so its
// size is paid on every key of every SSH session. The bubbles components
// are large (the list alone is ~29 KB: it carries dozens of Lip Gloss
// styles), so the list, the filter input, the problems screen and the
// reactions panel sit behind pointers, and the Model is ~4 KB instead of
// ~62 KB. Models are still values: a component behind a pointer is
// copied before it is changed (own), so an earlier Model never sees a
// later change. keys and st are never changed once made.
type Model struct {
	cfg  Config
	keys *KeyMap
	st   *Styles

	isDark  bool
	noColor bool
	// gstyle is the Glamour style in use; part of every render key.
	gstyle string

	width, height int
	screen        screen
	// panelFrom is where the reactions panel was opened from.
	panelFrom screen
	showHelp  bool

	list   *list.Model
	all    []*item // load order: all[it.seq] == it
	sorted []*item // all, in the sort order
	// sortedSeq is sorted as seqs: what a filter matches over everything.
	sortedSeq []int32
	// sortedLI is sorted as list items, reused whenever the filter is
	// cleared (building it for 100,000 articles takes milliseconds).
	sortedLI []list.Item
	problems []article.Problem
	sort     sortMode

	ctx       context.Context
	cancel    context.CancelFunc
	loading   bool
	loadGen   int
	spinner   spinner.Model
	lastBuild time.Time
	dirty     bool

	reader reader
	// page and prev are the list's page and the preview as drawn for the
	// list screen (drawList, drawPreview); never changed, only replaced.
	page *listPage
	prev *previewPane
	// top and status are the list's top bar and status line, drawn from
	// chrome (drawChrome); typed is whether the user was typing then.
	top, status string
	chrome      chromeKey
	typed       bool

	previewKey renderKey
	preview    string
	previewOK  bool

	probScreen *problemsScreen

	panel    *reactions.Model
	panelArt *article.Article

	// The filter: the input, whether the user is typing in it, the
	// generation of the latest match request (older results are dropped)
	// and the cancel func of its context (an older match is stopped),
	// whether its result is pending, whether the cursor goes to the top
	// match when it lands (the term changed) and whether the top match is
	// then opened (enter was pressed while matching), and the latest
	// result, which a longer term narrows.
	filter       *textinput.Model
	typing       bool
	filterGen    int
	filterCancel context.CancelFunc
	filterWait   bool
	filterTop    bool
	openOnResult bool
	matched      []int32
	matchedTerm  string

	// helpLine is the short help under the screen, cut to the width. It
	// is drawn after an Update changed the bindings shown (helpFor), the
	// width or the styles, not per frame: help.View measures every
	// binding.
	helpLine string
	helpFor  []key.Binding
	helpW    int
	helpSt   *Styles

	cache *RenderCache
	now   func() time.Time
}

// New returns a reader for cfg.
func New(cfg Config) Model {
	isDark, _ := forcedBackground(cfg.Style)
	noColor := cfg.NoColor || forcedNoColor(cfg.Style)
	st := NewStyles(isDark, noColor)
	keys := DefaultKeyMap()
	panel := reactions.New(isDark)
	probs := newProblems(&keys, &st)
	lst := list.New(nil, delegate{st: &st}, 0, 0)
	filter := textinput.New()
	m := Model{
		cfg:        cfg,
		keys:       &keys,
		st:         &st,
		isDark:     isDark,
		noColor:    noColor,
		gstyle:     glamourStyle(cfg.Style, isDark, noColor),
		spinner:    spinner.New(spinner.WithSpinner(spinner.Dot)),
		reader:     newReader(&keys, &st),
		probScreen: &probs,
		panel:      &panel,
		list:       &lst,
		filter:     &filter,
		cache:      cfg.Cache,
		now:        time.Now,
	}
	if m.cache == nil {
		m.cache = NewRenderCache(DefaultCacheSize)
	}
	m.ctx, m.cancel = context.WithCancel(context.Background())
	m.panel.SetDark(isDark, m.gstyle)
	m.list.SetShowTitle(false)
	m.list.SetFilteringEnabled(false)
	m.filter.Prompt = "Filter: "
	m.list.Paginator.Type = paginator.Arabic
	m.list.DisableQuitKeybindings()
	m.list.SetShowHelp(false)
	m.list.SetShowStatusBar(false)
	// The list moves on the reader's own bindings, the ones its help shows.
	m.list.KeyMap.CursorUp, m.list.KeyMap.CursorDown = keys.Up, keys.Down
	m.list.KeyMap.PrevPage, m.list.KeyMap.NextPage = keys.PrevPage, keys.NextPage
	m.list.KeyMap.GoToStart, m.list.KeyMap.GoToEnd = keys.Top, keys.Bottom
	m.list.KeyMap.ShowFullHelp.SetEnabled(false)
	m.list.KeyMap.CloseFullHelp.SetEnabled(false)
	m.applyStyles()
	if cfg.Load != nil {
		m.loading = true
		m.loadGen = 1
	} else {
		for i := range cfg.Articles {
			m.all = append(m.all, newItem(&cfg.Articles[i], i, m.now()))
		}
		m.problems = cfg.Problems
		m.rebuild()
	}
	m.draw()
	return m
}

// loadedMsg is one Result of a streaming load (or its end, when done).
// gen is the load it belongs to: results of an older load are dropped.
type loadedMsg struct {
	gen  int
	ch   <-chan article.Result
	res  article.Result
	done bool
}

// readCmd reads ONE result from ch; Update re-issues it for the next one,
// so articles appear while the load goes on.
func readCmd(gen int, ch <-chan article.Result) tea.Cmd {
	return func() tea.Msg {
		res, ok := <-ch
		return loadedMsg{gen: gen, ch: ch, res: res, done: !ok}
	}
}

// startLoadCmd starts cfg.Load and reads its first result.
func startLoadCmd(ctx context.Context, gen int, load func(context.Context) <-chan article.Result) tea.Cmd {
	return func() tea.Msg {
		return readCmd(gen, load(ctx))()
	}
}

// Init starts loading and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.cfg.Load != nil {
		cmds = append(cmds, startLoadCmd(m.ctx, m.loadGen, m.cfg.Load), m.spinner.Tick)
	}
	return tea.Batch(cmds...)
}

// Update handles one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.draw()
	return m, cmd
}

// draw renders what the next frames need and did not have: the help
// line, and on the list screen the list's page and the preview. Every
// change of state comes through Update (or New), so View finds them
// current.
func (m *Model) draw() {
	m.drawHelpLine()
	if m.screen == screenList && !m.showHelp {
		m.drawChrome()
		m.drawList()
		m.drawPreview()
	}
}

// chromeKey is what the list screen's top bar and status line are drawn
// from; the filter input's own state counts only while typing, when the
// top bar is drawn on every Update.
type chromeKey struct {
	st                   *Styles
	width                int
	filter               string
	all, shown, problems int
	loading, matching    bool
	spin                 string
	sort                 sortMode
}

// drawChrome draws the list's top bar and status line unless drawn from
// the same state.
func (m *Model) drawChrome() {
	k := chromeKey{
		st: m.st, width: m.width, filter: m.filter.Value(),
		all: len(m.all), shown: len(m.list.VisibleItems()), problems: len(m.problems),
		loading: m.loading, matching: m.filterWait, sort: m.sort,
	}
	if m.loading {
		k.spin = m.spinner.View()
	}
	if k == m.chrome && !m.typing && !m.typed {
		return
	}
	m.chrome, m.typed = k, m.typing
	m.top = m.topBar()
	m.status = fit(m.statusLine(), m.width, 1)
}

// drawHelpLine renders the short help of the current screen unless the
// one drawn shows the same bindings at the same width and styles.
func (m *Model) drawHelpLine() {
	b := m.shortHelp()
	if m.helpW == m.width && m.helpSt == m.st && sameHelp(b, m.helpFor) {
		return
	}
	m.helpFor = slices.Clone(b)
	m.helpW, m.helpSt = m.width, m.st
	m.helpLine = fit(m.newHelp().ShortHelpView(b), m.width, 1)
}

// newHelp is a help view at the width, in the styles. It is made when
// needed rather than kept: it would add 4.6 KB to the Model.
func (m *Model) newHelp() help.Model {
	h := help.New()
	h.Styles = m.st.Help
	h.SetWidth(m.width)
	return h
}

// own replaces *p by a copy of it and returns the copy, to change: the
// components behind pointers are copied before every change, so that
// earlier Models (values) keep theirs.
func own[T any](p **T) *T {
	c := **p
	*p = &c
	return &c
}

// sameHelp reports whether a and b show the same help: the same bindings'
// help texts, enabled alike.
func sameHelp(a, b []key.Binding) bool {
	return slices.EqualFunc(a, b, func(x, y key.Binding) bool {
		return x.Enabled() == y.Enabled() && x.Help() == y.Help()
	})
}

// update is Update on the Model in place.
func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		return tea.Batch(m.layout(), m.panelUpdate(msg))

	case tea.BackgroundColorMsg:
		if _, forced := forcedBackground(m.cfg.Style); forced {
			return nil
		}
		m.isDark = msg.IsDark()
		m.applyStyles()
		return tea.Batch(m.layout(), m.panelUpdate(msg))

	case loadedMsg:
		return m.loaded(msg)

	case spinner.TickMsg:
		if !m.loading {
			return nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd

	case renderedMsg:
		return m.rendered(msg)

	case filteredMsg:
		return m.filtered(msg)

	case reactions.BackMsg:
		if m.screen == screenReactions {
			m.screen = m.panelFrom
			return m.layout()
		}
		return nil

	case tea.KeyPressMsg:
		return m.key(msg)

	case tea.MouseMsg:
		return m.mouse(msg)
	}

	// Everything else (filter results, cursor blinks, the panel's own
	// messages) goes to the components that asked for it.
	l, lcmd := m.list.Update(msg)
	m.list = &l
	pcmd := m.panelUpdate(msg)
	return tea.Batch(lcmd, m.syncPreview(), pcmd)
}

// panelUpdate passes msg to the reactions panel (it starts re-renderings
// after a resize or restyle on its next Update).
func (m *Model) panelUpdate(msg tea.Msg) tea.Cmd {
	p, cmd := m.panel.Update(msg)
	m.panel = &p
	return cmd
}

// problemsUpdate passes msg to the problems screen.
func (m *Model) problemsUpdate(msg tea.Msg) tea.Cmd {
	p, cmd := m.probScreen.Update(msg)
	m.probScreen = &p
	return cmd
}

// loaded takes one streamed result.
func (m *Model) loaded(msg loadedMsg) tea.Cmd {
	if msg.gen != m.loadGen {
		return nil // a stale load: drop it and stop reading it
	}
	if msg.done {
		m.loading = false
		return tea.Batch(m.rebuild(), m.syncPreview())
	}
	for i := range msg.res.Articles {
		m.all = append(m.all, newItem(&msg.res.Articles[i], len(m.all), m.now()))
	}
	m.problems = append(m.problems, msg.res.Problems...)
	next := readCmd(msg.gen, msg.ch)
	if len(msg.res.Articles) == 0 {
		return next
	}
	if len(m.list.Items()) == 0 || m.now().Sub(m.lastBuild) >= rebuildEvery {
		return tea.Batch(next, m.rebuild(), m.syncPreview())
	}
	m.dirty = true
	return next
}

// rebuild sorts the articles into the list, keeping the selection.
func (m *Model) rebuild() tea.Cmd {
	m.dirty = false
	m.lastBuild = m.now()
	m.sorted = make([]*item, len(m.all))
	copy(m.sorted, m.all)
	sortItems(m.sorted, m.sort)
	m.sortedLI = listItems(m.sorted)
	m.sortedSeq = seqs(m.sorted)
	if term := m.filter.Value(); term != "" {
		// Match again over everything, in the new order.
		m.matched, m.matchedTerm = nil, ""
		return m.startFilter(term, m.sortedSeq)
	}
	m.show(m.sorted, m.sortedLI)
	return nil
}

// listItems converts items for the list.
func listItems(items []*item) []list.Item {
	li := make([]list.Item, len(items))
	for i, it := range items {
		li[i] = it
	}
	return li
}

// show puts items in the list, keeping the selected article selected.
func (m *Model) show(items []*item, li []list.Item) {
	sel := m.selected()
	if li == nil {
		li = listItems(items)
	}
	l := own(&m.list)
	l.SetItems(li)
	l.Select(0)
	if sel != nil {
		for i, it := range items {
			if it.a == sel {
				l.Select(i)
				break
			}
		}
	}
}

// filtered takes a filter result unless the term has changed since. After
// a change of the term the cursor goes to the best match, the first row;
// a result made again for the same term (a re-sort, more articles loaded)
// keeps the selected article selected.
func (m *Model) filtered(msg filteredMsg) tea.Cmd {
	if msg.gen != m.filterGen {
		return nil
	}
	m.filterWait = false
	m.matched, m.matchedTerm = msg.matched, msg.term
	if m.filterTop {
		// No need to look for the selected article among 100,000.
		m.filterTop = false
		l := own(&m.list)
		l.SetItems(listItems(msg.ranked))
		l.Select(0)
	} else {
		m.show(msg.ranked, nil)
	}
	if m.openOnResult {
		m.openOnResult = false
		return m.openArticle(m.selected())
	}
	return m.syncPreview()
}

// startFilter stops the match in progress, if any, and starts matching
// term against cands; the status says "matching…" until it lands.
func (m *Model) startFilter(term string, cands []int32) tea.Cmd {
	m.stopFilter()
	m.filterGen++
	var ctx context.Context
	ctx, m.filterCancel = context.WithCancel(m.ctx)
	m.filterWait = true
	return filterCmd(ctx, m.filterGen, term, m.all, cands)
}

// stopFilter cancels the match in progress, if any.
func (m *Model) stopFilter() {
	if m.filterCancel != nil {
		m.filterCancel()
		m.filterCancel = nil
	}
	m.filterWait = false
}

// refilter starts matching the input's term after the user changed it:
// over the previous matches when the term only grew, else over every
// article. The cursor goes to the top match when it lands.
func (m *Model) refilter() tea.Cmd {
	term := m.filter.Value()
	if strings.TrimSpace(term) == "" {
		m.stopFilter()
		m.filterGen++
		m.filterTop = false
		m.matched, m.matchedTerm = nil, ""
		m.show(m.sorted, m.sortedLI)
		return m.syncPreview()
	}
	cands := m.sortedSeq
	if narrows(term, m.matchedTerm) {
		cands = m.matched
	}
	m.filterTop = true
	return m.startFilter(term, cands)
}

// clearFilter drops the filter and shows every article.
func (m *Model) clearFilter() tea.Cmd {
	m.typing = false
	f := own(&m.filter)
	f.Blur()
	f.SetValue("")
	return m.refilter()
}

// filterKey handles a key while the user types in the filter.
func (m *Model) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		return m.clearFilter()
	case key.Matches(msg, m.keys.Apply):
		m.typing = false
		own(&m.filter).Blur()
		if m.filter.Value() == "" {
			return m.clearFilter()
		}
		return nil
	}
	before := m.filter.Value()
	f, cmd := m.filter.Update(msg)
	m.filter = &f
	if m.filter.Value() == before {
		return cmd
	}
	return tea.Batch(cmd, m.refilter())
}

// selected is the article under the list cursor, or nil.
func (m *Model) selected() *article.Article {
	if it, ok := m.list.SelectedItem().(*item); ok {
		return it.a
	}
	return nil
}

// applyStyles rebuilds every style from isDark/noColor.
func (m *Model) applyStyles() {
	st := NewStyles(m.isDark, m.noColor)
	m.st = &st
	m.gstyle = glamourStyle(m.cfg.Style, m.isDark, m.noColor)
	l := own(&m.list)
	l.Styles = st.List
	// A steady filter cursor: a blinking one redraws twice a second for
	// every reader on a shared server.
	f := own(&m.filter)
	fs := f.Styles()
	fs.Cursor.Blink = false
	f.SetStyles(fs)
	l.SetDelegate(delegate{st: m.st})
	m.spinner.Style = st.Status
	m.reader.SetStyles(m.st)
	own(&m.probScreen).SetStyles(m.st)
	own(&m.panel).SetDark(m.isDark, m.gstyle)
}

// layout sizes every component for the terminal and re-renders what the
// new size needs.
func (m *Model) layout() tea.Cmd {
	lw, _ := splitWidths(m.width)
	own(&m.list).SetSize(lw, rest(m.height, 2, listTop))
	own(&m.filter).SetWidth(max(lw-ansi.StringWidth(m.filter.Prompt)-3, 1))
	m.reader.SetSize(m.width, rest(m.height, 1))
	own(&m.probScreen).SetSize(m.width, rest(m.height, 2))
	own(&m.panel).SetSize(m.width, rest(m.height, 2))
	return tea.Batch(m.syncReader(), m.syncPreview())
}

// syncReader makes the reader show the open article at the current
// width and style: from the cache, or by starting a render.
func (m *Model) syncReader() tea.Cmd {
	a := m.reader.Article()
	if a == nil || m.screen != screenReader {
		return nil
	}
	k := m.reader.Want(m.gstyle)
	if m.reader.Shows(k) {
		return nil
	}
	if s, ok := m.cache.get(k); ok {
		m.reader.SetText(k, s)
		return nil
	}
	m.reader.Await(k)
	if k.width == 0 {
		return nil
	}
	return renderCmd(a, k, m.cache)
}

// syncPreview renders the selected article for the wide layout's preview.
func (m *Model) syncPreview() tea.Cmd {
	_, pw := splitWidths(m.width)
	a := m.selected()
	if pw == 0 || a == nil || m.screen != screenList {
		return nil
	}
	tw, _ := textWidths(pw)
	k := renderKey{id: a.ID, width: tw, style: m.gstyle}
	if k == m.previewKey && m.previewOK {
		return nil
	}
	m.previewKey = k
	if s, ok := m.cache.get(k); ok {
		m.preview, m.previewOK = s, true
		return nil
	}
	m.preview, m.previewOK = "", false
	return renderCmd(a, k, m.cache)
}

// rendered shows a finished rendering if it is still wanted; a stale one
// (another article, width or style) is dropped.
func (m *Model) rendered(msg renderedMsg) tea.Cmd {
	text := msg.content
	if msg.err != nil {
		text = "Could not render this article: " + article.DisplayPath(msg.err.Error())
	}
	switch {
	case m.screen == screenReader && m.reader.Article() != nil && m.reader.Awaits(msg.key):
		m.reader.SetText(msg.key, text)
	case msg.key == m.previewKey && !m.previewOK:
		m.preview, m.previewOK = text, true
	}
	return nil
}

// openArticle shows a in the reader.
func (m *Model) openArticle(a *article.Article) tea.Cmd {
	if a == nil {
		return nil
	}
	m.reader.Open(a)
	m.screen = screenReader
	return m.syncReader()
}

// openPanel shows a's reactions.
func (m *Model) openPanel(a *article.Article) tea.Cmd {
	if a == nil {
		return nil
	}
	m.panelFrom = m.screen
	m.panelArt = a
	own(&m.panel).SetArticle(a)
	m.screen = screenReactions
	return m.layout()
}

// openProblems shows the list of problems.
func (m *Model) openProblems() tea.Cmd {
	if len(m.problems) == 0 {
		return nil
	}
	own(&m.probScreen).SetProblems(m.problems)
	m.screen = screenProblems
	return nil
}

// key handles a key press.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	if key.Matches(msg, k.ForceQuit) {
		m.cancel()
		return tea.Quit
	}
	// enter pressed while a filter result was pending opens the top match
	// when it lands, unless another key came first.
	m.openOnResult = false
	if m.screen == screenList && m.typing {
		// Every other key belongs to the filter input.
		return m.filterKey(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		m.cancel()
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		return nil
	case m.showHelp:
		if key.Matches(msg, k.Back) {
			m.showHelp = false
		}
		return nil
	}
	switch m.screen {
	case screenReader:
		return m.readerKey(msg)
	case screenReactions:
		return m.panelUpdate(msg)
	case screenProblems:
		if key.Matches(msg, k.Back) {
			m.screen = screenList
			return m.syncPreview()
		}
		return m.problemsUpdate(msg)
	}
	switch {
	case key.Matches(msg, k.Open) && m.filterWait:
		m.openOnResult = true
		return nil
	case key.Matches(msg, k.Open):
		return m.openArticle(m.selected())
	case key.Matches(msg, k.Reactions):
		return m.openPanel(m.selected())
	case key.Matches(msg, k.Sort):
		m.sort = (m.sort + 1) % sortModes
		return tea.Batch(m.rebuild(), m.syncPreview())
	case key.Matches(msg, k.Problems):
		return m.openProblems()
	case key.Matches(msg, k.Filter):
		m.typing = true
		f := own(&m.filter)
		f.CursorEnd()
		return f.Focus()
	case key.Matches(msg, k.Clear) && m.filter.Value() != "":
		return m.clearFilter()
	}
	if m.listKey(msg) {
		return m.syncPreview()
	}
	return nil
}

// listKey moves the list's cursor for its navigation keys and reports
// whether it did. For a key, list.Update does no more in this reader
// (filtering, quitting and the list's help are off) than call these same
// methods and clamp the cursor, but its receiver escapes: every call put
// one more 29 KB copy of the list on the heap, besides own's
// (TestList_KeysMoveLikeBubbles checks that the moves are the same).
func (m *Model) listKey(msg tea.KeyPressMsg) bool {
	km := &m.list.KeyMap
	var move func(*list.Model)
	switch {
	case key.Matches(msg, km.CursorUp):
		move = (*list.Model).CursorUp
	case key.Matches(msg, km.CursorDown):
		move = (*list.Model).CursorDown
	case key.Matches(msg, km.PrevPage):
		move = (*list.Model).PrevPage
	case key.Matches(msg, km.NextPage):
		move = (*list.Model).NextPage
	case key.Matches(msg, km.GoToStart):
		move = (*list.Model).GoToStart
	case key.Matches(msg, km.GoToEnd):
		move = (*list.Model).GoToEnd
	default:
		return false
	}
	move(own(&m.list))
	return true
}

// readerKey handles a key on the reader screen: the keys that leave the
// article need the list, the others scroll.
func (m *Model) readerKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.screen = screenList
		return m.syncPreview()
	case key.Matches(msg, k.Reactions):
		return m.openPanel(m.reader.Article())
	case key.Matches(msg, k.Next):
		return m.step(1)
	case key.Matches(msg, k.Prev):
		return m.step(-1)
	}
	var cmd tea.Cmd
	m.reader, cmd = m.reader.Update(msg)
	return cmd
}

// step opens the next (d=1) or previous (d=-1) article in list order and
// moves the list cursor with it.
func (m *Model) step(d int) tea.Cmd {
	vis := m.list.VisibleItems()
	cur := -1
	for i, li := range vis {
		if it, ok := li.(*item); ok && it.a == m.reader.Article() {
			cur = i
			break
		}
	}
	next := cur + d
	if cur < 0 || next < 0 || next >= len(vis) {
		return nil
	}
	own(&m.list).Select(next)
	return m.openArticle(vis[next].(*item).a)
}

// mouse handles wheel and clicks.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.showHelp {
		return nil
	}
	switch m.screen {
	case screenReader:
		var cmd tea.Cmd
		m.reader, cmd = m.reader.Update(msg)
		return cmd
	case screenProblems:
		return m.problemsUpdate(msg)
	case screenReactions:
		return m.panelUpdate(msg)
	}
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			own(&m.list).CursorUp()
		case tea.MouseWheelDown:
			own(&m.list).CursorDown()
		}
		return m.syncPreview()
	case tea.MouseClickMsg:
		mo := msg.Mouse()
		lw, _ := splitWidths(m.width)
		d := delegate{}
		row, ok := itemAt(mo.Y-listTop, d.Height(), d.Spacing(), m.list.Paginator.PerPage)
		if mo.Button != tea.MouseLeft || mo.X >= lw || !ok {
			return nil
		}
		i := m.list.Paginator.Page*m.list.Paginator.PerPage + row
		if i >= len(m.list.VisibleItems()) {
			return nil
		}
		if i == m.list.Index() {
			return m.openArticle(m.selected())
		}
		own(&m.list).Select(i)
		return m.syncPreview()
	}
	return nil
}

// helpKeys is the help.KeyMap of the current screen (for the full help).
func (m *Model) helpKeys() help.KeyMap {
	switch m.screen {
	case screenReader:
		return m.reader
	case screenProblems:
		return m.probScreen
	case screenReactions:
		return screenKeys{
			short: m.shortHelp(),
			full:  append(m.panel.FullHelp(), []key.Binding{m.keys.Help, m.keys.Quit, m.keys.ForceQuit}),
		}
	}
	if m.typing {
		return m.keys.filterHelp()
	}
	return m.keys.listHelp(m.filter.Value() != "")
}

// shortHelp is the current screen's short help: helpKeys().ShortHelp()
// without putting a screen in an interface (a copy of several KB for
// every Update).
func (m *Model) shortHelp() []key.Binding {
	switch m.screen {
	case screenReader:
		return m.reader.ShortHelp()
	case screenProblems:
		return m.probScreen.ShortHelp()
	case screenReactions:
		return append(m.panel.ShortHelp(), m.keys.Help, m.keys.Quit)
	}
	if m.typing {
		return m.keys.filterHelp().short
	}
	return m.keys.listShortHelp(m.filter.Value() != "")
}

// View draws the reader.
func (m Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "newsdesk"
	if a := m.titleArticle(); a != nil && a.Headline != "" {
		v.WindowTitle = article.DisplayPath(a.Headline)
	}
	return v
}

// titleArticle is the article whose headline is the window title.
func (m Model) titleArticle() *article.Article {
	switch m.screen {
	case screenReader:
		return m.reader.Article()
	case screenReactions:
		return m.panelArt
	}
	return nil
}

// content is the whole screen, cut to the terminal so nothing ever wraps.
func (m Model) content() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.screen == screenReader && !m.showHelp {
		// The reader's rows are drawn to fit, and have no colour to strip
		// under NO_COLOR (plain styles, the notty Glamour style).
		var f frame
		f.start(m.height, m.reader.size()+len(m.helpLine)+1)
		m.reader.draw(&f)
		f.row(m.helpLine)
		return f.String()
	}
	var f frame
	rows := rest(m.height, 2)
	if m.screen == screenList && !m.showHelp {
		f.start(m.height, m.listBytes())
		f.part(rows, m.drawListBody)
		f.row(m.status)
		f.row(m.helpLine)
		return m.colorless(f.String())
	}
	var body, status string
	switch {
	case m.showHelp:
		h := m.newHelp()
		h.ShowAll = true
		body = m.st.HelpBox.Render(h.View(m.helpKeys()))
		status = m.st.Status.Render("? or esc closes the help")
	case m.screen == screenReactions:
		body, status = m.panel.View(), m.st.Status.Render(m.panel.Status())
	case m.screen == screenProblems:
		body, status = m.probScreen.View(), m.probScreen.Status()
	}
	f.start(m.height, len(body)+len(status)+len(m.helpLine)+m.height)
	f.block(fit(body, m.width, rows))
	f.row(fit(status, m.width, 1))
	f.row(m.helpLine)
	return m.colorless(f.String())
}

// colorless is s without colour under NO_COLOR: bubbles' list and help
// and the reactions panel colour their parts whatever the styles say.
// (The reader's frame skips this: its styles and the notty Glamour style
// have no colour, so there is none to strip.)
func (m *Model) colorless(s string) string {
	if m.noColor {
		return stripColor(s)
	}
	return s
}

// topBar is the line above the list: the title, the filter being typed,
// or the filter in force.
func (m Model) topBar() string {
	lw, _ := splitWidths(m.width)
	switch {
	case m.typing:
		return fit("  "+m.filter.View(), lw, 1)
	case m.filter.Value() != "":
		return fit("  "+m.st.Header.Render("newsdesk")+m.st.Status.Render(" · filter: "+m.filter.Value()+" · esc clears"), lw, 1)
	}
	return fit("  "+m.st.Header.Render("newsdesk"), lw, 1)
}

// statusLine is the list's status bar.
func (m Model) statusLine() string {
	n := len(m.all)
	parts := []string{plural(n, "article")}
	if m.loading {
		parts[0] = m.spinner.View() + " loading… " + parts[0]
	}
	switch {
	case m.filter.Value() == "":
	case m.filterWait:
		// The list still shows the previous result: its count would be
		// a wrong figure for the term on screen.
		parts = append(parts, "matching…")
	default:
		parts = append(parts, strconv.Itoa(len(m.list.VisibleItems()))+" shown")
	}
	s := m.st.Status.Render(strings.Join(parts, " · "))
	if k := len(m.problems); k > 0 {
		s += m.st.Status.Render(" · ") + m.st.StatusWarn.Render(plural(k, "problem")+" · press ! to see them")
	}
	return s + m.st.Status.Render(" · sorted by "+m.sort.String())
}

// plural is "1 article" or "N articles".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
