package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// fitRef is fit as it was before its fast path: every line measured.
func fitRef(s string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = cutRef(l, w)
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func TestFit_CutsAndPadsLikeMeasuringEveryLine(t *testing.T) {
	red := "\x1b[31m"
	tests := []struct {
		s    string
		w, h int
		want string
	}{
		{"", 5, 1, ""},
		{"", 5, 3, "\n\n"},
		{"abc", 0, 1, ""},
		{"abc", 3, 0, ""},
		{"abcdef", 3, 1, "abc"},
		{"abc\ndef\nghi", 5, 2, "abc\ndef"},
		{"abc\n", 5, 3, "abc\n\n"},
		{red + "abc" + "\x1b[m", 3, 1, red + "abc" + "\x1b[m"}, // longer in bytes, not in cells
		{red + "abcdef" + "\x1b[m", 3, 1, red + "abc" + "\x1b[m"},
		{"中国外交部", 5, 1, "中国"}, // 3 bytes per 2 cells: measured, and cut
		{"中国", 4, 1, "中国"},
		{"🚀 go", 3, 1, "🚀 "},
	}
	for _, tt := range tests {
		got := fit(tt.s, tt.w, tt.h)
		if got != tt.want {
			t.Errorf("fit(%q, %d, %d) = %q; want %q", tt.s, tt.w, tt.h, got, tt.want)
		}
		if ref := fitRef(tt.s, tt.w, tt.h); got != ref {
			t.Errorf("fit(%q, %d, %d) = %q; measuring every line gives %q", tt.s, tt.w, tt.h, got, ref)
		}
	}
}

func TestFrame_DropsRowsPastItsHeight(t *testing.T) {
	tests := []struct {
		name string
		max  int
		add  func(f *frame)
		want string
	}{
		{"rows", 3, func(f *frame) { f.row("a"); f.row("b") }, "a\nb"},
		{"cut", 2, func(f *frame) { f.row("a"); f.row("b"); f.row("c") }, "a\nb"},
		{"zero", 0, func(f *frame) { f.row("a") }, ""},
		{"block", 3, func(f *frame) { f.block("a\nb"); f.block("c\nd") }, "a\nb\nc"},
		{"empty block is a row", 3, func(f *frame) { f.block(""); f.row("x") }, "\nx"},
		{"fill", 3, func(f *frame) { f.row("a"); f.fill("-") }, "a\n-\n-"},
		{"rows past max", 2, func(f *frame) { f.rows(5, "x") }, "x\nx"},
		{"fitRow", 2, func(f *frame) { f.fitRow("abcdef", 2) }, "ab"},
	}
	for _, tt := range tests {
		var f frame
		f.start(tt.max, 0)
		tt.add(&f)
		if got := f.String(); got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
}

// cutRef is cut without its fast path.
func cutRef(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "")
}
