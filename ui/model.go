// Package ui is newsdesk's terminal reader: the Bubble Tea root model that
// the local command and every SSH session run, and its screens.
//
// The root (Model, a pointer) owns a stack of screens behind one interface
// (Screen): the list at the bottom, then whatever the user opened (reader,
// reactions panel, problems, help). It handles the few global keys and
// messages (quit, help, size, background, new library snapshots) and hands
// the rest to the screens; it never switches on which screen is shown.
// Everything a session shares (keys, styles, the library, the render
// cache) is in one common value the screens point to.
package ui

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/state"
)

// Config says what a reader shows and how.
type Config struct {
	// Context ends the reader's background work (reading, rendering,
	// waiting for the library) when done: an SSH session's context. nil
	// means none besides quitting and Close.
	Context context.Context
	// Library is the catalogue the reader shows; the reader follows its
	// snapshots (a load streaming in, a reload). Required.
	Library *library.Library
	// Style forces a Glamour/Lip Gloss style ("dark", "light", "notty",
	// "ascii", "dracula", "tokyo-night", "pink"); "" or "auto" follows the
	// terminal's background.
	Style string
	// NoColor turns off all colour (NO_COLOR).
	NoColor bool
	// Store keeps the reading state of User (read, bookmarks, position,
	// reactions seen; "local" if empty). nil keeps it for the session
	// only, in memory.
	Store state.Store
	User  string
	// StoreProblem, when set, says why the state file could not be used
	// (the reader then works with a session-only Store): shown once.
	StoreProblem error
	// Redact rewrites a problem (or a read error, as a Problem of the
	// article's path) before it is shown: the SSH server hides its own
	// file-system paths with it. nil shows them as they are.
	Redact func(article.Problem) article.Problem
	// Keys are the session's key bindings (DefaultKeyMap if nil).
	Keys *KeyMap
	// Cache holds rendered articles; readers given the same cache (the SSH
	// server's sessions) render each article once per width and style.
	// nil means a cache of the reader's own.
	Cache *RenderCache
}

// Model is the reader's root model. It is a pointer: Bubble Tea keeps the
// same *Model for the whole program, and every screen changes in place.
type Model struct {
	cfg Config
	c   *common
	// cancel ends the session's background work (Close).
	cancel context.CancelFunc

	isDark, noColor bool

	width, height int
	stack         []Screen
	list          *listScreen

	// notice is a message shown on the status line until the next key
	// (a write that failed, what a key did).
	notice string

	// helpLine is the short help under the screen, cut to the width. It
	// is drawn when the bindings shown (helpFor), the width or the styles
	// change, not per frame: help.View measures every binding.
	helpLine string
	helpFor  []key.Binding
	helpW    int
	helpSt   *Styles
}

// New returns a reader for cfg.
func New(cfg Config) *Model {
	isDark, _ := forcedBackground(cfg.Style)
	noColor := cfg.NoColor || forcedNoColor(cfg.Style)
	st := NewStyles(isDark, noColor)
	keys := cfg.Keys
	if keys == nil {
		k := DefaultKeyMap()
		keys = &k
	}
	parent := cfg.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	m := &Model{cfg: cfg, cancel: cancel, isDark: isDark, noColor: noColor}
	m.c = &common{
		ctx:     ctx,
		keys:    keys,
		st:      &st,
		gstyle:  glamourStyle(cfg.Style, isDark, noColor),
		lib:     cfg.Library,
		renders: cfg.Cache,
		now:     time.Now,
		root:    m,
		redact:  cfg.Redact,
		after:   tick,
	}
	if m.c.redact == nil {
		m.c.redact = func(p article.Problem) article.Problem { return p }
	}
	if m.c.lib == nil {
		m.c.lib = library.NewStatic(nil, nil)
	}
	if m.c.renders == nil {
		m.c.renders = NewRenderCache(DefaultCacheSize)
	}
	store := cfg.Store
	if store == nil {
		store = state.NewMemory(state.Options{})
	}
	user := cfg.User
	if user == "" {
		user = "local"
	}
	m.c.marks = newMarks(store, user)
	if cfg.StoreProblem != nil {
		m.notice = "Marks will not be saved this time: " + display(cfg.StoreProblem.Error())
	}
	m.c.snap = m.c.lib.Snapshot()
	m.list = newListScreen(m.c)
	m.stack = []Screen{m.list}
	m.drawHelpLine()
	return m
}

// Close stops the reader's background work (reads, renders, waiting for
// the library): the SSH server calls it when a session ends.
func (m *Model) Close() { m.cancel() }

// snapshotMsg is a library snapshot newer than the one shown.
type snapshotMsg struct{ s *library.Snapshot }

// waitSnapshot waits for a snapshot newer than gen. One such Cmd is in
// flight per reader at a time; it ends with the session's context.
func (m *Model) waitSnapshot(gen uint64) tea.Cmd {
	return follower{lib: m.c.lib, ctx: m.c.ctx, gen: gen}.wait
}

