package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
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
