package ui

import "testing"

func TestPager_MovesLikeTheBubblesList(t *testing.T) {
	type pos struct{ page, cursor int }
	tests := []struct {
		name   string
		n, per int
		start  pos
		move   func(pager) pager
		want   pos
	}{
		{"down within a page", 10, 3, pos{0, 0}, pager.down, pos{0, 1}},
		{"down from a page's last row turns the page", 10, 3, pos{0, 2}, pager.down, pos{1, 0}},
		{"down at the very end stays", 10, 3, pos{3, 0}, pager.down, pos{3, 0}},
		{"up from a page's first row goes back", 10, 3, pos{1, 0}, pager.up, pos{0, 2}},
		{"up at the top stays", 10, 3, pos{0, 0}, pager.up, pos{0, 0}},
		{"next page keeps the row", 10, 3, pos{0, 1}, pager.nextPage, pos{1, 1}},
		{"next page onto a shorter last page clamps the row", 10, 3, pos{2, 2}, pager.nextPage, pos{3, 0}},
		{"next page on the last page clamps only", 10, 3, pos{3, 0}, pager.nextPage, pos{3, 0}},
		{"previous page keeps the row", 10, 3, pos{2, 2}, pager.prevPage, pos{1, 2}},
		{"previous page on the first stays", 10, 3, pos{0, 1}, pager.prevPage, pos{0, 1}},
		{"top", 10, 3, pos{2, 1}, pager.top, pos{0, 0}},
		{"bottom", 10, 3, pos{0, 1}, pager.bottom, pos{3, 0}},
		{"bottom of a full last page", 9, 3, pos{0, 0}, pager.bottom, pos{2, 2}},
		{"empty list: down", 0, 3, pos{0, 0}, pager.down, pos{0, 0}},
		{"empty list: bottom", 0, 3, pos{0, 0}, pager.bottom, pos{0, 0}},
		{"one per page: down", 3, 1, pos{0, 0}, pager.down, pos{1, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pager{n: tt.n, perPage: tt.per, page: tt.start.page, cursor: tt.start.cursor}
			got := tt.move(p)
			if (pos{got.page, got.cursor}) != tt.want {
				t.Errorf("got page %d row %d, want %+v", got.page, got.cursor, tt.want)
			}
		})
	}
}

func TestPager_ResizeKeepsTheSelectedItem(t *testing.T) {
	tests := []struct {
		n, per, index, newN, newPer, want int
	}{
		{10, 3, 7, 10, 4, 7},
		{10, 3, 7, 5, 3, 4}, // the list shrank under the cursor
		{10, 3, 7, 0, 3, 0}, // emptied
		{0, 3, 0, 10, 0, 0}, // rows per page never below one
		{10, 3, 9, 10, 20, 9},
	}
	for _, tt := range tests {
		p := pager{n: tt.n, perPage: tt.per}.selected(tt.index).resize(tt.newN, tt.newPer)
		if p.index() != tt.want || p.perPage < 1 || (p.n > 0 && p.cursor >= p.onPage()) {
			t.Errorf("%+v: index %d (page %d row %d of %d), want %d", tt, p.index(), p.page, p.cursor, p.onPage(), tt.want)
		}
	}
}

func TestPerPageFor_LeavesARowForThePageNumber(t *testing.T) {
	tests := []struct{ h, rows, want int }{
		{20, 3, 6}, {19, 3, 6}, {4, 3, 1}, {3, 3, 1}, {0, 3, 1}, {-5, 3, 1}, {10, 0, 9},
	}
	for _, tt := range tests {
		if got := perPageFor(tt.h, tt.rows); got != tt.want {
			t.Errorf("perPageFor(%d, %d) = %d, want %d", tt.h, tt.rows, got, tt.want)
		}
	}
}