// follower waits for the library's next snapshot after gen.
type follower struct {
	lib *library.Library
	ctx context.Context
	gen uint64
}

// wait is the Cmd: the next snapshot, or nothing once the session ends
// (or the library will never change).
func (f follower) wait() tea.Msg {
	s, err := f.lib.Wait(f.ctx, f.gen)
	if err != nil {
		return nil
	}
	return snapshotMsg{s}
}

// Init asks the terminal for its background and starts following the
// library.
func (m *Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.waitSnapshot(m.c.snap.Gen()), m.list.Init(), m.c.marks.load(m.c.ctx))
}

// top is the screen on top of the stack.
func (m *Model) top() Screen { return m.stack[len(m.stack)-1] }

// pushScreen puts s on top, sized for the terminal.
func (m *Model) pushScreen(s Screen) {
	m.stack = append(m.stack, s)
	m.size(s)
}

// popScreen takes the top screen off, unless it is the list; the screen
// below may need to catch up with what changed meanwhile (a resize, new
// styles), which its next Update does.
func (m *Model) popScreen() tea.Cmd {
	if len(m.stack) == 1 {
		return nil
	}
	m.stack[len(m.stack)-1] = nil
	m.stack = m.stack[:len(m.stack)-1]
	return m.top().Update(tea.WindowSizeMsg{Width: m.width, Height: m.height})
}

// footed is a screen that draws its own status row (the reader's footer):
// it gets that row too.
type footed interface{ footer() }

// footer marks the reader as footed.
func (r *readerScreen) footer() {}

// size gives s its share of the terminal: everything but the help line
// and, unless it draws its own, the status line.
func (m *Model) size(s Screen) {
	h := rest(m.height, 2)
	if _, ok := s.(footed); ok {
		h = rest(m.height, 1)
	}
	s.SetSize(m.width, h)
}

// Update handles one message: the global ones here, the rest by the
// screens (keys and the mouse by the one on top, everything else by all,
// so a result reaches the screen that asked for it).
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.drawHelpLine()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		for _, s := range m.stack {
			m.size(s)
		}
		return m.broadcast(msg)

	case tea.BackgroundColorMsg:
		if _, forced := forcedBackground(m.cfg.Style); forced {
			return nil
		}
		m.isDark = msg.IsDark()
		st := NewStyles(m.isDark, m.noColor)
		m.c.st = &st
		m.c.gstyle = glamourStyle(m.cfg.Style, m.isDark, m.noColor)
		var cmds []tea.Cmd
		for _, s := range m.stack {
			if r, ok := s.(restyler); ok {
				cmds = append(cmds, r.SetStyles(m.c.st))
			}
		}
		return tea.Batch(cmds...)

	case snapshotMsg:
		m.c.snap = msg.s
		cmds := []tea.Cmd{m.waitSnapshot(msg.s.Gen())}
		for _, s := range m.stack {
			if sn, ok := s.(snapshotter); ok {
				cmds = append(cmds, sn.SetSnapshot(msg.s))
			}
		}
		return tea.Batch(cmds...)

	case stateMsg:
		if msg.err != nil {
			m.notice = "Could not read your marks: " + display(msg.err.Error())
			return nil
		}
		m.c.marks.loadedState(msg.st)
		return m.broadcast(msg)

	case wroteMsg:
		cmd, report := m.c.marks.wrote(m.c.ctx, msg, m.c.later)
		if report {
			m.notice = "Could not save your marks (trying again): " + display(msg.err.Error())
		}
		return cmd

	case retryMsg:
		return m.c.marks.retry(m.c.ctx)

	case tea.KeyPressMsg:
		m.notice = ""
		return m.key(msg)

	case tea.MouseMsg:
		if _, ok := m.top().(*helpScreen); ok {
			return nil
		}
		return m.top().Update(msg)
	}
	return m.broadcast(msg)
}

// broadcast gives msg to every screen.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stack))
	// A screen may push or pop while handling msg: go over the stack as
	// it was.
	for _, s := range slices.Clone(m.stack) {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

// key handles a key press: ctrl+c always quits; q quits and ? toggles the
// help unless the screen on top takes every key as text; the rest is the
// screen's.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.keys
	if key.Matches(msg, k.ForceQuit) {
		return m.quit()
	}
	top := m.top()
	if t, ok := top.(typist); ok && t.Typing() {
		return top.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		if _, ok := top.(*helpScreen); ok {
			return m.popScreen()
		}
		m.pushScreen(newHelpScreen(m.c, top))
		return nil
	}
	return top.Update(msg)
}

