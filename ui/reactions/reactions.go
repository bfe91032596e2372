// Package reactions is the reactions panel: a story's commentators as cards
// side by side, one focused, with keys to move between them and to open one
// full-width.
package reactions

import (
	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
)

// STUB: owned by the reactions-panel helper; keep these signatures.

// BackMsg is sent when the user leaves the panel (esc with no reaction
// open): the root model returns to where the panel was opened from.
type BackMsg struct{}

// Model is the reactions panel.
type Model struct{}

// New returns an empty panel styled for a dark or light background.
func New(isDark bool) Model { return Model{} }

// SetArticle shows a's reactions, focusing the first.
func (m *Model) SetArticle(a *article.Article) {}

// SetSize sets the panel's outer size in cells.
func (m *Model) SetSize(width, height int) {}

// SetDark restyles the panel for a dark or light background and sets the
// Glamour style used for the full-width view ("dark", "light", "notty"...).
func (m *Model) SetDark(isDark bool, glamourStyle string) {}

// Update handles keys, mouse and render results.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) { return m, nil }

// View draws the panel at its size.
func (m Model) View() string { return "" }

// Status is the status-bar text: "Reaction I of N · NAME" and, when not all
// cards fit, "cards A–B of N".
func (m Model) Status() string { return "" }
