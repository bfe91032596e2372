package ui

// Layout arithmetic, kept as pure functions so that every size (down to
// 0×0) is table-tested.

const (
	// wideMin is the narrowest terminal that shows the list and a preview
	// side by side.
	wideMin = 140
	// maxText is the widest the reader's text gets; wider terminals centre it.
	maxText = 100
)

// splitWidths divides a terminal w cells wide between the list and the
// preview: about 40% for the list, one cell of separator, the rest for the
// preview. Below wideMin the list takes everything and preview is 0.
func splitWidths(w int) (list, preview int) {
	if w < wideMin {
		return max(w, 0), 0
	}
	list = w * 40 / 100
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
