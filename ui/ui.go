// Package ui is newsdesk's terminal reader: the Bubble Tea root model that
// the local command and every SSH session run.
package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
)

// STUB: owned by the UI helper; keep Config and New's signature.

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
}

// Model is the reader's root model.
type Model struct{ cfg Config }

// New returns a reader for cfg.
func New(cfg Config) Model { return Model{cfg: cfg} }

// Init starts loading and asks the terminal for its background.
func (m Model) Init() tea.Cmd { return nil }

// Update handles one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return m, tea.Quit
	}
	return m, nil
}

// View draws the reader.
func (m Model) View() tea.View { return tea.NewView("newsdesk") }
