package reactions

// MinCardWidth is the narrowest a card may be (outer width, borders
// included) when more than one card shares the row: as many cards are
// shown side by side as fit at this width.
const MinCardWidth = 28

// CardGap is the number of blank columns between two cards.
const CardGap = 1

// Row says how the cards are laid out across the panel.
type Row struct {
	// Cols is the number of cards shown side by side (0 when there are
	// no cards or no room).
	Cols int
	// CardWidth is each card's outer width in cells, borders included.
	// Every shown card has this width.
	CardWidth int
	// First is the index of the leftmost card shown.
	First int
}

// Layout places n cards across a panel width cells wide: as many columns
// as fit at MinCardWidth with CardGap between them (at least one, at most
// n), all of equal width, and the window of shown cards moved from its
// previous first card (first) just enough that the focused card is shown.
// Arguments out of range (negative sizes, focus beyond n) are clamped, so
// no result is ever negative.
func Layout(width, n, focused, first int) Row {
	if n <= 0 || width <= 0 {
		return Row{}
	}
	cols := (width + CardGap) / (MinCardWidth + CardGap)
	cols = max(1, min(cols, n))
	cw := (width - CardGap*(cols-1)) / cols
	focused = clamp(focused, 0, n-1)
	if focused < first {
		first = focused
	}
	if focused >= first+cols {
		first = focused - cols + 1
	}
	first = clamp(first, 0, n-cols)
	return Row{Cols: cols, CardWidth: cw, First: first}
}

// Rows says how the panel's height is shared out, top to bottom.
type Rows struct {
	// Notes is the number of lines of the article's notes shown.
	Notes int
	// Gap is the number of blank lines between the notes and the cards.
	Gap int
	// Card is each card's outer height, borders included; 0 when not
	// even a one-line card fits.
	Card int
}

// Heights shares out a panel height cells tall between the notes
// (noteLines lines once wrapped) and the row of cards whose tallest body
// is tallest lines (without borders). Notes get at most 3 lines on a tall
// panel, 2 from 10 lines, 1 from 6 and none below, so that the cards keep
// most of the room; the cards are as tall as the tallest body needs, up to
// what is left.
func Heights(height, noteLines, tallest int) Rows {
	if height <= 0 {
		return Rows{}
	}
	maxNotes := 0
	switch {
	case height >= 20:
		maxNotes = 3
	case height >= 10:
		maxNotes = 2
	case height >= 6:
		maxNotes = 1
	}
	r := Rows{Notes: clamp(noteLines, 0, maxNotes)}
	if r.Notes > 0 && height >= 16 {
		r.Gap = 1
	}
	r.Card = min(max(tallest, 1)+2, height-r.Notes-r.Gap)
	if r.Card < 3 {
		r.Card = 0
	}
	return r
}

// clamp limits v to [lo, hi]; when hi < lo it returns lo.
func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
