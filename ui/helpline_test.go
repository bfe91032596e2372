package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

func TestFitHelp_KeepsTheWayOutWhenCut(t *testing.T) {
	km := DefaultKeyMap()
	view := help.New().ShortHelpView
	reader := []key.Binding{km.Down, km.Up, km.PageDown, km.Next, km.Prev, km.Reactions, km.Back, km.Help, km.Quit}
	tests := []struct {
		width         int
		want, wantNot []string
	}{
		{200, []string{"n next article", "esc back", "? help", "q quit"}, []string{"…"}},
		{80, []string{"↓/j down", "esc back", "? help", "q quit", "…"}, []string{"p previous article"}},
		{40, []string{"esc back", "? help", "q quit", "…"}, nil},
		{20, nil, nil}, // too narrow even for the way out: cut, never wider
	}
	for _, tt := range tests {
		got := fitHelp(reader, km.essential, tt.width, view)
		line := ansi.Strip(fit(got, tt.width, 1))
		if w := ansi.StringWidth(line); w > tt.width {
			t.Errorf("%d: %d cells", tt.width, w)
		}
		for _, s := range tt.want {
			if !strings.Contains(line, s) {
				t.Errorf("%d: %q lacks %q", tt.width, line, s)
			}
		}
		for _, s := range tt.wantNot {
			if strings.Contains(line, s) {
				t.Errorf("%d: %q has %q", tt.width, line, s)
			}
		}
	}
}
