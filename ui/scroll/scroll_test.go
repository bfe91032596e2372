package scroll

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "G":
		return tea.KeyPressMsg{Code: 'g', ShiftedCode: 'G', Text: "G", Mod: tea.ModShift}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

func TestTarget(t *testing.T) {
	tests := []struct {
		key             string
		off, page, maxO int
		want            int
		ok              bool
	}{
		{"j", 0, 10, 50, 1, true},
		{"j", 50, 10, 50, 50, true}, // never past the end
		{"k", 0, 10, 50, 0, true},   // nor before the start
		{"k", 7, 10, 50, 6, true},
		{"space", 5, 10, 50, 15, true},
		{"pgdown", 45, 10, 50, 50, true},
		{"b", 5, 10, 50, 0, true},
		{"d", 0, 10, 50, 5, true},
		{"ctrl+d", 0, 10, 50, 5, true},
		{"d", 0, 1, 50, 1, true}, // half of one row is still a row
		{"u", 9, 10, 50, 4, true},
		{"g", 30, 10, 50, 0, true},
		{"G", 0, 10, 50, 50, true},
		{"end", 0, 10, 0, 0, true}, // nothing to scroll
		{"j", 0, 0, 3, 1, true},    // a pane of no rows still moves
		{"x", 4, 10, 50, 4, false},
	}
	k := DefaultKeyMap()
	for _, tt := range tests {
		got, ok := Target(press(tt.key), k, tt.off, tt.page, tt.maxO)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Target(%q, off %d, page %d, max %d) = %d, %v; want %d, %v", tt.key, tt.off, tt.page, tt.maxO, got, ok, tt.want, tt.ok)
		}
	}
}
