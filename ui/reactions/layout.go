package reactions

// The panel's layout arithmetic, as pure functions of sizes and counts:
//
//	Chrome   how many lines the story's header takes (headline, dateline,
//	         section heading) at a panel height;
//	GridFor  how many cards side by side, and how wide, for the body;
//	Bands    the body, top to bottom: notes and rows of cards, a row
//	         ending early where a note comes between two reactions;
//	RowHeights  how tall the cards of each row are;
//	NoteCap  how many lines a run of notes may take;
//	Window   which band is shown first so the focused row is in view.

// MinCardWidth is the narrowest a card may be (outer width, borders
// included) when more than one card shares a row.
const MinCardWidth = 28

// MaxCardWidth is the widest a card may be: longer lines are hard to read
// and to compare, so a wide screen gets more columns (or room to spare)
// rather than wider cards.
const MaxCardWidth = 60

// MinCardHeight is the outer height below which another grid row is not
// worth it (borders, name, role, location, a blank line and six lines
// of quote): columns are added, down to MinCardWidth, until the rows fit
// at this height; when they cannot, rows scroll.
const MinCardHeight = 12

// CardGap is the number of blank columns between two cards.
const CardGap = 1

// Header line counts returned by Chrome.
const (
	// chromeFull is headline, dateline and the section heading.
	chromeFull = 3
	// chromeFullFrom is the panel height from which the section heading
	// has a line of its own.
	chromeFullFrom = 16
	// chromeTwoFrom is the height from which the dateline is shown.
	chromeTwoFrom = 9
	// chromeOneFrom is the height from which the headline is shown.
	chromeOneFrom = 6
)

// Chrome is the number of lines above the cards in a panel height cells
// tall: the headline, the dateline (when the story has one) and the
// reactions section's heading, the latter ones dropped first as the
// panel gets shorter, so that cards keep most of the room.
func Chrome(height int, hasDateline bool) int {
	n := 0
	switch {
	case height >= chromeFullFrom:
		n = chromeFull
	case height >= chromeTwoFrom:
		n = 2
	case height >= chromeOneFrom:
		n = 1
	}
	if !hasDateline && n >= 2 {
		n--
	}
	return n
}

// Grid says how the cards are arranged across the panel.
type Grid struct {
	// Cols is the number of cards side by side (0 when there are no
	// cards or no room).
	Cols int
	// CardWidth is each card's outer width in cells, borders included.
	CardWidth int
	// Rows is the number of grid rows the cards fill (before notes
	// between reactions break rows early).
	Rows int
}

// GridFor arranges n cards in a body width×height cells: enough columns
// that no card is wider than MaxCardWidth; more, down to MinCardWidth,
// while the rows would not fit the height at MinCardHeight; then as few
// columns as give that number of rows while that makes cards wider, so
// that rows are balanced and cards as wide as they may be. Sizes out of range give a zero Grid or
// one full-width column, never a negative value.
func GridFor(width, height, n int) Grid {
	if n <= 0 || width <= 0 {
		return Grid{}
	}
	maxCols := clamp((width+CardGap)/(MinCardWidth+CardGap), 1, n)
	cols := clamp(ceilDiv(width+CardGap, MaxCardWidth+CardGap), 1, maxCols)
	fit := max(height/MinCardHeight, 1)
	for cols < maxCols && ceilDiv(n, cols) > fit {
		cols++
	}
	// Fewer columns where they give as many rows with wider cards.
	rows := ceilDiv(n, cols)
	capped := (width + CardGap) / (MaxCardWidth + CardGap)
	cols = max(ceilDiv(n, rows), min(cols, capped))
	cw := min((width-CardGap*(cols-1))/cols, MaxCardWidth)
	return Grid{Cols: cols, CardWidth: cw, Rows: rows}
}

// Band is one horizontal band of the panel's body: a row of cards
// [First, End), or (First == End) the run of notes [Note, NoteEnd) that
// comes before card First in the file.
type Band struct {
	First, End    int
	Note, NoteEnd int
}

// IsRow reports whether b is a row of cards.
func (b Band) IsRow() bool { return b.End > b.First }

