package reactions

import (
	"fmt"
	"slices"
	"testing"
)

func TestGridFor_Cases(t *testing.T) {
	tests := []struct {
		name             string
		width, height, n int
		want             Grid
	}{
		{"9 at 200×50 fill a 3×3 grid of capped cards", 200, 45, 9, Grid{Cols: 3, CardWidth: 60, Rows: 3}},
		{"2 at 200 columns are capped, not 97 wide", 200, 45, 2, Grid{Cols: 2, CardWidth: 60, Rows: 1}},
		{"4 at 200 columns side by side", 200, 45, 4, Grid{Cols: 4, CardWidth: 49, Rows: 1}},
		{"5 at 200 columns: balanced rows of 3 and 2", 200, 45, 5, Grid{Cols: 3, CardWidth: 60, Rows: 2}},
		{"12 at 200×50: 4 columns, 3 rows", 200, 45, 12, Grid{Cols: 4, CardWidth: 49, Rows: 3}},
		{"4 at 182: three capped cards side by side, not 2×2", 182, 24, 4, Grid{Cols: 3, CardWidth: 60, Rows: 2}},
		{"4 at 120×40: 2×2", 120, 35, 4, Grid{Cols: 2, CardWidth: 59, Rows: 2}},
		{"7 at 120×40: more columns until the rows fit", 120, 35, 7, Grid{Cols: 4, CardWidth: 29, Rows: 2}},
		{"4 at 80×24: two columns, rows scroll", 80, 19, 4, Grid{Cols: 2, CardWidth: 39, Rows: 2}},
		{"40 columns: one card, full width", 40, 8, 4, Grid{Cols: 1, CardWidth: 40, Rows: 4}},
		{"30 columns", 30, 6, 1, Grid{Cols: 1, CardWidth: 30, Rows: 1}},
		{"exactly two minimum cards", 57, 10, 3, Grid{Cols: 2, CardWidth: 28, Rows: 2}},
		{"one cell short of two cards", 56, 10, 3, Grid{Cols: 1, CardWidth: 56, Rows: 3}},
		{"two capped cards fill 121", 121, 100, 2, Grid{Cols: 2, CardWidth: 60, Rows: 1}},
		{"122 columns take a third", 122, 100, 3, Grid{Cols: 3, CardWidth: 40, Rows: 1}},
		{"one reaction on a wide screen is capped", 200, 45, 1, Grid{Cols: 1, CardWidth: 60, Rows: 1}},
		{"narrower than a card", 10, 10, 4, Grid{Cols: 1, CardWidth: 10, Rows: 4}},
		{"no height: as many columns as fit", 200, 0, 9, Grid{Cols: 5, CardWidth: 39, Rows: 2}},
		{"no reactions", 80, 20, 0, Grid{}},
		{"zero width", 0, 20, 4, Grid{}},
		{"negative sizes", -7, -3, 4, Grid{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GridFor(tt.width, tt.height, tt.n); got != tt.want {
				t.Fatalf("GridFor(%d, %d, %d) = %+v, want %+v", tt.width, tt.height, tt.n, got, tt.want)
			}
		})
	}
}

