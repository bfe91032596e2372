package ui

import (
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// frame builds a block of text row by row: at most max rows, joined by
// newlines. Rows past max are dropped, as fit would cut them, so a screen
// can write its parts in order and let the height decide what shows.
type frame struct {
	b      strings.Builder
	n, max int
}

// start empties the frame for at most rows rows; size is a guess of its
// length in bytes. (A frame is started in place, never copied: its
// strings.Builder must not be.)
func (f *frame) start(rows, size int) {
	f.b.Reset()
	f.n, f.max = 0, max(rows, 0)
	f.b.Grow(size)
}

// full reports whether the frame has all its rows.
func (f *frame) full() bool { return f.n >= f.max }

// row adds one row; s must not hold a newline.
func (f *frame) row(s string) {
	if f.next() {
		f.put(s)
	}
}

// next starts a row, written with put and spaces; it reports false, and
// starts none, when the frame is full.
func (f *frame) next() bool {
	if f.full() {
		return false
	}
	if f.n > 0 {
		f.b.WriteByte('\n')
	}
	f.n++
	return true
}

// put adds s to the row being written.
func (f *frame) put(s string) { f.b.WriteString(s) }

// spaces adds n spaces to the row being written.
func (f *frame) spaces(n int) {
	const blanks = "                                                                "
	for n > 0 {
		k := min(n, len(blanks))
		f.b.WriteString(blanks[:k])
		n -= k
	}
}

// part lets draw add at most rows rows, then pads them with empty rows to
// rows: what writing fit(body, w, rows) gave, with fit's "" (one empty
// row) when rows is 0.
func (f *frame) part(rows int, draw func(*frame)) {
	if rows <= 0 {
		f.row("")
		return
	}
	outer := f.max
	f.max = min(outer, f.n+rows)
	draw(f)
	f.fill("")
	f.max = outer
}

// rows adds n rows s.
func (f *frame) rows(n int, s string) {
	for range min(n, f.max-f.n) {
		f.row(s)
	}
}

// fill adds rows s until the frame is full.
func (f *frame) fill(s string) { f.rows(f.max-f.n, s) }

// block adds every line of s as a row ("" is one empty row).
func (f *frame) block(s string) {
	for !f.full() {
		line, after, more := strings.Cut(s, "\n")
		f.row(line)
		if !more {
			return
		}
		s = after
	}
}

// fitRow adds s as a row cut to w cells.
func (f *frame) fitRow(s string, w int) { f.row(cut(s, w)) }

// String is the frame's text.
func (f *frame) String() string { return f.b.String() }

// cut is s cut to at most w cells. A string of at most w bytes is at most
// w cells wide (no character is wider than its UTF-8 encoding is long), so
// only longer ones are measured: measuring means grapheme clustering, the
// most expensive thing a frame does.
func cut(s string, w int) string {
	if len(s) <= w || ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "")
}

// fit cuts s to at most h lines of at most w cells, padding to h lines so
// that what follows stays in place.
func fit(s string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	var f frame
	f.start(h, len(s)+h)
	for !f.full() {
		line, after, more := strings.Cut(s, "\n")
		f.fitRow(line, w)
		if !more {
			break
		}
		s = after
	}
	f.fill("")
	return f.String()
}

// indent puts n spaces before every line of s.
func indent(s string, n int) string {
	if n <= 0 {
		return s
	}
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// stripColor removes every colour from s but keeps bold, underline and
// the like (NO_COLOR forbids colour, not emphasis).
func stripColor(s string) string {
	var b strings.Builder
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
	if _, err := w.WriteString(s); err != nil {
		return ansi.Strip(s)
	}
	return b.String()
}
