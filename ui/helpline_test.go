package ui

import (
	"fmt"
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

func TestHelpRows_SplitsGroupsThatDoNotFit(t *testing.T) {
	g := func(n int) []key.Binding { return make([]key.Binding, n) }
	// A group's width is its number of bindings; two side by side add 1.
	measure := func(gs [][]key.Binding) int {
		w := 0
		for i, x := range gs {
			if i > 0 {
				w++
			}
			w += len(x)
		}
		return w
	}
	tests := []struct {
		name   string
		groups [][]key.Binding
		width  int
		want   []int // groups per row
	}{
		{"all fit", [][]key.Binding{g(3), g(3), g(3)}, 11, []int{3}},
		{"one too many", [][]key.Binding{g(3), g(3), g(3)}, 10, []int{2, 1}},
		{"one a row", [][]key.Binding{g(3), g(3), g(3)}, 3, []int{1, 1, 1}},
		{"wider than the screen alone", [][]key.Binding{g(9), g(1)}, 5, []int{1, 1}},
		{"none", nil, 80, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, r := range helpRows(tt.groups, tt.width, measure) {
				got = append(got, len(r))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("rows %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHelpScreen_ShowsEveryKeyAtEveryWidth(t *testing.T) {
	for _, w := range []int{120, 80, 60, 40} {
		m := newTest(t, w, 60, seedArticle(), richArticle())
		drive(t, m, press("?"))
		// The help box: the screen without the status and help lines,
		// which name keys of their own.
		lines := strings.Split(screenOf(m), "\n")
		scr := strings.Join(lines[:len(lines)-2], "\n")
		for _, g := range m.c.keys.listHelp(false).full {
			for _, b := range g {
				if !b.Enabled() {
					continue
				}
				if h := b.Help(); !strings.Contains(scr, h.Desc) {
					t.Errorf("%d columns: the help lacks %q %q:\n%s", w, h.Key, h.Desc, scr)
				}
			}
		}
	}
}

func TestHelpScreen_ScrollsWhenTooShort(t *testing.T) {
	m := newTest(t, 40, 12, seedArticle())
	drive(t, m, press("?"))
	if scr := screenOf(m); !strings.Contains(scr, "↓/j more") || strings.Contains(scr, "ctrl+c quit") {
		t.Fatalf("a 12-row help shows it all, or does not say there is more:\n%s", scr)
	}
	drive(t, m, press("G"))
	if scr := screenOf(m); !strings.Contains(scr, "ctrl+c quit") {
		t.Errorf("G does not reach the end of the help:\n%s", scr)
	}
	drive(t, m, press("esc"))
	if scr := screenOf(m); strings.Contains(scr, "closes the help") {
		t.Errorf("esc does not close the help:\n%s", scr)
	}
}