// TestGridFor_Sweep checks the grid's rules at every width from 30 to
// 200, height from 10 to 60 and count from 1 to 12.
func TestGridFor_Sweep(t *testing.T) {
	for w := 30; w <= 200; w++ {
		for h := 10; h <= 60; h++ {
			for n := 1; n <= 12; n++ {
				g := GridFor(w, h, n)
				at := fmt.Sprintf("GridFor(%d, %d, %d) = %+v", w, h, n, g)
				maxCols := clamp((w+CardGap)/(MinCardWidth+CardGap), 1, n)
				switch {
				case g.Cols < 1 || g.Cols > n:
					t.Fatalf("%s: columns out of [1, %d]", at, n)
				case g.Rows != ceilDiv(n, g.Cols):
					t.Fatalf("%s: %d rows for %d cards", at, g.Rows, n)
				case g.Cols > 1 && ceilDiv(n, g.Cols-1) == g.Rows && min((w-CardGap*(g.Cols-2))/(g.Cols-1), MaxCardWidth) > g.CardWidth:
					t.Fatalf("%s: rows not balanced (fewer columns give as many rows of wider cards)", at)
				case g.CardWidth > MaxCardWidth:
					t.Fatalf("%s: card wider than %d", at, MaxCardWidth)
				case g.Cols*g.CardWidth+(g.Cols-1)*CardGap > w:
					t.Fatalf("%s: wider than %d", at, w)
				case g.Cols > 1 && g.CardWidth < MinCardWidth:
					t.Fatalf("%s: cards narrower than %d side by side", at, MinCardWidth)
				case g.Cols == 1 && g.CardWidth != min(w, MaxCardWidth):
					t.Fatalf("%s: a single column is not as wide as it may be", at)
				case ceilDiv(n, maxCols)*MinCardHeight <= h && g.Rows*MinCardHeight > h:
					t.Fatalf("%s: %d rows do not fit %d lines although %d columns would", at, g.Rows, h, maxCols)
				}
				// A row of capped cards leaves no room for another card
				// of the cap's width beside it, unless every card is in it.
				if g.CardWidth == MaxCardWidth && g.Cols < n && (g.Cols+1)*(MaxCardWidth+CardGap)-CardGap <= w {
					t.Fatalf("%s: room for another capped column", at)
				}
			}
		}
	}
}

func TestChrome(t *testing.T) {
	tests := []struct {
		height   int
		dateline bool
		want     int
	}{
		{40, true, 3}, {16, true, 3}, {15, true, 2}, {9, true, 2}, {8, true, 1}, {6, true, 1}, {5, true, 0},
		{40, false, 2}, {16, false, 2}, {12, false, 1}, {7, false, 1}, {0, true, 0}, {-3, false, 0},
	}
	for _, tt := range tests {
		if got := Chrome(tt.height, tt.dateline); got != tt.want {
			t.Errorf("Chrome(%d, %v) = %d, want %d", tt.height, tt.dateline, got, tt.want)
		}
	}
}

func TestBands(t *testing.T) {
	row := func(a, b int) Band { return Band{First: a, End: b} }
	note := func(at, k, end int) Band { return Band{First: at, End: at, Note: k, NoteEnd: end} }
	tests := []struct {
		name    string
		n, cols int
		after   []int
		want    []Band
	}{
		{"rows of two", 4, 2, nil, []Band{row(0, 2), row(2, 4)}},
		{"a short last row", 5, 2, nil, []Band{row(0, 2), row(2, 4), row(4, 5)}},
		{"a note before the quotes", 4, 2, []int{0}, []Band{note(0, 0, 1), row(0, 2), row(2, 4)}},
		{"a note after the quotes stays after them", 4, 2, []int{4}, []Band{row(0, 2), row(2, 4), note(4, 0, 1)}},
		{"a note between reactions ends the row", 5, 3, []int{2}, []Band{row(0, 2), note(2, 0, 1), row(2, 5)}},
		{"notes everywhere", 4, 3, []int{0, 1, 4}, []Band{note(0, 0, 1), row(0, 1), note(1, 1, 2), row(1, 4), note(4, 2, 3)}},
		{"two notes at one place are one band", 2, 2, []int{1, 1}, []Band{row(0, 1), note(1, 0, 2), row(1, 2)}},
		{"notes without reactions", 0, 3, []int{0, 0}, []Band{note(0, 0, 2)}},
		{"places out of range are clamped", 3, 2, []int{-5, 99}, []Band{note(0, 0, 1), row(0, 2), row(2, 3), note(3, 1, 2)}},
		{"places out of order (a hostile JSON file) break nothing", 9, 3, []int{5, 0}, []Band{row(0, 3), row(3, 5), note(5, 0, 2), row(5, 8), row(8, 9)}},
		{"zero columns count as one", 3, 0, nil, []Band{row(0, 1), row(1, 2), row(2, 3)}},
		{"nothing", 0, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bands(tt.n, tt.cols, tt.after); !slices.Equal(got, tt.want) {
				t.Fatalf("Bands(%d, %d, %v) = %+v, want %+v", tt.n, tt.cols, tt.after, got, tt.want)
			}
		})
	}
}

