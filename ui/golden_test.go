package ui

import (
	"fmt"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/newsdesk/newsdesk/article"
	"github.com/newsdesk/newsdesk/library"
)

// TestGolden_Screens pins every screen at 80×24, 120×40 and 40×12 with the
// seed article and the rich test article (7 reactions, a 1,200-character
// quote, Chinese text, an emoji headline). `go test ./ui -update`
// regenerates the files.
func TestGolden_Screens(t *testing.T) {
	walks := []struct {
		name string
		keys []string
	}{
		{"list", nil},
		{"reader", []string{"enter"}},
		{"reader_end", []string{"enter", "G"}},
		{"reactions", []string{"r"}},
		{"reactions_third", []string{"r", "3"}},
		{"reaction_open", []string{"r", "l", "enter"}},
		{"problems", []string{"!"}},
		{"help", []string{"?"}},
		{"filter", []string{"/", "X", "i", "n"}},
	}
	arts := map[string]article.Article{"seed": seedArticle(), "rich": richArticle()}
	for _, name := range []string{"seed", "rich"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {40, 12}} {
			for _, w := range walks {
				t.Run(fmt.Sprintf("%s_%dx%d_%s", name, sz[0], sz[1], w.name), func(t *testing.T) {
					// The other article comes second in the list so that
					// the walks open the named one.
					other := richArticle()
					if name == "rich" {
						other = seedArticle()
					}
					other.Date = "1999-01-01"
					m := New(Config{
						Library: library.NewStatic([]article.Article{arts[name], other},
							[]article.Problem{{Path: "lib/empty.txt", Severity: article.SeverityError, Message: "empty file"}}),
						Style: "dark",
					})
					m = drive(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
					m = drive(t, m, keys(w.keys...)...)
					golden.RequireEqual(t, []byte(screenOf(m)))
				})
			}
		}
	}
}

// TestGolden_WideLayout pins the list with its live preview.
func TestGolden_WideLayout(t *testing.T) {
	for _, sz := range [][2]int{{140, 30}, {200, 50}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := newTest(t, sz[0], sz[1], seedArticle(), richArticle())
			golden.RequireEqual(t, []byte(screenOf(m)))
		})
	}
}