// Bands lays n cards out in rows of at most cols, top to bottom, with the
// notes in their place: after[k] is how many reactions come before note
// k (in file order, so non-decreasing). A note before the first reaction
// is a band above the cards, one after the last a band below them, and
// one between two reactions ends the row there, so the order of the file
// is kept exactly. Values of after out of [0, n] are clamped, and ones
// out of order (a hand-written JSON file) break nothing: such a note
// comes where the next row starts.
func Bands(n, cols int, after []int) []Band {
	n, cols = max(n, 0), max(cols, 1)
	var bands []Band
	k := 0
	notes := func(at int) {
		start := k
		for k < len(after) && clamp(after[k], 0, n) <= at {
			k++
		}
		if k > start {
			bands = append(bands, Band{First: at, End: at, Note: start, NoteEnd: k})
		}
	}
	for i := 0; i < n; {
		notes(i)
		end := min(i+cols, n)
		if k < len(after) {
			end = min(end, max(clamp(after[k], 0, n), i+1))
		}
		bands = append(bands, Band{First: i, End: end})
		i = end
	}
	notes(n)
	return bands
}

// NoteCap is the most lines a run of notes may take in a body height
// tall: a quarter of it, so that notes never crowd out the cards (none
// at all below 4 lines).
func NoteCap(height int) int { return max(height, 0) / 4 }

// RowHeights is the outer height of the cards of each row (every card of
// a row has its row's height) in a body height tall, where natural[r] is
// what row r's tallest card needs, borders included, and notes lines of
// notes are shown, lead of them above the first row:
//   - every row at its natural height when everything fits;
//   - else rows cut, the tallest first, to the greatest height that makes
//     everything fit, if that is at least MinCardHeight;
//   - else rows cut to the height that lets as many rows as fit at
//     MinCardHeight below the leading notes share that room; the rows
//     then scroll.
//
// No row is shorter than 3 lines (a one-line card) nor taller than the
// body; the result is nil when not even that fits.
func RowHeights(height, notes, lead int, natural []int) []int {
	if len(natural) == 0 || height < 3 {
		return nil
	}
	tallest := 3
	for _, h := range natural {
		tallest = max(tallest, h)
	}
	total := func(c int) int {
		t := notes
		for _, h := range natural {
			t += min(max(h, 3), c)
		}
		return t
	}
	c := tallest
	if total(c) > height {
		// The greatest c with total(c) <= height (total grows with c).
		lo, hi := 2, tallest
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if total(mid) <= height {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		c = lo
		if c < MinCardHeight {
			room := height - lead
			if room < 3 {
				// The leading notes leave no room: the window will
				// scroll past them to the cards.
				room = height
			}
			c = min(tallest, room/max(room/MinCardHeight, 1))
		}
	}
	if c < 3 {
		return nil
	}
	out := make([]int, len(natural))
	for r, h := range natural {
		out[r] = min(max(h, 3), c)
	}
	return out
}

// Window returns the first band to show of bands of heights h in a body
// height tall, so that band focus is shown whole and, if they fit with
// it, the bands from band from (<= focus) to band want (>= focus): the
// notes next to the focused row. The previous first band top is kept
// while that holds, so the view only scrolls when the focus leaves it,
// and it moves back up when everything from the band above to the end
// fits (after the panel grows).
func Window(h []int, height, from, focus, want, top int) int {
	if len(h) == 0 {
		return 0
	}
	focus = clamp(focus, 0, len(h)-1)
	from = clamp(from, 0, focus)
	want = clamp(want, focus, len(h)-1)
	sum := func(a, b int) int {
		s := 0
		for _, v := range h[a : b+1] {
			s += v
		}
		return s
	}
	top = clamp(top, 0, focus)
	for top < focus && sum(top, want) > height {
		top++
	}
	for top > from && sum(top-1, want) <= height {
		top--
	}
	for top > 0 && sum(top-1, len(h)-1) <= height {
		top--
	}
	return top
}

// ceilDiv is a/b rounded up, for a >= 0 and b > 0.
func ceilDiv(a, b int) int { return (a + b - 1) / b }

// clamp limits v to [lo, hi]; when hi < lo it returns lo.
func clamp(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
