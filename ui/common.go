package ui

import (
	"context"
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
)

// common is what every screen of one reader (one terminal, one SSH
// session) shares: the session's context, keys and styles, the library and
// its latest snapshot, the render cache, and the way to open screens.
// Screens hold a pointer to it; only the root changes it.
type common struct {
	// ctx ends with the session: every Cmd's work takes it or a child.
	ctx context.Context
	// keys and st are built once per session (st again when the
	// terminal's background is known); never package globals.
	keys *KeyMap
	st   *Styles
	// gstyle is the Glamour style in use: part of every render key.
	gstyle string
	// split is the narrowest width that shows the list and the preview
	// side by side (Config.SplitWidth).
	split int

	lib  *library.Library
	snap *library.Snapshot

	// index is the full-text index (nil: no search; indexProblem says
	// why, when known) and indexing how far its build is (its Err: why
	// it stopped following the library, and search is off).
	index        *search.Index
	indexing     search.ProgressState
	indexProblem error

	renders *RenderCache
	now     func() time.Time
	// after is the timer behind later (tea.Tick; tests stop it).
	after func(d time.Duration, msg tea.Msg) tea.Cmd
	// openURL opens a link in a browser (Config.OpenURL); nil where the
	// reader cannot (over SSH).
	openURL func(string) error
	// marks is the user's reading state.
	marks *marks
	// fresh is the articles that came while the reader ran, not looked
	// at yet: the list keeps it (marking them "new", counting them in
	// its status bar) and the reader's footer counts them too.
	fresh arrivals
	// redact is Config.Redact (never nil).
	redact func(article.Problem) article.Problem

	// root is the stack the screens push onto and pop from.
	root *Model
	// lastID numbers the session's fetches (see fetch).
	lastID uint64
}

// readError is the line a screen shows in place of an article it could not
// read: the error, redacted like a problem of the article's path.
func (c *common) readError(path string, err error) string {
	p := c.redact(article.Problem{Path: path, Message: err.Error()})
	return "Could not read this article: " + display(p.Message)
}

// searchOff is why there is no search (nil when there is one): no index,
// or one that stopped following the library.
func (c *common) searchOff() error {
	switch {
	case c.indexing.Err != nil:
		return c.indexing.Err
	case c.index == nil && c.indexProblem != nil:
		return c.indexProblem
	case c.index == nil:
		return errNoIndex
	}
	return nil
}

// errNoIndex is why there is no search when nobody said why.
var errNoIndex = errors.New("no search index here")

// later is the Cmd that delivers msg after d.
func (c *common) later(d time.Duration, msg tea.Msg) tea.Cmd { return c.after(d, msg) }

// tick is the real timer.
func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}

// say shows msg on the status line until the next key.
func (c *common) say(msg string) { c.root.notice = msg }

// push puts s on top of the screen stack, sized for the terminal.
func (c *common) push(s Screen) {
	c.root.pushScreen(s)
}

// pop takes the top screen off (never the list at the bottom).
func (c *common) pop() tea.Cmd {
	return c.root.popScreen()
}
