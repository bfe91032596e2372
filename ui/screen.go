package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/library"
	"github.com/newsdesk/newsdesk/search"
)

// Screen is one thing that fills the terminal: the list, the reader, the
// reactions panel, the problems, the help. The root model keeps a stack of
// them and talks to the one on top through this interface alone; there is
// no switch on the current screen anywhere else.
//
// Update gets every key and mouse message while the screen is on top (the
// root handles only the global keys first) and every other message
// whether on top or not, so results of work a screen started while on top
// still reach it. View draws exactly the size SetSize gave; Status is the
// status line under it, and the help line under that is generated from
// the screen's help.KeyMap.
type Screen interface {
	help.KeyMap
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Status() string
}

// snapshotter is a screen that shows the library: it is given every new
// snapshot, whether on top or not.
type snapshotter interface {
	SetSnapshot(s *library.Snapshot) tea.Cmd
}

// indexWatcher is a screen that shows what the search index holds: it is
// given each new state of the index's build, whether on top or not.
type indexWatcher interface {
	SetIndexing(s search.ProgressState) tea.Cmd
}

// restyler is a screen that draws with the session's styles: it is given
// new ones when the terminal's background turns out light or dark.
type restyler interface {
	SetStyles(st *Styles) tea.Cmd
}

// typist is a screen that sometimes takes every key as text (a filter or a
// search being typed): then `q` and `?` are letters, not quit and help.
type typist interface {
	Typing() bool
}

// titled is a screen that names the terminal window (the article read).
type titled interface {
	Title() string
}

// drawer is a screen that can add its rows to the root's frame directly,
// without building View's string first: the reader and the list, whose
// frames are drawn on every key of every SSH session.
type drawer interface {
	draw(f *frame)
	// size is about the length of the rows in bytes, to size the frame.
	size() int
}

// pushMsg puts a screen on top of the stack; popMsg takes the top one off
// (the list, at the bottom, is never taken off).
type (
	pushMsg struct{ s Screen }
	popMsg  struct{}
)

// push is the command that puts s on top.
func push(s Screen) tea.Cmd { return func() tea.Msg { return pushMsg{s} } }

// pop is the command that goes back to the screen below.
func pop() tea.Msg { return popMsg{} }
