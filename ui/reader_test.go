package ui

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/newsdesk/newsdesk/ui/render"
)

func TestPageRows_SplitWrapPadLikeLipGloss(t *testing.T) {
	bold := "\x1b[1m"
	tests := []struct {
		name string
		s    string
		w    int
		want []string
	}{
		{"empty", "", 10, nil},
		{"no width", "abc", 0, nil},
		{"padded to the width", "ab\ncd", 4, []string{"ab  ", "cd  "}},
		{"exact width", "abcd", 4, []string{"abcd"}},
		{"tab is four spaces", "a\tb", 8, []string{"a    b  "}},
		{"crlf", "ab\r\ncd", 3, []string{"ab ", "cd "}},
		{"too wide is wrapped", "one two three", 8, []string{"one two ", "three   "}},
		{"style closed and reopened per row", bold + "ab\ncd\x1b[m", 2, []string{bold + "ab\x1b[m", bold + "cd\x1b[m"}},
		// A double-width character cannot go in one cell: cut, as fit
		// cut what the viewport drew.
		{"wide character in one cell", "中国", 1, []string{" ", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pageRows(tt.s, tt.w)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("pageRows(%q, %d) = %q; want %q", tt.s, tt.w, got, tt.want)
			}
			for _, r := range got {
				if w := ansi.StringWidth(r); w > tt.w {
					t.Errorf("row %q is %d cells, over %d", r, w, tt.w)
				}
			}
		})
	}
}

func TestReader_RowsAreTheRenderingCentredAndPadded(t *testing.T) {
	for _, w := range []int{40, 80, 100, 120, 161} {
		m := newTest(t, w, 30, seedArticle())
		m = drive(t, m, press("enter"))
		tw, margin := textWidths(w)
		r := readerOf(t, m)
		a := seedArticle()
		want, ok := m.c.renders.Get(renderKey{ID: a.ID, Version: a.Version, Width: tw, Style: render.Style(m.c.gstyle), Variant: render.Body})
		if !ok || !r.ok {
			t.Fatalf("%d: not rendered", w)
		}
		rows := r.rows
		lines := strings.Split(want, "\n")
		if len(rows) != len(lines) || r.vp.TotalLineCount() != len(lines) {
			t.Fatalf("%d: %d rows, %d in the viewport, for %d lines", w, len(rows), r.vp.TotalLineCount(), len(lines))
		}
		for i, r := range rows {
			if ansi.StringWidth(r) != w {
				t.Errorf("%d: row %d is %d cells", w, i, ansi.StringWidth(r))
			}
			if got := strings.TrimRight(ansi.Strip(r), " "); got != strings.TrimRight(strings.Repeat(" ", margin)+ansi.Strip(lines[i]), " ") {
				t.Errorf("%d: row %d is %q", w, i, got)
			}
		}
	}
}

// TestReader_ResizeRecentresText: above maxText columns the text width
// stays 100 while the margin grows, so the rendering is the same but must
// be centred again (it used to keep the old margin under a moved header).
func TestReader_ResizeRecentresText(t *testing.T) {
	lead := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	m := newTest(t, 120, 40, seedArticle())
	m = drive(t, m, press("enter"))
	before := strings.Split(screenOf(m), "\n")
	m = drive(t, m, tea.WindowSizeMsg{Width: 160, Height: 40})
	after := strings.Split(screenOf(m), "\n")
	_, m120 := textWidths(120)
	_, m160 := textWidths(160)
	if lead(before[0]) != m120+render.TextIndent || lead(after[0]) != m160+render.TextIndent {
		t.Errorf("header indented %d, then %d; want %d, %d (in line with the text)", lead(before[0]), lead(after[0]), m120+render.TextIndent, m160+render.TextIndent)
	}
	// Row 2 is the first row of text, under the header's blank row.
	if got := lead(after[2]) - lead(before[2]); got != m160-m120 {
		t.Errorf("text moved %d columns; want %d:\n%s", got, m160-m120, screenOf(m))
	}
}

func TestReader_FooterFollowsTheScroll(t *testing.T) {
	m := newTest(t, 80, 24, seedArticle(), richArticle())
	m = drive(t, m, press("enter"))
	pct := func() string {
		lines := strings.Split(screenOf(m), "\n")
		f := strings.Fields(lines[len(lines)-2])
		return f[len(f)-1]
	}
	if got := pct(); got != "0%" {
		t.Errorf("at the top: %s", got)
	}
	m = drive(t, m, press("G"))
	if got := pct(); got != "100%" {
		t.Errorf("at the bottom: %s", got)
	}
	m = drive(t, m, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	r := readerOf(t, m)
	mx := r.vp.TotalLineCount() - r.vp.Height()
	if want := strconv.Itoa(int(float64(mx-3)/float64(mx)*100+0.5)) + "%"; pct() != want { // the wheel moves 3 rows
		t.Errorf("after the wheel: %s; want %s", pct(), want)
	}
	// Another article's dateline replaces the first's.
	m = drive(t, m, press("n"))
	lines := strings.Split(screenOf(m), "\n")
	if foot := lines[len(lines)-2]; !strings.Contains(foot, r.sum.Dateline()) || r.sum.ID != seedArticle().ID {
		t.Errorf("footer %q lacks %q", foot, r.sum.Dateline())
	}
}
