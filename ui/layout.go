package ui

// Layout arithmetic, kept as pure functions so that every size (down to
// 0×0) is table-tested.

import "github.com/newsdesk/newsdesk/ui/render"

// DefaultSplitWidth is the narrowest terminal that shows the list and a
// preview side by side unless Config.SplitWidth says otherwise.
const DefaultSplitWidth = 140

const (
	// maxText is the widest the reader's text gets; wider terminals centre it.
	maxText = render.MaxWidth
)

// splitWidths divides a terminal w cells wide between the list and the
// preview: about 40% for the list, one cell of separator, the rest for the
// preview. Below split cells (Config.SplitWidth), and wherever either pane
// would have no cell, the list takes everything and preview is 0.
func splitWidths(w, split int) (list, preview int) {
	list = w * 40 / 100
	if w < split || list < 1 || w-list-1 < 1 {
		return max(w, 0), 0
	}
	return list, w - list - 1
}

// textWidths is the reader's text width in a pane w cells wide and the
// left margin that centres it: at most maxText columns.
func textWidths(w int) (text, margin int) {
	if w <= 0 {
		return 0, 0
	}
	text = min(w, maxText)
	return text, (w - text) / 2
}

// rest is what remains of n after the given chrome rows, never negative.
func rest(n int, chrome ...int) int {
	for _, c := range chrome {
		n -= c
	}
	return max(n, 0)
}

// itemAt is the row on the page (0 for the first item) of the list item
// under a click y rows below the list's first row, for items height rows
// high with spacing blank rows between them and perPage items on a page.
// A click on the blank rows between two items, above the list or below
// its last row is on none.
func itemAt(y, height, spacing, perPage int) (row int, ok bool) {
	if y < 0 || height <= 0 {
		return 0, false
	}
	per := height + max(spacing, 0)
	row, within := y/per, y%per
	if within >= height || row >= perPage {
		return 0, false
	}
	return row, true
}