func TestNoteCap(t *testing.T) {
	for h, want := range map[int]int{-1: 0, 0: 0, 3: 0, 4: 1, 8: 2, 19: 4, 45: 11} {
		if got := NoteCap(h); got != want {
			t.Errorf("NoteCap(%d) = %d, want %d", h, got, want)
		}
	}
}

func TestRowHeights(t *testing.T) {
	tests := []struct {
		name                string
		height, notes, lead int
		natural, want       []int
	}{
		{"everything fits at its height", 35, 0, 0, []int{12, 12}, []int{12, 12}},
		{"rows keep their own heights", 30, 2, 1, []int{20, 8}, []int{20, 8}},
		{"the tallest row is cut first", 28, 2, 1, []int{20, 8}, []int{18, 8}},
		{"a very long quote does not starve the others", 35, 0, 0, []int{40, 7}, []int{28, 7}},
		{"9 short cards and two notes at 200×50", 45, 2, 1, []int{11, 11, 11}, []int{11, 11, 11}},
		{"too tall to share: one row at a time", 19, 0, 0, []int{16, 16}, []int{16, 16}},
		{"cut to the rows that fit at the minimum", 37, 3, 3, []int{40, 40, 40}, []int{17, 17, 17}},
		{"the leading notes keep their room", 8, 2, 2, []int{10}, []int{6}},
		{"leading notes that leave no room are scrolled past", 4, 2, 2, []int{10}, []int{4}},
		{"an empty card still has a line", 60, 0, 0, []int{1}, []int{3}},
		{"no room for a card", 2, 0, 0, []int{5}, nil},
		{"no rows", 10, 0, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RowHeights(tt.height, tt.notes, tt.lead, tt.natural)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("RowHeights(%d, %d, %d, %v) = %v, want %v", tt.height, tt.notes, tt.lead, tt.natural, got, tt.want)
			}
			for _, h := range got {
				if h > tt.height {
					t.Errorf("a row of %d lines in %d", h, tt.height)
				}
			}
		})
	}
}

func TestWindow(t *testing.T) {
	tests := []struct {
		name                           string
		h                              []int
		height, from, focus, want, top int
		first                          int
	}{
		{"everything fits", []int{2, 10, 10}, 30, 1, 1, 1, 0, 0},
		{"the focused row scrolls into view", []int{2, 16, 16}, 19, 2, 2, 2, 0, 2},
		{"back up to an earlier row", []int{2, 16, 16}, 19, 1, 1, 1, 2, 1},
		{"back to the first row brings the notes above it", []int{2, 16, 16}, 19, 0, 1, 1, 2, 0},
		{"the window stays while the focus is in it", []int{16, 16, 16, 16}, 40, 2, 2, 2, 1, 1},
		{"the last row brings the notes after it", []int{2, 16, 16, 2}, 19, 2, 2, 3, 0, 2},
		{"notes that do not fit with the last row give way", []int{16, 16, 5}, 19, 1, 1, 2, 0, 1},
		{"notes above that do not fit give way", []int{5, 16}, 19, 0, 1, 1, 0, 1},
		{"moves back up when the panel grows", []int{2, 10, 10, 2}, 30, 2, 2, 3, 2, 0},
		{"arguments out of range are clamped", []int{10, 10}, 10, -4, 7, 9, 0, 1},
		{"no bands", nil, 10, 0, 0, 0, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Window(tt.h, tt.height, tt.from, tt.focus, tt.want, tt.top); got != tt.first {
				t.Fatalf("Window(%v, %d, %d, %d, %d, %d) = %d, want %d", tt.h, tt.height, tt.from, tt.focus, tt.want, tt.top, got, tt.first)
			}
		})
	}
}
