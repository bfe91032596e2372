package reactions

import "testing"

func TestLayout_ColumnsWidthsAndWindow(t *testing.T) {
	tests := []struct {
		name                     string
		width, n, focused, first int
		want                     Row
	}{
		{"80 columns fit two", 80, 4, 0, 0, Row{Cols: 2, CardWidth: 39}},
		{"120 columns fit four", 120, 4, 0, 0, Row{Cols: 4, CardWidth: 29}},
		{"40 columns stack to one", 40, 4, 0, 0, Row{Cols: 1, CardWidth: 40}},
		{"200 columns with 7 reactions show 6", 200, 7, 0, 0, Row{Cols: 6, CardWidth: 32}},
		{"200 columns, focus on the 7th scrolls by one", 200, 7, 6, 0, Row{Cols: 6, CardWidth: 32, First: 1}},
		{"never more columns than cards", 120, 2, 0, 0, Row{Cols: 2, CardWidth: 59}},
		{"exactly two minimum cards", 57, 3, 0, 0, Row{Cols: 2, CardWidth: 28}},
		{"one cell short of two cards", 56, 3, 0, 0, Row{Cols: 1, CardWidth: 56}},
		{"narrower than a card: one card, full width", 10, 4, 0, 0, Row{Cols: 1, CardWidth: 10}},
		{"focus right of the window scrolls it right", 120, 7, 5, 0, Row{Cols: 4, CardWidth: 29, First: 2}},
		{"focus left of the window scrolls it left", 120, 7, 1, 3, Row{Cols: 4, CardWidth: 29, First: 1}},
		{"focus inside the window keeps it", 120, 7, 4, 2, Row{Cols: 4, CardWidth: 29, First: 2}},
		{"one column follows the focus", 40, 7, 4, 0, Row{Cols: 1, CardWidth: 40, First: 4}},
		{"window never runs past the last card", 120, 7, 6, 6, Row{Cols: 4, CardWidth: 29, First: 3}},
		{"window grows back after a widening", 200, 4, 3, 3, Row{Cols: 4, CardWidth: 49}},
		{"focus beyond n is clamped", 80, 4, 10, 0, Row{Cols: 2, CardWidth: 39, First: 2}},
		{"negative focus and first are clamped", 80, 4, -3, -5, Row{Cols: 2, CardWidth: 39}},
		{"no reactions", 80, 0, 0, 0, Row{}},
		{"zero width", 0, 4, 0, 0, Row{}},
		{"negative width", -7, 4, 0, 0, Row{}},
		{"one cell", 1, 4, 2, 0, Row{Cols: 1, CardWidth: 1, First: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Layout(tt.width, tt.n, tt.focused, tt.first)
			if got != tt.want {
				t.Fatalf("Layout(%d, %d, %d, %d) = %+v, want %+v", tt.width, tt.n, tt.focused, tt.first, got, tt.want)
			}
			if got.Cols > 0 {
				used := got.Cols*got.CardWidth + (got.Cols-1)*CardGap
				if used > tt.width {
					t.Errorf("cards use %d columns of %d", used, tt.width)
				}
			}
		})
	}
}

func TestHeights_SharesThePane(t *testing.T) {
	tests := []struct {
		name                       string
		height, noteLines, tallest int
		want                       Rows
	}{
		{"no notes, short quotes set the height", 24, 0, 14, Rows{Card: 16}},
		{"tall quotes are cut at the pane", 24, 0, 40, Rows{Card: 24}},
		{"notes get three lines and a gap on a tall pane", 40, 5, 40, Rows{Notes: 3, Gap: 1, Card: 36}},
		{"fewer notes than allowed", 40, 1, 10, Rows{Notes: 1, Gap: 1, Card: 12}},
		{"12 lines: two lines of notes, no gap", 12, 2, 20, Rows{Notes: 2, Card: 10}},
		{"12 lines, many notes: still two", 12, 6, 20, Rows{Notes: 2, Card: 10}},
		{"6 lines: one line of notes", 6, 3, 20, Rows{Notes: 1, Card: 5}},
		{"5 lines: no notes", 5, 2, 10, Rows{Card: 5}},
		{"3 lines: a one-line card", 3, 0, 10, Rows{Card: 3}},
		{"2 lines: no card fits", 2, 0, 10, Rows{}},
		{"an empty card still has one line", 8, 1, 0, Rows{Notes: 1, Card: 3}},
		{"zero height", 0, 3, 10, Rows{}},
		{"negative height", -4, 3, 10, Rows{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Heights(tt.height, tt.noteLines, tt.tallest)
			if got != tt.want {
				t.Fatalf("Heights(%d, %d, %d) = %+v, want %+v", tt.height, tt.noteLines, tt.tallest, got, tt.want)
			}
			if got.Notes+got.Gap+got.Card > max(tt.height, 0) {
				t.Errorf("uses %d lines of %d", got.Notes+got.Gap+got.Card, tt.height)
			}
		})
	}
}