// quit ends the program and its background work, once the marks still
// queued are written.
func (m *Model) quit() tea.Cmd {
	for _, s := range m.stack {
		if q, ok := s.(quitter); ok {
			q.quitting()
		}
	}
	flush := m.c.marks.flush()
	m.cancel()
	if flush == nil {
		return tea.Quit
	}
	return tea.Sequence(flush, tea.Quit)
}

// quitter is a screen with something to remember when the program ends
// (where the user was): it queues the marks, which quit then writes.
type quitter interface {
	quitting()
}

// drawHelpLine renders the short help of the screen on top unless the one
// drawn shows the same bindings at the same width and styles.
func (m *Model) drawHelpLine() {
	b := m.top().ShortHelp()
	if m.helpW == m.width && m.helpSt == m.c.st && sameHelp(b, m.helpFor) {
		return
	}
	m.helpFor = slices.Clone(b)
	m.helpW, m.helpSt = m.width, m.c.st
	h := help.New()
	h.Styles = m.c.st.Help
	m.helpLine = fit(fitHelp(b, m.c.keys.essential, m.width, h.ShortHelpView), m.width, 1)
}

// fitHelp is the short help of bs in width cells, drawn by view: all of
// it when it fits; else the bindings that keep (esc, q, ?: the way out)
// and, in their order, as many of the others as leave room for a final
// "…" that says some were left out. view draws bindings; its width is
// what is measured.
func fitHelp(bs []key.Binding, keep func(key.Binding) bool, width int, view func([]key.Binding) string) string {
	if full := view(bs); ansi.StringWidth(full) <= width {
		return full
	}
	const more = " …"
	in := make([]bool, len(bs))
	for i, b := range bs {
		in[i] = keep(b)
	}
	chosen := func() []key.Binding {
		var out []key.Binding
		for i, b := range bs {
			if in[i] {
				out = append(out, b)
			}
		}
		return out
	}
	for i := range bs {
		if in[i] {
			continue
		}
		in[i] = true
		if ansi.StringWidth(view(chosen())+more) > width {
			in[i] = false
		}
	}
	return view(chosen()) + more
}

// sameHelp reports whether a and b show the same help: the same bindings'
// help texts, enabled alike.
func sameHelp(a, b []key.Binding) bool {
	return slices.EqualFunc(a, b, func(x, y key.Binding) bool {
		return x.Enabled() == y.Enabled() && x.Help() == y.Help()
	})
}

// View draws the reader.
func (m *Model) View() tea.View {
	v := tea.NewView(m.content())
	if v.Content == "" && m.height > 0 {
		// Bubble Tea's renderer takes empty content for no frame and
		// erases and redraws the whole screen on every frame (a 1-row
		// terminal whose one row is blank did so 60 times a second).
		v.Content = " "
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "newsdesk"
	if t, ok := m.top().(titled); ok && t.Title() != "" {
		v.WindowTitle = windowTitle(t.Title())
	}
	return v
}

// maxTitleCells bounds the window title: a 16 MiB headline would
// otherwise be a 16 MiB OSC 2 sequence on every frame. maxTitleBytes is
// how much of a headline is looked at for it (View runs every frame): 256
// cells of any script's letters, which are at most 4 bytes of UTF-8 each;
// text heavy with combining marks gets fewer cells.
const (
	maxTitleCells = 256
	maxTitleBytes = 4 * maxTitleCells
)

// windowTitle is headline as the window title: made safe for the
// terminal and cut to maxTitleCells with "…".
func windowTitle(headline string) string {
	if len(headline) <= maxTitleCells { // so at most maxTitleCells cells: nothing to measure
		return display(headline)
	}
	if len(headline) <= maxTitleBytes {
		return ansi.Truncate(display(headline), maxTitleCells, "…")
	}
	i := maxTitleBytes
	for i > 0 && !utf8.RuneStart(headline[i]) {
		i--
	}
	return ansi.Truncate(display(headline[:i]), maxTitleCells-1, "") + "…"
}

// content is the whole screen, cut to the terminal so nothing ever wraps:
// the top screen, its status line (unless it draws its own) and the help.
func (m *Model) content() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	top := m.top()
	_, own := top.(footed)
	var f frame
	if d, ok := top.(drawer); ok {
		f.start(m.height, d.size()+len(m.helpLine)+m.width+1)
		d.draw(&f)
	} else {
		body := top.View()
		f.start(m.height, len(body)+len(m.helpLine)+m.height)
		f.block(fit(body, m.width, rest(m.height, 2)))
	}
	switch {
	case m.notice != "":
		f.row(ansi.Truncate(m.c.st.StatusWarn.Render(m.notice), m.width, "…"))
	case !own:
		f.row(ansi.Truncate(top.Status(), m.width, "…"))
	}
	f.row(m.helpLine)
	// Under NO_COLOR the styles are plain, and whatever colour is left
	// (bubbles' help, Glamour) is dropped where the frame is written: the
	// program's colour profile follows NO_COLOR, locally and over SSH.
	return f.String()
}
