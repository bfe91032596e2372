package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/newsdesk/newsdesk/article"
)

// TestModel_UpdatesLeaveEarlierCopiesAlone: the big components sit
// behind pointers (copied before every change), but a Model is still a
// value: driving one copy must not change what another shows.
func TestModel_UpdatesLeaveEarlierCopiesAlone(t *testing.T) {
	walks := [][]tea.Msg{
		keys("j", "j", "k", "G", "g", "space", "b"),
		keys("s", "s"),
		keys("/", "K", "o", "v", "enter", "esc"),
		keys("/", "x", "esc"),
		keys("enter", "j", "d", "G", "n", "p", "esc"),
		keys("r", "l", "3", "enter", "j", "esc", "esc"),
		keys("!", "j", "G", "esc"),
		keys("?", "esc"),
		{tea.WindowSizeMsg{Width: 140, Height: 30}, press("j")},
		{tea.WindowSizeMsg{Width: 30, Height: 8}},
		{tea.BackgroundColorMsg{Color: white{}}},
		{tea.MouseWheelMsg{Button: tea.MouseWheelDown}, tea.MouseClickMsg{Button: tea.MouseLeft, X: 5, Y: listTop}},
		{press("enter"), tea.MouseWheelMsg{Button: tea.MouseWheelDown}},
	}
	starts := []string{"list", "reader", "panel", "problems", "filter"}
	for _, start := range starts {
		for _, w := range walks {
			m := New(Config{
				Articles: []article.Article{seedArticle(), richArticle()},
				Problems: []article.Problem{{Path: "a.txt", Message: "empty"}, {Path: "b.txt", Message: "binary"}},
			})
			m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
			switch start {
			case "reader":
				m = drive(t, m, press("enter"))
			case "panel":
				m = drive(t, m, press("r"))
			case "problems":
				m = drive(t, m, press("!"))
			case "filter":
				m = drive(t, m, keys("/", "R")...)
			}
			before := m.View().Content
			other := drive(t, m, w...)
			if got := m.View().Content; got != before {
				t.Errorf("from %s, %v changed an earlier copy:\n%s\n---\n%s", start, w, before, got)
			}
			// And the other way round.
			otherBefore := other.View().Content
			_ = drive(t, m, keys("j", "s", "r", "l")...)
			if other.View().Content != otherBefore {
				t.Errorf("from %s, %v: driving the earlier copy changed the later one", start, w)
			}
		}
	}
}
