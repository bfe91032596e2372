package server

import (
	"fmt"
	"testing"
	"time"
)

func TestClampSize(t *testing.T) {
	tests := []struct{ cols, rows, wantCols, wantRows uint32 }{
		{80, 24, 80, 24},
		{0, 0, 80, 24},
		{100000, 100000, maxWidth, maxCells / maxWidth},
		{maxWidth, maxHeight, maxWidth, maxCells / maxWidth},
		{500, 65, 500, 65},
		{500, 66, 500, 65},
		{256, 128, 256, 128}, // exactly maxCells
		{256, 129, 256, 128},
		{100, 300, 100, 300}, // 30,000 cells
		{100, 400, 100, maxHeight},
		{1, 100000, 1, maxHeight},
		{1, 1, 1, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.cols, tt.rows), func(t *testing.T) {
			c, r := clampSize(tt.cols, tt.rows)
			if c != tt.wantCols || r != tt.wantRows {
				t.Errorf("clampSize(%d, %d) = %d, %d; want %d, %d", tt.cols, tt.rows, c, r, tt.wantCols, tt.wantRows)
			}
		})
	}
}

func TestHuman(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{30 * time.Minute, "30m"},
		{2 * time.Hour, "2h"},
		{90 * time.Minute, "1h30m"},
		{45 * time.Second, "45s"},
		{300 * time.Millisecond, "300ms"},
		{time.Hour + time.Second, "1h0m1s"},
	}
	for _, tt := range tests {
		if got := human(tt.d); got != tt.want {
			t.Errorf("human(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"xterm-256color", "xterm-256color"},
		{"evil\x1b[2J\nname", "evil?[2J?name"},
		{string(make([]byte, 0)), ""},
		{"ααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααα", "αααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααα…"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsPowerOfTen(t *testing.T) {
	for n, want := range map[int]bool{0: false, 1: true, 2: false, 10: true, 11: false, 20: false, 100: true, 1000: true, 1010: false, 100000: true} {
		if got := isPowerOfTen(n); got != want {
			t.Errorf("isPowerOfTen(%d) = %v, want %v", n, got, want)
		}
	}
}
