package ui

import "testing"

func TestSplitWidths_ListTakesFortyPercentFromTheSplitWidth(t *testing.T) {
	tests := []struct{ w, split, list, preview int }{
		{0, DefaultSplitWidth, 0, 0}, {1, DefaultSplitWidth, 1, 0}, {40, DefaultSplitWidth, 40, 0},
		{80, DefaultSplitWidth, 80, 0}, {139, DefaultSplitWidth, 139, 0},
		{140, DefaultSplitWidth, 56, 83}, {160, DefaultSplitWidth, 64, 95}, {200, DefaultSplitWidth, 80, 119},
		{-3, DefaultSplitWidth, 0, 0},
		// the config file's split-width moves the threshold, not the shares
		{99, 100, 99, 0}, {100, 100, 40, 59}, {139, 100, 55, 83}, {200, 300, 200, 0}, {300, 300, 120, 179},
		// a split needs a cell on each side, whatever the threshold
		{1, 0, 1, 0}, {2, 1, 2, 0}, {3, 1, 1, 1}, {5, 1, 2, 2}, {-1, -5, 0, 0},
	}
	for _, tt := range tests {
		l, p := splitWidths(tt.w, tt.split)
		if l != tt.list || p != tt.preview {
			t.Errorf("splitWidths(%d, %d) = %d, %d; want %d, %d", tt.w, tt.split, l, p, tt.list, tt.preview)
		}
		if p > 0 && l+1+p != tt.w {
			t.Errorf("splitWidths(%d, %d): %d+1+%d does not fill the width", tt.w, tt.split, l, p)
		}
	}
}

func TestTextWidths_AtMostHundredColumnsCentred(t *testing.T) {
	tests := []struct{ w, text, margin int }{
		{0, 0, 0}, {1, 1, 0}, {40, 40, 0}, {80, 80, 0}, {100, 100, 0},
		{120, 100, 10}, {121, 100, 10}, {200, 100, 50}, {-1, 0, 0},
	}
	for _, tt := range tests {
		tw, m := textWidths(tt.w)
		if tw != tt.text || m != tt.margin {
			t.Errorf("textWidths(%d) = %d, %d; want %d, %d", tt.w, tw, m, tt.text, tt.margin)
		}
	}
}

func TestRest_NeverNegative(t *testing.T) {
	tests := []struct {
		n      int
		chrome []int
		want   int
	}{
		{24, []int{2}, 22}, {24, []int{1, 2}, 21}, {2, []int{3}, 0}, {0, nil, 0}, {1, []int{1}, 0},
	}
	for _, tt := range tests {
		if got := rest(tt.n, tt.chrome...); got != tt.want {
			t.Errorf("rest(%d, %v) = %d; want %d", tt.n, tt.chrome, got, tt.want)
		}
	}
}

func TestItemAt_RowsOfTwoWithABlankBetween(t *testing.T) {
	tests := []struct {
		y, height, spacing, perPage int
		row                         int
		ok                          bool
	}{
		{0, 2, 1, 6, 0, true}, {1, 2, 1, 6, 0, true}, {2, 2, 1, 6, 0, false}, // the blank row
		{3, 2, 1, 6, 1, true}, {4, 2, 1, 6, 1, true}, {16, 2, 1, 6, 5, true}, {17, 2, 1, 6, 0, false},
		{18, 2, 1, 6, 0, false}, // past the page
		{-1, 2, 1, 6, 0, false}, // above the list
		{5, 1, 0, 10, 5, true}, {5, 0, 0, 10, 0, false},
	}
	for _, tt := range tests {
		row, ok := itemAt(tt.y, tt.height, tt.spacing, tt.perPage)
		if row != tt.row || ok != tt.ok {
			t.Errorf("itemAt(%d, %d, %d, %d) = %d, %v; want %d, %v", tt.y, tt.height, tt.spacing, tt.perPage, row, ok, tt.row, tt.ok)
		}
	}
}
