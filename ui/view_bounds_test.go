package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/article"
)

func TestWindowTitle(t *testing.T) {
	exactly := strings.Repeat("a", maxTitleCells)
	tests := []struct {
		name, headline, want string
	}{
		{"short", "Storm Hits Coast", "Storm Hits Coast"},
		{"exactly the cap", exactly, exactly},
		{"one over", exactly + "b", strings.Repeat("a", maxTitleCells-1) + "…"},
		{"wide runes", strings.Repeat("台", 200), strings.Repeat("台", 127) + "…"},
		{"controls", "Hi \x1b]0;PWNED\x07 end", "Hi ?]0;PWNED? end"},
		{"bidi override", "a\u202eb", "a?b"},
		{"huge", strings.Repeat("news ", 16<<20/5), strings.Repeat("news ", 51) + "…"},
		{"huge wide", strings.Repeat("台", 1<<20), strings.Repeat("台", 127) + "…"},
		{"combining marks only", "a" + strings.Repeat("\u0301", 1<<20), "a" + strings.Repeat("\u0301", (maxTitleBytes-1)/2) + "…"},
		{"cut inside a rune", "a" + strings.Repeat("é", maxTitleBytes), "a" + strings.Repeat("é", maxTitleCells-2) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := windowTitle(tt.headline)
			if got != tt.want {
				t.Errorf("windowTitle = %q (%d cells), want %q", trim(got), ansi.StringWidth(got), trim(tt.want))
			}
			if w := ansi.StringWidth(got); w > maxTitleCells {
				t.Errorf("title is %d cells, want at most %d", w, maxTitleCells)
			}
		})
	}
}

func trim(s string) string {
	if len(s) > 80 {
		return s[:40] + "…" + s[len(s)-40:]
	}
	return s
}

func BenchmarkWindowTitle_HugeHeadline(b *testing.B) {
	h := strings.Repeat("news ", 16<<20/5)
	for b.Loop() {
		windowTitle(h)
	}
}

// A view with rows is never empty: Bubble Tea's renderer takes empty
// content for no frame and erases and redraws the whole screen on every
// frame, which a 1-row terminal (whose one row is often blank) did 60 times
// a second.
func TestView_NeverEmptyOnAScreenWithRows(t *testing.T) {
	walks := [][]string{nil, {"enter"}, {"r"}, {"!"}, {"?"}, {"/", "a"}}
	for _, sz := range [][2]int{{80, 1}, {1, 1}, {80, 2}, {200, 1}} {
		for _, walk := range walks {
			m := newWith(t, []article.Article{seedArticle()}, []article.Problem{{Path: "x", Message: "y"}}, Config{})
			m = drive(t, m, keys(walk...)...)
			m = drive(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			c := m.View().Content
			if c == "" {
				t.Errorf("%dx%d %v: empty view", sz[0], sz[1], walk)
			}
			if rows := strings.Count(c, "\n") + 1; rows > sz[1] {
				t.Errorf("%dx%d %v: %d rows", sz[0], sz[1], walk, rows)
			}
		}
	}
}
